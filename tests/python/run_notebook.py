"""Runs examples/sopkit.ipynb as a user would, with `jupyter nbconvert
--execute`, on a copy in a temporary folder (never in the source tree), with
the package on PYTHONPATH; fails when a cell raises or when the pictures the
notebook is for are not in its outputs.

    run_notebook.py NOTEBOOK              exit 0: every cell ran, pictures shown
    run_notebook.py NOTEBOOK --broken     a copy with a cell that raises must fail
Exits 77 (skipped) when jupyter-nbconvert or ipykernel is missing.
"""
import argparse
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import tempfile

import nbformat

SKIP = 77
# What the notebook's views must show: the SOP table (one symbol per step), the
# Gantt chart (one bar per step) and the capaian tables with predikat colours.
EXPECTED_HTML = ('data-step="', '<g class="task"', '<td class="band" style="background:#')


def nbconvert() -> str:
    tool = shutil.which("jupyter-nbconvert")
    if tool is None or importlib.util.find_spec("ipykernel") is None:
        print("skipped: jupyter-nbconvert or ipykernel missing "
              "(apt-get install jupyter-nbconvert python3-ipykernel python3-nbclient)")
        sys.exit(SKIP)
    return tool


def copy_into(folder: pathlib.Path, notebook: pathlib.Path, broken: bool) -> pathlib.Path:
    """The notebook and the example inputs beside it, copied into `folder`."""
    for data in notebook.parent.iterdir():
        if data.suffix in (".json", ".csv"):
            shutil.copy(data, folder / data.name)
    nb = nbformat.read(notebook, as_version=4)
    if broken:
        nb.cells.insert(2, nbformat.v4.new_code_cell("raise RuntimeError('injected failure')"))
    target = folder / notebook.name
    nbformat.write(nb, target)
    return target


def html_outputs(nb: nbformat.NotebookNode) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells
                     if c.cell_type == "code" for o in c.outputs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook", type=pathlib.Path)
    ap.add_argument("--broken", action="store_true", help="inject a raising cell: must fail")
    a = ap.parse_args()
    tool = nbconvert()
    with tempfile.TemporaryDirectory(prefix="sopkit-notebook-") as tmp:
        copy = copy_into(pathlib.Path(tmp), a.notebook.resolve(), a.broken)
        run = subprocess.run([tool, "--to", "notebook", "--execute", "--output", "executed.ipynb",
                              "--ExecutePreprocessor.kernel_name=python3",
                              "--ExecutePreprocessor.timeout=120", copy.name],
                             cwd=tmp, capture_output=True, text=True)
        if a.broken:
            if run.returncode != 0 and "injected failure" in run.stderr:
                print("nbconvert failed on the raising cell, as it must")
                return 0
            print(f"nbconvert exited {run.returncode} on a notebook whose cell raises")
            return 1
        if run.returncode != 0:
            print(run.stderr[-4000:])
            return 1
        executed = nbformat.read(pathlib.Path(tmp) / "executed.ipynb", as_version=4)
        errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        unrun = [c for c in executed.cells if c.cell_type == "code" and not c.execution_count]
        shown = html_outputs(executed)
        missing = [m for m in EXPECTED_HTML if m not in shown]
        if errors or unrun or missing:
            print(f"errors: {errors}\ncells not run: {len(unrun)}\nnot shown: {missing}")
            return 1
    print(f"{a.notebook.name}: every cell ran; the SOP table, the Gantt chart and the "
          "capaian tables are shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
