// Parsing test files (.gjt). See gjt.hpp and spec/testing.md.
#include "runtime/testing/gjt.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gouji::testing {

namespace {

// White space: ASCII space and tab, and the ideographic space U+3000.
std::size_t space_len(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') return 1;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t n = space_len(s, b);
    if (!n) break;
    b += n;
  }
  s.remove_prefix(b);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// Opening and closing quote / bracket pairs a token may be wrapped in.
struct Pair {
  std::string_view open, close;
};
constexpr Pair k_quotes[] = {{"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"} /* “ ” */, {"\xE3\x80\x8C", "\xE3\x80\x8D"} /* 「 」 */};
constexpr Pair k_brackets[] = {{"[", "]"}, {"\xE3\x80\x90", "\xE3\x80\x91"} /* 【 】 */};

struct Token {
  std::string text;  // without quotes (brackets kept)
  bool quoted = false;
  bool bracket = false;
};

// Splits a line into tokens; a trailing "# …" (after white space, outside
// quotes and brackets) is the comment. Returns false with `why` on an
// unclosed quote or bracket.
bool tokenize(std::string_view line, std::vector<Token>& out, std::string& comment, std::string& why) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (std::size_t n = space_len(line, i)) {
      std::size_t j = i;
      while (std::size_t m = space_len(line, j)) j += m;
      if (j < line.size() && line[j] == '#') {
        comment = std::string(line.substr(i));
        while (!comment.empty() && (comment.back() == '\r' || comment.back() == ' ')) comment.pop_back();
        return true;
      }
      i = j;
      (void)n;
      continue;
    }
    if (line[i] == '#' && i == 0) {
      comment = std::string(line);
      return true;
    }
    bool matched = false;
    for (const Pair& q : k_quotes) {
      if (line.substr(i, q.open.size()) != q.open) continue;
      std::size_t end = line.find(q.close, i + q.open.size());
      if (end == std::string_view::npos) {
        why = fmt::format("引号 {} 没有配对的 {}", q.open, q.close);
        return false;
      }
      out.push_back({std::string(line.substr(i + q.open.size(), end - i - q.open.size())), true, false});
      i = end + q.close.size();
      matched = true;
      break;
    }
    if (matched) continue;
    for (const Pair& b : k_brackets) {
      if (line.substr(i, b.open.size()) != b.open) continue;
      std::size_t end = line.find(b.close, i + b.open.size());
      if (end == std::string_view::npos) {
        why = fmt::format("方括号 {} 没有配对的 {}", b.open, b.close);
        return false;
      }
      out.push_back({std::string(line.substr(i, end + b.close.size() - i)), false, true});
      i = end + b.close.size();
      matched = true;
      break;
    }
    if (matched) continue;
    std::size_t j = i;
    while (j < line.size() && !space_len(line, j)) ++j;
    out.push_back({std::string(line.substr(i, j - i)), false, false});
    i = j;
  }
  return true;
}

// The first line with a byte sequence that is not UTF-8 (or a NUL), or 0.
std::uint32_t first_bad_line(std::string_view s) {
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line;
    if (c == 0) return line;
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return line;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return line;
    i += n;
  }
  return 0;
}

// At most `n` bytes of `s`, cut at a character boundary.
std::string_view prefix_chars(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

enum class Keyword { none, pack, param, case_, document, expect, others, edit };

// The keyword a line starts with; `rest` is what follows it (a ":" or "："
// right after the keyword is dropped).
Keyword keyword_of(std::string_view line, std::string_view& rest, std::string& written) {
  struct K {
    std::string_view word;
    Keyword kw;
  };
  static constexpr K words[] = {
      {"规则包", Keyword::pack},  {"pack", Keyword::pack},         {"参数", Keyword::param},
      {"param", Keyword::param},  {"案例", Keyword::case_},        {"case", Keyword::case_},
      {"文件", Keyword::document}, {"document", Keyword::document}, {"期望", Keyword::expect},
      {"expect", Keyword::expect}, {"其余", Keyword::others},       {"others", Keyword::others},
      {"改", Keyword::edit},       {"change", Keyword::edit},
  };
  for (const K& k : words) {
    if (!line.starts_with(k.word)) continue;
    std::string_view r = line.substr(k.word.size());
    if (r.starts_with(":")) {
      r.remove_prefix(1);
    } else if (r.starts_with("\xEF\xBC\x9A")) {  // ：
      r.remove_prefix(3);
    } else if (!r.empty() && !space_len(r, 0)) {
      continue;  // "packs…" is not "pack"
    }
    rest = trim(r);
    written = std::string(k.word);
    return k.kw;
  }
  return Keyword::none;
}

std::string unquote(std::string_view s) {
  s = trim(s);
  for (const Pair& q : k_quotes)
    if (s.size() >= q.open.size() + q.close.size() && s.starts_with(q.open) && s.ends_with(q.close))
      return std::string(s.substr(q.open.size(), s.size() - q.open.size() - q.close.size()));
  return std::string(s);
}

bool is_ascii_word(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c > 0 && c < 0x7f; });
}

// "[t = 公开03表, r = 201]" → pairs. false with `why` on a malformed list.
bool parse_bindings(std::string_view text, std::vector<std::pair<std::string, std::string>>& out, std::string& why) {
  for (const Pair& b : k_brackets)
    if (text.starts_with(b.open)) {
      text.remove_prefix(b.open.size());
      text.remove_suffix(b.close.size());
      break;
    }
  std::string s(text);
  // Separators: , ， ; ；
  for (std::string_view sep : {"\xEF\xBC\x8C", "\xEF\xBC\x9B", ";"}) {
    std::size_t p;
    while ((p = s.find(sep)) != std::string::npos) s.replace(p, sep.size(), ",");
  }
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    std::string_view part = trim(std::string_view(s).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!part.empty()) {
      std::string p(part);
      std::size_t eq = p.find('=');
      std::size_t eq_len = 1;
      if (eq == std::string::npos) {
        eq = p.find("\xEF\xBC\x9D");  // ＝
        eq_len = 3;
      }
      if (eq == std::string::npos) {
        why = fmt::format("实例条件“{}”应写成 名称 = 值，例如 [r = 201]", p);
        return false;
      }
      std::string name(trim(std::string_view(p).substr(0, eq)));
      std::string value = unquote(std::string_view(p).substr(eq + eq_len));
      if (name.empty() || value.empty()) {
        why = fmt::format("实例条件“{}”缺少名称或值", p);
        return false;
      }
      out.emplace_back(name, value);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) {
    why = "方括号里没有实例条件，例如 [r = 201]";
    return false;
  }
  return true;
}

enum class ValueKey { none, left, right, difference, message, source_line };

ValueKey value_key(std::string_view w, bool& english) {
  english = is_ascii_word(w);
  if (w == "左" || w == "left") return ValueKey::left;
  if (w == "右" || w == "right") return ValueKey::right;
  if (w == "差" || w == "difference" || w == "diff") return ValueKey::difference;
  if (w == "消息含" || w == "message" || w == "原因含" || w == "reason") return ValueKey::message;
  if (w == "出处" || w == "source-line") return ValueKey::source_line;
  return ValueKey::none;
}

class Parser {
 public:
  Parser(std::string_view text, std::string path) {
    file_.path = std::move(path);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    bad_line_ = first_bad_line(text);
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t nl = text.find('\n', start);
      std::string_view l = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      file_.lines.emplace_back(l);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    if (!file_.lines.empty() && file_.lines.back().empty()) file_.lines.pop_back();
  }

  TestFile run() {
    if (bad_line_) {
      error(bad_line_, "测试文件不是 UTF-8 文本（这一行有无法解码的字节）：请以 UTF-8 保存");
      return std::move(file_);
    }
    for (std::size_t i = 0; i < file_.lines.size(); ++i) line(i);
    if (file_.cases.empty() && file_.errors.empty())
      error(1, "测试文件里没有案例：每个案例以“案例 名称”开头");
    for (Case& c : file_.cases) finish(c);
    return std::move(file_);
  }

 private:
  TestFile file_;
  Case defaults_;   // settings before the first case
  Case* current_ = nullptr;
  std::uint32_t bad_line_ = 0;  // first line that is not UTF-8, or 0

  void error(std::uint32_t line, std::string message) { file_.errors.push_back({line, std::move(message)}); }

  Case& target() { return current_ ? *current_ : defaults_; }

  void line(std::size_t& i) {
    auto no = static_cast<std::uint32_t>(i + 1);
    std::string_view raw = file_.lines[i];
    std::string_view l = trim(raw);
    if (l.empty() || l.starts_with("#")) return;
    // Replacement characters mean the file was not UTF-8 (read_text would have kept them).
    std::string_view rest;
    std::string written;
    Keyword kw = keyword_of(l, rest, written);
    if (current_ && kw != Keyword::case_) current_->last_line = no;
    switch (kw) {
      case Keyword::none:
        error(no, fmt::format("不认识这一行：“{}”。每行以 案例、规则包、参数、文件、改、期望 或 其余 开头（# 开头为注释）",
                              std::string(prefix_chars(l, 60))));
        return;
      case Keyword::case_: {
        std::string name = unquote(strip_comment(rest));
        if (name.empty()) {
          error(no, "“案例”后面应写案例的名称");
          name = fmt::format("第 {} 行的案例", no);
        }
        for (const Case& c : file_.cases)
          if (c.name == name) error(no, fmt::format("案例名称“{}”与第 {} 行的案例重复", name, c.line));
        Case c = defaults_;
        c.name = std::move(name);
        c.line = no;
        c.last_line = no;
        c.expectations.clear();
        c.others_pass = defaults_.others_pass;
        file_.cases.push_back(std::move(c));
        current_ = &file_.cases.back();
        return;
      }
      case Keyword::pack: {
        std::string p = unquote(strip_comment(rest));
        if (p.empty()) return error(no, "“规则包”后面应写规则文件的路径，或 builtin:final-2023.gj");
        target().pack = std::move(p);
        target().pack_line = no;
        return;
      }
      case Keyword::param: {
        std::string r = strip_comment(rest);
        std::size_t eq = r.find('=');
        std::size_t len = 1;
        if (eq == std::string::npos) {
          eq = r.find("\xEF\xBC\x9D");
          len = 3;
        }
        if (eq == std::string::npos) return error(no, fmt::format("参数应写成 参数 名称 = 值，这里是“{}”", r));
        std::string name(trim(std::string_view(r).substr(0, eq)));
        std::string value = unquote(std::string_view(r).substr(eq + len));
        if (name.empty() || value.empty()) return error(no, "参数缺少名称或值：应写成 参数 名称 = 值");
        auto& ps = target().params;
        auto it = std::find_if(ps.begin(), ps.end(), [&](const auto& p) { return p.first == name; });
        if (it != ps.end())
          it->second = value;
        else
          ps.emplace_back(name, value);
        return;
      }
      case Keyword::document: {
        std::string r = strip_comment(rest);
        if (r == "内嵌" || r == "inline") return inline_document(i);
        std::string p = unquote(r);
        if (p.empty()) return error(no, "“文件”后面应写文件路径（相对于本测试文件），或“内嵌”再接文件内容");
        target().document = DocumentSpec{std::move(p), std::nullopt, no};
        return;
      }
      case Keyword::expect:
        if (!current_) return error(no, "“期望”应写在某个案例里（先写“案例 名称”）");
        return expectation(no, raw, rest, written);
      case Keyword::edit:
        if (!current_) return error(no, "“改”应写在某个案例里（先写“案例 名称”和“文件 路径”）");
        return edit(no, rest);
      case Keyword::others: {
        std::string r = strip_comment(rest);
        auto st = parse_status(r);
        if (!st || *st != eval::Status::pass)
          return error(no, fmt::format("“其余”后面只能写“通过”（其余规则都应通过或不适用），这里是“{}”", r));
        target().others_pass = true;
        target().others_line = no;
        return;
      }
    }
  }

  static std::string strip_comment(std::string_view rest) {
    std::vector<Token> toks;
    std::string comment, why;
    if (!tokenize(rest, toks, comment, why)) return std::string(rest);
    return std::string(trim(rest.substr(0, rest.size() - comment.size())));
  }

  void inline_document(std::size_t& i) {
    auto first = static_cast<std::uint32_t>(i + 1);
    std::string text;
    // Blank lines in front, so that the document's line numbers are the test file's.
    text.append(first, '\n');
    for (std::size_t j = i + 1; j < file_.lines.size(); ++j) {
      std::string_view t = trim(file_.lines[j]);
      if (t == "结束" || t == "end") {
        target().document = DocumentSpec{"", std::move(text), first};
        if (current_) current_->last_line = static_cast<std::uint32_t>(j + 1);
        i = j;
        return;
      }
      text += file_.lines[j];
      text += '\n';
    }
    error(first, "内嵌文件没有结束：在文件内容之后单独写一行“结束”");
    i = file_.lines.size();
  }

  void expectation(std::uint32_t no, std::string_view raw, std::string_view rest, const std::string& written) {
    Expectation e;
    e.line = no;
    e.keyword = written;
    {
      std::size_t k = 0;
      while (std::size_t n = space_len(raw, k)) k += n;
      e.indent = std::string(raw.substr(0, k));
    }
    std::vector<Token> toks;
    std::string why;
    if (!tokenize(rest, toks, e.comment, why)) return error(no, why);
    if (toks.empty()) return error(no, "“期望”后面应写规则编号和结果，例如：期望 表内.三公合计 通过");
    std::size_t k = 0;
    e.rule_id = toks[k++].text;
    if (k < toks.size() && toks[k].bracket) {
      e.bindings_text = toks[k].text;
      if (!parse_bindings(toks[k].text, e.bindings, why)) return error(no, why);
      ++k;
    }
    if (k >= toks.size())
      return error(no, fmt::format("规则“{}”后面缺少期望的结果：通过、不通过、不适用 或 出错", e.rule_id));
    auto st = parse_status(toks[k].text);
    if (!st)
      return error(no, fmt::format("“{}”不是结果：应为 通过、不通过、不适用 或 出错（PASS、FAIL、N/A、ERROR）", toks[k].text));
    e.status = *st;
    e.english = is_ascii_word(toks[k].text);
    ++k;
    while (k < toks.size()) {
      bool english = false;
      ValueKey key = value_key(toks[k].text, english);
      if (key == ValueKey::none)
        return error(no, fmt::format("“{}”不认识：结果后面可以写 左 数、右 数、差 数、消息含 \"文字\" 或 出处 第 N 行", toks[k].text));
      if (k + 1 >= toks.size()) return error(no, fmt::format("“{}”后面缺少值", toks[k].text));
      Token v = toks[k + 1];
      if (key == ValueKey::message) {
        e.message_contains = v.text;
      } else if (key == ValueKey::source_line) {
        // 出处 第 395 行 / 出处 第395行 / source-line 395
        const std::string keyword = toks[k].text;
        std::string n = v.text;
        if (n == "第" && k + 2 < toks.size()) {
          n = toks[k + 2].text;
          ++k;
          if (k + 2 < toks.size() && toks[k + 2].text == "行") ++k;
        }
        if (n.starts_with("第")) n.erase(0, std::string_view("第").size());
        if (n.ends_with("行")) n.erase(n.size() - std::string_view("行").size());
        if (n.empty() || n.size() > 9 || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
          return error(no, fmt::format("“{}”后面应是行号（出处 第 395 行），这里是“{}”", keyword, n));
        e.source_line = static_cast<std::uint32_t>(std::stoul(n));
      } else {
        auto n = Number::parse_decimal(v.text);
        if (!n) return error(no, fmt::format("“{}”后面应是一个数，这里是“{}”", toks[k].text, v.text));
        (key == ValueKey::left ? e.left : key == ValueKey::right ? e.right : e.difference) = *n;
      }
      k += 2;
    }
    current_->expectations.push_back(std::move(e));
  }

  // 改 第 N 行 "旧" 为 "新" / change line N "old" to "new" (第/行/为 and line/to optional).
  void edit(std::uint32_t no, std::string_view rest) {
    static constexpr std::string_view usage = "应写成 改 第 行号 行 \"原文\" 为 \"新文\"（change line N \"old\" to \"new\"）";
    std::vector<Token> toks;
    std::string comment, why;
    if (!tokenize(rest, toks, comment, why)) return error(no, why);
    std::vector<Token> ts;
    for (auto& t : toks)
      if (t.quoted || (t.text != "第" && t.text != "行" && t.text != "为" && t.text != "line" && t.text != "to")) ts.push_back(t);
    // "第529行" written without spaces.
    if (!ts.empty() && !ts[0].quoted) {
      std::string& w = ts[0].text;
      if (w.starts_with("第")) w.erase(0, std::string_view("第").size());
      if (w.ends_with("行")) w.erase(w.size() - std::string_view("行").size());
    }
    if (ts.size() != 3 || ts[0].quoted || !ts[1].quoted || !ts[2].quoted)
      return error(no, fmt::format("“改”{}", usage));
    Edit e;
    e.line = no;
    const std::string& n = ts[0].text;
    if (n.empty() || n.size() > 9 || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoul(n) == 0)
      return error(no, fmt::format("“改”后面的行号应是正整数，这里是“{}”；{}", n, usage));
    e.target = static_cast<std::uint32_t>(std::stoul(n));
    e.old_text = ts[1].text;
    e.new_text = ts[2].text;
    if (e.old_text.empty()) return error(no, "“改”的原文不能为空");
    if (e.old_text == e.new_text) return error(no, "“改”的原文与新文相同，文件没有改动");
    current_->edits.push_back(std::move(e));
  }

  void finish(Case& c) {
    if (!c.edits.empty() && c.document.inline_text)
      error(c.edits.front().line, "“改”只用于“文件 路径”给出的文件；内嵌文件请直接写改过的内容");
    if (!c.document.set())
      error(c.line, fmt::format("案例“{}”没有文件：写“文件 路径”或“文件 内嵌”", c.name));
    if (c.expectations.empty() && !c.others_pass)
      error(c.line, fmt::format("案例“{}”没有任何期望：写“期望 规则编号 结果”或“其余 通过”", c.name));
  }
};

}  // namespace

std::string status_word(eval::Status s, bool english) {
  return english ? eval::status_name(s) : eval::status_name_zh(s);
}

std::optional<eval::Status> parse_status(std::string_view w) {
  if (w == "通过" || w == "PASS" || w == "pass") return eval::Status::pass;
  if (w == "不通过" || w == "FAIL" || w == "fail") return eval::Status::fail;
  if (w == "不适用" || w == "N/A" || w == "NA" || w == "n/a") return eval::Status::not_applicable;
  if (w == "出错" || w == "ERROR" || w == "error") return eval::Status::error;
  return std::nullopt;
}

std::string format_expectation(const Expectation& e) {
  std::string s = e.indent + e.keyword + " " + e.rule_id;
  if (!e.bindings_text.empty()) s += " " + e.bindings_text;
  s += " " + status_word(e.status, e.english);
  auto num = [](const Number& n) { return n.to_string(6); };
  if (e.left) s += (e.english ? " left " : " 左 ") + num(*e.left);
  if (e.right) s += (e.english ? " right " : " 右 ") + num(*e.right);
  if (e.difference) s += (e.english ? " difference " : " 差 ") + num(*e.difference);
  if (!e.message_contains.empty()) {
    bool plain = e.message_contains.find('"') == std::string::npos;
    s += e.english ? " message " : " 消息含 ";
    s += plain ? "\"" + e.message_contains + "\"" : "“" + e.message_contains + "”";
  }
  if (e.source_line)
    s += e.english ? fmt::format(" source-line {}", *e.source_line) : fmt::format(" 出处 第 {} 行", *e.source_line);
  s += e.comment;
  return s;
}

TestFile parse_test_file(std::string_view text, std::string path) { return Parser(text, std::move(path)).run(); }

}  // namespace gouji::testing
