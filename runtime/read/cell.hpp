// Internal: cell values and small text helpers shared by the readers.
#pragma once

#include "runtime/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::read {

// Strips ASCII white space, U+3000, U+00A0 and U+FEFF at both ends.
std::string_view trim(std::string_view s);

// The text used for matching and for reading a figure: LaTeX and markdown
// debris removed ($\geq 95\%$ → ≥95%, **0.83** → 0.83), then normalize()
// (full-width forms half-width, white space removed, dashes as "-").
std::string clean_for_match(std::string_view text);
// The same as a view: `text` itself when cleaning leaves it unchanged (most
// figures and CJK words), else a view of `buf`, which receives the cleaned
// text. Valid while `text` and `buf` are.
std::string_view clean_view(std::string_view text, std::string& buf);

// Reads one printed cell: blank ("", "-", "—"), number (thousands
// separators allowed), percent ("64.01%", "63.58 %"), otherwise text. The
// original text (trimmed) is kept in Cell::text.
doc::Cell parse_cell(std::string_view text, std::uint32_t line);

// Does the cleaned text read as a figure (number or percent)?
bool is_figure(std::string_view cleaned);
// Is it blank in the sense of parse_cell ("", "-", "—" …)?
bool is_blank_text(std::string_view cleaned);
// All ASCII digits (after cleaning), at least `min_len` of them.
bool is_digits(std::string_view cleaned, std::size_t min_len = 1);
// A small positive integer (1..9999) written without separators or point.
std::optional<int> small_int(std::string_view cleaned);

// A cell that holds several figures printed apart ("0.0 % 0.00" → "0.0%",
// "0.00"), or one figure broken by spaces ("32 .2 3 %" → one). A cell that is
// not made of figures is returned whole.
std::vector<std::string> split_figures(std::string_view cell);

// Number of code points.
std::size_t char_count(std::string_view s);

// Splits on `sep`, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);
// Splits on runs of white space (ASCII space/tab, U+3000), dropping empties.
std::vector<std::string_view> split_ws(std::string_view s);
// The same, appended to `out` (a buffer reused from line to line).
void split_ws_into(std::vector<std::string_view>& out, std::string_view s);

// Removes all white space (for header text broken by the extraction).
std::string squeeze(std::string_view s);
// squeeze(s) appended to `out`.
void squeeze_append(std::string& out, std::string_view s);
// The first bytes of squeeze(s), at most `cap` of them (a code point may be
// cut), written to `out` without allocating; returns how many. `complete`
// tells whether they are all of squeeze(s).
std::size_t squeeze_head(std::string_view s, char* out, std::size_t cap, bool& complete);

}  // namespace gouji::read
