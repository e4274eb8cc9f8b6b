// Interval arithmetic on values, display, and --param parsing.
#include "runtime/eval/eval.hpp"
#include "runtime/eval/value.hpp"

#include <doctest/doctest.h>

using namespace gouji;
using eval::Value;

namespace {

Number dec(const char* s) { return *Number::parse_decimal(s); }

// A printed figure v ± h.
Value figure(const char* v, const char* h) {
  Value x = Value::exact(dec(v));
  x.lo = x.num - dec(h);
  x.hi = x.num + dec(h);
  return x;
}

}  // namespace

TEST_CASE("interval addition and subtraction") {
  Value a = figure("40.00", "0.005"), b = figure("30.00", "0.005");
  Value s = eval::add(a, b);
  CHECK(s.num == dec("70"));
  CHECK(s.lo == dec("69.99"));
  CHECK(s.hi == dec("70.01"));
  Value d = eval::sub(a, b);  // [39.995 − 30.005, 40.005 − 29.995]
  CHECK(d.num == dec("10"));
  CHECK(d.lo == dec("9.99"));
  CHECK(d.hi == dec("10.01"));
}

TEST_CASE("interval multiplication takes the extreme corner products, signs included") {
  Value a = figure("-2", "1"), b = figure("3", "1");  // [-3, -1] × [2, 4]
  Value p = eval::mul(a, b);
  CHECK(p.num == dec("-6"));
  CHECK(p.lo == dec("-12"));
  CHECK(p.hi == dec("-2"));
}

TEST_CASE("division: exact centre, interval from the corners; a divisor interval around 0 is unbounded") {
  Value a = figure("10", "0.005"), b = figure("64.00", "0.005");
  auto q = eval::divide(a, b);
  REQUIRE(q);
  CHECK(q->num == Number::fraction(10, 64));
  CHECK(q->lo == *Number::divide(dec("9.995"), dec("64.005")));
  CHECK(q->hi == *Number::divide(dec("10.005"), dec("63.995")));
  CHECK_FALSE(q->unbounded);
  Value tiny = figure("0.01", "0.02");  // [-0.01, 0.03] contains 0
  auto u = eval::divide(a, tiny);
  REQUIRE(u);
  CHECK(u->unbounded);
  CHECK(u->num == dec("1000"));
  CHECK_FALSE(eval::divide(a, Value::exact(Number(0))));  // central divisor 0: no value
}

TEST_CASE("round rounds the centre and both ends; abs of an interval across 0 starts at 0") {
  Value x = figure("6.40625", "0.0045");
  Value r = eval::round_value(x, 2, round_mode::half_up);
  CHECK(r.num == dec("6.41"));
  CHECK(r.lo == dec("6.40"));  // 6.40175 → 6.40
  CHECK(r.hi == dec("6.41"));  // 6.41075 → 6.41
  Value y = figure("-0.001", "0.005");
  Value a = eval::abs_value(y);
  CHECK(a.num == dec("0.001"));
  CHECK(a.lo == Number(0));
  CHECK(a.hi == dec("0.006"));
}

TEST_CASE("display of figures") {
  CHECK(eval::format_number(dec("1063.13")) == "1,063.13");
  CHECK(eval::format_number(dec("0.6401"), 2, true) == "64.01%");
  CHECK(eval::format_number(Number(9)) == "9");
  CHECK(eval::format_number(Number::fraction(20, 3)) == "6.666667…");
  Value blank = Value::exact(Number(0));
  blank.blank = true;
  CHECK(eval::display(blank) == "空白");
  CHECK(eval::display(Value::make_absent("文件中没有公开09表")) == "（缺失：文件中没有公开09表）");
}

TEST_CASE("--param values: numbers, percentages, booleans, text") {
  CHECK(eval::parse_param_value("1,063.13").num == dec("1063.13"));
  Value p = eval::parse_param_value("90%");
  CHECK(p.num == dec("0.9"));
  CHECK(p.percent);
  CHECK(eval::parse_param_value("真").kind == eval::ValueKind::boolean);
  CHECK(eval::parse_param_value("false").flag == false);
  Value t = eval::parse_param_value("分值×执行率");
  CHECK(t.kind == eval::ValueKind::text);
  CHECK(t.text == "分值×执行率");
}

TEST_CASE("a sum that met a percentage shows every decimal it has, not the integer places of its last term") {
  // 8.81 + 0% + 5 + 75 = 88.81 (a 总分 sum over indicator 得分 where one 得分 read as
  // a percentage): shown as 88.81, never "89".
  Value a = figure("8.81", "0.005");
  a.places = 2;
  Value pct = figure("0", "0.00005");
  pct.percent = true;
  pct.places = 2;
  Value five = figure("5", "0.5");
  five.places = 0;
  Value s = eval::add(eval::add(eval::add(a, pct), five), figure("75", "0.5"));
  CHECK(eval::display(s) == "88.81");
  Value t = eval::add(eval::add(a, five), five);  // printed figures only: their decimals
  CHECK(eval::display(t) == "18.81");
}
