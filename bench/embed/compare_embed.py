#!/usr/bin/python3
"""The bulk calls from PHP (bindings/php, FFI) and Go (bindings/go, cgo)
against the same calls from C, in one run on the same inputs, with checks that
all three computed the same results.

  evaluate_cells: 10M (target, realisation, polarity) cells, capaian + band
    (sopkit_evaluate_cells; inputs as bench/baselines/inputs.py's cells).
  calendar_add_minutes_bulk: 10M start instants over 2015..2024 + 0..40 office
    hours on the ASN week (sopkit_calendar_add_minutes_bulk).
  calendar_add_minutes_per_call: the first CALLS of those as single calls
    (sopkit_calendar_add_minutes), for the per-call overhead of each host.

bench/embed/bulk.c writes the inputs once (splitmix64 streams) and each host
reads them into its own arrays (C malloc, PHP FFI arrays, Go slices passed in
place). The hosts alternate for --rounds rounds, so they meet the same
machine; the table gives the best and the median of each. The machine is
shared: compare the ratios of one run, not absolute times across runs.

Usage (about 40 s with the defaults):
  /usr/bin/python3 bench/embed/compare_embed.py [--build-dir build/release]
      [--n 10000000] [--calls 1000000] [--rounds 5]
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAMES = ["evaluate_cells", "calendar_add_minutes_bulk", "calendar_add_minutes_per_call"]


def sh(cmd, env, cwd=None):
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return p.stdout


def staged_env(build):
    """Installs the build to a prefix and points pkg-config, cgo and the loader at it.
    A fixed prefix in the build folder: Go's build cache keeps the link flags cgo
    got from pkg-config, so a temporary prefix would leave cached builds linked
    against a folder that is gone."""
    prefix = build / "bench-embed-prefix"
    sh(["cmake", "--install", str(build), "--prefix", str(prefix)], os.environ.copy())
    libdir = next(p for p in prefix.iterdir() if p.name.startswith("lib"))
    env = dict(os.environ, PKG_CONFIG_PATH=str(libdir / "pkgconfig"), LD_LIBRARY_PATH=str(libdir),
               SOPKIT_FFI_HEADER=str(prefix / "include/sopkit/sopkit_ffi.h"), GOPROXY="off",
               GOFLAGS="-buildvcs=false -mod=mod", GOCACHE=str(build / "gocache"), GOPATH=str(build / "gopath"))
    return env


def hosts(env, work):
    """The command of each host, built: C (bulk.c), PHP, Go."""
    flags = sh(["pkg-config", "--cflags", "--libs", "sopkit"], env).split()
    sh(["cc", "-O2", "-std=c99", str(ROOT / "bench/embed/bulk.c"), *flags, "-lm", "-o", str(work / "bulk")], env)
    sh(["go", "build", "-o", str(work / "bulk-go"), "."], env, cwd=ROOT / "bench/go")
    return {
        "C": [str(work / "bulk")],
        "PHP": ["php", "-d", "ffi.enable=1", "-d", "memory_limit=-1", str(ROOT / "bench/php/bulk.php")],
        "Go": [str(work / "bulk-go")],
    }


def parse(output):
    times, checks = {}, {}
    for line in output.splitlines():
        words = line.split()
        if words[0] == "checksum":
            checks[words[1]] = " ".join(words[2:])
        else:
            times[words[0]] = float(words[1])
    return times, checks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=str(ROOT / "build/release"))
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        env = staged_env(pathlib.Path(args.build_dir).resolve())
        commands = hosts(env, work)
        sh([commands["C"][0], "gen", tmp, str(args.n)], env)
        samples = {host: {name: [] for name in NAMES} for host in commands}
        checksums = {}
        for _ in range(args.rounds):
            for host, command in commands.items():
                run = ["run"] if host == "C" else []
                times, checks = parse(sh([*command, *run, tmp, str(args.n), str(args.calls)], env))
                for name in NAMES:
                    samples[host][name].append(times[name])
                checksums.setdefault(host, checks)
    for host, checks in checksums.items():
        if checks != checksums["C"]:
            sys.exit(f"{host} computed other results than C: {checks} vs {checksums['C']}")
    print(f"n = {args.n:,} cells / instants, {args.calls:,} single calls, {args.rounds} rounds; "
          "results identical in C, PHP and Go (checksums)")
    print(f"{'call':32} {'host':4} {'best':>10} {'median':>10} {'vs C (best)':>12} {'vs C (median)':>14}")
    for name in NAMES:
        c_best, c_median = min(samples["C"][name]), statistics.median(samples["C"][name])
        for host in commands:
            best, median = min(samples[host][name]), statistics.median(samples[host][name])
            if name.endswith("per_call"):
                unit = lambda s: f"{s / args.calls * 1e9:8.1f} ns"
                vs = lambda s, c: f"{(s - c) / args.calls * 1e9:+9.1f} ns"
            else:
                unit = lambda s: f"{s * 1e3:7.1f} ms"
                vs = lambda s, c: f"{(s / c - 1) * 100:+8.1f} %"
            print(f"{name:32} {host:4} {unit(best):>10} {unit(median):>10} {vs(best, c_best):>12} "
                  f"{vs(median, c_median):>14}")


if __name__ == "__main__":
    main()
