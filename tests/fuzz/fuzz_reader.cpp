// Fuzz target: the document reader (decoding + text reader) and the JSON
// loader. Any input must give a Document or a ReadError — no crash, no hang,
// no sanitizer report. The first byte picks the path so that one corpus
// exercises both.
#include "runtime/read/read.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 4 == 3) {
    auto r = gouji::read::from_json(bytes, "fuzz.json");
    if (auto* d = std::get_if<gouji::doc::Document>(&r)) {
      // Whatever loads must also serialise and load again.
      auto again = gouji::read::from_json(gouji::read::to_json(*d), "fuzz.json");
      if (!std::holds_alternative<gouji::doc::Document>(again)) __builtin_trap();
    }
    return 0;
  }
  auto r = gouji::read::read_document_bytes(bytes, "fuzz.txt");
  if (auto* d = std::get_if<gouji::doc::Document>(&r)) {
    // Lookups on whatever was read must be safe.
    for (const auto& t : d->tables) {
      (void)t.row_by_hangci(58);
      (void)t.row_by_code("201");
      (void)t.row_by_label("合计");
      (void)t.find_lanci(2);
      for (std::size_t b = 0; b < t.blocks.size(); ++b) (void)t.column_by_header(static_cast<int>(b), "金额");
    }
    for (const auto& s : d->sections)
      for (const auto& p : s.paragraphs) (void)p.line_at(p.text.size() / 2);
    std::string j = gouji::read::to_json(*d);
    auto back = gouji::read::from_json(j, "fuzz.json");
    if (!std::holds_alternative<gouji::doc::Document>(back)) __builtin_trap();
  }
  return 0;
}
