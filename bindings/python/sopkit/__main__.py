"""``python -m sopkit``: a quick look from Python, mirroring the CLI's verbs.

    python -m sopkit analyze SOP.json [--json] [--rework-rounds K]
    python -m sopkit evaluate DATA.csv|DATA.json [--json] [--period 2024-Q2] [--cap 100]
    python -m sopkit schedule SOP.json --start 2024-04-05T08:00 [--calendar id-2024|FILE] [--json]
    python -m sopkit version

Exit codes as the CLI: 0 done, 1 the input has errors, 2 usage or I/O problem.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional

import sopkit


def _hm(minutes: float) -> str:
    return f"{minutes:g}"


def _analyze(a: argparse.Namespace) -> int:
    with sopkit.Sop.load(a.file) as sop:
        diagnostics = sop.validate()
        with sop.analyze(rework_rounds=a.rework_rounds) as an:
            if a.json:
                print(an.to_json())
                return 1 if not diagnostics.ok else 0
            d = an.to_dict()
            print(f"SOP {d.get('number', '')} — {d.get('title', '')}\n")
            print(f"Happy path total:  {an.total_text} = {_hm(an.total_minutes)} working minutes")
            print("Happy path:        " + " -> ".join(an.path))
            print()
            print(f"{'Step':<6}{'ES':>8}{'EF':>8}{'LS':>8}{'LF':>8}{'Slack':>8}")
            for t in an.timings:
                print(f"{t.id:<6}{_hm(t.earliest_start):>8}{_hm(t.earliest_finish):>8}"
                      f"{_hm(t.latest_start):>8}{_hm(t.latest_finish):>8}{_hm(t.slack):>8}"
                      f"{'  *' if t.critical else ''}")
            print("(minutes from the start of the run; * = critical)")
            loops = d.get("loops") or []
            print(f"\nRework loops: {len(loops)}")
            for lp in loops:
                rnd = lp.get("round", {})
                print(f"  decision {lp['decision']} (no -> {lp['restart']}): re-does "
                      f"{lp['round_steps']} step(s) of component {lp['component'] + 1}; "
                      f"one round {rnd.get('text', '')} = "
                      f"{_hm(rnd.get('working_minutes', 0))} min")
            for c, members in enumerate(d.get("components") or []):
                print(f"  component {c + 1}: {' -> '.join(members)}")
            workload = d.get("workload") or []
            if workload:
                print("\nWorkload per actor:")
                for w in workload:
                    name = w.get("name") or w.get("actor", "")
                    print(f"  {name:<24}  {w.get('steps', '')} step(s)  "
                          f"{_hm(w.get('working_minutes', 0))} min")
        print(f"\nDiagnostics: {len(diagnostics.errors)} error(s), "
              f"{len(diagnostics.warnings)} warning(s)")
        for x in diagnostics:
            where = f" step {x.step}" if x.step else ""
            print(f"  {x.severity.value} [{x.code}]{where}: {x.message}")
        return 0 if diagnostics.ok else 1


def _evaluate(a: argparse.Namespace) -> int:
    path = a.file
    if path.lower().endswith(".json"):
        with open(path, encoding="utf-8") as f:
            data = sopkit.IndicatorSet.from_json(f.read())
    else:
        data = sopkit.IndicatorSet.from_csv(path)
    with data, data.evaluate(period=a.period, cap=a.cap, scale=a.scale) as ev:
        if a.json:
            print(ev.to_json())
            return 0
        print(f"{'indicator':<10}{'period':<11}{'target':>12}{'realisation':>13}  achievement")
        for r in ev:
            t = "-" if r.target is None else f"{r.target:.2f}"
            re_ = "-" if r.realisation is None else f"{r.realisation:.2f}"
            ach = (f"{r.achievement:.2f} %  {r.predicate}" if r.achievement is not None
                   else f"not computable: {r.reason}")
            print(f"{r.indicator:<10}{r.period:<11}{t:>12}{re_:>13}  {ach}")
        return 0


def _schedule(a: argparse.Namespace) -> int:
    cal_arg = a.calendar
    if os.path.exists(cal_arg):
        cal = sopkit.Calendar.load(cal_arg)
    else:
        cal = sopkit.Calendar.indonesia(cal_arg)
    with cal, sopkit.Sop.load(a.file) as sop, sop.schedule(a.start, cal) as plan:
        if a.json:
            print(plan.to_json())
            return 0
        for s in plan.steps:
            print(f"{s.id:<6}{s.start:%Y-%m-%dT%H:%M}  {s.end:%Y-%m-%dT%H:%M}")
        print(f"due {plan.due:%Y-%m-%dT%H:%M}")
        return 0


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sopkit", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="verb", required=True)
    p = sub.add_parser("analyze", help="happy path, total, CPM, workload of an SOP")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--rework-rounds", type=int, default=1)
    p = sub.add_parser("evaluate", help="capaian kinerja of an indicator CSV/JSON")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--period")
    p.add_argument("--cap", type=int, default=0)
    p.add_argument("--scale")
    p = sub.add_parser("schedule", help="plan an SOP run on a working calendar")
    p.add_argument("file")
    p.add_argument("--start", required=True)
    p.add_argument("--calendar", default="id-2024", help="shipped id or sopkit.calendar/1 file")
    p.add_argument("--json", action="store_true")
    sub.add_parser("version", help="the library's version")
    try:
        a = ap.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        if a.verb == "analyze":
            return _analyze(a)
        if a.verb == "evaluate":
            return _evaluate(a)
        if a.verb == "schedule":
            return _schedule(a)
        print(sopkit.version())
        return 0
    except (sopkit.SopkitIOError, sopkit.ParseError, sopkit.FormatError,
            sopkit.InvalidArgumentError, sopkit.NotFoundError) as e:
        print(f"sopkit: {e}", file=sys.stderr)
        return 2
    except sopkit.Error as e:
        print(f"sopkit: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover
        return 0


if __name__ == "__main__":
    sys.exit(main())
