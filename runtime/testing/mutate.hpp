// Blind spots and data coverage of a pack on the documents its tests use.
//
// Mutation: every figure some rule reads (a table cell, or an amount or a
// percentage a text pattern captured in the narrative) is perturbed, one at a
// time (+0.01, −0.01, +1, −1, ×10, two adjacent digits swapped); a mutation
// is caught when some rule FAILs that did not fail on the original document.
// Only the rules that read the figure are re-run.
//
// Coverage: the figures (amount cells) and narrative amounts of a document
// that no rule read.
#pragma once

#include "runtime/testing/runner.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace gouji::testing {

struct AnalysisOptions {
  lang::Loader loader;
  DocumentReader read_document;
  std::string filter;  // as for gouji test
};

// Each (pack, document, parameters) the selected cases of `files` use is
// analysed once. `files` pairs a test file with the pack named on the command
// line. Writes a report for people into `text` (and, when `json` is set, the
// same as JSON). false when some case could not be analysed (its pack or
// document); the others are still reported.
bool run_mutation(const std::vector<std::pair<TestFile, std::string>>& files, const AnalysisOptions& options,
                  PackCache& cache, nlohmann::json* json, std::string& text);
bool run_coverage(const std::vector<std::pair<TestFile, std::string>>& files, const AnalysisOptions& options,
                  PackCache& cache, nlohmann::json* json, std::string& text);

// One perturbation of a printed figure ("1,063.13" → "1,063.14"); the text
// keeps the figure's decimals and grouping. nullopt if it does not apply
// (e.g. no two different adjacent digits to swap).
struct Mutation {
  std::string name;  // "+0.01", "−1", "×10", "数字对调"
  std::string text;  // the new printed figure
  Number value;      // its value (a percentage's number as printed, not the ratio)
  bool last_digit = false;  // ± one unit of the last printed decimal: often inside rounding allowances
};
std::vector<Mutation> mutations_of(std::string_view printed);

}  // namespace gouji::testing
