// The text reader, document level: lines, cover metadata, 目录, sections with
// their paragraphs, and where each table begins and ends. The table readers
// (table_grid.cpp, table_perf.cpp) then read each table's lines.
#include "runtime/read/cell.hpp"
#include "runtime/read/read.hpp"
#include "runtime/read/reader_internal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace gouji::read {

namespace {

// The Chinese numerals a section or list number is written with: 一…十, 百, 零
// (each three bytes in UTF-8).
constexpr std::array<std::string_view, 12> kCnNumerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零"};

constexpr std::uint32_t three_bytes(std::string_view t) {
  return std::uint32_t{static_cast<unsigned char>(t[0])} << 16 | std::uint32_t{static_cast<unsigned char>(t[1])} << 8 |
         std::uint32_t{static_cast<unsigned char>(t[2])};
}

// Is s[i, i + 3) one of kCnNumerals? Compared as one 24-bit value: this runs
// at the start of every line (heading_level's fast reject).
bool cn_numeral_at(std::string_view s, std::size_t i) {
  static constexpr auto keys = [] {
    std::array<std::uint32_t, kCnNumerals.size()> k{};
    for (std::size_t j = 0; j < k.size(); ++j) k[j] = three_bytes(kCnNumerals[j]);
    return k;
  }();
  if (s.size() - i < 3) return false;
  unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0xE4 || lead > 0xE9) return false;  // every numeral's lead byte is E4–E9
  return std::find(keys.begin(), keys.end(), three_bytes(s.substr(i, 3))) != keys.end();
}

// Length of a run of Chinese numerals (一…十, 百, 零) at the start of s.
std::size_t cn_numeral_prefix(std::string_view s) {
  std::size_t i = 0;
  while (cn_numeral_at(s, i)) i += 3;
  return i;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  // The first byte rules out most prefixes before a memcmp (this runs on every line of a table).
  for (auto p : prefixes)
    if (p.empty() || (!s.empty() && s[0] == p[0] && s.starts_with(p))) return true;
  return false;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  for (auto p : parts)
    if (s.find(p) != std::string_view::npos) return true;
  return false;
}

// Drops a leading year ("2025年", "2025 年度") from a squeezed title.
std::string_view strip_year_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && i < 4 && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 4 && s.substr(i).starts_with("年")) {
    s.remove_prefix(i + 3);
    if (s.starts_with("度")) s.remove_prefix(3);
  }
  return s;
}

// Drops a trailing "(2025年度)" / "（2025 年度）".
std::string strip_year_suffix(std::string s) {
  for (std::string_view open : {std::string_view("（"), std::string_view("(")}) {
    auto pos = s.rfind(open);
    if (pos == std::string::npos || pos == 0) continue;
    std::string_view tail = std::string_view(s).substr(pos);
    if ((tail.ends_with("）") || tail.ends_with(")")) && tail.find("年") != std::string_view::npos &&
        tail.size() <= 24) {
      s.erase(pos);
      return s;
    }
  }
  return s;
}

bool has_figure_token(std::string_view line) {
  std::string buf;
  for (auto tok : split_ws(line))
    if (is_figure(clean_view(tok, buf))) return true;
  return false;
}

// Non-empty cells of a tab line (trimmed).
std::vector<std::string_view> nonempty_cells(std::string_view line) {
  std::vector<std::string_view> out;
  for (auto c : split(line, '\t')) {
    auto t = trim(c);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

// The table title printed on this line, if it is one.
std::optional<std::string> title_of(const SourceLine& line) {
  if (line.text.size() > 600) return std::nullopt;  // titles are short
  std::string_view t = trim(line.text);
  if (line.has_tab) {
    // Exactly one non-empty cell, without allocating the cells.
    std::size_t count = 0;
    std::string_view rest = line.text;
    for (;;) {
      std::size_t tab = rest.find('\t');
      auto tc = trim(rest.substr(0, tab));
      if (!tc.empty()) {
        if (++count > 1) return std::nullopt;
        t = tc;
      }
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
  }
  if (t.size() > 160 || (!t.ends_with("表") && !t.ends_with(")") && !t.ends_with("）"))) return std::nullopt;
  if (t.size() > 160) return std::nullopt;
  std::string sq = squeeze(t);
  if (sq.starts_with("-")) return std::nullopt;
  std::size_t n = char_count(sq);
  if (n < 4 || n > 48) return std::nullopt;
  if (contains_any(sq, {"。", "，", "：", ":", "；"})) return std::nullopt;
  if (starts_with_any(sq, {"注", "说明", "备注", "附件", "本表", "第", "其中", "详见", "见"})) return std::nullopt;
  std::string title = strip_year_suffix(std::string(strip_year_prefix(sq)));
  if (!std::string_view(title).ends_with("表")) return std::nullopt;
  if (is_code_line(title)) return std::nullopt;
  if (!contains_any(title, {"决算", "预算", "自评", "绩效", "经费", "汇总", "收支", "明细", "目标"})) return std::nullopt;
  return title;
}

// Section heading level of a (non-tab) line: 1 第N部分, 2 一、, 3 （一）; 0 if none.
// `number` and `heading` receive the parts.
int heading_level(std::string_view t, std::string& number, std::string& heading) {
  if (t.size() > 200) return 0;
  std::string_view s = t;
  if (s.starts_with("第")) {
    std::size_t k = cn_numeral_prefix(s.substr(3));
    if (k > 0 && s.substr(3 + k).starts_with("部分")) {
      number = std::string(s.substr(0, 3 + k + 6));
      heading = std::string(trim(s.substr(3 + k + 6)));
      return 1;
    }
    return 0;
  }
  if (cn_numeral_prefix(s) == 0 && !s.starts_with("（") && !s.starts_with("(")) return 0;  // fast reject
  std::string sq = squeeze(t);
  if (char_count(sq) > 40 || contains_any(sq, {"。", "；"})) return 0;
  std::size_t k = cn_numeral_prefix(s);
  if (k > 0 && s.substr(k).starts_with("、")) {
    number = std::string(s.substr(0, k));
    heading = std::string(trim(s.substr(k + 3)));
    if (heading.empty() || heading.find("：") != std::string::npos) return 0;
    return 2;
  }
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (!s.starts_with(open)) continue;
    std::string_view rest = trim(s.substr(open.size()));
    std::size_t j = cn_numeral_prefix(rest);
    if (j == 0) continue;
    std::string_view after = trim(rest.substr(j));
    if (!after.starts_with(close)) continue;
    number = fmt::format("{}{}{}", open, rest.substr(0, j), close);
    heading = std::string(trim(after.substr(close.size())));
    if (heading.empty()) return 0;
    return 3;
  }
  return 0;
}

bool ends_sentence(std::string_view s) {
  s = trim(s);
  for (std::string_view p : {"。", "！", "？", "；", "：", "!", "?", ";", ":", "”", "」"})
    if (s.ends_with(p)) return true;
  return false;
}

bool starts_enumeration(std::string_view s) {
  s = trim(s);
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  // "1." / "2、" start an item; "6256.35" (a number broken across lines) does not.
  if (i > 0 && i <= 2 && i < s.size()) {
    if (s.substr(i).starts_with("、") || s.substr(i).starts_with("．")) return true;
    if (s[i] == '.' && (i + 1 >= s.size() || s[i + 1] < '0' || s[i + 1] > '9')) return true;
  }
  if (cn_numeral_prefix(s) > 0 && s.substr(cn_numeral_prefix(s)).starts_with("、")) return true;
  // "（一）" / "(2)" start an item; "（类）2106.66 万元" (a sentence wrapped before its
  // bracketed word) does not.
  for (std::string_view open : {std::string_view("（"), std::string_view("(")}) {
    if (!s.starts_with(open)) continue;
    std::string_view rest = s.substr(open.size());
    std::size_t k = cn_numeral_prefix(rest);
    if (k == 0)
      while (k < rest.size() && k < 2 && rest[k] >= '0' && rest[k] <= '9') ++k;
    return k > 0 && (rest.substr(k).starts_with("）") || rest.substr(k).starts_with(")"));
  }
  return false;
}

// "部门名称：X 2023 年度 单位：万元" and its parts; returns true if the line
// was a meta line of a table's preamble.
struct Meta {
  std::optional<std::string> unit;
  std::optional<std::string> department;
  bool wants_unit_next = false;  // "单位：" with the unit on the next line
};

std::string department_text(std::string_view raw) {
  // Cut at "单位：" and at a printed year ("2023 年度").
  std::string s = squeeze(raw);
  for (std::string_view stop : {"单位：", "单位:"}) {
    auto p = s.find(stop);
    if (p != std::string::npos) s.erase(p);
  }
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (std::all_of(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(i) + 4,
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        std::string_view(s).substr(i + 4).starts_with("年")) {
      s.erase(i);
      break;
    }
  }
  return s;
}

std::optional<Meta> meta_of(std::string_view line_text) {
  if (line_text.size() > 600 || (line_text.find("：") == std::string_view::npos && line_text.find(':') == std::string_view::npos))
    return std::nullopt;  // every meta line has a colon
  std::string joined;
  if (line_text.find('\t') != std::string_view::npos) {
    for (auto c : nonempty_cells(line_text)) {
      if (!joined.empty()) joined += ' ';
      joined.append(c);
    }
  } else {
    joined = std::string(trim(line_text));
  }
  std::string sq = squeeze(joined);
  Meta m;
  bool any = false;
  for (std::string_view key : {"部门名称：", "部门名称:", "部门：", "部门:", "单位名称：", "单位名称:", "部门（单位）名称：", "部门(单位)名称："}) {
    if (sq.starts_with(key)) {
      auto pos = joined.find(key.substr(key.size() - 3) == "：" ? "：" : ":");
      m.department = department_text(pos == std::string::npos ? std::string_view(joined) : std::string_view(joined).substr(pos + (key.ends_with("：") ? 3 : 1)));
      any = true;
      break;
    }
  }
  for (std::string_view key : {"单位：", "单位:"}) {
    auto pos = sq.find(key);
    if (pos == std::string::npos) continue;
    if (pos != 0 && !any) break;  // "…单位：" inside other text
    std::string rest = sq.substr(pos + key.size());
    // The unit is the first word after the key (万元 / 元 / 千元).
    for (std::string_view u : {"万元", "千元", "亿元", "元"})
      if (rest.starts_with(u)) { m.unit = std::string(u); break; }
    if (!m.unit && rest.empty()) m.wants_unit_next = true;
    any = true;
    break;
  }
  if (!any) return std::nullopt;
  return m;
}

// squeeze() of a line's first 240 bytes, made only as far as it is looked at:
// most lines (a table's rows, narrative) are tested on their start only (注：,
// 公开NN表, a date, the table's title), which the first 24 squeezed bytes —
// made on the stack — decide; the whole is squeezed when a test needs it.
class LineSq {
 public:
  explicit LineSq(std::string_view src) : src_(src) { n_ = squeeze_head(src, head_, sizeof head_, complete_); }
  const std::string& full() {
    if (!full_) full_ = complete_ ? std::string(head_, n_) : squeeze(src_);
    return *full_;
  }
  // Tests that only a short text can pass (is_code_line, is_date_line, a unit):
  // a squeezed text longer than the head fails them.
  template <class F>
  bool short_test(F&& f) const { return complete_ && f(std::string_view(head_, n_)); }
  bool equals(std::string_view w) {
    if (complete_) return std::string_view(head_, n_) == w;
    return w.size() > n_ && w.starts_with(std::string_view(head_, n_)) && full() == w;
  }
  bool starts_with_any(std::initializer_list<std::string_view> prefixes) {
    for (auto p : prefixes)
      if (p.size() > n_ && !complete_) return read::starts_with_any(full(), prefixes);
    return read::starts_with_any(std::string_view(head_, n_), prefixes);
  }

 private:
  std::string_view src_;
  char head_[24];  // ≥ the longest short test: a date "2024年04月30日" (17 bytes), 注：/说明： (9)
  std::size_t n_ = 0;
  bool complete_ = false;
  std::optional<std::string> full_;
};

struct Builder {
  doc::Document& d;
  std::string title_squeezed;    // squeeze(title) of the open table

  // Paragraph being built.
  bool para_open = false;
  std::vector<std::uint8_t> wrapped;  // read_text's layout hint, per line
  // Table being collected.
  std::optional<TableDraft> draft;
  bool preamble = true;          // still above the table's header
  bool unit_next = false;        // the unit is printed on the next line
  bool dept_may_wrap = false;    // the department name may continue on the next line
  bool note_open = false;        // the last note may continue
  std::string pending_code;      // a 公开NN表 line seen before its title
  int expect_heading_for = -1;   // section whose heading text is on the next line
  int heading_may_continue = -1; // section whose heading (from the next line) may wrap once more

  explicit Builder(doc::Document& doc) : d(doc) {}

  int current_section = 0;
  int last_at_level[5] = {0, -1, -1, -1, -1};

  void add_section(int level, std::string number, std::string heading, std::uint32_t line) {
    close_paragraph();
    doc::Section s;
    s.level = level;
    s.number = std::move(number);
    s.heading = std::move(heading);
    s.line = line;
    int parent = 0;
    for (int l = level - 1; l >= 1; --l)
      if (last_at_level[l] >= 0) { parent = last_at_level[l]; break; }
    s.parent = parent;
    int idx = static_cast<int>(d.sections.size());
    d.sections.push_back(std::move(s));
    d.sections[static_cast<std::size_t>(parent)].children.push_back(idx);
    last_at_level[level] = idx;
    for (int l = level + 1; l < 5; ++l) last_at_level[l] = -1;
    current_section = idx;
    expect_heading_for = d.sections[static_cast<std::size_t>(idx)].heading.empty() ? idx : -1;
  }

  void close_paragraph() { para_open = false; }

  void add_paragraph_line(std::string_view t, std::uint32_t no) {
    auto& sec = d.sections[static_cast<std::size_t>(current_section)];
    if (para_open && !sec.paragraphs.empty()) {
      auto& p = sec.paragraphs.back();
      std::uint32_t last = p.line_map.back().second;  // the paragraph's last line so far
      bool cut = last >= 1 && last <= wrapped.size() && wrapped[last - 1];
      if ((cut || !ends_sentence(p.text)) && !starts_enumeration(t)) {
        p.line_map.emplace_back(static_cast<std::uint32_t>(p.text.size()), no);
        p.text.append(t);
        return;
      }
    }
    doc::Paragraph p;
    p.text = std::string(t);
    p.line = no;
    p.line_map.emplace_back(0, no);
    sec.paragraphs.push_back(std::move(p));
    para_open = true;
  }

  void open_table(std::string title, std::uint32_t no) {
    close_table();
    close_paragraph();
    draft.emplace();
    draft->table.title = std::move(title);
    title_squeezed = squeeze(draft->table.title);
    draft->table.line = no;
    draft->table.end_line = no;
    draft->table.code = pending_code;
    pending_code.clear();
    preamble = true;
    unit_next = dept_may_wrap = note_open = false;
  }

  void close_table() {
    if (!draft) return;
    TableDraft dr = std::move(*draft);
    draft.reset();
    auto& t = dr.table;
    if (dr.body.empty() && t.notes.empty()) return;  // a heading that only looked like a title
    for (const auto& n : t.notes) {
      std::string c = squeeze(n);
      if (contains_any(c, {"本表无数据", "此表无数据", "故本表无", "故此表无", "本表为空", "无数据"})) t.declared_empty = true;
    }
    bool perf = (t.title.find("自评") != std::string::npos && t.title.find("汇总") == std::string::npos) ||
                (t.title.find("绩效目标表") != std::string::npos && t.title.find("整体") != std::string::npos);
    if (perf)
      read_perf_table(dr, d.warnings);
    else
      read_grid_table(dr, d.warnings);
    // A table's rows stay as long as the document: give back what the vector
    // grew beyond them (a quarter of the rows' bytes on average).
    t.rows.shrink_to_fit();
    d.tables.push_back(std::move(dr.table));
  }

  void table_line(const SourceLine& line, std::string_view t, LineSq& lsq) {
    auto& tb = draft->table;
    if (preamble) {
      const std::string& sq = lsq.full();
      if (unit_next) {
        unit_next = false;
        for (std::string_view u : {"万元", "千元", "亿元", "元"})
          if (sq.starts_with(u)) { tb.unit = std::string(u); tb.end_line = line.no; return; }
      }
      if (is_code_line(sq)) {
        if (tb.code.empty()) tb.code = sq;
        tb.end_line = line.no;
        return;
      }
      if (is_date_line(sq)) { tb.end_line = line.no; return; }
      if (auto m = meta_of(line.text)) {
        if (m->unit) tb.unit = *m->unit;
        if (m->department) {
          tb.department = *m->department;
          dept_may_wrap = !line.has_tab && !m->unit && m->department->size() > 0;
        }
        unit_next = m->wants_unit_next;
        tb.end_line = line.no;
        return;
      }
      bool ends_name = contains_any(tb.department.substr(tb.department.size() >= 3 ? tb.department.size() - 3 : 0),
                                    {"室", "局", "心", "会", "院", "所", "站", "队", "处", "部", "厅", "馆", "校", "团", "社", "司", "行", "台", "委", "办"});
      if (dept_may_wrap && !line.has_tab && char_count(sq) <= 16 && !has_figure_token(t) &&
          !contains_any(sq, {"：", ":", "项目", "科目", "收入", "预算数", "人员经费", "一级指标"}) &&
          !tb.department.empty() && (!ends_name || char_count(sq) <= 4)) {
        tb.department += sq;
        dept_may_wrap = false;
        tb.end_line = line.no;
        return;
      }
      preamble = false;
      dept_may_wrap = false;
    }
    if (lsq.starts_with_any({"注：", "注:", "说明：", "说明:", "备注：", "备注:"})) {
      tb.notes.emplace_back(t);
      note_open = !ends_sentence(t);
      tb.end_line = line.no;
      return;
    }
    if (note_open && !line.has_tab && !tb.notes.empty() && !has_figure_token(t)) {
      tb.notes.back().append(t);
      note_open = !ends_sentence(t);
      tb.end_line = line.no;
      return;
    }
    note_open = false;
    // Headings repeated on a new page; a unit printed late.
    if (!line.has_tab) {
      if (unit_next) {
        unit_next = false;
        for (std::string_view u : {"万元", "千元", "亿元", "元"})
          if (lsq.equals(u)) { if (tb.unit.empty()) tb.unit = std::string(u); return; }
      }
      if (auto m = meta_of(line.text)) {
        if (m->unit && tb.unit.empty()) tb.unit = *m->unit;
        unit_next = m->wants_unit_next;
        return;
      }
      if (lsq.equals(title_squeezed) || lsq.short_test(is_code_line) || lsq.short_test(is_date_line)) return;
    }
    dr_body().push_back(line);
    tb.end_line = line.no;
  }

  std::vector<SourceLine>& dr_body() { return draft->body; }

  void body_line(const SourceLine& line) {
    std::string_view t = trim(line.text);
    if (t.empty()) return;
    if (is_page_number(t)) return;
    // Every check below looks at short lines or at a line's beginning only.
    LineSq sq((line.has_tab ? std::string_view(line.text) : t).substr(0, 240));
    if (expect_heading_for >= 0 && !line.has_tab) {
      // "第二部分⏎2023 年度部门决算表": the part's heading is on the next line.
      auto& s = d.sections[static_cast<std::size_t>(expect_heading_for)];
      expect_heading_for = -1;
      std::string number, heading;
      if (char_count(sq.full()) <= 40 && !ends_sentence(t) && heading_level(t, number, heading) == 0 && !title_of(line)) {
        s.heading = std::string(t);
        heading_may_continue = static_cast<int>(&s - d.sections.data());
        return;
      }
    }
    if (heading_may_continue >= 0) {
      // "洛阳市…创新办⏎⏎公室概况": the heading wrapped.
      auto& s = d.sections[static_cast<std::size_t>(heading_may_continue)];
      heading_may_continue = -1;
      std::string number, heading;
      if (!line.has_tab && char_count(sq.full()) <= 8 && !ends_sentence(t) && heading_level(t, number, heading) == 0 &&
          !title_of(line) && !has_figure_token(t) && char_count(squeeze(s.heading)) >= 12) {
        s.heading += std::string(t);
        return;
      }
    }
    if (auto title = title_of(line)) {
      // The same title printed twice (page header, or a heading and then the table's own title).
      if (draft && draft->body.empty() && draft->table.notes.empty()) {
        draft->table.title = *title;
        title_squeezed = squeeze(*title);
        draft->table.line = line.no;
        draft->table.end_line = line.no;
        preamble = true;
        return;
      }
      open_table(*title, line.no);
      return;
    }
    if (!line.has_tab) {
      std::string number, heading;
      int level = heading_level(t, number, heading);
      if (level > 0 && (level == 1 || !draft || !has_figure_token(t.substr(number.size())))) {
        close_table();
        add_section(level, std::move(number), std::move(heading), line.no);
        return;
      }
    }
    if (draft) {
      table_line(line, t, sq);
      return;
    }
    if (sq.short_test(is_code_line)) {
      pending_code = sq.full();
      return;
    }
    if (line.has_tab) {
      auto cells = nonempty_cells(line.text);
      if (cells.size() >= 2) {
        d.warnings.push_back({line.no, fmt::format("第 {} 行看起来是表格行（{} 个单元格），但不属于任何能识别的表，未读入",
                                                   line.no, cells.size())});
        return;
      }
      t = cells.empty() ? std::string_view() : cells[0];
      if (t.empty()) return;
    }
    if (expect_heading_for >= 0) {
      auto& s = d.sections[static_cast<std::size_t>(expect_heading_for)];
      expect_heading_for = -1;
      if (char_count(sq.full()) <= 40 && !ends_sentence(t)) {
        s.heading = std::string(t);
        return;
      }
    }
    add_paragraph_line(t, line.no);
  }
};

}  // namespace

bool is_page_number(std::string_view t) {
  t = trim(t);
  if (t.empty() || t.size() > 40 || (t[0] != '-' && !t.starts_with("第") && !t.starts_with("—"))) return false;
  std::string sq = squeeze(t);
  std::string_view s = sq;
  if (s.starts_with("-") && s.ends_with("-") && s.size() >= 3) {
    s = s.substr(1, s.size() - 2);
    return is_digits(s) && s.size() <= 4;
  }
  if (s.starts_with("第") && s.ends_with("页")) {
    s = s.substr(3, s.size() - 6);
    return is_digits(s) && s.size() <= 4;
  }
  return false;
}

bool is_date_line(std::string_view sq) {
  std::size_t i = 0;
  while (i < sq.size() && sq[i] >= '0' && sq[i] <= '9') ++i;
  if (i != 4 || !sq.substr(i).starts_with("年")) return false;
  std::string_view rest = sq.substr(i + 3);
  if (rest.empty() || rest == "度") return true;
  std::size_t j = 0;
  while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9') ++j;
  if (j == 0 || j > 2) return false;
  rest = rest.substr(j);
  if (rest == "月") return true;
  if (!rest.starts_with("月")) return false;
  rest = rest.substr(3);
  std::size_t k = 0;
  while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
  return k > 0 && k <= 2 && rest.substr(k) == "日";
}

bool is_code_line(std::string_view sq) {
  if (!sq.starts_with("公开") || !sq.ends_with("表")) return false;
  std::string_view mid = sq.substr(6, sq.size() - 9);
  return !mid.empty() && mid.size() <= 3 && is_digits(mid);
}

void link_hierarchy(doc::Table& table) {
  // Per block, the latest row seen with each code; a row's parent is the row
  // of its longest proper prefix (201 → 20103 → 2010301).
  std::vector<std::unordered_map<std::string, int>> latest(table.blocks.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    auto& r = table.rows[i];
    if (r.code.empty() || r.block < 0 || static_cast<std::size_t>(r.block) >= latest.size()) continue;
    auto& seen = latest[static_cast<std::size_t>(r.block)];
    for (std::size_t len = r.code.size() - 1; len >= 1; --len) {
      auto it = seen.find(r.code.substr(0, len));
      if (it != seen.end()) {
        r.parent = it->second;
        table.rows[static_cast<std::size_t>(it->second)].children.push_back(static_cast<int>(i));
        break;
      }
    }
    seen[r.code] = static_cast<int>(i);
  }
}

namespace {

// A 目录 entry may end with its page number, after dot leaders or not
// ("一、收入支出决算总表……………5", squeezed): the entry without them.
std::string_view strip_toc_page(std::string_view v) {
  std::size_t digits = 0;
  while (digits < v.size() && v[v.size() - 1 - digits] >= '0' && v[v.size() - 1 - digits] <= '9') ++digits;
  if (digits == 0 || digits > 4) return v;
  v.remove_suffix(digits);
  for (bool cut = true; cut;) {
    cut = false;
    for (std::string_view leader : {"…", "⋯", "·", "•", ".", "．", "-", "—", "_"})
      if (v.ends_with(leader)) {
        v.remove_suffix(leader.size());
        cut = true;
      }
  }
  return v;
}

// "一、收入支出决算总表⇥5": a 目录 line whose page number stands in a cell of
// its own (a PDF's right-aligned page numbers), not a table row.
bool toc_line_with_page(std::string_view line) {
  auto cells = nonempty_cells(line);
  return cells.size() == 2 && cells[1].size() <= 4 && is_digits(cells[1]) && !is_digits(cells[0]);
}

}  // namespace

doc::Document read_text(std::string text, std::string path, std::vector<std::uint8_t> wrapped) {
  doc::Document d;
  d.path = std::move(path);
  d.source = std::move(text);
  doc::Section root;
  d.sections.push_back(root);

  Builder b(d);
  b.wrapped = std::move(wrapped);
  std::string_view src(d.source);
  // Line starts only; a line's text is cut from the source when needed.
  d.line_offsets.reserve(src.size() / 32 + 1);
  for (std::size_t pos = 0;;) {
    d.line_offsets.push_back(static_cast<std::uint32_t>(pos));
    const void* nl = std::memchr(src.data() + pos, '\n', src.size() - pos);
    if (!nl) break;
    pos = static_cast<std::size_t>(static_cast<const char*>(nl) - src.data()) + 1;
  }
  const std::size_t nlines = d.line_offsets.size();
  auto get = [&](std::size_t i) {
    std::size_t begin = d.line_offsets[i];
    std::size_t end = i + 1 < nlines ? d.line_offsets[i + 1] - 1 : src.size();
    std::string_view lt = src.substr(begin, end - begin);
    return SourceLine{lt, static_cast<std::uint32_t>(i + 1), lt.find('\t') != std::string_view::npos};
  };

  // Cover and 目录: the 目录 runs until "第一部分" is printed a second time.
  std::size_t body_start = 0, toc_start = nlines;
  for (std::size_t i = 0; i < nlines && i < 400; ++i) {
    if (get(i).text.size() < 40 && squeeze(get(i).text) == "目录") {
      toc_start = i;
      break;
    }
  }
  std::string cover;
  std::size_t cover_end = toc_start < nlines ? toc_start : std::min<std::size_t>(nlines, 12);
  for (std::size_t i = 0; i < cover_end; ++i) {
    auto t = trim(get(i).text);
    if (t.empty() || is_page_number(t) || t.size() > 300) continue;
    cover += squeeze(t);
  }
  if (toc_start < nlines) {
    int firsts = 0;
    std::size_t i = toc_start + 1;
    for (; i < nlines; ++i) {
      std::string sq = squeeze(get(i).text);
      if (sq.starts_with("第一部分")) {
        if (++firsts == 2) break;
      }
      // The body started without a second 第一部分: a table row, or a long
      // paragraph. A 目录 entry with its page number after a tab is neither.
      if (sq.size() > 200 || (get(i).has_tab && !toc_line_with_page(get(i).text))) break;
      std::string_view v = sq;
      if (v.starts_with("-")) v.remove_prefix(1);
      std::size_t k = cn_numeral_prefix(v);
      if (k > 0 && v.substr(k).starts_with("、")) v.remove_prefix(k + 3);
      if (std::string_view t = strip_toc_page(v); t.ends_with("表")) v = t;
      std::string entry(v);
      if (std::string_view(entry).ends_with("表") && !entry.starts_with("第") && entry.find("：") == std::string::npos &&
          entry.find(':') == std::string::npos)
        d.toc.push_back(strip_year_suffix(std::string(strip_year_prefix(entry))));
    }
    body_start = i;
  }

  // Metadata from the cover.
  if (cover.find("决算") != std::string::npos) d.kind = doc::Kind::final_accounts;
  else if (cover.find("预算") != std::string::npos) d.kind = doc::Kind::budget;
  for (std::size_t i = 0; i + 4 < cover.size(); ++i) {
    std::string_view v(cover);
    if (is_digits(v.substr(i, 4)) && v.substr(i + 4).starts_with("年") && (i == 0 || cover[i - 1] < '0' || cover[i - 1] > '9')) {
      d.year = std::stoi(std::string(v.substr(i, 4)));
      break;
    }
  }
  for (std::string_view key : {"部门决算", "部门预算", "决算公开", "预算公开"}) {
    auto p = cover.find(key);
    if (p == std::string::npos) continue;
    std::string_view name = strip_year_prefix(std::string_view(cover).substr(0, p));
    if (name.ends_with("部门")) name.remove_suffix(6);
    // "上海市普陀区财政局 2024年度部门决算": the year sits between the name and the key.
    for (std::string_view year_word : {std::string_view("年度"), std::string_view("年")}) {
      if (!name.ends_with(year_word)) continue;
      std::string_view head = name.substr(0, name.size() - year_word.size());
      if (head.size() >= 4 && is_digits(head.substr(head.size() - 4))) name = head.substr(0, head.size() - 4);
      break;
    }
    if (char_count(name) >= 2 && char_count(name) <= 40) d.department = std::string(name);
    break;
  }

  for (std::size_t i = body_start; i < nlines; ++i) b.body_line(get(i));
  b.close_table();
  b.close_paragraph();

  // Tables the 目录 lists but the body does not print (as Document::find_tables
  // matches: the normalised code or title; each normalised once).
  if (!d.toc.empty()) {
    std::unordered_set<std::string> printed;
    for (const auto& t : d.tables) {
      if (!t.code.empty()) printed.insert(doc::normalize(t.code));
      printed.insert(doc::normalize(t.title));
    }
    for (const auto& entry : d.toc)
      if (!printed.contains(doc::normalize(entry)))
        d.warnings.push_back({0, fmt::format("目录列出了“{}”，但正文中没有找到这张表", entry)});
  }

  // Document-wide fallbacks from the tables.
  std::map<std::string, int> units, depts, kinds;
  for (const auto& t : d.tables) {
    if (!t.unit.empty()) ++units[t.unit];
    if (!t.department.empty()) ++depts[t.department];
    if (t.title.find("决算") != std::string::npos) ++kinds["决算"];
    if (t.title.find("预算") != std::string::npos) ++kinds["预算"];
  }
  auto most = [](const std::map<std::string, int>& m) {
    std::string best;
    int n = 0;
    for (const auto& [k, v] : m)
      if (v > n) { best = k; n = v; }
    return best;
  };
  d.unit = most(units);
  if (d.department.empty()) d.department = most(depts);
  if (d.kind == doc::Kind::unknown && !kinds.empty())
    d.kind = most(kinds) == "决算" ? doc::Kind::final_accounts : doc::Kind::budget;
  return d;
}

}  // namespace gouji::read
