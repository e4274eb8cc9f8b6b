// Test helpers: load a sample from examples/, find cells by table/row/column.
#pragma once

#include "runtime/read/read.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace gouji::read::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads examples/<name> (recorded path "examples/<name>", as in the goldens).
inline doc::Document load(const std::string& name) {
  auto bytes = slurp(std::string(GOUJI_SAMPLES_DIR) + "/" + name);
  REQUIRE_MESSAGE(!bytes.empty(), "missing sample " << name);
  auto r = read_document_bytes(bytes, "examples/" + name);
  REQUIRE(std::holds_alternative<doc::Document>(r));
  return std::get<doc::Document>(std::move(r));
}

// The one table with this code or title.
inline const doc::Table& table(const doc::Document& d, const std::string& name) {
  auto found = d.find_tables(name);
  REQUIRE_MESSAGE(found.size() == 1, name << " found " << found.size() << " times");
  return *found[0];
}

// The cell of `row` in the column with 栏次 `lanci`.
inline const doc::Cell& lanci_cell(const doc::Table& t, const doc::Row& row, int lanci) {
  int c = t.column_by_lanci(row.block, lanci);
  REQUIRE_MESSAGE(c >= 0, "no 栏" << lanci << " in block " << row.block);
  return row.cells[static_cast<std::size_t>(c)];
}

// The cell of `row` in the column named `header` (innermost header name).
inline const doc::Cell& named_cell(const doc::Table& t, const doc::Row& row, const std::string& header) {
  int c = t.column_by_header(row.block, header);
  REQUIRE_MESSAGE(c >= 0, "no column " << header << " in block " << row.block);
  return row.cells[static_cast<std::size_t>(c)];
}

inline Number num(const char* s) { return *Number::parse_decimal(s); }

// The document's JSON form must equal tests/read/golden/<name>.json (checked
// against the source by hand: tests/read/golden/README.md). With
// GOUJI_UPDATE_GOLDEN=1 the golden is rewritten instead; check its diff
// against the source again before committing it.
inline void check_golden(const doc::Document& d, const std::string& name) {
  std::string got = to_json(d) + "\n";
  std::string path = std::string(GOUJI_SOURCE_DIR) + "/tests/read/golden/" + name + ".json";
  if (const char* up = std::getenv("GOUJI_UPDATE_GOLDEN"); up && std::string(up) == "1") {
    std::ofstream(path, std::ios::binary) << got;
    return;
  }
  std::string want = slurp(path);
  REQUIRE_MESSAGE(!want.empty(), "missing golden " << path);
  if (got == want) return;
  // Report the first differing line, not a megabyte of JSON.
  std::size_t i = 0, line = 1;
  while (i < got.size() && i < want.size() && got[i] == want[i]) {
    if (got[i] == '\n') ++line;
    ++i;
  }
  auto excerpt = [&](const std::string& s) {
    std::size_t b = s.rfind('\n', i == 0 ? 0 : i - 1);
    b = b == std::string::npos ? 0 : b + 1;
    return s.substr(b, std::min<std::size_t>(200, s.size() - b));
  };
  FAIL_CHECK("golden " << name << ".json differs at line " << line << "\n  golden: " << excerpt(want)
                       << "\n  now:    " << excerpt(got));
}

}  // namespace gouji::read::test
