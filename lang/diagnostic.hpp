// Diagnostics: what the parser and the checker (and later the evaluator)
// report about a rule file. They are data — collected, sorted, rendered only
// by the CLI — and every text comes from one bilingual table (messages.cpp),
// keyed by a stable code such as "E-syntax-missing-paren".
#pragma once

#include "lang/ast.hpp"
#include "lang/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::lang {

enum class DiagSeverity : std::uint8_t { error, warning, note };
enum class Lang : std::uint8_t { zh, en };

// A secondary location or remark attached to a diagnostic.
struct DiagNote {
  std::optional<ast::Span> span;  // none: printed without a location
  std::string code;               // message id in the table
  std::vector<std::string> args;  // fill {0}, {1} … of the message
};

struct Diagnostic {
  DiagSeverity severity = DiagSeverity::error;
  ast::Span span;                  // where the caret goes (may be empty: a point)
  std::string code;                // stable id, e.g. "E-syntax-missing-paren"
  std::vector<std::string> args;   // fill {0}, {1} … of message and hint
  std::vector<std::string> args_en;  // for --lang en when they differ (type names); "" = args
  std::string hint_code;           // "" = the hint the table gives for `code`
  std::vector<std::string> hint_args;  // for hint_code ("" = use args)
  std::vector<DiagNote> notes;

  std::string message(Lang lang) const;
  std::string hint(Lang lang) const;  // "" if none
};

// One row of the message table.
struct MessageText {
  std::string_view code;
  std::string_view zh;       // message, with {0} {1} … placeholders
  std::string_view en;
  std::string_view hint_zh;  // "" if the message has no standing hint
  std::string_view hint_en;
};

const std::vector<MessageText>& message_table();
const MessageText* find_message(std::string_view code);  // nullptr if unknown
// Replaces {0} {1} … in a table text with args (a single pass: args are not
// re-scanned, so user text cannot inject placeholders).
std::string fill(std::string_view text, const std::vector<std::string>& args);

Diagnostic make_diag(DiagSeverity sev, ast::Span span, std::string code, std::vector<std::string> args = {});

// file:line:col: 错误：message / source line / caret / 提示：hint, then notes.
std::string render(const Diagnostic& d, const SourceSet& sources, Lang lang);
std::string render_all(const std::vector<Diagnostic>& ds, const SourceSet& sources, Lang lang);
// Sorts by file, position, then severity (stable for equal keys).
void sort_diagnostics(std::vector<Diagnostic>& ds);
std::size_t count(const std::vector<Diagnostic>& ds, DiagSeverity sev);
inline bool has_errors(const std::vector<Diagnostic>& ds) { return count(ds, DiagSeverity::error) > 0; }

}  // namespace gouji::lang
