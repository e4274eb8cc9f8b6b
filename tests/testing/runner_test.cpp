// The test runner: outcomes compared with expectations (rule level,
// instance level, values, 其余 通过), packs that do not check, --update, and
// mutations of printed figures. The pack and the documents are written here.
#include "runtime/testing/mutate.hpp"
#include "runtime/testing/runner.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace gouji;

namespace {

const char* k_pack =
    "pack 测试 2023\n"
    "unit 万元\n"
    "rule 三公.合计 \"合计 = 分项之和\" {\n"
    "  let t = table(\"公开09表\")\n"
    "  expect t[栏 1] ≈ t[栏 2] + t[栏 3] + t[栏 6]\n"
    "  expect t[栏 7] ≈ t[栏 8] + t[栏 9] + t[栏 12]\n"
    "}\n"
    "rule 三公.车辆 \"小计 = 购置 + 运行\" {\n"
    "  let t = table(\"公开09表\")\n"
    "  expect t[栏 9] ≈ t[栏 10] + t[栏 11]\n"
    "}\n"
    "rule 支出.各行 \"栏1 = 栏2 + 栏3\" {\n"
    "  for r in rows(table(\"公开03表\"))\n"
    "  expect r[栏 1] ≈ r[栏 2] + r[栏 3]\n"
    "}\n";

lang::Loader memory_loader() {
  return [](const std::string&, const std::string& path) -> std::optional<lang::LoadedFile> {
    if (path == "p.gj") return lang::LoadedFile{"p.gj", k_pack};
    if (path == "bad.gj") return lang::LoadedFile{"bad.gj", "pack 坏 1\nrule x \"\" { expect 未知名字 == 1 }\n"};
    return std::nullopt;
  };
}

const char* k_09 =
    "财政拨款“三公”经费支出决算表\n"
    "公开 09 表\n"
    "单位：万元\n"
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
    "合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购 置费\t公务用车运 行维护费\t\t\t\t小计\t公务用车购 置费\t公务用车运 行维护费\t\n"
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n";

std::string test_file(const std::string& figures, const std::string& expectations) {
  return std::string("规则包 p.gj\n案例 甲\n文件 内嵌\n2023 年度部门决算\n") + k_09 + figures + "\n结束\n" + expectations;
}

std::vector<testing::CaseResult> run(const std::string& text) {
  testing::TestFile f = testing::parse_test_file(text, "t.gjt");
  REQUIRE(f.errors.empty());
  testing::RunOptions o;
  o.loader = memory_loader();
  o.read_document = [](const std::string& p) { return read::read_document_file(p); };
  testing::PackCache cache;
  return testing::run_file(f, o, cache);
}

// 9.50 = 0 + 4.50 + 5.00 and 5.31 = 0 + 4.50 + 0.81: every rule holds.
const std::string k_good = "9.50\t0\t4.50\t0\t4.50\t5.00\t5.31\t0\t4.50\t0\t4.50\t0.81";
// 决算合计 printed 5.41: 5.41 − 5.31 = 0.10.
const std::string k_bad = "9.50\t0\t4.50\t0\t4.50\t5.00\t5.41\t0\t4.50\t0\t4.50\t0.81";

}  // namespace

TEST_CASE("a case passes when every listed rule has the expected outcome") {
  auto r = run(test_file(k_good, "期望 三公.合计 通过\n期望 三公.车辆 通过\n期望 支出.各行 不适用\n"));
  REQUIRE(r.size() == 1);
  CHECK(r[0].status == testing::CaseStatus::passed);
}

TEST_CASE("a rule fails when one of its instances fails; values are compared exactly") {
  auto ok = run(test_file(k_bad, "期望 三公.合计 不通过 左 5.41 右 5.31 差 0.10\n其余 通过\n"));
  CHECK(ok[0].status == testing::CaseStatus::passed);
  auto wrong = run(test_file(k_bad, "期望 三公.合计 不通过 差 0.11\n"));
  REQUIRE(wrong[0].status == testing::CaseStatus::failed);
  REQUIRE(wrong[0].mismatches.size() == 1);
  CHECK(wrong[0].mismatches[0].line == 14);  // the 期望 line
  CHECK(wrong[0].mismatches[0].actual.find("0.1") != std::string::npos);
  REQUIRE(!wrong[0].mismatches[0].outcomes.empty());
  CHECK(!wrong[0].mismatches[0].outcomes[0].places.empty());  // the trace names the cells
}

TEST_CASE("expected FAIL but the rule passes: a mismatch with the trace") {
  auto r = run(test_file(k_good, "期望 三公.合计 不通过\n"));
  REQUIRE(r[0].status == testing::CaseStatus::failed);
  CHECK(r[0].mismatches[0].actual == "通过");
  CHECK(testing::trace_text(r[0].mismatches[0].outcomes[0], "").find("公开09表") != std::string::npos);
}

TEST_CASE("其余 通过 catches an unlisted failing rule") {
  auto r = run(test_file(k_bad, "期望 三公.车辆 通过\n其余 通过\n"));
  REQUIRE(r[0].status == testing::CaseStatus::failed);
  CHECK(r[0].mismatches[0].rule_id == "三公.合计");
  auto loose = run(test_file(k_bad, "期望 三公.车辆 通过\n"));
  CHECK(loose[0].status == testing::CaseStatus::passed);  // unlisted rules are not checked
}

TEST_CASE("an unknown rule, a pack with errors and a missing document are reported, not crashes") {
  auto r = run(test_file(k_good, "期望 三公.合记 通过\n"));
  REQUIRE(r[0].status == testing::CaseStatus::failed);
  CHECK(r[0].mismatches[0].actual.find("三公.合计") != std::string::npos);  // did you mean
  auto bad = run("规则包 bad.gj\n案例 a\n文件 内嵌\nx\n结束\n其余 通过\n");
  CHECK(bad[0].status == testing::CaseStatus::broken);
  CHECK(bad[0].error.find("t.gjt:1") != std::string::npos);
  auto missing = run("规则包 p.gj\n案例 a\n文件 没有这个文件.txt\n其余 通过\n");
  CHECK(missing[0].status == testing::CaseStatus::broken);
  CHECK(missing[0].error.find("t.gjt:3") != std::string::npos);
  auto nopack = run("规则包 nowhere.gj\n案例 a\n文件 内嵌\nx\n结束\n其余 通过\n");
  CHECK(nopack[0].status == testing::CaseStatus::broken);
}

TEST_CASE("instance conditions select instances by a word of the bound value") {
  std::string t03 =
      "支出决算表\n公开 03 表\n单位：万元\n"
      "项目\t\t本年支出合计\t基本支出\t项目支出\n科目代码\t科目名称\t\t\t\n栏次\t\t1\t2\t3\n"
      "合计\t\t100.00\t60.00\t40.00\n201\t一般公共服务支出\t99.00\t60.00\t40.00\n";
  std::string text = "规则包 p.gj\n案例 甲\n文件 内嵌\n2023 年度部门决算\n" + t03 + "结束\n" +
                     "期望 支出.各行 [r = 201] 不通过 差 -1\n期望 支出.各行 [r = 合计] 通过\n期望 支出.各行 [r = 999] 通过\n";
  auto r = run(text);
  REQUIRE(r[0].mismatches.size() == 1);  // only the [r = 999] line: no such instance
  CHECK(r[0].mismatches[0].actual.find("没有与条件相符的实例") != std::string::npos);
}

TEST_CASE("update_text writes current outcomes and keeps comments and layout") {
  std::string text = test_file(k_bad, "# 说明\n期望 三公.合计 通过   # 旧\n期望 三公.车辆 通过\n其余 通过\n");
  testing::TestFile f = testing::parse_test_file(text, "t.gjt");
  testing::RunOptions o;
  o.loader = memory_loader();
  o.read_document = [](const std::string& p) { return read::read_document_file(p); };
  testing::PackCache cache;
  auto results = testing::run_file(f, o, cache);
  std::vector<std::string> notes;
  std::string out = testing::update_text(f, results, notes);
  CHECK(out.find("期望 三公.合计 不通过   # 旧\n") != std::string::npos);
  CHECK(out.find("# 说明\n") != std::string::npos);
  // The updated file passes.
  auto again = run(out);
  CHECK(again[0].status == testing::CaseStatus::passed);
}

TEST_CASE("mutations of a printed figure keep its decimals and grouping") {
  auto m = testing::mutations_of("1,063.13");
  REQUIRE(m.size() == 6);
  CHECK(m[0].text == "1,063.14");
  CHECK(m[1].text == "1,063.12");
  CHECK(m[2].text == "1,064.13");
  CHECK(m[3].text == "1,062.13");
  CHECK(m[4].text == "10,631.30");
  CHECK(m[5].text == "1,063.31");  // the rightmost two different adjacent digits swapped
  auto z = testing::mutations_of("0.00");
  CHECK(z.size() == 4);  // ×10 of 0 and a swap of equal digits change nothing
  auto p = testing::mutations_of("55.89%");
  REQUIRE(!p.empty());
  CHECK(p[0].text == "55.90");
  CHECK(testing::mutations_of("相关").empty());
}

TEST_CASE("mutation: on a consistent 公开09表 every change of 1 or more is caught; ±0.01 stays within rounding") {
  testing::TestFile f = testing::parse_test_file(test_file(k_good, "其余 通过\n"), "t.gjt");
  REQUIRE(f.errors.empty());
  testing::AnalysisOptions o;
  o.loader = memory_loader();
  o.read_document = [](const std::string& p) { return read::read_document_file(p); };
  testing::PackCache cache;
  nlohmann::json j;
  std::string text;
  CHECK(testing::run_mutation({{f, ""}}, o, cache, &j, text));
  const auto& s = j["packs"][0];
  // 三公.合计 reads 栏1、2、3、6、7、8、9、12; 三公.车辆 adds 栏10、11 (栏4、5 are read by no rule).
  CHECK(s["figures"] == 10);
  CHECK(s["blind_spots"] == 0);
  // 9.50, 4.50, 5.00, 5.31, 4.50, 4.50, 0.81: ±0.01 is inside the allowance of the roundings
  // (the printed 0s have no decimals: their smallest change is ±1, which is caught).
  CHECK(s["last_digit_only"] == 7);
}

TEST_CASE("coverage: the figures no rule reads are listed by table") {
  std::string t03 =
      "支出决算表\n公开 03 表\n单位：万元\n"
      "项目\t\t本年支出合计\t基本支出\t项目支出\t经营支出\n科目代码\t科目名称\t\t\t\t\n栏次\t\t1\t2\t3\t4\n"
      "合计\t\t100.00\t60.00\t40.00\t7.00\n";
  std::string text = "规则包 p.gj\n案例 甲\n文件 内嵌\n2023 年度部门决算\n" + t03 + "结束\n其余 通过\n";
  testing::TestFile f = testing::parse_test_file(text, "t.gjt");
  REQUIRE(f.errors.empty());
  testing::AnalysisOptions o;
  o.loader = memory_loader();
  o.read_document = [](const std::string& p) { return read::read_document_file(p); };
  testing::PackCache cache;
  nlohmann::json j;
  std::string out;
  CHECK(testing::run_coverage({{f, ""}}, o, cache, &j, out));
  const auto& d = j["documents"][0];
  CHECK(d["figures"] == 4);
  REQUIRE(d["unread"] == 1);  // 栏4 经营支出: 支出.各行 reads 栏1—栏3 only
  CHECK(d["tables"][0]["unread"][0]["printed"] == "7.00");
}

TEST_CASE("a planted edit (改) changes one figure of a file document; a wrong edit breaks the case with its line") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "gouji-runner-edit-test";
  fs::create_directories(dir);
  fs::path doc = dir / "09.txt";
  {
    std::ofstream out(doc, std::ios::binary);
    out << "2023 年度部门决算\n" << k_09 << "9.50\t0\t4.50\t0\t4.50\t5.00\t5.31\t0\t4.50\t0\t4.50\t0.81\n";
  }
  std::string head = "规则包 p.gj\n案例 甲\n文件 " + doc.string() + "\n";
  // Line 9 is the figures row: 5.31 = 0 + 4.50 + 0.81 holds; with 0.91, 5.31 − 5.41 = −0.10.
  auto clean = run(head + "期望 三公.合计 通过\n");
  CHECK(clean[0].status == testing::CaseStatus::passed);
  auto planted = run(head + "改 第 9 行 \"4.50\t0.81\" 为 \"4.50\t0.91\"\n期望 三公.合计 不通过 差 -0.10 出处 第 9 行\n");
  CHECK(planted[0].status == testing::CaseStatus::passed);
  auto wrong_line = run(head + "改 第 9 行 \"4.50\t0.81\" 为 \"4.50\t0.91\"\n期望 三公.合计 不通过 出处 第 8 行\n");
  CHECK(wrong_line[0].status == testing::CaseStatus::failed);
  auto missing = run(head + "改 第 8 行 \"0.81\" 为 \"0.91\"\n期望 三公.合计 不通过\n");
  REQUIRE(missing[0].status == testing::CaseStatus::broken);
  CHECK(missing[0].error.find("t.gjt:4") != std::string::npos);
  CHECK(missing[0].error.find("第 8 行没有“0.81”") != std::string::npos);
  auto twice = run(head + "改 第 9 行 \"4.50\" 为 \"4.60\"\n期望 三公.合计 不通过\n");
  REQUIRE(twice[0].status == testing::CaseStatus::broken);
  CHECK(twice[0].error.find("不止一处") != std::string::npos);
  auto past_end = run(head + "改 第 99 行 \"a\" 为 \"b\"\n期望 三公.合计 不通过\n");
  REQUIRE(past_end[0].status == testing::CaseStatus::broken);
  CHECK(past_end[0].error.find("没有第 99 行") != std::string::npos);
  fs::remove_all(dir);
}
