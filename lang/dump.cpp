// Canonical printing of the AST (ast::dump), for parser tests and debugging.
//
// Expressions print as S-expressions with the operator first: (+ a b),
// (index t 栏 7), (call round x 2), (. f 得分); literals as written
// canonically (numbers without separators, percents as 64.01%, texts in "…"
// with \" \\ \n escaped). Declarations print one per line in the surface
// syntax, statements indented by two spaces.
#include "lang/ast.hpp"

namespace gouji::ast {

namespace {

std::string quote(const std::string& s, bool template_literal = false) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (template_literal && (c == '{' || c == '}')) out += c, out += c;
    else out += c;
  }
  return out + "\"";
}

const char* op_text(Op op) {
  switch (op) {
    case Op::none: return "?";
    case Op::neg: return "-";
    case Op::not_: return "not";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::in: return "in";
    case Op::approx: return "≈";
    case Op::and_: return "and";
    case Op::or_: return "or";
  }
  return "?";
}

const char* selector_text(Selector s) {
  switch (s) {
    case Selector::value: return "";
    case Selector::row: return "行 ";
    case Selector::col: return "栏 ";
    case Selector::code: return "代码 ";
  }
  return "";
}

std::string args_text(const Expr& e, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < e.args.size(); ++i) {
    out += ' ';
    if (i < e.arg_names.size() && !e.arg_names[i].empty()) out += e.arg_names[i] + ": ";
    out += dump(*e.args[i]);
  }
  return out;
}

std::string template_text(const Template& t) {
  std::string out = "\"";
  for (const auto& p : t.parts) {
    if (const auto* s = std::get_if<std::string>(&p)) {
      std::string q = quote(*s, true);
      out += q.substr(1, q.size() - 2);
    } else {
      out += "{" + dump(*std::get<ExprPtr>(p)) + "}";
    }
  }
  return out + "\"";
}

void dump_stmts(std::string& out, const std::vector<Stmt>& body, int indent);

void dump_stmt(std::string& out, const Stmt& s, int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  switch (s.kind) {
    case StmtKind::let: out += pad + "let " + s.name + " = " + dump(*s.expr) + "\n"; break;
    case StmtKind::when: out += pad + "when " + dump(*s.expr) + "\n"; break;
    case StmtKind::expect:
      out += pad + "expect " + dump(*s.expr);
      if (s.tolerance) out += " ± " + dump(*s.tolerance);
      if (s.message) out += " message " + template_text(*s.message);
      out += "\n";
      break;
    case StmtKind::for_:
      out += pad + "for " + s.name + " in " + dump(*s.expr);
      if (s.where) out += " where " + dump(*s.where);
      out += s.braced ? " {\n" : "\n";
      dump_stmts(out, s.body, indent + 2);
      if (s.braced) out += pad + "}\n";
      break;
    case StmtKind::block:
      out += pad + "{\n";
      dump_stmts(out, s.body, indent + 2);
      out += pad + "}\n";
      break;
  }
}

void dump_stmts(std::string& out, const std::vector<Stmt>& body, int indent) {
  for (const Stmt& s : body) dump_stmt(out, s, indent);
}

}  // namespace

std::string dump(const Expr& e) {
  switch (e.kind) {
    case ExprKind::number: return e.value.to_string(40);
    case ExprKind::percent: return (e.value * Number(100)).to_string(40) + "%";
    case ExprKind::string: return quote(e.text);
    case ExprKind::boolean: return e.flag ? "true" : "false";
    case ExprKind::name: return e.text;
    case ExprKind::member: return "(. " + dump(*e.args[0]) + " " + e.text + ")";
    case ExprKind::call: return "(call " + e.text + args_text(e, 0) + ")";
    case ExprKind::index:
      return "(index " + dump(*e.args[0]) + " " + selector_text(e.selector) + dump(*e.args[1]) + ")";
    case ExprKind::list: return "(list" + args_text(e, 0) + ")";
    case ExprKind::range: return "(.. " + dump(*e.args[0]) + " " + dump(*e.args[1]) + ")";
    case ExprKind::unary: return std::string("(") + op_text(e.op) + " " + dump(*e.args[0]) + ")";
    case ExprKind::binary:
    case ExprKind::compare:
    case ExprKind::logical:
      return std::string("(") + op_text(e.op) + " " + dump(*e.args[0]) + " " + dump(*e.args[1]) + ")";
    case ExprKind::comprehension:
      return "(for " + dump(*e.args[0]) + " " + e.text + " " + dump(*e.args[1]) +
             (e.args.size() > 2 ? " where " + dump(*e.args[2]) : std::string()) + ")";
    case ExprKind::cond:
      return "(if " + dump(*e.args[0]) + " " + dump(*e.args[1]) + " " + dump(*e.args[2]) + ")";
  }
  return "?";
}

std::string dump(const Module& m) {
  std::string out;
  if (!m.pack_name.empty()) {
    out += "pack " + m.pack_name;
    if (!m.pack_version.empty()) out += " " + m.pack_version;
    out += "\n";
  }
  if (!m.unit.empty()) out += "unit " + m.unit + "\n";
  if (m.tolerance) out += "tolerance " + dump(*m.tolerance) + "\n";
  for (const Import& i : m.imports) out += (i.extends ? "extends " : "import ") + quote(i.path) + "\n";
  for (const Param& p : m.params) {
    out += "param " + p.name + " = " + dump(*p.value);
    if (!p.doc.empty()) out += " " + quote(p.doc);
    out += "\n";
  }
  for (const Let& l : m.lets) out += "let " + l.name + " = " + dump(*l.value) + "\n";
  for (const Function& f : m.functions) {
    out += "fn " + f.name + "(";
    for (std::size_t i = 0; i < f.params.size(); ++i) out += (i ? ", " : "") + f.params[i];
    out += ") = " + dump(*f.body) + "\n";
  }
  for (const Rule& r : m.rules) {
    out += std::string(r.is_override ? "override rule " : "rule ") + r.id;
    if (!r.description.empty()) out += " " + quote(r.description);
    out += std::string(" severity ") + severity_name(r.severity);
    if (r.when) out += " when " + dump(*r.when);
    out += " {\n";
    dump_stmts(out, r.body, 2);
    out += "}\n";
  }
  for (const Drop& d : m.drops) out += "drop rule " + d.rule_id + "\n";
  for (const Require& q : m.required) {
    out += "require " + std::string(q.function ? "fn " : "") + q.name;
    if (q.function) {
      out += "(";
      for (std::size_t i = 0; i < q.params.size(); ++i) out += (i ? ", " : "") + q.params[i];
      out += ")";
    }
    out += "\n";
  }
  for (const Score& s : m.scores) {
    out += "score " + s.id;
    if (!s.description.empty()) out += " " + quote(s.description);
    out += " weight " + dump(*s.weight) + " = " + dump(*s.value) + "\n";
  }
  return out;
}

}  // namespace gouji::ast
