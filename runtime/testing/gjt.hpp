// Test files of rule packs (.gjt; spec/testing.md): which document, which
// pack, which parameters, and the expected outcome of named rules.
//
// A test file is a list of lines; keywords have Chinese and English forms
// (规则包/pack, 参数/param, 案例/case, 文件/document, 期望/expect, 其余/others).
// Settings written before the first 案例 are the defaults of every case.
// Parsing never throws: problems are collected with their line.
#pragma once

#include "runtime/eval/eval.hpp"
#include "runtime/number.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gouji::testing {

// One `期望` line: the outcome of a rule, or of its instances whose `for`
// bindings match.
struct Expectation {
  std::uint32_t line = 0;
  std::string rule_id;
  std::vector<std::pair<std::string, std::string>> bindings;  // [t = 公开03表, r = 201]
  eval::Status status = eval::Status::pass;
  std::optional<Number> left, right, difference;  // 左 / 右 / 差
  std::string message_contains;                   // 消息含 "…": a substring of the message or reason
  std::optional<std::uint32_t> source_line;       // 出处 第 N 行: a figure the outcome names was read on line N
  // Layout, for --update: how the line was written.
  std::string indent;         // leading white space
  std::string keyword;        // "期望" or "expect"
  std::string bindings_text;  // "[t = 公开03表]" as written, or ""
  bool english = false;       // status and value keywords were written in English
  std::string comment;        // trailing "# …" (with its leading spaces), or ""
};

// One edit of a file document before it is read (改 第 N 行 "旧" 为 "新"): a
// defect planted into a real sample, so that a test keeps the planted copy as
// one line. The old text must occur on that line exactly once.
struct Edit {
  std::uint32_t line = 0;       // the 改 line in the test file
  std::uint32_t target = 0;     // line of the document, from 1
  std::string old_text, new_text;
};

// One document: a file (relative to the test file) or an inline text.
struct DocumentSpec {
  std::string path;                    // "" when inline
  std::optional<std::string> inline_text;
  std::uint32_t line = 0;              // the 文件 line
  bool set() const { return !path.empty() || inline_text.has_value(); }
};

struct Case {
  std::string name;
  std::uint32_t line = 0;       // the 案例 line
  std::uint32_t last_line = 0;  // last non-blank line that belongs to the case
  std::string pack;             // as written ("" = the file's or the command line's)
  std::uint32_t pack_line = 0;
  std::vector<std::pair<std::string, std::string>> params;  // file defaults first, then the case's
  DocumentSpec document;
  std::vector<Edit> edits;  // applied in order to the document's text
  std::vector<Expectation> expectations;
  bool others_pass = false;        // 其余 通过: every unlisted outcome is PASS or N/A
  std::uint32_t others_line = 0;
};

struct ParseError {
  std::uint32_t line = 0;
  std::string message;  // Chinese
};

struct TestFile {
  std::string path;
  std::vector<std::string> lines;  // the file's lines (without "\n"), for --update
  std::vector<Case> cases;
  std::vector<ParseError> errors;  // empty: the file is well-formed
};

// Parses a test file's text (UTF-8). `path` is only recorded.
TestFile parse_test_file(std::string_view text, std::string path);

// The status keyword as a test file writes it: 通过 / PASS …
std::string status_word(eval::Status s, bool english);
// Parses 通过 / 不通过 / 不适用 / 出错 / PASS / FAIL / N/A / NA / ERROR.
std::optional<eval::Status> parse_status(std::string_view word);

// The text of an expectation line as --update writes it (layout kept).
std::string format_expectation(const Expectation& e);

}  // namespace gouji::testing
