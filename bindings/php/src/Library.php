<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/**
 * The FFI instance over libsopkit. In a web server (ffi.enable=preload)
 * ffi.preload loads sopkit_ffi.h once and requests reach it by its scope,
 * FFI::scope("SOPKIT"); on the CLI the header is loaded here from
 * $SOPKIT_FFI_HEADER, else beside the installed sopkit.h under /usr/local or
 * /usr.
 */
final class Library
{
    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        return self::$ffi ??= self::open();
    }

    /** Throws the exception of `status` with this thread's message, unless SOPKIT_OK. */
    public static function check(int $status): void
    {
        if ($status !== 0) {
            throw Exception::fromStatus($status, (string) self::ffi()->sopkit_last_error());
        }
    }

    /**
     * A C array of `type` ("double", "uint8_t", "int64_t") with the values of
     * a PHP list, or of `count` zeros when `values` is an int: the memory the
     * bulk calls read and write in place. Freed with the returned CData.
     * @param list<int|float>|int $values
     */
    public static function array(string $type, array|int $values): FFI\CData
    {
        $n = is_int($values) ? $values : count($values);
        $array = self::ffi()->new("{$type}[" . max($n, 1) . ']');
        if (is_array($values)) {
            foreach ($values as $i => $value) {
                $array[$i] = $value;
            }
        }
        return $array;
    }

    /** @internal refuses an n larger than a C array: C would read or write past its end */
    public static function checkLength(int $n, ?FFI\CData ...$arrays): void
    {
        foreach ($arrays as $k => $array) {
            if ($array === null) {
                continue;
            }
            $isArray = FFI::typeof($array)->getKind() === FFI\CType::TYPE_ARRAY;
            if (!$isArray || $n < 0 || $n > count($array)) {
                $what = $isArray ? 'has ' . count($array) . ' elements' : 'is not a C array';
                throw new InvalidArgumentException("n = $n but array " . ($k + 1) . " $what", -1);
            }
        }
    }

    public static function version(): string
    {
        return (string) self::ffi()->sopkit_version();
    }

    private static function open(): FFI
    {
        try {
            return FFI::scope('SOPKIT');
        } catch (FFI\Exception $notPreloaded) {
            return FFI::load(self::headerPath());
        }
    }

    private static function headerPath(): string
    {
        $fromEnv = getenv('SOPKIT_FFI_HEADER');
        if (is_string($fromEnv) && $fromEnv !== '') {
            return $fromEnv;
        }
        foreach (['/usr/local/include', '/usr/include'] as $dir) {
            if (is_file("$dir/sopkit/sopkit_ffi.h")) {
                return "$dir/sopkit/sopkit_ffi.h";
            }
        }
        throw new Exception('sopkit_ffi.h not found: set SOPKIT_FFI_HEADER', -1);
    }
}
