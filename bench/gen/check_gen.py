#!/usr/bin/python3
"""ctest bench.sopkit_gen: what sopkit-gen writes is reproducible byte for byte,
and sopkit reads all of it: the indicator CSV and JSON forms evaluate to the
same rows, the SOPs validate with no error, the CSV and JSON run logs compare
to the same result.

    check_gen.py SOPKIT-GEN SOPKIT
"""
import os
import subprocess
import sys
import tempfile


def gen(tool, folder, kind, name, *options):
    path = os.path.join(folder, name)
    argv = [tool, kind, *map(str, options), "-o"]
    subprocess.run(argv + [path], check=True)
    subprocess.run(argv + [path + ".again"], check=True)
    with open(path, "rb") as a, open(path + ".again", "rb") as b:
        if a.read() != b.read():
            sys.exit(f"{kind} {options}: two runs wrote different bytes")
    return path


def sopkit(tool, *args, ok=(0,)):
    p = subprocess.run([tool, *map(str, args)], capture_output=True, text=True)
    if p.returncode not in ok:
        sys.exit(f"sopkit {' '.join(map(str, args))}: exit {p.returncode}\n{p.stderr[-2000:]}")
    return p.stdout


def main(gen_tool, sopkit_tool):
    with tempfile.TemporaryDirectory() as d:
        csv = gen(gen_tool, d, "indicators-csv", "i.csv", "--kabupaten", 2, "--opd", 3)
        js = gen(gen_tool, d, "indicators-json", "i.json", "--kabupaten", 2, "--opd", 3)
        with open(csv) as f:
            rows = sum(1 for _ in f) - 1
        if rows != 2 * 3 * 13 * 5:
            sys.exit(f"indicators-csv: {rows} rows, expected {2 * 3 * 13 * 5}")
        by_csv = sorted(sopkit(sopkit_tool, "evaluate", csv, "--period", "2024-Q2", "--csv").splitlines())
        by_json = sorted(sopkit(sopkit_tool, "evaluate", js, "--period", "2024-Q2", "--csv").splitlines())
        if by_csv != by_json:
            sys.exit("the CSV and JSON forms of the indicator file evaluate differently")
        for path in (gen(gen_tool, d, "sop", "s.json", "--steps", 300),
                     gen(gen_tool, d, "loops", "l.json", "--decisions", 40)):
            out = sopkit(sopkit_tool, "validate", path)
            if "0 error(s), 0 warning(s)" not in out:
                sys.exit(f"{path} does not validate cleanly:\n{out[-2000:]}")
        sop = gen(gen_tool, d, "sop", "s20.json", "--steps", 20)
        logs = [gen(gen_tool, d, kind, f"r.{kind[5:]}", "--steps", 20, "--cases", 30)
                for kind in ("runs-csv", "runs-json")]
        # exit 1: the comparison found late steps, a result.
        results = [sopkit(sopkit_tool, "runs", sop, log, ok=(0, 1)) for log in logs]
        if results[0] != results[1] or "runs: 30 (30 finished)" not in results[0]:
            sys.exit("the CSV and JSON run logs compare differently")
        gen(gen_tool, d, "waktu", "w.txt", "--repeats", 10)
    print("sopkit-gen: reproducible, and every kind loads")


if __name__ == "__main__":
    main(*sys.argv[1:3])
