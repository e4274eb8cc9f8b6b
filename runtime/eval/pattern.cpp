// text(section: …, pattern: "收入合计{金额}万元"): finding figures quoted in
// the narrative. Patterns and paragraphs are compared after doc::normalize()
// (white space removed, full-width forms half-width); each match maps back to
// its source line through the paragraph's line map.
#include "runtime/eval/interp.hpp"

namespace gouji::eval::detail {

namespace {

enum class Slot : std::uint8_t { literal, amount, percent, integer, text };

struct Token {
  Slot slot = Slot::literal;
  std::string literal;  // normalised
  std::string name;     // {金额:收入} → 收入
};

// A paragraph's normalised text and, for each of its bytes, the byte offset
// in the original text it came from.
std::size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

Normalized normalize_mapped(std::string_view s) {
  Normalized n;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = std::min(utf8_len(static_cast<unsigned char>(s[i])), s.size() - i);
    std::string piece = doc::normalize(s.substr(i, len));
    n.text += piece;
    n.origin.insert(n.origin.end(), piece.size(), static_cast<std::uint32_t>(i));
    i += len;
  }
  return n;
}

std::vector<Token> parse_pattern(Interp& in, std::string_view pattern, ast::Span span) {
  std::vector<Token> out;
  std::string lit;
  auto flush = [&] {
    if (lit.empty()) return;
    std::string n = doc::normalize(lit);
    if (!n.empty()) out.push_back(Token{Slot::literal, n, ""});
    lit.clear();
  };
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      lit += pattern[i++];
      continue;
    }
    std::size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) in.fail("模式中的“{”没有对应的“}”", span);
    // normalize() turns a full-width colon into ':'.
    std::string inside = doc::normalize(pattern.substr(i + 1, close - i - 1));
    std::string name;
    std::size_t colon = inside.find(':');
    if (colon != std::string::npos) {
      name = inside.substr(colon + 1);
      inside = inside.substr(0, colon);
    }
    Slot slot;
    if (inside == "金额" || inside == "数额" || inside == "数字")
      slot = Slot::amount;
    else if (inside == "百分比")
      slot = Slot::percent;
    else if (inside == "整数")
      slot = Slot::integer;
    else if (inside == "文本")
      slot = Slot::text;
    else
      in.fail("模式中的 {" + inside + "} 不认识：可用 {金额} {百分比} {整数} {文本}", span);
    flush();
    out.push_back(Token{slot, "", name});
    i = close + 1;
  }
  flush();
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of a number at text[p]: optional sign, digits with optional
// thousands groups, optional fraction (not for integers). 0 if none.
std::size_t scan_number(const std::string& t, std::size_t p, bool fraction) {
  std::size_t i = p;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  std::size_t d = i;
  while (i < t.size() && is_digit(t[i])) ++i;
  if (i == d) return 0;
  if (i - d <= 3) {
    while (i + 3 < t.size() + 0 && t[i] == ',' && is_digit(t[i + 1]) && is_digit(t[i + 2]) && is_digit(t[i + 3]) &&
           (i + 4 >= t.size() || !is_digit(t[i + 4])))
      i += 4;
  }
  if (fraction && i + 1 < t.size() && t[i] == '.' && is_digit(t[i + 1])) {
    ++i;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  return i - p;
}

struct Capture {
  Slot slot;
  std::string name;
  std::size_t begin, end;  // in the normalised text
};

struct Matcher {
  Interp& in;
  const std::vector<Token>& tokens;
  const std::string& text;
  ast::Span span;
  std::vector<Capture> caps;

  // Does tokens[k..] match at text[p..]? Sets `end` to the match end.
  bool at(std::size_t k, std::size_t p, std::size_t& end) {
    in.tick(span);
    if (k == tokens.size()) {
      end = p;
      return true;
    }
    const Token& tok = tokens[k];
    switch (tok.slot) {
      case Slot::literal:
        if (text.compare(p, tok.literal.size(), tok.literal) != 0) return false;
        return at(k + 1, p + tok.literal.size(), end);
      case Slot::amount:
      case Slot::integer:
      case Slot::percent: {
        std::size_t n = scan_number(text, p, tok.slot != Slot::integer);
        if (n == 0) return false;
        std::size_t q = p + n;
        if (tok.slot == Slot::integer && q < text.size() && text[q] == '.' && q + 1 < text.size() && is_digit(text[q + 1]))
          return false;
        if (tok.slot == Slot::percent) {
          if (q >= text.size() || text[q] != '%') return false;
          ++q;
        }
        caps.push_back(Capture{tok.slot, tok.name, p, q});
        if (at(k + 1, q, end)) return true;
        caps.pop_back();
        return false;
      }
      case Slot::text: {
        if (p >= text.size()) return false;
        // Shortest run of at least one character. When a literal follows,
        // only the places where that literal occurs can end the run.
        if (k + 1 < tokens.size() && tokens[k + 1].slot == Slot::literal) {
          const std::string& lit = tokens[k + 1].literal;
          std::size_t first = p + std::min(utf8_len(static_cast<unsigned char>(text[p])), text.size() - p);
          for (std::size_t q = text.find(lit, first); q != std::string::npos; q = text.find(lit, q + 1)) {
            caps.push_back(Capture{tok.slot, tok.name, p, q});
            if (at(k + 1, q, end)) return true;
            caps.pop_back();
          }
          return false;
        }
        for (std::size_t q = p; q < text.size();) {
          q += std::min(utf8_len(static_cast<unsigned char>(text[q])), text.size() - q);
          caps.push_back(Capture{tok.slot, tok.name, p, q});
          if (at(k + 1, q, end)) return true;
          caps.pop_back();
        }
        return false;
      }
    }
    return false;
  }
};

// Length of the sentence end (。；！？ or a line break) that starts at byte i, or 0.
std::size_t sentence_end_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '\n') return 1;
  if (c != 0xE3 && c != 0xEF) return 0;  // the lead byte of every full-width end below
  static const std::string_view ends[] = {"。", "；", "！", "？"};
  for (auto e : ends)
    if (s.substr(i, e.size()) == e) return e.size();
  return 0;
}

// The sentence of the original paragraph text around [b, e): from just after
// the last sentence end that starts before b, to the first one at or after e
// (included, except a line break).
std::string sentence(std::string_view s, std::size_t b, std::size_t e) {
  std::size_t start = 0;
  for (std::size_t i = std::min(b, s.size()); i-- > 0;)
    if (std::size_t n = sentence_end_at(s, i)) {
      start = i + n;
      break;
    }
  std::size_t stop = s.size();
  for (std::size_t i = e; i < s.size(); ++i)
    if (std::size_t n = sentence_end_at(s, i)) {
      stop = i + (n == 1 ? 0 : n);
      break;
    }
  if (start > stop) start = stop;
  return std::string(s.substr(start, stop - start));
}

void collect(const doc::Document& d, const doc::Section& s, std::vector<const doc::Paragraph*>& out, int depth) {
  for (const auto& p : s.paragraphs) out.push_back(&p);
  if (depth > 64) return;
  for (int c : s.children)
    if (c >= 0 && static_cast<std::size_t>(c) < d.sections.size())
      collect(d, d.sections[static_cast<std::size_t>(c)], out, depth + 1);
}

}  // namespace

List Interp::find_text(const doc::Section* section, std::string_view pattern, bool first_only, ast::Span span) {
  // The same search on the same document finds the same sentences: each is
  // done once per document (a pack asks for one sentence in several rules).
  TextSearch key{section, std::string(pattern), first_only};
  auto cached = text_searches_.find(key);
  if (cached != text_searches_.end()) return cached->second;
  List found = search_text(section, pattern, first_only, span);
  text_searches_.emplace(std::move(key), found);
  return found;
}

List Interp::search_text(const doc::Section* section, std::string_view pattern, bool first_only, ast::Span span) {
  std::vector<Token> tokens = parse_pattern(*this, pattern, span);
  if (tokens.empty()) fail("模式是空的", span);
  std::vector<const doc::Paragraph*> paragraphs;
  if (section) {
    collect(doc, *section, paragraphs, 0);
  } else {
    for (const auto& s : doc.sections)
      for (const auto& p : s.paragraphs) paragraphs.push_back(&p);
  }
  const std::string& where = intern(section ? "情况说明“" + section->heading + "”" : std::string("情况说明"));
  List out;
  for (const doc::Paragraph* para : paragraphs) {
    auto known = normalized_.find(para);
    if (known == normalized_.end()) known = normalized_.emplace(para, normalize_mapped(para->text)).first;
    const Normalized& norm = known->second;
    auto orig = [&](std::size_t k) -> std::size_t { return k < norm.origin.size() ? norm.origin[k] : para->text.size(); };
    // A pattern that starts with literal text can only match where that text
    // is: jump there instead of trying every position.
    const std::string& lead = tokens[0].slot == Slot::literal ? tokens[0].literal : std::string();
    for (std::size_t p = 0; p < norm.text.size();) {
      if (!lead.empty()) {
        p = norm.text.find(lead, p);
        if (p == std::string::npos) break;
      }
      Matcher m{*this, tokens, norm.text, span, {}};
      std::size_t end = 0;
      if (!m.at(0, p, end)) {
        p += std::min(utf8_len(static_cast<unsigned char>(norm.text[p])), norm.text.size() - p);
        continue;
      }
      Value v;
      v.kind = ValueKind::match;
      v.text = sentence(para->text, orig(p), orig(end));
      v.line = para->line_at(orig(p));
      auto fields = std::make_shared<Fields>();
      bool have_number = false;
      for (const Capture& c : m.caps) {
        std::string printed = norm.text.substr(c.begin, c.end - c.begin);
        std::uint32_t line = para->line_at(orig(c.begin));
        Value f;
        if (c.slot == Slot::text) {
          f = Value::make_text(printed);
        } else {
          std::string digits = c.slot == Slot::percent ? printed.substr(0, printed.size() - 1) : printed;
          auto n = Number::parse_decimal(digits);
          if (!n) continue;  // cannot happen: scan_number accepted it
          std::size_t dot = digits.find('.');
          int places = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
          if (c.slot == Slot::percent) {
            f = Value::exact(*Number::divide(*n, Number(100)));
            Number h = half_unit(places + 2);
            f.lo = f.num - h;
            f.hi = f.num + h;
            f.percent = true;
          } else {
            f = Value::exact(*n);
            if (c.slot == Slot::amount) {
              Number h = half_unit(places);
              f.lo = f.num - h;
              f.hi = f.num + h;
            }
          }
          f.places = places;
          if (opt.access) opt.access->text.push_back({para, orig(c.begin), orig(c.end), line});
        }
        f.origins.push_back(Origin{where, "", "", line, intern(printed)});
        if (!have_number && f.kind == ValueKind::number) {
          have_number = true;
          v.num = f.num;
          v.lo = f.lo;
          v.hi = f.hi;
          v.percent = f.percent;
          v.places = f.places;
          v.origins = f.origins;
          v.line = line;
        }
        if (!c.name.empty()) fields->emplace_back(c.name, f);
      }
      v.flag = have_number;
      v.fields = fields;
      out.push_back(std::move(v));
      if (first_only) return out;
      p = end > p ? end : p + 1;
    }
  }
  return out;
}

}  // namespace gouji::eval::detail
