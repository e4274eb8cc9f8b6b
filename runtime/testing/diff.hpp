// gouji diff OLD NEW: how two versions of a rule pack differ — rules added,
// removed and changed (compared through their canonical dump, so white space
// and comments do not count), parameters whose defaults changed — and how the
// outcomes of the old pack's tests change under the new pack.
#pragma once

#include "lang/program.hpp"
#include "runtime/testing/runner.hpp"

#include <string>
#include <vector>

namespace gouji::testing {

struct RuleChange {
  std::string id;
  std::string old_text, new_text;  // canonical dumps ("" when added / removed)
};

struct PackDiff {
  std::vector<std::string> added, removed;  // rule ids
  std::vector<RuleChange> changed;
  std::vector<std::string> params;          // "行次.收入总计：31 → 30", "新增 x = 1", "删除 y"
};

// The canonical text of each effective rule of a checked program, by id.
std::vector<std::pair<std::string, std::string>> rule_dumps(const lang::Program& program);

PackDiff diff_packs(const lang::Program& old_pack, const lang::Program& new_pack);

// One instance whose outcome differs between the packs on a test's document.
struct OutcomeChange {
  std::string file;        // the test file
  std::uint32_t line = 0;  // its case
  std::string case_name;
  std::string rule_id;
  std::string bindings;
  std::string before, after;  // "通过", "不通过（差 0.10）", "（无此实例）"
};

// Runs each selected case's document under both packs (with the case's
// parameters that each pack has). Problems (unreadable documents) go to `problems`.
std::vector<OutcomeChange> outcome_changes(const std::vector<TestFile>& tests, const lang::Program& old_pack,
                                           const lang::Program& new_pack, const DocumentReader& reader,
                                           const std::string& filter, std::string& problems);

}  // namespace gouji::testing
