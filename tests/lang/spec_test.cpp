// spec/language.md documents every built-in function (both names) and every
// diagnostic code the parser and checker can report.
#include "lang/builtins.hpp"
#include "lang/diagnostic.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {
std::string spec_text() {
  std::ifstream in(GOUJI_SOURCE_DIR "/spec/language.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("spec/language.md mentions every built-in function by both of its names") {
  std::string spec = spec_text();
  REQUIRE(!spec.empty());
  for (const auto& b : gouji::lang::builtins()) {
    CHECK_MESSAGE(spec.find("`" + std::string(b.name) + "`") != std::string::npos, b.name);
    if (!b.alias.empty()) CHECK_MESSAGE(spec.find("`" + std::string(b.alias) + "`") != std::string::npos, b.alias);
  }
}

TEST_CASE("spec/language.md lists every diagnostic code") {
  std::string spec = spec_text();
  for (const auto& m : gouji::lang::message_table())
    CHECK_MESSAGE(spec.find("`" + std::string(m.code) + "`") != std::string::npos, m.code);
}

TEST_CASE("every diagnostic has a Chinese and an English text") {
  for (const auto& m : gouji::lang::message_table()) {
    CHECK_MESSAGE(!m.zh.empty(), m.code);
    CHECK_MESSAGE(!m.en.empty(), m.code);
    CHECK_MESSAGE(m.hint_zh.empty() == m.hint_en.empty(), m.code);
  }
}
