// Fuzz target: the PDF reader (poppler → words → lines → synthesized text →
// text reader). Any input must give a Document or a ReadError: no crash, no
// hang, no sanitizer report in gouji's code. The bytes go to the PDF reader
// whether or not they start with %PDF-, so that damaged headers are tried too.
#include "runtime/read/pdf_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = gouji::read::read_pdf_bytes(bytes, "fuzz.pdf");
  if (auto* d = std::get_if<gouji::doc::Document>(&r)) {
    // Every line has its page, and the model serialises.
    if (d->line_pages.size() != d->line_offsets.size()) __builtin_trap();
    for (const auto& t : d->tables) (void)d->page_of(t.line);
    (void)gouji::read::to_json(*d);
  }
  return 0;
}
