// Reading a performance table (部门整体支出绩效自评情况表, 项目支出绩效自评情况表,
// 部门（单位）整体绩效目标表). Such a table is a stack of parts, each with its
// own columns: 资金 (年初预算数 … 得分), 资金管理 (情况说明, 分值, 得分 …),
// the goal texts (not read as rows), and 绩效指标 (一级/二级/三级指标,
// 年度指标值, 实际完成值, 分值, 得分, 偏差度 …) ending with the 总分 row. The
// parts are found by their header words, so the reader does not depend on
// where the extraction put the tabs; a row's figures are taken from the
// right (分值, 得分, 偏差度) so that an empty or extra cell does not shift them.
#include "runtime/read/cell.hpp"
#include "runtime/read/reader_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace gouji::read {

namespace {

using doc::ColumnRole;

enum class Part { none, funds, mgmt, goals, indicators, budget };

std::string table_name(const doc::Table& t) { return t.subject.empty() ? t.title : fmt::format("{}（{}）", t.title, t.subject); }

bool is_text_item(std::string_view raw) {
  std::string buf;
  std::string_view k = clean_view(raw, buf);
  return !k.empty() && !is_figure(k) && !is_blank_text(k);
}
bool is_number_item(std::string_view raw) {
  std::string buf;
  std::string_view k = clean_view(raw, buf);
  return !k.empty() && k.back() != '%' && is_figure(k);
}
bool is_figure_item(std::string_view raw) {
  std::string buf;
  return is_figure(clean_view(raw, buf));
}

// "分值（20）" → "分值"; a header word as a column name.
std::string column_name(std::string_view raw) {
  std::string s = squeeze(raw);
  for (std::string_view open : {"（", "("}) {
    auto p = s.find(open);
    if (p != std::string::npos && p > 0) s.erase(p);
  }
  return s;
}

// A label as rules name it: "资金来源：（1）财政拨款" → "（1）财政拨款",
// "年度资金总额（万元）：" → "年度资金总额" (the printed text stays in the cell).
std::string clean_label(std::string_view raw) {
  std::string s = squeeze(raw);
  for (std::string_view pre : {"资金来源：", "资金来源:"}) {
    if (s.starts_with(pre)) s.erase(0, pre.size());
  }
  for (std::string_view unit : {"（万元）", "(万元)"}) {
    auto p = s.find(unit);
    if (p != std::string::npos) s.erase(p, unit.size());
  }
  while (s.ends_with("：")) s.erase(s.size() - 3);
  while (s.ends_with(":")) s.pop_back();
  return s;
}

bool level1_category(std::string_view sq) {
  for (std::string_view n : {"投入管理指标", "产出指标", "效益指标", "满意度指标", "成本指标", "过程指标", "投入指标", "管理指标"})
    if (sq == n) return true;
  return false;
}
bool is_category(std::string_view sq) { return sq.size() > 6 && sq.ends_with("指标") && char_count(sq) <= 12; }

struct PerfReader {
  doc::Table& t;
  std::vector<doc::Warning>& warnings;
  Part part = Part::none;
  int funds = -1, mgmt = -1, ind = -1, budget = -1;  // block indices
  bool want_department = false;
  // Indicator state.
  std::string level1, level2;
  bool rows_in_ind = false;
  bool after_row = false;  // the previous line was an indicator row (reason fragments follow)
  std::vector<std::pair<std::string, std::uint32_t>> pending;  // text lines before a row (space layout)
  std::vector<std::string_view> mgmt_pending;
  std::string header_tail;  // wrapped header words of the 绩效指标 part (space layout)
  std::uint32_t mgmt_line = 0;
  std::vector<bool> funds_percent;  // 资金 columns whose header says "%" ("执行率 %", "执行率（%）")

  PerfReader(doc::Table& table, std::vector<doc::Warning>& w) : t(table), warnings(w) {}

  void warn(std::uint32_t line, std::string msg) { warnings.push_back({line, std::move(msg)}); }

  int add_block(std::string name, std::vector<std::pair<std::string, ColumnRole>> cols) {
    doc::Block b;
    b.name = std::move(name);
    for (auto& [n, r] : cols) b.columns.push_back({{n}, std::nullopt, r});
    t.blocks.push_back(std::move(b));
    return static_cast<int>(t.blocks.size()) - 1;
  }

  const doc::Block& block(int b) const { return t.blocks[static_cast<std::size_t>(b)]; }

  int col(int b, std::string_view name) const {
    const auto& cs = block(b).columns;
    for (std::size_t i = 0; i < cs.size(); ++i)
      if (!cs[i].header.empty() && cs[i].header.back() == name) return static_cast<int>(i);
    return -1;
  }

  doc::Row new_row(int b, std::uint32_t line) {
    doc::Row r;
    r.block = b;
    r.line = line;
    r.cells.resize(block(b).columns.size());
    for (auto& c : r.cells) c.line = line;
    return r;
  }

  static doc::Cell text_cell(std::string_view text, std::uint32_t line, bool carried = false) {
    doc::Cell c;
    c.text = std::string(trim(text));
    c.kind = c.text.empty() ? doc::CellKind::blank : doc::CellKind::text;
    c.line = line;
    c.carried = carried;
    return c;
  }

  void set(doc::Row& r, int b, std::string_view name, doc::Cell cell) {
    int i = col(b, name);
    if (i >= 0) r.cells[static_cast<std::size_t>(i)] = std::move(cell);
  }

  // ---- 资金
  void funds_header(const std::vector<std::string_view>& items) {
    std::vector<std::pair<std::string, ColumnRole>> cols = {{"项目", ColumnRole::label}};
    funds_percent.assign(1, false);
    for (auto it : items) {
      std::string n = column_name(it);
      if (n == "%" || (n.empty() && squeeze(it).find('%') != std::string::npos)) {
        // "执行率 %": the unit of the column before; its cells are percentages.
        if (funds_percent.size() > 1) funds_percent.back() = true;
        continue;
      }
      if (n.empty() || n.find("万元") != std::string::npos || n.find("资金") != std::string::npos ||
          n.find("支出情况") != std::string::npos)
        continue;
      cols.emplace_back(n, ColumnRole::amount);
      // "执行率（%）", or a rate printed in percent points without the sign ("执行率 … 97.96").
      funds_percent.push_back(squeeze(it).find('%') != std::string::npos || n.find("率") != std::string::npos);
    }
    funds = add_block("资金", cols);
    part = Part::funds;
  }

  bool funds_row(const std::vector<std::string_view>& items, std::uint32_t line) {
    std::size_t k = 0;
    std::string label;
    // Several text cells before the figures: the last is the row's name, the
    // others belong to merged cells on the left ("项目资金(万元)").
    while (k < items.size() && is_text_item(items[k])) {
      label = std::string(items[k]);
      ++k;
    }
    std::vector<std::string_view> vals(items.begin() + static_cast<long>(k), items.end());
    std::size_t want = block(funds).columns.size() - 1;
    std::vector<std::string> split_store;
    if (vals.size() < want) {
      // Two figures printed in one cell ("0.0 % 0.00"): split them.
      for (auto v : vals)
        for (auto& part : split_figures(v)) split_store.push_back(part);
      if (split_store.size() > vals.size() && split_store.size() <= want) {
        vals.assign(split_store.begin(), split_store.end());
      }
    }
    if (label.empty() || vals.size() < 3) return false;
    doc::Row r = new_row(funds, line);
    r.label = clean_label(label);
    r.cells[0] = text_cell(label, line);
    for (std::size_t i = 0; i < vals.size(); ++i) {
      if (i < want) {
        r.cells[i + 1] = parse_cell(vals[i], line);
        doc::Cell& c = r.cells[i + 1];
        // A bare figure in a column headed "%" or naming a rate is a percentage: 51.25 → 51.25%.
        if (i + 1 < funds_percent.size() && funds_percent[i + 1] && c.kind == doc::CellKind::number) {
          c.kind = doc::CellKind::percent;
          c.value = c.value * Number::fraction(1, 100);
        }
      }
      else warn(line, fmt::format("{}：“{}”多出的值“{}”没有对应的栏", table_name(t), r.label, vals[i]));
    }
    if (vals.size() < want)
      warn(line, fmt::format("{}：“{}”只有 {} 个值，应有 {} 个", table_name(t), r.label, vals.size(), want));
    t.rows.push_back(std::move(r));
    return true;
  }

  // ---- 资金管理
  void mgmt_header() {
    mgmt = add_block("资金管理", {{"项目", ColumnRole::label},
                                  {"情况说明", ColumnRole::text},
                                  {"分值", ColumnRole::amount},
                                  {"得分", ColumnRole::amount},
                                  {"存在问题和改进措施", ColumnRole::text}});
    part = Part::mgmt;
    mgmt_pending.clear();
  }

  void mgmt_line_items(const std::vector<std::string_view>& items, std::uint32_t line) {
    if (mgmt_pending.empty() && items.size() == 1 && char_count(squeeze(items[0])) <= 3 && !t.rows.empty() &&
        t.rows.back().block == mgmt) {
      // The end of a wrapped name ("预算绩效管理情⏎况").
      t.rows.back().label += squeeze(items[0]);
      t.rows.back().cells[0].text += std::string(items[0]);
      return;
    }
    if (mgmt_pending.empty()) mgmt_line = line;
    for (auto it : items) mgmt_pending.push_back(it);
    // A row is complete when two figures stand side by side (分值, 得分).
    for (std::size_t i = 1; i + 1 < mgmt_pending.size(); ++i) {
      if (is_number_item(mgmt_pending[i]) && is_number_item(mgmt_pending[i + 1])) {
        doc::Row r = new_row(mgmt, mgmt_line);
        r.label = clean_label(mgmt_pending[0]);
        r.cells[0] = text_cell(mgmt_pending[0], mgmt_line);
        std::string desc;
        for (std::size_t k = 1; k < i; ++k) desc += std::string(mgmt_pending[k]);
        r.cells[1] = text_cell(desc, mgmt_line);
        r.cells[2] = parse_cell(mgmt_pending[i], line);
        r.cells[3] = parse_cell(mgmt_pending[i + 1], line);
        std::string rest;
        for (std::size_t k = i + 2; k < mgmt_pending.size(); ++k) rest += std::string(mgmt_pending[k]);
        r.cells[4] = text_cell(rest, line);
        t.rows.push_back(std::move(r));
        mgmt_pending.clear();
        return;
      }
    }
  }

  // ---- 绩效指标
  void ind_header(const std::vector<std::string_view>& items) {
    std::vector<std::pair<std::string, ColumnRole>> cols = {
        {"一级指标", ColumnRole::text}, {"二级指标", ColumnRole::text}, {"三级指标", ColumnRole::label}};
    bool after = false;
    for (auto it : items) {
      std::string n = squeeze(it);
      if (n == "三级指标") { after = true; continue; }
      if (!after || n.empty() || n == "%") continue;
      auto add = [&](std::string name, ColumnRole role) {
        for (auto& c : cols)
          if (c.first == name) return;
        cols.emplace_back(std::move(name), role);
      };
      if (n.find("偏差度") != std::string::npos) add("偏差度", ColumnRole::amount);
      if (n.find("偏差原因") != std::string::npos || n.find("改进措施") != std::string::npos) {
        add("偏差原因分析及改进措施", ColumnRole::text);
        continue;
      }
      if (n.find("偏差度") != std::string::npos) continue;
      if (n.find("实际") != std::string::npos) add("实际完成值", ColumnRole::text);
      else if (n == "分值" || n == "得分") add(n, ColumnRole::amount);
      else add(column_name(n), ColumnRole::text);
    }
    // 自评 tables always have 偏差度 after 得分 (some extractions lose its header).
    auto has = [&](std::string_view n) {
      return std::any_of(cols.begin(), cols.end(), [&](const auto& c) { return c.first == n; });
    };
    if (has("分值") && has("得分") && !has("偏差度")) {
      auto at = std::find_if(cols.begin(), cols.end(), [](const auto& c) { return c.first == "得分"; });
      cols.insert(at + 1, {"偏差度", ColumnRole::amount});
    }
    ind = add_block("绩效指标", cols);
    part = Part::indicators;
    header_tail.clear();
    level1.clear();
    level2.clear();
    rows_in_ind = false;
    after_row = false;
    pending.clear();
  }

  bool has_col(int b, std::string_view n) const { return col(b, n) >= 0; }

  void total_row(const std::vector<std::string_view>& items, std::uint32_t line) {
    if (ind < 0)
      ind = add_block("绩效指标", {{"一级指标", ColumnRole::text}, {"二级指标", ColumnRole::text}, {"三级指标", ColumnRole::label},
                                   {"分值", ColumnRole::amount}, {"得分", ColumnRole::amount}});
    doc::Row r = new_row(ind, line);
    r.label = "总分";
    set(r, ind, "三级指标", text_cell(items[0], line));
    // A figure broken over two cells ("91.⇥52") is joined back.
    std::vector<std::string> joined;
    for (std::size_t i = 1; i < items.size(); ++i) {
      std::string c = clean_for_match(items[i]);
      if (!joined.empty() && joined.back().ends_with(".") && is_digits(c)) joined.back() += c;
      else joined.emplace_back(squeeze(items[i]));
    }
    std::vector<std::string> figs;
    for (const auto& j : joined)
      if (is_figure_item(j)) figs.push_back(j);
    if (!figs.empty()) set(r, ind, "分值", parse_cell(figs[0], line));
    if (figs.size() > 1) set(r, ind, "得分", parse_cell(figs[1], line));
    if (figs.size() > 2)
      warn(line, fmt::format("{}：总分行有 {} 个数，只读了前两个（分值、得分）", table_name(t), figs.size()));
    t.rows.push_back(std::move(r));
    part = Part::none;
  }

  // A value that looks like a target ("≤ 1700 元", "98%", a date).
  static bool looks_like_target(std::string_view v) {
    std::string buf;
    std::string_view c = clean_view(v, buf);
    return c.find_first_of("0123456789%") != std::string::npos || c.starts_with("≤") || c.starts_with("≥") ||
           c.starts_with("=") || c.starts_with("<") || c.starts_with(">");
  }

  // Fills the value columns after 三级指标 from `vals` (left to right, or
  // anchored on 分值/得分 from the right when the block has them).
  bool fill_indicator(doc::Row& r, std::vector<std::string_view> vals, std::uint32_t line, std::vector<std::string>& labels_out,
                      std::size_t labels_needed) {
    bool scored = has_col(ind, "分值") && has_col(ind, "得分");
    if (!scored) {
      // Left-anchored: labels first, then the columns in order.
      if (vals.size() < labels_needed + 1) return false;
      for (std::size_t i = 0; i < labels_needed; ++i) labels_out.emplace_back(vals[i]);
      const auto& cs = block(ind).columns;
      std::size_t k = labels_needed;
      for (std::size_t c = 3; c < cs.size() && k < vals.size(); ++c, ++k) r.cells[c] = text_cell(vals[k], line);
      return true;
    }
    std::string reason;
    if (has_col(ind, "偏差原因分析及改进措施")) {
      while (vals.size() > labels_needed + 4 && is_text_item(vals.back())) {
        reason = std::string(vals.back()) + reason;
        vals.pop_back();
      }
    }
    std::optional<doc::Cell> dev;
    // 分值, 得分, 偏差度 at the end: three figures, the first a plain number
    // (when 偏差度 is not printed, the third from the end is 实际完成值, which
    // is a percentage or text).
    // With only four values (the row's names and 年度指标值 on earlier lines),
    // the last is 偏差度 only when it is a percentage after two plain numbers.
    auto percent_item = [](std::string_view v) {
      std::string buf;
      return clean_view(v, buf).ends_with("%");
    };
    bool four_with_dev = vals.size() == 4 && percent_item(vals.back()) && is_number_item(vals[2]) && !percent_item(vals[2]) &&
                         is_number_item(vals[1]) && !percent_item(vals[1]);
    if (has_col(ind, "偏差度") && (vals.size() >= 5 || four_with_dev) && is_figure_item(vals.back()) &&
        is_figure_item(vals[vals.size() - 2]) && is_number_item(vals[vals.size() - 3])) {
      dev = parse_cell(vals.back(), line);
      vals.pop_back();
    }
    if (vals.size() < (dev && four_with_dev ? 3u : 4u) || !is_figure_item(vals.back()) || !is_figure_item(vals[vals.size() - 2])) return false;
    set(r, ind, "得分", parse_cell(vals.back(), line));
    vals.pop_back();
    set(r, ind, "分值", parse_cell(vals.back(), line));
    vals.pop_back();
    int actual = col(ind, "实际完成值");
    std::vector<int> before;  // text columns between 三级指标 and 分值, in order
    for (int c = 3; c < static_cast<int>(block(ind).columns.size()); ++c) {
      const auto& h = block(ind).columns[static_cast<std::size_t>(c)].header.back();
      if (h == "分值") break;
      before.push_back(c);
    }
    (void)actual;
    // A value that looks like a target ("≤ 1700 元", "98%") is taken even if
    // that leaves fewer names than the row's leading cells promise.
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      if (!(vals.size() > labels_needed || (vals.size() > 1 && looks_like_target(vals.back())))) break;
      r.cells[static_cast<std::size_t>(*it)] = parse_cell(vals.back(), line);
      vals.pop_back();
    }
    if (dev) set(r, ind, "偏差度", *dev);
    if (!reason.empty()) set(r, ind, "偏差原因分析及改进措施", text_cell(reason, line));
    for (auto v : vals) labels_out.emplace_back(v);
    return true;
  }

  void emit_indicator(doc::Row r, std::string_view l1, std::string_view l2, std::string_view l3, bool c1, bool c2, std::uint32_t line) {
    set(r, ind, "一级指标", text_cell(l1, line, c1));
    set(r, ind, "二级指标", text_cell(l2, line, c2));
    set(r, ind, "三级指标", text_cell(l3, line));
    r.label = squeeze(l3);
    t.rows.push_back(std::move(r));
    rows_in_ind = true;
    after_row = true;
    pending.clear();
  }

  // Grid positions of the previous indicator row's 一级/二级/三级 cells, so
  // that a wrapped continuation line ("指标⇥指标⇥求事项月平均量") can be joined.
  std::vector<std::pair<std::size_t, std::string>> prev_label_pos;

  bool ind_tab_continuation(const std::vector<std::string_view>& cells, std::uint32_t line) {
    std::vector<std::size_t> pos;
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (!cells[i].empty()) {
        if (is_figure_item(cells[i])) return false;
        pos.push_back(i);
      }
    if (pos.empty()) return true;
    if (!rows_in_ind) {
      // Wrapped header words ("标⇥…⇥因分析及改进措施").
      std::string all;
      for (auto p : pos) all += squeeze(cells[p]);
      if (all.find("原因") != std::string::npos || all.find("改进措施") != std::string::npos) {
        if (!has_col(ind, "偏差原因分析及改进措施"))
          t.blocks[static_cast<std::size_t>(ind)].columns.push_back({{"偏差原因分析及改进措施"}, std::nullopt, ColumnRole::text});
      }
      return true;
    }
    if (prev_label_pos.empty() || t.rows.empty() || t.rows.back().block != ind) return false;
    // A continuation holds text only where the row above has its names: a
    // line with text elsewhere too (a 目标表's next indicator, 区志办工作 ⇥
    // 保障区志印刷…) is a row of its own, and changes nothing above.
    auto name_at = [&](std::size_t p) -> int {
      for (auto& [lp, name] : prev_label_pos)
        if (lp == p && col(ind, name) >= 0) return col(ind, name);
      return -1;
    };
    if (!std::all_of(pos.begin(), pos.end(), [&](std::size_t p) { return name_at(p) >= 0; })) return false;
    auto& row = t.rows.back();
    if (row.cells.size() < block(ind).columns.size()) row.cells.resize(block(ind).columns.size());
    for (auto p : pos) {
      bool placed = false;
      for (auto& [lp, name] : prev_label_pos) {
        if (lp != p) continue;
        int c = col(ind, name);
        if (c < 0) continue;
        auto& cell = row.cells[static_cast<std::size_t>(c)];
        cell.text += squeeze(cells[p]);
        cell.kind = doc::CellKind::text;
        cell.carried = false;
        if (name == "一级指标") level1 = squeeze(cell.text);
        if (name == "二级指标") level2 = squeeze(cell.text);
        if (name == "三级指标") row.label = squeeze(cell.text);
        placed = true;
      }
      if (!placed) return false;
    }
    (void)line;
    return true;
  }

  std::vector<std::string_view> tab_line_items;

  void ind_tab_line(const std::vector<std::string_view>& cells, std::uint32_t line) {
    if (ind_tab_continuation(cells, line)) return;
    std::size_t k = 0;
    while (k < cells.size() && cells[k].empty()) ++k;
    auto& ne = tab_line_items;  // the non-empty cells (a buffer kept from line to line)
    ne.clear();
    for (auto c : cells)
      if (!c.empty()) ne.push_back(c);
    std::size_t lead = std::min<std::size_t>(k, 2);
    std::size_t needed = 3 - lead;
    doc::Row r = new_row(ind, line);
    std::vector<std::string> labels;
    if (!fill_indicator(r, ne, line, labels, needed)) {
      if (std::count_if(ne.begin(), ne.end(), is_figure_item) >= 2)
        warn(line, fmt::format("{}：看起来是指标行，但读不出分值和得分，未读入", table_name(t)));
      return;
    }
    // The row's 一级/二级 names are the ones carried down unless it prints its own.
    std::string l3;
    bool c1 = true, c2 = true;
    // Where the label cells stand, for a continuation line.
    std::vector<std::size_t> label_pos;
    for (std::size_t i = 0; i < cells.size() && label_pos.size() < labels.size(); ++i)
      if (!cells[i].empty()) label_pos.push_back(i);
    prev_label_pos.clear();
    std::size_t li = 0;
    if (lead == 0 && !labels.empty()) {
      level1 = squeeze(labels[0]);
      c1 = false;
      labels.erase(labels.begin());
      if (li < label_pos.size()) prev_label_pos.emplace_back(label_pos[li++], "一级指标");
    }
    if (lead <= 1 && labels.size() >= 2) {
      level2 = squeeze(labels[0]);
      c2 = false;
      labels.erase(labels.begin());
      if (li < label_pos.size()) prev_label_pos.emplace_back(label_pos[li++], "二级指标");
    }
    for (const auto& s : labels) l3 += s;
    if (li < label_pos.size()) prev_label_pos.emplace_back(label_pos[li], "三级指标");
    emit_indicator(std::move(r), level1, level2, l3, c1, c2, line);
  }

  // Space layout: tokens; units after a figure merged ("3.33 万元").
  static std::vector<std::string> merge_units(const std::vector<std::string_view>& toks) {
    std::vector<std::string> out;
    std::string buf;
    for (auto tok : toks) {
      std::string_view k = clean_view(tok, buf);
      bool unit = !out.empty() && char_count(k) <= 2 && !k.empty() && !is_figure(k) &&
                  static_cast<unsigned char>(k[0]) >= 0x80 && !out.back().empty() &&
                  out.back().back() >= '0' && out.back().back() <= '9';
      if (unit) out.back() += " " + std::string(tok);
      else out.emplace_back(tok);
    }
    return out;
  }

  // `sq` is squeeze(text), which line() has made already.
  void ind_space_line(const std::vector<std::string_view>& toks, std::string_view text, std::string_view sq, std::uint32_t line) {
    auto merged = merge_units(toks);
    std::vector<std::string_view> vals(merged.begin(), merged.end());
    doc::Row r = new_row(ind, line);
    std::vector<std::string> labels;
    if (vals.size() >= 4 && fill_indicator(r, vals, line, labels, 0)) {
      // Categories and names printed on earlier lines.
      std::vector<std::string> plain;
      std::vector<std::uint32_t> plain_lines;
      bool c1 = true, c2 = true;
      for (auto& [p, ln] : pending) {
        if (is_category(p)) {
          if (level1_category(p)) { level1 = p; level2.clear(); c1 = false; }
          else { level2 = p; c2 = false; }
          plain.clear();
          plain_lines.clear();
        } else {
          plain.push_back(p);
          plain_lines.push_back(ln);
        }
      }
      std::string l3;
      if (!labels.empty()) {
        bool category_given = false;
        while (labels.size() >= 2 && is_category(squeeze(labels[0]))) {
          std::string f = squeeze(labels[0]);
          if (level1_category(f)) { level1 = f; level2.clear(); c1 = false; }
          else { level2 = f; c2 = false; }
          category_given = true;
          labels.erase(labels.begin());
        }
        if (!category_given && labels.size() >= 2) {
          level2 = squeeze(labels[0]);
          c2 = false;
          labels.erase(labels.begin());
        }
        for (const auto& s : labels) l3 += (l3.empty() ? "" : " ") + s;
        if (!plain.empty() && !category_given) {
          std::string joined;
          for (const auto& p : plain) joined += p;
          level2 = joined;
          c2 = false;
        }
      } else if (!plain.empty()) {
        // The row line holds only figures: its 年度指标值, when not among
        // them, is the last text printed before it ("聘用时间⏎2022 年 1 月-
        // 2022 年⏎12 月⏎100% 10 10 0.00%").
        int target = col(ind, "年度指标值");
        if (plain.size() >= 2 && target >= 0 && static_cast<std::size_t>(target) < r.cells.size() &&
            r.cells[static_cast<std::size_t>(target)].kind == doc::CellKind::blank &&
            r.cells[static_cast<std::size_t>(target)].text.empty() && looks_like_target(plain.back())) {
          r.cells[static_cast<std::size_t>(target)] = text_cell(plain.back(), plain_lines.back());
          plain.pop_back();
          plain_lines.pop_back();
        }
        l3 = plain.back();
        plain.pop_back();
        if (!plain.empty()) {
          std::string joined;
          for (const auto& p : plain) joined += p;
          level2 = joined;
          c2 = false;
        }
      }
      emit_indicator(std::move(r), level1, level2, l3, c1, c2, line);
      return;
    }
    // Not a row: a category, part of a name, or the reason of the row above.
    std::size_t n = char_count(sq);
    if (!rows_in_ind && pending.empty() && n <= 2) {
      // The header's wrapped last column ("偏差⏎原因⏎分析⏎及改⏎进措⏎施").
      header_tail += sq;
      if ((header_tail.find("原因") != std::string::npos || header_tail.find("改进") != std::string::npos) &&
          !has_col(ind, "偏差原因分析及改进措施"))
        t.blocks[static_cast<std::size_t>(ind)].columns.push_back({{"偏差原因分析及改进措施"}, std::nullopt, ColumnRole::text});
      return;
    }
    if (after_row && n <= 2 && !t.rows.empty()) {
      auto& last = t.rows.back();
      int rc = col(ind, "偏差原因分析及改进措施");
      if (rc >= 0) {
        auto& cell = last.cells[static_cast<std::size_t>(rc)];
        cell.text += std::string(trim(text));
        cell.kind = doc::CellKind::text;
        return;
      }
    }
    after_row = false;
    // Several categories on one line ("绩效指标 投入管理指标").
    bool all_categories = toks.size() > 1 && std::all_of(toks.begin(), toks.end(), [](std::string_view tk) {
      return squeeze(tk).ends_with("指标");
    });
    if (all_categories) {
      for (auto tk : toks)
        if (squeeze(tk) != "绩效指标") pending.emplace_back(squeeze(tk), line);
      return;
    }
    // Categories first, then a name ("时效指标 聘用时间").
    if (toks.size() > 1 && is_category(squeeze(toks[0]))) {
      std::size_t k = 0;
      for (; k < toks.size() && is_category(squeeze(toks[k])); ++k)
        if (squeeze(toks[k]) != "绩效指标") pending.emplace_back(squeeze(toks[k]), line);
      std::string rest;
      for (; k < toks.size(); ++k) rest += squeeze(toks[k]);
      pending.emplace_back(rest, line);
      return;
    }
    if (!pending.empty() && (char_count(pending.back().first) >= 10 || n <= 3) && !is_category(pending.back().first)) {
      pending.back().first += sq;
      return;
    }
    pending.emplace_back(sq, line);
  }

  // ---- 预算情况 (绩效目标表)
  void budget_line(const std::vector<std::string_view>& items, std::uint32_t line) {
    if (budget < 0) budget = add_block("预算情况", {{"项目", ColumnRole::label}, {"金额", ColumnRole::amount}});
    std::vector<std::string_view> ne = items;
    if (!ne.empty() && squeeze(ne[0]) == "预算情况") ne.erase(ne.begin());
    if (ne.empty()) return;
    std::string_view label = ne[0];
    std::optional<std::string_view> value;
    for (std::size_t i = 1; i < ne.size(); ++i) {
      if (is_figure_item(ne[i])) value = ne[i];
      else label = ne[i];
    }
    doc::Row r = new_row(budget, line);
    r.label = clean_label(label);
    r.cells[0] = text_cell(label, line);
    if (value) r.cells[1] = parse_cell(*value, line);
    t.rows.push_back(std::move(r));
  }

  // Buffers of line(), kept from line to line so that a line allocates nothing for its cells and squeezed text.
  std::vector<std::string_view> line_cells, line_items;
  std::string line_sq;

  void line(const SourceLine& l) {
    auto& cells = line_cells;
    auto& items = line_items;
    cells.clear();
    items.clear();
    if (l.has_tab) {
      for (std::string_view rest = l.text;;) {
        std::size_t tab = rest.find('\t');
        cells.push_back(trim(rest.substr(0, tab)));
        if (tab == std::string_view::npos) break;
        rest.remove_prefix(tab + 1);
      }
      for (auto c : cells)
        if (!c.empty()) items.push_back(c);
    } else {
      split_ws_into(items, l.text);
    }
    if (items.empty()) return;
    std::string& sq = line_sq;
    sq.clear();
    for (auto it : items) squeeze_append(sq, it);
    if (want_department) {
      want_department = false;
      if (char_count(sq) <= 40 && !is_figure_item(items[0])) { t.department = sq; return; }
    }
    if (sq.starts_with("项目名称")) {
      std::string subj;
      if (items.size() > 1) {
        for (std::size_t i = 1; i < items.size(); ++i) subj += std::string(trim(items[i]));
      } else {
        subj = sq.substr(std::string_view("项目名称").size());
      }
      if (l.has_tab) {
        subj.clear();
        for (std::size_t i = 1; i < items.size(); ++i) subj += squeeze(items[i]);
      }
      t.subject = subj;
      return;
    }
    if (sq.starts_with("主管部门")) {
      if (items.size() > 1 && squeeze(items[0]) == "主管部门") t.department = squeeze(items[1]);
      return;
    }
    if (sq.starts_with("部门（单位）名称") || sq.starts_with("部门(单位)名称")) {
      if (items.size() > 1) t.department = squeeze(items[1]);
      else want_department = true;
      return;
    }
    // The unit is printed in a header cell ("项目资金 (万元)", "年度资金总额（万元）："), not on a 单位 line.
    if (t.unit.empty() && part != Part::indicators) {
      for (auto [mark, unit] : {std::pair{"（万元）", "万元"}, {"(万元)", "万元"}, {"（元）", "元"}, {"(元)", "元"}})
        if (sq.find(mark) != std::string::npos) {
          t.unit = unit;
          break;
        }
    }
    if (sq.find("年初预算数") != std::string::npos && sq.find("全年预算数") != std::string::npos) {
      funds_header(items);
      return;
    }
    if (sq.starts_with("资金管理")) { mgmt_header(); return; }
    if (part == Part::mgmt && sq.starts_with("情况说明")) return;
    if (sq.find("三级指标") != std::string::npos && (sq.find("一级指") != std::string::npos || sq.find("二级指") != std::string::npos)) {
      ind_header(items);
      return;
    }
    if (sq.starts_with("总分")) { total_row(items, l.no); return; }
    if (sq.starts_with("预算情况")) { part = Part::budget; budget_line(items, l.no); return; }
    if (part != Part::indicators &&
        (sq.find("预期目标") != std::string::npos || sq.starts_with("年度总体") || sq.starts_with("年度履职") ||
         sq.starts_with("年度主要任务") || sq.starts_with("任务名称") || sq.starts_with("年度总") || sq == "年")) {
      part = Part::goals;
      return;
    }
    switch (part) {
      case Part::funds:
        if (!funds_row(items, l.no) && std::count_if(items.begin(), items.end(), is_figure_item) >= 3)
          warn(l.no, fmt::format("{}：看起来是资金行，但读不懂，未读入", table_name(t)));
        return;
      case Part::mgmt: mgmt_line_items(items, l.no); return;
      case Part::indicators:
        if (sq == "绩效指标") return;
        if (l.has_tab) ind_tab_line(cells, l.no);
        else ind_space_line(items, l.text, sq, l.no);
        return;
      case Part::budget:
        if (std::any_of(items.begin(), items.end(), is_figure_item) || items.size() <= 3) budget_line(items, l.no);
        return;
      case Part::goals:
      case Part::none:
        return;
    }
  }
};

}  // namespace

void read_perf_table(TableDraft& dr, std::vector<doc::Warning>& warnings) {
  PerfReader pr(dr.table, warnings);
  for (const auto& l : dr.body) pr.line(l);
  if (pr.part == Part::mgmt && !pr.mgmt_pending.empty())
    warnings.push_back({pr.mgmt_line, fmt::format("{}：资金管理行没有读到分值和得分", table_name(dr.table))});
  link_hierarchy(dr.table);
  bool total = std::any_of(dr.table.rows.begin(), dr.table.rows.end(), [](const doc::Row& r) { return r.label == "总分"; });
  if (!total && dr.table.title.find("自评") != std::string::npos)
    warnings.push_back({dr.table.line, fmt::format("{}没有读到总分行；表可能不完整", table_name(dr.table))});
}

}  // namespace gouji::read
