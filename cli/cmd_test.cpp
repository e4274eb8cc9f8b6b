// gouji test [PACK|DIR|FILE…]: runs the tests of rule packs (.gjt files, see
// spec/testing.md) and prints one block per failing case, then the closing
// line "N passed, N failed[, N skipped]" that CI reads.
//   --filter TEXT   only cases whose "file case-name" contains TEXT
//   --format json   machine-readable results
//   --update        write the current outcomes into the .gjt files (refused when CI is set)
//   --mutate        blind spots: perturb each figure rules read, report what no rule catches
//   --coverage      figures and narrative amounts of the tests' documents that no rule read
//   --corpus DIR    recall and precision of the built-in packs on a corpus written by
//                   `gouji gen` (DIR/manifest.json), per defect class; --min-recall and
//                   --min-precision (percent, default 100) set what exits 0
//
// Exit: 0 every case passed; 1 a case failed; 2 a test file, pack or
// document could not be used (also counted as failed).
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/packs.hpp"
#include "cli/stdlib_files.hpp"
#include "runtime/testing/corpus.hpp"
#include "runtime/testing/mutate.hpp"
#include "runtime/testing/runner.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

struct TestOptions {
  std::vector<std::string> paths;
  std::string filter;
  std::string format = "text";
  bool update = false;
  bool mutate = false;
  bool coverage = false;
  std::string corpus;
  std::string min_recall = "100";
  std::string min_precision = "100";
};



// A test file to run: its path and text, and the pack named on the command line.
struct Source {
  std::string path;
  std::string text;
  std::string default_pack;
  std::string error;  // could not be read
};

void add_dir(const fs::path& dir, const std::string& pack, std::vector<Source>& out) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".gjt") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.push_back({f, "", pack, ""});
}

// Which test files the arguments name. false with `why` on a bad argument.
bool collect(const std::vector<std::string>& args, std::vector<Source>& out, std::string& why) {
  if (args.empty()) {
    for (const auto& f : stdlib_files())
      if (f.path.ends_with(".gjt")) out.push_back({"builtin:" + std::string(f.path), std::string(f.text), "", ""});
    if (out.empty()) {
      why = "程序里没有内置测试（stdlib/**/*.gjt）";
      return false;
    }
    return true;
  }
  for (const std::string& a : args) {
    std::error_code ec;
    fs::path p(a);
    if (fs::is_directory(p, ec)) {
      std::size_t before = out.size();
      add_dir(p, "", out);
      if (out.size() == before) {
        why = fmt::format("目录“{}”里没有测试文件（.gjt）", a);
        return false;
      }
    } else if (fs::is_regular_file(p, ec) && p.extension() == ".gj") {
      // A pack: the tests beside it and under tests/ next to it, run with it as the default pack.
      std::size_t before = out.size();
      fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".gjt") out.push_back({it->path().string(), "", a, ""});
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                [](const Source& x, const Source& y) { return x.path < y.path; });
      if (fs::is_directory(dir / "tests", ec)) add_dir(dir / "tests", a, out);
      if (out.size() == before) {
        why = fmt::format("规则包“{}”旁边和 tests/ 目录里都没有测试文件（.gjt）", a);
        return false;
      }
    } else if (fs::is_regular_file(p, ec) && (p.extension() == ".txt" || p.extension() == ".json")) {
      // A document given where a test file belongs: say so once, instead of
      // one "不认识这一行" per line of it.
      why = fmt::format("“{}”是文档，不是测试文件（.gjt）。测试文件用“文件 {}”引用文档，"
                        "见 spec/testing.md；直接检查文档请用 gouji check {}",
                        a, a, a);
      return false;
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back({a, "", "", ""});
    } else {
      why = fmt::format("找不到“{}”（应是测试文件 .gjt、规则包 .gj 或目录）", a);
      return false;
    }
  }
  return true;
}

// Keeps, of the test files found through a pack argument, those whose cases
// use that pack (or name none).
bool uses_pack(const testing::TestFile& f, const Source& s, const lang::Loader& loader) {
  if (s.default_pack.empty()) return true;
  auto want = loader("", s.default_pack);
  for (const auto& c : f.cases) {
    if (c.pack.empty()) return true;
    auto got = loader(f.path, c.pack);
    std::error_code ec;
    if (want && got && fs::weakly_canonical(got->path, ec) == fs::weakly_canonical(want->path, ec)) return true;
  }
  return false;
}

const char* status_key(testing::CaseStatus s) {
  switch (s) {
    case testing::CaseStatus::passed: return "passed";
    case testing::CaseStatus::failed: return "failed";
    case testing::CaseStatus::broken: return "broken";
    case testing::CaseStatus::skipped: return "skipped";
  }
  return "";
}

std::string render_case(const testing::CaseResult& r) {
  std::string s;
  if (r.status == testing::CaseStatus::skipped) {
    return fmt::format("跳过 {}:{} 案例“{}”：{}\n", r.file, r.line, r.name, r.error);
  }
  if (r.status == testing::CaseStatus::broken) {
    return fmt::format("不通过 {}:{} 案例“{}”：无法运行\n  {}\n", r.file, r.line, r.name, r.error);
  }
  std::string first;
  if (!r.mismatches.empty()) {
    const auto& m = r.mismatches.front();
    first = fmt::format("{}{}：期望 {}，实际 {}", m.rule_id, m.bindings.empty() ? "" : "［" + m.bindings + "］", m.expected,
                        m.actual);
  }
  s += fmt::format("不通过 {}:{} 案例“{}”：{}\n", r.file, r.line, r.name, first);
  for (std::size_t i = 0; i < r.mismatches.size(); ++i) {
    const auto& m = r.mismatches[i];
    if (i > 0 || r.mismatches.size() > 1)
      s += fmt::format("  {}:{}: {}{}：期望 {}，实际 {}\n", r.file, m.line, m.rule_id,
                       m.bindings.empty() ? "" : "［" + m.bindings + "］", m.expected, m.actual);
    for (const auto& o : m.outcomes) s += testing::trace_text(o, "    ");
  }
  return s;
}

nlohmann::json case_json(const testing::CaseResult& r) {
  nlohmann::json j{{"file", r.file}, {"line", r.line}, {"case", r.name}, {"status", status_key(r.status)}};
  if (!r.error.empty()) j["error"] = r.error;
  nlohmann::json ms = nlohmann::json::array();
  for (const auto& m : r.mismatches) {
    nlohmann::json jm{{"line", m.line}, {"rule", m.rule_id}, {"bindings", m.bindings}, {"expected", m.expected},
                      {"actual", m.actual}};
    nlohmann::json os = nlohmann::json::array();
    for (const auto& o : m.outcomes) os.push_back(eval::to_json(o));
    jm["outcomes"] = os;
    ms.push_back(jm);
  }
  j["mismatches"] = ms;
  return j;
}

struct Loaded {
  Source source;
  testing::TestFile file;
};

// part ÷ whole ≥ percent ÷ 100, exactly (a class with nothing to count passes).
bool at_least(std::size_t part, std::size_t whole, const Number& percent) {
  if (whole == 0) return true;
  return Number(static_cast<std::int64_t>(part)) * Number(100) >= percent * Number(static_cast<std::int64_t>(whole));
}

// gouji test --corpus DIR: the built-in packs (chosen per document as gouji
// check does) on every document of DIR/manifest.json, scored against the
// planted defects.
int run_corpus(const TestOptions& opt) {
  auto min_recall = Number::parse_decimal(opt.min_recall);
  auto min_precision = Number::parse_decimal(opt.min_precision);
  for (auto [v, name] : {std::pair{&min_recall, "--min-recall"}, std::pair{&min_precision, "--min-precision"}})
    if (!*v || **v < Number(0) || **v > Number(100)) {
      err(fmt::format("gouji test：{} 应是 0 到 100 之间的百分数（如 99.5）\n", name));
      return exit_usage;
    }
  if (!opt.paths.empty()) {
    err("gouji test --corpus：不能同时给出测试文件或规则包（语料按文件类别和年度选用内置规则包）\n");
    return exit_usage;
  }
  fs::path dir(opt.corpus);
  std::string text, why;
  if (!read_all((dir / "manifest.json").string(), text)) {
    err(fmt::format("gouji test --corpus：无法读取“{}”（应是 gouji gen 写出的目录）\n", (dir / "manifest.json").string()));
    return exit_usage;
  }
  auto docs = testing::parse_manifest(text, why);
  if (!docs) {
    err(fmt::format("gouji test --corpus：{}：{}\n", (dir / "manifest.json").string(), why));
    return exit_usage;
  }
  if (docs->empty()) {
    err(fmt::format("gouji test --corpus：{} 中没有文档\n", (dir / "manifest.json").string()));
    return exit_usage;
  }
  lang::Loader loader = pack_loader();
  testing::PackCache cache;
  testing::CorpusScore score;
  for (const testing::CorpusDocument& d : *docs) {
    std::string path = (dir / d.file).string();
    auto read = read::read_document_file(path);
    if (const auto* e = std::get_if<read::ReadError>(&read)) {
      score.add_unusable(d, e->line ? fmt::format("第 {} 行：{}", e->line, e->message) : e->message);
      continue;
    }
    const doc::Document& document = std::get<doc::Document>(read);
    const BuiltinPack* chosen = choose_pack(document, why);
    if (!chosen) {
      score.add_unusable(d, why);
      continue;
    }
    const lang::Program* program = cache.get(loader, "", chosen->path, why);
    if (!program) {
      err("gouji test --corpus：" + why + "\n");
      return exit_usage;
    }
    score.add(d, eval::evaluate(*program, document, eval::Options{}));
  }
  if (opt.format == "json")
    out(testing::corpus_json(score).dump(2) + "\n");
  else
    out(testing::render_corpus(score, opt.corpus, 20));
  std::fflush(stdout);
  testing::ClassScore t = score.total();
  bool ok = score.unusable.empty();
  for (const auto& [k, c] : score.classes)
    ok = ok && at_least(c.found, c.planted, *min_recall) && at_least(c.explained, c.alarms, *min_precision);
  ok = ok && at_least(t.found, t.planted, *min_recall) && at_least(t.explained, t.alarms, *min_precision);
  return ok ? exit_ok : exit_findings;
}

int run_test(const TestOptions& opt) {
  if (!opt.corpus.empty()) return run_corpus(opt);
  if (opt.update) {
    const char* ci = std::getenv("CI");
    if (ci && *ci) {
      err("gouji test --update：环境变量 CI 已设置，拒绝改写测试文件。--update 只供规则作者在本机使用，"
          "改写后请审阅差异再提交；CI 只运行 gouji test。\n");
      return exit_usage;
    }
  }
  std::vector<Source> sources;
  std::string why;
  if (!collect(opt.paths, sources, why)) {
    err("gouji test：" + why + "\n");
    return exit_usage;
  }
  lang::Loader loader = pack_loader();
  testing::RunOptions ro;
  ro.loader = loader;
  ro.filter = opt.filter;
  ro.read_document = [](const std::string& p) { return read::read_document_file(p); };
  testing::PackCache cache;

  std::vector<Loaded> files;
  std::size_t broken_files = 0;
  std::string problems;
  for (Source& s : sources) {
    if (s.text.empty() && !s.path.starts_with("builtin:") && !read_all(s.path, s.text)) {
      problems += fmt::format("{}: 无法读取测试文件\n", s.path);
      ++broken_files;
      continue;
    }
    testing::TestFile f = testing::parse_test_file(s.text, s.path);
    if (!f.errors.empty()) {
      for (const auto& e : f.errors) problems += fmt::format("{}:{}: 测试文件有错：{}\n", s.path, e.line, e.message);
      ++broken_files;
      continue;
    }
    if (!uses_pack(f, s, loader)) continue;
    files.push_back({s, std::move(f)});
  }

  if (opt.mutate || opt.coverage) {
    if (!problems.empty()) err(problems);
    testing::AnalysisOptions ao;
    ao.loader = loader;
    ao.read_document = ro.read_document;
    ao.filter = opt.filter;
    std::vector<std::pair<testing::TestFile, std::string>> in;
    for (const Loaded& l : files) in.emplace_back(l.file, l.source.default_pack);
    std::string text;
    nlohmann::json j;
    bool ok = opt.mutate ? testing::run_mutation(in, ao, cache, opt.format == "json" ? &j : nullptr, text)
                         : testing::run_coverage(in, ao, cache, opt.format == "json" ? &j : nullptr, text);
    out(opt.format == "json" ? j.dump(2) + "\n" : text);
    std::fflush(stdout);
    if (broken_files || !ok) return exit_usage;
    return exit_ok;
  }

  std::size_t passed = 0, failed = broken_files, skipped = 0;
  bool broken = broken_files > 0;
  nlohmann::json jcases = nlohmann::json::array();
  if (opt.format != "json" && !problems.empty()) out(problems);
  std::size_t updated_files = 0;
  std::string update_notes;
  for (const Loaded& l : files) {
    ro.default_pack = l.source.default_pack;
    std::vector<testing::CaseResult> results = testing::run_file(l.file, ro, cache);
    for (const auto& r : results) {
      switch (r.status) {
        case testing::CaseStatus::passed: ++passed; break;
        case testing::CaseStatus::failed: ++failed; break;
        case testing::CaseStatus::broken:
          ++failed;
          broken = true;
          break;
        case testing::CaseStatus::skipped: ++skipped; break;
      }
      if (opt.format == "json")
        jcases.push_back(case_json(r));
      else if (r.status != testing::CaseStatus::passed && !opt.update)
        out(render_case(r));
    }
    if (opt.update) {
      if (l.source.path.starts_with("builtin:")) {
        update_notes += fmt::format("{}: 内置测试在程序里，不能改写；请运行 gouji test --update stdlib/tests\n", l.source.path);
        continue;
      }
      std::vector<std::string> notes;
      std::string text = testing::update_text(l.file, results, notes);
      for (const auto& n : notes) update_notes += n + "\n";
      std::string old = l.source.text;
      if (text == old || (old.size() + 1 == text.size() && text == old + "\n")) continue;
      std::ofstream o(l.source.path, std::ios::binary | std::ios::trunc);
      o << text;
      if (!o) {
        update_notes += fmt::format("{}: 无法写入\n", l.source.path);
        broken = true;
        continue;
      }
      ++updated_files;
      update_notes += fmt::format("已改写 {}（请用 git diff 审阅）\n", l.source.path);
    }
    std::fflush(stdout);
  }
  if (opt.format == "json") {
    nlohmann::json j{{"cases", jcases}, {"passed", passed}, {"failed", failed}, {"skipped", skipped}};
    if (!problems.empty()) j["problems"] = problems;
    out(j.dump(2) + "\n");
  } else {
    if (opt.update) out(update_notes + fmt::format("改写了 {} 个测试文件\n", updated_files));
    if (passed + failed + skipped == 0 && !opt.filter.empty())
      out(fmt::format("没有名称含“{}”的案例\n", opt.filter));
    std::string closing = fmt::format("{} passed, {} failed", passed, failed);
    if (skipped) closing += fmt::format(", {} skipped", skipped);
    out(closing + "\n");
  }
  std::fflush(stdout);
  if (opt.update) return broken ? exit_usage : exit_ok;
  if (broken) return exit_usage;
  return failed ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{40, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand("test", "运行规则包的测试（.gjt）/ run the tests of rule packs");
  cmd->add_option("paths", opt->paths, "测试文件、目录或规则包（不给则运行内置规则包的测试）");
  cmd->add_option("--filter", opt->filter, "只运行“文件 案例名”中含此文字的案例");
  cmd->add_option("--format", opt->format, "输出格式：text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--update", opt->update, "把当前结果写成测试文件里的期望（CI 中拒绝运行）");
  cmd->add_flag("--mutate", opt->mutate, "变异测试：逐个扰动规则读到的数字，报告没有规则发现的扰动（盲点）");
  cmd->add_flag("--coverage", opt->coverage, "数据覆盖：列出测试文件中没有任何规则读到的数字和说明中的金额");
  cmd->add_option("--corpus", opt->corpus, "语料目录（gouji gen 写出，含 manifest.json）：按缺陷类别报告内置规则包的查全率与查准率");
  cmd->add_option("--min-recall", opt->min_recall, "与 --corpus 同用：每类及合计的查全率不低于此百分数（默认 100）");
  cmd->add_option("--min-precision", opt->min_precision, "与 --corpus 同用：每类及合计的查准率不低于此百分数（默认 100）");
  cmd->callback([opt, &status] { status = run_test(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
