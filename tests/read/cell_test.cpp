// Reading one printed cell.
#include "read_helpers.hpp"
#include "runtime/read/cell.hpp"

using namespace gouji;
using namespace gouji::read::test;
using gouji::read::parse_cell;

TEST_CASE("numbers keep every digit and their printed places") {
  auto c = parse_cell("1,063.13", 7);
  CHECK(c.kind == doc::CellKind::number);
  CHECK(c.value == num("1063.13"));
  CHECK(c.places == 2);
  CHECK(c.text == "1,063.13");
  CHECK(c.line == 7);
  CHECK(parse_cell(" 42.80 ", 1).places == 2);
  CHECK(parse_cell("-50.00", 1).value == num("-50"));
  CHECK(parse_cell("１２３.４", 1).value == num("123.4"));  // full-width digits
  CHECK(parse_cell("１２３.４", 1).text == "１２３.４");      // original kept
}

TEST_CASE("percentages are ratios; a space before % is allowed") {
  auto c = parse_cell("64.01%", 1);
  CHECK(c.kind == doc::CellKind::percent);
  CHECK(c.value == num("0.6401"));
  CHECK(c.places == 2);
  CHECK(parse_cell("63.58 %", 1).value == num("0.6358"));
  CHECK(parse_cell("0.0 %", 1).places == 1);
  CHECK(parse_cell("１００％", 1).value == num("1"));
}

TEST_CASE("blanks: empty, -, — are blank, not zero") {
  for (const char* s : {"", " ", "-", "—", "——", "－"}) {
    CAPTURE(s);
    CHECK(parse_cell(s, 1).kind == doc::CellKind::blank);
  }
  CHECK(parse_cell("0", 1).kind == doc::CellKind::number);
}

TEST_CASE("markdown and LaTeX debris is cleaned for matching, kept for display") {
  auto c = parse_cell("**0.83**", 1);
  CHECK(c.kind == doc::CellKind::number);
  CHECK(c.value == num("0.83"));
  CHECK(c.text == "**0.83**");
  auto t = parse_cell("$\\geq 95\\%$", 1);
  CHECK(t.kind == doc::CellKind::text);
  CHECK(read::clean_for_match(t.text) == "≥95%");
  CHECK(read::clean_for_match("$\\leq 13\\%$") == "≤13%");
  CHECK(parse_cell("93 · 2 2", 1).value == num("93.22"));  // a middle dot printed for the point
}

TEST_CASE("text stays text; codes are never read as figures by the table readers") {
  CHECK(parse_cell("≥90%", 1).kind == doc::CellKind::text);
  CHECK(parse_cell("5 台", 1).kind == doc::CellKind::text);
  CHECK(parse_cell("2023 年 12 月 前", 1).kind == doc::CellKind::text);
}

TEST_CASE("split_figures separates two figures printed in one cell") {
  CHECK(read::split_figures("0.0 % 0.00") == std::vector<std::string>{"0.0%", "0.00"});
  CHECK(read::split_figures("0.0 0% -") == std::vector<std::string>{"0.00%", "-"});
  CHECK(read::split_figures("32 .2 3 %") == std::vector<std::string>{"32 .2 3 %"});  // one figure
  CHECK(read::split_figures("资金安排科学") == std::vector<std::string>{"资金安排科学"});
}
