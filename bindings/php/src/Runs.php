<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** The actual runs of one SOP (docs/monitoring.md): an event log or "sopkit.runs/1". */
final class Runs extends Handle
{
    /** A CSV `case,step,start,end[,actor,branch]`, or JSON for a name ending ".json". */
    public static function loadFile(Sop $sop, string $path): self
    {
        return self::wrap(self::make('sopkit_runs', 'sopkit_runs_load_file', $sop->cdata(), $path));
    }

    public static function loadCsv(Sop $sop, string $text): self
    {
        return self::wrap(self::make('sopkit_runs', 'sopkit_runs_load_csv', $sop->cdata(), $text, strlen($text)));
    }

    public static function loadJson(Sop $sop, string $text): self
    {
        return self::wrap(self::make('sopkit_runs', 'sopkit_runs_load_json', $sop->cdata(), $text, strlen($text)));
    }

    /** @return array{runs:int, events:int} cases and step executions */
    public function counts(): array
    {
        $ffi = Library::ffi();
        $n = $ffi->new('size_t[2]');
        Library::check($ffi->sopkit_runs_counts($this->ptr(), FFI::addr($n[0]), FFI::addr($n[1])));
        return ['runs' => (int) $n[0], 'events' => (int) $n[1]];
    }

    /** @return array<mixed> the log as "sopkit.runs/1" */
    public function toArray(): array
    {
        return $this->json('sopkit_runs_to_json');
    }

    /**
     * Every run measured against the mutu baku on the calendar: the
     * "sopkit.runs-comparison/1" document, as `sopkit runs --json` gives it.
     * @return array<mixed>
     */
    public function compare(Calendar $calendar): array
    {
        $ffi = Library::ffi();
        $c = $ffi->new('sopkit_runs_comparison*');
        Library::check($ffi->sopkit_runs_compare($this->ptr(), $calendar->cdata(), FFI::addr($c)));
        try {
            return self::jsonOf($c, 'sopkit_runs_comparison_to_json');
        } finally {
            $ffi->sopkit_runs_comparison_free($c);
        }
    }

    private static function wrap(FFI\CData $ptr): self
    {
        return new self($ptr, 'sopkit_runs_free');
    }
}
