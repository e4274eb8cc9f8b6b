// Fuzz target for the rule language front end: parse, check (with an
// in-memory import), render every diagnostic in both languages and dump the
// AST. Whatever the bytes, this must not crash, hang, leak or assert.
#include "lang/checker.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gouji::lang;
  std::string text(reinterpret_cast<const char*>(data), size);
  // Any import resolves to a small library (or, for "self.gj", to the input
  // itself, which the checker must report as a cycle).
  Loader loader = [&text](const std::string&, const std::string& path) -> std::optional<LoadedFile> {
    if (path == "self.gj") return LoadedFile{"fuzz.gj", text};
    if (path.empty()) return std::nullopt;
    return LoadedFile{"lib/" + path, "fn 差额(a, b) = abs(a - b)\nrule 库.规则 { expect 1 == 1 }\n"};
  };
  CheckResult r = check_pack("fuzz.gj", text, loader);
  std::string sink;
  for (const Diagnostic& d : r.diagnostics) {
    sink += render(d, r.program->sources, Lang::zh);
    sink += render(d, r.program->sources, Lang::en);
  }
  for (const auto& m : r.program->modules) sink += gouji::ast::dump(*m);
  return sink.size() == static_cast<std::size_t>(-1);  // keep `sink` alive
}
