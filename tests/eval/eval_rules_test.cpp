// Evaluator tests on rule text: the parser builds the tree, the evaluator runs
// it over the documents of fixtures.hpp. Expected outcomes are worked out by
// hand in the comments.
#include "fixtures.hpp"
#include "program_fixture.hpp"
#include "lang/checker.hpp"
#include "lang/parser.hpp"
#include "lang/program.hpp"
#include "runtime/eval/eval.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace gouji;
using eval::Status;

namespace {

using fx::program;

eval::Report run(const std::string& text, const doc::Document& d, eval::Options o = {}) {
  auto p = program(text);
  auto r = eval::evaluate(*p, d, o);
  if (std::getenv("GOUJI_TEST_DUMP")) MESSAGE(eval::to_json(r).dump(1));
  return r;
}

std::vector<Status> statuses(const eval::Report& r, const std::string& rule) {
  std::vector<Status> out;
  for (const auto& o : r.outcomes)
    if (o.rule_id == rule) out.push_back(o.status);
  return out;
}

Number dec(const char* s) { return *Number::parse_decimal(s); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("the illustrative rules of issue 2 evaluate over a consistent document") {
  std::string text = read_file(std::string(GOUJI_SOURCE_DIR) + "/examples/illustrative.gj");
  REQUIRE(!text.empty());
  auto r = run(text, fx::sample());
  // 三公: 12.30 ≈ 0 + 8.10 + 4.20.
  CHECK(statuses(r, "三公.决算合计") == std::vector<Status>{Status::pass});
  // Only 公开03表 exists of 02/03/05. Rows with children: 201, 20103, 208; 3 amount
  // columns each: 9 instances. 201 = 20103 (70.01, 40.00, 30.01); 20103 = 40.00 + 30.01,
  // 40.00 + 0, 0 + 30.01; 208 = 20805 (29.99, 20.00, 9.99).
  CHECK(statuses(r, "支出.科目层级") == std::vector<Status>(9, Status::pass));
  // 公开01表 行58 100.00 == 公开03表 合计 栏1 100.00.
  CHECK(statuses(r, "收支总表.对03表") == std::vector<Status>{Status::pass});
  // "收入合计 100.00 万元" == 公开01表 本年收入合计 100.00.
  CHECK(statuses(r, "说明.收入合计") == std::vector<Status>{Status::pass});
  // 10 × 96.00 / 120.00 = 8 → 8.00 ≈ 8.00; 10 × 41.00 / 64.00 = 6.40625 → 6.41 ≈ 6.41.
  CHECK(statuses(r, "绩效.执行率得分") == std::vector<Status>{Status::pass, Status::pass});
  CHECK(r.outcomes.size() == 14);
  // present(): 公开01表, 公开03表, 公开09表 of 01..09 → 20 × 3 / 9 = 20/3.
  REQUIRE(r.scores.size() == 1);
  CHECK(r.scores[0].id == "公开完整性");
  CHECK(r.scores[0].value == Number::fraction(20, 3));
  CHECK(r.scores[0].weight == Number(20));
  CHECK(r.score_total == Number::fraction(20, 3));
  CHECK(r.score_max == Number(20));
}

TEST_CASE("for/where instances carry their bindings") {
  std::string text = read_file(std::string(GOUJI_SOURCE_DIR) + "/examples/illustrative.gj");
  auto r = run(text, fx::sample());
  std::vector<const eval::Outcome*> h;
  for (const auto& o : r.outcomes)
    if (o.rule_id == "支出.科目层级") h.push_back(&o);
  REQUIRE(h.size() == 9);
  using B = std::vector<std::pair<std::string, std::string>>;
  CHECK(h[0]->bindings == B{{"t", "公开03表"}, {"r", "201 一般公共服务支出"}, {"c", "栏1 本年支出合计"}});
  CHECK(h[4]->bindings == B{{"t", "公开03表"}, {"r", "20103 政府办公厅（室）及相关机构事务"}, {"c", "栏2 基本支出"}});
  CHECK(h[8]->bindings == B{{"t", "公开03表"}, {"r", "208 社会保障和就业支出"}, {"c", "栏3 项目支出"}});
}

TEST_CASE("a wrong 三公 total fails with the rule's message filled in") {
  std::string text = read_file(std::string(GOUJI_SOURCE_DIR) + "/examples/illustrative.gj");
  // 接待 4.25: parts 0 + 8.10 + 4.25 = 12.35 against 12.30.
  auto r = run(text, fx::sample("4.25"));
  REQUIRE(statuses(r, "三公.决算合计") == std::vector<Status>{Status::fail});
  const auto& o = r.outcomes[0];
  CHECK(o.message == "决算合计 12.30 与分项之和 12.35 不符");
  CHECK(o.difference == dec("-0.05"));
  CHECK(o.location.file == "测试.gj");
  CHECK(o.location.line == 9);  // the expect line of examples/illustrative.gj
}

TEST_CASE("rounding intervals: a rounding tail passes ≈, == sees it, a real gap fails ≈, ± widens") {
  const char* rules = R"(
rule 尾差.约等 "" {
  let r = table("公开03表")[代码 "20103"]
  expect r[栏 1] ≈ sum(children(r), table("公开03表")[栏 1])
}
rule 尾差.相等 "" {
  let r = table("公开03表")[代码 "20103"]
  expect r[栏 1] == sum(children(r), table("公开03表")[栏 1])
}
rule 尾差.放宽 "" {
  let r = table("公开03表")[代码 "20103"]
  expect r[栏 1] ≈ sum(children(r), table("公开03表")[栏 1]) ± 0.01
}
)";
  doc::Document tail = fx::sample();
  // 一般行政管理事务 printed 30.00: 70.01 vs 40.00 + 30.00 = 70.00. Intervals
  // [70.005, 70.015] and [69.99, 70.01] overlap: a rounding tail.
  tail.tables[1] = fx::table03(tail, "30.00");
  auto r = run(rules, tail);
  CHECK(statuses(r, "尾差.约等") == std::vector<Status>{Status::pass});
  CHECK(statuses(r, "尾差.相等") == std::vector<Status>{Status::fail});
  CHECK(r.outcomes[1].difference == dec("0.01"));
  CHECK(statuses(r, "尾差.放宽") == std::vector<Status>{Status::pass});

  doc::Document gap = fx::sample();
  // Printed 29.99: 70.01 vs 69.99, difference 0.02. [70.005, 70.015] vs [69.98, 70.00]:
  // 0.005 apart, so ≈ fails; ± 0.01 covers the 0.005.
  gap.tables[1] = fx::table03(gap, "29.99");
  auto g = run(rules, gap);
  CHECK(statuses(g, "尾差.约等") == std::vector<Status>{Status::fail});
  CHECK(g.outcomes[0].difference == dec("0.02"));
  CHECK(g.outcomes[0].allowance == dec("0.015"));  // (0.01 + 0.02) / 2: left ±0.005, right two parts ±0.005 each
  CHECK(statuses(g, "尾差.放宽") == std::vector<Status>{Status::pass});
}

TEST_CASE("a pack tolerance widens ≈") {
  const char* rules = R"(
tolerance 0.01
rule 容差 "" {
  let r = table("公开03表")[代码 "20103"]
  expect r[栏 1] ≈ sum(children(r), table("公开03表")[栏 1])
}
)";
  doc::Document gap = fx::sample();
  gap.tables[1] = fx::table03(gap, "29.99");  // 0.005 beyond the rounding intervals
  auto g = run(rules, gap);
  CHECK(statuses(g, "容差") == std::vector<Status>{Status::pass});
}

TEST_CASE("N/A when a `when` is false, with the condition as the reason") {
  const char* rules = R"(
rule 条件.语句 "" {
  let t = table("公开09表")
  when is_blank(t[栏 7])
  expect t[栏 7] == 0
}
rule 条件.前提 "" when kind() == "预算" {
  expect 1 == 2
}
rule 条件.成立 "" {
  let t = table("公开09表")
  when is_blank(t[栏 8])
  expect t[栏 8] == 0
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 3);
  CHECK(r.outcomes[0].status == Status::not_applicable);
  CHECK(r.outcomes[0].reason == "条件不成立：is_blank(t[栏 7])");
  CHECK(r.outcomes[1].status == Status::not_applicable);
  CHECK(r.outcomes[1].reason == "前提条件不成立：kind() == \"预算\"");
  // 栏8 is printed "-": blank, and 0 in arithmetic.
  CHECK(r.outcomes[2].status == Status::pass);
}

TEST_CASE("division by zero is an ERROR with its file:line:col") {
  const char* rules = "rule 除零 \"\" {\n  expect 1 / table(\"公开09表\")[栏 8] == 1\n}\n";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::error);
  CHECK(r.outcomes[0].reason.find("除数为 0：table(\"公开09表\")[栏 8]") != std::string::npos);
  CHECK(r.outcomes[0].location.str() == "测试.gj:2:10");
}

TEST_CASE("narrative figures: named captures, line of the number, thousands separators") {
  const char* rules = R"(
rule 说明.支出 "" {
  let m = text(section: "支出决算情况说明", pattern: "支出合计{金额:支出}万元，比上年增长{百分比:增幅}")
  expect m.支出 == 1063.13
  expect m.增幅 == 12.6%
}
rule 说明.全文 "" {
  expect text(section: "", pattern: "基本支出{金额}万元") == 60
  expect count(texts(section: "", pattern: "{金额}万元")) == 4
}
rule 说明.没有 "" {
  expect text(section: "收入决算情况说明", pattern: "支出合计{金额}万元") == 1
}
)";
  doc::Document d = fx::sample();
  auto r = run(rules, d);
  REQUIRE(r.outcomes.size() == 5);
  CHECK(r.outcomes[0].status == Status::pass);
  // 12.50% is printed on the paragraph's second line; 12.50% ≠ 12.6%.
  CHECK(r.outcomes[1].status == Status::fail);
  REQUIRE(!r.outcomes[1].places.empty());
  CHECK(r.outcomes[1].places[0].line_text == "12.50%。基本支出 60.00 万元。");
  CHECK(r.outcomes[1].difference == dec("-0.001"));  // 0.125 − 0.126
  CHECK(r.outcomes[2].status == Status::pass);
  // 100.00万元 (收入合计), 100.00万元 (财政拨款收入), 1,063.13万元, 60.00万元.
  CHECK(r.outcomes[3].status == Status::pass);
  CHECK(r.outcomes[4].status == Status::not_applicable);
  CHECK(r.outcomes[4].reason == "在“收入决算情况说明”中没有找到“支出合计{金额}万元”");
}

TEST_CASE("functions are pure, and their depth is bounded") {
  const char* rules = R"(
fn 完成率(a, b) = a / b
fn 用局部() = t
fn 无穷(n) = 无穷(n + 1)
rule 函数.调用 "" {
  expect round(完成率(96, 120), 2) == 0.8
}
rule 函数.纯 "" {
  let t = 1
  expect 用局部() == 1
}
rule 函数.深 "" {
  expect 无穷(1) == 1
}
rule 函数.之后 "" {
  expect 1 == 1
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 4);
  CHECK(r.outcomes[0].status == Status::pass);  // 96 / 120 = 0.8
  CHECK(r.outcomes[1].status == Status::error);
  CHECK(r.outcomes[1].reason == "未知名称“t”");
  CHECK(r.outcomes[2].status == Status::error);
  CHECK(r.outcomes[2].reason.find("64 层") != std::string::npos);
  CHECK(r.outcomes[3].status == Status::pass);
}

TEST_CASE("round: half up by default, half even on request; abs, min, max, avg, any, all") {
  const char* rules = R"(
rule 数 "" {
  expect round(2.345, 2) == 2.35
  expect round(2.345, 2, "half_even") == 2.34
  expect round(2.355, 2, "银行家") == 2.36
  expect round(-2.5, 0) == -3
  expect abs(-1.5) == 1.5
  expect min(3, 1, 2) == 1 and max([3, 1, 2]) == 3
  expect avg([1, 2, 4]) * 3 == 7
  expect any([false, true]) and not all([false, true])
  expect 1159 / 1810.71 * 1810.71 == 1159
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 9);
  for (const auto& o : r.outcomes) CHECK_MESSAGE(o.status == Status::pass, (o.message + o.reason));
}

TEST_CASE("places: the decimals a figure was printed with; none for literals and quotients") {
  const char* rules = R"(
rule 位数 "" {
  expect places(text(section: "支出决算情况说明", pattern: "增长{百分比}")) == 2
  expect places(text(section: "", pattern: "支出合计{金额}万元")) == 2
  expect places(table("公开09表")[栏 7]) == 2
  expect places(round(1 / 3, 3)) == 3
  expect not exists(places(1.5))
  expect not exists(places(table("公开09表")[栏 7] / 3))
  for p in tables("项目支出绩效自评表")
  expect places(p["年度资金总额"].分值) == 0
}
)";
  auto r = run(rules, fx::sample());
  // "12.50%" (2 places before the %), "1,063.13", the cell "12.30", round to 3; the
  // literal 1.5 and 12.30 ÷ 3 were never printed: absent. 分值 "10" in both
  // 项目支出绩效自评表: 0 places. Six expects, the last in two instances.
  REQUIRE(r.outcomes.size() == 8);
  for (const auto& o : r.outcomes) CHECK_MESSAGE(o.status == Status::pass, (o.message + o.reason));
}

TEST_CASE("headings lists the narrative's section headings; length counts characters, not bytes") {
  const char* rules = R"(
rule 节 "" {
  expect count(headings()) == 2 and any(h == "收入决算情况说明" for h in headings())
  expect length("支出决算情况说明") == 8
  expect all(length(code(r)) == 0 for r in rows(table("公开09表")))
  expect length("(境)费 12") == 7
  expect any(contains(h, "支出") for h in headings()) and not any(contains(h, "三公") for h in headings())
}
)";
  auto r = run(rules, fx::sample());
  // The fixture has two sections (一 收入…, 二 支出…); 8 Chinese characters; a row
  // without a 科目代码 has the empty code; "(境)费 12" is 7 characters (ASCII and CJK alike).
  REQUIRE(r.outcomes.size() == 5);
  for (const auto& o : r.outcomes) CHECK_MESSAGE(o.status == Status::pass, (o.message + o.reason));
}

TEST_CASE("in: membership as == compares (figures exactly, texts normalised); a non-list right side is an error") {
  const char* rules = R"gj(
rule 属 "" {
  expect "302" in ["301", "302"] and not ("303" in ["301", "302"])
  expect 12.30 in [1, table("公开09表")[栏 7]]
  expect "（一）" in ["(一)"]
  expect not (12.3 in ["12.3"])
  expect 1 in [x for x in 1 .. 3 where x > 0] and not (4 属于 [1, 2, 3])
}
rule 错 "" {
  expect 1 in 1 + 0
}
)gj";
  auto r = run(rules, fx::sample());
  // 栏 7 of the fixture's 公开09表 is 12.30; full-width brackets normalise to ASCII; a text
  // "12.3" is not the figure 12.3 (as == would not compare them). The second rule's right
  // side is a number: an error of that instance, naming in.
  REQUIRE(r.outcomes.size() == 6);
  for (std::size_t i = 0; i < 5; ++i)
    CHECK_MESSAGE(r.outcomes[i].status == Status::pass, (r.outcomes[i].message + r.outcomes[i].reason));
  CHECK(r.outcomes[5].status == Status::error);
  CHECK(r.outcomes[5].reason.find("in") != std::string::npos);
}

TEST_CASE("places: a failing expect on places() names the printed figure") {
  const char* rules = R"(
rule 位数 "" {
  expect places(text(section: "支出决算情况说明", pattern: "增长{百分比}")) == 1
}
)";
  auto r = run(rules, fx::sample());
  // "12.50%" has 2 places, not 1; the failure lists the narrative line that prints it.
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::fail);
  REQUIRE(!r.outcomes[0].places.empty());
  CHECK(r.outcomes[0].places[0].line_text == "12.50%。基本支出 60.00 万元。");
}

TEST_CASE("scores use rule outcomes") {
  const char* rules = R"(
rule 甲.一 "" { expect 1 == 1 }
rule 甲.二 "" { expect 1 == 2 }
rule 乙 "" { expect table("公开99表")[栏 1] == 0 }
score 甲过 weight 10 = if passed("甲.一") then 10 else 0
score 甲率 weight 10 = 10 × pass_rate("甲.")
score 乙率 weight 5 = 5 × pass_rate("乙")
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.scores.size() == 3);
  CHECK(r.scores[0].value == Number(10));
  CHECK(r.scores[1].value == Number(5));  // 1 of 2 judged instances passed
  CHECK(r.scores[2].status == Status::not_applicable);  // 乙 is N/A only
  CHECK(r.score_total == Number(15));
  CHECK(r.score_max == Number(25));
}

TEST_CASE("member access on a row: f.得分 is the cell under the header 得分") {
  const char* rules = R"(
rule 成员 "" {
  for p in tables("项目支出绩效自评表")
    let f = p["年度资金总额"]
    expect f.得分 == f.分值 × f.执行率
      message "{f.得分} ≠ {f.分值} × {f.执行率}"
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 2);
  CHECK(r.outcomes[0].status == Status::pass);  // 10 × 80.00% = 8.00
  // 10 × 64.06% = 6.406 ≠ 6.41 exactly.
  CHECK(r.outcomes[1].status == Status::fail);
  CHECK(r.outcomes[1].message == "6.41 ≠ 10 × 64.06%");
  CHECK(r.outcomes[1].bindings.at(0).second == "项目支出绩效自评表（信息化运维）");
}

TEST_CASE("a text cell used as a number is an ERROR naming the cell") {
  const char* rules = R"(
rule 文本 "" { expect table("公开03表")[代码 "201"]["科目名称"] + 1 == 2 }
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::error);
  CHECK(r.outcomes[0].reason == "“一般公共服务支出”（公开03表 201 一般公共服务支出 科目名称）是文本，不能当作数值");
}

TEST_CASE("the JSON form of a report") {
  std::string text = read_file(std::string(GOUJI_SOURCE_DIR) + "/examples/illustrative.gj");
  auto r = run(text, fx::sample("4.25"));
  nlohmann::json j = eval::to_json(r);
  CHECK(j["outcomes"][0]["status"] == "FAIL");
  CHECK(j["outcomes"][0]["difference"] == "-0.05");
  CHECK(j["outcomes"][0]["location"]["line"] == 9);
  CHECK(j["summary"]["fail"] == 1);
}

TEST_CASE("{文本} takes the shortest run; a long narrative stays within the step limit") {
  const char* rules = R"(
rule 文本.最短 "" {
  let m = text(section: "", pattern: "其中：{文本:名称}{金额:数}万元")
  expect m.名称 == "财政拨款收入" and m.数 == 100
}
rule 文本.长 "" {
  expect count(texts(section: "", pattern: "{文本}个项目{整数}个")) == 400
}
)";
  doc::Document d = fx::sample();
  // 400 sentences "第N类共有3个项目2个。" in one paragraph (about 12,000 characters).
  std::vector<std::string> parts;
  for (int i = 0; i < 400; ++i) parts.push_back("第" + std::to_string(i) + "类共有3个项目2个。");
  fx::add_section(d, "三", "项目情况", parts);
  auto r = run(rules, d);
  REQUIRE(r.outcomes.size() == 2);
  CHECK(r.outcomes[0].status == Status::pass);
  CHECK_MESSAGE(r.outcomes[1].status == Status::pass, r.outcomes[1].reason);
}

TEST_CASE("the illustrative pack through the checker evaluates the same") {
  std::string path = std::string(GOUJI_SOURCE_DIR) + "/examples/illustrative.gj";
  lang::CheckResult c = lang::check_pack(path, read_file(path), lang::no_imports_loader());
  for (const auto& d : c.diagnostics) INFO(lang::render(d, c.program->sources, lang::Lang::zh));
  REQUIRE(c.ok());
  auto r = eval::evaluate(*c.program, fx::sample("4.25"), {});
  // 1 三公 (FAIL: 12.30 vs 12.35) + 9 hierarchy + 1 + 1 + 2 performance.
  REQUIRE(r.outcomes.size() == 14);
  CHECK(r.count(Status::fail) == 1);
  CHECK(r.count(Status::pass) == 13);
  CHECK(r.outcomes[0].location.file == path);
  CHECK(r.score_total == Number::fraction(20, 3));
}

TEST_CASE("a text cell compares as text; a text cell in arithmetic names the cell") {
  const char* rules = R"(
rule 文字.相等 "" { expect table("公开03表")[代码 "201"]["科目名称"] == "一般公共服务支出" }
rule 文字.算术 "" { expect table("公开03表")[代码 "201"]["科目名称"] × 2 == 2 }
rule 文字.比大小 "" { expect table("公开03表")[代码 "201"]["科目名称"] > 2 }
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 3);
  CHECK(r.outcomes[0].status == Status::pass);
  CHECK(r.outcomes[1].status == Status::error);
  CHECK(r.outcomes[1].reason.find("公开03表 201 一般公共服务支出 科目名称") != std::string::npos);
  CHECK(r.outcomes[2].status == Status::error);
  CHECK(r.outcomes[2].reason.find("不能用“>”比较文本") != std::string::npos);
}

TEST_CASE("a comprehension in a list literal is spliced in: [x for x in xs] is the list of the x") {
  // 公开03表: 栏2 基本支出 and 栏3 项目支出 as column values in a list; each row's 合计 = their sum.
  const char* rules = R"(
let 分项 = [table("公开03表")[栏 i] for i in 2 .. 3]
let 前加 = ["合计", r for r in rows(table("公开03表")) where code(r) == "201"]
rule 推导.栏 "" {
  for r in rows(table("公开03表")) where code(r) == "201" or code(r) == ""
  expect r[栏 1] ≈ sum(r[c] for c in 分项)
}
rule 推导.个数 "" {
  expect count(分项) == 2
  expect count([r for r in rows(table("公开03表")) where has_children(r)]) == 3
  expect count(前加) == 2
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 5);
  CHECK(r.outcomes[0].status == Status::pass);  // 合计 100.00 = 60.00 + 40.00
  CHECK(r.outcomes[1].status == Status::pass);  // 201 70.01 = 40.00 + 30.01
  CHECK(r.outcomes[2].status == Status::pass);  // two columns, not one list of two
  CHECK(r.outcomes[3].status == Status::pass);  // 201, 20103, 208 have children
  CHECK(r.outcomes[4].status == Status::pass);  // "合计" followed by the one row 201
}
