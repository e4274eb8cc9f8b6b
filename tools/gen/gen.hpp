// The generator of synthetic disclosure documents with known defects
// (spec/generator.md). A document is drawn from a seed: the department, its
// 科目 hierarchy, every amount (integers of 0.01 万元), the projects and
// their self-evaluations; every total is an exact sum and every share, rate
// and score is computed with exact Numbers and rounded half-up once. The
// document is then written in one of the text layouts of the samples, and at
// most one defect is planted in it on request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::gen {

enum class DocKind : std::uint8_t { final2023, final2024, budget2025 };
enum class Layout : std::uint8_t { tab, space };

const char* kind_name(DocKind k);      // "final2023"
const char* layout_name(Layout l);     // "tab"
std::optional<DocKind> parse_kind(std::string_view s);
std::optional<Layout> parse_layout(std::string_view s);

// Defect classes of the 决算 kinds, in the order spec/generator.md lists them.
const std::vector<std::string>& defect_classes();
// Defect classes that can be planted in a document of kind `k` (部门预算 has
// no performance self-evaluation, so no score or grade_count).
const std::vector<std::string>& defect_classes(DocKind k);

struct Options {
  std::uint64_t seed = 1;
  DocKind kind = DocKind::final2023;
  Layout layout = Layout::tab;
  std::string plant;  // a defect class to plant, "" for none
};

// One planted defect.
struct Defect {
  std::string cls;         // one of defect_classes()
  std::string table;       // 公开03表, 项目支出绩效自评表 …; "" for the narrative
  std::string subject;     // 项目名称 of a repeated table, else ""
  std::string row;         // 科目代码, 行次 or label of the row; "" if none
  std::string column;      // column header; "" if none
  std::string section;     // narrative section ("三、支出决算情况说明"); "" for tables
  std::string original;    // the consistent figure as it would have been printed
  std::string planted;     // what is printed instead ("" for a missing table)
  std::uint32_t line = 0;  // 1-based source line of the planted figure
};

// A figure as printed in a table (for read-back tests).
struct Figure {
  std::string table;       // table code (公开01表) or title for the performance tables
  std::string key;         // table|row|column
  std::string text;        // as printed
  std::uint32_t line = 0;  // 1-based source line
};

struct Generated {
  std::string text;                // the document, UTF-8, "\n" line ends
  std::string department;          // as on the cover
  std::vector<Defect> defects;     // at most one
  std::vector<Figure> figures;     // every figure printed in a table
};

Generated generate(const Options& options);

// The seed of document `index` of a corpus drawn with `seed`.
std::uint64_t document_seed(std::uint64_t seed, std::uint64_t index);

}  // namespace gouji::gen
