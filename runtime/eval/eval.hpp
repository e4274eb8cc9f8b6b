// The evaluator: runs a checked rule pack over one document and returns the
// outcome of every rule instance and the scorecard. Faults in a rule (division
// by zero, a text used as a number, a step limit) become ERROR outcomes with a
// location; they never stop the other rules and never escape as exceptions.
#pragma once

#include "lang/ast.hpp"
#include "runtime/document.hpp"
#include "runtime/eval/value.hpp"
#include "runtime/number.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gouji::lang {
struct Program;
}

namespace gouji::eval {

// What a run read of the document (for gouji test --mutate / --coverage).
// Filled only when Options::access is set; the evaluator only appends.
struct AccessLog {
  std::vector<const doc::Cell*> cells;  // every table cell a rule read (repeats allowed)
  struct TextFigure {
    const doc::Paragraph* paragraph = nullptr;
    std::size_t begin = 0, end = 0;  // byte range of the figure in paragraph->text
    std::uint32_t line = 0;          // its source line
  };
  std::vector<TextFigure> text;  // every narrative amount / percentage a text pattern captured
};

struct Options {
  std::map<std::string, std::string> params;  // --param name=value overrides
  std::uint64_t max_steps = 1'000'000;        // expression steps per rule
  int max_depth = 64;                         // user function call depth
  int amount_places = 2;  // decimals figures of the pack's unit are rounded to (万元/元: 0.01)
  AccessLog* access = nullptr;  // when set, the figures read are logged here (testing tools)
  // Derivations (gouji explain, check --format json): none records nothing;
  // failures re-runs, with a trace, only the rules that failed or faulted and
  // attaches a derivation to those outcomes; all traces every rule and
  // attaches one to every PASS, FAIL and ERROR outcome.
  enum class Derive : std::uint8_t { none, failures, all } derive = Derive::none;
  std::string only_rule;  // when set, only the rule with this id runs (no scores)
  // PASS outcomes carry their operands' texts (left_text, right_text) and
  // document places as FAIL ones do; a caller that shows only failures
  // (check's text, csv, html and xlsx reports) turns this off and saves
  // building them for the hundreds of instances that pass.
  bool pass_details = true;
};

// A place in a rule file, resolved to characters (not bytes).
struct SourcePos {
  std::string file;
  std::uint32_t line = 0;  // 1-based; 0 if unknown
  std::uint32_t column = 0;

  std::string str() const;  // "file:line:col", or "" if unknown
};

// What the evaluator needs of a checked pack. Built from a lang::Program by
// evaluate(Program, …), or by hand in tests.
struct PackView {
  std::string unit;                          // 万元 / 元 / ""
  const ast::Expr* tolerance = nullptr;      // pack tolerance, or null (0)
  std::vector<const ast::Param*> params;
  std::vector<const ast::Let*> lets;
  std::vector<const ast::Function*> functions;
  std::vector<const ast::Rule*> rules;
  std::vector<const ast::Score*> scores;
  std::function<SourcePos(ast::Span)> locate;        // null: positions unknown
  std::function<std::string(ast::Span)> source_text;  // the rule text of a span; null: ""
};

enum class Status : std::uint8_t { pass, fail, not_applicable, error };
const char* status_name(Status s);     // "PASS", "FAIL", "N/A", "ERROR"
const char* status_name_zh(Status s);  // "通过", "不通过", "不适用", "出错"

// A document place an outcome refers to, with the line's text.
struct Place {
  std::string table;
  std::string row;
  std::string column;
  std::string printed;       // the figure as printed
  std::uint32_t line = 0;
  std::string line_text;
  std::uint32_t page = 0;    // page of the line, for a document read from a PDF; 0 if unknown
};

// One step of a derivation: a figure read or quoted, a named value, an
// operation with its operands, a comparison, an element of a list.
struct Step {
  enum class Kind : std::uint8_t {
    read,     // a table cell: place, value, the interval the printed figure stands for
    quote,    // a number captured from the narrative: place (line), detail = the sentence
    name,     // a pack parameter or constant: expr = its name
    let,      // 设 name = value (a let of the rule)
    compute,  // + − × ÷: detail = the operands as numbers ("5.00 + 3.20")
    call,     // a function: detail = its arguments or addends
    compare,  // a comparison met on the way (a condition): detail = "80 ≥ 90", value 是/否
    item,     // one element of a list built with for … in … where: expr = binding, value 计入/不计入
    when,     // a precondition that held: expr = its rule text
  };
  Kind kind = Kind::compute;
  std::string expr;    // the rule text evaluated (may be empty for a read inside a function)
  std::string value;   // shown as the document prints it ("12.30", "64.01%", "是")
  std::optional<Number> exact;                         // number steps: the exact central value
  std::optional<std::pair<Number, Number>> interval;   // when wider than one point
  bool unbounded = false;  // interval is the whole line (divisor interval contained 0)
  bool percent = false;
  int places = -1;     // decimals as printed (-1: computed)
  std::string detail;
  Place place;         // read and quote: where (line_text: the source line)
};

// How one expect was decided, step by step (Outcome::derivation).
struct Derivation {
  std::string expect;               // the expect's condition, as written in the rule
  std::vector<Step> steps;          // in evaluation order
  std::size_t omitted = 0;          // steps left out past the per-instance cap
  std::optional<Step> left, right;  // operands of the deciding comparison (kind compute)
};

// The outcome of one rule instance (one expect, under one combination of
// `for` bindings).
struct Outcome {
  std::string rule_id;
  std::string description;
  ast::Severity severity = ast::Severity::error;
  Status status = Status::pass;
  std::vector<std::pair<std::string, std::string>> bindings;  // t → 公开03表, r → 201 一般公共服务支出
  std::string message;     // FAIL: the rule's message (filled) or the default one
  std::string comparison;  // the operator of a compared expect: "≈", "==", "<" …
  std::optional<Number> left, right, difference;  // FAIL/PASS of a numeric comparison
  std::optional<Number> tolerance;                 // ≈: pack tolerance or the expect's ± t
  std::optional<Number> allowance;                 // ≈: half-width the rounding intervals allow
  std::optional<std::pair<Number, Number>> left_interval, right_interval;
  std::string left_text, right_text;  // operands named: "公开09表 栏7 合计 12.30"
  std::vector<Place> places;          // document places of the operands
  std::string reason;                 // N/A and ERROR: why
  SourcePos location;                 // the expect (ERROR: the faulty expression)
  // When Options::derive asks for it (shared: an Outcome stays small and cheap to copy).
  std::shared_ptr<const Derivation> derivation;
};

struct ScoreResult {
  std::string id;
  Number weight;
  std::optional<Number> value;  // nullopt when absent or in error
  Status status = Status::pass; // pass (computed), not_applicable (absent), error
  std::string reason;
  SourcePos location;
};

struct Report {
  std::string document;                 // the document's path
  std::vector<Outcome> outcomes;        // in rule order, then instance order
  std::vector<ScoreResult> scores;
  Number score_total;                   // Σ score values
  Number score_max;                     // Σ weights
  std::vector<std::string> warnings;    // e.g. a --param for a parameter the pack does not have
  std::size_t rules_run = 0;

  std::size_t count(Status s) const;
  std::size_t count(Status s, ast::Severity sev) const;
};

Report evaluate(const PackView& pack, const doc::Document& document, const Options& options);
Report evaluate(const lang::Program& program, const doc::Document& document, const Options& options);
// The PackView of a checked program (positions from its SourceSet).
PackView view_of(const lang::Program& program);

// Parses a --param value: a decimal ("0.9", "1,063.13"), a percentage ("90%"),
// 真/假/true/false, or else a text.
Value parse_param_value(std::string_view text);

// A derivation for people, in Chinese, one line per entry: the instance, the
// condition, each step, the comparison with its rounding intervals and
// tolerance, and the verdict. Empty if the outcome has no derivation.
std::vector<std::string> derivation_lines(const Outcome& outcome);
// A number as a derivation shows it: with `places` decimals when it has no
// more (as the document prints it), else its exact decimal expansion, else 10
// decimals and "…（精确值 a/b）".
std::string exact_text(const Number& n, int places = -1, bool percent = false);

nlohmann::json to_json(const Report& report);
nlohmann::json to_json(const Outcome& outcome);

}  // namespace gouji::eval
