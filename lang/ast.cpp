// AST helpers. dump() (canonical printing for parser tests) is in dump.cpp.
#include "lang/ast.hpp"

namespace gouji::ast {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

}  // namespace gouji::ast
