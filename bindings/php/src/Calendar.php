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
        $ffi = Library::ffi();
        $out = $ffi->new('int64_t');
        Library::check($ffi->sopkit_calendar_add_text($this->ptr(), self::instant($start), $waktu,
            FFI::addr($out)));
        return self::format((int) $out->cdata);
    }

    /** Office minutes between two instants. */
    public function minutesBetween(string $a, string $b): int
    {
        $ffi = Library::ffi();
        $out = $ffi->new('int64_t');
        Library::check($ffi->sopkit_calendar_minutes_between($this->ptr(), self::instant($a),
            self::instant($b), FFI::addr($out)));
        return (int) $out->cdata;
    }

    /** @internal the pointer, for calls that take a calendar */
    public function cdata(): FFI\CData
    {
        return $this->ptr();
    }

    /** @internal minutes since 1970-01-01T00:00 of "YYYY-MM-DDTHH:MM" */
    public static function instant(string $text): int
    {
        $ffi = Library::ffi();
        $out = $ffi->new('int64_t');
        Library::check($ffi->sopkit_instant_parse($text, FFI::addr($out)));
        return (int) $out->cdata;
    }

    private static function format(int $instant): string
    {
        $ffi = Library::ffi();
        $buf = $ffi->new('char[17]');
        Library::check($ffi->sopkit_instant_format($instant, $buf, 17, null));
        return FFI::string($buf);
    }
}
