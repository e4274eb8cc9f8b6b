// Test helpers: load a sample from examples/, find cells by table/row/column.
#pragma once

#include "runtime/read/read.hpp"

#include <doctest/doctest.h>

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

}  // namespace gouji::read::test
