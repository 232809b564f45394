<?php
// bulk.php — the PHP side of bench/embed/compare_embed.py: the bulk calls and
// the single calendar call through bindings/php, on the files bench/embed/bulk.c
// wrote, with the same output lines as bulk.c ("<name> <seconds>", "checksum ...").
//
//   php -d ffi.enable=1 -d memory_limit=-1 bench/php/bulk.php DIR N CALLS

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/tests/bootstrap.php';

use Sopkit\Calendar;
use Sopkit\Cells;
use Sopkit\Library;

[, $dir, $n, $calls] = $argv;
$n = (int) $n;
$calls = (int) $calls;

/** Fills C arrays of the given byte sizes, in order, from one binary file. */
function load(string $path, FFI\CData ...$arrays): void
{
    $bytes = file_get_contents($path);
    $offset = 0;
    foreach ($arrays as $array) {
        $size = FFI::sizeof($array);
        FFI::memcpy($array, substr($bytes, $offset, $size), $size);
        $offset += $size;
    }
}

$target = Library::array('double', $n);
$realisation = Library::array('double', $n);
$polarity = Library::array('uint8_t', $n);
$start = Library::array('int64_t', $n);
$minutes = Library::array('int64_t', $n);
$t0 = hrtime(true);
load("$dir/cells.bin", $target, $realisation, $polarity);
load("$dir/minutes.bin", $start, $minutes);
printf("php_load_files %.6f\n", (hrtime(true) - $t0) / 1e9);
$achievement = Library::array('double', $n);
$band = Library::array('uint8_t', $n);
$out = Library::array('int64_t', $n);
$cal = Calendar::asn(2015, 2026);

$t0 = hrtime(true);
Cells::evaluate($target, $realisation, $polarity, $n, $achievement, $band);
printf("evaluate_cells %.6f\n", (hrtime(true) - $t0) / 1e9);
$t0 = hrtime(true);
$cal->addMinutesBulk($start, $minutes, $out, $n);
printf("calendar_add_minutes_bulk %.6f\n", (hrtime(true) - $t0) / 1e9);
$t0 = hrtime(true);
for ($i = 0; $i < $calls; $i++) {
    $out[$i] = $cal->addMinutes($start[$i], $minutes[$i]);
}
printf("calendar_add_minutes_per_call %.6f\n", (hrtime(true) - $t0) / 1e9);

$sum = 0.0;
$bands = 0;
$nan = 0;
$total = 0;
for ($i = 0; $i < $n; $i++) {
    $a = $achievement[$i];
    if (is_nan($a)) {
        $nan++;
    } else {
        $sum += $a;
    }
    $bands += $band[$i];
    $total += $out[$i];
}
printf("checksum evaluate_cells %.6f %d %d\n", $sum, $bands, $nan);
printf("checksum calendar_add_minutes %d\n", $total);
