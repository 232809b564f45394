"""Validates every SOP example against docs/sop.schema.json,
and checks that the schema rejects documents it must reject, so this test can fail."""
import copy
import glob
import json
import os
import sys

import jsonschema

root = sys.argv[1]
with open(os.path.join(root, "docs", "sop.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

examples = []
for path in sorted(glob.glob(os.path.join(root, "examples", "*.json"))):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if isinstance(doc, dict) and doc.get("format") == "sopkit.sop/1":
        examples.append((path, doc))
assert examples, "no SOP examples found"

failures = 0
for path, doc in examples:
    errors = list(validator.iter_errors(doc))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += len(errors)

# Documents the schema must refuse.
seed = examples[0][1]
bad = []
d = copy.deepcopy(seed); d["format"] = "sopkit.sop/2"; bad.append(("format", d))
d = copy.deepcopy(seed); d["steps"][0]["kind"] = "mulai"; bad.append(("kind", d))
d = copy.deepcopy(seed); d["steps"][0]["time"] = 15; bad.append(("time as number", d))
d = copy.deepcopy(seed); d["dates"]["created"] = "01-01-2023"; bad.append(("date", d))
d = copy.deepcopy(seed); del d["steps"]; bad.append(("no steps", d))
for name, doc in bad:
    if validator.is_valid(doc):
        print(f"schema accepted a bad document ({name})")
        failures += 1

print(f"{len(examples)} example(s) checked, {len(bad)} bad documents refused, {failures} failure(s)")
sys.exit(1 if failures else 0)
