#!/usr/bin/env python3
"""Writes the bad inputs too large to commit (manifest entries `generated:*`)
into the folder given, for every runner to read: a 10 MB string, 100 000
nested arrays or objects, a 10 MB CSV cell. Deterministic: same bytes on
every run."""
import os
import sys

HEAD = ('{"format":"sopkit.sop/1","number":"1","title":"T",'
        '"actors":[{"id":"a","name":"A"}],"steps":')
CSV_HEAD = "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"

FILES = {
    "sop-10mb-string.json": HEAD + '"' + "x" * (10 * 1024 * 1024) + '"}',
    "sop-deep-nesting.json": HEAD + "[" * 100000 + "]" * 100000 + "}",
    "calendar-deep-nesting.json": '{"format":"sopkit.calendar/1","coverage":'
    + '{"a":' * 100000 + "1" + "}" * 100000 + "}",
    "indicators-10mb-field.csv": CSV_HEAD + "Dinas,IKU-01,APK,%,positive,last,1,2024,"
    + "9" * (10 * 1024 * 1024) + ",95\n",
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in FILES.items():
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(f"wrote {len(FILES)} generated bad inputs to {out}")


if __name__ == "__main__":
    main()
