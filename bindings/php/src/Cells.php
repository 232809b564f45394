<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** Capaian of raw cells without building a set: the bulk kernel over C arrays. */
final class Cells
{
    /**
     * For i < n: achievement[i] = capaian of (target[i], realisation[i],
     * polarity[i]) in percent (NaN when not computable) and band[i] its band
     * (0 when not computable), written in place. Arrays are C arrays
     * (`double[n]`, `uint8_t[n]`: Library::array()); achievement or band may be null.
     */
    public static function evaluate(FFI\CData $target, FFI\CData $realisation, FFI\CData $polarity, int $n,
        ?FFI\CData $achievement, ?FFI\CData $band): void
    {
        Library::checkLength($n, $target, $realisation, $polarity, $achievement, $band);
        Library::check(Library::ffi()->sopkit_evaluate_cells($target, $realisation, $polarity, $n, $achievement,
            $band));
    }
}
