// gouji check --format xlsx: an Excel workbook of three sheets (spec/output.md).
//   汇总   one row per document: failures and faults by severity, score
//   不通过 one row per FAIL or ERROR outcome (and per unreadable document)
//   矩阵   documents × rules: 通过 / 不通过 / 不适用 / 出错
// Figures (left, right, difference, score) are written as text holding the
// exact decimal: a spreadsheet number is binary floating point and could not
// hold every decimal exactly. Counts are whole numbers and written as numbers.
#include "cli/report.hpp"

#include "cli/outcome_text.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <string_view>

namespace gouji::cli::report {

namespace {

constexpr ast::Severity kSeverities[] = {ast::Severity::error, ast::Severity::warning, ast::Severity::info};
constexpr lxw_row_t kMaxRows = 1'048'576;  // rows in a sheet (Excel's limit)
constexpr lxw_col_t kMaxCols = 16'384;     // columns in a sheet
constexpr std::size_t kMaxCellBytes = 32'000;  // a cell holds at most 32,767 characters

// Text for a cell: cut (at a character boundary) to what a cell can hold.
std::string cell_text(std::string_view s) {
  if (s.size() <= kMaxCellBytes) return std::string(s);
  std::size_t n = kMaxCellBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

// Writes cells and remembers the first error (libxlsxwriter reports per call).
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, lxw_error& first) : ws_(workbook_add_worksheet(wb, name)), first_(first) {
    if (!ws_ && first_ == LXW_NO_ERROR) first_ = LXW_ERROR_MEMORY_MALLOC_FAILED;
  }
  bool ok() const { return ws_ != nullptr; }
  lxw_worksheet* get() const { return ws_; }

  void text(lxw_row_t r, lxw_col_t c, std::string_view s, lxw_format* f = nullptr) {
    if (!ws_ || s.empty()) return;
    note(worksheet_write_string(ws_, r, c, cell_text(s).c_str(), f));
  }
  void count(lxw_row_t r, lxw_col_t c, std::size_t n, lxw_format* f = nullptr) {
    if (ws_) note(worksheet_write_number(ws_, r, c, static_cast<std::int64_t>(n), f));
  }
  void width(lxw_col_t first, lxw_col_t last, std::uint32_t pixels) {
    if (ws_) note(worksheet_set_column_pixels(ws_, first, last, pixels, nullptr));
  }
  void header(const std::vector<std::string>& names, lxw_format* bold) {
    for (std::size_t i = 0; i < names.size(); ++i) text(0, static_cast<lxw_col_t>(i), names[i], bold);
    if (ws_) worksheet_freeze_panes(ws_, 1, 1);
  }

 private:
  void note(lxw_error e) {
    if (e != LXW_NO_ERROR && first_ == LXW_NO_ERROR) first_ = e;
  }
  lxw_worksheet* ws_;
  lxw_error& first_;
};


std::string places_text(const Failure& f) {
  std::string s;
  std::vector<std::string> seen;
  for (const eval::Place& p : f.places) {
    std::string t = place_text(p);
    if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
    seen.push_back(t);
    s += (s.empty() ? "" : "；") + t;
  }
  return s;
}

void summary_sheet(Sheet& sh, const std::vector<DocSummary>& docs, lxw_format* bold) {
  std::vector<std::string> head = {"文件", "部门", "类别", "年度", "规则包", "评分", "满分"};
  for (ast::Severity sev : kSeverities) {
    head.push_back(std::string(severity_zh(sev)) + "级不通过");
    head.push_back(std::string(severity_zh(sev)) + "级出错");
  }
  for (const char* h : {"不适用", "通过", "无法读取"}) head.emplace_back(h);
  sh.header(head, bold);
  sh.width(0, 0, 360);
  sh.width(1, 1, 200);
  sh.width(4, 4, 160);
  sh.width(5, 6, 70);
  sh.width(7, 14, 90);
  sh.width(15, 15, 360);
  lxw_row_t r = 1;
  for (const DocSummary& d : docs) {
    if (r >= kMaxRows) break;
    sh.text(r, 0, d.path);
    if (d.unreadable) {
      std::string why = d.why;
      if (d.line) why += fmt::format("（第 {} 行）", d.line);
      sh.text(r, 15, why);
      ++r;
      continue;
    }
    sh.text(r, 1, d.department);
    sh.text(r, 2, d.kind);
    if (d.year) sh.count(r, 3, static_cast<std::size_t>(d.year));
    sh.text(r, 4, d.pack);
    sh.text(r, 5, d.score_total);
    sh.text(r, 6, d.score_max);
    lxw_col_t c = 7;
    for (ast::Severity sev : kSeverities) {
      std::size_t i = severity_index(sev);
      sh.count(r, c++, d.fail[i]);
      sh.count(r, c++, d.error[i]);
    }
    sh.count(r, c++, d.not_applicable);
    sh.count(r, c++, d.pass);
    ++r;
  }
  if (sh.get() && r > 1) worksheet_autofilter(sh.get(), 0, 0, r - 1, 15);
}

void failures_sheet(Sheet& sh, const std::vector<DocSummary>& docs, lxw_format* bold) {
  sh.header({"文件", "部门", "规则", "描述", "实例", "级别", "状态", "信息", "左边", "右边", "差（左 − 右）", "位置",
             "规则位置"},
            bold);
  sh.width(0, 0, 300);
  sh.width(1, 1, 160);
  sh.width(2, 2, 160);
  sh.width(3, 4, 220);
  sh.width(5, 6, 60);
  sh.width(7, 7, 360);
  sh.width(8, 10, 110);
  sh.width(11, 11, 300);
  sh.width(12, 12, 200);
  lxw_row_t r = 1;
  for (const DocSummary& d : docs) {
    if (d.unreadable) {
      if (r >= kMaxRows) break;
      std::string why = d.why;
      if (d.line) why += fmt::format("（第 {} 行）", d.line);
      sh.text(r, 0, d.path);
      sh.text(r, 6, "无法读取");
      sh.text(r, 7, why);
      ++r;
      continue;
    }
    for (const Failure& f : d.failures) {
      if (r >= kMaxRows) break;
      sh.text(r, 0, d.path);
      sh.text(r, 1, d.department);
      sh.text(r, 2, f.rule_id);
      sh.text(r, 3, f.description);
      sh.text(r, 4, f.bindings);
      sh.text(r, 5, severity_zh(f.severity));
      sh.text(r, 6, eval::status_name_zh(f.status));
      sh.text(r, 7, f.message);
      sh.text(r, 8, f.left);
      sh.text(r, 9, f.right);
      sh.text(r, 10, f.difference);
      sh.text(r, 11, places_text(f));
      sh.text(r, 12, f.location);
      ++r;
    }
  }
  if (sh.get() && r > 1) worksheet_autofilter(sh.get(), 0, 0, r - 1, 12);
}

void matrix_sheet(Sheet& sh, const std::vector<DocSummary>& docs, lxw_format* bold,
                  const std::map<eval::Status, lxw_format*>& look) {
  // Rules in the order they were first met (a batch may use several packs).
  std::vector<std::string> rules;
  std::map<std::string, lxw_col_t> column;
  for (const DocSummary& d : docs)
    for (const RuleStatus& rs : d.rules)
      if (!column.count(rs.rule_id) && rules.size() + 1 < kMaxCols) {
        rules.push_back(rs.rule_id);
        column[rs.rule_id] = static_cast<lxw_col_t>(rules.size());
      }
  std::vector<std::string> head = {"文件"};
  head.insert(head.end(), rules.begin(), rules.end());
  sh.header(head, bold);
  sh.width(0, 0, 360);
  if (!rules.empty()) sh.width(1, static_cast<lxw_col_t>(rules.size()), 80);
  lxw_row_t r = 1;
  for (const DocSummary& d : docs) {
    if (r >= kMaxRows) break;
    sh.text(r, 0, d.path);
    for (const RuleStatus& rs : d.rules) {
      auto it = column.find(rs.rule_id);
      if (it != column.end()) sh.text(r, it->second, eval::status_name_zh(rs.status), look.at(rs.status));
    }
    ++r;
  }
}

}  // namespace

std::string write_xlsx(const std::string& path, const std::vector<DocSummary>& docs, const BatchInfo& info) {
  lxw_workbook_options options{};
  options.constant_memory = 0;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return "无法创建工作簿";
  // No creation time of our own: a fixed one, so that the same batch gives the same workbook.
  lxw_doc_properties props{};
  std::string title = "gouji 检查报告";
  std::string comments = "由 gouji check --format xlsx 生成（--fail-on " + info.fail_on + "）";
  if (!info.pack.empty()) comments += "；规则包 " + info.pack;
  comments += "。左边、右边、差与评分是精确的十进制文本。";
  props.title = title.data();
  props.comments = comments.data();
  props.created = static_cast<std::time_t>(946684800);  // 2000-01-01 00:00:00 UTC
  lxw_error first = workbook_set_properties(wb, &props);

  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8ECF0);
  std::map<eval::Status, lxw_format*> look;
  const std::pair<eval::Status, lxw_color_t> colours[] = {{eval::Status::pass, 0xDCF5E3},
                                                          {eval::Status::fail, 0xFAD7D4},
                                                          {eval::Status::not_applicable, 0xEEEEEE},
                                                          {eval::Status::error, 0xFCE7B8}};
  for (auto [status, colour] : colours) {
    lxw_format* f = workbook_add_format(wb);
    format_set_bg_color(f, colour);
    look[status] = f;
  }

  Sheet summary(wb, "汇总", first), failures(wb, "不通过", first), matrix(wb, "矩阵", first);
  if (summary.ok()) summary_sheet(summary, docs, bold);
  if (failures.ok()) failures_sheet(failures, docs, bold);
  if (matrix.ok()) matrix_sheet(matrix, docs, bold, look);
  lxw_error closed = workbook_close(wb);  // writes the file; frees the workbook
  auto why = [](lxw_error e) {
    if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE)
      return std::string("无法创建文件（目录不存在、没有写权限或磁盘已满）");
    return std::string("libxlsxwriter 报错：") + lxw_strerror(e);
  };
  if (first != LXW_NO_ERROR) return why(first);
  if (closed != LXW_NO_ERROR) return why(closed);
  return "";
}

}  // namespace gouji::cli::report
