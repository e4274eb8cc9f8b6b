// Derivations (gouji explain, the "derivation" of check --format json): the
// steps recorded for one instance and their Chinese rendering, over the
// documents of fixtures.hpp. Every expected figure is worked out by hand in
// the comments.
#include "fixtures.hpp"
#include "program_fixture.hpp"
#include "lang/parser.hpp"
#include "lang/program.hpp"
#include "runtime/eval/eval.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

using namespace gouji;
using eval::Status;
using eval::Step;

namespace {

using fx::program;

eval::Report run(const std::string& text, const doc::Document& d,
                 eval::Options::Derive derive = eval::Options::Derive::all) {
  auto p = program(text);
  eval::Options o;
  o.derive = derive;
  auto r = eval::evaluate(*p, d, o);
  if (std::getenv("GOUJI_TEST_DUMP"))
    for (const auto& out : r.outcomes)
      for (const auto& line : eval::derivation_lines(out)) MESSAGE(line);
  return r;
}

Number dec(const char* s) { return *Number::parse_decimal(s); }

std::pair<Number, Number> iv(const char* lo, const char* hi) { return {dec(lo), dec(hi)}; }

bool has_line(const std::vector<std::string>& lines, const std::string& want) {
  return std::find(lines.begin(), lines.end(), want) != lines.end();
}

const char* kSangong = R"(
rule 三公.合计 "三公 合计 = 因公出国 + 公务用车 + 公务接待" {
  let t = table("公开09表")
  expect t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]
}
)";

}  // namespace

TEST_CASE("exact_text: as printed, exact decimals, and a fraction when the decimals do not end") {
  CHECK(eval::exact_text(dec("12.3"), 2) == "12.30");
  CHECK(eval::exact_text(dec("8.105"), 2) == "8.105");  // more decimals than printed: all of them
  CHECK(eval::exact_text(dec("1063.13")) == "1,063.13");
  CHECK(eval::exact_text(Number::fraction(1, 3)) == "0.3333333333…（精确值 1/3）");
  // 210.63 ÷ 2939.71 as a percentage: 2106300/293971 % = 7.16499246…% (10 decimals, half-up).
  CHECK(eval::exact_text(*Number::divide(dec("210.63"), dec("2939.71")), -1, true) ==
        "7.1649924652…%（精确值 2106300/293971%）");
  CHECK(eval::exact_text(dec("0.8"), 2, true) == "80.00%");
}

TEST_CASE("三公 合计 that does not add up: each figure with its place and interval, the sum step by step") {
  // 公开09表 (line 17 of the fixture): 决算 合计 栏7 12.30; 出国 栏8 blank; 车 栏9 8.10; 接待 栏12 4.30.
  auto r = run(kSangong, fx::sample("4.30"));
  REQUIRE(r.outcomes.size() == 1);
  const eval::Outcome& o = r.outcomes[0];
  CHECK(o.status == Status::fail);
  REQUIRE(o.derivation);
  const auto& d = *o.derivation;
  CHECK(d.expect == "t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]");
  // The right side is evaluated as (栏8 + 栏9) + 栏12; the left cell is read
  // when the comparison takes the column's single cell.
  REQUIRE(d.steps.size() == 6);
  const Step& c8 = d.steps[0];
  CHECK(c8.kind == Step::Kind::read);
  CHECK(c8.expr == "t[栏 8]");
  CHECK(c8.place.table == "公开09表");
  CHECK(c8.place.column == "栏8 决算数›因公出国（境）费");
  CHECK(c8.place.line == 17);
  CHECK(c8.value == "空白（按 0 计）");
  CHECK(c8.interval == iv("-0.005", "0.005"));  // a blank is 0 ± half a cent
  const Step& c9 = d.steps[1];
  CHECK(c9.expr == "t[栏 9]");
  CHECK(c9.value == "8.10");
  CHECK(c9.interval == iv("8.095", "8.105"));
  const Step& s1 = d.steps[2];
  CHECK(s1.kind == Step::Kind::compute);
  CHECK(s1.expr == "t[栏 8] + t[栏 9]");
  CHECK(s1.detail == "0（空白） + 8.10");
  CHECK(s1.value == "8.10");
  CHECK(s1.interval == iv("8.09", "8.11"));  // [−0.005 + 8.095, 0.005 + 8.105]
  CHECK(d.steps[3].expr == "t[栏 12]");
  CHECK(d.steps[3].interval == iv("4.295", "4.305"));
  const Step& s2 = d.steps[4];
  CHECK(s2.expr == "t[栏 8] + t[栏 9] + t[栏 12]");
  CHECK(s2.detail == "8.10 + 4.30");
  CHECK(s2.value == "12.40");
  CHECK(s2.exact == dec("12.4"));
  CHECK(s2.interval == iv("12.385", "12.415"));  // [8.09 + 4.295, 8.11 + 4.305]
  CHECK(d.steps[5].expr == "t[栏 7]");
  CHECK(d.steps[5].value == "12.30");
  CHECK(d.steps[5].interval == iv("12.295", "12.305"));
  REQUIRE(d.left);
  REQUIRE(d.right);
  CHECK(d.left->value == "12.30");
  CHECK(d.right->value == "12.40");

  auto lines = eval::derivation_lines(o);
  CHECK(has_line(lines, "要求：t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]"));
  CHECK(has_line(lines, "  1. t[栏 8] ← 读取 公开09表 栏8 决算数›因公出国（境）费（第 17 行）：空白（按 0 计），"
                        "印数代表区间 [-0.005, 0.005]"));
  CHECK(has_line(lines, "  3. t[栏 8] + t[栏 9] = 0（空白） + 8.10 = 8.10，区间 [8.09, 8.11]"));
  CHECK(has_line(lines, "  5. t[栏 8] + t[栏 9] + t[栏 12] = 8.10 + 4.30 = 12.40，区间 [12.385, 12.415]"));
  CHECK(has_line(lines, "  左边 t[栏 7] = 12.30，区间 [12.295, 12.305]"));
  CHECK(has_line(lines, "  右边 t[栏 8] + t[栏 9] + t[栏 12] = 12.40，区间 [12.385, 12.415]"));
  CHECK(has_line(lines, "  差（左 − 右）= -0.10"));
  // Nearest points: 12.385 − 12.305 = 0.08 > 0; half-widths 0.005 + 0.015 = 0.02.
  CHECK(has_line(lines, "  两区间相距 0.08（右边下限 12.385 − 左边上限 12.305）"));
  CHECK(has_line(lines, "  容差 0；舍入尾差最多 ±0.02（两区间半宽之和）"));
  CHECK(has_line(lines, "  相距超过容差 → 不相符"));
  CHECK(lines.back() == "结论：不通过");
}

TEST_CASE("a ratio that does not terminate is shown with its fraction; each instance has only its own steps") {
  doc::Document d = fx::sample();
  // A third project: 1.00 ÷ 3.00 = 1/3, printed 33.33%.
  d.tables.push_back(fx::perf_table(d, "档案整理", {"3.00", "3.00", "1.00", "10", "33.33%", "3.33"}));
  const char* rules = R"(
rule 绩效.执行率 "" {
  for p in tables("项目支出绩效自评表")
    let f = p["年度资金总额"]
    expect f.执行率 ≈ f.全年执行数 ÷ f.全年预算数
}
)";
  auto r = run(rules, d);
  REQUIRE(r.outcomes.size() == 3);
  for (const auto& o : r.outcomes) {
    CHECK(o.status == Status::pass);  // 96/120 = 80%, 41/64 = 64.0625%, 1/3 ≈ 33.33%
    REQUIRE(o.derivation);
    // 执行率, 全年执行数, 全年预算数 of this table, and the quotient: nothing of the other tables.
    CHECK(o.derivation->steps.size() == 4);
  }
  const auto& dv = *r.outcomes[2].derivation;
  CHECK(r.outcomes[2].bindings[0].second == "项目支出绩效自评表（档案整理）");
  CHECK(dv.steps[0].expr == "f.执行率");
  CHECK(dv.steps[0].value == "33.33%");
  CHECK(dv.steps[0].interval == iv("0.33325", "0.33335"));
  const Step& q = dv.steps[3];
  CHECK(q.kind == Step::Kind::compute);
  CHECK(q.detail == "1.00 ÷ 3.00");
  CHECK(q.value == "0.3333333333…（精确值 1/3）");
  CHECK(q.exact == Number::fraction(1, 3));
  // [0.995 ÷ 3.005, 1.005 ÷ 2.995] = [199/601, 201/599].
  CHECK(q.interval == std::make_pair(Number::fraction(199, 601), Number::fraction(201, 599)));
  auto lines = eval::derivation_lines(r.outcomes[2]);
  CHECK(has_line(lines, "  4. f.全年执行数 ÷ f.全年预算数 = 1.00 ÷ 3.00 = 0.3333333333…（精确值 1/3），"
                        "区间 [0.3311148087…, 0.3355592654…]"));
  CHECK(has_line(lines, "  左边 f.执行率 = 33.33%，区间 [33.325%, 33.335%]"));
  // A percentage on the left: the right side, its interval and the difference in percent too.
  // 0.3333 − 1/3 = −1/30000 = −1/300 %.
  CHECK(has_line(lines, "  右边 f.全年执行数 ÷ f.全年预算数 = 33.3333333333…%（精确值 100/3%），"
                        "区间 [33.1114808652…%, 33.5559265442…%]"));
  CHECK(has_line(lines, "  差（左 − 右）= -0.0033333333…%（精确值 -1/300%）"));
  CHECK(has_line(lines, "  两区间有公共部分"));
  CHECK(lines.back() == "结论：通过");
}

TEST_CASE("a narrative figure is shown with its sentence and source line") {
  const char* rules = R"(
rule 说明.收入合计 "" {
  let quoted = text(section: "收入决算情况说明", pattern: "收入合计{金额}万元")
  expect quoted == table("公开01表")["本年收入合计"]
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0];
  CHECK(o.status == Status::pass);
  REQUIRE(o.derivation);
  const auto& st = o.derivation->steps;
  REQUIRE(st.size() == 3);
  // "2023年度收入合计 100.00 万元，" is line 23 of the fixture.
  CHECK(st[0].kind == Step::Kind::quote);
  CHECK(st[0].place.line == 23);
  CHECK(st[0].value == "100.00");
  CHECK(st[0].interval == iv("99.995", "100.005"));
  CHECK(st[0].detail.find("收入合计 100.00 万元") != std::string::npos);
  CHECK(st[1].kind == Step::Kind::let);
  CHECK(st[1].expr == "quoted");
  // 公开01表 本年收入合计 (行28, line 4 of the fixture), its only amount column.
  CHECK(st[2].kind == Step::Kind::read);
  CHECK(st[2].expr == "table(\"公开01表\")[\"本年收入合计\"]");
  CHECK(st[2].place.row == "行28 本年收入合计");
  CHECK(st[2].place.line == 4);
  auto lines = eval::derivation_lines(o);
  CHECK(has_line(lines, "  100.00 = 100.00？是（按精确值比较，不计舍入区间）"));
}

TEST_CASE("a count over a filtered list shows which elements were counted and why") {
  // 得分 8.00 (line 19) ≥ 7 is counted, 6.41 (line 21) is not: count 1, not 2.
  const char* rules = R"(
param 门槛 = 7
rule 计数 "" {
  expect count(p for p in tables("项目支出绩效自评表") where p["年度资金总额"].得分 >= 门槛) == 2
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0];
  CHECK(o.status == Status::fail);
  REQUIRE(o.derivation);
  const auto& st = o.derivation->steps;
  REQUIRE(st.size() == 4);
  // The parameter the filter uses, once, before the elements.
  CHECK(st[0].kind == Step::Kind::name);
  CHECK(st[0].expr == "门槛");
  CHECK(st[0].value == "7");
  CHECK(st[1].kind == Step::Kind::item);
  CHECK(st[1].expr == "p = 项目支出绩效自评表（办公设备购置）");
  CHECK(st[1].value == "计入");
  CHECK(st[1].detail == "8.00 ≥ 7：是；读取 8.00 在第 19 行");
  CHECK(st[2].expr == "p = 项目支出绩效自评表（信息化运维）");
  CHECK(st[2].value == "不计入");
  CHECK(st[2].detail == "6.41 ≥ 7：否；读取 6.41 在第 21 行");
  CHECK(st[3].kind == Step::Kind::call);
  CHECK(st[3].value == "1");
  auto lines = eval::derivation_lines(o);
  CHECK(has_line(lines, "  1. 参数 门槛 = 7"));
  CHECK(has_line(lines, "  4. count(p for p in tables(\"项目支出绩效自评表\") where p[\"年度资金总额\"].得分 >= 门槛) = "
                        "数出 1 项 = 1"));
  CHECK(has_line(lines, "  1 = 2？否（按精确值比较，不计舍入区间）"));
  CHECK(has_line(lines, "  差（左 − 右）= -1"));
}

TEST_CASE("derive modes: nothing by default, failures only on failed outcomes, the same steps as all") {
  const char* rules = R"(
rule 三公.合计 "" {
  let t = table("公开09表")
  expect t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]
}
rule 收支总表.对03表 "" {
  expect table("公开01表")[行 58] == table("公开03表")["合计"][栏 1]
}
)";
  doc::Document d = fx::sample("4.30");
  auto none = run(rules, d, eval::Options::Derive::none);
  for (const auto& o : none.outcomes) CHECK(!o.derivation);
  auto fail = run(rules, d, eval::Options::Derive::failures);
  auto all = run(rules, d, eval::Options::Derive::all);
  REQUIRE(fail.outcomes.size() == 2);
  CHECK(fail.outcomes[0].status == Status::fail);
  CHECK(fail.outcomes[1].status == Status::pass);  // 100.00 == 100.00
  REQUIRE(fail.outcomes[0].derivation);
  CHECK(!fail.outcomes[1].derivation);
  CHECK(all.outcomes[1].derivation);
  CHECK(eval::derivation_lines(fail.outcomes[0]) == eval::derivation_lines(all.outcomes[0]));
  nlohmann::json j = eval::to_json(fail.outcomes[0]);
  REQUIRE(j.contains("derivation"));
  const auto& jd = j["derivation"];
  CHECK(jd["expect"] == "t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]");
  CHECK(jd["steps"].size() == 6);
  CHECK(jd["steps"][4]["kind"] == "compute");
  CHECK(jd["steps"][4]["exact"] == "12.4");
  CHECK(jd["steps"][4]["interval"] == nlohmann::json::array({"12.385", "12.415"}));
  CHECK(jd["steps"][0]["place"]["line"] == 17);
  CHECK(jd["text"].back() == "结论：不通过");
  CHECK(!eval::to_json(fail.outcomes[1]).contains("derivation"));
}

TEST_CASE("a division by zero: the derivation of the faulty instance shows the figures read before it") {
  const char* rules = R"(
rule 除零 "" {
  let t = table("公开09表")
  expect t[栏 7] ÷ t[栏 8] > 0
}
)";
  auto r = run(rules, fx::sample(), eval::Options::Derive::failures);
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0];
  CHECK(o.status == Status::error);
  REQUIRE(o.derivation);
  REQUIRE(o.derivation->steps.size() == 2);
  CHECK(o.derivation->steps[0].value == "12.30");
  CHECK(o.derivation->steps[1].value == "空白（按 0 计）");
  auto lines = eval::derivation_lines(o);
  CHECK(lines.back() == "结论：出错");
}

TEST_CASE("a parenthesised operand keeps its closing bracket in the step's rule text") {
  // 12.30 ÷ (8.10 + 4.20) = 1.
  const char* rules = R"(
rule 比 "" {
  let t = table("公开09表")
  expect t[栏 7] ÷ (t[栏 9] + t[栏 12]) ≈ 1
}
)";
  auto r = run(rules, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  REQUIRE(r.outcomes[0].derivation);
  const auto& st = r.outcomes[0].derivation->steps;
  REQUIRE(!st.empty());
  CHECK(st.back().expr == "t[栏 7] ÷ (t[栏 9] + t[栏 12])");
  CHECK(st.back().detail == "12.30 ÷ 12.30");
  CHECK(st.back().value == "1");
}
