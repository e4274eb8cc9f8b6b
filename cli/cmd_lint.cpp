// gouji lint FILE|DIR…: parses and checks rule files without any document.
// Every .gj file given, or found under a directory, is checked as the root of
// a pack (its imports are loaded and checked with it). Diagnostics go to
// stdout, then a summary line. Exit 0: no errors (warnings allowed);
// 1: errors; 2: a path that cannot be read.
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/packs.hpp"
#include "lang/checker.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

struct LintOptions {
  std::vector<std::string> paths;
};

// The .gj files of a path (a directory is searched recursively, sorted).
bool collect(const std::string& arg, std::vector<std::string>& files) {
  if (is_builtin_name(arg)) {  // a built-in file, as `gouji packs` names it
    if (!builtin_named(arg)) return false;
    files.push_back(arg);
    return true;
  }
  std::error_code ec;
  fs::path p(arg);
  if (fs::is_directory(p, ec)) {
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && it->path().extension() == ".gj") found.push_back(it->path().string());
    if (ec) return false;
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return true;
  }
  if (fs::is_regular_file(p, ec)) {
    files.push_back(arg);
    return true;
  }
  return false;
}


int run_lint(const LintOptions& opt) {
  lang::Lang lang = global().lang == "en" ? lang::Lang::en : lang::Lang::zh;
  bool zh = lang == lang::Lang::zh;
  bool unreadable = false;
  std::vector<std::string> files;
  for (const std::string& a : opt.paths)
    if (!collect(a, files)) {
      std::fprintf(stderr, zh ? "gouji lint：无法读取 '%s'（不存在或没有权限）\n" : "gouji lint: cannot read '%s'\n", a.c_str());
      unreadable = true;
    }
  std::size_t errors = 0, warnings = 0;
  std::set<std::tuple<std::string, std::uint32_t, std::string>> seen;  // an imported file is reported once
  lang::Loader loader = pack_loader();  // files on disk, and builtin: packs
  for (const std::string& f : files) {
    std::string text;
    if (is_builtin_name(f)) {
      text = *builtin_named(f);
    } else if (!read_all(f, text)) {
      std::fprintf(stderr, zh ? "gouji lint：无法读取 '%s'\n" : "gouji lint: cannot read '%s'\n", f.c_str());
      unreadable = true;
      continue;
    }
    lang::CheckResult r = lang::check_pack(f, std::move(text), loader, /*library=*/true);
    for (const lang::Diagnostic& d : r.diagnostics) {
      const std::string& path = r.program->sources.file(d.span.file).path;
      if (!seen.insert({path, d.span.begin, d.code}).second) continue;
      if (d.severity == lang::DiagSeverity::error) ++errors;
      if (d.severity == lang::DiagSeverity::warning) ++warnings;
      std::fputs(lang::render(d, r.program->sources, lang).c_str(), stdout);
    }
  }
  if (zh)
    std::printf("检查了 %zu 个文件：%zu 个错误，%zu 个警告\n", files.size(), errors, warnings);
  else
    std::printf("checked %zu file(s): %zu error(s), %zu warning(s)\n", files.size(), errors, warnings);
  std::fflush(stdout);
  if (unreadable) return exit_usage;
  return errors > 0 ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{10, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "检查规则文件（语法、名称、类型），不读取任何文件 / check rule files");
  cmd->add_option("paths", opt->paths, "规则文件（.gj）、目录或内置规则文件（builtin:…）")->required();
  cmd->callback([opt, &status] { status = run_lint(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
