// Subcommands of `gouji`. Each cli/cmd_*.cpp registers itself with a static
// RegisterCommand, so that adding a command touches no shared table.
//
// Exit status, for every command: 0 nothing to report at or above the
// threshold, 1 findings (failed rules, lint errors, failed tests), 2 a usage or
// rule-file error, 3 a document that could not be read.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace gouji::cli {

enum exit_code : int { exit_ok = 0, exit_findings = 1, exit_usage = 2, exit_unreadable = 3 };

// Options every command sees.
struct Global {
  std::string lang = "zh";  // message language: zh | en
};
Global& global();

struct CommandSpec {
  int order;  // position in `gouji --help`
  // Adds the subcommand to `app`; the callback it installs stores the exit
  // status in `status`.
  std::function<void(CLI::App& app, int& status)> add;
};

std::vector<CommandSpec>& command_registry();

struct RegisterCommand {
  explicit RegisterCommand(CommandSpec spec) { command_registry().push_back(std::move(spec)); }
};

}  // namespace gouji::cli
