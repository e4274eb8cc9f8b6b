#!/usr/bin/env python3
"""gouji check --format xlsx, read back by LibreOffice Calc (headless).

LibreOffice converts every sheet of the workbook to CSV without a warning or
an error, and the sheets hold what the documents say: 汇总 a row per
document, 不通过 a defect planted by hand with its exact figures (as text),
矩阵 the rule's status per document (不通过 in the planted copy, 通过 in the
original). Also: -o is required; --jobs 1 and --jobs 2 give the same content.

Usage: xlsx_report.py GOUJI SOURCE_DIR
Exit 77 (CTest skip) only when libreoffice is not installed.
"""
import csv
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_docs import Checks, check_output_errors, sample_folder  # noqa: E402

SKIP = 77

gouji, source = sys.argv[1:3]
office = shutil.which("libreoffice") or shutil.which("soffice")
if not office:
    print("SKIP: libreoffice is not installed (tools/deps.sh installs libreoffice-calc-nogui)")
    sys.exit(SKIP)

check = Checks()

tmp = tempfile.mkdtemp(prefix="gouji-xlsx-")
try:
    docs = os.path.join(tmp, "docs")
    # The samples, luolong 2023 with 公开09表 公务接待费 栏12 0.81 → 0.91 (表内.三公合计:
    # 栏7 5.31 vs 0 + 4.50 + 0.91 = 5.41, difference −0.10) and zz-junk.txt (report_docs.py).
    ndocs, _ = sample_folder(source, docs)

    book = os.path.join(tmp, "report.xlsx")
    r = subprocess.run([gouji, "check", "--format", "xlsx", "--jobs", "1", "-o", book, docs], capture_output=True)
    check(r.returncode == 3 and r.stdout == b"", "gouji check --format xlsx exits 3 (a file could not be read)",
          (r.returncode, r.stderr.decode()[-500:]))
    book2 = os.path.join(tmp, "report-j2.xlsx")
    subprocess.run([gouji, "check", "--format", "xlsx", "--jobs", "2", "-o", book2, docs], capture_output=True)
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(book2) as b:
        names = sorted(a.namelist())
        same = names == sorted(b.namelist()) and all(a.read(n) == b.read(n) for n in names)
        check(same, "--jobs 1 and --jobs 2 give the same workbook content")
        core = a.read("docProps/core.xml").decode()
        check("2000-01-01T00:00:00Z" in core, "creation time fixed (2000-01-01), not the time of the run", core)
    check_output_errors(check, gouji, "xlsx", docs, tmp)

    # Every sheet to CSV (filter token 12 = -1: each sheet to FILE-SHEET.csv).
    out = os.path.join(tmp, "csv")
    profile = "file://" + os.path.join(tmp, "lo-profile")
    conv = subprocess.run([office, "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                           "--outdir", out, book], capture_output=True, timeout=300)
    said = (conv.stdout + conv.stderr).decode("utf-8", "replace")
    # LibreOffice says what it converted and each sheet it wrote; anything else is a
    # complaint -- except oosplash's note that no Java runtime is installed
    # (libreoffice-calc-nogui does not need one), which is about the machine, not the file.
    noise = [l for l in said.splitlines() if l.strip() and not l.startswith(("convert ", "Writing sheet "))
             and l.strip() != "Warning: failed to launch javaldx - java may not function correctly"]
    check(conv.returncode == 0 and not noise, "libreoffice converted it without a warning or error",
          (conv.returncode, said))

    def sheet(name):
        path = os.path.join(out, "report-%s.csv" % name)
        if not os.path.exists(path):
            check(False, "sheet %s exported" % name, os.listdir(out) if os.path.isdir(out) else "no output")
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))

    summary, failures, matrix = sheet("汇总"), sheet("不通过"), sheet("矩阵")
    check(sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "*.csv")))
          == ["report-不通过.csv", "report-汇总.csv", "report-矩阵.csv"], "three sheets: 汇总, 不通过, 矩阵")

    # 汇总: header, then one row per document.
    if summary:
        head = summary[0]
        check(head[:4] == ["文件", "部门", "类别", "年度"] and "错误级不通过" in head and "无法读取" in head,
              "汇总: header", head)
        check(len(summary) == 1 + ndocs, "汇总: a row for each of %d documents" % ndocs, len(summary))
        rows = {os.path.basename(r[0]): dict(zip(head, r)) for r in summary[1:]}
        p = rows.get("planted-luolong-2023.txt", {})
        check(p.get("部门") == "洛阳市洛龙区人民政府办公室" and p.get("类别") == "决算" and p.get("年度") == "2023"
              and int(p.get("错误级不通过") or 0) >= 1, "汇总: the planted document's row", p)
        j = rows.get("zz-junk.txt", {})
        check(j.get("无法读取", "") != "" and j.get("部门") == "", "汇总: the unreadable document says why", j)

    # 不通过: the planted failure with its figures as exact decimals.
    if failures:
        head = failures[0]
        check(head == ["文件", "部门", "规则", "描述", "实例", "级别", "状态", "信息", "左边", "右边", "差（左 − 右）",
                       "位置", "规则位置"], "不通过: header", head)
        hit = [dict(zip(head, r)) for r in failures[1:]
               if r[0].endswith("planted-luolong-2023.txt") and r[2] == "表内.三公合计"]
        check(len(hit) == 1, "不通过: one 表内.三公合计 row for the planted document", len(hit))
        if hit:
            h = hit[0]
            check(h["级别"] == "错误" and h["状态"] == "不通过" and h["左边"] == "5.31" and h["右边"] == "5.41"
                  and h["差（左 − 右）"] in ("-0.1", "-0.10") and "第 395 行" in h["位置"],
                  "不通过: 错误, 不通过, 5.31 vs 5.41, difference -0.10, line 395", h)
        check(any(r[0].endswith("zz-junk.txt") and r[6] == "无法读取" and r[7] for r in failures[1:]),
              "不通过: the unreadable document has a row with why")
        check(not any(r[0].endswith("final-2023-luolong-gov-office.txt") and r[2] == "表内.三公合计"
                      for r in failures[1:]),
              "不通过: the original luolong sample does not fail 表内.三公合计")

    # 矩阵: documents × rules.
    if matrix:
        head = matrix[0]
        check(head[0] == "文件" and "表内.三公合计" in head, "矩阵: header has the rules", head[:5])
        check(len(matrix) == 1 + ndocs, "矩阵: a row for each document", len(matrix))
        rows = {os.path.basename(r[0]): dict(zip(head, r)) for r in matrix[1:]}
        check(rows.get("planted-luolong-2023.txt", {}).get("表内.三公合计") == "不通过"
              and rows.get("final-2023-luolong-gov-office.txt", {}).get("表内.三公合计") == "通过",
              "矩阵: 表内.三公合计 不通过 in the planted copy, 通过 in the original")
        values = {v for r in matrix[1:] for v in r[1:]}
        check(values <= {"通过", "不通过", "不适用", "出错", ""}, "矩阵: cells are 通过/不通过/不适用/出错", values)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

check.finish()
