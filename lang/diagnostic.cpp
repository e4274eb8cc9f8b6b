// Rendering of diagnostics (see diagnostic.hpp). The texts are in messages.cpp.
#include "lang/diagnostic.hpp"

#include <algorithm>

namespace gouji::lang {

std::string fill(std::string_view text, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] == '}') {
      std::size_t k = static_cast<std::size_t>(text[i + 1] - '0');
      if (k < args.size()) out += args[k];
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string Diagnostic::message(Lang lang) const {
  const MessageText* m = find_message(code);
  if (!m) return code;  // a gouji bug; the code itself is still stable and searchable
  return fill(lang == Lang::zh ? m->zh : m->en, lang == Lang::en && !args_en.empty() ? args_en : args);
}

std::string Diagnostic::hint(Lang lang) const {
  const MessageText* m = find_message(hint_code.empty() ? code : hint_code);
  if (!m) return "";
  if (!hint_code.empty()) return fill(lang == Lang::zh ? m->zh : m->en, hint_args.empty() ? args : hint_args);
  return fill(lang == Lang::zh ? m->hint_zh : m->hint_en, lang == Lang::en && !args_en.empty() ? args_en : args);
}

Diagnostic make_diag(DiagSeverity sev, ast::Span span, std::string code, std::vector<std::string> args) {
  Diagnostic d;
  d.severity = sev;
  d.span = span;
  d.code = std::move(code);
  d.args = std::move(args);
  return d;
}

namespace {

const char* label(DiagSeverity s, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (s) {
    case DiagSeverity::error: return zh ? "错误：" : "error: ";
    case DiagSeverity::warning: return zh ? "警告：" : "warning: ";
    case DiagSeverity::note: return zh ? "注：" : "note: ";
  }
  return "";
}

// Code points of a line with their byte offsets (relative to the line).
struct Glyph {
  std::size_t offset;
  std::size_t length;
  char32_t cp;
};

// The code points of line[from, to) (offsets relative to the line).
std::vector<Glyph> glyphs(std::string_view line, std::size_t from, std::size_t to) {
  std::vector<Glyph> out;
  for (std::size_t i = from; i < to;) {
    char32_t cp;
    std::size_t n = decode_utf8(line, i, cp);
    out.push_back({i, n, cp});
    i += n;
  }
  return out;
}

// Moves back from byte `p` over up to `chars` code points of `s`.
std::size_t back_chars(std::string_view s, std::size_t p, std::size_t chars) {
  while (p > 0 && chars > 0) {
    --p;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    --chars;
  }
  return p;
}

// The source line and a caret line under [begin, end) (byte offsets in the
// line). Long lines are cut to a window around the caret.
void show_line(std::string& out, std::string_view line, std::size_t begin, std::size_t end) {
  constexpr std::size_t kBefore = 60, kWindow = 160;
  // Decode only a window around the caret: a line may be 50 MB long.
  begin = std::min(begin, line.size());
  bool whole = line.size() <= 4 * kWindow && count_chars(line) <= kWindow;
  std::size_t from = whole ? 0 : back_chars(line, begin, kBefore);
  std::size_t to = whole ? line.size() : std::min(line.size(), begin + 4 * kWindow);
  while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
  auto gs = glyphs(line, from, to);
  std::size_t first = 0, last = std::min(gs.size(), kWindow);
  bool cut_left = from > 0, cut_right = to < line.size() || gs.size() > kWindow;
  std::string text = "  ", caret = "  ";
  if (cut_left) {
    text += "…";
    caret += " ";
  }
  bool placed = false;
  for (std::size_t k = first; k < last; ++k) {
    const Glyph& g = gs[k];
    bool tab = g.cp == '\t';
    bool invalid = g.cp == 0xFFFD && line.substr(g.offset, g.length) != "\xEF\xBF\xBD";  // not UTF-8
    bool printable = g.cp >= 0x20 && g.cp != 0x7F && !invalid;
    text += tab ? std::string("\t") : printable ? std::string(line.substr(g.offset, g.length)) : std::string("?");
    std::size_t w = tab ? 1 : printable ? static_cast<std::size_t>(display_width(g.cp)) : 1;
    if (g.offset < begin) {
      caret += tab ? std::string("\t") : std::string(w, ' ');
    } else if (g.offset < std::max(end, begin + 1)) {
      for (std::size_t i = 0; i < std::max<std::size_t>(w, 1); ++i) caret += placed ? '~' : '^', placed = true;
    }
  }
  if (cut_right) text += "…";
  if (!placed) caret += '^';  // the span is at the end of the line (or empty)
  out += text;
  out += '\n';
  out += caret;
  out += '\n';
}

void render_at(std::string& out, const SourceSet& sources, std::optional<ast::Span> span, DiagSeverity sev,
               const std::string& message, Lang lang) {
  if (span && span->file < sources.size()) {
    const SourceFile& f = sources.file(span->file);
    LineCol lc = sources.line_col(span->file, span->begin);
    out += f.path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": ";
    out += label(sev, lang);
    out += message;
    out += '\n';
    std::uint32_t ls = sources.line_start(span->file, lc.line);
    std::string_view line = sources.line_text(span->file, lc.line);
    std::size_t b = span->begin - ls;
    std::size_t e = span->end > span->begin ? std::min<std::size_t>(span->end - ls, line.size()) : b;
    show_line(out, line, b, e);
  } else {
    out += "  ";
    out += label(sev, lang);
    out += message;
    out += '\n';
  }
}

}  // namespace

std::string render(const Diagnostic& d, const SourceSet& sources, Lang lang) {
  std::string out;
  render_at(out, sources, d.span, d.severity, d.message(lang), lang);
  std::string h = d.hint(lang);
  if (!h.empty()) out += std::string("  ") + (lang == Lang::zh ? "提示：" : "hint: ") + h + "\n";
  for (const DiagNote& n : d.notes) {
    const MessageText* m = find_message(n.code);
    std::string text = m ? fill(lang == Lang::zh ? m->zh : m->en, n.args) : n.code;
    render_at(out, sources, n.span, DiagSeverity::note, text, lang);
  }
  return out;
}

std::string render_all(const std::vector<Diagnostic>& ds, const SourceSet& sources, Lang lang) {
  std::string out;
  for (const Diagnostic& d : ds) out += render(d, sources, lang);
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
}

std::size_t count(const std::vector<Diagnostic>& ds, DiagSeverity sev) {
  return static_cast<std::size_t>(std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.severity == sev; }));
}

}  // namespace gouji::lang
