#!/usr/bin/env bash
# Exact means exact: no floating-point type may appear in gouji's sources (a
# money figure or a ratio must never pass through one). Comments may name them.
set -u
root=${1:?source root}
hits=$(grep -rnE '\b(double|float|long double|strtod|stod|stof|atof)\b' \
         "$root/lang" "$root/runtime" "$root/cli" --include='*.cpp' --include='*.hpp' \
       | grep -vE '^[^:]+:[0-9]+:\s*//' | grep -vE '//.*\b(double|float)\b' || true)
if [ -n "$hits" ]; then
  echo "floating point found in sources:"
  echo "$hits"
  exit 1
fi
echo "no floating point in lang/, runtime/, cli/"
