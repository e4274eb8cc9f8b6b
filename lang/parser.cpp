// The parser: runs the PEGTL grammar (grammar.hpp) one declaration at a time,
// turns each parse tree into ast:: nodes, and turns PEGTL's exceptions into
// diagnostics. PEGTL's rule names never reach a user: every rule that can
// raise has a diagnostic code in the error table below.
#include "lang/parser.hpp"

#include "lang/grammar.hpp"

#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <string_view>
#include <type_traits>
#include <vector>

namespace gouji::lang {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;

// A parse-tree node. PEGTL makes one for every selected rule it tries,
// including each level of the expression precedence chain before fold_one
// removes it, and frees it again when the rule fails or folds: most of the
// time of loading a pack went to malloc and free. Nodes are all one size, so
// freed ones go to a per-thread free list and are reused.
struct Node : pegtl::parse_tree::basic_node<Node> {
  static void* operator new(std::size_t size) {
    FreeList& f = free_list();
    if (size == sizeof(Node) && !f.blocks.empty()) {
      void* p = f.blocks.back();
      f.blocks.pop_back();
      return p;
    }
    return ::operator new(size);
  }
  static void operator delete(void* p, std::size_t size) {
    FreeList& f = free_list();
    if (size == sizeof(Node) && f.blocks.size() < kKeep) {
      f.blocks.push_back(p);
      return;
    }
    ::operator delete(p);
  }

 private:
  static constexpr std::size_t kKeep = 4096;  // enough for the deepest declaration
  struct FreeList {
    std::vector<void*> blocks;
    FreeList() { blocks.reserve(kKeep); }
    ~FreeList() {
      for (void* p : blocks) ::operator delete(p);
    }
  };
  static FreeList& free_list() {
    thread_local FreeList f;
    return f;
  }
};

// ---------------------------------------------------------------------------
// Error table: rule -> diagnostic code (texts in messages.cpp).
template <typename>
inline constexpr const char* error_code = nullptr;
#define GJ_ERR(rule, code) \
  template <>              \
  inline constexpr const char* error_code<g::rule> = code;
GJ_ERR(x_expr, "E-syntax-expected-expr")
GJ_ERR(x_rparen, "E-syntax-missing-paren")
GJ_ERR(x_rbracket, "E-syntax-missing-bracket")
GJ_ERR(x_dq_close, "E-syntax-unclosed-string")
GJ_ERR(x_cq_close, "E-syntax-unclosed-string")
GJ_ERR(x_cb_close, "E-syntax-unclosed-string")
GJ_ERR(x_member_name, "E-syntax-expected-member")
GJ_ERR(x_unary_operand, "E-syntax-expected-operand")
GJ_ERR(x_mul_operand, "E-syntax-expected-operand")
GJ_ERR(x_add_operand, "E-syntax-expected-operand")
GJ_ERR(x_range_end, "E-syntax-expected-operand")
GJ_ERR(x_cmp_operand, "E-syntax-expected-operand")
GJ_ERR(x_not_operand, "E-syntax-expected-operand")
GJ_ERR(x_and_operand, "E-syntax-expected-operand")
GJ_ERR(x_or_operand, "E-syntax-expected-operand")
GJ_ERR(e_chained_compare, "E-syntax-chained-compare")
GJ_ERR(x_then, "E-syntax-expected-then")
GJ_ERR(x_else, "E-syntax-expected-else")
GJ_ERR(x_hole_end, "E-template-hole-junk")
GJ_ERR(x_name, "E-syntax-expected-name")
GJ_ERR(x_assign, "E-syntax-expected-assign")
GJ_ERR(x_in, "E-syntax-expected-in")
GJ_ERR(x_string, "E-syntax-expected-string")
GJ_ERR(e_single_eq, "E-syntax-single-eq")
GJ_ERR(e_unclosed_brace, "E-syntax-missing-brace")
GJ_ERR(e_expected_stmt, "E-syntax-expected-stmt")
GJ_ERR(x_pack_name, "E-syntax-expected-pack-name")
GJ_ERR(x_unit_name, "E-syntax-expected-unit")
GJ_ERR(x_fn_param, "E-syntax-expected-param-name")
GJ_ERR(x_lparen, "E-syntax-expected-lparen")
GJ_ERR(x_rule_id, "E-syntax-expected-rule-id")
GJ_ERR(x_severity_value, "E-syntax-expected-severity")
GJ_ERR(x_rule_body, "E-syntax-expected-rule-body")
GJ_ERR(x_kw_rule, "E-syntax-expected-kw-rule")
GJ_ERR(x_score_id, "E-syntax-expected-score-id")
GJ_ERR(x_weight, "E-syntax-expected-weight")
#undef GJ_ERR

struct error_table {
  template <typename Rule>
  static constexpr auto message = error_code<Rule>;
};

// What the control tracks while a declaration is parsed.
struct ParseState {
  const char* base = nullptr;          // start of the file's text
  std::vector<std::uint32_t> openers;  // offsets of the open brackets/quotes
  int depth = 0;                       // nesting of expressions and blocks
  int items = 0;                       // operators, arguments, elements, suffixes in this declaration
};

template <typename In>
std::uint32_t offset_of(const In& in, const ParseState& ps) {
  return static_cast<std::uint32_t>(in.current() - ps.base);
}

template <typename Rule>
struct control : pegtl::must_if<error_table>::control<Rule> {
  using base = typename pegtl::must_if<error_table>::template control<Rule>;
  static constexpr bool brackets = std::is_base_of_v<g::bracketed, Rule>;
  static constexpr bool nests = std::is_base_of_v<g::expression, Rule> || std::is_same_v<Rule, g::neg_expr> ||
                                std::is_same_v<Rule, g::not_op> || std::is_base_of_v<g::block, Rule>;
  // Each of these adds a node to a chain or a list: their number bounds the
  // size and the depth of the AST of one declaration (a + a + … is a left-deep tree).
  static constexpr bool counted =
      std::is_same_v<Rule, g::op_add> || std::is_same_v<Rule, g::op_sub> || std::is_same_v<Rule, g::op_mul> ||
      std::is_same_v<Rule, g::op_div> || std::is_same_v<Rule, g::kw_and> || std::is_same_v<Rule, g::kw_or> ||
      std::is_same_v<Rule, g::arg> || std::is_same_v<Rule, g::list_item> || std::is_same_v<Rule, g::index_suffix> ||
      std::is_same_v<Rule, g::member_suffix> || std::is_same_v<Rule, g::let_stmt> || std::is_same_v<Rule, g::for_stmt> ||
      std::is_same_v<Rule, g::expect_stmt> || std::is_same_v<Rule, g::when_stmt>;

  template <typename In>
  static void start(const In& in, ParseState& ps) {
    if constexpr (brackets) ps.openers.push_back(offset_of(in, ps));
    if constexpr (nests) {
      if (++ps.depth > kMaxNesting) throw pegtl::parse_error("E-syntax-too-deep", in);
    }
  }
  template <typename In>
  static void success(const In& in, ParseState& ps) {
    leave(ps);
    if constexpr (counted) {
      if (++ps.items > kMaxItems) throw pegtl::parse_error("E-syntax-too-long", in);
    }
  }
  template <typename In>
  static void failure(const In& in, ParseState& ps) {
    leave(ps);
    base::failure(in, ps);
  }
  static void leave(ParseState& ps) {
    if constexpr (brackets) ps.openers.pop_back();
    if constexpr (nests) --ps.depth;
  }
};

// The rules kept in the parse tree; chains of one element are folded away.
template <typename Rule>
struct selector
    : pegtl::parse_tree::selector<
          Rule,
          pegtl::parse_tree::store_content::on<
              g::number_lit, g::percent_lit, g::dq_string, g::cq_string, g::cb_string, g::true_lit, g::false_lit,
              g::name_ref, g::callee, g::arg_name, g::arg, g::list_item, g::comp_clause, g::call, g::call_args, g::fn_params, g::list_lit, g::index_suffix, g::member_suffix,
              g::x_member_name, g::sel_row, g::sel_col, g::sel_code, g::neg_expr, g::not_op, g::op_add, g::op_sub,
              g::op_mul, g::op_div, g::op_eq, g::op_ne, g::op_lt, g::op_le, g::op_gt, g::op_ge, g::op_approx, g::op_in,
              g::if_expr, g::block, g::x_rule_body, g::let_stmt, g::for_stmt, g::for_where, g::when_stmt,
              g::expect_stmt, g::tolerance_clause, g::message_clause, g::x_name, g::pack_decl, g::x_pack_name,
              g::pack_version, g::extends_clause, g::unit_decl, g::x_unit_name, g::tolerance_decl, g::import_decl,
              g::param_decl, g::param_doc, g::let_decl, g::fn_decl, g::x_fn_param, g::rule_decl, g::override_decl,
              g::drop_decl, g::x_rule_id, g::description, g::severity_attr, g::x_severity_value, g::when_attr,
              g::score_decl, g::x_score_id, g::require_decl, g::require_fn>,
          pegtl::parse_tree::fold_one::on<g::expression, g::paren_expr, g::postfix_expr, g::x_mul_operand,
                                          g::x_add_operand, g::x_range_end, g::x_cmp_operand, g::x_and_operand,
                                          g::x_or_operand, g::mul_expr, g::add_expr, g::range_expr, g::cmp_expr,
                                          g::and_expr, g::or_expr>> {};

// ---------------------------------------------------------------------------
// Small lexical helpers on raw text (for error positions and resync).

bool is_blank_at(std::string_view t, std::size_t i, std::size_t& len) {
  char c = t[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
    len = 1;
    return true;
  }
  if (t.substr(i, 3) == "\xE3\x80\x80" || t.substr(i, 3) == "\xEF\xBB\xBF") {
    len = 3;
    return true;
  }
  return false;
}

// Offset of the first '#' outside a string on [b, e), or npos.
std::size_t comment_start(std::string_view t, std::size_t b, std::size_t e) {
  std::string_view close;
  for (std::size_t i = b; i < e; ++i) {
    if (!close.empty()) {
      if (t[i] == '\\') {
        ++i;
      } else if (t.substr(i, close.size()) == close) {
        i += close.size() - 1;
        close = {};
      }
      continue;
    }
    if (t[i] == '#') return i;
    if (t[i] == '"') close = "\"";
    else if (t.substr(i, 3) == "“") close = "”", i += 2;
    else if (t.substr(i, 3) == "「") close = "」", i += 2;
  }
  return std::string_view::npos;
}

// The end of the token before `pos` (skipping blanks and comments backwards).
std::size_t prev_token_end(std::string_view t, std::size_t pos) {
  std::size_t p = std::min(pos, t.size());
  for (;;) {
    while (p > 0) {
      std::size_t len = 0;
      if (is_blank_at(t, p - 1, len)) {
        --p;
      } else if (p >= 3 && (t.substr(p - 3, 3) == "\xE3\x80\x80" || t.substr(p - 3, 3) == "\xEF\xBB\xBF")) {
        p -= 3;
      } else {
        break;
      }
    }
    std::size_t line_begin = p == 0 ? 0 : t.rfind('\n', p - 1);
    line_begin = line_begin == std::string_view::npos ? 0 : (p == 0 ? 0 : line_begin + 1);
    std::size_t c = comment_start(t, line_begin, p);
    if (c == std::string_view::npos || c >= p) return p;
    p = c;
  }
}

std::size_t skip_blanks(std::string_view t, std::size_t p) {
  while (p < t.size()) {
    std::size_t len = 0;
    if (is_blank_at(t, p, len)) {
      p += len;
    } else if (t[p] == '#') {
      while (p < t.size() && t[p] != '\n') ++p;
    } else {
      break;
    }
  }
  return p;
}

bool is_ident_cp(char32_t cp) {
  return (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || cp == '_')) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         cp == 0x3007;
}

// The extent of the token starting at p: a word, a number, or one character.
std::size_t token_end(std::string_view t, std::size_t p) {
  if (p >= t.size()) return p;
  char32_t cp;
  std::size_t n = decode_utf8(t, p, cp);
  if (!is_ident_cp(cp)) return p + n;
  std::size_t q = p;
  while (q < t.size()) {
    n = decode_utf8(t, q, cp);
    if (is_ident_cp(cp)) {
      q += n;
    } else if (cp == '.' && q + 1 < t.size()) {
      char32_t next;
      decode_utf8(t, q + 1, next);
      if (!is_ident_cp(next)) break;
      q += 1;
    } else {
      break;
    }
  }
  return q;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (w == word) return true;
  return false;
}

const std::initializer_list<std::string_view> kTopLevelOnly = {
    "rule", "规则", "score", "评分", "fn", "函数", "param", "参数", "import", "导入", "override", "覆盖", "drop", "删除", "pack", "包"};
const std::initializer_list<std::string_view> kTopLevelCol1 = {"let", "设", "unit", "单位", "tolerance", "容差"};
const std::initializer_list<std::string_view> kStatementWords = {"expect", "要求", "for", "对每个", "when", "当"};
const std::initializer_list<std::string_view> kReserved = {
    "pack", "包", "import", "导入", "extends", "继承", "param", "参数", "let", "设", "fn", "函数", "rule", "规则",
    "override", "覆盖", "drop", "删除", "severity", "级别", "when", "当", "expect", "要求", "message", "消息", "提示",
    "for", "对每个", "in", "属于", "where", "满足", "score", "评分", "weight", "权重", "and", "且", "or", "或",
    "not", "非", "if", "如果", "then", "则", "else", "否则", "true", "真", "false", "假"};

// The next line (after `pos`) that starts a declaration, or the end.
std::size_t resync(std::string_view t, std::size_t pos) {
  std::size_t p = t.find('\n', pos);
  while (p != std::string_view::npos) {
    std::size_t line = p + 1;
    std::size_t q = line;
    while (q < t.size() && (t[q] == ' ' || t[q] == '\t')) ++q;
    std::string_view word = t.substr(q, token_end(t, q) - q);
    if (is_one_of(word, kTopLevelOnly) || (q == line && is_one_of(word, kTopLevelCol1))) return line;
    p = t.find('\n', line);
  }
  return t.size();
}

// ---------------------------------------------------------------------------
// Parse tree -> AST.

class Builder {
 public:
  Builder(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags)
      : sources_(sources), file_(file), text_(sources.file(file).text), diags_(diags) {}

  std::string_view text() const { return text_; }
  std::size_t errors = 0;  // syntax errors reported for this file

  ast::Span span(const Node& n) const {
    return ast::Span{file_, static_cast<std::uint32_t>(n.m_begin.data - text_.data()),
                     static_cast<std::uint32_t>(n.m_end.data - text_.data())};
  }
  ast::Span span(std::size_t b, std::size_t e) const {
    return ast::Span{file_, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
  }

  void error(ast::Span sp, std::string code, std::vector<std::string> args = {}) {
    ++errors;
    diags_.push_back(make_diag(DiagSeverity::error, sp, std::move(code), std::move(args)));
  }

  // Runs `Rule` over [from, to); on a syntax error reports it and returns
  // nullptr with `stop` at the error position.
  template <typename Rule>
  std::unique_ptr<Node> run(std::size_t from, std::size_t to, std::size_t& stop, bool& ok) {
    ParseState ps;
    ps.base = text_.data();
    // The source name is copied into every node; diagnostics take the file's
    // name from the SourceSet, so the input needs none.
    pegtl::memory_input<> in(text_.data() + from, text_.data() + to, std::string(), from, 1, 1);
    try {
      auto root = pegtl::parse_tree::parse<Rule, Node, selector, pegtl::nothing, control>(in, ps);
      stop = static_cast<std::size_t>(in.current() - text_.data());
      ok = root != nullptr;
      return root;
    } catch (const pegtl::parse_error& e) {
      std::size_t pos = e.positions().empty() ? from : e.positions().front().byte;
      report(std::string(e.message()), std::min(pos, text_.size()), ps);
      stop = pos;
      ok = false;
      return nullptr;
    }
  }

  // Turns a PEGTL error into a diagnostic with a caret where it helps most.
  void report(std::string code, std::size_t pos, const ParseState& ps) {
    std::size_t tok = skip_blanks(text_, pos);
    std::size_t tok_end = token_end(text_, tok);
    std::string_view word = text_.substr(tok, tok_end - tok);
    std::size_t prev = prev_token_end(text_, pos);
    bool same_line = text_.substr(prev, tok - prev).find('\n') == std::string_view::npos && tok < text_.size();
    ast::Span at_token = same_line ? span(tok, tok_end) : span(prev, prev);
    ast::Span after_prev = span(prev, prev);
    std::optional<std::uint32_t> opener;
    if (!ps.openers.empty()) opener = ps.openers.back();

    if (code == "E-syntax-expected-stmt" && is_one_of(word, kTopLevelOnly)) code = "E-syntax-missing-brace";
    if ((code == "E-syntax-expected-name" || code == "E-syntax-expected-param-name" ||
         code == "E-syntax-expected-rule-id" || code == "E-syntax-expected-score-id") &&
        is_one_of(word, kReserved))
      return error(span(tok, tok_end), "E-syntax-keyword-as-name", {std::string(word)});

    if (code == "E-syntax-missing-paren" || code == "E-syntax-missing-bracket" || code == "E-syntax-missing-brace" ||
        code == "E-syntax-unclosed-string") {
      if (!opener) return error(after_prev, code == "E-syntax-missing-brace" ? "E-syntax-expected-stmt" : "E-syntax-expected-expr");
      auto [open_text, close_text] = pair_at(*opener);
      LineCol lc = sources_.line_col(file_, *opener);
      Diagnostic d = make_diag(DiagSeverity::error, code == "E-syntax-unclosed-string" ? span(pos, pos) : after_prev,
                               code, {close_text, std::to_string(lc.line), std::to_string(lc.column), open_text});
      ++errors;
      diags_.push_back(std::move(d));
      return;
    }
    if (code == "E-syntax-too-deep") return error(span(pos, token_end(text_, pos)), code, {std::to_string(kMaxNesting)});
    if (code == "E-syntax-too-long") return error(span(prev, prev), code, {std::to_string(kMaxItems)});
    error(at_token, code);
  }

  // The opener at `off` as written and its closer.
  std::pair<std::string, std::string> pair_at(std::uint32_t off) const {
    std::string_view t = text_.substr(off);
    struct P {
      std::string_view open, close;
    };
    static const P pairs[] = {{"(", ")"}, {"（", "）"}, {"[", "]"}, {"［", "］"}, {"{", "}"}, {"｛", "｝"},
                              {"\"", "\""}, {"“", "”"}, {"「", "」"}};
    for (const P& p : pairs)
      if (t.substr(0, p.open.size()) == p.open) return {std::string(p.open), std::string(p.close)};
    return {"?", "?"};
  }

  // --- expressions -------------------------------------------------------
  static bool is_string(const Node& n) {
    return n.is_type<g::dq_string>() || n.is_type<g::cq_string>() || n.is_type<g::cb_string>();
  }

  // The bytes between the quotes of a string node.
  std::pair<std::size_t, std::size_t> string_body(const Node& n) const {
    ast::Span s = span(n);
    std::size_t q = n.is_type<g::dq_string>() ? 1 : 3;
    return {s.begin + q, s.end - q};
  }

  std::string unescape(std::size_t b, std::size_t e) const {
    std::string out;
    for (std::size_t i = b; i < e;) {
      if (text_[i] == '\\' && i + 1 < e) {
        char32_t cp;
        std::size_t n = decode_utf8(text_, i + 1, cp);
        if (cp == 'n') out += '\n';
        else if (cp == 't') out += '\t';
        else out += text_.substr(i + 1, n);
        i += 1 + n;
      } else {
        out += text_[i++];
      }
    }
    return out;
  }

  std::string string_value(const Node& n) const {
    auto [b, e] = string_body(n);
    return unescape(b, e);
  }

  ast::ExprPtr leaf(ast::ExprKind kind, const Node& n) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->span = span(n);
    return e;
  }

  ast::ExprPtr wrap(ast::ExprKind kind, ast::Op op, std::vector<ast::ExprPtr> args) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->op = op;
    e->span = ast::Span{file_, args.front()->span.begin, args.back()->span.end};
    e->args = std::move(args);
    return e;
  }

  static ast::Op op_of(const Node& n) {
    if (n.is_type<g::op_add>()) return ast::Op::add;
    if (n.is_type<g::op_sub>()) return ast::Op::sub;
    if (n.is_type<g::op_mul>()) return ast::Op::mul;
    if (n.is_type<g::op_div>()) return ast::Op::div;
    if (n.is_type<g::op_eq>()) return ast::Op::eq;
    if (n.is_type<g::op_ne>()) return ast::Op::ne;
    if (n.is_type<g::op_lt>()) return ast::Op::lt;
    if (n.is_type<g::op_le>()) return ast::Op::le;
    if (n.is_type<g::op_gt>()) return ast::Op::gt;
    if (n.is_type<g::op_ge>()) return ast::Op::ge;
    if (n.is_type<g::op_approx>()) return ast::Op::approx;
    if (n.is_type<g::op_in>()) return ast::Op::in;
    return ast::Op::none;
  }

  // a op b op c … folded to the left.
  ast::ExprPtr chain(const Node& n, ast::ExprKind kind, ast::Op fixed) {
    ast::ExprPtr acc = expr(*n.children[0]);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      ast::Op op = fixed;
      if (fixed == ast::Op::none) op = op_of(*n.children[i++]);
      if (i >= n.children.size()) break;
      std::vector<ast::ExprPtr> args;
      args.push_back(std::move(acc));
      args.push_back(expr(*n.children[i]));
      acc = wrap(kind, op, std::move(args));
    }
    return acc;
  }

  ast::ExprPtr expr(const Node& n) {
    using K = ast::ExprKind;
    if (n.is_type<g::number_lit>() || n.is_type<g::percent_lit>()) return number(n);
    if (is_string(n)) {
      auto e = leaf(K::string, n);
      e->text = string_value(n);
      return e;
    }
    if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
      auto e = leaf(K::boolean, n);
      e->flag = n.is_type<g::true_lit>();
      return e;
    }
    if (n.is_type<g::name_ref>()) {
      auto e = leaf(K::name, n);
      e->text = n.string();
      return e;
    }
    if (n.is_type<g::call>()) return call(n);
    if (n.is_type<g::list_lit>()) {
      auto e = leaf(K::list, n);
      for (const auto& c : n.children) e->args.push_back(item(*c));
      return e;
    }
    if (n.is_type<g::postfix_expr>()) return postfix(n);
    if (n.is_type<g::neg_expr>() || n.is_type<g::not_op>()) {
      auto e = leaf(K::unary, n);
      e->op = n.is_type<g::neg_expr>() ? ast::Op::neg : ast::Op::not_;
      e->args.push_back(expr(*n.children.back()));
      return e;
    }
    if (n.is_type<g::mul_expr>() || n.is_type<g::add_expr>() || n.is_type<g::x_add_operand>() ||
        n.is_type<g::x_range_end>()) return chain(n, K::binary, ast::Op::none);
    if (n.is_type<g::cmp_expr>()) return chain(n, K::compare, ast::Op::none);
    if (n.is_type<g::range_expr>() || n.is_type<g::x_cmp_operand>()) {
      std::vector<ast::ExprPtr> args;
      for (const auto& c : n.children) args.push_back(expr(*c));
      return wrap(K::range, ast::Op::none, std::move(args));
    }
    if (n.is_type<g::and_expr>() || n.is_type<g::x_or_operand>()) return chain(n, K::logical, ast::Op::and_);
    if (n.is_type<g::or_expr>()) return chain(n, K::logical, ast::Op::or_);
    if (n.is_type<g::if_expr>()) {
      auto e = leaf(K::cond, n);
      for (const auto& c : n.children) e->args.push_back(expr(*c));
      return e;
    }
    // Not reachable from the grammar; keep the tree well-formed anyway.
    auto e = leaf(K::name, n);
    e->text = "?";
    return e;
  }

  // The value of a number literal (digits, optional ',' groups and '.').
  // Each part is parsed without leading zeros: Number::parse_decimal hands
  // more than 18 digits to Boost, which reads a leading 0 as octal (and
  // throws on 8 or 9) — found by fuzz_rules, reported to runtime/.
  static Number literal_value(std::string_view text) {
    std::string int_part, frac_part;
    std::size_t dot = text.find('.');
    for (char c : text.substr(0, dot))
      if (c != ',') int_part += c;
    if (dot != std::string_view::npos) frac_part = std::string(text.substr(dot + 1));
    auto strip = [](std::string d) {
      std::size_t k = d.find_first_not_of('0');
      return k == std::string::npos ? std::string("0") : d.substr(k);
    };
    Number v = Number::parse_decimal(strip(int_part)).value_or(Number());
    if (!frac_part.empty()) {
      Number f = Number::parse_decimal(strip(frac_part)).value_or(Number());
      v += Number::divide(f, Number::pow10(static_cast<int>(frac_part.size()))).value_or(Number());
    }
    return v;
  }

  ast::ExprPtr number(const Node& n) {
    bool pct = n.is_type<g::percent_lit>();
    auto e = leaf(pct ? ast::ExprKind::percent : ast::ExprKind::number, n);
    std::string t = n.string();
    std::string digits = t;
    if (pct) digits = t.substr(0, t.rfind(t.back() == '%' ? "%" : "％"));
    e->value = literal_value(digits);
    if (pct) e->value = Number::divide(e->value, Number(100)).value_or(Number());
    if (pct) e->text = t;
    return e;
  }

  ast::ExprPtr call(const Node& n) {
    auto e = leaf(ast::ExprKind::call, n);
    e->text = n.children[0]->string();
    const Node& list = *n.children[1];  // call_args
    for (const auto& ap : list.children) {
      const Node& a = *ap;
      bool named = a.children[0]->is_type<g::arg_name>();
      e->arg_names.push_back(named ? a.children[0]->string() : std::string());
      e->args.push_back(item(a, named ? 1 : 0));
    }
    return e;
  }

  // A list element or call argument: an expression, or a comprehension
  // `e for x in xs [where c]` (children from `first`: expr [comp_clause]).
  ast::ExprPtr item(const Node& n, std::size_t first = 0) {
    ast::ExprPtr body = expr(*n.children[first]);
    if (first + 1 >= n.children.size()) return body;
    const Node& c = *n.children[first + 1];
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::comprehension;
    e->span = ast::Span{file_, body->span.begin, span(c).end};
    e->text = c.children[0]->string();
    e->args.push_back(std::move(body));
    e->args.push_back(expr(*c.children[1]));
    if (c.children.size() > 2) e->args.push_back(expr(*c.children[2]->children[0]));
    return e;
  }

  ast::ExprPtr postfix(const Node& n) {
    ast::ExprPtr acc = expr(*n.children[0]);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const Node& s = *n.children[i];
      auto e = std::make_unique<ast::Expr>();
      e->span = ast::Span{file_, acc->span.begin, span(s).end};
      if (s.is_type<g::member_suffix>()) {
        e->kind = ast::ExprKind::member;
        e->text = s.children[0]->string();
        e->args.push_back(std::move(acc));
      } else {
        e->kind = ast::ExprKind::index;
        const Node& first = *s.children[0];
        if (first.is_type<g::sel_row>()) e->selector = ast::Selector::row;
        if (first.is_type<g::sel_col>()) e->selector = ast::Selector::col;
        if (first.is_type<g::sel_code>()) e->selector = ast::Selector::code;
        e->args.push_back(std::move(acc));
        e->args.push_back(expr(*s.children.back()));
      }
      acc = std::move(e);
    }
    return acc;
  }

  // --- message templates -------------------------------------------------
  // Finds the '}' closing the hole opened at b ('{'), skipping quoted text.
  std::size_t hole_end(std::size_t b, std::size_t e) const {
    std::string_view close;
    for (std::size_t i = b + 1; i < e; ++i) {
      if (!close.empty()) {
        if (text_.substr(i, close.size()) == close) i += close.size() - 1, close = {};
        continue;
      }
      if (text_[i] == '}') return i;
      if (text_[i] == '"') close = "\"";
      else if (text_.substr(i, 3) == "“") close = "”", i += 2;
      else if (text_.substr(i, 3) == "「") close = "」", i += 2;
    }
    return std::string_view::npos;
  }

  ast::Template message(const Node& s) {
    ast::Template t;
    t.span = span(s);
    auto [b, e] = string_body(s);
    std::size_t lit = b;  // start of the pending literal (raw)
    auto flush = [&](std::size_t upto) {
      if (upto <= lit) return;
      if (!t.parts.empty() && std::holds_alternative<std::string>(t.parts.back()))
        std::get<std::string>(t.parts.back()) += unescape(lit, upto);
      else
        t.parts.emplace_back(unescape(lit, upto));
    };
    for (std::size_t i = b; i < e;) {
      char c = text_[i];
      if (c == '\\') {
        char32_t cp;
        i += 1 + (i + 1 < e ? decode_utf8(text_, i + 1, cp) : 0);
      } else if ((c == '{' || c == '}') && i + 1 < e && text_[i + 1] == c) {
        flush(i + 1);  // keep one brace
        i += 2;
        lit = i;
      } else if (c == '}') {
        error(span(i, i + 1), "E-template-lone-brace");
        ++i;
      } else if (c == '{') {
        std::size_t j = hole_end(i, e);
        if (j == std::string_view::npos) {
          error(span(i, i + 1), "E-template-unclosed-hole");
          break;
        }
        flush(i);
        hole(t, i, j);
        i = j + 1;
        lit = i;
      } else {
        ++i;
      }
    }
    flush(e);
    if (t.parts.empty()) t.parts.emplace_back(std::string());
    return t;
  }

  void hole(ast::Template& t, std::size_t open, std::size_t close) {
    if (skip_blanks(text_.substr(0, close), open + 1) >= close) return error(span(open, close + 1), "E-template-empty-hole");
    // In a "…" message a hole writes its texts as \"…\": parse a copy of
    // the file where each \" is a quote and a blank, so offsets stay the same.
    std::string_view saved = text_;
    if (text_.substr(open, close - open).find('\\') != std::string_view::npos) {
      if (scratch_.empty()) scratch_.assign(text_);  // one copy per file, patched and restored per hole
      std::string& patched = scratch_;
      bool in_string = false;
      for (std::size_t i = open + 1; i + 1 < close; ++i)
        if (patched[i] == '\\' && patched[i + 1] == '"') {
          if (in_string) patched[i] = '"', patched[i + 1] = ' ';
          else patched[i] = ' ';
          in_string = !in_string;
          ++i;
        }
      text_ = patched;
    }
    std::size_t stop = 0;
    bool ok = false;
    auto root = run<g::hole>(open + 1, close, stop, ok);
    if (!root || root->children.empty()) t.parts.emplace_back(std::string());
    else t.parts.emplace_back(expr(*root->children[0]));
    if (text_.data() != saved.data()) scratch_.replace(open, close - open, saved.substr(open, close - open));
    text_ = saved;
  }

  // --- statements --------------------------------------------------------
  std::vector<ast::Stmt> stmts(const Node& block, std::size_t from, int depth = 0) {
    std::vector<ast::Stmt> out;
    for (std::size_t i = from; i < block.children.size(); ++i) {
      const Node& s = *block.children[i];
      ast::Stmt st = stmt(s);
      if (st.kind == ast::StmtKind::for_ && !st.braced) {
        if (depth >= kMaxNesting) {  // each brace-less for nests the rest of the block once more
          error(st.span, "E-syntax-too-deep", {std::to_string(kMaxNesting)});
          break;
        }
        st.body = stmts(block, i + 1, depth + 1);  // ranges over the rest of the block
        out.push_back(std::move(st));
        break;
      }
      out.push_back(std::move(st));
    }
    return out;
  }

  ast::Stmt stmt(const Node& s) {
    ast::Stmt st;
    st.span = span(s);
    if (s.is_type<g::let_stmt>() || s.is_type<g::let_decl>()) {
      st.kind = ast::StmtKind::let;
      st.name = s.children[0]->string();
      st.name_span = span(*s.children[0]);
      st.expr = expr(*s.children[1]);
    } else if (s.is_type<g::for_stmt>()) {
      st.kind = ast::StmtKind::for_;
      st.name = s.children[0]->string();
      st.name_span = span(*s.children[0]);
      st.expr = expr(*s.children[1]);
      for (std::size_t i = 2; i < s.children.size(); ++i) {
        const Node& c = *s.children[i];
        if (c.is_type<g::for_where>()) st.where = expr(*c.children[0]);
        if (c.is_type<g::block>()) {
          st.braced = true;
          st.body = stmts(c, 0);
        }
      }
    } else if (s.is_type<g::when_stmt>()) {
      st.kind = ast::StmtKind::when;
      st.expr = expr(*s.children[0]);
    } else if (s.is_type<g::expect_stmt>()) {
      st.kind = ast::StmtKind::expect;
      st.expr = expr(*s.children[0]);
      for (std::size_t i = 1; i < s.children.size(); ++i) {
        const Node& c = *s.children[i];
        if (c.is_type<g::tolerance_clause>()) st.tolerance = expr(*c.children[0]);
        if (c.is_type<g::message_clause>()) st.message = message(*c.children[0]);
      }
    }
    return st;
  }

  // --- declarations ------------------------------------------------------
  std::string name_or_string(const Node& n) const {
    if (!n.children.empty() && is_string(*n.children[0])) return string_value(*n.children[0]);
    return n.string();
  }

  void decl(const Node& d, ast::Module& m) {
    if (d.is_type<g::pack_decl>()) return pack(d, m);
    if (d.is_type<g::unit_decl>()) {
      if (!m.unit.empty()) error(span(d), "E-syntax-duplicate-decl", {"unit"});
      m.unit = name_or_string(*d.children[0]);
      return;
    }
    if (d.is_type<g::tolerance_decl>()) {
      if (m.tolerance) error(span(d), "E-syntax-duplicate-decl", {"tolerance"});
      m.tolerance = expr(*d.children[0]);
      return;
    }
    if (d.is_type<g::import_decl>()) {
      m.imports.push_back(ast::Import{string_value(*d.children[0]), span(*d.children[0]), false});
      return;
    }
    if (d.is_type<g::param_decl>()) {
      ast::Param p;
      p.name = d.children[0]->string();
      p.span = span(*d.children[0]);
      p.value = expr(*d.children[1]);
      if (d.children.size() > 2) p.doc = string_value(*d.children[2]->children[0]);
      m.params.push_back(std::move(p));
      return;
    }
    if (d.is_type<g::let_decl>()) {
      ast::Let l;
      l.name = d.children[0]->string();
      l.span = span(*d.children[0]);
      l.value = expr(*d.children[1]);
      m.lets.push_back(std::move(l));
      return;
    }
    if (d.is_type<g::fn_decl>()) return function(d, m);
    if (d.is_type<g::rule_decl>() || d.is_type<g::override_decl>()) return rule(d, m);
    if (d.is_type<g::drop_decl>()) {
      m.drops.push_back(ast::Drop{d.children[0]->string(), span(*d.children[0])});
      return;
    }
    if (d.is_type<g::score_decl>()) return score(d, m);
    if (d.is_type<g::require_decl>()) {
      if (d.children.size() == 1 && d.children[0]->is_type<g::require_fn>()) {
        const Node& f = *d.children[0];  // x_name, fn_params
        ast::Require q{f.children[0]->string(), span(*f.children[0]), true, {}};
        for (const auto& p : f.children[1]->children) q.params.push_back(p->string());
        m.required.push_back(std::move(q));
        return;
      }
      for (const auto& n : d.children) m.required.push_back(ast::Require{n->string(), span(*n), false, {}});
    }
  }

  void pack(const Node& d, ast::Module& m) {
    if (!m.pack_name.empty()) error(span(d), "E-syntax-duplicate-decl", {"pack"});
    m.pack_name = name_or_string(*d.children[0]);
    m.pack_span = span(d);
    for (std::size_t i = 1; i < d.children.size(); ++i) {
      const Node& c = *d.children[i];
      if (c.is_type<g::pack_version>()) m.pack_version = c.string();
      if (c.is_type<g::extends_clause>())
        m.imports.push_back(ast::Import{string_value(*c.children[0]), span(*c.children[0]), true});
    }
  }

  void function(const Node& d, ast::Module& m) {
    ast::Function f;
    f.name = d.children[0]->string();
    f.span = span(*d.children[0]);
    for (const auto& p : d.children[1]->children) {  // fn_params
      f.params.push_back(p->string());
      f.param_spans.push_back(span(*p));
    }
    f.body = expr(*d.children.back());
    m.functions.push_back(std::move(f));
  }

  void rule(const Node& d, ast::Module& m) {
    ast::Rule r;
    r.is_override = d.is_type<g::override_decl>();
    r.span = span(d);
    bool seen_severity = false;
    for (const auto& cp : d.children) {
      const Node& c = *cp;
      if (c.is_type<g::x_rule_id>()) {
        r.id = c.string();
        r.id_span = span(c);
      } else if (c.is_type<g::description>()) {
        r.description = string_value(*c.children[0]);
      } else if (c.is_type<g::severity_attr>()) {
        if (seen_severity) error(span(c), "E-syntax-duplicate-attr", {"severity"});
        seen_severity = true;
        severity(*c.children[0], r);
      } else if (c.is_type<g::when_attr>()) {
        if (r.when) error(span(c), "E-syntax-duplicate-attr", {"when"});
        r.when = expr(*c.children[0]);
      } else if (c.is_type<g::x_rule_body>()) {
        r.body = stmts(c, 0);
      }
    }
    m.rules.push_back(std::move(r));
  }

  void severity(const Node& v, ast::Rule& r) {
    std::string s = v.string();
    if (s == "error" || s == "错误") r.severity = ast::Severity::error;
    else if (s == "warning" || s == "警告") r.severity = ast::Severity::warning;
    else if (s == "info" || s == "提示") r.severity = ast::Severity::info;
    else error(span(v), "E-syntax-bad-severity", {s});
  }

  void score(const Node& d, ast::Module& m) {
    ast::Score s;
    s.span = span(d);
    std::size_t i = 0;
    s.id = d.children[i]->string();
    s.id_span = span(*d.children[i++]);
    if (d.children[i]->is_type<g::description>()) s.description = string_value(*d.children[i++]->children[0]);
    s.weight = expr(*d.children[i++]);
    s.value = expr(*d.children[i]);
    m.scores.push_back(std::move(s));
  }

  // What the parser says when no declaration starts at `pos`.
  void not_a_decl(std::size_t pos) {
    std::size_t tok = skip_blanks(text_, pos);
    std::size_t end = token_end(text_, tok);
    std::string_view word = text_.substr(tok, end - tok);
    if (is_one_of(word, kStatementWords)) return error(span(tok, end), "E-syntax-stmt-outside-rule", {std::string(word)});
    if (word == "}" || word == "｝") return error(span(tok, end), "E-syntax-stray-brace");
    error(span(tok, end), "E-syntax-expected-decl");
  }

 private:
  const SourceSet& sources_;
  std::uint32_t file_;
  std::string_view text_;
  std::vector<Diagnostic>& diags_;
  std::string scratch_;  // a copy of the text for holes that write \" (see hole())
};

bool check_encoding(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags) {
  std::string_view t = sources.file(file).text;
  std::size_t bad = first_invalid_utf8(t);
  std::size_t nul = t.find('\0');
  if (bad == std::string_view::npos && nul == std::string_view::npos) return true;
  if (bad != std::string_view::npos && (nul == std::string_view::npos || bad < nul)) {
    auto sp = ast::Span{file, static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad + 1)};
    diags.push_back(make_diag(DiagSeverity::error, sp, "E-encoding-not-utf8", {std::to_string(bad + 1)}));
  } else {
    auto sp = ast::Span{file, static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul + 1)};
    diags.push_back(make_diag(DiagSeverity::error, sp, "E-encoding-binary", {std::to_string(nul + 1)}));
  }
  return false;
}

}  // namespace

ast::Module parse_module(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags) {
  ast::Module m;
  m.file = file;
  if (!check_encoding(sources, file, diags)) return m;
  Builder b(sources, file, diags);
  std::string_view text = b.text();
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (b.errors >= static_cast<std::size_t>(kMaxErrorsPerFile)) {
      diags.push_back(make_diag(DiagSeverity::note, b.span(pos, pos), "N-too-many-errors",
                                {std::to_string(kMaxErrorsPerFile)}));
      break;
    }
    std::size_t stop = pos;
    bool ok = false;
    std::size_t errors_before = b.errors;
    auto root = b.run<grammar::next_decl>(pos, text.size(), stop, ok);
    if (ok) {
      for (const auto& d : root->children) b.decl(*d, m);
      if (stop <= pos) break;  // only blanks were left
      pos = stop;
      continue;
    }
    if (b.errors == errors_before) b.not_a_decl(pos);  // nothing raised: no declaration starts here
    pos = resync(text, std::max(stop, pos));
  }
  return m;
}

ast::ExprPtr parse_expression(const SourceSet& sources, std::uint32_t file, std::vector<Diagnostic>& diags) {
  if (!check_encoding(sources, file, diags)) return nullptr;
  Builder b(sources, file, diags);
  std::size_t stop = 0;
  bool ok = false;
  auto root = b.run<grammar::hole>(0, b.text().size(), stop, ok);
  if (!ok || !root || root->children.empty()) return nullptr;
  return b.expr(*root->children[0]);
}

std::size_t analyze_grammar() { return tao::pegtl::analyze<grammar::module>(-1); }

}  // namespace gouji::lang
