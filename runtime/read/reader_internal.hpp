// Internal: pieces of the text reader (text_reader.cpp finds the tables and
// sections; table_grid.cpp and table_perf.cpp read one table's lines).
#pragma once

#include "runtime/document.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::read {

struct SourceLine {
  std::string_view text;   // without the newline
  std::uint32_t no = 0;    // 1-based line number
  bool has_tab = false;
};

// The lines of one table, as the document reader delimited them: the title
// and the lines above the header (code, unit, department, date) are already
// consumed into `table`; `body` holds the rest up to the table's end, notes
// (注：/说明：) removed into table.notes.
struct TableDraft {
  doc::Table table;
  std::vector<SourceLine> body;
};

// Reads a table of figures (公开01–09表, budget tables): header rows, 栏次,
// blocks, rows keyed by 行次 / 科目代码 / label. Tab-separated or
// space-separated lines are told apart here.
void read_grid_table(TableDraft& draft, std::vector<doc::Warning>& warnings);

// Reads a performance table (部门整体/项目支出绩效自评表, 绩效目标表).
void read_perf_table(TableDraft& draft, std::vector<doc::Warning>& warnings);

// Shared helpers.
bool is_page_number(std::string_view trimmed);      // "- 9 -", "-9-", "第 3 页"
bool is_date_line(std::string_view squeezed);        // "2023年度", "2024年04月"
bool is_code_line(std::string_view squeezed);        // "公开01表"
// A 栏次 row: its first cell is 栏次, or its cells (empty ones aside) are the
// numbers 1, 2, … n (n ≥ 2) in order.
bool lanci_row(const std::vector<std::string_view>& cells);
// A heading over classification codes (科目代码, 科目编码, 支出功能分类科目编码),
// not over a unit's or a project's code (单位代码, 部门编码, 项目编码), which
// are text. `normalized` is doc::normalize'd.
bool subject_code_heading(std::string_view normalized);
// Links classification codes within each block: parent = the row above with
// the longest code that is a proper prefix.
void link_hierarchy(doc::Table& table);

}  // namespace gouji::read
