// Internal: reading a PDF (poppler's C++ API) into the text family the text
// reader reads (tab-separated table rows in fixed column positions, plain
// narrative lines), with the page of every synthesized line.
#pragma once

#include "runtime/read/read.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gouji::read {

// Limits: a larger document is refused with a message (not read in part).
inline constexpr int kMaxPdfPages = 2000;
inline constexpr std::size_t kMaxPdfWords = 2'000'000;

struct PdfText {
  std::string text;                       // UTF-8, "\n" line ends
  std::vector<std::uint32_t> line_pages;  // 1-based page of each line of text
  // Per line: 1 if a narrative line was cut by the right margin and the next
  // narrative line (not indented) continues its paragraph (read_text's hint).
  std::vector<std::uint8_t> line_wrapped;
  int pages = 0;
};

// Is this line (clean_for_match of its text) a page number alone: "3",
// "-3-", "3/28", "第3页", "第3页共28页", "第3页,共28页", "共28页第3页"?
// A PDF's first or last line that is one, set apart from the body, is page
// furniture and is not read.
bool is_page_number_text(std::string_view clean);

// Does the file start like a PDF ("%PDF-" within its first 1024 bytes)?
bool looks_like_pdf(std::string_view bytes);

// Words with positions → lines → synthesized text. Never throws.
std::variant<PdfText, ReadError> pdf_to_text(std::string_view bytes);

// pdf_to_text, then read_text; Document::line_pages filled.
std::variant<doc::Document, ReadError> read_pdf_bytes(std::string_view bytes, std::string path);

}  // namespace gouji::read
