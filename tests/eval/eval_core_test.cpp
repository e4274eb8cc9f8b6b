// Evaluator tests on hand-built syntax trees: they do not depend on the
// parser, so they pin the evaluator alone. (eval_rules_test.cpp runs rule
// text through the parser.)
#include "fixtures.hpp"
#include "lang/builtins.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/eval/interp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace gouji;
using eval::Status;

namespace {

std::uint32_t next_pos = 1;

ast::ExprPtr mk(ast::ExprKind k) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = k;
  // Distinct fake positions: begin = a counter, so that locations can be told apart.
  e->span = ast::Span{0, next_pos, next_pos + 1};
  ++next_pos;
  return e;
}
ast::ExprPtr num(const char* s) {
  auto e = mk(ast::ExprKind::number);
  e->value = *Number::parse_decimal(s);
  return e;
}
ast::ExprPtr str(const char* s) {
  auto e = mk(ast::ExprKind::string);
  e->text = s;
  return e;
}
ast::ExprPtr name(const char* s) {
  auto e = mk(ast::ExprKind::name);
  e->text = s;
  return e;
}
template <typename... A>
ast::ExprPtr call(const char* f, A... args) {
  auto e = mk(ast::ExprKind::call);
  e->text = f;
  (e->args.push_back(std::move(args)), ...);
  e->arg_names.resize(e->args.size());
  return e;
}
ast::ExprPtr two(ast::ExprKind k, ast::Op op, ast::ExprPtr a, ast::ExprPtr b) {
  auto e = mk(k);
  e->op = op;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}
ast::ExprPtr bin(ast::Op op, ast::ExprPtr a, ast::ExprPtr b) { return two(ast::ExprKind::binary, op, std::move(a), std::move(b)); }
ast::ExprPtr cmp(ast::Op op, ast::ExprPtr a, ast::ExprPtr b) { return two(ast::ExprKind::compare, op, std::move(a), std::move(b)); }
ast::ExprPtr idx(ast::ExprPtr base, ast::Selector sel, ast::ExprPtr key) {
  auto e = two(ast::ExprKind::index, ast::Op::none, std::move(base), std::move(key));
  e->selector = sel;
  return e;
}
ast::ExprPtr col(const char* t, const char* lanci) {
  return idx(name(t), ast::Selector::col, num(lanci));
}

ast::Stmt let(const char* n, ast::ExprPtr e) {
  ast::Stmt s;
  s.kind = ast::StmtKind::let;
  s.name = n;
  s.expr = std::move(e);
  return s;
}
ast::Stmt expect(ast::ExprPtr e, ast::ExprPtr tol = nullptr) {
  ast::Stmt s;
  s.kind = ast::StmtKind::expect;
  s.span = e->span;
  s.expr = std::move(e);
  s.tolerance = std::move(tol);
  return s;
}

struct Pack {
  std::vector<std::unique_ptr<ast::Rule>> rules;
  eval::PackView view;

  Pack() {
    view.locate = [](ast::Span s) { return eval::SourcePos{"测试.gj", s.begin, 1}; };
  }
  ast::Rule& rule(const char* id, std::vector<ast::Stmt> body) {
    auto r = std::make_unique<ast::Rule>();
    r->id = id;
    r->description = std::string("描述：") + id;
    r->body = std::move(body);
    view.rules.push_back(r.get());
    rules.push_back(std::move(r));
    return *rules.back();
  }
};

std::vector<ast::Stmt> stmts(ast::Stmt a) {
  std::vector<ast::Stmt> v;
  v.push_back(std::move(a));
  return v;
}
std::vector<ast::Stmt> stmts(ast::Stmt a, ast::Stmt b) {
  std::vector<ast::Stmt> v;
  v.push_back(std::move(a));
  v.push_back(std::move(b));
  return v;
}

eval::Report run(const Pack& p, const doc::Document& d, eval::Options o = {}) { return eval::evaluate(p.view, d, o); }

}  // namespace

TEST_CASE("the evaluator implements exactly the functions of the built-in table") {
  std::set<std::string_view> table, impl;
  for (const auto& b : lang::builtins()) table.insert(b.name);
  for (auto n : eval::detail::implemented_builtins()) impl.insert(n);
  CHECK(table == impl);
}

TEST_CASE("0.1 + 0.2 == 0.3 exactly") {
  Pack p;
  p.rule("exact", stmts(expect(cmp(ast::Op::eq, bin(ast::Op::add, num("0.1"), num("0.2")), num("0.3")))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::pass);
}

TEST_CASE("三公 total ≈ its parts: PASS, then FAIL with the numbers and the difference") {
  auto rule_body = [] {
    return stmts(let("t", call("table", str("公开09表"))),
                 expect(cmp(ast::Op::approx, col("t", "7"),
                            bin(ast::Op::add, bin(ast::Op::add, col("t", "8"), col("t", "9")), col("t", "12")))));
  };
  Pack p;
  p.rule("三公.决算合计", rule_body());
  // 12.30 vs "-" (0) + 8.10 + 4.20 = 12.30.
  auto ok = run(p, fx::sample());
  REQUIRE(ok.outcomes.size() == 1);
  CHECK(ok.outcomes[0].status == Status::pass);

  // 接待 printed 4.25: right = 0 + 8.10 + 4.25 = 12.35; difference 12.30 − 12.35 = −0.05.
  // Intervals: left [12.295, 12.305]; right [12.335, 12.365] (three figures ±0.005):
  // they do not meet, so ≈ fails.
  auto bad = run(p, fx::sample("4.25"));
  REQUIRE(bad.outcomes.size() == 1);
  const auto& o = bad.outcomes[0];
  CHECK(o.status == Status::fail);
  CHECK(o.left == *Number::parse_decimal("12.30"));
  CHECK(o.right == *Number::parse_decimal("12.35"));
  CHECK(o.difference == *Number::parse_decimal("-0.05"));
  CHECK(o.tolerance == Number(0));
  CHECK(o.allowance == *Number::parse_decimal("0.02"));  // (0.01 + 0.03) / 2
  REQUIRE(o.right_interval);
  CHECK(o.right_interval->first == *Number::parse_decimal("12.335"));
  CHECK(o.right_interval->second == *Number::parse_decimal("12.365"));
  CHECK(o.left_text == "公开09表 栏7 决算数›合计 12.30");
  CHECK(o.message.find("差 -0.05") != std::string::npos);
  CHECK(o.rule_id == "三公.决算合计");
  // The places of the operands name the table, the column and the source line.
  REQUIRE(!o.places.empty());
  CHECK(o.places[0].table == "公开09表");
  CHECK(o.places[0].line_text.find("12.30") != std::string::npos);
}

TEST_CASE("a missing table makes the instance N/A with the reason") {
  Pack p;
  p.rule("缺表", stmts(expect(cmp(ast::Op::eq, idx(call("table", str("公开10表")), ast::Selector::col, num("1")), num("0")))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::not_applicable);
  CHECK(r.outcomes[0].reason == "文件中没有公开10表");
}

TEST_CASE("a missing row makes the instance N/A with the reason") {
  Pack p;
  p.rule("缺行", stmts(expect(cmp(ast::Op::eq,
                                  idx(idx(call("table", str("公开03表")), ast::Selector::code, str("20805x")),
                                      ast::Selector::col, num("1")),
                                  num("0")))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::not_applicable);
  CHECK(r.outcomes[0].reason == "公开03表没有代码为 20805x 的行");
}

TEST_CASE("division by zero is an ERROR at the division, and the next rule still runs") {
  Pack p;
  // 1 / 栏8: 栏8 is printed "-" (blank, 0).
  auto div = bin(ast::Op::div, num("1"), col("t", "8"));
  std::uint32_t where = div->span.begin;
  p.rule("除零", stmts(let("t", call("table", str("公开09表"))), expect(cmp(ast::Op::eq, std::move(div), num("1")))));
  p.rule("之后", stmts(expect(cmp(ast::Op::eq, num("1"), num("1")))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 2);
  CHECK(r.outcomes[0].status == Status::error);
  CHECK(r.outcomes[0].reason.find("除数为 0") != std::string::npos);
  CHECK(r.outcomes[0].location.line == where);
  CHECK(r.outcomes[1].status == Status::pass);
}

TEST_CASE("a rule past its step limit is an ERROR; the others run") {
  Pack p;
  // sum(1 .. 1000) takes more than 100 steps.
  auto range = two(ast::ExprKind::range, ast::Op::none, num("1"), num("1000"));
  p.rule("长", stmts(expect(cmp(ast::Op::eq, call("sum", std::move(range)), num("500500")))));
  p.rule("短", stmts(expect(cmp(ast::Op::eq, num("2"), num("2")))));
  eval::Options o;
  o.max_steps = 100;
  auto r = run(p, fx::sample(), o);
  REQUIRE(r.outcomes.size() == 2);
  CHECK(r.outcomes[0].status == Status::error);
  CHECK(r.outcomes[0].reason.find("100 步") != std::string::npos);
  CHECK(r.outcomes[1].status == Status::pass);
  // With the default limit, 1 + 2 + … + 1000 = 1000 × 1001 / 2 = 500500.
  auto full = run(p, fx::sample());
  CHECK(full.outcomes[0].status == Status::pass);
}

TEST_CASE("a column of a table with several rows needs a row") {
  Pack p;
  p.rule("多行", stmts(expect(cmp(ast::Op::eq, idx(call("table", str("公开03表")), ast::Selector::col, num("1")), num("0")))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::error);
  CHECK(r.outcomes[0].reason.find("公开03表有 7 行，请指明行") != std::string::npos);
}

TEST_CASE("a row with one amount column is that figure: 公开01表 行58 == 公开03表 合计 栏1") {
  Pack p;
  p.rule("收支总表.对03表",
         stmts(expect(cmp(ast::Op::eq, idx(call("table", str("公开01表")), ast::Selector::row, num("58")),
                          idx(idx(call("table", str("公开03表")), ast::Selector::value, str("合计")),
                              ast::Selector::col, num("1"))))));
  auto r = run(p, fx::sample());
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].status == Status::pass);  // 100.00 == 100.00
  CHECK(r.outcomes[0].left == Number(100));
}

TEST_CASE("parameters: default and command-line override") {
  Pack p;
  ast::Param par;
  par.name = "上限";
  par.value = num("10");
  p.view.params.push_back(&par);
  // 12.30 (栏7) ≤ 上限
  p.rule("参数", stmts(let("t", call("table", str("公开09表"))), expect(cmp(ast::Op::le, col("t", "7"), name("上限")))));
  auto r1 = run(p, fx::sample());
  CHECK(r1.outcomes.at(0).status == Status::fail);  // 12.30 > 10
  eval::Options o;
  o.params["上限"] = "20";
  auto r2 = run(p, fx::sample(), o);
  CHECK(r2.outcomes.at(0).status == Status::pass);  // 12.30 ≤ 20
  o.params["没有"] = "1";
  auto r3 = run(p, fx::sample(), o);
  REQUIRE(r3.warnings.size() == 1);
  CHECK(r3.warnings[0].find("没有") != std::string::npos);
}
