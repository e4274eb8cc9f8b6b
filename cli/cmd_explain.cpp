// gouji explain RULE FILE: how one rule was decided on one document, as a
// derivation a regulator can follow — every figure with its table, row,
// column and source line (or the narrative sentence it was quoted from), each
// operation with its exact result, the rounding intervals ≈ compares, the
// tolerance, and the verdict. By default only the failed (and faulty)
// instances; --all shows every instance, --instance picks some.
//
// The pack is chosen as gouji check chooses it (the built-in pack for the
// document's kind and year), or given with --pack; --param works as in check.
//
// Exit: 0 the instances shown all pass (or none failed); 1 a shown instance
// failed or is faulty; 2 usage, rule-file error or unknown rule; 3 the
// document cannot be read.
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/outcome_text.hpp"
#include "cli/packs.hpp"
#include "lang/checker.hpp"
#include "lang/program.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/read/read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

struct ExplainOptions {
  std::string rule;
  std::string document;
  std::string pack;
  std::vector<std::string> params;  // name=value
  std::vector<std::string> instances;  // numbers (1-based, among all instances) or binding text
  bool all = false;
  std::string format = "text";
};



bool failed(const eval::Outcome& o) { return o.status == eval::Status::fail || o.status == eval::Status::error; }

// Does instance k (1-based) match a --instance selector: its number, or a
// text found in its bindings ("t = 公开09表" or just "公开09表").
bool selected(const eval::Outcome& o, std::size_t k, const std::string& sel) {
  if (!sel.empty() && std::all_of(sel.begin(), sel.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return sel.size() < 9 && std::stoul(sel) == k;
  std::string b = bindings_text(o);
  return b.find(sel) != std::string::npos;
}

std::string render(const eval::Outcome& o, std::size_t k, std::size_t total) {
  std::string s = fmt::format("\n—— 第 {} 个实例（共 {} 个）：{} ——\n", k, total, eval::status_name_zh(o.status));
  if (o.status == eval::Status::not_applicable) {
    std::string b = bindings_text(o);
    if (!b.empty()) s += "实例：" + b + "\n";
    s += "不适用：" + o.reason + "\n";
    return s;
  }
  for (const std::string& line : eval::derivation_lines(o)) s += line + "\n";
  if (o.status == eval::Status::fail && !o.message.empty()) s += "检查结果：" + o.message + "\n";
  if (o.location.line) s += "规则位置：" + o.location.str() + "\n";
  return s;
}

// Rule ids of the pack that contain `id` or are contained in it (for the
// "unknown rule" message).
std::vector<std::string> similar_rules(const lang::Program& program, const std::string& id) {
  std::vector<std::string> out;
  for (const ast::Rule* r : program.rules)
    if (r->id.find(id) != std::string::npos || id.find(r->id) != std::string::npos) out.push_back(r->id);
  return out;
}

int run_explain(const ExplainOptions& opt) {
  auto read = read::read_document_file(opt.document);
  if (const auto* e = std::get_if<read::ReadError>(&read)) {
    std::string msg = e->line ? fmt::format("{}:{}: {}", opt.document, e->line, e->message)
                              : fmt::format("{}: {}", opt.document, e->message);
    err("gouji explain：无法读取文件 " + msg + "\n");
    return exit_unreadable;
  }
  const doc::Document& d = std::get<doc::Document>(read);

  std::string root, text, how;
  if (!opt.pack.empty()) {
    std::string why;
    if (!load_pack_arg(opt.pack, root, text, why)) {
      err("gouji explain：" + why + "\n");
      return exit_usage;
    }
  } else {
    std::string why;
    const BuiltinPack* chosen = choose_pack(d, why);
    if (!chosen) {
      err(fmt::format("gouji explain：{}：{}\n", opt.document, why));
      return exit_usage;
    }
    root = chosen->path;
    text = *builtin_file(chosen->file);
    how = "内置，" + choice_text(d, *chosen);
  }
  lang::Lang lang = global().lang == "en" ? lang::Lang::en : lang::Lang::zh;
  lang::CheckResult checked = lang::check_pack(root, std::move(text), pack_loader());
  if (!checked.diagnostics.empty()) err(lang::render_all(checked.diagnostics, checked.program->sources, lang));
  if (!checked.ok()) {
    err(fmt::format("gouji explain：规则包“{}”有错误\n", root));
    return exit_usage;
  }
  const lang::Program& program = *checked.program;

  const ast::Rule* rule = nullptr;
  for (const ast::Rule* r : program.rules)
    if (r->id == opt.rule) rule = r;
  if (!rule) {
    auto near = similar_rules(program, opt.rule);
    std::string hint;
    for (const auto& n : near) hint += (hint.empty() ? "" : "、") + n;
    err(fmt::format("gouji explain：规则包“{}”中没有规则“{}”{}\n", root, opt.rule,
                    hint.empty() ? std::string("（gouji check --format json 的 rule 字段列出规则编号）")
                                 : "；相近的规则：" + hint));
    return exit_usage;
  }

  eval::Options options;
  for (const std::string& p : opt.params) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      err(fmt::format("gouji explain：--param 应写成 名称=值，这里是“{}”\n", p));
      return exit_usage;
    }
    std::string name = p.substr(0, eq);
    bool known = std::any_of(program.params.begin(), program.params.end(),
                             [&](const ast::Param* x) { return x->name == name; });
    if (!known) {
      err(fmt::format("gouji explain：规则包“{}”没有参数“{}”\n", root, name));
      return exit_usage;
    }
    options.params[name] = p.substr(eq + 1);
  }
  options.derive = eval::Options::Derive::all;
  options.only_rule = rule->id;
  eval::Report report = eval::evaluate(program, d, options);

  // Which instances to show.
  const auto& outs = report.outcomes;
  std::vector<std::size_t> shown;
  for (std::size_t k = 0; k < outs.size(); ++k) {
    bool take = opt.all || failed(outs[k]);
    if (!opt.instances.empty()) {
      take = false;
      for (const auto& sel : opt.instances) take = take || selected(outs[k], k + 1, sel);
    }
    if (take) shown.push_back(k);
  }
  bool any_failed = std::any_of(shown.begin(), shown.end(), [&](std::size_t k) { return failed(outs[k]); });

  if (opt.format == "json") {
    nlohmann::json j;
    j["document"] = d.path;
    j["pack"] = {{"name", program.pack_name}, {"version", program.pack_version}, {"file", root}};
    j["rule"] = rule->id;
    j["instances"] = outs.size();
    nlohmann::json arr = nlohmann::json::array();
    for (std::size_t k : shown) {
      nlohmann::json o = eval::to_json(outs[k]);
      o["instance"] = k + 1;
      arr.push_back(std::move(o));
    }
    j["outcomes"] = arr;
    out(j.dump(2) + "\n");
    return any_failed ? exit_findings : exit_ok;
  }

  std::string s = fmt::format("文件：{}（{}", d.path, doc::kind_name(d.kind));
  if (d.year) s += fmt::format(" {} 年", d.year);
  if (!d.department.empty()) s += " " + d.department;
  s += "）\n";
  std::string label = program.pack_name.empty() ? root : program.pack_name + " " + program.pack_version;
  s += fmt::format("规则包：{}（{}）\n", label, how.empty() ? root : how);
  s += fmt::format("规则：{}［{}］{}\n", rule->id, severity_zh(rule->severity), rule->description);
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& o : outs) ++counts[static_cast<int>(o.status)];
  s += fmt::format("共 {} 个实例：通过 {}，不通过 {}，不适用 {}，出错 {}\n", outs.size(), counts[0], counts[1], counts[2],
                   counts[3]);
  for (std::size_t k : shown) s += render(outs[k], k + 1, outs.size());
  if (shown.empty()) {
    if (!opt.instances.empty())
      s += "\n没有符合 --instance 的实例\n";
    else
      s += "\n没有不通过或出错的实例（加 --all 列出每个实例的推导）\n";
  }
  out(s);
  return any_failed ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{35, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "逐步说明一条规则在一个文件上的判定过程 / explain how a rule was decided");
  cmd->add_option("rule", opt->rule, "规则编号，如 三公.决算合计")->required();
  cmd->add_option("document", opt->document, "要检查的文件（文本或 JSON 形式）")->required();
  cmd->add_option("--pack", opt->pack, "规则包：规则文件（.gj）、其目录或内置规则包（builtin:…）；不给则像 gouji check 一样选用内置规则包");
  cmd->add_option("--param", opt->params, "覆盖规则包参数：名称=值（可多次）")->allow_extra_args(false);
  cmd->add_flag("--all", opt->all, "列出每个实例（默认只列不通过和出错的实例）");
  cmd->add_option("--instance", opt->instances,
                  "只列这些实例：序号（从 1 起，按全部实例计）或实例绑定中的文字，如 公开09表（可多次）")
      ->allow_extra_args(false);
  cmd->add_option("--format", opt->format, "输出格式：text | json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opt, &status] { status = run_explain(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
