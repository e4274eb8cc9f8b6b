// Parser tests: every construct parses to the expected canonical dump, the
// Chinese keywords are equal to the English ones, and syntax errors carry the
// right code and position.
#include "lang/parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace gouji;
using namespace gouji::lang;

namespace {

struct Parsed {
  SourceSet sources;
  std::vector<Diagnostic> diags;
  ast::Module module;
};

Parsed parse(const std::string& text) {
  Parsed p;
  auto id = p.sources.add("t.gj", text);
  p.module = parse_module(p.sources, id, p.diags);
  return p;
}

std::string dump_of(const std::string& text) {
  Parsed p = parse(text);
  for (const auto& d : p.diags) FAIL_CHECK("unexpected diagnostic: " << render(d, p.sources, Lang::en));
  return ast::dump(p.module);
}

// The expression of `let x = <text>`.
std::string expr_of(const std::string& text) {
  Parsed p = parse("let x = " + text);
  for (const auto& d : p.diags) FAIL_CHECK("unexpected diagnostic: " << render(d, p.sources, Lang::en));
  if (p.module.lets.size() != 1) return "<no let>";
  return ast::dump(*p.module.lets[0].value);
}

// "code@line:col" of each diagnostic.
std::string errors_of(const std::string& text) {
  Parsed p = parse(text);
  std::string out;
  for (const auto& d : p.diags) {
    LineCol lc = p.sources.line_col(d.span.file, d.span.begin);
    if (!out.empty()) out += " ";
    out += d.code + "@" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  return out;
}

}  // namespace

TEST_CASE("the grammar has no left recursion or empty loops (PEGTL analyze)") {
  CHECK(analyze_grammar() == 0);
}

TEST_CASE("literals: numbers with thousands separators, percents, texts in three quote styles, booleans") {
  CHECK(expr_of("1,063.13") == "1063.13");
  CHECK(expr_of("1063.13") == "1063.13");
  CHECK(expr_of("12,345,678") == "12345678");
  CHECK(expr_of("0.01") == "0.01");
  CHECK(expr_of("64.01%") == "64.01%");
  CHECK(expr_of("64.01％") == "64.01%");
  CHECK(expr_of("\"公开01表\"") == "\"公开01表\"");
  CHECK(expr_of("“公开01表”") == "\"公开01表\"");
  CHECK(expr_of("「公开01表」") == "\"公开01表\"");
  CHECK(expr_of(R"("a\"b\\c\n")") == R"("a\"b\\c\n")");
  CHECK(expr_of("“他说\"好\"”") == R"("他说\"好\"")");
  CHECK(expr_of("true") == "true");
  CHECK(expr_of("假") == "false");
}

TEST_CASE("long number literals with leading zeros keep their decimal value (fuzz finding)") {
  CHECK(expr_of("000000000013395857649360683079") == "13395857649360683079");
  CHECK(expr_of("0.00000000000000000009") == "0.00000000000000000009");
  CHECK(expr_of("012,345.0500") == "12345.05");
}

TEST_CASE("a percent literal holds the ratio") {
  Parsed p = parse("let x = 64.01%");
  REQUIRE(p.module.lets.size() == 1);
  CHECK(p.module.lets[0].value->kind == ast::ExprKind::percent);
  CHECK(p.module.lets[0].value->value == *Number::parse_decimal("0.6401"));
  CHECK(p.module.lets[0].value->text == "64.01%");
}

TEST_CASE("a comma followed by fewer than three digits separates arguments, not thousands") {
  CHECK(expr_of("max(1,2)") == "(call max 1 2)");
  CHECK(expr_of("max(1, 234)") == "(call max 1 234)");
}

TEST_CASE("names may be Chinese and dotted; a dotted name stays one name for the checker") {
  CHECK(expr_of("三公.决算合计") == "三公.决算合计");
  CHECK(expr_of("f.得分") == "f.得分");
  CHECK(expr_of("当年") == "当年");  // starts with the keyword 当 but is a name
  CHECK(expr_of("_x1") == "_x1");
}

TEST_CASE("arithmetic precedence and associativity, with every operator spelling") {
  CHECK(expr_of("1 + 2 × 3") == "(+ 1 (* 2 3))");
  CHECK(expr_of("1 - 2 - 3") == "(- (- 1 2) 3)");
  CHECK(expr_of("1 − 2 ÷ 4 * 5 / 6") == "(- 1 (/ (* (/ 2 4) 5) 6))");
  CHECK(expr_of("（1 + 2） × 3") == "(* (+ 1 2) 3)");
  CHECK(expr_of("-a + −b") == "(+ (- a) (- b))");
  CHECK(expr_of("- -a") == "(- (- a))");
}

TEST_CASE("comparisons in every spelling, logic, not, conditionals") {
  CHECK(expr_of("a == b") == "(== a b)");
  CHECK(expr_of("a != b") == "(!= a b)");
  CHECK(expr_of("a ≠ b") == "(!= a b)");
  CHECK(expr_of("a < b") == "(< a b)");
  CHECK(expr_of("a <= b") == "(<= a b)");
  CHECK(expr_of("a ≤ b") == "(<= a b)");
  CHECK(expr_of("a > b") == "(> a b)");
  CHECK(expr_of("a >= b") == "(>= a b)");
  CHECK(expr_of("a ≥ b") == "(>= a b)");
  CHECK(expr_of("a ≈ b") == "(≈ a b)");
  CHECK(expr_of("a ~= b") == "(≈ a b)");
  CHECK(expr_of("a + 1 ≈ b × 2") == "(≈ (+ a 1) (* b 2))");
  CHECK(expr_of("a and b or c and d") == "(or (and a b) (and c d))");
  CHECK(expr_of("a 且 b 或 非 c") == "(or (and a b) (not c))");
  CHECK(expr_of("not a == b") == "(not (== a b))");
  CHECK(expr_of("if a > 0 then 1 else 2") == "(if (> a 0) 1 2)");
  CHECK(expr_of("如果 a 则 1 否则 2") == "(if a 1 2)");
}

TEST_CASE("calls, named arguments, lists, ranges and comprehensions") {
  CHECK(expr_of("year()") == "(call year)");
  CHECK(expr_of("round(x, 2)") == "(call round x 2)");
  CHECK(expr_of("round（x， 2）") == "(call round x 2)");
  CHECK(expr_of("text(section: \"a\", pattern: \"收入合计{金额}万元\")") ==
        "(call text section: \"a\" pattern: \"收入合计{金额}万元\")");
  CHECK(expr_of("text(section：\"a\"， pattern：\"b\")") == "(call text section: \"a\" pattern: \"b\")");
  CHECK(expr_of("[1, 2, 3]") == "(list 1 2 3)");
  CHECK(expr_of("[]") == "(list)");
  CHECK(expr_of("［1， 2］") == "(list 1 2)");
  CHECK(expr_of("\"公开01表\" .. \"公开09表\"") == "(.. \"公开01表\" \"公开09表\")");
  CHECK(expr_of("1 .. 8") == "(.. 1 8)");
  CHECK(expr_of("sum(r[c] for r in rows(t) where code(r) != \"\")") ==
        "(call sum (for (index r c) r (call rows t) where (!= (call code r) \"\")))");
  CHECK(expr_of("[x × 2 for x in xs]") == "(list (for (* x 2) x xs))");
}

TEST_CASE("indexing by 行次, 栏次, code, label and value; members after an index") {
  CHECK(expr_of("t[行 58]") == "(index t 行 58)");
  CHECK(expr_of("t[row 58]") == "(index t 行 58)");
  CHECK(expr_of("t[栏 7]") == "(index t 栏 7)");
  CHECK(expr_of("t[栏7]") == "(index t 栏 7)");
  CHECK(expr_of("t［栏 7］") == "(index t 栏 7)");
  CHECK(expr_of("t[col 7]") == "(index t 栏 7)");
  CHECK(expr_of("t[代码 \"201\"]") == "(index t 代码 \"201\")");
  CHECK(expr_of("t[code \"201\"]") == "(index t 代码 \"201\")");
  CHECK(expr_of("t[\"合计\"]") == "(index t \"合计\")");
  CHECK(expr_of("r[c]") == "(index r c)");
  CHECK(expr_of("t[行次]") == "(index t 行次)");   // a name, not the selector 行
  CHECK(expr_of("t[代码(r)]") == "(index t (call 代码 r))");  // a call, not the selector
  CHECK(expr_of("table(\"公开03表\")[\"合计\"][栏 1]") == "(index (index (call table \"公开03表\") \"合计\") 栏 1)");
  CHECK(expr_of("p[\"年度资金总额\"].得分") == "(. (index p \"年度资金总额\") 得分)");
}

TEST_CASE("declarations: pack, unit, tolerance, import, param, let, fn, score") {
  CHECK(dump_of("pack 部门决算 2023\nunit 万元\ntolerance 0.01\nimport \"绩效.gj\"\n") ==
        "pack 部门决算 2023\nunit 万元\ntolerance 0.01\nimport \"绩效.gj\"\n");
  CHECK(dump_of("包 部门决算 2024 继承 \"../2023/部门决算.gj\"\n单位 “万元”\n容差 0.05\n导入 「a.gj」") ==
        "pack 部门决算 2024\nunit 万元\ntolerance 0.05\nextends \"../2023/部门决算.gj\"\nimport \"a.gj\"\n");
  CHECK(dump_of("param 得分公式 = \"分值×执行率\"   \"说明\"\n参数 上限 = 100") ==
        "param 得分公式 = \"分值×执行率\" \"说明\"\nparam 上限 = 100\n");
  CHECK(dump_of("let 三公表 = table(\"公开09表\")\n设 a = 1") == "let 三公表 = (call table \"公开09表\")\nlet a = 1\n");
  CHECK(dump_of("fn 完成率(a, b) = a / b\n函数 零() = 0") == "fn 完成率(a, b) = (/ a b)\nfn 零() = 0\n");
  CHECK(dump_of("score 公开完整性 weight 20 = 20 × count(present(\"公开01表\" .. \"公开09表\")) / 9") ==
        "score 公开完整性 weight 20 = (/ (* 20 (call count (call present (.. \"公开01表\" \"公开09表\")))) 9)\n");
  CHECK(dump_of("评分 完整 \"说明\" 权重 5 = pass_rate(\"三公\")") ==
        "score 完整 \"说明\" weight 5 = (call pass_rate \"三公\")\n");
}

TEST_CASE("rules: severity in both languages, when, override and drop") {
  CHECK(dump_of("rule a.b \"说明\" severity warning when x > 0 { expect x ≈ 1 }") ==
        "rule a.b \"说明\" severity warning when (> x 0) {\n  expect (≈ x 1)\n}\n");
  CHECK(dump_of("规则 a \"说明\" 级别 提示 当 x { 要求 x }") == "rule a \"说明\" severity info when x {\n  expect x\n}\n");
  CHECK(dump_of("规则 a 级别 错误 { 要求 x }") == "rule a severity error {\n  expect x\n}\n");
  CHECK(dump_of("rule a { expect x }") == "rule a severity error {\n  expect x\n}\n");
  CHECK(dump_of("override rule a \"新\" { expect y }\ndrop rule b\n覆盖 规则 c { 要求 z }\n删除 规则 d") ==
        "override rule a \"新\" severity error {\n  expect y\n}\noverride rule c severity error {\n  expect z\n}\n"
        "drop rule b\ndrop rule d\n");
}

TEST_CASE("statements: let, for with and without braces, where, when, expect with ± and message") {
  CHECK(dump_of("rule a {\n let t = 1\n when t > 0\n expect t ≈ 1 ± 0.05 message \"差 {t - 1}\"\n}") ==
        "rule a severity error {\n  let t = 1\n  when (> t 0)\n  expect (≈ t 1) ± 0.05 message \"差 {(- t 1)}\"\n}\n");
  // Without braces, a for ranges over the rest of its block.
  CHECK(dump_of("rule a {\n for t in ts\n for r in rows(t) where has_children(r)\n expect r ≈ 1\n}") ==
        "rule a severity error {\n  for t in ts\n    for r in (call rows t) where (call has_children r)\n"
        "      expect (≈ r 1)\n}\n");
  // With braces, only over the braces.
  CHECK(dump_of("rule a {\n for t in ts { expect t }\n expect 2\n}") ==
        "rule a severity error {\n  for t in ts {\n    expect t\n  }\n  expect 2\n}\n");
  CHECK(dump_of("规则 a { 对每个 t 属于 ts 满足 t > 1 { 设 x = t\n 要求 x 提示 \"x\" } }") ==
        "rule a severity error {\n  for t in ts where (> t 1) {\n    let x = t\n    expect x message \"x\"\n  }\n}\n");
  CHECK(dump_of("rule a { expect x 消息 “{x} 与 {{字面}} 不符” }") ==
        "rule a severity error {\n  expect x message \"{x} 与 {{字面}} 不符\"\n}\n");
}

TEST_CASE("a message template is split into text and expressions at parse time") {
  Parsed p = parse("rule a { expect x message \"决算合计 {t[栏 7]} 与分项之和 {a + b} 不符 {{x}}\" }");
  REQUIRE(p.diags.empty());
  const auto& msg = *p.module.rules.at(0).body.at(0).message;
  REQUIRE(msg.parts.size() == 5);
  CHECK(std::get<std::string>(msg.parts[0]) == "决算合计 ");
  CHECK(ast::dump(*std::get<ast::ExprPtr>(msg.parts[1])) == "(index t 栏 7)");
  CHECK(std::get<std::string>(msg.parts[2]) == " 与分项之和 ");
  CHECK(ast::dump(*std::get<ast::ExprPtr>(msg.parts[3])) == "(+ a b)");
  CHECK(std::get<std::string>(msg.parts[4]) == " 不符 {x}");
}

TEST_CASE("comments, blank lines, full-width spaces and CRLF are ignored") {
  CHECK(dump_of("# 注释\r\nlet a = 1  # 行尾注释\r\n\u3000let b = 2\r\n") == "let a = 1\nlet b = 2\n");
  CHECK(dump_of("\xEF\xBB\xBFlet a = 1") == "let a = 1\n");
  CHECK(dump_of("") == "");
}

TEST_CASE("spans are byte ranges of the source") {
  Parsed p = parse("let 总额 = a + 12");
  const ast::Expr& e = *p.module.lets.at(0).value;
  CHECK(e.span.begin == 13);
  CHECK(e.span.end == 19);
  CHECK(p.module.lets[0].span.begin == 4);
  CHECK(p.module.lets[0].span.end == 10);
}

TEST_CASE("the illustrative rules of issue 2 parse") {
  SourceSet s;
  std::vector<Diagnostic> d;
  FILE* f = std::fopen(GOUJI_SOURCE_DIR "/examples/illustrative.gj", "rb");
  REQUIRE(f);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  auto m = parse_module(s, s.add("illustrative.gj", text), d);
  CHECK(d.empty());
  CHECK(m.rules.size() == 5);
  CHECK(m.scores.size() == 1);
  CHECK(m.pack_name == "部门决算");
}

TEST_CASE("syntax errors: code and position (line:column in characters)") {
  CHECK(errors_of("rule a {\n  expect t[栏 7] ≈ (t[栏 8] + t[栏 9]\n}") == "E-syntax-missing-paren@2:35");
  CHECK(errors_of("rule a {\n  expect x = 3\n}") == "E-syntax-single-eq@2:12");
  CHECK(errors_of("rule a {\n  expect 1 < 2 < 3\n}") == "E-syntax-chained-compare@2:16");
  CHECK(errors_of("let x = ") == "E-syntax-expected-expr@1:8");
  CHECK(errors_of("let in = 3") == "E-syntax-keyword-as-name@1:5");
  CHECK(errors_of("rule a severity fatal { expect 1 }") == "E-syntax-bad-severity@1:17");
  CHECK(errors_of("rule a {\n expect \"abc\n}") == "E-syntax-unclosed-string@2:13");
  CHECK(errors_of("expect 1") == "E-syntax-stmt-outside-rule@1:1");
  CHECK(errors_of("rule a { expect x message \"{x + }\" }") == "E-syntax-expected-operand@1:33");
  CHECK(errors_of("rule a { expect x message \"{}\" }") == "E-template-empty-hole@1:28");
  CHECK(errors_of("\xFF\xFElet") == "E-encoding-not-utf8@1:1");
}

TEST_CASE("several errors are reported per file: the parser resynchronises at the next declaration") {
  CHECK(errors_of("rule a {\n expect (1\n}\nrule b {\n expect x = 1\n}\nlet c = ]\nlet d = 1\n") ==
        "E-syntax-missing-paren@2:11 E-syntax-single-eq@5:11 E-syntax-expected-expr@7:9");
  Parsed p = parse("rule a {\n expect (1\n}\nlet d = 1\n");
  CHECK(p.module.lets.size() == 1);
}

TEST_CASE("a missing '}' before the next rule points back to the opener") {
  CHECK(errors_of("rule a {\n expect 1\n\nrule b { expect 2 }") == "E-syntax-missing-brace@2:10");
  CHECK(errors_of("rule a {\n expect 1\n") == "E-syntax-missing-brace@2:10");
}

TEST_CASE("nesting is limited: deep input is an error, not a stack overflow") {
  std::string deep = "let x = " + std::string(10000, '(') + "1" + std::string(10000, ')');
  CHECK(errors_of(deep) == "E-syntax-too-deep@1:72");  // the 64th "(" is the 65th level
  std::string neg = "let x = " + std::string(10000, '-') + "1";
  CHECK(errors_of(neg).rfind("E-syntax-too-deep", 0) == 0);
  std::string ok = "let x = " + std::string(30, '(') + "1" + std::string(30, ')');
  CHECK(errors_of(ok) == "");
}
