"""The folder of documents the report tests (html_report.py, xlsx_report.py) check.

The samples of examples/, a copy of the luolong 2023 sample with a defect planted
by hand, and a file that cannot be read.
"""
import os
import shutil
import subprocess
import sys


def sample_folder(source, docs, edit=None, junk_name="zz-junk.txt"):
    """Fills `docs`; returns the number of files in it and the planted copy's lines.

    Planted: luolong 2023 line 395 (公开09表 决算数) 公务接待费 栏12 0.81 → 0.91. The
    row is 9.50 0 4.50 0 4.50 5.00 | 5.31 0 4.50 0 4.50 0.91, so 表内.三公合计 fails on
    栏7 5.31 ≈ 栏8 0 + 栏9 4.50 + 栏12 0.91 = 5.41, difference −0.10. `edit(lines)` may
    change more lines of the copy before it is written.
    """
    os.makedirs(docs)
    examples = os.path.join(source, "examples")
    samples = sorted(f for f in os.listdir(examples) if f.endswith(".txt"))
    for f in samples:
        shutil.copy(os.path.join(examples, f), docs)
    with open(os.path.join(examples, "final-2023-luolong-gov-office.txt"), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    assert lines[394].endswith("4.50\t0.81"), lines[394]
    lines[394] = lines[394][: -len("0.81")] + "0.91"
    if edit:
        edit(lines)
    with open(os.path.join(docs, "planted-luolong-2023.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    with open(os.path.join(docs, junk_name), "wb") as fh:
        fh.write(b"PK\x03\x04\x00\x00\xff\xfe\x00" * 50)
    return len(samples) + 2, lines


class Checks:
    """check(ok, what, detail): prints ok/FAIL lines and counts the failures."""

    def __init__(self):
        self.fails = 0

    def __call__(self, ok, what, detail=""):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.fails += 1
            if detail != "":
                print("     " + str(detail)[:2000])

    def finish(self):
        print("%d failed" % self.fails if self.fails else "all passed")
        sys.exit(1 if self.fails else 0)


def check_output_errors(check, gouji, fmt, docs, tmp):
    """--format FMT needs -o (usage error, exit 2, naming -o), and an -o that cannot be
    written is exit 2 with why."""
    r = subprocess.run([gouji, "check", "--format", fmt, docs], capture_output=True)
    check(r.returncode == 2 and "-o" in r.stderr.decode() and r.stdout == b"",
          "--format %s without -o: usage error (exit 2) that names -o" % fmt, r.stderr.decode())
    r = subprocess.run([gouji, "check", "--format", fmt, "-o", os.path.join(tmp, "no/such/dir/r." + fmt), docs],
                       capture_output=True)
    check(r.returncode == 2 and "无法写入输出文件" in r.stderr.decode(), "unwritable -o: exit 2 with why",
          r.stderr.decode())
