// Reading PDFs (runtime/read/pdf_reader.cpp): the Shanghai 2024 部门决算
// sample (tests/read/pdf/, 25 pages, ONLYOFFICE export of spreadsheets) and
// PDFs that cannot be read. Every expected figure, label and page number was
// read from the PDF itself (pdftotext -layout / -bbox of the page, checked
// by eye against the printed table), not from gouji's output.
#include "read_helpers.hpp"

#include "runtime/read/pdf_reader.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace gouji;
using namespace gouji::read::test;

namespace {

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
  check_figure(path_cell(t, r, {"合计", "预算数"}), "0.95", "0.95");
  CHECK(path_cell(t, r, {"合计", "决算数"}).kind == doc::CellKind::blank);
  check_figure(path_cell(t, r, {"公务接待费", "预算数"}), "0.95", "0.95");
  CHECK(path_cell(t, r, {"公务接待费", "决算数"}).kind == doc::CellKind::blank);
  std::size_t figures = 0;
  for (const auto& c : r.cells) figures += c.is_numeric();
  CHECK(figures == 2);
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

TEST_CASE("PDF: the template is read without a crash (its tables are empty forms)") {
  auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/tests/read/pdf/template-2024-shanghai-final-accounts.pdf");
  REQUIRE(!bytes.empty());
  auto r = read::read_document_bytes(bytes, "template.pdf");
  REQUIRE(std::holds_alternative<doc::Document>(r));
  CHECK(!std::get<doc::Document>(r).tables.empty());
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
