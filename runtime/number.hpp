// Exact rational numbers for money figures, ratios and rule literals.
//
// A Number is a fraction num/den kept in int64 while it fits (the fast path,
// with __int128 intermediates), and in boost::multiprecision::cpp_rational
// otherwise. Every operation is exact: 0.1 + 0.2 == 0.3, and 1159 / 1810.71
// keeps every digit until a rule rounds it. There is no double anywhere.
// Boost is confined to number.cpp (it is slow to compile).
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gouji {

enum class round_mode : std::uint8_t {
  half_up,    // 四舍五入: ties away from zero (2.5 -> 3, -2.5 -> -3)
  half_even,  // banker's rounding: ties to the even neighbour
  down,       // towards zero (truncate)
  floor,      // towards -infinity
  ceiling,    // towards +infinity
};

class Number {
 public:
  struct Big;  // cpp_rational, defined in number.cpp

  Number() = default;  // 0
  Number(std::int64_t v) : num_(v) {}  // NOLINT: implicit from integers is intended
  // Copies share a value past the fast path (reference-counted, as a
  // shared_ptr would, in one pointer: a Number is 24 bytes, not 32).
  Number(const Number& o) noexcept : num_(o.num_), den_(o.den_), big_(o.big_) {
    if (big_) retain(big_);
  }
  Number(Number&& o) noexcept : num_(o.num_), den_(o.den_), big_(o.big_) { o.big_ = nullptr; }
  Number& operator=(const Number& o) noexcept {
    if (o.big_) retain(o.big_);
    const Big* old = big_;
    num_ = o.num_;
    den_ = o.den_;
    big_ = o.big_;
    if (old) release(old);
    return *this;
  }
  Number& operator=(Number&& o) noexcept {
    if (this != &o) {
      const Big* old = big_;
      num_ = o.num_;
      den_ = o.den_;
      big_ = o.big_;
      o.big_ = nullptr;
      if (old) release(old);
    }
    return *this;
  }
  ~Number() {
    if (big_) release(big_);
  }

  // Parses a plain decimal as printed in documents and rules: optional sign
  // (+, -, −), digits with optional thousands separators (1,063.13), an
  // optional fraction. No exponent, no percent sign, no spaces. Returns
  // nullopt if the text is not such a number. Any number of digits.
  static std::optional<Number> parse_decimal(std::string_view text);
  // parse_decimal(text).has_value(), without building the number (the
  // readers ask this of most tokens they see).
  static bool is_decimal(std::string_view text);

  // num / den for integers; den must not be 0.
  static Number fraction(std::int64_t num, std::int64_t den);
  // 10^-places, e.g. ulp(2) == 0.01.
  static Number ulp(int places);
  static Number pow10(int exponent);  // 10^exponent, exponent may be negative

  friend Number operator+(const Number& a, const Number& b);
  friend Number operator-(const Number& a, const Number& b);
  friend Number operator*(const Number& a, const Number& b);
  Number operator-() const;
  Number& operator+=(const Number& b) { return *this = *this + b; }
  Number& operator-=(const Number& b) { return *this = *this - b; }
  Number& operator*=(const Number& b) { return *this = *this * b; }
  // a / b, or nullopt when b is zero. There is no operator/ on purpose: every
  // caller must decide what division by zero means for it.
  static std::optional<Number> divide(const Number& a, const Number& b);

  friend bool operator==(const Number& a, const Number& b);
  friend std::strong_ordering operator<=>(const Number& a, const Number& b);

  int sign() const;  // -1, 0, 1
  bool is_zero() const { return sign() == 0; }
  bool is_integer() const;
  Number abs() const { return sign() < 0 ? -*this : *this; }
  bool is_small() const { return !big_; }  // on the int64 fast path (for tests)

  // Rounds to `places` decimal places (places may be negative: -2 rounds to
  // hundreds).
  Number round(int places, round_mode mode = round_mode::half_up) const;

  // The exact decimal expansion if it terminates within max_places digits
  // after the point ("1063.13", "0.6401", "-5"); otherwise the value rounded
  // half-up to max_places followed by "…". Never an exponent.
  std::string to_string(int max_places = 12) const;
  // Exactly `places` decimals, rounded with `mode` ("1063.10" for places 2).
  std::string to_fixed(int places, round_mode mode = round_mode::half_up) const;
  // Like to_fixed, with thousands separators: "1,063.13".
  std::string to_grouped(int places, round_mode mode = round_mode::half_up) const;
  // "num/den" in lowest terms, for diagnostics and tests.
  std::string to_fraction() const;
  // Does the exact decimal expansion terminate within `places` digits?
  bool fits_places(int places) const;

 private:
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;              // > 0 on the fast path
  const Big* big_ = nullptr;          // set when the value left the fast path; shared, counted

  static void retain(const Big* b) noexcept;
  static void release(const Big* b) noexcept;

  friend struct NumberOps;
};

}  // namespace gouji
