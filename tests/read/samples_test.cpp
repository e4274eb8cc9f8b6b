// Addressing the samples the way rules do: 表 / 行次 / 科目代码 / label /
// 栏次 / header. Every expected value was read by hand from the sample text
// (examples/*.txt, line numbers in the comments), not from gouji's output.
#include "read_helpers.hpp"

#include <algorithm>
#include <set>

using namespace gouji;
using namespace gouji::read::test;

namespace {

const doc::Row& hangci_row(const doc::Table& t, int h) {
  const doc::Row* r = t.row_by_hangci(h);
  REQUIRE_MESSAGE(r != nullptr, "no 行" << h);
  return *r;
}

const doc::Row& code_row(const doc::Table& t, const char* code) {
  const doc::Row* r = t.row_by_code(code);
  REQUIRE_MESSAGE(r != nullptr, "no code " << code);
  return *r;
}

const doc::Row& label_row(const doc::Table& t, const char* label, int block = -1) {
  const doc::Row* r = t.row_by_label(label, block);
  REQUIRE_MESSAGE(r != nullptr, "no row " << label);
  return *r;
}

std::set<std::string> child_codes(const doc::Table& t, const doc::Row& r) {
  std::set<std::string> out;
  for (int c : r.children) out.insert(t.rows[static_cast<std::size_t>(c)].code);
  return out;
}

int block_named(const doc::Table& t, const char* name) {
  for (std::size_t b = 0; b < t.blocks.size(); ++b)
    if (t.blocks[b].name == name) return static_cast<int>(b);
  FAIL("no block " << name);
  return -1;
}

// The 年度资金总额 row of the 项目 table with this subject: {执行率 cell, 得分 cell}.
std::pair<doc::Cell, doc::Cell> fund_total(const doc::Document& d, const std::string& subject_part) {
  for (const auto& t : d.tables) {
    if (t.subject.find(subject_part) == std::string::npos) continue;
    int b = block_named(t, "资金");
    const doc::Row& r = label_row(t, "年度资金总额", b);
    return {named_cell(t, r, "执行率"), named_cell(t, r, "得分")};
  }
  FAIL("no project table " << subject_part);
  return {};
}

void check_percent(const doc::Cell& c, const char* ratio, int places) {
  CHECK(c.kind == doc::CellKind::percent);
  CHECK(c.value == num(ratio));
  CHECK(c.places == places);
}

}  // namespace

TEST_CASE("luolong 2023: metadata, 目录 and every listed table found with its code") {
  auto d = load("final-2023-luolong-gov-office.txt");
  CHECK(d.kind == doc::Kind::final_accounts);
  CHECK(d.year == 2023);
  CHECK(d.department == "洛阳市洛龙区人民政府办公室");
  CHECK(d.unit == "万元");
  REQUIRE(d.toc.size() == 9);  // lines 23–31
  for (const auto& entry : d.toc) CHECK_MESSAGE(d.find_tables(entry).size() == 1, entry);
  for (int i = 1; i <= 9; ++i) CHECK(d.find_tables("公开0" + std::to_string(i) + "表").size() == 1);
  CHECK(table(d, "公开01表").title == "收入支出决算总表");
  CHECK(table(d, "公开 09 表").title == "财政拨款“三公”经费支出决算表");  // code compared without spaces
  CHECK(table(d, "公开06表").unit == "万元");
  CHECK(table(d, "公开06表").department == "洛阳市洛龙区人民政府办公室");
}

TEST_CASE("目录 entries with page numbers: after dot leaders, or in a cell of their own (a PDF's right-aligned numbers)") {
  // The luolong 2023 目录 (lines 23–31) as a word processor prints it: leaders
  // and page numbers, or the number after a tab. Every entry is still listed.
  std::string text = read::test::slurp(std::string(GOUJI_SAMPLES_DIR) + "/final-2023-luolong-gov-office.txt");
  std::string leaders, tabs;
  std::size_t page = 5;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    bool entry = line.starts_with("- ") && line.ends_with("表") && pos < 2000;
    leaders += entry ? line + "……………………" + std::to_string(page) : line;
    tabs += entry ? line.substr(2) + "\t" + std::to_string(page) : line;
    if (entry) ++page;
    leaders += '\n';
    tabs += '\n';
    pos = end + 1;
  }
  REQUIRE(page == 14);  // the nine 公开 tables got a page number
  for (const std::string* t : {&leaders, &tabs}) {
    doc::Document d = read::read_text(*t, "toc.txt");
    REQUIRE(d.toc.size() == 9);
    CHECK(d.toc[0] == "收入支出决算总表");
    CHECK(d.toc[8] == "财政拨款“三公”经费支出决算表");
    for (const auto& e : d.toc) CHECK_MESSAGE(d.find_tables(e).size() == 1, e);
    CHECK(d.find_tables("公开01表").size() == 1);
  }
}

TEST_CASE("公开01表 行58 is 本年支出合计 in the right (支出) half") {
  SUBCASE("luolong 2023, line 131") {
    auto d = load("final-2023-luolong-gov-office.txt");
    const auto& t = table(d, "公开01表");
    const auto& r = hangci_row(t, 58);
    CHECK(r.block == block_named(t, "支出"));
    CHECK(r.label == "本年支出合计");
    CHECK(r.line == 131);
    CHECK(lanci_cell(t, r, 2).value == num("1063.13"));
    const auto& left = hangci_row(t, 27);
    CHECK(left.block == block_named(t, "收入"));
    CHECK(left.label == "本年收入合计");
    CHECK(lanci_cell(t, left, 1).value == num("1063.13"));
    CHECK(lanci_cell(t, hangci_row(t, 9), 1).kind == doc::CellKind::blank);  // "⇥9⇥⇥" line 112
  }
  SUBCASE("xigong 2023 (space layout), line 181") {
    auto d = load("final-2023-xigong-community-office.txt");
    const auto& t = table(d, "公开01表");
    const auto& r = hangci_row(t, 58);
    CHECK(r.block == 1);
    CHECK(r.label == "本年支出合计");
    CHECK(lanci_cell(t, r, 2).value == num("29671.35"));
    CHECK(lanci_cell(t, hangci_row(t, 27), 1).value == num("26256.35"));
    CHECK(lanci_cell(t, hangci_row(t, 29), 1).value == num("3415.00"));  // 年初结转和结余, line 185
    CHECK(hangci_row(t, 61).block == 1);                                 // "30 61", line 187
    CHECK(lanci_cell(t, hangci_row(t, 62), 2).value == num("29671.35")); // after the "- 9 -" page line
  }
  SUBCASE("luolong 2024: 行次 numbered differently, 行58 is 结余分配 (blank), line 137") {
    auto d = load("final-2024-luolong-gov-service-center.txt");
    const auto& t = table(d, "公开01表");
    const auto& r = hangci_row(t, 58);
    CHECK(r.block == block_named(t, "支出"));
    CHECK(r.label == "结余分配");
    CHECK(lanci_cell(t, r, 2).kind == doc::CellKind::blank);
    CHECK(lanci_cell(t, hangci_row(t, 57), 2).value == num("508.19"));  // 本年支出合计, line 136
  }
}

TEST_CASE("公开03表 row 201 栏2 (基本支出)") {
  auto a = load("final-2023-luolong-gov-office.txt");
  const auto& ta = table(a, "公开03表");
  CHECK(lanci_cell(ta, code_row(ta, "201"), 2).value == num("497.74"));  // line 191
  CHECK(lanci_cell(ta, code_row(ta, "201"), 1).value == num("834.63"));
  auto b = load("final-2023-xigong-community-office.txt");
  const auto& tb = table(b, "公开03表");
  CHECK(lanci_cell(tb, code_row(tb, "201"), 2).value == num("0"));  // line 296
  CHECK(lanci_cell(tb, code_row(tb, "201"), 3).value == num("5.00"));
  auto c = load("final-2024-luolong-gov-service-center.txt");
  const auto& tc = table(c, "公开03表");
  CHECK(lanci_cell(tc, code_row(tc, "201"), 2).value == num("200.38"));  // line 187
  CHECK(lanci_cell(tc, code_row(tc, "201"), 4).kind == doc::CellKind::blank);
  // The same column by its header.
  CHECK(named_cell(tc, code_row(tc, "201"), "基本支出").value == num("200.38"));
}

TEST_CASE("children of 20805 by code prefix") {
  auto a = load("final-2023-luolong-gov-office.txt");
  const auto& ta = table(a, "公开05表");
  CHECK(child_codes(ta, code_row(ta, "20805")) == std::set<std::string>{"2080501", "2080505"});  // lines 288–289
  const auto& leaf = code_row(ta, "2080505");
  REQUIRE(leaf.parent >= 0);
  CHECK(ta.rows[static_cast<std::size_t>(leaf.parent)].code == "20805");
  CHECK(ta.rows[static_cast<std::size_t>(ta.rows[static_cast<std::size_t>(leaf.parent)].parent)].code == "208");
  auto b = load("final-2023-xigong-community-office.txt");
  const auto& tb = table(b, "公开02表");
  CHECK(child_codes(tb, code_row(tb, "20805")) == std::set<std::string>{"2080505"});  // line 226
  auto c = load("final-2024-luolong-gov-service-center.txt");
  const auto& tc = table(c, "公开03表");
  CHECK(child_codes(tc, code_row(tc, "20805")) == std::set<std::string>{"2080502", "2080505"});  // lines 194–195
}

TEST_CASE("公开06表 30217 in the middle (公用经费) block, and the 合计 rows") {
  auto a = load("final-2023-luolong-gov-office.txt");
  const auto& ta = table(a, "公开06表");
  REQUIRE(ta.blocks.size() == 3);
  const auto& r = code_row(ta, "30217");
  CHECK(r.block == 1);
  CHECK(r.label == "公务接待费");
  CHECK(named_cell(ta, r, "决算数").value == num("0"));  // line 328
  CHECK(named_cell(ta, code_row(ta, "30302"), "决算数").value == num("60.49"));
  CHECK(named_cell(ta, code_row(ta, "30299"), "决算数").value == num("3.23"));  // line 340, only block 1 printed
  CHECK(named_cell(ta, label_row(ta, "人员经费合计"), "决算数").value == num("670.00"));  // line 341
  CHECK(named_cell(ta, label_row(ta, "公用经费合计"), "决算数").value == num("56.23"));

  auto b = load("final-2023-xigong-community-office.txt");
  const auto& tb = table(b, "公开06表");
  CHECK(code_row(tb, "30217").block == 1);
  CHECK(tb.rows[static_cast<std::size_t>(&code_row(tb, "30226") - tb.rows.data())].cells.back().value == num("9.25"));
  CHECK(code_row(tb, "30299").block == 1);  // line 580: printed alone
  CHECK(label_row(tb, "公用经费合计").cells.back().value == num("36.32"));
  // The header (lines 510–521) is "人员经费 公用经费" over three "科目⏎代码⏎科目名称
  // 决算数" blocks: each block's figure column is 决算数, addressable by name.
  CHECK(named_cell(tb, code_row(tb, "30101"), "决算数").value == num("35.06"));  // line 529
  CHECK(named_cell(tb, code_row(tb, "302"), "决算数").value == num("36.32"));   // line 527

  auto c = load("final-2024-luolong-gov-service-center.txt");
  const auto& tc = table(c, "公开06表");
  CHECK(code_row(tc, "30217").cells.back().kind == doc::CellKind::blank);  // line 313
  // line 317 "30226⇥劳务费⇥399⇥⇥其他支出⇥": 399 is the next block's code, not an amount.
  CHECK(code_row(tc, "30226").cells.back().kind == doc::CellKind::blank);
  CHECK(code_row(tc, "399").label == "其他支出");
  CHECK(code_row(tc, "399").block == 2);
  CHECK(label_row(tc, "人员经费合计").cells.back().value == num("250.93"));  // line 325
  CHECK(label_row(tc, "公用经费合计").cells.back().value == num("9.00"));
}

TEST_CASE("公开09表 栏7 and the header path of its columns") {
  auto a = load("final-2023-luolong-gov-office.txt");
  const auto& t = table(a, "公开09表");
  REQUIRE(t.rows.size() == 1);
  CHECK(lanci_cell(t, t.rows[0], 7).value == num("5.31"));  // line 395
  CHECK(lanci_cell(t, t.rows[0], 12).value == num("0.81"));
  CHECK(lanci_cell(t, t.rows[0], 1).value == num("9.50"));
  auto [b, c] = t.find_lanci(9);
  REQUIRE(b == 0);
  CHECK(t.blocks[0].columns[static_cast<std::size_t>(c)].header ==
        std::vector<std::string>{"决算数", "公务用车购置及运行维护费", "小计"});
  CHECK(t.blocks[0].columns[static_cast<std::size_t>(t.column_by_lanci(0, 6))].header ==
        std::vector<std::string>{"预算数", "公务接待费"});
  auto x = load("final-2023-xigong-community-office.txt");
  const auto& tx = table(x, "公开09表");
  CHECK(lanci_cell(tx, tx.rows.at(0), 7).value == num("0"));
  CHECK(tx.declared_empty);
  // Space layout, lines 651–687: "预算数 决算数" over "合计 因公出国⏎（境）费
  // 公务用车购置及运行维护费 公务接待费" twice, over "小计 公务用车购⏎置费 公务用车运⏎行维护费"
  // twice: every column gets the path the tab layout gives.
  auto hx = [&](int lanci) { return tx.blocks[0].columns[static_cast<std::size_t>(tx.column_by_lanci(0, lanci))].header; };
  using P = std::vector<std::string>;
  CHECK(hx(1) == P{"预算数", "合计"});
  CHECK(hx(2) == P{"预算数", "因公出国（境）费"});
  CHECK(hx(3) == P{"预算数", "公务用车购置及运行维护费", "小计"});
  CHECK(hx(4) == P{"预算数", "公务用车购置及运行维护费", "公务用车购置费"});
  CHECK(hx(5) == P{"预算数", "公务用车购置及运行维护费", "公务用车运行维护费"});
  CHECK(hx(6) == P{"预算数", "公务接待费"});
  CHECK(hx(7) == P{"决算数", "合计"});
  CHECK(hx(9) == P{"决算数", "公务用车购置及运行维护费", "小计"});
  CHECK(hx(11) == P{"决算数", "公务用车购置及运行维护费", "公务用车运行维护费"});
  CHECK(hx(12) == P{"决算数", "公务接待费"});
  auto y = load("final-2024-luolong-gov-service-center.txt");
  const auto& ty = table(y, "公开09表");
  CHECK(lanci_cell(ty, ty.rows.at(0), 7).value == num("1.50"));  // line 381
  CHECK(lanci_cell(ty, ty.rows.at(0), 8).kind == doc::CellKind::blank);
}

TEST_CASE("公开04表: the 支出 half has 栏2–5, even where the 栏次 row is misaligned (2024 line 217)") {
  auto a = load("final-2023-luolong-gov-office.txt");
  const auto& ta = table(a, "公开04表");
  const auto& r = hangci_row(ta, 59);
  CHECK(r.label == "本年支出合计");
  CHECK(lanci_cell(ta, r, 3).value == num("1063.13"));  // line 254
  CHECK(lanci_cell(ta, r, 5).value == num("0"));
  auto c = load("final-2024-luolong-gov-service-center.txt");
  const auto& tc = table(c, "公开04表");
  CHECK(lanci_cell(tc, hangci_row(tc, 59), 2).value == num("508.19"));
  CHECK(lanci_cell(tc, hangci_row(tc, 59), 4).kind == doc::CellKind::blank);
  CHECK(lanci_cell(tc, hangci_row(tc, 1), 1).value == num("508.19"));
  auto x = load("final-2023-xigong-community-office.txt");
  const auto& tx = table(x, "公开04表");
  CHECK(lanci_cell(tx, hangci_row(tx, 59), 3).value == num("11643.35"));  // line 439
  CHECK(lanci_cell(tx, hangci_row(tx, 43), 4).value == num("3028.00"));  // line 408
  CHECK(hangci_row(tx, 61).block == 1);  // "一般公共预算财政拨款 29 3,415.00 61", line 443
}

TEST_CASE("rows by label, wrapped labels, empty tables") {
  auto a = load("final-2023-luolong-gov-office.txt");
  CHECK(lanci_cell(table(a, "公开02表"), label_row(table(a, "公开02表"), "合计"), 1).value == num("1063.13"));
  CHECK(label_row(table(a, "公开01表"), "总计", 1).hangci == 62);
  CHECK(table(a, "公开07表").declared_empty);
  CHECK(table(a, "公开08表").declared_empty);
  CHECK_FALSE(table(a, "公开07表").notes.empty());
  auto x = load("final-2023-xigong-community-office.txt");
  const auto& t2 = table(x, "公开02表");
  const auto& wrapped = code_row(t2, "2120899");  // lines 245–249: the name wraps, the figures follow
  CHECK(wrapped.label == "其他国有土地使用权出让收入安排的支出");
  CHECK(lanci_cell(t2, wrapped, 1).value == num("3028.00"));
  CHECK(lanci_cell(t2, label_row(t2, "合计"), 2).value == num("26256.35"));
  CHECK(t2.blocks[0].columns[static_cast<std::size_t>(t2.column_by_lanci(0, 6))].header ==
        std::vector<std::string>{"附属单位上缴收入"});  // "附属单位上缴收⏎⏎入"
}

TEST_CASE("each 项目支出绩效自评表: subject and its 年度资金总额 row (执行率, 得分)") {
  SUBCASE("luolong 2023: 13 tables") {
    auto d = load("final-2023-luolong-gov-office.txt");
    CHECK(d.find_tables("项目支出绩效自评情况表").size() == 13);
    struct Want { const char* subject; const char* rate; int places; const char* score; };
    const Want want[] = {
        {"安可替代项目", "0", 1, "0.00"},            // line 613 "0.0 %"
        {"公务接待经费", "0.162", 1, "1.62"},        // line 645
        {"固定资产购置（2023", "0.9107", 2, "9.11"},  // line 674
        {"文件柜", "0.8333", 2, "8.33"},             // line 704
        {"环境污染防治攻坚小组经费", "0.5005", 2, "5.01"},
        {"会议室改造升级", "0.7733", 2, "7.73"},
        {"劳务派遣人员经费", "0.6957", 2, "6.96"},
        {"洛龙交巡大队", "0.6667", 2, "6.67"},
        {"引入专家团队", "0.5", 1, "5.00"},
        {"门户网站", "0.5493", 2, "5.49"},
        {"值班经费", "0.701", 1, "7.01"},
        {"武装干部住房租金", "0.9412", 2, "9.41"},
        {"政府办综合经费", "0.6945", 2, "6.95"},    // line 979
    };
    for (const auto& w : want) {
      CAPTURE(w.subject);
      auto [rate, score] = fund_total(d, w.subject);
      check_percent(rate, w.rate, w.places);
      CHECK(score.value == num(w.score));
    }
    // The 资金 columns are all there, 分值 of a 资金来源 row is "-".
    const auto& t = *d.find_tables("项目支出绩效自评情况表")[1];
    int b = block_named(t, "资金");
    const auto& src = label_row(t, "财政拨款", b);
    CHECK(named_cell(t, src, "年初预算数").value == num("5"));
    CHECK(named_cell(t, src, "全年执行数").value == num("0.81"));
    CHECK(named_cell(t, src, "分值").kind == doc::CellKind::blank);
  }
  SUBCASE("xigong 2023 (space layout, 执行率 printed without %, header \"执行率 %\"): 9 tables, rates read as percentages") {
    auto d = load("final-2023-xigong-community-office.txt");
    CHECK(d.find_tables("项目单位自评表").size() == 9);
    struct Want { const char* subject; const char* rate; const char* score; };
    const Want want[] = {
        {"社区治理和服务创新资金", "51.25", "5.13"},  // line 1185
        {"老旧小区改造办公经费", "0", "0"},          // line 1300
        {"区政府购买服务", "88.1", "8.81"},
        {"可行性研究报告费用", "85.83", "8.58"},
        {"西工区智慧化社区", "0", "0"},
        {"专项债项目可研编制", "100", "10"},
        {"（存）洛阳市西工区智慧社区", "0", "0"},
        {"党建工作经费", "28", "2.8"},
        {"2021年老旧小区改造配套", "100", "10"},  // subjects are kept without the extraction's spaces   // line 2183
    };
    for (const auto& w : want) {
      CAPTURE(w.subject);
      auto [rate, score] = fund_total(d, w.subject);
      CHECK(rate.kind == doc::CellKind::percent);
      CHECK(rate.value == num(w.rate) * Number::fraction(1, 100));  // 51.25 under "执行率 %" is 0.5125
      CHECK(score.value == num(w.score));
    }
  }
  SUBCASE("luolong 2024: 得分 not printed on most rows; two figures in one cell split (line 597)") {
    auto d = load("final-2024-luolong-gov-service-center.txt");
    CHECK(d.find_tables("项目支出绩效自评情况表").size() == 11);
    auto [r1, s1] = fund_total(d, "12345便民热线办公经费");
    check_percent(r1, "0.26", 1);
    CHECK(s1.kind == doc::CellKind::blank);
    auto [r2, s2] = fund_total(d, "值班带班补助");  // "0.0 % 0.00" in one cell
    check_percent(r2, "0", 1);
    CHECK(s2.value == num("0.00"));
    auto [r3, s3] = fund_total(d, "政务服务全覆盖");  // "32 .2 3 %", line 869
    check_percent(r3, "0.3223", 2);
    auto [r4, s4] = fund_total(d, "行政效能经费");  // "15. 18 %", line 661
    check_percent(r4, "0.1518", 2);
  }
}

TEST_CASE("部门整体 tables: 资金 rows, indicator rows with carried levels, 总分") {
  auto d = load("final-2023-luolong-gov-office.txt");
  const auto& t = table(d, "部门整体支出绩效自评情况表");
  int f = block_named(t, "资金");
  const auto& total = label_row(t, "部门预算总额", f);  // line 552
  check_percent(named_cell(t, total, "执行率"), "0.6401", 2);
  CHECK(named_cell(t, total, "得分").value == num("7.11"));
  CHECK(named_cell(t, total, "全年执行数").value == num("1159"));
  check_percent(named_cell(t, label_row(t, "财政拨款", f), "执行率"), "0.6358", 2);  // "63.58 %"
  int ind = block_named(t, "绩效指标");
  const auto& sum = label_row(t, "总分", ind);  // line 604
  CHECK(named_cell(t, sum, "分值").value == num("100"));
  CHECK(named_cell(t, sum, "得分").value == num("96.11"));
  const auto& row = label_row(t, "结转结余率", ind);  // line 585
  CHECK(named_cell(t, row, "一级指标").text == "投入管理指标");
  CHECK(named_cell(t, row, "一级指标").carried);
  CHECK(named_cell(t, row, "二级指标").text == "预算和财务管理");
  CHECK(named_cell(t, row, "年度指标值").text == "≤10%");
  CHECK(named_cell(t, row, "得分").value == num("0"));
  CHECK(named_cell(t, row, "偏差度").value == num("264.20"));

  auto x = load("final-2023-xigong-community-office.txt");
  const auto& tx = table(x, "部门整体自评表");
  CHECK(named_cell(tx, label_row(tx, "总分"), "得分").value == num("100"));  // line 1174
  CHECK(named_cell(tx, label_row(tx, "部门预算总额"), "全年预算数").value == num("30288.47"));
  auto y = load("final-2024-luolong-gov-service-center.txt");
  const auto& ty = table(y, "部门整体支出绩效自评情况表");
  CHECK(named_cell(ty, label_row(ty, "总分"), "得分").value == num("95.45"));  // line 560
  // "$\leq 13\%$" (line 531): the text kept, matched as ≤13%.
  const auto& adj = label_row(ty, "预算调整率");
  CHECK(named_cell(ty, adj, "年度指标值").text == "$\\leq 13\\%$");
  check_percent(named_cell(ty, adj, "实际完成值"), "0.0726", 2);  // "7. 26%"
}

TEST_CASE("an indicator row whose name and 年度指标值 wrap onto lines before its figures (space layout)") {
  // xigong 2023 lines 1514–1518: "时效指标 聘用时间" / "2022 年 1 月-2022 年" / "12 月" /
  // "100% 10 10 0.00%": 二级 时效指标, 三级 聘用时间, target the date, 实际 100%,
  // 分值 10, 得分 10, 偏差度 0.00%. The table's 总分 98.81 (line 1545) is
  // 8.81 + 4 × 5 + 3 + 4 + 3 + 10 + 10 + 10 + 25 + 5 only with this row read.
  auto x = load("final-2023-xigong-community-office.txt");
  const doc::Table* t = nullptr;
  for (const auto& c : x.tables)
    if (c.subject == "区政府购买服务") t = &c;
  REQUIRE(t != nullptr);
  int ind = block_named(*t, "绩效指标");
  const auto& r = label_row(*t, "聘用时间", ind);
  CHECK(named_cell(*t, r, "二级指标").text == "时效指标");
  CHECK(named_cell(*t, r, "年度指标值").text == "2022年1月-2022年12月");
  check_percent(named_cell(*t, r, "实际完成值"), "1", 0);
  CHECK(named_cell(*t, r, "分值").value == num("10"));
  CHECK(named_cell(*t, r, "得分").value == num("10"));
  check_percent(named_cell(*t, r, "偏差度"), "0", 2);
}

TEST_CASE("budget 2025: tables without codes, split 类/款/项 codes, unit-code rows") {
  auto d = load("budget-2025-xigong-gov-office.txt");
  CHECK(d.kind == doc::Kind::budget);
  CHECK(d.year == 2025);
  CHECK(d.toc.size() == 14);
  // 行政（事业）单位机构运转经费预算表 is listed in the 目录 (line 30) but not printed.
  CHECK(std::any_of(d.warnings.begin(), d.warnings.end(), [](const doc::Warning& w) {
    return w.message.find("行政（事业）单位机构运转经费预算表") != std::string::npos;
  }));
  const auto& t = table(d, "一般公共预算支出预算表");
  const auto& r = code_row(t, "2010301");  // "201⇥03⇥01⇥⇥行政运行⇥551.60", line 327
  CHECK(r.label == "行政运行");
  CHECK(named_cell(t, r, "合计").value == num("551.60"));
  CHECK(t.row_by_code("102") == nullptr);  // the unit's own row (line 326) is no classification row
  const auto& unit = label_row(t, "洛阳市西工区人民政府办公室");
  CHECK(unit.code.empty());
  const auto& s = table(d, "部门收支预算表");
  CHECK(label_row(s, "本年支出合计", 1).cells.back().value == num("1074.61"));  // line 232
  CHECK(label_row(s, "二、外交", 1).cells.back().kind == doc::CellKind::blank);
  const auto& three = table(d, "一般公共预算“三公”经费预算表");
  CHECK(three.rows.at(0).cells.back().value == num("0.83"));  // 公务接待费, line 414
  CHECK(named_cell(three, three.rows.at(0), "公务用车运行费").value == num("4.60"));
}

TEST_CASE("budget 2025: header rows that lost empty cells are realigned to their columns") {
  auto d = load("budget-2025-xigong-gov-office.txt");
  using P = std::vector<std::string>;
  auto header = [](const doc::Table& t, std::size_t c) { return t.blocks.at(0).columns.at(c).header; };
  // 部门支出预算表, lines 256–258: "项目支出" is printed one cell left (over the
  // 公用经费 group), the third row "类 款 项 工资福利支出 …" is packed to the left.
  // The figures of line 259 (合计 1074.61, 833.26, 677.87, 103.48, 51.91, -,
  // 241.35, 137.53, 103.82) tell which column is which: 833.26 = 677.87 + 103.48 + 51.91.
  const auto& t = table(d, "部门支出预算表");
  REQUIRE(t.blocks.at(0).columns.size() == 14);
  CHECK(header(t, 0) == P{"科目编码", "类"});
  CHECK(header(t, 3) == P{"单位代码"});
  CHECK(header(t, 5) == P{"合计"});
  CHECK(header(t, 6) == P{"基本支出", "小计"});
  CHECK(header(t, 7) == P{"基本支出", "人员经费", "工资福利支出"});
  CHECK(header(t, 8) == P{"基本支出", "人员经费", "对个人和家庭的补助"});
  CHECK(header(t, 9) == P{"基本支出", "公用经费", "商品和服务支出"});
  CHECK(header(t, 10) == P{"基本支出", "公用经费", "资本性支出"});
  CHECK(header(t, 11) == P{"项目支出", "小计"});
  CHECK(header(t, 13) == P{"项目支出", "特定目标类"});
  const auto& r = code_row(t, "2010301");  // line 261: 551.60 551.60 501.65 0.24 49.71
  CHECK(named_cell(t, r, "工资福利支出").value == num("501.65"));
  CHECK(named_cell(t, r, "商品和服务支出").value == num("49.71"));
  // The same packed third row, printed with its gaps elsewhere (国有资本经营支出预算表, line 440).
  const auto& g = table(d, "国有资本经营支出预算表");
  CHECK(header(g, 7) == P{"基本支出", "人员经费", "工资福利支出"});
  CHECK(header(g, 10) == P{"基本支出", "公用经费", "资本性支出"});
  CHECK(header(g, 5) == P{"合计"});
  // 部门收入预算表, lines 242–244: "上年结转结余" printed over 其他收入; it heads
  // the second 合计 and what follows.
  const auto& in = table(d, "部门收入预算表");
  CHECK(header(in, 13) == P{"本年收入", "其他收入"});
  CHECK(header(in, 14) == P{"上年结转结余", "合计"});
  CHECK(header(in, 19) == P{"上年结转结余", "单位资金"});
  // Rows that were right stay as they were (支出经济分类汇总表, lines 372–373).
  const auto& e = table(d, "支出经济分类汇总表");
  CHECK(header(e, 7) == P{"一般公共预算", "小计"});
  CHECK(header(e, 9) == P{"政府性基金"});
  // luolong 2024 公开09表, line 377: "决算数" printed over 栏4 instead of 栏7.
  auto y = load("final-2024-luolong-gov-service-center.txt");
  const auto& ty = table(y, "公开09表");
  auto hy = [&](int lanci) { return ty.blocks[0].columns[static_cast<std::size_t>(ty.column_by_lanci(0, lanci))].header; };
  CHECK(hy(4) == P{"预算数", "公务用车购置及运行维护费", "公务用车购置费"});
  CHECK(hy(6) == P{"预算数", "公务接待费"});
  CHECK(hy(7) == P{"决算数", "合计"});
  CHECK(hy(11) == P{"决算数", "公务用车购置及运行维护费", "公务用车运行维护费"});
}

TEST_CASE("budget 2025: 部门预算项目绩效目标表 rows that lost an empty cell are read under their headers") {
  auto d = load("budget-2025-xigong-gov-office.txt");
  const auto& t = table(d, "部门预算项目绩效目标表");
  auto cell = [&](const doc::Row& r, const char* path) -> const doc::Cell& { return named_cell(t, r, path); };
  // Line 549: "410303220000000013422 ⇥ 办公经费-差旅费 ⇥ 其他运转类 ⇥ 0.96 ⇥ 0.96 ⇥ ⇥ 总成本 ⇥ ≤0.96万元 ⇥
  // 资金支付合规率 ⇥ 100% ⇥ 正常发挥区政府的社会职能 ⇥ 保障及时 ⇥ 工作人员满意度 ⇥ ≥95%" — one empty
  // cell fewer than the header (lines 544–546: 资金总额 政府预算资金 财政专户管理资金 单位资金,
  // then 三级指标/指标值 under 成本, 产出, 效益, 满意度指标).
  const auto& r = label_row(t, "办公经费-差旅费");
  CHECK(r.line == 549);
  CHECK(cell(r, "资金总额").value == num("0.96"));
  CHECK(cell(r, "政府预算资金").value == num("0.96"));
  CHECK(cell(r, "财政专户管理资金").kind == doc::CellKind::blank);
  CHECK(cell(r, "单位资金").kind == doc::CellKind::blank);
  CHECK(cell(r, "成本指标›三级指标").text == "总成本");
  CHECK(cell(r, "成本指标›指标值").text == "≤0.96万元");
  CHECK(cell(r, "产出指标›三级指标").text == "资金支付合规率");
  CHECK(cell(r, "效益指标›指标值").text == "保障及时");
  CHECK(cell(r, "满意度指标›指标值").text == "≥95%");
  // Its second line (550: "保障人数 ⇥ ≥44人", printed one cell left as well) is a second 产出指标.
  const auto& second = t.rows.at(static_cast<std::size_t>(&r - t.rows.data()) + 1);
  CHECK(second.line == 550);
  CHECK(cell(second, "产出指标›三级指标").text == "保障人数");
  CHECK(cell(second, "产出指标›指标值").text == "≥44人");
  CHECK(cell(second, "成本指标›指标值").kind == doc::CellKind::blank);
  // Lines 557–573 have no trailing cell (14 cells): the same shift; line 575 is the
  // wrapped end ("准") of 国防办办公经费's 产出 指标值 "符合标" (line 573).
  const auto& g = label_row(t, "国防办办公经费");
  CHECK(g.line == 572);
  CHECK(cell(g, "资金总额").value == num("10.80"));
  CHECK(cell(g, "单位资金").kind == doc::CellKind::blank);
  CHECK(cell(g, "成本指标›指标值").text == "≤10.8万元");
  CHECK(cell(g, "满意度指标›指标值").text == "≥98%");
  const doc::Row* wrapped = nullptr;
  for (const auto& row : t.rows)
    if (row.line == 575) wrapped = &row;
  REQUIRE(wrapped != nullptr);
  CHECK(cell(*wrapped, "产出指标›指标值").text == "准");
  // From line 576 on the rows have every cell (15): read as printed.
  const auto& p = label_row(t, "党建工作经费 (金融局)");
  CHECK(p.line == 576);
  CHECK(cell(p, "单位资金").kind == doc::CellKind::blank);
  CHECK(cell(p, "成本指标›三级指标").text == "总成本");
  CHECK(cell(p, "产出指标›三级指标").text == "党建活动次数");
  // The unit rows (547–548) were right and stay so.
  const auto& unit = label_row(t, "洛阳市西工区人民政府办公室");
  CHECK(cell(unit, "资金总额").value == num("241.35"));
  // A column of words the header calls a figure column is left alone when
  // moving would not help (项目支出预算表 line 455: 项目单位 holds the unit's name).
  const auto& pj = table(d, "项目支出预算表");
  const auto& pr = label_row(pj, "办公经费—其他");
  CHECK(named_cell(pj, pr, "项目单位").text == "洛阳市西工区人民政府办公室");
  CHECK(named_cell(pj, pr, "合计").value == num("20.31"));
}

TEST_CASE("budget 2025: each 部门（单位）整体绩效目标表 indicator row keeps its own 三级指标 (no name joined from the row below)") {
  auto d = load("budget-2025-xigong-gov-office.txt");
  const auto& t = table(d, "部门（单位）整体绩效目标表");
  // Lines 520–521: "产出指标 ⇥ 重点工作任务完成 ⇥ 政务信息公开 ⇥ 保障区机关大院及各大办事处的网络维护及相关设备购置 ⇥"
  // then " ⇥  ⇥ 区志办工作 ⇥ 保障区志印刷及时，准确支付相关返聘人员工资 ⇥": the second line has a
  // 指标值, so it is a row of its own, not the end of the first row's name.
  const auto& a = label_row(t, "政务信息公开");
  CHECK(a.line == 520);
  CHECK(named_cell(t, a, "指标值").text == "保障区机关大院及各大办事处的网络维护及相关设备购置");
  const auto& b = label_row(t, "区志办工作");
  CHECK(b.line == 521);
  CHECK(named_cell(t, b, "二级指标").text == "重点工作任务完成");
  CHECK(named_cell(t, b, "指标值").text == "保障区志印刷及时，准确支付相关返聘人员工资");
  // Lines 535–536: 群众满意度 and 业务关联对象满意度, both ≥98%.
  CHECK(named_cell(t, label_row(t, "群众满意度"), "指标值").text == "≥98%");
  CHECK(named_cell(t, label_row(t, "业务关联对象满意度"), "指标值").text == "≥98%");
  for (const auto& r : t.rows) CHECK_MESSAGE(r.label.find("区志办工作金融") == std::string::npos, r.label);
}

TEST_CASE("paragraphs are re-joined, with numbers broken across lines, and map back to lines") {
  auto d = load("final-2023-xigong-community-office.txt");
  const auto* s = d.find_section("收入决算情况说明");
  REQUIRE(s != nullptr);
  REQUIRE(!s->paragraphs.empty());
  const auto& p = s->paragraphs[0];
  auto pos = p.text.find("财政拨款收入 26256.35 万元");  // lines 709–711: "2⏎⏎6256.35"
  REQUIRE(pos != std::string::npos);
  CHECK(p.line == 709);
  CHECK(p.line_at(pos) == 709);
  CHECK(p.line_at(p.text.find("上级补助收入")) == 711);
  const auto* part = d.find_section("洛阳市西工区社区治理和服务创新办公室概况");  // heading wrapped, lines 84–86
  CHECK(part != nullptr);
  auto l = load("final-2023-luolong-gov-office.txt");
  const auto* three = l.find_section("“三公”经费财政拨款支出决算具体情况说明");
  REQUIRE(three != nullptr);
  CHECK(three->level == 3);
  CHECK(l.sections[static_cast<std::size_t>(three->parent)].number == "九");
}

// Space layout: a group name in the upper header row over sub-headers in the
// lower one. The paths are those the tab layout gives the same tables
// (luolong 2023: 本年支出 over 小计/基本支出/项目支出).
TEST_CASE("space layout: 公开05/07/08表 columns under the 本年支出 group are named by their header path") {
  auto x = load("final-2023-xigong-community-office.txt");
  using P = std::vector<std::string>;
  auto paths = [](const doc::Table& t) {
    std::vector<P> out;
    for (const auto& c : t.blocks.at(0).columns)
      if (c.lanci) out.push_back(c.header);
    return out;
  };
  // 公开05表, lines 459–463: "项目 本年支出" / "科目代码 科目名称 小计 基本支出 项目支出" / "栏次 1 2 3".
  const auto& t5 = table(x, "公开05表");
  CHECK(paths(t5) == std::vector<P>{{"本年支出", "小计"}, {"本年支出", "基本支出"}, {"本年支出", "项目支出"}});
  const auto& total5 = label_row(t5, "合计");  // line 465: 合计 11,643.35 133.85 11,509.50
  CHECK(named_cell(t5, total5, "小计").value == num("11643.35"));
  CHECK(named_cell(t5, total5, "基本支出").value == num("133.85"));
  CHECK(named_cell(t5, total5, "项目支出").value == num("11509.50"));
  // 公开07表, lines 590–601: the group 本年支出 is the third of four upper names;
  // its sub-headers' "支出" tells it from 年初结转和结余, 本年收入, 年末结转和结余.
  const auto& t7 = table(x, "公开07表");
  CHECK(paths(t7) == std::vector<P>{{"年初结转和结余"},
                                    {"本年收入"},
                                    {"本年支出", "小计"},
                                    {"本年支出", "基本支出"},
                                    {"本年支出", "项目支出"},
                                    {"年末结转和结余"}});
  const auto& r7 = code_row(t7, "229");  // line 615: 229 其他支出 0 15,000.00 15,000.00 0 15,000.00 0
  CHECK(named_cell(t7, r7, "本年收入").value == num("15000.00"));
  CHECK(named_cell(t7, r7, "基本支出").value == num("0"));
  CHECK(named_cell(t7, r7, "项目支出").value == num("15000.00"));
  CHECK(named_cell(t7, r7, "年末结转和结余").value == num("0"));
  // 公开08表, lines 635–639: 合计 over 基本支出/项目支出 (printed empty).
  const auto& t8 = table(x, "公开08表");
  CHECK(paths(t8) == std::vector<P>{{"本年支出", "合计"}, {"本年支出", "基本支出"}, {"本年支出", "项目支出"}});
}

// Not a sample: the grouped space-layout header read from its structure, in
// other printings than xigong's (the words written here by hand).
TEST_CASE("space layout: group levels over one block name every column, or none when the group is not clear") {
  auto read_table = [](const std::string& header) {
    std::string text = "测试单位 2023 年度部门决算\n\n某某支出决算表\n公开 09 表\n单位：万元\n" + header +
                       "1 2 3 4 5 6 7 8 9 10\n1 2 3 4 5 6 7 8 9 10\n";
    auto d = read::read_text(text, "t.txt");
    REQUIRE(d.tables.size() == 1);
    auto t = d.tables[0];
    REQUIRE(t.blocks.size() == 1);
    std::vector<std::vector<std::string>> h;
    for (int l = 1; l <= 10; ++l) h.push_back(t.blocks[0].columns[static_cast<std::size_t>(t.column_by_lanci(0, l))].header);
    return h;
  };
  using P = std::vector<std::string>;
  // Names sharing their ending with the group (本年支出 over 基本支出, 项目支出);
  // "(境)费" split off within a line is joined back.
  auto a = read_table("上年数 本年数\n合计 出国 (境)费 本年支出 合计 出国 (境)费 本年支出\n"
                      "小计 基本支出 项目支出 小计 基本支出 项目支出\n");
  CHECK(a[0] == P{"上年数", "合计"});
  CHECK(a[1] == P{"上年数", "出国(境)费"});
  CHECK(a[2] == P{"上年数", "本年支出", "小计"});
  CHECK(a[3] == P{"上年数", "本年支出", "基本支出"});
  CHECK(a[4] == P{"上年数", "本年支出", "项目支出"});
  CHECK(a[5] == P{"本年数", "合计"});
  CHECK(a[8] == P{"本年数", "本年支出", "基本支出"});
  CHECK(a[9] == P{"本年数", "本年支出", "项目支出"});
  // Sub-names that follow no group's name: no names (栏次 still addresses them).
  auto b = read_table("上年数 本年数\n合计 出国费 本年支出 合计 出国费 本年支出\n"
                      "小计 甲类 乙类 小计 甲类 乙类\n");
  for (const auto& p : b) CHECK(p.empty());
  // Words that do not repeat once per top group: no names.
  auto c = read_table("上年数 本年数\n合计 出国费 本年支出 合计 出国费 其他支出\n"
                      "小计 基本支出 项目支出 小计 基本支出 项目支出\n");
  for (const auto& p : c) CHECK(p.empty());
}

TEST_CASE("cover: the department name without the year printed between it and 部门决算") {
  // The Shanghai cover prints "上海市普陀区财政局" over "2024年度部门决算"; Henan's
  // "洛阳市洛龙区人民政府办公室 2023 年度部门决算公开" is covered by the sample above.
  for (const char* cover : {"上海市普陀区财政局\n2024年度部门决算\n", "上海市普陀区财政局 2024 年部门决算\n"}) {
    auto d = read::read_text(std::string(cover) + "目录\n", "cover.txt");
    CHECK_MESSAGE(d.department == "上海市普陀区财政局", cover);
    CHECK(d.year == 2024);
  }
}

TEST_CASE("a line that starts with a bracketed word continues the paragraph; （一）/(2) start an item") {
  // The Shanghai 说明五（二） wraps "…一般公共服务支出" before "（类）2106.66万元，占71.73%；"
  // (page 21 of the sample PDF); the bracket does not number anything.
  std::string text =
      "2024年度部门决算\n第三部分 情况说明\n一、一般公共预算财政拨款支出决算结构情况\n"
      "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出\n"
      "（类）2106.66万元，占71.73%。\n"
      "（一）第一项。\n"
      "(2)第二项。\n";
  auto d = read::read_text(text, "paragraphs.txt");
  const auto* s = d.find_section("一般公共预算财政拨款支出决算结构情况");
  REQUIRE(s != nullptr);
  REQUIRE(s->paragraphs.size() >= 2);
  CHECK(s->paragraphs[0].text.find("一般公共服务支出（类）2106.66万元，占71.73%") != std::string::npos);
  CHECK(s->paragraphs[0].text.find("第一项") == std::string::npos);
}
