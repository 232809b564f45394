"""What the sopkit program writes: files, folders and standard output (docs/reliability.md)."""
import json
import os
import resource
import signal
import socket
import stat
import subprocess

import pytest

CLI = os.environ["SOPKIT_CLI"]
ROOT = os.environ["SOPKIT_SOURCE_DIR"]
SEED = os.path.join(ROOT, "examples", "sop-monev-capaian-kinerja.json")
DATA = os.path.join(ROOT, "examples", "indicators-disdikbud-2024.csv")


def run(*args, **kw):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, **kw)


def render_to(path):
    return run("render", SEED, "--format", "svg", "-o", str(path))


def limit_file_size(limit):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name or ".old" in p.name)


# ---- render -o: the atomic writer ------------------------------------------

# Not as root: a writer without the fix would replace the machine's /dev/null.
@pytest.mark.skipif(os.geteuid() == 0, reason="root uses the mknod device below")
def test_dev_null_stays_a_device():
    r = render_to("/dev/null")
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_character_device_is_written_through_not_replaced(tmp_path):
    dev = tmp_path / "null"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert render_to(dev).returncode == 0
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert leftovers(tmp_path) == []


def test_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = render_to(fifo)
    assert r.returncode == 2 and "named pipe (FIFO)" in r.stderr, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_a_socket_and_a_folder_are_refused(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        r = render_to(tmp_path / "sock")
        assert r.returncode == 2 and "socket" in r.stderr, r.stderr
        assert stat.S_ISSOCK(os.lstat(tmp_path / "sock").st_mode)
    finally:
        sock.close()
    (tmp_path / "dir").mkdir()
    r = render_to(tmp_path / "dir")
    assert r.returncode == 2 and "this is a folder, not a file" in r.stderr, r.stderr
    assert leftovers(tmp_path) == []


def test_setuid_and_setgid_never_carry_over(tmp_path):
    target = tmp_path / "sop.svg"
    target.write_text("old")
    os.chmod(target, 0o6750)
    assert render_to(target).returncode == 0
    mode = os.stat(target).st_mode
    assert stat.S_IMODE(mode) == 0o750, oct(mode)
    assert target.read_text(encoding="utf-8").lstrip().startswith("<")


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    target = tmp_path / "real.svg"
    target.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    assert render_to(link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").lstrip().startswith("<")
    assert leftovers(tmp_path) == []


def test_a_failed_save_keeps_the_old_file_and_leaves_nothing(tmp_path):
    target = tmp_path / "sop.svg"
    target.write_text("old")
    r = run("render", SEED, "--format", "svg", "-o", str(target),
            preexec_fn=limit_file_size(1000))
    assert r.returncode == 2 and "File too large" in r.stderr, r.stderr
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


# ---- monev --out: the report folder, all or nothing -----------------------------

def monev(out, **kw):
    return run("monev", "--sop", SEED, "--indicators", DATA, "--period", "2024-Q2",
               "--out", str(out), **kw)


def test_monev_replaces_its_old_report_and_never_follows_a_planted_symlink(tmp_path):
    out = tmp_path / "report"
    assert monev(out).returncode == 0
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (out / "report.json.tmp").symlink_to(victim)
    r = monev(out)
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in out.iterdir()) == ["capaian.csv", "report.html", "report.json"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert leftovers(tmp_path) == []


def test_monev_failing_midway_leaves_no_folder_and_no_temporary_files(tmp_path):
    out = tmp_path / "report"
    # capaian.csv (~7 KB) and report.json (~28 KB) fit, report.html (~58 KB) does not.
    r = monev(out, preexec_fn=limit_file_size(40000))
    assert r.returncode == 2 and "report.html" in r.stderr and "File too large" in r.stderr, r.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_monev_failing_midway_keeps_the_old_report_whole(tmp_path):
    out = tmp_path / "report"
    assert monev(out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "capaian.csv").write_text("old csv")
    before["capaian.csv"] = b"old csv"
    r = monev(out, preexec_fn=limit_file_size(40000))
    assert r.returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_monev_refuses_a_folder_holding_other_files_and_a_file_in_the_way(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    r = monev(out)
    assert r.returncode == 2 and "notes.txt" in r.stderr, r.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    in_the_way = tmp_path / "file"
    in_the_way.write_text("x")
    r = monev(in_the_way)
    assert r.returncode == 2 and "this is a file, not a folder" in r.stderr, r.stderr
    assert in_the_way.read_text() == "x"
    assert leftovers(tmp_path) == []


# ---- standard output -----------------------------------------------------------

def store_with_one_sop(tmp_path):
    db = str(tmp_path / "records.db")
    assert run("store", "init", db).returncode == 0
    r = run("store", "import", db, SEED, "--author", "test")
    assert r.returncode == 0, r.stderr
    number = json.load(open(SEED, encoding="utf-8"))["number"]
    return ["store", "export", db, number]


@pytest.mark.parametrize("verb", [
    ["render", SEED, "--format", "svg"],
    ["evaluate", DATA, "--csv"],
    ["validate", SEED, "--json"],
    ["analyze", SEED, "--json"],
    ["validate", SEED],
    "store export",
])
def test_a_full_standard_output_exits_2_with_the_os_error(verb, tmp_path):
    args = store_with_one_sop(tmp_path) if verb == "store export" else verb
    with open("/dev/full", "w") as full:
        r = subprocess.run([CLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.endswith("sopkit: writing standard output: No space left on device\n"), r.stderr


def closed_pipe_run(ignore_sigpipe):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore_sigpipe else None
        return subprocess.run([CLI, "render", SEED, "--format", "svg"], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=pre)
    finally:
        os.close(write_end)


def test_a_closed_pipe_ends_quietly():
    r = closed_pipe_run(ignore_sigpipe=False)
    assert r.returncode == -signal.SIGPIPE and r.stderr == ""
    r = closed_pipe_run(ignore_sigpipe=True)
    assert r.returncode == 141 and r.stderr == "", r.stderr


# ---- what the outputs contain ----------------------------------------------------

HEADER = ("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n")


def test_csv_text_cells_cannot_start_a_formula_and_numbers_stay_numbers(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(HEADER +
                    'Dinas,=1+2,"=HYPERLINK(""http://x"",""y"")",%,positive,last,1,2024-Q1,5,4\n'
                    "Dinas,@SUM,+tab,%,positive,last,1,2024-Q1,10,8\n", encoding="utf-8")
    r = run("evaluate", str(data), "--csv")
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()
    assert rows[1].startswith('indicator,Dinas,\'=1+2,"\'=HYPERLINK(""http://x"",""y"")",2024-Q1,5,,,4,'), rows[1]
    assert rows[2].startswith("indicator,Dinas,'@SUM,'+tab,2024-Q1,10,,,8,"), rows[2]


def test_terminal_controls_in_documents_are_shown_escaped_in_text_only(tmp_path):
    doc = json.load(open(SEED, encoding="utf-8"))
    doc["title"] = "Judul \x1b]0;pwned\x07 \x1b[2J \u009b31m tab\tok"
    path = tmp_path / "sop.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = run("schedule", str(path), "--start", "2024-04-05T08:00")
    assert r.returncode in (0, 1), r.stderr
    assert "\x1b" not in r.stdout and "\u009b" not in r.stdout
    assert "Judul \\x1b]0;pwned\\x07 \\x1b[2J \\u009b31m tab\tok" in r.stdout
    r = run("schedule", str(path), "--start", "2024-04-05T08:00", "--json")
    assert "\u009b" in r.stdout  # data passes unchanged (JSON escapes C0 itself)
