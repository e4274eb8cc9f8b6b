// gouji diff OLD NEW: rules added, removed and changed between two rule packs,
// parameters whose defaults changed, and the outcomes of OLD's tests that
// change under NEW (spec/testing.md §5).
//
// Exit: 0 no difference; 1 rules or outcomes differ; 2 a pack or test file
// could not be used.
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/packs.hpp"
#include "cli/stdlib_files.hpp"
#include "runtime/testing/diff.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

struct DiffOptions {
  std::string old_pack, new_pack;
  std::vector<std::string> tests;
  std::string filter;
  std::string format = "text";
};



bool same_file(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.starts_with("builtin:") || b.starts_with("builtin:")) return false;
  std::error_code ec1, ec2;
  return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2);
}

// Test files: those given, or those beside OLD (and in tests/ beside it, or embedded for a built-in OLD).
std::vector<std::pair<std::string, std::string>> find_tests(const DiffOptions& opt, const std::string& old_resolved) {
  std::vector<std::pair<std::string, std::string>> files;  // path, text
  auto add_dir = [&](const fs::path& dir, bool recursive) {
    std::error_code ec;
    std::vector<std::string> found;
    if (recursive) {
      for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".gjt") found.push_back(it->path().string());
    } else {
      for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".gjt") found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    for (const auto& f : found) files.emplace_back(f, "");
  };
  if (!opt.tests.empty()) {
    for (const auto& t : opt.tests) {
      std::error_code ec;
      if (fs::is_directory(t, ec))
        add_dir(t, true);
      else
        files.emplace_back(t, "");
    }
    return files;
  }
  if (old_resolved.starts_with("builtin:")) {
    for (const auto& f : stdlib_files())
      if (f.path.ends_with(".gjt")) files.emplace_back("builtin:" + std::string(f.path), std::string(f.text));
    return files;
  }
  fs::path dir = fs::path(old_resolved).parent_path();
  if (dir.empty()) dir = ".";
  add_dir(dir, false);
  std::error_code ec;
  if (fs::is_directory(dir / "tests", ec)) add_dir(dir / "tests", true);
  return files;
}

const lang::Program* check(const std::string& path, const lang::Loader& loader,
                           std::vector<std::shared_ptr<lang::CheckResult>>& keep, std::string& resolved) {
  std::string text, why;
  if (!load_pack_arg(path, resolved, text, why)) {
    err("gouji diff：" + why + "\n");
    return nullptr;
  }
  auto r = std::make_shared<lang::CheckResult>(lang::check_pack(resolved, std::move(text), loader));
  if (!r->ok()) {
    err(lang::render_all(r->diagnostics, r->program->sources, global().lang == "en" ? lang::Lang::en : lang::Lang::zh));
    err(fmt::format("gouji diff：规则包“{}”有错误\n", path));
    return nullptr;
  }
  keep.push_back(r);
  return r->program.get();
}

int run_diff(const DiffOptions& opt) {
  lang::Loader loader = pack_loader();
  std::vector<std::shared_ptr<lang::CheckResult>> keep;
  std::string old_resolved, new_resolved;
  const lang::Program* a = check(opt.old_pack, loader, keep, old_resolved);
  const lang::Program* b = check(opt.new_pack, loader, keep, new_resolved);
  if (!a || !b) return exit_usage;
  testing::PackDiff d = testing::diff_packs(*a, *b);

  bool broken = false;
  std::vector<testing::TestFile> tests;
  for (auto& [path, text] : find_tests(opt, old_resolved)) {
    if (text.empty() && !read_all(path, text)) {
      err(fmt::format("gouji diff：无法读取测试文件 {}\n", path));
      broken = true;
      continue;
    }
    testing::TestFile f = testing::parse_test_file(text, path);
    if (!f.errors.empty()) {
      for (const auto& e : f.errors) err(fmt::format("{}:{}: 测试文件有错：{}\n", path, e.line, e.message));
      broken = true;
      continue;
    }
    // Only the cases of the old pack (or of no pack, when tests were named).
    std::vector<testing::Case> mine;
    for (const auto& c : f.cases) {
      if (c.pack.empty()) {
        if (!opt.tests.empty()) mine.push_back(c);
        continue;
      }
      auto got = loader(f.path, c.pack);
      if (got && same_file(got->path, old_resolved)) mine.push_back(c);
    }
    if (mine.empty()) continue;
    f.cases = std::move(mine);
    tests.push_back(std::move(f));
  }
  std::string problems;
  auto changes = testing::outcome_changes(
      tests, *a, *b, [](const std::string& p) { return read::read_document_file(p); }, opt.filter, problems);
  if (!problems.empty()) {
    err(problems);
    broken = true;
  }
  std::size_t cases = 0;
  for (const auto& t : tests) cases += t.cases.size();

  if (opt.format == "json") {
    nlohmann::json j;
    j["old"] = old_resolved;
    j["new"] = new_resolved;
    j["added"] = d.added;
    j["removed"] = d.removed;
    nlohmann::json ch = nlohmann::json::array();
    for (const auto& c : d.changed) ch.push_back({{"rule", c.id}, {"old", c.old_text}, {"new", c.new_text}});
    j["changed"] = ch;
    j["params"] = d.params;
    nlohmann::json oc = nlohmann::json::array();
    for (const auto& c : changes)
      oc.push_back({{"file", c.file}, {"line", c.line}, {"case", c.case_name}, {"rule", c.rule_id},
                    {"bindings", c.bindings}, {"old", c.before}, {"new", c.after}});
    j["outcomes"] = oc;
    j["cases"] = cases;
    out(j.dump(2) + "\n");
  } else {
    std::string s = fmt::format("旧：{}（{} {}，{} 条规则）\n新：{}（{} {}，{} 条规则）\n", old_resolved, a->pack_name,
                                a->pack_version, a->rules.size(), new_resolved, b->pack_name, b->pack_version,
                                b->rules.size());
    s += fmt::format("\n规则：新增 {}，删除 {}，改动 {}\n", d.added.size(), d.removed.size(), d.changed.size());
    for (const auto& id : d.added) s += "  + " + id + "\n";
    for (const auto& id : d.removed) s += "  − " + id + "\n";
    for (const auto& c : d.changed) {
      s += "  ~ " + c.id + "\n";
      s += "    旧：" + c.old_text.substr(0, c.old_text.find('\n')) + "\n";
      s += "    新：" + c.new_text.substr(0, c.new_text.find('\n')) + "\n";
    }
    if (!d.params.empty()) {
      s += fmt::format("参数：{} 处变化\n", d.params.size());
      for (const auto& p : d.params) s += "  " + p + "\n";
    }
    s += fmt::format("\n旧包的测试（{} 个案例）在新包下结果变化的实例：{} 个\n", cases, changes.size());
    std::string last;
    for (const auto& c : changes) {
      std::string head = fmt::format("  {}:{} 案例“{}”\n", c.file, c.line, c.case_name);
      if (head != last) s += head;
      last = head;
      s += fmt::format("    {}{}：{} → {}\n", c.rule_id, c.bindings.empty() ? "" : "［" + c.bindings + "］", c.before,
                       c.after);
    }
    if (cases == 0) s += "  （没有找到旧包的测试：用 --tests 指定测试文件或目录）\n";
    out(s);
  }
  std::fflush(stdout);
  if (broken) return exit_usage;
  bool differ = !d.added.empty() || !d.removed.empty() || !d.changed.empty() || !d.params.empty() || !changes.empty();
  return differ ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{45, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand("diff", "比较两版规则包，并用新包重跑旧包的测试 / compare two rule packs");
  cmd->add_option("old", opt->old_pack, "旧规则包（.gj 文件、目录或 builtin:…）")->required();
  cmd->add_option("new", opt->new_pack, "新规则包（.gj 文件、目录或 builtin:…）")->required();
  cmd->add_option("--tests", opt->tests, "旧包的测试文件或目录（默认：旧包旁边和 tests/ 下的）");
  cmd->add_option("--filter", opt->filter, "只重跑“文件 案例名”中含此文字的案例");
  cmd->add_option("--format", opt->format, "输出格式：text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opt, &status] { status = run_diff(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
