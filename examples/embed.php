<?php
// embed.php — sopkit from PHP (bindings/php over FFI): what embed.c does. The
// seed SOP's standard time and due date on the 2024 working calendar, then the
// quarter's capaian kinerja.
//
//   php -d ffi.enable=1 examples/embed.php examples/sop-monev-capaian-kinerja.json \
//       examples/indicators-disdikbud-2024.csv
// (with Composer: require 'vendor/autoload.php' instead of the autoloader below)

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Sopkit\\')) {
        require __DIR__ . '/../bindings/php/src/' . str_replace('\\', '/', substr($class, 7)) . '.php';
    }
});

if ($argc !== 3) {
    fwrite(STDERR, "usage: {$argv[0]} SOP.json INDICATORS.csv\n");
    exit(2);
}
try {
    $sop = Sopkit\Sop::loadFile($argv[1]);
    $total = $sop->analyze()['total'];
    printf("standard time: %s (%.0f working minutes)\n", $total['text'], $total['working_minutes']);

    $plan = $sop->schedule(Sopkit\Calendar::load('id-2024'), '2024-07-01T07:30');
    printf("started %s, due %s\n", $plan['start'], $plan['due']);

    $evaluation = Sopkit\IndicatorSet::loadFile($argv[2])->evaluate('2024-Q2');
    foreach ($evaluation->rows() as $row) {
        if ($row['reason'] === '') {
            printf("%-8s %s %7.2f %% %s\n", $row['indicator'], $row['period'], $row['achievement'],
                $row['predicate']);
        } else {
            printf("%-8s %s not computable (%s)\n", $row['indicator'], $row['period'], $row['reason']);
        }
    }
} catch (Sopkit\Exception $e) {
    fwrite(STDERR, $e->getMessage() . "\n");
    exit(1);
}
