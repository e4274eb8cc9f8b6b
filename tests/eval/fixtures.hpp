// Small documents built in code for the evaluator tests. Every figure is
// chosen so that the expected outcomes can be worked out by hand (the tests
// say how in comments).
#pragma once

#include "runtime/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fx {

using namespace gouji;

// Appends a line to the document's source; returns its 1-based number.
inline std::uint32_t add_line(doc::Document& d, const std::string& text) {
  d.line_offsets.push_back(static_cast<std::uint32_t>(d.source.size()));
  d.source += text + "\n";
  return static_cast<std::uint32_t>(d.line_offsets.size());
}

inline doc::Cell num(const std::string& text, std::uint32_t line) {
  doc::Cell c;
  c.kind = doc::CellKind::number;
  c.value = *Number::parse_decimal(text);
  auto dot = text.find('.');
  c.places = static_cast<std::int8_t>(dot == std::string::npos ? 0 : text.size() - dot - 1);
  c.text = text;
  c.line = line;
  return c;
}

inline doc::Cell pct(const std::string& text, std::uint32_t line) {  // "80.00%"
  doc::Cell c;
  c.kind = doc::CellKind::percent;
  std::string digits = text.substr(0, text.size() - 1);
  c.value = *Number::divide(*Number::parse_decimal(digits), Number(100));
  auto dot = digits.find('.');
  c.places = static_cast<std::int8_t>(dot == std::string::npos ? 0 : digits.size() - dot - 1);
  c.text = text;
  c.line = line;
  return c;
}

inline doc::Cell blank(std::uint32_t line) {
  doc::Cell c;
  c.kind = doc::CellKind::blank;
  c.text = "-";
  c.line = line;
  return c;
}

inline doc::Cell txt(const std::string& text, std::uint32_t line) {
  doc::Cell c;
  c.kind = doc::CellKind::text;
  c.text = text;
  c.line = line;
  return c;
}

inline doc::Column column(std::vector<std::string> header, std::optional<int> lanci,
                          doc::ColumnRole role = doc::ColumnRole::amount) {
  doc::Column c;
  c.header = std::move(header);
  c.lanci = lanci;
  c.role = role;
  return c;
}

// Cells given as printed: "12.30", "-" (blank), "80.00%", other text.
inline doc::Cell cell(const std::string& s, std::uint32_t line) {
  if (s == "-") return blank(line);
  if (!s.empty() && s.back() == '%') return pct(s, line);
  if (Number::parse_decimal(s)) return num(s, line);
  return txt(s, line);
}

inline doc::Row row(doc::Document& d, int block, std::string label, std::string code, std::optional<int> hangci,
                    const std::vector<std::string>& cells) {
  doc::Row r;
  r.block = block;
  r.label = std::move(label);
  r.code = std::move(code);
  r.hangci = hangci;
  std::string printed = r.code + "\t" + r.label;
  for (const auto& s : cells) printed += "\t" + s;
  r.line = add_line(d, printed);
  for (const auto& s : cells) r.cells.push_back(cell(s, r.line));
  return r;
}

// 公开09表, one data row. 决算: 栏7 合计 12.30 = 栏8 出国 "-" + 栏9 车 8.10 + 栏12 接待 4.20.
inline doc::Table table09(doc::Document& d, const std::string& c12 = "4.20") {
  doc::Table t;
  t.code = "公开09表";
  t.title = "“三公”经费支出决算表";
  t.unit = "万元";
  t.line = add_line(d, "“三公”经费支出决算表  公开09表");
  doc::Block b;
  const std::vector<std::vector<std::string>> heads = {
      {"预算数", "合计"}, {"预算数", "因公出国（境）费"}, {"预算数", "公务用车购置及运行维护费", "小计"},
      {"预算数", "公务用车购置及运行维护费", "公务用车购置费"}, {"预算数", "公务用车购置及运行维护费", "公务用车运行维护费"},
      {"预算数", "公务接待费"}, {"决算数", "合计"}, {"决算数", "因公出国（境）费"},
      {"决算数", "公务用车购置及运行维护费", "小计"}, {"决算数", "公务用车购置及运行维护费", "公务用车购置费"},
      {"决算数", "公务用车购置及运行维护费", "公务用车运行维护费"}, {"决算数", "公务接待费"}};
  for (int i = 0; i < 12; ++i) b.columns.push_back(column(heads[static_cast<std::size_t>(i)], i + 1));
  t.blocks.push_back(b);
  t.rows.push_back(row(d, 0, "", "", std::nullopt,
                       {"15.00", "-", "10.00", "-", "10.00", "5.00", "12.30", "-", "8.10", "-", "8.10", c12}));
  t.end_line = t.rows.back().line;
  return t;
}

// 公开03表: 科目代码 | 科目名称 | 栏1 合计 | 栏2 基本支出 | 栏3 项目支出.
// 合计 100.00 = 201 70.01 + 208 29.99; 201 = 20103 = 2010301 40.00 + 2010302 30.01.
inline doc::Table table03(doc::Document& d, const std::string& r2010302_c1 = "30.01") {
  doc::Table t;
  t.code = "公开03表";
  t.title = "支出决算表";
  t.unit = "万元";
  t.line = add_line(d, "支出决算表  公开03表");
  doc::Block b;
  b.columns.push_back(column({"科目代码"}, std::nullopt, doc::ColumnRole::code));
  b.columns.push_back(column({"科目名称"}, std::nullopt, doc::ColumnRole::label));
  b.columns.push_back(column({"本年支出合计"}, 1));
  b.columns.push_back(column({"基本支出"}, 2));
  b.columns.push_back(column({"项目支出"}, 3));
  t.blocks.push_back(b);
  auto add = [&](std::string code, std::string label, std::vector<std::string> figs) {
    std::vector<std::string> cells = {code, label};
    cells.insert(cells.end(), figs.begin(), figs.end());
    t.rows.push_back(row(d, 0, label, code, std::nullopt, cells));
    t.rows.back().cells[0] = txt(code, t.rows.back().line);
    t.rows.back().cells[1] = txt(label, t.rows.back().line);
  };
  add("", "合计", {"100.00", "60.00", "40.00"});                                       // 0
  add("201", "一般公共服务支出", {"70.01", "40.00", "30.01"});                          // 1
  add("20103", "政府办公厅（室）及相关机构事务", {"70.01", "40.00", "30.01"});           // 2
  add("2010301", "行政运行", {"40.00", "40.00", "-"});                                   // 3
  add("2010302", "一般行政管理事务", {r2010302_c1, "-", "30.01"});                       // 4
  add("208", "社会保障和就业支出", {"29.99", "20.00", "9.99"});                          // 5
  add("20805", "行政事业单位养老支出", {"29.99", "20.00", "9.99"});                      // 6
  t.rows[1].children = {2};
  t.rows[2].parent = 1;
  t.rows[2].children = {3, 4};
  t.rows[3].parent = 2;
  t.rows[4].parent = 2;
  t.rows[5].children = {6};
  t.rows[6].parent = 5;
  t.end_line = t.rows.back().line;
  return t;
}

// 公开01表: block 0 收入 (项目 | 行次 | 栏1 决算数), block 1 支出 (项目 | 行次 | 栏2 决算数).
inline doc::Table table01(doc::Document& d) {
  doc::Table t;
  t.code = "公开01表";
  t.title = "收入支出决算总表";
  t.unit = "万元";
  t.line = add_line(d, "收入支出决算总表  公开01表");
  for (int k = 0; k < 2; ++k) {
    doc::Block b;
    b.name = k == 0 ? "收入" : "支出";
    b.columns.push_back(column({b.name, "项目"}, std::nullopt, doc::ColumnRole::label));
    b.columns.push_back(column({b.name, "行次"}, std::nullopt, doc::ColumnRole::hangci));
    b.columns.push_back(column({b.name, "决算数"}, k + 1));
    t.blocks.push_back(b);
  }
  auto add = [&](int block, std::string label, int hangci, std::string fig) {
    t.rows.push_back(row(d, block, label, "", hangci, {label, std::to_string(hangci), fig}));
    t.rows.back().cells[0] = txt(label, t.rows.back().line);
    t.rows.back().cells[1] = txt(std::to_string(hangci), t.rows.back().line);
  };
  add(0, "一、一般公共预算财政拨款收入", 1, "100.00");
  add(0, "本年收入合计", 28, "100.00");
  add(1, "一般公共服务支出", 32, "70.01");
  add(1, "社会保障和就业支出", 38, "29.99");
  add(1, "本年支出合计", 58, "100.00");
  t.end_line = t.rows.back().line;
  return t;
}

// 项目支出绩效自评表 for one project: block 项目资金, row 年度资金总额.
inline doc::Table perf_table(doc::Document& d, const std::string& project, const std::vector<std::string>& figs) {
  doc::Table t;
  t.title = "项目支出绩效自评表";
  t.subject = project;
  t.unit = "万元";
  t.line = add_line(d, "项目支出绩效自评表（" + project + "）");
  doc::Block b;
  b.name = "项目资金";
  b.columns.push_back(column({"项目资金", "项目"}, std::nullopt, doc::ColumnRole::label));
  for (const char* h : {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"})
    b.columns.push_back(column({"项目资金", h}, std::nullopt));
  t.blocks.push_back(b);
  std::vector<std::string> cells = {"年度资金总额"};
  cells.insert(cells.end(), figs.begin(), figs.end());
  t.rows.push_back(row(d, 0, "年度资金总额", "", std::nullopt, cells));
  t.rows.back().cells[0] = txt("年度资金总额", t.rows.back().line);
  t.end_line = t.rows.back().line;
  return t;
}

// A paragraph of `heading` whose text is `parts` joined, each part printed on
// its own source line.
inline void add_section(doc::Document& d, const std::string& number, const std::string& heading,
                        const std::vector<std::string>& parts) {
  if (d.sections.empty()) d.sections.emplace_back();  // the root
  doc::Section s;
  s.number = number;
  s.heading = heading;
  s.level = 2;
  s.parent = 0;
  s.line = add_line(d, number + "、" + heading);
  doc::Paragraph p;
  for (const auto& part : parts) {
    std::uint32_t ln = add_line(d, part);
    if (p.line == 0) p.line = ln;
    p.line_map.emplace_back(static_cast<std::uint32_t>(p.text.size()), ln);
    p.text += part;
  }
  s.paragraphs.push_back(p);
  d.sections[0].children.push_back(static_cast<int>(d.sections.size()));
  d.sections.push_back(s);
}

// A 决算 document with 公开01表, 公开03表, 公开09表, two 项目支出绩效自评表 and two
// narrative sections.
inline doc::Document sample(const std::string& c12 = "4.20") {
  doc::Document d;
  d.path = "测试单位2023年度部门决算.txt";
  d.kind = doc::Kind::final_accounts;
  d.year = 2023;
  d.department = "测试局";
  d.unit = "万元";
  add_line(d, "测试局2023年度部门决算");
  d.tables.push_back(table01(d));
  d.tables.push_back(table03(d));
  d.tables.push_back(table09(d, c12));
  // 10 × 96.00 / 120.00 = 8 → 8.00; 10 × 41.00 / 64.00 = 6.40625 → 6.41.
  d.tables.push_back(perf_table(d, "办公设备购置", {"100.00", "120.00", "96.00", "10", "80.00%", "8.00"}));
  d.tables.push_back(perf_table(d, "信息化运维", {"64.00", "64.00", "41.00", "10", "64.06%", "6.41"}));
  add_section(d, "一", "收入决算情况说明",
              {"2023年度收入合计 100.00 万元，", "其中：财政拨款收入 100.00 万元，占 100.00%。"});
  add_section(d, "二", "支出决算情况说明",
              {"2023年度支出合计 1,063.13 万元，比上年增长", "12.50%。基本支出 60.00 万元。"});
  return d;
}

}  // namespace fx
