#!/usr/bin/python3
"""The jobs users run, end to end, side by side with what they would otherwise
use, at n and 4n (the table first in docs/performance.md).

Each job runs as its own process (the `sopkit` program, or a Python process
for pandas / networkx / sqlite3 / the bindings) on files sopkit-gen writes, so
that time and peak RSS are the whole job's: reading the user's file, the work,
writing the user's output. Peak RSS is the child's own (os.wait4). A run that
passes --timeout is stopped and reported as "> T s".

  job        sopkit                                  alternative
  evaluate   sopkit evaluate national.csv            pandas: read_csv, forward-fill the definitions,
             --period 2024-Q2 --json / --csv /       achievement by polarity, predikat band,
             (text)                                  year-to-date figures, early warnings (for the
                                                     JSON and text, which carry them), weighted
                                                     roll-up per unit and ancestor, to_csv; its
                                                     figures checked against sopkit's JSON
  capi       the C ABI (bench/embed/national.c): load,   the pandas pipeline of `evaluate`
             evaluate (two threads), to_json / to_csv,
             write a file
  validate   sopkit validate sop.json                networkx + json: load, DiGraph of the
  analyze    sopkit analyze sop.json --json          forward flows, topological sort, longest path
  loops      sopkit analyze loops.json --json        (none: the output size and memory are the goal)
  runs       sopkit runs sop.json runs.csv --json    pandas: read_csv, merge the standard times,
                                                     groupby step and case
  store      sopkit store init + import DB national  pandas + sqlite3: read_csv, to_sql of values and
                                                     audit rows, WAL, synchronous=FULL, one transaction
  python     IndicatorSet.from_dataframe(df)         pandas.read_csv of the same file (the frame)
             from_csv + evaluate + to_dataframe()    the pandas pipeline of `evaluate`, frames kept

  /usr/bin/python3 bench/compare_national.py [--build-dir build/release] [--short]
      [--jobs evaluate,capi,validate,analyze,loops,runs,store,python] [--timeout 60] [--out DIR]
      [--repeat N]

--repeat N runs each side N times and keeps the fastest run's time (with the
largest peak RSS of the N): on a shared machine other work only adds time.

--short (CI) uses small sizes and fails only on errors (a job that cannot run
or writes malformed JSON), never on ratios. Exit status: 0 done, 1 an error.
"""
import argparse
import json
import os
import pathlib
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

# Sizes at n (4n is four times each); the national file is evaluate at 4n.
FULL = {"kabupaten": 125, "sop_steps": 250_000, "loops": 2_000, "run_cases": 5_000,
        "store_kabupaten": 10, "python_kabupaten": 125}
SHORT = {"kabupaten": 2, "sop_steps": 1_000, "loops": 50, "run_cases": 50,
         "store_kabupaten": 1, "python_kabupaten": 1}
RUN_SOP_STEPS = 60


class Failed(Exception):
    pass


# ---- running one side ------------------------------------------------------

def measure(cmd, timeout, stdout_path=None, ok_codes=(0,)):
    """Wall seconds and peak RSS (MB) of one child process; None seconds when it
    passed the timeout. Raises Failed when it exits with a code not in ok_codes."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            return None, None
        time.sleep(0.02)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    if proc.returncode not in ok_codes:
        err.seek(0)
        raise Failed(f"{' '.join(map(str, cmd))}: exit {proc.returncode}\n"
                     f"{err.read().decode(errors='replace')[-1500:]}")
    return seconds, usage.ru_maxrss / 1024


def side(name, *args):
    """This script run as one alternative side (see `sides` below)."""
    return [sys.executable, __file__, "--side", name, *map(str, args)]


# ---- the alternatives, each run in its own process (--side) -----------------

DEFINITION = ["name", "satuan", "polarity", "accumulation", "weight", "source"]


def read_national(csv_path):
    """The national CSV as a pandas user holds it: every row with its
    indicator's definition (the file gives it on the annual row only)."""
    import pandas as pd

    df = pd.read_csv(csv_path, dtype={"period": str})
    df[DEFINITION] = df.groupby("indicator", sort=False)[DEFINITION].ffill()
    return df


def predikat(achievement):
    """The permendagri-86-2017 bands (docs/indicators.md section 5)."""
    import numpy as np
    import pandas as pd

    return pd.cut(achievement, [-np.inf, 51, 66, 76, 91, np.inf], right=False,
                  labels=["Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"])


PERIOD_YEAR, PERIOD_QUARTER = 2024, 2  # the evaluated period
PERIOD = f"{PERIOD_YEAR}-Q{PERIOD_QUARTER}"


def achievement(polarity, target, realisation):
    """sopkit's achievement by polarity (docs/indicators.md section 3): R/T for
    higher-is-better, (2T - R)/T for lower-is-better, none for a blank or
    negative value or a zero target."""
    import numpy as np

    t = np.asarray(target, dtype=float)
    r = np.asarray(realisation, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(np.asarray(polarity) == "negative", (2 * t - r) / t * 100, r / t * 100)
    a[~(t > 0) | np.isnan(r) | (r < 0)] = np.nan
    return a


def by_rule(rule, total, mean, last):
    """Each indicator's value by its accumulation rule (sum, average, last)."""
    import numpy as np

    return np.select([rule == "sum", rule == "average"], [total, mean], last)


def quarters_so_far(df):
    """The rows of the year's quarters up to the evaluated one."""
    return df[df["period"].isin([f"{PERIOD_YEAR}-Q{k}" for k in range(1, PERIOD_QUARTER + 1)])]


def year_to_date(so_far):
    """Per indicator: the year-to-date target and realisation, quarters 1..q
    accumulated by the rule, blanks skipped (docs/indicators.md section 4)."""
    import pandas as pd

    g = so_far.groupby("indicator", sort=False)
    first = g["accumulation"].first()
    ytd = pd.DataFrame(index=first.index)
    for column in ("target", "realisation"):
        c = g[column]
        ytd["ytd_" + column] = by_rule(first.to_numpy(), c.sum(min_count=1), c.mean(), c.last())
    return ytd


def with_year_to_date(q, so_far):
    """The rows `q` (an `indicator` column) with their year-to-date target,
    realisation and achievement."""
    q = q.join(year_to_date(so_far), on="indicator")
    q["ytd_achievement"] = achievement(q["polarity"], q["ytd_target"], q["ytd_realisation"])
    return q


def early_warnings(df, so_far):
    """Per indicator: the projected year-end achievement at the pace so far and
    on the least-squares line through the reported quarters (cumulative for
    sum), judged against the annual row's target (docs/indicators.md section 8)."""
    import numpy as np
    import pandas as pd

    rep = so_far[so_far["realisation"].notna()].copy()
    rep["x"] = rep["period"].str[-1].astype(int)
    g = rep.groupby("indicator", sort=False)
    rule = g["accumulation"].first().to_numpy()
    k = g["x"].max()
    level = g["realisation"]
    total, mean, last = level.sum(), level.mean(), level.last()
    n = level.size().to_numpy(dtype=float)
    rep["y"] = np.where(rep["accumulation"] == "sum", level.cumsum(), rep["realisation"])
    rep["xx"], rep["xy"] = rep["x"] * rep["x"], rep["x"] * rep["y"]
    s = g[["x", "y", "xx", "xy"]].sum()
    reported = k.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (s["xy"] - s["x"] * s["y"] / n) / (s["xx"] - s["x"] ** 2 / n)
        mx, my = s["x"] / n, s["y"] / n
        later = sum(np.where(reported < j, my + slope * (j - mx), 0) for j in range(2, 5))
        trend = np.where(rule == "average", (total + later) / (n + 4 - reported),
                         my + slope * (4 - mx))
        trend = np.where(n >= 2, np.maximum(trend, 0.0), np.nan)
        pace = by_rule(rule, total * 4 / reported, mean, last)
    annual = df[df["period"] == str(PERIOD_YEAR)].drop_duplicates("indicator")
    w = pd.DataFrame({"indicator": k.index, "year": PERIOD_YEAR, "quarters_reported": k.to_numpy(),
                      "annual_target": annual.set_index("indicator")["target"].reindex(k.index).to_numpy(),
                      "pace_realisation": pace, "trend_realisation": trend})
    polarity = g["polarity"].first().to_numpy()
    w["pace_achievement"] = achievement(polarity, w["annual_target"], w["pace_realisation"])
    w["trend_achievement"] = achievement(polarity, w["annual_target"], w["trend_realisation"])
    w["projected_achievement"] = w["trend_achievement"].fillna(w["pace_achievement"])
    w["warn"] = w["projected_achievement"] < 76
    return w[w["quarters_reported"] < 4]


def pandas_evaluate(csv_path, out_path, work="same"):
    """The evaluation of 2024-Q2 in pandas. work: "results" — achievement,
    band and roll-ups only (a user who skips the rest); "ytd" — also the
    year-to-date figures every sopkit output carries (CSV, the C ABI's CSV,
    the Python frames); "same" — also the early warnings the JSON and text
    outputs carry."""
    import pandas as pd

    t0 = time.perf_counter()
    df = read_national(csv_path)
    q = df[df["period"] == PERIOD].copy()
    q["achievement"] = achievement(q["polarity"], q["target"], q["realisation"])
    q["predikat"] = predikat(q["achievement"])
    columns = ["unit", "indicator", "name", "period", "target", "realisation", "achievement",
               "predikat"]
    warnings = None
    if work != "results":
        so_far = quarters_so_far(df)
        q = with_year_to_date(q, so_far)
        columns += ["ytd_target", "ytd_realisation", "ytd_achievement"]
        if work == "same":
            warnings = early_warnings(df, so_far)
    # Roll-up over each unit's whole subtree: every ancestor path of the row's unit.
    q["w"] = q["weight"].fillna(1.0)
    q["wa"] = q["w"] * q["achievement"]
    ok = q["achievement"].notna()
    levels = q["unit"].str.split("/")
    parts = []
    for depth in range(1, int(levels.str.len().max()) + 1):
        unit = levels.str[:depth].str.join("/")
        g = pd.DataFrame({"unit": unit[ok], "wa": q["wa"][ok], "w": q["w"][ok]}).groupby("unit")
        s = g.sum()
        parts.append(pd.DataFrame({"achievement": s["wa"] / s["w"], "included": g.size()}))
    units = pd.concat(parts).reset_index()
    units["predikat"] = predikat(units["achievement"])
    rows = q[columns]
    if out_path == "-":  # the frames are the result (an analyst's notebook)
        print(json.dumps({"seconds": time.perf_counter() - t0, "rows": len(rows)}))
        return
    with open(out_path, "w") as f:
        rows.to_csv(f, index=False)
        units.to_csv(f, index=False)
        if warnings is not None:
            warnings.to_csv(f, index=False)


def pandas_agrees(csv_path, sopkit_json):
    """The pandas pipeline computes what sopkit's JSON says: each indicator's
    achievement and year-to-date figures and each early warning, to 1e-9.
    Exit status 1 with the first differences when it does not."""
    import math

    import pandas as pd

    df = read_national(csv_path)
    so_far = quarters_so_far(df)
    q = with_year_to_date(df[df["period"] == PERIOD], so_far).set_index("indicator")
    q["achievement"] = achievement(q["polarity"], q["target"], q["realisation"])
    w = early_warnings(df, so_far).set_index("indicator")
    with open(sopkit_json) as f:
        doc = json.load(f)
    differences = []

    def compare(what, code, ours, theirs):
        blank = ours is None or (isinstance(ours, float) and math.isnan(ours))
        if pd.isna(theirs) and blank:
            return
        if pd.isna(theirs) or blank or abs(float(theirs) - ours) > 1e-9 * max(1.0, abs(ours)):
            differences.append(f"{code} {what}: sopkit {ours}, pandas {theirs}")

    for r in doc["indicators"]:
        p = q.loc[r["indicator"]]
        compare("achievement", r["indicator"], r.get("achievement"), p["achievement"])
        for key in ("target", "realisation", "achievement"):
            compare("ytd " + key, r["indicator"], r.get("ytd", {}).get(key), p["ytd_" + key])
    if len(doc["warnings"]) != len(w):
        differences.append(f"{len(doc['warnings'])} warnings in sopkit's, {len(w)} in pandas'")
    for x in doc["warnings"]:
        p = w.loc[x["indicator"]]
        for key in ("quarters_reported", "annual_target", "pace_realisation", "trend_realisation",
                    "pace_achievement", "trend_achievement", "projected_achievement", "warn"):
            compare(key, x["indicator"], x.get(key), p[key])
    if differences:
        print("\n".join(differences[:10]), file=sys.stderr)
        sys.exit(1)


WAKTU = re.compile(r"(\d+)(?:\s*-\s*(\d+))?\s*(menit|jam|hari|minggu)", re.I)
MINUTES = {"menit": 1, "jam": 60, "hari": 450, "minggu": 2250}


def networkx_sop(json_path, out_path):
    import networkx as nx

    with open(json_path) as f:
        doc = json.load(f)
    g = nx.DiGraph()
    for s in doc["steps"]:
        m = WAKTU.search(s.get("time") or "")
        g.add_node(s["id"], minutes=int(m.group(2) or m.group(1)) * MINUTES[m.group(3).lower()]
                   if m else 0)
        nxt = s.get("next")
        for target in ([nxt] if isinstance(nxt, str) else nxt or []) + (
                [s["yes"]] if "yes" in s else []):
            g.add_edge(s["id"], target)
    order = list(nx.topological_sort(g))
    for u, v in g.edges:
        g.edges[u, v]["weight"] = g.nodes[v]["minutes"]
    path = nx.dag_longest_path(g, weight="weight", topo_order=order)
    with open(out_path, "w") as f:
        json.dump({"steps": len(order), "path": path,
                   "minutes": sum(g.nodes[s]["minutes"] for s in path)}, f)


def pandas_runs(sop_path, csv_path, out_path):
    import pandas as pd

    with open(sop_path) as f:
        steps = json.load(f)["steps"]
    std = pd.DataFrame({"step": [s["id"] for s in steps],
                        "standard": [int(m.group(2) or m.group(1)) * MINUTES[m.group(3).lower()]
                                     if (m := WAKTU.search(s.get("time") or "")) else None
                                     for s in steps]})
    log = pd.read_csv(csv_path, dtype={"step": str, "case": str}, parse_dates=["start", "end"])
    log = log.merge(std, on="step", how="left")
    log["minutes"] = (log["end"] - log["start"]).dt.total_seconds() / 60
    log["late"] = log["minutes"] > log["standard"]
    per_step = log.groupby("step").agg(executions=("case", "size"), late=("late", "sum"),
                                       mean_minutes=("minutes", "mean"))
    per_case = log.groupby("case").agg(late=("late", "sum"), steps=("step", "size"))
    with open(out_path, "w") as f:
        json.dump({"steps": json.loads(per_step.to_json(orient="index")),
                   "on_time_runs": int((per_case["late"] == 0).sum()),
                   "runs": len(per_case)}, f)


def pandas_store(csv_path, db_path):
    df = read_national(csv_path)
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    indicators = df.drop_duplicates("indicator")[["indicator", "unit"] + DEFINITION]
    values = df[["indicator", "period", "target", "realisation"]]
    audit = values.melt(id_vars=["indicator", "period"], var_name="field", value_name="new")
    audit = audit[audit["new"].notna()].assign(old=None, author="bench", reason="import", at=now)
    con = sqlite3.connect(db_path, isolation_level=None, factory=OneTransaction)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("BEGIN")
    indicators.to_sql("indicators", con, index=False)
    values.to_sql("value_rows", con, index=False)
    audit.to_sql("audit", con, index=False)
    con.execute("CREATE UNIQUE INDEX value_key ON value_rows(indicator, period)")
    con.execute("COMMIT")
    con.close()


class OneTransaction(sqlite3.Connection):
    """to_sql commits after each table; the store writes one transaction, so
    the alternative does too (COMMIT is issued once, explicitly)."""

    def commit(self):
        pass


def python_from_dataframe(build_dir, csv_path):
    sys.path.insert(0, str(HERE))
    from compare_python import import_sopkit

    sopkit = import_sopkit(pathlib.Path(build_dir))
    df = read_national(csv_path)  # outside the timing
    t0 = time.perf_counter()
    s = sopkit.IndicatorSet.from_dataframe(df)
    print(json.dumps({"from_dataframe": time.perf_counter() - t0, "rows": len(df),
                      "indicators": s.counts[0]}))


def python_evaluate(build_dir, csv_path):
    """The analyst's notebook: the indicator file to the evaluation's frame."""
    sys.path.insert(0, str(HERE))
    from compare_python import import_sopkit

    sopkit = import_sopkit(pathlib.Path(build_dir))
    import pandas  # noqa: F401 - imported outside the timing, as on the other side

    t0 = time.perf_counter()
    with sopkit.IndicatorSet.from_csv(csv_path) as s, s.evaluate(period=PERIOD) as ev:
        df = ev.to_dataframe()
    print(json.dumps({"seconds": time.perf_counter() - t0, "rows": len(df)}))


def python_read_csv(csv_path):
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(csv_path, dtype={"period": str})
    print(json.dumps({"read_csv": time.perf_counter() - t0, "rows": len(df)}))


SIDES = {"pandas-evaluate": pandas_evaluate, "pandas-agrees": pandas_agrees,
         "networkx-sop": networkx_sop, "pandas-runs": pandas_runs, "pandas-store": pandas_store,
         "python-from-dataframe": python_from_dataframe, "python-read-csv": python_read_csv,
         "python-evaluate": python_evaluate}


# ---- the jobs --------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.build = pathlib.Path(args.build_dir).resolve()
        self.sopkit = self.build / "tools" / "sopkit"
        self.gen = self.build / "bench" / "sopkit-gen"
        self.sizes = SHORT if args.short else FULL
        self.timeout = args.timeout
        self.repeat = max(1, args.repeat)
        self.out = pathlib.Path(args.out or tempfile.mkdtemp(prefix="sopkit-national-"))
        self.out.mkdir(parents=True, exist_ok=True)
        self.rows = []

    def generate(self, kind, name, *options):
        path = self.out / name
        if not path.exists():
            subprocess.run([str(self.gen), kind, *map(str, options), "-o", str(path)], check=True)
        return path

    def national(self, kabupaten):
        return self.generate("indicators-csv", f"national-{kabupaten}.csv", "--kabupaten", kabupaten)

    def pair(self, job, size_label, sopkit_cmds, alt_cmds, goal="", met=None):
        """Runs sopkit's and the alternative's command at n and 4n and adds a row."""
        figures = []
        for scale in (0, 1):
            s = self.run_side(sopkit_cmds[scale])
            a = self.run_side(alt_cmds[scale]) if alt_cmds else NO_ALTERNATIVE
            figures.append((s, a))
        self.rows.append(dict(job=job, size=size_label, figures=figures, goal=goal,
                              met=met(figures) if met and None not in (figures[1][0][0],) else None))
        self.print_row(self.rows[-1])

    def run_side(self, cmd):
        """The fastest of --repeat runs (a shared machine only ever adds time),
        with the largest peak RSS seen."""
        runs = [self.run_once(cmd) for _ in range(self.repeat)]
        if any(r[0] is None for r in runs):
            return next(r for r in runs if r[0] is None)
        fastest = min(runs, key=lambda r: r[0])
        rss = [r[1] for r in runs if isinstance(r[1], (int, float))]
        return fastest[0], max(rss) if rss else fastest[1], fastest[2]

    def run_once(self, cmd):
        if callable(cmd):
            return cmd()
        argv, stdout_path = cmd if isinstance(cmd, tuple) else (cmd, None)
        # `sopkit runs` exits 1 when it finds late steps: a result, not an error.
        ok_codes = (0, 1) if argv[:2] == [self.sopkit, "runs"] else (0,)
        seconds, rss = measure(argv, self.timeout, stdout_path, ok_codes)
        if stdout_path and seconds is not None and str(stdout_path).endswith(".json"):
            check_json_ends(stdout_path)
        return seconds, rss, ""

    @staticmethod
    def fmt(seconds, rss, timeout):
        if rss == "none":
            return "—"
        if seconds is None:
            return f"> {timeout:g} s"
        return f"{seconds:.2f} s, {rss:.0f} MB"

    def ratios(self, row):
        """alternative/sopkit at 4n, and each side's growth from n to 4n."""
        (s1, a1), (s4, a4) = row["figures"]
        t = self.timeout
        growth = ratio(s4[0], s1[0], t) if s1[0] is not None else "—"
        if a4 is NO_ALTERNATIVE:
            return "—", growth, "—"
        alt_growth = ratio(a4[0], a1[0], t) if a1[0] is not None else "—"
        return ratio(a4[0], s4[0], t), growth, alt_growth

    def print_row(self, row):
        (s1, a1), (s4, a4) = row["figures"]
        r, growth, alt_growth = self.ratios(row)
        t = self.timeout
        print(f"{row['job']} ({row['size']} at 4n)\n"
              f"  sopkit n {self.fmt(s1[0], s1[1], t)}, 4n {self.fmt(s4[0], s4[1], t)}; "
              f"alternative n {self.fmt(a1[0], a1[1], t)}, 4n {self.fmt(a4[0], a4[1], t)}; "
              f"alternative/sopkit at 4n {r}; growth sopkit {growth}, alternative {alt_growth}",
              flush=True)

    # -- jobs
    def evaluate(self):
        n = self.sizes["kabupaten"]
        files = [self.national(k) for k in (n, 4 * n)]

        def pandas(work):
            return [side("pandas-evaluate", f, self.out / "eval-pandas.csv", work) for f in files]

        def sopkit(fmt):
            return [([self.sopkit, "evaluate", f, "--period", PERIOD, *([fmt] if fmt else [])],
                     self.out / f"eval.{fmt[2:] or 'txt'}") for f in files]

        size = f"{rows_of(files[1]):,} rows, {mb(files[1])} MB"
        # The alternative does the work of each output: year-to-date figures
        # for all three, early warnings for the JSON and the text.
        for fmt, work in (("--json", "same"), ("--csv", "ytd"), ("", "same")):
            self.pair(f"sopkit evaluate national.csv --period 2024-Q2 {fmt or '(text)'}", size,
                      sopkit(fmt), pandas(work), goal=">= 10x pandas, RSS <= 2x file",
                      met=lambda fig, f=files[1]: ratio_value(fig[1][1][0], fig[1][0][0]) >= 10
                      and fig[1][0][1] <= 2 * os.path.getsize(f) / 2**20)
        # The alternative's figures are sopkit's (checked on the n file).
        check = self.out / "eval-n.json"
        with open(check, "wb") as out:
            subprocess.run([self.sopkit, "evaluate", files[0], "--period", PERIOD, "--json"],
                           stdout=out, check=True)
        subprocess.run(side("pandas-agrees", files[0], check), check=True)
        # Against a lighter pipeline that skips the year-to-date figures and
        # the early warnings: what the JSON job is worth against a pandas user
        # who does without them.
        self.pair("sopkit evaluate national.csv --period 2024-Q2 --json, against pandas results "
                  "and roll-ups only", size, sopkit("--json"), pandas("results"))
        # The same data in the JSON form (no pandas line: pandas has no reader for it).
        js = [self.generate("indicators-json", f"national-{k}.json", "--kabupaten", k) for k in (n, 4 * n)]
        self.pair("sopkit evaluate national.json --period 2024-Q2 --csv", f"{mb(js[1])} MB",
                  [([self.sopkit, "evaluate", f, "--period", PERIOD, "--csv"], self.out / "eval-json.csv")
                   for f in js], None)

    def capi(self):
        """The same national evaluation as a government app makes it through
        the C ABI (bench/embed/national.c): load, evaluate one period on two
        threads (as `sopkit evaluate` does on this machine), take the result
        as JSON or CSV and write it to a file."""
        n = self.sizes["kabupaten"]
        files = [self.national(k) for k in (n, 4 * n)]
        program = self.out / "national-capi"
        lib = self.build / "src"
        subprocess.run(["cc", "-O2", "-std=c99", str(HERE / "embed" / "national.c"),
                        f"-I{ROOT / 'include'}", f"-L{lib}", "-lsopkit", f"-Wl,-rpath,{lib}",
                        "-o", str(program)], check=True)
        for fmt, work in (("json", "same"), ("csv", "ytd")):
            self.pair(f"C ABI: load, evaluate --period 2024-Q2, to_{fmt}, write",
                      f"{rows_of(files[1]):,} rows, {mb(files[1])} MB",
                      [[program, f, PERIOD, fmt, self.out / f"eval-capi.{fmt}", "2"] for f in files],
                      [side("pandas-evaluate", f, self.out / "eval-pandas.csv", work) for f in files])

    def sops(self, verbs):
        n = self.sizes["sop_steps"]
        files = [self.generate("sop", f"sop-{k}.json", "--steps", k) for k in (n, 4 * n)]
        for verb in verbs:
            extra = ["--json"] if verb == "analyze" else []
            self.pair(f"sopkit {verb} {' '.join(extra)}".strip(),
                      f"{4 * n:,} steps, {mb(files[1])} MB",
                      [([self.sopkit, verb, f, *extra], self.out / f"{verb}.out") for f in files],
                      [side("networkx-sop", f, self.out / "networkx.json") for f in files])

    def loops(self):
        n = self.sizes["loops"]
        files = [self.generate("loops", f"loops-{k}.json", "--decisions", k) for k in (n, 4 * n)]
        out = self.out / "loops.out"
        self.pair("sopkit analyze --json, overlapping loops", f"{4 * n:,} decisions, {mb(files[1])} MB",
                  [([self.sopkit, "analyze", f, "--json"], out) for f in files], None,
                  goal="output < 10 MB, RSS < 200 MB",
                  met=lambda fig: os.path.getsize(out) < 10 * 2**20 and fig[1][0][1] < 200)
        if out.exists():
            print(f"  loops output at 4n: {os.path.getsize(out):,} bytes")

    def runs(self):
        n = self.sizes["run_cases"]
        sop = self.generate("sop", f"sop-{RUN_SOP_STEPS}.json", "--steps", RUN_SOP_STEPS)
        files = [self.generate("runs-csv", f"runs-{k}.csv", "--steps", RUN_SOP_STEPS, "--cases", k)
                 for k in (n, 4 * n)]
        self.pair("sopkit runs --json", f"{4 * n * RUN_SOP_STEPS:,} events, {mb(files[1])} MB",
                  [([self.sopkit, "runs", sop, f, "--json"], self.out / "runs.json") for f in files],
                  [side("pandas-runs", sop, f, self.out / "runs-pandas.json") for f in files])

    def store(self):
        n = self.sizes["store_kabupaten"]
        files = [self.national(k) for k in (n, 4 * n)]

        def sopkit_import(f):
            def run():
                db = self.out / "store.db"
                for p in self.out.glob("store.db*"):
                    p.unlink()
                measure([self.sopkit, "store", "init", db], self.timeout)
                seconds, rss = measure([self.sopkit, "store", "import", db, f, "--author", "bench"],
                                       self.timeout)
                return seconds, rss, ""
            return run

        def pandas_import(f):
            def run():
                db = self.out / "pandas.db"
                for p in self.out.glob("pandas.db*"):
                    p.unlink()
                return (*measure(side("pandas-store", f, db), self.timeout), "")
            return run

        self.pair("sopkit store import", f"{rows_of(files[1]):,} rows",
                  [sopkit_import(f) for f in files], [pandas_import(f) for f in files],
                  goal="<= 2x pandas + sqlite3", met=lambda fig: ratio_value(fig[1][0][0], fig[1][1][0]) <= 2)

    def python(self):
        n = self.sizes["python_kabupaten"]
        files = [self.national(k) for k in (n, 4 * n)]

        def timed(cmd, key):
            def run():
                path = self.out / "python.json"
                seconds, rss = measure(cmd, self.timeout, path)
                if seconds is None:
                    return None, None, ""
                return json.loads(path.read_text())[key], rss, ""
            return run

        self.pair("Python IndicatorSet.from_dataframe", f"{rows_of(files[1]):,} rows",
                  [timed(side("python-from-dataframe", self.build, f), "from_dataframe") for f in files],
                  [timed(side("python-read-csv", f), "read_csv") for f in files],
                  goal="< 2x read_csv", met=lambda fig: ratio_value(fig[1][0][0], fig[1][1][0]) < 2)
        # The notebook's whole job, from the file to the result's frames (the
        # imports outside the timing on both sides).
        self.pair("Python from_csv, evaluate(period='2024-Q2'), to_dataframe()",
                  f"{rows_of(files[1]):,} rows",
                  [timed(side("python-evaluate", self.build, f), "seconds") for f in files],
                  [timed(side("pandas-evaluate", f, "-", "ytd"), "seconds") for f in files])

    def table(self):
        print("\n| job | size (4n) | sopkit | alternative | alternative ÷ sopkit | growth n→4n (sopkit) | goal | met |")
        print("|---|---|---|---|---|---|---|---|")
        for r in self.rows:
            s4, a4 = r["figures"][1]
            alt_ratio, growth, _ = self.ratios(r)
            met = {True: "yes", False: "no", None: "—" if not r["goal"] else "no"}[r["met"]]
            print(f"| {r['job']} | {r['size']} | {self.fmt(s4[0], s4[1], self.timeout)} | "
                  f"{self.fmt(a4[0], a4[1], self.timeout)} | {alt_ratio} | {growth} | {r['goal']} | {met} |")


NO_ALTERNATIVE = (None, "none", "")


def check_json_ends(path):
    """A truncated or empty output is an error, not a figure. Only the end is
    read: loading a large output here would grow this process, and a child
    forked from it reports the parent's size as its own peak RSS."""
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - 64))
        tail = f.read().rstrip()
    if not tail.endswith((b"}", b"]")):
        raise Failed(f"{path}: the output does not end as JSON does")


def ratio_value(a, b):
    if a is None:
        return float("inf")
    if b is None:
        return 0.0
    return a / b if b > 0 else float("inf")


def ratio(a, b, timeout):
    """a / b, where None is a run stopped at the timeout (so a bound)."""
    if a is None and b is None:
        return "—"
    if a is None:
        return f"> {timeout / b:.2f}x"
    if b is None:
        return f"< {a / timeout:.2f}x"
    return f"{ratio_value(a, b):.2f}x"


def mb(path):
    return f"{os.path.getsize(path) / 1e6:.2f}"


def rows_of(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--side":
        SIDES[sys.argv[2]](*sys.argv[3:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default="build/release")
    ap.add_argument("--short", action="store_true", help="small sizes, for CI")
    ap.add_argument("--jobs", default="evaluate,capi,validate,analyze,loops,runs,store,python")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each side this many times and keep the fastest (default 1)")
    ap.add_argument("--out", help="folder for the generated inputs and outputs (default: a temp folder)")
    args = ap.parse_args()
    b = Bench(args)
    jobs = args.jobs.split(",")
    print(f"inputs and outputs in {b.out}; sizes at n: {b.sizes}; timeout {args.timeout:g} s")
    try:
        if "evaluate" in jobs:
            b.evaluate()
        sop_verbs = [v for v in ("validate", "analyze") if v in jobs]
        if sop_verbs:
            b.sops(sop_verbs)
        for job in ("capi", "loops", "runs", "store", "python"):
            if job in jobs:
                getattr(b, job)()
    except (Failed, subprocess.CalledProcessError) as e:
        print(f"compare_national: {e}", file=sys.stderr)
        return 1
    b.table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
