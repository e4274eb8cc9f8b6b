// gouji: checks government budget and final-accounts disclosures against rule
// packs. This file only dispatches to the subcommands in cli/cmd_*.cpp.
#include "cli/command.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace gouji::cli {

Global& global() {
  static Global g;
  return g;
}

std::vector<CommandSpec>& command_registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}

}  // namespace gouji::cli

int main(int argc, char** argv) {
  using namespace gouji::cli;
  CLI::App app{"gouji（勾稽）：部门预算、决算公开文件的勾稽关系检查工具"};
  app.set_version_flag("--version", "gouji 0.1.0");
  app.add_option("--lang", global().lang, "消息语言 / message language: zh | en")
      ->check(CLI::IsMember({"zh", "en"}));
  app.require_subcommand(1);
  int status = exit_ok;
  auto& commands = command_registry();
  std::sort(commands.begin(), commands.end(),
            [](const CommandSpec& a, const CommandSpec& b) { return a.order < b.order; });
  for (auto& c : commands) c.add(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? exit_ok : exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gouji: 内部错误（请报告此问题）：%s\n", e.what());
    return exit_usage;
  }
  return status;
}
