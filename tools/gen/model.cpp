// Drawing a consistent document: department, 科目 rows, 06 items, projects,
// 三公, performance tables. Every total is an exact integer sum.
#include "tools/gen/model.hpp"

#include <algorithm>
#include <cstdlib>

namespace gouji::gen {

std::int64_t Rng::range(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  std::uint64_t v = engine_();
  while (v >= limit) v = engine_();
  return lo + static_cast<std::int64_t>(v % span);
}

Cents Rng::scale(Cents value, int lo_pct, int hi_pct) {
  return value * range(lo_pct * 100, hi_pct * 100) / 10000;
}

Number to_number(Cents c) { return Number::fraction(c, 100); }

std::string fixed2(Cents c) { return to_number(c).to_fixed(2); }
std::string grouped2(Cents c) { return to_number(c).to_grouped(2); }
std::string trimmed(Cents c) { return to_number(c).to_string(2); }

Number ratio(Cents a, Cents b) {
  auto r = Number::divide(Number(a), Number(b));
  return r ? *r : Number(0);
}

std::string pct2(Cents a, Cents b) { return (ratio(a, b) * Number(100)).to_fixed(2); }

std::string grade_of(const Number& s) {
  if (s >= Number(90)) return "优";
  if (s >= Number(80)) return "良";
  if (s >= Number(60)) return "中";
  return "差";
}

Cents Model::total_basic() const {
  Cents s = 0;
  for (const auto& x : xiang) s += x.basic;
  return s;
}
Cents Model::total_project() const {
  Cents s = 0;
  for (const auto& x : xiang) s += x.project;
  return s;
}

namespace {

struct DeptTemplate {
  std::string name;       // department name after the region
  bool administrative;
  std::string lei, lei_name, kuan, kuan_name;
  std::string run_code, run_name;            // 行政运行 / 事业运行
  std::vector<std::pair<std::string, std::string>> project_xiang;
  std::vector<std::string> projects;         // project name stems
  std::vector<std::string> duties;
};

const std::vector<DeptTemplate>& templates() {
  static const std::vector<DeptTemplate> t = {
      {"人民政府办公室", true, "201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010301", "行政运行",
       {{"2010302", "一般行政管理事务"}, {"2010399", "其他政府办公厅（室）及相关机构事务支出"}},
       {"区政府门户网站运行维护经费", "区政府值班经费", "政府办综合经费", "公务接待经费", "劳务派遣人员经费", "固定资产购置", "会议室改造升级及设备购置", "安可替代项目", "档案数字化项目"},
       {"协助区政府领导同志起草或审核以区政府名义印发的公文", "负责区政府公文审核、收发、运转、存档等工作", "负责区政府值班工作，及时报告重要情况", "负责推进、指导、协调、监督全区政务公开工作"}},
      {"政务服务中心", false, "201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010350", "事业运行",
       {{"2010302", "一般行政管理事务"}, {"2010399", "其他政府办公厅（室）及相关机构事务支出"}},
       {"政务服务大厅运行经费", "12345 热线运行维护经费", "电子政务外网运维经费", "数据资源平台建设经费", "窗口人员劳务经费", "大厅安保保洁服务经费", "政务服务标准化建设经费"},
       {"统筹负责政务服务事项进驻大厅工作", "负责全区 12345 联动和网民诉求事项的受理交办", "负责全区电子政务外网等信息化基础设施的建设", "负责全区各类数据平台的规划、建设和管理"}},
      {"发展和改革委员会", true, "201", "一般公共服务支出", "20104", "发展与改革事务", "2010401", "行政运行",
       {{"2010402", "一般行政管理事务"}, {"2010499", "其他发展与改革事务支出"}},
       {"重点项目谋划经费", "价格监测经费", "粮食安全保障经费", "营商环境评价经费", "节能监察经费", "国民经济规划编制经费"},
       {"拟订并组织实施国民经济和社会发展战略", "统筹协调经济社会发展", "负责重大项目的谋划和推进", "承担价格监测和成本调查工作"}},
      {"财政局", true, "201", "一般公共服务支出", "20106", "财政事务", "2010601", "行政运行",
       {{"2010602", "一般行政管理事务"}, {"2010699", "其他财政事务支出"}},
       {"预算管理一体化系统运维经费", "财政投资评审经费", "政府采购监管经费", "国有资产清查经费", "会计监督检查经费", "乡镇财政所业务经费"},
       {"贯彻执行财税方针政策", "编制年度预决算草案并组织执行", "负责政府非税收入管理", "负责管理行政事业单位国有资产"}},
      {"司法局", true, "204", "公共安全支出", "20406", "司法", "2040601", "行政运行",
       {{"2040602", "一般行政管理事务"}, {"2040699", "其他司法支出"}},
       {"人民调解经费", "法律援助经费", "社区矫正经费", "普法宣传经费", "公共法律服务平台运行经费", "行政复议案件办理经费"},
       {"承担全面依法治区重大问题的政策研究", "负责行政复议和行政应诉工作", "负责普法宣传工作", "指导管理社区矫正工作"}},
      {"教育局", true, "205", "教育支出", "20501", "教育管理事务", "2050101", "行政运行",
       {{"2050102", "一般行政管理事务"}, {"2050199", "其他教育管理事务支出"}},
       {"教师培训经费", "学生资助管理经费", "校园安全管理经费", "教育督导评估经费", "招生考试经费", "教研活动经费"},
       {"贯彻执行国家教育方针", "统筹管理全区各级各类教育", "负责教师队伍建设", "负责学生资助工作"}},
      {"民政局", true, "208", "社会保障和就业支出", "20802", "民政管理事务", "2080201", "行政运行",
       {{"2080202", "一般行政管理事务"}, {"2080299", "其他民政管理事务支出"}},
       {"社会救助工作经费", "婚姻登记服务经费", "殡葬改革经费", "社会组织管理经费", "养老服务监管经费", "地名普查经费"},
       {"贯彻执行民政工作方针政策", "负责社会救助工作", "负责婚姻登记管理", "负责养老服务体系建设"}},
      {"卫生健康委员会", true, "210", "卫生健康支出", "21001", "卫生健康管理事务", "2100101", "行政运行",
       {{"2100102", "一般行政管理事务"}, {"2100199", "其他卫生健康管理事务支出"}},
       {"爱国卫生运动经费", "基层卫生人员培训经费", "卫生监督执法经费", "健康教育宣传经费", "医疗机构管理经费", "应急物资储备经费"},
       {"组织实施国民健康政策", "统筹规划卫生健康资源配置", "负责疾病预防控制工作", "负责卫生应急工作"}},
      {"社区治理和服务创新办公室", true, "212", "城乡社区支出", "21201", "城乡社区管理事务", "2120101", "行政运行",
       {{"2120102", "一般行政管理事务"}, {"2120199", "其他城乡社区管理事务支出"}},
       {"社区工作者培训经费", "社区党群服务中心运行经费", "物业管理督查经费", "老旧小区改造工作经费", "社区网格化管理经费"},
       {"贯彻执行社区治理和服务创新工作的方针政策", "推进城乡社区治理理论创新", "负责物业管理的指导和督查", "完善社区居民自治制度"}},
      {"农业农村局", true, "213", "农林水支出", "21301", "农业农村", "2130101", "行政运行",
       {{"2130102", "一般行政管理事务"}, {"2130199", "其他农业农村支出"}},
       {"高标准农田建设管理经费", "动物防疫经费", "农产品质量安全监测经费", "农村人居环境整治经费", "农业技术推广经费", "种子管理经费"},
       {"统筹研究和组织实施三农工作", "负责种植业、畜牧业、渔业监督管理", "负责农产品质量安全监督管理", "负责农村人居环境整治"}},
  };
  return t;
}

const std::vector<std::string>& regions() {
  static const std::vector<std::string> r = {"洛阳市洛龙区", "洛阳市西工区", "洛阳市涧西区", "洛阳市老城区", "郑州市金水区", "郑州市二七区", "开封市龙亭区",
                                             "新乡市红旗区", "许昌市魏都区", "南阳市宛城区", "安阳市文峰区", "平顶山市新华区"};
  return r;
}

void add_item(std::vector<EconItem>& v, std::string code, std::string name, Cents amount) {
  v.push_back({std::move(code), std::move(name), amount});
}

Cents sum_items(const std::vector<EconItem>& v) {
  Cents s = 0;
  for (const auto& e : v) s += e.amount;
  return s;
}

Cents item(const std::vector<EconItem>& v, const std::string& code) {
  for (const auto& e : v)
    if (e.code == code) return e.amount;
  return 0;
}

void draw_econ(Model& m, Rng& rng) {
  const Cents n = rng.range(6, 60);  // head count
  auto per = [&](int lo, int hi) { return n * rng.range(lo, hi) / 100; };  // lo/hi: 0.0001 万元 per person
  const bool pension = rng.chance(70);
  add_item(m.e301, "30101", "基本工资", per(28000, 45000));
  add_item(m.e301, "30102", "津贴补贴", per(5000, 32000));
  add_item(m.e301, "30103", "奖金", per(3000, 9000));
  add_item(m.e301, "30106", "伙食补助费", rng.chance(60) ? per(200, 1200) : 0);
  add_item(m.e301, "30107", "绩效工资", per(4000, 20000));
  add_item(m.e301, "30108", "机关事业单位基本养老保险缴费", per(9000, 14000));
  add_item(m.e301, "30109", "职业年金缴费", pension ? per(2000, 5000) : 0);
  add_item(m.e301, "30110", "职工基本医疗保险缴费", per(5000, 9000));
  add_item(m.e301, "30111", "公务员医疗补助缴费", 0);
  add_item(m.e301, "30112", "其他社会保障缴费", per(300, 800));
  add_item(m.e301, "30113", "住房公积金", per(7000, 12000));
  add_item(m.e301, "30114", "医疗费", 0);
  add_item(m.e301, "30199", "其他工资福利支出", rng.chance(50) ? per(500, 6000) : 0);
  const bool retirees = rng.chance(70);
  add_item(m.e303, "30301", "离休费", 0);
  add_item(m.e303, "30302", "退休费", retirees ? per(2000, 12000) : 0);
  add_item(m.e303, "30303", "退职（役）费", 0);
  add_item(m.e303, "30304", "抚恤金", rng.chance(25) ? rng.range(1000, 6000) : 0);
  add_item(m.e303, "30305", "生活补助", rng.chance(30) ? rng.range(200, 1500) : 0);
  for (auto [c, nm] : std::vector<std::pair<const char*, const char*>>{{"30306", "救济费"}, {"30307", "医疗费补助"}, {"30308", "助学金"}, {"30309", "奖励金"},
                                                                         {"30310", "个人农业生产补贴"}, {"30311", "代缴社会保险费"}, {"30399", "其他对个人和家庭的补助"}})
    add_item(m.e303, c, nm, 0);
  struct P { const char* c; const char* nm; int pct; int lo, hi; };
  const std::vector<P> p302 = {{"30201", "办公费", 90, 300, 3000}, {"30202", "印刷费", 30, 100, 1500}, {"30203", "咨询费", 5, 500, 3000},
                               {"30204", "手续费", 10, 5, 50},     {"30205", "水费", 30, 50, 400},     {"30206", "电费", 40, 200, 2000},
                               {"30207", "邮电费", 70, 50, 800},   {"30208", "取暖费", 15, 200, 1500}, {"30209", "物业管理费", 30, 300, 3000},
                               {"30211", "差旅费", 70, 50, 1500},  {"30212", "因公出国（境）费用", 0, 0, 0}, {"30213", "维修（护）费", 40, 50, 1500},
                               {"30214", "租赁费", 10, 300, 3000}, {"30215", "会议费", 20, 50, 600},   {"30216", "培训费", 30, 50, 800},
                               {"30217", "公务接待费", 40, 30, 500}, {"30218", "专用材料费", 10, 100, 1000}, {"30224", "被装购置费", 5, 100, 800},
                               {"30225", "专用燃料费", 5, 100, 800}, {"30226", "劳务费", 30, 200, 3000}, {"30227", "委托业务费", 15, 300, 3000},
                               {"30228", "工会经费", 80, 150, 300}, {"30229", "福利费", 70, 100, 400}, {"30231", "公务用车运行维护费", 50, 100, 600},
                               {"30239", "其他交通费用", 40, 100, 1500}, {"30240", "税金及附加费用", 5, 10, 100}, {"30299", "其他商品和服务支出", 50, 50, 800}};
  for (const auto& p : p302) {
    Cents a = 0;
    if (p.pct > 0 && rng.chance(p.pct)) a = (std::string(p.c) == "30228" || std::string(p.c) == "30229") ? per(p.lo * 10, p.hi * 10) : rng.range(p.lo, p.hi);
    add_item(m.e302, p.c, p.nm, a);
  }
  if (item(m.e302, "30201") == 0) m.e302[0].amount = rng.range(300, 900);
  add_item(m.e307, "30701", "国内债务付息", 0);
  add_item(m.e307, "30702", "国外债务付息", 0);
  for (auto [c, nm] : std::vector<std::pair<const char*, const char*>>{
           {"31001", "房屋建筑物购建"}, {"31002", "办公设备购置"}, {"31003", "专用设备购置"}, {"31005", "基础设施建设"}, {"31006", "大型修缮"},
           {"31007", "信息网络及软件购置更新"}, {"31008", "物资储备"}, {"31009", "土地补偿"}, {"31010", "安置补助"}, {"31011", "地上附着物和青苗补偿"},
           {"31012", "拆迁补偿"}, {"31013", "公务用车购置"}, {"31019", "其他交通工具购置"}, {"31021", "文物和陈列品购置"}, {"31022", "无形资产购置"},
           {"31099", "其他资本性支出"}}) {
    Cents a = 0;
    if (std::string(c) == "31002" && rng.chance(30)) a = rng.range(100, 2000);
    add_item(m.e310, c, nm, a);
  }
  for (auto [c, nm] : std::vector<std::pair<const char*, const char*>>{
           {"39907", "国家赔偿费用支出"}, {"39908", "对民间非营利组织和群众性自治组织补贴"}, {"39909", "经常性赠与"}, {"39910", "资本性赠与"}, {"39999", "其他支出"}})
    add_item(m.e399, c, nm, 0);
  m.personnel = sum_items(m.e301) + sum_items(m.e303);
  m.public_use = sum_items(m.e302) + sum_items(m.e307) + sum_items(m.e310) + sum_items(m.e399);
}

// The 项 rows: basic expenditure follows the 06 items, projects fill the project 项.
void draw_xiang(Model& m, const DeptTemplate& t, Rng& rng) {
  std::map<std::string, Xiang> rows;
  auto add = [&](const std::string& lei, const std::string& lei_name, const std::string& kuan, const std::string& kuan_name, const std::string& code,
                 const std::string& name, Cents basic) -> Xiang& {
    Xiang& x = rows[code];
    x.lei = lei, x.lei_name = lei_name, x.kuan = kuan, x.kuan_name = kuan_name, x.code = code, x.name = name;
    x.basic += basic;
    return x;
  };
  const Cents basic_total = m.personnel + m.public_use;
  Cents others = 0;
  auto social = [&](const std::string& lei, const std::string& ln, const std::string& kuan, const std::string& kn, const std::string& code,
                    const std::string& nm, Cents a) {
    if (a <= 0) return;
    add(lei, ln, kuan, kn, code, nm, a);
    others += a;
  };
  const std::string ss = "社会保障和就业支出";
  social("208", ss, "20805", "行政事业单位养老支出", m.administrative ? "2080501" : "2080502", m.administrative ? "行政单位离退休" : "事业单位离退休",
         item(m.e303, "30302") + item(m.e303, "30305"));
  social("208", ss, "20805", "行政事业单位养老支出", "2080505", "机关事业单位基本养老保险缴费支出", item(m.e301, "30108"));
  social("208", ss, "20805", "行政事业单位养老支出", "2080506", "机关事业单位职业年金缴费支出", item(m.e301, "30109"));
  social("208", ss, "20808", "抚恤", "2080801", "死亡抚恤", item(m.e303, "30304"));
  social("210", "卫生健康支出", "21011", "行政事业单位医疗", m.administrative ? "2101101" : "2101102", m.administrative ? "行政单位医疗" : "事业单位医疗",
         item(m.e301, "30110"));
  social("221", "住房保障支出", "22102", "住房改革支出", "2210201", "住房公积金", item(m.e301, "30113"));
  if (t.lei != "201" && rng.chance(40)) social("201", "一般公共服务支出", "20129", "群众团体事务", "2012906", "工会事务", item(m.e302, "30228"));
  add(t.lei, t.lei_name, t.kuan, t.kuan_name, t.run_code, t.run_name, basic_total - others);
  // projects
  const int k = static_cast<int>(rng.range(6, 11));
  std::vector<std::string> names = t.projects;
  for (const auto& x : t.projects) names.push_back(x + "二期");
  for (int i = 0; i < k && !names.empty(); ++i) {
    const auto pos = static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(names.size()) - 1));
    Project p;
    p.name = names[pos] + "（" + std::to_string(m.year) + " 年）";
    names.erase(names.begin() + static_cast<std::ptrdiff_t>(pos));
    const auto& px = rng.pick(t.project_xiang);
    p.xiang = px.first;
    p.spent = rng.chance(15) ? rng.range(100, 2000) : rng.range(1000, 80000);
    p.full = rng.chance(40) ? p.spent : p.spent + rng.scale(p.spent, 1, 60);
    p.start = rng.chance(50) ? p.full : rng.scale(p.full, 40, 100);
    if (p.start <= 0) p.start = p.full;
    add(t.lei, t.lei_name, t.kuan, t.kuan_name, px.first, px.second, 0).project += p.spent;
    m.projects.push_back(std::move(p));
  }
  for (auto& [code, x] : rows) {
    x.budget_start = rng.chance(25) ? x.total() : rng.scale(x.total(), 60, 130);
    if (x.budget_start <= 0) x.budget_start = x.total();
    m.xiang.push_back(x);
  }
}

// A numeric indicator: target, actual, score, deviation.
Indicator numeric_indicator(Rng& rng, std::string l1, std::string l2, std::string l3, std::string unit, int weight, bool may_miss) {
  Indicator ind{std::move(l1), std::move(l2), std::move(l3), "", "", "", "", weight, Number(weight)};
  const std::int64_t target = rng.range(2, 60);
  std::int64_t actual = target;
  if (may_miss && rng.chance(15)) actual = rng.range(1, target - 1 > 0 ? target - 1 : 1);
  if (actual >= target) actual = target + (rng.chance(20) ? rng.range(0, 5) : 0);
  ind.target = "≥" + std::to_string(target) + unit;
  ind.actual = std::to_string(actual) + unit;
  if (actual < target) {
    ind.score = (Number(weight) * ratio(actual, target)).round(2);
    ind.deviation = (ratio(actual - target, target) * Number(100)).to_fixed(2);
    ind.reason = "受客观因素影响未完全达到年度目标，下一步将加强统筹调度";
  } else {
    ind.deviation = (ratio(actual - target, target) * Number(100)).to_fixed(2);
  }
  return ind;
}

Indicator fixed_indicator(std::string l1, std::string l2, std::string l3, std::string target, std::string actual, int weight) {
  return Indicator{std::move(l1), std::move(l2), std::move(l3), std::move(target), std::move(actual), "0.00", "", weight, Number(weight)};
}

// 得分 = 10 × rate, half-up; drawn again until the rate rounded to 2 dp gives the same score.
Number project_rate_score(Cents spent, Cents full) {
  return (Number(10) * ratio(spent, full)).round(2);
}
bool stable_project_score(Cents spent, Cents full) {
  Number rounded_rate = (ratio(spent, full) * Number(100)).round(2);
  auto r = Number::divide(rounded_rate, Number(100));
  return (Number(10) * *r).round(2) == project_rate_score(spent, full);
}
Number dept_rate_score(Cents spent, Cents full) {
  auto r = Number::divide(ratio(spent, full) * Number(10), Number::fraction(9, 10));
  Number v = *r;
  if (v > Number(10)) v = Number(10);
  return v.round(2);
}
bool stable_dept_score(Cents spent, Cents full) {
  Number rounded_rate = *Number::divide((ratio(spent, full) * Number(100)).round(2), Number(100));
  Number v = *Number::divide(rounded_rate * Number(10), Number::fraction(9, 10));
  if (v > Number(10)) v = Number(10);
  return v.round(2) == dept_rate_score(spent, full);
}

void draw_project_table(Project& p, Rng& rng) {
  while (!stable_project_score(p.spent, p.full)) p.full += 1;
  p.rate_score = project_rate_score(p.spent, p.full);
  const std::string cost = trimmed(p.full);
  p.indicators.push_back({"成本指标", "经济成本指标", "项目成本控制", "≤" + cost + "万元", trimmed(p.spent) + "万元", "0.00", "", 10, Number(10)});
  p.indicators.push_back(numeric_indicator(rng, "产出指标", "数量指标", rng.chance(50) ? "完成工作任务数量" : "开展活动次数", "次", 10, true));
  p.indicators.push_back(fixed_indicator("产出指标", "质量指标", "工作任务完成合格率", "=100%", "100%", 10));
  p.indicators.push_back(fixed_indicator("产出指标", "时效指标", "任务完成及时性", "及时", "100%", 10));
  p.indicators.push_back(numeric_indicator(rng, "效益指标", "社会效益指标", "服务对象覆盖人数", "人", 15, true));
  p.indicators.push_back(fixed_indicator("效益指标", "可持续影响指标", "长效管理机制健全性", "健全", "100%", 10));
  p.indicators.push_back(fixed_indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", "98%", 5));
  Number total = p.rate_score + Number(20);
  for (const auto& ind : p.indicators) {
    total += ind.score;
    if (ind.score != Number(ind.weight)) p.all_met = false;
  }
  p.total = total;
}

void draw_dept_table(Model& m, Rng& rng) {
  m.dept_start = 0;
  for (const auto& x : m.xiang) m.dept_start += x.budget_start;
  m.dept_spent = m.total();
  m.dept_full = m.dept_spent + rng.scale(m.dept_spent, 0, 40);
  while (!stable_dept_score(m.dept_spent, m.dept_full)) m.dept_full += 1;
  m.dept_rate_score = dept_rate_score(m.dept_spent, m.dept_full);
  auto& v = m.dept_indicators;
  const std::string L1 = "投入管理指标";
  v.push_back(fixed_indicator(L1, "工作目标管理", "年度履职目标相关性", "相关", "100%", 3));
  v.push_back(fixed_indicator(L1, "工作目标管理", "工作任务科学性", "科学", "100%", 3));
  v.push_back(fixed_indicator(L1, "工作目标管理", "绩效指标合理性", "合理", "100%", 3));
  for (const char* n : {"预算编制完整性", "专项资金细化率", "预算调整率", "结转结余率", "“三公经费”控制率", "政府采购执行率", "决算真实性", "资金使用合规性",
                        "管理制度健全性", "预决算信息公开性", "资产管理规范性"})
    v.push_back(fixed_indicator(L1, "预算和财务管理", n, "达标", "100%", 1));
  for (const char* n : {"绩效目标编制完成率", "绩效监控完成率", "绩效自评完成率", "部门绩效评价完成率", "评价结果应用率"})
    v.push_back(fixed_indicator(L1, "绩效管理", n, "=100%", "100%", 2));
  v.push_back(numeric_indicator(rng, "产出指标", "重点工作任务完成", "重点工作任务完成数", "项", 10, true));
  v.push_back(fixed_indicator("产出指标", "履职目标实现", "履职目标完成率", "≥95%", "100%", 15));
  v.push_back(fixed_indicator("效益指标", "履职效益", "部门工作运转效率", "稳步提高", "100%", 20));
  v.push_back(fixed_indicator("效益指标", "满意度", "社会满意度", "≥95%", "96%", 15));
  Number total = m.dept_rate_score;
  for (const auto& ind : v) total += ind.score;
  m.dept_total = total;
}

void draw_sangong(Model& m, Rng& rng) {
  m.sg_final[0] = item(m.e302, "30212");
  m.sg_final[1] = item(m.e310, "31013");
  m.sg_final[2] = item(m.e302, "30231") + (rng.chance(20) ? rng.range(100, 2000) : 0);
  m.sg_final[3] = item(m.e302, "30217") + (rng.chance(20) ? rng.range(50, 800) : 0);
  for (int i = 0; i < 4; ++i) m.sg_budget[i] = m.sg_final[i] == 0 ? (i == 3 && rng.chance(40) ? rng.range(100, 500) : 0) : m.sg_final[i] + (rng.chance(50) ? rng.scale(m.sg_final[i], 0, 80) : 0);
  m.vehicles_kept = m.sg_final[2] > 0 ? static_cast<int>(rng.range(1, 6)) : 0;
  m.vehicle_kinds[4] = rng.chance(30) ? static_cast<int>(rng.range(0, 2)) : 0;  // 执法执勤用车
  m.vehicle_kinds[5] = rng.chance(20) ? 1 : 0;                                  // 特种专业技术用车
  m.vehicle_kinds[7] = m.vehicles_kept;                                         // 其他用车
  m.vehicles_total = 0;
  for (int k : m.vehicle_kinds) m.vehicles_total += k;
  if (m.sg_final[3] > 0) {
    m.reception_groups = static_cast<int>(rng.range(1, 30));
    m.reception_people = m.reception_groups * static_cast<int>(rng.range(2, 8));
  }
}

}  // namespace

Model draw_model(DocKind kind, Rng& rng) {
  Model m;
  m.kind = kind;
  m.year = kind == DocKind::final2023 ? 2023 : kind == DocKind::final2024 ? 2024 : 2025;
  const DeptTemplate& t = rng.pick(templates());
  m.region = rng.pick(regions());
  m.department = m.region + t.name;
  m.administrative = t.administrative;
  m.duties = t.duties;
  const std::vector<std::string> office_pool = {"办公室", "综合股", "财务股", "业务股", "法制股", "信息股", "督查股", "人事股", "政策研究股"};
  const int offices = static_cast<int>(rng.range(2, 6));
  for (int i = 0; i < offices; ++i) m.offices.push_back(office_pool[static_cast<std::size_t>(i)]);
  draw_econ(m, rng);
  draw_xiang(m, t, rng);
  for (auto& p : m.projects) draw_project_table(p, rng);
  draw_dept_table(m, rng);
  draw_sangong(m, rng);
  const Cents total = m.total();
  do m.prior_total = rng.scale(total, 75, 125);
  while (m.prior_total == total || m.prior_total <= 0);
  do {
    m.prior_personnel = rng.scale(m.personnel, 80, 120);
    m.prior_public = rng.scale(m.public_use, 70, 130);
  } while (m.prior_personnel == m.personnel || m.prior_public == m.public_use || m.prior_public <= 0);
  m.admin_budget = m.public_use + rng.scale(m.public_use, 0, 40);
  m.proc_services = rng.chance(70) ? rng.range(500, 50000) : 0;
  m.proc_goods = rng.chance(50) ? rng.range(500, 20000) : 0;
  m.proc_works = rng.chance(10) ? rng.range(10000, 300000) : 0;
  const Cents proc = m.proc_goods + m.proc_works + m.proc_services;
  m.proc_sme = rng.scale(proc, 60, 100);
  m.proc_micro = rng.scale(m.proc_sme, 0, 100);
  m.reasons_change = rng.pick(std::vector<std::string>{"人员变动及工资调整", "财政资金紧张，部分资金未结算", "项目支出增加", "严格落实过紧日子要求，压减一般性支出"});
  m.reasons_budget = rng.pick(std::vector<std::string>{"财政资金紧张，部分资金未结算", "年中追加预算", "人员变动", "厉行节约，压减一般性支出"});
  return m;
}

}  // namespace gouji::gen
