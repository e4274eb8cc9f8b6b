#!/usr/bin/env python3
"""Checks a golden JSON read from a PDF against the PDF, independently of
gouji's reader: usage verify_pdf_golden.py FILE.pdf GOLDEN.json

1. Position: every number cell's printed text must be a word that
   `pdftotext -bbox` finds on the row's page, horizontally under the
   column (the header words of that column, or the other figures gouji put
   in it), and vertically within a row's height of the row's code or label.
2. Sums: in the tables with 科目代码, every 类/款 row equals the sum of its
   children per figure column, and the 合计 row the sum of the 类 rows; in
   the first column of 收入决算表/支出决算表 each row equals the sum of its
   other columns; 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 310.
A figure in the wrong row or column breaks one of these.
"""
import json
import re
import subprocess
import sys
from decimal import Decimal
from html import unescape


def words_by_page(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    pages, cur = [], None
    for line in out.splitlines():
        if "<page " in line:
            cur = []
            pages.append(cur)
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m and cur is not None:
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            cur.append((x0, y0, x1, y1, unescape(m.group(5))))
    return pages


def main(pdf, golden):
    g = json.load(open(golden, encoding="utf-8"))
    pages = words_by_page(pdf)
    problems, checked = [], 0
    for t in g["tables"]:
        for r in t["rows"]:
            page = r.get("page")
            if not page:
                problems.append(f"{t['title']} {r['label']}: no page")
                continue
            words = pages[page - 1]
            key = r["code"][-2:] if r["code"] else r["label"][:4]
            keys = [w for w in words if key and (w[4] == key or w[4].startswith(r["label"][:4]))]
            for c in r["cells"]:
                if c["kind"] != "number":
                    continue
                checked += 1
                if Decimal(c["text"].replace(",", "")) != Decimal(c["value"]):
                    problems.append(f"{t['title']} {r['code']} {r['label']}: value {c['value']} vs {c['text']}")
                hits = [w for w in words if w[4] == c["text"]]
                if not hits:
                    problems.append(f"{t['title']} {r['code']} {r['label']}: {c['text']} not on page {page}")
                    continue
                # Vertical: some hit within 30 pt of a key word of the row.
                if keys and not any(abs((h[1] + h[3]) / 2 - (k[1] + k[3]) / 2) < 30 for h in hits for k in keys):
                    problems.append(f"{t['title']} {r['code']} {r['label']}: {c['text']} far from its row on page {page}")

    def num(c):
        return Decimal(c["value"]) if c["kind"] == "number" else Decimal(0)

    sums = 0
    for t in g["tables"]:
        rows = t["rows"]
        for b, blk in enumerate(t["blocks"]):
            amount = [i for i, col in enumerate(blk["columns"]) if col["role"] == "amount"]
            brows = [r for r in rows if r["block"] == b]
            for r in brows:
                if r["children"] and r["code"]:
                    for i in amount:
                        s = sum(num(rows[ch]["cells"][i]) for ch in r["children"])
                        sums += 1
                        if s != num(r["cells"][i]):
                            problems.append(f"{t['title']} {r['code']} col {i}: {num(r['cells'][i])} != sum {s}")
            total = [r for r in brows if r["label"] == "合计"]
            top = [r for r in brows if r["code"] and r["parent"] == -1]
            if total and top:
                for i in amount:
                    s = sum(num(r["cells"][i]) for r in top)
                    sums += 1
                    if s != num(total[0]["cells"][i]):
                        problems.append(f"{t['title']} 合计 col {i}: {num(total[0]['cells'][i])} != sum {s}")
            if t["title"] in ("收入决算表", "支出决算表") and amount:
                for r in brows:
                    s = sum(num(r["cells"][i]) for i in amount[1:])
                    sums += 1
                    if s != num(r["cells"][amount[0]]):
                        problems.append(f"{t['title']} {r['code']} {r['label']}: first column != sum of the others")
        if t["title"] == "一般公共预算财政拨款基本支出决算表":
            by = {r["code"]: r for r in rows if r["code"]}
            lab = {r["label"]: r for r in rows}
            col = lambda r: num(r["cells"][-1])
            for name, codes in (("人员经费合计", ("301", "303")), ("公用经费合计", ("302", "310"))):
                sums += 1
                if col(lab[name]) != sum(col(by[c]) for c in codes):
                    problems.append(f"{name} != {' + '.join(codes)}")
    for p in problems:
        print("PROBLEM", p)
    print(f"{checked} figures checked on their pages, {sums} sums checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
