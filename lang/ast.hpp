// The abstract syntax of gouji rule files (.gj).
//
// The parser (lang/parser.cpp) builds it, the checker (lang/checker.cpp)
// resolves names and fills the `slot`/`builtin` fields, and the evaluator
// (runtime/eval.cpp) walks it. dump() prints it back in a canonical form that
// parser tests compare.
//
// Surface syntax in brief (spec/language.md is the definition). Every English
// keyword has a Chinese alias that is accepted equally:
//
//   pack 部门决算 2024 extends "../2023/部门决算.gj"     包 … 继承
//   unit 万元                                          单位
//   tolerance 0.01                                     容差
//   import "绩效自评.gj"                                导入
//   param 得分公式 = "分值×执行率"   "说明"             参数
//       (a pack that extends another may declare a param again: that overrides its default)
//   let 三公表 = table("公开09表")                      设
//   fn 完成率(a, b) = a / b                             函数
//   rule 三公.决算合计 "描述" severity error when e {…}  规则 … 级别 错误|警告|提示 当
//   override rule X "…" {…}   drop rule X              覆盖 规则 / 删除 规则
//   score 公开完整性 weight 20 = expr                   评分 … 权重
//
// Statements in a rule body:
//   let x = e                                          设
//   for x in e [where cond]                            对每个 x 属于 e 满足 cond
//       — without braces it ranges over the rest of the enclosing block,
//         with `{ … }` over the braces only
//   when cond                                          当 (the rest of the block is N/A if false)
//   expect e [± tol] [message "… {e} …"]               要求 … 提示 "…"
//
// Expressions: numbers 1,063.13 / 0.01, percentages 64.01% (= 0.6401), strings
// "…" “…” 「…」, true/false (真/假), names (may contain dots: 三公.合计; on a
// local, `f.得分` is a member access), calls f(a, b, name: c), lists [a, b],
// ranges "公开01表" .. "公开09表" and 1 .. 8, comprehensions
// sum(e for x in xs where c), text concatenation "a" + b, indexing t[行 58] t[栏 7] t[代码 "201"]
// t["合计"] r[c], if c then a else b (如果 … 则 … 否则), unary - and not (非),
// × ÷ * /, + −, comparisons == != ≠ < <= ≤ > >= ≥ ≈, and (且), or (或).
#pragma once

#include "runtime/number.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gouji::ast {

// A range of bytes in a source file. Lines and columns are computed late, from
// the file's text (lang/source.hpp), counting characters, not bytes.
struct Span {
  std::uint32_t file = 0;   // index into the SourceSet
  std::uint32_t begin = 0;  // byte offset
  std::uint32_t end = 0;    // byte offset, exclusive
};

enum class ExprKind : std::uint8_t {
  number,    // value
  percent,   // value holds the ratio: 64.01% -> 0.6401; text keeps "64.01%"
  string,    // text
  boolean,   // flag
  name,      // text = the (possibly dotted) name
  member,    // args[0].text          e.g. f.得分
  call,      // text = function name; args; arg_names parallel to args ("" positional)
  index,     // args[0][args[1]]      selector says how args[1] selects
  list,      // [args...]
  range,     // args[0] .. args[1]
  unary,     // op args[0]
  binary,    // args[0] op args[1]
  compare,   // args[0] op args[1]
  logical,   // args[0] op args[1]    (and / or; short-circuit)
  cond,      // if args[0] then args[1] else args[2]
  comprehension,  // args[0] for text in args[1] [where args[2]] — a list; only as a call argument
                  // or list element: sum(r[c] for r in rows(t) where code(r) != "")
};

enum class Op : std::uint8_t {
  none,
  neg, not_,                       // unary
  add, sub, mul, div,              // binary
  eq, ne, lt, le, gt, ge, approx,  // compare
  in,                              // membership (a compare: x in 列表)
  and_, or_,                       // logical
};

enum class Selector : std::uint8_t {
  value,  // t["合计"], r[c]: by label, or by whatever the value is
  row,    // t[行 58]  行次
  col,    // t[栏 7]   栏次
  code,   // t[代码 "201"] 科目代码
};

// What a resolved name refers to (filled by the checker), and what Expr::slot
// then means:
//   local      — slot index in the current frame (a rule, function, score or
//                global-let body; see Rule/Function/Score/Let::locals). Slots
//                are numbered in order of binding: function parameters are
//                0..n-1, then every let, for and comprehension variable gets
//                the next number (a shadowing binding gets a new slot).
//   global_let — index into lang::Program::lets (the effective lets of the pack)
//   param      — index into lang::Program::params
//   function   — index into lang::Program::functions (on a call)
//   builtin    — index into lang::builtins() (on a call)
//   rule       — not used by the checker (rule ids are texts: passed("…"))
// A dotted name such as f.得分 whose prefix `f` is a value is a member access:
// ref/slot then describe `f`, and the rest of Expr::text after the first
// resolved prefix are column names (the checker does not rewrite the node).
// On a comprehension, Expr::slot is the slot of its variable; on let/for
// statements, Stmt::slot.
enum class NameRef : std::uint8_t { unresolved, local, global_let, param, function, builtin, rule };

struct Expr {
  ExprKind kind = ExprKind::number;
  Span span;
  Op op = Op::none;
  Selector selector = Selector::value;
  Number value;                     // number / percent literal
  bool flag = false;                // boolean literal
  std::string text;                 // string value, name, member name, call name
  std::vector<std::unique_ptr<Expr>> args;
  std::vector<std::string> arg_names;  // call only: "" for positional
  NameRef ref = NameRef::unresolved;   // name / call: filled by the checker
  int slot = -1;                       // local slot, global index, builtin id …
};
using ExprPtr = std::unique_ptr<Expr>;

// A message template: literal text and {expression} holes.
struct Template {
  std::vector<std::variant<std::string, ExprPtr>> parts;
  Span span;
};

enum class StmtKind : std::uint8_t { let, for_, when, expect, block };

struct Stmt {
  StmtKind kind = StmtKind::block;
  Span span;
  std::string name;                   // let / for: the bound name
  Span name_span;
  int slot = -1;                      // let / for: local slot (checker)
  ExprPtr expr;                       // let value / for collection / when cond / expect cond
  ExprPtr where;                      // for: optional filter
  ExprPtr tolerance;                  // expect: optional ± override
  std::optional<Template> message;    // expect: optional message
  std::vector<Stmt> body;             // block, or for with braces (braced = true)
  bool braced = false;                // for: body given in braces
};

enum class Severity : std::uint8_t { error, warning, info };

struct Rule {
  std::string id;                     // 三公.决算合计
  Span id_span;
  std::string description;
  Severity severity = Severity::error;
  ExprPtr when;                       // optional precondition
  std::vector<Stmt> body;
  bool is_override = false;
  Span span;
  int locals = 0;                     // number of local slots (checker)
};

struct Param {
  std::string name;
  Span span;
  ExprPtr value;                      // default
  std::string doc;                    // optional description
};

struct Let {
  std::string name;
  Span span;
  ExprPtr value;
  int locals = 0;                     // checker: local slots of comprehensions in `value`
};

struct Function {
  std::string name;
  Span span;
  std::vector<std::string> params;
  std::vector<Span> param_spans;      // parallel to params
  ExprPtr body;
  int locals = 0;                     // checker: parameters are slots 0..n-1
};

struct Score {
  std::string id;
  Span span;
  std::string description;            // optional
  Span id_span;
  ExprPtr weight;
  ExprPtr value;
  int locals = 0;
};

struct Import {
  std::string path;                   // as written
  Span span;
  bool extends = false;               // pack … extends "…": rules may be overridden/dropped
};

struct Drop {
  std::string rule_id;
  Span span;
};

// require 名称 / require fn 名称(参数…): a name this file uses that the pack
// extending it must define (a let or param, or a function of that many
// parameters).
struct Require {
  std::string name;
  Span span;
  bool function = false;
  std::vector<std::string> params;    // of a required function (only their number matters)
};

// One .gj file as parsed.
struct Module {
  std::uint32_t file = 0;
  std::string pack_name;              // empty if the file has no pack header
  std::string pack_version;           // "2023"
  Span pack_span;
  std::string unit;                   // 万元 / 元 / ""
  ExprPtr tolerance;                  // pack-level tolerance, optional
  std::vector<Import> imports;        // includes the extends target, if any
  std::vector<Param> params;
  std::vector<Let> lets;
  std::vector<Function> functions;
  std::vector<Rule> rules;
  std::vector<Drop> drops;
  std::vector<Score> scores;
  std::vector<Require> required;      // names an extending pack must define
};

std::string dump(const Expr& e);
std::string dump(const Module& m);
const char* severity_name(Severity s);  // "error", "warning", "info"

}  // namespace gouji::ast
