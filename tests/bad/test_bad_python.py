"""The bad-input corpus through the Python package (bindings/python): the
exception class each failure raises, and that a failed load leaves nothing
behind. Skips cleanly when the package cannot be imported (not built)."""
import json
import os

import pytest

try:
    import sopkit
except Exception as exc:  # ImportError, or OSError when libsopkit is missing
    pytest.skip(f"import sopkit failed: {exc}", allow_module_level=True)

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = os.environ.get("SOPKIT_BAD_GENERATED", "")

with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as f:
    CASES = json.load(f)["cases"]


def path_of(case):
    name = case["file"]
    if name.startswith("generated:"):
        return os.path.join(GENERATED, name[len("generated:"):])
    return os.path.join(HERE, "inputs", name)


def load(case, path):
    loader = case["loader"]
    if loader == "sop":
        return sopkit.Sop.load(path)
    if loader == "calendar":
        return sopkit.Calendar.load(path)
    return sopkit.IndicatorSet.load(path)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_python_raises_the_mapped_exception(case):
    path = path_of(case)
    stage = case["stage"]
    if stage == "validate":
        sop = load(case, path)
        codes = [d.code for d in sop.validate() if d.severity == sopkit.Severity.ERROR]
        assert case["diagnostic"] in codes
        return
    expected = getattr(sopkit, case["python_exception"])
    try:
        if stage == "load":
            load(case, path)
        else:
            load(case, path).analyze()
    except expected as exc:
        # The CLI prints diagnostics with their codes; an exception carries the
        # library's message, which names the fault in words: check it only
        # where the manifest gives the words (python_message).
        wanted = case.get("python_message", case["cli_message"] if stage == "load" else "")
        ok = wanted in str(exc) and len(str(exc)) < 4096
        detail = f"message {str(exc)[:200]!r} lacks {wanted!r}"
    except sopkit.Error as exc:
        ok = False
        detail = f"{type(exc).__name__}: {exc}"
    else:
        ok = False
        detail = "nothing raised"
    if "known_failure" in case:
        assert not ok, "fixed: remove known_failure from the manifest"
        pytest.xfail(case["known_failure"])
    assert ok, f"{case['file']}: expected {case['python_exception']}: {locals().get('detail', '')}"
