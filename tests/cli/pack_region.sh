#!/bin/bash
# The built-in pack is chosen by the document's template, not its file name:
# the Shanghai 2024 决算 PDF (no 公开NN表 codes, Shanghai titles) gets
# 部门决算（上海） 2024, the Henan samples keep 部门决算 2023/2024, the same
# Shanghai text under a Henan-looking name is still Shanghai, and gouji packs
# lists the Shanghai pack. Usage: pack_region.sh GOUJI SOURCE_DIR
set -u
gouji=$1
src=$2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pdf="$src/tests/read/pdf/final-2024-shanghai-putuo-finance-bureau.pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$gouji" check "$pdf" 2>&1)
echo "$out" | grep -q "规则包：部门决算（上海） 2024（内置，.*按文件类别“决算”、地区“上海”和年度 2024 选用）" \
  || fail "Shanghai PDF: pack line: $(echo "$out" | grep 规则包)"

cp "$pdf" "$tmp/final-2024-luolong-henan.pdf"
out=$("$gouji" check "$tmp/final-2024-luolong-henan.pdf" 2>&1)
echo "$out" | grep -q "规则包：部门决算（上海） 2024" || fail "renamed Shanghai PDF: $(echo "$out" | grep 规则包)"

out=$("$gouji" check "$src/examples/final-2024-luolong-gov-service-center.txt" 2>&1)
echo "$out" | grep -q "规则包：部门决算 2024（内置，.*按文件类别“决算”和年度 2024 选用）" \
  || fail "Henan 2024: $(echo "$out" | grep 规则包)"
out=$("$gouji" check "$src/examples/final-2023-xigong-community-office.txt" 2>&1)
echo "$out" | grep -q "规则包：部门决算 2023（内置" || fail "Henan 2023: $(echo "$out" | grep 规则包)"

# --pack overrides the choice: the Henan pack on the Shanghai PDF finds no 公开NN表.
out=$("$gouji" check --pack "$src/stdlib/final-2024.gj" "$pdf" 2>&1)
echo "$out" | grep -q "缺少公开01表" || fail "--pack Henan on the Shanghai PDF: $(echo "$out" | head -5)"

# A built-in pack by the name gouji packs prints: --pack builtin:… for check and explain, lint builtin:….
out=$("$gouji" check --pack builtin:final-2024.gj "$pdf" 2>&1)
echo "$out" | grep -q "规则包：部门决算 2024（builtin:final-2024.gj，" || fail "--pack builtin: pack line: $(echo "$out" | head -3)"
echo "$out" | grep -q "缺少公开01表" || fail "--pack builtin:final-2024.gj on the Shanghai PDF: $(echo "$out" | head -5)"
out=$("$gouji" check --pack builtin:final-2025.gj "$pdf" 2>&1); rc=$?
[ "$rc" = 2 ] && echo "$out" | grep -q "没有名为“builtin:final-2025.gj”的内置规则包（gouji packs 列出全部内置规则包及其名称）" \
  || fail "--pack builtin: unknown pack: rc=$rc $out"
out=$("$gouji" check --pack builtin:subject-codes.gj "$pdf" 2>&1); rc=$?
[ "$rc" = 2 ] || fail "--pack builtin: a file without a pack header is not a pack: rc=$rc $out"
out=$("$gouji" explain --pack builtin:final-2024-shanghai.gj 表内.收支总表总计 "$pdf" 2>&1); rc=$?
[ "$rc" != 2 ] || fail "explain --pack builtin:: rc=$rc $(echo "$out" | head -3)"
"$gouji" lint builtin:final-2024-shanghai.gj >/dev/null 2>&1 || fail "lint builtin:final-2024-shanghai.gj"

"$gouji" packs | grep -q "部门决算（上海） 2024  builtin:final-2024-shanghai.gj" || fail "gouji packs: $("$gouji" packs)"

[ "$fails" = 0 ] && echo "pack_region: all passed"
exit $((fails > 0))
