// PDF reading time: the 25-page Shanghai sample (tests/read/pdf/) read N
// times through read_document_bytes (poppler words → lines → synthesized text
// → text reader), reporting CPU and wall time per read; and, for the split,
// the poppler part alone (pdf_to_text).
//
//   build/bench/pdf_bench [file.pdf] [runs]
#include "runtime/read/pdf_reader.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : GOUJI_SOURCE_DIR "/tests/read/pdf/final-2024-shanghai-putuo-finance-bureau.pdf";
  int runs = argc > 2 ? std::atoi(argv[2]) : 10;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  if (bytes.empty()) {
    std::fprintf(stderr, "pdf_bench: cannot read %s\n", path.c_str());
    return 2;
  }
  int pages = 0;
  std::size_t tables = 0;
  double c0 = cpu_seconds(), w0 = wall_seconds();
  for (int i = 0; i < runs; ++i) {
    auto r = gouji::read::read_document_bytes(bytes, path);
    if (auto* d = std::get_if<gouji::doc::Document>(&r)) tables = d->tables.size();
  }
  double cpu = (cpu_seconds() - c0) / runs, wall = (wall_seconds() - w0) / runs;
  double c1 = cpu_seconds();
  for (int i = 0; i < runs; ++i) {
    auto r = gouji::read::pdf_to_text(bytes);
    if (auto* t = std::get_if<gouji::read::PdfText>(&r)) pages = t->pages;
  }
  double words = (cpu_seconds() - c1) / runs;
  std::printf("%s: %d pages, %zu tables, %.1f MB\n", path.c_str(), pages, tables, static_cast<double>(bytes.size()) / 1e6);
  std::printf("read_document_bytes: %.3f s CPU, %.3f s wall per read (%d runs); of which PDF → text %.3f s CPU\n", cpu, wall,
              runs, words);
  return 0;
}
