// The int64 fast path checked against boost::multiprecision::cpp_rational as
// the oracle, with operands chosen around the int64 overflow boundary.
#include "runtime/number.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace mp = boost::multiprecision;
using gouji::Number;

namespace {

// A value as a decimal string with up to `places` fraction digits.
std::string decimal_text(std::mt19937_64& rng, int digits, int places) {
  std::string s;
  if (rng() % 2) s.push_back('-');
  std::uniform_int_distribution<int> d(0, 9);
  s.push_back(static_cast<char>('1' + rng() % 9));
  for (int i = 1; i < digits; ++i) s.push_back(static_cast<char>('0' + d(rng)));
  if (places > 0 && static_cast<int>(s.size()) > places + 1) s.insert(s.size() - static_cast<std::size_t>(places), ".");
  return s;
}

mp::cpp_rational oracle(const std::string& text) {
  std::string digits;
  int places = 0;
  bool seen_point = false, neg = false;
  for (char c : text) {
    if (c == '-') neg = true;
    else if (c == '.') seen_point = true;
    else {
      digits.push_back(c);
      if (seen_point) ++places;
    }
  }
  mp::cpp_int n(digits);
  mp::cpp_rational r(neg ? mp::cpp_int(-n) : n, mp::pow(mp::cpp_int(10), static_cast<unsigned>(places)));
  return r;
}

std::string fraction_text(const mp::cpp_rational& r) {
  auto n = mp::numerator(r), d = mp::denominator(r);
  return d == 1 ? n.str() : n.str() + "/" + d.str();
}

}  // namespace

TEST_CASE("add, subtract, multiply and divide agree with cpp_rational near the int64 boundary") {
  std::mt19937_64 rng(20261123);
  // 17..20 digit operands straddle int64 (19 digits); 1..6 digits stay small.
  const std::vector<int> sizes = {1, 3, 6, 9, 12, 17, 18, 19, 20};
  int checked = 0;
  for (int round = 0; round < 400; ++round) {
    int da = sizes[rng() % sizes.size()], db = sizes[rng() % sizes.size()];
    std::string ta = decimal_text(rng, da, static_cast<int>(rng() % 5));
    std::string tb = decimal_text(rng, db, static_cast<int>(rng() % 5));
    Number a = *Number::parse_decimal(ta), b = *Number::parse_decimal(tb);
    mp::cpp_rational oa = oracle(ta), ob = oracle(tb);
    CAPTURE(ta);
    CAPTURE(tb);
    CHECK((a + b).to_fraction() == fraction_text(oa + ob));
    CHECK((a - b).to_fraction() == fraction_text(oa - ob));
    CHECK((a * b).to_fraction() == fraction_text(oa * ob));
    CHECK(Number::divide(a, b)->to_fraction() == fraction_text(oa / ob));
    CHECK(((a <=> b) < 0) == (oa < ob));
    CHECK((a == b) == (oa == ob));
    ++checked;
  }
  CHECK(checked == 400);
}
