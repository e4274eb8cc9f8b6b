// Scoring a generated corpus (gouji test --corpus): which failures name a
// planted defect, how recall and precision are counted, the manifest read.
#include "runtime/testing/corpus.hpp"

#include <doctest/doctest.h>

using namespace gouji;
using namespace gouji::testing;

namespace {

eval::Place place(const std::string& table, const std::string& row, std::uint32_t line, const std::string& printed) {
  eval::Place p;
  p.table = table;
  p.row = row;
  p.line = line;
  p.printed = printed;
  return p;
}

eval::Outcome failure(const std::string& rule, std::vector<eval::Place> places,
                      std::vector<std::pair<std::string, std::string>> bindings = {}) {
  eval::Outcome o;
  o.rule_id = rule;
  o.status = eval::Status::fail;
  o.places = std::move(places);
  o.bindings = std::move(bindings);
  return o;
}

PlantedDefect cell_defect() {
  // 公开03表 2040602 项目支出 printed 423.23 instead of 688.04, on line 186
  return PlantedDefect{"table_cell", "公开03表", "", "2040602", "项目支出", "", "688.04", "423.23", 186};
}

}  // namespace

TEST_CASE("a failure names the planted figure when a place is on its line and prints it") {
  PlantedDefect d = cell_defect();
  CHECK(names_defect(failure("表内.支出表各行", {place("公开03表", "2040602 一般行政管理事务", 186, "688.04"),
                                                 place("公开03表", "2040602 一般行政管理事务", 186, "423.23")}),
                     d));
  // the same line, but only another figure of it: not the planted one
  CHECK_FALSE(names_defect(failure("x", {place("公开03表", "2040602", 186, "688.04")}), d));
  // another line
  CHECK_FALSE(names_defect(failure("x", {place("公开03表", "2040601", 185, "423.23")}), d));
  // grouping commas and the percent sign do not count: 4,198.94 in a table is 4198.94 in the narrative
  PlantedDefect n{"narrative_amount", "", "", "", "收支总计", "一、收入支出决算总体情况说明", "4,198.94", "4,298.94", 386};
  CHECK(names_defect(failure("说明.收支总计", {place("情况说明", "", 386, "4298.94")}), n));
  PlantedDefect s{"share", "", "", "", "基本支出|占比", "三、支出决算情况说明", "10.88", "9.86", 574};
  CHECK(names_defect(failure("说明.支出构成", {place("情况说明", "", 574, "9.86%")}), s));
}

TEST_CASE("a failure without places names a table-level defect by its instance's table") {
  PlantedDefect missing{"missing_table", "公开06表", "", "", "", "", "（表存在）", "", 28};
  CHECK(names_defect(failure("完整.公开表齐全", {}, {{"表号", "公开06表"}}), missing));
  CHECK_FALSE(names_defect(failure("完整.公开表齐全", {}, {{"表号", "公开07表"}}), missing));
  // a failure with places is judged by its places only
  CHECK_FALSE(names_defect(failure("x", {place("公开06表", "301", 300, "5.00")}, {{"t", "公开06表"}}), missing));
  // a defect with no table is never named by bindings
  PlantedDefect n{"grade_count", "", "", "", "优", "十三、预算绩效情况说明", "5", "4", 488};
  CHECK_FALSE(names_defect(failure("x", {}, {{"t", ""}}), n));
}

TEST_CASE("recall and precision per class: found defects, explained and unexplained failures") {
  CorpusScore s;
  CorpusDocument planted{"a.txt", "final2023", "tab", {cell_defect()}};
  eval::Report r;
  r.outcomes.push_back(failure("表内.支出表各行", {place("公开03表", "2040602", 186, "423.23")}));
  r.outcomes.push_back(failure("表内.三公合计", {place("公开09表", "", 379, "18.53")}));  // not the planted one
  eval::Outcome passed = failure("表内.科目层级", {place("公开03表", "20406", 184, "1,635.52")});
  passed.status = eval::Status::pass;
  r.outcomes.push_back(passed);
  s.add(planted, r);

  CorpusDocument missed{"b.txt", "final2024", "tab", {cell_defect()}};
  s.add(missed, eval::Report{});

  CorpusDocument clean{"c.txt", "final2024", "space", {}};
  eval::Report rc;
  eval::Outcome fault = failure("说明.收支总计", {});
  fault.status = eval::Status::error;
  rc.outcomes.push_back(fault);
  s.add(clean, rc);

  const ClassScore& c = s.classes.at("table_cell");
  CHECK(c.documents == 2);
  CHECK(c.planted == 2);
  CHECK(c.found == 1);
  CHECK(c.alarms == 2);
  CHECK(c.explained == 1);
  const ClassScore& k = s.classes.at(kClean);
  CHECK(k.documents == 1);
  CHECK(k.planted == 0);
  CHECK(k.alarms == 1);  // a fault on a clean document is a false alarm too
  CHECK(k.explained == 0);
  CHECK(s.missed.size() == 1);
  CHECK(s.false_alarms.size() == 2);
  // recall 1/2 = 50%; precision 1/3 = 33.333…% shown rounded down
  CHECK(corpus_closing_line(s) ==
        "corpus 3 documents: recall 50.00% (1/2), precision 33.33% (1/3), missed 1, false alarms 2");
}

TEST_CASE("percentages are rounded down so that 100.00% means every case") {
  CHECK(percent_down(1999, 2000) == "99.95%");
  CHECK(percent_down(99999, 100000) == "99.99%");
  CHECK(percent_down(3, 3) == "100.00%");
  CHECK(percent_down(0, 0) == "—");
}

TEST_CASE("manifest: documents and their defects; a malformed manifest is refused with a reason") {
  std::string why;
  auto docs = parse_manifest(R"({"documents": [
      {"file": "doc-0.txt", "kind": "final2023", "layout": "tab", "defects": []},
      {"file": "doc-1.txt", "kind": "final2024", "layout": "space", "defects": [
        {"class": "score", "table": "项目支出绩效自评情况表", "subject": "培训（2024 年）", "row": "年度资金总额",
         "column": "得分", "section": "", "original": "10", "planted": "14.29", "line": 1415}]}]})",
                             why);
  REQUIRE(docs);
  REQUIRE(docs->size() == 2);
  CHECK((*docs)[0].defects.empty());
  REQUIRE((*docs)[1].defects.size() == 1);
  CHECK((*docs)[1].defects[0].cls == "score");
  CHECK((*docs)[1].defects[0].subject == "培训（2024 年）");
  CHECK((*docs)[1].defects[0].line == 1415);

  CHECK_FALSE(parse_manifest("not json", why));
  CHECK(why.find("JSON") != std::string::npos);
  CHECK_FALSE(parse_manifest(R"({"count": 2})", why));
  CHECK(why.find("documents") != std::string::npos);
  CHECK_FALSE(parse_manifest(R"({"documents": [{"kind": "final2023"}]})", why));
  CHECK_FALSE(parse_manifest(R"({"documents": [{"file": "a.txt", "defects": [{"table": "x"}]}]})", why));
}
