#!/usr/bin/env bash
# gouji check: exit codes and report contents, over a real sample document.
# Usage: check_cli.sh GOUJI SOURCE_DIR
set -u
gouji=${1:?gouji}
src=${2:?source dir}
doc="$src/examples/final-2023-luolong-gov-office.txt"   # a 2023 决算
data="$src/tests/eval/data"
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect_run NAME WANT_RC GREP_PATTERN ARGS... : runs gouji, checks the exit
# status and that stdout+stderr contain the pattern (fixed string).
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

# The document is of 2023: the warning rule passes with the default parameter.
expect_run pass 0 "通过 1，不通过 0" check --pack "$data/cli_warning.gj" "$doc"
# With 年=2024 the warning rule fails; warnings do not fail the run by default …
expect_run warning-below-threshold 0 "年度.一致" check --pack "$data/cli_warning.gj" --param 年=2024 "$doc"
# … but do with --fail-on warning; the report shows both numbers and the difference.
expect_run warning-fail-on 1 "差（左 − 右）：-1" check --pack "$data/cli_warning.gj" --param 年=2024 --fail-on warning "$doc"
# Division by zero: an ERROR at its place in the rule file; the next rule runs (N/A).
expect_run div-zero 1 "cli_error.gj:6:10" check --pack "$data/cli_error.gj" "$doc"
expect_run div-zero-next-rule 1 "文件中没有公开99表" check --pack "$data/cli_error.gj" "$doc"
# The 不适用 section, a line per rule: cli_na.gj's first rule addresses a table the
# document lacks (no instance runs); its second skips the 公开02表 rows of at most
# 100 万元: of the 21 rows (合计 and 20 科目) 7 exceed 100 (1,063.13 834.63 818.67
# 481.78 336.89 158.57 106.52), so 14 of 21 are skipped.
expect_run na-whole-rule 0 "    缺表.合计：文件中没有公开99表" check --pack "$data/cli_na.gj" "$doc"
expect_run na-partial 0 "    部分.大额行：14/21 个实例，条件不成立：r[栏 1] > 100" check --pack "$data/cli_na.gj" "$doc"
expect_run na-counts 0 "不适用（15 个实例，2 条规则" check --pack "$data/cli_na.gj" "$doc"
# JSON
expect_run json 1 '"status": "ERROR"' check --pack "$data/cli_error.gj" --format json "$doc"
# Usage and rule-file errors: exit 2.
# (Without --pack a built-in pack is chosen per document: tested with the packs.)
expect_run no-documents 2 "没有给出要检查的文件" check --pack "$data/cli_warning.gj"
expect_run bad-pack 2 "未检查任何文件" check --pack "$data/cli_bad.gj" "$doc"
expect_run unknown-param 2 "没有参数“月”；可用的参数：年" check --pack "$data/cli_warning.gj" --param 月=1 "$doc"
expect_run dir-ambiguous 2 "不知道哪个是规则包的主文件" check --pack "$data" "$doc"
# An unreadable document: exit 3, the others are still checked.
expect_run unreadable 3 "通过 1" check --pack "$data/cli_warning.gj" "$tmp/no-such-file.txt" "$doc"

if [ "$fails" -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"
