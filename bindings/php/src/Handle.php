<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;
use FFI\CData;

/** A sopkit handle: released by close() or, at the latest, by the destructor. */
abstract class Handle
{
    /** @var CData|null the C pointer; null once closed */
    protected ?CData $ptr;

    /** @param string $free the sopkit_*_free function of this handle's type */
    protected function __construct(CData $ptr, private string $free)
    {
        $this->ptr = $ptr;
    }

    public function close(): void
    {
        if ($this->ptr !== null) {
            Library::ffi()->{$this->free}($this->ptr);
            $this->ptr = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }

    /** The live pointer; using a closed handle is a programming error. */
    protected function ptr(): CData
    {
        if ($this->ptr === null) {
            throw new InvalidArgumentException(static::class . ' is closed', -1);
        }
        return $this->ptr;
    }

    /**
     * Calls a constructor `fn(**out, ...args)` and returns the new pointer.
     * @param mixed ...$args
     */
    protected static function make(string $type, string $fn, ...$args): CData
    {
        $ffi = Library::ffi();
        $out = $ffi->new("$type*");
        Library::check($ffi->$fn(FFI::addr($out), ...$args));
        return $out;
    }

    /**
     * This handle's borrowed JSON text `fn(handle, const char** out)`, decoded.
     * @return array<mixed>
     */
    protected function json(string $fn): array
    {
        return self::jsonOf($this->ptr(), $fn);
    }

    /** @return array<mixed> */
    protected static function jsonOf(CData $handle, string $fn): array
    {
        return json_decode(self::textOf($handle, $fn), true, 512, JSON_THROW_ON_ERROR);
    }

    protected static function textOf(CData $handle, string $fn): string
    {
        $ffi = Library::ffi();
        $out = $ffi->new('const char*');
        Library::check($ffi->$fn($handle, FFI::addr($out)));
        return FFI::string($out);
    }
}
