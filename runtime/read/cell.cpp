// Cell values and small text helpers shared by the readers.
#include "runtime/read/cell.hpp"

#include <algorithm>
#include <array>

namespace gouji::read {

namespace {

inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Byte classes for the scans below, one table lookup per byte.
enum : std::uint8_t {
  kSpace = 1,    // ASCII white space
  kUniLead = 2,  // 0xC2, 0xE3, 0xEF: may start U+00A0, U+3000, U+FEFF
  kDebris = 4,   // $ \ * <: LaTeX or markdown debris may follow
  kHigh = 8,     // not ASCII
  kC2 = 16,      // 0xC2 (U+00A0, a middle dot U+00B7)
};
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = kSpace;
  for (char c : {'$', '\\', '*', '<'}) t[static_cast<unsigned char>(c)] = kDebris;
  for (int b = 0x80; b < 0x100; ++b) t[static_cast<std::size_t>(b)] = kHigh;
  for (int b : {0xC2, 0xE3, 0xEF}) t[static_cast<std::size_t>(b)] |= kUniLead;
  t[0xC2] |= kC2;
  return t;
}();
inline std::uint8_t byte_class(char c) { return kByteClass[static_cast<unsigned char>(c)]; }

// Length of a Unicode space at s[i] (U+3000, U+00A0, U+FEFF), else 0.
inline std::size_t unicode_space(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  std::size_t n = s.size() - i;
  switch (p[0]) {
    case 0xE3: return n >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    case 0xEF: return n >= 3 && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    case 0xC2: return n >= 2 && p[1] == 0xA0 ? 2 : 0;
    default: return 0;
  }
}

// Length of white space at s[i]: an ASCII space (1), U+00A0 (2), U+3000 or
// U+FEFF (3); 0 if none. Most bytes are ruled out by one lookup.
inline std::size_t space_at(std::string_view s, std::size_t i) {
  std::uint8_t k = byte_class(s[i]);
  if (!(k & (kSpace | kUniLead))) return 0;
  return k & kSpace ? 1 : unicode_space(s, i);
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) { s.remove_prefix(1); continue; }
    std::size_t u = s.empty() ? 0 : unicode_space(s, 0);
    if (u) { s.remove_prefix(u); continue; }
    break;
  }
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) { s.remove_suffix(1); continue; }
    if (s.size() >= 3 && (s.ends_with("\xE3\x80\x80") || s.ends_with("\xEF\xBB\xBF"))) { s.remove_suffix(3); continue; }
    if (s.size() >= 2 && s.ends_with("\xC2\xA0")) { s.remove_suffix(2); continue; }
    break;
  }
  return s;
}

std::string_view clean_view(std::string_view text, std::string& buf) {
  std::uint8_t seen = 0;
  for (char ch : text) seen |= byte_class(ch);
  bool debris = seen & kDebris, dot = seen & kC2, ascii = !(seen & kHigh), space = seen & kSpace;
  if (!debris && !dot) {  // the usual case
    if (ascii) {
      // Normalising pure-ASCII text only removes its white space (full-width
      // forms, dashes and Unicode spaces are all non-ASCII).
      if (!space) return text;
      buf.clear();
      for (char ch : text)
        if (!is_ascii_space(ch)) buf.push_back(ch);
      return buf;
    }
    return doc::normalize_view(text, buf);
  }
  std::string s(text);
  if (s.find('$') != std::string::npos || s.find('\\') != std::string::npos) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> latex = {{
        {"\\geqslant", "≥"}, {"\\leqslant", "≤"}, {"\\geq", "≥"}, {"\\leq", "≤"},
        {"\\ge", "≥"}, {"\\le", "≤"}, {"\\%", "%"}, {"$", ""},
    }};
    for (const auto& [from, to] : latex) replace_all(s, from, to);
  }
  if (s.find("**") != std::string::npos) replace_all(s, "**", "");
  if (s.find("<p>") != std::string::npos) replace_all(s, "<p>", "");
  if (s.find("</p>") != std::string::npos) replace_all(s, "</p>", "");
  buf = doc::normalize(s);
  if (buf.find("\xC2\xB7") != std::string::npos) {  // "93 · 2 2": a middle dot printed for the decimal point
    std::string dotted = buf;
    replace_all(dotted, "\xC2\xB7", ".");
    if (is_figure(dotted)) buf = std::move(dotted);
  }
  return buf;
}

std::string clean_for_match(std::string_view text) {
  std::string buf;
  std::string_view v = clean_view(text, buf);
  return doc::owned(v, buf);
}

std::vector<std::string> split_figures(std::string_view cell) {
  std::string whole = clean_for_match(cell);
  if (whole.empty() || is_figure(whole) || is_blank_text(whole)) return {std::string(trim(cell))};
  auto toks = split_ws(cell);
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < toks.size()) {
    std::size_t best = 0;
    std::string acc;
    for (std::size_t j = i; j < toks.size(); ++j) {
      acc.append(toks[j]);
      std::string c = clean_for_match(acc);
      if (is_figure(c) || (j == i && is_blank_text(c))) best = j + 1;
    }
    if (best == 0) return {std::string(trim(cell))};  // not a run of figures: keep the text
    std::string part;
    for (std::size_t j = i; j < best; ++j) part.append(toks[j]);
    out.push_back(part);
    i = best;
  }
  return out;
}

bool is_blank_text(std::string_view c) {
  return c.empty() || c == "-" || c == "--" || c == "---" || c == "----" || c == "/" ||
         c == "\xE2\x80\x94\xE2\x80\x94" /* —— */ || c == "\xE2\x80\x95" /* ― */;
}

bool is_digits(std::string_view c, std::size_t min_len) {
  if (c.size() < min_len) return false;
  for (char ch : c)
    if (ch < '0' || ch > '9') return false;
  return !c.empty();
}

std::optional<int> small_int(std::string_view c) {
  if (c.empty() || c.size() > 4 || !is_digits(c)) return std::nullopt;
  if (c.size() > 1 && c[0] == '0') return std::nullopt;
  int v = 0;
  for (char ch : c) v = v * 10 + (ch - '0');
  if (v == 0) return std::nullopt;
  return v;
}

// More decimals than any figure has: such a "number" is read as text.
constexpr int kMaxPlaces = 30;

static int decimals_of(std::string_view c) {
  auto dot = c.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(c.size() - dot - 1);
}

bool is_figure(std::string_view c) {
  if (c.empty()) return false;
  if (c.back() == '%') c.remove_suffix(1);
  return Number::is_decimal(c);
}

doc::Cell parse_cell(std::string_view text, std::uint32_t line) {
  doc::Cell cell;
  std::string_view t = trim(text);
  cell.text = std::string(t);
  cell.line = line;
  std::string buf;
  std::string_view c = clean_view(t, buf);
  if (is_blank_text(c)) {
    cell.kind = doc::CellKind::blank;
    return cell;
  }
  if (c.back() == '%') {
    std::string_view digits(c);
    digits.remove_suffix(1);
    if (auto v = Number::parse_decimal(digits)) {
      int places = decimals_of(digits);
      if (places > kMaxPlaces) {  // no document prints this: junk, kept as text
        cell.kind = doc::CellKind::text;
        return cell;
      }
      cell.kind = doc::CellKind::percent;
      cell.value = *v * Number::fraction(1, 100);
      cell.places = static_cast<std::int8_t>(places);
      return cell;
    }
  }
  if (auto v = Number::parse_decimal(c)) {
    int places = decimals_of(c);
    if (places > kMaxPlaces) {
      cell.kind = doc::CellKind::text;
      return cell;
    }
    cell.kind = doc::CellKind::number;
    cell.value = *v;
    cell.places = static_cast<std::int8_t>(places);
    return cell;
  }
  cell.kind = doc::CellKind::text;
  return cell;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  out.reserve(static_cast<std::size_t>(std::count(s.begin(), s.end(), sep)) + 1);  // one allocation
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  split_ws_into(out, s);
  return out;
}

void split_ws_into(std::vector<std::string_view>& out, std::string_view s) {
  std::size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    std::size_t w = space_at(s, i);
    if (w) {
      if (start != std::string_view::npos) out.push_back(s.substr(start, i - start));
      start = std::string_view::npos;
      i += w;
    } else {
      if (start == std::string_view::npos) start = i;
      ++i;
    }
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
}

void squeeze_append(std::string& out, std::string_view s) {
  // Copies runs between white space in one piece.
  std::size_t i = 0, run = 0;
  while (i < s.size()) {
    std::size_t w = space_at(s, i);
    if (w) {
      if (i > run) out.append(s.data() + run, i - run);
      i += w;
      run = i;
    } else {
      ++i;
    }
  }
  if (s.size() > run) out.append(s.data() + run, s.size() - run);
}

std::size_t squeeze_head(std::string_view s, char* out, std::size_t cap, bool& complete) {
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    std::size_t w = space_at(s, i);
    if (w) {
      i += w;
      continue;
    }
    if (n == cap) {
      complete = false;
      return n;
    }
    out[n++] = s[i++];
  }
  complete = true;
  return n;
}

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  squeeze_append(out, s);
  return out;
}

}  // namespace gouji::read
