#!/bin/sh
# gouji test on the command line: closing line, exit codes, --update refused
# in CI, a malformed test file reported with file:line, --filter, --format json.
# Usage: cli_test.sh GOUJI SOURCE_DIR
set -u
G="$1"; SRC="$2"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$SRC/stdlib/tests/final-2023-inline.gjt" "$T/ok.gjt"
sed -i "s#^规则包 .*#规则包 $SRC/stdlib/final-2023.gj#" "$T/ok.gjt"

out=$("$G" test "$T/ok.gjt"); rc=$?
[ $rc -eq 0 ] || fail "passing tests exit $rc"
[ "$(echo "$out" | tail -1)" = "3 passed, 0 failed" ] || fail "closing line: $out"

# A wrong expectation: exit 1, the case named with file:line, expected and actual.
sed 's/期望 表内.三公车辆小计 通过/期望 表内.三公车辆小计 不通过/' "$T/ok.gjt" > "$T/wrong.gjt"
out=$("$G" test "$T/wrong.gjt"); rc=$?
[ $rc -eq 1 ] || fail "failing tests exit $rc"
echo "$out" | grep -q "wrong.gjt:4 案例“三公表各数相符”：表内.三公车辆小计：期望 不通过，实际 通过" || fail "failure line: $out"
[ "$(echo "$out" | tail -1)" = "1 passed, 2 failed" ] || fail "closing line: $(echo "$out" | tail -1)"

# --filter selects cases.
out=$("$G" test "$T/wrong.gjt" --filter 支出表); rc=$?
[ $rc -eq 0 ] && [ "$(echo "$out" | tail -1)" = "1 passed, 0 failed" ] || fail "filter: $out"

# --format json
"$G" test "$T/wrong.gjt" --format json | grep -q '"failed": 2' || fail "json"

# A malformed test file: file:line, exit 2, counted as failed.
printf '案例 坏\n文件 x.txt\n期望 R 也许\n' > "$T/bad.gjt"
out=$("$G" test "$T/bad.gjt" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "malformed exit $rc"
echo "$out" | grep -q "bad.gjt:3:" || fail "malformed message: $out"
[ "$(echo "$out" | tail -1)" = "0 passed, 1 failed" ] || fail "malformed closing: $out"

# A missing path.
"$G" test "$T/none.gjt" >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing file"
# A document given as a test file: one line that says so, exit 2 (not a "不认识这一行" per line of it).
err=$("$G" test --mutate "$SRC/examples/budget-2025-xigong-gov-office.txt" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "document as test file: exit $rc"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | grep -q "是文档，不是测试文件" || fail "document as test file: $err"

# --update refused in CI; outside CI it rewrites the expectation.
CI=1 "$G" test --update "$T/wrong.gjt" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--update ran with CI set"
grep -q "期望 表内.三公车辆小计 不通过" "$T/wrong.gjt" || fail "--update under CI changed the file"
env -u CI "$G" test --update "$T/wrong.gjt" >/dev/null 2>&1 || fail "--update failed"
[ "$(grep -c '期望 表内.三公车辆小计 通过' "$T/wrong.gjt")" = 2 ] || fail "--update did not rewrite"
out=$("$G" test "$T/wrong.gjt"); [ $? -eq 0 ] || fail "updated file does not pass: $out"

# --mutate and --coverage on the inline cases: a per-pack closing note, exit 0.
out=$("$G" test --mutate "$T/ok.gjt" --filter 三公表各数相符); rc=$?
[ $rc -eq 0 ] || fail "mutate exit $rc"
echo "$out" | grep -q "盲点 0 个数字" || fail "mutate summary: $out"
out=$("$G" test --coverage "$T/ok.gjt" --filter 支出表); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "公开03表：30 个数字，未读 0 个" || fail "coverage: $out"

# gouji diff: a changed parameter default and the outcome it changes on a test's document.
sed 's/^param 行次.收入总计 = 31 /param 行次.收入总计 = 30 /' "$SRC/stdlib/final-2023.gj" > "$T/new.gj"
cp "$SRC"/stdlib/*.gj "$T/"  # the packs final-2023.gj imports (performance.gj, completion.gj …)
out=$("$G" diff "$SRC/stdlib/final-2023.gj" "$T/new.gj" --tests "$SRC/stdlib/tests/final-2023-samples.gjt"); rc=$?
[ $rc -eq 1 ] || fail "diff exit $rc"
echo "$out" | grep -q "参数 行次.收入总计：31 → 30" || fail "diff param: $out"
echo "$out" | grep -q "说明.收支总计：通过 → " || fail "diff outcomes: $out"
out=$("$G" diff "$SRC/stdlib/final-2023.gj" "$SRC/stdlib/final-2023.gj" --tests "$SRC/stdlib/tests/final-2023-samples.gjt"); rc=$?
[ $rc -eq 0 ] || fail "diff of a pack with itself exit $rc: $out"
echo "ok"
