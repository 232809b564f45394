<?php

declare(strict_types=1);

namespace Sopkit;

final class UnsupportedException extends Exception
{
}
