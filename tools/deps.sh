#!/usr/bin/env bash
# Installs what gouji needs to build and test, from Debian 12's packages.
# Run as root (or through sudo). Does nothing when everything is there.
set -euo pipefail
pkgs=(g++ cmake ninja-build pkg-config tao-pegtl-dev libfmt-dev libboost-dev doctest-dev
      nlohmann-json3-dev libcli11-dev libicu-dev
      # gouji reads PDFs with poppler's C++ API (words and their positions)
      libpoppler-cpp-dev
      # gouji check --format xlsx writes workbooks with libxlsxwriter
      libxlsxwriter-dev
      # tests: the HTML report opened in a real browser (headless Chromium), with a
      # CJK font so its screenshot shows the Chinese; the xlsx report read back by
      # LibreOffice Calc (headless); python3 runs those two tests
      chromium fonts-wqy-zenhei libreoffice-calc-nogui python3
      # .ci/run's benchmark regression check counts instructions with callgrind
      valgrind)
[ "${GOUJI_FUZZ:-}" = 1 ] && pkgs+=(clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
