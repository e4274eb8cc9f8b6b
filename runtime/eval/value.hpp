// Run-time values of the rule language.
//
// A number carries its exact central value, the interval of values the
// printed figure may stand for (rounding, XBRL Calculations 1.1), and where it
// came from in the document, so that messages can name the operands. Absent is
// a value with a reason ("文件中没有公开09表"): it is not 0 and not blank.
#pragma once

#include "runtime/document.hpp"
#include "runtime/number.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gouji::eval {

enum class ValueKind : std::uint8_t {
  absent,   // not in the document; text holds the reason
  number,
  text,
  boolean,
  table,
  row,
  column,
  section,
  match,    // a narrative number: num/interval of the first captured number, text = sentence
  list,
};

// Where a figure (or a text cell) came from. The texts are views: of the
// document (printed) and of names the evaluator builds once per document and
// keeps until evaluate() returns (values never outlive it; outcomes copy
// what they show into Places).
struct Origin {
  std::string_view table;   // "公开03表" (or the title), with the 项目名称 for repeated tables
  std::string_view row;     // "行58 本年支出合计", "201 一般公共服务支出", "合计"
  std::string_view column;  // "栏2 基本支出" or the header path
  std::uint32_t line = 0;   // 1-based source line, 0 if unknown
  std::string_view printed; // the figure as printed ("1,063.13")

  std::string describe() const;  // "公开03表 201 一般公共服务支出 栏2 基本支出"
};

struct Value;
using List = std::vector<Value>;
using Fields = std::vector<std::pair<std::string, Value>>;

struct Value {
  ValueKind kind = ValueKind::absent;

  // number and match
  Number num;              // exact central value
  Number lo, hi;           // rounding interval, lo <= num <= hi (equal for exact values)
  bool unbounded = false;  // interval is the whole line (divisor interval contained 0)
  bool blank = false;      // read from a blank cell ("-", empty): counts as 0
  bool percent = false;    // printed as a percentage (for display)
  int places = -1;         // decimals as printed in the document; -1 for computed values
  std::vector<Origin> origins;  // operands from the document, at most kMaxOrigins

  std::string text;        // text; absent: the reason; match: the sentence
  bool flag = false;       // boolean: its value; match: a number was captured
  const doc::Table* table = nullptr;      // table, row, column
  const doc::Row* row = nullptr;          // row
  int block = -1;                         // column: block index
  int column = -1;                        // column: index within the block
  const doc::Section* section = nullptr;  // section
  std::uint32_t line = 0;                 // match: source line of the number
  std::shared_ptr<const List> list;       // list elements
  std::shared_ptr<const Fields> fields;   // match: named captures ({金额:收入} → 收入)

  // A failing sum names every figure it added (a 合计 against 11 or 40
  // rows): 64 covers the longest column of the tables; past that the first
  // 64 are kept.
  static constexpr std::size_t kMaxOrigins = 64;

  static Value make_absent(std::string reason);
  static Value exact(Number n);  // a literal or a count: interval [n, n]
  static Value make_text(std::string s);
  static Value make_bool(bool b);
  static Value make_list(List items);

  bool is_absent() const { return kind == ValueKind::absent; }
  bool has_number() const { return kind == ValueKind::number || kind == ValueKind::match; }
};

// Interval arithmetic on number values (both must have has_number()). The
// result merges the operands' origins. divide returns nullopt when the central
// divisor is 0; a divisor interval containing 0 gives an unbounded interval.
Value add(const Value& a, const Value& b);
Value sub(const Value& a, const Value& b);
Value mul(const Value& a, const Value& b);
std::optional<Value> divide(const Value& a, const Value& b);
Value negate(const Value& a);
Value round_value(const Value& a, int places, round_mode mode);
Value abs_value(const Value& a);
void merge_origins(std::vector<Origin>& into, const std::vector<Origin>& from);

// A figure for people: "1,063.13", "64.01%", "0.640097…".
std::string format_number(const Number& n, int places = -1, bool percent = false);
std::string display(const Value& v);          // any value, for messages
std::string display_binding(const Value& v);  // table/row/column names for instance bindings
const char* kind_name(ValueKind k);           // Chinese: "数值", "文本" …

// Names of document things, shared by messages and origins.
std::string table_name(const doc::Table& t);                  // "公开03表" / title（项目名称）
std::string row_name(const doc::Row& r);                      // "201 一般公共服务支出", "行58 本年支出合计"
std::string column_name(const doc::Table& t, int block, int column);  // "栏2 基本支出"

}  // namespace gouji::eval
