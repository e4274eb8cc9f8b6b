// Expressions, document access, names and globals.
#include "lang/builtins.hpp"
#include "runtime/eval/interp.hpp"

#include <algorithm>

namespace gouji::eval::detail {

namespace {

constexpr int kMaxNesting = 400;          // expression recursion (guards the C++ stack)
constexpr std::size_t kMaxRange = 10000;  // elements of a range

const Value* find_local(const Env& env, std::string_view name) {
  for (auto it = env.rbegin(); it != env.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

// "公开01表" → {"公开", 1, 2, "表"}: the first run of ASCII digits.
struct Numbered {
  std::string prefix;
  long long n = 0;
  std::size_t width = 0;
  std::string suffix;
  bool ok = false;
};

Numbered split_number(const std::string& s) {
  Numbered r;
  std::size_t b = s.find_first_of("0123456789");
  if (b == std::string::npos) return r;
  std::size_t e = b;
  while (e < s.size() && s[e] >= '0' && s[e] <= '9' && e - b < 9) ++e;
  if (e < s.size() && s[e] >= '0' && s[e] <= '9') return r;
  r.prefix = s.substr(0, b);
  r.suffix = s.substr(e);
  r.width = e - b;
  for (std::size_t i = b; i < e; ++i) r.n = r.n * 10 + (s[i] - '0');
  r.ok = true;
  return r;
}

}  // namespace

Interp::Interp(const PackView& p, const doc::Document& d, const Options& o) : pack(p), doc(d), opt(o) {
  for (const ast::Param* x : pack.params) global_index_[x->name].second = x;
  for (const ast::Let* l : pack.lets) global_index_[l->name].first = l;
}

void Interp::fail(std::string reason, ast::Span span) const { throw Fault{std::move(reason), span, false}; }

void Interp::tick(ast::Span span) {
  if (++steps_ > opt.max_steps)
    throw Fault{"求值超过 " + std::to_string(opt.max_steps) + " 步的上限（规则可能过于复杂或有循环）", span, true};
}

std::string Interp::source_text(ast::Span span) const {
  return pack.source_text ? pack.source_text(span) : std::string();
}

Number Interp::half_unit(int places) const {
  // 0.5, 0.05, … 0.5 × 10^-15: the places figures are printed with.
  static const std::vector<Number> table = [] {
    std::vector<Number> v;
    for (int p = 0; p <= 15; ++p) v.push_back(Number::ulp(p) * Number::fraction(1, 2));
    return v;
  }();
  if (places >= 0 && places < static_cast<int>(table.size())) return table[static_cast<std::size_t>(places)];
  return Number::ulp(places) * Number::fraction(1, 2);
}

// ---------------------------------------------------------------- document

Value Interp::table_value(const doc::Table& t) const {
  Value v;
  v.kind = ValueKind::table;
  v.table = &t;
  return v;
}

Value Interp::row_value(const doc::Table& t, const doc::Row& r) const {
  Value v;
  v.kind = ValueKind::row;
  v.table = &t;
  v.row = &r;
  v.block = r.block;
  return v;
}

Interp::TableLookups& Interp::lookups(const doc::Table& t) {
  TableLookups& l = lookups_[&t];
  if (l.columns.empty()) {
    std::size_t blocks = t.blocks.size() + 1;
    l.rows_by_label.resize(blocks);
    l.rows_by_code.resize(blocks);
    l.columns.resize(blocks);
    l.name = table_name(t);
    l.row_names.resize(t.rows.size());
    l.column_names.resize(t.blocks.size());
    for (std::size_t b = 0; b < t.blocks.size(); ++b) l.column_names[b].resize(t.blocks[b].columns.size());
  }
  return l;
}

namespace {
// A remembered lookup: the row or column index stored under `key`, or
// computed by `look` and stored.
template <class Map, class Look>
int remembered(Map& map, std::string_view key, Look&& look) {
  auto it = map.find(key);
  if (it != map.end()) return it->second;
  int v = look();
  map.emplace(std::string(key), v);
  return v;
}

const doc::Row* row_at(const doc::Table& t, int i) { return i < 0 ? nullptr : &t.rows[static_cast<std::size_t>(i)]; }
int index_of(const doc::Table& t, const doc::Row* r) { return r ? static_cast<int>(r - t.rows.data()) : -1; }
}  // namespace

const doc::Row* Interp::find_row_by_label(const doc::Table& t, std::string_view label, int block) {
  if (block < -1 || block >= static_cast<int>(t.blocks.size())) return t.row_by_label(label, block);
  auto& map = lookups(t).rows_by_label[static_cast<std::size_t>(block + 1)];
  return row_at(t, remembered(map, label, [&] { return index_of(t, t.row_by_label(label, block)); }));
}

const doc::Row* Interp::find_row_by_code(const doc::Table& t, std::string_view code, int block) {
  if (block < -1 || block >= static_cast<int>(t.blocks.size())) return t.row_by_code(code, block);
  auto& map = lookups(t).rows_by_code[static_cast<std::size_t>(block + 1)];
  return row_at(t, remembered(map, code, [&] { return index_of(t, t.row_by_code(code, block)); }));
}

int Interp::find_column_by_header(const doc::Table& t, int block, std::string_view name) {
  if (block < 0 || block >= static_cast<int>(t.blocks.size())) return -1;
  auto& map = lookups(t).columns[static_cast<std::size_t>(block + 1)];
  return remembered(map, name, [&] { return t.column_by_header(block, name); });
}

const std::vector<const doc::Table*>& Interp::find_tables(std::string_view name) {
  auto it = tables_by_name_.find(name);
  if (it == tables_by_name_.end()) it = tables_by_name_.emplace(std::string(name), doc.find_tables(name)).first;
  return it->second;
}

const std::string& Interp::table_label(const doc::Table& t) { return lookups(t).name; }

const std::string& Interp::row_label(const doc::Table& t, const doc::Row& r) {
  TableLookups& l = lookups(t);
  int i = index_of(t, &r);
  if (i < 0 || static_cast<std::size_t>(i) >= l.row_names.size()) {
    return intern(row_name(r));
  }
  std::string& s = l.row_names[static_cast<std::size_t>(i)];
  if (s.empty()) s = row_name(r);
  return s;
}

const std::string& Interp::column_label(const doc::Table& t, int block, int column) {
  TableLookups& l = lookups(t);
  if (block < 0 || static_cast<std::size_t>(block) >= l.column_names.size() || column < 0 ||
      static_cast<std::size_t>(column) >= l.column_names[static_cast<std::size_t>(block)].size()) {
    return intern(column_name(t, block, column));
  }
  std::string& s = l.column_names[static_cast<std::size_t>(block)][static_cast<std::size_t>(column)];
  if (s.empty()) s = column_name(t, block, column);
  return s;
}

Value Interp::column_value(const doc::Table& t, int block, int column) const {
  Value v;
  v.kind = ValueKind::column;
  v.table = &t;
  v.block = block;
  v.column = column;
  return v;
}

Value Interp::cell_value(const doc::Table& t, const doc::Row& r, int ci) {
  if (ci < 0 || static_cast<std::size_t>(ci) >= r.cells.size())
    return Value::make_absent(table_label(t) + " " + row_label(t, r) + " 行在" + column_label(t, r.block, ci) +
                              "没有单元格");
  const doc::Cell& c = r.cells[static_cast<std::size_t>(ci)];
  if (opt.access) opt.access->cells.push_back(&c);
  Origin o{table_label(t), row_label(t, r), column_label(t, r.block, ci), c.line ? c.line : r.line, c.text};
  Value v;
  switch (c.kind) {
    case doc::CellKind::number: {
      Number h = half_unit(std::max<int>(opt.amount_places, c.places));
      v = Value::exact(c.value);
      v.lo = c.value - h;
      v.hi = c.value + h;
      v.places = c.places;
      break;
    }
    case doc::CellKind::percent: {
      Number h = half_unit(c.places + 2);
      v = Value::exact(c.value);
      v.lo = c.value - h;
      v.hi = c.value + h;
      v.places = c.places;
      v.percent = true;
      break;
    }
    case doc::CellKind::blank: {
      Number h = half_unit(opt.amount_places);
      v = Value::exact(Number(0));
      v.lo = -h;
      v.hi = h;
      v.blank = true;
      v.places = opt.amount_places;
      break;
    }
    case doc::CellKind::text: v = Value::make_text(c.text); break;
  }
  v.origins.push_back(std::move(o));
  if (tracing()) trace_read(t, r, c, v);
  return v;
}

int Interp::column_in_block(const Value& col, const doc::Table& t, int block) {
  if (col.table == &t && col.block == block) return col.column;
  if (col.block < 0 || static_cast<std::size_t>(col.block) >= col.table->blocks.size()) return -1;
  const auto& cols = col.table->blocks[static_cast<std::size_t>(col.block)].columns;
  if (col.column < 0 || static_cast<std::size_t>(col.column) >= cols.size()) return -1;
  const doc::Column& c = cols[static_cast<std::size_t>(col.column)];
  if (c.lanci) {
    int k = t.column_by_lanci(block, *c.lanci);
    if (k >= 0) return k;
  }
  if (!c.header.empty()) {
    int k = find_column_by_header(t, block, c.header.back());
    if (k >= 0) return k;
  }
  return -1;
}

Value Interp::cell_of(const Value& v, ast::Span span) {
  if (v.kind == ValueKind::column) {
    const doc::Table& t = *v.table;
    std::vector<const doc::Row*> rows;
    for (const doc::Row& r : t.rows)
      if (r.block == v.block) rows.push_back(&r);
    if (rows.size() == 1) {
      Value c = cell_value(t, *rows[0], v.column);
      if (tracing()) trace_name_read(span, c);
      return c;
    }
    if (rows.empty()) return Value::make_absent(table_name(t) + " " + column_name(t, v.block, v.column) + "没有数据行");
    fail(table_name(t) + "有 " + std::to_string(rows.size()) + " 行，请指明行（如 t[行 1][栏 N]）：" +
             column_name(t, v.block, v.column),
         span);
  }
  if (v.kind == ValueKind::row) {
    const doc::Table& t = *v.table;
    const auto& cols = t.blocks.at(static_cast<std::size_t>(v.row->block)).columns;
    std::vector<int> amounts;
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (cols[i].role == doc::ColumnRole::amount) amounts.push_back(static_cast<int>(i));
    if (amounts.size() == 1) {
      Value c = cell_value(t, *v.row, amounts[0]);
      if (tracing()) trace_name_read(span, c);
      return c;
    }
    fail(table_name(t) + " " + row_name(*v.row) + " 行有 " + std::to_string(amounts.size()) +
             " 个金额栏，请指明栏（如 r[栏 1]）",
         span);
  }
  return v;
}

Value Interp::as_number(const Value& value, ast::Span span) {
  Value v = cell_of(value, span);
  switch (v.kind) {
    case ValueKind::number:
    case ValueKind::absent: return v;
    case ValueKind::match: {
      if (!v.flag) fail("引文“" + v.text + "”中没有数字", span);
      Value n = v;
      n.kind = ValueKind::number;
      n.fields.reset();
      n.flag = false;
      return n;
    }
    case ValueKind::text: {
      std::string where = v.origins.empty() ? "" : "（" + v.origins[0].describe() + "）";
      fail("“" + v.text + "”" + where + "是文本，不能当作数值", span);
    }
    default: fail(std::string(kind_name(v.kind)) + "不能当作数值", span);
  }
}

// ---------------------------------------------------------------- globals

}  // namespace gouji::eval::detail

namespace gouji::eval {

Value parse_param_value(std::string_view text) {
  std::string s = doc::normalize(text);
  if (s == "true" || s == "真") return Value::make_bool(true);
  if (s == "false" || s == "假") return Value::make_bool(false);
  if (!s.empty() && s.back() == '%') {
    if (auto n = Number::parse_decimal(std::string_view(s).substr(0, s.size() - 1))) {
      Value v = Value::exact(*Number::divide(*n, Number(100)));
      v.percent = true;
      return v;
    }
  }
  if (auto n = Number::parse_decimal(s)) return Value::exact(*n);
  return Value::make_text(std::string(text));
}

}  // namespace gouji::eval

namespace gouji::eval::detail {

Value Interp::param_value(const ast::Param& p) {
  auto it = opt.params.find(p.name);
  if (it != opt.params.end()) return parse_param_value(it->second);
  if (!p.value) return Value::make_absent("参数“" + p.name + "”没有默认值");
  Env env;
  return eval(*p.value, env);
}

std::optional<Value> Interp::global(const std::string& name) {
  auto found = global_index_.find(name);
  if (found == global_index_.end()) return std::nullopt;
  const ast::Let* let = found->second.first;
  const ast::Param* param = let ? nullptr : found->second.second;
  Global& g = globals_[name];
  switch (g.state) {
    case Global::State::done: return g.value;
    case Global::State::failed: throw g.fault;
    case Global::State::busy:
      fail("“" + name + "”的定义直接或间接引用了它自己", let ? let->span : param->span);
    case Global::State::unset: break;
  }
  g.state = Global::State::busy;
  Quiet quiet(*this);  // a pack constant is shown as one named value
  std::uint64_t saved_steps = steps_;
  int saved_depth = depth_;
  steps_ = 0;
  depth_ = 0;
  try {
    Value v;
    if (let) {
      Env env;
      v = eval(*let->value, env);
    } else {
      v = param_value(*param);
    }
    steps_ = saved_steps;
    depth_ = saved_depth;
    Global& g2 = globals_[name];
    g2.state = Global::State::done;
    g2.value = v;
    return v;
  } catch (const Fault& f) {
    steps_ = saved_steps;
    depth_ = saved_depth;
    Global& g2 = globals_[name];
    g2.state = Global::State::failed;
    g2.fault = f;
    g2.fault.limit = false;  // charged to this definition, not to the rule that used it
    throw g2.fault;
  }
}

Number Interp::pack_tolerance() {
  if (tolerance_) return *tolerance_;
  tolerance_ = Number(0);
  if (pack.tolerance) {
    Env env;
    Value v = as_number(eval(*pack.tolerance, env), pack.tolerance->span);
    if (v.kind == ValueKind::number) tolerance_ = v.num.abs();
  }
  return *tolerance_;
}

// ---------------------------------------------------------------- expressions

Value Interp::eval(const ast::Expr& e, Env& env) {
  tick(e.span);
  if (++nesting_ > kMaxNesting) {
    --nesting_;
    throw Fault{"表达式嵌套过深（超过 " + std::to_string(kMaxNesting) + " 层）", e.span, true};
  }
  struct Unnest {
    int& n;
    ~Unnest() { --n; }
  } unnest{nesting_};

  switch (e.kind) {
    case ast::ExprKind::number: return Value::exact(e.value);
    case ast::ExprKind::percent: {
      Value v = Value::exact(e.value);
      v.percent = true;
      return v;
    }
    case ast::ExprKind::string: return Value::make_text(e.text);
    case ast::ExprKind::boolean: return Value::make_bool(e.flag);
    case ast::ExprKind::name: return eval_name(e, env);
    case ast::ExprKind::member: {
      Value base = eval(*e.args.at(0), env);
      if (base.is_absent()) return base;
      Value v = member(base, e.text, e.span);
      if (tracing()) trace_name_read(e.span, v);
      return v;
    }
    case ast::ExprKind::call: return eval_call(e, env);
    case ast::ExprKind::index: {
      Value v = eval_index(e, env);
      if (tracing()) trace_name_read(e.span, v);
      return v;
    }
    case ast::ExprKind::list: {
      // A comprehension item is spliced in: [r for r in rows(t) where …] is the
      // list of those rows, [a, x for x in xs] is a followed by them.
      List items;
      for (const auto& a : e.args) {
        Value v = eval(*a, env);
        if (a->kind == ast::ExprKind::comprehension && v.kind == ValueKind::list && v.list)
          items.insert(items.end(), v.list->begin(), v.list->end());
        else
          items.push_back(std::move(v));
      }
      return Value::make_list(std::move(items));
    }
    case ast::ExprKind::range: return eval_range(e, env);
    case ast::ExprKind::unary: {
      Value v = eval(*e.args.at(0), env);
      if (v.is_absent()) return v;
      if (e.op == ast::Op::not_) {
        if (v.kind != ValueKind::boolean) fail(std::string("“非”后面应是真假值，这里是") + kind_name(v.kind), e.span);
        return Value::make_bool(!v.flag);
      }
      return negate(as_number(v, e.args[0]->span));
    }
    case ast::ExprKind::binary: return eval_binary(e, env);
    case ast::ExprKind::compare: return eval_compare(e, env, nullptr, std::nullopt);
    case ast::ExprKind::logical: return eval_logical(e, env);
    case ast::ExprKind::cond: {
      Value c = eval(*e.args.at(0), env);
      if (c.is_absent()) return c;
      if (c.kind != ValueKind::boolean) fail(std::string("“如果”后面应是条件，这里是") + kind_name(c.kind), e.args[0]->span);
      return eval(*e.args.at(c.flag ? 1 : 2), env);
    }
    case ast::ExprKind::comprehension: return eval_comprehension(e, env);
  }
  fail("无法求值的表达式", e.span);
}

Value Interp::eval_name(const ast::Expr& e, Env& env) {
  const std::string& name = e.text;
  if (const Value* v = find_local(env, name)) return *v;
  static const std::vector<std::string> undotted;
  const std::vector<std::string>& parts =
      name.find('.') == std::string::npos
          ? undotted
          : [&]() -> const std::vector<std::string>& {
              auto it = dotted_.find(&e);
              if (it == dotted_.end()) it = dotted_.emplace(&e, split_dots(name)).first;
              return it->second;
            }();
  auto members_from = [&](Value base) {
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (base.is_absent()) return base;
      base = member(base, parts[i], e.span);
    }
    if (tracing()) trace_name_read(e.span, base);
    return base;
  };
  if (parts.size() > 1)
    if (const Value* v = find_local(env, parts[0])) return members_from(*v);
  if (auto g = global(name)) {
    if (tracing()) {
      bool is_param = std::any_of(pack.params.begin(), pack.params.end(), [&](const ast::Param* p) { return p->name == name; });
      trace_value(Step::Kind::name, name, *g, is_param ? "参数" : "规则包常量");
    }
    return *g;
  }
  if (parts.size() > 1)
    if (auto g = global(parts[0])) return members_from(*g);
  int bi = lang::builtin_index(name);
  if (bi >= 0) {
    const auto& sig = lang::builtins()[static_cast<std::size_t>(bi)];
    bool nullary = std::all_of(sig.params.begin(), sig.params.end(), [](const auto& p) { return p.optional; });
    if (nullary) {
      Args args(sig.variadic ? 0 : sig.params.size());
      return call_builtin(bi, e, args, env);
    }
  }
  fail("未知名称“" + name + "”", e.span);
}

Value Interp::member(const Value& base, const std::string& name, ast::Span span) {
  switch (base.kind) {
    case ValueKind::row: return index_row(base, ast::Selector::value, Value::make_text(name), span);
    case ValueKind::table: return index_table(base, ast::Selector::value, Value::make_text(name), span);
    case ValueKind::column: return index_column(base, ast::Selector::value, Value::make_text(name), span);
    case ValueKind::match:
      if (base.fields)
        for (const auto& [k, v] : *base.fields)
          if (k == name) {
            if (tracing()) trace_quote(span, base.text, v);
            return v;
          }
      fail("引文没有名为“" + name + "”的部分（模式中可写 {金额:" + name + "}）", span);
    default: fail(std::string(kind_name(base.kind)) + "没有成员“" + name + "”", span);
  }
}

int Interp::int_key(const Value& key, ast::Span span) {
  Value k = key.kind == ValueKind::text ? parse_param_value(key.text) : key;
  if (k.kind != ValueKind::number || !k.num.is_integer() || k.num < Number(-1000000) || k.num > Number(1000000))
    fail("行次、栏次应是整数，这里是“" + display(key) + "”", span);
  return std::stoi(k.num.to_string(0));
}

Value Interp::eval_index(const ast::Expr& e, Env& env) {
  Value base = eval(*e.args.at(0), env);
  if (base.is_absent()) return base;
  Value key = eval(*e.args.at(1), env);
  if (key.is_absent()) return key;
  switch (base.kind) {
    case ValueKind::table: return index_table(base, e.selector, key, e.span);
    case ValueKind::row: return index_row(base, e.selector, key, e.span);
    case ValueKind::column: return index_column(base, e.selector, key, e.span);
    case ValueKind::match:
      if (key.kind == ValueKind::text) return member(base, key.text, e.span);
      break;
    case ValueKind::list:
      if (e.selector == ast::Selector::value && key.kind == ValueKind::number) {
        int i = int_key(key, e.args[1]->span);
        if (i < 1 || static_cast<std::size_t>(i) > base.list->size())
          return Value::make_absent("列表只有 " + std::to_string(base.list->size()) + " 项，没有第 " + std::to_string(i) + " 项");
        return (*base.list)[static_cast<std::size_t>(i - 1)];
      }
      break;
    default: break;
  }
  fail(std::string("不能对") + kind_name(base.kind) + "这样取值", e.span);
}

Value Interp::index_table(const Value& base, ast::Selector sel, const Value& key, ast::Span span) {
  const doc::Table& t = *base.table;
  const std::string& tn = table_label(t);
  switch (sel) {
    case ast::Selector::row: {
      int n = int_key(key, span);
      if (const doc::Row* r = t.row_by_hangci(n)) return row_value(t, *r);
      return Value::make_absent(tn + "没有行次为 " + std::to_string(n) + " 的行");
    }
    case ast::Selector::col: {
      int n = int_key(key, span);
      auto [b, c] = t.find_lanci(n);
      if (b >= 0) return column_value(t, b, c);
      return Value::make_absent(tn + "没有栏次为 " + std::to_string(n) + " 的栏");
    }
    case ast::Selector::code: {
      std::string code = key.kind == ValueKind::number ? key.num.to_string(0) : display(key);
      if (const doc::Row* r = find_row_by_code(t, code)) return row_value(t, *r);
      return Value::make_absent(tn + "没有代码为 " + code + " 的行");
    }
    case ast::Selector::value: break;
  }
  if (key.kind == ValueKind::column && key.table == &t) return key;
  if (key.kind == ValueKind::row && key.table == &t) return key;
  if (key.kind != ValueKind::text)
    fail("表应按行名取行，或写 t[行 58]、t[栏 7]、t[代码 \"201\"]；这里是" + std::string(kind_name(key.kind)), span);
  if (const doc::Row* r = find_row_by_label(t, key.text)) return row_value(t, *r);
  if (const doc::Row* r = find_row_by_code(t, key.text)) return row_value(t, *r);
  return Value::make_absent(tn + "没有名为“" + key.text + "”的行");
}

Value Interp::index_row(const Value& base, ast::Selector sel, const Value& key, ast::Span span) {
  const doc::Table& t = *base.table;
  const doc::Row& r = *base.row;
  auto where = [&] { return table_label(t) + " " + row_label(t, r) + " 行"; };
  switch (sel) {
    case ast::Selector::col: {
      int n = int_key(key, span);
      int c = t.column_by_lanci(r.block, n);
      if (c < 0) return Value::make_absent(where() + "所在栏组没有栏次为 " + std::to_string(n) + " 的栏");
      return cell_value(t, r, c);
    }
    case ast::Selector::row:
    case ast::Selector::code: fail("行不能再按行次或代码取值；请写 r[栏 2] 或 r[\"栏名\"]", span);
    case ast::Selector::value: break;
  }
  if (key.kind == ValueKind::column) {
    int c = column_in_block(key, t, r.block);
    if (c < 0)
      return Value::make_absent(where() + "所在栏组没有“" + column_name(*key.table, key.block, key.column) + "”");
    return cell_value(t, r, c);
  }
  if (key.kind != ValueKind::text) fail("行应按栏取值：r[栏 2]、r[c] 或 r[\"栏名\"]", span);
  int c = find_column_by_header(t, r.block, key.text);
  if (c == -2) fail(table_label(t) + "有不止一栏叫“" + key.text + "”，请用栏次（r[栏 N]）", span);
  if (c < 0) return Value::make_absent(where() + "没有“" + key.text + "”栏");
  return cell_value(t, r, c);
}

Value Interp::index_column(const Value& base, ast::Selector sel, const Value& key, ast::Span span) {
  const doc::Table& t = *base.table;
  const doc::Row* r = nullptr;
  std::string desc;
  switch (sel) {
    case ast::Selector::row: {
      int n = int_key(key, span);
      r = t.row_by_hangci(n);
      desc = "行次为 " + std::to_string(n);
      break;
    }
    case ast::Selector::code: {
      std::string code = key.kind == ValueKind::number ? key.num.to_string(0) : display(key);
      r = find_row_by_code(t, code, base.block);
      if (!r) r = find_row_by_code(t, code);
      desc = "代码为 " + code;
      break;
    }
    case ast::Selector::col: fail("栏不能再按栏次取值", span);
    case ast::Selector::value:
      if (key.kind == ValueKind::row) {
        r = key.row;
        desc = row_name(*r);
        break;
      }
      if (key.kind != ValueKind::text) fail("栏应按行取值：c[行 58]、c[代码 \"201\"] 或 c[\"行名\"]", span);
      r = find_row_by_label(t, key.text, base.block);
      if (!r) r = find_row_by_label(t, key.text);
      if (!r) r = find_row_by_code(t, key.text);
      desc = "名为“" + key.text + "”";
      break;
  }
  if (!r) return Value::make_absent(table_name(t) + "没有" + desc + "的行");
  Value rv = row_value(t, *r);
  return index_row(rv, ast::Selector::value, base, span);
}

Value Interp::eval_binary(const ast::Expr& e, Env& env) {
  Value a = eval(*e.args.at(0), env);
  if (a.is_absent()) return a;
  Value b = eval(*e.args.at(1), env);
  if (b.is_absent()) return b;
  if (e.op == ast::Op::add && (a.kind == ValueKind::text || b.kind == ValueKind::text)) {
    // Text concatenation: "第" + n + "行". A text read from a table is not
    // silently glued to a number: that is a figure that is not a figure.
    bool a_cell = a.kind == ValueKind::text && !a.origins.empty();
    bool b_cell = b.kind == ValueKind::text && !b.origins.empty();
    bool both_text = a.kind == ValueKind::text && b.kind == ValueKind::text;
    if (both_text || (!a_cell && !b_cell)) return Value::make_text(display(a) + display(b));
  }
  a = as_number(a, e.args[0]->span);
  if (a.is_absent()) return a;
  b = as_number(b, e.args[1]->span);
  if (b.is_absent()) return b;
  Value r;
  const char* sign = "";
  switch (e.op) {
    case ast::Op::add: r = add(a, b), sign = " + "; break;
    case ast::Op::sub: r = sub(a, b), sign = " − "; break;
    case ast::Op::mul: r = mul(a, b), sign = " × "; break;
    case ast::Op::div: {
      auto q = divide(a, b);
      if (!q) {
        std::string what = source_text(e.args[1]->span);
        std::string origin = b.origins.size() == 1 ? "（" + b.origins[0].describe() + "）" : "";
        fail("除数为 0：" + (what.empty() ? std::string("除数") : what) + origin + " = " + display(b), e.span);
      }
      r = std::move(*q);
      sign = " ÷ ";
      break;
    }
    default: fail("无法求值的运算", e.span);
  }
  if (tracing()) trace_value(Step::Kind::compute, expr_text(e.span), r, num_text(a) + sign + num_text(b));
  return r;
}

namespace {

bool numeric_like(const Value& v) {
  return v.kind == ValueKind::number || v.kind == ValueKind::match || v.kind == ValueKind::column ||
         v.kind == ValueKind::row;
}

const char* op_text(ast::Op op) {
  switch (op) {
    case ast::Op::eq: return "==";
    case ast::Op::ne: return "≠";
    case ast::Op::lt: return "<";
    case ast::Op::le: return "≤";
    case ast::Op::gt: return ">";
    case ast::Op::ge: return "≥";
    case ast::Op::approx: return "≈";
    case ast::Op::in: return "属于";
    default: return "?";
  }
}

}  // namespace

// == on two texts (after normalisation) or two conditions, for == / != / ≈
// and for membership (in).
static bool same_text_or_flag(const Value& a, const Value& b) {
  return a.kind == ValueKind::text ? doc::normalize(a.text) == doc::normalize(b.text) : a.flag == b.flag;
}

Value Interp::eval_compare(const ast::Expr& e, Env& env, Decided* d, const std::optional<Number>& tol) {
  Value a = eval(*e.args.at(0), env);
  if (a.is_absent()) return a;
  Value b = eval(*e.args.at(1), env);
  if (b.is_absent()) return b;
  // A column of a one-row table or a row with one amount column stands for
  // its cell, which may hold a figure or a text.
  a = cell_of(a, e.args[0]->span);
  if (a.is_absent()) return a;
  if (e.op == ast::Op::in) return eval_in(e, a, b, d);
  b = cell_of(b, e.args[1]->span);
  if (b.is_absent()) return b;
  bool ok = false;
  if (numeric_like(a) && numeric_like(b)) {
    a = as_number(a, e.args[0]->span);
    if (a.is_absent()) return a;
    b = as_number(b, e.args[1]->span);
    if (b.is_absent()) return b;
    Number t;
    switch (e.op) {
      case ast::Op::eq: ok = a.num == b.num; break;
      case ast::Op::ne: ok = a.num != b.num; break;
      case ast::Op::lt: ok = a.num < b.num; break;
      case ast::Op::le: ok = a.num <= b.num; break;
      case ast::Op::gt: ok = a.num > b.num; break;
      case ast::Op::ge: ok = a.num >= b.num; break;
      case ast::Op::approx: {
        t = tol ? *tol : pack_tolerance();
        // The intervals overlap, after widening by t, iff the interval of
        // a − b reaches into [−t, t].
        ok = a.unbounded || b.unbounded || ((a.lo - b.hi) <= t && (a.hi - b.lo) >= -t);
        break;
      }
      default: fail("未知的比较", e.span);
    }
    if (tracing()) {
      std::string detail = num_text(a) + " " + op_text(e.op) + " " + num_text(b);
      if (e.op == ast::Op::approx)
        detail += "（区间 " + interval_text(a) + " 与 " + interval_text(b) + "，容差 " + exact_text(t) + "）";
      Step st;
      st.kind = Step::Kind::compare;
      st.expr = expr_text(e.span);
      st.detail = std::move(detail);
      st.value = ok ? "是" : "否";
      trace(std::move(st));
    }
    if (d) {
      d->compared = true;
      d->op = e.op;
      d->lhs = e.args[0].get();
      d->rhs = e.args[1].get();
      d->left = a;
      d->right = b;
      d->tolerance = e.op == ast::Op::approx ? std::optional<Number>(t) : std::nullopt;
    }
    return Value::make_bool(ok);
  }
  bool same_kind = a.kind == b.kind && (a.kind == ValueKind::text || a.kind == ValueKind::boolean);
  if (!same_kind || (e.op != ast::Op::eq && e.op != ast::Op::ne && e.op != ast::Op::approx))
    fail(std::string("不能用“") + op_text(e.op) + "”比较" + kind_name(a.kind) + "“" + display(a) + "”与" +
             kind_name(b.kind) + "“" + display(b) + "”",
         e.span);
  bool equal = same_text_or_flag(a, b);
  ok = e.op == ast::Op::ne ? !equal : equal;
  if (tracing()) {
    Step st;
    st.kind = Step::Kind::compare;
    st.expr = expr_text(e.span);
    st.detail = "“" + display(a) + "” " + op_text(e.op) + " “" + display(b) + "”";
    st.value = ok ? "是" : "否";
    trace(std::move(st));
  }
  if (d) {
    d->compared = true;
    d->op = e.op;
    d->lhs = e.args[0].get();
    d->rhs = e.args[1].get();
    d->left = a;
    d->right = b;
    d->tolerance.reset();
  }
  return Value::make_bool(ok);
}

// x in 列表: whether an element equals x as == would compare them (figures
// exactly, texts after normalisation); an element that cannot be compared
// with x (a text with a figure) is not equal to it.
Value Interp::eval_in(const ast::Expr& e, const Value& a, const Value& b, Decided* d) {
  if (b.kind != ValueKind::list)
    fail("“属于”（in）的右边要是列表，这里是" + std::string(kind_name(b.kind)) + "“" + display(b) + "”", e.args[1]->span);
  bool found = false;
  static const List none;
  for (const Value& raw : b.list ? *b.list : none) {
    if (raw.is_absent()) continue;
    Value x = cell_of(raw, e.args[1]->span);
    if (x.is_absent()) continue;
    if (numeric_like(a) && numeric_like(x)) {
      Value l = as_number(a, e.args[0]->span), r = as_number(x, e.args[1]->span);
      found = !l.is_absent() && !r.is_absent() && l.num == r.num;
    } else if (a.kind == x.kind && (a.kind == ValueKind::text || a.kind == ValueKind::boolean)) {
      found = same_text_or_flag(a, x);
    }
    if (found) break;
  }
  if (tracing()) {
    Step st;
    st.kind = Step::Kind::compare;
    st.expr = expr_text(e.span);
    st.detail = "“" + display(a) + "” 属于 " + display(b);
    st.value = found ? "是" : "否";
    trace(std::move(st));
  }
  if (d) d->compared = false;  // a membership has no two figures to show
  return Value::make_bool(found);
}

Value Interp::eval_logical(const ast::Expr& e, Env& env) {
  bool is_and = e.op == ast::Op::and_;
  Value a = eval(*e.args.at(0), env);
  if (!a.is_absent() && a.kind != ValueKind::boolean)
    fail(std::string(is_and ? "“且”" : "“或”") + "两边应是条件，这里是" + kind_name(a.kind), e.args[0]->span);
  if (!a.is_absent() && a.flag != is_and) return a;  // false and …, true or …
  Value b = eval(*e.args.at(1), env);
  if (!b.is_absent() && b.kind != ValueKind::boolean)
    fail(std::string(is_and ? "“且”" : "“或”") + "两边应是条件，这里是" + kind_name(b.kind), e.args[1]->span);
  if (a.is_absent()) {
    if (!b.is_absent() && b.flag != is_and) return b;  // absent and false = false; absent or true = true
    return a;
  }
  return b;
}

Value Interp::eval_range(const ast::Expr& e, Env& env) {
  Value a = eval(*e.args.at(0), env);
  if (a.is_absent()) return a;
  Value b = eval(*e.args.at(1), env);
  if (b.is_absent()) return b;
  List items;
  if (a.kind == ValueKind::number && b.kind == ValueKind::number) {
    if (!a.num.is_integer() || !b.num.is_integer()) fail("范围的两端应是整数", e.span);
    Number n = a.num;
    if (b.num - a.num > Number(static_cast<std::int64_t>(kMaxRange)))
      fail("范围太大（超过 " + std::to_string(kMaxRange) + " 项）", e.span);
    for (; n <= b.num; n += Number(1)) {
      tick(e.span);
      items.push_back(Value::exact(n));
    }
    return Value::make_list(std::move(items));
  }
  if (a.kind != ValueKind::text || b.kind != ValueKind::text) fail("范围的两端应同是整数或同是文本", e.span);
  Numbered x = split_number(a.text), y = split_number(b.text);
  if (!x.ok || !y.ok || x.prefix != y.prefix || x.suffix != y.suffix)
    fail("“" + a.text + "”..“" + b.text + "”：两端应只有编号不同，如 \"公开01表\" .. \"公开09表\"", e.span);
  if (y.n < x.n) fail("范围的终点小于起点", e.span);
  if (static_cast<std::size_t>(y.n - x.n) > kMaxRange) fail("范围太大", e.span);
  for (long long n = x.n; n <= y.n; ++n) {
    tick(e.span);
    std::string digits = std::to_string(n);
    if (digits.size() < x.width) digits.insert(0, x.width - digits.size(), '0');
    items.push_back(Value::make_text(x.prefix + digits + x.suffix));
  }
  return Value::make_list(std::move(items));
}

Value Interp::eval_comprehension(const ast::Expr& e, Env& env) {
  Value coll = eval(*e.args.at(1), env);
  if (coll.is_absent()) return coll;
  if (coll.kind != ValueKind::list) fail(std::string("“for … in”后面应是列表，这里是") + kind_name(coll.kind), e.args[1]->span);
  List items;
  for (const Value& x : *coll.list) {
    env.emplace_back(e.text, x);
    struct Pop {
      Env& env;
      ~Pop() { env.pop_back(); }
    } pop{env};
    bool keep = true;
    std::size_t mark = trace_.size();
    if (e.args.size() > 2 && e.args[2]) {
      Value w = eval(*e.args[2], env);
      if (w.is_absent()) return w;
      if (w.kind != ValueKind::boolean) fail(std::string("“where”后面应是条件，这里是") + kind_name(w.kind), e.args[2]->span);
      keep = w.flag;
    }
    if (tracing()) trace_item(e.text + " = " + display_binding(x), mark, keep, e.args.size() > 2 && e.args[2]);
    if (!keep) continue;
    items.push_back(eval(*e.args[0], env));
  }
  return Value::make_list(std::move(items));
}

Value Interp::eval_call(const ast::Expr& e, Env& env) {
  // What the call's name names, found once per call expression: a function
  // of the pack (it wins over a built-in of the same name) or a built-in.
  auto callee = callees_.find(&e);
  if (callee == callees_.end()) {
    const ast::Function* fn = nullptr;
    for (const ast::Function* f : pack.functions)
      if (!fn && f->name == e.text) fn = f;
    callee = callees_.emplace(&e, std::make_pair(fn, fn ? -1 : lang::builtin_index(e.text))).first;
  }
  if (callee->second.first) return call_function(*callee->second.first, e, env);
  int bi = callee->second.second;
  if (bi < 0) fail("未知函数“" + e.text + "”", e.span);
  const lang::BuiltinSig& sig = lang::builtins()[static_cast<std::size_t>(bi)];
  // Chinese names of named arguments.
  static const std::map<std::string, std::string, std::less<>> kArgAlias = {
      {"章节", "section"}, {"模式", "pattern"}, {"栏", "column"}, {"位数", "places"},
      {"方式", "mode"},    {"表", "table"},     {"行", "row"},    {"栏组", "block"}};
  Args args(sig.variadic ? 0 : sig.params.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    const std::string& an = i < e.arg_names.size() ? e.arg_names[i] : std::string();
    Value v = eval(*e.args[i], env);
    if (sig.variadic) {
      args.emplace_back(std::move(v));
      continue;
    }
    std::size_t pos = next;
    if (!an.empty()) {
      auto al = kArgAlias.find(an);
      std::string_view want = al != kArgAlias.end() ? std::string_view(al->second) : std::string_view(an);
      pos = sig.params.size();
      for (std::size_t k = 0; k < sig.params.size(); ++k)
        if (sig.params[k].name == want) pos = k;
      if (pos == sig.params.size()) fail(e.text + "() 没有名为“" + an + "”的参数", e.args[i]->span);
    } else {
      ++next;
    }
    if (pos >= args.size()) fail(e.text + "() 的参数太多", e.args[i]->span);
    if (args[pos]) fail(e.text + "() 的参数“" + std::string(sig.params[pos].name) + "”给了两次", e.args[i]->span);
    args[pos] = std::move(v);
  }
  if (!sig.variadic)
    for (std::size_t k = 0; k < sig.params.size(); ++k)
      if (!args[k] && !sig.params[k].optional && !(sig.name == "text" || sig.name == "texts"))
        fail(e.text + "() 缺少参数“" + std::string(sig.params[k].name) + "”", e.span);
  if (!tracing()) return call_builtin(bi, e, args, env);
  call_detail.clear();
  Value r = call_builtin(bi, e, args, env);
  if (r.kind == ValueKind::match) {
    if (r.flag) trace_quote(e.span, r.text, r);
  } else if (r.has_number()) {
    std::string detail = std::move(call_detail);
    if (detail.empty()) {
      for (const auto& a : args) {
        if (!a) continue;
        std::string shown = a->kind == ValueKind::list ? "列表（" + std::to_string(a->list->size()) + " 项）"
                            : a->has_number()          ? num_text(*a)
                                                       : display(*a);
        detail += (detail.empty() ? "" : "，") + shown;
      }
      detail = e.text + "（" + detail + "）";
    }
    trace_value(Step::Kind::call, expr_text(e.span), r, std::move(detail));
  }
  call_detail.clear();
  return r;
}

Value Interp::call_function(const ast::Function& f, const ast::Expr& call, Env& env) {
  if (call.args.size() != f.params.size())
    fail(f.name + "() 需要 " + std::to_string(f.params.size()) + " 个参数，这里给了 " + std::to_string(call.args.size()) +
             " 个",
         call.span);
  Env inner;
  inner.reserve(f.params.size());
  std::vector<bool> given(f.params.size(), false);
  std::size_t next = 0;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const std::string& an = i < call.arg_names.size() ? call.arg_names[i] : std::string();
    std::size_t pos = next;
    if (!an.empty()) {
      auto it = std::find(f.params.begin(), f.params.end(), an);
      if (it == f.params.end()) fail(f.name + "() 没有名为“" + an + "”的参数", call.args[i]->span);
      pos = static_cast<std::size_t>(it - f.params.begin());
    } else {
      ++next;
    }
    if (pos >= f.params.size() || given[pos]) fail(f.name + "() 的参数有误", call.args[i]->span);
    given[pos] = true;
    inner.emplace_back(f.params[pos], eval(*call.args[i], env));
  }
  if (++depth_ > opt.max_depth) {
    --depth_;
    throw Fault{"函数调用嵌套超过 " + std::to_string(opt.max_depth) + " 层（" + f.name + "）", call.span, true};
  }
  struct Undepth {
    int& d;
    ~Undepth() { --d; }
  } undepth{depth_};
  if (!tracing()) return eval(*f.body, inner);
  std::string detail;
  for (const auto& [name, v] : inner)
    detail += (detail.empty() ? "" : "，") + name + " = " + (v.has_number() ? num_text(v) : display_binding(v));
  Value r = eval(*f.body, inner);
  if (r.has_number()) trace_value(Step::Kind::call, expr_text(call.span), r, f.name + "（" + detail + "）");
  return r;
}

}  // namespace gouji::eval::detail
