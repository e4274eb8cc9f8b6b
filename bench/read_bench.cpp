// Reader throughput: MB/s per core on the samples (and on a 50 MB file made of
// them), against a memchr newline scan of the same bytes as the floor; and
// the peak memory of reading the 50 MB file. Single-threaded; rates use the
// process's CPU time.
//
//   build/bench/read_bench [examples-dir]
//   valgrind --tool=callgrind build/bench/read_bench --runs N [examples-dir]   (instructions of fixed work)
#include "runtime/read/read.hpp"

#include "bench/raw_scan.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
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
  // --runs N: fixed work instead of timing — every sample read N times — for
  // counting instructions (valgrind --tool=callgrind), which a busy machine
  // does not disturb as it does CPU time.
  int runs = 0;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "--runs") {
    runs = std::max(1, std::atoi(args[1].c_str()));
    args.erase(args.begin(), args.begin() + 2);
  }
  std::filesystem::path dir = !args.empty() ? std::filesystem::path(args[0]) : std::filesystem::path(GOUJI_SAMPLES_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (runs > 0) {
    std::vector<std::string> docs;
    std::size_t bytes = 0, tables = 0;
    for (const auto& f : files) bytes += (docs.emplace_back(slurp(f))).size();
    for (int k = 0; k < runs; ++k)
      for (const auto& b : docs) {
        auto d = gouji::read::read_document_bytes(b, "x.txt");
        if (auto* doc = std::get_if<gouji::doc::Document>(&d)) tables += doc->tables.size();
      }
    std::printf("read %zu files (%zu bytes) %d times: %zu tables\n", docs.size(), bytes, runs, tables);
    return 0;
  }
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
