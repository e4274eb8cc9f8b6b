#!/bin/sh
# gouji test --corpus: the built-in packs on a seeded corpus written by gouji gen
# (132 documents, four in five with a planted defect), at a size CI affords.
# Recall and precision must be 100% for every defect class, and every class and
# clean documents must be in the corpus. Then the failing paths: a manifest that
# claims a defect no failure names gives exit 1; a missing manifest exit 2.
# Then 36 部门预算 documents (--kind budget2025), also four in five planted.
# Usage: corpus_test.sh GOUJI
set -u
G="$1"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$G" gen --seed 2026 --count 132 --defects 0.8 --out "$T/c" >/dev/null || fail "gen"
out=$("$G" test --corpus "$T/c"); rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "corpus run exit $rc"
last=$(echo "$out" | tail -1)
echo "$last" | grep -q "^corpus 132 documents: recall 100.00% .*precision 100.00% .*missed 0, false alarms 0$" \
  || fail "closing line: $last"
for c in table_cell hierarchy_total cross_table narrative_amount share yoy_rate score missing_table \
         department_name sangong_total grade_count "（无缺陷）"; do
  echo "$out" | grep -q "^$c " || fail "class $c not in the corpus"
done

# A defect the packs cannot see (the manifest says a clean document has one): a miss, exit 1.
sed -i '0,/"defects": \[\]/s//"defects": [{"class": "table_cell", "table": "公开03表", "row": "201", "column": "基本支出", "section": "", "original": "1.00", "planted": "2.00", "line": 1}]/' \
  "$T/c/manifest.json" || fail "edit manifest"
out=$("$G" test --corpus "$T/c"); rc=$?
[ $rc -eq 1 ] || fail "a missed defect exits $rc"
echo "$out" | tail -1 | grep -q "missed 1," || fail "missed count: $(echo "$out" | tail -1)"
# ... unless the threshold allows it
"$G" test --corpus "$T/c" --min-recall 80 >/dev/null; [ $? -eq 0 ] || fail "--min-recall 80"
"$G" test --corpus "$T/c" --min-recall 101 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--min-recall 101 accepted"

# 部门预算: recall and precision 100% for its 9 classes. (A failing sum names
# every figure it added: a 合计 against its column names the planted row even
# when it is the 9th or later, which it did not while a value kept 8 places.)
"$G" gen --kind budget2025 --seed 2026 --count 36 --defects 0.8 --out "$T/b" >/dev/null || fail "gen budget2025"
out=$("$G" test --corpus "$T/b"); rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "budget corpus run exit $rc"
last=$(echo "$out" | tail -1)
echo "$last" | grep -q "^corpus 36 documents: recall 100.00% .*precision 100.00% .*missed 0, false alarms 0" ||
  fail "budget closing line: $last"
for c in table_cell hierarchy_total cross_table narrative_amount share yoy_rate missing_table department_name sangong_total "（无缺陷）"; do
  echo "$out" | grep -q "^$c " || fail "budget class $c not in the corpus"
done

mkdir "$T/empty"
"$G" test --corpus "$T/empty" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no manifest"
echo "ok"
