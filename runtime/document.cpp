// Lookups on the document model and the normalisation used for matching.
#include "document.hpp"

#include <algorithm>

namespace gouji::doc {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i.
// Invalid bytes decode as themselves (U+FFFD-free: the reader validated UTF-8).
char32_t next_cp(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

void put_cp(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF || cp == 0x2002 || cp == 0x2003 || cp == 0x2009;
}

}  // namespace

namespace {

// The definition of normalize(): decode each code point, drop white space,
// fold full-width forms and dashes, encode again.
std::string normalize_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_cp(text, i);
    if (is_space(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII forms
    else if (cp == 0x2014 || cp == 0x2013 || cp == 0x2212) cp = '-';
    put_cp(out, cp);
  }
  return out;
}

}  // namespace

// normalize() without decoding every code point: runs that need no change
// (CJK text) are copied in one piece; only white space, full-width ASCII forms
// and dashes are rewritten. Anything it is not sure of (a stray continuation
// byte, an overlong or cut sequence) goes to normalize_decoded(), so the
// result is always exactly that function's.
std::string_view normalize_view(std::string_view text, std::string& buf) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size(), i = 0, run = 0;
  bool changed = false;  // buf holds the text up to `run`, rewritten
  auto flush = [&](std::size_t upto) {
    if (!changed) {
      changed = true;
      buf.clear();
      buf.reserve(n);
    }
    if (upto > run) buf.append(text.data() + run, upto - run);
  };
  auto fallback = [&]() -> std::string_view {
    buf = normalize_decoded(text);
    return buf;
  };
  auto cont = [&](std::size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if ((c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) { flush(i); run = ++i; }
      else ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return fallback();
      if (c == 0xC2 && p[i + 1] == 0xA0) { flush(i); run = i += 2; }  // U+00A0
      else i += 2;
      continue;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(i + 1) || !cont(i + 2) || (c == 0xE0 && p[i + 1] < 0xA0)) return fallback();
      unsigned char b = p[i + 1], d = p[i + 2];
      int drop = 0;       // 1: a space, dropped
      char ascii = 0;     // else the ASCII character it becomes
      if (c == 0xE2 && b == 0x80 && (d == 0x82 || d == 0x83 || d == 0x89)) drop = 1;           // U+2002/2003/2009
      else if (c == 0xE2 && ((b == 0x80 && (d == 0x93 || d == 0x94)) || (b == 0x88 && d == 0x92))) ascii = '-';  // – — −
      else if (c == 0xE3 && b == 0x80 && d == 0x80) drop = 1;                                  // U+3000
      else if (c == 0xEF && b == 0xBB && d == 0xBF) drop = 1;                                  // U+FEFF
      else if (c == 0xEF && ((b == 0xBC && d >= 0x81) || (b == 0xBD && d <= 0x9E)))          // U+FF01–FF5E
        ascii = static_cast<char>(((b - 0xBC) << 6) + (d & 0x3F) + 0x20);
      if (drop || ascii) {
        flush(i);
        if (ascii) buf.push_back(ascii);
        run = i += 3;
      } else {
        i += 3;
      }
      continue;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3) || (c == 0xF0 && p[i + 1] < 0x90)) return fallback();
      i += 4;
      continue;
    }
    return fallback();
  }
  if (!changed) return text;
  flush(n);
  return buf;
}

std::string normalize(std::string_view text) {
  std::string buf;
  std::string_view v = normalize_view(text, buf);
  return owned(v, buf);
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::final_accounts: return "决算";
    case Kind::budget: return "预算";
    case Kind::unknown: break;
  }
  return "未知";
}

const Row* Table::row_by_hangci(int hangci) const {
  for (const Row& r : rows)
    if (r.hangci && *r.hangci == hangci) return &r;
  return nullptr;
}

const Row* Table::row_by_code(std::string_view code, int block) const {
  std::string want = normalize(code);
  for (const Row& r : rows)
    if ((block < 0 || r.block == block) && !r.code.empty() && normalize(r.code) == want) return &r;
  return nullptr;
}

namespace {
// A label as compared: normalised, without a trailing colon ("年度资金总额:").
std::string label_key(std::string_view label) {
  std::string s = normalize(label);
  while (!s.empty() && s.back() == ':') s.pop_back();
  return s;
}
}  // namespace

const Row* Table::row_by_label(std::string_view label, int block) const {
  std::string want = label_key(label);
  for (const Row& r : rows)
    if ((block < 0 || r.block == block) && label_key(r.label) == want) return &r;
  // "一般公共服务支出" also finds "一、一般公共服务支出" and "（一）一般公共服务支出".
  std::string bare = strip_ordinal(want);
  for (const Row& r : rows)
    if ((block < 0 || r.block == block) && strip_ordinal(label_key(r.label)) == bare) return &r;
  return nullptr;
}

std::string strip_ordinal(std::string_view normalized) {
  static const std::string_view numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零"};
  auto numeral_run = [&](std::string_view s) {
    std::size_t n = 0;
    for (bool more = true; more;) {
      more = false;
      for (std::string_view d : numerals)
        if (s.substr(n).starts_with(d)) {
          n += d.size();
          more = true;
        }
    }
    return n;
  };
  std::string_view s = normalized;
  if (s.starts_with("(")) {  // (一) or (1)
    std::size_t n = numeral_run(s.substr(1));
    if (n == 0) while (1 + n < s.size() && s[1 + n] >= '0' && s[1 + n] <= '9') ++n;
    if (n > 0 && s.substr(1 + n).starts_with(")")) return std::string(s.substr(2 + n));
    return std::string(s);
  }
  std::size_t n = numeral_run(s);
  if (n == 0) while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0) return std::string(s);
  std::string_view rest = s.substr(n);
  for (std::string_view sep : {"、", ".", "．"})
    if (rest.starts_with(sep)) return std::string(rest.substr(sep.size()));
  return std::string(s);
}

int Table::column_by_lanci(int block, int lanci) const {
  if (block < 0 || block >= static_cast<int>(blocks.size())) return -1;
  const auto& cols = blocks[static_cast<std::size_t>(block)].columns;
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].lanci && *cols[i].lanci == lanci) return static_cast<int>(i);
  return -1;
}

int Table::column_by_header(int block, std::string_view name) const {
  if (block < 0 || block >= static_cast<int>(blocks.size())) return -1;
  std::string want = normalize(name);
  const auto& cols = blocks[static_cast<std::size_t>(block)].columns;
  // The name is a header path, outermost first ("基本支出›小计"), or one header
  // ("小计"). A column whose path ends with it wins over one that merely holds
  // it somewhere on its path; two winners make the name ambiguous (-2).
  std::vector<std::string> parts;
  for (std::size_t from = 0;;) {
    std::size_t at = want.find("›", from);
    parts.push_back(want.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) break;
    from = at + std::string_view("›").size();
  }
  auto run_at = [&](const std::vector<std::string>& h, std::size_t start) {
    if (start + parts.size() > h.size()) return false;
    for (std::size_t k = 0; k < parts.size(); ++k)
      if (normalize(h[start + k]) != parts[k]) return false;
    return true;
  };
  int found = -1;
  for (int pass = 0; pass < 2 && found < 0; ++pass) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const auto& h = cols[i].header;
      bool hit = false;
      if (pass == 0)
        hit = h.size() >= parts.size() && run_at(h, h.size() - parts.size());
      else
        for (std::size_t s = 0; s + parts.size() <= h.size() && !hit; ++s) hit = run_at(h, s);
      if (!hit) continue;
      if (found >= 0) return -2;
      found = static_cast<int>(i);
    }
  }
  return found;
}

std::pair<int, int> Table::find_lanci(int lanci) const {
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    int c = column_by_lanci(static_cast<int>(b), lanci);
    if (c >= 0) return {static_cast<int>(b), c};
  }
  return {-1, -1};
}

std::uint32_t Paragraph::line_at(std::size_t offset) const {
  std::uint32_t result = line;
  for (const auto& [off, ln] : line_map) {
    if (off > offset) break;
    result = ln;
  }
  return result;
}

std::string_view Document::line_text(std::uint32_t ln) const {
  if (ln == 0 || ln > line_offsets.size()) return {};
  std::size_t begin = line_offsets[ln - 1];
  std::size_t end = ln < line_offsets.size() ? line_offsets[ln] : source.size();
  std::string_view v(source);
  v = v.substr(begin, end - begin);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

std::uint32_t Document::page_of(std::uint32_t ln) const {
  if (ln == 0 || ln > line_pages.size()) return 0;
  return line_pages[ln - 1];
}

std::vector<const Table*> Document::find_tables(std::string_view name) const {
  std::string want = normalize(name);
  std::vector<const Table*> out;
  for (const Table& t : tables)
    if ((!t.code.empty() && normalize(t.code) == want) || normalize(t.title) == want) out.push_back(&t);
  return out;
}

const Section* Document::find_section(std::string_view heading) const {
  std::string want = normalize(heading);
  for (const Section& s : sections)
    if (normalize(s.heading) == want) return &s;
  for (const Section& s : sections)
    if (!want.empty() && normalize(s.heading).find(want) != std::string::npos) return &s;
  return nullptr;
}

}  // namespace gouji::doc
