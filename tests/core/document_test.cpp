// Lookups on the document model and normalisation for matching.
#include "runtime/document.hpp"

#include <doctest/doctest.h>

using namespace gouji::doc;

TEST_CASE("normalize folds full-width forms and removes white space") {
  CHECK(normalize("（一）收入合计 １,０６３.１３ 万元") == "(一)收入合计1,063.13万元");
  CHECK(normalize("公开 01 表") == "公开01表");
  CHECK(normalize("占\u300068.31％") == "占68.31%");
  CHECK(normalize("—") == "-");
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
