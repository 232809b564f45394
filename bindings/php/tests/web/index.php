<?php

declare(strict_types=1);

// The seed job in a web request: only what preload.php set up is available.
$sop = Sopkit\Sop::loadFile(getenv('SOPKIT_SOURCE_DIR') . '/examples/sop-monev-capaian-kinerja.json');
$analysis = $sop->analyze();
header('Content-Type: text/plain');
echo 'ffi.enable=', ini_get('ffi.enable'), "\n";
echo 'steps=', $sop->stepCount(), "\n";
echo 'format=', $analysis['format'], "\n";
try {
    Sopkit\Sop::loadJson('{');
} catch (Sopkit\ParseException $e) {
    echo 'error=', $e->getMessage(), "\n";
}
