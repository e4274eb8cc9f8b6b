// Rule source files and the mapping from byte offsets to lines and columns.
//
// Spans (ast::Span) hold byte offsets; lines and columns are computed here,
// late, from the file's text. Columns count characters (UTF-8 code points),
// not bytes, and carets are padded by display width: a CJK or full-width
// character takes two columns on a terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::lang {

struct SourceFile {
  std::string path;  // as given (shown in diagnostics)
  std::string text;  // the bytes of the file
  std::vector<std::uint32_t> line_starts;  // byte offset of each line's first byte
};

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in characters
};

// The set of files of one run. Files are never removed, so a file id (the
// index) stays valid and references returned by file() stay valid.
class SourceSet {
 public:
  std::uint32_t add(std::string path, std::string text);
  const SourceFile& file(std::uint32_t id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }

  // Line and column of a byte offset (clamped to the text).
  LineCol line_col(std::uint32_t file, std::uint32_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(std::uint32_t file, std::uint32_t line) const;
  // Byte offset of the start of a 1-based line.
  std::uint32_t line_start(std::uint32_t file, std::uint32_t line) const;

 private:
  std::deque<SourceFile> files_;
};

// Decodes the code point at s[i]; returns its length in bytes (at least 1).
// Invalid UTF-8 decodes as U+FFFD with length 1.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);
// Byte offset of the first byte that is not valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s);
// Number of code points.
std::size_t count_chars(std::string_view s);
// Terminal columns: 2 for East Asian wide and full-width characters, 0 for
// combining marks, 1 otherwise.
int display_width(char32_t cp);
std::size_t display_width(std::string_view s);

}  // namespace gouji::lang
