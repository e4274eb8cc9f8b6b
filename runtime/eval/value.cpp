// Values: construction, interval arithmetic, display.
#include "runtime/eval/value.hpp"

#include <algorithm>

namespace gouji::eval {

std::string Origin::describe() const {
  std::string s(table);
  if (!row.empty()) (s += s.empty() ? "" : " ") += row;
  if (!column.empty()) (s += s.empty() ? "" : " ") += column;
  return s;
}

Value Value::make_absent(std::string reason) {
  Value v;
  v.kind = ValueKind::absent;
  v.text = std::move(reason);
  return v;
}

Value Value::exact(Number n) {
  Value v;
  v.kind = ValueKind::number;
  v.lo = n;
  v.hi = n;
  v.num = std::move(n);
  return v;
}

Value Value::make_text(std::string s) {
  Value v;
  v.kind = ValueKind::text;
  v.text = std::move(s);
  return v;
}

Value Value::make_bool(bool b) {
  Value v;
  v.kind = ValueKind::boolean;
  v.flag = b;
  return v;
}

Value Value::make_list(List items) {
  Value v;
  v.kind = ValueKind::list;
  v.list = std::make_shared<const List>(std::move(items));
  return v;
}

void merge_origins(std::vector<Origin>& into, const std::vector<Origin>& from) {
  for (const Origin& o : from) {
    if (into.size() >= Value::kMaxOrigins) return;
    into.push_back(o);
  }
}

namespace {

Value computed(Number central, Number lo, Number hi, bool unbounded, const Value& a, const Value* b) {
  Value v = Value::exact(std::move(central));
  v.lo = std::move(lo);
  v.hi = std::move(hi);
  v.unbounded = unbounded;
  v.origins = a.origins;
  if (b) merge_origins(v.origins, b->origins);
  return v;
}

const Number& min4(const Number& a, const Number& b, const Number& c, const Number& d) {
  return std::min({std::cref(a), std::cref(b), std::cref(c), std::cref(d)},
                  [](const auto& x, const auto& y) { return x.get() < y.get(); });
}
const Number& max4(const Number& a, const Number& b, const Number& c, const Number& d) {
  return std::max({std::cref(a), std::cref(b), std::cref(c), std::cref(d)},
                  [](const auto& x, const auto& y) { return x.get() < y.get(); });
}

// A sum or difference of printed figures is shown with their decimals; with
// a percentage or a figure of no fixed decimals (-1) among them, with as many
// as its exact value needs (88.81 must never show as "89").
int sum_places(const Value& a, const Value& b) {
  if (a.percent || b.percent || a.places < 0 || b.places < 0) return -1;
  return std::max(a.places, b.places);
}

}  // namespace

Value add(const Value& a, const Value& b) {
  Value v = computed(a.num + b.num, a.lo + b.lo, a.hi + b.hi, a.unbounded || b.unbounded, a, &b);
  v.places = sum_places(a, b);
  return v;
}

Value sub(const Value& a, const Value& b) {
  Value v = computed(a.num - b.num, a.lo - b.hi, a.hi - b.lo, a.unbounded || b.unbounded, a, &b);
  v.places = sum_places(a, b);
  return v;
}

Value mul(const Value& a, const Value& b) {
  Number p1 = a.lo * b.lo, p2 = a.lo * b.hi, p3 = a.hi * b.lo, p4 = a.hi * b.hi;
  return computed(a.num * b.num, min4(p1, p2, p3, p4), max4(p1, p2, p3, p4), a.unbounded || b.unbounded,
                  a, &b);
}

std::optional<Value> divide(const Value& a, const Value& b) {
  auto q = Number::divide(a.num, b.num);
  if (!q) return std::nullopt;
  bool straddles = b.unbounded || (b.lo.sign() <= 0 && b.hi.sign() >= 0);
  if (straddles || a.unbounded) return computed(*q, *q, *q, true, a, &b);
  // b's interval excludes 0, so every quotient exists.
  Number p1 = *Number::divide(a.lo, b.lo), p2 = *Number::divide(a.lo, b.hi);
  Number p3 = *Number::divide(a.hi, b.lo), p4 = *Number::divide(a.hi, b.hi);
  return computed(*q, min4(p1, p2, p3, p4), max4(p1, p2, p3, p4), false, a, &b);
}

Value negate(const Value& a) {
  Value v = computed(-a.num, -a.hi, -a.lo, a.unbounded, a, nullptr);
  v.percent = a.percent;
  return v;
}

Value round_value(const Value& a, int places, round_mode mode) {
  Value v = computed(a.num.round(places, mode), a.lo.round(places, mode), a.hi.round(places, mode),
                     a.unbounded, a, nullptr);
  v.places = places >= 0 ? places : 0;
  return v;
}

Value abs_value(const Value& a) {
  if (a.num.sign() >= 0 && a.lo.sign() >= 0) return computed(a.num, a.lo, a.hi, a.unbounded, a, nullptr);
  if (a.hi.sign() <= 0) return negate(a);
  Number hi = std::max(-a.lo, a.hi);
  return computed(a.num.abs(), Number(0), hi, a.unbounded, a, nullptr);
}

std::string format_number(const Number& n, int places, bool percent) {
  if (percent) {
    Number p = n * Number(100);
    int pl = places >= 0 ? places : -1;
    if (pl < 0)
      for (int k = 0; k <= 6 && pl < 0; ++k)
        if (p.fits_places(k)) pl = k;
    if (pl < 0) return p.to_grouped(4) + "\xE2\x80\xA6%";
    return p.to_grouped(pl) + "%";
  }
  if (places >= 0) return n.to_grouped(places);
  if (n.is_integer()) return n.to_grouped(0);
  for (int k = 2; k <= 6; ++k)
    if (n.fits_places(k)) return n.to_grouped(k);
  return n.to_grouped(6) + "\xE2\x80\xA6";  // …
}

std::string table_name(const doc::Table& t) {
  std::string s = !t.code.empty() ? t.code : t.title;
  if (!t.subject.empty()) s += "（" + t.subject + "）";
  return s;
}

std::string row_name(const doc::Row& r) {
  if (!r.code.empty()) return r.label.empty() ? r.code : r.code + " " + r.label;
  if (r.hangci) return "行" + std::to_string(*r.hangci) + (r.label.empty() ? "" : " " + r.label);
  return r.label;
}

std::string column_name(const doc::Table& t, int block, int column) {
  if (block < 0 || block >= static_cast<int>(t.blocks.size())) return "?";
  const auto& cols = t.blocks[static_cast<std::size_t>(block)].columns;
  if (column < 0 || column >= static_cast<int>(cols.size())) return "?";
  const doc::Column& c = cols[static_cast<std::size_t>(column)];
  std::string head;
  for (const auto& h : c.header) head += (head.empty() ? "" : "›") + h;
  if (c.lanci) return "栏" + std::to_string(*c.lanci) + (head.empty() ? "" : " " + head);
  return head;
}

namespace {

// The first `n` characters of UTF-8 text, with "…" when cut.
std::string utf8_prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0, chars = 0;
  while (i < s.size() && chars < n) {
    auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
}

}  // namespace

std::string display_binding(const Value& v) {
  switch (v.kind) {
    case ValueKind::table: return table_name(*v.table);
    case ValueKind::row: return row_name(*v.row);
    case ValueKind::column: return column_name(*v.table, v.block, v.column);
    case ValueKind::match: {
      // A quoted passage names itself by its line and the start of its sentence.
      std::string s = v.line ? "第 " + std::to_string(v.line) + " 行" : std::string();
      if (!v.text.empty()) s += "“" + utf8_prefix(v.text, 24) + "”";
      return s.empty() ? display(v) : s;
    }
    default: return display(v);
  }
}

std::string display(const Value& v) {
  switch (v.kind) {
    case ValueKind::absent: return "（缺失：" + v.text + "）";
    case ValueKind::number:
      if (v.blank) return "空白";
      return format_number(v.num, v.places, v.percent);
    case ValueKind::match: return format_number(v.num, v.places, v.percent);
    case ValueKind::text: return v.text;
    case ValueKind::boolean: return v.flag ? "是" : "否";
    case ValueKind::table:
    case ValueKind::row:
    case ValueKind::column: return display_binding(v);
    case ValueKind::section: return v.section->number + v.section->heading;
    case ValueKind::list: {
      std::string s;
      std::size_t n = 0;
      for (const Value& e : *v.list) {
        if (n++ == 20) {
          s += "、…";
          break;
        }
        s += (s.empty() ? "" : "、") + display(e);
      }
      return s.empty() ? "（空）" : s;
    }
  }
  return "?";
}

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::absent: return "缺失";
    case ValueKind::number: return "数值";
    case ValueKind::text: return "文本";
    case ValueKind::boolean: return "真假值";
    case ValueKind::table: return "表";
    case ValueKind::row: return "行";
    case ValueKind::column: return "栏";
    case ValueKind::section: return "章节";
    case ValueKind::match: return "引文";
    case ValueKind::list: return "列表";
  }
  return "?";
}

}  // namespace gouji::eval
