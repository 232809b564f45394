<?php

declare(strict_types=1);

// opcache.preload script for php-fpm and other web SAPIs: compiles the
// Sopkit\ classes once per server. The library itself is preloaded by
// ffi.preload=<prefix>/include/sopkit/sopkit_ffi.h (FFI::load is refused
// together with opcache.preload_user), which registers the scope "SOPKIT"
// that Library::ffi() finds under ffi.enable=preload.
foreach (glob(__DIR__ . '/src/*.php') as $file) {
    opcache_compile_file($file);
}
