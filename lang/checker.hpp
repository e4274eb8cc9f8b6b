// The checker: loads a pack (its root file, then every import and the
// extended pack through a loader), resolves names, infers types, and reports
// every problem it finds — before any document is read.
//
// What it fills in the AST (for the evaluator; see ast.hpp, NameRef):
//   Expr::ref / Expr::slot on names and calls, Expr::slot on comprehensions,
//   Stmt::slot on let / for, Rule::locals, Function::locals, Score::locals,
//   Let::locals.
#pragma once

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"
#include "lang/types.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gouji::lang {

struct LoadedFile {
  std::string path;  // the resolved path (shown in diagnostics, used for further imports)
  std::string text;
};

// Reads the file `import_path` (as written in an import / extends) for the
// file `from_path`. nullopt if there is no such file.
using Loader = std::function<std::optional<LoadedFile>(const std::string& from_path, const std::string& import_path)>;

// Resolves relative to the importing file's directory, on the file system.
Loader filesystem_loader();
// A loader that finds nothing (a pack without imports).
Loader no_imports_loader();

struct CheckResult {
  std::unique_ptr<Program> program;      // always set; run it only if ok()
  std::vector<Diagnostic> diagnostics;   // syntax and semantic, sorted by file and position
  bool ok() const { return !has_errors(diagnostics); }
};

// Parses and checks the pack whose root file is `path` with text `text`.
// A name a file requires (require …) must be defined by some module of the
// pack (E-require-unmet), unless `library` (gouji lint) and the root file has
// no pack header: a file meant to be extended, whose required names are then
// known but undefined.
CheckResult check_pack(const std::string& path, std::string text, const Loader& loader, bool library = false);

// Round modes accepted by round(x, n, mode) (also used by the evaluator's docs).
bool is_round_mode(std::string_view text);

// Edit distance in code points (for "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a small distance, or "".
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace gouji::lang
