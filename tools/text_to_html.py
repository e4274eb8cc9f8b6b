#!/usr/bin/env python3
"""Lays out a tab-separated disclosure text (the samples' family) as an HTML
page with real tables, so that a browser or an office suite can print it to a
PDF: that is how the PDF path is tested against the text path on the Henan
layouts (tests/pdf/roundtrip.py).

Each run of lines that hold a tab becomes one <table>, a line one row, a tab
one cell (empty cells keep their place, so figures stay under their headers).
Every other non-empty line becomes a paragraph with its original text, so
the narrative and the table titles, units and notes read as in the text.

usage: text_to_html.py INPUT.txt OUTPUT.html
"""
import html
import sys

STYLE = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: 'WenQuanYi Zen Hei', sans-serif; font-size: 9pt; }
p { margin: 0 0 3pt 0; text-indent: 2em; }
table { border-collapse: collapse; margin: 4pt 0 6pt 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
td { border: 0.5pt solid #000; padding: 1pt 3pt; font-size: 7.5pt; vertical-align: middle; }
td.n { text-align: right; white-space: nowrap; }
"""


def is_figure(cell):
    c = cell.strip().replace(",", "").replace("%", "").replace(" ", "")
    if c.startswith("-"):
        c = c[1:]
    return c != "" and c.replace(".", "", 1).isdigit()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", STYLE, "</style></head><body>"]
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            text = lines[i].strip()
            if text:
                out.append("<p>" + html.escape(text) + "</p>")
            i += 1
            continue
        run = []
        while i < len(lines) and "\t" in lines[i]:
            run.append(lines[i].split("\t"))
            i += 1
        width = max(len(r) for r in run)
        out.append("<table>")
        for r in run:
            cells = r + [""] * (width - len(r))
            tds = "".join(
                ("<td class='n'>" if is_figure(c) else "<td>") + html.escape(c.strip()) + "</td>" for c in cells)
            out.append("<tr>" + tds + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
