// A one-file program built without the checker (the evaluator resolves names
// itself), for the evaluator tests; a syntax error fails the calling test.
#pragma once

#include "lang/parser.hpp"
#include "lang/program.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace fx {

inline std::unique_ptr<gouji::lang::Program> program(const std::string& text) {
  using namespace gouji;
  auto p = std::make_unique<lang::Program>();
  std::uint32_t file = p->sources.add("测试.gj", text);
  std::vector<lang::Diagnostic> diags;
  auto m = std::make_unique<ast::Module>(lang::parse_module(p->sources, file, diags));
  for (const auto& d : diags) FAIL_CHECK(lang::render(d, p->sources, lang::Lang::zh));
  p->unit = m->unit;
  p->tolerance = m->tolerance.get();
  for (const auto& x : m->params) p->params.push_back(&x);
  for (const auto& x : m->lets) p->lets.push_back(&x);
  for (const auto& x : m->functions) p->functions.push_back(&x);
  for (const auto& x : m->rules) p->rules.push_back(&x);
  for (const auto& x : m->scores) p->scores.push_back(&x);
  p->modules.push_back(std::move(m));
  return p;
}

}  // namespace fx
