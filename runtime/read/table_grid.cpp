// Reading a table of figures: header rows → a header path per column, the
// 栏次 row, blocks of columns, and rows keyed by 行次 / 科目代码 / label.
//
// Tab-separated tables are read by column position, except that a row of a
// table with several 科目代码 blocks (公开06表) is read unit by unit (code,
// name, figures), because extraction misplaces cells there. Space-separated
// tables have no positions: their rows are read as token sequences against
// the structure the 栏次 row and the header words give (how many blocks, which
// key columns, how many figures per block).
#include "runtime/read/cell.hpp"
#include "runtime/read/reader_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace gouji::read {

namespace {

using doc::ColumnRole;

// No real table has this many columns; a longer row is junk and is cut.
constexpr std::size_t kMaxColumns = 256;

struct GridRow {
  std::vector<std::string_view> cells;  // trimmed
  std::uint32_t line = 0;
};

bool is_dash_run(std::string_view c) {
  return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) { return ch == '-'; });
}

bool is_total_label(std::string_view clean) { return clean == "合计" || clean == "总计"; }

}  // namespace

bool lanci_row(const std::vector<std::string_view>& cells) {
  std::vector<int> nums;
  bool first = true;
  std::string buf;
  for (auto c : cells) {
    if (c.empty()) continue;
    std::string_view k = clean_view(c, buf);
    if (first && k == "栏次") return true;
    first = false;
    auto v = small_int(k);
    if (!v) return false;
    nums.push_back(*v);
  }
  if (nums.size() < 2) return false;
  for (std::size_t i = 0; i < nums.size(); ++i)
    if (nums[i] != static_cast<int>(i) + 1) return false;
  return true;
}

bool subject_code_heading(std::string_view n) {
  if (n.find("代码") == std::string_view::npos && n.find("编码") == std::string_view::npos) return false;
  return n.find("单位") == std::string_view::npos && n.find("部门") == std::string_view::npos &&
         n.find("项目编码") == std::string_view::npos;
}

namespace {

// A header row has no figures; one that starts with 合计/总计 is a header
// only if more header words follow (公开09表: 合计 | 因公出国(境)费 | …).
bool header_row(const std::vector<std::string_view>& cells) {
  bool first = true, starts_total = false;
  std::size_t words = 0;
  std::string buf;
  for (auto c : cells) {
    if (c.empty()) continue;
    std::string_view k = clean_view(c, buf);
    if (first) {
      if (is_digits(k, 3)) return false;
      starts_total = is_total_label(k);
    }
    first = false;
    if (is_figure(k)) return false;
    ++words;
  }
  return !starts_total || words >= 3;
}

struct RoleInfo {
  ColumnRole role = ColumnRole::amount;
  bool keyish = false;  // starts or belongs to a row's key (label/code/行次/unit code)
};

std::optional<RoleInfo> role_of_element(std::string_view e) {
  std::string n = doc::normalize(e);
  if (n == "行次") return RoleInfo{ColumnRole::hangci, true};
  if (n == "类" || n == "款" || n == "项") return RoleInfo{ColumnRole::code, true};
  if (n.find("代码") != std::string::npos || n.find("编码") != std::string::npos)
    return RoleInfo{subject_code_heading(n) ? ColumnRole::code : ColumnRole::text, true};
  if (n == "项目" || n == "科目名称" || n == "项目名称" || n.find("名称") != std::string::npos)
    return RoleInfo{ColumnRole::label, true};
  if (n.find("指标") != std::string::npos || n == "类型" || n == "项目分类" || n.find("说明") != std::string::npos)
    return RoleInfo{ColumnRole::text, false};
  return std::nullopt;
}

RoleInfo role_of_path(const std::vector<std::string>& path) {
  for (auto it = path.rbegin(); it != path.rend(); ++it)
    if (auto r = role_of_element(*it)) return *r;
  return {};
}

bool is_subtotal_word(std::string_view w) { return w == "小计" || w == "合计" || w == "总计"; }

// Header rows as extracted from a PDF can lose the empty cells of merged
// ones, so that a row's words land left of their columns (budget 部门支出预算表:
// "项目支出" over the 公用经费 group; "工资福利支出 …" under 单位代码). Two
// repairs, each made only when the structure asks for it unambiguously:
//  - groups over their 合计/小计: when the row below starts as many groups with
//    合计/小计 as this row has words from the first such column on, and the
//    first word stands over the first of them, the i-th word goes over the i-th
//    (公开09表 "预算数 … 决算数" over "合计 … 合计");
//  - a row's words into the open spans: a column is open when the nearest
//    header cell above it spans several columns (a group still to be split);
//    when the row has exactly as many words as there are open columns, the
//    words go into them in order.
void realign_header_rows(std::vector<std::vector<std::string>>& H, std::size_t width) {
  std::size_t R = H.size();
  // cover[q][c]: the row (≤ q) and column of the header cell over column c, or {-1,-1}.
  auto covers = [&]() {
    std::vector<std::vector<std::pair<long, long>>> cover(R, std::vector<std::pair<long, long>>(width, {-1, -1}));
    for (std::size_t q = 0; q < R; ++q) {
      long start = -1;
      for (std::size_t c = 0; c < width; ++c) {
        if (!H[q][c].empty()) start = static_cast<long>(c);
        else if (start >= 0 && q > 0 && cover[q - 1][c] != cover[q - 1][c - 1]) start = -1;  // another parent
        if (start >= 0) cover[q][c] = {static_cast<long>(q), start};
        else if (q > 0) cover[q][c] = cover[q - 1][c];
      }
    }
    return cover;
  };
  for (std::size_t r = 0; r < R; ++r) {
    if (r > 0) {
      auto cover = covers();
      std::vector<std::size_t> open, words;
      for (std::size_t c = 0; c < width; ++c) {
        auto cv = cover[r - 1][c];
        if (cv.first < 0) continue;
        std::size_t span = 0;
        for (std::size_t k = 0; k < width; ++k)
          if (cover[r - 1][k] == cv) ++span;
        if (span >= 2) open.push_back(c);
      }
      for (std::size_t c = 0; c < width; ++c)
        if (!H[r][c].empty()) words.push_back(c);
      if (!words.empty() && words.size() == open.size() && words != open) {
        std::vector<std::string> moved(width);
        for (std::size_t i = 0; i < words.size(); ++i) moved[open[i]] = std::move(H[r][words[i]]);
        H[r] = std::move(moved);
      }
    }
    if (r + 1 < R) {
      std::vector<std::size_t> subtotals, words;
      for (std::size_t c = 0; c < width; ++c)
        if (is_subtotal_word(H[r + 1][c])) subtotals.push_back(c);
      if (subtotals.size() < 2 || H[r][subtotals[0]].empty()) continue;
      for (std::size_t c = subtotals[0]; c < width; ++c)
        if (!H[r][c].empty()) words.push_back(c);
      if (words.size() != subtotals.size() || words == subtotals) continue;
      bool rightward = true;
      for (std::size_t i = 0; i < words.size(); ++i)
        if (subtotals[i] < words[i]) rightward = false;
      if (!rightward) continue;
      for (std::size_t i = words.size(); i-- > 0;)
        if (words[i] != subtotals[i]) std::swap(H[r][subtotals[i]], H[r][words[i]]);
    }
  }
}

// Header paths from header rows (merged cells carried right over the
// sub-columns of a group).
std::vector<std::vector<std::string>> header_paths(const std::vector<GridRow>& rows, std::size_t width) {
  std::size_t R = rows.size();
  std::vector<std::vector<std::string>> H(R, std::vector<std::string>(width));
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < width && c < rows[r].cells.size(); ++c) H[r][c] = squeeze(rows[r].cells[c]);
  realign_header_rows(H, width);
  auto has_lower = [&](std::size_t r, std::size_t k) {
    for (std::size_t q = r + 1; q < R; ++q)
      if (!H[q][k].empty()) return true;
    return false;
  };
  std::vector<std::vector<long>> owner(R, std::vector<long>(width, -1));
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t c = 0; c < width; ++c) {
      if (H[r][c].empty()) continue;
      owner[r][c] = static_cast<long>(c);
      if (!has_lower(r, c)) continue;  // a leaf: no sub-columns
      for (std::size_t k = c + 1; k < width && H[r][k].empty() && has_lower(r, k); ++k) {
        if (r > 0 && owner[r - 1][k] != owner[r - 1][c]) break;
        owner[r][k] = static_cast<long>(c);
      }
    }
  }
  std::vector<std::vector<std::string>> paths(width);
  for (std::size_t c = 0; c < width; ++c)
    for (std::size_t r = 0; r < R; ++r)
      if (owner[r][c] >= 0) {
        const auto& v = H[r][static_cast<std::size_t>(owner[r][c])];
        if (paths[c].empty() || paths[c].back() != v) paths[c].push_back(v);
      }
  return paths;
}

struct Layout {
  std::vector<RoleInfo> roles;          // per grid column
  std::vector<std::size_t> block_start;  // grid column where each block starts
  std::size_t width = 0;
  std::size_t block_of(std::size_t col) const {
    std::size_t b = 0;
    for (std::size_t i = 0; i < block_start.size(); ++i)
      if (block_start[i] <= col) b = i;
    return b;
  }
  std::size_t block_end(std::size_t b) const { return b + 1 < block_start.size() ? block_start[b + 1] : width; }
};

doc::Cell key_cell(std::string_view text, std::uint32_t line) {
  doc::Cell c;
  c.text = std::string(trim(text));
  c.line = line;
  c.kind = c.text.empty() ? doc::CellKind::blank : doc::CellKind::text;
  return c;
}

// Indices (within the block) of the amount/text columns, in order.
std::vector<std::size_t> value_columns(const doc::Block& blk) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < blk.columns.size(); ++i)
    if (blk.columns[i].role == ColumnRole::amount || blk.columns[i].role == ColumnRole::text) out.push_back(i);
  return out;
}

std::string table_name(const doc::Table& t) { return t.code.empty() ? t.title : fmt::format("{}（{}）", t.code, t.title); }

void warn(std::vector<doc::Warning>& w, std::uint32_t line, std::string msg) { w.push_back({line, std::move(msg)}); }

// Fills a row's value cells in order from `values`; warns about extras.
void fill_values(doc::Row& row, const doc::Block& blk, const std::vector<doc::Cell>& values, const doc::Table& t,
                 std::vector<doc::Warning>& warnings) {
  // The i-th value goes to the i-th value column (value_columns(blk)), walked without building that list.
  std::size_t i = 0;
  for (std::size_t c = 0; c < blk.columns.size() && i < values.size(); ++c)
    if (blk.columns[c].role == ColumnRole::amount || blk.columns[c].role == ColumnRole::text) row.cells[c] = values[i++];
  for (; i < values.size(); ++i)
    warn(warnings, values[i].line,
         fmt::format("{} 第 {} 行：多出的单元格“{}”没有对应的栏，未读入", table_name(t), values[i].line, values[i].text));
}

void set_key_cells(doc::Row& row, const doc::Block& blk, std::uint32_t line) {
  // Key columns show the row's key as text (never as a figure).
  std::size_t code_cols = 0;
  for (std::size_t i = 0; i < blk.columns.size(); ++i)
    if (blk.columns[i].role == ColumnRole::code) ++code_cols;
  bool label_done = false;
  for (std::size_t i = 0; i < blk.columns.size(); ++i) {
    switch (blk.columns[i].role) {
      case ColumnRole::label:
        if (!label_done) row.cells[i] = key_cell(row.label, line);
        label_done = true;
        break;
      case ColumnRole::hangci: row.cells[i] = key_cell(row.hangci ? std::to_string(*row.hangci) : "", line); break;
      case ColumnRole::code:
        if (code_cols == 1) row.cells[i] = key_cell(row.code, line);
        break;
      default: break;
    }
  }
}

doc::Row new_row(const doc::Table& t, int block, std::uint32_t line) {
  doc::Row r;
  r.block = block;
  r.line = line;
  r.cells.resize(t.blocks[static_cast<std::size_t>(block)].columns.size());
  for (auto& c : r.cells) c.line = line;
  return r;
}

// ---------------------------------------------------------------- tab layout

// Data rows that lost an empty cell: the extraction can drop the empty cell
// of a merged or blank column, so that the rest of the row lands one column
// left of its header (部门预算项目绩效目标表: "… 0.96 ⇥ 0.96 ⇥ ⇥ 总成本 …", the
// 成本指标 name under 单位资金). A row is moved back only when the header says
// so unambiguously: a word (not a figure, not blank) stands in a figure
// column, the row has room on its right, and inserting empty cells (one, or
// at most two) where the first such word stands leaves no word in any figure
// column. The lines that continue a moved row (no key of their own: the
// second 产出指标 of a project, a wrapped value) are moved with it when they
// start at or right of that point and have room.
void realign_data_rows(const Layout& lay, std::vector<GridRow>& data) {
  auto is_amount = [&](std::size_t c) { return c < lay.width && lay.roles[c].role == ColumnRole::amount; };
  auto word = [](std::string_view cell) {
    if (cell.empty()) return false;
    std::string buf;
    std::string_view k = clean_view(cell, buf);
    return !k.empty() && !is_figure(k) && !is_blank_text(k);
  };
  auto first_misfit = [&](const std::vector<std::string_view>& cells) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < cells.size() && c < lay.width; ++c)
      if (is_amount(c) && word(cells[c])) return c;
    return std::nullopt;
  };
  auto last_used = [](const std::vector<std::string_view>& cells) {
    std::size_t n = 0;
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (!cells[c].empty()) n = c + 1;
    return n;
  };
  auto shifted = [](const std::vector<std::string_view>& cells, std::size_t at, std::size_t k) {
    std::vector<std::string_view> out(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(std::min(at, cells.size())));
    out.resize(at + k);
    if (at < cells.size()) out.insert(out.end(), cells.begin() + static_cast<std::ptrdiff_t>(at), cells.end());
    return out;
  };
  auto keyed = [&](const std::vector<std::string_view>& cells) {
    for (std::size_t c = 0; c < cells.size() && c < lay.width; ++c)
      if (lay.roles[c].keyish && !cells[c].empty()) return true;
    return false;
  };
  std::optional<std::pair<std::size_t, std::size_t>> carry;  // (at, k) of the record being continued
  for (auto& gr : data) {
    if (keyed(gr.cells)) carry.reset();
    std::size_t used = last_used(gr.cells);
    if (auto at = first_misfit(gr.cells)) {
      carry.reset();
      for (std::size_t k = 1; k <= 2 && used + k <= lay.width; ++k) {
        auto moved = shifted(gr.cells, *at, k);
        if (!first_misfit(moved)) {
          gr.cells = std::move(moved);
          carry = std::make_pair(*at, k);
          break;
        }
      }
      continue;
    }
    if (!carry || keyed(gr.cells) || used == 0) continue;
    auto [at, k] = *carry;
    std::size_t first = 0;
    while (first < gr.cells.size() && gr.cells[first].empty()) ++first;
    if (first < at || used + k > lay.width) continue;
    auto moved = shifted(gr.cells, at, k);
    if (!first_misfit(moved)) gr.cells = std::move(moved);
  }
}

void read_tab_rows_positional(doc::Table& t, const Layout& lay, const std::vector<GridRow>& data,
                              std::vector<doc::Warning>& warnings) {
  std::vector<int> last_row(t.blocks.size(), -1);
  for (const auto& gr : data) {
    for (std::size_t b = 0; b < t.blocks.size(); ++b) {
      std::size_t s = lay.block_start[b], e = lay.block_end(b);
      bool any = false;
      for (std::size_t c = s; c < e && c < gr.cells.size(); ++c)
        if (!gr.cells[c].empty()) any = true;
      if (!any) continue;
      doc::Row row = new_row(t, static_cast<int>(b), gr.line);
      const auto& blk = t.blocks[b];
      std::string misplaced;
      // The row's code is read from the first run of code columns (类|款|项);
      // a second classification (政府预算经济分类) stays in its cells.
      std::size_t first_label = blk.columns.size();
      for (std::size_t i = 0; i < blk.columns.size(); ++i)
        if (blk.columns[i].role == ColumnRole::label) { first_label = i; break; }
      std::size_t code_run_end = s;
      while (code_run_end < e && blk.columns[code_run_end - s].role != ColumnRole::code) ++code_run_end;
      while (code_run_end < e && blk.columns[code_run_end - s].role == ColumnRole::code) ++code_run_end;
      for (std::size_t c = s; c < e; ++c) {
        std::string_view raw = c < gr.cells.size() ? gr.cells[c] : std::string_view();
        std::size_t ci = c - s;
        auto role = blk.columns[ci].role;
        std::string k = role == ColumnRole::code || role == ColumnRole::hangci ? clean_for_match(raw) : std::string();
        switch (role) {
          case ColumnRole::code:
            if (k.empty()) break;
            if (c >= code_run_end) {
              row.cells[ci] = key_cell(raw, gr.line);
              break;
            }
            if (is_digits(k)) row.code += k;
            else misplaced = std::string(trim(raw));
            row.cells[ci] = key_cell(raw, gr.line);
            break;
          case ColumnRole::label:
            if (ci == first_label) row.label = std::string(trim(raw));
            else row.cells[ci] = key_cell(raw, gr.line);  // a second name column (政府预算经济分类)
            break;
          case ColumnRole::hangci:
            if (!k.empty()) {
              row.hangci = small_int(k);
              if (!row.hangci)
                warn(warnings, gr.line, fmt::format("{}：行次“{}”不是数字", table_name(t), raw));
            }
            break;
          default:
            row.cells[ci] = parse_cell(raw, gr.line);
        }
      }
      if (row.label.empty() && !misplaced.empty()) row.label = misplaced;  // 合计 printed in the code column
      bool carried = false;
      if (row.label.empty() && row.code.empty() && !row.hangci && last_row[b] >= 0) {
        bool has_label_col = std::any_of(blk.columns.begin(), blk.columns.end(),
                                         [](const doc::Column& c) { return c.role == ColumnRole::label; });
        if (has_label_col) {
          row.label = t.rows[static_cast<std::size_t>(last_row[b])].label;
          carried = true;
        }
      }
      // Keep split 类/款/项 cells as printed (set_key_cells writes the whole code).
      std::vector<std::pair<std::size_t, doc::Cell>> code_cells;
      for (std::size_t i = 0; i < blk.columns.size(); ++i)
        if (blk.columns[i].role == ColumnRole::code && !row.cells[i].text.empty()) code_cells.emplace_back(i, row.cells[i]);
      set_key_cells(row, blk, gr.line);
      for (auto& [i, c] : code_cells) row.cells[i] = std::move(c);
      if (first_label < blk.columns.size()) row.cells[first_label].carried = carried;
      last_row[b] = static_cast<int>(t.rows.size());
      t.rows.push_back(std::move(row));
    }
  }
}

struct Unit {
  std::size_t pos = 0;          // grid position of its first cell (tab layout)
  std::string code, label;
  std::vector<doc::Cell> values;
  std::uint32_t line = 0;
};

bool text_token(std::string_view k) { return !k.empty() && !is_figure(k) && !is_blank_text(k); }

// Cuts a sequence of cells into units: [code] name figures…
std::vector<Unit> cut_units(const std::vector<std::pair<std::string_view, std::size_t>>& toks, std::uint32_t line) {
  std::vector<Unit> units;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    std::string k = clean_for_match(toks[i].first);
    std::string next_buf;
    std::string_view next = i + 1 < toks.size() ? clean_view(toks[i + 1].first, next_buf) : std::string_view();
    if (is_digits(k, 3) && text_token(next)) {
      Unit u;
      u.pos = toks[i].second;
      u.code = k;
      u.label = std::string(trim(toks[i + 1].first));
      u.line = line;
      units.push_back(std::move(u));
      ++i;
    } else if (text_token(k)) {
      Unit u;
      u.pos = toks[i].second;
      u.label = std::string(trim(toks[i].first));
      u.line = line;
      units.push_back(std::move(u));
    } else {
      if (units.empty()) {
        Unit u;
        u.pos = toks[i].second;
        u.line = line;
        units.push_back(std::move(u));
      }
      units.back().values.push_back(parse_cell(toks[i].first, line));
    }
  }
  return units;
}

void place_units(doc::Table& t, std::vector<Unit>& units, const std::vector<std::optional<std::size_t>>& wanted,
                 std::vector<doc::Warning>& warnings) {
  std::vector<bool> used(t.blocks.size(), false);
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::size_t b = wanted[u].value_or(0);
    while (b < used.size() && used[b]) ++b;
    if (b >= used.size()) {
      b = 0;
      while (b < used.size() && used[b]) ++b;
    }
    if (b >= used.size()) {
      warn(warnings, units[u].line,
           fmt::format("{} 第 {} 行：“{}”放不进任何栏组，未读入", table_name(t), units[u].line, units[u].label));
      continue;
    }
    used[b] = true;
    doc::Row row = new_row(t, static_cast<int>(b), units[u].line);
    row.code = units[u].code;
    row.label = units[u].label;
    set_key_cells(row, t.blocks[b], units[u].line);
    fill_values(row, t.blocks[b], units[u].values, t, warnings);
    t.rows.push_back(std::move(row));
  }
}

void read_tab_rows_units(doc::Table& t, const Layout& lay, const std::vector<GridRow>& data,
                         std::vector<doc::Warning>& warnings) {
  for (const auto& gr : data) {
    std::vector<std::pair<std::string_view, std::size_t>> toks;
    for (std::size_t c = 0; c < gr.cells.size(); ++c)
      if (!gr.cells[c].empty()) toks.emplace_back(gr.cells[c], c);
    auto units = cut_units(toks, gr.line);
    std::vector<std::optional<std::size_t>> wanted;
    for (const auto& u : units) wanted.emplace_back(lay.block_of(u.pos));
    place_units(t, units, wanted, warnings);
  }
}

void assign_lanci(doc::Table& t, const std::vector<std::string_view>& cells, std::uint32_t line,
                  std::vector<doc::Warning>& warnings) {
  std::vector<std::vector<int>> groups;
  bool has_word = false;
  for (auto c : cells) {
    std::string k = clean_for_match(c);
    if (k == "栏次") { has_word = true; groups.emplace_back(); continue; }
    if (auto v = small_int(k)) {
      if (groups.empty()) groups.emplace_back();
      groups.back().push_back(*v);
    }
  }
  std::vector<std::size_t> blocks_with_values;
  for (std::size_t b = 0; b < t.blocks.size(); ++b)
    if (!value_columns(t.blocks[b]).empty()) blocks_with_values.push_back(b);
  if (!has_word) {  // bare numbers: across all blocks in order
    std::vector<int> all;
    for (auto& g : groups) all.insert(all.end(), g.begin(), g.end());
    groups.assign(1, all);
    std::size_t i = 0;
    for (auto b : blocks_with_values)
      for (auto ci : value_columns(t.blocks[b]))
        if (i < all.size()) t.blocks[b].columns[ci].lanci = all[i++];
    if (i < all.size())
      warn(warnings, line, fmt::format("{}：栏次有 {} 个，表中只有 {} 栏数字", table_name(t), all.size(), i));
    return;
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g >= blocks_with_values.size()) {
      warn(warnings, line, fmt::format("{}：栏次分组多于表的栏组", table_name(t)));
      break;
    }
    auto vc = value_columns(t.blocks[blocks_with_values[g]]);
    for (std::size_t i = 0; i < groups[g].size(); ++i) {
      if (i < vc.size()) t.blocks[blocks_with_values[g]].columns[vc[i]].lanci = groups[g][i];
      else warn(warnings, line, fmt::format("{}：栏次 {} 没有对应的栏", table_name(t), groups[g][i]));
    }
  }
}

void build_blocks(doc::Table& t, Layout& lay, const std::vector<std::vector<std::string>>& paths) {
  lay.roles.clear();
  for (const auto& p : paths) lay.roles.push_back(role_of_path(p));
  lay.block_start = {0};
  // A block starts where a key column follows a value column, once the block
  // so far has a key column of its own (收入 | 支出; 06's three code groups).
  bool has_key = lay.width > 0 && lay.roles[0].keyish;
  for (std::size_t c = 1; c < lay.width; ++c) {
    if (lay.roles[c].keyish && !lay.roles[c - 1].keyish && has_key) {
      lay.block_start.push_back(c);
      has_key = false;
    }
    if (lay.roles[c].keyish) has_key = true;
  }
  for (std::size_t b = 0; b < lay.block_start.size(); ++b) {
    doc::Block blk;
    for (std::size_t c = lay.block_start[b]; c < lay.block_end(b); ++c) {
      doc::Column col;
      col.header = paths[c];
      col.role = lay.roles[c].role;
      blk.columns.push_back(std::move(col));
    }
    if (lay.block_start.size() > 1 && !blk.columns.empty() && !blk.columns[0].header.empty() &&
        blk.columns[0].header.size() > 1)
      blk.name = blk.columns[0].header[0];
    t.blocks.push_back(std::move(blk));
  }
}

void read_tab_grid(TableDraft& dr, std::vector<doc::Warning>& warnings) {
  auto& t = dr.table;
  std::vector<GridRow> rows;
  for (const auto& l : dr.body) {
    if (!l.has_tab) {
      auto toks = split_ws(l.text);
      if (std::any_of(toks.begin(), toks.end(), [](std::string_view tok) { return is_figure(clean_for_match(tok)); }))
        warn(warnings, l.no, fmt::format("{}：表内的这一行不是表格行，未读入：{}", table_name(t), std::string(trim(l.text)).substr(0, 120)));
      continue;
    }
    GridRow gr;
    gr.line = l.no;
    gr.cells.reserve(static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), '\t')) + 1);
    bool any = false, all_dash = true;
    for (std::string_view rest = l.text;;) {  // split(l.text, '\t') without the vector
      std::size_t tab = rest.find('\t');
      auto tc = trim(rest.substr(0, tab));
      gr.cells.push_back(tc);
      if (!tc.empty()) {
        any = true;
        if (!is_dash_run(tc)) all_dash = false;
      }
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (!any || all_dash) continue;
    rows.push_back(std::move(gr));
  }
  std::vector<GridRow> header, data;
  std::optional<GridRow> lanci;
  data.reserve(rows.size());
  for (auto& gr : rows) {  // each row goes to one place: moved
    if (data.empty() && lanci_row(gr.cells)) { lanci = std::move(gr); continue; }
    if (data.empty() && !lanci && header_row(gr.cells)) { header.push_back(std::move(gr)); continue; }
    data.push_back(std::move(gr));
  }
  Layout lay;
  auto width_of = [](const GridRow& g) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < g.cells.size(); ++i)
      if (!g.cells[i].empty()) w = i + 1;
    return w;
  };
  for (const auto& g : header) lay.width = std::max(lay.width, width_of(g));
  for (const auto& g : data) lay.width = std::max(lay.width, width_of(g));
  if (lanci) lay.width = std::max(lay.width, width_of(*lanci));
  if (lay.width == 0) return;
  if (lay.width > kMaxColumns) {
    warn(warnings, t.line, fmt::format("{}：有 {} 栏，超过 {} 栏的上限，多出的栏未读入", table_name(t), lay.width, kMaxColumns));
    lay.width = kMaxColumns;
  }
  build_blocks(t, lay, header_paths(header, lay.width));
  if (lanci) assign_lanci(t, lanci->cells, lanci->line, warnings);
  std::size_t code_blocks = 0;
  for (const auto& blk : t.blocks)
    if (std::any_of(blk.columns.begin(), blk.columns.end(), [](const doc::Column& c) { return c.role == ColumnRole::code; }))
      ++code_blocks;
  if (code_blocks >= 2)
    read_tab_rows_units(t, lay, data, warnings);
  else {
    realign_data_rows(lay, data);
    read_tab_rows_positional(t, lay, data, warnings);
  }
}

// -------------------------------------------------------------- space layout

struct SpaceShape {
  std::vector<std::size_t> amounts;  // figures per block
  bool hangci = false;               // blocks are [label, 行次, figures…]
  bool code = false;                 // blocks are [code, label, figures…]
};

std::size_t count_of(std::string_view hay, std::string_view needle) {
  std::size_t n = 0, pos = 0;
  while ((pos = hay.find(needle, pos)) != std::string_view::npos) { ++n; pos += needle.size(); }
  return n;
}

// The last `n` characters of a UTF-8 word.
std::string_view last_chars(std::string_view w, std::size_t n) {
  std::size_t i = w.size();
  while (i > 0 && n > 0) {
    --i;
    if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80) --n;
  }
  return n == 0 ? w.substr(i) : std::string_view();
}

// A space-separated header of one block with one group name too many: the
// names before the last key word (科目名称) are the upper header row, those
// after it the sub-headers of one group in that row (公开05表 "项目 本年支出 ⏎
// 科目代码 科目名称 小计 基本支出 项目支出"). Which upper name is the group:
// the only one, or else the only one whose last two characters end every
// sub-header that is not 小计/合计 (本年支出 over 基本支出, 项目支出 in 公开07表).
// Without positions nothing else tells the group apart: no names then.
std::optional<std::vector<std::vector<std::string>>> group_over_subheaders(const std::vector<std::string>& names,
                                                                           std::size_t upper) {
  std::vector<std::string> sub(names.begin() + static_cast<std::ptrdiff_t>(upper), names.end());
  std::optional<std::size_t> group;
  if (upper == 1) {
    group = 0;
  } else {
    std::size_t parts = 0;
    for (std::size_t g = 0; g < upper; ++g) {
      auto tail = last_chars(names[g], 2);
      if (tail.empty()) continue;
      bool all = true;
      parts = 0;
      for (const auto& s : sub) {
        if (s == "小计" || s == "合计") continue;
        ++parts;
        if (!s.ends_with(tail) || s == names[g]) all = false;
      }
      if (!all || parts == 0) continue;
      if (group) return std::nullopt;  // two candidates: ambiguous
      group = g;
    }
  }
  if (!group) return std::nullopt;
  std::vector<std::vector<std::string>> paths;
  for (std::size_t g = 0; g < upper; ++g) {
    if (g != *group) {
      paths.push_back({names[g]});
      continue;
    }
    for (const auto& s : sub) paths.push_back({names[g], s});
  }
  return paths;
}

// Number of leading (or trailing) characters two words share.
std::size_t shared_chars(std::string_view a, std::string_view b, bool from_end) {
  auto chars = [](std::string_view w) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < w.size();) {
      std::size_t len = 1;
      while (i + len < w.size() && (static_cast<unsigned char>(w[i + len]) & 0xC0) == 0x80) ++len;
      out.push_back(w.substr(i, len));
      i += len;
    }
    return out;
  };
  auto x = chars(a), y = chars(b);
  if (from_end) {
    std::reverse(x.begin(), x.end());
    std::reverse(y.begin(), y.end());
  }
  std::size_t n = 0;
  while (n < x.size() && n < y.size() && x[n] == y[n]) ++n;
  return n;
}

// Fragments of one sub-header row split into `m` names under group `g`: a
// name starts at 小计/合计 or at a fragment sharing its first two characters
// with g (公务用车购置及运行维护费 over 公务用车购置费, 公务用车运⏎行维护费), or
// ends at one sharing its last two (本年支出 over 基本支出). Returns the names
// and how closely they follow g (the fewest characters shared), or nothing.
std::optional<std::pair<std::vector<std::string>, std::size_t>> split_under(const std::vector<std::string>& frags,
                                                                            const std::string& g, std::size_t m,
                                                                            bool from_end) {
  std::vector<std::string> names;
  std::size_t score = std::string::npos;
  auto bound = [&](const std::string& f) {
    if (is_subtotal_word(f)) return true;
    return f != g && shared_chars(f, g, from_end) >= 2;
  };
  if (!from_end) {
    for (const auto& f : frags) {
      if (bound(f) || names.empty()) {
        if (!bound(f)) return std::nullopt;
        names.push_back(f);
      } else {
        names.back() += f;
      }
    }
  } else {
    std::string acc;
    for (const auto& f : frags) {
      acc += f;
      if (bound(f)) { names.push_back(acc); acc.clear(); }
    }
    if (!acc.empty()) return std::nullopt;
  }
  if (names.size() != m) return std::nullopt;
  std::size_t parts = 0;
  for (const auto& n : names) {
    if (is_subtotal_word(n)) continue;
    ++parts;
    score = std::min(score, shared_chars(n, g, from_end));
  }
  if (parts == 0) return std::nullopt;
  return std::make_pair(names, score);
}

// A space-separated header of group levels over one block (公开09表:
// "预算数 决算数" ⏎ "合计 因公出国⏎（境）费 公务用车购置及运行维护费 公务接待费" twice ⏎
// "小计 公务用车购⏎置费 公务用车运⏎行维护费" twice). The first line names the
// top groups; the words below repeat once per top group, level by level; one
// name of the level below the top has the lowest level's names as its
// sub-columns. Wrapped words are joined: a fragment that begins with a
// bracket, one of one or two characters at the start of a line (小计/合计
// excepted), and — under the group — one that does not begin like the group's
// name. Gives a path per figure column only if the count is exact.
std::optional<std::vector<std::vector<std::string>>> grouped_header(const doc::Table& t,
                                                                   const std::vector<std::string_view>& header_lines,
                                                                   std::size_t total) {
  if (header_lines.empty()) return std::nullopt;
  std::vector<std::string> top;
  std::vector<std::string> rest;
  for (std::size_t li = 0; li < header_lines.size(); ++li) {
    bool line_start = true;
    for (auto tok : split_ws(header_lines[li])) {
      std::string w = squeeze(tok);
      bool block_name = false;
      for (const auto& b : t.blocks)
        if (!b.name.empty() && w == b.name) block_name = true;
      for (std::string_view key : {"科目代码", "科目名称", "科目编码", "栏次", "项目", "行次"})
        if (w == key) block_name = true;
      if (block_name) continue;
      auto& out = li == 0 ? top : rest;
      bool open_before = !out.empty() && count_of(out.back(), "（") + count_of(out.back(), "(") >
                                             count_of(out.back(), "）") + count_of(out.back(), ")");
      bool join = !out.empty() && (w.starts_with("（") || w.starts_with("(") || open_before ||
                                   (line_start && li > 0 && char_count(w) <= 2 && !is_subtotal_word(w)));
      if (join) out.back() += w;
      else out.push_back(w);
      line_start = false;
    }
  }
  std::size_t k = top.size();
  if (k < 2 || total % k != 0 || rest.empty()) return std::nullopt;
  // The levels below the top: each a unit of words printed k times.
  std::vector<std::vector<std::string>> levels;
  for (std::size_t p = 0; p < rest.size();) {
    std::size_t unit = 0;
    for (std::size_t u = 1; p + k * u <= rest.size(); ++u) {
      bool same = true;
      for (std::size_t j = 1; j < k && same; ++j)
        for (std::size_t i = 0; i < u && same; ++i)
          if (rest[p + j * u + i] != rest[p + i]) same = false;
      if (same) { unit = u; break; }
    }
    if (unit == 0) return std::nullopt;
    levels.emplace_back(rest.begin() + static_cast<std::ptrdiff_t>(p), rest.begin() + static_cast<std::ptrdiff_t>(p + unit));
    p += k * unit;
  }
  std::size_t per_group = total / k;
  std::vector<std::vector<std::string>> under;  // paths below a top group
  if (levels.size() == 1) {
    if (levels[0].size() != per_group) return std::nullopt;
    for (const auto& n : levels[0]) under.push_back({n});
  } else if (levels.size() == 2) {
    const auto& mid = levels[0];
    if (mid.size() >= per_group + 1 || mid.empty()) return std::nullopt;
    std::size_t m = per_group - (mid.size() - 1);  // sub-columns of the one group among them
    std::optional<std::size_t> best;
    std::vector<std::string> best_names;
    std::size_t best_score = 0;
    bool tie = false;
    for (std::size_t g = 0; g < mid.size(); ++g) {
      if (is_subtotal_word(mid[g])) continue;
      for (bool from_end : {false, true}) {
        auto s = split_under(levels[1], mid[g], m, from_end);
        if (!s) continue;
        if (!best || s->second > best_score) {
          best = g;
          best_names = s->first;
          best_score = s->second;
          tie = false;
        } else if (s->second == best_score && (*best != g || s->first != best_names)) {
          tie = true;
        }
      }
    }
    if (!best || tie) return std::nullopt;
    for (std::size_t g = 0; g < mid.size(); ++g) {
      if (g != *best) {
        under.push_back({mid[g]});
        continue;
      }
      for (const auto& s : best_names) under.push_back({mid[g], s});
    }
  } else {
    return std::nullopt;
  }
  std::vector<std::vector<std::string>> paths;
  for (const auto& g : top)
    for (const auto& u : under) {
      std::vector<std::string> p{g};
      p.insert(p.end(), u.begin(), u.end());
      paths.push_back(std::move(p));
    }
  return paths;
}

struct SpaceNames {
  std::vector<std::string> names;
  std::size_t first_line_words = 0;  // a top header row of group names ("人员经费 公用经费")
  std::size_t after_key = 0;         // names[after_key…] follow the last key word (the lowest header row)
};

// The header words of a space-separated table, key words and block names
// dropped. A word wrapped in its cell continues at the start of the next
// line: a fragment of one or two characters after a longer word is joined
// (合计/小计 are words of their own); with `full_lines`, so is a word alone
// on its line that has the most characters of such lone words (four or
// more: the width of a narrow cell, "一般公共预算财 ⏎ 政拨款") with the lone
// word that starts the next line. A word spaced out a character at a time
// ("行 ⏎ 次" down a narrow cell) is one word; spelling the blocks' names
// ("收 入 支 出") it is dropped.
SpaceNames space_names(const doc::Table& t, const std::vector<std::string_view>& header_lines, bool full_lines) {
  struct Tok {
    std::string w;
    bool line_start, alone;
    std::size_t line;  // the header line it is on
  };
  std::vector<Tok> toks;
  for (std::size_t li = 0; li < header_lines.size(); ++li) {
    auto parts = split_ws(header_lines[li]);
    for (std::size_t k = 0; k < parts.size(); ++k) toks.push_back({squeeze(parts[k]), k == 0, parts.size() == 1, li});
  }
  std::string blocks_spelt;
  for (const auto& b : t.blocks) blocks_spelt += b.name;
  std::vector<Tok> joined;
  for (std::size_t k = 0; k < toks.size();) {
    std::size_t e = k;
    std::string run;
    while (e < toks.size() && char_count(toks[e].w) == 1) run += toks[e++].w;
    if (e - k >= 2 && run == "行次") joined.push_back({run, toks[k].line_start, false, toks[k].line});
    if (e - k >= 2 && (run == blocks_spelt || run == "行次")) {
      k = e;
      continue;
    }
    joined.push_back(toks[k]);
    ++k;
  }
  std::size_t widest = 0;
  for (const auto& tk : joined)
    if (tk.alone) widest = std::max(widest, char_count(tk.w));
  SpaceNames out;
  std::vector<std::string> words;
  std::optional<std::size_t> last_line;
  bool back_full = false;  // the last word is a lone word of the widest
  for (const auto& [w, line_start, alone, line] : joined) {
    if (last_line && line != *last_line && out.first_line_words == 0 && !words.empty())
      out.first_line_words = words.size();
    last_line = line;
    const bool tail = !words.empty() && line_start && char_count(w) <= 2 && char_count(words.back()) >= 3 &&
                      !is_subtotal_word(w);
    const bool rest = full_lines && back_full && line_start && alone;
    if (tail || rest) {
      words.back() += w;
      back_full = false;
    } else {
      words.push_back(w);
      back_full = alone && widest >= 4 && char_count(w) == widest;
    }
  }
  std::vector<std::string>& names = out.names;
  std::size_t& after_key = out.after_key;
  for (auto w : words) {
    bool key_before = false, key_after = false;
    for (std::string_view key : {"科目代码", "科目名称", "科目编码", "栏次"}) {
      auto p = w.find(key);
      if (p == std::string::npos) continue;
      (p == 0 ? key_before : key_after) = true;
      w.erase(p, key.size());
    }
    if (w == "项目" || w == "行次" || w == "科目" || w == "代码") { w.clear(); key_after = true; }
    if (key_before && !key_after) after_key = names.size();
    if (w.empty()) {
      if (key_before || key_after) after_key = names.size();
      continue;
    }
    bool block_name = false;
    for (const auto& b : t.blocks)
      if (!b.name.empty() && w == b.name) block_name = true;
    if (!block_name) names.push_back(w);
    if (key_after) after_key = names.size();
  }
  return out;
}

// Column names for a space-separated table, when the header words can be
// matched one to one with the figure columns: fragments of a wrapped word
// ("附属单位上缴收⏎入") are joined, key words (项目, 科目代码, 行次 …) and
// block names dropped. Otherwise the columns stay unnamed (栏次 still works).
void name_space_columns(doc::Table& t, const std::vector<std::string_view>& header_lines) {
  std::size_t total = 0;
  for (const auto& b : t.blocks) total += value_columns(b).size();
  SpaceNames sn = space_names(t, header_lines, false);
  // (Words wrapped at the full width of a narrow cell are joined only when
  // that is what makes the names one per column.)
  if (sn.names.size() != total) {
    SpaceNames full = space_names(t, header_lines, true);
    if (full.names.size() == total) sn = std::move(full);
  }
  auto& [names, first_line_words, after_key] = sn;
  // One surplus header row on top of a table of several blocks, of group
  // names spanning the blocks: the column names are the rest (公开06表: "人员经费 公用经费" over three
  // "科目代码 科目名称 决算数" blocks).
  if (names.size() > total && first_line_words > 0 && names.size() - first_line_words == total &&
      t.blocks.size() > 1 && first_line_words <= t.blocks.size())
    names.erase(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(first_line_words));
  if (names.size() == total + 1 && t.blocks.size() == 1 && after_key > 0 && names.size() - after_key >= 2) {
    if (auto paths = group_over_subheaders(names, after_key)) {
      std::size_t k = 0;
      for (auto ci : value_columns(t.blocks[0])) t.blocks[0].columns[ci].header = (*paths)[k++];
      return;
    }
  }
  if (names.size() != total) {
    if (t.blocks.size() == 1) {
      if (auto paths = grouped_header(t, header_lines, total)) {
        std::size_t k = 0;
        for (auto ci : value_columns(t.blocks[0])) t.blocks[0].columns[ci].header = (*paths)[k++];
      }
    }
    return;
  }
  std::size_t k = 0;
  for (auto& b : t.blocks)
    for (auto ci : value_columns(b)) b.columns[ci].header = {names[k++]};
}

void read_space_grid(TableDraft& dr, std::vector<doc::Warning>& warnings) {
  auto& t = dr.table;
  // Header lines: up to the 栏次 line, or to the first line that reads as data.
  std::size_t i = 0;
  std::string header_text;
  std::vector<std::string_view> header_lines;
  std::optional<std::size_t> lanci_at;
  auto line_tokens = [](const SourceLine& l) { return split_ws(l.text); };
  // A 栏次 line ends the header, wherever it is; without one the header ends
  // at the first line that reads as data.
  for (std::size_t k = 0; k < dr.body.size() && k < 80; ++k) {
    auto toks = line_tokens(dr.body[k]);
    if (lanci_row(toks)) { lanci_at = k; break; }
    std::string buf;
    if (toks.size() > 1) {
      std::string_view last = clean_view(toks.back(), buf);
      if (is_figure(last) && !small_int(last)) break;
    }
  }
  for (; i < dr.body.size(); ++i) {
    if (lanci_at) {
      if (i == *lanci_at) { ++i; break; }
      header_text += ' ';
      header_text.append(dr.body[i].text);
      header_lines.push_back(dr.body[i].text);
      continue;
    }
    auto toks = line_tokens(dr.body[i]);
    bool data_like = false;
    if (!toks.empty()) {
      std::string buf;
      std::string_view k0 = clean_view(toks[0], buf);
      if (is_total_label(k0) || is_digits(k0, 3)) data_like = true;
      for (auto tok : toks)
        if (is_figure(clean_view(tok, buf))) data_like = true;
    }
    if (data_like) break;
    header_text += ' ';
    header_text.append(dr.body[i].text);
    header_lines.push_back(dr.body[i].text);
  }
  std::string hsq = squeeze(header_text);
  SpaceShape shape;
  shape.hangci = hsq.find("行次") != std::string::npos;  // "行⏎⏎次" is joined by squeeze
  shape.code = !shape.hangci && (hsq.find("代码") != std::string::npos || hsq.find("编码") != std::string::npos);
  if (lanci_at) {
    auto toks = line_tokens(dr.body[*lanci_at]);
    bool has_word = false;
    for (auto tok : toks) {
      std::string k = clean_for_match(tok);
      if (k == "栏次") { has_word = true; shape.amounts.push_back(0); continue; }
      if (shape.amounts.empty()) shape.amounts.push_back(0);
      ++shape.amounts.back();
    }
    (void)has_word;
    std::size_t total = 0;
    for (auto& n : shape.amounts) {
      n = std::min(n, kMaxColumns - std::min(total, kMaxColumns));
      total += n;
    }
  } else {
    std::size_t blocks = shape.code ? std::max<std::size_t>(1, count_of(hsq, "代码") + count_of(hsq, "编码")) : 1;
    blocks = std::min<std::size_t>(blocks, 16);
    std::size_t figs = count_of(hsq, "决算数") + count_of(hsq, "预算数") + count_of(hsq, "金额");
    shape.amounts.assign(blocks, std::max<std::size_t>(1, figs / blocks));
  }
  if (shape.amounts.size() > 16) shape.amounts.resize(16);  // junk: no table has more blocks
  // Blocks and columns.
  for (std::size_t b = 0; b < shape.amounts.size(); ++b) {
    doc::Block blk;
    if (shape.hangci) {
      blk.columns.push_back({{"项目"}, std::nullopt, ColumnRole::label});
      blk.columns.push_back({{"行次"}, std::nullopt, ColumnRole::hangci});
    } else if (shape.code) {
      blk.columns.push_back({{"科目代码"}, std::nullopt, ColumnRole::code});
      blk.columns.push_back({{"科目名称"}, std::nullopt, ColumnRole::label});
    } else if (hsq.find("项目") != std::string::npos && !lanci_at) {
      blk.columns.push_back({{"项目"}, std::nullopt, ColumnRole::label});
    }
    for (std::size_t k = 0; k < shape.amounts[b]; ++k) blk.columns.push_back({{}, std::nullopt, ColumnRole::amount});
    t.blocks.push_back(std::move(blk));
  }
  if (shape.amounts.size() == 2 && hsq.starts_with("收入支出")) {
    t.blocks[0].name = "收入";
    t.blocks[1].name = "支出";
  } else if (shape.amounts.size() == 2 && hsq.starts_with("收入") && hsq.find("支出") != std::string::npos) {
    t.blocks[0].name = "收入";
    t.blocks[1].name = "支出";
  }
  if (lanci_at) {
    std::vector<std::string_view> toks = line_tokens(dr.body[*lanci_at]);
    assign_lanci(t, toks, dr.body[*lanci_at].no, warnings);
  }
  name_space_columns(t, header_lines);
  // A block's name heads its columns, as the tab layout reads it (收入 over
  // 项目 | 行次 | 金额 of 公开01表's left half).
  for (auto& b : t.blocks)
    if (!b.name.empty())
      for (auto& c : b.columns)
        if (c.header.empty() || c.header.front() != b.name) c.header.insert(c.header.begin(), b.name);
  bool has_label = !t.blocks.empty() && std::any_of(t.blocks[0].columns.begin(), t.blocks[0].columns.end(),
                                                   [](const doc::Column& c) { return c.role == ColumnRole::label; });

  // Rows.
  std::vector<std::optional<int>> expect(t.blocks.size());  // next 行次 per block
  std::vector<std::string> last_code(t.blocks.size());
  // Pending single-block row (wrapped over several lines).
  std::optional<doc::Row> pending;
  std::vector<doc::Cell> pending_values;
  // The blocks and their columns are fixed from here on: block 0's count of value columns, once.
  const std::size_t values0 = t.blocks.empty() ? 0 : value_columns(t.blocks[0]).size();
  auto flush = [&]() {
    if (!pending) return;
    if (pending_values.size() < values0 && !pending_values.empty())
      warn(warnings, pending->line,
           fmt::format("{}：“{}”只读到 {} 个数，应有 {} 个；缺的按空白处理", table_name(t), pending->label, pending_values.size(), values0));
    set_key_cells(*pending, t.blocks[0], pending->line);
    fill_values(*pending, t.blocks[0], pending_values, t, warnings);
    t.rows.push_back(std::move(*pending));
    pending.reset();
    pending_values.clear();
  };
  std::vector<std::string_view> toks;  // a line's tokens, the buffer kept from line to line
  for (; i < dr.body.size(); ++i) {
    const auto& l = dr.body[i];
    toks.clear();
    split_ws_into(toks, l.text);
    if (toks.empty()) continue;
    if (t.blocks.size() == 1 && !shape.hangci) {
      // Single block: [code] label figures…, possibly wrapped.
      std::size_t k = 0;
      std::string k0 = clean_for_match(toks[0]);
      bool starts_row = is_digits(k0, 3) || is_total_label(k0) ||
                        (!pending && has_label && text_token(k0)) || (!has_label && is_figure(k0));
      if (starts_row && (is_digits(k0, 3) || is_total_label(k0) || !pending)) {
        flush();
        pending = new_row(t, 0, l.no);
        if (is_digits(k0, 3) && shape.code) { pending->code = k0; k = 1; }
      } else if (!pending) {
        warn(warnings, l.no, fmt::format("{}：表内的这一行没有读懂，未读入：{}", table_name(t), std::string(trim(l.text)).substr(0, 120)));
        continue;
      }
      std::string buf;
      for (; k < toks.size(); ++k) {
        if (text_token(clean_view(toks[k], buf)) && pending_values.empty()) {
          pending->label += std::string(toks[k]);
        } else {
          pending_values.push_back(parse_cell(toks[k], l.no));
        }
      }
      if (pending_values.size() >= values0) flush();
      continue;
    }
    if (shape.hangci) {
      // Blocks of [label] 行次 figures…
      std::size_t k = 0;
      for (std::size_t b = 0; b < t.blocks.size() && k < toks.size(); ++b) {
        doc::Row row = new_row(t, static_cast<int>(b), l.no);
        std::string label;
        std::string buf;
        while (k < toks.size()) {
          std::string_view c = clean_view(toks[k], buf);
          if (!text_token(c) || small_int(c)) break;
          label += std::string(toks[k]);
          ++k;
        }
        if (k < toks.size()) {
          if (auto v = small_int(clean_view(toks[k], buf))) {
            row.hangci = *v;
            ++k;
          }
        }
        row.label = label;
        std::vector<doc::Cell> vals;
        std::size_t want = shape.amounts[b];
        while (k < toks.size() && vals.size() < want) {
          std::string_view c = clean_view(toks[k], buf);
          if (text_token(c)) break;
          // The next block's 行次, not a figure of this block.
          if (b + 1 < t.blocks.size() && expect[b + 1] && c.find('.') == std::string::npos && small_int(c) == expect[b + 1])
            break;
          vals.push_back(parse_cell(toks[k], l.no));
          ++k;
        }
        if (row.label.empty() && !row.hangci && vals.empty()) continue;
        if (row.hangci) expect[b] = *row.hangci + 1;
        set_key_cells(row, t.blocks[b], l.no);
        fill_values(row, t.blocks[b], vals, t, warnings);
        t.rows.push_back(std::move(row));
      }
      if (k < toks.size())
        warn(warnings, l.no, fmt::format("{}：行尾有未读入的内容：{}", table_name(t), std::string(trim(l.text)).substr(0, 120)));
      continue;
    }
    // Several [code] label figures… blocks (公开06表): units placed by code prefix.
    std::vector<std::pair<std::string_view, std::size_t>> tv;
    for (auto tok : toks) tv.emplace_back(tok, 0);
    auto units = cut_units(tv, l.no);
    std::vector<std::optional<std::size_t>> wanted;
    for (const auto& u : units) {
      std::optional<std::size_t> best;
      std::size_t best_len = 0;
      if (!u.code.empty()) {
        for (std::size_t b = 0; b < last_code.size(); ++b) {
          std::size_t n = 0;
          while (n < u.code.size() && n < last_code[b].size() && u.code[n] == last_code[b][n]) ++n;
          if (n > best_len) { best_len = n; best = b; }
        }
      }
      wanted.push_back(best_len >= 3 ? best : std::nullopt);
    }
    std::size_t before = t.rows.size();
    place_units(t, units, wanted, warnings);
    for (std::size_t r = before; r < t.rows.size(); ++r)
      if (!t.rows[r].code.empty()) last_code[static_cast<std::size_t>(t.rows[r].block)] = t.rows[r].code;
  }
  flush();
}

}  // namespace

void read_grid_table(TableDraft& dr, std::vector<doc::Warning>& warnings) {
  std::size_t tabbed = 0, plain = 0;
  for (const auto& l : dr.body) (l.has_tab ? tabbed : plain)++;
  if (tabbed > 0 && tabbed * 4 >= plain)
    read_tab_grid(dr, warnings);
  else
    read_space_grid(dr, warnings);
  auto& t = dr.table;
  // A row naming the department itself ("102 洛阳市…办公室") carries a unit
  // code, not a classification code.
  if (!t.department.empty()) {
    std::string dept = doc::normalize(t.department);
    for (auto& r : t.rows)
      if (!r.code.empty() && doc::normalize(r.label) == dept) r.code.clear();
  }
  link_hierarchy(t);
  bool any_figure = false;
  for (const auto& r : t.rows)
    for (const auto& c : r.cells)
      if (c.is_numeric()) any_figure = true;
  if (!any_figure && !t.declared_empty)
    warn(warnings, t.line, fmt::format("{}没有读到任何数字，也没有说明本表无数据；表可能不完整", table_name(t)));
}

}  // namespace gouji::read
