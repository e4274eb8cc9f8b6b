// gouji packs: lists the built-in rule packs.
#include "cli/command.hpp"
#include "cli/packs.hpp"

#include <fmt/core.h>

namespace gouji::cli {
namespace {

int run_packs() {
  const auto& packs = builtin_packs();
  bool en = global().lang == "en";
  fmt::print("{}\n", en ? "Built-in rule packs:" : "内置规则包：");
  for (const auto& p : packs)
    fmt::print("  {} {}  {}\n      {}\n", p.name, p.version, p.path, p.description);
  if (packs.empty()) fmt::print("  {}\n", en ? "(none)" : "（无）");
  return exit_ok;
}

const RegisterCommand reg{{60, [](CLI::App& app, int& status) {
  auto* sub = app.add_subcommand("packs", "列出内置规则包（gouji check 按文件类别和年度自动选用）");
  sub->callback([&status] { status = run_packs(); });
}}};

}  // namespace
}  // namespace gouji::cli
