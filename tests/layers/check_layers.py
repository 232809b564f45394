#!/usr/bin/env python3
"""Fails when an #include goes against the layer DAG of docs/layers.md: an
upward edge, an edge the DAG does not allow, a cycle in the DAG itself, or a
folder or public header that no layer claims.

Usage: check_layers.py SOURCE_DIR"""
import os
import re
import sys

# Each layer and the layers it may use directly; it may use their own
# allowed layers too (the closure). Keep in step with docs/layers.md.
DAG = {
    "util": [],
    "model": ["util"],
    "calendar": ["model"],
    "analysis": ["model", "calendar"],
    "indicators": ["model"],
    "monitoring": ["analysis", "indicators"],
    "io": ["monitoring"],
    "render": ["io"],
    "store": ["io"],
    "capi": ["render", "store"],
    # The program uses the C++ API; of the C header only the version macros.
    "tools": ["render", "store", "capi"],
}

# The layer of each public header: the layer whose types it declares.
HEADERS = {
    "error.hpp": "model", "duration.hpp": "model", "sop.hpp": "model",
    "calendar.hpp": "calendar",
    "analysis.hpp": "analysis", "schedule.hpp": "analysis", "validation.hpp": "analysis",
    "sop_diff.hpp": "analysis",
    "indicator_set.hpp": "indicators", "indicator_eval.hpp": "indicators",
    "indicator_bulk.hpp": "indicators", "rating_scale.hpp": "indicators",
    "indicator_rows.hpp": "indicators",
    "runs.hpp": "monitoring", "monitoring.hpp": "monitoring",
    "sop_json.hpp": "io", "indicator_io.hpp": "io", "input_limit.hpp": "io",
    "result_json.hpp": "io", "files.hpp": "io",
    "render.hpp": "render", "report.hpp": "render",
    "store.hpp": "store",
    "sopkit.h": "capi",
}

# tools/ and capi/ use the public C++ API (include/sopkit) and their own
# headers, never a layer's private src/*/detail/ headers.
PUBLIC_API_ONLY = ("capi", "tools")
PRIVATE = re.compile(r"^[a-z]+/detail/")

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def closure(dag):
    """Every layer's allowed layers, transitively; raises on a cycle."""
    done, visiting = {}, set()

    def visit(layer):
        if layer in done:
            return done[layer]
        if layer in visiting:
            raise SystemExit(f"the layer DAG has a cycle through '{layer}'")
        visiting.add(layer)
        allowed = set()
        for dep in dag[layer]:
            if dep not in dag:
                raise SystemExit(f"layer '{layer}' uses '{dep}', which is not a layer")
            allowed |= {dep} | visit(dep)
        visiting.discard(layer)
        done[layer] = allowed
        return allowed

    for layer in dag:
        visit(layer)
    return done


def layer_of_include(path):
    top, _, rest = path.partition("/")
    if top == "sopkit":
        return HEADERS.get(rest, f"unmapped public header {rest}")
    return top if top in DAG else None  # a same-folder or third-party include


def private_include_refused(root, path, layer, included):
    """An include of a src/*/detail/ header from a layer that uses the public API only."""
    return layer in PUBLIC_API_ONLY and PRIVATE.match(included) is not None


def files_of(root, folder):
    for base, _, names in os.walk(os.path.join(root, folder)):
        for name in names:
            if name.endswith((".cpp", ".hpp", ".h", ".c")):
                yield os.path.join(base, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    allowed = closure(DAG)
    faults = []
    src_layers = {d for d in os.listdir(os.path.join(root, "src"))
                  if os.path.isdir(os.path.join(root, "src", d))}
    for missing in sorted(src_layers - DAG.keys()):
        faults.append(f"src/{missing}: a folder no layer claims (add it to the DAG)")
    for header in sorted(os.listdir(os.path.join(root, "include", "sopkit"))):
        if header not in HEADERS:
            faults.append(f"include/sopkit/{header}: a public header no layer claims")
    folders = [(f"src/{layer}", layer) for layer in sorted(src_layers & DAG.keys())]
    folders += [("capi", "capi"), ("tools", "tools")]
    units = [(path, layer) for folder, layer in folders for path in files_of(root, folder)]
    units += [(os.path.join(root, "include", "sopkit", h), layer) for h, layer in HEADERS.items()]
    for path, layer in units:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for included in INCLUDE.findall(text):
            if private_include_refused(root, path, layer, included):
                faults.append(f"{os.path.relpath(path, root)}: {layer} includes the private "
                              f"header \"{included}\"; use the public API (include/sopkit)")
                continue
            target = layer_of_include(included)
            if target is None or target == layer:
                continue
            if target.startswith("unmapped"):
                faults.append(f"{os.path.relpath(path, root)}: {target}")
            elif target not in allowed[layer]:
                faults.append(f"{os.path.relpath(path, root)}: {layer} includes \"{included}\" "
                              f"of layer {target}, which {layer} may not use")
    for fault in faults:
        print(fault)
    print(f"{len(units)} files, {len(DAG)} layers: "
          f"{'ok' if not faults else str(len(faults)) + ' faults'}")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
