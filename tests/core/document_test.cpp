// Lookups on the document model and normalisation for matching.
#include "runtime/document.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

using namespace gouji::doc;

TEST_CASE("normalize folds full-width forms and removes white space") {
  CHECK(normalize("（一）收入合计 １,０６３.１３ 万元") == "(一)收入合计1,063.13万元");
  CHECK(normalize("公开 01 表") == "公开01表");
  CHECK(normalize("占\u300068.31％") == "占68.31%");
  CHECK(normalize("—") == "-");
}

namespace {

// normalize() as spec/document-model.md defines it, decoding every code
// point (the library copies unchanged runs instead; the two must agree).
std::string normalize_reference(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xA0 ||
        cp == 0xFEFF || cp == 0x2002 || cp == 0x2003 || cp == 0x2009)
      continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp == 0x2014 || cp == 0x2013 || cp == 0x2212) cp = '-';
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("normalize and normalize_view give the decoding definition's result, also for odd bytes") {
  // Pieces that matter (spaces, full-width forms at the range's ends, dashes,
  // CJK, 2- and 4-byte code points) and broken ones (stray continuation
  // bytes, cut, overlong and out-of-range sequences), joined at random.
  const std::string_view pieces[] = {
      "a", " ", "\t", "1", ",", "-", "\xE3\x80\x80", "\xC2\xA0", "\xEF\xBB\xBF", "\xE2\x80\x82", "\xE2\x80\x83",
      "\xE2\x80\x89", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x88\x92", "\xE2\x80\x95", "\xEF\xBC\x81", "\xEF\xBC\x91",
      "\xEF\xBD\x9E", "\xEF\xBC\x80", "\xEF\xBD\x9F", "表", "公开", "\xC2\xB7", "\xC3\xA9", "\xF0\xA0\x80\x80", "\x80",
      "\xBF", "\xE4\xB8", "\xE0\x80\x80", "\xC0\xAF", "\xF5\x80\x80\x80", "\xED\xA0\x80", "\xF0\x80\x80\x80", "\xFF"};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::string buf;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (std::size_t k = next() % 8; k > 0; --k) s += pieces[next() % std::size(pieces)];
    CAPTURE(s);
    std::string want = normalize_reference(s);
    REQUIRE(normalize(s) == want);
    std::string_view v = normalize_view(s, buf);
    REQUIRE(v == want);
  }
  for (std::string_view s : {"公开01表", "1,063.13", "项目支出绩效自评表", ""}) {
    CAPTURE(s);
    CHECK(normalize_view(s, buf).data() == s.data());  // unchanged text is not copied
  }
}

TEST_CASE("strip_ordinal drops list ordinals only") {
  CHECK(strip_ordinal("一、一般公共服务支出") == "一般公共服务支出");
  CHECK(strip_ordinal("二十六、抗疫特别国债安排的支出") == "抗疫特别国债安排的支出");
  CHECK(strip_ordinal("(三)国有资本经营预算拨款") == "国有资本经营预算拨款");
  CHECK(strip_ordinal("(12)其他") == "其他");
  CHECK(strip_ordinal("3.公用经费") == "公用经费");
  CHECK(strip_ordinal("一般公共服务支出") == "一般公共服务支出");
  CHECK(strip_ordinal("十分满意") == "十分满意");  // a numeral without a separator is text
}

TEST_CASE("a table finds rows by 行次, code and label, with ordinals ignored") {
  Table t;
  t.code = "公开01表";
  t.blocks = {Block{"收入", {}}, Block{"支出", {}}};
  Row income;
  income.block = 0;
  income.label = "本年收入合计";
  income.hangci = 27;
  Row spend;
  spend.block = 1;
  spend.label = "一、一般公共服务支出";
  spend.hangci = 32;
  spend.code = "201";
  t.rows = {income, spend};
  CHECK(t.row_by_hangci(32)->label == "一、一般公共服务支出");
  CHECK(t.row_by_label("一般公共服务支出")->hangci == 32);
  CHECK(t.row_by_label("本年收入合计", 1) == nullptr);
  CHECK(t.row_by_code("201")->hangci == 32);
  CHECK(t.row_by_hangci(99) == nullptr);
  t.rows[0].label = "年度资金总额：";
  CHECK(t.row_by_label("年度资金总额") == &t.rows[0]);  // a printed trailing colon is not part of the name
}

TEST_CASE("a column is found by its innermost header, by a name on its path, or by a header path") {
  // 部门支出预算表 (budget 2025): 合计 | 基本支出›小计 | 基本支出›人员经费›工资福利支出 | 项目支出›小计
  Table t;
  Block b;
  for (std::vector<std::string> h : std::vector<std::vector<std::string>>{
           {"合计"}, {"基本支出", "小计"}, {"基本支出", "人员经费", "工资福利支出"}, {"项目支出", "小计"}})
    b.columns.push_back(Column{h, std::nullopt, ColumnRole::amount});
  t.blocks = {b};
  CHECK(t.column_by_header(0, "合计") == 0);
  CHECK(t.column_by_header(0, "工资福利支出") == 2);
  CHECK(t.column_by_header(0, "人员经费") == 2);       // on the path only
  CHECK(t.column_by_header(0, "小计") == -2);          // two columns end with 小计
  CHECK(t.column_by_header(0, "基本支出") == -2);      // two columns have it on their path
  CHECK(t.column_by_header(0, "基本支出›小计") == 1);  // a path tells them apart
  CHECK(t.column_by_header(0, "项目支出 › 小计") == 3);
  CHECK(t.column_by_header(0, "人员经费›工资福利支出") == 2);
  CHECK(t.column_by_header(0, "基本支出›人员经费") == 2);  // a run inside the path
  CHECK(t.column_by_header(0, "项目支出›人员经费") == -1);
}
