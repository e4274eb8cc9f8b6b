// The built-in functions of lang/builtins.cpp, implemented by name.
#include "lang/builtins.hpp"
#include "runtime/eval/interp.hpp"

#include <algorithm>
#include <map>

namespace gouji::eval::detail {

namespace {

using Impl = Value (*)(Interp&, const ast::Expr&, Args&);

ast::Span arg_span(const ast::Expr& call, std::size_t i) {
  return i < call.args.size() ? call.args[i]->span : call.span;
}

// Every argument as given, for variadic built-ins: lists are spread.
List spread(const Args& args) {
  List out;
  for (const auto& a : args) {
    if (!a) continue;
    if (a->kind == ValueKind::list)
      out.insert(out.end(), a->list->begin(), a->list->end());
    else
      out.push_back(*a);
  }
  return out;
}

std::string text_of(Interp& in, const Value& v, ast::Span span) {
  if (v.kind == ValueKind::text) return v.text;
  if (v.kind == ValueKind::number) return v.num.to_string();
  in.fail(std::string("这里应是文本，这里是") + kind_name(v.kind), span);
}

const Value& want(Interp& in, const Args& args, std::size_t i, ValueKind kind, const ast::Expr& call) {
  const Value& v = *args.at(i);
  if (v.kind != kind)
    in.fail(call.text + "() 的第 " + std::to_string(i + 1) + " 个参数应是" + kind_name(kind) + "，这里是" +
                kind_name(v.kind) + "“" + display(v) + "”",
            arg_span(call, i));
  return v;
}

const doc::Table& want_table(Interp& in, const Args& args, std::size_t i, const ast::Expr& call) {
  return *want(in, args, i, ValueKind::table, call).table;
}

Number number_arg(Interp& in, const Args& args, std::size_t i, const ast::Expr& call) {
  Value v = in.as_number(*args.at(i), arg_span(call, i));
  return v.num;
}

// ---- tables, rows, columns

Value b_table(Interp& in, const ast::Expr& call, Args& args) {
  std::string name = text_of(in, *args[0], arg_span(call, 0));
  const auto& found = in.find_tables(name);
  if (found.empty()) return Value::make_absent("文件中没有" + name);
  if (found.size() > 1)
    in.fail("文件中有 " + std::to_string(found.size()) + " 张“" + name + "”，请用 tables(\"" + name + "\") 逐张检查",
            call.span);
  return in.table_value(*found[0]);
}

Value b_tables(Interp& in, const ast::Expr& call, Args& args) {
  List out;
  if (args.empty()) {
    for (const doc::Table& t : in.doc.tables) out.push_back(in.table_value(t));
    return Value::make_list(std::move(out));
  }
  std::vector<const doc::Table*> seen;
  List names = spread(args);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].is_absent()) continue;
    for (const doc::Table* t : in.find_tables(text_of(in, names[i], call.span))) {
      if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
      seen.push_back(t);
      out.push_back(in.table_value(*t));
    }
  }
  return Value::make_list(std::move(out));
}

Value b_present(Interp& in, const ast::Expr& call, Args& args) {
  List out;
  for (const Value& n : spread(args)) {
    if (n.is_absent()) continue;
    std::string name = text_of(in, n, call.span);
    if (!in.find_tables(name).empty()) out.push_back(Value::make_text(name));
  }
  return Value::make_list(std::move(out));
}

Value b_rows(Interp& in, const ast::Expr& call, Args& args) {
  const doc::Table& t = want_table(in, args, 0, call);
  int block = -1;
  if (args[1]) {
    std::string want_name = doc::normalize(text_of(in, *args[1], arg_span(call, 1)));
    for (std::size_t b = 0; b < t.blocks.size(); ++b)
      if (doc::normalize(t.blocks[b].name) == want_name) block = static_cast<int>(b);
    if (block < 0) return Value::make_absent(table_name(t) + "没有名为“" + args[1]->text + "”的栏组");
  }
  List out;
  for (const doc::Row& r : t.rows)
    if (block < 0 || r.block == block) out.push_back(in.row_value(t, r));
  return Value::make_list(std::move(out));
}

Value b_children(Interp& in, const ast::Expr& call, Args& args) {
  const Value& r = want(in, args, 0, ValueKind::row, call);
  List out;
  for (int k : r.row->children)
    if (k >= 0 && static_cast<std::size_t>(k) < r.table->rows.size())
      out.push_back(in.row_value(*r.table, r.table->rows[static_cast<std::size_t>(k)]));
  return Value::make_list(std::move(out));
}

Value b_parent(Interp& in, const ast::Expr& call, Args& args) {
  const Value& r = want(in, args, 0, ValueKind::row, call);
  int p = r.row->parent;
  if (p < 0 || static_cast<std::size_t>(p) >= r.table->rows.size())
    return Value::make_absent(table_name(*r.table) + " " + row_name(*r.row) + " 行没有上级行");
  return in.row_value(*r.table, r.table->rows[static_cast<std::size_t>(p)]);
}

Value b_has_children(Interp& in, const ast::Expr& call, Args& args) {
  return Value::make_bool(!want(in, args, 0, ValueKind::row, call).row->children.empty());
}

Value columns_of(Interp& in, const doc::Table& t, bool amounts_only) {
  List out;
  for (std::size_t b = 0; b < t.blocks.size(); ++b)
    for (std::size_t c = 0; c < t.blocks[b].columns.size(); ++c)
      if (!amounts_only || t.blocks[b].columns[c].role == doc::ColumnRole::amount)
        out.push_back(in.column_value(t, static_cast<int>(b), static_cast<int>(c)));
  return Value::make_list(std::move(out));
}

Value b_columns(Interp& in, const ast::Expr& call, Args& args) {
  return columns_of(in, want_table(in, args, 0, call), false);
}

Value b_amount_columns(Interp& in, const ast::Expr& call, Args& args) {
  return columns_of(in, want_table(in, args, 0, call), true);
}

Value b_code(Interp& in, const ast::Expr& call, Args& args) {
  return Value::make_text(want(in, args, 0, ValueKind::row, call).row->code);
}

Value b_label(Interp& in, const ast::Expr& call, Args& args) {
  return Value::make_text(want(in, args, 0, ValueKind::row, call).row->label);
}

Value b_hangci(Interp& in, const ast::Expr& call, Args& args) {
  const Value& r = want(in, args, 0, ValueKind::row, call);
  if (!r.row->hangci) return Value::make_absent(table_name(*r.table) + " " + row_name(*r.row) + " 行没有行次");
  return Value::exact(Number(*r.row->hangci));
}

const doc::Column& column_of(const Value& c) {
  return c.table->blocks.at(static_cast<std::size_t>(c.block)).columns.at(static_cast<std::size_t>(c.column));
}

Value b_lanci(Interp& in, const ast::Expr& call, Args& args) {
  const Value& c = want(in, args, 0, ValueKind::column, call);
  const doc::Column& col = column_of(c);
  if (!col.lanci) return Value::make_absent(table_name(*c.table) + "的“" + column_name(*c.table, c.block, c.column) + "”没有栏次");
  return Value::exact(Number(*col.lanci));
}

Value b_header(Interp& in, const ast::Expr& call, Args& args) {
  const doc::Column& col = column_of(want(in, args, 0, ValueKind::column, call));
  std::string s;
  for (const auto& h : col.header) s += (s.empty() ? "" : "›") + h;
  return Value::make_text(s);
}

Value b_is_blank(Interp& in, const ast::Expr& call, Args& args) {
  Value v = *args[0];
  if (v.kind == ValueKind::column || v.kind == ValueKind::row) v = in.as_number(v, arg_span(call, 0));
  if (v.is_absent()) return v;
  return Value::make_bool(v.kind == ValueKind::number && v.blank);
}

Value b_exists(Interp&, const ast::Expr&, Args& args) { return Value::make_bool(!args[0]->is_absent()); }

Value b_declared_empty(Interp& in, const ast::Expr& call, Args& args) {
  return Value::make_bool(want_table(in, args, 0, call).declared_empty);
}

Value b_has_figures(Interp& in, const ast::Expr& call, Args& args) {
  const doc::Table& t = want_table(in, args, 0, call);
  for (const doc::Row& r : t.rows) {
    const auto& cols = t.blocks.at(static_cast<std::size_t>(r.block)).columns;
    for (std::size_t c = 0; c < r.cells.size() && c < cols.size(); ++c)
      if (cols[c].role == doc::ColumnRole::amount && r.cells[c].is_numeric() && !r.cells[c].value.is_zero())
        return Value::make_bool(true);
  }
  return Value::make_bool(false);
}

Value b_notes(Interp& in, const ast::Expr& call, Args& args) {
  const doc::Table& t = want_table(in, args, 0, call);
  std::string s;
  for (const auto& n : t.notes) s += (s.empty() ? "" : "\n") + n;
  return Value::make_text(s);
}

Value b_department(Interp& in, const ast::Expr& call, Args& args) {
  std::string d = args[0] ? want_table(in, args, 0, call).department : in.doc.department;
  if (d.empty()) return Value::make_absent(args[0] ? table_name(*args[0]->table) + "表头没有印部门名称" : "文件中没有部门名称");
  return Value::make_text(d);
}

Value b_unit(Interp& in, const ast::Expr& call, Args& args) {
  std::string u = args[0] ? want_table(in, args, 0, call).unit : in.doc.unit;
  if (u.empty()) return Value::make_absent(args[0] ? table_name(*args[0]->table) + "表头没有印金额单位" : "文件中没有金额单位");
  return Value::make_text(u);
}

Value b_year(Interp& in, const ast::Expr&, Args&) {
  if (in.doc.year == 0) return Value::make_absent("文件中没有找到年度");
  return Value::exact(Number(in.doc.year));
}

Value b_kind(Interp& in, const ast::Expr&, Args&) {
  if (in.doc.kind == doc::Kind::unknown) return Value::make_absent("无法判断文件是决算还是预算");
  return Value::make_text(doc::kind_name(in.doc.kind));
}

// ---- narrative

Value b_section(Interp& in, const ast::Expr& call, Args& args) {
  std::string h = text_of(in, *args[0], arg_span(call, 0));
  const doc::Section* s = in.doc.find_section(h);
  if (!s) return Value::make_absent("情况说明中没有“" + h + "”一节");
  Value v;
  v.kind = ValueKind::section;
  v.section = s;
  return v;
}

Value b_headings(Interp& in, const ast::Expr&, Args&) {
  List out;
  for (std::size_t i = 1; i < in.doc.sections.size(); ++i)  // sections[0] is the root, without a heading
    out.push_back(Value::make_text(in.doc.sections[i].heading));
  return Value::make_list(std::move(out));
}

// The section a text()/texts() argument names: nullptr for the whole narrative.
std::optional<const doc::Section*> section_arg(Interp& in, const ast::Expr& call, const Args& args, Value& absent) {
  if (!args[0]) return nullptr;
  const Value& v = *args[0];
  if (v.kind == ValueKind::section) return v.section;
  std::string h = text_of(in, v, arg_span(call, 0));
  if (doc::normalize(h).empty()) return nullptr;
  const doc::Section* s = in.doc.find_section(h);
  if (!s) {
    absent = Value::make_absent("情况说明中没有“" + h + "”一节");
    return std::nullopt;
  }
  return s;
}

Value text_impl(Interp& in, const ast::Expr& call, Args& args, bool first_only) {
  if (!args[1]) in.fail(call.text + "() 缺少模式（pattern）", call.span);
  Value absent;
  auto sec = section_arg(in, call, args, absent);
  if (!sec) return absent;
  std::string pattern = text_of(in, *args[1], arg_span(call, 1));
  List found = in.find_text(*sec, pattern, first_only, arg_span(call, 1));
  if (!first_only) return Value::make_list(std::move(found));
  if (found.empty()) {
    std::string where = *sec ? "“" + (*sec)->heading + "”" : std::string("情况说明");
    return Value::make_absent("在" + where + "中没有找到“" + pattern + "”");
  }
  return found[0];
}

Value b_text(Interp& in, const ast::Expr& call, Args& args) { return text_impl(in, call, args, true); }
Value b_texts(Interp& in, const ast::Expr& call, Args& args) { return text_impl(in, call, args, false); }

void section_text(const doc::Document& d, const doc::Section& s, std::string& out, int depth) {
  for (const auto& p : s.paragraphs) out += p.text + "\n";
  if (depth > 64) return;
  for (int c : s.children)
    if (c >= 0 && static_cast<std::size_t>(c) < d.sections.size())
      section_text(d, d.sections[static_cast<std::size_t>(c)], out, depth + 1);
}

Value b_contains(Interp& in, const ast::Expr& call, Args& args) {
  const Value& where = *args[0];
  std::string needle = doc::normalize(text_of(in, *args[1], arg_span(call, 1)));
  std::string hay;
  switch (where.kind) {
    case ValueKind::section: section_text(in.doc, *where.section, hay, 0); break;
    case ValueKind::text:
    case ValueKind::match: hay = where.text; break;
    case ValueKind::table:
      for (const auto& n : where.table->notes) hay += n + "\n";
      break;
    case ValueKind::list: {
      for (const Value& e : *where.list) {
        Args sub{e, *args[1]};
        if (e.is_absent()) continue;
        Value r = b_contains(in, call, sub);
        if (r.kind == ValueKind::boolean && r.flag) return r;
      }
      return Value::make_bool(false);
    }
    default: in.fail(std::string("contains() 的第一个参数应是章节、表、引文或文本，这里是") + kind_name(where.kind), arg_span(call, 0));
  }
  return Value::make_bool(doc::normalize(hay).find(needle) != std::string::npos);
}

// ---- arithmetic and aggregates

Value b_round(Interp& in, const ast::Expr& call, Args& args) {
  Value v = in.as_number(*args[0], arg_span(call, 0));
  if (v.is_absent()) return v;
  Number places = number_arg(in, args, 1, call);
  if (!places.is_integer() || places < Number(-12) || places > Number(12))
    in.fail("round() 的位数应是 -12 到 12 之间的整数", arg_span(call, 1));
  round_mode mode = round_mode::half_up;
  if (args[2]) {
    std::string m = doc::normalize(text_of(in, *args[2], arg_span(call, 2)));
    if (m == "half_even" || m == "银行家" || m == "银行家舍入" || m == "四舍六入五成双")
      mode = round_mode::half_even;
    else if (m != "half_up" && m != "四舍五入")
      in.fail("舍入方式“" + m + "”不认识：可用 half_up（四舍五入）或 half_even（银行家）", arg_span(call, 2));
  }
  Value r = round_value(v, std::stoi(places.to_string(0)), mode);
  return r;
}

Value b_abs(Interp& in, const ast::Expr& call, Args& args) {
  Value v = in.as_number(*args[0], arg_span(call, 0));
  if (v.is_absent()) return v;
  return abs_value(v);
}

// Characters (code points) of a text: the bytes that do not continue a UTF-8 sequence.
Value b_length(Interp& in, const ast::Expr& call, Args& args) {
  if (args[0]->is_absent()) return *args[0];
  std::string t = text_of(in, *args[0], arg_span(call, 0));
  std::int64_t n = 0;
  for (unsigned char c : t) n += (c & 0xC0) != 0x80;
  return Value::exact(Number(n));
}

// Decimals as printed: "68.31%" 2, "1,063.13" 2, "5" 0. Sums and differences
// of printed figures keep the larger of their places (value.cpp), round()
// sets its own; other computed values and literals have none. The count keeps
// the figure's origins, so that a failing expect names where it was printed.
Value b_places(Interp& in, const ast::Expr& call, Args& args) {
  Value v = in.as_number(*args[0], arg_span(call, 0));
  if (v.is_absent()) return v;
  if (v.places < 0) return Value::make_absent("“" + display(v) + "”不是文件中印出的数，没有所印的小数位数");
  Value n = Value::exact(Number(v.places));
  n.origins = v.origins;  // a failure names the figure whose places were counted
  return n;
}

// Numbers of a list (absent: the first absent element).
std::optional<List> numbers(Interp& in, const List& items, ast::Span span, Value& absent) {
  List out;
  for (const Value& e : items) {
    if (e.is_absent()) {
      absent = e;
      return std::nullopt;
    }
    Value n = in.as_number(e, span);
    if (n.is_absent()) {
      absent = n;
      return std::nullopt;
    }
    out.push_back(std::move(n));
  }
  return out;
}

Value extreme(Interp& in, const ast::Expr& call, Args& args, bool want_min) {
  Value absent;
  auto nums = numbers(in, spread(args), call.span, absent);
  if (!nums) return absent;
  if (nums->empty()) in.fail(call.text + "() 至少需要一个数", call.span);
  Value best = (*nums)[0];
  bool unbounded = best.unbounded;
  Number lo = best.lo, hi = best.hi;
  for (const Value& v : *nums) {
    unbounded = unbounded || v.unbounded;
    if (want_min ? v.num < best.num : v.num > best.num) best = v;
    lo = want_min ? std::min(lo, v.lo) : std::max(lo, v.lo);
    hi = want_min ? std::min(hi, v.hi) : std::max(hi, v.hi);
  }
  best.lo = lo;
  best.hi = hi;
  best.unbounded = unbounded;
  return best;
}

Value b_min(Interp& in, const ast::Expr& call, Args& args) { return extreme(in, call, args, true); }
Value b_max(Interp& in, const ast::Expr& call, Args& args) { return extreme(in, call, args, false); }

const List& want_list(Interp& in, const Args& args, std::size_t i, const ast::Expr& call) {
  return *want(in, args, i, ValueKind::list, call).list;
}

Value b_sum(Interp& in, const ast::Expr& call, Args& args) {
  const List& items = want_list(in, args, 0, call);
  List values;
  if (args[1]) {
    const Value& col = want(in, args, 1, ValueKind::column, call);
    for (const Value& e : items) {
      if (e.is_absent()) return e;
      if (e.kind != ValueKind::row) in.fail(std::string("给出栏时，sum() 的第一个参数应是行的列表，这里有") + kind_name(e.kind), arg_span(call, 0));
      int c = in.column_in_block(col, *e.table, e.row->block);
      if (c < 0)
        return Value::make_absent(table_name(*e.table) + " " + row_name(*e.row) + " 行所在栏组没有“" +
                                  column_name(*col.table, col.block, col.column) + "”");
      values.push_back(in.cell_value(*e.table, *e.row, c));
    }
  } else {
    values = items;
  }
  Value absent;
  auto nums = numbers(in, values, arg_span(call, 0), absent);
  if (!nums) return absent;
  // The total's places are the addends' (up to Value::kMaxOrigins), gathered
  // once: adding to a total that carries them would copy them at every step.
  Value total = Value::exact(Number(0));
  std::vector<Origin> origins;
  for (const Value& v : *nums) {
    in.tick(call.span);
    total = add(total, v);
    merge_origins(origins, total.origins);
    total.origins.clear();
  }
  total.origins = std::move(origins);
  if (in.tracing()) {  // the addends, for the derivation's call step
    std::string terms;
    std::size_t n = 0;
    for (const Value& v : *nums) {
      if (++n > 30) {
        terms += " + …（共 " + std::to_string(nums->size()) + " 项）";
        break;
      }
      terms += (terms.empty() ? "" : " + ") + num_text(v);
    }
    in.call_detail = terms.empty() ? "0（空列表）" : terms;
  }
  return total;
}

Value b_count(Interp& in, const ast::Expr& call, Args& args) {
  std::size_t n = want_list(in, args, 0, call).size();
  if (in.tracing()) in.call_detail = "数出 " + std::to_string(n) + " 项";
  return Value::exact(Number(static_cast<std::int64_t>(n)));
}

Value b_avg(Interp& in, const ast::Expr& call, Args& args) {
  const List& items = want_list(in, args, 0, call);
  if (items.empty()) return Value::make_absent("列表为空，没有平均值");
  Args sum_args{args[0], std::nullopt};
  Value total = b_sum(in, call, sum_args);
  if (total.is_absent()) return total;
  if (in.tracing())
    in.call_detail = "（" + in.call_detail + "）÷ " + std::to_string(items.size()) + " = " + num_text(total) + " ÷ " +
                     std::to_string(items.size());
  return *divide(total, Value::exact(Number(static_cast<std::int64_t>(items.size()))));
}

Value quantifier(Interp& in, const ast::Expr& call, Args& args, bool is_any) {
  const List& items = want_list(in, args, 0, call);
  const Value* absent = nullptr;
  for (const Value& e : items) {
    if (e.is_absent()) {
      if (!absent) absent = &e;
      continue;
    }
    if (e.kind != ValueKind::boolean)
      in.fail(call.text + "() 的列表应全是真假值，这里有" + kind_name(e.kind) + "“" + display(e) + "”", arg_span(call, 0));
    if (e.flag == is_any) return Value::make_bool(is_any);
  }
  if (absent) return *absent;
  return Value::make_bool(!is_any);
}

Value b_any(Interp& in, const ast::Expr& call, Args& args) { return quantifier(in, call, args, true); }
Value b_all(Interp& in, const ast::Expr& call, Args& args) { return quantifier(in, call, args, false); }

// ---- rule outcomes

Value b_passed(Interp& in, const ast::Expr& call, Args& args) {
  if (!in.in_scores) in.fail("passed() 只能在评分（score）中使用：规则的结果要等所有规则运行完", call.span);
  std::string id = text_of(in, *args[0], arg_span(call, 0));
  auto it = in.rule_tally.find(id);
  if (it == in.rule_tally.end()) in.fail("没有编号为“" + id + "”的规则", arg_span(call, 0));
  return Value::make_bool(it->second.first == it->second.second);
}

Value b_pass_rate(Interp& in, const ast::Expr& call, Args& args) {
  if (!in.in_scores) in.fail("pass_rate() 只能在评分（score）中使用：规则的结果要等所有规则运行完", call.span);
  std::string prefix = text_of(in, *args[0], arg_span(call, 0));
  std::int64_t passed = 0, judged = 0;
  bool any_rule = false;
  for (const auto& [id, t] : in.rule_tally) {
    if (id.compare(0, prefix.size(), prefix) != 0) continue;
    any_rule = true;
    passed += t.first;
    judged += t.second;
  }
  if (!any_rule) in.fail("没有编号以“" + prefix + "”开头的规则", arg_span(call, 0));
  if (judged == 0) return Value::make_absent("编号以“" + prefix + "”开头的规则都不适用，没有已判定的实例");
  return Value::exact(Number::fraction(passed, judged));
}

const std::map<std::string_view, Impl>& impls() {
  static const std::map<std::string_view, Impl> table = {
      {"table", b_table},
      {"tables", b_tables},
      {"present", b_present},
      {"rows", b_rows},
      {"children", b_children},
      {"parent", b_parent},
      {"has_children", b_has_children},
      {"columns", b_columns},
      {"amount_columns", b_amount_columns},
      {"code", b_code},
      {"label", b_label},
      {"hangci", b_hangci},
      {"lanci", b_lanci},
      {"header", b_header},
      {"is_blank", b_is_blank},
      {"exists", b_exists},
      {"declared_empty", b_declared_empty},
      {"has_figures", b_has_figures},
      {"notes", b_notes},
      {"department", b_department},
      {"unit", b_unit},
      {"year", b_year},
      {"kind", b_kind},
      {"section", b_section},
      {"length", b_length},
      {"headings", b_headings},
      {"text", b_text},
      {"texts", b_texts},
      {"contains", b_contains},
      {"round", b_round},
      {"abs", b_abs},
      {"places", b_places},
      {"min", b_min},
      {"max", b_max},
      {"sum", b_sum},
      {"count", b_count},
      {"avg", b_avg},
      {"any", b_any},
      {"all", b_all},
      {"passed", b_passed},
      {"pass_rate", b_pass_rate},
  };
  return table;
}

}  // namespace

std::vector<std::string_view> implemented_builtins() {
  std::vector<std::string_view> names;
  for (const auto& [name, fn] : impls()) names.push_back(name);
  return names;
}

Value Interp::call_builtin(int index, const ast::Expr& call, Args& args, Env&) {
  const lang::BuiltinSig& sig = lang::builtins().at(static_cast<std::size_t>(index));
  // The implementation of each signature, looked up by name once.
  static const std::vector<Impl> by_index = [] {
    std::vector<Impl> v;
    for (const lang::BuiltinSig& b : lang::builtins()) {
      auto found = impls().find(b.name);
      v.push_back(found == impls().end() ? nullptr : found->second);
    }
    return v;
  }();
  Impl impl = by_index[static_cast<std::size_t>(index)];
  if (!impl) fail("内置函数 " + std::string(sig.name) + "() 尚未实现", call.span);
  // Absent in, absent out: except exists(), which asks exactly that, and the
  // variadic look-ups of names, which skip what is absent.
  if (sig.name != "exists" && !sig.variadic)
    for (const auto& a : args)
      if (a && a->is_absent()) return *a;
  return impl(*this, call, args);
}

}  // namespace gouji::eval::detail
