// The document model: what gouji understood of one disclosure document.
//
// Readers (runtime/read_*.cpp) build it from text or from its JSON form; the
// evaluator only reads it. Every figure remembers the source line it came
// from, so that a message can show the line. Figures are addressed the way
// finance staff address them: table (code or title), row (行次, 科目代码 or
// label), column (栏次 or header path).
//
// Layout of a table: a table has one or more blocks. A block is a group of
// columns that rows share: the left (收入) and right (支出) halves of 公开01表,
// the three 科目代码/科目名称/决算数 groups of 公开06表, or the 项目资金 and
// 绩效指标 parts of a 项目支出绩效自评表. Every row belongs to one block and
// has one cell per column of that block.
#pragma once

#include "number.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gouji::doc {

enum class Kind : std::uint8_t { unknown, final_accounts /*决算*/, budget /*预算*/ };

enum class CellKind : std::uint8_t {
  blank,    // printed empty, "-" or "—": counts as 0 in rules, but is not a 0
  number,   // a figure: 1,063.13
  percent,  // a percentage: 64.01% (value holds the ratio 0.6401)
  text,     // anything else: a name, "≥90%", "相关"
};

// Members are ordered largest first so that a Cell takes 64 bytes, not 80
// (a model holds one per printed cell).
struct Cell {
  Number value;            // number: the figure; percent: the ratio; else 0
  std::string text;        // as printed (original characters, trimmed)
  std::uint32_t line = 0;  // 1-based source line; 0 if unknown (e.g. from JSON)
  CellKind kind = CellKind::blank;
  std::int8_t places = 0;  // decimals as printed (of the percent figure for percent)
  bool carried = false;    // label carried down from a merged cell above

  bool is_numeric() const { return kind == CellKind::number || kind == CellKind::percent; }
};
static_assert(sizeof(Cell) <= 64, "doc::Cell grew: check the member order");

enum class ColumnRole : std::uint8_t {
  label,   // 项目 / 科目名称 / 三级指标: the row's name
  code,    // 科目代码 (or one of 类/款/项 split columns)
  hangci,  // 行次
  amount,  // figures
  text,    // descriptive text (指标值, 偏差原因 …)
};

struct Column {
  std::vector<std::string> header;  // path, outermost first: {"决算数", "公务用车购置及运行维护费", "小计"}
  std::optional<int> lanci;         // 栏次 printed for this column
  ColumnRole role = ColumnRole::amount;
};

struct Block {
  std::string name;             // "收入", "支出", "人员经费", "项目资金", "绩效指标" … or ""
  std::vector<Column> columns;  // the columns rows of this block have
};

struct Row {  // members ordered for size (136 bytes, not 144)
  std::string label;            // the row's name as printed (项目 / 科目名称 / 三级指标)
  std::string code;             // 科目代码, "201", "20103", "2010301" (split columns joined); "" if none
  std::vector<Cell> cells;      // one per column of blocks[block]
  std::vector<int> children;    // classification children
  std::optional<int> hangci;    // 行次
  int block = 0;                // index into Table::blocks
  int parent = -1;              // classification parent (类 of a 款, 款 of a 项), index into rows
  std::uint32_t line = 0;       // source line of the row
};

struct Table {
  std::string title;            // 收入支出决算总表, 项目支出绩效自评表
  std::string code;             // 公开01表 (spaces removed) where printed, else ""
  std::string unit;             // 万元 / 元, as printed in the table's header
  std::string department;       // 部门名称 as printed in this table
  std::string subject;          // for repeated tables: the 项目名称, else ""
  std::vector<Block> blocks;
  std::vector<Row> rows;
  std::vector<std::string> notes;  // 注：… and 说明：… lines under the table
  bool declared_empty = false;     // a 说明 says the table has no data (本表无数据)
  std::uint32_t line = 0;          // line of the title
  std::uint32_t end_line = 0;      // last line that belongs to the table

  // Lookups used by rules. Labels and codes are compared after normalize();
  // a label also finds a row printed with a list ordinal ("一、…", "（一）…").
  // block = -1 searches every block.
  const Row* row_by_hangci(int hangci) const;
  const Row* row_by_code(std::string_view code, int block = -1) const;
  const Row* row_by_label(std::string_view label, int block = -1) const;
  // Index of the column with this 栏次 in `block`, or -1.
  int column_by_lanci(int block, int lanci) const;
  // Index of the column in `block` whose header path ends with, or contains
  // as a whole element, `name` (normalised); -1 if none, -2 if ambiguous.
  int column_by_header(int block, std::string_view name) const;
  // Where column `lanci` lives: {block, column} or {-1, -1}.
  std::pair<int, int> find_lanci(int lanci) const;
};

struct Paragraph {
  std::string text;             // re-joined across wrapped lines, original characters
  std::uint32_t line = 0;       // first source line
  // Source line of each byte offset range: line_starts[i] = {offset in text, line}.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> line_map;
  std::uint32_t line_at(std::size_t offset) const;
};

struct Section {
  std::string number;           // "第三部分", "一", "（一）", "" for the root
  std::string heading;          // heading text without the number: "收入决算情况说明"
  int level = 0;                // 0 root, 1 第N部分, 2 一、, 3 （一）, 4 1.
  int parent = -1;              // index into Document::sections
  std::vector<int> children;
  std::vector<Paragraph> paragraphs;
  std::uint32_t line = 0;
};

struct Warning {
  std::uint32_t line = 0;
  std::string message;          // in Chinese, says what was not understood
};

struct Document {
  std::string path;             // as given on the command line
  Kind kind = Kind::unknown;
  int year = 0;
  std::string department;       // from the cover / title
  std::string unit;             // the document's usual unit (万元)
  std::vector<std::string> toc; // table titles listed in the 目录, in order
  std::vector<Section> sections;  // sections[0] is the root
  std::vector<Table> tables;      // in document order
  std::vector<Warning> warnings;
  std::string source;             // the decoded UTF-8 text (for showing lines)
  std::vector<std::uint32_t> line_offsets;  // byte offset of each line start in source
  // For a document read from a PDF: the 1-based page each source line was
  // synthesized from (line_pages[line - 1]); empty for text and JSON input.
  std::vector<std::uint32_t> line_pages;

  std::string_view line_text(std::uint32_t line) const;  // 1-based; "" if out of range
  std::uint32_t page_of(std::uint32_t line) const;       // 1-based page of a line; 0 if unknown
  // Tables whose code or title (normalised) equals `name`; several for
  // repeated tables such as 项目支出绩效自评表.
  std::vector<const Table*> find_tables(std::string_view name) const;
  const Section* find_section(std::string_view heading) const;  // by heading (normalised, contains)
};

// Normalisation for matching (not for display): full-width ASCII forms
// (１２３，（）％：) become half-width, ideographic space and all white space
// are removed, "—"/"－" become "-". Labels, codes, headings and rule strings
// are compared after this.
std::string normalize(std::string_view text);
// The same as a view: `text` itself when normalising changes nothing (most
// labels and figures), else a view of `buf`, which receives the result.
std::string_view normalize_view(std::string_view text, std::string& buf);
// The string a *_view function's answer stands for: `buf` itself when the
// view is of it (moved out), else a copy of the view.
inline std::string owned(std::string_view view, std::string& buf) {
  if (view.data() == buf.data()) return std::move(buf);
  return std::string(view);
}

// Drops a leading list ordinal from a normalize()d label: "一、", "(一)",
// "(1)", "1.", "1、". Other text is returned unchanged.
std::string strip_ordinal(std::string_view normalized);

const char* kind_name(Kind kind);  // "决算", "预算", "未知"

}  // namespace gouji::doc
