// Reading disclosure documents into the document model (runtime/document.hpp).
//
// Two inputs are accepted: the text extracted from a published PDF (the
// families described in spec/document-model.md: tab-separated cells, or
// space-separated lines with wrapped cells and page numbers), and the model's
// own JSON form (to_json / from_json), so that other front ends can hand gouji
// documents it did not read itself. Nothing here throws on bad input: a
// document that cannot be read gives a ReadError, one that is read with gaps
// gives Document::warnings.
#pragma once

#include "runtime/document.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace gouji::read {

struct ReadError {
  std::string message;     // Chinese; says what is wrong and where
  std::uint32_t line = 0;  // 1-based source line, 0 if not about one line
};

// The JSON form's schema version (spec/document-model.md).
inline constexpr int kSchemaVersion = 1;

// Decodes the bytes (UTF-8 with or without BOM, CRLF or LF; GB18030/GBK is
// detected and converted), then reads the text; bytes that start like a PDF
// are read as a PDF. `path` is only recorded.
std::variant<doc::Document, ReadError> read_document_bytes(std::string_view bytes, std::string path);

// Reads a file: a PDF (by its %PDF- magic) through poppler (pdf_reader.hpp),
// *.json as the JSON form, anything else as text.
std::variant<doc::Document, ReadError> read_document_file(const std::string& path);

// The model's JSON form (schema in spec/document-model.md).
std::string to_json(const doc::Document& document);
std::variant<doc::Document, ReadError> from_json(std::string_view json, std::string path);

// Decoding step alone (exposed for tests and the fuzz target): the text as
// UTF-8 with "\n" line ends and no BOM, or why it could not be decoded.
std::variant<std::string, ReadError> decode_text(std::string_view bytes);

// Reading step alone: builds the model from decoded UTF-8 text.
// `wrapped` (from a front end that sees the layout, such as the PDF reader):
// wrapped[i] != 0 says line i + 1 was cut by the page's margin and its
// paragraph runs on into the next line, even where the line ends like a
// sentence ("主要用于：" at a line's end). Text input has no such hint.
doc::Document read_text(std::string text, std::string path, std::vector<std::uint8_t> wrapped = {});

}  // namespace gouji::read
