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
  int pages = 0;
};

// Does the file start like a PDF ("%PDF-" within its first 1024 bytes)?
bool looks_like_pdf(std::string_view bytes);

// Words with positions → lines → synthesized text. Never throws.
std::variant<PdfText, ReadError> pdf_to_text(std::string_view bytes);

// pdf_to_text, then read_text; Document::line_pages filled.
std::variant<doc::Document, ReadError> read_pdf_bytes(std::string_view bytes, std::string path);

}  // namespace gouji::read
