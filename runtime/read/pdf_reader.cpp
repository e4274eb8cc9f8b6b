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
#include "runtime/read/reader_internal.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <map>
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

// A word of a cell: text[begin, end) and its extent.
struct Piece {
  std::size_t begin = 0, end = 0;
  int x0 = 0, x1 = 0;
};

struct Cell {
  std::string text;
  std::vector<Piece> pieces;  // the words it was made of, left to right
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
  // Narrative lines: reaches the right edge of the page's text (the line
  // was cut by the margin); starts with a first-line indent.
  bool full = false;
  bool indented = false;
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
        c.pieces.push_back({c.text.size(), c.text.size() + w->text.size(), w->x0, w->x1});
        c.text += w->text;
        c.x1 = std::max(c.x1, w->x1);
        c.last_x1 = c.x1;
        c.fs = std::max(c.fs, w->fs);
        continue;
      }
      Cell c;
      c.text = w->text;
      c.pieces.push_back({0, w->text.size(), w->x0, w->x1});
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
  // （一） / (1): a bracket with a numeral in it; （境）费用 continues a label.
  for (std::string_view open : {"（", "("}) {
    if (!s.starts_with(open)) continue;
    std::size_t k = open.size(), n = k;
    for (bool hit = true; hit;) {
      hit = false;
      for (auto d : cn)
        if (s.substr(k).starts_with(d)) { k += d.size(); hit = true; break; }
      if (!hit && k < s.size() && s[k] >= '0' && s[k] <= '9') { ++k; hit = true; }
    }
    if (k > n && (s.substr(k).starts_with("）") || s.substr(k).starts_with(")"))) return true;
  }
  std::size_t k = 0;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  return k > 0 && k <= 2 && (s.substr(k).starts_with("、") || s.substr(k).starts_with("．"));
}

bool is_fig(const Cell& c) { return is_figure(clean_for_match(c.text)); }

// A sentence (a form's goal text), not a heading or a name: it has a comma
// or a full stop, or more than 40 characters.
bool is_sentence(const Cell& c) {
  return c.text.find("，") != std::string::npos || c.text.find("。") != std::string::npos || char_count(c.text) > 40;
}

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

// A 栏次 row printed without the word (the 三公 table's "1 2 … 12" under its
// headings): the numbers 1, 2, … n (n ≥ 3) in order, each a cell, on a line
// above the table's first figures. Read as a row of figures, its numbers
// (centred in their cells) and the figures under them (right-aligned) would
// make two columns of each cell.
bool numbers_row(const Line& l) {
  if (l.cells.size() < 3 || is_lanci_line(l)) return false;
  std::vector<std::string_view> texts;
  for (const Cell& c : l.cells) texts.push_back(c.text);
  return lanci_row(texts);
}

// The first 栏次 row of the lines [first, end] above any figure: a line
// starting with 栏次, or a numbers row.
std::optional<std::size_t> lanci_line_of(const std::vector<Line>& lines, std::size_t first, std::size_t end) {
  for (std::size_t i = first; i <= end; ++i) {
    if (is_lanci_line(lines[i]) || numbers_row(lines[i])) return i;
    if (std::any_of(lines[i].cells.begin(), lines[i].cells.end(), [](const Cell& c) { return is_fig(c); })) break;
  }
  return std::nullopt;
}

// A line of a table's title block, printed just above its header: the year
// ("2023年度"), the code ("公开01表"), the unit, the department. It is never a
// header word, however close above the header it stands.
bool title_block(const Line& l) {
  if (l.cells.size() != 1) return false;
  std::string sq = squeeze(l.cells[0].text);
  for (std::string_view p : {"单位：", "单位:", "金额单位", "部门名称", "编制单位", "填报单位"})
    if (sq.starts_with(p)) return true;
  return is_date_line(sq) || is_code_line(sq);
}

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

// Does the cell cover the column (significant overlap)?
bool covers(const Cell& c, const Column& col) {
  return significant(overlap(c.x0, c.x1, col.x0, col.x1), c.width(), col.x1 - col.x0);
}

// Columns the cell covers (significant overlap), or the nearest one.
void assign(Cell& c, const std::vector<Column>& cols) {
  int first = -1, last = -1;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (covers(c, cols[i])) {
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

// The columns of a table continued on a new page are its first page's;
// those may have come from the header words alone (a first page holding
// only the 合计 row: the 科目名称 column is where its heading is centred,
// left of which the names start). A cell of this page that covers one of
// them widens it, narrowest cells first, as long as it does not reach into
// a neighbour; so a wrapped name's last word ("出" of "…缴费支⏎出") finds the
// names' column rather than the column nearest its centre.
std::vector<Column> widen_columns(std::vector<Column> cols, std::vector<Cell*> body) {
  auto by_width = [](const Cell* a, const Cell* b) { return a->width() < b->width(); };
  std::stable_sort(body.begin(), body.end(), by_width);
  for (const Cell* c : body) {
    std::size_t hit = cols.size(), hits = 0;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (covers(*c, cols[i])) hit = i, ++hits;
    // A cell right of the last column, clear of it (a form's columns that
    // the last page's rows left empty): a column of its own. (One between
    // two columns is a text that starts left of a narrow column's heading,
    // as the last page's rows may have left its extent: it widens nothing.)
    if (hits == 0 && !cols.empty() && c->x0 > cols.back().x1) {
      cols.push_back(Column{c->x0, c->x1});
      continue;
    }
    if (hits != 1) continue;
    const int x0 = std::min(cols[hit].x0, c->x0), x1 = std::max(cols[hit].x1, c->x1);
    bool clear = true;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (i != hit && overlap(x0, x1, cols[i].x0, cols[i].x1) > 0) clear = false;
    if (clear) cols[hit] = {x0, x1};
  }
  return cols;
}

std::vector<Column> derive_columns(std::vector<Cell*> body, std::vector<Cell*> header, bool has_lanci,
                                   std::vector<const Cell*> numbers = {}) {
  std::vector<Column> cols;
  std::vector<int> figs;   // figures (and codes) seen in each column
  std::vector<int> codes;  // codes (left-aligned) among them
  std::vector<std::vector<int>> bases;  // the lines of each column's cells
  // Two columns with cells side by side on one line (within 6 pt: a cell
  // wrapped over two lines beside a one-line cell) are two columns, whatever
  // is printed across both (a form's text merged over them).
  auto side_by_side = [&](std::size_t a, std::size_t b) {
    for (int x : bases[a])
      for (int y : bases[b])
        if (std::abs(x - y) <= 600) return true;
    return false;
  };
  auto by_width = [](const Cell* a, const Cell* b) { return a->width() < b->width(); };
  std::stable_sort(body.begin(), body.end(), by_width);
  for (const Cell* c : body) {
    // A dash printed for a blank or zero ("-", "——", a "----" rule) may
    // stand anywhere in its cell: it shapes no column.
    std::string k = clean_for_match(c->text);
    if (!k.empty() && k.find_first_not_of('-') == std::string::npos) continue;
    bool fig = is_fig(*c);
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (covers(*c, cols[i])) hits.push_back(i);
    const bool code = fig && anchor(*c);
    if (hits.empty()) {
      cols.push_back({c->x0, c->x1});
      figs.push_back(fig ? 1 : 0);
      codes.push_back(code ? 1 : 0);
      bases.push_back({c->base});
      continue;
    }
    // A wide label over several narrower text columns (a centred 合计 and
    // the left-aligned names under it) makes them one column; a cell over
    // figure columns is a spanning cell and shapes nothing.
    // (Unless the figures are one column's, which the words cover whole,
    // never printed beside them: a unit's code right-aligned in a column of
    // names wrapped to its width, 102 under 办公经费—其 ⏎ 他.)
    bool text_only = !fig;
    std::size_t fig_hits = 0;
    bool figs_inside = true;
    for (auto h : hits)
      if (figs[h] > 0) {
        ++fig_hits;
        figs_inside = figs_inside && cols[h].x0 >= c->x0 && cols[h].x1 <= c->x1 + c->fs / 2;
      }
    if (fig_hits > 1 || (fig_hits == 1 && (!figs_inside || hits.size() != 2))) text_only = false;
    for (std::size_t a = 0; a < hits.size() && text_only; ++a)
      for (std::size_t b = a + 1; b < hits.size(); ++b)
        if (side_by_side(hits[a], hits[b])) text_only = false;
    // Nor does a sentence (a form's goal text in a merged cell).
    if (is_sentence(*c)) text_only = false;
    if (hits.size() > 1 && !text_only) continue;
    Column& into = cols[hits[0]];
    // Right-aligned figures end where their cells end: words over a column
    // of figures that reach on to the right of it (a form's heading merged
    // over it and the next cells) do not widen it.
    if (!fig && figs[hits[0]] > 0 && codes[hits[0]] == 0 && c->x1 > into.x1 + c->fs) continue;
    // Nor do words reaching over a column whose cells stand beside its own
    // (a form's 资金 label merged over the 二级 and 三级 指标 columns).
    // (Nor does a wide label joining text columns reach over such a
    // column: 依照标准按月支付…合法权益 merged over three columns of a form.)
    bool over_neighbour = false;
    int reach0 = std::min(into.x0, c->x0), reach1 = std::max(into.x1, c->x1);
    for (auto h : hits) {
      reach0 = std::min(reach0, cols[h].x0);
      reach1 = std::max(reach1, cols[h].x1);
    }
    for (std::size_t i = 0; i < cols.size() && !fig; ++i)
      if (std::find(hits.begin(), hits.end(), i) == hits.end() && overlap(reach0, reach1, cols[i].x0, cols[i].x1) > 150 &&
          std::any_of(hits.begin(), hits.end(), [&](std::size_t h) { return side_by_side(i, h); }))
        over_neighbour = true;
    if (over_neighbour) continue;
    into.x0 = std::min(into.x0, c->x0);
    into.x1 = std::max(into.x1, c->x1);
    if (fig) ++figs[hits[0]];
    if (code) ++codes[hits[0]];
    bases[hits[0]].push_back(c->base);
    for (std::size_t k = hits.size(); k-- > 1;) {
      bases[hits[0]].insert(bases[hits[0]].end(), bases[hits[k]].begin(), bases[hits[k]].end());
      bases.erase(bases.begin() + static_cast<long>(hits[k]));
      into.x0 = std::min(into.x0, cols[hits[k]].x0);
      into.x1 = std::max(into.x1, cols[hits[k]].x1);
      cols.erase(cols.begin() + static_cast<long>(hits[k]));
      figs.erase(figs.begin() + static_cast<long>(hits[k]));
      codes[hits[0]] += codes[hits[k]];
      codes.erase(codes.begin() + static_cast<long>(hits[k]));
    }
  }
  // Columns that came to overlap by extension are one column.
  // (Right-aligned figures end where their cells end: words that start just
  // inside a column of figures and reach on to the right, a heading merged
  // over the next cells, are not in its column.)
  std::vector<std::size_t> order(cols.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cols[a].x0 < cols[b].x0; });
  std::vector<Column> merged;
  bool last_fig = false;
  std::size_t last = 0;
  for (std::size_t k : order) {
    const Column& c = cols[k];
    if (!merged.empty()) {
      int ov = overlap(merged.back().x0, merged.back().x1, c.x0, c.x1);
      bool touch_only = last_fig && figs[k] == 0 && c.x1 > merged.back().x1 &&
                        !significant(ov, merged.back().x1 - merged.back().x0, c.x1 - c.x0);
      if (ov > 150 && !touch_only && !side_by_side(last, k)) {
        merged.back().x1 = std::max(merged.back().x1, c.x1);
        last_fig = last_fig || figs[k] > 0;
        bases[last].insert(bases[last].end(), bases[k].begin(), bases[k].end());
        continue;
      }
    }
    merged.push_back(c);
    last_fig = figs[k] > 0;
    last = k;
  }
  cols = std::move(merged);
  // The numbers of a 栏次 row printed without the word (numbers_row), each
  // centred in its own cell, shape one column each; figures right-aligned in
  // those cells can stand clear of their number (a narrow "0" in a wide
  // cell). A column of figures alone, with no number over it, that lies
  // between one number and the next (or right of the last, nearer than
  // the numbers are spaced) is the column of the number on its left.
  if (numbers.size() >= 3) {
    std::sort(numbers.begin(), numbers.end(), [](const Cell* a, const Cell* b) { return a->x0 < b->x0; });
    const int spacing = (numbers.back()->x1 - numbers.front()->x0) / static_cast<int>(numbers.size() - 1);
    auto number_in = [&](const Column& col) {
      return std::any_of(numbers.begin(), numbers.end(), [&](const Cell* n) { return covers(*n, col); });
    };
    std::vector<bool> gone(cols.size(), false);
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (number_in(cols[i])) continue;
      bool words = false, figures = false;
      for (const Cell* c : body)
        if (std::find(numbers.begin(), numbers.end(), c) == numbers.end() && covers(*c, cols[i]))
          (is_fig(*c) ? figures : words) = true;
      if (words || !figures) continue;
      const Cell* left = nullptr;
      for (std::size_t j = 0; j < numbers.size(); ++j) {
        const bool next_clear = j + 1 < numbers.size() ? cols[i].x1 <= numbers[j + 1]->x0
                                                       : cols[i].x0 - numbers[j]->x1 <= spacing;
        if (numbers[j]->x1 <= cols[i].x0 && next_clear) left = numbers[j];
      }
      if (left == nullptr) continue;
      for (std::size_t k = 0; k < cols.size(); ++k)
        if (k != i && !gone[k] && covers(*left, cols[k])) {
          cols[k].x0 = std::min(cols[k].x0, cols[i].x0);
          cols[k].x1 = std::max(cols[k].x1, cols[i].x1);
          gone[i] = true;
          break;
        }
    }
    std::vector<Column> kept;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (!gone[i]) kept.push_back(cols[i]);
    cols = std::move(kept);
  }
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
  std::vector<int> rows_in(body_cols, 0);  // body cells in each column (a figure counts two)
  std::vector<int> figs_in(body_cols, 0);
  std::vector<bool> right_aligned(body_cols, false);  // holds figures that are not codes
  for (const Cell* c : body)
    for (std::size_t i = 0; i < body_cols; ++i)
      if (covers(*c, cols[i])) {
        rows_in[i] += is_fig(*c) ? 2 : 1;
        figs_in[i] += is_fig(*c) ? 1 : 0;
        if (is_fig(*c) && !anchor(*c)) right_aligned[i] = true;
      }
  std::vector<const Cell*> loose;
  for (const Cell* c : header) {
    bool hit = false;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (covers(*c, cols[i])) {
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
      if (covers(*c, col)) taken = true;
    if (taken) continue;
    if (best < body_cols && !named[best] && best_gap <= c->fs / 2) {
      named[best] = true;
      cols[best].x0 = std::min(cols[best].x0, c->x0);
      cols[best].x1 = std::max(cols[best].x1, c->x1);
      continue;
    }
    // A header word centred in a wide cell over left-aligned labels (or
    // right-aligned figures) can stand in the gap between two columns of
    // the body: it names the one of them no other header word names, or
    // the nearer.
    {
      std::size_t left = body_cols, right = body_cols;
      for (std::size_t i = 0; i < body_cols; ++i) {
        if (cols[i].x1 <= c->x0 && (left == body_cols || cols[i].x1 > cols[left].x1)) left = i;
        if (cols[i].x0 >= c->x1 && (right == body_cols || cols[i].x0 < cols[right].x0)) right = i;
      }
      std::size_t pick = body_cols;
      // (A column right of the word must be one of right-aligned figures:
      // words and codes start at their cell's left edge, left of a heading
      // centred over them — 科目代码 does not head the 合计 of the names'
      // column beside it, on a page holding only the header and 合计.)
      // (columns of a figure or of two body cells, or of one under a 栏次
      // row that closes the header: an empty form's lone 合计 may be a
      // header word, and shows no column to name)
      const int evidence = has_lanci ? 1 : 2;
      bool lfree = left < body_cols && !named[left] && rows_in[left] >= evidence,
           rfree = right < body_cols && !named[right] && rows_in[right] >= evidence && right_aligned[right];
      if (lfree && rfree)
        pick = c->x0 - cols[left].x1 <= cols[right].x0 - c->x1 ? left : right;
      else if (lfree)
        pick = left;
      else if (rfree)
        pick = right;
      // No other header word of its line stands between it and that column.
      bool alone = pick < body_cols;
      if (alone) {
        int lo = pick == left ? cols[left].x1 : c->x1, hi = pick == left ? c->x0 : cols[right].x0;
        for (const Cell* o : loose)
          if (o != c && std::abs(o->base - c->base) <= c->fs / 2 && o->x0 >= lo && o->x1 <= hi) alone = false;
      }
      if (alone) {
        named[pick] = true;
        cols[pick].x0 = std::min(cols[pick].x0, c->x0);
        cols[pick].x1 = std::max(cols[pick].x1, c->x1);
        continue;
      }
    }
    cols.push_back({c->x0, c->x1});
  }
  // A figure alone in a column of its own, beside a column of words, is
  // printed in that column when nothing else marks the column as its own: no
  // header word is over it and not over the words' column too, and no words
  // are in it that are not in the words' column too (a unit's code, 102,
  // right-aligned in the wide 项目名称 column whose names are left-aligned).
  if (!header.empty())
    for (std::size_t i = body_cols; i-- > 1;) {
      if (figs_in[i] != 1 || figs_in[i - 1] != 0 || rows_in[i - 1] == 0) continue;
      bool own = false;
      for (const Cell* c : header)
        if (covers(*c, cols[i]) && !covers(*c, cols[i - 1])) own = true;
      for (const Cell* c : body)
        if (!is_fig(*c) && covers(*c, cols[i]) && !covers(*c, cols[i - 1])) own = true;
      if (own) continue;
      cols[i - 1].x1 = std::max(cols[i - 1].x1, cols[i].x1);
      cols.erase(cols.begin() + static_cast<long>(i));
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

// Does a text (no figure) start at x (within a quarter of a character) on
// a line of [lo, hi] less than a line and a half from line i, below it
// (below = true) or above it: the next or last line of a text wrapped in
// its cell, which starts where its cell starts.
bool text_starts_near(const std::vector<Line>& lines, std::size_t i, bool below, std::size_t lo, std::size_t hi, int x) {
  const int fs = std::max(lines[i].fs, 400);
  for (std::size_t j = i; below ? j++ < hi : j-- > lo;) {
    if (std::abs(lines[j].base - lines[i].base) > 3 * fs / 2) break;
    for (const Cell& c : lines[j].cells)
      if (!is_fig(c) && std::abs(c.x0 - x) <= fs / 4) return true;
  }
  return false;
}

struct Region {
  std::size_t start = 0, end = 0;  // lines [start, end]
  std::size_t skip = 0;            // lines [start, start + skip): the header repeated on a continuation page
};

struct TableState {
  std::vector<Column> columns;  // of the last table region
  std::uint32_t page = 0;       // page it ended on
  bool code_blocks = false;     // it has several 科目代码 blocks
  bool ended_page = false;      // nothing but the table followed it on its page
  // The header's words (clean_for_match of each header and 栏次 cell as
  // printed, before wrapped cells are joined): a page continuing the table
  // may print them again at its top.
  std::vector<std::string> header_words;
  bool centred_labels = false;  // a table of the document showed labels centred down merged cells
};

// A bracketed number alone ("（20）" of a heading “分值（20）” wrapped before
// its bracket): the end of a wrapped cell, not an item of its own.
bool bracketed_number(std::string_view s) {
  std::string k = squeeze(s);
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (!k.starts_with(open) || !k.ends_with(close) || k.size() <= open.size() + close.size()) continue;
    std::string_view mid = std::string_view(k).substr(open.size(), k.size() - open.size() - close.size());
    if (std::all_of(mid.begin(), mid.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  }
  return false;
}

// Is the second character of s a closing punctuation mark, which a line may
// not start with (“化、标准化” wrapped as “…规范⏎化、标准化”)?
// Does the text open with a mark that may not end a line (an opening
// bracket or quote: "（1）", "'增加", "“三公”"), so that the line above it
// was broken a character early?
bool opening_mark(std::string_view s) {
  for (std::string_view p : {"（", "(", "‘", "“", "'", "\"", "《", "〈", "「", "『", "【", "〔", "["})
    if (s.starts_with(p)) return true;
  return false;
}

bool closing_second(std::string_view s) {
  if (s.empty()) return false;
  std::size_t k = 1;
  while (k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) ++k;
  std::string_view rest = s.substr(k);
  for (std::string_view p : {"、", "，", "。", "；", "：", "！", "？", "）", "」", "』", "”", "’", "》", ",", ".", ";", ":", ")"})
    if (rest.starts_with(p)) return true;
  return false;
}

// A label merged down over several rows of a form (项目资金（万元）, 资金管理情况,
// an 一级/二级指标 over its indicators) is printed in the middle of its cell:
// on the middle row of an odd number of rows, between two rows of an even
// number. Such a label stands alone in its column among rows that have
// nothing in that column: the rows around it whose middle is its middle are
// its rows, and it is written on the first of them, as a spreadsheet holds a
// merged cell's value in its top cell. Rows are taken from the top, so that
// a row is given to one label only; a label with no such rows stays.
// `fresh_from`: the top base from which the rows are this page's own, not
// the rows of a group begun on the page before (INT_MIN: all of them;
// INT_MAX: none, a table continued from the last page).
void merge_down(std::vector<std::vector<Cell*>>& rows, int fresh_from, bool& centred_before) {
  const std::size_t n0 = rows.size();
  if (n0 < 3) return;
  auto label = [](const Cell* c) { return !is_fig(*c) && !anchor(*c) && c->first == c->lastcol; };
  // A label wrapped in its cell short of the cell's edge (投入管理 ⏎ 指标,
  // centred) is two cells of one column in one row: one label, as the row
  // is written (its cells of one column joined, top first).
  for (auto& r : rows) {
    std::stable_sort(r.begin(), r.end(), [](const Cell* a, const Cell* b) { return a->base < b->base; });
    for (std::size_t i = 0; i < r.size(); ++i) {
      Cell* u = r[i];
      if (!label(u)) continue;
      for (std::size_t j = i + 1; j < r.size();) {
        Cell* l = r[j];
        if (label(l) && l->first == u->first && l->base > u->last && l->base - u->last <= u->fs * 8 / 5) {
          if (!u->text.empty() && ascii_alnum(u->text.back()) && !l->text.empty() && ascii_alnum(l->text.front()))
            u->text += ' ';
          u->text += l->text;
          u->x0 = std::min(u->x0, l->x0);
          u->x1 = std::max(u->x1, l->x1);
          u->last = l->last;
          u->last_x1 = l->last_x1;
          l->merged_away = true;
          r.erase(r.begin() + static_cast<long>(j));
          continue;
        }
        ++j;
      }
    }
  }
  auto holds = [](const std::vector<Cell*>& r, int k, const Cell* except) {
    for (const Cell* c : r)
      if (c != except && c->first <= k && k <= c->lastcol) return true;
    return false;
  };
  auto right_of = [](const std::vector<Cell*>& r, int k) {
    for (const Cell* c : r)
      if (c->first > k) return true;
    return false;
  };
  // Rows of labels alone between two rows whose columns they leave empty
  // (a label merged over an even number of rows) are no rows of their own.
  std::vector<bool> between(n0, false);
  for (std::size_t i = 1; i + 1 < n0; ++i) {
    bool all = !rows[i].empty();
    for (const Cell* c : rows[i])
      if (!label(c) || holds(rows[i - 1], c->first, nullptr) || holds(rows[i + 1], c->first, nullptr) ||
          !right_of(rows[i - 1], c->first) || !right_of(rows[i + 1], c->first))
        all = false;
    between[i] = all;
  }
  std::vector<std::size_t> real;  // indices of the rows that are rows
  for (std::size_t i = 0; i < n0; ++i)
    if (!between[i]) real.push_back(i);
  const std::size_t n = real.size();
  if (n < 2) return;
  std::vector<int> top(n), bot(n);
  for (std::size_t j = 0; j < n; ++j) {
    top[j] = INT_MAX;
    bot[j] = INT_MIN;
    for (const Cell* c : rows[real[j]]) {
      top[j] = std::min(top[j], c->base - c->fs * 4 / 5);
      bot[j] = std::max(bot[j], c->last + c->fs / 5);
    }
  }
  std::vector<int> gaps;
  for (std::size_t j = 1; j < n; ++j) gaps.push_back(std::max(top[j] - bot[j - 1], 0));
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<long>(gaps.size() / 2), gaps.end());
  const int pad = gaps[gaps.size() / 2] / 2;
  // The top edge of real row j, and the bottom edge of real row j - 1: the
  // middle between them, or a pad's distance from each where something other
  // than rows stands between them (header rows taken out above the first
  // body row leave a wrapped text's last line far above it).
  auto apart = [&](std::size_t j) { return top[j] - bot[j - 1] > 6 * std::max(pad, 100); };
  auto top_edge = [&](std::size_t j) {  // j in 0..n-1
    if (j == 0 || apart(j)) return top[j] - pad;
    return (bot[j - 1] + top[j]) / 2;
  };
  auto bot_edge = [&](std::size_t j) {  // the bottom of real row j - 1, j in 1..n
    if (j == n || apart(j)) return bot[j - 1] + pad;
    return (bot[j - 1] + top[j]) / 2;
  };
  // The labels, from the top.
  struct Cand {
    Cell* x;
    std::size_t row;  // index into rows
  };
  std::vector<Cand> cands;
  for (std::size_t i = 0; i < n0; ++i)
    for (Cell* c : rows[i])
      if (label(c)) cands.push_back({c, i});
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.x->center() < b.x->center(); });
  std::vector<std::vector<int>> claimed(n);  // columns given to a label, per real row
  struct Move {
    Cell* x;
    std::size_t row;   // its row (index into rows)
    std::size_t f, l;  // the real rows it spans
  };
  std::vector<Move> moves;
  auto is_claimed = [&](std::size_t j, int k) { return std::find(claimed[j].begin(), claimed[j].end(), k) != claimed[j].end(); };
  for (const Cand& cd : cands) {
    Cell* x = cd.x;
    const int k = x->first;
    // Its place among the real rows: its own row, or the real rows around it.
    std::size_t lo_free, hi_free;  // the real rows it may span: [lo_free, hi_free]
    std::size_t pos = std::lower_bound(real.begin(), real.end(), cd.row) - real.begin();
    const bool own = pos < n && real[pos] == cd.row;
    if (own) {
      if (holds(rows[cd.row], k, x) || is_claimed(pos, k) || !right_of(rows[cd.row], k)) continue;
      lo_free = hi_free = pos;
    } else {
      if (pos == 0 || pos >= n) continue;
      lo_free = pos;  // rows pos-1 (above) and pos (below) must be free
      hi_free = pos - 1;
    }
    auto free_row = [&](std::size_t j) {
      return !holds(rows[real[j]], k, nullptr) && !is_claimed(j, k) && right_of(rows[real[j]], k);
    };
    if (!own && (!free_row(pos - 1) || !free_row(pos))) continue;
    std::size_t up = pos;  // the first of the free rows above it
    while (up > 0 && free_row(up - 1)) --up;
    std::size_t dn = own ? pos : pos - 1;  // the last of the free rows below it
    while (dn + 1 < n && free_row(dn + 1)) ++dn;
    const int mid = (x->base - x->fs * 4 / 5 + x->last + x->fs / 5) / 2;
    const int tol = x->fs / 2;
    bool found = false;
    std::size_t bf = 0, bl = 0;
    for (std::size_t f = up; f <= lo_free; ++f)
      for (std::size_t l = std::max(hi_free, f); l <= dn; ++l) {
        if (own && f == pos) continue;  // it would stay where it is
        if (!own && (f > pos - 1 || l < pos)) continue;
        if (std::abs((top_edge(f) + bot_edge(l + 1)) / 2 - mid) > tol) continue;
        // A label merged down stands among the row headings: no column to
        // its left holds a cell on every one of its rows (a left-aligned
        // 50天 in a column whose figures are right-aligned, beside the row's
        // indicator name, is no merged label).
        bool headings = true;
        for (int left = 0; left < k && headings; ++left) {
          bool every = true;
          for (std::size_t j = f; j <= l && every; ++j) every = holds(rows[real[j]], left, nullptr);
          if (every) headings = false;
        }
        if (!headings) continue;
        // The rows of a form's part: each with figures, the first maybe
        // the part's headings instead.
        bool part = true;
        for (std::size_t j = f; j <= l && part; ++j) {
          const auto& r = rows[real[j]];
          bool figs = std::any_of(r.begin(), r.end(), [](const Cell* c) { return is_fig(*c); });
          if (!figs && !(j == f && r.size() >= 3)) part = false;
        }
        if (!part) continue;
        if (!found || l - f > bl - bf) {
          bf = f;
          bl = l;
          found = true;
        }
      }
    if (!found) continue;
    for (std::size_t j = bf; j <= bl; ++j) claimed[j].push_back(k);
    moves.push_back({x, cd.row, bf, bl});
  }
  // Labels are merged down a column only when the column shows that its
  // labels are centred in their cells: one stands between two rows, or the
  // first of them stands below rows that are its own (not below the rows of
  // a group begun on the page before). Labels printed at the top of their
  // groups never stand between rows, and the first of them opens its column.
  std::vector<int> columns;
  for (const Move& m : moves)
    if (std::find(columns.begin(), columns.end(), m.x->first) == columns.end()) columns.push_back(m.x->first);
  for (int k : columns) {
    bool centred = false;
    for (std::size_t i = 0; i < n0; ++i)
      if (between[i])
        for (const Cell* c : rows[i])
          if (c->first == k) centred = true;
    // (Not a part's headings, a row of three or more words and no figure,
    // which a form continued from the last page may hold: 一级指标 | 二级指标 ….)
    auto headings_row = [&](const std::vector<Cell*>& r) {
      return r.size() >= 3 && std::none_of(r.begin(), r.end(), [](const Cell* c) { return is_fig(*c); });
    };
    std::size_t top_label = n;
    for (std::size_t j = 0; j < n && top_label == n; ++j)
      if (!headings_row(rows[real[j]]))
        for (const Cell* c : rows[real[j]])
          if (label(c) && c->first == k) top_label = j;
    auto fresh = [&](std::size_t j) {
      return std::all_of(rows[real[j]].begin(), rows[real[j]].end(), [&](const Cell* c) { return c->base >= fresh_from; });
    };
    if (top_label < n && top_label > 0 && fresh(top_label - 1) && !holds(rows[real[top_label - 1]], k, nullptr) &&
        right_of(rows[real[top_label - 1]], k))
      centred = true;
    // (A document prints the merged cells of its forms one way: labels seen
    // centred in an earlier table are centred in this one.)
    if (centred) centred_before = true;
    if (centred_before) centred = true;
    if (!centred)
      moves.erase(std::remove_if(moves.begin(), moves.end(), [&](const Move& m) { return m.x->first == k; }), moves.end());
  }
  for (const Move& m : moves) {
    auto& from = rows[m.row];
    from.erase(std::find(from.begin(), from.end(), m.x));
    rows[real[m.f]].push_back(m.x);
  }
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const std::vector<Cell*>& r) { return r.empty(); }), rows.end());
}

// The width a line's first unbreakable run takes (a character, and the
// figures and letters that follow it: "月-2022" of "月-2022年", "12" of "12月"),
// at the width of a CJK character for a non-ASCII character and half of it
// for an ASCII one.
int leading_chunk_width(std::string_view s, int fs) {
  auto run = [](char c) { return c != ' ' && static_cast<unsigned char>(c) < 0x80; };
  std::size_t i = 0;
  int w = 0;
  if (!s.empty() && static_cast<unsigned char>(s[0]) >= 0x80) {
    i = 1;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    w = fs;
  }
  for (; i < s.size() && run(s[i]); ++i) w += fs / 2;
  return w;
}

// One table region of a page → its lines (header rows, 栏次, body rows).
void write_table(std::vector<Line>& lines, const Region& r, std::uint32_t page, TableState& st, std::vector<OutLine>& out) {
  std::vector<Cell*> cells;
  std::vector<Cell*> lanci;
  const std::size_t first = r.start + r.skip;
  const auto lanci_at = lanci_line_of(lines, first, r.end);
  for (std::size_t i = first; i <= r.end; ++i) {
    bool lc = is_lanci_line(lines[i]) || i == lanci_at;
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
  // So is one whose 栏次 row opens the page (the header ended the previous page),
  // and one whose header is repeated at the top of the page (r.skip, dropped).
  bool continued = r.start == 0 && (lanci.empty() || lanci_at == first) && !st.columns.empty() &&
                   st.ended_page && st.page + 1 == page;
  // A page that opens with a line of headings (three or more words, no
  // figure) above its first figures starts a table of its own (the next
  // part of a form), not the rows of the last one.
  // (Not the first lines of a row's texts wrapped in their cells, 信息 |
  // 特 | 信息 ⏎ 化建 | 定 | 化培: the text of each goes on just below it,
  // from where it starts.)
  bool part_after_rows = false;  // a continued page opens a form's next part below rows of the last
  if (continued) {
    auto wraps = [&](std::size_t i, const Cell& c) { return text_starts_near(lines, i, true, i, r.end, c.x0); };
    // (Lines of texts that start at the left edges of the last page's
    // columns, or sentences, above those headings go on with the last part:
    // the headings open the next part below them.)
    auto at_column_edge = [&](const Cell& c) {
      return std::any_of(st.columns.begin(), st.columns.end(),
                         [&](const Column& k) { return std::abs(c.x0 - k.x0) <= std::max(c.fs, 400) / 4; });
    };
    bool headings = false, rows_first = false;
    for (std::size_t i = first; i <= r.end; ++i) {  // after a repeated header (r.skip)
      const auto& cs = lines[i].cells;
      if (std::any_of(cs.begin(), cs.end(), [](const Cell& c) { return is_fig(c); })) {
        if (headings) continued = false;
        break;
      }
      if (cs.size() >= 3 && !std::all_of(cs.begin(), cs.end(), [&](const Cell& c) { return wraps(i, c); })) {
        if (rows_first) {
          part_after_rows = true;
          break;
        }
        headings = true;
      } else if (!headings && ((cs.size() >= 2 && std::any_of(cs.begin(), cs.end(), at_column_edge) &&
                                std::all_of(cs.begin(), cs.end(), [&](const Cell& c) { return at_column_edge(c) || is_sentence(c); })) ||
                               std::any_of(cs.begin(), cs.end(), [](const Cell& c) { return is_sentence(c); }))) {
        rows_first = true;
      }
    }
  }
  int anchor_top = INT_MAX, fig_top = INT_MAX;
  for (auto* c : cells)
    if (is_fig(*c)) fig_top = std::min(fig_top, c->base);
  // The 栏次 row closes the header: a 合计 above it is a header word
  // (本年支出 › 合计 of an empty table).
  int lanci_base = INT_MIN;
  for (auto* c : lanci) lanci_base = std::max(lanci_base, c->base);
  // A 合计 far above the first figure is a header word (三公 table); so is
  // one printed after headings on its line (科目编码 | 科目名称 | 合计 |
  // 人员经费: the column 合计 of the last header row, just above the first
  // figures), where a row's 合计 starts its row or follows its codes.
  // And so is one centred in a header cell merged down several lines, with
  // headings wrapped beside it: a heading's lines above and below its line
  // (单位代 ⏎ 码 around 合计), on a line with no figure.
  auto after_headings = [&](const Cell* c) {
    if (!total_label(clean_for_match(c->text))) return false;
    auto word = [&](const Cell* o) { return o != c && !is_fig(*o) && !anchor(*o); };
    bool figure_beside = false, before = false, straddled = false;
    for (const Cell* o : cells) {
      if (std::abs(o->base - c->base) > c->fs / 2) continue;
      figure_beside = figure_beside || is_fig(*o);
      before = before || (word(o) && o->x1 <= c->x0);
    }
    if (before) return true;
    if (figure_beside) return false;
    for (const Cell* a : cells)
      if (word(a) && a->base < c->base - c->fs / 4)
        for (const Cell* b : cells)
          if (word(b) && b->base > c->base + c->fs / 4 && b->base - a->base <= c->fs * 3 / 2 &&
              significant(overlap(a->x0, a->x1, b->x0, b->x1), a->width(), b->width()))
            straddled = true;
    return straddled;
  };
  for (auto* c : cells)
    // (A bracketed number alone ends a wrapped heading, 分值 ⏎ （20）: it starts no row.)
    if (anchor(*c) && !bracketed_number(c->text) && c->base > lanci_base &&
        (fig_top == INT_MAX || c->base >= fig_top - 2 * c->fs) && !after_headings(c))
      anchor_top = std::min(anchor_top, c->base);
  if (anchor_top == INT_MAX) anchor_top = fig_top;
  // An anchor only below the first row of figures (the bracketed “（20）” of
  // a wrapped “分值（20）” further down a form) does not take the labels of
  // that row into the header: a row of figures is a body row.
  if (fig_top != INT_MAX && anchor_top != INT_MAX && anchor_top > fig_top + fs_med) anchor_top = fig_top;
  if (anchor_top == INT_MAX && lanci_base != INT_MIN) anchor_top = lanci_base + fs_med;
  if (fig_top == INT_MAX) fig_top = anchor_top;
  std::vector<Cell*> header, body;
  // A sentence is no heading (a form's goal text above the headings of
  // its indicators): it is a row of the body.
  auto sentence = [](const Cell* c) { return is_sentence(*c); };
  for (auto* c : cells) {
    bool head = !continued && !is_fig(*c) && anchor_top != INT_MAX && c->base < anchor_top - c->fs / 2 &&
                c->base < fig_top + c->fs / 2 && !sentence(c);
    (head ? header : body).push_back(c);
  }
  // The first lines of a label wrapped in the first body row stand above its
  // code and figures (a label centred in a tall row): a line directly above a
  // body label of the first row, starting where it starts, is part of it.
  if (anchor_top != INT_MAX) {
    std::sort(header.begin(), header.end(), [](const Cell* a, const Cell* b) { return a->base > b->base; });
    for (std::size_t i = 0; i < header.size();) {
      Cell* h = header[i];
      bool wrapped = false;
      for (const Cell* b : body)
        if (!is_fig(*b) && !anchor(*b) && std::abs(b->x0 - h->x0) <= h->fs / 2 && b->base > h->base &&
            b->base - h->base <= h->fs * 136 / 100 && b->base <= anchor_top + h->fs)
          wrapped = true;
      if (wrapped) {
        body.push_back(h);
        header.erase(header.begin() + static_cast<long>(i));
        continue;
      }
      ++i;
    }
  }

  if (!continued) {
    st.header_words.clear();
    for (const Cell* c : header) st.header_words.push_back(clean_for_match(c->text));
    for (const Cell* c : lanci) st.header_words.push_back(clean_for_match(c->text));
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
  int header_top = INT_MAX;
  for (auto* c : header)
    if (!c->merged_away) header_top = std::min(header_top, c->base);
  for (auto* c : header) {
    if (c->merged_away) continue;
    bool under = false;
    for (auto* q : header)
      if (q != c && !q->merged_away && q->base > c->last + c->fs / 2 &&
          significant(overlap(c->x0, c->x1, q->x0, q->x1), c->width(), q->width()))
        under = true;
    // A group name printed centred over the gap between two header cells
    // of the line below (收入 over 项目 | 金额) overlaps neither of them
    // much, but is no leaf: no header cell of its own line stands over them
    // and both stand over columns of the body.
    const int mid = (c->x0 + c->x1) / 2;
    // (On the header's top row: within a line of its top, centred beside
    // headings of that row wrapped onto two lines.)
    const bool on_top = c->base - header_top < c->fs;
    // (The line below c's row: its row may hold headings wrapped onto more
    // lines than c, which is centred among them.)
    int row_last = c->last;
    for (const auto* o : header)
      if (!o->merged_away && o->base <= c->last + c->fs / 2 && o->last >= c->base - c->fs / 2) row_last = std::max(row_last, o->last);
    for (auto* q1 : header) {
      if (under) break;
      if (q1->merged_away || q1->base <= c->last + c->fs / 2 || q1->base > row_last + 3 * c->fs || q1->x1 > mid) continue;
      for (auto* q2 : header) {
        // (of one line: their middles level, a heading wrapped onto two lines beside one on one line)
        if (q2->merged_away || std::abs(q2->center() - q1->center()) > q1->fs / 2 || q2->x0 < mid) continue;
        if (overlap(c->x0, c->x1, q1->x0, q2->x1) <= 0) continue;
        // Below the header's top line, both must head columns of the body
        // (an empty table's header gives no such evidence: a leaf centred
        // between two header lines, 本年收入, stays one), or reach under it
        // from either side (人员经费 over 工资福利支出 | 对个人和家庭的补助 of
        // an empty table: the words of the columns beside a leaf stop short
        // of it, as their cells do).
        auto heads_body = [&](const Cell* q) {
          for (const Cell* b : body)
            if (overlap(b->x0, b->x1, q->x0, q->x1) > 0) return true;
          return false;
        };
        const bool reach_under = overlap(c->x0, c->x1, q1->x0, q1->x1) > 150 && overlap(c->x0, c->x1, q2->x0, q2->x1) > 150;
        if (!on_top && (!heads_body(q1) || !heads_body(q2)) && !reach_under) continue;
        bool covered = false;  // another cell of c's line over the pair
        for (auto* o : header)
          if (o != c && !o->merged_away && std::abs(o->base - c->base) <= c->fs / 2 && overlap(o->x0, o->x1, q1->x0, q2->x1) > 0)
            covered = true;
        bool between = false;  // the pair is adjacent on its line
        for (auto* o : header)
          if (o != q1 && o != q2 && !o->merged_away && std::abs(o->center() - q1->center()) <= q1->fs / 2 && o->x0 >= q1->x1 && o->x1 <= q2->x0)
            between = true;
        if (!covered && !between) { under = true; break; }
      }
    }
    if (!under) leaves.push_back(c);
  }

  // A table printed empty has no figure to show its columns; its 栏次
  // numbers do, where each is printed under a heading (centred in its
  // column, as templates print them; right-aligned ones may stand clear of
  // a centred heading and show nothing more than the headings do).
  std::vector<Cell*> shaping = body;
  if (std::none_of(body.begin(), body.end(), [](const Cell* c) { return is_fig(*c); })) {
    std::vector<Cell*> numbers;
    bool under = true;
    for (Cell* c : lanci) {
      if (!is_digits(clean_for_match(c->text))) continue;
      numbers.push_back(c);
      under = under && std::any_of(header.begin(), header.end(),
                                   [&](const Cell* h) { return overlap(h->x0, h->x1, c->x0, c->x1) > 0; });
    }
    if (under) shaping.insert(shaping.end(), numbers.begin(), numbers.end());
  }
  // (A 栏次 row of numbers alone shapes the columns as well: see derive_columns.)
  std::vector<const Cell*> bare_numbers;
  if (lanci_at && !is_lanci_line(lines[*lanci_at])) {
    for (Cell* c : lanci)
      if (std::find(shaping.begin(), shaping.end(), c) == shaping.end()) shaping.push_back(c);
    bare_numbers.assign(lanci.begin(), lanci.end());
  }
  // A form stacks parts with grids of their own (资金 | 资金管理 | 绩效指标):
  // below rows of figures, a line of three or more headings (no figure, no
  // code, no sentence) opens the next part, with heading words wrapped onto
  // the lines just above it (分值 ⏎ （20）). Each part's columns come from its
  // own cells, not from the grid of another part whose columns overlap
  // them; the columns of all parts are numbered one after the other, and a
  // row is written in the columns of its part.
  std::vector<int> part_top;  // the top base of each part after the first
  // (A page continuing a form may open the next part too: its first part
  // goes on in the columns of the last page.)
  {
    bool figures = part_after_rows;
    for (std::size_t k = first; k <= r.end; ++k) {
      const auto& cs = lines[k].cells;
      // (Not the last lines of names wrapped in their cells, '缴费 | 费 | 更新',
      // which start where the names above them start; headings are centred.)
      // (The lines above within a line and a half: a row's figures may be
      // centred between the lines of its wrapped names, and headings may
      // start where a name starts further up, in a form whose parts share
      // one grid: 指标值 under (2) 项目支 ⏎ 出, two lines below.)
      auto continues = [&](const Cell& c) { return text_starts_near(lines, k, false, first, k, c.x0); };
      // (Nor the first lines of a row whose figures stand centred a little
      // lower, beside its names wrapped onto two lines: 产出指标 | 数量指标 |
      // 免费刻章项目预估采 ⏎ ≤5200套 | 5200套 | 4 … ⏎ 购印章.)
      // (Nor the first lines of a row whose texts wrap down their cells,
      // with its figures centred somewhere beside them: 信息 | 特 | 信息 ⏎
      // 化建 | 定 | 化培 ⏎ 410303220000 … 96.30 … ⏎ 设-- | 目 …)
      auto figures_beside = [&] {
        const int fs = std::max(lines[k].fs, 400);
        int bottom = lines[k].base;  // the last line of the texts wrapped from line k
        for (std::size_t j = k + 1; j <= r.end && lines[j].base - bottom <= 3 * fs / 2; ++j)
          for (const Cell& d : lines[j].cells)
            if (!is_fig(d) && std::any_of(cs.begin(), cs.end(), [&](const Cell& c) { return std::abs(c.x0 - d.x0) <= fs / 4; }))
              bottom = lines[j].base;
        for (std::size_t j = k + 1; j <= r.end && lines[j].base < std::max(bottom + fs / 2, lines[k].base + fs); ++j)
          if (std::any_of(lines[j].cells.begin(), lines[j].cells.end(),
                          [](const Cell& c) { return is_fig(c) && !bracketed_number(c.text); }))
            return true;
        return false;
      };
      const bool heads = figures && cs.size() >= 3 && std::none_of(cs.begin(), cs.end(), [&](const Cell& c) {
                           return is_fig(c) || anchor(c) || is_sentence(c) || bracketed_number(c.text) || continues(c);
                         }) && !figures_beside();
      if (heads) {
        // (And headings printed higher beside them, less than a line
        // above: 一级指 | 二级指 ⏎ 标 | 标 wrapped, with 三级指标 | 指标值 |
        // 指标值说明 centred on one line between.)
        auto heading_line = [&](const Line& l) {
          return std::none_of(l.cells.begin(), l.cells.end(), [](const Cell& c) {
            return is_fig(c) || anchor(c) || is_sentence(c) || bracketed_number(c.text);
          });
        };
        std::size_t s = k;
        while (s - 1 > first && !lines[s - 1].cells.empty()) {
          const int above = lines[s].base - lines[s - 1].base, fs = std::max(lines[s].fs, 400);
          const bool wrapped_word = lines[s - 1].cells.size() == 1 && !is_fig(lines[s - 1].cells[0]) && above <= fs;
          const bool beside = above < fs * 3 / 4 && heading_line(lines[s - 1]);
          if (!wrapped_word && !beside) break;
          --s;
        }
        part_top.push_back(lines[s].base);
        figures = false;
      }
      // (Rows of a part may hold sentences and no figure: 年度总体目标 |
      // its goal | what was done, between two parts' headings.)
      if (std::any_of(cs.begin(), cs.end(), [&](const Cell& c) { return is_fig(c) || (!part_top.empty() && is_sentence(c)); }))
        figures = true;
    }
  }
  auto part_of = [&](const Cell* c) {
    std::size_t p = 0;
    while (p < part_top.size() && c->base >= part_top[p] - 100) ++p;
    return p;
  };
  std::vector<std::size_t> part_off{0};
  std::vector<Column> cols;
  if (part_top.empty()) {
    cols = continued ? widen_columns(st.columns, body) : derive_columns(shaping, leaves, !lanci.empty(), bare_numbers);
    if (cols.empty()) cols.push_back({0, 1});
    for (auto* c : cells) assign(*c, cols);
    for (auto* c : lanci) assign(*c, cols);
  } else {
    std::vector<std::vector<Column>> grids;
    for (std::size_t p = 0; p <= part_top.size(); ++p) {
      std::vector<Cell*> own;
      for (Cell* c : shaping)
        if (part_of(c) == p) own.push_back(c);
      auto g = p == 0 && continued ? widen_columns(st.columns, own)
                                   : derive_columns(own, p == 0 ? leaves : std::vector<Cell*>{}, p == 0 && !lanci.empty(),
                                                    p == 0 ? bare_numbers : std::vector<const Cell*>{});
      if (g.empty()) g.push_back({0, 1});
      grids.push_back(g);
    }
    for (std::size_t p = 0; p < grids.size(); ++p) {
      if (p > 0) part_off.push_back(cols.size());
      cols.insert(cols.end(), grids[p].begin(), grids[p].end());
    }
    auto place = [&](Cell* c, std::size_t p) {
      assign(*c, grids[p]);
      c->first += static_cast<int>(part_off[p]);
      c->lastcol += static_cast<int>(part_off[p]);
    };
    for (auto* c : cells) place(c, std::find(header.begin(), header.end(), c) != header.end() ? 0 : part_of(c));
    for (auto* c : lanci) place(c, 0);
  }
  part_off.push_back(cols.size());
  // The columns [begin, end) of the part a column is in.
  auto part_span = [&](int k) {
    std::size_t p = 0;
    while (p + 2 < part_off.size() && static_cast<std::size_t>(k) >= part_off[p + 1]) ++p;
    return std::pair<std::size_t, std::size_t>{part_off[p], part_off[p + 1]};
  };
  const std::size_t n = part_off[1];  // the header's columns (the first part's)

  struct Placed {
    Cell* c;
    int level;
  };
  int head_top = INT_MAX, head_bot = INT_MIN;
  for (const Cell* q : header)
    if (!q->merged_away) {
      head_top = std::min(head_top, q->base);
      head_bot = std::max(head_bot, q->last);
    }
  auto row_label = [&](const Cell* p) {
    // A label in the first column on the header's top line, with nothing
    // under it, not centred down the header as a leaf merged down would be
    // (部门（单位）名称 | value above the columns' headings).
    if (p->first == 0 && p->base - head_top <= p->fs / 2 && head_bot - p->last > p->fs) {
      bool under = false;
      for (const Cell* q : header)
        if (q != p && !q->merged_away && q->base > p->last + p->fs / 2 && q->first <= p->lastcol && p->first <= q->lastcol)
          under = true;
      if (!under) return true;
    }
    if (p->first != 0 || p->lastcol != 0) return false;
    for (const Cell* q : header)
      if (q != p && !q->merged_away && q->first == 0 && q->lastcol == 0 && std::abs(q->base - p->base) > p->fs / 2 &&
          std::abs((q->x0 + q->x1) - (p->x0 + p->x1)) <= p->fs)
        return true;
    return false;
  };
  std::vector<Placed> placed;
  int levels = 0;
  for (auto* c : header) {
    if (c->merged_away) continue;
    int level = 0;
    for (const auto& p : placed)
      if (p.c->first <= c->lastcol && c->first <= p.c->lastcol && p.c->last < c->base - 100) level = std::max(level, p.level + 1);
    // Row labels stacked in the first column (a form's 项目名称 | value,
    // 主管部门 | value …, each centred in the column, unlike a group name
    // over the first columns) make rows of their own: the cells of the
    // lines below such a label are one level below it, though none of its
    // cells is over them.
    for (const auto& p : placed)
      if (row_label(p.c) && c->first > 0 && p.c->last < c->base - c->fs / 2) level = std::max(level, p.level + 1);
    placed.push_back({c, level});
    levels = std::max(levels, level + 1);
  }
  bool code_blocks = false;
  {
    int code_heads = 0;
    for (const auto& p : placed) {
      if (subject_code_heading(doc::normalize(p.c->text))) ++code_heads;
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
  int header_bottom = INT_MIN;
  for (const auto& p : placed) header_bottom = std::max(header_bottom, p.c->last);
  auto col_mid = [&](int k) { return (cols[static_cast<std::size_t>(k)].x0 + cols[static_cast<std::size_t>(k)].x1) / 2; };
  const int last_col = static_cast<int>(n) - 1;
  for (int L = 0; L < levels; ++L) {
    // This level's group names, the top line first: a group name printed
    // over another group name of the same level (基本支出 over 人员经费, whose
    // words overlap no common column) takes it one row down, so that a
    // header of three levels nests.
    std::vector<std::size_t> gs;
    for (std::size_t a = 0; a < placed.size(); ++a)
      if (group[a] && placed[a].level == L) gs.push_back(a);
    auto mid = [&](std::size_t a) { return (placed[a].c->x0 + placed[a].c->x1) / 2; };
    std::sort(gs.begin(), gs.end(), [&](std::size_t x, std::size_t y) {
      return placed[x].c->base != placed[y].c->base ? placed[x].c->base < placed[y].c->base : mid(x) < mid(y);
    });
    std::vector<bool> taken(n, false);  // columns claimed at this level
    for (std::size_t ga : gs) {
      if (placed[ga].level != L) continue;  // taken down by a group above it
      Cell* g = placed[ga].c;
      int lo = 0, hi = last_col;
      for (std::size_t a = 0; a < placed.size(); ++a)  // the group above it
        if (group[a] && placed[a].level == L - 1 && placed[a].c->first <= g->first && g->first <= placed[a].c->lastcol) {
          lo = placed[a].c->first;
          hi = placed[a].c->lastcol;
        }
      // It does not reach over the words of the group names beside it on
      // its line, nor over the columns one of them has claimed.
      int left_bound = INT_MIN, right_bound = INT_MAX;
      for (std::size_t gb : gs) {
        if (gb == ga || placed[gb].level != L || std::abs(placed[gb].c->base - g->base) > g->fs / 2) continue;
        if (mid(gb) < mid(ga)) left_bound = std::max(left_bound, placed[gb].c->x1);
        else right_bound = std::min(right_bound, placed[gb].c->x0);
      }
      // Only over columns whose own header starts in a lower row (a
      // sub-column), not beside it (本年收入合计 next to 项目).
      // A column headed by one cell alone is a leaf merged down the rows of
      // the header and printed in their middle: it is a sub-column only when
      // that middle is below the middle of the rows from the group name
      // down (小计 under 基本支出), not level with it (合计 beside it).
      auto lower = [&](int k) {
        int top = INT_MAX, cells_in = 0, centre = 0;
        for (const auto& q : placed)
          if (q.c != g && q.level >= L && q.c->first <= k && k <= q.c->lastcol) {
            top = std::min(top, q.c->base);
            centre = q.c->center();
            ++cells_in;
          }
        if (top == INT_MAX) return true;
        if (top <= g->last + g->fs) return false;
        if (cells_in > 1 || centre > (g->base + header_bottom) / 2 + g->fs / 4) return true;
        // Level with a heading under the group name (合计 | 因公出国(境)费 beside
        // 公务用车购置及运行维护费, all three under 预算数, with empty cells under
        // the first two): a sub-column too. (A leaf merged down beside the
        // group and centred may stand level with them as well: the group
        // name must still be centred over the columns it takes, below.)
        for (const auto& q : placed)
          if (q.c != g && q.level > L && q.c->first <= g->lastcol && g->first <= q.c->lastcol &&
              std::abs(q.c->center() - centre) <= g->fs / 2)
            return true;
        return false;
      };
      int a0 = g->first, b0 = g->lastcol;
      while (a0 - 1 >= lo && col_mid(a0 - 1) > left_bound && !taken[static_cast<std::size_t>(a0 - 1)] && lower(a0 - 1)) --a0;
      while (b0 + 1 <= hi && col_mid(b0 + 1) < right_bound && !taken[static_cast<std::size_t>(b0 + 1)] && lower(b0 + 1)) ++b0;
      // Of those, the widest run it can be centred over: the run's cells end
      // somewhere in the gaps beside it (a column's extent counting the
      // header words of its own, which show a right-aligned column of
      // figures wider), so its centre lies between the centres of the
      // narrowest and of the widest cells the gaps allow.
      std::vector<int> words_x0(n, INT_MAX), words_x1(n, INT_MIN);
      for (std::size_t a = 0; a < placed.size(); ++a)
        if (!group[a] && placed[a].c->first == placed[a].c->lastcol) {
          auto k = static_cast<std::size_t>(placed[a].c->first);
          words_x0[k] = std::min(words_x0[k], placed[a].c->x0);
          words_x1[k] = std::max(words_x1[k], placed[a].c->x1);
        }
      std::pair<int, int> best{g->first, g->lastcol};
      int best_width = -1;
      const int gm = (g->x0 + g->x1) / 2;
      auto ext0 = [&](int k) { return std::min(cols[static_cast<std::size_t>(k)].x0, words_x0[static_cast<std::size_t>(k)]); };
      auto ext1 = [&](int k) { return std::max(cols[static_cast<std::size_t>(k)].x1, words_x1[static_cast<std::size_t>(k)]); };
      for (int a1 = a0; a1 <= g->first; ++a1)
        for (int b1 = g->lastcol; b1 <= b0; ++b1) {
          int x0 = ext0(a1), x1 = ext1(b1);
          int l_out = a1 > 0 ? ext1(a1 - 1) : x0 - 3 * g->fs;
          int r_out = b1 < last_col ? ext0(b1 + 1) : x1 + 3 * g->fs;
          int c_lo = (l_out + x1) / 2 - g->fs / 4, c_hi = (x0 + r_out) / 2 + g->fs / 4;
          if (gm >= c_lo && gm <= c_hi && x1 - x0 > best_width) {
            best = {a1, b1};
            best_width = x1 - x0;
          }
        }
      g->first = best.first;
      g->lastcol = best.second;
      for (int k = best.first; k <= best.second; ++k) taken[static_cast<std::size_t>(k)] = true;
      // The cells of this level under it move one row down: leaf words, and
      // group names printed below it.
      for (std::size_t a = 0; a < placed.size(); ++a)
        if (a != ga && placed[a].level == L && placed[a].c->first >= best.first && placed[a].c->first <= best.second &&
            (!group[a] || placed[a].c->base > g->last + g->fs / 2)) {
          placed[a].level = L + 1;
          levels = std::max(levels, L + 2);
        }
    }
  }
  std::vector<std::string> head_row;  // a header of one row, as written
  const std::size_t head_at = out.size();
  for (int L = 0; L < levels; ++L) {
    std::vector<std::string> row(n);
    for (const auto& p : placed)
      if (p.level == L) row[static_cast<std::size_t>(p.c->first)] += p.c->text;
    if (levels == 1) head_row = row;
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
  // A column's right edge is where the lines of its own cells end (not
  // those of a cell that reaches into the next column: a form's text spanning
  // several columns of the grid).
  // A cell over several columns (a form's text merged across them) ends
  // where the longest line over the same columns ends.
  // (When every such line reaches into the next column, the longest of
  // them: a heading centred over a narrow column of right-aligned figures.)
  auto col_right = [&](const Cell* u) {
    int r = INT_MIN, any = INT_MIN;
    for (const Cell* c : body)
      if (c->first == u->first && c->lastcol == u->lastcol) {
        any = std::max(any, c->x1);
        if (static_cast<std::size_t>(c->lastcol) + 1 >= part_span(c->lastcol).second ||
            c->x1 <= cols[static_cast<std::size_t>(c->lastcol) + 1].x0)
          r = std::max(r, c->x1);
      }
    return r != INT_MIN ? r : any;
  };
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
      if (is_fig(*l) || (anchor(*l) && !bracketed_number(l->text)) || l->base - u->last > u->fs * 136 / 100 ||
          l->base <= u->last)
        break;
      // Only a line that fills its column wraps onto the next.
      // (A line broken before an opening bracket or quote, which may not end a line,
      // stops up to two characters short.)
      const int right_end = col_right(u);
      if (right_end == INT_MIN) break;  // no cell of this column alone: its right edge is unknown
      // "Within a character", and a twentieth of one to spare: a line one
      // character short of the edge measures exactly one glyph box short
      // (a CJK glyph box is as wide as the font size), and the two sides
      // are rounded separately ("务支" ⏎ "出" in a three-character column
      // was 0.005 pt short). More slack joins the next row's name to a
      // name 1.1 characters short (the template's 基本支出决算表, rows
      // 14 pt apart).
      // (Nor may a closing punctuation mark start a line: the character
      // before it moves down with it, and the line stops two characters short.)
      // (Nor may a line break inside a run of figures and letters: "2022年1"
      // ⏎ "月-2022年" stops as far short as "月-2022" is wide.)
      const int chunk = leading_chunk_width(l->text, u->fs);
      bool full = u->last_x1 >= right_end - u->fs - u->fs / 20 || (chunk > u->fs && u->last_x1 + chunk > right_end) ||
                  (opening_mark(l->text) && u->last_x1 >= right_end - 3 * u->fs) ||
                  (closing_second(l->text) && u->last_x1 >= right_end - 2 * u->fs - u->fs / 2);
      // Its lines start where it starts, or are centred on its centre (a
      // merged label centred in its cell).
      bool aligned = std::abs(l->x0 - u->x0) <= u->fs || std::abs((l->x0 + l->x1) - (u->x0 + u->x1)) <= u->fs;
      if (!full || !aligned) break;
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
  std::vector<std::vector<Cell*>> rows;
  for (std::size_t i = 0; i < live.size();) {
    std::size_t j = i + 1;
    while (j < live.size() && live[j]->center() - live[j - 1]->center() <= gap) ++j;
    rows.emplace_back(live.begin() + static_cast<long>(i), live.begin() + static_cast<long>(j));
    i = j;
  }
  // (A page continuing a form that opens its next part: the rows of that
  // part are the page's own.)
  merge_down(rows, !continued ? INT_MIN : part_top.empty() ? INT_MAX : part_top.front(), st.centred_labels);
  // A form part opening a page under one row of headings (分值（20） | 得分 …)
  // with the first column left empty: a label merged down that column and
  // centred below the first row (资金管理情况) spans the headings' row too,
  // where the form's text holds it, as it does when the part's headings are
  // a row of the table.
  if (!continued && head_row.size() > 1 && head_row[0].empty() && !rows.empty() &&
      std::count_if(head_row.begin(), head_row.end(), [](const std::string& h) { return !h.empty(); }) >= 3) {
    auto& r0 = rows.front();
    int r0_centre = INT_MIN;
    for (const Cell* c : r0)
      if (c->first != 0) r0_centre = std::max(r0_centre, c->center());
    auto it = std::find_if(r0.begin(), r0.end(), [&](const Cell* c) {
      return c->first == 0 && c->lastcol == 0 && !is_fig(*c) && !anchor(*c) && r0_centre != INT_MIN &&
             c->center() > r0_centre + c->fs / 2;
    });
    if (it != r0.end()) {
      head_row[0] = (*it)->text;
      out[head_at].text = join_tabs(head_row);
      r0.erase(it);
    } else {
      // (Or further down, centred on the span from the headings' top to
      // the bottom of a later row: 资金管理情况 level with the second of
      // four rows under one row of headings.)
      const int top_edge = head_top - fs_med * 4 / 5;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        auto& ri = rows[i];
        auto x = std::find_if(ri.begin(), ri.end(), [](const Cell* c) {
          return c->first == 0 && c->lastcol == 0 && !is_fig(*c) && !anchor(*c);
        });
        auto in_first = [](const std::vector<Cell*>& r) {
          return std::any_of(r.begin(), r.end(), [](const Cell* c) { return c->first == 0; });
        };
        if (x == ri.end()) {
          if (in_first(ri)) break;
          continue;
        }
        const int mid = ((*x)->base - (*x)->fs * 4 / 5 + (*x)->last + (*x)->fs / 5) / 2;
        bool moved = false;
        for (std::size_t l = i; l < rows.size() && !moved; ++l) {
          if (l > i && in_first(rows[l])) break;
          int bottom = INT_MIN;
          for (const Cell* c : rows[l]) bottom = std::max(bottom, c->last + c->fs / 5);
          if (ri.size() > 1 && std::abs((top_edge + bottom) / 2 - mid) <= (*x)->fs / 2) {
            head_row[0] = (*x)->text;
            out[head_at].text = join_tabs(head_row);
            ri.erase(x);
            moved = true;
          }
        }
        break;
      }
    }
  }
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Cell* a, const Cell* b) {
      return a->first != b->first ? a->first < b->first : a->base != b->base ? a->base < b->base : a->x0 < b->x0;
    });
    const auto span = row.empty() ? std::pair<std::size_t, std::size_t>{0, n} : part_span(row.front()->first);
    const std::size_t n = span.second - span.first;
    std::vector<std::string> texts(n);
    for (auto* c : row) {
      // (a cell of another part in this row, which should not be: kept in the row's part)
      const auto k = std::clamp(static_cast<std::size_t>(c->first), span.first, span.second - 1) - span.first;
      auto& slot = texts[k];
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
  }
  st.columns.assign(cols.begin() + static_cast<long>(part_off[part_off.size() - 2]), cols.end());
  st.page = page;
  st.code_blocks = code_blocks;
}

// Page furniture: a running header or footer (a title, a date, a file
// name, "3/28"), or a page number alone, printed in the page's margin. It is
// the first or the last line of a page, set apart from the body by at least
// two font sizes, and either a page number ("- 3 -", "第 3 页", "第3页共28页",
// "3/28"; a bare "3" where the numbers count up with the pages) or a line
// that recurs, digits aside, at the same end of at least half the pages (at
// least two). It is not content: left in, a footer
// splits a table continued on the next page and a header joins the cover.
std::string furniture_key(const Line& l) {
  std::string k;
  for (const Cell& c : l.cells) {
    if (!k.empty()) k += '|';
    for (char ch : c.text) {  // a run of digits counts as one: page 9 and page 10 have the same footer
      bool digit = ch >= '0' && ch <= '9';
      if (!digit) k += ch;
      else if (k.empty() || k.back() != '#') k += '#';
    }
  }
  return k;
}

void drop_furniture(std::vector<std::vector<Line>>& pages) {
  // Candidates: the first and the last line of each page, set apart.
  auto apart = [](const Line& edge, const Line& next) {
    return std::abs(next.base - edge.base) >= 2 * std::max({edge.fs, next.fs, 400});
  };
  std::vector<int> top(pages.size(), 0), bottom(pages.size(), 0);  // 1 = candidate
  std::map<std::string, int> top_count, bottom_count;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const auto& ls = pages[p];
    if (ls.size() >= 2 && apart(ls.front(), ls[1])) {
      top[p] = 1;
      ++top_count[furniture_key(ls.front())];
    }
    if (ls.size() >= 2 && apart(ls.back(), ls[ls.size() - 2])) {
      bottom[p] = 1;
      ++bottom_count[furniture_key(ls.back())];
    }
  }
  auto recurs = [&](int n) { return n >= 2 && 2 * static_cast<std::size_t>(n) >= pages.size(); };
  auto text_of = [](const Line& l) {
    std::string all;
    for (const Cell& c : l.cells) all += c.text;
    return clean_for_match(all);
  };
  // A bare number is a page number only where it counts up with the pages:
  // the same offset from the page's index on at least two pages (a year or
  // a figure alone at the end of a page does not).
  auto bare = [](const std::string& t) { return !t.empty() && t.size() <= 4 && is_digits(t); };
  std::map<long, int> offsets[2];  // [0] top, [1] bottom: offset → pages
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (top[p] && bare(text_of(pages[p].front()))) ++offsets[0][std::stol(text_of(pages[p].front())) - static_cast<long>(p)];
    if (bottom[p] && bare(text_of(pages[p].back()))) ++offsets[1][std::stol(text_of(pages[p].back())) - static_cast<long>(p)];
  }
  auto furniture = [&](const Line& l, std::size_t p, int side) {
    std::string t = text_of(l);
    if (bare(t)) {
      auto it = offsets[side].find(std::stol(t) - static_cast<long>(p));
      return it != offsets[side].end() && it->second >= 2;
    }
    if (is_page_number_text(t)) return true;
    return recurs((side == 0 ? top_count : bottom_count)[furniture_key(l)]);
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    auto& ls = pages[p];
    if (bottom[p] && furniture(ls.back(), p, 1)) ls.pop_back();
    if (top[p] && !ls.empty() && furniture(ls.front(), p, 0)) ls.erase(ls.begin());
  }
}

// Cells of a table region into which the words of two columns ran: where
// the cell padding is narrower than the gap that joins words, a
// right-aligned figure and the next column's label or figure read as one
// cell ("1,063.13一、一般公共服务支出", "1栏次", "1 1,063.13"). Such a break
// is a column boundary when the two words are whole column headings
// ("金额 项目"), or when
//   - the word before it is a whole figure and the word after it a figure or
//     starts with an ideograph, not a unit ("10 天", "0 万元", "16.2 %" and
//     "93 ·2 2" stay, and so does a figure printed with a space, "0. 00");
//   - and at least two other lines of the region have an edge at the same
//     place with text of another width: the figure ends where other
//     right-aligned figures end, or the name starts where other
//     left-aligned names start. (The same words repeated line after line,
//     "12345热线", line up at both ends and prove nothing.)
bool unit_word(std::string_view clean) {
  for (std::string_view u : {"万", "元", "%", "天", "台", "个", "次", "人", "家", "项", "年", "月", "日", "份", "件",
                             "辆", "套", "小时", "分", "篇", "期", "户", "座", "条", "本", "张", "倍", "平方米", "亩",
                             "名", "所", "类", "批", "场", "处", "栋", "间", "公里", "吨", "岁", "周", "季度", "册"})
    if (clean.starts_with(u)) return true;
  return false;
}

// A whole column heading of the disclosure tables: a leaf word, or one of
// the other headings printed side by side.
bool heading_word(std::string_view clean) {
  if (leaf_word(clean)) return true;
  for (std::string_view w : {"项目", "科目名称", "科目代码", "科目编码", "年初预算数", "全年预算数", "全年执行数", "分值",
                             "执行率", "得分", "基本支出", "项目支出", "本年收入", "本年支出", "类", "款", "项",
                             "人员经费", "公用经费"})
    if (clean == w) return true;
  return false;
}

// Starts with a CJK ideograph (U+4E00–U+9FFF), not punctuation ("·2 2").
bool ideograph(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  return s.size() >= 3 && b(0) >= 0xE4 && b(0) <= 0xE9;
}

void split_merged_columns(std::vector<Line>& lines, std::size_t start, std::size_t end) {
  struct Edge {
    int x, other;  // this edge and the word's other edge
    std::size_t line;
  };
  std::vector<Edge> starts, ends;
  for (std::size_t i = start; i <= end && i < lines.size(); ++i)
    for (const Cell& c : lines[i].cells)
      for (const Piece& p : c.pieces) {
        starts.push_back({p.x0, p.x1, i});
        ends.push_back({p.x1, p.x0, i});
      }
  auto support = [](const std::vector<Edge>& edges, int x, int other, std::size_t line) {
    std::vector<std::size_t> seen;
    for (const Edge& e : edges)
      if (e.line != line && std::abs(e.x - x) <= 150 && std::abs(e.other - other) > 100 &&
          std::find(seen.begin(), seen.end(), e.line) == seen.end())
        seen.push_back(e.line);
    return seen.size();
  };
  for (std::size_t i = start; i <= end && i < lines.size(); ++i) {
    std::vector<Cell> split;
    bool changed = false;
    for (Cell& c : lines[i].cells) {
      std::size_t from = 0;
      for (std::size_t k = 1; k <= c.pieces.size(); ++k) {
        bool cut = k == c.pieces.size();
        if (!cut) {
          const Piece& a = c.pieces[k - 1];
          const Piece& b = c.pieces[k];
          std::string left = clean_for_match(std::string_view(c.text).substr(a.begin, a.end - a.begin));
          std::string right = clean_for_match(std::string_view(c.text).substr(b.begin, b.end - b.begin));
          bool apart = b.x0 - a.x1 >= std::max(c.fs / 5, 50);
          // (Nor at a decimal point: "15" ".9" "4%" printed with gaps is 15.94%;
          // nor between a figure's decimals, "0.0" "0%" being 0.00%.)
          const bool decimals_on = left.find('.') != std::string::npos && left.find('%') == std::string::npos &&
                                   right.size() >= 2 && right.ends_with("%") &&
                                   is_digits(std::string_view(right).substr(0, right.size() - 1));
          cut = apart && is_figure(left) && !left.ends_with(".") && !left.starts_with(".") && !right.empty() &&
                !right.starts_with(".") && !decimals_on &&
                !unit_word(right) &&
                (is_figure(right) || ideograph(right)) &&
                (support(ends, a.x1, a.x0, i) >= 2 || support(starts, b.x0, b.x1, i) >= 2);
          // Two column headings side by side ("金额 项目", "基本支出 项目支出",
          // "类 款 项"): each a whole heading word is two cells.
          cut = cut || (apart && heading_word(left) && heading_word(right));
        }
        if (!cut) continue;
        if (from == 0 && k == c.pieces.size()) break;  // not split
        Cell part = c;
        const Piece& p0 = c.pieces[from];
        const Piece& p1 = c.pieces[k - 1];
        part.text = c.text.substr(p0.begin, p1.end - p0.begin);
        part.pieces.assign(c.pieces.begin() + static_cast<long>(from), c.pieces.begin() + static_cast<long>(k));
        for (Piece& p : part.pieces) {
          p.begin -= p0.begin;
          p.end -= p0.begin;
        }
        part.x0 = p0.x0;
        part.x1 = part.last_x1 = p1.x1;
        split.push_back(std::move(part));
        changed = true;
        from = k;
      }
      if (from == 0) split.push_back(c);
    }
    if (changed) lines[i].cells = std::move(split);
  }
}

void write_page(std::vector<Line> lines, std::uint32_t page, TableState& st, std::vector<OutLine>& out) {
  std::size_t before = out.size();
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
           !title_block(lines[r.start - 1]) &&
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
      // The next line of a cell's text wrapped in its column inside the
      // table, whatever it holds (1、资金 ⏎ 来源：, a colon that would end
      // the table after a caption; a form's long text wrapped onto a third
      // line, 部门目标编制完成率=已完成 ⏎ 绩效目标编制项目数量/…*100%).
      // (The line above it in its cell may be two lines up, a label
      // centred beside them between.)
      if (l.cells.size() == 1 && l.cells[0].x0 - left > 3 * std::max(l.fs, 400) && !title_block(l) &&
          text_starts_near(lines, j, false, r.start, j, l.cells[0].x0)) {
        r.end = j;
        continue;
      }
      // A form's long texts in cells side by side, printed on lines of their
      // own (a one-line goal beside a two-line one, centred down the row; or
      // two wrapped texts whose lines interleave): single lines inside the
      // table's columns (well right of the page's left edge), a line apart,
      // up to a line of several cells. Once a sentence has begun, a line of
      // any length may continue it (a wrapped line need not hold a comma).
      if (close && !l.cells.empty()) {
        std::size_t e = j;
        bool sentence = false;
        auto inside = [&](const Line& x) {
          const int f = std::max(x.fs, 400);
          return x.cells.size() == 1 && x.cells[0].x0 - left > 3 * f &&
                 (is_sentence(x.cells[0]) || table_single(x, 12) || (sentence && !title_block(x)));
        };
        // (a short heading among them, 绩效指标, may stand further apart, as
        // the short lines of a region may)
        while (e < lines.size() && e < j + 12 && inside(lines[e]) &&
               (e == j || lines[e].base - lines[e - 1].base <= std::max(lines[e].fs, 400) * 3 / 2 ||
                (table_single(lines[e], 12) && lines[e].base - lines[e - 1].base <= 3 * std::max(lines[e].fs, 400)))) {
          sentence = sentence || is_sentence(lines[e].cells[0]);
          ++e;
        }
        if (e > j && is_sentence(l.cells[0]) && e < lines.size() && lines[e].cells.size() >= 2 &&
            lines[e].base - lines[e - 1].base <= 3 * std::max(lines[e].fs, 400)) {
          r.end = e;
          j = e;
          continue;
        }
      }
      break;
    }
    regions.push_back(r);
  }
  for (const Region& r : regions) split_merged_columns(lines, r.start, r.end);
  // A table continued from the previous page with its header printed again
  // (a spreadsheet's print titles): the lines at the top of the page whose
  // every cell is a word of that header (or a 栏次 row) are the repeat.
  if (!regions.empty() && regions[0].start == 0 && st.ended_page && st.page + 1 == page && !st.columns.empty() &&
      !st.header_words.empty()) {
    Region& r = regions[0];
    auto repeated = [&](const Line& l) {
      if (is_lanci_line(l) || numbers_row(l)) return true;
      for (const Cell& c : l.cells)
        if (is_fig(c) || std::find(st.header_words.begin(), st.header_words.end(), clean_for_match(c.text)) ==
                             st.header_words.end())
          return false;
      return !l.cells.empty();
    };
    std::size_t k = r.start;
    while (k < r.end && repeated(lines[k])) ++k;
    // The repeat ends where a line of other words begins; one closer than a
    // line of text below the last repeated line is of the same band of
    // headings (a new form part's 分值 ⏎ 情况说明 | 得分 printed half a line
    // apart at the top of a page, 分值 being a word of the last part's
    // header too): no repeat.
    if (k > r.start && k <= r.end && !repeated(lines[k]) && lines[k].base - lines[k - 1].base < lines[k].fs) k = r.start;
    r.skip = k - r.start;
  }
  // The right edge of the page's narrative text: the furthest right a
  // narrative line reaches.
  std::vector<bool> in_table(lines.size(), false);
  for (const Region& r : regions)
    for (std::size_t k = r.start; k <= r.end && k < lines.size(); ++k) in_table[k] = true;
  int right = INT_MIN;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!in_table[i] && !lines[i].cells.empty()) right = std::max(right, lines[i].cells.back().x1);
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
    OutLine o;
    if (!lines[i].cells.empty()) {
      const Line& l = lines[i];
      int fs = std::max(l.fs, 400);
      o.indented = l.cells[0].x0 - left > l.fs * 3 / 2;
      // Cut by the margin: ends within a character of the right edge, and is
      // a long line (not a short last line on a page of short lines).
      o.full = l.cells.back().x1 >= right - fs && l.cells.back().x1 - l.cells[0].x0 >= 20 * fs;
    }
    if (o.indented) text = "  " + text;  // first-line indent
    o.text = std::move(text);
    o.page = page;
    out.push_back(std::move(o));
  }
  // Did the page end with a table row (so the next page may continue it)?
  bool last_is_table = !regions.empty() && regions.back().end + 1 >= lines.size();
  if (regions.empty() && out.size() > before) last_is_table = false;
  st.ended_page = last_is_table || (regions.empty() && out.size() == before && st.ended_page);
}

void quiet(const std::string&, void*) {}

}  // namespace

bool is_page_number_text(std::string_view sq) {
  auto digits = [](std::string_view v) { return !v.empty() && v.size() <= 4 && is_digits(v); };
  if (digits(sq) || is_page_number(sq)) return true;  // the text reader's forms: "-3-", "第3页"
  if (auto slash = sq.find('/'); slash != std::string_view::npos)
    return digits(sq.substr(0, slash)) && digits(sq.substr(slash + 1));
  std::string_view v = sq;
  auto number_page = [&](std::string_view& w) {  // 第N页 / 共N页 at the front of w
    if (!w.starts_with("第") && !w.starts_with("共")) return false;
    std::size_t k = 3;
    while (k < w.size() && w[k] >= '0' && w[k] <= '9') ++k;
    if (k == 3 || k - 3 > 4 || !w.substr(k).starts_with("页")) return false;
    w.remove_prefix(k + 3);
    if (w.starts_with(",") || w.starts_with("，")) w.remove_prefix(w.starts_with(",") ? 1 : 3);
    return true;
  };
  if (!number_page(v)) return false;
  return v.empty() || (number_page(v) && v.empty());
}


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
  std::vector<std::vector<Line>> page_lines_of(static_cast<std::size_t>(pages));
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
    page_lines_of[static_cast<std::size_t>(p)] = page_lines(words);
  }
  if (total_words == 0)
    return ReadError{"PDF 文件没有文字层（可能是扫描件或图片），gouji 无法读取其中的文字；请使用带文字的 PDF 或先做文字识别（OCR）", 0};
  drop_furniture(page_lines_of);
  for (std::size_t p = 0; p < page_lines_of.size(); ++p)
    write_page(std::move(page_lines_of[p]), static_cast<std::uint32_t>(p + 1), st, out);
  result.line_wrapped.assign(out.size(), 0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!out[i].full) continue;
    // A line cut by the margin runs on into the next narrative line (the
    // next page's first, past a page number) unless that one is indented.
    std::size_t j = i + 1;
    while (j < out.size() && (trim(out[j].text).empty() || is_page_number(trim(out[j].text)))) ++j;
    if (j < out.size() && !out[j].indented && !out[j].text.empty() && out[j].text.find('\t') == std::string::npos)
      result.line_wrapped[i] = 1;
  }
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
  doc::Document document = read_text(std::move(t.text), std::move(path), std::move(t.line_wrapped));
  document.line_pages = std::move(t.line_pages);
  document.line_pages.resize(document.line_offsets.size(), document.line_pages.empty() ? 0 : document.line_pages.back());
  if (document.tables.empty())
    document.warnings.push_back({0, "文档中没有找到任何能识别的表（表题如“收入支出决算总表”“公开01表”）"});
  return document;
}

}  // namespace gouji::read
