"""The inputs of the side-by-side benchmarks, from splitmix64 counters.

The C++ benchmarks (bench/indicators_bench.cpp, bench/cpm_bench.cpp,
bench/calendar_bench.cpp, bench/capi_bench.cpp) build the same values from the
same streams; a change here must be made there too, or the checksums differ.
"""
import numpy as np

from splitmix import sm, unif

# ---- indicator cells: streams 30-35 -------------------------------------


def indicator_cells(n=10_000_000, groups=100_000):
    """(target, realisation, negative, weight, group) arrays of n cells.

    target: 0 in 1 % of cells, else uniform in [1, 1000); realisation: the
    target (or 100 when the target is 0) times uniform [0.3, 1.3); one cell in
    five of negative polarity; weights 1..10; groups uniform, unsorted (cells
    arrive from a join, not grouped)."""
    i = np.arange(n, dtype=np.uint64)
    target = np.where(unif(30, i) < 0.01, 0.0, 1.0 + 999.0 * unif(31, i))
    realisation = (0.3 + unif(32, i)) * np.where(target > 0, target, 100.0)
    negative = (sm(33, i) % np.uint64(5)) == 0
    weight = (np.uint64(1) + sm(34, i) % np.uint64(10)).astype(np.float64)
    group = (sm(35, i) % np.uint64(groups)).astype(np.int32)
    return target, realisation, negative, weight, group


# ---- a layered process graph: streams 20-24 -----------------------------


def layered_graph(n=1_000_000, width=50):
    """(source, destination, duration) of a layered DAG shaped like a huge SOP.

    Step v is in layer v // width. Each step of layer L >= 1 gets one flow from
    a random step of layer L-1; about half the steps of layers >= 2 also get a
    flow from a random step two or three layers back (branches that merge), so
    flows ~ 1.5 x steps with no parallel flows. Durations: 1..480 minutes."""
    v = np.arange(n, dtype=np.uint64)
    layer = (v // np.uint64(width)).astype(np.int64)
    duration = (np.uint64(1) + sm(24, v) % np.uint64(480)).astype(np.float64)

    main = layer >= 1
    main_dst = v[main].astype(np.int64)
    main_src = (layer[main] - 1) * width + (sm(20, v[main]) % np.uint64(width)).astype(np.int64)

    skip = (layer >= 2) & ((sm(21, v) & np.uint64(1)) == 1)
    back = np.where(layer[skip] >= 3, 2 + (sm(22, v[skip]) % np.uint64(2)).astype(np.int64), 2)
    skip_dst = v[skip].astype(np.int64)
    skip_src = (layer[skip] - back) * width + (sm(23, v[skip]) % np.uint64(width)).astype(np.int64)

    return np.concatenate([main_src, skip_src]), np.concatenate([main_dst, skip_dst]), duration


# ---- due dates: streams 1-5 ---------------------------------------------

FIRST_DAY = np.datetime64("2015-01-01", "D")
DAYS = int((np.datetime64("2025-01-01", "D") - FIRST_DAY).astype(np.int64))  # 3653


def synthetic_holidays():
    """25 distinct weekdays per year of 2015..2025 drawn from stream 1, sorted
    (2025 covers offsets that run past 2024)."""
    days = []
    for year in range(2015, 2026):
        january_first = np.datetime64(f"{year}-01-01", "D")
        chosen, k = set(), 0
        while len(chosen) < 25:
            day = january_first + int(sm(1, year * 1000 + k) % np.uint64(365))
            k += 1
            if np.is_busday(day):
                chosen.add(day)
        days.extend(chosen)
    return np.array(sorted(days), dtype="datetime64[D]")


def due_date_starts(n):
    """n start dates over 2015..2024 (stream 2) and 0..30 working days to add (stream 3)."""
    i = np.arange(n, dtype=np.uint64)
    starts = FIRST_DAY + (sm(2, i) % np.uint64(DAYS)).astype(np.int64)
    return starts, (sm(3, i) % np.uint64(31)).astype(np.int64)


def office_hour_starts(n):
    """n start minutes over 2015..2024 (stream 4) and 0..40 office hours to add (stream 5)."""
    i = np.arange(n, dtype=np.uint64)
    minutes = (sm(4, i) % np.uint64(DAYS * 1440)).astype(np.int64)
    return np.datetime64("2015-01-01T00:00", "m") + minutes, (sm(5, i) % np.uint64(41)).astype(np.int64)
