// The evaluator's internals, shared by evaluator.cpp (expressions, statements,
// rules, scores), builtins.cpp and pattern.cpp. Not a public header.
#pragma once

#include "runtime/eval/eval.hpp"

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gouji::eval::detail {

// A fault in a rule instance: thrown inside the evaluator, caught per
// instance (or per rule for limits) and turned into an ERROR outcome.
struct Fault {
  std::string reason;
  ast::Span span;
  bool limit = false;  // a step or depth limit: ends the whole rule
};

// Local bindings, innermost last.
using Env = std::vector<std::pair<std::string, Value>>;

// Arguments of a built-in call, by parameter position (nullopt: not given);
// for a variadic built-in, every argument in order.
using Args = std::vector<std::optional<Value>>;

// A paragraph as narrative patterns see it: doc::normalize()d, with the byte
// offset in the original text of each byte (pattern.cpp).
struct Normalized {
  std::string text;
  std::vector<std::uint32_t> origin;
};

// The bindings and outcomes of the rule being run.
struct Run {
  const ast::Rule* rule = nullptr;
  std::vector<std::pair<std::string, std::string>> bindings;
  std::vector<Outcome>* out = nullptr;
};

// A comparison that decided an expect, kept for the outcome.
struct Decided {
  bool compared = false;
  ast::Op op = ast::Op::none;
  const ast::Expr* lhs = nullptr;
  const ast::Expr* rhs = nullptr;
  Value left, right;
  std::optional<Number> tolerance;  // ≈ only
};

class Interp {
 public:
  Interp(const PackView& pack, const doc::Document& document, const Options& options);
  Report run();

  // --- expressions (evaluator.cpp)
  Value eval(const ast::Expr& e, Env& env);
  // A number from a value: numbers and matches as they are, a column of a
  // one-row table, a row with one amount column; absent passes through.
  Value as_number(const Value& v, ast::Span span);
  // The cell a column of a one-row table or a row with one amount column
  // stands for (a figure or a text); other values as they are.
  Value cell_of(const Value& v, ast::Span span);
  [[noreturn]] void fail(std::string reason, ast::Span span) const;
  void tick(ast::Span span);
  std::string source_text(ast::Span span) const;
  // The rule text of an expression for a derivation: source_text with the
  // closing brackets a span may stop short of (a parenthesised operand ends
  // before its ')') added back.
  std::string expr_text(ast::Span span) const;

  // --- document access (evaluator.cpp)
  Value cell_value(const doc::Table& t, const doc::Row& r, int column);
  Value table_value(const doc::Table& t) const;
  Value row_value(const doc::Table& t, const doc::Row& r) const;
  Value column_value(const doc::Table& t, int block, int column) const;
  // The column of `row`'s block that stands for column value `col`: the same
  // column, or the one with the same 栏次 or header; -1 if none.
  int column_in_block(const Value& col, const doc::Table& t, int block);
  Number half_unit(int places) const;  // 0.5 × 10^-places

  // Lookups by name, each resolved once per document and then remembered
  // (a rule run for 200 rows asks the same table for the same column 200
  // times). Same answers as doc::Table's lookups of the same name.
  const doc::Row* find_row_by_label(const doc::Table& t, std::string_view label, int block = -1);
  const doc::Row* find_row_by_code(const doc::Table& t, std::string_view code, int block = -1);
  int find_column_by_header(const doc::Table& t, int block, std::string_view name);
  // doc::Document::find_tables, once per name.
  const std::vector<const doc::Table*>& find_tables(std::string_view name);
  // table_name / row_name / column_name (value.hpp), built once per document.
  const std::string& table_label(const doc::Table& t);
  const std::string& row_label(const doc::Table& t, const doc::Row& r);
  const std::string& column_label(const doc::Table& t, int block, int column);

  // --- built-ins (builtins.cpp)
  Value call_builtin(int index, const ast::Expr& call, Args& args, Env& env);

  // --- narrative patterns (pattern.cpp)
  // Every match (or only the first) of `pattern` in the paragraphs of
  // `section` (null: the whole narrative).
  List find_text(const doc::Section* section, std::string_view pattern, bool first_only, ast::Span span);

  // A text kept until evaluate() returns (for Origin's views).
  const std::string& intern(std::string s) { return interned_.emplace_back(std::move(s)); }

  // --- derivations (trace.cpp). Recorded only while tracing_ is set (an
  // Options::derive run), never inside quiet parts (filters of `for`,
  // preconditions, messages, pack constants).
  bool tracing() const { return tracing_ && quiet_ == 0; }
  void trace(Step s);
  void trace_read(const doc::Table& t, const doc::Row& r, const doc::Cell& c, const Value& v);
  void trace_quote(ast::Span span, const std::string& sentence, const Value& v);
  void trace_value(Step::Kind kind, std::string expr, const Value& v, std::string detail);
  // Names a read just recorded by the expression that read it ("决算.合计").
  void trace_name_read(ast::Span span, const Value& v);
  // Collapses the steps since `mark` (a list element's filter) into one item step.
  void trace_item(std::string binding, std::size_t mark, bool kept, bool filtered);
  std::string call_detail;  // set by a built-in for its call step (sum: the addends)

  struct Quiet {
    int& q;
    explicit Quiet(Interp& in) : q(in.quiet_) { ++q; }
    ~Quiet() { --q; }
    Quiet(const Quiet&) = delete;
    Quiet& operator=(const Quiet&) = delete;
  };

  const PackView& pack;
  const doc::Document& doc;
  const Options& opt;
  bool in_scores = false;                                 // passed()/pass_rate() allowed
  std::map<std::string, std::pair<int, int>> rule_tally;  // rule id → {passed, judged} (scores)
  std::map<std::string, int> rule_failed;                 // rule id → failed or error instances

 private:
  struct Global {
    enum class State : std::uint8_t { unset, busy, done, failed } state = State::unset;
    Value value;
    Fault fault;
  };

  // expressions
  Value eval_name(const ast::Expr& e, Env& env);
  Value member(const Value& base, const std::string& name, ast::Span span);
  Value eval_index(const ast::Expr& e, Env& env);
  Value index_table(const Value& base, ast::Selector sel, const Value& key, ast::Span span);
  Value index_row(const Value& base, ast::Selector sel, const Value& key, ast::Span span);
  Value index_column(const Value& base, ast::Selector sel, const Value& key, ast::Span span);
  Value eval_binary(const ast::Expr& e, Env& env);
  Value eval_compare(const ast::Expr& e, Env& env, Decided* decided, const std::optional<Number>& tol);
  Value eval_in(const ast::Expr& e, const Value& a, const Value& b, Decided* decided);
  Value eval_logical(const ast::Expr& e, Env& env);
  Value eval_call(const ast::Expr& e, Env& env);
  Value call_function(const ast::Function& f, const ast::Expr& call, Env& env);
  Value eval_range(const ast::Expr& e, Env& env);
  Value eval_comprehension(const ast::Expr& e, Env& env);
  std::optional<Value> global(const std::string& name);
  Value param_value(const ast::Param& p);
  Number pack_tolerance();
  int int_key(const Value& key, ast::Span span);

  // statements and rules
  void exec(const std::vector<ast::Stmt>& body, std::size_t i, Env& env, Run& run);
  void run_expect(const ast::Stmt& s, Env& env, Run& run);
  Value judge(const ast::Expr& e, Env& env, const std::optional<Number>& tol, Decided& d);
  void run_rule(const ast::Rule& rule, Report& report, bool tally = true);
  void run_score(const ast::Score& score, Report& report);
  Outcome base_outcome(const Run& run, Status status, ast::Span span) const;
  void record_fault(Run& run, const Fault& f) const;
  void record_na(Run& run, std::string reason, ast::Span span) const;
  std::string fill_message(const ast::Template& t, Env& env);
  std::string operand_text(const ast::Expr& e, const Value& v) const;
  void add_places(Outcome& o, const Value& v) const;

  // derivations (trace.cpp)
  Derivation take_derivation(const Decided& d, const ast::Stmt& s) const;
  void attach_failure_derivations(Report& report);

  bool tracing_ = false;
  int quiet_ = 0;
  std::vector<Step> trace_;  // steps of the current instance (scoped like the environment)
  std::size_t omitted_ = 0;  // steps dropped past the cap in the current rule
  void truncate_trace(std::size_t n) {
    if (trace_.size() > n) trace_.resize(n);
  }
  struct TraceMark {
    Interp& in;
    std::size_t size;
    explicit TraceMark(Interp& i) : in(i), size(i.trace_.size()) {}
    ~TraceMark() { in.truncate_trace(size); }
    TraceMark(const TraceMark&) = delete;
    TraceMark& operator=(const TraceMark&) = delete;
  };

  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::map<std::string, Global> globals_;
  std::deque<std::string> interned_;  // elements never move
  // find_text's answers, by search.
  List search_text(const doc::Section* section, std::string_view pattern, bool first_only, ast::Span span);
  using TextSearch = std::tuple<const doc::Section*, std::string, bool>;
  std::map<TextSearch, List> text_searches_;
  std::unordered_map<const doc::Paragraph*, Normalized> normalized_;  // each paragraph once
  // Pack constants and parameters by name (the last let of a name wins, as
  // in the checker); built once.
  std::unordered_map<std::string_view, std::pair<const ast::Let*, const ast::Param*>> global_index_;
  std::unordered_map<std::string, std::vector<const doc::Table*>, NameHash, std::equal_to<>> tables_by_name_;
  // The function or built-in (index) each call expression names.
  std::unordered_map<const ast::Expr*, std::pair<const ast::Function*, int>> callees_;
  // Dotted names ("r.全年预算数") split once per expression.
  std::unordered_map<const ast::Expr*, std::vector<std::string>> dotted_;

  // What find_* and *_label remembered, per table.
  using NameMap = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;
  struct TableLookups {
    // Index 0 is "every block" (block -1), index b + 1 is block b.
    std::vector<NameMap> rows_by_label, rows_by_code, columns;
    std::string name;
    std::vector<std::string> row_names;         // by row index, "" until built
    std::vector<std::vector<std::string>> column_names;  // [block][column]
  };
  TableLookups& lookups(const doc::Table& t);
  std::unordered_map<const doc::Table*, TableLookups> lookups_;
  std::optional<Number> tolerance_;
  std::uint64_t steps_ = 0;
  int depth_ = 0;
  int nesting_ = 0;
};

// A number value in a derivation's operand list: "8.10", "0（空白）",
// "0.6400804546…"; its interval: "[8.095, 8.105]" or "（无界）".
std::string num_text(const Value& v);
std::string interval_text(const Value& v);

// Names of the built-ins builtins.cpp implements (for the agreement test).
std::vector<std::string_view> implemented_builtins();

}  // namespace gouji::eval::detail
