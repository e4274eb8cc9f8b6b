#!/usr/bin/env bash
# gouji check DIR as a batch tool (spec/output.md): --jobs 1 and --jobs 2 give
# the same bytes in every format; -o writes what stdout would; jsonl streams one
# record per document and a summary; csv is UTF-8 with a BOM and RFC 4180
# quoting; an unreadable file is reported in every format, the others are
# still checked, and the exit status is 3.
# Usage: check_batch.sh GOUJI
set -u
gouji=${1:?gouji}
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

docs="$tmp/docs"
# 60 generated documents, some with a planted defect (so there are failures to report).
"$gouji" gen --seed 11 --count 60 --defects 0.5 --out "$docs" >/dev/null || { echo "FAIL gen"; exit 1; }
# The manifest.json gen wrote stays: walking the folder leaves it out (it is
# not a document; ndocs below does not count it); named on its own, it is read
# as a document and cannot be (exit 3).
[ -f "$docs/manifest.json" ] || fail "gen wrote no manifest.json"
"$gouji" check "$docs/manifest.json" >/dev/null 2>&1
[ $? -eq 3 ] && ok "manifest.json named on its own: unreadable, exit 3" || fail "manifest.json named on its own: not exit 3"
# Binary junk with a comma and quotes in its name: cannot be read; its name needs CSV quoting.
junk_name='zz "junk", binary.txt'
printf 'PK\003\004\000\000\000\001\002\003\377\376\000\000%.0s' $(seq 1 200) >"$docs/$junk_name"
junk="$docs/$junk_name"
ndocs=61   # 60 generated + the junk

# run NAME WANT_RC ARGS... : gouji check with stdout to $tmp/NAME.out, stderr to $tmp/NAME.err.
run() {
  local name=$1 want=$2
  shift 2
  "$gouji" check "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local rc=$?
  if [ "$rc" != "$want" ]; then fail "$name: exit $rc, want $want"; head -c 2000 "$tmp/$name.err"; return 1; fi
  return 0
}

for fmt in text json jsonl csv; do
  run "$fmt-j1" 3 --format "$fmt" --jobs 1 "$docs" || continue
  run "$fmt-j2" 3 --format "$fmt" --jobs 2 "$docs" || continue
  run "$fmt-o" 3 --format "$fmt" --jobs 2 -o "$tmp/$fmt-file" "$docs" || continue
  if cmp -s "$tmp/$fmt-j1.out" "$tmp/$fmt-j2.out"; then ok "$fmt: --jobs 1 and --jobs 2 give the same bytes"
  else fail "$fmt: --jobs 1 and --jobs 2 differ"; diff "$tmp/$fmt-j1.out" "$tmp/$fmt-j2.out" | head -20; fi
  if cmp -s "$tmp/$fmt-j1.out" "$tmp/$fmt-file" && [ ! -s "$tmp/$fmt-o.out" ]; then ok "$fmt: -o writes what stdout shows"
  else fail "$fmt: -o file differs from stdout (or stdout not empty)"; fi
  # The unreadable file is named on stderr in every format, and the run went on.
  if grep -qF "无法读取文件 $junk" "$tmp/$fmt-j2.err"; then ok "$fmt: unreadable file reported on stderr"
  else fail "$fmt: stderr lacks the unreadable file"; cat "$tmp/$fmt-j2.err"; fi
  # stderr is not a terminal here: no progress line.
  if grep -q "已检查" "$tmp/$fmt-j2.err" || grep -q $'\r' "$tmp/$fmt-j2.err"; then fail "$fmt: progress shown on a pipe"
  else ok "$fmt: no progress on a pipe"; fi
done

# text: one report per document in path order, the junk one among them, then the summary.
if [ "$(grep -c '^文件：' "$tmp/text-j1.out")" = "$ndocs" ]; then ok "text: a report for each of $ndocs files"
else fail "text: $(grep -c '^文件：' "$tmp/text-j1.out") reports, want $ndocs"; fi
if grep -qF "文件：$junk" "$tmp/text-j1.out" && grep -q '^无法读取：' "$tmp/text-j1.out"; then ok "text: unreadable file in the report"
else fail "text: report lacks the unreadable file"; fi
if grep -qF "汇总：$ndocs 个文件，检查了 60 个" "$tmp/text-j1.out" && grep -qF "；1 个无法读取" "$tmp/text-j1.out"; then
  ok "text: summary counts files, checked and unreadable"
else fail "text: summary"; tail -5 "$tmp/text-j1.out"; fi
want_order=$( (cd "$docs" && ls | grep -vx manifest.json | LC_ALL=C sort) | sed "s|^|文件：$docs/|")
got_order=$(grep '^文件：' "$tmp/text-j1.out" | sed 's/（.*//')
if [ "$want_order" = "$got_order" ]; then ok "text: documents in path order"; else fail "text: order"; fi

# json, jsonl, csv: structure checked with Python's own parsers.
python3 - "$tmp" "$docs" "$junk" "$ndocs" <<'PY' || fails=$((fails + 1))
import csv, io, json, os, sys
tmp, docs, junk, ndocs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
paths = sorted(os.path.join(docs, f) for f in os.listdir(docs) if f != "manifest.json")
bad = 0
def check(cond, what):
    global bad
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: bad += 1

j = json.load(open(f"{tmp}/json-j1.out", encoding="utf-8"))
check(j.get("schema_version") == 1, "json: schema_version 1")
check([d["document"] for d in j["documents"]] == paths, "json: one entry per file, in path order")
check([d for d in j["documents"] if "error" in d] == [d for d in j["documents"] if d["document"] == junk],
      "json: only the junk file has an error")
check(all("outcomes" in d and "pack" in d for d in j["documents"] if d["document"] != junk), "json: the others were checked")

lines = open(f"{tmp}/jsonl-j1.out", encoding="utf-8").read().split("\n")
check(lines[-1] == "", "jsonl: ends with a line break")
recs = [json.loads(l) for l in lines[:-1]]
check(len(recs) == ndocs + 1, "jsonl: a line per file and a summary")
check(all(r["schema_version"] == 1 for r in recs), "jsonl: every line has schema_version 1")
check([r["document"] for r in recs[:-1]] == paths, "jsonl: documents in path order")
check([r["record"] for r in recs[:-1]] == ["unreadable" if p == junk else "document" for p in paths],
      "jsonl: the junk file is an 'unreadable' record, the others 'document'")
s = recs[-1]
check(s["record"] == "summary" and s["documents"] == ndocs and s["checked"] == ndocs - 1, "jsonl: summary counts")
check([u["document"] for u in s["unreadable"]] == [junk] and s["unreadable"][0]["error"], "jsonl: summary names the unreadable file and why")
# The summary's failure counts are the sum of the per-document FAIL outcomes.
by_rule, by_sev = {}, {}
for r in recs[:-1]:
    for o in r.get("outcomes", []):
        if o["status"] == "FAIL":
            by_rule[o["rule"]] = by_rule.get(o["rule"], 0) + 1
            by_sev[o["severity"]] = by_sev.get(o["severity"], 0) + 1
check(by_rule and s["failures"]["by_rule"] == by_rule, "jsonl: failures by rule add up")
check(s["failures"]["by_severity"] == by_sev, "jsonl: failures by severity add up")

raw = open(f"{tmp}/csv-j1.out", "rb").read()
check(raw.startswith(b"\xef\xbb\xbf"), "csv: starts with the UTF-8 BOM")
text = raw[3:].decode("utf-8")
check(text.startswith("文件,部门,规则,描述,实例,级别,状态,信息,左边,右边,差（左 − 右）,表,行,栏,源文件行,规则位置\r\n"),
      "csv: header row, CRLF")
check(f'"{junk.replace(chr(34), chr(34) * 2)}",' in text, "csv: a name with comma and quotes is quoted, quotes doubled")
rows = list(csv.reader(io.StringIO(text, newline="")))
check(all(len(r) == 16 for r in rows), "csv: 16 fields in every row")
body = rows[1:]
check([r for r in body if r[6] == "无法读取"] == [r for r in body if r[0] == junk] and any(r[0] == junk for r in body),
      "csv: the junk file is one '无法读取' row")
# One row per FAIL/ERROR outcome, the same ones as the JSON report.
fails = [(d["document"], o["rule"]) for d in j["documents"] for o in d.get("outcomes", []) if o["status"] in ("FAIL", "ERROR")]
check([(r[0], r[2]) for r in body if r[6] != "无法读取"] == fails, "csv: a row per failure, as in the JSON report")
sys.exit(1 if bad else 0)
PY

# Usage errors: exit 2.
"$gouji" check --jobs 0 "$docs" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && ok "--jobs 0 is a usage error" || fail "--jobs 0: exit $rc, want 2"
"$gouji" check -o "$tmp/no/such/dir/out.txt" "$docs" >/dev/null 2>"$tmp/o.err"; rc=$?
if [ "$rc" = 2 ] && grep -qF "无法写入输出文件" "$tmp/o.err"; then ok "-o into a missing folder: exit 2, says why"
else fail "-o into a missing folder: exit $rc"; fi

# On a terminal (a pseudo-terminal from script(1)), the progress line shows files done / total.
if command -v script >/dev/null; then
  script -qec "\"$gouji\" check --jobs 2 -o \"$tmp/tty.out\" \"$docs\"" /dev/null >"$tmp/tty.log" 2>&1
  if grep -qF "已检查 $ndocs/$ndocs 个文件" "$tmp/tty.log"; then ok "progress line on a terminal"
  else fail "no progress line on a terminal"; head -c 600 "$tmp/tty.log"; fi
fi

if [ "$fails" -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
