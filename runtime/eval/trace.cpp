// Derivations: the steps of one rule instance, recorded while a rule runs with
// Options::derive, and their Chinese rendering (gouji explain, the
// "derivation" of check --format json). Nothing here runs in a normal check.
#include "runtime/eval/interp.hpp"

#include <algorithm>

namespace gouji::eval {

namespace {

constexpr std::size_t kMaxSteps = 500;  // steps kept per instance; the rest are counted
constexpr int kShownPlaces = 10;        // decimals shown of a non-terminating value

// The exact decimal expansion if it ends within 12 places (at least `places`
// decimals), else 10 decimals and "…"; `fraction` gets "a/b" in that case.
std::string decimal_text(const Number& n, int places, std::string* fraction) {
  if (places >= 0 && n.fits_places(places)) return n.to_grouped(places);
  for (int k = std::max(places, 0); k <= 12; ++k)
    if (n.fits_places(k)) return n.to_grouped(k);
  if (fraction) *fraction = n.to_fraction();
  return n.to_grouped(kShownPlaces) + "\xE2\x80\xA6";
}

std::string plain_text(const Number& n, bool percent) {
  if (percent) return decimal_text(n * Number(100), -1, nullptr) + "%";
  return decimal_text(n, -1, nullptr);
}

}  // namespace

std::string exact_text(const Number& n, int places, bool percent) {
  std::string fraction;
  if (percent) {
    std::string s = decimal_text(n * Number(100), places, &fraction) + "%";
    if (!fraction.empty()) s += "（精确值 " + fraction + "%）";
    return s;
  }
  std::string s = decimal_text(n, places, &fraction);
  if (!fraction.empty()) s += "（精确值 " + fraction + "）";
  return s;
}

}  // namespace gouji::eval

namespace gouji::eval::detail {

std::string num_text(const Value& v) {
  if (v.kind == ValueKind::number && v.blank) return "0（空白）";
  if (v.percent) return decimal_text(v.num * Number(100), v.places, nullptr) + "%";
  return decimal_text(v.num, v.places, nullptr);
}

std::string interval_text(const Value& v) {
  if (v.unbounded) return "（无界）";
  return "[" + plain_text(v.lo, v.percent) + ", " + plain_text(v.hi, v.percent) + "]";
}

namespace {

// Fills the value fields of a step from a number, match, text or boolean.
// False for values a derivation does not show (tables, rows, lists …).
bool fill_value(Step& st, const Value& v) {
  switch (v.kind) {
    case ValueKind::number:
    case ValueKind::match:
      if (v.kind == ValueKind::match && !v.flag) {
        st.value = "引文“" + v.text + "”";
        return true;
      }
      st.value = v.blank ? "空白（按 0 计）" : exact_text(v.num, v.places, v.percent);
      st.exact = v.num;
      st.percent = v.percent;
      st.places = v.places;
      st.unbounded = v.unbounded;
      if (!v.unbounded && v.lo != v.hi) st.interval = std::make_pair(v.lo, v.hi);
      return true;
    case ValueKind::text: st.value = "“" + v.text + "”"; return true;
    case ValueKind::boolean: st.value = v.flag ? "是" : "否"; return true;
    default: return false;
  }
}

bool same_place(const Place& a, const Origin& o) {
  return a.table == o.table && a.row == o.row && a.column == o.column && a.line == o.line;
}

}  // namespace

std::string Interp::expr_text(ast::Span span) const {
  std::string s = source_text(span);
  int ascii = 0, wide = 0;  // unclosed ( and （
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++ascii;
    if (s[i] == ')' && ascii > 0) --ascii;
    if (s.compare(i, 3, "\xEF\xBC\x88") == 0) ++wide;                // （
    if (s.compare(i, 3, "\xEF\xBC\x89") == 0 && wide > 0) --wide;    // ）
  }
  s.append(static_cast<std::size_t>(ascii), ')');
  for (int k = 0; k < wide; ++k) s += "\xEF\xBC\x89";
  return s;
}

void Interp::trace(Step s) {
  if (trace_.size() >= kMaxSteps) {
    ++omitted_;
    return;
  }
  trace_.push_back(std::move(s));
}

void Interp::trace_read(const doc::Table&, const doc::Row&, const doc::Cell&, const Value& v) {
  if (v.origins.empty()) return;
  const Origin& o = v.origins.front();
  for (const Step& s : trace_)
    if (s.kind == Step::Kind::read && same_place(s.place, o)) return;  // read before in this instance
  Step st;
  st.kind = Step::Kind::read;
  fill_value(st, v);
  st.place = Place{std::string(o.table), std::string(o.row), std::string(o.column), std::string(o.printed), o.line,
                   std::string(doc.line_text(o.line)), doc.page_of(o.line)};
  trace(std::move(st));
}

void Interp::trace_name_read(ast::Span span, const Value& v) {
  if (v.origins.size() != 1 || !(v.has_number() || v.kind == ValueKind::text)) return;
  const Origin& o = v.origins.front();
  for (auto it = trace_.rbegin(); it != trace_.rend(); ++it)
    if (it->kind == Step::Kind::read && same_place(it->place, o)) {
      if (it->expr.empty()) it->expr = expr_text(span);
      return;
    }
}

void Interp::trace_quote(ast::Span span, const std::string& sentence, const Value& v) {
  Step st;
  st.kind = Step::Kind::quote;
  if (!fill_value(st, v)) return;
  st.expr = expr_text(span);
  st.detail = sentence;
  std::uint32_t line = v.line;
  std::string where = "情况说明";
  if (!v.origins.empty()) {
    line = v.origins.front().line;
    where = v.origins.front().table;
    st.place.printed = v.origins.front().printed;
  }
  st.place.table = where;
  st.place.line = line;
  st.place.line_text = std::string(doc.line_text(line));
  st.place.page = doc.page_of(line);
  for (const Step& s : trace_)
    if (s.kind == Step::Kind::quote && s.place.line == line && s.detail == st.detail && s.value == st.value) return;
  trace(std::move(st));
}

void Interp::trace_value(Step::Kind kind, std::string expr, const Value& v, std::string detail) {
  if (kind == Step::Kind::name)
    for (const Step& s : trace_)
      if (s.kind == Step::Kind::name && s.expr == expr) return;
  Step st;
  st.kind = kind;
  if (!fill_value(st, v)) return;
  st.expr = std::move(expr);
  st.detail = std::move(detail);
  trace(std::move(st));
}

void Interp::trace_item(std::string binding, std::size_t mark, bool kept, bool filtered) {
  std::string detail;
  if (filtered && mark <= trace_.size()) {
    std::string reads;
    for (std::size_t k = mark; k < trace_.size(); ++k) {
      const Step& s = trace_[k];
      if (s.kind == Step::Kind::compare) detail += (detail.empty() ? "" : "；") + s.detail + "：" + s.value;
      if (s.kind == Step::Kind::read && s.place.line)
        reads += (reads.empty() ? "" : "、") + s.value + " 在第 " + std::to_string(s.place.line) + " 行";
    }
    if (!reads.empty()) detail += (detail.empty() ? "" : "；") + std::string("读取 ") + reads;
  }
  // Parameters and constants the filter used stay, once, before the items.
  std::vector<Step> names;
  for (std::size_t k = mark; k < trace_.size(); ++k)
    if (trace_[k].kind == Step::Kind::name) names.push_back(std::move(trace_[k]));
  truncate_trace(mark);
  for (Step& n : names) trace(std::move(n));
  Step st;
  st.kind = Step::Kind::item;
  st.expr = std::move(binding);
  st.value = kept ? "计入" : "不计入";
  st.detail = std::move(detail);
  trace(std::move(st));
}

Derivation Interp::take_derivation(const Decided& d, const ast::Stmt& s) const {
  Derivation dv;
  dv.expect = expr_text(s.expr->span);
  dv.steps = trace_;
  dv.omitted = omitted_;
  if (!d.compared) return dv;
  // The deciding comparison was recorded last; the verdict shows it in full.
  if (!dv.steps.empty() && dv.steps.back().kind == Step::Kind::compare) dv.steps.pop_back();
  auto operand = [&](const ast::Expr* e, const Value& v) {
    Step st;
    st.kind = Step::Kind::compute;
    st.expr = e ? expr_text(e->span) : std::string();
    if (!fill_value(st, v)) st.value = display(v);
    return st;
  };
  dv.left = operand(d.lhs, d.left);
  dv.right = operand(d.rhs, d.right);
  return dv;
}

void Interp::attach_failure_derivations(Report& report) {
  auto& outs = report.outcomes;
  for (std::size_t b = 0; b < outs.size();) {
    std::size_t e = b;
    bool failed = false;
    while (e < outs.size() && outs[e].rule_id == outs[b].rule_id) {
      failed = failed || outs[e].status == Status::fail || outs[e].status == Status::error;
      ++e;
    }
    const ast::Rule* rule = nullptr;
    for (const ast::Rule* r : pack.rules)
      if (r->id == outs[b].rule_id) rule = r;
    if (failed && rule) {
      // The same rule again, traced: the run is deterministic (globals are
      // cached), so its instances come in the same order.
      Report again;
      tracing_ = true;
      run_rule(*rule, again, false);
      tracing_ = false;
      if (again.outcomes.size() == e - b)
        for (std::size_t k = b; k < e; ++k) {
          Outcome& o = outs[k];
          Outcome& t = again.outcomes[k - b];
          if ((o.status == Status::fail || o.status == Status::error) && t.status == o.status &&
              t.bindings == o.bindings)
            o.derivation = std::move(t.derivation);
        }
    }
    b = e;
  }
}

}  // namespace gouji::eval::detail

namespace gouji::eval {

namespace {

std::string interval_of(const Step& s, bool percent) {
  if (s.unbounded) return "（无界：除数的区间含 0）";
  if (!s.interval) return "";
  return "[" + plain_text(s.interval->first, percent) + ", " + plain_text(s.interval->second, percent) + "]";
}

std::string interval_of(const Step& s) { return interval_of(s, s.percent); }

std::string where_text(const Place& p) {
  std::string s = p.table;
  if (!p.row.empty()) s += (s.empty() ? "" : " ") + p.row;
  if (!p.column.empty()) s += (s.empty() ? "" : " ") + p.column;
  if (p.line) s += "（第 " + std::to_string(p.line) + " 行）";
  return s;
}

// A source line as a quotation: surrounding blanks dropped, runs of blanks
// shown as two spaces, at most 120 characters (UTF-8 aware).
std::string quoted_line(const std::string& text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += "  ";
    blank = false;
    out += c;
  }
  std::size_t chars = 0, i = 0;
  for (; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) ++chars;
    if (chars > 120) break;
  }
  if (i < out.size()) out = out.substr(0, i) + "\xE2\x80\xA6";
  return out;
}

std::string step_line(const Step& s) {
  std::string iv = interval_of(s);
  switch (s.kind) {
    case Step::Kind::read: {
      std::string t = (s.expr.empty() ? std::string() : s.expr + " ← ") + "读取 " + where_text(s.place) + "：" + s.value;
      if (!iv.empty()) t += "，印数代表区间 " + iv;
      return t;
    }
    case Step::Kind::quote: {
      std::string t = (s.expr.empty() ? std::string() : s.expr + " ← ") + "摘自" + where_text(s.place) + "“" +
                      s.detail + "”：" + s.value;
      if (!iv.empty()) t += "，印数代表区间 " + iv;
      return t;
    }
    case Step::Kind::name: return s.detail + " " + s.expr + " = " + s.value;
    case Step::Kind::let: return "设 " + s.expr + " = " + s.value + (iv.empty() ? "" : "，区间 " + iv);
    case Step::Kind::compute:
    case Step::Kind::call: {
      std::string t = s.expr + " = ";
      if (!s.detail.empty()) t += s.detail + " = ";
      t += s.value;
      if (!iv.empty()) t += "，区间 " + iv;
      return t;
    }
    case Step::Kind::compare: return "判断 " + s.expr + "：" + s.detail + "？" + s.value;
    case Step::Kind::item:
      return "· " + s.expr + "：" + s.value + (s.detail.empty() ? "" : "（" + s.detail + "）");
    case Step::Kind::when: return "前提成立：" + s.expr;
  }
  return "";
}

const char* op_zh(const std::string& op) {
  if (op == "==") return "=";
  if (op == "!=") return "≠";
  if (op == "<=") return "≤";
  if (op == ">=") return "≥";
  return nullptr;
}

void verdict_lines(const Outcome& o, const Derivation& d, std::vector<std::string>& out) {
  if (o.status == Status::error) {
    out.push_back("判定：求值出错：" + o.reason);
    return;
  }
  if (!d.left || !d.right) {
    out.push_back(std::string("判定：条件“") + d.expect + "”" + (o.status == Status::pass ? "成立" : "不成立"));
    return;
  }
  const Step& l = *d.left;
  const Step& r = *d.right;
  const char* op = op_zh(o.comparison);
  std::string sym = op ? op : o.comparison;
  bool ok = o.status == Status::pass;
  if (o.comparison == "≈" && l.exact && r.exact) {
    out.push_back("判定（≈：印出的数代表其舍入区间，两边区间放宽容差后有公共部分即为相符）：");
    // A percentage on one side: both sides, the gap and the allowance in percent.
    bool pc = l.percent || r.percent;
    auto side = [&](const char* name, const Step& s) {
      std::string iv = interval_of(s, pc);
      if (iv.empty()) iv = "[" + plain_text(*s.exact, pc) + ", " + plain_text(*s.exact, pc) + "]（精确值）";
      std::string value = pc == s.percent ? s.value : exact_text(*s.exact, -1, pc);
      out.push_back(std::string("  ") + name + " " + s.expr + " = " + value + "，区间 " + iv);
    };
    side("左边", l);
    side("右边", r);
    int places = l.percent == r.percent ? std::max(l.places, r.places) : -1;
    if (o.difference) out.push_back("  差（左 − 右）= " + exact_text(*o.difference, places, pc));
    Number tol = o.tolerance ? *o.tolerance : Number(0);
    std::string tol_text = plain_text(tol, pc);
    if (l.unbounded || r.unbounded) {
      out.push_back("  一边的区间无界（除数的区间含 0），无法判出不符，视为相符");
    } else {
      Number llo = l.interval ? l.interval->first : *l.exact, lhi = l.interval ? l.interval->second : *l.exact;
      Number rlo = r.interval ? r.interval->first : *r.exact, rhi = r.interval ? r.interval->second : *r.exact;
      if (llo > rhi)
        out.push_back("  两区间相距 " + plain_text(llo - rhi, pc) + "（左边下限 " + plain_text(llo, pc) + " − 右边上限 " +
                      plain_text(rhi, pc) + "）");
      else if (rlo > lhi)
        out.push_back("  两区间相距 " + plain_text(rlo - lhi, pc) + "（右边下限 " + plain_text(rlo, pc) + " − 左边上限 " +
                      plain_text(lhi, pc) + "）");
      else
        out.push_back("  两区间有公共部分");
      std::string allow = o.allowance ? "；舍入尾差最多 ±" + plain_text(*o.allowance, pc) + "（两区间半宽之和）" : "";
      out.push_back("  容差 " + tol_text + allow);
      out.push_back(ok ? "  相距不超过容差 → 相符" : "  相距超过容差 → 不相符");
    }
    return;
  }
  out.push_back("判定：");
  out.push_back("  左边 " + l.expr + " = " + l.value);
  out.push_back("  右边 " + r.expr + " = " + r.value);
  std::string note = l.exact && r.exact ? "（按精确值比较，不计舍入区间）" : "";
  out.push_back("  " + l.value + " " + sym + " " + r.value + "？" + (ok ? "是" : "否") + note);
  if (o.difference && !ok && (o.comparison == "==" || o.comparison == "!="))
    out.push_back("  差（左 − 右）= " + exact_text(*o.difference, std::max(l.places, r.places), l.percent && r.percent));
}

}  // namespace

std::vector<std::string> derivation_lines(const Outcome& o) {
  std::vector<std::string> out;
  if (!o.derivation) return out;
  const Derivation& d = *o.derivation;
  std::string b;
  for (const auto& [k, v] : o.bindings) b += (b.empty() ? "" : "，") + k + " = " + v;
  if (!b.empty()) out.push_back("实例：" + b);
  if (!d.expect.empty()) out.push_back(std::string(o.status == Status::error ? "出错处：" : "要求：") + d.expect);
  if (!d.steps.empty() || d.omitted) out.push_back("推导：");
  std::size_t n = 0;
  std::uint32_t quoted = 0;  // the source line last quoted (a row is quoted once for its cells)
  for (const Step& s : d.steps) {
    std::string line = "  " + std::to_string(++n) + ". " + step_line(s);
    out.push_back(std::move(line));
    if (s.kind == Step::Kind::read && !s.place.line_text.empty() && s.place.line != quoted) {
      out.push_back("     第 " + std::to_string(s.place.line) + " 行原文：" + quoted_line(s.place.line_text));
      quoted = s.place.line;
    }
  }
  if (d.omitted) out.push_back("  ……另有 " + std::to_string(d.omitted) + " 步从略");
  verdict_lines(o, d, out);
  out.push_back(std::string("结论：") + status_name_zh(o.status));
  return out;
}

}  // namespace gouji::eval
