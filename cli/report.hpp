// Whole-batch reports of gouji check: --format html (one self-contained web
// page) and --format xlsx (an Excel workbook). Unlike text/json/csv they are
// not streamed: each worker boils its document down to a DocSummary (small:
// the failures, counts and the status of each rule), and the report is
// rendered from all of them, in document order, once the batch is done.
#pragma once

#include "lang/ast.hpp"
#include "runtime/document.hpp"
#include "runtime/eval/eval.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gouji::cli::report {

// One FAIL or ERROR outcome, with what a reader needs to act on it.
struct Failure {
  std::string rule_id, description;
  std::string bindings;   // "t = 公开03表，r = 201 一般公共服务支出"
  ast::Severity severity = ast::Severity::error;
  eval::Status status = eval::Status::fail;
  std::string message;    // FAIL: the rule's message; ERROR: the reason
  std::string left, right, difference;  // exact decimals ("" when none)
  std::string left_text, right_text;    // the operands named ("公开09表 栏7 合计 12.30")
  std::string allowance, tolerance;     // ≈: rounding allowance and tolerance ("" when none)
  std::vector<eval::Place> places;      // distinct places, in order
  std::vector<std::string> figures;     // the figures the outcome used, as printed (to highlight)
  std::vector<std::string> derivation;  // derivation_lines() (empty when none)
  std::string location;                 // rule file:line:col
};

// The status of one rule on a document, over all its instances: 出错 if any
// instance faulted, else 不通过 if any failed, else 通过 if any passed, else 不适用.
struct RuleStatus {
  std::string rule_id;
  eval::Status status = eval::Status::not_applicable;
};

// What the html and xlsx reports keep of one document.
struct DocSummary {
  std::string path;
  bool unreadable = false;
  std::string why;          // unreadable: the reason
  std::uint32_t line = 0;   // unreadable: the line of a read error (0: none)
  std::string department, kind;  // kind: 决算 / 预算 / 未知
  int year = 0;
  std::string pack;         // the pack's name and version
  std::size_t rules_run = 0, pass = 0, not_applicable = 0;
  std::array<std::size_t, 3> fail{}, error{};  // by severity: error, warning, info
  bool scored = false;      // the pack has scores
  std::string score_total, score_max;
  std::vector<std::string> warnings;
  std::vector<Failure> failures;     // in rule order
  std::vector<RuleStatus> rules;     // in rule order
};

// The summary of a checked document.
DocSummary summarize(const eval::Report& r, const doc::Document& d, const std::string& pack);
// The summary of a document that could not be read.
DocSummary unreadable(const std::string& path, const std::string& why, std::uint32_t line);

// Index of a severity in DocSummary::fail / error.
std::size_t severity_index(ast::Severity s);

// What the whole batch was checked with, for the report's header.
struct BatchInfo {
  std::string fail_on;  // error / warning / info
  std::string pack;     // --pack given: its name and version; else ""
};

// The HTML report: UTF-8, no external resources, the same bytes for the same
// summaries (no time stamp).
std::string render_html(const std::vector<DocSummary>& docs, const BatchInfo& info);

// Writes the xlsx workbook to `path`. Returns "" on success, else why not.
std::string write_xlsx(const std::string& path, const std::vector<DocSummary>& docs, const BatchInfo& info);

}  // namespace gouji::cli::report
