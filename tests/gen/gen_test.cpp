// The generator: determinism, read-back through the text reader, the mandatory
// relations on un-planted documents (checked here with exact arithmetic on the
// read model, independently of the rule packs), and planted defects that
// really break a relation at the line the manifest names.
#include "runtime/read/read.hpp"
#include "tools/gen/gen.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

using gouji::Number;
namespace doc = gouji::doc;
namespace gen = gouji::gen;

namespace {

struct Violation {
  std::uint32_t line;
  std::string what;
};

const doc::Table* table(const doc::Document& d, const std::string& name) {
  auto v = d.find_tables(name);
  return v.empty() ? nullptr : v.front();
}

Number cell_value(const doc::Row& r, int col) {
  if (col < 0 || static_cast<std::size_t>(col) >= r.cells.size()) return Number(0);
  const auto& c = r.cells[static_cast<std::size_t>(col)];
  return c.is_numeric() ? c.value : Number(0);
}

Number by_lanci(const doc::Table& t, const doc::Row& r, int lanci) { return cell_value(r, t.column_by_lanci(r.block, lanci)); }

// The amount column of a 01/04 row: the first amount-role column of its block.
Number amount(const doc::Table& t, const doc::Row& r, int nth = 0) {
  const auto& cols = t.blocks[static_cast<std::size_t>(r.block)].columns;
  int seen = 0;
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].role == doc::ColumnRole::amount && seen++ == nth) return cell_value(r, static_cast<int>(i));
  return Number(0);
}

const doc::Row* hangci(const doc::Table& t, int h) { return t.row_by_hangci(h); }

void expect_eq(std::vector<Violation>& v, std::uint32_t line, const Number& a, const Number& b, const std::string& what) {
  if (a != b) v.push_back({line, what + "：" + a.to_string() + " ≠ " + b.to_string()});
}

Number pct(const Number& a, const Number& b) {
  auto r = Number::divide(a, b);
  return r ? (*r * Number(100)).round(2) : Number(0);
}

Number num(const std::string& s) { return *Number::parse_decimal(s); }

// Paragraphs of a section and of its subsections, in order.
std::vector<const doc::Paragraph*> paragraphs(const doc::Document& d, const std::string& heading) {
  std::vector<const doc::Paragraph*> out;
  const auto* s = d.find_section(heading);
  if (!s) return out;
  std::vector<const doc::Section*> stack = {s};
  while (!stack.empty()) {
    const auto* x = stack.back();
    stack.pop_back();
    for (const auto& p : x->paragraphs) out.push_back(&p);
    for (auto it = x->children.rbegin(); it != x->children.rend(); ++it) stack.push_back(&d.sections[static_cast<std::size_t>(*it)]);
  }
  return out;
}

std::string all_text(const doc::Document& d, const std::string& heading) {
  std::string out;
  for (const auto* p : paragraphs(d, heading)) out += p->text;
  return out;
}

// Where in the section a text occurs (source line of its last byte), 0 if nowhere.
std::uint32_t line_of(const doc::Document& d, const std::string& heading, const std::string& needle, bool at_start = false) {
  for (const auto* p : paragraphs(d, heading)) {
    auto pos = p->text.find(needle);
    if (pos != std::string::npos) return p->line_at(at_start ? pos : pos + needle.size() - 1);
  }
  return 0;
}

// The mandatory relations, with exact arithmetic on the read model.
std::vector<Violation> check(const doc::Document& d) {
  std::vector<Violation> v;
  const char* codes[] = {"公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表", "公开09表"};
  for (const char* c : codes)
    if (!table(d, c)) v.push_back({0, std::string("缺少 ") + c});
  for (const auto& t : d.tables)
    if (t.department != d.department) v.push_back({t.line, "部门名称不同：" + t.department});
  const auto *t01 = table(d, "公开01表"), *t02 = table(d, "公开02表"), *t03 = table(d, "公开03表"), *t04 = table(d, "公开04表"),
             *t05 = table(d, "公开05表"), *t06 = table(d, "公开06表"), *t09 = table(d, "公开09表");
  // W1–W4: rows and hierarchies of 02/03/05
  for (const auto* t : {t02, t03, t05}) {
    if (!t) continue;
    const int ncols = t == t02 ? 7 : t == t03 ? 6 : 3;
    const doc::Row* total = nullptr;
    for (const auto& r : t->rows) {
      Number rest(0);
      for (int k = 2; k <= ncols; ++k) rest += by_lanci(*t, r, k);
      if (t != t02) expect_eq(v, r.line, by_lanci(*t, r, 1), rest, t->code + " 行合计");
      else expect_eq(v, r.line, by_lanci(*t, r, 1), rest, t->code + " 行合计");
      if (r.code.empty()) total = &r;
      for (int k = 1; k <= ncols; ++k) {
        if (r.children.empty()) continue;
        Number s(0);
        for (int ch : r.children) s += by_lanci(*t, t->rows[static_cast<std::size_t>(ch)], k);
        expect_eq(v, r.line, by_lanci(*t, r, k), s, t->code + " " + r.code + " 层级");
      }
    }
    if (total)
      for (int k = 1; k <= ncols; ++k) {
        Number s(0);
        for (const auto& r : t->rows)
          if (r.code.size() == 3) s += by_lanci(*t, r, k);
        expect_eq(v, total->line, by_lanci(*t, *total, k), s, t->code + " 合计 = Σ类");
      }
  }
  // W5/W6, X1, X2
  if (t01) {
    const int r0 = d.year == 2024 ? 31 : 32;
    Number inc(0), exp(0);
    for (int h = 1; h <= 8; ++h)
      if (auto* r = hangci(*t01, h)) inc += amount(*t01, *r);
    for (int h = r0; h < r0 + 26; ++h)
      if (auto* r = hangci(*t01, h)) exp += amount(*t01, *r);
    const auto* ri = hangci(*t01, 27);
    const auto* re = hangci(*t01, r0 + 26);
    const auto* ti = hangci(*t01, d.year == 2024 ? 30 : 31);
    const auto* te = hangci(*t01, d.year == 2024 ? 60 : 62);
    if (!ri || !re || !ti || !te) v.push_back({t01->line, "01 行次缺失"});
    else {
      expect_eq(v, ri->line, amount(*t01, *ri), inc, "01 本年收入合计");
      expect_eq(v, re->line, amount(*t01, *re), exp, "01 本年支出合计");
      expect_eq(v, ti->line, amount(*t01, *ti), amount(*t01, *ri), "01 收入总计");
      expect_eq(v, te->line, amount(*t01, *te), amount(*t01, *re), "01 支出总计");
      if (t03 && !t03->rows.empty()) expect_eq(v, re->line, amount(*t01, *re), by_lanci(*t03, t03->rows[0], 1), "X2 01 vs 03 合计");
      if (t02 && !t02->rows.empty()) expect_eq(v, ri->line, amount(*t01, *ri), by_lanci(*t02, t02->rows[0], 1), "X1 01 vs 02 合计");
      // 类 rows vs 03
      for (int h = r0; h < r0 + 26 && t03; ++h) {
        const auto* r = hangci(*t01, h);
        if (!r) continue;
        Number in03(0);
        std::string name = doc::strip_ordinal(doc::normalize(r->label));
        for (const auto& x : t03->rows)
          if (x.code.size() == 3 && doc::normalize(x.label) == name) in03 = by_lanci(*t03, x, 1);
        expect_eq(v, r->line, amount(*t01, *r), in03, "X2 01 类 vs 03");
      }
    }
  }
  // X5: 04 一般公共预算 = 05 合计; W7
  if (t04 && t05 && !t05->rows.empty()) {
    const auto* r59 = hangci(*t04, 59);
    if (r59) {
      expect_eq(v, r59->line, amount(*t04, *r59, 1), by_lanci(*t05, t05->rows[0], 1), "X5 04 vs 05");
      expect_eq(v, r59->line, amount(*t04, *r59, 0), amount(*t04, *r59, 1) + amount(*t04, *r59, 2) + amount(*t04, *r59, 3), "W7 04 合计");
    }
  }
  // 06: W8, W9, X8
  Number c30212(0), c30217(0), c30231(0);
  if (t06) {
    std::map<std::string, Number> val;
    std::map<std::string, std::uint32_t> line;
    const doc::Row* total_row = nullptr;
    for (const auto& r : t06->rows) {
      if (!r.code.empty()) {
        val[r.code] = amount(*t06, r);
        line[r.code] = r.line;
      } else if (doc::normalize(r.label).find("人员经费合计") != std::string::npos) {
        total_row = &r;
      }
    }
    for (const char* g : {"301", "302", "303", "307", "310", "399"}) {
      Number s(0);
      for (const auto& [k, x] : val)
        if (k.size() == 5 && k.starts_with(g)) s += x;
      expect_eq(v, line[g], val[g], s, std::string("06 ") + g);
    }
    c30212 = val["30212"], c30217 = val["30217"], c30231 = val["30231"];
    Number personnel = val["301"] + val["303"], pub = val["302"] + val["307"] + val["310"] + val["399"];
    if (total_row) {
      Number printed_p(0), printed_g(0);
      int seen = 0;
      for (const auto& c : total_row->cells)
        if (c.kind == doc::CellKind::number) (seen++ == 0 ? printed_p : printed_g) = c.value;
      // the 合计 row may be split over blocks by the reader
      for (const auto& r : t06->rows)
        if (r.code.empty() && doc::normalize(r.label).find("公用经费合计") != std::string::npos)
          for (const auto& c : r.cells)
            if (c.kind == doc::CellKind::number) printed_g = c.value;
      expect_eq(v, total_row->line, printed_p, personnel, "W9 人员经费合计");
      expect_eq(v, total_row->line, printed_g, pub, "W9 公用经费合计");
    }
    if (t05 && !t05->rows.empty()) expect_eq(v, t05->rows[0].line, by_lanci(*t05, t05->rows[0], 2), personnel + pub, "X8 05 基本 = 06");
  }
  // W10, X10
  if (t09 && !t09->rows.empty()) {
    const auto& r = t09->rows.back();
    for (int b : {0, 6}) {
      expect_eq(v, r.line, by_lanci(*t09, r, b + 1), by_lanci(*t09, r, b + 2) + by_lanci(*t09, r, b + 3) + by_lanci(*t09, r, b + 6), "W10 三公合计");
      expect_eq(v, r.line, by_lanci(*t09, r, b + 3), by_lanci(*t09, r, b + 4) + by_lanci(*t09, r, b + 5), "W10 车小计");
    }
    if (by_lanci(*t09, r, 11) < c30231 || by_lanci(*t09, r, 12) < c30217 || by_lanci(*t09, r, 8) < c30212) v.push_back({r.line, "X10"});
  }
  // Narrative: 一 (N1, N2), 三 (N4), 十三 (N15), 九 (N11)
  if (t01 && t03 && !t03->rows.empty()) {
    const Number total = by_lanci(*t03, t03->rows[0], 1), basic = by_lanci(*t03, t03->rows[0], 2), project = by_lanci(*t03, t03->rows[0], 3);
    std::smatch m;
    const std::string s1 = all_text(d, "收入支出决算总体情况说明");
    if (std::regex_search(s1, m, std::regex("收、支总计均为 ([0-9.]+) 万元。与上年度相比，收、支总计各(增加|减少) ([0-9.]+) 万元，(增长|下降) ([0-9.]+)%"))) {
      const std::uint32_t ln = line_of(d, "收入支出决算总体情况说明", m[1].str());
      expect_eq(v, ln, num(m[1]), total, "N1 一 收支总计");
      Number delta = num(m[3]);
      if (m[2] == "减少") delta = -delta;
      expect_eq(v, line_of(d, "收入支出决算总体情况说明", m[5].str() + "%"), num(m[5]), pct(delta.abs(), total - delta), "N2 一 增减率");
    } else {
      v.push_back({0, "一 句式不符"});
    }
    const std::string s3 = all_text(d, "支出决算情况说明");
    if (std::regex_search(s3, m, std::regex("基本支出 ([0-9.]+) 万元，占 ([0-9.]+)%；项目支出 ([0-9.]+) 万元，占 ([0-9.]+)%"))) {
      const std::string sec = "三、支出决算情况说明";
      expect_eq(v, line_of(d, "支出决算情况说明", m[1].str() + " 万元，占"), num(m[1]), basic, "N1 三 基本支出");
      expect_eq(v, line_of(d, "支出决算情况说明", m[2].str() + "%；项目"), num(m[2]), pct(basic, total), "N4 三 基本支出占比");
      expect_eq(v, line_of(d, "支出决算情况说明", "项目支出 " + m[3].str()), num(m[3]), project, "N1 三 项目支出");
      expect_eq(v, line_of(d, "支出决算情况说明", m[4].str() + "%；上缴"), num(m[4]), pct(project, total), "N4 三 项目支出占比");
    } else {
      v.push_back({0, "三 句式不符"});
    }
  }
  // N2 in every paragraph: "X 万元，与上年度相比，…增加 D 万元，增长 P%" with P = D ÷ (X − D)
  const std::regex yoy("([0-9.]+) ?万元(?:。|，)与上年度相比，[^0-9]*?(增加|减少) ([0-9.]+) ?万元，(增长|下降) ([0-9.]+)%");
  for (const auto& sec : d.sections)
    for (const auto& p : sec.paragraphs)
      for (auto it = std::sregex_iterator(p.text.begin(), p.text.end(), yoy); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        Number delta = num(m[3]);
        if (m[2] == "减少") delta = -delta;
        const auto end = static_cast<std::size_t>(m.position(0) + m.length(0)) - 1;
        expect_eq(v, p.line_at(end), num(m[5]), pct(delta.abs(), num(m[1]) - delta), "N2 " + sec.heading);
      }
  // N1/N10: amounts of 二 and 六
  if (t01 && t05 && !t05->rows.empty()) {
    std::smatch m;
    const std::string s2 = all_text(d, "收入决算情况说明");
    const auto* ri = hangci(*t01, 27);
    if (ri && std::regex_search(s2, m, std::regex("收入合计 ([0-9.]+) ?万元"))) expect_eq(v, line_of(d, "收入决算情况说明", m[0].str()), num(m[1]), amount(*t01, *ri), "N1 二 收入合计");
    const std::string s6 = all_text(d, "一般公共预算财政拨款基本支出决算情况说明");
    if (std::regex_search(s6, m, std::regex("基本支出 ([0-9.]+) ?万元")))
      expect_eq(v, line_of(d, "一般公共预算财政拨款基本支出决算情况说明", m[0].str()), num(m[1]), by_lanci(*t05, t05->rows[0], 2), "N10 六 基本支出");
    Number personnel(0), pub(0);
    if (t06)
      for (const auto& r : t06->rows) {
        if (r.code == "301" || r.code == "303") personnel += amount(*t06, r);
        if (r.code == "302" || r.code == "307" || r.code == "310" || r.code == "399") pub += amount(*t06, r);
      }
    if (std::regex_search(s6, m, std::regex("人员经费 ([0-9.]+) ?万元")))
      expect_eq(v, line_of(d, "一般公共预算财政拨款基本支出决算情况说明", m[0].str()), num(m[1]), personnel, "N10 六 人员经费");
    if (std::regex_search(s6, m, std::regex("公用经费 ([0-9.]+) ?万元")))
      expect_eq(v, line_of(d, "一般公共预算财政拨款基本支出决算情况说明", m[0].str()), num(m[1]), pub, "N10 六 公用经费");
  }
  // Performance tables: P1, P3/P4, P5; N15 grade counts
  int grades[4] = {0, 0, 0, 0};
  for (const auto& t : d.tables) {
    const bool project = t.title.find("项目支出绩效自评") != std::string::npos;
    const bool dept = t.title.find("部门整体支出绩效自评") != std::string::npos;
    if (!project && !dept) continue;
    const doc::Row* fund = nullptr;
    Number indicator_sum(0), management(0), total_score(-1);
    for (const auto& r : t.rows) {
      const auto& b = t.blocks[static_cast<std::size_t>(r.block)];
      if (b.name == "资金" && !fund) fund = &r;
      if (b.name == "资金管理") management += cell_value(r, t.column_by_header(r.block, "得分"));
      if (b.name == "绩效指标") {
        if (doc::normalize(r.label) == "总分" || (!r.cells.empty() && doc::normalize(r.cells[0].text) == "总分"))
          total_score = cell_value(r, t.column_by_header(r.block, "得分"));
        else
          indicator_sum += cell_value(r, t.column_by_header(r.block, "得分"));
      }
    }
    if (!fund) {
      v.push_back({t.line, "绩效表没有资金行"});
      continue;
    }
    const Number full = cell_value(*fund, t.column_by_header(fund->block, "全年预算数"));
    const Number spent = cell_value(*fund, t.column_by_header(fund->block, "全年执行数"));
    const Number rate = cell_value(*fund, t.column_by_header(fund->block, "执行率"));
    const Number score = cell_value(*fund, t.column_by_header(fund->block, "得分"));
    auto r = Number::divide(spent, full);
    expect_eq(v, fund->line, rate, r->round(4), t.title + " P1 执行率");
    Number expect_score = project ? (Number(10) * *r).round(2) : [&] {
      Number x = *Number::divide(*r * Number(10), Number::fraction(9, 10));
      return (x > Number(10) ? Number(10) : x).round(2);
    }();
    expect_eq(v, fund->line, score, expect_score, t.title + " P3/P4 得分");
    expect_eq(v, fund->line, total_score, score + management + indicator_sum, t.title + " P5 总分");
    if (project) grades[total_score >= Number(90) ? 0 : total_score >= Number(80) ? 1 : total_score >= Number(60) ? 2 : 3]++;
  }
  const std::string s13 = all_text(d, "预算绩效情况说明");
  std::smatch m;
  if (std::regex_search(s13, m, std::regex("([0-9]+) 个项目自评等级为优，([0-9]+) 个项目自评为良，([0-9]+) 个项目自评为中，([0-9]+) 个项目自评为差"))) {
    for (int i = 0; i < 4; ++i)
      if (std::stoi(m[static_cast<std::size_t>(i + 1)]) != grades[i])
        v.push_back({line_of(d, "预算绩效情况说明", m[static_cast<std::size_t>(i + 1)].str() + " 个项目自评" + std::vector<std::string>{"等级为优", "为良", "为中", "为差"}[static_cast<std::size_t>(i)], true), "N15 等级个数"});
  } else {
    v.push_back({0, "十三 句式不符"});
  }
  return v;
}

gen::Generated make(std::uint64_t seed, gen::DocKind k, gen::Layout l, std::string plant = "") {
  gen::Options o;
  o.seed = seed;
  o.kind = k;
  o.layout = l;
  o.plant = std::move(plant);
  return gen::generate(o);
}

std::vector<std::string> text_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t a = 0;
  for (std::size_t b; (b = s.find('\n', a)) != std::string::npos; a = b + 1) out.push_back(s.substr(a, b - a));
  return out;
}

// A planted document differs from the clean one of the same seed in exactly
// one line, the defect's, and that line prints the planted figure.
void check_only_defect_line_changed(const std::string& clean, const std::string& planted, const gen::Defect& def) {
  auto la = text_lines(clean), lb = text_lines(planted);
  REQUIRE(la.size() == lb.size());
  int diff = 0;
  for (std::size_t i = 0; i < la.size(); ++i)
    if (la[i] != lb[i]) {
      ++diff;
      CHECK(i + 1 == def.line);
      CHECK(lb[i].find(def.planted) != std::string::npos);
    }
  CHECK(diff == 1);
}

// Same seed, same bytes and the same planted defect; another seed, other bytes.
void check_seeded(gen::DocKind kind, gen::Layout layout, const std::string& cls) {
  auto a = make(42, kind, layout);
  auto b = make(42, kind, layout);
  auto c = make(43, kind, layout);
  CHECK(a.text == b.text);
  CHECK(a.text != c.text);
  auto p1 = make(7, kind, layout, cls);
  auto p2 = make(7, kind, layout, cls);
  CHECK(p1.text == p2.text);
  CHECK(p1.defects.at(0).planted == p2.defects.at(0).planted);
}

}  // namespace

TEST_CASE("the same seed writes the same bytes; different seeds differ") {
  check_seeded(gen::DocKind::final2023, gen::Layout::tab, "share");
  check_seeded(gen::DocKind::final2024, gen::Layout::space, "share");
}

TEST_CASE("documents read back without warnings, with every table figure where the generator put it") {
  for (auto k : {gen::DocKind::final2023, gen::DocKind::final2024})
    for (auto l : {gen::Layout::tab, gen::Layout::space})
      for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        auto g = make(seed, k, l);
        const std::string kn = gen::kind_name(k);
        CAPTURE(kn);
        const std::string ln = gen::layout_name(l);
        CAPTURE(ln);
        CAPTURE(seed);
        auto d = gouji::read::read_text(g.text, "gen.txt");
        CHECK(d.warnings.empty());
        for (const auto& w : d.warnings) MESSAGE(w.message);
        CHECK(d.kind == doc::Kind::final_accounts);
        CHECK(d.year == (k == gen::DocKind::final2023 ? 2023 : 2024));
        CHECK(d.department == g.department);
        CHECK(table(d, "公开01表") != nullptr);
        std::size_t found = 0;
        std::set<std::pair<std::uint32_t, std::string>> printed;
        for (const auto& f : g.figures) {
          printed.insert({f.line, f.text});
          bool ok = false;
          for (const auto& t : d.tables) {
            if (t.code != f.table && t.title != f.table) continue;
            for (const auto& r : t.rows)
              for (const auto& c : r.cells)
                if (c.line == f.line && c.is_numeric() && c.text == f.text) ok = true;
          }
          if (ok) ++found;
          else CAPTURE(f.key);
        }
        CHECK(found == g.figures.size());
        // and no numeric cell of 公开01–09 that the generator did not print
        std::size_t extra = 0;
        for (const auto& t : d.tables) {
          if (!t.code.starts_with("公开")) continue;
          for (const auto& r : t.rows)
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
              const auto& col = t.blocks[static_cast<std::size_t>(r.block)].columns[i];
              if (col.role == doc::ColumnRole::amount && r.cells[i].is_numeric() && !printed.count({r.cells[i].line, r.cells[i].text})) ++extra;
            }
        }
        CHECK(extra == 0);
      }
}

TEST_CASE("un-planted documents satisfy the mandatory relations exactly") {
  for (auto k : {gen::DocKind::final2023, gen::DocKind::final2024})
    for (auto l : {gen::Layout::tab, gen::Layout::space})
      for (std::uint64_t seed = 100; seed < 112; ++seed) {
        auto g = make(seed, k, l);
        auto d = gouji::read::read_text(g.text, "gen.txt");
        auto v = check(d);
        CAPTURE(seed);
        const std::string ln = gen::layout_name(l);
        CAPTURE(ln);
        for (const auto& x : v) MESSAGE(x.what << " @" << x.line);
        CHECK(v.empty());
      }
}

TEST_CASE("a planted defect breaks a relation at the line the manifest names, and only there") {
  for (const auto& cls : gen::defect_classes())
    for (auto l : {gen::Layout::tab, gen::Layout::space})
      for (std::uint64_t seed = 200; seed < 204; ++seed) {
        auto k = seed % 2 ? gen::DocKind::final2023 : gen::DocKind::final2024;
        auto clean = make(seed, k, l);
        auto g = make(seed, k, l, cls);
        CAPTURE(cls);
        CAPTURE(seed);
        const std::string ln = gen::layout_name(l);
        CAPTURE(ln);
        REQUIRE(g.defects.size() == 1);
        const auto& def = g.defects[0];
        CHECK(def.cls == cls);
        CHECK(def.original != def.planted);
        CHECK(def.line > 0);
        auto d = gouji::read::read_text(g.text, "gen.txt");
        auto v = check(d);
        REQUIRE(!v.empty());
        if (cls == "missing_table") {
          CHECK(table(d, def.table) == nullptr);
          continue;
        }
        if (cls == "department_name") {
          const auto* t = table(d, def.table);
          REQUIRE(t != nullptr);
          CHECK(t->department == def.planted);
          CHECK(std::string(d.line_text(def.line)).find(def.planted) != std::string::npos);
          continue;
        }
        bool at_line = false;
        for (const auto& x : v) at_line = at_line || x.line == def.line;
        if (!at_line) for (const auto& x : v) MESSAGE(x.what << " @" << x.line);
        CHECK(at_line);
        // only the named figure changed: the texts differ on that one line
        if (cls != "department_name") {
          check_only_defect_line_changed(clean.text, g.text, def);
        }
      }
}

// ---- 部门预算 (budget2025) ----------------------------------------------------

namespace {

// The relations of a 部门预算 document, recomputed here with exact arithmetic
// from the read tables and the narrative's printed figures (not from the
// generator's model). Cells of the 支出预算表 are taken by position, as the
// sample's header rows are misaligned: 5 合计, 6 基本支出小计, 7 工资福利,
// 8 对个人和家庭, 9 商品和服务, 10 资本性, 11 项目支出小计, 12 其他运转类, 13 特定目标类.
std::vector<Violation> check_budget(const doc::Document& d, const std::string& text) {
  std::vector<Violation> v;
  for (const char* n : {"部门收支预算表", "部门收入预算表", "部门支出预算表", "财政拨款收支预算表", "一般公共预算支出预算表", "一般公共预算基本支出预算表",
                        "支出经济分类汇总表", "一般公共预算“三公”经费预算表", "政府性基金支出预算表", "国有资本经营支出预算表", "项目支出预算表"})
    if (!table(d, n)) v.push_back({0, std::string("缺少 ") + n});
  for (const auto& t : d.tables)
    if (t.department != d.department) v.push_back({t.line, "部门名称不同：" + t.department});
  const auto *sum = table(d, "部门收支预算表"), *exp = table(d, "部门支出预算表"), *gp = table(d, "一般公共预算支出预算表"),
             *basic = table(d, "一般公共预算基本支出预算表"), *econ = table(d, "支出经济分类汇总表"), *sg = table(d, "一般公共预算“三公”经费预算表"),
             *proj = table(d, "项目支出预算表"), *fiscal = table(d, "财政拨款收支预算表");
  // 项 rows of the 支出预算表: the rows with a 7-digit code
  std::vector<Number> exp_total(14, Number(0));
  std::map<std::string, Number> by_lei;
  for (const auto* t : {exp, gp}) {
    if (!t) continue;
    std::vector<Number> s(14, Number(0));
    const doc::Row* total = nullptr;
    for (const auto& r : t->rows) {
      auto c = [&](int i) { return cell_value(r, i); };
      expect_eq(v, r.line, c(5), c(6) + c(11), t->title + " 合计 = 基本 + 项目");
      expect_eq(v, r.line, c(6), c(7) + c(8) + c(9) + c(10), t->title + " 基本支出 = 四类之和");
      expect_eq(v, r.line, c(11), c(12) + c(13), t->title + " 项目支出 = 两类之和");
      if (r.code.size() == 7) {
        for (int i = 5; i < 14; ++i) s[static_cast<std::size_t>(i)] += c(i);
        if (t == exp) by_lei[r.code.substr(0, 3)] += c(5);
      } else if (r.label == "合计") {
        total = &r;
      }
    }
    if (!total) v.push_back({t->line, t->title + " 没有合计行"});
    else
      for (int i = 5; i < 14; ++i) expect_eq(v, total->line, cell_value(*total, i), s[static_cast<std::size_t>(i)], t->title + " 合计行 = Σ项");
    if (t == exp) exp_total = s;
  }
  // 部门收支预算表: 类 rows = Σ项 of the 部门支出预算表; 合计 = Σ类; 收 = 支
  const std::map<std::string, std::string> lei = {{"一般公共服务", "201"}, {"公共安全", "204"}, {"教育", "205"}, {"社会保障和就业", "208"},
                                                  {"卫生健康", "210"},     {"城乡社区事务", "212"}, {"农林水事务", "213"}, {"住房保障支出", "221"}};
  if (sum) {
    const int ci = sum->column_by_header(0, "金额"), ce = sum->column_by_header(1, "金额");
    Number s(0);
    std::map<std::string, Number> printed;
    for (const auto& r : sum->rows) {
      if (r.block != 1) continue;
      const std::string label = r.label.substr(r.label.find("、") == std::string::npos ? 0 : r.label.find("、") + 3);
      if (auto it = lei.find(label); it != lei.end()) {
        printed[it->second] = cell_value(r, ce);
        expect_eq(v, r.line, cell_value(r, ce), by_lei[it->second], "部门收支预算表 " + label + " = Σ项");
      }
      if (r.label.find("、") != std::string::npos) s += cell_value(r, ce);
    }
    for (const auto& [k, x] : by_lei)
      if (!printed.count(k)) v.push_back({sum->line, "部门收支预算表 缺 " + k});
    const auto *ri = sum->row_by_label("本年收入合计"), *re = sum->row_by_label("本年支出合计"), *ti = sum->row_by_label("收入总计"),
               *te = sum->row_by_label("支出总计");
    if (!ri || !re || !ti || !te) v.push_back({sum->line, "部门收支预算表 合计行缺失"});
    else {
      expect_eq(v, re->line, cell_value(*re, ce), s, "部门收支预算表 本年支出合计 = Σ类");
      expect_eq(v, re->line, cell_value(*re, ce), exp_total[5], "部门收支预算表 本年支出合计 = 支出表合计");
      expect_eq(v, ri->line, cell_value(*ri, ci), cell_value(*re, ce), "部门收支预算表 收 = 支");
      expect_eq(v, ti->line, cell_value(*ti, ci), cell_value(*ri, ci), "部门收支预算表 收入总计");
      expect_eq(v, te->line, cell_value(*te, ce), cell_value(*re, ce), "部门收支预算表 支出总计");
    }
  }
  if (fiscal) {
    const auto* r = fiscal->row_by_label("一、本年支出");
    if (!r) v.push_back({fiscal->line, "财政拨款收支预算表 无本年支出"});
    else expect_eq(v, r->line, amount(*fiscal, *r), exp_total[5], "财政拨款收支预算表 本年支出");
  }
  // 基本支出表: each row 合计 = 人员 + 公用; 合计行 = Σ; = 支出表 基本支出
  if (basic) {
    const int c1 = basic->column_by_header(0, "合计"), c2 = basic->column_by_header(0, "人员经费"), c3 = basic->column_by_header(0, "公用经费");
    Number s1(0), s2(0), s3(0);
    const doc::Row* total = nullptr;
    for (const auto& r : basic->rows) {
      expect_eq(v, r.line, cell_value(r, c1), cell_value(r, c2) + cell_value(r, c3), "基本支出表 合计 = 人员 + 公用");
      if (r.code.empty()) total = &r;
      else s1 += cell_value(r, c1), s2 += cell_value(r, c2), s3 += cell_value(r, c3);
    }
    if (!total) v.push_back({basic->line, "基本支出表 无合计"});
    else {
      expect_eq(v, total->line, cell_value(*total, c1), s1, "基本支出表 合计 Σ");
      expect_eq(v, total->line, cell_value(*total, c2), s2, "基本支出表 人员经费 Σ");
      expect_eq(v, total->line, cell_value(*total, c3), s3, "基本支出表 公用经费 Σ");
      expect_eq(v, total->line, cell_value(*total, c1), exp_total[6], "基本支出表 合计 = 支出表 基本支出");
      expect_eq(v, total->line, cell_value(*total, c2), exp_total[7] + exp_total[8], "基本支出表 人员经费 = 工资福利 + 对个人和家庭");
    }
  }
  // 三公: 合计 = 出国 + 小计 + 接待; 小计 = 购置 + 运行; 接待、运行 = 经济分类 30217、30231
  Number reception(0), car_run(0);
  if (sg && !sg->rows.empty()) {
    const auto& r = sg->rows.front();
    auto c = [&](const char* h) { return cell_value(r, sg->column_by_header(0, h)); };
    expect_eq(v, r.line, c("“三公”经费合计"), c("因公出国（境）费") + c("小计") + c("公务接待费"), "三公 合计");
    expect_eq(v, r.line, c("小计"), c("公务用车购置费") + c("公务用车运行费"), "三公 小计");
    reception = c("公务接待费"), car_run = c("公务用车运行费");
  }
  if (econ) {
    const int ct = econ->column_by_header(0, "总计");
    Number s(0), r17(0), r31(0);
    std::uint32_t l17 = 0, l31 = 0;
    const doc::Row* total = nullptr;
    for (const auto& r : econ->rows) {
      if (r.code.size() == 5) s += cell_value(r, ct);
      if (r.code == "30217") r17 = cell_value(r, ct), l17 = r.line;
      if (r.code == "30231") r31 = cell_value(r, ct), l31 = r.line;
      if (r.label == "合计") total = &r;
    }
    if (!total) v.push_back({econ->line, "经济分类表 无合计"});
    else {
      expect_eq(v, total->line, cell_value(*total, ct), s, "经济分类表 合计 = Σ");
      expect_eq(v, total->line, cell_value(*total, ct), exp_total[5], "经济分类表 合计 = 支出表合计");
    }
    if (sg && !sg->rows.empty()) {
      expect_eq(v, l17 ? l17 : sg->rows.front().line, r17, reception, "经济分类表 30217 = 三公 接待");
      expect_eq(v, l31 ? l31 : sg->rows.front().line, r31, car_run, "经济分类表 30231 = 三公 运行");
    }
  }
  // 项目支出预算表: 合计 = Σ项目 = 支出表 项目支出
  Number projects(0);
  if (proj && !proj->rows.empty()) {
    const int c = proj->column_by_header(0, "合计"), ct = proj->column_by_header(0, "类型");
    for (const auto& r : proj->rows)
      if (ct >= 0 && r.cells[static_cast<std::size_t>(ct)].kind == doc::CellKind::text) projects += cell_value(r, c);
    expect_eq(v, proj->rows.front().line, cell_value(proj->rows.front(), c), projects, "项目表 合计 = Σ项目");
    expect_eq(v, proj->rows.front().line, projects, exp_total[11], "项目表 = 支出表 项目支出");
  }
  // narrative (figures as printed): 说明一 收支总计 and its 增减率, 说明三 占比, 说明七 三公
  auto line_of_text = [&](std::size_t pos) {
    return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n') + 1);
  };
  std::smatch m;
  const Number total = exp_total[5];
  if (std::regex_search(text, m, std::regex("收入总计 ([0-9.]+) 万元，支出总计 ([0-9.]+) 万元，与 2024 年预算相比，收支总计各(增加|减少) ([0-9.]+) 万元，(增长|下降) ([0-9.]+)%"))) {
    const auto line = line_of_text(static_cast<std::size_t>(m.position(0)));
    expect_eq(v, line, num(m[1]), total, "说明一 收入总计");
    expect_eq(v, line, num(m[2]), total, "说明一 支出总计");
    const Number prior = m[3] == "增加" ? num(m[1]) - num(m[4]) : num(m[1]) + num(m[4]);
    expect_eq(v, line, num(m[6]), pct(num(m[4]), prior), "说明一 增减率");
  } else {
    v.push_back({0, "说明一 句式不符"});
  }
  if (std::regex_search(text, m, std::regex("支出合计 ([0-9.]+) 万元，其中：基本支出 ([0-9.]+) 万元，占 ([0-9.]+)%；项目支出 ([0-9.]+) 万元，占 ([0-9.]+)%"))) {
    const auto line = line_of_text(static_cast<std::size_t>(m.position(0)));
    expect_eq(v, line, num(m[1]), total, "说明三 支出合计");
    expect_eq(v, line, num(m[2]), exp_total[6], "说明三 基本支出");
    expect_eq(v, line, num(m[4]), projects, "说明三 项目支出");
    expect_eq(v, line, num(m[3]), pct(num(m[2]), num(m[1])), "说明三 基本支出占比");
    expect_eq(v, line, num(m[5]), pct(num(m[4]), num(m[1])), "说明三 项目支出占比");
  } else {
    v.push_back({0, "说明三 句式不符"});
  }
  if (std::regex_search(text, m, std::regex("“三公”经费支出预算为 ([0-9.]+) 万元。比 2024 年支出预算(增加|减少) ([0-9.]+) 万元，(增长|下降) ([0-9.]+)%"))) {
    const auto line = line_of_text(static_cast<std::size_t>(m.position(0)));
    if (sg && !sg->rows.empty()) expect_eq(v, line, num(m[1]), cell_value(sg->rows.front(), 0), "说明七 三公");
    const Number prior = m[2] == "增加" ? num(m[1]) - num(m[3]) : num(m[1]) + num(m[3]);
    expect_eq(v, line, num(m[5]), pct(num(m[3]), prior), "说明七 增减率");
  } else {
    v.push_back({0, "说明七 句式不符"});
  }
  return v;
}


}  // namespace

TEST_CASE("budget2025: the same seed writes the same bytes and plants the same defect") {
  check_seeded(gen::DocKind::budget2025, gen::Layout::tab, "yoy_rate");
}

TEST_CASE("budget2025 documents read back without warnings, with every table figure where the generator put it") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    auto g = make(seed, gen::DocKind::budget2025, gen::Layout::tab);
    CAPTURE(seed);
    auto d = gouji::read::read_text(g.text, "gen.txt");
    CHECK(d.warnings.empty());
    for (const auto& w : d.warnings) MESSAGE(w.message);
    CHECK(d.kind == doc::Kind::budget);
    CHECK(d.year == 2025);
    CHECK(d.department == g.department);
    CHECK(d.tables.size() == 13);
    std::set<std::pair<std::uint32_t, std::string>> printed;
    std::size_t found = 0;
    for (const auto& f : g.figures) {
      printed.insert({f.line, f.text});
      bool ok = false;
      for (const auto& t : d.tables)
        if (t.title == f.table)
          for (const auto& r : t.rows)
            for (const auto& c : r.cells)
              if (c.line == f.line && c.is_numeric() && c.text == f.text) ok = true;
      if (ok) ++found;
      else CAPTURE(f.key);
    }
    CHECK(found == g.figures.size());
    std::size_t extra = 0;  // an amount read that the generator did not print as a figure
    for (const auto& t : d.tables)
      for (const auto& r : t.rows)
        for (std::size_t i = 0; i < r.cells.size(); ++i)
          if (t.blocks[static_cast<std::size_t>(r.block)].columns[i].role == doc::ColumnRole::amount && r.cells[i].is_numeric() &&
              r.cells[i].text != "0.00" && !printed.count({r.cells[i].line, r.cells[i].text}))
            ++extra;
    CHECK(extra == 0);
  }
}

TEST_CASE("budget2025 un-planted documents: every total, 类 = Σ项 and cross-table figure agree, recomputed from the read tables") {
  for (std::uint64_t seed = 100; seed < 124; ++seed) {
    auto g = make(seed, gen::DocKind::budget2025, gen::Layout::tab);
    auto d = gouji::read::read_text(g.text, "gen.txt");
    auto v = check_budget(d, g.text);
    CAPTURE(seed);
    for (const auto& x : v) MESSAGE(x.what << " @" << x.line);
    CHECK(v.empty());
  }
}

TEST_CASE("budget2025: a planted defect breaks a relation at the line the manifest names, and only there") {
  for (const auto& cls : gen::defect_classes(gen::DocKind::budget2025))
    for (std::uint64_t seed = 200; seed < 206; ++seed) {
      auto clean = make(seed, gen::DocKind::budget2025, gen::Layout::tab);
      auto g = make(seed, gen::DocKind::budget2025, gen::Layout::tab, cls);
      CAPTURE(cls);
      CAPTURE(seed);
      REQUIRE(g.defects.size() == 1);
      const auto& def = g.defects[0];
      CHECK(def.cls == cls);
      CHECK(def.original != def.planted);
      CHECK(def.line > 0);
      auto d = gouji::read::read_text(g.text, "gen.txt");
      auto v = check_budget(d, g.text);
      REQUIRE(!v.empty());
      if (cls == "missing_table") {
        CHECK(table(d, def.table) == nullptr);
        CHECK(text_lines(g.text).at(def.line - 1).find(def.table) != std::string::npos);  // its 目录 entry
        continue;
      }
      if (cls == "department_name") {
        const auto* t = table(d, def.table);
        REQUIRE(t != nullptr);
        CHECK(t->department == def.planted);
        CHECK(std::string(d.line_text(def.line)).find(def.planted) != std::string::npos);
      }
      bool at_line = cls == "department_name";
      for (const auto& x : v) at_line = at_line || x.line == def.line;
      if (!at_line) for (const auto& x : v) MESSAGE(x.what << " @" << x.line);
      CHECK(at_line);
      check_only_defect_line_changed(clean.text, g.text, def);
    }
  CHECK(gen::defect_classes(gen::DocKind::budget2025).size() == 9);
}
