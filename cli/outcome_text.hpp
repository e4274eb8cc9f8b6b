// Words for outcomes shared by the reports of check and explain.
#pragma once

#include "lang/ast.hpp"
#include "runtime/eval/eval.hpp"

#include <string>

namespace gouji::cli {

// 错误 / 警告 / 提示.
inline const char* severity_zh(ast::Severity s) {
  switch (s) {
    case ast::Severity::error: return "错误";
    case ast::Severity::warning: return "警告";
    case ast::Severity::info: return "提示";
  }
  return "";
}

// An instance's bindings: "t = 公开03表，r = 201 一般公共服务支出".
inline std::string bindings_text(const eval::Outcome& o) {
  std::string s;
  for (const auto& [k, v] : o.bindings) s += (s.empty() ? "" : "，") + k + " = " + v;
  return s;
}

// Where a place is, for a person: "公开03表 201 一般公共服务支出 栏2 基本支出（第 58 行）",
// "文件（第 12 行）" for a place with no table; a document read from a PDF adds
// the page: "收入决算表 …（第 8 页，第 131 行）" (the line of the text gouji made of it).
inline std::string place_text(const eval::Place& p) {
  std::string where = p.table;
  if (!p.row.empty()) where += (where.empty() ? "" : " ") + p.row;
  if (!p.column.empty()) where += (where.empty() ? "" : " ") + p.column;
  if (where.empty()) where = "文件";
  if (p.line && p.page)
    where += "（第 " + std::to_string(p.page) + " 页，第 " + std::to_string(p.line) + " 行）";
  else if (p.line)
    where += "（第 " + std::to_string(p.line) + " 行）";
  return where;
}

}  // namespace gouji::cli
