<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Sopkit\Calendar;
use Sopkit\FormatException;
use Sopkit\IndicatorSet;
use Sopkit\InvalidArgumentException;
use Sopkit\IoException;
use Sopkit\Library;
use Sopkit\NotFoundException;
use Sopkit\ParseException;
use Sopkit\Runs;
use Sopkit\Sop;
use Sopkit\Store;

final class RunsStoreTest extends TestCase
{
    private static function example(string $name): string
    {
        return getenv('SOPKIT_SOURCE_DIR') . '/examples/' . $name;
    }

    private static function seed(): Sop
    {
        return Sop::loadFile(self::example('sop-monev-capaian-kinerja.json'));
    }

    private string $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/sopkit-php-' . bin2hex(random_bytes(6));
        mkdir($this->dir);
    }

    protected function tearDown(): void
    {
        array_map('unlink', glob($this->dir . '/*') ?: []);
        rmdir($this->dir);
    }

    public function testRunsCompareOnTheCalendar(): void
    {
        $runs = Runs::loadFile(self::seed(), self::example('runs-monev-capaian-kinerja.csv'));
        $counts = $runs->counts();
        $this->assertGreaterThan(0, $counts['runs']);
        $this->assertGreaterThanOrEqual($counts['runs'], $counts['events']);
        $this->assertSame('sopkit.runs/1', $runs->toArray()['format']);
        $comparison = $runs->compare(Calendar::load('id-2024'));
        $this->assertSame('sopkit.runs-comparison/1', $comparison['format']);
        $again = Runs::loadJson(self::seed(), json_encode($runs->toArray(), JSON_THROW_ON_ERROR));
        $this->assertSame($counts, $again->counts());
        $runs->close();
        $runs->close();
        $this->expectException(InvalidArgumentException::class);
        $runs->counts();
    }

    public function testRunsNamingAnUnknownStepAreRefused(): void
    {
        try {
            Runs::loadCsv(self::seed(), "case,step,start,end\nA,nope,2024-07-01T08:00,2024-07-01T09:00\n");
            $this->fail('no exception');
        } catch (FormatException $e) {
            $this->assertStringContainsString('nope', $e->getMessage());
        }
        $this->expectException(IoException::class);
        Runs::loadFile(self::seed(), '/nonexistent/runs.csv');
    }

    public function testStoreKeepsRevisionsAndRefusesAnIdenticalOne(): void
    {
        $this->assertSame(Library::ffi()->SOPKIT_STORE_READ_ONLY, Store::READ_ONLY);
        $this->assertSame(Library::ffi()->SOPKIT_STORE_NO_CREATE, Store::NO_CREATE);
        $store = Store::open($this->dir . '/records.db');
        $sop = self::seed();
        $this->assertSame(1, $store->putRevision($sop, 'Budi', '2023-01-01', 'terbit'));
        try {
            $store->putRevision($sop, 'Budi');
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('identical', $e->getMessage());
        }
        $revisions = $store->revisions();
        $this->assertCount(1, $revisions);
        $this->assertSame('Budi', $revisions[0]['author']);
        $number = $revisions[0]['sop_number'];
        $this->assertSame($sop->toArray(), $store->revision($number)->toArray());
        $this->assertSame('sopkit.sopdiff/1', $store->diff($number, 1, 1)['format']);
        $this->expectException(NotFoundException::class);
        $store->revision($number, 9);
    }

    public function testStoreKeepsValuesWithTheirAuditTrail(): void
    {
        $store = Store::open($this->dir . '/records.db');
        $set = IndicatorSet::loadFile(self::example('indicators-disdikbud-2024.csv'));
        $this->assertGreaterThan(0, $store->importIndicators($set, 'Siti', 'impor'));
        $this->assertTrue($store->setValue('IKU-01', '2024-Q2', 'realisation', 99.0, 'Siti', 'koreksi'));
        $this->assertFalse($store->setValue('IKU-01', '2024-Q2', 'realisation', 99.0, 'Siti', 'lagi'));
        $this->assertTrue($store->setValue('IKU-01', '2024-Q2', 'realisation', null, 'Siti', 'kosongkan'));
        $audit = $store->audit('IKU-01');
        $this->assertSame(['koreksi', 'kosongkan'], array_slice(array_column($audit, 'reason'), -2));
        $this->assertNull(end($audit)['new']);
        $this->assertSame($set->counts()['indicators'], $store->indicators()->counts()['indicators']);
        $this->expectException(InvalidArgumentException::class);
        $store->setValue('IKU-01', '2024-Q2', 'nope', 1.0, 'Siti');
    }

    public function testStoreKeepsRunsAndReports(): void
    {
        $store = Store::open($this->dir . '/records.db');
        $store->putRevision(self::seed(), 'Budi');
        $number = $store->revisions()[0]['sop_number'];
        $this->assertGreaterThan(0, $store->putRun($number, 0, ['ok' => true], 'TW2'));
        $runs = $store->runs($number);
        $this->assertCount(1, $runs);
        $this->assertSame(['ok' => true], $runs[0]['document']);
        $this->assertGreaterThan(0, $store->putReport('html', 'monev.html', '<p>laporan</p>', $number));
        $this->expectException(NotFoundException::class);
        $store->putRun('no/such/sop', 0, []);
    }

    public function testStoreOpenErrors(): void
    {
        $this->expectException(IoException::class);
        Store::open($this->dir . '/missing.db', Store::NO_CREATE);
    }

    public function testStoreRefusesAFileThatIsNotSqlite(): void
    {
        file_put_contents($this->dir . '/text.db', str_repeat('not a database ', 100));
        $this->expectException(FormatException::class);
        Store::open($this->dir . '/text.db');
    }

    public function testParseErrorOfARunDocument(): void
    {
        $this->expectException(ParseException::class);
        Runs::loadJson(self::seed(), '{');
    }
}
