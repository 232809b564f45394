<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Sopkit\Calendar;
use Sopkit\Cells;
use Sopkit\InvalidArgumentException;
use Sopkit\Library;
use Sopkit\RangeException;

final class BulkTest extends TestCase
{
    public function testCellsEvaluateInPlace(): void
    {
        $achievement = Library::array('double', 3);
        $band = Library::array('uint8_t', 3);
        Cells::evaluate(Library::array('double', [80, 0, 80]), Library::array('double', [60, 5, NAN]),
            Library::array('uint8_t', [0, 0, 1]), 3, $achievement, $band);
        $this->assertSame(75.0, $achievement[0]);
        $this->assertSame(3, $band[0]);
        $this->assertNan($achievement[1]);
        $this->assertSame(0, $band[1]);
        $this->assertSame(0, $band[2]);
    }

    public function testCellsRefuseAnNLargerThanAnArray(): void
    {
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('n = 4 but array 2 has 3 elements');
        $x = Library::array('double', 4);
        Cells::evaluate($x, Library::array('double', 3), Library::array('uint8_t', 4), 4, null, null);
    }

    public function testCalendarBulkEqualsTheSingleCall(): void
    {
        $cal = Calendar::load('id-2024');
        $t = Calendar::instant('2024-04-05T08:00');
        $start = Library::array('int64_t', [$t, $t, $t]);
        $minutes = Library::array('int64_t', [0, 60, 450]);
        $out = Library::array('int64_t', 3);
        $cal->addMinutesBulk($start, $minutes, $out, 3);
        for ($i = 0; $i < 3; $i++) {
            $this->assertSame($cal->addMinutes($t, $minutes[$i]), $out[$i]);
        }
        $this->assertSame('2024-04-05T09:00', Calendar::format($out[1]));
        $this->expectException(RangeException::class);
        // The advice names the PHP call, not the C one.
        $this->expectExceptionMessage('e.g. Sopkit\\Calendar::load("id-2023..2026")');
        $cal->addMinutes(Calendar::instant('2030-01-02T08:00'), 1);
    }

    public function testCalendarBulkNamesTheFailingElement(): void
    {
        $cal = Calendar::load('id-2024');
        $t = Calendar::instant('2024-04-05T08:00');
        try {
            $cal->addMinutesBulk(Library::array('int64_t', [$t, $t]), Library::array('int64_t', [0, -5]),
                Library::array('int64_t', 2), 2);
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('1', $e->getMessage());
        }
    }
}
