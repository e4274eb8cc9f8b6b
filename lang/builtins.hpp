// Signatures of the built-in functions: the one table the checker, the
// evaluator (runtime/eval/builtins.cpp implements each by name, and a test
// checks the two agree) and spec/language.md (a test checks every function is
// documented there) are driven from.
#pragma once

#include "lang/types.hpp"

#include <string_view>
#include <vector>

namespace gouji::lang {

struct BuiltinParam {
  std::string_view name;  // for named arguments: text(section: …, pattern: …)
  TypeRef type;
  bool optional = false;
};

struct BuiltinSig {
  std::string_view name;        // English name
  std::string_view alias;       // Chinese alias ("" if none)
  std::vector<BuiltinParam> params;
  bool variadic = false;        // the last parameter repeats (0 or more times if optional)
  TypeRef result;
  std::string_view doc;         // one line, Chinese
};

const std::vector<BuiltinSig>& builtins();
// By English name or Chinese alias; nullptr if there is none.
const BuiltinSig* find_builtin(std::string_view name);
// Index in builtins() (the evaluator's dispatch key), or -1.
int builtin_index(std::string_view name);

}  // namespace gouji::lang
