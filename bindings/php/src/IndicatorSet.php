<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** Indicators with targets and realisations per period (docs/indicators.md). */
final class IndicatorSet extends Handle
{
    /**
     * A .csv or .json file. `threads` 2 or more reads a CSV file of 4 MB or
     * more with two threads (the same set, and the same error, as one); 0 or 1
     * keeps to the calling thread. `decimalMark` says how the CSV writes its
     * numbers: 'detect' (a ';' file writes 1.234,5, others 1234.5), 'dot' or
     * 'comma' (docs/indicators.md, "Numbers").
     */
    public static function loadFile(string $path, int $threads = 1, string $decimalMark = 'detect'): self
    {
        if ($threads < 0) {
            throw new InvalidArgumentException("threads is $threads; give 0 or more", -1);
        }
        $ffi = Library::ffi();
        $marks = ['detect' => $ffi->SOPKIT_DECIMAL_DETECT, 'dot' => $ffi->SOPKIT_DECIMAL_DOT,
            'comma' => $ffi->SOPKIT_DECIMAL_COMMA];
        if (!isset($marks[$decimalMark])) {
            throw new InvalidArgumentException("decimalMark is '$decimalMark'; give 'detect', 'dot' or 'comma'", -1);
        }
        $opts = $ffi->new('sopkit_indicators_load_options');
        Library::check($ffi->sopkit_indicators_load_options_init(FFI::addr($opts)));
        $opts->decimal_mark = $marks[$decimalMark];
        $opts->threads = $threads;
        return self::wrap(self::make('sopkit_indicators', 'sopkit_indicators_load_file_with_options', $path,
            FFI::addr($opts)));
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

    /**
     * Evaluates every row (docs/indicators.md). `period` ("2024-Q2") keeps one
     * period; `scale` picks the rating scale ("permendagri-86-2017" by default,
     * "sakip-88-2021", "traffic-light"); `capPercent` is 0, 100, 110 or 120.
     * `threads` 2 or more computes the results of a set of 8 192 rows or more
     * on two threads, and its JSON and CSV texts are written by two threads
     * (the same results and texts); 0 or 1 keeps to the calling thread.
     */
    public function evaluate(?string $period = null, ?string $scale = null, int $capPercent = 0,
        int $threads = 1): Evaluation
    {
        if ($threads < 0) {
            throw new InvalidArgumentException("threads is $threads; give 0 or more", -1);
        }
        $ffi = Library::ffi();
        $opts = $ffi->new('sopkit_evaluate_options');
        Library::check($ffi->sopkit_evaluate_options_init(FFI::addr($opts)));
        // The options borrow the C texts: they must outlive the call.
        $texts = [];
        foreach (['period' => $period, 'scale' => $scale] as $field => $value) {
            if ($value !== null) {
                $texts[$field] = self::cString($value);
                $opts->$field = FFI::cast('const char*', $texts[$field]);
            }
        }
        $opts->cap_percent = $capPercent;
        $opts->threads = $threads;
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
