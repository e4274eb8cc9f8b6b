// The floor the benchmarks compare gouji with: a plain memchr scan for line
// breaks over the same bytes.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>

namespace gouji::bench {

inline std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace gouji::bench
