// Reader throughput: MB/s per core on the samples (and on a 50 MB file made of
// them), against a memchr newline scan of the same bytes as the floor; and
// the peak memory of reading the 50 MB file. Single-threaded; rates use the
// process's CPU time.
//
//   build/bench/read_bench [examples-dir]
#include "runtime/read/read.hpp"

#include "bench/raw_scan.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// CPU time of this process (user + system), so that the figure is per core
// even on a busy machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}


// Runs `f` repeatedly for at least `min_seconds`; returns MB/s for `bytes` per run.
template <class F>
double rate(std::size_t bytes, double min_seconds, F&& f) {
  std::size_t runs = 0;
  double start = cpu_seconds();
  double elapsed = 0;
  do {
    f();
    ++runs;
    elapsed = cpu_seconds() - start;
  } while (elapsed < min_seconds);
  return static_cast<double>(bytes) * static_cast<double>(runs) / elapsed / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = argc > 1 ? argv[1] : GOUJI_SAMPLES_DIR;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::printf("%-44s %9s %12s %12s %7s\n", "file", "bytes", "reader MB/s", "memchr MB/s", "tables");
  volatile std::size_t sink = 0;
  std::string all;
  for (const auto& f : files) {
    std::string bytes = slurp(f);
    all += bytes;
    std::size_t tables = 0;
    double r = rate(bytes.size(), 1.0, [&] {
      auto d = gouji::read::read_document_bytes(bytes, f.string());
      if (auto* doc = std::get_if<gouji::doc::Document>(&d)) tables = doc->tables.size();
    });
    double m = rate(bytes.size(), 0.3, [&] { sink = sink + gouji::bench::count_lines(bytes); });
    std::printf("%-44s %9zu %12.1f %12.1f %7zu\n", f.filename().string().c_str(), bytes.size(), r, m, tables);
  }
  // A 50 MB document made of the samples: throughput and peak memory.
  std::string big;
  big.reserve((50u << 20) + all.size());
  while (big.size() < (50u << 20)) big += all;
  long before = peak_rss_kb();
  double start = cpu_seconds();
  std::size_t tables = 0;
  {
    auto d = gouji::read::read_document_bytes(big, "big.txt");
    if (auto* doc = std::get_if<gouji::doc::Document>(&d)) tables = doc->tables.size();
  }
  double secs = cpu_seconds() - start;
  long after = peak_rss_kb();
  double mb = static_cast<double>(big.size()) / 1e6;
  double ms = cpu_seconds();
  for (int i = 0; i < 20; ++i) sink = sink + gouji::bench::count_lines(big);
  double msecs = (cpu_seconds() - ms) / 20;
  std::printf("%-44s %9zu %12.1f %12.1f %7zu\n", "50 MB concatenation", big.size(), mb / secs, mb / msecs, tables);
  std::printf("peak RSS while reading the 50 MB file: +%.1f MB over the %.1f MB input (%.1fx the file size)\n",
              static_cast<double>(after - before) / 1024.0, mb, static_cast<double>(after - before) * 1024.0 / static_cast<double>(big.size()));
  return 0;
}
