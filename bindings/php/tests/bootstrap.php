<?php

declare(strict_types=1);

// PSR-4 autoloading of Sopkit\ from src/, as Composer's would do, without Composer.
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Sopkit\\')) {
        require __DIR__ . '/../src/' . str_replace('\\', '/', substr($class, 7)) . '.php';
    }
});
