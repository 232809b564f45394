<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/**
 * A working calendar (docs/calendar.md). Instants are texts "YYYY-MM-DDTHH:MM"
 * (local civil time), as sopkit_instant_parse reads and writes them.
 */
final class Calendar extends Handle
{
    /** A shipped Indonesian calendar by id ("id-2024"). */
    public static function load(string $id): self
    {
        return new self(self::make('sopkit_calendar', 'sopkit_calendar_load_id', $id), 'sopkit_calendar_free');
    }

    /** The 5-day ASN week without holidays, first..last year. */
    public static function asn(int $firstYear, int $lastYear): self
    {
        return new self(self::make('sopkit_calendar', 'sopkit_calendar_new_asn', $firstYear, $lastYear),
            'sopkit_calendar_free');
    }

    /** `start` plus a standard time text ("2 hari 3 jam") on this calendar. */
    public function addText(string $start, string $waktu): string
    {
        Library::check(Library::ffi()->sopkit_calendar_add_text($this->ptr(), self::instant($start), $waktu,
            self::out()));
        return self::format(self::$out->cdata);
    }

    /** Office minutes between two instants. */
    public function minutesBetween(string $a, string $b): int
    {
        $from = self::instant($a);
        $to = self::instant($b);
        Library::check(Library::ffi()->sopkit_calendar_minutes_between($this->ptr(), $from, $to, self::out()));
        return self::$out->cdata;
    }

    /**
     * out[i] = start[i] plus minutes[i] of office time for i < n, in one call
     * over C arrays (`int64_t[n]`, Library::array()) without copies; `out`
     * may be `start`. Instants are minutes since 1970-01-01T00:00.
     */
    public function addMinutesBulk(FFI\CData $start, FFI\CData $minutes, FFI\CData $out, int $n): void
    {
        Library::checkLength($n, $start, $minutes, $out);
        Library::check(Library::ffi()->sopkit_calendar_add_minutes_bulk($this->ptr(), $start, $minutes, $out, $n));
    }

    /** `instant` plus `minutes` of office time, on instants as integers. */
    public function addMinutes(int $instant, int $minutes): int
    {
        Library::check(Library::ffi()->sopkit_calendar_add_minutes($this->ptr(), $instant, $minutes, self::out()));
        return self::$out->cdata;
    }

    /** @var FFI\CData|null the int64_t output of the single calls, made once */
    private static ?FFI\CData $out = null;
    private static ?FFI\CData $outAddress = null;

    /**
     * The address of one int64_t output cell shared by the single-instant
     * calls: a new cell per call costs more than the call (a PHP thread runs
     * one request, and sopkit never calls back into PHP, so the cell is read
     * before any other call writes it).
     */
    private static function out(): FFI\CData
    {
        if (self::$outAddress === null) {
            self::$out = Library::ffi()->new('int64_t');
            self::$outAddress = FFI::addr(self::$out);
        }
        return self::$outAddress;
    }

    /** @internal the pointer, for calls that take a calendar */
    public function cdata(): FFI\CData
    {
        return $this->ptr();
    }

    /** Minutes since 1970-01-01T00:00 of "YYYY-MM-DDTHH:MM". */
    public static function instant(string $text): int
    {
        Library::check(Library::ffi()->sopkit_instant_parse($text, self::out()));
        return self::$out->cdata;
    }

    /** "YYYY-MM-DDTHH:MM" of minutes since 1970-01-01T00:00. */
    public static function format(int $instant): string
    {
        $ffi = Library::ffi();
        $buf = $ffi->new('char[17]');
        Library::check($ffi->sopkit_instant_format($instant, $buf, 17, null));
        return FFI::string($buf);
    }
}
