// Statements, rule instances, outcomes, scores and the run over a document.
#include "runtime/eval/interp.hpp"

#include <exception>

namespace gouji::eval {

std::string SourcePos::str() const {
  if (line == 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* status_name(Status s) {
  switch (s) {
    case Status::pass: return "PASS";
    case Status::fail: return "FAIL";
    case Status::not_applicable: return "N/A";
    case Status::error: return "ERROR";
  }
  return "?";
}

const char* status_name_zh(Status s) {
  switch (s) {
    case Status::pass: return "通过";
    case Status::fail: return "不通过";
    case Status::not_applicable: return "不适用";
    case Status::error: return "出错";
  }
  return "?";
}

std::size_t Report::count(Status s) const {
  std::size_t n = 0;
  for (const Outcome& o : outcomes) n += o.status == s;
  return n;
}

std::size_t Report::count(Status s, ast::Severity sev) const {
  std::size_t n = 0;
  for (const Outcome& o : outcomes) n += o.status == s && o.severity == sev;
  return n;
}

Report evaluate(const PackView& pack, const doc::Document& document, const Options& options) {
  detail::Interp interp(pack, document, options);
  return interp.run();
}

}  // namespace gouji::eval

namespace gouji::eval::detail {

namespace {

const char* negated(ast::Op op) {
  switch (op) {
    case ast::Op::eq: return "≠";
    case ast::Op::ne: return "=";
    case ast::Op::lt: return "≥";
    case ast::Op::le: return ">";
    case ast::Op::gt: return "≤";
    case ast::Op::ge: return "<";
    case ast::Op::approx: return "≠";
    case ast::Op::in: return "不属于";
    default: return "?";
  }
}

const char* op_name(ast::Op op) {
  switch (op) {
    case ast::Op::eq: return "==";
    case ast::Op::ne: return "!=";
    case ast::Op::lt: return "<";
    case ast::Op::le: return "<=";
    case ast::Op::gt: return ">";
    case ast::Op::ge: return ">=";
    case ast::Op::approx: return "≈";
    case ast::Op::in: return "in";
    default: return "";
  }
}

// Restores the size of an environment on scope exit.
struct EnvMark {
  Env& env;
  std::size_t size;
  explicit EnvMark(Env& e) : env(e), size(e.size()) {}
  ~EnvMark() { env.erase(env.begin() + static_cast<std::ptrdiff_t>(size), env.end()); }
};

}  // namespace

Outcome Interp::base_outcome(const Run& run, Status status, ast::Span span) const {
  Outcome o;
  o.rule_id = run.rule->id;
  o.description = run.rule->description;
  o.severity = run.rule->severity;
  o.status = status;
  o.bindings = run.bindings;
  if (pack.locate) o.location = pack.locate(span);
  return o;
}

void Interp::record_fault(Run& run, const Fault& f) const {
  Outcome o = base_outcome(run, Status::error, f.span);
  o.reason = f.reason;
  if (tracing_) {
    Derivation dv;
    dv.expect = source_text(f.span);
    dv.steps = trace_;
    dv.omitted = omitted_;
    o.derivation = std::make_shared<const Derivation>(std::move(dv));
  }
  run.out->push_back(std::move(o));
}

void Interp::record_na(Run& run, std::string reason, ast::Span span) const {
  Outcome o = base_outcome(run, Status::not_applicable, span);
  o.reason = std::move(reason);
  run.out->push_back(std::move(o));
}

void Interp::exec(const std::vector<ast::Stmt>& body, std::size_t i, Env& env, Run& run) {
  EnvMark mark(env);
  TraceMark tmark(*this);
  for (; i < body.size(); ++i) {
    const ast::Stmt& s = body[i];
    switch (s.kind) {
      case ast::StmtKind::let: {
        try {
          Value v = eval(*s.expr, env);
          if (tracing()) trace_value(Step::Kind::let, s.name, v, "");
          env.emplace_back(s.name, std::move(v));
        } catch (const Fault& f) {
          if (f.limit) throw;
          record_fault(run, f);
          return;
        }
        break;
      }
      case ast::StmtKind::for_: {
        // The parser puts what a `for` ranges over in its body, braced or not
        // (unbraced: the rest of the block). A hand-built tree may leave an
        // unbraced body empty and the rest in the enclosing block.
        bool own_body = s.braced || !s.body.empty();
        Value coll;
        try {
          Quiet quiet(*this);
          coll = eval(*s.expr, env);
          if (!coll.is_absent() && coll.kind != ValueKind::list)
            fail(std::string("“对每个 … 属于”后面应是列表，这里是") + kind_name(coll.kind), s.expr->span);
        } catch (const Fault& f) {
          if (f.limit) throw;
          record_fault(run, f);
          if (own_body) break;
          return;
        }
        if (coll.is_absent()) {
          record_na(run, coll.text, s.expr->span);
          if (own_body) break;
          return;
        }
        for (const Value& x : *coll.list) {
          EnvMark inner(env);
          TraceMark titer(*this);
          env.emplace_back(s.name, x);
          run.bindings.emplace_back(s.name, display_binding(x));
          struct PopBinding {
            Run& run;
            ~PopBinding() { run.bindings.pop_back(); }
          } pop{run};
          if (s.where) {
            try {
              Quiet quiet(*this);
              Value w = eval(*s.where, env);
              if (w.is_absent()) {
                record_na(run, w.text, s.where->span);
                continue;
              }
              if (w.kind != ValueKind::boolean)
                fail(std::string("“满足”后面应是条件，这里是") + kind_name(w.kind), s.where->span);
              if (!w.flag) continue;
            } catch (const Fault& f) {
              if (f.limit) throw;
              record_fault(run, f);
              continue;
            }
          }
          if (own_body)
            exec(s.body, 0, env, run);
          else
            exec(body, i + 1, env, run);
        }
        if (own_body) break;
        return;
      }
      case ast::StmtKind::when: {
        try {
          Value c;
          {
            Quiet quiet(*this);
            c = eval(*s.expr, env);
          }
          if (c.is_absent()) {
            record_na(run, c.text, s.expr->span);
            return;
          }
          if (c.kind != ValueKind::boolean) fail(std::string("“当”后面应是条件，这里是") + kind_name(c.kind), s.expr->span);
          if (!c.flag) {
            std::string what = source_text(s.expr->span);
            record_na(run, "条件不成立" + (what.empty() ? std::string() : "：" + what), s.expr->span);
            return;
          }
          if (tracing()) {
            Step st;
            st.kind = Step::Kind::when;
            st.expr = expr_text(s.expr->span);
            trace(std::move(st));
          }
        } catch (const Fault& f) {
          if (f.limit) throw;
          record_fault(run, f);
          return;
        }
        break;
      }
      case ast::StmtKind::expect: run_expect(s, env, run); break;
      case ast::StmtKind::block: exec(s.body, 0, env, run); break;
    }
  }
}

Value Interp::judge(const ast::Expr& e, Env& env, const std::optional<Number>& tol, Decided& d) {
  if (e.kind == ast::ExprKind::compare) {
    tick(e.span);
    return eval_compare(e, env, &d, tol);
  }
  if (e.kind == ast::ExprKind::logical && e.op == ast::Op::and_) {
    tick(e.span);
    Value a = judge(*e.args.at(0), env, tol, d);
    if (a.is_absent() || a.kind != ValueKind::boolean || !a.flag) return a;
    return judge(*e.args.at(1), env, tol, d);
  }
  d.compared = false;
  return eval(e, env);
}

std::string Interp::operand_text(const ast::Expr& e, const Value& v) const {
  std::string shown = display(v);
  bool literal = e.kind == ast::ExprKind::number || e.kind == ast::ExprKind::percent ||
                 e.kind == ast::ExprKind::string || e.kind == ast::ExprKind::boolean;
  if (literal) return shown;
  bool direct = e.kind == ast::ExprKind::index || e.kind == ast::ExprKind::member || e.kind == ast::ExprKind::name;
  if (direct && v.origins.size() == 1) return v.origins[0].describe() + " " + shown;
  if (v.kind == ValueKind::match) return "引文“" + v.text + "”中的 " + shown;
  std::string src = source_text(e.span);
  return src.empty() ? shown : src + " = " + shown;
}

void Interp::add_places(Outcome& o, const Value& v) const {
  for (const Origin& og : v.origins) {
    Place p{std::string(og.table), std::string(og.row), std::string(og.column), std::string(og.printed), og.line,
            std::string(doc.line_text(og.line)), doc.page_of(og.line)};
    o.places.push_back(std::move(p));
  }
  if (v.kind == ValueKind::match && v.origins.empty() && v.line) {
    Place p{"", "", "", "", v.line, std::string(doc.line_text(v.line)), doc.page_of(v.line)};
    o.places.push_back(std::move(p));
  }
}

std::string Interp::fill_message(const ast::Template& t, Env& env) {
  std::string out;
  for (const auto& part : t.parts) {
    if (const auto* s = std::get_if<std::string>(&part)) {
      out += *s;
      continue;
    }
    const ast::ExprPtr& e = std::get<ast::ExprPtr>(part);
    try {
      Value v = eval(*e, env);
      if (v.kind == ValueKind::column || v.kind == ValueKind::row) {
        try {
          v = cell_of(v, e->span);
        } catch (const Fault&) {
          // shown by name
        }
      }
      out += display(v);
    } catch (const Fault& f) {
      if (f.limit) throw;
      out += "（出错：" + f.reason + "）";
    }
  }
  return out;
}

void Interp::run_expect(const ast::Stmt& s, Env& env, Run& run) {
  TraceMark tmark(*this);  // this expect's steps are not part of the next one's
  Decided d;
  Value result;
  std::optional<Number> tol;
  try {
    if (s.tolerance) {
      Value t = as_number(eval(*s.tolerance, env), s.tolerance->span);
      if (t.is_absent()) {
        record_na(run, t.text, s.tolerance->span);
        return;
      }
      tol = t.num.abs();
    }
    result = judge(*s.expr, env, tol, d);
    if (!result.is_absent() && result.kind != ValueKind::boolean)
      fail(std::string("“要求”后面应是条件（真假值），这里是") + kind_name(result.kind) + "“" + display(result) + "”",
           s.expr->span);
  } catch (const Fault& f) {
    if (f.limit) throw;
    record_fault(run, f);
    return;
  }
  if (result.is_absent()) {
    record_na(run, result.text, s.expr->span);
    return;
  }
  Outcome o = base_outcome(run, result.flag ? Status::pass : Status::fail, s.span);
  if (d.compared) {
    o.comparison = op_name(d.op);
    if (d.left.has_number() && d.right.has_number()) {
      o.left = d.left.num;
      o.right = d.right.num;
      o.difference = d.left.num - d.right.num;
      if (d.op == ast::Op::approx) {
        o.tolerance = d.tolerance;
        o.allowance = ((d.left.hi - d.left.lo) + (d.right.hi - d.right.lo)) * Number::fraction(1, 2);
        if (!d.left.unbounded) o.left_interval = std::make_pair(d.left.lo, d.left.hi);
        if (!d.right.unbounded) o.right_interval = std::make_pair(d.right.lo, d.right.hi);
      }
    }
    if (o.status != Status::pass || opt.pass_details) {
      o.left_text = operand_text(*d.lhs, d.left);
      o.right_text = operand_text(*d.rhs, d.right);
      add_places(o, d.left);
      add_places(o, d.right);
    }
  }
  if (o.status == Status::fail) {
    if (s.message) {
      try {
        Quiet quiet(*this);
        o.message = fill_message(*s.message, env);
      } catch (const Fault& f) {
        o.message = "（消息出错：" + f.reason + "）";
      }
    } else if (d.compared) {
      o.message = o.left_text + " " + negated(d.op) + " " + o.right_text;
      if (o.difference) {
        int places = std::max(d.left.places, d.right.places);
        o.message += "（差 " + format_number(*o.difference, places >= 0 ? places : -1);
        if (o.allowance)
          o.message += "，舍入尾差允许 ±" + format_number(*o.allowance) + "，容差 " + format_number(*o.tolerance);
        o.message += "）";
      }
    } else {
      std::string what = source_text(s.expr->span);
      o.message = "条件不成立" + (what.empty() ? std::string() : "：" + what);
    }
  }
  if (tracing_) o.derivation = std::make_shared<const Derivation>(take_derivation(d, s));
  run.out->push_back(std::move(o));
}

void Interp::run_rule(const ast::Rule& rule, Report& report, bool tally_outcomes) {
  steps_ = 0;
  depth_ = 0;
  nesting_ = 0;
  trace_.clear();
  omitted_ = 0;
  Run run;
  run.rule = &rule;
  run.out = &report.outcomes;
  std::size_t before = report.outcomes.size();
  Env env;
  try {
    bool go = true;
    if (rule.when) {
      try {
        Value c;
        {
          Quiet quiet(*this);
          c = eval(*rule.when, env);
        }
        if (c.is_absent()) {
          record_na(run, c.text, rule.when->span);
          go = false;
        } else if (c.kind != ValueKind::boolean) {
          fail(std::string("规则的“当”后面应是条件，这里是") + kind_name(c.kind), rule.when->span);
        } else if (!c.flag) {
          std::string what = source_text(rule.when->span);
          record_na(run, "前提条件不成立" + (what.empty() ? std::string() : "：" + what), rule.when->span);
          go = false;
        } else if (tracing()) {
          Step st;
          st.kind = Step::Kind::when;
          st.expr = expr_text(rule.when->span);
          trace(std::move(st));
        }
      } catch (const Fault& f) {
        if (f.limit) throw;
        record_fault(run, f);
        go = false;
      }
    }
    if (go) exec(rule.body, 0, env, run);
  } catch (const Fault& f) {
    run.bindings.clear();
    record_fault(run, f);
  } catch (const std::exception& ex) {
    run.bindings.clear();
    record_fault(run, Fault{std::string("gouji 内部错误（请报告）：") + ex.what(), rule.span, true});
  }
  if (report.outcomes.size() == before) record_na(run, "没有可检查的实例（循环的集合为空或都不满足条件）", rule.span);
  if (!tally_outcomes) return;
  auto& tally = rule_tally[rule.id];
  for (std::size_t k = before; k < report.outcomes.size(); ++k) {
    Status st = report.outcomes[k].status;
    if (st == Status::pass) ++tally.first;
    if (st != Status::not_applicable) ++tally.second;
  }
}

void Interp::run_score(const ast::Score& score, Report& report) {
  steps_ = 0;
  depth_ = 0;
  nesting_ = 0;
  ScoreResult r;
  r.id = score.id;
  if (pack.locate) r.location = pack.locate(score.span);
  try {
    Env env;
    if (score.weight) {
      Value w = as_number(eval(*score.weight, env), score.weight->span);
      if (w.kind == ValueKind::number) r.weight = w.num;
    }
    Value v = as_number(eval(*score.value, env), score.value->span);
    if (v.is_absent()) {
      r.status = Status::not_applicable;
      r.reason = v.text;
    } else {
      r.value = v.num;
    }
  } catch (const Fault& f) {
    r.status = Status::error;
    r.reason = f.reason;
    if (pack.locate) r.location = pack.locate(f.span);
  } catch (const std::exception& ex) {
    r.status = Status::error;
    r.reason = std::string("gouji 内部错误（请报告）：") + ex.what();
  }
  report.score_max += r.weight;
  if (r.value) report.score_total += *r.value;
  report.scores.push_back(std::move(r));
}

Report Interp::run() {
  Report report;
  report.document = doc.path;
  for (const auto& [name, value] : opt.params) {
    bool known = false;
    for (const ast::Param* p : pack.params) known = known || p->name == name;
    if (!known) report.warnings.push_back("规则包没有参数“" + name + "”（--param " + name + "=" + value + " 未使用）");
  }
  try {
    pack_tolerance();
  } catch (const Fault& f) {
    report.warnings.push_back("规则包的容差无法求值：" + f.reason + "；按 0 处理");
    tolerance_ = Number(0);
  }
  tracing_ = opt.derive == Options::Derive::all;
  for (const ast::Rule* rule : pack.rules) {
    if (!opt.only_rule.empty() && rule->id != opt.only_rule) continue;
    run_rule(*rule, report);
    ++report.rules_run;
  }
  if (opt.derive == Options::Derive::failures) attach_failure_derivations(report);
  tracing_ = false;
  if (!opt.only_rule.empty()) return report;
  in_scores = true;
  for (const ast::Score* s : pack.scores) run_score(*s, report);
  return report;
}

}  // namespace gouji::eval::detail
