// Running test files: check the pack, read the document, evaluate, compare
// outcomes with the expectations; and --update, which writes the current
// outcomes back into the file.
#pragma once

#include "lang/checker.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/read/read.hpp"
#include "runtime/testing/gjt.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace gouji::testing {

enum class CaseStatus : std::uint8_t {
  passed,
  failed,   // an expectation does not hold
  broken,   // the test file, its pack or its document could not be used (counted as failed)
  skipped,  // filtered out is not skipped; skipped = a document a built-in test names is not here
};

// An expectation that does not hold, with the outcomes that show why.
struct Mismatch {
  std::uint32_t line = 0;      // the 期望 / 其余 line
  std::string rule_id;
  std::string bindings;        // "t = 公开03表，r = 201" or ""
  std::string expected;        // "不通过 差 0.10"
  std::string actual;          // "通过"
  std::vector<eval::Outcome> outcomes;  // the rule's instances concerned (the trace)
};

struct CaseResult {
  std::string file;   // the test file
  std::uint32_t line = 0;
  std::string name;
  CaseStatus status = CaseStatus::passed;
  std::vector<Mismatch> mismatches;
  std::string error;  // broken / skipped: why ("file:line: …")
  std::shared_ptr<eval::Report> report;  // when evaluated
};

// Reads a document file (a test's path resolved); the CLI passes
// read::read_document_file.
using DocumentReader = std::function<std::variant<doc::Document, read::ReadError>(const std::string& path)>;

struct RunOptions {
  lang::Loader loader;        // finds packs: files and builtin:…
  std::string default_pack;   // a pack named on the command line ("" = none)
  std::string filter;         // substring of "file 案例名" ("" = every case)
  DocumentReader read_document;
  eval::Options eval;         // limits; params are the test's
};

// Checked packs by resolved path, shared by the cases of a run.
class PackCache {
 public:
  // The checked pack `pack` as named from `from` (a test file or ""), or
  // nullptr with `why` (Chinese, with the diagnostics rendered).
  const lang::Program* get(const lang::Loader& loader, const std::string& from, const std::string& pack,
                           std::string& why);

 private:
  std::map<std::string, std::shared_ptr<lang::CheckResult>> checked_;
  std::map<std::string, std::string> errors_;
};

// Where a document path written in test file `test_path` is: relative to the
// test file's folder; a built-in test (builtin:tests/x.gjt) resolves against
// stdlib/ under the current directory.
std::string resolve_document_path(const std::string& test_path, const std::string& doc_path);

// The document of a case (read or inline), or why not.
std::variant<doc::Document, std::string> load_case_document(const TestFile& file, const Case& c,
                                                            const DocumentReader& reader, bool& missing);

// Runs the selected cases of one parsed file.
std::vector<CaseResult> run_file(const TestFile& file, const RunOptions& options, PackCache& cache);

// True when the case is selected by `filter`.
bool case_selected(const TestFile& file, const Case& c, const std::string& filter);

// Aggregate status of several instances: ERROR if any, else FAIL if any,
// else PASS if any, else N/A.
eval::Status aggregate(const std::vector<const eval::Outcome*>& outcomes);

// Does an outcome's binding list match the expectation's conditions?
bool bindings_match(const eval::Outcome& o, const std::vector<std::pair<std::string, std::string>>& want);

// --update: the file's new text, with every expectation of the evaluated
// cases set to the current outcomes. `notes` gets what could not be updated.
std::string update_text(const TestFile& file, const std::vector<CaseResult>& results, std::vector<std::string>& notes);

// Text of an outcome's trace (values, operands, places, rule position),
// indented by `indent`.
std::string trace_text(const eval::Outcome& o, const std::string& indent);

}  // namespace gouji::testing
