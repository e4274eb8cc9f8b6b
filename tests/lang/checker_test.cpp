// Checker tests: name resolution and slots, imports / extends / override /
// drop through an in-memory loader, did-you-mean, and that the illustrative
// rules of issue 2 check clean. (Golden diagnostics for malformed and
// ill-typed files are in tests/lang/errors/.)
#include "lang/builtins.hpp"
#include "lang/checker.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace gouji;
using namespace gouji::lang;

namespace {

Loader memory_loader(std::map<std::string, std::string> files) {
  return [files](const std::string&, const std::string& p) -> std::optional<LoadedFile> {
    auto it = files.find(p);
    if (it == files.end()) return std::nullopt;
    return LoadedFile{it->first, it->second};
  };
}

std::string codes(const CheckResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) {
    LineCol lc = r.program->sources.line_col(d.span.file, d.span.begin);
    out += (out.empty() ? "" : " ") + d.code + "@" + r.program->sources.file(d.span.file).path + ":" +
           std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  return out;
}

CheckResult check(const std::string& text, std::map<std::string, std::string> files = {}) {
  return check_pack("root.gj", text, memory_loader(std::move(files)));
}

}  // namespace

TEST_CASE("the illustrative rules of issue 2 check without any diagnostic") {
  std::ifstream in(GOUJI_SOURCE_DIR "/examples/illustrative.gj");
  std::stringstream ss;
  ss << in.rdbuf();
  CheckResult r = check_pack("illustrative.gj", ss.str(), no_imports_loader());
  CHECK(codes(r) == "");
  CHECK(r.program->rules.size() == 5);
  CHECK(r.program->scores.size() == 1);
  CHECK(r.program->unit == "万元");
}

TEST_CASE("locals get slots in binding order; rules count them; names resolve to their kind") {
  CheckResult r = check(
      "param 上限 = 100\nlet 表 = table(\"公开09表\")\nfn 率(a, b) = a / b\n"
      "rule x {\n let t = 表\n for r in rows(t)\n let v = 率(r[栏 1], 上限)\n expect v ≈ sum(k for k in [1, 2])\n}");
  REQUIRE(codes(r) == "");
  const ast::Rule& rule = *r.program->rules.at(0);
  CHECK(rule.locals == 4);  // t, r, v, k
  CHECK(rule.body[0].slot == 0);
  const ast::Stmt& f = rule.body[1];
  CHECK(f.slot == 1);
  CHECK(f.body[0].slot == 2);
  const ast::Expr& let_t = *rule.body[0].expr;
  CHECK(let_t.ref == ast::NameRef::global_let);
  CHECK(let_t.slot == 0);
  const ast::Expr& call = *f.body[0].expr;
  CHECK(call.ref == ast::NameRef::function);
  CHECK(call.slot == 0);
  CHECK(call.args[1]->ref == ast::NameRef::param);
  CHECK(call.args[0]->args[0]->ref == ast::NameRef::local);
  CHECK(call.args[0]->args[0]->slot == 1);
  const ast::Expr& cmp = *f.body[1].expr;
  const ast::Expr& sum = *cmp.args[1];
  CHECK(sum.ref == ast::NameRef::builtin);
  CHECK(sum.slot == builtin_index("sum"));
  CHECK(sum.args[0]->kind == ast::ExprKind::comprehension);
  CHECK(sum.args[0]->slot == 3);
  CHECK(r.program->functions.at(0)->locals == 2);
}

TEST_CASE("a dotted name whose prefix is a local is a member access resolved to the local") {
  CheckResult r = check("rule x {\n for p in tables(\"项目支出绩效自评表\")\n let f = p[\"年度资金总额\"]\n expect f.得分 ≈ 1\n}");
  REQUIRE(codes(r) == "");
  const ast::Expr& lhs = *r.program->rules[0]->body[0].body[1].expr->args[0];
  CHECK(lhs.ref == ast::NameRef::local);
  CHECK(lhs.slot == 1);
}

TEST_CASE("Chinese aliases of built-ins resolve to the same built-in") {
  CheckResult r = check("rule x { expect 舍入(1.005, 2) == 合计([1, 2]) }");
  REQUIRE(codes(r) == "");
  const ast::Expr& cmp = *r.program->rules[0]->body[0].expr;
  CHECK(cmp.args[0]->slot == builtin_index("round"));
  CHECK(cmp.args[1]->slot == builtin_index("sum"));
}

TEST_CASE("did you mean: the closest name within a small edit distance") {
  CHECK(closest_name("tabel", {"label", "table", "tables"}) == "table");
  CHECK(closest_name("决算合记", {"决算合计", "预算"}) == "决算合计");
  CHECK(closest_name("完全不同的名字", {"表"}) == "");
  CHECK(edit_distance("三公经费", "三公费") == 1);
}

TEST_CASE("imports are loaded once, dependencies first; a missing import is reported at its path") {
  CheckResult r = check("import \"lib.gj\"\nrule x { expect 率(1, 2) > 0 }", {{"lib.gj", "fn 率(a, b) = a / b"}});
  CHECK(codes(r) == "");
  CHECK(r.program->modules.size() == 2);
  CHECK(r.program->functions.size() == 1);
  CheckResult missing = check("import \"nope.gj\"\n");
  CHECK(codes(missing) == "E-import-not-found@root.gj:1:8");
  CheckResult cycle = check("import \"a.gj\"", {{"a.gj", "import \"root.gj\""}, {"root.gj", "import \"a.gj\""}});
  CHECK(codes(cycle).find("E-import-cycle") != std::string::npos);
}

TEST_CASE("extends: override replaces a rule in place, drop removes it, a param gets a new default") {
  std::map<std::string, std::string> base = {
      {"base.gj", "pack 基础 2023\nunit 万元\nparam 上限 = 1\nrule a \"旧\" { expect 上限 > 0 }\nrule b { expect 1 > 0 }\nrule c { expect 2 > 0 }"}};
  CheckResult r = check("pack 新 2024 extends \"base.gj\"\nparam 上限 = 2\noverride rule a \"新\" { expect 上限 > 1 }\ndrop rule b", base);
  REQUIRE(codes(r) == "");
  REQUIRE(r.program->rules.size() == 2);
  CHECK(r.program->rules[0]->description == "新");
  CHECK(r.program->rules[1]->id == "c");
  CHECK(r.program->unit == "万元");
  REQUIRE(r.program->params.size() == 1);
  CHECK(ast::dump(*r.program->params[0]->value) == "2");
}

TEST_CASE("override and drop need an extended pack; a plain duplicate of an inherited rule is an error") {
  std::map<std::string, std::string> lib = {{"lib.gj", "rule a { expect 1 > 0 }"}};
  CHECK(codes(check("import \"lib.gj\"\noverride rule a { expect 1 > 0 }", lib)) == "E-override-not-extended@root.gj:2:15");
  CHECK(codes(check("import \"lib.gj\"\ndrop rule a", lib)) == "E-drop-not-extended@root.gj:2:11");
  CHECK(codes(check("pack p extends \"lib.gj\"\nrule a { expect 1 > 0 }", lib)) == "E-duplicate-rule@root.gj:2:6");
  CHECK(codes(check("override rule zz { expect 1 > 0 }")) == "E-override-unknown@root.gj:1:15");
}

TEST_CASE("every built-in has a Chinese alias distinct from every other name") {
  std::map<std::string, int> seen;
  for (const auto& b : builtins()) {
    CHECK(++seen[std::string(b.name)] == 1);
    if (!b.alias.empty()) CHECK(++seen[std::string(b.alias)] == 1);
  }
}

TEST_CASE("require: a shared file names what the pack extending it must define") {
  const std::string common =
      "require 收入表, 合计栏\nrequire fn 取数(表, 栏)\nrule a { expect 取数(收入表, 合计栏) > 0 }";
  std::map<std::string, std::string> lib = {{"common.gj", common}};
  // On its own, as gouji lint checks it (no pack header): the required names are known, nothing to report.
  CHECK(codes(check_pack("common.gj", common, memory_loader(lib), /*library=*/true)) == "");
  // Run on its own as a pack: one error, at the first required name, giving how many are missing.
  CheckResult alone = check_pack("common.gj", common, memory_loader(lib));
  CHECK(codes(alone) == "E-require-root@common.gj:1:9");
  REQUIRE(alone.diagnostics.size() == 1);
  CHECK(alone.diagnostics[0].args == std::vector<std::string>{"收入表", "3"});
  // A pack that defines all three, the function with two parameters: clean, and the rule calls its 取数.
  CheckResult full = check("pack 地区 2024 extends \"common.gj\"\nlet 收入表 = table(\"公开02表\")\nlet 合计栏 = 1\n"
                           "fn 取数(t, c) = t[行 1][栏 c]",
                           lib);
  CHECK(codes(full) == "");
  // Missing 合计栏 (reported at the require, naming the pack), 取数 with one parameter, 收入表 a function
  // (so also unused as one, the call 取数(…) has two arguments for one, and 收入表 is used without a call).
  CHECK(codes(check("pack 地区 2024 extends \"common.gj\"\nfn 收入表() = 1\nfn 取数(t) = t", lib)) ==
        "W-unused-function@root.gj:2:4 E-require-function@common.gj:1:9 E-require-unmet@common.gj:1:14 "
        "E-require-arity@common.gj:2:12 E-arg-count@common.gj:3:17 E-function-needs-call@common.gj:3:20");
  // A pack header makes a file a pack to run even under lint: unmet names are errors there.
  CHECK(codes(check_pack("root.gj", "pack 地区 2024 extends \"common.gj\"\nlet 收入表 = 1\nlet 合计栏 = 1",
                         memory_loader(lib), /*library=*/true)) == "E-require-unmet@common.gj:2:12");
  // A built-in cannot be required; a required value cannot be called, a required function takes its arity.
  CHECK(codes(check_pack("x.gj", "require sum, 甲\nrequire fn 乙(a)\nrule r { expect 甲(1) == 乙(1, 2) }",
                         memory_loader({}), true)) ==
        "E-require-builtin@x.gj:1:9 E-not-callable@x.gj:3:17 E-arg-count@x.gj:3:25");
}
