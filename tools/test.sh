#!/usr/bin/env bash
# Builds gouji (warnings as errors) and runs every test: unit tests, golden
# files, rule-pack tests and fuzz-corpus replays. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOUJI_WERROR=ON >/dev/null
cmake --build build -j "${GOUJI_JOBS:-2}"
ctest --test-dir build --output-on-failure -j "${GOUJI_JOBS:-2}"
