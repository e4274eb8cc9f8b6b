// Reader throughput: MB/s per core on the samples (and on a 50 MB file made of
// them), against a memchr newline scan of the same bytes as the floor; and
// the peak memory of reading the 50 MB file. Single-threaded; rates use the
// process's CPU time.
//
//   build/bench/read_bench [--runs N] [examples-dir]   (--help: usage)
//   valgrind --tool=callgrind build/bench/read_bench --runs N [examples-dir]   (instructions of fixed work)
#include "runtime/read/read.hpp"

#include "bench/raw_scan.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
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

constexpr const char* kUsage =
    "usage: read_bench [--runs N] [examples-dir]\n"
    "\n"
    "Reads every .txt file in examples-dir (default: the repository's examples/)\n"
    "with read::read_document_bytes and prints MB per CPU-second for each, for a\n"
    "50 MB concatenation of them, and the peak RSS growth while reading it.\n"
    "\n"
    "  --runs N   fixed work instead of timing: read every file N times (1..1000000),\n"
    "             for counting instructions with valgrind --tool=callgrind\n"
    "  --help     this text\n";

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "read_bench: %s\n(read_bench --help for usage)\n", msg.c_str());
  return 2;
}

std::optional<int> parse_runs(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 1 || v > 1000000) return std::nullopt;
  return v;
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
  std::string dir_arg;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::printf("%s", kUsage);
      return 0;
    }
    if (a == "--runs") {
      if (i + 1 >= argc) return usage_error("--runs needs a number of runs");
      auto n = parse_runs(argv[++i]);
      if (!n) return usage_error(std::string("--runs wants a whole number from 1 to 1000000, not '") + argv[i] + "'");
      runs = *n;
      continue;
    }
    if (a.starts_with("-")) return usage_error(std::string("unknown option '") + argv[i] + "'");
    if (!dir_arg.empty()) return usage_error(std::string("only one examples directory, not also '") + argv[i] + "'");
    dir_arg = a;
  }
  std::filesystem::path dir = !dir_arg.empty() ? std::filesystem::path(dir_arg) : std::filesystem::path(GOUJI_SAMPLES_DIR);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return usage_error("'" + dir.string() + "' is not a directory (the folder of .txt samples to read)");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  if (ec) return usage_error("cannot list '" + dir.string() + "': " + ec.message());
  if (files.empty()) return usage_error("no .txt files in '" + dir.string() + "'");
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
