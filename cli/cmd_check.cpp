// gouji check --pack FILE|DIR DOC…: checks disclosure documents against a rule
// pack. The pack is parsed and checked first (a rule-file error stops the run
// with exit 2); then every document is read and evaluated, and a report is
// printed per document — for people (Chinese) or as JSON (--format json).
//
// Exit: 0 no failed or faulty rule at or above --fail-on; 1 there are; 2 usage
// or rule-file error; 3 a document could not be read (the others are still
// checked and reported).
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/packs.hpp"
#include "lang/checker.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/read/read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

struct CheckOptions {
  std::string pack;
  std::vector<std::string> documents;
  std::string format = "text";
  std::vector<std::string> params;  // name=value
  std::string fail_on = "error";
  std::uint64_t max_steps = 1'000'000;
  int max_depth = 64;
  bool show_passed = false;
};



// The root file of a pack given as a file or a directory. A directory must
// hold exactly one .gj file at its top level, or a 包.gj / pack.gj.
bool pack_root(const std::string& arg, std::string& root, std::string& why) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    root = arg;
    return true;
  }
  if (!fs::is_directory(arg, ec)) {
    why = fmt::format("找不到规则包“{}”（既不是文件也不是目录）", arg);
    return false;
  }
  std::vector<std::string> files;
  for (fs::directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".gj") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const char* main_name : {"包.gj", "pack.gj", "main.gj"})
    for (const auto& f : files)
      if (fs::path(f).filename() == main_name) {
        root = f;
        return true;
      }
  if (files.size() == 1) {
    root = files[0];
    return true;
  }
  if (files.empty())
    why = fmt::format("目录“{}”中没有规则文件（.gj）", arg);
  else
    why = fmt::format("目录“{}”中有 {} 个规则文件，不知道哪个是规则包的主文件：请用 --pack 指明文件，或将主文件命名为 包.gj",
                      arg, files.size());
  return false;
}

int severity_rank(ast::Severity s) {
  switch (s) {
    case ast::Severity::error: return 0;
    case ast::Severity::warning: return 1;
    case ast::Severity::info: return 2;
  }
  return 0;
}

const char* severity_zh(ast::Severity s) {
  switch (s) {
    case ast::Severity::error: return "错误";
    case ast::Severity::warning: return "警告";
    case ast::Severity::info: return "提示";
  }
  return "";
}

std::string bindings_text(const eval::Outcome& o) {
  std::string s;
  for (const auto& [k, v] : o.bindings) s += (s.empty() ? "" : "，") + k + " = " + v;
  return s;
}

std::string place_text(const eval::Place& p) {
  std::string where = p.table;
  if (!p.row.empty()) where += (where.empty() ? "" : " ") + p.row;
  if (!p.column.empty()) where += (where.empty() ? "" : " ") + p.column;
  std::string s = where.empty() ? std::string("文件") : where;
  if (p.line) s += fmt::format("（第 {} 行）", p.line);
  return s;
}

void render_outcome(const eval::Outcome& o, std::string& s) {
  s += fmt::format("\n[{}·{}] {}  {}\n", severity_zh(o.severity), eval::status_name_zh(o.status), o.rule_id,
                   o.description);
  if (!o.bindings.empty()) s += fmt::format("  实例：{}\n", bindings_text(o));
  if (o.status == eval::Status::fail) {
    s += fmt::format("  {}\n", o.message);
    if (!o.left_text.empty()) s += fmt::format("  左边：{}\n", o.left_text);
    if (!o.right_text.empty()) s += fmt::format("  右边：{}\n", o.right_text);
    if (o.difference) {
      s += fmt::format("  差（左 − 右）：{}", o.difference->to_string(6));
      if (o.allowance) s += fmt::format("；舍入尾差允许 ±{}", o.allowance->to_string(6));
      if (o.tolerance) s += fmt::format("；容差 {}", o.tolerance->to_string(6));
      s += "\n";
    }
  } else {
    s += fmt::format("  原因：{}\n", o.reason);
  }
  std::vector<std::string> shown;
  for (const eval::Place& p : o.places) {
    std::string line = fmt::format("  出处：{}", place_text(p));
    if (!p.line_text.empty()) line += fmt::format("：{}", p.line_text);
    if (std::find(shown.begin(), shown.end(), line) != shown.end()) continue;
    shown.push_back(line);
    s += line + "\n";
  }
  if (o.location.line) s += fmt::format("  规则：{}\n", o.location.str());
}

std::string render_report(const eval::Report& r, const doc::Document& d, int threshold, bool show_passed) {
  std::string s;
  s += fmt::format("文件：{}（{}", r.document, doc::kind_name(d.kind));
  if (d.year) s += fmt::format(" {} 年", d.year);
  if (!d.department.empty()) s += " " + d.department;
  s += "）\n";
  s += fmt::format("运行 {} 条规则，{} 个实例：通过 {}，不通过 {}，不适用 {}，出错 {}\n", r.rules_run, r.outcomes.size(),
                   r.count(eval::Status::pass), r.count(eval::Status::fail), r.count(eval::Status::not_applicable),
                   r.count(eval::Status::error));
  for (ast::Severity sev : {ast::Severity::error, ast::Severity::warning, ast::Severity::info}) {
    std::size_t f = r.count(eval::Status::fail, sev), e = r.count(eval::Status::error, sev);
    if (f + e) s += fmt::format("  {}级：不通过 {}，出错 {}\n", severity_zh(sev), f, e);
  }
  for (const auto& w : r.warnings) s += "注意：" + w + "\n";
  // Failures and faults, most severe first.
  for (ast::Severity sev : {ast::Severity::error, ast::Severity::warning, ast::Severity::info})
    for (const eval::Outcome& o : r.outcomes)
      if (o.severity == sev && (o.status == eval::Status::fail || o.status == eval::Status::error) &&
          (severity_rank(sev) <= threshold || true))
        render_outcome(o, s);
  // Not applicable: one line each.
  std::size_t na = r.count(eval::Status::not_applicable);
  if (na) {
    s += fmt::format("\n不适用（{}）：\n", na);
    std::size_t n = 0;
    for (const eval::Outcome& o : r.outcomes) {
      if (o.status != eval::Status::not_applicable) continue;
      if (++n > 30) {
        s += fmt::format("  …… 另有 {} 个（--format json 列出全部）\n", na - 30);
        break;
      }
      std::string b = bindings_text(o);
      s += fmt::format("  {}{}：{}\n", o.rule_id, b.empty() ? "" : "（" + b + "）", o.reason);
    }
  }
  if (show_passed) {
    s += "\n通过：\n";
    for (const eval::Outcome& o : r.outcomes)
      if (o.status == eval::Status::pass) {
        std::string b = bindings_text(o);
        s += fmt::format("  {}{}\n", o.rule_id, b.empty() ? "" : "（" + b + "）");
      }
  }
  if (!r.scores.empty()) {
    s += "\n评分：\n";
    for (const eval::ScoreResult& sc : r.scores) {
      if (sc.value)
        s += fmt::format("  {}  {} / {}\n", sc.id, eval::format_number(*sc.value, 2), eval::format_number(sc.weight));
      else
        s += fmt::format("  {}  —（{}：{}） / {}\n", sc.id, eval::status_name_zh(sc.status), sc.reason,
                         eval::format_number(sc.weight));
    }
    s += fmt::format("  合计  {} / {}\n", eval::format_number(r.score_total, 2), eval::format_number(r.score_max));
  }
  return s;
}

bool has_findings(const eval::Report& r, int threshold) {
  for (const eval::Outcome& o : r.outcomes)
    if ((o.status == eval::Status::fail || o.status == eval::Status::error) && severity_rank(o.severity) <= threshold)
      return true;
  return false;
}

// A checked pack ready to run, or the exit status that says why not.
struct LoadedPack {
  std::unique_ptr<lang::Program> program;
  std::string root;   // the pack's root file ("builtin:…" for a built-in pack)
  eval::Options options;
};

// Parses and checks a pack, prints its diagnostics, and resolves --param
// against its parameters. Returns nullopt (with `status` set) on an error.
std::optional<LoadedPack> load_pack(const std::string& root, std::string text, const CheckOptions& opt,
                                    int& status) {
  lang::Lang lang = global().lang == "en" ? lang::Lang::en : lang::Lang::zh;
  lang::CheckResult checked = lang::check_pack(root, std::move(text), pack_loader());
  if (!checked.diagnostics.empty()) err(lang::render_all(checked.diagnostics, checked.program->sources, lang));
  if (!checked.ok()) {
    err(fmt::format("gouji check：规则包“{}”有错误，未检查任何文件\n", root));
    status = exit_usage;
    return std::nullopt;
  }
  LoadedPack pack{std::move(checked.program), root, {}};
  const lang::Program& program = *pack.program;
  pack.options.max_steps = opt.max_steps;
  pack.options.max_depth = opt.max_depth;
  for (const std::string& p : opt.params) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      err(fmt::format("gouji check：--param 应写成 名称=值，这里是“{}”\n", p));
      status = exit_usage;
      return std::nullopt;
    }
    std::string name = p.substr(0, eq);
    bool known = std::any_of(program.params.begin(), program.params.end(),
                             [&](const ast::Param* x) { return x->name == name; });
    if (!known) {
      std::string names;
      for (const ast::Param* x : program.params) names += (names.empty() ? "" : "、") + x->name;
      err(fmt::format("gouji check：规则包“{}”没有参数“{}”{}\n", root, name,
                      names.empty() ? std::string("（它没有任何参数）") : "；可用的参数：" + names));
      status = exit_usage;
      return std::nullopt;
    }
    pack.options.params[name] = p.substr(eq + 1);
  }
  return pack;
}

// The documents named on the command line: files as given, folders walked
// for *.txt and *.json (sorted, so the order is the same on every machine).
std::vector<std::string> expand_documents(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      if (ext == ".txt" || ext == ".json") found.push_back(it->path().generic_string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

int run_check(const CheckOptions& opt) {
  if (opt.documents.empty()) {
    err("gouji check：没有给出要检查的文件\n");
    return exit_usage;
  }
  std::vector<std::string> documents = expand_documents(opt.documents);
  if (documents.empty()) {
    err("gouji check：所给目录中没有 .txt 或 .json 文件\n");
    return exit_usage;
  }
  int threshold = opt.fail_on == "info" ? 2 : opt.fail_on == "warning" ? 1 : 0;
  int status = exit_ok;

  // --pack: one pack for every document; otherwise the built-in pack that
  // fits each document, each loaded once.
  std::optional<LoadedPack> given;
  std::map<std::string, LoadedPack> builtin;
  if (!opt.pack.empty()) {
    std::string root, why, text;
    if (!pack_root(opt.pack, root, why)) {
      err("gouji check：" + why + "\n");
      return exit_usage;
    }
    if (!read_all(root, text)) {
      err(fmt::format("gouji check：无法读取规则文件“{}”\n", root));
      return exit_usage;
    }
    given = load_pack(root, std::move(text), opt, status);
    if (!given) return status;
  }

  bool json = opt.format == "json";
  bool unreadable = false, findings = false;
  nlohmann::json jdocs = nlohmann::json::array();
  auto pack_label = [](const LoadedPack& p) {
    const lang::Program& program = *p.program;
    return program.pack_name.empty() ? p.root : program.pack_name + " " + program.pack_version;
  };
  if (given && !json)
    out(fmt::format("规则包：{}（{}，{} 条规则）\n", pack_label(*given), given->root, given->program->rules.size()));
  for (const std::string& path : documents) {
    auto read = read::read_document_file(path);
    if (const auto* e = std::get_if<read::ReadError>(&read)) {
      unreadable = true;
      std::string msg = e->line ? fmt::format("{}:{}: {}", path, e->line, e->message) : fmt::format("{}: {}", path, e->message);
      err("gouji check：无法读取文件 " + msg + "\n");
      if (json) jdocs.push_back({{"document", path}, {"error", e->message}, {"line", e->line}});
      continue;
    }
    const doc::Document& d = std::get<doc::Document>(read);
    const LoadedPack* pack = given ? &*given : nullptr;
    if (!pack) {
      std::string why;
      const BuiltinPack* chosen = choose_pack(d, why);
      if (!chosen) {
        unreadable = true;
        err(fmt::format("gouji check：{}：{}\n", path, why));
        if (json) jdocs.push_back({{"document", path}, {"error", why}});
        continue;
      }
      auto it = builtin.find(chosen->path);
      if (it == builtin.end()) {
        auto loaded = load_pack(chosen->path, *builtin_file(chosen->file), opt, status);
        if (!loaded) return status;
        it = builtin.emplace(chosen->path, std::move(*loaded)).first;
      }
      pack = &it->second;
      if (!json)
        out(fmt::format("\n规则包：{}（内置，{} 条规则；按文件类别“{}”和年度 {} 选用）", pack_label(*pack),
                        pack->program->rules.size(), doc::kind_name(d.kind), d.year));
    }
    eval::Report r = eval::evaluate(*pack->program, d, pack->options);
    findings = findings || has_findings(r, threshold);
    if (json) {
      nlohmann::json jr = eval::to_json(r);
      jr["pack"] = {{"name", pack->program->pack_name}, {"version", pack->program->pack_version}, {"file", pack->root}};
      jdocs.push_back(std::move(jr));
    } else {
      out("\n" + render_report(r, d, threshold, opt.show_passed));
    }
    std::fflush(stdout);
  }
  if (json) {
    nlohmann::json j;
    if (given)
      j["pack"] = {{"name", given->program->pack_name}, {"version", given->program->pack_version}, {"file", given->root}};
    j["documents"] = jdocs;
    out(j.dump(2) + "\n");
  }
  std::fflush(stdout);
  if (unreadable) return exit_unreadable;
  return findings ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{30, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "用规则包检查预算、决算公开文件 / check documents against a rule pack");
  cmd->add_option("--pack", opt->pack, "规则包：规则文件（.gj）或其目录；不给则按文件类别和年度选用内置规则包（gouji packs）");
  cmd->add_option("documents", opt->documents, "要检查的文件（文本或 JSON 形式）或目录（其中的 .txt、.json）");
  cmd->add_option("--format", opt->format, "输出格式：text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--param", opt->params, "覆盖规则包参数：名称=值（可多次）")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", opt->fail_on, "从哪一级起不通过即以 1 退出：error | warning | info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->add_option("--max-steps", opt->max_steps, "每条规则的求值步数上限（默认 1000000）");
  cmd->add_option("--max-depth", opt->max_depth, "函数调用嵌套上限（默认 64）");
  cmd->add_flag("--show-passed", opt->show_passed, "也列出通过的实例");
  cmd->callback([opt, &status] { status = run_check(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
