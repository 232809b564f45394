<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Sopkit\Calendar;
use Sopkit\Exception;
use Sopkit\FormatException;
use Sopkit\IndicatorSet;
use Sopkit\IoException;
use Sopkit\Library;
use Sopkit\NotFoundException;
use Sopkit\ParseException;
use Sopkit\Sop;

final class SopkitTest extends TestCase
{
    private static function example(string $name): string
    {
        return getenv('SOPKIT_SOURCE_DIR') . '/examples/' . $name;
    }

    public function testSeedSopAnalysesToTheStandardTime(): void
    {
        $sop = Sop::loadFile(self::example('sop-monev-capaian-kinerja.json'));
        $this->assertGreaterThan(0, $sop->stepCount());
        $analysis = $sop->analyze();
        $this->assertSame('sopkit.analysis/2', $analysis['format']);
        $this->assertSame([], array_filter($sop->validate(), fn ($d) => $d['severity'] === 'error'));
        $sop->close();
        $sop->close(); // idempotent
    }

    public function testMalformedJsonThrowsParseExceptionWithLineAndColumn(): void
    {
        try {
            Sop::loadJson('{');
            $this->fail('no exception');
        } catch (ParseException $e) {
            $this->assertSame(-2, $e->status());
            $this->assertStringStartsWith('<json>:1:2: not valid JSON', $e->getMessage());
        }
    }

    public function testWrongStructureThrowsFormatExceptionWithPointer(): void
    {
        $this->expectException(FormatException::class);
        Sop::loadJson('{"format": 7}');
    }

    public function testMissingFileThrowsIoException(): void
    {
        $this->expectException(IoException::class);
        Sop::loadFile('/nonexistent/sop.json');
    }

    public function testClosedHandleRefusesUse(): void
    {
        $sop = Sop::loadFile(self::example('sop-monev-capaian-kinerja.json'));
        $sop->close();
        $this->expectException(Exception::class);
        $sop->stepCount();
    }

    public function testIndicatorsEvaluateToRowsCsvAndJson(): void
    {
        $set = IndicatorSet::loadFile(self::example('indicators-disdikbud-2024.csv'));
        $this->assertGreaterThan(0, $set->counts()['indicators']);
        $ev = $set->evaluate('2024-Q2');
        $rows = $ev->rows();
        $this->assertCount($ev->count(), $rows);
        $this->assertSame(['2024-Q2'], array_values(array_unique(array_column($rows, 'period'))));
        $this->assertStringContainsString('IKU-01', $ev->toCsv());
        $this->assertIsArray($ev->toArray());
    }

    public function testAPeriodBeforeTheScaleIsComputedNotRatedWithANote(): void
    {
        $set = IndicatorSet::loadCsv("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
            . "Dinas,K1,x,%,positive,last,1,2020,100,92\n");
        $ev = $set->evaluate(scale: 'sakip-88-2021');
        $row = $ev->rows()[0];
        $this->assertSame(92.0, $row['achievement']);
        $this->assertSame(0, $row['band']);
        $this->assertCount(1, $ev->notes());
        $this->assertStringContainsString('no version of the scale is in force on 2020-12-31', $ev->notes()[0]);
        $this->assertSame([], $set->evaluate()->notes());
        $this->expectException(\Sopkit\InvalidArgumentException::class);
        $set->evaluate(capPercent: 105);
    }

    public function testTwoThreadsEvaluateAsOne(): void
    {
        // 2 500 indicators with a year and four quarters: past the size at which
        // a second thread starts.
        $csv = "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";
        for ($i = 0; $i < 2500; $i++) {
            $csv .= sprintf("Dinas/Bidang %d,K%04d,x,%%,positive,last,1,2024,%d,\n", $i % 7, $i, 50 + $i % 50);
            foreach ([1, 2, 3, 4] as $q) {
                $csv .= sprintf("Dinas/Bidang %d,K%04d,,,,,,2024-Q%d,%d,%d\n", $i % 7, $i, $q, 40 + $i % 60, 30 + ($i * $q) % 70);
            }
        }
        $set = IndicatorSet::loadCsv($csv);
        $one = $set->evaluate(threads: 1)->toCsv();
        $this->assertSame($one, $set->evaluate(threads: 2)->toCsv());
        $this->assertStringContainsString('K2499', $one);
        $this->expectException(\Sopkit\InvalidArgumentException::class);
        $set->evaluate(threads: -1);
    }

    public function testTwoThreadsLoadAsOne(): void
    {
        // A CSV file of about 5 MB: past the size two threads read.
        $csv = "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";
        for ($i = 0; $i < 15000; $i++) {
            $unit = sprintf('Dinas/Bidang %d/Seksi %d', $i % 40, $i % 7);
            $csv .= sprintf("%s,IKU-%05d,Indikator %d,%%,positive,sum,1,2024,%d.5,\n", $unit, $i, $i, 90 + $i % 20);
            foreach ([1, 2, 3, 4] as $q) {
                $csv .= sprintf("%s,IKU-%05d,,,,,,2024-Q%d,%d,%d.25\n", $unit, $i, $q, 20 + $q, 15 + ($i + $q) % 9);
            }
        }
        $path = tempnam(sys_get_temp_dir(), 'sopkit-php-load');
        file_put_contents($path, $csv);
        try {
            $one = IndicatorSet::loadFile($path);
            $two = IndicatorSet::loadFile($path, threads: 2);
            $this->assertSame(['indicators' => 15000, 'units' => 321, 'rows' => 75000], $two->counts());
            $this->assertSame($one->evaluate()->toCsv(), $two->evaluate()->toCsv());
            $this->expectException(\Sopkit\InvalidArgumentException::class);
            IndicatorSet::loadFile($path, decimalMark: 'koma');
        } finally {
            unlink($path);
        }
    }

    public function testDecimalMarkOfAFile(): void
    {
        $path = tempnam(sys_get_temp_dir(), 'sopkit-php-pagu');
        file_put_contents($path, "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n"
            . "D/A;K1;Pagu;Rp;positive;last;1;2024;1.200;1.100\n");
        try {
            $row = IndicatorSet::loadFile($path, decimalMark: 'comma')->evaluate()->rows()[0];
            $this->assertSame(1200.0, $row['target']);
            $this->expectException(\Sopkit\FormatException::class);
            IndicatorSet::loadFile($path);
        } finally {
            unlink($path);
        }
    }

    public function testUnknownPeriodTextThrows(): void
    {
        $set = IndicatorSet::loadFile(self::example('indicators-disdikbud-2024.csv'));
        $this->expectException(\Sopkit\InvalidArgumentException::class);
        $set->evaluate('2024-Q9');
    }

    public function testCalendarAddsWorkingTimeAndRefusesUnknownId(): void
    {
        $cal = Calendar::load('id-2024');
        $this->assertSame('2024-04-05T09:00', $cal->addText('2024-04-05T08:00', '1 jam'));
        $this->assertSame(60, $cal->minutesBetween('2024-04-05T08:00', '2024-04-05T09:00'));
        $this->expectException(NotFoundException::class);
        Calendar::load('id-1066');
    }

    public function testScheduleOnTheCalendarGivesTheDueDate(): void
    {
        $sop = Sop::loadFile(self::example('sop-monev-capaian-kinerja.json'));
        $plan = $sop->schedule(Calendar::load('id-2024'), '2024-07-01T07:30');
        $this->assertSame('2024-08-13T11:00', $plan['due']);
        $this->expectException(\Sopkit\RangeException::class);
        $sop->schedule(Calendar::asn(2024, 2024), '2024-12-30T07:30');
    }

    public function testEnumConstantsReachPhp(): void
    {
        $this->assertSame(1, Library::ffi()->SOPKIT_POLARITY_NEGATIVE);
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+$/', Library::version());
    }
}
