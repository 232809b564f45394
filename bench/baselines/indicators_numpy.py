"""What an analyst writes instead of sopkit's bulk evaluation: achievement
(capaian), rating band and the weighted mean per group, with numpy
(vectorised) and with pandas (where, cut, groupby).

  achievement = R / T x 100 (positive polarity), (2T - R) / T x 100 (negative),
                missing (NaN) when T = 0
  band        = 5 from 91, 4 from 76, 3 from 66, 2 from 51, else 1; 0 when
                missing (the edges of permendagri-86-2017 with its gaps closed
                upward, as sopkit's kernel does)
  group mean  = sum(w x achievement) / sum(w) over the cells with an achievement

  /usr/bin/python3 bench/baselines/indicators_numpy.py [--n 10000000] [--groups 100000] [--repeats 5]
"""
import argparse
import statistics

import numpy as np
import pandas as pd

from inputs import indicator_cells
from splitmix import banner, measure, report

BAND_EDGES = np.array([51.0, 66.0, 76.0, 91.0])


def achievement(target, realisation, negative):
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(negative, 2.0 * target - realisation, realisation) / target * 100.0
    out[target == 0] = np.nan
    return out


def bands(values):
    out = np.digitize(values, BAND_EDGES).astype(np.int8) + np.int8(1)
    out[np.isnan(values)] = 0
    return out


def group_means(values, weight, group, groups):
    present = ~np.isnan(values)
    weighted = np.bincount(group, weights=np.where(present, weight * values, 0.0), minlength=groups)
    weights = np.bincount(group, weights=np.where(present, weight, 0.0), minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        return weighted / weights


def pandas_pipeline(frame):
    numerator = frame["R"].where(~frame["neg"], 2.0 * frame["T"] - frame["R"])
    values = (numerator / frame["T"] * 100.0).where(frame["T"] != 0)
    band = pd.cut(values, [-np.inf, 51, 66, 76, 91, np.inf], right=False, labels=[1, 2, 3, 4, 5])
    sums = pd.DataFrame({"g": frame["g"], "wc": values * frame["w"], "wv": frame["w"].where(values.notna())}) \
        .groupby("g", sort=True)[["wc", "wv"]].sum()
    return values, band, sums["wc"] / sums["wv"]


def print_checksum(label, band_counts, means):
    print(f"  [{label}] bands(0..5)={list(band_counts)} "
          f"sum(group means)={np.nansum(means):.6f} nan_groups={int(np.isnan(means).sum())}")


def numpy_part(cells, groups, repeats):
    target, realisation, negative, weight, group = cells
    n = target.size
    seconds, values = measure(lambda: achievement(target, realisation, negative), repeats, warmup=1)
    report("numpy achievement (where, /, NaN guard)", seconds, n, "cell")
    seconds, _ = measure(lambda: bands(values), repeats, warmup=1)
    report("numpy band (digitize)", seconds, n, "cell")
    seconds, _ = measure(lambda: group_means(values, weight, group, groups), repeats, warmup=1)
    report("numpy weighted mean per group (bincount)", seconds, n, "cell")

    def whole():
        v = achievement(target, realisation, negative)
        return v, bands(v), group_means(v, weight, group, groups)

    seconds, (_, band, means) = measure(whole, repeats)
    report("numpy total (achievement + band + group mean)", seconds, n, "cell")
    print_checksum("numpy", np.bincount(band, minlength=6), means)


def pandas_part(cells, groups, repeats, apply_n):
    target, realisation, negative, weight, group = cells
    n = target.size
    frame = pd.DataFrame({"T": target, "R": realisation, "neg": negative, "w": weight, "g": group})
    seconds, (_, band, means) = measure(lambda: pandas_pipeline(frame), repeats, warmup=1)
    report("pandas total (where, pd.cut, groupby.sum)", seconds, n, "cell")
    codes = band.cat.codes.to_numpy().astype(np.int64) + 1
    print_checksum("pandas", np.bincount(codes, minlength=6), means.reindex(range(groups)).to_numpy())

    # The idiom many analysts write: one Python call per group.
    na = min(apply_n, n)
    ga = max(1, groups * na // n)
    sub = pd.DataFrame({"c": achievement(target[:na], realisation[:na], negative[:na]),
                        "w": weight[:na], "g": group[:na] % ga}).dropna()
    seconds, _ = measure(lambda: sub.groupby("g").apply(lambda x: np.average(x["c"], weights=x["w"])), 2)
    report(f"pandas groupby.apply(np.average) n={na} groups={ga}", seconds, na, "cell")
    print(f"  = {statistics.median(seconds) / ga * 1e6:.1f} us per group")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--groups", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--apply-n", type=int, default=10_000_000,
                    help="cells for the slow groupby.apply(np.average) variant")
    a = ap.parse_args()
    banner(f"indicators: numpy / pandas {pd.__version__}")
    cells = indicator_cells(a.n, a.groups)
    numpy_part(cells, a.groups, a.repeats)
    pandas_part(cells, a.groups, a.repeats, a.apply_n)


if __name__ == "__main__":
    main()
