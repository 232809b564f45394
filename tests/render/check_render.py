#!/usr/bin/env python3
"""Tool checks of the render suite, run by CTest (tests/render/CMakeLists.txt).

  check_render.py dot      SOPKIT SOURCE WORK   Graphviz renders every example's DOT
  check_render.py bpmn     SOPKIT SOURCE WORK   bpmn-moddle imports every BPMN export, no warning
  check_render.py monev    SOPKIT SOURCE WORK   the monev verb writes a complete report
  check_render.py browser  SOPKIT SOURCE WORK [--keep DIR]
                                              headless Chromium: screenshot (not blank), PDF,
                                              every step's symbol in the DOM, nothing wider
                                              than the page

A check whose tool is missing exits 77 (CTest shows it as skipped) and says
what to install: scripts/render-checks-deps installs everything.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
EXAMPLES = ["examples/sop-monev-capaian-kinerja.json", "examples/sop-large-60-steps.json"]


def skip(why):
    print(f"SKIPPED: {why} — run scripts/render-checks-deps to install it")
    sys.exit(SKIP)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def render(sopkit, source, example, fmt, work, *extra):
    out = os.path.join(work, os.path.basename(example).replace(".json", f".{fmt}"))
    run([sopkit, "render", os.path.join(source, example), "--format", fmt, "-o", out, *extra])
    return out


def step_ids(source, example):
    with open(os.path.join(source, example), encoding="utf-8") as f:
        return [s["id"] for s in json.load(f)["steps"]]


def check_dot(sopkit, source, work):
    if not shutil.which("dot"):
        skip("Graphviz 'dot' is not installed (Debian package graphviz)")
    for ex in EXAMPLES:
        dot = render(sopkit, source, ex, "dot", work)
        svg = run(["dot", "-Tsvg", dot]).stdout.replace("&#45;", "-")
        for sid in step_ids(source, ex):
            assert f'id="step-{sid}"' in svg, f"{ex}: step {sid} missing from Graphviz output"
        clusters = svg.count('class="cluster"')
        with open(os.path.join(source, ex), encoding="utf-8") as f:
            actors = len(json.load(f)["actors"])
        assert clusters == actors, f"{ex}: {clusters} swimlane clusters for {actors} actors"
        print(f"{ex}: dot rendered {len(svg)} bytes, {clusters} swimlanes")


def check_bpmn(sopkit, source, work):
    node_prefix = os.path.join(source, "tests", "render", "node")
    if not shutil.which("node"):
        skip("Node.js is not installed")
    if not os.path.isdir(os.path.join(node_prefix, "node_modules", "bpmn-moddle")):
        skip(f"bpmn-moddle is not installed under {node_prefix}")
    files = [render(sopkit, source, ex, "bpmn", work) for ex in EXAMPLES]
    r = subprocess.run(["node", os.path.join(source, "tests", "render", "bpmn_check.mjs"),
                        node_prefix, *files], capture_output=True, text=True)
    print(r.stdout, r.stderr)
    assert r.returncode == 0, "bpmn-moddle reported warnings or undrawn elements"


def monev(sopkit, source, sop, data, period, out, *extra):
    cmd = [sopkit, "monev", "--sop", os.path.join(source, sop), "--indicators",
           os.path.join(source, data), "--period", period, "--out", out, *extra]
    return run(cmd)


def check_monev(sopkit, source, work):
    cases = [
        ("examples/sop-monev-capaian-kinerja.json", "examples/indicators-disdikbud-2024.csv", []),
        ("examples/sop-large-60-steps.json", "tests/render/data/indicators-500.csv", ["--lang", "en"]),
    ]
    for sop, data, extra in cases:
        out = os.path.join(work, os.path.basename(data) + ".report")
        r = monev(sopkit, source, sop, data, "2024-Q2", out, *extra)
        assert "[1/9]" in r.stderr and "[9/9]" in r.stderr, "no progress on stderr:\n" + r.stderr
        html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
        report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
        rows = list(csv.DictReader(open(os.path.join(out, "capaian.csv"), encoding="utf-8")))
        # Self-contained: no script, stylesheet link or remote resource.
        for bad in ["<script", "<link", " src=", "url(http", "@import"]:
            assert bad not in html, f"report.html contains {bad!r}"
        assert re.findall(r"https?://(?!www\.w3\.org/2000/svg)", html) == [], "network URL in HTML"
        en = "--lang" in extra
        for word in (["Achievement by unit", "Early warnings", "Monev schedule"] if en else
                     ["Capaian kinerja per unit kerja", "Peringatan dini", "Jadwal pelaksanaan monev"]):
            assert word in html, f"missing section {word!r}"
        assert report["format"] == "sopkit.monev/1" and report["period"] == "2024-Q2"
        ev = report["evaluation"]["indicators"]
        assert all(r["period"] == "2024-Q2" for r in ev), "results of other periods"
        indicators = {r["indicator"] for r in ev}
        assert len(indicators) == len(ev), "one result per indicator"
        # Every indicator's row in the HTML table and the CSV.
        for code in indicators:
            assert f"<td>{code}</td>" in html, f"{code} missing from the achievement table"
        assert len([r for r in rows if r.get("indicator")]) == len(ev)
        assert report["schedule"]["steps"], "no schedule"
        for st in report["schedule"]["steps"]:
            assert f'class="task" data-step="{st["id"]}"' in html, f"Gantt bar of step {st['id']}"
        for h in report["schedule"]["holidays"]:
            assert f'class="holiday" data-date="{h["date"]}"' in html, f"holiday {h['date']} not shaded"
        assert html.count('id="sop-step-') == len(step_ids(source, sop))
        print(f"{sop} + {data}: {len(ev)} indicators, {len(report['schedule']['steps'])} scheduled "
              f"steps, {len(report['schedule']['holidays'])} holidays, "
              f"{report['sop']['pages']} SOP pages")
    # The 500-row input: 125 indicators, all in the bar chart.
    html = open(os.path.join(work, "indicators-500.csv.report", "report.html"), encoding="utf-8").read()
    assert html.count('class="bar" data-indicator=') + html.count("not computable: ") >= 125


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--mute-audio"]

# Injected into a copy of the page: lays out at the window width and writes
# what it measured into the DOM, which --dump-dom then returns.
PROBE = """
<script>
window.addEventListener('load', function () {
  var vw = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll('table, svg, section, h1, h2, h3, p').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > vw + 1) wide.push((e.id || e.tagName) + ':' + Math.round(r.right));
  });
  var missing = [], empty = [];
  (window.SOPKIT_STEPS || []).forEach(function (id) {
    var el = document.getElementById(id);
    if (!el) { missing.push(id); return; }
    var b = el.getBoundingClientRect();
    if (!(b.width > 0 && b.height > 0)) empty.push(id);
  });
  var out = document.createElement('pre');
  out.id = 'sopkit-probe';
  out.textContent = JSON.stringify({viewport: vw, scrollWidth: document.documentElement.scrollWidth,
                                    wide: wide, missing: missing, empty: empty});
  document.body.appendChild(out);
});
</script>
"""


def chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        if shutil.which(name):
            return shutil.which(name)
    return None


def browser(exe, args, work):
    profile = tempfile.mkdtemp(dir=work, prefix="profile-")
    r = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                       capture_output=True, text=True, timeout=180)
    return r


def look_at(exe, page, name, steps, work, keep, width=1123, height=1600):
    """Screenshot, PDF and DOM probe of one page; returns the screenshot path."""
    from PIL import Image, ImageStat

    png = os.path.join(work, name + ".png")
    pdf = os.path.join(work, name + ".pdf")
    url = "file://" + os.path.abspath(page)
    browser(exe, [f"--screenshot={png}", f"--window-size={width},{height}", url], work)
    assert os.path.exists(png), f"{name}: no screenshot"
    img = Image.open(png).convert("L")
    stat = ImageStat.Stat(img)
    dark = sum(img.histogram()[:200]) / (img.width * img.height)
    print(f"{name}: screenshot {img.width}x{img.height}, pixel stddev {stat.stddev[0]:.1f}, "
          f"{dark:.1%} ink")
    assert stat.stddev[0] > 10 and dark > 0.01, f"{name}: the page looks blank"

    browser(exe, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url], work)
    data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    print(f"{name}: PDF {len(data)} bytes, {pages} pages")
    assert data.startswith(b"%PDF") and pages >= 1, f"{name}: no PDF"

    # DOM probe on a copy with the script injected (SVG files are wrapped in HTML).
    probe_page = os.path.join(work, name + ".probe.html")
    text = open(page, encoding="utf-8").read()
    if page.endswith(".svg"):
        text = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}"
                "svg{width:100%;height:auto;display:block}</style></head><body>"
                + text.split("?>", 1)[-1] + "</body></html>")
    ids = json.dumps(steps)
    text = text.replace("</body>", f"<script>window.SOPKIT_STEPS={ids};</script>{PROBE}</body>")
    with open(probe_page, "w", encoding="utf-8") as f:
        f.write(text)
    r = browser(exe, ["--dump-dom", "--virtual-time-budget=5000", f"--window-size={width},{height}",
                      "file://" + probe_page], work)
    m = re.search(r'<pre id="sopkit-probe">(.*?)</pre>', r.stdout, re.S)
    assert m, f"{name}: the probe did not run\n{r.stderr[-2000:]}"
    probe = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    print(f"{name}: probe {probe['viewport']}px wide, scrollWidth {probe['scrollWidth']}, "
          f"{len(steps)} symbols checked")
    assert not probe["missing"], f"{name}: symbols missing from the DOM: {probe['missing']}"
    assert not probe["empty"], f"{name}: symbols drawn with no size: {probe['empty']}"
    assert not probe["wide"], f"{name}: wider than the page: {probe['wide'][:10]}"
    assert probe["scrollWidth"] <= probe["viewport"] + 1, f"{name}: horizontal overflow"
    if keep:
        os.makedirs(keep, exist_ok=True)
        im = Image.open(png).convert("RGB")
        im = im.crop((0, 0, im.width, min(im.height, int(im.width * 1.1))))
        im.thumbnail((800, 900))
        # A 64-colour palette keeps the README's pictures small.
        im = im.convert("P", palette=Image.ADAPTIVE, colors=64)
        im.save(os.path.join(keep, name + ".png"), optimize=True)
    return png


def check_browser(sopkit, source, work, keep=None):
    exe = chromium()
    if not exe:
        skip("Chromium is not installed (Debian package chromium)")
    try:
        import PIL  # noqa: F401
    except ImportError:
        skip("Pillow is not installed (Debian package python3-pil)")
    # The SOP tables as SVG, every step's symbol by id.
    for ex in EXAMPLES:
        svg = render(sopkit, source, ex, "svg", work)
        steps = ["step-" + re.sub(r"[^A-Za-z0-9_-]", "_", s) for s in step_ids(source, ex)]
        dom = browser(exe, ["--dump-dom", "file://" + os.path.abspath(svg)], work).stdout
        for sid in steps:
            assert f'id="{sid}"' in dom, f"{ex}: {sid} not in the SVG DOM"
        name = "sop-table" if "monev" in ex else "sop-table-large"
        look_at(exe, svg, name, steps, work, keep if name == "sop-table" else None)
        html = render(sopkit, source, ex, "html", work)
        look_at(exe, html, name + "-html", steps, work, None)
    # The monev reports: seed data, and 500 rows with the 60-step SOP.
    for sop, data, name in [
        ("examples/sop-monev-capaian-kinerja.json", "examples/indicators-disdikbud-2024.csv",
         "monev-report"),
        ("examples/sop-large-60-steps.json", "tests/render/data/indicators-500.csv",
         "monev-report-500")]:
        out = os.path.join(work, name)
        monev(sopkit, source, sop, data, "2024-Q2", out)
        steps = ["sop-step-" + re.sub(r"[^A-Za-z0-9_-]", "_", s) for s in step_ids(source, sop)]
        look_at(exe, os.path.join(out, "report.html"), name, steps, work,
                keep if name == "monev-report" else None, height=2400)


def main():
    what, sopkit, source, work = sys.argv[1:5]
    keep = None
    if "--keep" in sys.argv:
        keep = sys.argv[sys.argv.index("--keep") + 1]
    work = os.path.join(work, what)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    {"dot": check_dot, "bpmn": check_bpmn, "monev": check_monev}.get(
        what, lambda a, b, c: check_browser(a, b, c, keep))(sopkit, source, work)
    print(f"{what}: ok")


if __name__ == "__main__":
    main()
