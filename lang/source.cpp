// Source files, line/column mapping and UTF-8 helpers (see source.hpp).
#include "lang/source.hpp"

#include <algorithm>

namespace gouji::lang {

std::uint32_t SourceSet::add(std::string path, std::string text) {
  SourceFile f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.line_starts.push_back(0);
  for (std::size_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
  files_.push_back(std::move(f));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

LineCol SourceSet::line_col(std::uint32_t file_id, std::uint32_t offset) const {
  const SourceFile& f = file(file_id);
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(f.text.size()));
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - f.line_starts.begin());  // 1-based
  std::uint32_t start = f.line_starts[line - 1];
  std::string_view before(f.text.data() + start, offset - start);
  return LineCol{static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(count_chars(before) + 1)};
}

std::uint32_t SourceSet::line_start(std::uint32_t file_id, std::uint32_t line) const {
  const SourceFile& f = file(file_id);
  if (line == 0 || line > f.line_starts.size()) return static_cast<std::uint32_t>(f.text.size());
  return f.line_starts[line - 1];
}

std::string_view SourceSet::line_text(std::uint32_t file_id, std::uint32_t line) const {
  const SourceFile& f = file(file_id);
  if (line == 0 || line > f.line_starts.size()) return {};
  std::size_t b = f.line_starts[line - 1];
  std::size_t e = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  std::string_view s(f.text.data() + b, e - b);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  cp = 0xFFFD;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (len == 0 || (c >= 0xF5) || i + len > s.size()) return 1;
  char32_t v = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 1;
    v = (v << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && v < 0x800) || (len == 4 && v < 0x10000);
  if (overlong || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;
  cp = v;
  return len;
}

std::size_t first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t n = decode_utf8(s, i, cp);
    if (cp == 0xFFFD && !(n == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    char32_t cp;
    i += decode_utf8(s, i, cp);
  }
  return n;
}

int display_width(char32_t cp) {
  if (cp == 0) return 0;
  if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0xFEFF) return 0;  // combining, zero width
  bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
              (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
              (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
              (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
              (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
              (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += decode_utf8(s, i, cp);
    w += static_cast<std::size_t>(display_width(cp));
  }
  return w;
}

}  // namespace gouji::lang
