// Static types the checker infers for rule expressions.
#pragma once

#include <cstdint>
#include <string>

namespace gouji::lang {

enum class Type : std::uint8_t {
  any,      // unknown / polymorphic: accepted everywhere, checked at run time
  number,   // exact number (percentages are numbers: 64.01% is 0.6401)
  text,
  boolean,
  cell,     // a figure read from a document: number, percent, blank or text;
            // usable where a number or a text is expected (checked at run time)
  table,
  row,
  column,
  section,
  match,    // a piece of narrative matched by a pattern: a number with its sentence
  list,     // see TypeRef::elem
  nothing,  // the type of `absent`
};

struct TypeRef {
  Type kind = Type::any;
  Type elem = Type::any;  // for list: element type

  friend bool operator==(const TypeRef&, const TypeRef&) = default;
};

inline TypeRef list_of(Type elem) { return TypeRef{Type::list, elem}; }

// Does a value of type `have` fit where `want` is expected?
bool fits(TypeRef have, TypeRef want);
// Chinese name of a type for diagnostics ("数值", "文本", "表" …); en for --lang en.
std::string type_name(TypeRef t, bool english = false);

}  // namespace gouji::lang
