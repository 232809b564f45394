"""The bad-input corpus through the command line: the exit code of
`sopkit validate` (SOP files), `sopkit schedule --calendar` (calendars) and
`sopkit evaluate` (indicator data), and the message the user sees.

Exit codes (tools/cli_util.hpp): 1 the input has errors (a document that loads
but breaks a rule), 2 an input that cannot be loaded. A message never echoes a
10 MB input back."""
import json
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.environ.get("SOPKIT_CLI", "sopkit")
GENERATED = os.environ.get("SOPKIT_BAD_GENERATED", "")
SOURCE = os.environ.get("SOPKIT_SOURCE_DIR", os.path.join(HERE, "..", ".."))
SEED = os.path.join(SOURCE, "examples", "sop-monev-capaian-kinerja.json")

with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as f:
    CASES = json.load(f)["cases"]


def path_of(case):
    name = case["file"]
    if name.startswith("generated:"):
        return os.path.join(GENERATED, name[len("generated:"):])
    return os.path.join(HERE, "inputs", name)


def command(case, path):
    loader = case["loader"]
    if loader == "sop":
        return [CLI, "validate", path]
    if loader == "calendar":
        return [CLI, "schedule", SEED, "--start", "2024-04-05T08:00", "--calendar", path]
    return [CLI, "evaluate", path, "--json"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_cli_refuses_bad_input(case):
    path = path_of(case)
    if case["loader"] == "indicators-json" and not path.endswith(".json"):
        pytest.fail("indicator JSON inputs must end in .json: the CLI picks the parser by name")
    proc = subprocess.run(command(case, path), capture_output=True, timeout=120)
    out = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    ok = (proc.returncode == case["cli_exit"] and case["cli_message"] in out
          and len(proc.stderr) < 8192 and "internal error" not in out)
    if "known_failure" in case:
        assert not ok, "fixed: remove known_failure from the manifest"
        pytest.xfail(case["known_failure"])
    assert ok, (f"{case['file']}: exit {proc.returncode} (expected {case['cli_exit']}), "
                f"expected '{case['cli_message']}' in:\n{out[:1000]}")
