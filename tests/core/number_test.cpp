// Exact numbers: parsing as printed, exactness, rounding at the .5 boundary,
// values past the int64 fast path.
#include "runtime/number.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using gouji::Number;
using gouji::round_mode;

static Number N(const std::string& s) { return *Number::parse_decimal(s); }

TEST_CASE("parse_decimal reads figures as documents print them") {
  CHECK(N("1,063.13") == Number::fraction(106313, 100));
  CHECK(N("-110.19") == Number::fraction(-11019, 100));
  CHECK(N("0") == Number(0));
  CHECK(N("26256.35").to_string() == "26256.35");
  CHECK_FALSE(Number::parse_decimal("").has_value());
  CHECK_FALSE(Number::parse_decimal("-").has_value());
  CHECK_FALSE(Number::parse_decimal("1,,0").has_value());
  CHECK_FALSE(Number::parse_decimal(",1").has_value());
  CHECK_FALSE(Number::parse_decimal("1.").has_value());
  CHECK_FALSE(Number::parse_decimal("1.2.3").has_value());
  CHECK_FALSE(Number::parse_decimal("12%").has_value());
  // Around 18 digits (the int64 accumulation) and with leading zeros.
  CHECK(N("999999999999999999").to_string() == "999999999999999999");
  CHECK(N("-99,999,999.9999999999") == Number::fraction(-999999999999999999, 10000000000));
  CHECK(N("1,234,567,890.123456789") == Number::fraction(1234567890123456789, 1000000000));
  CHECK(N("0000000000000000000012.5") == N("12.5"));
  CHECK(N("00000000000000000.05") == Number::fraction(1, 20));
  CHECK(N("12345678901234567890").to_string() == "12345678901234567890");
}

TEST_CASE("is_decimal accepts exactly what parse_decimal reads") {
  for (const char* s : {"", "-", "+", "\xE2\x88\x92", "\xE2\x88\x92" "5", "1,063.13", "-110.19", "1,,0", ",1", "1,", "1.", ".5",
                        "1.2.3", "12%", "1,2.3", "1.2,3", "00", "0.000", "+0", "--1", "1 2", "１"})
    CHECK_MESSAGE(Number::is_decimal(s) == Number::parse_decimal(s).has_value(), s);
  // Every string of up to 5 characters over the alphabet the syntax cares about.
  const std::string alphabet = "09,.-+x";
  std::string s;
  for (std::size_t len = 0; len <= 5; ++len) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < len; ++i) total *= alphabet.size();
    for (std::size_t k = 0; k < total; ++k) {
      s.clear();
      for (std::size_t i = 0, v = k; i < len; ++i, v /= alphabet.size()) s += alphabet[v % alphabet.size()];
      REQUIRE_MESSAGE(Number::is_decimal(s) == Number::parse_decimal(s).has_value(), s);
    }
  }
}

TEST_CASE("arithmetic is exact: 0.1 + 0.2 == 0.3") {
  CHECK(N("0.1") + N("0.2") == N("0.3"));
  auto q = Number::divide(N("1159"), N("1810.71"));
  REQUIRE(q.has_value());
  CHECK(*q * N("1810.71") == N("1159"));
  CHECK_FALSE(Number::divide(N("1"), N("0")).has_value());
}

TEST_CASE("round half up and half even at the .5 boundary") {
  CHECK(N("2.345").round(2).to_fixed(2) == "2.35");
  CHECK(N("2.345").round(2, round_mode::half_even).to_fixed(2) == "2.34");
  CHECK(N("2.355").round(2, round_mode::half_even).to_fixed(2) == "2.36");
  CHECK(N("-2.345").round(2).to_fixed(2) == "-2.35");
  // 10 × 1.64 / 3.2 = 5.125 -> 5.13 half up (a double gives 5.12)
  CHECK(Number::divide(N("10") * N("1.64"), N("3.2"))->round(2).to_fixed(2) == "5.13");
  // 210.63 / 2939.71 = 0.0716499…: one rounding gives 7.16%, not 7.17%
  CHECK((*Number::divide(N("210.63"), N("2939.71")) * Number(100)).round(2).to_fixed(2) == "7.16");
}

TEST_CASE("values past int64 stay exact") {
  Number big = N("123456789012345678901234567890.12");
  CHECK_FALSE(big.is_small());
  CHECK((big + N("0.88")).to_string() == "123456789012345678901234567891");
  CHECK((big - big).is_zero());
  Number x = N("9223372036854775807");  // int64 max
  CHECK(x.is_small());
  CHECK_FALSE((x + Number(1)).is_small());
  CHECK((x + Number(1) - Number(1)).is_small());
  CHECK(*Number::divide(x * x, x) == x);
}

TEST_CASE("copies, moves and assignments share a value past int64 and leave it intact") {
  const std::string digits = "123456789012345678901234567890.12";
  Number big = N(digits.c_str());
  REQUIRE_FALSE(big.is_small());
  Number copy = big;                 // shares the value
  Number assigned = Number(7);
  assigned = copy;                   // small <- big
  Number& self = assigned;
  assigned = self;                   // self-assignment keeps it
  Number moved = std::move(copy);    // copy is left at 0 (as a moved-from shared_ptr left it)
  CHECK(copy.is_small());
  CHECK(copy.is_zero());
  assigned = Number(3);              // big <- small drops one share
  CHECK(assigned == Number(3));
  Number target = N("-99999999999999999999999");
  target = std::move(moved);         // big <- big by move
  CHECK(target == big);
  CHECK(moved.is_zero());
  std::vector<Number> many(100, big);  // many shares, then copies of the vector and a reallocation
  auto again = many;
  many.resize(1000, N("0.5"));
  for (const auto& m : again) CHECK(m == big);
  CHECK(many.front() == big);
  CHECK(many.back() == N("0.5"));
  again.clear();
  many.clear();
  CHECK(big.to_string(2) == "123456789012345678901234567890.12");
  CHECK(target.to_string(2) == "123456789012345678901234567890.12");
}

TEST_CASE("to_grouped prints thousands separators") {
  CHECK(N("1063.13").to_grouped(2) == "1,063.13");
  CHECK(N("-1234567.5").to_grouped(2) == "-1,234,567.50");
  CHECK(N("999").to_grouped(0) == "999");
  CHECK(N("0.004").to_grouped(2) == "0.00");
}

TEST_CASE("leading zeros are decimal, also past 18 digits (Boost would read them as octal)") {
  CHECK(N("0000000000000000000012") == Number(12));
  CHECK(N("000000000000000000001.50") == Number::fraction(3, 2));
  CHECK(N("0000000000000000000000") == Number(0));
  CHECK(N("010") == Number(10));
}

TEST_CASE("a figure with more decimal places than a 128-bit denominator holds is exact, not wrapped round") {
  // "0." and forty zeros and a 1 is 10^-41: few digits, but 10^41 does not
  // fit 128 bits (it read as -1/43015874755908258232134584939854168064).
  const std::string forty(40, '0');
  CHECK(N("0." + forty + "1") == Number::pow10(-41));
  CHECK(N("-0." + forty + "5") == -Number::fraction(1, 2) * Number::pow10(-40));
  CHECK(N("0." + forty + "1").to_string(50) == "0." + forty + "1");
  // 36 places still take the small path; 37 and 38 the big one: all exact.
  for (int places : {36, 37, 38, 39}) {
    CAPTURE(places);
    const std::string text = "0." + std::string(static_cast<std::size_t>(places) - 1, '0') + "7";
    CHECK(N(text) == Number(7) * Number::pow10(-places));
    CHECK(N("12." + std::string(static_cast<std::size_t>(places) - 1, '0') + "7") ==
          Number(12) + Number(7) * Number::pow10(-places));
  }
}
