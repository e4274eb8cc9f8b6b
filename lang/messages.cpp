// Every text a user can see from the parser and the checker, in Chinese and
// English, keyed by a stable code (spec/language.md lists them).
#include "lang/diagnostic.hpp"

#include <algorithm>

namespace gouji::lang {

const std::vector<MessageText>& message_table() {
  static const std::vector<MessageText> table = {
      // --- encoding ---
      {"E-encoding-not-utf8", "文件不是 UTF-8 编码（第 {0} 字节起无法按 UTF-8 解读）",
       "the file is not UTF-8 (bytes from offset {0} are not valid UTF-8)",
       "请把文件另存为 UTF-8 编码；GBK 编码的文件可用 iconv -f GBK -t UTF-8 转换",
       "save the file as UTF-8; a GBK file can be converted with iconv -f GBK -t UTF-8"},
      {"E-encoding-binary", "文件含有空字节（第 {0} 字节），不是文本文件", "the file contains a NUL byte (offset {0}); it is not a text file",
       "", ""},
      // --- syntax ---
      {"E-syntax-expected-expr", "此处应为表达式", "expected an expression",
       "表达式可以是数值、文字、名称、函数调用或用括号括起的算式", "an expression is a number, a text, a name, a call or a parenthesised formula"},
      {"E-syntax-missing-paren", "缺少 '{0}'（对应第 {1} 行第 {2} 列的 '{3}'）", "missing '{0}' (to match the '{3}' at line {1}, column {2})",
       "", ""},
      {"E-syntax-missing-bracket", "缺少 '{0}'（对应第 {1} 行第 {2} 列的 '{3}'）", "missing '{0}' (to match the '{3}' at line {1}, column {2})",
       "", ""},
      {"E-syntax-missing-brace", "缺少 '{0}'（对应第 {1} 行第 {2} 列的 '{3}'）", "missing '{0}' (to match the '{3}' at line {1}, column {2})",
       "规则体、for 的语句块都要用 { } 括起来，并且成对出现", "rule bodies and for blocks are enclosed in { } which must pair up"},
      {"E-syntax-unclosed-string", "文字没有结束：缺少 {0}（对应第 {1} 行第 {2} 列的 {3}）",
       "unterminated text: missing {0} (to match the {3} at line {1}, column {2})",
       "文字必须写在一行之内；要在文字中换行请写 \\n", "a text must fit on one line; write \\n for a line break"},
      {"E-syntax-expected-member", "'.' 之后应为栏名", "expected a column name after '.'", "", ""},
      {"E-syntax-expected-operand", "运算符之后缺少运算对象", "expected an operand after the operator", "", ""},
      {"E-syntax-chained-compare", "比较不能连写", "comparisons cannot be chained",
       "把 a < b < c 写成 a < b and b < c（a < b 且 b < c）", "write a < b < c as a < b and b < c"},
      {"E-syntax-expected-then", "此处应为 'then'（则）", "expected 'then'", "条件表达式的写法：if 条件 then 值 else 值（如果 … 则 … 否则 …）",
       "a conditional is: if condition then value else value"},
      {"E-syntax-expected-else", "此处应为 'else'（否则）", "expected 'else'", "条件表达式必须有 else 分支：if 条件 then 值 else 值",
       "a conditional needs an else branch: if condition then value else value"},
      {"E-template-hole-junk", "消息中 { } 里只能写一个表达式", "a {…} in a message holds exactly one expression",
       "要在消息中写字面的花括号，请用 {{ 和 }}", "write {{ and }} for literal braces in a message"},
      {"E-template-empty-hole", "消息中的 { } 是空的", "empty {} in a message", "要在消息中写字面的花括号，请用 {{ 和 }}",
       "write {{ and }} for literal braces in a message"},
      {"E-template-unclosed-hole", "消息中的 '{' 没有对应的 '}'", "unmatched '{' in a message", "要在消息中写字面的 '{'，请用 {{",
       "write {{ for a literal '{' in a message"},
      {"E-template-lone-brace", "消息中有单独的 '}'", "unmatched '}' in a message", "要在消息中写字面的 '}'，请用 }}",
       "write }} for a literal '}' in a message"},
      {"E-syntax-expected-name", "此处应为名称", "expected a name",
       "名称由汉字、字母、数字、下划线组成，可以用 '.' 分段，不能以数字开头", "a name is made of CJK characters, letters, digits and '_', may contain '.', and does not start with a digit"},
      {"E-syntax-keyword-as-name", "'{0}' 是关键字，不能用作名称", "'{0}' is a keyword and cannot be used as a name",
       "换一个名称，或在后面加字，如 '{0}1'", "choose another name"},
      {"E-syntax-expected-assign", "此处应为 '='", "expected '='", "", ""},
      {"E-syntax-expected-in", "此处应为 'in'（属于）", "expected 'in'", "for 的写法：for 名称 in 集合（对每个 名称 属于 集合）",
       "a loop is: for name in collection"},
      {"E-syntax-expected-string", "此处应为用引号括起的文字", "expected a quoted text", "文字可写成 \"…\"、“…” 或 「…」",
       "texts are written \"…\", “…” or 「…」"},
      {"E-syntax-single-eq", "比较是否相等要用 '==' 或 '≈'，'=' 只用于 let、param、fn 和 score 的定义",
       "use '==' or '≈' to compare; '=' is only for let, param, fn and score definitions",
       "金额核对一般用 ≈（按四舍五入区间比较），完全相等用 ==", "use ≈ for printed amounts (rounding intervals), == for exact equality"},
      {"E-syntax-expected-stmt", "此处应为语句（let、for、when、expect）或 '}'", "expected a statement (let, for, when, expect) or '}'",
       "", ""},
      {"E-syntax-expected-pack-name", "pack 之后应为规则包名称", "expected a pack name after 'pack'", "", ""},
      {"E-syntax-expected-unit", "unit 之后应为金额单位，如 万元", "expected a unit after 'unit', e.g. 万元", "", ""},
      {"E-syntax-expected-param-name", "此处应为参数名", "expected a parameter name", "", ""},
      {"E-syntax-expected-lparen", "函数名之后应为 '('", "expected '(' after the function name", "函数的写法：fn 名称(参数, …) = 表达式",
       "a function is: fn name(param, …) = expression"},
      {"E-syntax-expected-rule-id", "此处应为规则编号", "expected a rule id", "规则编号是一个名称，可用 '.' 分段，如 三公.决算合计",
       "a rule id is a name, optionally dotted, e.g. 三公.决算合计"},
      {"E-syntax-expected-severity", "severity 之后应为级别", "expected a level after 'severity'",
       "级别为 error、warning 或 info（错误、警告、提示）", "the level is error, warning or info"},
      {"E-syntax-bad-severity", "未知的级别 '{0}'", "unknown level '{0}'", "级别为 error、warning 或 info（错误、警告、提示）",
       "the level is error, warning or info"},
      {"E-syntax-expected-rule-body", "此处应为用 { } 括起的规则体", "expected the rule body in { }",
       "规则的写法：rule 编号 \"说明\" [severity 级别] [when 条件] { … }", "a rule is: rule id \"description\" [severity level] [when condition] { … }"},
      {"E-syntax-expected-kw-rule", "此处应为 'rule'（规则）", "expected 'rule'", "写法：override rule 编号 … 或 drop rule 编号",
       "write override rule id … or drop rule id"},
      {"E-syntax-expected-score-id", "此处应为评分名称", "expected a score name", "", ""},
      {"E-syntax-expected-weight", "此处应为 'weight'（权重）", "expected 'weight'", "评分的写法：score 名称 weight 权重 = 表达式",
       "a score is: score name weight w = expression"},
      {"E-syntax-too-deep", "嵌套太深（超过 {0} 层）", "nested too deeply (more than {0} levels)", "把算式拆成几个 let", "split the formula into several lets"},
      {"E-syntax-expected-decl", "此处应为声明（rule、let、fn、param、score、import、pack、unit、tolerance）",
       "expected a declaration (rule, let, fn, param, score, import, pack, unit, tolerance)", "", ""},
      {"E-syntax-stmt-outside-rule", "'{0}' 只能写在规则的 { } 之内", "'{0}' can only appear inside a rule's { }", "", ""},
      {"E-syntax-stray-brace", "多余的 '}'", "unmatched '}'", "", ""},
      {"E-syntax-duplicate-decl", "'{0}' 重复声明", "'{0}' declared twice", "一个文件只能有一个 {0} 声明", "a file has at most one {0} declaration"},
      {"E-syntax-duplicate-attr", "规则的 '{0}' 重复", "the rule has '{0}' twice", "", ""},
      {"N-too-many-errors", "错误太多（超过 {0} 个），本文件其余部分不再检查", "too many errors (more than {0}); the rest of the file is not checked",
       "", ""},
  };
  return table;
}

const MessageText* find_message(std::string_view code) {
  const auto& t = message_table();
  auto it = std::find_if(t.begin(), t.end(), [&](const MessageText& m) { return m.code == code; });
  return it == t.end() ? nullptr : &*it;
}

}  // namespace gouji::lang
