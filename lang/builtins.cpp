// The built-in function table (see builtins.hpp).
#include "lang/builtins.hpp"

namespace gouji::lang {

namespace {
constexpr TypeRef T(Type t) { return TypeRef{t, Type::any}; }
constexpr TypeRef L(Type e) { return TypeRef{Type::list, e}; }
const TypeRef num = T(Type::number), txt = T(Type::text), boolean = T(Type::boolean),
              any = T(Type::any), tbl = T(Type::table), row = T(Type::row), col = T(Type::column),
              sec = T(Type::section), match = T(Type::match);
}  // namespace

const std::vector<BuiltinSig>& builtins() {
  static const std::vector<BuiltinSig> table = {
      // Tables, rows and columns of the document.
      {"table", "表", {{"name", txt}}, false, tbl,
       "按表号（公开09表）或表名取唯一一张表；文件中没有则为“缺失”，有多张则出错（请用 tables）"},
      {"tables", "各表", {{"names", any, true}}, true, L(Type::table),
       "按表号或表名取所有匹配的表（可给多个名称或名称列表）；不给参数则取全部表"},
      {"present", "存在的表", {{"names", any}}, true, L(Type::text),
       "给定的表号或表名中，文件里确实存在的那些"},
      {"rows", "各行", {{"table", tbl}, {"block", txt, true}}, false, L(Type::row),
       "表的全部数据行（可限定某一栏组，如“支出”）"},
      {"children", "下级", {{"row", row}}, false, L(Type::row), "按科目代码的下级行：类的款、款的项"},
      {"parent", "上级", {{"row", row}}, false, row, "按科目代码的上级行；没有则为“缺失”"},
      {"has_children", "有下级", {{"row", row}}, false, boolean, "该行是否有按科目代码的下级行"},
      {"columns", "各栏", {{"table", tbl}}, false, L(Type::column), "表的全部栏"},
      {"amount_columns", "金额栏", {{"table", tbl}}, false, L(Type::column), "表中登载金额的各栏"},
      {"code", "代码", {{"row", row}}, false, txt, "行的科目代码；没有则为空文本"},
      {"label", "名称", {{"row", row}}, false, txt, "行的名称（项目、科目名称或指标名称）"},
      {"hangci", "行次", {{"row", row}}, false, num, "行的行次；没有则为“缺失”"},
      {"lanci", "栏次", {{"column", col}}, false, num, "栏的栏次；没有则为“缺失”"},
      {"header", "栏名", {{"column", col}}, false, txt, "栏的表头（多层表头以“›”连接）"},
      {"is_blank", "空白", {{"value", any}}, false, boolean, "单元格是否空白（空白按 0 计算，但与 0 有别）"},
      {"exists", "存在", {{"value", any}}, false, boolean, "值是否存在（不是“缺失”）"},
      {"declared_empty", "声明无数据", {{"table", tbl}}, false, boolean, "表下说明是否声明本表无数据"},
      {"has_figures", "有数据", {{"table", tbl}}, false, boolean, "表中是否有非零数字"},
      {"notes", "表注", {{"table", tbl}}, false, txt, "表下的注和说明文字"},
      {"department", "部门", {{"table", tbl, true}}, false, txt, "表头所印部门名称；不给参数则为文件的部门名称"},
      {"unit", "金额单位", {{"table", tbl, true}}, false, txt, "表头所印金额单位；不给参数则为文件的单位"},
      {"year", "年度", {}, false, num, "文件的年度"},
      {"kind", "类型", {}, false, txt, "文件类型：决算 或 预算"},
      // Narrative.
      {"section", "章节", {{"heading", txt}}, false, sec, "按标题取情况说明中的一节；没有则为“缺失”"},
      {"headings", "各节标题", {}, false, L(Type::text), "情况说明各节的标题（不含“一、”“（一）”等序号），按文中顺序"},
      {"text", "引文", {{"section", any}, {"pattern", txt}}, false, match,
       "在一节（或全文）中按模式查找第一处，如 \"收入合计{金额}万元\"；找不到则为“缺失”"},
      {"texts", "各引文", {{"section", any}, {"pattern", txt}}, false, L(Type::match),
       "在一节（或全文）中按模式查找所有各处"},
      {"contains", "包含", {{"where", any}, {"text", txt}}, false, boolean, "一节、表注或文本中是否含有某段文字"},
      // Arithmetic and aggregates.
      {"round", "舍入", {{"value", num}, {"places", num}, {"mode", txt, true}}, false, num,
       "舍入到 places 位小数；默认四舍五入（half_up），也可用 half_even（银行家舍入）"},
      {"abs", "绝对值", {{"value", num}}, false, num, "绝对值"},
      {"length", "长度", {{"text", txt}}, false, num, "文本的字数（一个汉字、字母或数字算一个），如 length(code(r)) 为 3 是类"},
      {"places", "小数位数", {{"value", num}}, false, num,
       "数字所印的小数位数（百分数按 % 前的位数：12.5% 为 1）；不是从文件读到的数为“缺失”"},
      {"min", "最小", {{"values", any}}, true, num, "最小值（多个参数或一个列表）"},
      {"max", "最大", {{"values", any}}, true, num, "最大值（多个参数或一个列表）"},
      {"sum", "合计", {{"values", any}, {"column", col, true}}, false, num,
       "求和：数值列表之和；给出栏时为各行该栏之和（空白按 0）"},
      {"count", "个数", {{"values", any}}, false, num, "列表中元素的个数"},
      {"avg", "平均", {{"values", any}}, false, num, "平均值"},
      {"any", "任一", {{"values", L(Type::boolean)}}, false, boolean, "列表中是否有一个为真"},
      {"all", "全部", {{"values", L(Type::boolean)}}, false, boolean, "列表中是否全部为真"},
      // Rule outcomes, for scores.
      {"passed", "通过", {{"rule", txt}}, false, boolean, "该规则的每个实例都通过（不适用的不计）"},
      {"pass_rate", "通过率", {{"prefix", txt}}, false, num,
       "编号以 prefix 开头的各规则中，通过的实例占已判定实例的比例"},
  };
  return table;
}

const BuiltinSig* find_builtin(std::string_view name) {
  int i = builtin_index(name);
  return i < 0 ? nullptr : &builtins()[static_cast<std::size_t>(i)];
}

int builtin_index(std::string_view name) {
  const auto& t = builtins();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].name == name || (!t[i].alias.empty() && t[i].alias == name)) return static_cast<int>(i);
  return -1;
}

bool fits(TypeRef have, TypeRef want) {
  if (want.kind == Type::any || have.kind == Type::any) return true;
  if (have.kind == Type::nothing) return true;  // absent fits anywhere; N/A at run time
  if (have.kind == Type::cell) return want.kind == Type::number || want.kind == Type::text || want.kind == Type::cell;
  if (have.kind == Type::match) return want.kind == Type::number || want.kind == Type::match;
  if (want.kind == Type::cell) return have.kind == Type::number || have.kind == Type::text;
  if (have.kind != want.kind) return false;
  if (have.kind == Type::list) return fits(TypeRef{have.elem, Type::any}, TypeRef{want.elem, Type::any});
  return true;
}

std::string type_name(TypeRef t, bool en) {
  switch (t.kind) {
    case Type::any: return en ? "any" : "任意值";
    case Type::number: return en ? "number" : "数值";
    case Type::text: return en ? "text" : "文本";
    case Type::boolean: return en ? "boolean" : "真假值";
    case Type::cell: return en ? "cell" : "单元格";
    case Type::table: return en ? "table" : "表";
    case Type::row: return en ? "row" : "行";
    case Type::column: return en ? "column" : "栏";
    case Type::section: return en ? "section" : "章节";
    case Type::match: return en ? "match" : "引文";
    case Type::nothing: return en ? "absent" : "缺失";
    case Type::list:
      return en ? "list of " + type_name(TypeRef{t.elem, Type::any}, true)
                : type_name(TypeRef{t.elem, Type::any}, false) + "列表";
  }
  return "?";
}

}  // namespace gouji::lang
