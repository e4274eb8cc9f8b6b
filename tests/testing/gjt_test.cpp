// The .gjt test-file parser: keywords in Chinese and English, inline
// documents, expectations with instance conditions and values, and errors
// with their line.
#include "runtime/testing/gjt.hpp"

#include <doctest/doctest.h>

using namespace gouji;
using testing::parse_test_file;

TEST_CASE("a case with a pack, a document path, parameters and expectations") {
  auto f = parse_test_file(
      "# 注释\n"
      "规则包 ../final-2023.gj\n"
      "参数 行次.收入总计 = 31\n"
      "\n"
      "案例 三公合计写错\n"
      "文件 样例.txt\n"
      "期望 表内.三公合计 不通过 左 5.41 右 5.31 差 0.10   # 手算\n"
      "期望 表内.科目层级 [t = 公开03表, r = 201] 通过\n"
      "期望 说明.收入合计 出错 消息含 \"找不到\"\n"
      "其余 通过\n",
      "t.gjt");
  REQUIRE(f.errors.empty());
  REQUIRE(f.cases.size() == 1);
  const auto& c = f.cases[0];
  CHECK(c.name == "三公合计写错");
  CHECK(c.line == 5);
  CHECK(c.pack == "../final-2023.gj");
  REQUIRE(c.params.size() == 1);
  CHECK(c.params[0] == std::pair<std::string, std::string>{"行次.收入总计", "31"});
  CHECK(c.document.path == "样例.txt");
  REQUIRE(c.expectations.size() == 3);
  CHECK(c.expectations[0].status == eval::Status::fail);
  CHECK(*c.expectations[0].left == *Number::parse_decimal("5.41"));
  CHECK(*c.expectations[0].difference == *Number::parse_decimal("0.1"));
  CHECK(c.expectations[0].comment == "   # 手算");
  CHECK(c.expectations[1].bindings.size() == 2);
  CHECK(c.expectations[1].bindings[1] == std::pair<std::string, std::string>{"r", "201"});
  CHECK(c.expectations[2].status == eval::Status::error);
  CHECK(c.expectations[2].message_contains == "找不到");
  CHECK(c.others_pass);
}

TEST_CASE("English keywords, a colon after a keyword, and Chinese brackets") {
  auto f = parse_test_file(
      "pack: builtin:final-2023.gj\n"
      "case \"first\"\n"
      "document: a.txt\n"
      "expect R.x 【r = 201，c = 栏1】 N/A\n"
      "expect R.y PASS\n",
      "e.gjt");
  REQUIRE(f.errors.empty());
  CHECK(f.cases[0].pack == "builtin:final-2023.gj");
  CHECK(f.cases[0].name == "first");
  CHECK(f.cases[0].expectations[0].status == eval::Status::not_applicable);
  CHECK(f.cases[0].expectations[0].bindings.size() == 2);
  CHECK(f.cases[0].expectations[1].english);
}

TEST_CASE("an inline document keeps its lines verbatim and the test file's line numbers") {
  auto f = parse_test_file(
      "案例 内嵌\n"
      "文件 内嵌\n"
      "a\tb\n"
      "  c\n"
      "结束\n"
      "期望 R 通过\n",
      "i.gjt");
  REQUIRE(f.errors.empty());
  const auto& d = f.cases[0].document;
  REQUIRE(d.inline_text);
  // Two blank lines in front: "a\tb" is line 3 of the test file and of the document.
  CHECK(*d.inline_text == "\n\na\tb\n  c\n");
  CHECK(f.cases[0].last_line == 6);
}

TEST_CASE("settings before the first case are defaults; a case may override them") {
  auto f = parse_test_file(
      "规则包 a.gj\n文件 x.txt\n参数 p = 1\n"
      "案例 一\n期望 R 通过\n"
      "案例 二\n规则包 b.gj\n参数 p = 2\n期望 R 通过\n",
      "d.gjt");
  REQUIRE(f.errors.empty());
  CHECK(f.cases[0].pack == "a.gj");
  CHECK(f.cases[1].pack == "b.gj");
  CHECK(f.cases[1].document.path == "x.txt");
  CHECK(f.cases[0].params[0].second == "1");
  CHECK(f.cases[1].params[0].second == "2");
  CHECK(f.cases[0].last_line == 5);
}

TEST_CASE("malformed lines are reported with their line") {
  auto f = parse_test_file(
      "案例 坏\n"
      "文件 x.txt\n"
      "期望 R 可能通过\n"
      "期望 R\n"
      "期望 R 通过 差 很多\n"
      "随便写写\n"
      "期望 R [r 201] 通过\n"
      "期望 R 通过 消息含 \"没有结束\n"
      "期望 R 通过\n",
      "bad.gjt");
  REQUIRE(f.errors.size() == 6);
  CHECK(f.errors[0].line == 3);
  CHECK(f.errors[0].message.find("可能通过") != std::string::npos);
  CHECK(f.errors[1].line == 4);
  CHECK(f.errors[2].line == 5);
  CHECK(f.errors[3].line == 6);
  CHECK(f.errors[4].line == 7);
  CHECK(f.errors[5].line == 8);
}

TEST_CASE("a case needs a document and an expectation; an inline document needs its end") {
  auto f = parse_test_file("案例 空\n", "e.gjt");
  CHECK(f.errors.size() == 2);
  auto g = parse_test_file("案例 a\n文件 内嵌\nx\n", "e.gjt");
  REQUIRE(!g.errors.empty());
  CHECK(g.errors[0].line == 2);
  auto h = parse_test_file("", "e.gjt");
  CHECK(h.errors.size() == 1);
  auto dup = parse_test_file("文件 a\n案例 同名\n其余 通过\n案例 同名\n其余 通过\n", "e.gjt");
  REQUIRE(dup.errors.size() == 1);
  CHECK(dup.errors[0].line == 4);
}

TEST_CASE("format_expectation writes a line back in its own layout") {
  auto f = parse_test_file("案例 a\n文件 x\n  期望 R.x [r = 201] 不通过 差 0.10  # 注\n", "f.gjt");
  REQUIRE(f.errors.empty());
  auto e = f.cases[0].expectations[0];
  CHECK(testing::format_expectation(e) == "  期望 R.x [r = 201] 不通过 差 0.1  # 注");
  e.status = eval::Status::pass;
  e.difference.reset();
  CHECK(testing::format_expectation(e) == "  期望 R.x [r = 201] 通过  # 注");
}

TEST_CASE("a file that is not UTF-8 gets one clear error with its line") {
  auto f = testing::parse_test_file("案例 a\n文件 x\n\xB0\xB8\xC0\xFD a\n", "gbk.gjt");
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].line == 3);
  CHECK(f.errors[0].message.find("UTF-8") != std::string::npos);
  auto nul = testing::parse_test_file(std::string("案例 a\n\0\n", 10), "nul.gjt");
  REQUIRE(nul.errors.size() == 1);
  CHECK(nul.errors[0].line == 2);
}

TEST_CASE("改 plants an edit into a file document; 出处 names the line a failure must list") {
  auto f = parse_test_file(
      "案例 种\n"
      "文件 x.txt\n"
      "改 第 12 行 \"0.81\" 为 \"0.91\"\n"
      "改 第13行 “a b” 为 「c」\n"
      "change line 14 \"x\" to \"y\"\n"
      "期望 R 不通过 差 -0.10 出处 第 12 行\n"
      "期望 S 不通过 出处 第12行\n"
      "expect T FAIL source-line 14\n",
      "p.gjt");
  REQUIRE(f.errors.empty());
  const auto& c = f.cases[0];
  REQUIRE(c.edits.size() == 3);
  CHECK(c.edits[0].target == 12);
  CHECK(c.edits[0].old_text == "0.81");
  CHECK(c.edits[0].new_text == "0.91");
  CHECK(c.edits[1].target == 13);
  CHECK(c.edits[1].old_text == "a b");
  CHECK(c.edits[1].new_text == "c");
  CHECK(c.edits[2].target == 14);
  REQUIRE(c.expectations.size() == 3);
  CHECK(c.expectations[0].source_line == 12u);
  CHECK(c.expectations[1].source_line == 12u);
  CHECK(c.expectations[2].source_line == 14u);
  CHECK(format_expectation(c.expectations[0]) == "期望 R 不通过 差 -0.1 出处 第 12 行");

  auto bad = parse_test_file(
      "案例 坏\n"
      "文件 x.txt\n"
      "改 第 0 行 \"a\" 为 \"b\"\n"
      "改 第 3 行 \"a\"\n"
      "改 第 3 行 \"a\" 为 \"a\"\n"
      "期望 R 通过 出处 第 x 行\n"
      "案例 内嵌\n"
      "文件 内嵌\n"
      "x\n"
      "结束\n"
      "改 第 9 行 \"x\" 为 \"y\"\n"
      "其余 通过\n",
      "bad.gjt");
  std::vector<std::uint32_t> lines;
  for (const auto& e : bad.errors) lines.push_back(e.line);
  // 3: line 0; 4: no new text; 5: no change; 6: 出处 without a number; 1: the case
  // is left with no expectation; 11: 改 is for file documents only.
  CHECK(lines == std::vector<std::uint32_t>{3, 4, 5, 6, 1, 11});
  CHECK(bad.errors[3].message == "“出处”后面应是行号（出处 第 395 行），这里是“x”");
}
