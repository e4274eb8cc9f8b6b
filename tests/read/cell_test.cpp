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

TEST_CASE("squeeze drops ASCII and Unicode spaces (U+3000, U+00A0, U+FEFF) and keeps everything else") {
  CHECK(read::squeeze(" 附属\t单位\xE3\x80\x80上缴\xC2\xA0收\xEF\xBB\xBF入 ") == "附属单位上缴收入");
  CHECK(read::squeeze("ab\xE3\x80") == "ab\xE3\x80");  // a cut sequence is no space
  std::string out = "合计";
  read::squeeze_append(out, " 1 063 ");
  CHECK(out == "合计1063");
  // Pure ASCII and other text are cleaned the same way: spaces out, full-width forms half-width.
  CHECK(read::clean_for_match(" 1,063.13 ") == "1,063.13");
  CHECK(read::clean_for_match("１，０６３．１３") == "1,063.13");
  CHECK(read::clean_for_match("\t-\v") == "-");
}

TEST_CASE("UTF-8 validation: CJK text passes, a bad byte inside it is found (then read as GB18030 or refused)") {
  CHECK(std::holds_alternative<std::string>(read::decode_text("收入支出决算总表\n合计 1,063.13\n")));
  // 0xED 0xA0 0x80 is a UTF-16 surrogate written as UTF-8: not valid UTF-8.
  auto r = read::decode_text("收入\xED\xA0\x80支出\n");
  if (auto* t = std::get_if<std::string>(&r)) CHECK(t->find("\xED\xA0\x80") == std::string::npos);
}

TEST_CASE("clean_for_match normalises exactly as doc::normalize does, also for odd bytes") {
  // clean_for_match rewrites UTF-8 runs in place instead of decoding every code
  // point; the result must stay byte-for-byte doc::normalize()'s.
  const char* samples[] = {
      "１２３，（）％",                      // full-width digits and punctuation
      "ＡＺａｚ～！＂",                      // the ends of U+FF01–FF5E
      "\xEF\xBC\x80\xEF\xBD\x9F",            // U+FF00 and U+FF5F: outside it, kept
      "公开 01 表\t合计",                    // ASCII spaces inside CJK text
      "部门\xE3\x80\x80名称\xEF\xBB\xBF",     // U+3000, U+FEFF
      "a\xE2\x80\x82" "b\xE2\x80\x83" "c\xE2\x80\x89" "d",  // U+2002/2003/2009
      "2\xE2\x80\x94" "3\xE2\x80\x93" "4\xE2\x88\x92" "5",  // — – −
      "\xE2\x80\x95",                        // ― is not a dash here
      "\xF0\xA0\x80\x80表",                  // a 4-byte code point
      "\x80" "abc",                          // a stray continuation byte
      "abc\xE4\xB8",                         // a cut sequence
      "\xE0\x80\x80",                        // an overlong sequence
      "\xF5\x80\x80\x80",                    // beyond U+10FFFF
      "",
  };
  for (const char* s : samples) {
    CAPTURE(s);
    CHECK(read::clean_for_match(s) == doc::normalize(s));
    std::string buf;
    CHECK(read::clean_view(s, buf) == doc::normalize(s));
  }
}

TEST_CASE("clean_view returns text that needs no cleaning as it is, without copying") {
  std::string buf;
  for (std::string_view s : {"1,063.13", "项目支出绩效自评表", "64.01%", "-"}) {
    CAPTURE(s);
    std::string_view v = read::clean_view(s, buf);
    CHECK(v == s);
    CHECK(v.data() == s.data());
  }
  CHECK(read::clean_view(" 1,063.13 ", buf) == "1,063.13");
  CHECK(read::clean_view("１２３", buf) == "123");
  CHECK(read::clean_view("**0.83**", buf) == "0.83");
}
