// End-to-end cost of `gouji check` with the built-in packs, on a corpus drawn
// by the generator (spec/generator.md), split into its parts and set against
// a raw scan of the same bytes (memchr for newlines):
//
//   - raw scan and reader throughput (MB/s per core) and their ratio;
//   - pack load time (parse + check of each built-in pack);
//   - rule evaluation: documents per second per core, ns per expectation
//     instance (one outcome);
//   - end to end (read + evaluate): documents per second per core;
//   - peak memory of one document, and of a streamed batch (--batch N);
//   - wall-time scaling of read + evaluate over 1..--threads threads.
//
// Rates per core use the thread's CPU time, so that they hold on a busy
// machine; scaling uses wall time and needs an idle one.
//
//   build/bench/check_bench [--docs N] [--seed S] [--threads T] [--batch N]
//   build/bench/check_bench --quick --baseline bench/baseline.txt
//
// With --baseline the run fails (exit 1) when the reader's or the whole
// check's throughput relative to the raw scan falls below half the ratio
// recorded in the file (the CI regression check, bench/README.md).
#include "cli/packs.hpp"
#include "lang/checker.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/read/read.hpp"
#include "tools/gen/gen.hpp"

#include "bench/raw_scan.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace gouji;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double wall_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}


struct Args {
  std::size_t docs = 300;
  std::uint64_t seed = 1;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::size_t batch = 0;
  bool quick = false;
  std::string baseline;
  std::string count;  // --count read|check|load: one pass of that work, for an instruction counter
};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: check_bench [--docs N] [--seed S] [--threads T] [--batch N] [--quick] [--baseline FILE]\n"
               "       check_bench --count read|check|load [--docs N] [--seed S]\n");
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (s == "--docs") a.docs = std::stoul(next());
    else if (s == "--seed") a.seed = std::stoull(next());
    else if (s == "--threads") a.threads = static_cast<unsigned>(std::stoul(next()));
    else if (s == "--batch") a.batch = std::stoul(next());
    else if (s == "--quick") a.quick = true;
    else if (s == "--baseline") a.baseline = next();
    else if (s == "--count") {
      a.count = next();
      if (a.count != "read" && a.count != "check" && a.count != "load") usage();
    } else usage();
  }
  if (a.quick && a.docs == 300) a.docs = 40;
  if (!a.count.empty() && a.docs == 300) a.docs = 10;
  if (a.docs == 0 || a.threads == 0) usage();
  return a;
}

// Document `i` of the corpus: the kinds and layouts in turn, as `gouji gen`
// draws a mixed corpus.
std::string generate(std::uint64_t seed, std::size_t i) {
  gen::Options o;
  o.seed = gen::document_seed(seed, i);
  o.kind = i % 2 ? gen::DocKind::final2024 : gen::DocKind::final2023;
  o.layout = i % 3 == 2 ? gen::Layout::space : gen::Layout::tab;
  return gen::generate(o).text;
}

// The built-in packs, each loaded once (as `gouji check` does).
struct Packs {
  std::map<std::string, std::unique_ptr<lang::Program>> loaded;  // by BuiltinPack::path

  const lang::Program* for_document(const doc::Document& d) {
    std::string why;
    const cli::BuiltinPack* p = cli::choose_pack(d, why);
    if (!p) return nullptr;
    auto it = loaded.find(p->path);
    if (it == loaded.end()) {
      lang::CheckResult r = lang::check_pack(p->path, *cli::builtin_file(p->file), cli::pack_loader());
      if (!r.ok()) {
        std::fprintf(stderr, "check_bench: built-in pack %s has errors\n", p->path.c_str());
        std::exit(3);
      }
      it = loaded.emplace(p->path, std::move(r.program)).first;
    }
    return it->second.get();
  }
};

doc::Document read_or_die(const std::string& bytes, const std::string& name) {
  auto r = read::read_document_bytes(bytes, name);
  if (auto* e = std::get_if<read::ReadError>(&r)) {
    std::fprintf(stderr, "check_bench: %s unreadable: %s\n", name.c_str(), e->message.c_str());
    std::exit(3);
  }
  return std::move(std::get<doc::Document>(r));
}

// Reads and evaluates one document; returns its number of outcomes.
std::size_t check_one(Packs& packs, const std::string& bytes, const std::string& name, const eval::Options& opt) {
  doc::Document d = read_or_die(bytes, name);
  const lang::Program* program = packs.for_document(d);
  if (!program) return 0;
  return eval::evaluate(*program, d, opt).outcomes.size();
}

struct Baseline {
  double read_ratio = 0, check_ratio = 0;
};

bool load_baseline(const std::string& path, Baseline& b) {
  std::ifstream in(path);
  if (!in) return false;
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key[0] == '#') {
      std::getline(in, key);
      continue;
    }
    if (!(in >> value)) return false;
    if (key == "read_ratio") b.read_ratio = value;
    else if (key == "check_ratio") b.check_ratio = value;
  }
  return b.read_ratio > 0 && b.check_ratio > 0;
}

// --count: one pass of one kind of work, in a function of its own, so that
// an instruction counter run as
//   valgrind --tool=callgrind --toggle-collect='*gouji_bench_measured_*' ...
// counts that work and nothing else (not the generator drawing the corpus,
// not process start). bench/instr_check.sh is the CI regression check built
// on it: instruction counts do not depend on the machine's load.
[[gnu::noinline]] std::size_t gouji_bench_measured_read(const std::vector<std::string>& docs) {
  std::size_t tables = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) tables += read_or_die(docs[i], "doc").tables.size();
  return tables;
}

[[gnu::noinline]] std::size_t gouji_bench_measured_check(Packs& packs, const std::vector<std::string>& docs,
                                                         const eval::Options& opt) {
  std::size_t outcomes = 0;
  for (const std::string& d : docs) outcomes += check_one(packs, d, "doc", opt);
  return outcomes;
}

[[gnu::noinline]] std::size_t gouji_bench_measured_load() {
  std::size_t rules = 0;
  for (const cli::BuiltinPack& p : cli::builtin_packs())
    rules += lang::check_pack(p.path, *cli::builtin_file(p.file), cli::pack_loader()).program->rules.size();
  return rules;
}

int count_mode(const Args& args, const eval::Options& opt) {
  std::vector<std::string> docs;
  for (std::size_t i = 0; i < args.docs; ++i) docs.push_back(generate(args.seed, i));
  std::size_t n = 0;
  if (args.count == "load") {
    n = gouji_bench_measured_load();
  } else if (args.count == "read") {
    n = gouji_bench_measured_read(docs);
  } else {
    Packs packs;  // the packs are loaded outside the measured work, as gouji check loads each once
    for (const std::string& d : docs) (void)packs.for_document(read_or_die(d, "doc"));
    n = gouji_bench_measured_check(packs, docs, opt);
  }
  std::size_t bytes = 0;
  for (const std::string& d : docs) bytes += d.size();
  std::printf("count %s: %zu documents, %zu bytes, result %zu\n", args.count.c_str(), docs.size(), bytes, n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse_args(argc, argv);
  eval::Options opt;  // as `gouji check --format text`: no derivations, failures' details only
  opt.pass_details = false;
  if (!args.count.empty()) return count_mode(args, opt);

  // Pack load: every built-in pack, parsed and checked; best of several runs.
  std::printf("pack load (parse + check), best of %d:\n", args.quick ? 3 : 10);
  double pack_load_max_ms = 0;
  for (const cli::BuiltinPack& p : cli::builtin_packs()) {
    double best = 1e9;
    std::size_t rules = 0;
    for (int k = 0; k < (args.quick ? 3 : 10); ++k) {
      double t0 = thread_cpu_seconds();
      lang::CheckResult r = lang::check_pack(p.path, *cli::builtin_file(p.file), cli::pack_loader());
      best = std::min(best, thread_cpu_seconds() - t0);
      rules = r.program->rules.size();
    }
    pack_load_max_ms = std::max(pack_load_max_ms, best * 1e3);
    std::printf("  %-28s %4zu rules  %7.2f ms\n", p.path.c_str(), rules, best * 1e3);
  }

  // Memory of one document: the peak RSS growth while reading and evaluating
  // the first document, before anything else of its size was allocated.
  Packs packs;
  std::string first = generate(args.seed, 0);
  {
    doc::Document d = read_or_die(first, "doc-0");
    (void)packs.for_document(d);  // load the pack outside the measurement
  }
  long rss0 = peak_rss_kb();
  std::size_t first_outcomes = check_one(packs, first, "doc-0", opt);
  long rss1 = peak_rss_kb();

  // The corpus.
  std::vector<std::string> docs;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < args.docs; ++i) {
    docs.push_back(i == 0 ? first : generate(args.seed, i));
    bytes += docs.back().size();
  }
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("corpus: %zu documents, %.1f MB (mean %.1f KB), seed %llu\n", docs.size(), mb,
              static_cast<double>(bytes) / static_cast<double>(docs.size()) / 1e3,
              static_cast<unsigned long long>(args.seed));

  // Raw scan and reader, each the best of several passes over the corpus.
  volatile std::size_t sink = 0;
  int passes = args.quick ? 3 : 5;
  double scan = 1e9, reading = 1e9;
  for (int k = 0; k < passes * 4; ++k) {
    double t0 = thread_cpu_seconds();
    for (const std::string& d : docs) sink = sink + gouji::bench::count_lines(d);
    scan = std::min(scan, thread_cpu_seconds() - t0);
  }
  std::vector<doc::Document> read_docs;
  for (int k = 0; k < passes; ++k) {
    std::vector<doc::Document> out;
    out.reserve(docs.size());
    double t0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < docs.size(); ++i) out.push_back(read_or_die(docs[i], "doc-" + std::to_string(i)));
    reading = std::min(reading, thread_cpu_seconds() - t0);
    if (k == 0) read_docs = std::move(out);
  }
  double scan_mbs = mb / scan, read_mbs = mb / reading;
  std::printf("raw scan (memchr '\\n'): %10.1f MB/s per core\n", scan_mbs);
  std::printf("reader:                 %10.1f MB/s per core  = 1/%.0f of the raw scan\n", read_mbs,
              scan_mbs / read_mbs);

  // Evaluation alone, on documents already read.
  double evaluating = 1e9;
  std::size_t outcomes = 0;
  for (int k = 0; k < passes; ++k) {
    outcomes = 0;
    double t0 = thread_cpu_seconds();
    for (const doc::Document& d : read_docs)
      if (const lang::Program* p = packs.for_document(d)) outcomes += eval::evaluate(*p, d, opt).outcomes.size();
    evaluating = std::min(evaluating, thread_cpu_seconds() - t0);
  }
  double n = static_cast<double>(docs.size());
  std::printf("evaluation:             %10.0f documents/s per core, %zu instances (%.0f per document), %.0f ns per instance\n",
              n / evaluating, outcomes, static_cast<double>(outcomes) / n,
              evaluating * 1e9 / static_cast<double>(outcomes));

  // End to end: read + choose pack + evaluate, one document after another.
  double whole = 1e9;
  for (int k = 0; k < passes; ++k) {
    double t0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < docs.size(); ++i) sink = sink + check_one(packs, docs[i], "doc", opt);
    whole = std::min(whole, thread_cpu_seconds() - t0);
  }
  double check_mbs = mb / whole;
  std::printf("end to end:             %10.0f documents/s per core (%.2f ms each: read %.0f%%, evaluate %.0f%%; "
              "pack load %.2f ms once per pack)\n",
              n / whole, whole * 1e3 / n, 100 * reading / whole, 100 * evaluating / whole, pack_load_max_ms);
  std::printf("                        %10.1f MB/s per core  = 1/%.0f of the raw scan\n", check_mbs,
              scan_mbs / check_mbs);
  std::printf("memory, one document:   peak RSS +%.1f MB for a %.1f KB document (%.1fx), %zu instances\n",
              static_cast<double>(rss1 - rss0) / 1024.0, static_cast<double>(first.size()) / 1e3,
              static_cast<double>(rss1 - rss0) * 1024.0 / static_cast<double>(first.size()), first_outcomes);

  // Scaling: the same read + evaluate work split over 1..threads threads.
  if (!args.quick) {
    double one = 0;
    for (unsigned t = 1; t <= args.threads; ++t) {
      std::atomic<std::size_t> next{0};
      std::vector<Packs> per_thread(t);
      for (Packs& p : per_thread)
        for (const doc::Document& d : read_docs) (void)p.for_document(d);  // packs loaded up front
      double wall = 1e9;  // best of 3 passes (the first one also pays for warming the allocator)
      for (int rep = 0; rep < 3; ++rep) {
        next = 0;
        double t0 = wall_seconds();
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < t; ++w)
          pool.emplace_back([&, w] {
            std::size_t i;
            while ((i = next++) < docs.size()) sink = sink + check_one(per_thread[w], docs[i], "doc", opt);
          });
        for (auto& th : pool) th.join();
        wall = std::min(wall, wall_seconds() - t0);
      }
      if (t == 1) one = wall;
      std::printf("threads %u: %8.0f documents/s wall, speed-up %.2f\n", t, n / wall, one / wall);
    }
  }

  // A streamed batch: documents drawn, checked and dropped one by one; the
  // peak RSS must not grow with the batch.
  if (args.batch) {
    read_docs.clear();
    read_docs.shrink_to_fit();
    docs.clear();
    docs.shrink_to_fit();
    long at_start = peak_rss_kb();
    long at_tenth = 0;
    double t0 = thread_cpu_seconds();
    for (std::size_t i = 0; i < args.batch; ++i) {
      std::string d = generate(args.seed + 1, i);
      sink = sink + check_one(packs, d, "doc", opt);
      if (i + 1 == args.batch / 10) at_tenth = peak_rss_kb();
    }
    double secs = thread_cpu_seconds() - t0;
    std::printf("batch of %zu (generate + read + evaluate, streamed): %.1f s CPU; peak RSS %.1f MB at the start, "
                "%.1f MB after %zu, %.1f MB at the end\n",
                args.batch, secs, static_cast<double>(at_start) / 1024.0, static_cast<double>(at_tenth) / 1024.0,
                args.batch / 10, static_cast<double>(peak_rss_kb()) / 1024.0);
  }

  double read_ratio = read_mbs / scan_mbs, check_ratio = check_mbs / scan_mbs;
  std::printf("ratios to the raw scan: read_ratio %.6f check_ratio %.6f\n", read_ratio, check_ratio);
  if (!args.baseline.empty()) {
    Baseline b;
    if (!load_baseline(args.baseline, b)) {
      std::fprintf(stderr, "check_bench: cannot read read_ratio and check_ratio from %s\n", args.baseline.c_str());
      return 2;
    }
    bool ok = read_ratio >= b.read_ratio / 2 && check_ratio >= b.check_ratio / 2;
    std::printf("baseline %s: read_ratio %.6f check_ratio %.6f; floor is half: %s\n", args.baseline.c_str(),
                b.read_ratio, b.check_ratio, ok ? "ok" : "REGRESSION");
    if (!ok) return 1;
  }
  return 0;
}
