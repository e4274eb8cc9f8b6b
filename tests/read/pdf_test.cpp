// Reading PDFs (runtime/read/pdf_reader.cpp): the Shanghai 2024 部门决算
// sample (tests/read/pdf/, 25 pages, ONLYOFFICE export of spreadsheets) and
// PDFs that cannot be read. Every expected figure, label and page number was
// read from the PDF itself (pdftotext -layout / -bbox of the page, checked
// by eye against the printed table), not from gouji's output.
#include "read_helpers.hpp"

#include "runtime/read/pdf_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace gouji;
using namespace gouji::read::test;

namespace {

// A table's rows as 行次|代码|名称|figures…, sorted: what must be the same
// whichever path (text or PDF) the table was read through.
std::vector<std::string> rows_of(const doc::Table& t) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) {
    std::string s = fmt::format("{}|{}|{}|", row.hangci ? std::to_string(*row.hangci) : "", row.code,
                                doc::normalize(row.label));
    for (const auto& c : row.cells)
      if (c.is_numeric()) s += c.value.to_string() + ";";
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Each of these tables reads from the PDF with the rows and figures the
// text's reading has.
void check_tables_as_text(const doc::Document& pdf, const doc::Document& text, const std::vector<std::string>& codes) {
  for (const std::string& code : codes) {
    CAPTURE(code);
    CHECK(rows_of(table(pdf, code)) == rows_of(table(text, code)));
  }
}

const std::vector<std::string> kAllNine = {"公开01表", "公开02表", "公开03表", "公开04表", "公开05表",
                                           "公开06表", "公开07表", "公开08表", "公开09表"};

doc::Document read_test_pdf(const std::string& path) {
  auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/" + path);
  REQUIRE_MESSAGE(!bytes.empty(), "missing " << path);
  auto r = read::read_document_bytes(bytes, path);
  if (auto* e = std::get_if<read::ReadError>(&r)) FAIL("not read: " << e->message);
  return std::get<doc::Document>(std::move(r));
}

const std::string kShanghai = "tests/read/pdf/final-2024-shanghai-putuo-finance-bureau.pdf";

const doc::Document& shanghai() {
  static const doc::Document d = [] {
    auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/" + kShanghai);
    REQUIRE_MESSAGE(!bytes.empty(), "missing " << kShanghai);
    auto r = read::read_document_bytes(bytes, kShanghai);
    if (auto* e = std::get_if<read::ReadError>(&r)) FAIL("not read: " << e->message);
    return std::get<doc::Document>(std::move(r));
  }();
  return d;
}

const doc::Row& row_code(const doc::Table& t, const char* code, int block = -1) {
  const doc::Row* r = t.row_by_code(code, block);
  REQUIRE_MESSAGE(r != nullptr, t.title << ": no code " << code);
  return *r;
}

const doc::Row& row_label(const doc::Table& t, const char* label, int block = -1) {
  const doc::Row* r = t.row_by_label(label, block);
  REQUIRE_MESSAGE(r != nullptr, t.title << ": no row " << label);
  return *r;
}

int block_named(const doc::Table& t, const char* name) {
  for (std::size_t b = 0; b < t.blocks.size(); ++b)
    if (t.blocks[b].name == name) return static_cast<int>(b);
  FAIL(t.title << ": no block " << name);
  return -1;
}

// The cell of `row` in the column whose header path is exactly `path`.
const doc::Cell& path_cell(const doc::Table& t, const doc::Row& row, std::vector<std::string> path) {
  const auto& cols = t.blocks[static_cast<std::size_t>(row.block)].columns;
  for (std::size_t c = 0; c < cols.size(); ++c)
    if (cols[c].header == path) return row.cells[c];
  FAIL(t.title << ": no column with that header path");
  return row.cells[0];
}

void check_figure(const doc::Cell& c, const char* value, const char* printed) {
  CHECK(c.kind == doc::CellKind::number);
  CHECK(c.value == num(value));
  CHECK(c.text == printed);
}

// A minimal PDF (one page per content stream in `pages`), with a correct
// cross-reference table; `trailer_extra` goes into the trailer and
// `extra_objects` are appended as objects 4+2n… (n = number of pages).
std::string make_pdf(const std::vector<std::string>& pages, const std::string& trailer_extra = "",
                     const std::vector<std::string>& extra_objects = {}) {
  std::vector<std::string> objs;
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(3 + 2 * i) + " 0 R ";
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + std::to_string(4 + 2 * i) +
                   " 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>");
    objs.push_back("<< /Length " + std::to_string(pages[i].size()) + " >>\nstream\n" + pages[i] + "\nendstream");
  }
  for (const auto& o : extra_objects) objs.push_back(o);
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R " + trailer_extra + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string read_error(const std::string& bytes) {
  auto r = read::read_document_bytes(bytes, "x.pdf");
  if (auto* e = std::get_if<read::ReadError>(&r)) return e->message;
  return "";
}

}  // namespace

TEST_CASE("PDF: the Shanghai sample's nine tables are found with their titles, units and pages") {
  const auto& d = shanghai();
  CHECK(d.kind == doc::Kind::final_accounts);
  CHECK(d.year == 2024);
  CHECK(d.toc.size() == 9);
  // Title → page of the title (pdftotext -f N -l N shows each on that page).
  const std::vector<std::pair<std::string, std::uint32_t>> want = {
      {"收入支出决算总表", 6},
      {"收入决算表", 8},
      {"支出决算表", 10},
      {"财政拨款收入支出决算总表", 12},
      {"一般公共预算财政拨款支出决算表", 15},
      {"一般公共预算财政拨款基本支出决算表", 16},
      {"财政拨款“三公”经费支出决算表", 18},
      {"政府性基金预算财政拨款收入支出决算表", 19},
      {"国有资本经营预算财政拨款收入支出决算表", 20},
  };
  REQUIRE(d.tables.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(want[i].first);
    CHECK(d.tables[i].title == want[i].first);
    CHECK(d.tables[i].unit == "万元");
    CHECK(d.page_of(d.tables[i].line) == want[i].second);
  }
  CHECK(d.line_pages.size() == d.line_offsets.size());
}

TEST_CASE("PDF: 收入支出决算总表 — both halves, totals printed at the end of page 6 and on page 7") {
  const auto& t = table(shanghai(), "收入支出决算总表");
  int in = block_named(t, "收入"), out = block_named(t, "支出");
  check_figure(named_cell(t, row_label(t, "一般公共预算财政拨款收入", in), "决算数"), "2940.05", "2,940.05");
  check_figure(named_cell(t, row_label(t, "本年收入合计", in), "决算数"), "2946.25", "2,946.25");
  check_figure(named_cell(t, row_label(t, "本年支出合计", out), "决算数"), "2940.05", "2,940.05");
  check_figure(named_cell(t, row_label(t, "年初结转和结余", in), "决算数"), "49.14", "49.14");
  check_figure(named_cell(t, row_label(t, "年末结转和结余", out), "决算数"), "55.34", "55.34");
  const auto& total_in = row_label(t, "总计", in);
  const auto& total_out = row_label(t, "总计", out);
  check_figure(named_cell(t, total_in, "决算数"), "2995.39", "2,995.39");
  check_figure(named_cell(t, total_out, "决算数"), "2995.39", "2,995.39");
  CHECK(shanghai().page_of(total_in.line) == 7);
  // A right-half row with nothing on the left.
  check_figure(named_cell(t, row_label(t, "住房保障支出", out), "决算数"), "445.69", "445.69");
  CHECK(named_cell(t, row_label(t, "外交支出", out), "决算数").kind == doc::CellKind::blank);
}

TEST_CASE("PDF: 收入决算表 — 类/款/项 in three columns, wrapped labels joined, rows continued on page 9") {
  const auto& d = shanghai();
  const auto& t = table(d, "收入决算表");
  const auto& r = row_code(t, "2080505");
  CHECK(r.label == "机关事业单位基本养老保险缴费支出");
  check_figure(named_cell(t, r, "本年收入合计"), "160.75", "160.75");
  check_figure(named_cell(t, r, "财政拨款收入"), "160.75", "160.75");
  CHECK(named_cell(t, r, "其他收入").kind == doc::CellKind::blank);
  CHECK(d.page_of(r.line) == 8);
  CHECK(row_code(t, "2080506").label == "机关事业单位职业年金缴费支出");
  // 合计 row: figures printed with the 合计 label under the header.
  const auto& total = row_label(t, "合计");
  check_figure(named_cell(t, total, "本年收入合计"), "2946.25", "2,946.25");
  check_figure(named_cell(t, total, "其他收入"), "6.20", "6.20");
  const auto& r201 = row_code(t, "2010601");
  check_figure(named_cell(t, r201, "本年收入合计"), "1511.90", "1,511.90");
  check_figure(named_cell(t, r201, "其他收入"), "0.01", "0.01");
  // The split code columns keep what is printed.
  int kuan = t.column_by_header(r.block, "款");
  REQUIRE(kuan >= 0);
  CHECK(r.cells[static_cast<std::size_t>(kuan)].text == "05");
  // Page 9: the table goes on without its header.
  const auto& last = row_code(t, "2210203");
  CHECK(last.label == "购房补贴");
  check_figure(named_cell(t, last, "财政拨款收入"), "258.50", "258.50");
  CHECK(d.page_of(last.line) == 9);
  CHECK(t.rows[static_cast<std::size_t>(row_code(t, "20805").children.front())].code == "2080501");
}

TEST_CASE("PDF: 支出决算表 — figures printed above their row's label land in the row") {
  const auto& t = table(shanghai(), "支出决算表");
  const auto& r = row_code(t, "2010601");
  check_figure(named_cell(t, r, "本年支出合计"), "1511.89", "1,511.89");
  check_figure(named_cell(t, r, "基本支出"), "1503.52", "1,503.52");
  check_figure(named_cell(t, r, "项目支出"), "8.37", "8.37");
  const auto& r07 = row_code(t, "2010607");
  CHECK(named_cell(t, r07, "基本支出").kind == doc::CellKind::blank);
  check_figure(named_cell(t, r07, "项目支出"), "135.25", "135.25");
  const auto& total = row_label(t, "合计");
  check_figure(named_cell(t, total, "本年支出合计"), "2940.05", "2,940.05");
  check_figure(named_cell(t, total, "基本支出"), "2336.91", "2,336.91");
  check_figure(named_cell(t, total, "项目支出"), "603.14", "603.14");
}

TEST_CASE("PDF: 财政拨款收入支出决算总表 — 收入 | 支出 with four 支出 columns, labels wrapped over two lines") {
  const auto& t = table(shanghai(), "财政拨款收入支出决算总表");
  int in = block_named(t, "收入"), out = block_named(t, "支出");
  check_figure(named_cell(t, row_label(t, "本年收入合计", in), "决算数"), "2940.05", "2,940.05");
  const auto& spend = row_label(t, "一般公共服务支出", out);
  check_figure(named_cell(t, spend, "合计"), "2106.66", "2,106.66");
  check_figure(named_cell(t, spend, "一般公共预算财政拨款"), "2106.66", "2,106.66");
  CHECK(named_cell(t, spend, "政府性基金预算财政拨款").kind == doc::CellKind::blank);
  CHECK(row_label(t, "二、政府性基金预算财政拨款", in).label == "二、政府性基金预算财政拨款");
  CHECK(t.row_by_label("十四、资源勘探工业信息等支出", out) != nullptr);
  check_figure(named_cell(t, row_label(t, "总计", out), "一般公共预算财政拨款"), "2961.68", "2,961.68");
}

TEST_CASE("PDF: 一般公共预算财政拨款支出决算表 and the two 基本支出 blocks") {
  const auto& d = shanghai();
  const auto& t = table(d, "一般公共预算财政拨款支出决算表");
  check_figure(named_cell(t, row_code(t, "2010601"), "项目支出"), "8.37", "8.37");
  check_figure(named_cell(t, row_label(t, "合计"), "基本支出"), "2336.91", "2,336.91");

  const auto& b = table(d, "一般公共预算财政拨款基本支出决算表");
  REQUIRE(b.blocks.size() == 2);
  const auto& r30108 = row_code(b, "30108");
  CHECK(r30108.block == 0);
  CHECK(r30108.label == "机关事业单位基本养老保险缴费");
  check_figure(named_cell(b, r30108, "决算数"), "160.75", "160.75");
  const auto& r30228 = row_code(b, "30228");
  CHECK(r30228.block == 1);
  CHECK(r30228.label == "工会经费");
  check_figure(named_cell(b, r30228, "决算数"), "24.42", "24.42");
  CHECK(d.page_of(r30228.line) == 17);
  check_figure(named_cell(b, row_code(b, "30102"), "决算数"), "1238.58", "1,238.58");
  check_figure(named_cell(b, row_code(b, "31002"), "决算数"), "13.58", "13.58");
  check_figure(named_cell(b, row_label(b, "人员经费合计"), "决算数"), "2152.26", "2,152.26");
  check_figure(named_cell(b, row_label(b, "公用经费合计"), "决算数"), "184.65", "184.65");
  CHECK(row_label(b, "公用经费合计").block == 1);
}

TEST_CASE("PDF: 三公 table — 0.95 under 合计 预算数 and 公务接待费 预算数; the two empty tables declared empty") {
  const auto& d = shanghai();
  const auto& t = table(d, "财政拨款“三公”经费支出决算表");
  REQUIRE(t.rows.size() == 1);
  const auto& r = t.rows[0];
  const std::string top = "财政拨款“三公”经费", car = "公务用车购置及运行费";
  check_figure(path_cell(t, r, {top, "合计", "预算数"}), "0.95", "0.95");
  CHECK(path_cell(t, r, {top, "合计", "决算数"}).kind == doc::CellKind::blank);
  check_figure(path_cell(t, r, {top, "公务接待费", "预算数"}), "0.95", "0.95");
  CHECK(path_cell(t, r, {top, "公务接待费", "决算数"}).kind == doc::CellKind::blank);
  std::size_t figures = 0;
  for (const auto& c : r.cells) figures += c.is_numeric();
  CHECK(figures == 2);
  // The header has four levels (page 19): 财政拨款“三公”经费 over everything,
  // 公务用车购置及运行费 over 小计 | 公务用车购置费 | 公务用车运行费, 预算数 | 决算数
  // under each; all twelve paths, left to right.
  const std::vector<std::vector<std::string>> paths = {
      {top, "合计", "预算数"},          {top, "合计", "决算数"},
      {top, "因公出国（境）费", "预算数"}, {top, "因公出国（境）费", "决算数"},
      {top, car, "小计", "预算数"},      {top, car, "小计", "决算数"},
      {top, car, "公务用车购置费", "预算数"}, {top, car, "公务用车购置费", "决算数"},
      {top, car, "公务用车运行费", "预算数"}, {top, car, "公务用车运行费", "决算数"},
      {top, "公务接待费", "预算数"},      {top, "公务接待费", "决算数"}};
  const auto& cols = t.blocks[static_cast<std::size_t>(r.block)].columns;
  REQUIRE(cols.size() == paths.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    CAPTURE(c);
    CHECK(cols[c].header == paths[c]);
  }
  for (const char* name : {"政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"}) {
    const auto& e = table(d, name);
    CHECK(e.declared_empty);
    REQUIRE(e.notes.size() == 1);
    CHECK(e.notes[0].find("故本表无数据") != std::string::npos);
  }
}

TEST_CASE("PDF: narrative paragraphs come out whole and in reading order, with their pages") {
  const auto& d = shanghai();
  const auto* s = d.find_section("支出决算情况说明");
  REQUIRE(s != nullptr);
  REQUIRE(!s->paragraphs.empty());
  // pdftotext -layout prints "603.14万元，占20.51%；" above the line it ends.
  CHECK(s->paragraphs[0].text ==
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；");
  CHECK(d.page_of(s->paragraphs[0].line) == 21);
  const auto* s2 = d.find_section("收入支出决算总体情况说明");
  REQUIRE(s2 != nullptr);
  REQUIRE(!s2->paragraphs.empty());
  CHECK(s2->paragraphs[0].text.find("收入支出总计2995.39万元") != std::string::npos);
  CHECK(s2->paragraphs[0].text.find("以及项目支出中合同支付进度条款等原因减少支付。") != std::string::npos);
  const auto* s3 = d.find_section("机关运行经费支出情况");
  REQUIRE(s3 != nullptr);
  REQUIRE(!s3->paragraphs.empty());
  CHECK(s3->paragraphs[0].text.find("机关运行经费支出184.65万元") != std::string::npos);
  CHECK(d.page_of(s3->paragraphs[0].line) == 24);  // first line of page 24
  // No table row of the sample is left over as "not in any table" except the
  // 单位构成 list on page 5 (序号 单位名称 备注), which is not a 决算 table.
  for (const auto& w : d.warnings) {
    CAPTURE(w.message);
    CHECK((w.message.find("不属于任何能识别的表") != std::string::npos && d.page_of(w.line) <= 5));
  }
}

TEST_CASE("PDF: a line cut by the margin after a colon continues its paragraph; text input keeps ending it there") {
  // 说明五（三） item 2 (page 22): "……（项）。主要用于：" fills the line to the right
  // margin and "局财政业务指导与宣传等基本支出。年初预算为10.00万元，……" follows unindented.
  const auto& d = shanghai();
  const auto* s = d.find_section("一般公共预算财政拨款支出决算具体情况");
  REQUIRE(s != nullptr);
  bool found = false;
  for (const auto& p : s->paragraphs) {
    if (!p.text.starts_with("2、")) continue;
    found = true;
    CHECK(p.text ==
          "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。"
          "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。");
    CHECK(d.page_of(p.line) == 22);
  }
  CHECK(found);
  // The same lines as text: no layout, so the colon at the line's end ends the paragraph.
  doc::Document t = read::read_text("一、说明\n主要用于：\n局财政业务指导。\n", "t.txt");
  REQUIRE(t.sections.size() == 2);
  CHECK(t.sections[1].paragraphs.size() == 2);
  // With the front end's hint that line 2 was cut by the margin, one paragraph.
  doc::Document h = read::read_text("一、说明\n主要用于：\n局财政业务指导。\n", "t.txt", {0, 1, 0, 0});
  REQUIRE(h.sections.size() == 2);
  REQUIRE(h.sections[1].paragraphs.size() == 1);
  CHECK(h.sections[1].paragraphs[0].text == "主要用于：局财政业务指导。");
}

TEST_CASE("PDF: a table continued on the next page under its repeated header reads as the text does") {
  // tests/read/pdf/repeated-header/: the luolong 2023 sample printed with each
  // table's header rows repeated at the top of every page the table runs onto
  // (as a spreadsheet's print titles do): 公开01表 on pages 2–3, 公开04表 on
  // 4–6 (pdftotext -layout of pages 3, 5 and 6 shows 收入 | 支出, 项目 行次 金额
  // and 栏次 again above the continued rows). The text sample's
  // reading is the reference (its golden was checked by hand): every 公开 table
  // must come out with the same rows — 行次, 科目代码, label — and figures.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/repeated-header/final-2023-luolong-gov-office.pdf");
  const doc::Document text = load("final-2023-luolong-gov-office.txt");
  check_tables_as_text(pdf, text, kAllNine);
  // 行 62 总计 (right half) is the first row under the repeat on page 3: 1,063.13.
  const doc::Row* total = table(pdf, "公开01表").row_by_hangci(62);
  REQUIRE(total != nullptr);
  CHECK(pdf.page_of(total->line) == 3);
  bool figure = false;
  for (const auto& c : total->cells) figure = figure || (c.is_numeric() && c.value.to_string() == "1063.13");
  CHECK(figure);
  // The repeated header words are not read as rows ("行次“行次”不是数字").
  for (const auto& w : pdf.warnings) {
    CAPTURE(w.message);
    CHECK(w.message.find("不是数字") == std::string::npos);
    CHECK(w.message.find("放不进") == std::string::npos);
    CHECK(w.message.find("不属于任何能识别的表") == std::string::npos);
  }
}

TEST_CASE("PDF: landscape pages stored turned a quarter (/Rotate 90) read as the text does") {
  // tests/read/pdf/rotated/: portrait pages whose content is drawn turned and
  // displayed upright by /Rotate 90 (recipe in its README); 公开01–03表 print
  // on pages 2–6.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/rotated/final-2023-luolong-gov-office-p1-6.pdf");
  const doc::Document text = load("final-2023-luolong-gov-office.txt");
  check_tables_as_text(pdf, text, {"公开01表", "公开02表", "公开03表"});
  const doc::Row* r = table(pdf, "公开03表").row_by_code("2010301");
  REQUIRE(r != nullptr);
  CHECK(pdf.page_of(r->line) >= 5);
}

TEST_CASE("PDF: page numbers alone are recognised in their usual forms") {
  for (const char* yes : {"3", "-3-", "3/28", "12/128", "第3页", "第3页共28页", "第3页,共28页", "共28页第3页"}) {
    CAPTURE(yes);
    CHECK(read::is_page_number_text(yes));
  }
  for (const char* no : {"", "12345", "3-", "第页", "第3", "3/", "合计", "1,063.13", "2023年度", "第3页说明", "-3-4-"}) {
    CAPTURE(no);
    CHECK_FALSE(read::is_page_number_text(no));
  }
}

TEST_CASE("PDF: a running header and page-number footers are not read as content") {
  // tests/read/pdf/furniture/: every page prints the document's title at its
  // top and "- N -" at its bottom (recipe in its README). 公开04表 runs from
  // page 3 onto page 4, across a footer and a header.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/furniture/final-2024-luolong-gov-service-center.pdf");
  const doc::Document text = load("final-2024-luolong-gov-service-center.txt");
  check_tables_as_text(pdf, text, kAllNine);
  CHECK(pdf.department == text.department);
  for (std::uint32_t line = 1; line <= pdf.line_offsets.size(); ++line) {
    std::string_view t = pdf.line_text(line);
    CAPTURE(line);
    CAPTURE(t);
    CHECK((t.find("部门决算公开") == std::string_view::npos || line < 10));  // the cover's own title only
    std::string n = doc::normalize(t);
    CHECK_FALSE((n.starts_with("-") && read::is_page_number_text(n)));  // "- 3 -"; a bare "2025" in a form is content
  }
}

TEST_CASE("PDF: a figure and the next column's name closer than a word space are two cells") {
  // tests/read/pdf/tight-cells/ (recipe in its README): 10.5 pt cells with
  // 4 pt padding, so "1,063.13" and "一、一般公共服务支出" of the next column
  // stand 8 pt apart and were read as one cell; the column edges that the
  // other rows show split them.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/tight-cells/final-2023-luolong-gov-office-p1-8.pdf");
  const doc::Document text = load("final-2023-luolong-gov-office.txt");
  check_tables_as_text(pdf, text, {"公开02表", "公开03表", "公开05表"});
  // 行 1 of 公开01表: the 行次, the figure and the 支出 half's name, each its own cell.
  const doc::Row* r = table(pdf, "公开01表").row_by_hangci(1);
  REQUIRE(r != nullptr);
  CHECK(doc::normalize(r->label) == "一、一般公共预算财政拨款收入");
  const doc::Row* r32 = table(pdf, "公开01表").row_by_hangci(32);
  REQUIRE(r32 != nullptr);
  CHECK(doc::normalize(r32->label) == "一、一般公共服务支出");
  // The year line "2023年度" printed right above the header is the title
  // block's, not a group heading over 收入 (it was read as 2023年度›收入›项目).
  const doc::Table& t01 = table(pdf, "公开01表");
  REQUIRE(t01.blocks.size() == 2);
  CHECK(t01.blocks[0].name == "收入");
  REQUIRE(t01.blocks[0].columns.size() == 3);
  CHECK(t01.blocks[0].columns[0].header == std::vector<std::string>{"收入", "项目"});
  CHECK(t01.blocks[0].columns[2].lanci == 1);
  CHECK(t01.blocks[1].columns[2].lanci == 2);
}

// A 绩效自评 form printed as published forms are (tests/read/pdf/roundtrip/,
// laid out by tools/text_to_html.py from examples/final-2024-luolong-gov-
// service-center.txt, lines 562–590): 项目名称 and 主管部门 rows above the
// 资金 headings, labels merged down the first columns and centred in their
// cells (项目资金（万元）, 资金管理情况 over its headings and four rows, 产出指标
// over two indicator rows, 时效指标 between two rows), the 分值（20） heading
// wrapped, long 情况说明 texts wrapped in cells merged over two columns.
// Expected values read from the form on page 12 of the PDF.
TEST_CASE("PDF: a 项目支出绩效自评情况表 — merged labels on the first of their rows, stacked 项目名称/主管部门 rows") {
  auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/tests/read/pdf/roundtrip/final-2024-luolong-gov-service-center.pdf");
  REQUIRE(!bytes.empty());
  auto r = read::read_document_bytes(bytes, "luolong-2024.pdf");
  REQUIRE(std::holds_alternative<doc::Document>(r));
  const auto& d = std::get<doc::Document>(r);
  const doc::Table* form = nullptr;
  for (const auto& t : d.tables)
    if (t.title == "项目支出绩效自评情况表" && t.subject == "12345便民热线办公经费") form = &t;
  REQUIRE(form != nullptr);
  const auto& t = *form;
  CHECK(t.department == "洛龙区政务服务中心");
  CHECK(t.unit == "万元");
  int funds = block_named(t, "资金"), mgmt = block_named(t, "资金管理"), ind = block_named(t, "绩效指标");
  const auto& total = row_label(t, "年度资金总额", funds);
  CHECK(named_cell(t, total, "年初预算数").value == num("5"));
  CHECK(named_cell(t, total, "全年执行数").value == num("1.3"));
  CHECK(named_cell(t, total, "分值").value == num("10"));
  CHECK(named_cell(t, total, "执行率").value == num("0.26"));
  // The four 资金管理 rows, in order, each with 分值 5 and 得分 5.
  std::vector<std::string> labels;
  for (const auto& row : t.rows)
    if (row.block == mgmt) {
      labels.push_back(row.label);
      CHECK(named_cell(t, row, "分值").value == num("5"));
      CHECK(named_cell(t, row, "得分").value == num("5"));
    }
  CHECK(labels == std::vector<std::string>{"安排科学性", "拨付合规性", "使用规范性", "预算绩效管理情况"});
  const auto& rank = row_label(t, "12345热线在全市排名", ind);
  CHECK(named_cell(t, rank, "一级指标").text == "产出指标");
  CHECK(named_cell(t, rank, "二级指标").text == "质量指标");
  CHECK(named_cell(t, rank, "实际完成值").text == "3%");
  const auto& first = row_label(t, "受理市12345便民热线交办群众诉求事项月平均量", ind);
  CHECK(named_cell(t, first, "一级指标").text == "产出指标");
  CHECK(named_cell(t, first, "二级指标").text == "数量指标");
  const auto& social = row_label(t, "确保对市12345热线交办群众诉求事项和网民诉求事项办理质量和效率", ind);
  CHECK(named_cell(t, social, "一级指标").text == "时效指标");
  CHECK(named_cell(t, social, "二级指标").text == "社会效益指标");
  CHECK(named_cell(t, social, "分值").value == num("25"));
  const auto& score = row_label(t, "总分", ind);
  CHECK(named_cell(t, score, "分值").value == num("100"));
  CHECK(named_cell(t, score, "得分").value == num("92.6"));
}

// A form's parts have grids of their own: in the round-trip PDFs the
// 资金管理 part's 情况说明 | 分值（20） | 得分 columns and the 绩效指标 part's
// eight columns stand where the 资金 part's columns do not. Read with one set
// of columns for the whole form, a wrapped 三级指标 of 区政府门户网站运行维护经费
// (luolong 2023, page 19) and the 情况说明 column of 人员类-劳务派遣 (luolong
// 2024) ran into their neighbours; with each part's own columns both forms
// read, block by block and cell by cell, as the text reader reads the text
// they were printed from (spaces aside: the PDF prints 0.0 % as 0.0%).
TEST_CASE("PDF: each part of a 绩效自评 form takes its own columns") {
  auto squeeze_all = [](std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
  };
  auto form = [&](const doc::Document& d, const std::string& subject) -> const doc::Table& {
    for (const auto& t : d.tables)
      if (t.title == "项目支出绩效自评情况表" && squeeze_all(t.subject) == subject) return t;
    FAIL("no form " << subject);
    return d.tables.front();
  };
  auto cells_of = [&](const doc::Table& t) {
    std::vector<std::string> out;
    for (const auto& row : t.rows) {
      std::string s = fmt::format("{}|{}|", row.block, squeeze_all(row.label));
      for (const auto& c : row.cells) s += squeeze_all(c.text) + "|";
      out.push_back(std::move(s));
    }
    return out;
  };
  struct Case {
    const char* sample;
    const char* subject;
  };
  for (const Case& k : {Case{"final-2023-luolong-gov-office", "区政府门户网站运行维护经费（2023年）"},
                        Case{"final-2024-luolong-gov-service-center", "人员类-劳务派遣"},
                        // The 资金管理 part opening a page (20 and 25 of the 2023
                        // PDF): its 分值 is no repeat of the 资金 part's header,
                        // （20） ends the heading, and 资金管理情况 goes on the
                        // headings' row, not on 安排科学性's.
                        Case{"final-2023-luolong-gov-office", "区政府值班经费（2023年）"},
                        Case{"final-2023-luolong-gov-office", "劳务派遣人员经费（2023年）"},
                        // A one-line 预期目标 beside a two-line 实际完成情况, each
                        // line on its own (page 13): the form goes on.
                        Case{"final-2023-luolong-gov-office", "公务接待经费（2023年）"},
                        // 15.94% printed as "15" ".9" "4%" is one figure.
                        Case{"final-2024-luolong-gov-service-center", "大厅标准化配置"},
                        // 0.00% printed as "0.0" "0%" is one figure.
                        Case{"final-2024-luolong-gov-service-center", "政务大厅窗口服务专项经费"}}) {
    CAPTURE(k.subject);
    const doc::Document pdf = read_test_pdf(std::string("tests/read/pdf/roundtrip/") + k.sample + ".pdf");
    const doc::Document text = load(std::string(k.sample) + ".txt");
    const doc::Table& p = form(pdf, k.subject);
    const doc::Table& t = form(text, k.subject);
    REQUIRE(p.blocks.size() == t.blocks.size());
    for (std::size_t b = 0; b < t.blocks.size(); ++b) CHECK(p.blocks[b].columns.size() == t.blocks[b].columns.size());
    CHECK(cells_of(p) == cells_of(t));
  }
}

TEST_CASE("PDF: an empty table's 栏次 numbers, printed under their headings, give its columns") {
  // xigong 2023 公开08表 (text lines 630–645: 项目 | 本年支出 over 科目代码 科目名称
  // 合计 基本支出 项目支出, 栏次 1 2 3, a 合计 row and 本表无数据) as the round trip
  // prints it: headings centred, the 栏次 numbers centred under them, no figure.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/final-2023-xigong-community-office.pdf");
  const doc::Table& t = table(pdf, "公开08表");
  CHECK(t.declared_empty);
  REQUIRE(t.blocks.size() == 1);
  const auto& cols = t.blocks[0].columns;
  REQUIRE(cols.size() == 5);
  CHECK(cols[2].header == std::vector<std::string>{"本年支出", "合计"});
  CHECK(cols[3].header == std::vector<std::string>{"本年支出", "基本支出"});
  CHECK(cols[4].header == std::vector<std::string>{"本年支出", "项目支出"});
  CHECK(cols[2].lanci == 1);
  CHECK(cols[3].lanci == 2);
  CHECK(cols[4].lanci == 3);
  REQUIRE(t.rows.size() == 1);  // the 合计 row; the 栏次 row is no row
  CHECK(doc::normalize(t.rows[0].label) == "合计");
}

TEST_CASE("PDF: a heading centred in its cell does not name the column of words to its right") {
  // xigong 2023 公开07表 (text lines 585–612) as the round trip prints it:
  // page 7 ends with its header and the 合计 row, whose 合计 stands at the
  // left edge of the wide 科目名称 cell, between the centred headings 科目代码
  // and 科目名称 and clear of both. 科目代码 is no heading of 合计's column
  // (words start at their cell's left edge, left of a heading centred over
  // them); taken for one, it made that column the codes' column, and page 8
  // wrote each code into its name ("国有土地使用权出让收入安排的支21208出").
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/final-2023-xigong-community-office.pdf");
  const doc::Table& t = table(pdf, "公开07表");
  REQUIRE(t.rows.size() == 7);
  CHECK(t.rows[0].code.empty());
  CHECK(doc::normalize(t.rows[0].label) == "合计");
  const std::vector<std::pair<std::string, std::string>> want = {
      {"212", "城乡社区支出"},
      {"21208", "国有土地使用权出让收入安排的支出"},
      {"2120899", "其他国有土地使用权出让收入安排的支出"},
      {"229", "其他支出"},
      {"22904", "其他政府性基金及对应专项债务收入安排的支出"},
      {"2290402", "其他地方自行试点项目收益专项债券收入安排的支出"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(t.rows[i + 1].code == want[i].first);
    CHECK(doc::normalize(t.rows[i + 1].label) == want[i].second);
  }
}

TEST_CASE("PDF: codes under 科目编码 类 | 款 | 项 stay in their three columns beside a 单位代码 column") {
  // budget-2025 部门支出预算表 (text lines 249–270) as the round trip prints
  // it: 科目编码 over 类 | 款 | 项, then 单位代码. 单位代码 is a unit's code,
  // not a second block of classification codes: the reader once counted it
  // as one and wrote each row's code whole into 类 ("2010301", 款 and 项
  // empty), so a rule on the 款 column read nothing.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/budget-2025-xigong-gov-office.pdf");
  const doc::Table& t = table(pdf, "部门支出预算表");
  REQUIRE(t.blocks.size() == 1);
  REQUIRE(t.rows.size() >= 6);
  auto cell = [&](std::size_t r, std::size_t c) { return std::string(t.rows[r].cells.at(c).text); };
  CHECK(cell(1, 3) == "102");  // 单位代码 of the unit's row (line 260)
  const std::vector<std::array<std::string, 4>> want = {
      {"201", "03", "01", "2010301"},   // line 261 行政运行
      {"201", "03", "02", "2010302"},   // line 262 一般行政管理事务
      {"208", "05", "01", "2080501"},   // line 263 行政单位离退休
      {"208", "05", "05", "2080505"}};  // line 264 机关事业单位基本养老保险缴费支出
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(cell(i + 2, 0) == want[i][0]);
    CHECK(cell(i + 2, 1) == want[i][1]);
    CHECK(cell(i + 2, 2) == want[i][2]);
    CHECK(cell(i + 2, 3).empty());
    CHECK(t.rows[i + 2].code == want[i][3]);
  }
}

TEST_CASE("PDF: a 合计 heading after other headings on its line is a header word, not the first row") {
  // budget-2025 一般公共预算基本支出预算表 (text lines 343–362) as the round
  // trip prints it: its last header line, 科目编码 | 科目名称 | 科目编码 |
  // 科目名称 | 合计 | 人员经费 | 公用经费, stands less than two font sizes
  // above the first figures. Its 合计 was taken for the 合计 row's, which
  // started the body on the header line: the first 科目编码 lost its group.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/budget-2025-xigong-gov-office.pdf");
  const doc::Table& t = table(pdf, "一般公共预算基本支出预算表");
  REQUIRE(t.blocks.size() == 1);
  const auto& cols = t.blocks[0].columns;
  REQUIRE(cols.size() == 7);
  CHECK(cols[0].header == std::vector<std::string>{"部门预算支出经济分类科目", "科目编码"});
  CHECK(cols[2].header == std::vector<std::string>{"政府预算支出经济分类科目", "科目编码"});
  CHECK(cols[4].header == std::vector<std::string>{"本年一般公共预算基本支出", "合计"});
  REQUIRE(t.rows.size() == 18);  // 合计 and 17 economic classes (lines 345–362)
  CHECK(doc::normalize(t.rows[0].label) == "合计");
  CHECK(t.rows[0].cells.at(4).text == "833.26");
  CHECK(t.rows[1].code == "30102");
  CHECK(t.rows[1].cells.at(5).text == "89.90");
}

TEST_CASE("PDF: a page that opens with the wrapped texts of a row continues the table in its columns") {
  // budget-2025 部门预算项目绩效目标表 (text lines 581–584) as the round trip
  // prints it: page 16 opens with the rest of 西工区信创工程资金's indicators,
  // 按照国家规定的安全可靠指数 wrapped down its cell, then the row
  // 信息化建设--维护类, whose names wrap too: its first line, 信息 | 特 | 信息,
  // was taken for a line of headings, and the page for a new table with
  // columns of its own (the empty 财政专户管理资金 column missing), so every
  // indicator on the page sat one column left.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/budget-2025-xigong-gov-office.pdf");
  const doc::Table& t = table(pdf, "部门预算项目绩效目标表");
  REQUIRE(t.blocks.size() == 1);
  const auto& cols = t.blocks[0].columns;
  REQUIRE(cols.size() == 15);
  CHECK(cols[9].header == std::vector<std::string>{"绩效目标", "产出指标", "三级指标"});
  auto find = [&](std::string_view text) -> std::pair<const doc::Row*, std::size_t> {
    for (const auto& r : t.rows)
      for (std::size_t c = 0; c < r.cells.size(); ++c)
        if (doc::normalize(r.cells[c].text) == text) return {&r, c};
    return {nullptr, 0};
  };
  for (std::string_view name : {"按照国家规定的安全可靠指数", "维护次数", "系统正常运行率"}) {
    CAPTURE(name);
    const auto [row, col] = find(name);
    REQUIRE(row != nullptr);
    CHECK(pdf.page_of(row->line) == 16);
    CHECK(col == 9);
  }
  const doc::Row* upkeep = find("维护次数").first;
  REQUIRE(upkeep != nullptr);
  CHECK(doc::normalize(upkeep->cells.at(7).text) == "总成本");
  CHECK(doc::normalize(upkeep->cells.at(8).text) == "≤96.3万元");
  CHECK(doc::normalize(upkeep->cells.at(10).text) == "≥15次");
}

TEST_CASE("PDF: a form's labels wrapped in narrow cells, and a part's headings wrapped beside centred ones") {
  // budget-2025 部门（单位）整体绩效目标表 (text lines 475–530) as the round
  // trip prints it, in narrow columns (page 11):
  // - 1、资金 ⏎ 来源： and （1）政 ⏎ 府预算 ⏎ 资金 wrap in their cells; the
  //   line 来源：, with its colon, ended the table as a caption would, and
  //   the rows after it were read apart from their labels' first lines;
  // - the indicators' headings: 一级指 ⏎ 标 and 二级指 ⏎ 标 wrap, and
  //   三级指标 | 指标值 | 指标值说明 stand centred on a line between: only that
  //   line opened the part, 一级指 | 二级指 stayed with the rows above, and
  //   指标值 and 指标值说明 were lost to every indicator (text line 497).
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/budget-2025-xigong-gov-office.pdf");
  const doc::Table& t = table(pdf, "部门（单位）整体绩效目标表");
  REQUIRE(t.blocks.size() == 2);
  std::vector<std::string> heads;
  for (const auto& c : t.blocks[1].columns) heads.push_back(c.header.empty() ? "" : c.header.back());
  CHECK(heads == std::vector<std::string>{"一级指标", "二级指标", "三级指标", "指标值", "指标值说明"});
  auto row = [&](std::string_view label) -> const doc::Row* {
    for (const auto& r : t.rows)
      if (doc::normalize(r.label) == doc::normalize(label)) return &r;
    return nullptr;
  };
  const doc::Row* source = row("1、资金来源");  // line 490
  REQUIRE(source != nullptr);
  CHECK(doc::normalize(source->cells.at(0).text) == doc::normalize("1、资金来源："));
  const doc::Row* gov = row("（1）政府预算资金");  // line 491
  REQUIRE(gov != nullptr);
  CHECK(gov->cells.at(1).text == "1074.61");
  CHECK(row("来源") == nullptr);
  const doc::Row* plan = row("绩效目标编制完成率");  // line 515
  REQUIRE(plan != nullptr);
  CHECK(plan->block == 1);
  CHECK(doc::normalize(plan->cells.at(1).text) == "绩效管理");
  CHECK(plan->cells.at(3).text == "100%");
  CHECK(doc::normalize(plan->cells.at(4).text).starts_with(doc::normalize("部门（单位）按要求编制绩效目标的项目数量")));
}

TEST_CASE("PDF: an empty table's merged header of three levels gives its thirteen columns") {
  // budget-2025 政府性基金支出预算表 and 国有资本经营支出预算表 (text lines
  // 418–430 and 432–444), printed empty under a header of merged cells: 合计
  // centred down three lines between wrapped headings (单位代 ⏎ 码), and
  // 人员经费 centred over 工资福利支出 | 对个人和家庭的补助, reaching a little
  // over each. The 合计 was taken for the 合计 row (there is no figure to
  // place the body), cutting the header in two; and with no body under its
  // columns, 人员经费 was taken for a column of its own.
  const doc::Document pdf = read_test_pdf("tests/read/pdf/roundtrip/budget-2025-xigong-gov-office.pdf");
  const std::vector<std::vector<std::string>> want = {
      {"科目编码", "类"}, {"科目编码", "款"}, {"科目编码", "项"}, {"单位代码"}, {"单位（科目名称）"}, {"合计"},
      {"基本支出", "小计"}, {"基本支出", "人员经费", "工资福利支出"}, {"基本支出", "人员经费", "对个人和家庭的补助"},
      {"基本支出", "公用经费", "商品和服务支出"}, {"基本支出", "公用经费", "资本性支出"}, {"项目支出", "小计"},
      {"项目支出", "其他运转类"}};
  for (const std::string title : {"政府性基金支出预算表", "国有资本经营支出预算表"}) {
    CAPTURE(title);
    const doc::Table& t = table(pdf, title);
    REQUIRE(t.blocks.size() == 1);
    const auto& cols = t.blocks[0].columns;
    REQUIRE(cols.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      CAPTURE(i);
      std::vector<std::string> got;
      for (const auto& h : cols[i].header) got.push_back(doc::normalize(h));
      std::vector<std::string> w;
      for (const auto& h : want[i]) w.push_back(doc::normalize(h));
      CHECK(got == w);
    }
    REQUIRE(t.rows.size() == 1);
    CHECK(doc::normalize(t.rows[0].label) == "合计");
  }
}

TEST_CASE("PDF: a 栏次 row of numbers alone gives one column per number, with the figures right-aligned under it") {
  // The 三公 table prints its 栏次 row as "1 2 … 12" without the word 栏次,
  // each number centred in its cell and each figure right-aligned: a narrow
  // "0" stands clear of its number. xigong 2023 公开09表 (text lines 646–690:
  // twelve zeros) as the round trip prints it; luolong 2024 公开09表 (text
  // line 381: 1.50 in 栏 1, 3, 5, 7, 9 and 11, the rest blank) with page
  // furniture.
  const doc::Document xigong = read_test_pdf("tests/read/pdf/roundtrip/final-2023-xigong-community-office.pdf");
  const doc::Table& t = table(xigong, "公开09表");
  REQUIRE(t.blocks.size() == 1);
  const auto& cols = t.blocks[0].columns;
  REQUIRE(cols.size() == 12);
  for (int i = 0; i < 12; ++i) {
    CAPTURE(i);
    CHECK(cols[static_cast<std::size_t>(i)].lanci == i + 1);
  }
  CHECK(cols[0].header == std::vector<std::string>{"预算数", "合计"});
  CHECK(cols[11].header == std::vector<std::string>{"决算数", "公务接待费"});
  REQUIRE(t.rows.size() == 1);  // the 栏次 row is no row
  for (int l = 1; l <= 12; ++l) {
    CAPTURE(l);
    const doc::Cell& c = lanci_cell(t, t.rows[0], l);
    REQUIRE(c.is_numeric());
    CHECK(c.value.to_string() == "0");
  }
  const doc::Document luolong = read_test_pdf("tests/read/pdf/furniture/final-2024-luolong-gov-service-center.pdf");
  const doc::Table& s = table(luolong, "公开09表");
  REQUIRE(s.blocks.size() == 1);
  REQUIRE(s.blocks[0].columns.size() == 12);
  REQUIRE(s.rows.size() == 1);
  for (int l = 1; l <= 12; ++l) {
    CAPTURE(l);
    const doc::Cell& c = lanci_cell(s, s.rows[0], l);
    if (l % 2 == 1) {
      REQUIRE(c.is_numeric());
      CHECK(c.value.to_string() == "1.5");
    } else {
      CHECK_FALSE(c.is_numeric());
    }
  }
}

TEST_CASE("PDF: the template is read without a crash (its tables are empty forms)") {
  auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/tests/read/pdf/template-2024-shanghai-final-accounts.pdf");
  REQUIRE(!bytes.empty());
  auto r = read::read_document_bytes(bytes, "template.pdf");
  REQUIRE(std::holds_alternative<doc::Document>(r));
  const doc::Document& d = std::get<doc::Document>(r);
  CHECK(d.tables.size() == 9);
  // 基本支出决算表 (page 11), right block: names 8 and 6 characters wide in
  // rows 14 pt apart (pdftotext -bbox: 其他交通工具购置 ends at 468.5 pt, the
  // column's widest name further right); each row keeps its own name.
  const doc::Table& t = table(d, "一般公共预算财政拨款基本支出决算表");
  for (auto [code, name] : {std::pair{"31013", "公务用车购置"}, std::pair{"31019", "其他交通工具购置"},
                            std::pair{"31021", "文物和陈列品购置"}, std::pair{"31022", "无形资产购置"}}) {
    CAPTURE(code);
    const doc::Row* row = t.row_by_code(code);
    REQUIRE(row != nullptr);
    CHECK(doc::normalize(row->label) == name);
  }
}

TEST_CASE("PDF: bad input gets a clear Chinese message, never a crash") {
  auto sample = slurp(std::string(GOUJI_SOURCE_DIR) + "/" + kShanghai);
  REQUIRE(sample.size() > 100000);
  SUBCASE("truncated") {
    CHECK(read_error(sample.substr(0, 4000)).find("损坏或不完整") != std::string::npos);
  }
  SUBCASE("only the magic") { CHECK(!read_error("%PDF-1.7\n").empty()); }
  SUBCASE("no text layer (a page with only a line drawn)") {
    std::string pdf = make_pdf({"0 0 m 100 100 l S"});
    CHECK(read_error(pdf).find("没有文字层") != std::string::npos);
  }
  SUBCASE("a PDF with text is read") {
    std::string pdf = make_pdf({"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"});
    auto r = read::read_document_bytes(pdf, "x.pdf");
    REQUIRE(std::holds_alternative<doc::Document>(r));
    CHECK(std::get<doc::Document>(r).source.find("Hello") != std::string::npos);
  }
  SUBCASE("encrypted with a user password") {
    std::string o(64, 'A'), u(64, 'B');
    std::string pdf = make_pdf({"BT /F1 12 Tf 72 700 Td (Secret) Tj ET"},
                               "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
                               {"<< /Filter /Standard /V 1 /R 2 /O <" + o + "> /U <" + u + "> /P -4 >>"});
    CHECK(read_error(pdf).find("已加密") != std::string::npos);
  }
  SUBCASE("more pages than the limit") {
    std::vector<std::string> pages(static_cast<std::size_t>(read::kMaxPdfPages) + 1, "0 0 m 1 1 l S");
    CHECK(read_error(make_pdf(pages)).find("页的上限") != std::string::npos);
  }
  SUBCASE("a file named .pdf that is not a PDF") {
    auto path = std::filesystem::temp_directory_path() / "gouji-not-a-pdf-test.pdf";
    std::ofstream(path, std::ios::binary) << "收入支出决算总表\n这不是 PDF\n";
    auto r = read::read_document_file(path.string());
    std::filesystem::remove(path);
    REQUIRE(std::holds_alternative<read::ReadError>(r));
    CHECK(std::get<read::ReadError>(r).message.find("内容不是 PDF") != std::string::npos);
  }
}

TEST_CASE("golden JSON: the Shanghai PDF") {
  check_golden(shanghai(), "final-2024-shanghai-putuo-finance-bureau");
}
