// Entry points: bytes or a file → Document (text or JSON form).
#include "runtime/read/read.hpp"

#include "runtime/read/decode.hpp"
#include "runtime/read/pdf_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gouji::read {

std::variant<doc::Document, ReadError> read_document_bytes(std::string_view bytes, std::string path) {
  if (looks_like_pdf(bytes)) return read_pdf_bytes(bytes, std::move(path));
  auto decoded = decode_bytes(bytes);
  if (auto* e = std::get_if<ReadError>(&decoded)) return *e;
  auto& d = std::get<Decoded>(decoded);
  std::string encoding = d.encoding;
  std::string note = d.note;
  doc::Document document = read_text(std::move(d.text), std::move(path));
  if (encoding == "GB18030" || encoding.starts_with("UTF-16"))
    document.warnings.insert(document.warnings.begin(),
                             {0, fmt::format("文件不是 UTF-8，已按 {} 编码读入并转换", encoding)});
  if (!note.empty()) document.warnings.insert(document.warnings.begin(), {0, note});
  if (document.tables.empty())
    document.warnings.push_back({0, "文档中没有找到任何能识别的表（表题如“收入支出决算总表”“公开01表”）"});
  return document;
}

std::variant<doc::Document, ReadError> read_document_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return ReadError{fmt::format("{} 是目录，不是文档文件", path), 0};
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadError{fmt::format("无法打开文件 {}：{}", path, std::strerror(errno)), 0};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return ReadError{fmt::format("读取文件 {} 时出错", path), 0};
  std::string bytes = std::move(ss).str();
  std::string lower = path;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (looks_like_pdf(bytes)) return read_pdf_bytes(bytes, path);
  if (lower.ends_with(".pdf"))
    return ReadError{fmt::format("{} 的扩展名是 .pdf，但内容不是 PDF（文件开头没有 %PDF-）；请确认文件没有损坏或改错扩展名", path), 0};
  if (lower.ends_with(".json")) {
    auto text = decode_text(bytes);
    if (auto* e = std::get_if<ReadError>(&text)) return *e;
    return from_json(std::get<std::string>(text), path);
  }
  return read_document_bytes(bytes, path);
}

}  // namespace gouji::read
