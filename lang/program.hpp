// A checked rule pack: every module loaded (imports and the extended pack
// first), and the effective declarations after extends / override / drop.
// The checker (lang/checker.hpp) builds it; the evaluator runs it.
#pragma once

#include "lang/ast.hpp"
#include "lang/source.hpp"

#include <memory>
#include <string>
#include <vector>

namespace gouji::lang {

struct Program {
  SourceSet sources;                                // every file read, for diagnostics
  std::vector<std::unique_ptr<ast::Module>> modules;  // dependencies first, the root last
  std::string pack_name;                            // of the root module
  std::string pack_version;
  std::string unit;                                 // 万元 / 元 (inherited if the root omits it)
  const ast::Expr* tolerance = nullptr;             // effective pack tolerance, or null
  // Effective declarations, in evaluation order. Pointers into `modules`.
  std::vector<const ast::Param*> params;
  std::vector<const ast::Let*> lets;
  std::vector<const ast::Function*> functions;
  std::vector<const ast::Rule*> rules;              // after override / drop
  std::vector<const ast::Score*> scores;
};

}  // namespace gouji::lang
