// Reading a PDF: poppler gives the words of every page with their boxes;
// from them this file rebuilds visual lines, finds the table regions, derives
// each table's columns from the x extents of its cells, merges the cells of
// one row that are printed on several lines (a wrapped label, a figure set
// higher or lower in a tall row) and writes the page as the text family the
// text reader already reads: one line per table row with its cells
// separated by TABs in fixed column positions (header rows above, so that a
// group header sits over its sub-columns), and narrative lines as plain
// lines in reading order. Every line remembers its page.
//
// Positions are kept as integers in 1/100 pt; no floating-point value is
// stored (poppler's coordinates are converted as they are read).
#include "runtime/read/pdf_reader.hpp"

#include "runtime/read/cell.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>

namespace gouji::read {

namespace {

// 1/100 pt from a poppler coordinate (non-finite and absurd values → 0).
template <class F>
int cp(F v) {
  if (!(v > -1000000 && v < 1000000)) return 0;
  return static_cast<int>(std::lround(v * 100));
}

struct Word {
  std::string text;
  int x0 = 0, x1 = 0, top = 0, bot = 0;
  int base = 0;  // estimated baseline
  int fs = 0;    // font size
};

struct Cell {
  std::string text;
  int x0 = 0, x1 = 0;
  int base = 0;    // baseline of its (first) line
  int last = 0;    // baseline of its last line (cells merged over lines)
  int fs = 0;
  int last_x1 = 0;             // right end of its last line
  int first = 0, lastcol = 0;  // columns it covers
  bool merged_away = false;
  int center() const { return (base + last) / 2; }
  int width() const { return x1 - x0; }
};

struct Line {
  std::vector<Cell> cells;
  int base = 0;
  int fs = 0;
};

struct OutLine {
  std::string text;
  std::uint32_t page = 0;
};

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Baseline from a box: the fonts of real documents carry odd ascent and
// descent values (the Shanghai sample's Times New Roman box is 1.86 em high,
// its FangSong box 0.26 em), so the box's centre is not where the glyphs are;
// its bottom minus a fifth of its height lands within about 1 pt of the
// baseline for all of them.
int baseline(int top, int bot) { return bot - (bot - top) / 5; }

std::vector<Line> page_lines(std::vector<Word>& words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.base != b.base ? a.base < b.base : a.x0 < b.x0;
  });
  std::vector<Line> lines;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t j = i + 1;
    int tol = std::max(words[i].fs * 3 / 10, 150);
    while (j < words.size() && words[j].base - words[i].base <= tol) ++j;
    std::vector<Word*> ws;
    for (std::size_t k = i; k < j; ++k) ws.push_back(&words[k]);
    std::sort(ws.begin(), ws.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
    Line line;
    line.base = words[i].base;
    for (const Word* w : ws) {
      line.fs = std::max(line.fs, w->fs);
      int gap_limit = std::max(w->fs, line.cells.empty() ? 0 : line.cells.back().fs) * 9 / 10;
      if (!line.cells.empty() && w->x0 - line.cells.back().x1 <= gap_limit) {
        Cell& c = line.cells.back();
        if (!c.text.empty() && !w->text.empty() && ascii_alnum(c.text.back()) && ascii_alnum(w->text.front()))
          c.text += ' ';
        c.text += w->text;
        c.x1 = std::max(c.x1, w->x1);
        c.last_x1 = c.x1;
        c.fs = std::max(c.fs, w->fs);
        continue;
      }
      Cell c;
      c.text = w->text;
      c.x0 = w->x0;
      c.x1 = w->x1;
      c.base = c.last = w->base;
      c.fs = w->fs;
      c.last_x1 = w->x1;
      line.cells.push_back(std::move(c));
    }
    lines.push_back(std::move(line));
    i = j;
  }
  return lines;
}

bool starts_ordinal(std::string_view s) {
  // 一、 / （一） / (一) / 1、 / 1.
  static const std::string_view cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::size_t i = 0;
  for (bool hit = true; hit;) {
    hit = false;
    for (auto d : cn)
      if (s.substr(i).starts_with(d)) { i += d.size(); hit = true; break; }
  }
  if (i > 0 && s.substr(i).starts_with("、")) return true;
  if (s.starts_with("（") || s.starts_with("(")) return true;
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  return k > 0 && k <= 2 && (s.substr(k).starts_with("、") || s.substr(k).starts_with("．"));
}

bool is_fig(const Cell& c) { return is_figure(clean_for_match(c.text)); }

bool total_label(std::string_view clean) {
  return clean == "合计" || clean == "总计" ||
         ((clean.ends_with("合计") || clean.ends_with("总计")) && char_count(clean) <= 10);
}

// A cell that starts a table row: a classification code, a total, an item.
bool anchor(const Cell& c) {
  std::string k = clean_for_match(c.text);
  if (is_digits(k, 3) && k.size() <= 9) return true;
  return total_label(k) || starts_ordinal(k);
}

bool is_lanci_line(const Line& l) { return !l.cells.empty() && clean_for_match(l.cells[0].text).starts_with("栏次"); }

// A single-cell line that can belong to a table region.
bool table_single(const Line& l, std::size_t max_chars) {
  if (l.cells.size() != 1) return false;
  std::string sq = squeeze(l.cells[0].text);
  if (char_count(sq) > max_chars) return false;
  if (sq.find("：") != std::string::npos || sq.find(':') != std::string::npos) return false;
  if (sq.ends_with("表") || sq.starts_with("注") || sq.starts_with("说明") || sq.starts_with("备注") || sq.starts_with("第"))
    return false;
  return true;
}

int overlap(int a0, int a1, int b0, int b1) { return std::min(a1, b1) - std::max(a0, b0); }

struct Column {
  int x0 = 0, x1 = 0;
};

bool significant(int ov, int wa, int wb) { return ov > 150 && ov * 4 > std::min(wa, wb); }

// Columns the cell covers (significant overlap), or the nearest one.
void assign(Cell& c, const std::vector<Column>& cols) {
  int first = -1, last = -1;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (significant(overlap(c.x0, c.x1, cols[i].x0, cols[i].x1), c.width(), cols[i].x1 - cols[i].x0)) {
      if (first < 0) first = static_cast<int>(i);
      last = static_cast<int>(i);
    }
  }
  if (first < 0) {
    long best = LONG_MAX;
    int mid = (c.x0 + c.x1) / 2;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      long d = std::labs(static_cast<long>((cols[i].x0 + cols[i].x1) / 2 - mid));
      if (d < best) { best = d; first = last = static_cast<int>(i); }
    }
  }
  c.first = std::max(first, 0);
  c.lastcol = std::max(last, 0);
}

std::vector<Column> derive_columns(std::vector<Cell*> body, std::vector<Cell*> header) {
  std::vector<Column> cols;
  std::vector<int> figs;  // figures (and codes) seen in each column
  auto by_width = [](const Cell* a, const Cell* b) { return a->width() < b->width(); };
  std::stable_sort(body.begin(), body.end(), by_width);
  for (const Cell* c : body) {
    bool fig = is_fig(*c);
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (significant(overlap(c->x0, c->x1, cols[i].x0, cols[i].x1), c->width(), cols[i].x1 - cols[i].x0)) hits.push_back(i);
    if (hits.empty()) {
      cols.push_back({c->x0, c->x1});
      figs.push_back(fig ? 1 : 0);
      continue;
    }
    // A wide label over several narrower text columns (a centred 合计 and
    // the left-aligned names under it) makes them one column; a cell over
    // figure columns is a spanning cell and shapes nothing.
    bool text_only = !fig;
    for (auto h : hits)
      if (figs[h] > 0) text_only = false;
    if (hits.size() > 1 && !text_only) continue;
    Column& into = cols[hits[0]];
    into.x0 = std::min(into.x0, c->x0);
    into.x1 = std::max(into.x1, c->x1);
    if (fig) ++figs[hits[0]];
    for (std::size_t k = hits.size(); k-- > 1;) {
      into.x0 = std::min(into.x0, cols[hits[k]].x0);
      into.x1 = std::max(into.x1, cols[hits[k]].x1);
      cols.erase(cols.begin() + static_cast<long>(hits[k]));
      figs.erase(figs.begin() + static_cast<long>(hits[k]));
    }
  }
  // Columns that came to overlap by extension are one column.
  std::sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.x0 < b.x0; });
  std::vector<Column> merged;
  for (const auto& c : cols) {
    if (!merged.empty() && overlap(merged.back().x0, merged.back().x1, c.x0, c.x1) > 150) {
      merged.back().x1 = std::max(merged.back().x1, c.x1);
      continue;
    }
    merged.push_back(c);
  }
  cols = std::move(merged);
  // Header words add the columns no figure shows, lowest line first (the
  // leaves, 预算数 | 决算数, before the group names above them).
  std::stable_sort(header.begin(), header.end(), [](const Cell* a, const Cell* b) {
    return a->base != b->base ? a->base > b->base : a->width() < b->width();
  });
  // A header word beside a column of figures or codes, not over it (a
  // centred 款 next to right-aligned codes), names that column, if no other
  // header word does.
  const std::size_t body_cols = cols.size();
  std::vector<bool> named(body_cols, false);
  std::vector<const Cell*> loose;
  for (const Cell* c : header) {
    bool hit = false;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (significant(overlap(c->x0, c->x1, cols[i].x0, cols[i].x1), c->width(), cols[i].x1 - cols[i].x0)) {
        hit = true;
        if (i < body_cols) named[i] = true;
      }
    if (!hit) loose.push_back(c);
  }
  for (const Cell* c : loose) {
    std::size_t best = body_cols;
    int best_gap = INT_MAX;
    for (std::size_t i = 0; i < body_cols; ++i) {
      int gap = std::max(cols[i].x0 - c->x1, c->x0 - cols[i].x1);
      if (gap < best_gap) { best_gap = gap; best = i; }
    }
    bool taken = false;
    for (const auto& col : cols)
      if (significant(overlap(c->x0, c->x1, col.x0, col.x1), c->width(), col.x1 - col.x0)) taken = true;
    if (taken) continue;
    if (best < body_cols && !named[best] && best_gap <= c->fs / 2) {
      named[best] = true;
      cols[best].x0 = std::min(cols[best].x0, c->x0);
      cols[best].x1 = std::max(cols[best].x1, c->x1);
      continue;
    }
    cols.push_back({c->x0, c->x1});
  }
  std::sort(cols.begin(), cols.end(), [](const Column& a, const Column& b) { return a.x0 < b.x0; });
  return cols;
}

std::string join_tabs(std::vector<std::string> cells) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  std::string s;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) s += '\t';
    s += cells[i];
  }
  if (s.find('\t') == std::string::npos) s += '\t';  // a table line, even with one cell
  return s;
}

bool leaf_word(std::string_view clean) {
  for (std::string_view w : {"预算数", "决算数", "小计", "合计", "金额", "行次", "栏次"})
    if (clean == w) return true;
  return false;
}

struct Region {
  std::size_t start = 0, end = 0;  // lines [start, end]
};

struct TableState {
  std::vector<Column> columns;  // of the last table region
  std::uint32_t page = 0;       // page it ended on
  bool code_blocks = false;     // it has several 科目代码 blocks
  bool ended_page = false;      // nothing but the table followed it on its page
};

// One table region of a page → its lines (header rows, 栏次, body rows).
void write_table(std::vector<Line>& lines, const Region& r, std::uint32_t page, TableState& st, std::vector<OutLine>& out) {
  std::vector<Cell*> cells;
  std::vector<Cell*> lanci;
  for (std::size_t i = r.start; i <= r.end; ++i) {
    bool lc = is_lanci_line(lines[i]);
    for (auto& c : lines[i].cells) (lc ? lanci : cells).push_back(&c);
  }
  int fs_med = 1200;
  {
    std::vector<int> f;
    for (auto* c : cells) f.push_back(c->fs);
    if (!f.empty()) {
      std::nth_element(f.begin(), f.begin() + static_cast<long>(f.size() / 2), f.end());
      fs_med = std::max(f[f.size() / 2], 400);
    }
  }
  // Header above the first row: codes, totals and items start the body;
  // figures are always body (a row's figure may be printed above its label).
  // A table continued from the previous page without its header repeated is
  // all body, in the previous page's columns.
  bool continued = r.start == 0 && lanci.empty() && !st.columns.empty() && st.ended_page && st.page + 1 == page;
  int anchor_top = INT_MAX, fig_top = INT_MAX;
  for (auto* c : cells)
    if (is_fig(*c)) fig_top = std::min(fig_top, c->base);
  // A 合计 far above the first figure is a header word (三公 table).
  for (auto* c : cells)
    if (anchor(*c) && (fig_top == INT_MAX || c->base >= fig_top - 2 * c->fs)) anchor_top = std::min(anchor_top, c->base);
  if (anchor_top == INT_MAX) anchor_top = fig_top;
  if (fig_top == INT_MAX) fig_top = anchor_top;
  std::vector<Cell*> header, body;
  for (auto* c : cells) {
    bool head = !continued && !is_fig(*c) && anchor_top != INT_MAX && c->base < anchor_top - c->fs / 2 &&
                c->base < fig_top + c->fs / 2;
    (head ? header : body).push_back(c);
  }

  // Header: a header cell wrapped onto the lines below it is one cell
  // ("国有资本经营⏎预⏎算财政拨⏎款"); a leaf word (类, 预算数 …) starts its own.
  std::sort(header.begin(), header.end(), [](const Cell* a, const Cell* b) {
    return a->base != b->base ? a->base < b->base : a->x0 < b->x0;
  });
  for (std::size_t i = 0; i < header.size(); ++i) {
    Cell* u = header[i];
    if (u->merged_away) continue;
    for (std::size_t j = i + 1; j < header.size(); ++j) {
      Cell* l = header[j];
      if (l->merged_away || l->base <= u->last) continue;
      if (l->base - u->last > fs_med * 136 / 100) break;
      if (!significant(overlap(u->x0, u->x1, l->x0, l->x1), u->width(), l->width())) continue;
      if (leaf_word(clean_for_match(l->text))) break;
      u->text += l->text;
      u->last = l->base;
      u->x0 = std::min(u->x0, l->x0);
      u->x1 = std::max(u->x1, l->x1);
      l->merged_away = true;
    }
  }
  std::vector<Cell*> leaves;  // header cells with no header cell under them
  for (auto* c : header) {
    if (c->merged_away) continue;
    bool under = false;
    for (auto* q : header)
      if (q != c && !q->merged_away && q->base > c->last + c->fs / 2 &&
          significant(overlap(c->x0, c->x1, q->x0, q->x1), c->width(), q->width()))
        under = true;
    if (!under) leaves.push_back(c);
  }

  std::vector<Column> cols = continued ? st.columns : derive_columns(body, leaves);
  if (cols.empty()) cols.push_back({0, 1});
  for (auto* c : cells) assign(*c, cols);
  for (auto* c : lanci) assign(*c, cols);
  const std::size_t n = cols.size();

  struct Placed {
    Cell* c;
    int level;
  };
  std::vector<Placed> placed;
  int levels = 0;
  for (auto* c : header) {
    if (c->merged_away) continue;
    int level = 0;
    for (const auto& p : placed)
      if (p.c->first <= c->lastcol && c->first <= p.c->lastcol && p.c->last < c->base - 100) level = std::max(level, p.level + 1);
    placed.push_back({c, level});
    levels = std::max(levels, level + 1);
  }
  bool code_blocks = false;
  {
    int code_heads = 0;
    for (const auto& p : placed) {
      std::string k = clean_for_match(p.c->text);
      if (k.find("代码") != std::string::npos || k.find("编码") != std::string::npos) ++code_heads;
    }
    code_blocks = continued ? st.code_blocks : code_heads >= 2;
  }
  // A group name is printed centred over its sub-columns, which may be
  // wider than its words: the columns of a header row are shared out among
  // its group names by nearness (within the group above), the group name
  // moves to the first of its columns, and a leaf word of the same row under
  // it moves one row down (the reader carries a group name right over the
  // empty cells next to it, so the rows must nest).
  std::vector<bool> group(placed.size(), false);
  for (std::size_t a = 0; a < placed.size(); ++a)
    for (const auto& q : placed)
      if (q.level > placed[a].level && q.c->first <= placed[a].c->lastcol && placed[a].c->first <= q.c->lastcol) group[a] = true;
  auto col_mid = [&](int k) { return (cols[static_cast<std::size_t>(k)].x0 + cols[static_cast<std::size_t>(k)].x1) / 2; };
  const int last_col = static_cast<int>(n) - 1;
  for (int L = 0; L < levels; ++L) {
    std::vector<std::size_t> gs;
    for (std::size_t a = 0; a < placed.size(); ++a)
      if (group[a] && placed[a].level == L) gs.push_back(a);
    auto mid = [&](std::size_t a) { return (placed[a].c->x0 + placed[a].c->x1) / 2; };
    std::sort(gs.begin(), gs.end(), [&](std::size_t x, std::size_t y) { return mid(x) < mid(y); });
    std::vector<std::pair<int, int>> claims;
    for (std::size_t gi = 0; gi < gs.size(); ++gi) {
      Cell* g = placed[gs[gi]].c;
      int lo = 0, hi = last_col;
      for (std::size_t a = 0; a < placed.size(); ++a)  // the group above it
        if (group[a] && placed[a].level == L - 1 && placed[a].c->first <= g->first && g->first <= placed[a].c->lastcol) {
          lo = placed[a].c->first;
          hi = placed[a].c->lastcol;
        }
      int left_bound = gi > 0 ? (mid(gs[gi - 1]) + mid(gs[gi])) / 2 : INT_MIN;
      int right_bound = gi + 1 < gs.size() ? (mid(gs[gi]) + mid(gs[gi + 1])) / 2 : INT_MAX;
      // Only over columns whose own header starts in a lower row (a
      // sub-column), not beside it (本年收入合计 next to 项目).
      auto lower = [&](int k) {
        int top = INT_MAX;
        for (const auto& q : placed)
          if (q.c != g && q.level >= L && q.c->first <= k && k <= q.c->lastcol) top = std::min(top, q.c->base);
        return top == INT_MAX || top > g->last + g->fs;
      };
      int a0 = g->first, b0 = g->lastcol;
      while (a0 - 1 >= lo && col_mid(a0 - 1) > left_bound && lower(a0 - 1)) --a0;
      while (b0 + 1 <= hi && col_mid(b0 + 1) < right_bound && lower(b0 + 1)) ++b0;
      // Of those, the widest run it is centred over.
      std::pair<int, int> best{g->first, g->lastcol};
      int best_width = -1;
      const int gm = (g->x0 + g->x1) / 2;
      for (int a1 = a0; a1 <= g->first; ++a1)
        for (int b1 = g->lastcol; b1 <= b0; ++b1) {
          int x0 = cols[static_cast<std::size_t>(a1)].x0, x1 = cols[static_cast<std::size_t>(b1)].x1;
          if (std::abs((x0 + x1) / 2 - gm) <= g->fs * 3 / 2 && x1 - x0 > best_width) {
            best = {a1, b1};
            best_width = x1 - x0;
          }
        }
      claims.push_back(best);
    }
    for (std::size_t gi = 0; gi < gs.size(); ++gi) {
      auto [a0, b0] = claims[gi];
      placed[gs[gi]].c->first = a0;
      placed[gs[gi]].c->lastcol = b0;
      for (std::size_t a = 0; a < placed.size(); ++a)
        if (!group[a] && placed[a].level == L && placed[a].c->first >= a0 && placed[a].c->first <= b0) {
          placed[a].level = L + 1;
          levels = std::max(levels, L + 2);
        }
    }
  }
  for (int L = 0; L < levels; ++L) {
    std::vector<std::string> row(n);
    for (const auto& p : placed)
      if (p.level == L) row[static_cast<std::size_t>(p.c->first)] += p.c->text;
    out.push_back({join_tabs(std::move(row)), page});
  }
  if (!lanci.empty()) {
    std::vector<std::string> row(n);
    for (auto* c : lanci) {
      auto& slot = row[static_cast<std::size_t>(c->first)];
      if (!slot.empty()) slot += ' ';
      slot += c->text;
    }
    out.push_back({join_tabs(std::move(row)), page});
  }

  // Body: a label wrapped onto the next lines of its cell is one cell.
  std::vector<int> col_right(n, INT_MIN);
  for (auto* c : body)
    if (c->first == c->lastcol) col_right[static_cast<std::size_t>(c->first)] = std::max(col_right[static_cast<std::size_t>(c->first)], c->x1);
  std::sort(body.begin(), body.end(), [](const Cell* a, const Cell* b) {
    return a->first != b->first ? a->first < b->first : a->base < b->base;
  });
  for (std::size_t i = 0; i + 1 < body.size(); ++i) {
    Cell* u = body[i];
    if (u->merged_away || is_fig(*u)) continue;
    for (std::size_t j = i + 1; j < body.size(); ++j) {
      Cell* l = body[j];
      if (l->first != u->first) break;
      if (l->merged_away) continue;
      if (is_fig(*l) || anchor(*l) || l->base - u->last > u->fs * 136 / 100 || l->base <= u->last) break;
      // Only a line that fills its column wraps onto the next.
      bool full = u->last_x1 >= col_right[static_cast<std::size_t>(u->first)] - u->fs;
      if (!full || std::abs(l->x0 - u->x0) > u->fs) break;
      u->text += l->text;
      u->last = l->base;
      u->x1 = std::max(u->x1, l->x1);
      u->last_x1 = l->last_x1;
      l->merged_away = true;
    }
  }
  std::vector<Cell*> live;
  for (auto* c : body)
    if (!c->merged_away) live.push_back(c);
  std::sort(live.begin(), live.end(), [](const Cell* a, const Cell* b) { return a->center() < b->center(); });
  // Rows: cells whose centres lie close together (a figure set higher or
  // lower in a tall row, a key and its label on slightly different lines).
  const int gap = fs_med * 3 / 4;
  std::size_t i = 0;
  while (i < live.size()) {
    std::size_t j = i + 1;
    while (j < live.size() && live[j]->center() - live[j - 1]->center() <= gap) ++j;
    std::vector<Cell*> row(live.begin() + static_cast<long>(i), live.begin() + static_cast<long>(j));
    std::sort(row.begin(), row.end(), [](const Cell* a, const Cell* b) {
      return a->first != b->first ? a->first < b->first : a->base != b->base ? a->base < b->base : a->x0 < b->x0;
    });
    std::vector<std::string> texts(n);
    for (auto* c : row) {
      auto& slot = texts[static_cast<std::size_t>(c->first)];
      if (!slot.empty() && ascii_alnum(slot.back()) && !c->text.empty() && ascii_alnum(c->text.front())) slot += ' ';
      slot += c->text;
    }
    if (code_blocks) {
      // Several 科目代码 blocks split into 类 | 款: the code is written whole
      // in the first code column ("302" "01" → "30201"), as the unit reader
      // of such tables expects.
      auto digits = [](const std::string& s, std::size_t len) { return s.size() == len && is_digits(s, len); };
      for (std::size_t c = 0; c + 1 < n; ++c) {
        if (!digits(texts[c], 3)) continue;
        std::size_t k = c + 1;
        while (k < n && digits(texts[k], 2) && texts[c].size() < 7) {
          texts[c] += texts[k];
          texts[k].clear();
          ++k;
        }
      }
    }
    out.push_back({join_tabs(std::move(texts)), page});
    i = j;
  }
  st.columns = cols;
  st.page = page;
  st.code_blocks = code_blocks;
}

void write_page(std::vector<Word>& words, std::uint32_t page, TableState& st, std::vector<OutLine>& out) {
  std::size_t before = out.size();
  std::vector<Line> lines = page_lines(words);
  int left = INT_MAX;
  for (const auto& l : lines)
    if (!l.cells.empty()) left = std::min(left, l.cells[0].x0);
  // Table regions: runs of lines with several cells, with the short
  // single-cell lines around and between them (header words, wrapped labels,
  // rows with only a label).
  std::vector<Region> regions;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].cells.size() < 2 && !is_lanci_line(lines[i])) continue;
    if (!regions.empty() && i <= regions.back().end) continue;
    Region r{i, i};
    std::size_t floor = regions.empty() ? 0 : regions.back().end + 1;
    while (r.start > floor && table_single(lines[r.start - 1], 12) && !starts_ordinal(squeeze(lines[r.start - 1].cells[0].text)) &&
           lines[r.start].base - lines[r.start - 1].base <= 3 * std::max(lines[r.start].fs, 400))
      --r.start;
    // A table continued from the previous page: the rows at the top of this
    // page belong to it even when they are single labels.
    if (regions.empty() && st.ended_page && st.page + 1 == page) {
      std::size_t k = r.start;
      while (k > 0 && table_single(lines[k - 1], 20)) --k;
      if (k == 0) r.start = 0;
    }
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const Line& l = lines[j];
      if (l.cells.size() >= 2 || is_lanci_line(l)) { r.end = j; continue; }
      bool close = l.base - lines[j - 1].base <= 3 * std::max(l.fs, 400);
      if (table_single(l, 20) && (close || total_label(clean_for_match(l.cells[0].text)))) { r.end = j; continue; }
      break;
    }
    regions.push_back(r);
  }
  std::size_t ri = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (ri < regions.size() && regions[ri].start == i) {
      write_table(lines, regions[ri], page, st, out);
      i = regions[ri].end;
      ++ri;
      continue;
    }
    std::string text;
    for (const auto& c : lines[i].cells) {
      if (!text.empty()) text += ' ';
      text += c.text;
    }
    if (!lines[i].cells.empty() && lines[i].cells[0].x0 - left > lines[i].fs * 3 / 2) text = "  " + text;  // first-line indent
    out.push_back({std::move(text), page});
  }
  // Did the page end with a table row (so the next page may continue it)?
  bool last_is_table = !regions.empty() && regions.back().end + 1 >= lines.size();
  if (regions.empty() && out.size() > before) last_is_table = false;
  st.ended_page = last_is_table || (regions.empty() && out.size() == before && st.ended_page);
}

void quiet(const std::string&, void*) {}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::variant<PdfText, ReadError> pdf_to_text(std::string_view bytes) {
  static std::once_flag silence;
  std::call_once(silence, [] { poppler::set_debug_error_function(quiet, nullptr); });
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    return ReadError{"PDF 文件太大（超过 2 GiB），未读入", 0};
  std::unique_ptr<poppler::document> d(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!d) {
    // poppler says no for a damaged file and for one that needs a password.
    if (bytes.find("/Encrypt") != std::string_view::npos)
      return ReadError{"PDF 文件已加密（需要密码才能打开），gouji 无法读取；请先另存为不加密的 PDF", 0};
    return ReadError{"PDF 文件已损坏或不完整，无法打开；请重新下载或另存一份 PDF", 0};
  }
  if (d->is_locked())
    return ReadError{"PDF 文件已加密（需要密码才能打开），gouji 无法读取；请先另存为不加密的 PDF", 0};
  int pages = d->pages();
  if (pages <= 0) return ReadError{"PDF 文件中没有页面", 0};
  if (pages > kMaxPdfPages)
    return ReadError{fmt::format("PDF 文件有 {} 页，超过 {} 页的上限，未读入", pages, kMaxPdfPages), 0};
  PdfText result;
  result.pages = pages;
  std::vector<OutLine> out;
  TableState st;
  std::size_t total_words = 0;
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> pg(d->create_page(p));
    if (!pg) continue;
    std::vector<Word> words;
    for (const auto& box : pg->text_list(poppler::page::text_list_include_font)) {
      auto u = box.text().to_utf8();
      Word w;
      w.text.assign(u.begin(), u.end());
      w.text = std::string(trim(w.text));
      if (w.text.empty()) continue;
      for (auto& ch : w.text)
        if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
      auto r = box.bbox();
      w.x0 = cp(r.left());
      w.x1 = cp(r.right());
      w.top = cp(r.top());
      w.bot = cp(r.bottom());
      if (w.x1 < w.x0) std::swap(w.x0, w.x1);
      if (w.bot < w.top) std::swap(w.top, w.bot);
      w.base = baseline(w.top, w.bot);
      w.fs = box.has_font_info() ? cp(box.get_font_size()) : 0;
      if (w.fs <= 0 || w.fs > 20000) w.fs = std::clamp(w.bot - w.top, 400, 20000);
      words.push_back(std::move(w));
    }
    total_words += words.size();
    if (total_words > kMaxPdfWords)
      return ReadError{fmt::format("PDF 文件的文字超过 {} 个词的上限（读到第 {} 页），未读入", kMaxPdfWords, p + 1), 0};
    write_page(words, static_cast<std::uint32_t>(p + 1), st, out);
  }
  if (total_words == 0)
    return ReadError{"PDF 文件没有文字层（可能是扫描件或图片），gouji 无法读取其中的文字；请使用带文字的 PDF 或先做文字识别（OCR）", 0};
  for (auto& l : out) {
    result.text += l.text;
    result.text += '\n';
    result.line_pages.push_back(l.page);
  }
  if (!result.text.empty()) result.text.pop_back();
  return result;
}

std::variant<doc::Document, ReadError> read_pdf_bytes(std::string_view bytes, std::string path) {
  auto r = pdf_to_text(bytes);
  if (auto* e = std::get_if<ReadError>(&r)) return *e;
  auto& t = std::get<PdfText>(r);
  doc::Document document = read_text(std::move(t.text), std::move(path));
  document.line_pages = std::move(t.line_pages);
  document.line_pages.resize(document.line_offsets.size(), document.line_pages.empty() ? 0 : document.line_pages.back());
  if (document.tables.empty())
    document.warnings.push_back({0, "文档中没有找到任何能识别的表（表题如“收入支出决算总表”“公开01表”）"});
  return document;
}

}  // namespace gouji::read
