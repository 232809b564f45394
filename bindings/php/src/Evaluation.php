<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/** The result of IndicatorSet::evaluate(). */
final class Evaluation extends Handle
{
    /** @internal */
    public static function fromPointer(FFI\CData $ptr): self
    {
        return new self($ptr, 'sopkit_evaluation_free');
    }

    public function count(): int
    {
        $n = Library::ffi()->new('size_t');
        Library::check(Library::ffi()->sopkit_evaluation_count($this->ptr(), FFI::addr($n)));
        return (int) $n->cdata;
    }

    /**
     * One row per (indicator, period): indicator, unit, period, target,
     * realisation, achievement and score (null when not computable), band,
     * predicate, reason.
     * @return list<array<string,mixed>>
     */
    public function rows(): array
    {
        $ffi = Library::ffi();
        $row = $ffi->new('sopkit_evaluation_row');
        $rows = [];
        for ($i = 0, $n = $this->count(); $i < $n; $i++) {
            Library::check($ffi->sopkit_evaluation_row_get($this->ptr(), $i, FFI::addr($row)));
            $rows[] = [
                'indicator' => FFI::string($row->indicator),
                'unit' => FFI::string($row->unit),
                'period' => FFI::string($row->period),
                'target' => self::number($row->target),
                'realisation' => self::number($row->realisation),
                'achievement' => self::number($row->achievement),
                'score' => self::number($row->score),
                'band' => (int) $row->band,
                'predicate' => FFI::string($row->predicate),
                'reason' => FFI::string($row->reason),
            ];
        }
        return $rows;
    }

    /**
     * Why some computed rows carry no band: one note per period older than
     * the rating scale's first version.
     * @return list<string>
     */
    public function notes(): array
    {
        $ffi = Library::ffi();
        $n = $ffi->new('size_t');
        Library::check($ffi->sopkit_evaluation_note_count($this->ptr(), FFI::addr($n)));
        $note = $ffi->new('const char*');
        $notes = [];
        for ($i = 0; $i < $n->cdata; $i++) {
            Library::check($ffi->sopkit_evaluation_note($this->ptr(), $i, FFI::addr($note)));
            $notes[] = FFI::string($note);
        }
        return $notes;
    }

    /** @return array<mixed> indicators, unit roll-ups and early warnings */
    public function toArray(): array
    {
        return $this->json('sopkit_evaluation_to_json');
    }

    public function toJson(): string
    {
        return self::textOf($this->ptr(), 'sopkit_evaluation_to_json');
    }

    public function toCsv(): string
    {
        return self::textOf($this->ptr(), 'sopkit_evaluation_to_csv');
    }

    /** NaN (blank, not computable) as null. */
    private static function number(float $x): ?float
    {
        return is_nan($x) ? null : $x;
    }
}
