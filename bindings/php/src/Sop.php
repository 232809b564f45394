<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** An SOP document in format v1 (docs/format.md). */
final class Sop extends Handle
{
    public static function loadFile(string $path): self
    {
        return self::fromPointer(self::make('sopkit_sop', 'sopkit_sop_load_file', $path));
    }

    public static function loadJson(string $json): self
    {
        return self::fromPointer(self::make('sopkit_sop', 'sopkit_sop_load_json', $json, strlen($json)));
    }

    public function stepCount(): int
    {
        $n = Library::ffi()->new('size_t');
        Library::check(Library::ffi()->sopkit_sop_step_count($this->ptr(), FFI::addr($n)));
        return (int) $n->cdata;
    }

    /** @return array<mixed> the document as format v1 */
    public function toArray(): array
    {
        return $this->json('sopkit_sop_to_json');
    }

    /** @return list<array<string,string>> findings {severity, code, step, pointer, message} */
    public function validate(): array
    {
        $ffi = Library::ffi();
        $d = $ffi->new('sopkit_diagnostics*');
        Library::check($ffi->sopkit_sop_validate($this->ptr(), FFI::addr($d)));
        try {
            return self::jsonOf($d, 'sopkit_diagnostics_to_json');
        } finally {
            $ffi->sopkit_diagnostics_free($d);
        }
    }

    /**
     * The analysis ("sopkit.analysis/2", docs/analysis.md) with default options.
     * @return array<mixed>
     */
    public function analyze(): array
    {
        $ffi = Library::ffi();
        $a = $ffi->new('sopkit_analysis*');
        Library::check($ffi->sopkit_sop_analyze($this->ptr(), null, FFI::addr($a)));
        try {
            return self::jsonOf($a, 'sopkit_analysis_to_json');
        } finally {
            $ffi->sopkit_analysis_free($a);
        }
    }

    /**
     * A run of the happy path planned from `start` ("2024-07-01T07:30") on the
     * calendar: the same document as `sopkit schedule --json` (start, due, steps).
     * @return array<mixed>
     */
    public function schedule(Calendar $calendar, string $start): array
    {
        $ffi = Library::ffi();
        $plan = $ffi->new('sopkit_schedule*');
        Library::check($ffi->sopkit_sop_schedule($this->ptr(), $calendar->cdata(), Calendar::instant($start),
            FFI::addr($plan)));
        try {
            return self::jsonOf($plan, 'sopkit_schedule_to_json');
        } finally {
            $ffi->sopkit_schedule_free($plan);
        }
    }

    /** @internal a document made by another class's call */
    public static function fromPointer(FFI\CData $ptr): self
    {
        return new self($ptr, 'sopkit_sop_free');
    }

    /** @internal the pointer, for calls that take this document */
    public function cdata(): FFI\CData
    {
        return $this->ptr();
    }
}
