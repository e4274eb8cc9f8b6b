#!/usr/bin/env python3
"""Independent checks of a golden JSON against its sample text.

1. Provenance: every figure's printed text occurs on the source line it names,
   and its value is what that text says (parsed here with Decimal, not by gouji).
2. Arithmetic: in the 科目代码 tables each 类/款 row equals the sum of its
   children and 栏1 equals the sum of its parts; in 公开01/04表 the 行27/行58
   totals equal their items. A failure is either a reader error (a figure in
   the wrong column) or a defect of the document itself — read the line.

usage: verify_golden.py examples/<sample>.txt tests/read/golden/<sample>.json
"""
import json, re, sys
from decimal import Decimal

def squeeze(s): return re.sub(r"[\s\u3000]+", "", s)

def clean(s):
    s = s.replace("**", "").replace("$", "").replace("\\geq", "≥").replace("\\leq", "≤").replace("\\%", "%")
    s = squeeze(s).replace("\u00b7", ".")
    trans = {chr(0xFF10 + i): str(i) for i in range(10)}
    trans.update({"％": "%", "．": ".", "，": ","})
    return "".join(trans.get(c, c) for c in s)

def value_of(text, kind):
    c = clean(text)
    if kind == "percent":
        return Decimal(c.rstrip("%").replace(",", "")) / 100
    return Decimal(c.replace(",", ""))

def main(txt, js):
    lines = open(txt, encoding="utf-8").read().split("\n")
    doc = json.load(open(js, encoding="utf-8"))
    problems, figures = [], 0
    for t in doc["tables"]:
        name = t["code"] or t["title"]
        for r in t["rows"]:
            for c in r["cells"]:
                if c["kind"] not in ("number", "percent"):
                    continue
                figures += 1
                src = squeeze(lines[c["line"] - 1]) if 0 < c["line"] <= len(lines) else ""
                if squeeze(c["text"]) not in src:
                    problems.append(f"{name} line {c['line']}: text {c['text']!r} not on that line")
                if value_of(c["text"], c["kind"]) != Decimal(c["value"]):
                    problems.append(f"{name} line {c['line']}: value {c['value']} != text {c['text']!r}")
        # Arithmetic on code tables: children sum to parent, 栏1 = sum of parts.
        blocks = t["blocks"]
        def lanci_val(row, l):
            cols = blocks[row["block"]]["columns"]
            for i, col in enumerate(cols):
                if col.get("lanci") == l:
                    c = row["cells"][i]
                    return Decimal(c["value"]) if c["kind"] == "number" else Decimal(0)
            return None
        code = t["code"]
        for i, r in enumerate(t["rows"]):
            if r["children"] and code in ("公开02表", "公开03表", "公开05表", "公开07表"):
                for l in range(1, 8):
                    p = lanci_val(r, l)
                    if p is None: continue
                    s = sum(lanci_val(t["rows"][k], l) or 0 for k in r["children"])
                    if s != p:
                        problems.append(f"{code} {r['code']} 栏{l}: {p} != children sum {s} (line {r['line']})")
        parts = {"公开02表": (1, range(2, 8)), "公开03表": (1, range(2, 7)), "公开05表": (1, range(2, 4))}
        if code in parts:
            tot, rng = parts[code]
            for r in t["rows"]:
                a = lanci_val(r, tot)
                s = sum(lanci_val(r, l) or 0 for l in rng)
                if a is not None and a != s:
                    problems.append(f"{code} {r['code'] or r['label']}: 栏{tot} {a} != 栏{rng.start}..{rng.stop-1} sum {s}")
        if code in ("公开01表", "公开04表"):
            by_h = {r["hangci"]: r for r in t["rows"] if r["hangci"]}
            def v(h, l):
                r = by_h.get(h)
                return (lanci_val(r, l) or 0) if r else Decimal(0)
            inc_items = range(1, 9) if code == "公开01表" else range(1, 4)
            inc_total = 27
            s = sum(v(h, 1) for h in inc_items)
            if s != v(inc_total, 1):
                problems.append(f"{code} 行{inc_total} {v(inc_total, 1)} != items sum {s}")
            exp_total = next(h for h in by_h if by_h[h]["label"] == "本年支出合计")
            first = min(h for h in by_h if by_h[h]["block"] == 1)
            s = sum(v(h, 2) for h in range(first, exp_total))
            if s != v(exp_total, 2):
                problems.append(f"{code} 行{exp_total} {v(exp_total, 2)} != items sum {s}")
    print(f"{js}: {len(doc['tables'])} tables, {figures} figures checked, {len(problems)} problems")
    for p in problems:
        print("  " + p)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
