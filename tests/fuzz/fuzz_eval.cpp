// Fuzz target for the evaluator: the input is a rule pack; if it checks, it is
// run over a small document built in code (tests/eval/fixtures.hpp), and the
// report is rendered as JSON. Whatever the rules say, the evaluator must not
// crash, hang, leak or assert: faults are ERROR outcomes, limits end a rule.
#include "../eval/fixtures.hpp"
#include "lang/checker.hpp"
#include "runtime/eval/eval.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gouji;
  static const doc::Document document = fx::sample();
  std::string text(reinterpret_cast<const char*>(data), size);
  lang::CheckResult r = lang::check_pack("fuzz.gj", text, lang::no_imports_loader());
  if (!r.ok()) return 0;
  eval::Options options;
  options.max_steps = 20000;  // keep each input fast
  options.max_depth = 16;
  eval::Report report = eval::evaluate(*r.program, document, options);
  std::string sink = eval::to_json(report).dump();
  return sink.empty() ? 1 : 0;
}
