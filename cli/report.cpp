// DocSummary: what the html and xlsx reports keep of one checked document.
#include "cli/report.hpp"

#include "cli/outcome_text.hpp"
#include "runtime/eval/value.hpp"

#include <algorithm>

namespace gouji::cli::report {

std::size_t severity_index(ast::Severity s) {
  switch (s) {
    case ast::Severity::error: return 0;
    case ast::Severity::warning: return 1;
    case ast::Severity::info: return 2;
  }
  return 0;
}

namespace {

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

Failure failure_of(const eval::Outcome& o) {
  Failure f;
  f.rule_id = o.rule_id;
  f.description = o.description;
  f.bindings = bindings_text(o);
  f.severity = o.severity;
  f.status = o.status;
  f.message = o.status == eval::Status::fail ? o.message : o.reason;
  if (o.left) f.left = o.left->to_string(12);
  if (o.right) f.right = o.right->to_string(12);
  if (o.difference) f.difference = o.difference->to_string(12);
  f.left_text = o.left_text;
  f.right_text = o.right_text;
  if (o.allowance) f.allowance = o.allowance->to_string(6);
  if (o.tolerance) f.tolerance = o.tolerance->to_string(6);
  for (const eval::Place& p : o.places) {
    bool seen = std::any_of(f.places.begin(), f.places.end(), [&](const eval::Place& q) {
      return q.table == p.table && q.row == p.row && q.column == p.column && q.line == p.line &&
             q.printed == p.printed;
    });
    if (!seen) f.places.push_back(p);
    add_unique(f.figures, p.printed);
  }
  // The compared values as a document would print them (a quoted figure
  // whose place has no printed form is still found in its line).
  for (const auto* n : {&o.left, &o.right})
    if (*n) {
      add_unique(f.figures, (*n)->to_grouped(2));
      add_unique(f.figures, eval::format_number(**n));
    }
  f.derivation = eval::derivation_lines(o);
  f.location = o.location.str();
  return f;
}

// Outcome statuses ranked for a rule's overall status (higher wins).
int rank(eval::Status s) {
  switch (s) {
    case eval::Status::not_applicable: return 0;
    case eval::Status::pass: return 1;
    case eval::Status::fail: return 2;
    case eval::Status::error: return 3;
  }
  return 0;
}

}  // namespace

DocSummary summarize(const eval::Report& r, const doc::Document& d, const std::string& pack) {
  DocSummary s;
  s.path = r.document;
  s.department = d.department;
  s.kind = doc::kind_name(d.kind);
  s.year = d.year;
  s.pack = pack;
  s.rules_run = r.rules_run;
  s.warnings = r.warnings;
  for (const eval::Outcome& o : r.outcomes) {
    switch (o.status) {
      case eval::Status::pass: ++s.pass; break;
      case eval::Status::not_applicable: ++s.not_applicable; break;
      case eval::Status::fail: ++s.fail[severity_index(o.severity)]; break;
      case eval::Status::error: ++s.error[severity_index(o.severity)]; break;
    }
    if (o.status == eval::Status::fail || o.status == eval::Status::error) s.failures.push_back(failure_of(o));
    auto it = std::find_if(s.rules.begin(), s.rules.end(), [&](const RuleStatus& x) { return x.rule_id == o.rule_id; });
    if (it == s.rules.end())
      s.rules.push_back({o.rule_id, o.status});
    else if (rank(o.status) > rank(it->status))
      it->status = o.status;
  }
  if (!r.scores.empty()) {
    s.scored = true;
    s.score_total = eval::format_number(r.score_total, 2);
    s.score_max = eval::format_number(r.score_max);
  }
  return s;
}

DocSummary unreadable(const std::string& path, const std::string& why, std::uint32_t line) {
  DocSummary s;
  s.path = path;
  s.unreadable = true;
  s.why = why;
  s.line = line;
  return s;
}

}  // namespace gouji::cli::report
