// Parsing .gj files into ast::Module, collecting diagnostics.
#pragma once

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/source.hpp"

#include <vector>

namespace gouji::lang {

// Limits that keep the parser's recursion bounded whatever the input.
inline constexpr int kMaxNesting = 64;        // nested expressions / blocks
inline constexpr int kMaxErrorsPerFile = 25;  // then "too many errors"
inline constexpr int kMaxItems = 5000;        // operators, arguments, elements, statements per declaration

// Parses one file of `sources`. Syntax errors are appended to `diags`; the
// module holds every declaration that parsed (the parser resynchronises at
// the next top-level keyword after an error). Never throws on bad input.
ast::Module parse_module(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags);

// Parses a whole file as one expression (tests, tools). nullptr on error.
ast::ExprPtr parse_expression(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags);

// For tests: runs PEGTL's grammar analysis; returns the number of problems.
std::size_t analyze_grammar();

}  // namespace gouji::lang
