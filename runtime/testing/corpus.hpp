// Scoring the built-in packs on a corpus written by `gouji gen` (spec/generator.md,
// spec/testing.md §6): each document's failures are matched against the defect
// its manifest says was planted. A planted defect is found when a failure names
// the planted figure; a failure that names no planted figure is a false alarm.
#pragma once

#include "runtime/eval/eval.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gouji::testing {

// One entry of a manifest's "defects" (spec/generator.md, manifest.json).
struct PlantedDefect {
  std::string cls;
  std::string table;
  std::string subject;
  std::string row;
  std::string column;
  std::string section;
  std::string original;
  std::string planted;
  std::uint32_t line = 0;
};

struct CorpusDocument {
  std::string file;  // relative to the corpus directory
  std::string kind;
  std::string layout;
  std::vector<PlantedDefect> defects;
};

// The documents of manifest.json, or nullopt with `why` (Chinese).
std::optional<std::vector<CorpusDocument>> parse_manifest(const std::string& text, std::string& why);

// The class under which a document's results are counted: its defect's
// class, or kClean for a document without a defect.
inline constexpr const char* kClean = "（无缺陷）";

// Does the failure name the planted defect? Yes when one of its places is on
// the planted source line and prints the planted figure (or is blank, or the
// defect has no figure); a failure with no place on any line names it when
// one of its instance's bindings is the planted table (a missing table, a
// table's department name).
bool names_defect(const eval::Outcome& failure, const PlantedDefect& defect);

// A failure or fault that no planted defect explains, or a defect no failure names.
struct CorpusNote {
  std::string file;
  std::string cls;
  std::string text;  // one line, Chinese
};

struct ClassScore {
  std::size_t documents = 0;
  std::size_t planted = 0;    // defects planted
  std::size_t found = 0;      // of them, named by a failure
  std::size_t alarms = 0;     // failures and faults on the class's documents
  std::size_t explained = 0;  // of them, naming the planted defect
};

struct CorpusScore {
  std::map<std::string, ClassScore> classes;  // by class; kClean for clean documents
  std::vector<CorpusNote> missed;             // planted defects no failure names
  std::vector<CorpusNote> false_alarms;       // failures no planted defect explains
  std::vector<CorpusNote> unusable;           // documents that could not be read or checked
  std::size_t documents = 0;

  // Adds one document's report (failures and faults are counted, at every severity).
  void add(const CorpusDocument& d, const eval::Report& report);
  // A document that could not be read or had no pack: its defects are missed.
  void add_unusable(const CorpusDocument& d, const std::string& why);

  ClassScore total() const;
};

// Percent with two decimals, rounded down ("99.99%" until every case is right);
// "—" when the denominator is 0.
std::string percent_down(std::size_t part, std::size_t whole);

// The report: a table per class, the misses and false alarms (at most
// `max_notes` each), and the closing line.
std::string render_corpus(const CorpusScore& s, const std::string& dir, std::size_t max_notes);

// The closing line CI reads:
// "corpus N documents: recall R% (f/p), precision P% (e/a), missed M, false alarms F"
std::string corpus_closing_line(const CorpusScore& s);

nlohmann::json corpus_json(const CorpusScore& s);

}  // namespace gouji::testing
