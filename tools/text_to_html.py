#!/usr/bin/env python3
"""Lays out a tab-separated disclosure text (the samples' family) as an HTML
page with real tables, so that a browser or an office suite can print it to a
PDF: that is how the PDF path is tested against the text path on the Henan
layouts (tests/cli/pdf_roundtrip.py).

Each run of lines that hold a tab (runs split only by blank lines count as
one) becomes one bordered <table>, a line one row, a tab one cell (empty
cells keep their place, so figures stay under their headers). Every other
non-empty line becomes a paragraph with its original text, so the narrative
and the table titles, units and notes read as in the text. Cells look as in
a disclosure printed from a spreadsheet: padded, fixed column widths (a long
label or header wraps in its cell), figures right-aligned, codes left, a
header row's group name merged over its sub-columns, no page break right
after a header row.

A space-separated text (xigong 2023) has no cells: with --model its tables
are printed from the model instead (see model_table_html below).

With --model (the `gouji parse --format json` of the same text), a table's
header rows are laid out from the header paths the reader found (a group
merged over the columns that share it, a leaf merged down to the last header
row) instead of from the text's header lines, which extraction sometimes
garbles; and each 绩效自评 form (项目支出/部门整体支出绩效自评情况表) is laid
out from the model's rows, not from the text's cells (which extraction cuts
and shifts), as the published forms look: one bordered grid with the columns
of its 绩效指标 part, the parts stacked in it (项目名称 / 主管部门 rows, the 资金
part with its label merged down the first column, the 资金管理 part with
分值/得分 under those of the indicators, the goal texts from the text's lines
in cells spanning the columns, a 绩效指标 row, the indicators' headings and
rows with 一级/二级指标 merged down over the rows that share them, the 总分
row); merged labels are centred in their cells, and long texts wrap.

--page sets the paper (a CSS page size: "A4", "A4 landscape"; A4 by
default), --font the text's size in points (9 by default) and --family the
font (WenQuanYi Zen Hei by default; "AR PL UMing CN" is a Ming face, as the
宋体 of most disclosures): the round trip prints the samples in several
layouts, so that their cells wrap and their pages break in other places.

usage: text_to_html.py [--model MODEL.json] [--page SIZE] [--font PT] [--family NAME] INPUT.txt OUTPUT.html
"""
import html
import json
import sys

STYLE = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: 'WenQuanYi Zen Hei', sans-serif; font-size: 9pt; }
p { margin: 0 0 3pt 0; text-indent: 2em; }
table { border-collapse: collapse; table-layout: fixed; margin: 12pt 0 6pt 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
tr.k { break-after: avoid; page-break-after: avoid; }
td { border: 0.5pt solid #000; padding: 2pt 6pt; font-size: 8pt; vertical-align: middle; }
td.n { text-align: right; white-space: nowrap; }
td.h { text-align: center; }
td.g { text-align: center; }
p.t { text-align: center; text-indent: 0; }
"""


def is_figure(cell):
    c = cell.strip().replace(",", "").replace("%", "").replace(" ", "")
    if c.startswith("-"):
        c = c[1:]
    return c != "" and c.replace(".", "", 1).isdigit()


def text_width(text):
    """Width in half-em units: a CJK character is 2, others 1."""
    return sum(2 if ord(ch) > 0x2e80 else 1 for ch in text)


def colgroup(rows, head):
    """Fixed column widths, as a spreadsheet's: a column of figures is as wide
    as its widest figure (never cut, as a spreadsheet shows ### rather than
    cut a number); the other columns share the rest of the page width by the
    width of their longest text (header words counted up to 8 characters, so
    that long labels and headers wrap in their cells)."""
    width = len(rows[0])
    fig = [0] * width
    cells = [0] * width
    need = [8] * width
    for k, r in enumerate(rows):
        for c, text in enumerate(r):
            if not text:
                continue
            w = text_width(text)
            if k < head:
                w = min(w, 16)
            else:
                cells[c] += 1
                if is_figure(text):
                    fig[c] += 1
            need[c] = max(need[c], w)
    # A4 less the margins, in pt; a half-em of the 8 pt cell font is 4 pt,
    # plus 12 pt of padding and border.
    page = 520.0
    is_fig = [cells[c] > 0 and fig[c] * 2 >= cells[c] for c in range(width)]
    pts = [need[c] * 4.0 + 13 if is_fig[c] else 0 for c in range(width)]
    rest = page - sum(pts)
    text_need = sum(need[c] for c in range(width) if not is_fig[c])
    for c in range(width):
        if not is_fig[c]:
            pts[c] = max(rest * need[c] / text_need, 45.0) if text_need else 45.0
    return "<colgroup>" + "".join("<col style='width:%.1fpt'>" % w for w in pts) + "</colgroup>"


def code_columns(rows, head):
    """Columns of classification codes (科目编码/代码, 类 | 款 | 项): written as
    text, left-aligned, as the spreadsheets hold them."""
    width = len(rows[0])
    out = set()
    for c in range(width):
        heads = []
        for k in range(head):
            # the header cell over column c: itself or the nearest one to its left
            j = c
            while j > 0 and not rows[k][j]:
                j -= 1
            heads.append(rows[k][j].replace(" ", ""))
        if any("代码" in h or "编码" in h for h in heads) or any(h in ("类", "款", "项") for h in heads):
            out.add(c)
    return out


def header_rows(rows):
    """How many rows head the table: those above its 栏次 row, or above its
    first row with a figure, or (a table printed empty) above its first row
    that starts with 合计 or 总计."""
    for k, r in enumerate(rows):
        first = next((c for c in r if c), "")
        if first.replace(" ", "") == "栏次":
            return k
        if any(is_figure(c) for c in r):
            return k
    for k, r in enumerate(rows):
        first = next((c for c in r if c), "").replace(" ", "")
        if k > 0 and first in ("合计", "总计"):
            return k
    return 0


def lanci_numbers(row):
    """A 栏次 row without the word: its cells 1, 2, 3 … in order."""
    cells = [c for c in row if c]
    return len(cells) >= 2 and cells == [str(k) for k in range(1, len(cells) + 1)]


def header_path_rows(paths):
    """Header rows from each column's header path: a group name merged over
    the columns that share it, a leaf merged down to the last header row."""
    width = len(paths)
    depth = max(len(p) for p in paths)
    out = []
    for level in range(depth):
        tds = []
        c = 0
        while c < width:
            p = paths[c]
            if len(p) <= level:  # under a leaf merged down
                c += 1
                continue
            span = 1
            while (c + span < width and len(paths[c + span]) > level + 1 and len(p) > level + 1
                   and paths[c + span][:level + 1] == p[:level + 1]):
                span += 1
            tds.append(td(p[level], "h", span, depth - level if len(p) == level + 1 else 1))
            c += span
        out.append("<tr class='k'>" + "".join(tds) + "</tr>")
    return out


def model_header(model, rows, run_lines, head, width):
    """The header rows of a table as the reader understood them (`gouji parse
    --format json`): each column's header path, a group name merged over the
    columns that share it, a leaf merged down to the header's last row. None
    when the model has no single-block table of this width whose body starts
    in this run after `head` header rows."""
    if not model or head == 0:
        return None
    # (The first body row, past a 栏次 row printed without the word 栏次:
    # 1 | 2 | … | 12 over the figures of an empty 三公 table.)
    body_line = run_lines[head]
    if head < len(rows) and lanci_numbers(rows[head]) and head + 1 < len(run_lines):
        body_line = run_lines[head + 1]
    for t in model.get("tables", []):
        if len(t["blocks"]) != 1:
            continue
        lines = [c["line"] for r in t["rows"] for c in r["cells"] if c.get("line")]
        if not lines or min(lines) != body_line:
            continue
        paths = [c["header"] for c in t["blocks"][0]["columns"]]
        if len(paths) != width or not all(paths):
            return None
        return header_path_rows(paths)
    return None


# ---- Tables of a space-separated text, from the model ----------------------
#
# A text whose tables are printed with spaces between cells (xigong 2023) has
# no cells to lay out; with --model, each of its tables is printed from the
# model instead: the blocks side by side (收入 | 支出, the three 科目代码 blocks
# of 公开06表), a block's name merged over its columns, each column's header
# path, a 栏次 row where the columns have 栏次, and the rows of one source
# line on one printed row, each cell as printed.

def space_table(t, lines):
    """Whether model table t was read from space-separated lines."""
    rows = t.get("rows", [])
    return bool(rows) and not perf_form(t) and all("\t" not in lines[r["line"] - 1] for r in rows)


def model_table_html(t):
    blocks = t["blocks"]
    offsets, width = [], 0
    for b in blocks:
        offsets.append(width)
        width += len(b["columns"])
    paths = [col["header"] or [""] for b in blocks for col in b["columns"]]
    roles = [col["role"] for b in blocks for col in b["columns"]]
    named = any(b["name"] for b in blocks) and len(blocks) > 1
    out_rows = []  # printed body rows: texts and cells
    by_line = {}
    for r in t["rows"]:
        if r["line"] not in by_line:
            by_line[r["line"]] = [None] * width
            out_rows.append(by_line[r["line"]])
        row = by_line[r["line"]]
        for k, cell in enumerate(r["cells"]):
            row[offsets[r["block"]] + k] = cell
    grid = [[p[-1] for p in paths]] + [[(c.get("text", "") if c else "") for c in row] for row in out_rows]
    out = ["<table>" + colgroup(grid, 1)]  # widths as for a tab-separated table: headers up to 8 characters
    if named:
        tds = [td(b["name"], "h", len(b["columns"])) for b in blocks]
        out.append("<tr class='k'>" + "".join(tds) + "</tr>")
    out.extend(header_path_rows(paths))
    lanci = [col.get("lanci") for b in blocks for col in b["columns"]]
    if any(x is not None for x in lanci):
        cells = [""] * width
        for b, off in zip(blocks, offsets):
            for k, col in enumerate(b["columns"]):
                if col.get("lanci") is not None:
                    cells[off + k] = str(col["lanci"])
            label = next((k for k, col in enumerate(b["columns"]) if col["role"] == "label"), 0)
            if not cells[off + label]:
                cells[off + label] = "栏次"
        out.append("<tr class='k'>" + "".join(td(x, "h") for x in cells) + "</tr>")  # centred, as templates print 栏次
    for row in out_rows:
        tds = []
        for c, cell in enumerate(row):
            if cell and roles[c] == "code":
                tds.append(td(cell.get("text", "")))
            else:
                tds.append(value_td(cell))
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


META = ("公开", "部门名称", "单位", "编制单位")


def meta_line(text):
    """A table's title block line: its code, 部门名称, 单位, year."""
    sq = text.replace(" ", "").replace("\u3000", "")
    return not sq or any(sq.startswith(m) for m in META) or (sq.endswith("年度") and len(sq) <= 8)


# ---- The 绩效自评 forms (项目支出/部门整体支出绩效自评情况表) ----------------
#
# Such a form is printed from the parsed model, not from the text's cells
# (which extraction cuts and shifts): one bordered grid whose columns are
# those of its 绩效指标 part, as the published forms are printed from a
# spreadsheet template. The parts stack in it: 项目名称 / 主管部门 rows, the
# 资金 part (its group label merged down the left column over its header and
# rows, the amounts under their headers), the 资金管理 part (label merged down
# the left column, 分值/得分 under the 分值/得分 of the indicators), the goals
# (the text's lines, in cells spanning the columns), a 绩效指标 row, the
# indicators' header and rows (一级/二级指标 merged down over the rows that
# share them, vertically centred as a spreadsheet prints a merged cell), and
# the 总分 row. Long texts wrap in their cells.

FORM_WEIGHTS = {"一级指标": 5, "二级指标": 5.5, "三级指标": 9, "年度指标值": 6, "实际完成值": 5.5, "分值": 3.5,
                "得分": 3.5, "偏差度": 4.2, "偏差原因分析及改进措施": 10}


def perf_form(t):
    """Whether a model table is a 绩效自评 form laid out from the model."""
    names = [b["name"] for b in t.get("blocks", [])]
    return "自评" in t.get("title", "") and "绩效指标" in names


def td(text, cls="", colspan=1, rowspan=1):
    attrs = (" class='%s'" % cls if cls else "") + (" colspan='%d'" % colspan if colspan > 1 else "") + \
        (" rowspan='%d'" % rowspan if rowspan > 1 else "")
    return "<td%s>%s</td>" % (attrs, html.escape(text))


def value_td(cell, colspan=1):
    text = cell.get("text", "") if cell else ""
    kind = cell.get("kind", "blank") if cell else "blank"
    cls = "n" if kind in ("number", "percent") or text == "-" else ""
    return td(text, cls, colspan)


def form_html(t, lines):
    """The form of model table t; lines are the text's lines (0-based list)."""
    blocks = t["blocks"]
    idx = {b["name"]: k for k, b in enumerate(blocks)}
    ind = blocks[idx["绩效指标"]]
    ind_names = [c["header"][-1] if c["header"] else "" for c in ind["columns"]]
    width = len(ind_names)
    rows_of = lambda name: [r for r in t["rows"] if name in idx and r["block"] == idx[name]]
    weights = [FORM_WEIGHTS.get(n, 6) for n in ind_names]
    pts = [520.0 * w / sum(weights) for w in weights]
    out = ["<table class='form'><colgroup>" + "".join("<col style='width:%.1fpt'>" % w for w in pts) + "</colgroup>"]
    first, last = t["line"], t["end_line"]
    text_lines = lines[first - 1:last]

    def text_items(s):
        return [c.strip() for c in s.split("\t") if c.strip()]

    def line_starting(*words):
        for s in text_lines:
            sq = s.replace(" ", "").replace("\t", "")
            if any(sq.startswith(w) for w in words):
                return text_items(s)
        return None

    # 项目名称 / 主管部门 … 实施单位 (部门（单位）名称 on the 部门整体 form).
    if t.get("subject"):
        out.append("<tr>" + td("项目名称", "h") + td(t["subject"], "", width - 1) + "</tr>")
        head = line_starting("主管部门")
        impl = ""
        if head and "实施单位" in [i.replace(" ", "") for i in head]:
            k = [i.replace(" ", "") for i in head].index("实施单位")
            impl = head[k + 1] if k + 1 < len(head) else ""
        left = (width - 2) // 2
        out.append("<tr>" + td("主管部门", "h") + td(t.get("department", ""), "", left) + td("实施单位", "h") +
                   td(impl, "", width - 2 - left) + "</tr>")
    elif t.get("department"):
        out.append("<tr>" + td("部门（单位）名称", "h", 2) + td(t["department"], "", width - 2) + "</tr>")
    # 资金: the label merged down the left column.
    if "资金" in idx:
        funds = blocks[idx["资金"]]
        names = [c["header"][-1] for c in funds["columns"][1:]]
        rows = rows_of("资金")
        label_span = max(width - 1 - len(names), 1)
        head = next((text_items(x) for x in text_lines if "年初预算数" in x), None)
        group = head[0] if head and "年初预算数" not in head[0] else "项目资金（万元）"
        out.append("<tr class='k'>" + td(group, "g", 1, len(rows) + 1) + td("", "", label_span) +
                   "".join(td(n, "h") for n in names) + "</tr>")
        for r in rows:
            out.append("<tr>" + td(r["cells"][0].get("text", ""), "", label_span) +
                       "".join(value_td(c) for c in r["cells"][1:]) + "</tr>")
    # 资金管理: 分值/得分 under those of the indicators.
    if "资金管理" in idx:
        rows = rows_of("资金管理")
        s = ind_names.index("分值") if "分值" in ind_names else width - 3
        label_span = 2 if s >= 4 else 1
        desc_span = max(s - 1 - label_span, 1)
        rest = width - 1 - label_span - desc_span - 2
        total = sum(int(float(r["cells"][2]["text"])) for r in rows
                    if r["cells"][2].get("kind") == "number" and r["cells"][2]["text"].replace(".", "").isdigit())
        cells = [td("", "", label_span), td("情况说明", "h", desc_span), td("分值（%d）" % total if total else "分值", "h"),
                 td("得分", "h")]
        if rest > 0:
            cells.append(td("存在问题和改进措施", "h", rest))
        out.append("<tr class='k'>" + td("资金管理情况", "g", 1, len(rows) + 1) + "".join(cells) + "</tr>")
        for r in rows:
            c = r["cells"]
            tds = [td(c[0].get("text", ""), "", label_span), td(c[1].get("text", ""), "", desc_span), value_td(c[2]),
                   value_td(c[3])]
            if rest > 0:
                tds.append(td(c[4].get("text", ""), "", rest))
            out.append("<tr>" + "".join(tds) + "</tr>")
    # The goals: the text's lines between the last row of the parts above and
    # the indicators' header, each a row of cells spanning the columns.
    ind_rows = rows_of("绩效指标")
    above = [r["line"] for r in t["rows"] if r["block"] != idx["绩效指标"]]
    start = max(above) + 1 if above else first + 1
    header_line = None
    for no in range(start, last + 1):
        sq = lines[no - 1].replace(" ", "").replace("\t", "")
        if "三级指标" in sq and ("一级指" in sq or "二级指" in sq):
            header_line = no
            break
    for no in range(start, header_line or start):
        cells = [c.strip() for c in lines[no - 1].split("\t")]
        label, items = cells[0], [c for c in cells[1:] if c]
        sq = (label + "".join(items)).replace(" ", "")
        if sq == "绩效指标" or len(sq) <= 3:
            continue
        if not items or len(items) > width - 1:
            out.append("<tr>" + td(" ".join([label] + items) if label else " ".join(items), "", width) + "</tr>")
            continue
        n = len(items)
        spans = [(width - 1) // n + (1 if k < (width - 1) % n else 0) for k in range(n)]
        out.append("<tr>" + td(label, "g") + "".join(td(x, "h" if len(x) <= 8 else "", sp) for x, sp in zip(items, spans)) +
                   "</tr>")
    # 绩效指标: header, rows (一级/二级 merged down), 总分.
    out.append("<tr class='k'>" + td("绩效指标", "h", width) + "</tr>")
    out.append("<tr class='k'>" + "".join(td(n, "h") for n in ind_names) + "</tr>")
    body = [r for r in ind_rows if r.get("label") != "总分"]
    spans = {}
    for level in (0, 1):
        k = 0
        while k < len(body):
            j = k + 1
            while j < len(body) and body[j]["cells"][level].get("carried") and \
                    (level == 0 or not any(not body[m]["cells"][0].get("carried") for m in range(k + 1, j + 1))):
                j += 1
            spans[(k, level)] = j - k
            k = j
    for k, r in enumerate(body):
        tds = []
        for c, cell in enumerate(r["cells"]):
            if c < 2:
                if (k, c) in spans:
                    tds.append(td(cell.get("text", ""), "g" if spans[(k, c)] > 1 else "", 1, spans[(k, c)]))
                continue
            tds.append(value_td(cell))
        out.append("<tr>" + "".join(tds) + "</tr>")
    for r in ind_rows:
        if r.get("label") != "总分":
            continue
        s = ind_names.index("分值") if "分值" in ind_names else width - 2
        c = r["cells"]
        tds = [td("总分", "", s), value_td(c[s]), value_td(c[s + 1]) if s + 1 < width else ""]
        if s + 2 < width:
            tds.append(td("", "", width - s - 2))
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


def main():
    global STYLE
    args = sys.argv[1:]
    model = None
    page, font, family = "A4", "9", None
    while len(args) > 2 and args[0] in ("--model", "--page", "--font", "--family"):
        if args[0] == "--model":
            with open(args[1], encoding="utf-8") as f:
                model = json.load(f)
        elif args[0] == "--page":
            page = args[1]
        elif args[0] == "--font":
            font = args[1]
        else:
            family = args[1]
        args = args[2:]
    if len(args) != 2:
        sys.exit(__doc__)
    STYLE = STYLE.replace("size: A4;", "size: %s;" % page).replace("font-size: 9pt;", "font-size: %spt;" % font)
    if family:
        STYLE = STYLE.replace("font-family: 'WenQuanYi Zen Hei', sans-serif;", "font-family: '%s', serif;" % family)
    sys.argv[1:] = args
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", STYLE, "</style></head><body>"]
    forms = {t["line"]: t for t in (model or {}).get("tables", []) if perf_form(t)}
    spaced = {t["line"]: t for t in (model or {}).get("tables", []) if space_table(t, lines)}
    i = 0
    while i < len(lines):
        if i + 1 in spaced:
            # A space-separated table: its title block, then the table from
            # the model, then its notes; the text's header lines, page
            # numbers and repeated headings between its rows are not printed.
            t = spaced[i + 1]
            out.append("<p class='t'>" + html.escape(lines[i].strip()) + "</p>")
            i += 1
            while i < t["end_line"] and meta_line(lines[i]) and i + 1 < t["rows"][0]["line"]:
                if lines[i].strip():
                    out.append("<p>" + html.escape(lines[i].strip()) + "</p>")
                i += 1
            out.extend(model_table_html(t))
            for note in t.get("notes", []):
                out.append("<p>" + html.escape(note) + "</p>")
            i = t["end_line"]
            continue
        if i + 1 in forms:
            # A 绩效自评 form: its title and date lines, then the form from the model.
            t = forms[i + 1]
            while i < t["end_line"]:
                sq = lines[i].replace(" ", "").replace("\t", "")
                if any(sq.startswith(w) for w in ("项目名称", "部门（单位）名称", "部门(单位)名称")) or "年初预算数" in sq:
                    break
                text = " ".join(c.strip() for c in lines[i].split("\t") if c.strip())
                if text:
                    out.append("<p class='t'>" + html.escape(text) + "</p>")
                i += 1
            out.extend(form_html(t, lines))
            i = t["end_line"]
            continue
        if "\t" not in lines[i]:
            text = lines[i].strip()
            if text:
                out.append("<p>" + html.escape(text) + "</p>")
            i += 1
            continue
        run = []
        run_lines = []  # 1-based line of each row
        while i < len(lines) and "\t" in lines[i] and (i + 1 not in forms or not run):
            run.append(lines[i].split("\t"))
            run_lines.append(i + 1)
            i += 1
            # Rows split only by blank lines (where the text was cut at a
            # page end) are one table, with one set of column widths.
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j > i and j < len(lines) and "\t" in lines[j] and j + 1 not in forms:
                i = j
        width = max(len(r) for r in run)
        rows = [[c.strip() for c in r] + [""] * (width - len(r)) for r in run]
        head = header_rows(rows)
        codes = code_columns(rows, head)
        out.append("<table>" + colgroup(rows, head))
        model_head = model_header(model, rows, run_lines, head, width)
        if model_head:
            out.extend(model_head)
        for k, cells in enumerate(rows):
            if model_head and k < head:
                continue
            tds = []
            c = 0
            while c < width:
                text = cells[c]
                span = 1
                # A group name in a header row is printed once, centred over
                # the sub-columns under it (the empty cells after it in the
                # text), as the merged cells of the spreadsheets that real
                # disclosures are printed from.
                if k + 1 < head and text:
                    while c + span < width and not cells[c + span]:
                        span += 1
                    if not any(rows[k + 1][c:c + span]):
                        span = 1
                if k < head:
                    cls = "h"
                elif is_figure(text) and c not in codes:
                    cls = "n"
                else:
                    cls = ""
                attrs = (" class='%s'" % cls if cls else "") + (" colspan='%d'" % span if span > 1 else "")
                tds.append("<td%s>%s</td>" % (attrs, html.escape(text)))
                c += span
            # A page does not end after a header row (nor after the 栏次
            # row): a spreadsheet's print keeps them with the first row.
            keep = " class='k'" if k <= head else ""
            out.append("<tr%s>" % keep + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
