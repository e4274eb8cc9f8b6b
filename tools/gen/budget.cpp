// 部门预算 (budget2025): a drawn Model written in the layout of the 2025
// budget sample (examples/budget-2025-xigong-gov-office.txt): cover and
// contents, 部门概况, the 情况说明 一 … 十, 名词解释 and the tables of the
// 附件 (tab-separated, as in the sample), with at most one planted defect.
// Every figure goes through BOut::fig, which records its key and source line
// and applies the planted override.
#include "tools/gen/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace gouji::gen {

namespace {

struct BOut {
  std::map<std::string, std::string> overrides;
  std::string text;
  std::map<std::string, std::uint32_t> where;  // key -> source line
  std::map<std::string, std::string> printed;  // key -> text without the override
  std::vector<Figure> figures;
  std::map<std::string, std::uint32_t> toc;    // table name -> line of its contents entry
  std::string table;
  std::uint32_t line_no = 1;

  void line(std::string_view s) {
    text.append(s);
    text += '\n';
    ++line_no;
  }
  void spaced(std::string_view s) {
    line(s);
    line("");
  }
  // A figure: "" for a blank cell. Recorded under `key` on the current line.
  std::string fig(const std::string& key, std::string shown, bool in_table = true) {
    printed[key] = shown;
    where[key] = line_no;
    auto it = overrides.find(key);
    std::string out = it == overrides.end() ? std::move(shown) : it->second;
    if (in_table && !out.empty()) figures.push_back({table, key, out, line_no});
    return out;
  }
};

// Table amounts: 0.01 万元 without grouping (as in the sample); blank for zero.
std::string amt(Cents c) { return c == 0 ? std::string() : fixed2(c); }

struct Lei { const char* code; const char* num; const char* name; const char* name4; };
// The 支出 rows of 部门收支预算表 and 财政拨款收支预算表, in the sample's order and numbering.
const std::vector<Lei>& lei_rows() {
  static const std::vector<Lei> v = {
      {"201", "一", "一般公共服务", "一般公共服务支出"}, {"202", "二", "外交", "外交支出"}, {"203", "三", "国防", "国防支出"},
      {"204", "四", "公共安全", "公共安全支出"}, {"205", "五", "教育", "教育支出"}, {"206", "六", "科学技术", "科学技术支出"},
      {"207", "七", "文化旅游体育与传媒", "文化体育旅游与传媒支出"}, {"208", "八", "社会保障和就业", "社会保障和就业支出"},
      {"209", "九", "社会保险基金支出", "医疗卫生与计划生育支出"}, {"210", "十", "卫生健康", "卫生健康支出"},
      {"211", "十一", "节能环保", "节能环保支出"}, {"212", "十二", "城乡社区事务", "城乡社区事务支出"}, {"213", "十三", "农林水事务", "农林水事务支出"},
      {"214", "十四", "交通运输", "交通运输支出"}, {"215", "十五", "资源勘探信息等", "资源勘探信息等支出"},
      {"216", "十六", "商业服务业等", "商业服务业等支出"}, {"217", "十七", "金融支出", "金融支出"}, {"219", "十九", "援助其他地区支出", "援助其他地区支出"},
      {"220", "二十", "自然资源海洋气象等支出", "自然资源海洋气象等支出"}, {"221", "二十一", "住房保障支出", "住房保障支出"},
      {"222", "二十二", "粮油物资储备支出", "粮油物资储备支出"}, {"223", "二十三", "国有资本经营预算", "国有资本经营预算"},
      {"224", "二十四", "灾害防治及应急管理", "灾害防治及应急管理"}, {"227", "二十七", "预备费", "预备费"}, {"229", "二十九", "其他支出", "其他支出"},
      {"230", "三十", "转移性支出", "转移性支出"}, {"231", "三十一", "债务还本支出", "债务还本支出"}, {"232", "三十二", "债务付息支出", "债务付息支出"},
      {"233", "三十三", "债务发行费用支出", "债务发行费用支出"}, {"234", "三十四", "抗疫特别国债安排的支出", "抗疫特别国债安排的支出"}};
  return v;
}

// 政府预算支出经济分类 of a 部门预算支出经济分类 code.
std::pair<std::string, std::string> gov_econ(const std::string& code) {
  static const std::map<std::string, std::pair<std::string, std::string>> m = {
      {"30101", {"50101", "工资奖金津补贴"}}, {"30102", {"50101", "工资奖金津补贴"}}, {"30103", {"50101", "工资奖金津补贴"}},
      {"30106", {"50101", "工资奖金津补贴"}}, {"30107", {"50501", "工资福利支出"}}, {"30108", {"50102", "社会保障缴费"}},
      {"30109", {"50102", "社会保障缴费"}}, {"30110", {"50102", "社会保障缴费"}}, {"30111", {"50102", "社会保障缴费"}},
      {"30112", {"50102", "社会保障缴费"}}, {"30113", {"50103", "住房公积金"}}, {"30114", {"50199", "其他工资福利支出"}},
      {"30199", {"50199", "其他工资福利支出"}}, {"30215", {"50202", "会议费"}}, {"30216", {"50203", "培训费"}},
      {"30212", {"50204", "因公出国（境）费用"}}, {"30217", {"50206", "公务接待费"}}, {"30213", {"50209", "维修（护）费"}},
      {"30226", {"50205", "委托业务费"}}, {"30227", {"50205", "委托业务费"}}, {"30203", {"50205", "委托业务费"}},
      {"30231", {"50208", "公务用车运行维护费"}}, {"30299", {"50299", "其他商品和服务支出"}}, {"30218", {"50299", "其他商品和服务支出"}},
      {"30224", {"50299", "其他商品和服务支出"}}, {"30225", {"50299", "其他商品和服务支出"}}, {"30240", {"50299", "其他商品和服务支出"}},
      {"30214", {"50299", "其他商品和服务支出"}}, {"30301", {"50905", "离退休费"}}, {"30302", {"50905", "离退休费"}},
      {"30304", {"50901", "社会福利和救助"}}, {"30305", {"50901", "社会福利和救助"}}, {"30309", {"50901", "社会福利和救助"}},
      {"31002", {"50306", "设备购置"}}, {"31007", {"50306", "设备购置"}}, {"31013", {"50306", "设备购置"}}};
  if (auto it = m.find(code); it != m.end()) return it->second;
  if (code.starts_with("302")) return {"50201", "办公经费"};
  if (code.starts_with("303")) return {"50999", "其他对个人和家庭补助"};
  if (code.starts_with("310")) return {"50399", "其他资本性支出"};
  return {"50999", "其他支出"};
}

struct BProject {
  std::string name, type, econ, econ_name;  // type 其他运转类 / 特定目标类
  Cents amount = 0;
};

struct Split {  // 基本支出 of a 项 by economic group
  Cents wage = 0, family = 0, goods = 0, capital = 0;
};

struct Econ {  // a row of 支出经济分类汇总表 (and, when basic, of 基本支出表)
  std::string code, name;
  Cents basic = 0, project = 0;
  bool personnel = false;
  Cents total() const { return basic + project; }
};

struct Budget {
  Model m;
  std::string unit;  // 单位代码 ("102")
  std::vector<BProject> projects;
  std::map<std::string, Cents> other_run, targeted;  // 项 code -> project amounts by type
  std::map<std::string, Split> split;
  std::vector<Econ> econ;  // by code
  Cents sg[4] = {0, 0, 0, 0};  // 出国, 购置, 运行, 接待
  Cents sg_prior[4] = {0, 0, 0, 0};
  Cents prior_total = 0;
  std::string reason;
};

Cents econ_total(const Budget& b, const std::string& code) {
  for (const auto& e : b.econ)
    if (e.code == code) return e.total();
  return 0;
}

Budget draw_budget(std::uint64_t seed) {
  Rng rng(seed);
  Budget b;
  b.m = draw_model(DocKind::budget2025, rng);
  Model& m = b.m;
  b.unit = std::to_string(rng.range(101, 199));
  // projects: the drawn ones, typed and given an economic class, plus a 公务接待 project
  static const std::vector<std::pair<std::string, std::string>> pecon = {
      {"30201", "办公费"}, {"30226", "劳务费"}, {"30227", "委托业务费"}, {"30213", "维修（护）费"},
      {"30299", "其他商品和服务支出"}, {"31002", "办公设备购置"}, {"31007", "信息网络及软件购置更新"}};
  for (const auto& p : m.projects) {
    BProject bp{p.name.substr(0, p.name.find("（")), rng.chance(60) ? "其他运转类" : "特定目标类", "", "", p.spent};
    const auto& e = rng.pick(pecon);
    bp.econ = e.first, bp.econ_name = e.second;
    (bp.type == "其他运转类" ? b.other_run : b.targeted)[p.xiang] += p.spent;
    b.projects.push_back(bp);
  }
  const Cents reception = rng.range(30, 300);
  const std::string rx = m.projects.front().xiang;
  for (auto& x : m.xiang)
    if (x.code == rx) x.project += reception;
  b.other_run[rx] += reception;
  b.projects.push_back({"办公经费—公务接待费", "其他运转类", "30217", "公务接待费", reception});
  // 基本支出 of each 项 by economic group (the 项 the drawn model charged them to)
  auto sum = [](const std::vector<EconItem>& v) {
    Cents s = 0;
    for (const auto& e : v) s += e.amount;
    return s;
  };
  auto item = [](const std::vector<EconItem>& v, const char* code) {
    for (const auto& e : v)
      if (e.code == code) return e.amount;
    return Cents(0);
  };
  Split assigned;
  std::string run;
  for (const auto& x : m.xiang) {
    Split s;
    const std::string& c = x.code;
    if (c == "2080501" || c == "2080502") s.family = item(m.e303, "30302") + item(m.e303, "30305");
    else if (c == "2080505") s.wage = item(m.e301, "30108");
    else if (c == "2080506") s.wage = item(m.e301, "30109");
    else if (c == "2080801") s.family = item(m.e303, "30304");
    else if (c == "2101101" || c == "2101102") s.wage = item(m.e301, "30110");
    else if (c == "2210201") s.wage = item(m.e301, "30113");
    else if (c == "2012906") s.goods = item(m.e302, "30228");
    else if (x.basic > 0) run = c;
    assigned.wage += s.wage, assigned.family += s.family, assigned.goods += s.goods;
    b.split[c] = s;
  }
  Split& r = b.split[run];
  r.wage = sum(m.e301) - assigned.wage;
  r.family = sum(m.e303) - assigned.family;
  r.goods = sum(m.e302) - assigned.goods;
  r.capital = sum(m.e307) + sum(m.e310) + sum(m.e399);
  // 支出经济分类汇总表: the basic items and the projects' classes
  std::map<std::string, Econ> econ;
  for (const auto* v : {&m.e301, &m.e303, &m.e302, &m.e307, &m.e310, &m.e399})
    for (const auto& e : *v)
      if (e.amount != 0) {
        Econ& x = econ[e.code];
        x.code = e.code, x.name = e.name, x.basic += e.amount;
        x.personnel = e.code.starts_with("301") || e.code.starts_with("303");
      }
  for (const auto& p : b.projects) {
    Econ& x = econ[p.econ];
    x.code = p.econ, x.name = p.econ_name, x.project += p.amount;
  }
  for (auto& [k, v] : econ) b.econ.push_back(v);
  b.sg[0] = econ_total(b, "30212");
  b.sg[1] = econ_total(b, "31013");
  b.sg[2] = econ_total(b, "30231");
  b.sg[3] = econ_total(b, "30217");
  for (int i = 0; i < 4; ++i) {
    if (b.sg[i] == 0) b.sg_prior[i] = rng.chance(20) ? rng.range(50, 500) : 0;
    else if (rng.chance(15)) b.sg_prior[i] = b.sg[i];
    else do b.sg_prior[i] = rng.scale(b.sg[i], 40, 180); while (b.sg_prior[i] == b.sg[i] || b.sg_prior[i] <= 0);
  }
  if (b.sg_prior[0] + b.sg_prior[1] + b.sg_prior[2] + b.sg_prior[3] == b.sg[0] + b.sg[1] + b.sg[2] + b.sg[3]) b.sg_prior[3] += rng.range(10, 200);
  do b.prior_total = rng.scale(m.total(), 75, 125);
  while (b.prior_total == m.total() || b.prior_total <= 0);
  b.reason = rng.pick(std::vector<std::string>{"人员变动及工资调整导致基本支出预算增加，项目支出预算随工作任务调整",
                                               "严格落实过紧日子要求，压减一般性支出", "因机构改革，职能划入，人员及项目经费相应调整",
                                               "部分项目完成后不再安排预算，新增重点工作项目"});
  return b;
}

struct BWriter {
  const Budget& b;
  BOut& o;
  std::string dept_override_table, dept_variant;
  std::string skip;

  const Model& m() const { return b.m; }
  std::string dept_for(const std::string& t) const { return t == dept_override_table ? dept_variant : m().department; }
  Cents total() const { return m().total(); }
  Cents lei_total(const std::string& lei) const {
    Cents s = 0;
    for (const auto& x : m().xiang)
      if (x.lei == lei) s += x.total();
    return s;
  }

  void head(const std::string& name) {
    o.table = name;
    o.spaced("2025 年" + name);
    o.spaced("部门名称：" + dept_for(name));
    o.spaced("单位：万元");
  }

  // key of a table figure
  std::string k(const std::string& row, const std::string& col) const { return o.table + "|" + row + "|" + col; }

  void t_summary() {  // 部门收支预算表
    head("部门收支预算表");
    o.line("收入\t\t支出\t");
    o.line("项目\t金额\t项目\t金额");
    static const std::vector<std::string> income = {"一、一般公共预算", "其中：财政拨款", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入",
                                                    "四、财政专户管理资金收入", "五、事业收入", "六、事业单位经营收入", "七、上级补助收入",
                                                    "八、附属单位上缴收入", "九、其他收入"};
    const auto& ls = lei_rows();
    for (std::size_t i = 0; i < ls.size(); ++i) {
      std::string left = "\t";
      if (i < income.size()) left = income[i] + "\t" + o.fig(k(income[i], "金额"), i < 2 ? amt(total()) : "");
      const std::string label = std::string(ls[i].num) + "、" + ls[i].name;
      o.line(left + "\t" + label + "\t" + o.fig(k(ls[i].code, "金额"), amt(lei_total(ls[i].code))));
    }
    o.line("本年收入合计\t" + o.fig(k("本年收入合计", "金额"), amt(total())) + "\t本年支出合计\t" + o.fig(k("本年支出合计", "金额"), amt(total())));
    o.line("上年结转结余\t\t年终结转结余\t0.00");
    o.line("收入总计\t" + o.fig(k("收入总计", "金额"), amt(total())) + "\t支出总计\t" + o.fig(k("支出总计", "金额"), amt(total())));
    o.line("");
  }

  void t_income() {  // 部门收入预算表
    head("部门收入预算表");
    o.line("部门 (单 位)代 码\t部门(单位)名 称\t总计\t本年收入\t\t\t\t\t\t\t\t\t\t上年结转结余\t\t\t\t\t\t");
    o.line("\t\t\t合计\t一般公共预算\t\t政 府 性 基 金\t国 有 资 本 经 营 预 算\t财 政 专 户 管 理 资 金 收 入\t事 业 收 入\t事 业 单 位 经 营 收 入\t上 级 补 助 收 入\t附 属 单 位 上 缴 收 入\t其 他 收 入\t合 计\t一 般 公 共 预 算\t政 府 性 基 金\t国 有 资 本 经 营 预 算\t财 政 专 户 管 理 资 金\t单 位 资 金");
    o.line("\t\t\t\t小计\t其中：财 政拨款\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    auto row = [&](const std::string& code, const std::string& name, const std::string& key) {
      std::string s = code + "\t" + name;
      for (const char* c : {"总计", "合计", "小计", "财政拨款"}) s += "\t" + o.fig(k(key, c), amt(total()));
      o.line(s + std::string(14, '\t'));
    };
    row("", "合计", "合计");
    row(b.unit, m().department, b.unit);
    row(b.unit + "001", m().department, b.unit + "001");
    o.line("");
  }

  // 部门支出预算表 and 一般公共预算支出预算表: one row per 项, 类 款 项 in three columns.
  void t_expenditure(const std::string& name, bool gp) {
    head(name);
    o.line("科目编码\t\t\t单位 代码\t单位（科目名称）\t合计\t基本支出\t\t\t\t项目支出\t\t\t");
    o.line(gp ? "\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类"
              : "\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标 类");
    o.line(gp ? "类\t款\t项\t工资福利支 出\t对个人和家 庭的补助\t商品和服务 支出\t\t资本性 支出\t\t\t\t\t\t"
              : "类\t款\t项\t工资福利 支出\t对个人和家庭 的补助\t商品和服务 支出\t\t资本性支 出\t\t\t\t\t\t");
    Split all;
    Cents orun = 0, targ = 0;
    for (const auto& [c, s] : b.split) all.wage += s.wage, all.family += s.family, all.goods += s.goods, all.capital += s.capital;
    for (const auto& [c, v] : b.other_run) orun += v;
    for (const auto& [c, v] : b.targeted) targ += v;
    auto cells = [&](const std::string& key, Cents tot, Cents basic, const Split& s, Cents project, Cents o1, Cents o2) {
      std::string r;
      const std::pair<const char*, Cents> v[] = {{"合计", tot},   {"基本支出|小计", basic}, {"工资福利支出", s.wage},  {"对个人和家庭的补助", s.family},
                                                 {"商品和服务支出", s.goods}, {"资本性支出", s.capital}, {"项目支出|小计", project},
                                                 {"其他运转类", o1}, {"特定目标类", o2}};
      for (const auto& [col, val] : v) r += "\t" + o.fig(k(key, col), amt(val));
      return r;
    };
    o.line("\t\t\t\t合计" + cells("合计", total(), m().total_basic(), all, m().total_project(), orun, targ));
    o.line("\t\t\t" + b.unit + "\t" + m().department + cells(b.unit, total(), m().total_basic(), all, m().total_project(), orun, targ));
    for (const auto& x : m().xiang) {
      const std::string kc = x.code;
      auto get = [&](const std::map<std::string, Cents>& mp) {
        auto it = mp.find(kc);
        return it == mp.end() ? Cents(0) : it->second;
      };
      const Split s = b.split.count(kc) ? b.split.at(kc) : Split{};
      o.line(kc.substr(0, 3) + "\t" + kc.substr(3, 2) + "\t" + kc.substr(5, 2) + "\t\t" + x.name +
             cells(kc, x.total(), x.basic, s, x.project, get(b.other_run), get(b.targeted)));
    }
    o.line("");
  }

  void t_fiscal() {  // 财政拨款收支预算表
    head("财政拨款收支预算表");
    o.line("收入\t\t支出\t\t\t\t\t");
    o.line("项 目\t金 额\t项 目\t合 计\t一般公共预算\t\t政府性 基金\t国有资本经营预算");
    o.line("\t\t\t\t小 计\t其中：财政拨款\t\t");
    auto three = [&](const std::string& key, Cents v) {
      return "\t" + o.fig(k(key, "合计"), amt(v)) + "\t" + o.fig(k(key, "小计"), amt(v)) + "\t" + o.fig(k(key, "财政拨款"), amt(v)) + "\t\t";
    };
    o.line("一、本年收入\t" + o.fig(k("一、本年收入", "金额"), amt(total())) + "\t一、本年支出" + three("一、本年支出", total()));
    static const std::vector<std::pair<std::string, bool>> income = {
        {"（一）一般公共预算拨款", true}, {"其中：财政拨款", true}, {"（二）政府性基金预算拨款", false}, {"（三）国有资本经营预算拨款", false},
        {"二、上年结转", false},         {"（一）一般公共预算拨款", false}, {"（二）政府性基金预算拨款", false}, {"（三）国有资本经营预算拨款", false}};
    const auto& ls = lei_rows();
    for (std::size_t i = 0; i < ls.size(); ++i) {
      std::string left = "\t";
      if (i < income.size()) left = income[i].first + "\t" + (income[i].second ? o.fig(k(income[i].first + (i == 0 ? "" : "|其中"), "金额"), amt(total())) : "");
      o.line(left + "\t（" + ls[i].num + "）" + ls[i].name4 + three(ls[i].code, lei_total(ls[i].code)));
    }
    o.line("\t\t二、年终结转结余\t\t\t\t\t");
    o.line("收入合计\t" + o.fig(k("收入合计", "金额"), amt(total())) + "\t支出合计" + three("支出合计", total()));
    o.line("");
  }

  void t_basic() {  // 一般公共预算基本支出预算表
    head("一般公共预算基本支出预算表");
    o.line("部门预算支出经济分类科目\t\t政府预算支出经济分类科目\t\t本年一般公共预算基本支出\t\t");
    o.line("科目编码\t科目名称\t科目编码\t科目名称\t合计\t人员经费\t公用经费");
    o.line("合计\t\t\t\t" + o.fig(k("合计", "合计"), amt(m().total_basic())) + "\t" + o.fig(k("合计", "人员经费"), amt(m().personnel)) + "\t" +
           o.fig(k("合计", "公用经费"), amt(m().public_use)));
    for (const auto& e : b.econ) {
      if (e.basic == 0) continue;
      const auto g = gov_econ(e.code);
      o.line(e.code + "\t" + e.name + "\t" + g.first + "\t" + g.second + "\t" + o.fig(k(e.code, "合计"), amt(e.basic)) + "\t" +
             o.fig(k(e.code, "人员经费"), e.personnel ? amt(e.basic) : "") + "\t" + o.fig(k(e.code, "公用经费"), e.personnel ? "" : amt(e.basic)));
    }
    o.line("");
  }

  void t_econ() {  // 支出经济分类汇总表
    head("支出经济分类汇总表");
    o.line("部门预算经济分类\t\t\t政府预算经济分类\t\t\t总计\t一般公共预算\t\t政府 性基 金\t国有 资本 经营 预算\t上年 结转 结余\t财政专 户管理 资金收 入\t事业 收入\t上级 补助 收入\t附属单 位上缴 收入\t事业 单位 经营 收入\t其他 收入\t");
    o.line("类\t款\t科目名称\t类\t款\t科目名称\t\t小计\t其中：财 政拨款\t\t\t\t\t\t\t\t\t\t");
    auto three = [&](const std::string& key, Cents v) {
      return o.fig(k(key, "总计"), amt(v)) + "\t" + o.fig(k(key, "小计"), amt(v)) + "\t" + o.fig(k(key, "财政拨款"), amt(v)) + std::string(9, '\t');
    };
    o.line("\t\t合计\t\t\t\t" + three("合计", total()));
    o.line(b.unit + "\t\t" + m().department + "\t\t\t\t" + three(b.unit, total()));
    for (const auto& e : b.econ) {
      const auto g = gov_econ(e.code);
      o.line(e.code.substr(0, 3) + "\t" + e.code.substr(3) + "\t" + e.name + "\t" + g.first.substr(0, 3) + "\t" + g.first.substr(3) + "\t" + g.second + "\t" +
             three(e.code, e.total()));
    }
    o.line("");
  }

  void t_sangong() {  // 一般公共预算“三公”经费预算表
    head("一般公共预算“三公”经费预算表");
    o.line("“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费");
    o.line("\t\t小计\t公务用车购置费\t公务用车运行费\t");
    const Cents* s = b.sg;
    o.line(o.fig(k("三公", "“三公”经费合计"), amt(s[0] + s[1] + s[2] + s[3])) + "\t" + o.fig(k("三公", "因公出国（境）费"), amt(s[0])) + "\t" +
           o.fig(k("三公", "小计"), amt(s[1] + s[2])) + "\t" + o.fig(k("三公", "公务用车购置费"), amt(s[1])) + "\t" +
           o.fig(k("三公", "公务用车运行费"), amt(s[2])) + "\t" + o.fig(k("三公", "公务接待费"), amt(s[3])));
    o.line("");
    o.spaced("注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、差旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出，公务用车指用于履行公务的机动车辆，包括一般公务用车和执法执勤用车。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。");
  }

  void t_empty(const std::string& name, bool fund) {
    head(name);
    o.line("科目编码\t\t\t单位代 码\t单位（科目名 称）\t合计\t基本支出\t\t\t\t项目支出\t\t");
    if (fund) {
      o.line("\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类");
      o.line("类\t款\t项\t工资福利支出\t对个人和家庭 的补助\t商品和服务支 出\t\t资本性支出\t\t\t\t\t");
    } else {
      o.line("\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小 计\t其 他 运 转 类");
      o.line("类\t款\t项\t\t\t工资福利支出\t\t对个人和家 庭的补助\t商品和服务 支出\t资本性支出\t\t\t");
    }
    o.line("\t\t\t\t合计\t\t\t\t\t\t\t\t");
    o.line("");
    o.spaced(fmt::format("备注：{} 2025 年无{}预算拨款安排的支出，故此表无数据。", m().department, fund ? "政府性基金" : "国有资本经营"));
  }

  void t_projects() {  // 项目支出预算表
    head("项目支出预算表");
    o.line("类型\t项目名称\t项目单位\t合计\t本年拨款\t\t\t财政拨款结转结余\t\t\t财政专户管理资金\t单位资金");
    o.line("\t\t\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t");
    const Cents tp = m().total_project();
    o.line("\t\t\t" + o.fig(k("合计", "合计"), amt(tp)) + "\t" + o.fig(k("合计", "一般公共预算"), amt(tp)) + std::string(7, '\t'));
    o.line("\t" + b.unit + "\t" + m().department + "\t" + o.fig(k(b.unit, "合计"), amt(tp)) + "\t" + o.fig(k(b.unit, "一般公共预算"), amt(tp)) +
           std::string(7, '\t'));
    int i = 0;
    for (const auto& p : b.projects) {
      const std::string key = fmt::format("项目{}", ++i);
      o.line(p.type + "\t" + p.name + "\t" + m().department + "\t" + o.fig(k(key, "合计"), amt(p.amount)) + "\t" + o.fig(k(key, "一般公共预算"), amt(p.amount)) +
             std::string(7, '\t'));
    }
    o.line("");
  }

  void t_dept_goals() {  // 部门（单位）整体绩效目标表
    o.table = "部门（单位）整体绩效目标表";
    o.spaced("部门（单位）整体绩效目标表 (2025 年度)");
    o.line("部门名称：" + dept_for(o.table) + "\t\t");
    std::string duties;
    for (const auto& d : m().duties) duties += d + "；";
    o.line("年度履职目标\t按照年度工作计划，" + duties.substr(0, duties.size() - 3) + "，保障部门正常运转。\t");
    o.line("预算情况\t部门预算总额（万元）\t" + o.fig(k("部门预算总额", "金额"), amt(total())));
    o.line("\t1、资金来源：\t");
    o.line("\t（1）政府预算资金\t" + o.fig(k("政府预算资金", "金额"), amt(total())));
    o.line("\t（2）财政专户管理资金\t");
    o.line("（3）单位资金\t\t");
    o.line("");
    o.line("\t2、资金结构：\t\t(1) 基本支出\t" + o.fig(k("基本支出", "金额"), amt(m().total_basic())));
    o.line("\t\t\t(2) 项目支出\t" + o.fig(k("项目支出", "金额"), amt(m().total_project())));
    o.line("一级指标\t二级指标\t三级指标\t指标值\t指标值说明");
    o.line("投入管理指标\t工作目标管理\t年度履职目标相关性\t相关\t年度履职目标是否与部门职责、工作规划和重点工作相关。");
    o.line("\t\t工作任务科学性\t科学\t工作任务是否有明确的绩效目标。");
    o.line("\t预算和财务管理\t预算编制完整性\t完整\t部门所有收入是否全部纳入部门预算。");
    o.line("\t\t预算执行率\t≥95%\t预算执行率=(预算完成数/预算数)×100%。");
    o.line("产出指标\t重点工作任务完成\t重点工作任务完成率\t≥95%\t");
    o.line("效益指标\t履职效益\t部门工作运转效率\t稳步提高\t");
    o.line("\t满意度\t群众满意度\t≥95%\t");
    o.line("");
  }

  void t_project_goals() {  // 部门预算项目绩效目标表
    head("部门预算项目绩效目标表");
    o.line("单位编码（项目编码）\t项目单位（项目名称）\t项目分类\t项目金额（万元）\t\t\t\t绩效目标\t\t\t\t\t\t\t");
    o.line("\t\t\t\t\t\t\t成本指标\t\t产出指标\t\t效益指标\t\t满意度指标\t");
    o.line("\t\t\t资金总额\t政府预算资金\t财政专户管理资金\t单位资金\t三级指标\t指标值\t三级指标\t指标值\t三级指标\t指标值\t三级指标\t指标值");
    const Cents tp = m().total_project();
    o.line(b.unit + "\t" + m().department + "\t\t" + o.fig(k(b.unit, "资金总额"), amt(tp)) + "\t" + o.fig(k(b.unit, "政府预算资金"), amt(tp)) +
           std::string(10, '\t'));
    int i = 0;
    for (const auto& p : b.projects) {
      const std::string key = fmt::format("项目{}", ++i);
      o.line(fmt::format("4103032500000000{:05}", 12000 + i) + "\t" + p.name + "\t" + p.type + "\t" + o.fig(k(key, "资金总额"), amt(p.amount)) + "\t" +
             o.fig(k(key, "政府预算资金"), amt(p.amount)) + "\t\t总成本\t≤" + trimmed(p.amount) + "万元\t工作任务完成率\t100%\t保障工作正常开展\t有效保障\t服务对象满意度\t≥95%\t");
    }
    o.line("");
  }

  // ---- narrative ---------------------------------------------------------
  std::string n(const std::string& key, std::string shown) { return o.fig("说明|" + key, std::move(shown), false); }

  // "增加 X 万元，增长 p%" / "减少 X 万元，下降 p%" for cur vs prior
  std::string yoy(const std::string& key, Cents cur, Cents prior) {
    const Cents d = cur - prior;
    return std::string(d >= 0 ? "增加 " : "减少 ") + n(key + "|变化额", fixed2(d < 0 ? -d : d)) + (d >= 0 ? " 万元，增长 " : " 万元，下降 ") +
           n(key + "|变化率", pct2(d < 0 ? -d : d, prior)) + "%";
  }

  void narrative() {
    const std::string& d = m().department;
    const Cents t = total(), tb = m().total_basic(), tp = m().total_project();
    o.spaced("第二部分");
    o.spaced("2025 年" + d + "部门预算情况说明");
    o.spaced("一、收入支出预算总体情况说明");
    o.spaced(d + " 2025 年收入总计 " + n("一|收入总计", fixed2(t)) + " 万元，支出总计 " + n("一|支出总计", fixed2(t)) + " 万元，与 2024 年预算相比，收支总计各" +
             yoy("一|收支总计", t, b.prior_total) + "，主要原因：" + b.reason + "。");
    o.spaced("二、收入预算总体情况说明");
    o.spaced(d + " 2025 年收入合计 " + n("二|收入合计", fixed2(t)) + " 万元，其中：一般公共预算收入 " + n("二|一般公共预算收入", fixed2(t)) + " 万元。");
    o.spaced("三、支出预算总体情况说明");
    o.spaced(d + " 2025 年支出合计 " + n("三|支出合计", fixed2(t)) + " 万元，其中：基本支出 " + n("三|基本支出", fixed2(tb)) + " 万元，占 " +
             n("三|基本支出|占比", pct2(tb, t)) + "%；项目支出 " + n("三|项目支出", fixed2(tp)) + " 万元，占 " + n("三|项目支出|占比", pct2(tp, t)) + "%。");
    o.spaced("四、财政拨款收入支出预算总体情况说明");
    o.spaced(d + " 2025 年一般公共预算收支预算 " + n("四|一般公共预算", fixed2(t)) +
             " 万元、政府性基金收支预算 0.00 万元、国有资本经营收支预算 0.00 万元。与 2024 年相比，一般公共预算收支预算" + yoy("四|一般公共预算", t, b.prior_total) +
             "，主要原因：" + b.reason + "；政府性基金收支预算与 2024 年保持一致；国有资本经营收支预算与 2024 年保持一致。");
    o.spaced("五、一般公共预算支出预算情况说明");
    o.spaced(d + " 2025 年一般公共预算支出年初预算为 " + n("五|合计", fixed2(t)) + " 万元，其中：基本支出 " + n("五|基本支出", fixed2(tb)) + " 万元，占 " +
             n("五|基本支出|占比", pct2(tb, t)) + "%；项目支出 " + n("五|项目支出", fixed2(tp)) + " 万元，占 " + n("五|项目支出|占比", pct2(tp, t)) + "%。");
    o.spaced("六、一般公共预算基本支出预算情况说明");
    o.spaced(d + " 2025 年一般公共预算基本支出年初预算为 " + n("六|基本支出", fixed2(tb)) + " 万元。其中：人员经费支出 " + n("六|人员经费", fixed2(m().personnel)) +
             " 万元，占 " + n("六|人员经费|占比", pct2(m().personnel, tb)) + "%；公用经费支出 " + n("六|公用经费", fixed2(m().public_use)) + " 万元，占 " +
             n("六|公用经费|占比", pct2(m().public_use, tb)) + "%。");
    o.spaced("七、一般公共预算“三公”经费支出预算情况说明");
    const Cents* s = b.sg;
    const Cents* p = b.sg_prior;
    const Cents st = s[0] + s[1] + s[2] + s[3], pt = p[0] + p[1] + p[2] + p[3];
    auto cmp = [&](const std::string& key, Cents cur, Cents prior, const std::string& why) {
      if (cur == prior) return std::string("与2024年支出预算保持一致");
      if (prior == 0) return std::string("2024年无此项支出预算");
      return "比2024年支出预算" + yoy(key, cur, prior) + why;
    };
    o.spaced(d + " 2025 年“三公”经费支出预算为 " + n("七|三公", fixed2(st)) + " 万元。比 2024 年支出预算" + yoy("七|三公", st, pt) + "。");
    o.spaced("具体支出情况如下：");
    o.spaced("（一）因公出国（境）费" + n("七|出国", fixed2(s[0])) + "万元，主要用于单位工作人员公务出国(境)的住宿费、差旅费、伙食补助费、杂费、培训费等支出。" +
             cmp("七|出国", s[0], p[0], "") + "。");
    o.spaced("（二）公务接待费" + n("七|接待", fixed2(s[3])) + "万元，主要用于按规定开支的各类公务接待(含外宾接待)支出。" +
             cmp("七|接待", s[3], p[3], "，主要原因：厉行节约，严格执行公务接待标准") + "。");
    o.spaced("（三）公务用车购置及运行费" + n("七|车", fixed2(s[1] + s[2])) +
             "万元，主要用于公务用车购置以及开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出。其中：一是公务用车购置费" +
             n("七|购置", fixed2(s[1])) + "万元，" + cmp("七|购置", s[1], p[1], "") + "；二是公务用车运行维护费" + n("七|运行", fixed2(s[2])) + "万元，" +
             cmp("七|运行", s[2], p[2], "，主要原因：公务用车保有量及使用需求变化") + "。");
    o.spaced("八、政府性基金支出预算情况说明");
    o.spaced(d + "2025年无政府性基金预算拨款安排的支出。");
    o.spaced("九、国有资本经营支出预算情况说明");
    o.spaced(d + "2025年无国有资本经营预算拨款安排的支出。");
    o.spaced("十、其他重要事项情况说明");
    o.spaced("（一）行政（事业）单位机构运转经费支出预算情况");
    o.spaced(d + "2025年机构运转经费支出预算" + n("十|机构运转经费", fixed2(m().public_use)) +
             "万元，主要保障机构正常运转及正常履职需要所需支出，包含公用经费、公务交通补贴、工会经费、职工福利费等。");
    o.spaced("（二）政府采购支出预算情况");
    const Cents proc = m().proc_goods + m().proc_works + m().proc_services;
    o.spaced(d + "2025年政府采购预算安排" + n("十|政府采购", fixed2(proc)) + "万元，其中：政府采购货物预算" + n("十|货物", fixed2(m().proc_goods)) +
             "万元、政府采购工程预算" + n("十|工程", fixed2(m().proc_works)) + "万元、政府采购服务预算" + n("十|服务", fixed2(m().proc_services)) + "万元。");
    o.spaced("（三）绩效目标设置情况");
    o.spaced(d + "2025年预算项目均按要求编制了绩效目标，从项目产出、项目效益、满意度等方面设置了绩效指标。");
    o.spaced(d + "2025年对项目支出全面实施绩效管理，涉及预算拨款" + n("十|绩效项目", fixed2(tp)) + "万元,共" + std::to_string(b.projects.size()) + "个项目。");
    o.spaced("（四）国有资产占用情况");
    o.spaced(fmt::format("2024年期末，{}共有车辆{}辆，其中：一般公务用车{}辆、一般执法执勤用车{}辆、特种专业技术用车{}辆、其他用车0辆；单位价值50万元以上通用设备0套，单位价值100万元以上专用设备0套。",
                         d, m().vehicles_total, m().vehicle_kinds[7], m().vehicle_kinds[4], m().vehicle_kinds[5]));
    o.spaced("（五）专项转移支付项目情况");
    o.spaced(d + "2025年无负责管理的专项转移支付项目。");
  }

  static const std::vector<std::string>& table_names() {
    static const std::vector<std::string> v = {"部门收支预算表", "部门收入预算表", "部门支出预算表", "财政拨款收支预算表", "一般公共预算支出预算表",
                                               "一般公共预算基本支出预算表", "支出经济分类汇总表", "一般公共预算“三公”经费预算表", "政府性基金支出预算表",
                                               "国有资本经营支出预算表", "项目支出预算表", "部门（单位）整体绩效目标表", "部门预算项目绩效目标表"};
    return v;
  }

  void document() {
    static const char* num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"};
    const std::string& d = m().department;
    o.line("");
    o.line("");
    o.spaced("2025 年" + d + " 部门预算公开");
    o.spaced("2025 年 2 月 25 日");
    o.spaced("目 录");
    o.spaced("第一部分 " + d + "部门概况");
    o.line("- 一、主要职责");
    o.line("- 二、预算单位构成情况");
    o.line("");
    o.spaced("第二部分 2025年" + d + "部门预算情况说明");
    o.spaced("第三部分 名词解释");
    o.spaced("附件：2025年" + d + "部门预算表");
    for (std::size_t i = 0; i < table_names().size(); ++i) {
      o.toc[table_names()[i]] = o.line_no;
      o.line(std::string("- ") + num[i] + "、" + table_names()[i]);
    }
    o.line("");
    o.spaced("第一部分");
    o.spaced(d + "部门概况");
    o.spaced("一、主要职责");
    int i = 0;
    for (const auto& x : m().duties) o.spaced(fmt::format("{}.{}。", ++i, x));
    o.spaced("二、预算单位构成情况");
    o.spaced(d + "无所属预算单位");
    std::string offices;
    for (const auto& x : m().offices) offices += (offices.empty() ? "" : "、") + x;
    o.spaced("部门预算包括：" + offices + "的预算。");
    narrative();
    o.spaced("第三部分");
    o.spaced("名词解释");
    for (const char* term : {"一、财政拨款收入：是指同级财政拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。",
                             "二、基本支出：是指为保障机构正常运转、完成日常工作任务所必需的开支，其内容包括人员经费和日常公用经费两部分。",
                             "三、项目支出：是指在基本支出之外，为完成特定的行政工作任务或事业发展目标所发生的支出。",
                             "四、\"三公\"经费：是指纳入同级财政预算管理，部门使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
                             "五、行政（事业）单位机构运转经费：是指为保障行政单位（包括行政单位和事业单位）运转用于购买货物和服务的各项资金。"})
      o.spaced(term);
    o.spaced("附件：2025年" + d + "部门预算表");
    auto want = [&](const std::string& t) { return t != skip; };
    if (want("部门收支预算表")) t_summary();
    if (want("部门收入预算表")) t_income();
    if (want("部门支出预算表")) t_expenditure("部门支出预算表", false);
    if (want("财政拨款收支预算表")) t_fiscal();
    if (want("一般公共预算支出预算表")) t_expenditure("一般公共预算支出预算表", true);
    if (want("一般公共预算基本支出预算表")) t_basic();
    if (want("支出经济分类汇总表")) t_econ();
    if (want("一般公共预算“三公”经费预算表")) t_sangong();
    if (want("政府性基金支出预算表")) t_empty("政府性基金支出预算表", true);
    if (want("国有资本经营支出预算表")) t_empty("国有资本经营支出预算表", false);
    if (want("项目支出预算表")) t_projects();
    t_dept_goals();
    t_project_goals();
  }
};

}  // namespace

Cents sg_total(const Cents* s) { return s[0] + s[1] + s[2] + s[3]; }

// A planted growth rate the printed figures cannot explain. The reader of
// “增加 d 万元，增长 p%” knows 本年 and d to ±0.005 each, so 上年 = 本年 ∓ d to
// ±0.01 and d ÷ 上年 lies in an interval that is wide when the amounts are
// small (三公 of a few thousand yuan); a planted rate inside it (± the 0.005 of
// its own rounding) is no defect. Moves the candidate out of it if needed.
std::string outside_rounding(Rng& rng, const std::string& candidate, Cents cur, Cents prior) {
  const Cents d = cur > prior ? cur - prior : prior - cur;
  // in 0.005-cent steps: d ± 0.5 cent over prior ∓ 1 cent, as percent
  const Number lo = *Number::divide(Number(2 * d - 1) * Number(100), Number(2 * (prior + 1)));
  const Number hi = *Number::divide(Number(2 * d + 1) * Number(100), Number(2 * (prior - 1 > 0 ? prior - 1 : 1)));
  const Number margin = Number::fraction(1, 100);
  const Number p = *Number::parse_decimal(candidate);
  if (p + margin < lo || p - margin > hi) return candidate;
  const Number step = Number::fraction(rng.range(100, 999), 100);
  const Number below = (lo - margin - step).round(2);
  if (below > Number(0) && rng.chance(50)) return below.to_fixed(2);
  return (hi + margin + step).round(2).to_fixed(2);
}

Generated generate_budget(const Options& opt) {
  const Budget b = draw_budget(opt.seed);
  // First pass: every figure's printed text.
  BOut probe;
  BWriter{b, probe, "", "", ""}.document();

  Rng drng(document_seed(opt.seed, 0xB5));
  const std::string& c = opt.plant;
  std::string key, dept_table, dept_variant, skip;
  Defect d{c, "", "", "", "", "", "", "", 0};
  bool percent = false;
  auto nonzero = [&](const std::string& k) {
    auto it = probe.printed.find(k);
    return it != probe.printed.end() && !it->second.empty();
  };
  if (c == "table_cell") {
    std::vector<std::string> keys;
    for (const auto& e : b.econ)
      if (e.basic != 0) keys.push_back("一般公共预算基本支出预算表|" + e.code + "|" + (e.personnel ? "人员经费" : "公用经费"));
    key = drng.pick(keys);
  } else if (c == "hierarchy_total") {
    key = drng.pick(std::vector<std::string>{"一般公共预算基本支出预算表|合计|合计", "一般公共预算基本支出预算表|合计|人员经费",
                                             "一般公共预算基本支出预算表|合计|公用经费", "项目支出预算表|合计|合计"});
  } else if (c == "cross_table") {
    std::vector<std::string> keys;
    for (const auto& l : lei_rows())
      if (nonzero(std::string("部门收支预算表|") + l.code + "|金额")) keys.push_back(std::string("部门收支预算表|") + l.code + "|金额");
    for (const char* e : {"30217", "30231"})
      if (nonzero(std::string("支出经济分类汇总表|") + e + "|总计")) keys.push_back(std::string("支出经济分类汇总表|") + e + "|总计");
    key = drng.pick(keys);
  } else if (c == "narrative_amount") {
    key = drng.pick(std::vector<std::string>{"说明|一|收入总计", "说明|一|支出总计", "说明|三|支出合计", "说明|三|基本支出", "说明|三|项目支出"});
  } else if (c == "share") {
    key = drng.pick(std::vector<std::string>{"说明|三|基本支出|占比", "说明|三|项目支出|占比"});
    percent = true;
  } else if (c == "yoy_rate") {
    key = drng.pick(std::vector<std::string>{"说明|一|收支总计|变化率", "说明|七|三公|变化率"});
    percent = true;
  } else if (c == "sangong_total") {
    key = "一般公共预算“三公”经费预算表|三公|“三公”经费合计";
  } else if (c == "missing_table") {
    skip = drng.pick(std::vector<std::string>{"部门收入预算表", "部门支出预算表", "财政拨款收支预算表", "一般公共预算支出预算表", "一般公共预算基本支出预算表",
                                              "支出经济分类汇总表", "一般公共预算“三公”经费预算表", "政府性基金支出预算表", "国有资本经营支出预算表",
                                              "项目支出预算表"});
    d.table = skip;
    d.original = "（表存在）";
    d.line = probe.toc.at(skip);
  } else if (c == "department_name") {
    dept_table = drng.pick(std::vector<std::string>{"部门收入预算表", "部门支出预算表", "财政拨款收支预算表", "一般公共预算支出预算表",
                                                    "一般公共预算基本支出预算表", "支出经济分类汇总表", "一般公共预算“三公”经费预算表", "项目支出预算表"});
    const std::string& dep = b.m.department;
    dept_variant = dep.substr(0, dep.size() - 3) + (dep.ends_with("局") ? "所" : "局");
    d.table = dept_table;
    d.row = "部门名称";
    d.original = dep;
    d.planted = dept_variant;
  }
  std::map<std::string, std::string> overrides;
  if (!key.empty()) {
    const std::string shown = probe.printed.at(key);
    std::string planted = percent ? shifted_percent(drng, shown) : shifted_amount(drng, shown, false);
    if (c == "yoy_rate") planted = outside_rounding(drng, planted, key == "说明|一|收支总计|变化率" ? b.m.total() : sg_total(b.sg),
                                                    key == "说明|一|收支总计|变化率" ? b.prior_total : sg_total(b.sg_prior));
    overrides[key] = planted;
    d.original = shown.empty() ? "（空白）" : shown;
    d.planted = planted;
    std::vector<std::string> parts;
    for (std::size_t a = 0;;) {
      auto e = key.find('|', a);
      parts.push_back(key.substr(a, e == std::string::npos ? std::string::npos : e - a));
      if (e == std::string::npos) break;
      a = e + 1;
    }
    if (parts[0] == "说明") {
      static const std::map<std::string, std::string> names = {
          {"一", "一、收入支出预算总体情况说明"}, {"三", "三、支出预算总体情况说明"}, {"七", "七、一般公共预算“三公”经费支出预算情况说明"}};
      d.section = names.at(parts[1]);
      for (std::size_t i = 2; i < parts.size(); ++i) d.column += (i > 2 ? "|" : "") + parts[i];
    } else {
      d.table = parts[0];
      d.row = parts[1] == "三公" ? "" : parts[1];
      d.column = parts[2];
    }
  }

  BOut out;
  out.overrides = overrides;
  BWriter{b, out, dept_table, dept_variant, skip}.document();
  Generated g;
  g.text = std::move(out.text);
  g.department = b.m.department;
  g.figures = std::move(out.figures);
  if (!key.empty()) d.line = out.where.at(key);
  if (c == "department_name") {
    const std::string label = "部门名称：" + dept_variant + "\n";
    const std::size_t pos = g.text.find(label);
    std::uint32_t line = 1;
    for (std::size_t i = 0; i < pos && i < g.text.size(); ++i)
      if (g.text[i] == '\n') ++line;
    d.line = line;
  }
  if (!c.empty()) g.defects.push_back(std::move(d));
  return g;
}

}  // namespace gouji::gen
