// Internal: decoding bytes to UTF-8 text (see read.hpp).
#pragma once

#include "runtime/read/read.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace gouji::read {

struct Decoded {
  std::string text;      // UTF-8, "\n" line ends, no BOM
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE" …
  std::string note;      // something the reader should warn about, or ""
};

std::variant<Decoded, ReadError> decode_bytes(std::string_view bytes);

}  // namespace gouji::read
