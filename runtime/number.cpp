// Exact rationals: an int64 fast path with __int128 intermediates, and a
// boost::multiprecision::cpp_rational fallback. The only translation unit that
// includes Boost.Multiprecision.
#include "number.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <atomic>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace gouji {

namespace mp = boost::multiprecision;
__extension__ typedef __int128 i128;           // GCC/Clang extension, by design
__extension__ typedef unsigned __int128 u128;

struct Number::Big {
  mp::cpp_rational value;
  mutable std::atomic<std::uint32_t> refs{1};  // the Numbers that share it
};

void Number::retain(const Big* b) noexcept { b->refs.fetch_add(1, std::memory_order_relaxed); }

void Number::release(const Big* b) noexcept {
  if (b->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete b;
}

namespace {

constexpr i128 k_min64 = std::numeric_limits<std::int64_t>::min();
constexpr i128 k_max64 = std::numeric_limits<std::int64_t>::max();

bool fits64(i128 v) { return v >= k_min64 && v <= k_max64; }

u128 gcd128(u128 a, u128 b) {
  while (b != 0) {
    u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

u128 abs128(i128 v) { return v < 0 ? u128(0) - u128(v) : u128(v); }

mp::cpp_int to_cpp_int(i128 v) {
  bool neg = v < 0;
  u128 u = abs128(v);
  mp::cpp_int r = static_cast<std::uint64_t>(u >> 64);
  r <<= 64;
  r += static_cast<std::uint64_t>(u);
  return neg ? mp::cpp_int(-r) : r;
}

std::string u128_to_string(u128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v != 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return std::string(s.rbegin(), s.rend());
}

// Rounds n/d (d > 0) to an integer with the given mode.
template <class Int>
Int round_div(const Int& n, const Int& d, round_mode mode) {
  Int q = n / d;  // truncates toward zero
  Int r = n - q * d;
  if (r == 0) return q;
  bool neg = n < 0;
  Int twice = (r < 0 ? Int(-r) : r) * 2;
  switch (mode) {
    case round_mode::down:
      return q;
    case round_mode::floor:
      return neg ? Int(q - 1) : q;
    case round_mode::ceiling:
      return neg ? q : Int(q + 1);
    case round_mode::half_up:
      if (twice >= d) return neg ? Int(q - 1) : Int(q + 1);
      return q;
    case round_mode::half_even: {
      if (twice > d || (twice == d && q % 2 != 0)) return neg ? Int(q - 1) : Int(q + 1);
      return q;
    }
  }
  return q;
}

// Inserts a decimal point `places` digits from the right of a digit string.
std::string place_point(bool neg, std::string digits, int places) {
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places)
      digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
  }
  bool all_zero = digits.find_first_not_of("0.") == std::string::npos;
  return (neg && !all_zero) ? "-" + digits : digits;
}

}  // namespace

// Friends' helper: construction from the parts and the Boost view of a value.
struct NumberOps {
  static Number make(i128 num, i128 den) {  // den != 0
    if (den < 0) {
      num = -num;
      den = -den;
    }
    if (num == 0) return Number();
    u128 g = gcd128(abs128(num), u128(den));
    if (g > 1) {
      num /= static_cast<i128>(g);
      den /= static_cast<i128>(g);
    }
    if (fits64(num) && fits64(den)) {
      Number r;
      r.num_ = static_cast<std::int64_t>(num);
      r.den_ = static_cast<std::int64_t>(den);
      return r;
    }
    return make_big(mp::cpp_rational(to_cpp_int(num), to_cpp_int(den)));
  }

  static Number make_big(mp::cpp_rational v) {
    const mp::cpp_int& n = mp::numerator(v);
    const mp::cpp_int& d = mp::denominator(v);
    static const mp::cpp_int lo = std::numeric_limits<std::int64_t>::min();
    static const mp::cpp_int hi = std::numeric_limits<std::int64_t>::max();
    if (n >= lo && n <= hi && d <= hi) {
      Number r;
      r.num_ = static_cast<std::int64_t>(n);
      r.den_ = static_cast<std::int64_t>(d);
      return r;
    }
    Number r;
    r.big_ = new Number::Big{std::move(v)};
    return r;
  }

  static mp::cpp_rational rational(const Number& x) {
    if (x.big_) return x.big_->value;
    return mp::cpp_rational(mp::cpp_int(x.num_), mp::cpp_int(x.den_));
  }
  static mp::cpp_int numerator(const Number& x) {
    return x.big_ ? mp::numerator(x.big_->value) : mp::cpp_int(x.num_);
  }
  static mp::cpp_int denominator(const Number& x) {
    return x.big_ ? mp::denominator(x.big_->value) : mp::cpp_int(x.den_);
  }

  // The value times 10^places, rounded to an integer, as sign + digit string.
  static std::pair<bool, std::string> scaled_digits(const Number& x, int places, round_mode mode) {
    if (!x.big_ && places >= 0 && places <= 18) {
      i128 p = 1;
      for (int i = 0; i < places; ++i) p *= 10;
      i128 n = i128(x.num_) * p;  // |num| < 2^63, p <= 10^18 < 2^60: fits
      i128 q = round_div<i128>(n, i128(x.den_), mode);
      return {q < 0, u128_to_string(abs128(q))};
    }
    mp::cpp_int n = numerator(x), d = denominator(x);
    if (places >= 0)
      n *= mp::pow(mp::cpp_int(10), static_cast<unsigned>(places));
    else
      d *= mp::pow(mp::cpp_int(10), static_cast<unsigned>(-places));
    mp::cpp_int q = round_div<mp::cpp_int>(n, d, mode);
    bool neg = q < 0;
    if (neg) q = -q;
    return {neg, q.str()};
  }
};

bool Number::is_decimal(std::string_view s) {
  // The syntax parse_decimal accepts, checked as it checks it.
  if (s.starts_with("\xE2\x88\x92")) s.remove_prefix(3);
  else if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  bool point = false, prev_digit = false, any_digit = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      prev_digit = any_digit = true;
    } else if (c == ',' && !point && prev_digit && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      prev_digit = false;
    } else if (c == '.' && !point && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      point = true;
      prev_digit = false;
    } else {
      return false;
    }
  }
  return any_digit;
}

std::optional<Number> Number::parse_decimal(std::string_view s) {
  bool neg = false;
  if (s.starts_with("\xE2\x88\x92")) {  // U+2212 minus sign
    neg = true;
    s.remove_prefix(3);
  } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int places = -1;  // -1: no point seen yet
  bool prev_digit = false;
  std::size_t count = 0;  // digits
  std::uint64_t value = 0;  // the digits' value while there are at most 18 of them
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (++count <= 18) value = value * 10 + static_cast<std::uint64_t>(c - '0');
      if (places >= 0) ++places;
      prev_digit = true;
    } else if (c == ',' && places < 0 && prev_digit && i + 1 < s.size() && s[i + 1] >= '0' &&
               s[i + 1] <= '9') {
      prev_digit = false;  // a separator must sit between digits
    } else if (c == '.' && places < 0 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      places = 0;
      prev_digit = false;
    } else {
      return std::nullopt;
    }
  }
  if (count == 0) return std::nullopt;
  if (places < 0) places = 0;
  // (10^places must fit the 128-bit denominator: past 36 places, "0." and
  // forty zeros and a 1, the value is a big one however few its digits.)
  constexpr int kMaxSmallPlaces = 36;
  if (count <= 18 && places <= kMaxSmallPlaces) {  // the usual figure: no digit string, no Boost
    i128 d = 1;
    for (int i = 0; i < places; ++i) d *= 10;
    i128 n = static_cast<i128>(value);
    return NumberOps::make(neg ? -n : n, d);
  }
  std::string digits;
  digits.reserve(count);
  for (char c : s)
    if (c >= '0' && c <= '9') digits.push_back(c);
  // Leading zeros carry no value, and Boost would read "0…" as octal.
  std::size_t nz = digits.find_first_not_of('0');
  digits.erase(0, nz == std::string::npos ? digits.size() - 1 : nz);
  if (digits.size() <= 18 && places <= kMaxSmallPlaces) {
    i128 n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    i128 d = 1;
    for (int i = 0; i < places; ++i) d *= 10;
    return NumberOps::make(neg ? -n : n, d);
  }
  mp::cpp_int n(digits);
  mp::cpp_int d = mp::pow(mp::cpp_int(10), static_cast<unsigned>(places));
  mp::cpp_rational v(neg ? mp::cpp_int(-n) : n, d);
  return NumberOps::make_big(std::move(v));
}

Number Number::fraction(std::int64_t num, std::int64_t den) {
  if (den == 0) throw std::invalid_argument("Number::fraction: zero denominator");
  return NumberOps::make(num, den);
}

Number Number::pow10(int exponent) {
  if (exponent >= 0 && exponent <= 18) {
    std::int64_t p = 1;
    for (int i = 0; i < exponent; ++i) p *= 10;
    return Number(p);
  }
  if (exponent < 0 && exponent >= -18) {
    std::int64_t p = 1;
    for (int i = 0; i < -exponent; ++i) p *= 10;
    return NumberOps::make(1, p);
  }
  mp::cpp_int p = mp::pow(mp::cpp_int(10), static_cast<unsigned>(exponent < 0 ? -exponent : exponent));
  return NumberOps::make_big(exponent < 0 ? mp::cpp_rational(mp::cpp_int(1), p) : mp::cpp_rational(p));
}

Number Number::ulp(int places) { return pow10(-places); }

Number operator+(const Number& a, const Number& b) {
  if (!a.big_ && !b.big_) {
    if (a.den_ == b.den_) return NumberOps::make(i128(a.num_) + b.num_, a.den_);
    return NumberOps::make(i128(a.num_) * b.den_ + i128(b.num_) * a.den_, i128(a.den_) * b.den_);
  }
  return NumberOps::make_big(NumberOps::rational(a) + NumberOps::rational(b));
}

Number operator-(const Number& a, const Number& b) { return a + (-b); }

Number operator*(const Number& a, const Number& b) {
  if (!a.big_ && !b.big_) return NumberOps::make(i128(a.num_) * b.num_, i128(a.den_) * b.den_);
  return NumberOps::make_big(NumberOps::rational(a) * NumberOps::rational(b));
}

Number Number::operator-() const {
  if (!big_) return NumberOps::make(-i128(num_), den_);
  return NumberOps::make_big(-big_->value);
}

std::optional<Number> Number::divide(const Number& a, const Number& b) {
  if (b.is_zero()) return std::nullopt;
  if (!a.big_ && !b.big_) return NumberOps::make(i128(a.num_) * b.den_, i128(a.den_) * b.num_);
  return NumberOps::make_big(NumberOps::rational(a) / NumberOps::rational(b));
}

bool operator==(const Number& a, const Number& b) {
  // Both sides are kept in lowest terms, and a value that fits the fast path
  // is always stored there, so the representations are canonical.
  if (!a.big_ && !b.big_) return a.num_ == b.num_ && a.den_ == b.den_;
  if (a.big_ && b.big_) return a.big_->value == b.big_->value;
  return false;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  if (!a.big_ && !b.big_) {
    i128 l = i128(a.num_) * b.den_, r = i128(b.num_) * a.den_;
    return l <=> r;
  }
  auto l = NumberOps::rational(a), r = NumberOps::rational(b);
  if (l < r) return std::strong_ordering::less;
  if (l > r) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

int Number::sign() const {
  if (!big_) return num_ < 0 ? -1 : (num_ > 0 ? 1 : 0);
  return big_->value.sign();
}

bool Number::is_integer() const {
  if (!big_) return den_ == 1;
  return mp::denominator(big_->value) == 1;
}

Number Number::round(int places, round_mode mode) const {
  if (!big_ && places >= 0 && places <= 18) {
    i128 p = 1;
    for (int i = 0; i < places; ++i) p *= 10;
    i128 q = round_div<i128>(i128(num_) * p, i128(den_), mode);
    return NumberOps::make(q, p);
  }
  mp::cpp_int n = NumberOps::numerator(*this), d = NumberOps::denominator(*this);
  mp::cpp_int p = mp::pow(mp::cpp_int(10), static_cast<unsigned>(places < 0 ? -places : places));
  if (places >= 0) {
    mp::cpp_int q = round_div<mp::cpp_int>(n * p, d, mode);
    return NumberOps::make_big(mp::cpp_rational(q, p));
  }
  mp::cpp_int q = round_div<mp::cpp_int>(n, d * p, mode);
  return NumberOps::make_big(mp::cpp_rational(q * p));
}

bool Number::fits_places(int places) const {
  // Terminates within `places` digits iff den divides 10^places.
  if (!big_ && places <= 18) {
    if (places < 0) return false;
    std::int64_t p = 1;
    for (int i = 0; i < places; ++i) p *= 10;
    return p % den_ == 0;
  }
  if (places < 0) return false;
  mp::cpp_int p = mp::pow(mp::cpp_int(10), static_cast<unsigned>(places));
  return p % NumberOps::denominator(*this) == 0;
}

std::string Number::to_fixed(int places, round_mode mode) const {
  if (places < 0) places = 0;
  auto [neg, digits] = NumberOps::scaled_digits(*this, places, mode);
  return place_point(neg, std::move(digits), places);
}

std::string Number::to_string(int max_places) const {
  for (int p = 0; p <= max_places; ++p)
    if (fits_places(p)) return to_fixed(p);
  return to_fixed(max_places) + "\xE2\x80\xA6";  // …
}

std::string Number::to_grouped(int places, round_mode mode) const {
  std::string s = to_fixed(places, mode);
  std::size_t start = (!s.empty() && s[0] == '-') ? 1 : 0;
  std::size_t point = s.find('.');
  std::size_t end = point == std::string::npos ? s.size() : point;
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s, end, std::string::npos);
  return out;
}

std::string Number::to_fraction() const {
  if (!big_) return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
  auto n = mp::numerator(big_->value), d = mp::denominator(big_->value);
  return d == 1 ? n.str() : n.str() + "/" + d.str();
}

}  // namespace gouji
