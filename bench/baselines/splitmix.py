"""Counter-based splitmix64 and the timing helpers shared by the baselines.

Every input of the side-by-side benchmarks is a pure function of (stream,
index) through splitmix64's finaliser, so the Python baselines here and the
C++ benchmarks in bench/ build bit-identical data without data files and can
compare checksums.
"""
import platform
import statistics
import sys
import time

import numpy as np

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def sm(stream, index):
    """splitmix64 of the key (stream << 40) + index + 1, elementwise on uint64."""
    with np.errstate(over="ignore"):
        key = (np.uint64(stream) << np.uint64(40)) + np.asarray(index, dtype=np.uint64) + np.uint64(1)
        z = key * _GAMMA
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        return z ^ (z >> np.uint64(31))


def unif(stream, index):
    """Doubles in [0, 1) from the top 53 bits of sm()."""
    return (sm(stream, index) >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def measure(fn, repeats, warmup=0):
    """Seconds of each of `repeats` timed calls of fn (after `warmup` untimed ones),
    and the last result. The previous result is dropped outside the timed region."""
    result = None
    for _ in range(warmup):
        result = fn()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        seconds.append(time.perf_counter() - start)
        result = out
    return seconds, result


def report(name, seconds, items=None, unit="item"):
    """One line: min / median / max seconds and, with items, the median cost per item.
    bench/compare_*.py read these lines."""
    lo, mid, hi = min(seconds), statistics.median(seconds), max(seconds)
    line = f"{name:<52s} runs={len(seconds):<2d} s: min={lo:9.4f} med={mid:9.4f} max={hi:9.4f}"
    if items:
        line += f" | med {mid / items * 1e9:10.1f} ns/{unit}  {items / mid / 1e6:10.3f} M{unit}/s"
    print(line, flush=True)


def banner(title):
    print(f"== {title}  (python {platform.python_version()}, numpy {np.__version__})", flush=True)
    sys.stdout.flush()
