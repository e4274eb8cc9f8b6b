// Output and file reading shared by the subcommands.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace gouji::cli {

// Writes the bytes as they are (no formatting, so any text is safe).
inline void out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }
inline void err(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

// The whole file, or false if it cannot be opened or read.
inline bool read_all(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return !in.bad();
}

}  // namespace gouji::cli
