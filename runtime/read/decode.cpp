// Decoding a document's bytes to UTF-8 text: BOM, CRLF, GB18030/GBK, binary.
#include "runtime/read/decode.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>

namespace gouji::read {

namespace {

constexpr std::size_t kMaxBytes = std::size_t{1} << 30;  // 1 GiB: refuse beyond

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid.
std::size_t utf8_seq(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n = s.size() - i;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (b(1) & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80 || (b(3) & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// The start of a multi-byte sequence that the end of the data cut short.
bool is_cut_sequence(std::string_view tail) {
  unsigned char c = static_cast<unsigned char>(tail[0]);
  std::size_t want = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
  if (want == 0 || tail.size() >= want) return false;
  for (std::size_t i = 1; i < tail.size(); ++i)
    if ((static_cast<unsigned char>(tail[i]) & 0xC0) != 0x80) return false;
  return true;
}

// What one pass over UTF-8 bytes finds: where they stop being valid UTF-8,
// and looks_binary()'s counts over the valid part (characters, bad ones)
// and whether a CR occurs in it.
struct Utf8Scan {
  std::size_t invalid_at = std::string_view::npos;  // first byte that is not valid UTF-8, or npos
  std::size_t chars = 0;                            // characters (bytes that are not continuation bytes)
  std::size_t bad = 0;                              // controls other than tab/newline/CR/FF, DEL, U+FFFD
  bool cr = false;
};

// Per ASCII byte: 1 = a control that text does not contain, 2 = CR.
constexpr auto kAsciiClass = [] {
  std::array<unsigned char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    t[static_cast<std::size_t>(c)] = static_cast<unsigned char>((bad ? 1 : 0) | (c == '\r' ? 2 : 0));
  }
  return t;
}();

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0, cont = 0;
  unsigned flags = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {  // ASCII
      unsigned k = kAsciiClass[c];
      r.bad += k & 1;
      flags |= k;
      ++i;
      continue;
    }
    // The three-byte sequences of CJK text (lead E1–EC or EE–EF, two
    // continuation bytes: no overlong or surrogate form), a run of them
    // tested one sequence per 32-bit load (little-endian: the lead is the
    // low byte).
    if (std::endian::native == std::endian::little && c >= 0xE1) {
      while (i + 4 <= n) {
        std::uint32_t w;
        std::memcpy(&w, p + i, 4);
        std::uint32_t lead = w & 0xFF;
        if ((w & 0xC0C0F0) != 0x8080E0 || lead == 0xE0 || lead == 0xED) break;
        if ((w & 0xFFFFFF) == 0xBDBFEF) ++r.bad;  // U+FFFD
        cont += 2;
        i += 3;
      }
      if (i >= n) break;
      c = p[i];
      if (c < 0x80) continue;
    }
    if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      if (c == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD) ++r.bad;  // U+FFFD
      cont += 2;
      i += 3;
      continue;
    }
    std::size_t len = utf8_seq(s, i);
    if (len == 0) {
      r.invalid_at = i;
      break;
    }
    cont += len - 1;
    i += len;
  }
  r.chars = i - cont;
  r.cr = (flags & 2) != 0;
  return r;
}

std::uint32_t line_of_offset(std::string_view s, std::size_t offset) {
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i)
    if (s[i] == '\n') ++line;
  return line;
}

// Converts from an ICU charset to UTF-8; nullopt-like empty + false on any
// invalid sequence (no substitution: a wrong guess must not pass silently).
bool icu_to_utf8(std::string_view bytes, const char* charset, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset, &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2)) return false;
  std::u16string wide(bytes.size() + 1, u'\0');
  int32_t wlen = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(wide.data()),
                               static_cast<int32_t>(wide.size()), bytes.data(),
                               static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return false;
  int32_t need = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &need, reinterpret_cast<const UChar*>(wide.data()), wlen, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
  status = U_ZERO_ERROR;
  out.assign(static_cast<std::size_t>(need), '\0');
  u_strToUTF8(out.data(), need, nullptr, reinterpret_cast<const UChar*>(wide.data()), wlen, &status);
  return U_SUCCESS(status);
}

// More than 1 % of the characters bad.
bool binary_share(std::size_t bad, std::size_t total) { return total > 0 && bad * 100 > total; }

// Share of characters that text documents do not contain (controls other
// than tab/newline/CR/FF, U+FFFD). Counted on UTF-8 text.
bool looks_binary(std::string_view s) {
  // Per byte: does it start a character, is it a bad one (the lookup keeps
  // the loop free of branches but for the rare 0xEF lead of U+FFFD).
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
      bool starts = (c & 0xC0) != 0x80;
      bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
      t[static_cast<std::size_t>(c)] = static_cast<unsigned char>((starts ? 1 : 0) | (bad ? 2 : 0));
    }
    return t;
  }();
  std::size_t bad = 0, total = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char k = kClass[p[i]];
    total += k & 1;
    bad += k >> 1;
    if (p[i] == 0xEF && i + 2 < s.size() && p[i + 1] == 0xBF && p[i + 2] == 0xBD) ++bad;  // U+FFFD
  }
  return binary_share(bad, total);
}

// CRLF and lone CR become LF; a leading BOM is dropped.
std::string normalise_newlines(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  if (std::memchr(s.data(), '\r', s.size()) == nullptr) return std::string(s);  // the usual case: one copy
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

ReadError binary_error() {
  return ReadError{"文件中控制字符过多，看起来是二进制数据而不是文本；请先把文档转换为文本（UTF-8）再检查", 0};
}

}  // namespace

std::variant<Decoded, ReadError> decode_bytes(std::string_view bytes) {
  if (bytes.size() > kMaxBytes)
    return ReadError{fmt::format("文件过大（{} 字节），超过 1 GiB 的上限，未读取", bytes.size()), 0};
  if (bytes.empty()) return ReadError{"文件是空的（0 字节），没有可读的内容", 0};
  Decoded d;
  std::string_view body = bytes;
  // UTF-16 with a BOM: convert.
  if (body.starts_with("\xFF\xFE") || body.starts_with("\xFE\xFF")) {
    std::string out;
    const char* cs = body.starts_with("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE";
    if (!icu_to_utf8(body.substr(2), cs, out))
      return ReadError{fmt::format("文件以 {} 字节序标记开头，但内容不是有效的 {} 文本", cs, cs), 0};
    d.encoding = cs;
    d.text = normalise_newlines(out);
  } else {
    // One pass: UTF-8 validity, and the binary test's counts for valid text.
    Utf8Scan scan = scan_utf8(body);
    std::size_t bad = scan.invalid_at;
    if (bad != std::string_view::npos && body.size() - bad < 4 && is_cut_sequence(body.substr(bad))) {
      // A file cut in the middle of its last character: drop the partial
      // bytes (the scan stopped there, so its counts are those of `body`).
      body = body.substr(0, bad);
      d.note = "文件末尾有一个不完整的 UTF-8 字符（文件可能被截断），已忽略";
      bad = std::string_view::npos;
    }
    if (bad == std::string_view::npos) {
      bool bom = body.starts_with("\xEF\xBB\xBF");
      d.encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
      if (!scan.cr) {
        // The usual case: the text is the bytes after the BOM, and the
        // counts are already known (the BOM is one character, not a bad one).
        if (binary_share(scan.bad, scan.chars - (bom ? 1 : 0))) return binary_error();
        d.text.assign(body.substr(bom ? 3 : 0));
        return d;
      }
      d.text = normalise_newlines(body);  // CR line ends: count on the text as it will be read
    } else if (body.find('\0') != std::string_view::npos) {
      return ReadError{"文件含有 NUL 字节，看起来是二进制文件（如 PDF、Word 或压缩包），不是文本；"
                       "请先把文档转换为文本（UTF-8）再检查",
                       0};
    } else {
      std::string out;
      if (!icu_to_utf8(body, "GB18030", out))
        return ReadError{fmt::format("文件不是有效的 UTF-8 文本（第 {} 行附近有无效字节），"
                                     "也不能按 GB18030/GBK 解码；请把文档另存为 UTF-8 文本",
                                     line_of_offset(body, bad)),
                         line_of_offset(body, bad)};
      d.encoding = "GB18030";
      d.text = normalise_newlines(out);
    }
  }
  if (looks_binary(d.text)) return binary_error();
  return d;
}

std::variant<std::string, ReadError> decode_text(std::string_view bytes) {
  auto r = decode_bytes(bytes);
  if (auto* e = std::get_if<ReadError>(&r)) return *e;
  return std::move(std::get<Decoded>(r).text);
}

}  // namespace gouji::read
