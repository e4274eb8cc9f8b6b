// The grammar of gouji rule files (.gj), as PEGTL 3.2 rules — rules only; the
// parse tree is turned into ast:: by lang/parser.cpp. spec/language.md has the
// same grammar in EBNF; its line is repeated above each group here.
//
// Conventions:
// - `sp` (blanks and comments) is written explicitly between tokens, always
//   BEFORE a token, never after, so that a failing token leaves the input
//   right after the previous one.
// - A rule named x_… ("expected …") is used only under must<>: it has an
//   entry in the error table (parser.cpp) and raises a diagnostic with that
//   code when it fails. Nothing else raises.
// - Rules derived from `bracketed` open a bracket or quote: the parser keeps a
//   stack of them, so that "missing ')'" can point back to the opener.
//   (They, and the rules whose nesting is limited, must be kept in the parse
//   tree's selector: PEGTL's parse tree calls the control's hooks only for
//   the rules it stores.)
#pragma once

#include <tao/pegtl.hpp>

namespace gouji::lang::grammar {

using namespace tao::pegtl;

// ---------------------------------------------------------------------------
// Lexical
// blank   = " " | TAB | CR | LF | U+3000 (全角空格) | U+FEFF (BOM)
// comment = "#" { any character but LF }
// sp      = { blank | comment }
struct blank_char : sor<one<' ', '\t', '\r', '\n', '\f', '\v'>, utf8::one<0x3000, 0xFEFF>> {};
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct sp : star<sor<blank_char, comment>> {};

// ident_char = ASCII letter | digit | "_" | CJK ideograph
// identifier = ident_start { ident_char } { "." ident_char { ident_char } }   (not a keyword)
struct cjk : utf8::ranges<0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2FA1F, 0x3007, 0x3007> {};
struct id_start : sor<ascii::alpha, one<'_'>, cjk> {};
struct id_char : sor<ascii::alnum, one<'_'>, cjk> {};
struct id_continue : sor<id_char, seq<one<'.'>, id_char>> {};
struct id_raw : seq<id_start, star<id_char>, star<one<'.'>, plus<id_char>>> {};

// A keyword is one of its spellings not followed by an identifier character
// (PEGTL's keyword<> looks at ASCII only; Chinese needs this).
template <typename... Spellings>
struct kw : seq<sor<Spellings...>, not_at<id_continue>> {};

#define GJ_S(x) TAO_PEGTL_STRING(x)
struct kw_pack : kw<GJ_S("pack"), GJ_S("包")> {};
struct kw_unit : kw<GJ_S("unit"), GJ_S("单位")> {};
struct kw_tolerance : kw<GJ_S("tolerance"), GJ_S("容差")> {};
struct kw_import : kw<GJ_S("import"), GJ_S("导入")> {};
struct kw_extends : kw<GJ_S("extends"), GJ_S("继承")> {};
struct kw_param : kw<GJ_S("param"), GJ_S("参数")> {};
struct kw_let : kw<GJ_S("let"), GJ_S("设")> {};
struct kw_fn : kw<GJ_S("fn"), GJ_S("函数")> {};
struct kw_rule : kw<GJ_S("rule"), GJ_S("规则")> {};
struct kw_override : kw<GJ_S("override"), GJ_S("覆盖")> {};
struct kw_drop : kw<GJ_S("drop"), GJ_S("删除")> {};
struct kw_require : kw<GJ_S("require"), GJ_S("需要")> {};
struct kw_severity : kw<GJ_S("severity"), GJ_S("级别")> {};
struct kw_when : kw<GJ_S("when"), GJ_S("当")> {};
struct kw_expect : kw<GJ_S("expect"), GJ_S("要求")> {};
struct kw_message : kw<GJ_S("message"), GJ_S("消息"), GJ_S("提示")> {};
struct kw_for : kw<GJ_S("for"), GJ_S("对每个")> {};
struct kw_in : kw<GJ_S("in"), GJ_S("属于")> {};
struct kw_where : kw<GJ_S("where"), GJ_S("满足")> {};
struct kw_score : kw<GJ_S("score"), GJ_S("评分")> {};
struct kw_weight : kw<GJ_S("weight"), GJ_S("权重")> {};
struct kw_and : kw<GJ_S("and"), GJ_S("且")> {};
struct kw_or : kw<GJ_S("or"), GJ_S("或")> {};
struct kw_not : kw<GJ_S("not"), GJ_S("非")> {};
struct kw_if : kw<GJ_S("if"), GJ_S("如果")> {};
struct kw_then : kw<GJ_S("then"), GJ_S("则")> {};
struct kw_else : kw<GJ_S("else"), GJ_S("否则")> {};
struct kw_true : kw<GJ_S("true"), GJ_S("真")> {};
struct kw_false : kw<GJ_S("false"), GJ_S("假")> {};
// Severity values (not reserved: only meaningful after `severity`).
struct kw_error : kw<GJ_S("error"), GJ_S("错误")> {};
struct kw_warning : kw<GJ_S("warning"), GJ_S("警告")> {};
struct kw_info : kw<GJ_S("info"), GJ_S("提示")> {};
// Index selectors (not reserved). The Chinese ones may be followed directly
// by digits: t[栏7] is t[栏 7]; but 行次 stays a name.
struct sel_row : sor<seq<GJ_S("行"), sor<not_at<id_continue>, at<digit>>>, kw<GJ_S("row")>> {};
struct sel_col : sor<seq<GJ_S("栏"), sor<not_at<id_continue>, at<digit>>>, kw<GJ_S("col")>> {};
struct sel_code : sor<seq<GJ_S("代码"), sor<not_at<id_continue>, at<digit>>>, kw<GJ_S("code")>> {};
#undef GJ_S

// Words that cannot be names.
struct reserved : sor<kw_pack, kw_import, kw_extends, kw_param, kw_let, kw_fn, kw_rule, kw_override, kw_drop,
                      kw_severity, kw_when, kw_expect, kw_message, kw_for, kw_in, kw_where, kw_score, kw_weight,
                      kw_and, kw_or, kw_not, kw_if, kw_then, kw_else, kw_true, kw_false> {};
struct identifier : seq<not_at<reserved>, id_raw> {};

// Punctuation; the full-width forms are accepted as the ASCII ones.
struct lparen : sor<one<'('>, utf8::one<0xFF08>> {};
struct rparen : sor<one<')'>, utf8::one<0xFF09>> {};
struct lbracket : sor<one<'['>, utf8::one<0xFF3B>> {};
struct rbracket : sor<one<']'>, utf8::one<0xFF3D>> {};
struct lbrace : sor<one<'{'>, utf8::one<0xFF5B>> {};
struct rbrace : sor<one<'}'>, utf8::one<0xFF5D>> {};
struct comma : sor<one<','>, utf8::one<0xFF0C>> {};
struct colon : seq<sor<one<':'>, utf8::one<0xFF1A>>, not_at<one<':'>>> {};
struct assign : seq<sor<one<'='>, utf8::one<0xFF1D>>, not_at<one<'='>>> {};

// Operators.
struct op_add : sor<one<'+'>, utf8::one<0xFF0B>> {};
struct op_sub : sor<one<'-'>, utf8::one<0x2212, 0xFF0D>> {};
struct op_mul : sor<one<'*'>, utf8::one<0x00D7>> {};
struct op_div : sor<one<'/'>, utf8::one<0x00F7>> {};
struct op_eq : string<'=', '='> {};
struct op_ne : sor<string<'!', '='>, utf8::one<0x2260>> {};
struct op_le : sor<string<'<', '='>, utf8::one<0x2264>> {};
struct op_ge : sor<string<'>', '='>, utf8::one<0x2265>> {};
struct op_lt : seq<one<'<'>, not_at<one<'='>>> {};
struct op_gt : seq<one<'>'>, not_at<one<'='>>> {};
struct op_approx : sor<utf8::one<0x2248>, string<'~', '='>> {};
struct op_range : string<'.', '.'> {};
struct plus_minus : utf8::one<0x00B1> {};

// number  = digits [ "." digit { digit } ] ;  digits = d{1,3} { "," ddd } | d { d }
// percent = number ( "%" | "％" )
struct grouped_digits : seq<rep_min_max<1, 3, digit>, plus<one<','>, rep<3, digit>>, not_at<digit>> {};
struct number : seq<sor<grouped_digits, plus<digit>>, opt<one<'.'>, plus<digit>>> {};
struct percent_sign : sor<one<'%'>, utf8::one<0xFF05>> {};
struct percent_lit : seq<number, percent_sign> {};
struct number_lit : number {};

// A rule that opens a bracket or a quote (see the header comment).
struct bracketed {};

// string = '"' { char | escape } '"' | '“' { … } '”' | '「' { … } '」'   (one line; escape = "\" any)
struct escape : seq<one<'\\'>, utf8::not_one<'\n'>> {};
struct x_dq_close : one<'"'> {};
struct x_cq_close : utf8::one<0x201D> {};
struct x_cb_close : utf8::one<0x300D> {};
struct dq_string : seq<one<'"'>, star<sor<escape, utf8::not_one<'"', '\\', '\n'>>>, must<x_dq_close>>, bracketed {};
struct cq_string : seq<utf8::one<0x201C>, star<sor<escape, utf8::not_one<0x201D, '\\', '\n'>>>, must<x_cq_close>>, bracketed {};
struct cb_string : seq<utf8::one<0x300C>, star<sor<escape, utf8::not_one<0x300D, '\\', '\n'>>>, must<x_cb_close>>, bracketed {};
struct string_lit : sor<dq_string, cq_string, cb_string> {};

// ---------------------------------------------------------------------------
// Expressions (loosest first)
// expr     = "if" expr "then" expr "else" expr | or_expr
// or_expr  = and_expr { "or" and_expr }
// and_expr = not_expr { "and" not_expr }
// not_expr = "not" not_expr | cmp_expr
// cmp_expr = range_expr [ cmp_op range_expr ]        (comparisons do not chain)
// range    = add_expr [ ".." add_expr ]
// add_expr = mul_expr { ("+" | "-" | "−") mul_expr }
// mul_expr = unary { ("*" | "×" | "/" | "÷") unary }
// unary    = ("-" | "−") unary | postfix
// postfix  = primary { "[" [ selector ] expr "]" | "." identifier }
// primary  = number | percent | string | "true" | "false" | call | identifier
//          | "(" expr ")" | "[" [ expr { "," expr } ] "]"
// call     = identifier "(" [ arg { "," arg } ] ")" ;  arg = [ identifier ":" ] expr [ comp ]
// comp     = "for" identifier "in" expr [ "where" expr ]      (list comprehension)
struct expression;
struct x_expr : seq<expression> {};
struct x_rparen : rparen {};
struct x_rbracket : rbracket {};

struct true_lit : kw_true {};
struct false_lit : kw_false {};
struct name_ref : identifier {};
struct arg_name : identifier {};
struct x_name;
struct x_in;
struct for_where;
// comprehension (in a call argument or a list element): expr "for" identifier "in" expr [ "where" expr ]
struct comp_clause : seq<kw_for, sp, must<x_name>, sp, must<x_in>, sp, must<x_expr>, opt<sp, for_where>> {};
struct arg : seq<opt<arg_name, sp, colon, sp>, must<x_expr>, opt<sp, comp_clause>> {};
struct list_item : seq<must<x_expr>, opt<sp, comp_clause>> {};
struct call_args : seq<lparen, sp, opt<not_at<rparen>, arg, star<sp, comma, sp, arg>>, sp, must<x_rparen>>, bracketed {};
struct callee : identifier {};
struct call : seq<callee, call_args> {};
struct paren_expr : seq<lparen, sp, must<x_expr>, sp, must<x_rparen>>, bracketed {};
struct list_lit : seq<lbracket, sp, opt<not_at<rbracket>, list_item, star<sp, comma, sp, list_item>>, sp, must<x_rbracket>>, bracketed {};
struct primary : sor<percent_lit, number_lit, string_lit, true_lit, false_lit, call, name_ref, paren_expr, list_lit> {};

struct selector_kw : sor<sel_row, sel_col, sel_code> {};
struct index_suffix : seq<lbracket, sp, opt<selector_kw, not_at<lparen>, sp, not_at<rbracket>>, must<x_expr>, sp, must<x_rbracket>>, bracketed {};
struct member_name : identifier {};
struct x_member_name : member_name {};
struct member_suffix : seq<one<'.'>, not_at<one<'.'>>, must<x_member_name>> {};
struct postfix_expr : seq<primary, star<sor<index_suffix, member_suffix>>> {};

struct unary;
struct x_unary_operand : seq<unary> {};
struct neg_expr : seq<op_sub, sp, must<x_unary_operand>> {};
struct unary : sor<neg_expr, postfix_expr> {};

struct mul_op : sor<op_mul, op_div> {};
struct x_mul_operand : unary {};
struct mul_expr : seq<unary, star<sp, mul_op, sp, must<x_mul_operand>>> {};
struct add_op : sor<op_add, op_sub> {};
struct x_add_operand : mul_expr {};
struct add_expr : seq<mul_expr, star<sp, add_op, sp, must<x_add_operand>>> {};
struct x_range_end : add_expr {};
struct range_expr : seq<add_expr, opt<sp, op_range, sp, must<x_range_end>>> {};
struct op_in : kw_in {};  // membership: code(r) in ["302", "310"]
struct cmp_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_approx, op_in> {};
struct x_cmp_operand : range_expr {};
struct e_chained_compare : failure {};  // raised: a < b < c
struct cmp_expr : seq<range_expr, opt<sp, cmp_op, sp, must<x_cmp_operand>, opt<sp, at<cmp_op>, raise<e_chained_compare>>>> {};
struct not_expr;
struct x_not_operand : seq<not_expr> {};
struct not_op : seq<kw_not, sp, must<x_not_operand>> {};
struct not_expr : sor<not_op, cmp_expr> {};
struct x_and_operand : not_expr {};
struct and_expr : seq<not_expr, star<sp, kw_and, sp, must<x_and_operand>>> {};
struct x_or_operand : and_expr {};
struct or_expr : seq<and_expr, star<sp, kw_or, sp, must<x_or_operand>>> {};
struct x_then : kw_then {};
struct x_else : kw_else {};
struct if_expr : seq<kw_if, sp, must<x_expr>, sp, must<x_then>, sp, must<x_expr>, sp, must<x_else>, sp, must<x_expr>> {};
struct expression : sor<if_expr, or_expr> {};

// A message template's {hole}: one whole expression.
struct x_hole_end : eof {};
struct hole : seq<sp, must<x_expr>, sp, must<x_hole_end>> {};

// ---------------------------------------------------------------------------
// Statements
// block  = "{" { stmt } "}"
// stmt   = let | for | when | expect
// let    = "let" identifier "=" expr
// for    = "for" identifier "in" expr [ "where" expr ] [ block ]   (no block: the rest of the enclosing block)
// when   = "when" expr
// expect = "expect" expr [ "±" expr ] [ "message" string ]
struct stmt;
struct x_name : identifier {};
struct x_assign : assign {};
struct x_in : kw_in {};
struct x_string : string_lit {};
struct e_single_eq : failure {};      // raised: expect a = b
struct e_unclosed_brace : failure {}; // raised: end of file inside { … }
struct e_expected_stmt : failure {};  // raised: something that is not a statement
struct block_end : sor<rbrace, seq<eof, raise<e_unclosed_brace>>, raise<e_expected_stmt>> {};
struct block : seq<lbrace, sp, star<stmt, sp>, block_end>, bracketed {};

struct let_stmt : seq<kw_let, sp, must<x_name>, sp, must<x_assign>, sp, must<x_expr>> {};
struct for_where : seq<kw_where, sp, must<x_expr>> {};  // also used by comp_clause
struct for_stmt : seq<kw_for, sp, must<x_name>, sp, must<x_in>, sp, must<x_expr>, opt<sp, for_where>, opt<sp, block>> {};
struct when_stmt : seq<kw_when, sp, must<x_expr>> {};
struct tolerance_clause : seq<plus_minus, sp, must<x_expr>> {};
struct message_clause : seq<kw_message, sp, must<x_string>> {};
struct single_eq_check : opt<sp, at<assign>, raise<e_single_eq>> {};
struct expect_stmt : seq<kw_expect, sp, must<x_expr>, single_eq_check, opt<sp, tolerance_clause>, opt<sp, message_clause>> {};
struct stmt : sor<let_stmt, for_stmt, when_stmt, expect_stmt> {};

// ---------------------------------------------------------------------------
// Declarations
// module   = { decl }
// decl     = pack | unit | tolerance | import | param | let | fn | rule | override | drop | score
// pack     = "pack" (identifier | string) [ version ] [ "extends" string ]
// unit     = "unit" (identifier | string)
// tolerance= "tolerance" expr
// import   = "import" string
// param    = "param" identifier "=" expr [ string ]
// fn       = "fn" identifier "(" [ identifier { "," identifier } ] ")" "=" expr
// rule     = "rule" rule_id [ string ] { "severity" level | "when" expr } block
// override = "override" rule ;  drop = "drop" "rule" rule_id
// score    = "score" identifier [ string ] "weight" expr "=" expr
// require  = "require" ( identifier { "," identifier } | "fn" identifier "(" [ identifier { "," identifier } ] ")" )
struct pack_name : sor<identifier, string_lit> {};
struct x_pack_name : pack_name {};
struct pack_version : seq<digit, star<sor<ascii::alnum, one<'.', '-', '_'>>>> {};
struct extends_clause : seq<kw_extends, sp, must<x_string>> {};
struct pack_decl : seq<kw_pack, sp, must<x_pack_name>, opt<sp, pack_version>, opt<sp, extends_clause>> {};
struct unit_name : sor<identifier, string_lit> {};
struct x_unit_name : unit_name {};
struct unit_decl : seq<kw_unit, sp, must<x_unit_name>> {};
struct tolerance_decl : seq<kw_tolerance, sp, must<x_expr>> {};
struct import_decl : seq<kw_import, sp, must<x_string>> {};
struct param_doc : string_lit {};
struct param_decl : seq<kw_param, sp, must<x_name>, sp, must<x_assign>, sp, must<x_expr>, opt<sp, param_doc>> {};
struct let_decl : let_stmt {};
struct fn_param : identifier {};
struct x_fn_param : fn_param {};
struct x_lparen : lparen {};
struct fn_params : seq<must<x_lparen>, sp, opt<not_at<rparen>, must<x_fn_param>, star<sp, comma, sp, must<x_fn_param>>>, sp, must<x_rparen>>, bracketed {};
struct fn_decl : seq<kw_fn, sp, must<x_name>, sp, fn_params, sp, must<x_assign>, sp, must<x_expr>> {};
struct rule_id : identifier {};
struct x_rule_id : rule_id {};
struct description : string_lit {};
struct severity_value : id_raw {};  // checked by the parser: error | warning | info
struct x_severity_value : severity_value {};
struct severity_attr : seq<kw_severity, sp, must<x_severity_value>> {};
struct when_attr : seq<kw_when, sp, must<x_expr>> {};
struct x_rule_body : block {};
struct rule_rest : seq<sp, must<x_rule_id>, opt<sp, description>, star<sp, sor<severity_attr, when_attr>>, sp, must<x_rule_body>> {};
struct rule_decl : seq<kw_rule, rule_rest> {};
struct x_kw_rule : kw_rule {};
struct override_decl : seq<kw_override, sp, must<x_kw_rule>, rule_rest> {};
struct drop_decl : seq<kw_drop, sp, must<x_kw_rule>, sp, must<x_rule_id>> {};
struct score_id : identifier {};
struct x_score_id : score_id {};
struct x_weight : kw_weight {};
struct score_decl : seq<kw_score, sp, must<x_score_id>, opt<sp, description>, sp, must<x_weight>, sp, must<x_expr>, sp,
                        must<x_assign>, sp, must<x_expr>> {};
struct require_fn : seq<kw_fn, sp, must<x_name>, sp, fn_params> {};
struct require_decl : seq<kw_require, sp, sor<require_fn, seq<must<x_name>, star<sp, comma, sp, must<x_name>>>>> {};
struct decl : sor<pack_decl, unit_decl, tolerance_decl, import_decl, param_decl, let_decl, fn_decl, rule_decl,
                  override_decl, drop_decl, score_decl, require_decl> {};

// The parser reads one declaration at a time (so that it can resynchronise
// after an error): next_decl is what it calls, module is the whole grammar
// (for analyze<>).
struct next_decl : seq<sp, sor<eof, decl>> {};
struct module : seq<sp, star<decl, sp>, eof> {};

}  // namespace gouji::lang::grammar
