<?php

declare(strict_types=1);

namespace Sopkit;

/** A failed sopkit call: sopkit's full message and its status code (SOPKIT_E*). */
class Exception extends \RuntimeException
{
    /** The exception class of each status; others map to this base class. */
    private const BY_STATUS = [
        -1 => InvalidArgumentException::class,
        -2 => ParseException::class,
        -3 => FormatException::class,
        -4 => IoException::class,
        -5 => ValidationException::class,
        -6 => NotFoundException::class,
        -7 => RangeException::class,
        -12 => UnsupportedException::class,
    ];

    public static function fromStatus(int $status, string $message): self
    {
        $class = self::BY_STATUS[$status] ?? self::class;
        // A calendar's coverage error says how to load more years: in PHP's words.
        $message = str_replace('sopkit_calendar_load_years(&cal, 2023, 2026)',
            'Sopkit\Calendar::load("id-2023..2026")', $message);
        return new $class($message, $status);
    }

    /** The SOPKIT_E* status of the failed call. */
    public function status(): int
    {
        return $this->getCode();
    }
}
