<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** Indicators with targets and realisations per period (docs/indicators.md). */
final class IndicatorSet extends Handle
{
    /** A .csv or .json file. */
    public static function loadFile(string $path): self
    {
        return self::wrap(self::make('sopkit_indicators', 'sopkit_indicators_load_file', $path));
    }

    public static function loadCsv(string $text): self
    {
        return self::wrap(self::make('sopkit_indicators', 'sopkit_indicators_load_csv', $text, strlen($text)));
    }

    public static function loadJson(string $text): self
    {
        return self::wrap(self::make('sopkit_indicators', 'sopkit_indicators_load_json', $text, strlen($text)));
    }

    /** @return array{indicators:int, units:int, rows:int} */
    public function counts(): array
    {
        $ffi = Library::ffi();
        $n = $ffi->new('size_t[3]');
        Library::check($ffi->sopkit_indicators_counts($this->ptr(), FFI::addr($n[0]), FFI::addr($n[1]),
            FFI::addr($n[2])));
        return ['indicators' => (int) $n[0], 'units' => (int) $n[1], 'rows' => (int) $n[2]];
    }

    /** Evaluates every row; `period` ("2024-Q2") keeps one period. */
    public function evaluate(?string $period = null): Evaluation
    {
        $ffi = Library::ffi();
        $opts = $ffi->new('sopkit_evaluate_options');
        Library::check($ffi->sopkit_evaluate_options_init(FFI::addr($opts)));
        // The options borrow the C text: it must outlive the call.
        $periodText = $period === null ? null : self::cString($period);
        if ($periodText !== null) {
            $opts->period = FFI::cast('const char*', $periodText);
        }
        $ev = $ffi->new('sopkit_evaluation*');
        Library::check($ffi->sopkit_indicators_evaluate($this->ptr(), FFI::addr($opts), FFI::addr($ev)));
        return Evaluation::fromPointer($ev);
    }

    /** A NUL-terminated copy of `text`, freed with the returned CData. */
    private static function cString(string $text): FFI\CData
    {
        $buf = Library::ffi()->new('char[' . (strlen($text) + 1) . ']');
        FFI::memcpy($buf, $text, strlen($text));
        return $buf;
    }

    /** @internal the pointer, for calls that take a set */
    public function cdata(): FFI\CData
    {
        return $this->ptr();
    }

    /** @internal a set made by another class's call */
    public static function fromPointer(FFI\CData $ptr): self
    {
        return self::wrap($ptr);
    }

    private static function wrap(FFI\CData $ptr): self
    {
        return new self($ptr, 'sopkit_indicators_free');
    }
}
