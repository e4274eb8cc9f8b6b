#!/usr/bin/env bash
# gouji explain: the derivation of 说明.自评等级 on the 洛龙区 2023 sample against a
# golden file, instance selection, the built-in pack choice, JSON, and bad input.
# Usage: explain_cli.sh GOUJI SOURCE_DIR
#
# The golden (data/explain_grade.golden) was checked against the document by hand:
# line 529 says "13 个项目自评等级为优，0 个项目自评为良，0 个项目自评为中"; the 总分
# rows of the 13 项目支出绩效自评情况表 (lines 636 … 1000, 项目名称 on lines 610 … 976)
# print 80, 86.62, 99.11, 98.33, 95.01, 97.73, 96.96, 96.67, 95, 95.49, 97.01, 99.41,
# 96.95: 11 are ≥ 90 (优), 80 and 86.62 are in [80, 90) (良), none in [60, 80) (中).
# So 13 ≠ 11 and 0 ≠ 2 fail; 0 = 0 passes.
set -u
gouji=${1:?gouji}
src=${2:?source dir}
cd "$src" || exit 2
doc="examples/final-2023-luolong-gov-office.txt"
pack="tests/eval/data/explain_grade.gj"
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect_run NAME WANT_RC GREP_PATTERN ARGS...
expect_run() {
  local name=$1 want=$2 pattern=$3
  shift 3
  "$gouji" "$@" >"$tmp/out" 2>&1
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, want $want"; cat "$tmp/out"; fails=$((fails + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$tmp/out"; then
    echo "FAIL $name: output lacks '$pattern'"; cat "$tmp/out"; fails=$((fails + 1)); return
  fi
  echo "ok   $name"
}

# The failing instances (优, 良), step by step, as in the golden file.
"$gouji" explain 说明.自评等级 "$doc" --pack "$pack" >"$tmp/golden" 2>&1
rc=$?
if [ "$rc" != 1 ]; then echo "FAIL golden: exit $rc, want 1"; fails=$((fails + 1)); fi
if diff -u tests/eval/data/explain_grade.golden "$tmp/golden"; then echo "ok   golden"; else
  echo "FAIL golden: output differs (above)"; fails=$((fails + 1)); fi

# Instance 3 (中) passes: shown on request, exit 0.
expect_run instance-pass 0 "0 = 0？是（按精确值比较，不计舍入区间）" explain 说明.自评等级 "$doc" --pack "$pack" --instance 3
expect_run all 1 "—— 第 3 个实例（共 3 个）：通过 ——" explain 说明.自评等级 "$doc" --pack "$pack" --all
# A parameter moves the 优 threshold to 80: all 13 tables are 优, 13 = 13 passes.
expect_run param 0 "13 = 13？是" explain 说明.自评等级 "$doc" --pack "$pack" --param 等级.优=80 --instance 1
# Without --pack: the built-in pack chosen as check chooses it (决算 2023).
expect_run builtin 1 "规则包：部门决算 2023（内置，按文件类别“决算”和年度 2023 选用）" explain 说明.自评等级 "$doc"
expect_run builtin-verdict 1 "13 = 11？否（按精确值比较，不计舍入区间）" explain 说明.自评等级 "$doc"
# JSON: the outcome with its derivation (the quoted sentence is a step).
expect_run json 1 '"kind": "quote"' explain 说明.自评等级 "$doc" --pack "$pack" --format json
expect_run json-text 1 '"结论：不通过"' explain 说明.自评等级 "$doc" --pack "$pack" --format json
# gouji check --format json / jsonl: each failure carries the same derivation (a passed outcome does not).
expect_run check-json 1 '"kind": "quote"' check "$doc" --pack "$pack" --format json
expect_run check-jsonl 1 '"derivation"' check "$doc" --pack "$pack" --format jsonl
"$gouji" check "$doc" --pack "$pack" --format json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
docs = d["documents"] if "documents" in d else [d]
outs = [o for doc in docs for o in doc["outcomes"]]
bad = [o for o in outs if (o["status"] in ("FAIL", "ERROR")) != ("derivation" in o)]
sys.exit(1 if bad or not outs else 0)' && echo "ok   check-json-derivation-only-on-failures" || {
  echo "FAIL check-json-derivation-only-on-failures"; fails=$((fails + 1)); }
# Bad input.
expect_run unknown-rule 2 "相近的规则：说明.自评等级" explain 自评等级 "$doc" --pack "$pack"
expect_run unknown-param 2 "没有参数“月”" explain 说明.自评等级 "$doc" --pack "$pack" --param 月=1
expect_run unreadable 3 "无法读取文件" explain 说明.自评等级 "$tmp/no-such-file.txt" --pack "$pack"
expect_run no-instance 0 "没有符合 --instance 的实例" explain 说明.自评等级 "$doc" --pack "$pack" --instance 9

if [ "$fails" -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
