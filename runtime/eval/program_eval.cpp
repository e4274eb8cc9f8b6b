// Evaluating a checked lang::Program: its declarations and its source
// positions, as a PackView.
#include "lang/program.hpp"
#include "runtime/eval/eval.hpp"

namespace gouji::eval {

PackView view_of(const lang::Program& program) {
  PackView v;
  v.unit = program.unit;
  v.tolerance = program.tolerance;
  v.params = program.params;
  v.lets = program.lets;
  v.functions = program.functions;
  v.rules = program.rules;
  v.scores = program.scores;
  const lang::SourceSet* sources = &program.sources;
  v.locate = [sources](ast::Span s) {
    SourcePos p;
    if (s.file >= sources->size()) return p;
    p.file = sources->file(s.file).path;
    lang::LineCol lc = sources->line_col(s.file, s.begin);
    p.line = lc.line;
    p.column = lc.column;
    return p;
  };
  v.source_text = [sources](ast::Span s) {
    if (s.file >= sources->size()) return std::string();
    const std::string& text = sources->file(s.file).text;
    if (s.begin >= s.end || s.end > text.size()) return std::string();
    return text.substr(s.begin, s.end - s.begin);
  };
  return v;
}

Report evaluate(const lang::Program& program, const doc::Document& document, const Options& options) {
  return evaluate(view_of(program), document, options);
}

}  // namespace gouji::eval
