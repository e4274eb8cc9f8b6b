// Writing a drawn Model as text in the layouts of the samples, and planting a
// defect. Every figure is written through Out::fig, which records where it
// went (for the manifest and the read-back tests) and applies the planted
// override, if any.
#include "tools/gen/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

namespace gouji::gen {

namespace {

struct Seg {          // a piece of a narrative paragraph
  std::string text;
  std::string key;    // non-empty when the piece is a figure
};

struct CellOut {
  std::string text;
  std::string key;    // non-empty for a figure
};

class Out {
 public:
  Out(Layout layout, std::map<std::string, std::string> overrides) : layout_(layout), overrides_(std::move(overrides)) {}

  std::string text;
  std::map<std::string, std::uint32_t> where;  // key -> source line
  std::map<std::string, std::string> printed;  // key -> text as it would be printed without the override
  std::vector<Figure> figures;
  std::string table;  // current table (for figures)
  std::uint32_t toc_line(const std::string& title) const {
    auto it = toc_.find(title);
    return it == toc_.end() ? 0 : it->second;
  }

  // A figure cell: the override replaces the printed text.
  CellOut fig(const std::string& key, std::string shown) {
    printed[key] = shown;
    auto it = overrides_.find(key);
    return {it == overrides_.end() ? std::move(shown) : it->second, key};
  }
  bool overrides_in(const std::string& prefix) const {
    for (const auto& [k, v] : overrides_)
      if (k.starts_with(prefix)) return true;
    return false;
  }
  Seg nfig(const std::string& key, std::string shown) {
    auto c = fig(key, std::move(shown));
    return {c.text, c.key};
  }

  void line(std::string_view s) {
    text.append(s);
    text += '\n';
    ++line_;
    ++since_page_;
  }
  void blank() { line(""); }
  void spaced(std::string_view s) {  // a line followed by a blank line
    line(s);
    blank();
  }
  void toc_entry(const std::string& title, std::string_view s) {
    toc_[title] = line_;
    spaced(s);
  }
  std::uint32_t current_line() const { return line_; }

  void maybe_page() {
    if (layout_ != Layout::space || since_page_ < 40) return;
    blank();
    line(fmt::format("- {} -", page_++));
    blank();
    since_page_ = 0;
  }

  void row(const std::vector<CellOut>& cells, bool table_figures = true) {
    if (layout_ == Layout::tab) {
      std::string s;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) s += '\t';
        s += cells[i].text;
      }
      record(cells, table_figures);
      line(s);
      return;
    }
    maybe_page();
    // space layout: a long 科目名称 wraps, the figures follow on their own line
    if (cells.size() > 3 && is_code(cells[0].text) && display_chars(cells[1].text) > 17) {
      auto [a, b] = split_chars(cells[1].text, 17);
      spaced(cells[0].text + " " + a);
      spaced(b);
      std::string s;
      for (std::size_t i = 2; i < cells.size(); ++i) {
        if (cells[i].text.empty()) continue;
        if (!s.empty()) s += ' ';
        s += cells[i].text;
      }
      record(cells, table_figures);
      spaced(s);
      return;
    }
    std::string s;
    for (const auto& c : cells) {
      if (c.text.empty()) continue;
      if (!s.empty()) s += ' ';
      s += c.text;
    }
    record(cells, table_figures);
    spaced(s);
  }

  void para(const std::vector<Seg>& segs) {
    if (layout_ == Layout::tab) {
      std::string s;
      for (const auto& g : segs) {
        if (!g.key.empty()) where[g.key] = line_;
        s += g.text;
      }
      spaced(s);
      return;
    }
    // space layout: wrapped every 26 characters, a blank line after each piece;
    // a figure is never cut
    maybe_page();
    std::string cur;
    std::size_t chars = 0;
    for (const auto& g : segs) {
      if (!g.key.empty()) {
        if (chars >= 26 && !cur.ends_with(" ") && !cur.ends_with("。")) flush_wrapped(cur, chars);
        where[g.key] = line_;
        cur += g.text;
        chars += display_chars(printed[g.key]);  // wrap as without a planted figure
        continue;
      }
      std::size_t i = 0;
      while (i < g.text.size()) {
        // never next to a space or right after a full stop (the reader would lose the space or end the paragraph)
        if (chars >= 26 && g.text[i] != ' ' && !cur.ends_with(" ") && !cur.ends_with("。")) flush_wrapped(cur, chars);
        const std::size_t len = utf8_len(static_cast<unsigned char>(g.text[i]));
        cur.append(g.text, i, len);
        i += len;
        ++chars;
      }
    }
    if (!cur.empty()) flush_wrapped(cur, chars);
  }

  Layout layout() const { return layout_; }

 private:
  static std::size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
  static std::size_t display_chars(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += utf8_len(static_cast<unsigned char>(s[i]))) ++n;
    return n;
  }
  static std::pair<std::string, std::string> split_chars(const std::string& s, std::size_t n) {
    std::size_t i = 0, k = 0;
    while (i < s.size() && k < n) i += utf8_len(static_cast<unsigned char>(s[i])), ++k;
    return {s.substr(0, i), s.substr(i)};
  }
  static bool is_code(std::string_view s) {
    return !s.empty() && s.size() <= 7 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  void flush_wrapped(std::string& cur, std::size_t& chars) {
    spaced(cur);
    cur.clear();
    chars = 0;
  }
  void record(const std::vector<CellOut>& cells, bool table_figures) {
    for (const auto& c : cells) {
      if (c.key.empty()) continue;
      where[c.key] = line_;
      if (table_figures && !c.text.empty()) figures.push_back({table, c.key, c.text, line_});
    }
  }

  Layout layout_;
  std::map<std::string, std::string> overrides_;
  std::map<std::string, std::uint32_t> toc_;
  std::uint32_t line_ = 1;
  int since_page_ = 0;
  int page_ = 3;
};

const char* kCnNum[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
                        "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六"};

struct Lei01 { const char* code; const char* name; };
const Lei01 kLei[26] = {{"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"}, {"204", "公共安全支出"}, {"205", "教育支出"},
                        {"206", "科学技术支出"}, {"207", "文化旅游体育与传媒支出"}, {"208", "社会保障和就业支出"}, {"210", "卫生健康支出"},
                        {"211", "节能环保支出"}, {"212", "城乡社区支出"}, {"213", "农林水支出"}, {"214", "交通运输支出"},
                        {"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"}, {"217", "金融支出"}, {"219", "援助其他地区支出"},
                        {"220", "自然资源海洋气象等支出"}, {"221", "住房保障支出"}, {"222", "粮油物资储备支出"}, {"223", "国有资本经营预算支出"},
                        {"224", "灾害防治及应急管理支出"}, {"229", "其他支出"}, {"231", "债务还本支出"}, {"232", "债务付息支出"},
                        {"234", "抗疫特别国债安排的支出"}};

struct Writer {
  const Model& m;
  Out& o;
  bool y24;  // 2024 conventions: blank for zero, other 行次
  std::string dept_override_table;  // table code whose department line is altered
  std::string dept_variant;
  std::vector<std::string> skip_tables;

  // A table amount: grouped, zero as "0" (2023) or blank (2024).
  // (the space layout of the samples prints 0: a blank cannot be told apart there)
  std::string amt(Cents c) const { return c == 0 ? (y24 && o.layout() == Layout::tab ? "" : "0") : grouped2(c); }
  CellOut f(const std::string& key, Cents c) { return o.fig(o.table + "|" + key, amt(c)); }
  static CellOut t(std::string s) { return {std::move(s), ""}; }

  Cents lei_total(const std::string& lei, int part) const {  // part 0 total, 1 basic, 2 project
    Cents s = 0;
    for (const auto& x : m.xiang)
      if (x.lei == lei) s += part == 0 ? x.total() : part == 1 ? x.basic : x.project;
    return s;
  }
  Cents kuan_total(const std::string& kuan, int part) const {
    Cents s = 0;
    for (const auto& x : m.xiang)
      if (x.kuan == kuan) s += part == 0 ? x.total() : part == 1 ? x.basic : x.project;
    return s;
  }
  std::vector<std::string> leis() const {
    std::vector<std::string> v;
    for (const auto& x : m.xiang)
      if (std::find(v.begin(), v.end(), x.lei) == v.end()) v.push_back(x.lei);
    std::sort(v.begin(), v.end());
    return v;
  }

  std::string year_text() const { return fmt::format("{} 年度", m.year); }
  std::string dept_for(const std::string& code) const { return code == dept_override_table ? dept_variant : m.department; }

  void table_head(const std::string& title, const std::string& code) {
    o.table = code;
    o.maybe_page();
    const std::string num = code.substr(6, 2);
    const std::string label = y24 ? "部门：" : "部门名称：";
    if (o.layout() == Layout::space) {
      o.line(" " + title);
      o.spaced("公开 " + num + " 表");
      o.spaced(label + dept_for(code) + " " + year_text() + " 单位：万元");
      return;
    }
    o.spaced(title);
    o.spaced("公开 " + num + " 表");
    if (y24 && code != "公开01表") {
      o.spaced(label + dept_for(code));
      o.spaced(year_text());
      o.spaced("单位：万元");
    } else {
      o.line("单位：万元");
      o.blank();
      o.spaced((code == "公开01表" ? std::string("部门名称：") : label) + dept_for(code));
      o.spaced(year_text());
    }
  }
  void table_note(const std::string& note, const std::string& empty_note = "") {
    o.blank();
    o.spaced("注：" + note + "本表金额转换为万元时，因四舍五入可能存在尾差。");
    if (!empty_note.empty()) o.spaced("说明：" + empty_note);
  }

  void t01() {
    table_head("收入支出决算总表", "公开01表");
    if (o.layout() == Layout::tab) {
      o.line("收入\t\t\t支出\t\t");
      o.line("项目\t行次\t金额\t项目\t行次\t金额");
      o.line("栏次\t\t1\t栏次\t\t2");
    } else {
      o.spaced("收入 支出");
      o.spaced("项目 行次 金额 项目 行次 金额");
      o.spaced("栏次 1 栏次 2");
    }
    const char* income[8] = {"一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
                             "事业收入", "经营收入", "附属单位上缴收入", "其他收入"};
    const int right0 = y24 ? 31 : 32;
    const Cents total = m.total();
    for (int i = 0; i < 26; ++i) {
      std::vector<CellOut> r;
      if (i < 8) {
        r.push_back(t(fmt::format("{}、{}", kCnNum[i + 1], income[i])));
        r.push_back(t(std::to_string(i + 1)));
        r.push_back(f(std::to_string(i + 1), i == 0 ? total : 0));
      } else {
        r.push_back(t(""));
        r.push_back(t(std::to_string(i + 1)));
        r.push_back(t(""));
      }
      r.push_back(t(fmt::format("{}、{}", kCnNum[i + 1], kLei[i].name)));
      r.push_back(t(std::to_string(right0 + i)));
      r.push_back(f(std::to_string(right0 + i), lei_total(kLei[i].code, 0)));
      o.row(r);
    }
    const int r27 = right0 + 26;
    o.row({t("本年收入合计"), t("27"), f("27", total), t("本年支出合计"), t(std::to_string(r27)), f(std::to_string(r27), total)});
    o.row({t(y24 ? "使用非财政拨款结余（含专用结余）" : "使用非财政拨款结余和专用结余"), t("28"), f("28", 0), t("结余分配"), t(std::to_string(r27 + 1)),
           f(std::to_string(r27 + 1), 0)});
    o.row({t("年初结转和结余"), t("29"), f("29", 0), t("年末结转和结余"), t(std::to_string(r27 + 2)), f(std::to_string(r27 + 2), 0)});
    if (!y24) o.row({t(""), t("30"), t(""), t(""), t("61"), t("")});
    const int tl = y24 ? 30 : 31;
    o.row({t("总计"), t(std::to_string(tl)), f(std::to_string(tl), total), t("总计"), t(std::to_string(y24 ? 60 : 62)), f(std::to_string(y24 ? 60 : 62), total)});
    table_note("本表反映部门本年度的总收支和年末结转结余情况。");
  }

  std::vector<Cents> values_for(const std::string& code, Cents total, Cents basic, Cents project) const {
    if (code == "公开02表") return {total, total, 0, 0, 0, 0, 0};
    if (code == "公开03表") return {total, basic, project, 0, 0, 0};
    return {total, basic, project};
  }

  void hierarchy(const std::string& code, const std::string& title, const std::vector<std::string>& cols, const std::string& note) {
    table_head(title, code);
    const bool tab = o.layout() == Layout::tab;
    std::string cols_line;
    for (std::size_t i = 0; i < cols.size(); ++i) cols_line += (tab ? "\t" : " ") + cols[i];
    std::string lanci;
    for (std::size_t i = 0; i < cols.size(); ++i) lanci += (tab ? "\t" : " ") + std::to_string(i + 1);
    if (tab) {
      if (code == "公开05表") {
        o.line("项目\t\t本年支出\t\t");
        o.line(std::string(y24 ? "功能分类 科目编码" : "科目代码") + "\t科目名称\t小计\t基本支出\t项目支出");
      } else {
        o.line("项目\t" + cols_line);
        o.line(std::string(y24 ? "功能分类 科目编码" : "科目代码") + "\t科目名称" + std::string(cols.size(), '\t'));
      }
      o.line("栏次\t" + lanci);
    } else if (code == "公开05表") {
      // As the space-layout sample prints it: the group name over the three
      // columns, on the line of 项目.
      o.spaced("项目 本年支出");
      o.spaced("科目代码 科目名称 " + cols_line.substr(1));
      o.spaced("栏次" + lanci);
    } else {
      o.spaced("项目");
      o.spaced(cols_line.substr(1));
      o.spaced("科目代码 科目名称");
      o.spaced("栏次" + lanci);
    }
    auto emit = [&](const std::string& rowkey, std::vector<CellOut> head, const std::vector<Cents>& v) {
      std::vector<CellOut> r = std::move(head);
      for (std::size_t i = 0; i < v.size(); ++i) r.push_back(f(rowkey + "|" + cols[i], v[i]));
      o.row(r);
    };
    const Cents tb = m.total_basic(), tp = m.total_project();
    emit("合计", y24 ? std::vector<CellOut>{t(""), t("合计")} : std::vector<CellOut>{t("合计"), t("")}, values_for(code, tb + tp, tb, tp));
    std::string last_kuan;
    for (const auto& lei : leis()) {
      std::string lei_name;
      for (const auto& x : m.xiang)
        if (x.lei == lei) lei_name = x.lei_name;
      emit(lei, {t(lei), t(lei_name)}, values_for(code, lei_total(lei, 0), lei_total(lei, 1), lei_total(lei, 2)));
      for (const auto& x : m.xiang) {
        if (x.lei != lei) continue;
        if (x.kuan != last_kuan) {
          last_kuan = x.kuan;
          emit(x.kuan, {t(x.kuan), t(x.kuan_name)}, values_for(code, kuan_total(x.kuan, 0), kuan_total(x.kuan, 1), kuan_total(x.kuan, 2)));
        }
        emit(x.code, {t(x.code), t(x.name)}, values_for(code, x.total(), x.basic, x.project));
      }
    }
    table_note(note);
  }

  void t04() {
    table_head("财政拨款收入支出决算总表", "公开04表");
    if (o.layout() == Layout::tab) {
      o.line("收入\t\t\t支出\t\t\t\t\t");
      o.line("项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款");
      o.line("栏次\t\t1\t栏次\t\t2\t3\t4\t5");
    } else {
      o.spaced("收入 支出");
      o.spaced("项目 行次 金额 项目 行次 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款");
      o.spaced("栏次 1 栏次 2 3 4 5");
    }
    const char* income[3] = {"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"};
    const Cents total = m.total();
    auto right = [&](int hc, Cents v) {
      const std::string k = std::to_string(hc);
      return std::vector<CellOut>{f(k + "|合计", v), f(k + "|一般公共预算财政拨款", v), f(k + "|政府性基金预算财政拨款", 0), f(k + "|国有资本经营预算财政拨款", 0)};
    };
    for (int i = 0; i < 26; ++i) {
      std::vector<CellOut> r;
      if (i < 3) {
        r = {t(fmt::format("{}、{}", kCnNum[i + 1], income[i])), t(std::to_string(i + 1)), f(std::to_string(i + 1), i == 0 ? total : 0)};
      } else {
        r = {t(""), t(std::to_string(i + 1)), t("")};
      }
      r.push_back(t(fmt::format("{}、{}", kCnNum[i + 1], kLei[i].name)));
      r.push_back(t(std::to_string(33 + i)));
      for (auto& c : right(33 + i, lei_total(kLei[i].code, 0))) r.push_back(c);
      o.row(r);
    }
    auto tail = [&](std::vector<CellOut> r, int hc, bool with) {
      r.push_back(t(hc == 60 ? "年末财政拨款结转和结余" : hc == 59 ? "本年支出合计" : hc == 64 ? "总计" : ""));
      r.push_back(t(std::to_string(hc)));
      if (with)
        for (auto& c : right(hc, hc == 60 ? 0 : total)) r.push_back(c);
      else
        for (int i = 0; i < 4; ++i) r.push_back(t(""));
      o.row(r);
    };
    tail({t("本年收入合计"), t("27"), f("27", total)}, 59, true);
    tail({t("年初财政拨款结转和结余"), t("28"), f("28", 0)}, 60, true);
    tail({t("一般公共预算财政拨款"), t("29"), f("29", 0)}, 61, false);
    tail({t("政府性基金预算财政拨款"), t("30"), f("30", 0)}, 62, false);
    tail({t("国有资本经营预算财政拨款"), t("31"), f("31", 0)}, 63, false);
    tail({t("总计"), t("32"), f("32", total)}, 64, true);
    table_note("本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。");
  }

  void t06() {
    table_head("一般公共预算财政拨款基本支出决算明细表", "公开06表");
    const std::string cc = y24 ? "经济分类科目编码" : "科目代码";
    if (o.layout() == Layout::tab) {
      o.line("人员经费\t\t\t公用经费\t\t\t\t\t");
      o.line(fmt::format("{0}\t科目名称\t决算数\t{0}\t科目名称\t决算数\t{0}\t科目名称\t决算数", cc));
    } else {
      o.spaced("人员经费 公用经费");
      o.spaced(fmt::format("{0} 科目名称 决算数 {0} 科目名称 决算数 {0} 科目名称 决算数", cc));
    }
    struct E { std::string code, name; Cents v; };
    auto group = [](const char* code, const char* name, const std::vector<EconItem>& items, std::vector<E>& out) {
      Cents s = 0;
      for (const auto& e : items) s += e.amount;
      out.push_back({code, name, s});
      for (const auto& e : items) out.push_back({e.code, e.name, e.amount});
    };
    std::vector<E> left, mid, right;
    group("301", "工资福利支出", m.e301, left);
    group("303", "对个人和家庭的补助", m.e303, left);
    group("302", "商品和服务支出", m.e302, mid);
    group("307", "债务利息及费用支出", m.e307, right);
    group("310", "资本性支出", m.e310, right);
    group("399", "其他支出", m.e399, right);
    const std::size_t n = std::max({left.size(), mid.size(), right.size()});
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<CellOut> r;
      for (const auto* col : {&left, &mid, &right}) {
        if (i < col->size()) {
          const auto& e = (*col)[i];
          r.push_back(t(e.code));
          r.push_back(t(e.name));
          r.push_back(f(e.code, e.v));
        } else {
          r.push_back(t(""));
          r.push_back(t(""));
          r.push_back(t(""));
        }
      }
      o.row(r);
    }
    o.row({t("人员经费合计"), t(""), f("人员经费合计", m.personnel), t("公用经费合计"), t(""), t(""), t(""), t(""), f("公用经费合计", m.public_use)});
    table_note("本表反映部门本年度一般公共预算财政拨款基本支出明细情况。");
  }

  void empty_table(const std::string& code) {
    if (code == "公开07表") {
      table_head("政府性基金预算财政拨款收入支出决算表", code);
      if (o.layout() == Layout::tab) {
        o.line("项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余");
        o.line("科目代码\t科目名称\t\t\t小计\t基本支出\t项目支出\t");
        o.line("栏次\t\t1\t2\t3\t4\t5\t6");
      } else {
        o.spaced("项目 年初结转和结余 本年收入 本年支出 年末结转和结余");
        o.spaced("科目代码 科目名称 小计 基本支出 项目支出");
        o.spaced("栏次 1 2 3 4 5 6");
      }
      o.spaced("合计");
      table_note("本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
                 "本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。");
    } else {
      table_head("国有资本经营预算财政拨款支出决算表", code);
      if (o.layout() == Layout::tab) {
        o.line("项目\t\t本年支出\t\t");
        o.line("科目代码\t科目名称\t合计\t基本支出\t项目支出");
        o.line("栏次\t\t1\t2\t3");
      } else {
        o.spaced("项目 本年支出");
        o.spaced("科目代码 科目名称 合计 基本支出 项目支出");
        o.spaced("栏次 1 2 3");
      }
      o.spaced("合计");
      table_note("本表反映部门本年度国有资本经营预算财政拨款支出情况。", "本部门没有使用国有资本经营预算安排的支出，故本表无数据。");
    }
  }

  void t09() {
    table_head("财政拨款“三公”经费支出决算表", "公开09表");
    if (o.layout() == Layout::tab) {
      o.line("预算数\t\t\t\t\t\t决算数\t\t\t\t\t");
      o.line("合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接待费");
      o.line("\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t");
      o.line("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12");
    } else {
      o.spaced("预算数 决算数");
      o.spaced("合计 因公出国 (境)费 公务用车购置及运行维护费 公务接待费 合计 因公出国 (境)费 公务用车购置及运行维护费 公务接待费");
      o.spaced("小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费");
      o.spaced("1 2 3 4 5 6 7 8 9 10 11 12");
    }
    std::vector<CellOut> r;
    for (int part = 0; part < 2; ++part) {
      const Cents* v = part == 0 ? m.sg_budget : m.sg_final;
      const int b = part * 6;
      r.push_back(f(std::to_string(b + 1), v[0] + v[1] + v[2] + v[3]));
      r.push_back(f(std::to_string(b + 2), v[0]));
      r.push_back(f(std::to_string(b + 3), v[1] + v[2]));
      r.push_back(f(std::to_string(b + 4), v[1]));
      r.push_back(f(std::to_string(b + 5), v[2]));
      r.push_back(f(std::to_string(b + 6), v[3]));
    }
    const bool none = m.sg_budget[0] + m.sg_budget[1] + m.sg_budget[2] + m.sg_budget[3] + m.sg_final[0] + m.sg_final[1] + m.sg_final[2] + m.sg_final[3] == 0;
    o.row(r);
    table_note("本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
               none ? "本部门没有“三公”经费预算，也没有“三公”经费支出，故本表无数据。" : "");
  }

  // ---- narrative -------------------------------------------------------
  Seg s(std::string x) { return {std::move(x), ""}; }
  Seg n(const std::string& key, std::string shown) { return o.nfig("说明|" + key, std::move(shown)); }
  std::string yr() const { return y24 ? fmt::format("{} 年度，", m.year) : fmt::format("{} 年度", m.year); }

  // "增加 X 万元，增长 p%" for cur vs prior
  void yoy(std::vector<Seg>& v, const std::string& key, Cents cur, Cents prior, const std::string& what) {
    const Cents d = cur - prior;
    v.push_back(s(what + (d >= 0 ? "增加 " : "减少 ")));
    v.push_back(n(key + "|变化额", fixed2(d < 0 ? -d : d)));
    v.push_back(s(d >= 0 ? " 万元，增长 " : " 万元，下降 "));
    v.push_back(n(key + "|变化率", pct2(d < 0 ? -d : d, prior)));
    v.push_back(s("%"));
  }

  void narrative() {
    const Cents total = m.total(), tb = m.total_basic(), tp = m.total_project();
    const bool tab = o.layout() == Layout::tab;
    o.spaced("第三部分");
    o.spaced(fmt::format("{} 年度部门决算情况说明", m.year));
    o.table.clear();
    o.spaced("一、收入支出决算总体情况说明");
    std::vector<Seg> v = {s(yr() + "收、支总计均为 "), n("一|收支总计", fixed2(total)), s(" 万元。与上年度相比，")};
    yoy(v, "一|收支总计", total, m.prior_total, "收、支总计各");
    v.push_back(s("。主要原因是" + m.reasons_change + "。"));
    o.para(v);
    o.spaced("二、收入决算情况说明");
    v = {s(yr() + "收入合计 "), n("二|收入合计", fixed2(total)), s(" 万元，其中：财政拨款收入 "), n("二|财政拨款收入", fixed2(total)), s(" 万元，占 "),
         n("二|财政拨款收入|占比", pct2(total, total)), s("%；上级补助收入 0.00 万元，占 0.00%；事业收入 0.00 万元，占 0.00%；经营收入 0.00 万元，占 0.00%；附属单位上缴收入 0.00 万元，占 0.00%；其他收入 0.00 万元，占 0.00%。")};
    o.para(v);
    o.spaced("三、支出决算情况说明");
    v = {s(yr() + "支出合计 "), n("三|支出合计", fixed2(total)), s(" 万元，其中：基本支出 "), n("三|基本支出", fixed2(tb)), s(" 万元，占 "),
         n("三|基本支出|占比", pct2(tb, total)), s("%；项目支出 "), n("三|项目支出", fixed2(tp)), s(" 万元，占 "), n("三|项目支出|占比", pct2(tp, total)),
         s("%；上缴上级支出 0.00 万元，占 0.00%；经营支出 0.00 万元，占 0.00%；对附属单位补助支出 0.00 万元，占 0.00%。")};
    o.para(v);
    o.spaced("四、财政拨款收入支出决算总体情况说明");
    v = {s(yr() + "财政拨款收、支总计均为 "), n("四|财政拨款收支总计", fixed2(total)), s(" 万元。与上年度相比，")};
    yoy(v, "四|财政拨款收支总计", total, m.prior_total, "财政拨款收、支总计各");
    v.push_back(s("。主要原因是" + m.reasons_change + "。"));
    o.para(v);
    o.spaced("五、一般公共预算财政拨款支出决算情况说明");
    o.spaced("（一）总体情况");
    v = {s(yr() + "一般公共预算财政拨款支出 "), n("五|一般公共预算支出", fixed2(total)), s(" 万元，占支出合计的 "), n("五|一般公共预算支出|占比", pct2(total, total)),
         s("%。与上年度相比，")};
    yoy(v, "五|一般公共预算支出", total, m.prior_total, "一般公共预算财政拨款支出");
    v.push_back(s("。主要原因是" + m.reasons_change + "。"));
    o.para(v);
    o.spaced("（二）结构情况");
    v = {s(yr() + "一般公共预算财政拨款支出 "), n("五二|合计", fixed2(total)), s(" 万元，主要用于以下方面：")};
    const auto ls = leis();
    for (std::size_t i = 0; i < ls.size(); ++i) {
      std::string name;
      for (const auto& x : m.xiang)
        if (x.lei == ls[i]) name = x.lei_name;
      if (y24 && name.ends_with("支出")) name = name.substr(0, name.size() - 6) + "（类）支出 ";
      else name += "（类）";
      v.push_back(s(name));
      v.push_back(n("五二|" + ls[i], fixed2(lei_total(ls[i], 0))));
      v.push_back(s(" 万元，占 "));
      v.push_back(n("五二|" + ls[i] + "|占比", pct2(lei_total(ls[i], 0), total)));
      v.push_back(s(i + 1 == ls.size() ? "%。" : "%；"));
    }
    o.para(v);
    o.spaced("（三）具体情况");
    Cents start_total = 0;
    for (const auto& x : m.xiang) start_total += x.budget_start;
    v = {s(yr() + "一般公共预算财政拨款支出年初预算为 "), n("五三|年初预算", fixed2(start_total)), s(" 万元，支出决算为 "), n("五三|决算", fixed2(total)),
         s(" 万元，完成年初预算的 "), n("五三|完成率", pct2(total, start_total)), s("%。其中：")};
    o.para(v);
    int k = 0;
    for (const auto& x : m.xiang) {
      ++k;
      v = {s(fmt::format("{}. {}（类）{}（款）{}（项）。年初预算数为 ", k, x.lei_name, x.kuan_name, x.name)), n("五三|" + x.code + "|年初预算", fixed2(x.budget_start)),
           s(" 万元，决算数 "), n("五三|" + x.code + "|决算", fixed2(x.total())), s(" 万元，完成年初预算的 "),
           n("五三|" + x.code + "|完成率", pct2(x.total(), x.budget_start)),
           s(x.total() == x.budget_start ? "%，决算数与年初预算数无差异。" : "%，决算数与年初预算数存在差异的主要原因是" + m.reasons_budget + "。")};
      o.para(v);
    }
    o.spaced("六、一般公共预算财政拨款基本支出决算情况说明");
    v = {s(yr() + "一般公共预算财政拨款基本支出 "), n("六|基本支出", fixed2(tb)), s(" 万元。与上年度相比，")};
    yoy(v, "六|基本支出", tb, m.prior_personnel + m.prior_public, "一般公共预算财政拨款基本支出");
    v.push_back(s("。主要原因是" + m.reasons_change + "。"));
    o.para(v);
    v = {s("其中：人员经费 "), n("六|人员经费", fixed2(m.personnel)), s(" 万元，与上年度相比，")};
    yoy(v, "六|人员经费", m.personnel, m.prior_personnel, "人员经费支出");
    v.push_back(s("。主要包括：" + nonzero_names({&m.e301, &m.e303}) + "。"));
    o.para(v);
    v = {s("公用经费 "), n("六|公用经费", fixed2(m.public_use)), s(" 万元，与上年度相比，")};
    yoy(v, "六|公用经费", m.public_use, m.prior_public, "公用经费支出");
    v.push_back(s("。主要包括：" + nonzero_names({&m.e302, &m.e307, &m.e310, &m.e399}) + "。"));
    o.para(v);
    o.spaced("七、政府性基金预算财政拨款支出决算情况说明");
    o.para({s(fmt::format("本部门 {} 年度没有政府性基金收入，也没有使用政府性基金安排的支出。", m.year))});
    o.spaced("八、国有资本经营预算财政拨款支出决算情况说明");
    o.para({s(fmt::format("本部门 {} 年度没有国有资本经营收入，也没有使用国有资本经营安排的支出。", m.year))});
    sangong();
    o.spaced("十、机关运行经费支出情况说明");
    if (m.administrative) {
      v = {s(yr() + "机关运行经费年初预算为 "), n("十|年初预算", fixed2(m.admin_budget)), s(" 万元，支出决算为 "), n("十|决算", fixed2(m.public_use)),
           s(" 万元，完成年初预算的 "), n("十|完成率", pct2(m.public_use, m.admin_budget)), s("%。机关运行经费较上年度")};
      yoy(v, "十|机关运行经费", m.public_use, m.prior_public, "");
      v.push_back(s("，主要原因是" + m.reasons_change + "。"));
      o.para(v);
    } else {
      o.para({s("本部门不是行政机关，也不是参照公务员法管理的事业单位，没有机关运行经费支出。")});
    }
    o.spaced("十一、政府采购支出情况说明");
    const Cents proc = m.proc_goods + m.proc_works + m.proc_services;
    v = {s(yr() + "政府采购支出总额 "), n("十一|总额", fixed2(proc)), s(" 万元，其中：政府采购货物支出 "), n("十一|货物", fixed2(m.proc_goods)),
         s(" 万元、政府采购工程支出 "), n("十一|工程", fixed2(m.proc_works)), s(" 万元、政府采购服务支出 "), n("十一|服务", fixed2(m.proc_services)),
         s(" 万元。授予中小企业合同金额 "), n("十一|中小企业", fixed2(m.proc_sme)), s(" 万元，占政府采购支出总额的 "), n("十一|中小企业|占比", pct2(m.proc_sme, proc)),
         s("%，其中：授予小微企业合同金额 "), n("十一|小微企业", fixed2(m.proc_micro)), s(" 万元，占政府采购支出总额的 "),
         n("十一|小微企业|占比", pct2(m.proc_micro, proc)), s("%。")};
    o.para(v);
    o.spaced("十二、国有资产占用情况说明");
    const char* kinds[8] = {"省级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障车", "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车"};
    std::string cars = fmt::format("{} 年期末，本部门共有车辆 {} 辆，其中：", m.year, m.vehicles_total);
    for (int i = 0; i < 8; ++i) cars += fmt::format("{}{} {} 辆", i ? "、" : "", kinds[i], m.vehicle_kinds[i]);
    cars += "；单价 100 万元（含）以上设备（不含车辆）0 台。";
    o.para({s(cars)});
    performance_narrative();
    (void)tab;
  }

  std::string nonzero_names(std::initializer_list<const std::vector<EconItem>*> groups) const {
    std::string out;
    for (const auto* g : groups)
      for (const auto& e : *g)
        if (e.amount != 0) out += (out.empty() ? "" : "、") + e.name;
    return out;
  }

  void sangong() {
    o.spaced("九、财政拨款“三公”经费支出决算情况说明");
    o.spaced("（一）“三公”经费财政拨款支出决算总体情况说明");
    const Cents* b = m.sg_budget;
    const Cents* f_ = m.sg_final;
    const Cents bt = b[0] + b[1] + b[2] + b[3], ft = f_[0] + f_[1] + f_[2] + f_[3];
    std::vector<Seg> v = {s(yr() + "“三公”经费财政拨款支出全年预算为 "), n("九|预算", fixed2(bt)), s(" 万元，支出决算为 "), n("九|决算", fixed2(ft)),
                          s(" 万元，完成全年预算的 "), n("九|完成率", pct2(ft, bt)),
                          s(bt == ft ? "%。决算数与全年预算数无差异。" : "%。决算数与全年预算数存在差异的主要原因是厉行节约，严格控制“三公”经费支出。")};
    o.para(v);
    o.spaced("（二）“三公”经费财政拨款支出决算具体情况说明");
    const Cents car_b = b[1] + b[2], car_f = f_[1] + f_[2];
    v = {s(yr() + "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算 "), n("九|出国|决算", fixed2(f_[0])), s(" 万元，完成全年预算的 "),
         n("九|出国|完成率", pct2(f_[0], b[0])), s("%，占 "), n("九|出国|占比", pct2(f_[0], ft)), s("%；公务用车购置及运行费支出决算 "),
         n("九|车|决算", fixed2(car_f)), s(" 万元，完成全年预算的 "), n("九|车|完成率", pct2(car_f, car_b)), s("%，占 "), n("九|车|占比", pct2(car_f, ft)),
         s("%；公务接待费支出决算 "), n("九|接待|决算", fixed2(f_[3])), s(" 万元，完成全年预算的 "), n("九|接待|完成率", pct2(f_[3], b[3])), s("%，占 "),
         n("九|接待|占比", pct2(f_[3], ft)), s("%。具体情况如下：")};
    o.para(v);
    o.para({s("1. 因公出国（境）费，全年预算为 "), n("九1|预算", fixed2(b[0])), s(" 万元，支出决算为 "), n("九1|决算", fixed2(f_[0])), s(" 万元，完成全年预算的 "),
            n("九1|完成率", pct2(f_[0], b[0])), s(fmt::format("%。全年因公出国（境）团组 {} 个，累计 {} 人次。", m.sg_groups, m.sg_people))});
    o.para({s("2. 公务用车购置及运行费，全年预算为 "), n("九2|预算", fixed2(car_b)), s(" 万元，支出决算为 "), n("九2|决算", fixed2(car_f)), s(" 万元，完成全年预算的 "),
            n("九2|完成率", pct2(car_f, car_b)), s("%。其中：")});
    o.para({s("公务用车购置支出 "), n("九2|购置", fixed2(f_[1])), s(" 万元。")});
    o.para({s("公务用车运行支出 "), n("九2|运行", fixed2(f_[2])),
            s(fmt::format(" 万元。主要用于支付公务用车的加油、保养、日常维修等费用。{} 年期末，本部门开支财政拨款的公务用车保有量为 {} 辆。", m.year, m.vehicles_kept))});
    o.para({s("3. 公务接待费，全年预算为 "), n("九3|预算", fixed2(b[3])), s(" 万元，支出决算为 "), n("九3|决算", fixed2(f_[3])), s(" 万元，完成全年预算的 "),
            n("九3|完成率", pct2(f_[3], b[3])), s("%。其中：")});
    o.para({s(fmt::format("外宾接待支出 0.00 万元。{} 年共接待国（境）外来访团组 0 个、来访外宾 0 人次（不包括陪同人员）。", m.year))});
    o.para({s("其他国内公务接待支出 "), n("九3|国内", fixed2(f_[3])),
            s(fmt::format(" 万元。{} 年共接待国内来访团组 {} 个、来宾 {} 人次（不包括陪同人员）。", m.year, m.reception_groups, m.reception_people))});
  }

  void performance_narrative() {
    o.spaced("十三、预算绩效情况说明");
    o.spaced("（一）绩效管理工作开展情况");
    o.para({s("根据统一部署和要求，本部门采取“事前申报绩效目标和指标、事中开展绩效自主监控、事后进行绩效评价”的方式，建立了贯穿项目支出全过程的绩效管理模式。本部门整体绩效自评得分 "),
            n("十三|整体得分", m.dept_total.to_string(2)), s(" 分，评价等级为" + grade_of(m.dept_total) + "。")});
    o.spaced("（二）部门整体和项目绩效自评结果");
    Cents full = 0, spent = 0;
    for (const auto& p : m.projects) full += p.full, spent += p.spent;
    o.para({s(fmt::format("{} 年度，本部门项目全年预算合计 ", m.year)), n("十三|项目全年预算", fixed2(full)), s(" 万元（含上年结转资金），支出合计 "),
            n("十三|项目支出", fixed2(spent)), s(" 万元，预算执行率 "), n("十三|项目执行率", pct2(spent, full)), s("%。自评结果如下：")});
    int g[4] = {0, 0, 0, 0}, met = 0;
    for (const auto& p : m.projects) {
      const std::string gr = grade_of(p.total);
      g[gr == "优" ? 0 : gr == "良" ? 1 : gr == "中" ? 2 : 3]++;
      if (p.all_met) ++met;
    }
    const int cnt = static_cast<int>(m.projects.size());
    std::vector<Seg> v = {s(fmt::format("本部门需绩效自评项目 {} 个，实际自评 {} 个，", cnt, cnt)), n("十三|优", std::to_string(g[0])), s(" 个项目自评等级为优，"),
                          n("十三|良", std::to_string(g[1])), s(" 个项目自评为良，"), n("十三|中", std::to_string(g[2])), s(" 个项目自评为中，"),
                          n("十三|差", std::to_string(g[3])), s(" 个项目自评为差；"), n("十三|完成", std::to_string(met)), s(" 个项目完成所有绩效指标，"),
                          n("十三|偏差", std::to_string(cnt - met)), s(" 个项目目标完成存在偏差。")};
    o.para(v);
    o.para({s("好的方面：绩效自评立项依据充分，立项过程规范，能够有效开展绩效目标管理工作，绩效目标和指标设置合理。投入管理方面，工作目标分工明确、各项管理制度基本健全、绩效管理有效；产出方面，各项产出目标基本实现、产出质量较高；效益方面，经济效益、社会效益和生态效益基本实现。")});
    o.para({s("存在问题：部分项目绩效指标设定不够精准，个别产出指标低于预期，项目实施进度有待加快。")});
    o.para({s("下步措施：提高对预算绩效管理的认识，充分理解财政绩效指标评价体系，不断加强系统学习；加强项目前期论证，科学设置绩效目标，强化绩效运行监控，推动评价结果与预算安排有机结合。")});
    o.spaced("（三）重点绩效评价结果");
    o.para({s(fmt::format("{} 年度，本部门无重点绩效评价项目。", m.year))});
  }

  // ---- performance tables -----------------------------------------------
  std::string eval_month() const { return fmt::format("{} 年 04 月", m.year + 1); }
  std::string score_text(const Number& x) const { return x.to_string(2); }

  void indicator_rows(const std::vector<Indicator>& inds, const std::string& prefix) {
    std::string l1, l2;
    for (const auto& ind : inds) {
      std::vector<CellOut> r = {t(ind.level1 == l1 ? "" : ind.level1), t(ind.level2 == l2 && ind.level1 == l1 ? "" : ind.level2), t(ind.level3), t(ind.target),
                                t(ind.actual), t(std::to_string(ind.weight)), o.fig(prefix + "|" + ind.level3 + "|得分", score_text(ind.score)), t(ind.deviation),
                                t(ind.reason)};
      l1 = ind.level1, l2 = ind.level2;
      o.row(r);
    }
  }

  void fund_rows(const std::string& prefix, const std::string& first, Cents start, Cents full, Cents spent, const Number& score, bool dept) {
    const std::string rate = pct2(spent, full) + "%";
    o.row({t(""), t(first), o.fig(prefix + "|总额|年初预算数", trimmed(start)), o.fig(prefix + "|总额|全年预算数", trimmed(full)),
           o.fig(prefix + "|总额|全年执行数", trimmed(spent)), t("10"), o.fig(prefix + "|总额|执行率", rate), o.fig(prefix + "|总额|得分", score_text(score))});
    o.row({t(""), t(dept ? "资金来源：（1）财政拨款" : "财政拨款"), o.fig(prefix + "|财政拨款|年初预算数", trimmed(start)),
           o.fig(prefix + "|财政拨款|全年预算数", trimmed(full)), o.fig(prefix + "|财政拨款|全年执行数", trimmed(spent)), t("-"),
           o.fig(prefix + "|财政拨款|执行率", rate), t("-")});
    o.row({t(""), t(dept ? "（2）财政专户管理资金" : "财政专户管理资金"), t("0"), t("0"), t("0"), t("-"), t("0.00%"), t("-")});
    o.row({t(""), t(dept ? "（3）单位资金" : "单位资金"), t("0"), t("0"), t("0"), t("-"), t("0.00%"), t("-")});
  }

  void indicator_header() {
    o.blank();
    o.spaced("绩效指标");
    o.row({t("一级指标"), t("二级指标"), t("三级指标"), t("年度指标值"), t("实际完成值"), t("分值"), t("得分"), t("偏差度"), t("偏差原因分析及改进措施")});
  }

  void dept_perf() {
    o.table = "部门整体支出绩效自评情况表";
    o.maybe_page();
    o.spaced("部门整体支出绩效自评情况表");
    o.spaced(eval_month());
    o.spaced("部门（单位）名称");
    o.spaced(dept_for("部门整体"));
    o.row({t("部门整体支出情况 (万元)"), t(""), t("年初预算数"), t("全年预算数"), t("全年执行数"), t("分值"), t("执行率"), t("得分")});
    fund_rows("部门整体", "部门预算总额", m.dept_start, m.dept_full, m.dept_spent, m.dept_rate_score, true);
    o.blank();
    o.spaced("预期目标");
    o.spaced("实际完成情况");
    o.spaced("年度履职目标");
    std::string duties;
    for (const auto& d : m.duties) duties += d + "。";
    o.spaced(duties);
    o.spaced(fmt::format("{} 年{}", m.year, duties));
    indicator_header();
    indicator_rows(m.dept_indicators, "部门整体");
    o.row({t("总分"), t(""), t(""), t(""), t(""), t("100"), o.fig("部门整体|总分", score_text(m.dept_total)), t(""), t("")});
    o.blank();
  }

  void project_perf(const Project& p, std::size_t idx) {
    o.table = "项目支出绩效自评情况表";
    const std::string prefix = fmt::format("项目{}", idx + 1);
    o.maybe_page();
    o.spaced("项目支出绩效自评情况表");
    o.spaced(eval_month());
    o.row({t("项目名称"), t(p.name), t(""), t(""), t(""), t(""), t(""), t("")});
    o.row({t("主管部门"), t(m.department), t(""), t("实施单位"), t(""), t(m.department), t(""), t("")});
    o.row({t("项目资金 (万元)"), t(""), t("年初预算数"), t("全年预算数"), t("全年执行数"), t("分值"), t("执行率"), t("得分")});
    fund_rows(prefix, "年度资金总额：", p.start, p.full, p.spent, p.rate_score, false);
    o.row({t("资金管理情况"), t("情况说明"), t(""), t("分值（20）"), t("得分"), t("存在问题和改进措施")});
    for (auto [a, b] : std::vector<std::pair<const char*, const char*>>{
             {"安排科学性", "资金安排科学"}, {"拨付合规性", "资金拨付合规"}, {"使用规范性", "资金使用规范"}, {"预算绩效管理情况", "预算绩效管理完善"}})
      o.row({t(""), t(a), t(b), t("5"), t("5"), t("")});
    o.row({t("年度总体目标"), t("预期目标"), t(""), t("实际完成情况")});
    o.row({t(""), t("按计划完成" + p.name.substr(0, p.name.find("（")) + "相关工作任务，保障工作正常开展。"), t(""), t("已按计划完成年度工作任务。")});
    indicator_header();
    indicator_rows(p.indicators, prefix);
    o.row({t("总分"), t(""), t(""), t(""), t(""), t("100"), o.fig(prefix + "|总分", score_text(p.total)), t(""), t("")});
    o.blank();
  }

  // ---- whole document ---------------------------------------------------
  const std::vector<std::pair<std::string, std::string>>& tables() const {
    static const std::vector<std::pair<std::string, std::string>> v = {
        {"公开01表", "收入支出决算总表"}, {"公开02表", "收入决算表"}, {"公开03表", "支出决算表"},
        {"公开04表", "财政拨款收入支出决算总表"}, {"公开05表", "一般公共预算财政拨款支出决算表"},
        {"公开06表", "一般公共预算财政拨款基本支出决算明细表"}, {"公开07表", "政府性基金预算财政拨款收入支出决算表"},
        {"公开08表", "国有资本经营预算财政拨款支出决算表"}, {"公开09表", "财政拨款“三公”经费支出决算表"}};
    return v;
  }

  void document() {
    o.blank();
    o.spaced(fmt::format("{} 年度", m.year));
    o.spaced(m.department + "部门决算公开");
    o.spaced(m.year == 2023 ? "二〇二四年九月" : "2025 年 8 月");
    o.spaced("目 录");
    o.spaced("第一部分 " + m.department + "概况");
    o.spaced("一、部门职责");
    o.spaced("二、机构设置");
    o.spaced(fmt::format("第二部分 {} 年度部门决算表", m.year));
    int i = 0;
    for (const auto& [code, title] : tables()) o.toc_entry(code, fmt::format("{}、{}", kCnNum[++i], title));
    o.spaced(fmt::format("第三部分 {} 年度部门决算情况说明", m.year));
    const char* secs[] = {"收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明", "财政拨款收入支出决算总体情况说明",
                          "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款基本支出决算情况说明", "政府性基金预算财政拨款支出决算情况说明",
                          "国有资本经营预算财政拨款支出决算情况说明", "财政拨款“三公”经费支出决算情况说明", "机关运行经费支出情况说明",
                          "政府采购支出情况说明", "国有资产占用情况说明", "预算绩效情况说明"};
    i = 0;
    for (const char* sname : secs) o.spaced(fmt::format("{}、{}", kCnNum[++i], sname));
    o.spaced("第四部分 名词解释");
    o.spaced("第一部分");
    o.spaced(m.department + "概况");
    o.spaced("一、部门职责");
    i = 0;
    for (const auto& d : m.duties) o.para({s(fmt::format("{}. {}。", ++i, d))});
    o.spaced("二、机构设置");
    std::string offices;
    for (const auto& x : m.offices) offices += (offices.empty() ? "" : "、") + x;
    o.para({s(fmt::format("{}内设机构 {} 个，包括：{}。", m.department, m.offices.size(), offices))});
    o.para({s(fmt::format("从决算单位构成看，{}部门决算包括：本级决算。", m.department))});
    o.spaced("第二部分");
    o.spaced(fmt::format("{} 年度部门决算表", m.year));
    auto skip = [&](const std::string& c) { return std::find(skip_tables.begin(), skip_tables.end(), c) != skip_tables.end(); };
    if (!skip("公开01表")) t01();
    if (!skip("公开02表"))
      hierarchy("公开02表", "收入决算表", {"本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
                "本表反映部门本年度取得的各项收入情况。");
    if (!skip("公开03表"))
      hierarchy("公开03表", "支出决算表", {"本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"},
                "本表反映部门本年度各项支出情况。");
    if (!skip("公开04表")) t04();
    if (!skip("公开05表")) hierarchy("公开05表", "一般公共预算财政拨款支出决算表", {"小计", "基本支出", "项目支出"}, "本表反映部门本年度一般公共预算财政拨款支出情况。");
    if (!skip("公开06表")) t06();
    if (!skip("公开07表")) empty_table("公开07表");
    if (!skip("公开08表")) empty_table("公开08表");
    if (!skip("公开09表")) t09();
    narrative();
    dept_perf();
    for (std::size_t k = 0; k < m.projects.size(); ++k) project_perf(m.projects[k], k);
    o.table.clear();
    o.spaced("第四部分 名词解释");
    for (const char* term : {"一、财政拨款收入：指本级财政当年拨付的资金。", "二、基本支出：为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
                             "三、项目支出：基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
                             "四、“三公”经费：纳入同级财政预决算管理的“三公”经费，指单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
                             "五、机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
                             "六、工资福利支出：单位支付给在职职工和编制外长期聘用人员的各类劳动报酬，以及为上述人员缴纳的各项社会保险费等。",
                             "七、商品和服务支出：单位购买商品和服务的支出。", "八、对个人和家庭的补助支出：单位用于对个人和家庭的补助支出。",
                             "九、年末结转：本年度或以前年度预算安排，已执行但尚未完成或因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
                             "十、年末结余：本年度或以前年度预算安排，已执行完毕或因客观条件发生变化无法按原预算安排实施，不需要再使用或无法按原预算安排继续使用的资金。"})
      o.para({s(term)});
  }
};

}  // namespace

// ---- defects ---------------------------------------------------------------

namespace {

struct Plan {                     // what to plant, decided before writing
  std::string cls;
  std::string key;                // figure key ("" for missing table / department)
  std::string planted;            // new text of the figure
  std::string table, subject, row, column, section;
  std::string original;
};

}  // namespace

// A different amount: at least 0.05 away, more than rounding can explain in any
// relation the figure takes part in (the widest: a 公开03表 row, 合计 and six
// columns, 7 × 0.005 = 0.035), and a visible change.
std::string shifted_amount(Rng& rng, const std::string& shown, bool grouped) {
  Number v = shown.empty() ? Number(0) : *Number::parse_decimal(shown);
  Cents c = 0;
  {
    Number cents = v * Number(100);
    c = std::stoll(cents.to_fixed(0));
  }
  Cents d = rng.chance(50) ? rng.range(5, 99) : rng.range(100, 99999);
  if (c - d < 0 || rng.chance(50)) c += d; else c -= d;
  return grouped ? grouped2(c) : fixed2(c);
}

std::string shifted_percent(Rng& rng, const std::string& shown) {
  Number v = *Number::parse_decimal(shown);
  Number d = Number::fraction(rng.range(100, 999), 100);
  if (v - d < Number(0) || rng.chance(50)) v += d; else v -= d;
  return v.to_fixed(2);
}

const std::vector<std::string>& defect_classes() {
  static const std::vector<std::string> v = {"table_cell", "hierarchy_total", "cross_table", "narrative_amount", "share", "yoy_rate",
                                              "score", "missing_table", "department_name", "sangong_total", "grade_count"};
  return v;
}

const std::vector<std::string>& defect_classes(DocKind k) {
  static const std::vector<std::string> budget = {"table_cell", "hierarchy_total", "cross_table", "narrative_amount", "share",
                                                   "yoy_rate", "missing_table", "department_name", "sangong_total"};
  return k == DocKind::budget2025 ? budget : defect_classes();
}

const char* kind_name(DocKind k) { return k == DocKind::final2023 ? "final2023" : k == DocKind::final2024 ? "final2024" : "budget2025"; }
const char* layout_name(Layout l) { return l == Layout::tab ? "tab" : "space"; }
std::optional<DocKind> parse_kind(std::string_view s) {
  if (s == "final2023") return DocKind::final2023;
  if (s == "final2024") return DocKind::final2024;
  if (s == "budget2025") return DocKind::budget2025;
  return std::nullopt;
}
std::optional<Layout> parse_layout(std::string_view s) {
  if (s == "tab") return Layout::tab;
  if (s == "space") return Layout::space;
  return std::nullopt;
}

std::uint64_t document_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + index + 1;  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Generated generate(const Options& opt) {
  if (opt.kind == DocKind::budget2025) return generate_budget(opt);
  Rng rng(opt.seed);
  Model m = draw_model(opt.kind, rng);
  const bool y24 = opt.kind == DocKind::final2024;

  // First pass: write without defects to learn every figure's printed text.
  Out probe(opt.layout, {});
  Writer pw{m, probe, y24, "", "", {}};
  pw.document();

  Plan plan;
  plan.cls = opt.plant;
  Rng drng(document_seed(opt.seed, 0xD5));
  auto pick_key = [&](const std::string& prefix, bool nonempty) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : probe.printed)
      if (k.starts_with(prefix) && (!nonempty || (!v.empty() && v != "0"))) keys.push_back(k);
    return keys.empty() ? std::string() : drng.pick(keys);
  };
  auto split_key = [&](const std::string& key) {
    std::vector<std::string> parts;
    std::size_t a = 0;
    for (;;) {
      auto b = key.find('|', a);
      parts.push_back(key.substr(a, b == std::string::npos ? std::string::npos : b - a));
      if (b == std::string::npos) break;
      a = b + 1;
    }
    return parts;
  };
  const std::string& c = opt.plant;
  std::map<std::string, std::string> overrides;
  std::string dept_table, dept_variant;
  std::vector<std::string> skip;
  if (!c.empty()) {
    std::string key;
    bool percent = false, integer = false;
    if (c == "table_cell") {
      std::vector<std::string> keys;
      for (const auto& x : m.xiang) keys.push_back("公开03表|" + x.code + "|" + (x.basic ? "基本支出" : "项目支出"));
      key = drng.pick(keys);
    } else if (c == "hierarchy_total") {
      std::vector<std::string> keys;
      for (const auto& x : m.xiang) keys.push_back("公开05表|" + x.lei + "|小计");
      key = drng.pick(keys);
    } else if (c == "cross_table") {
      key = pick_key("公开01表|3", true);  // an expenditure 类 row (行次 3x/4x/5x)
      if (key.empty()) key = "公开01表|27";
    } else if (c == "narrative_amount") {
      key = drng.pick(std::vector<std::string>{"说明|三|基本支出", "说明|三|项目支出", "说明|二|收入合计", "说明|六|人员经费", "说明|六|公用经费", "说明|一|收支总计"});
    } else if (c == "share") {
      key = drng.pick(std::vector<std::string>{"说明|三|基本支出|占比", "说明|三|项目支出|占比"});
      percent = true;
    } else if (c == "yoy_rate") {
      key = drng.pick(std::vector<std::string>{"说明|一|收支总计|变化率", "说明|六|基本支出|变化率", "说明|六|人员经费|变化率", "说明|六|公用经费|变化率"});
      percent = true;
    } else if (c == "score") {
      const std::size_t p = static_cast<std::size_t>(drng.range(0, static_cast<std::int64_t>(m.projects.size()) - 1));
      key = fmt::format("项目{}|总额|得分", p + 1);
      percent = true;  // a score with 2 decimals: shifted like a percentage
    } else if (c == "sangong_total") {
      key = "公开09表|7";
    } else if (c == "grade_count") {
      key = "说明|十三|优";
      integer = true;
    } else if (c == "missing_table") {
      plan.table = drng.pick(std::vector<std::string>{"公开07表", "公开08表", "公开09表", "公开06表"});
      skip.push_back(plan.table);
      plan.original = "（表存在）";
    } else if (c == "department_name") {
      dept_table = drng.pick(std::vector<std::string>{"公开02表", "公开03表", "公开04表", "公开05表", "公开09表"});
      dept_variant = m.department.substr(0, m.department.size() - 3) + (m.department.ends_with("局") ? "所" : "局");
      plan.table = dept_table;
      plan.row = "部门名称";
      plan.original = m.department;
      plan.planted = dept_variant;
    }
    if (!key.empty()) {
      const std::string shown = probe.printed.at(key);
      std::string planted;
      if (integer) planted = std::to_string(std::stoi(shown) + (shown == "0" || drng.chance(50) ? 1 : -1));
      else if (percent) planted = shifted_percent(drng, shown);
      else planted = shifted_amount(drng, shown, !key.starts_with("说明") && !key.starts_with("项目"));
      overrides[key] = planted;
      plan.key = key;
      plan.original = shown.empty() ? "（空白）" : shown;
      plan.planted = planted;
      auto parts = split_key(key);
      if (parts[0] == "说明") {
        plan.section = parts[1];
        for (std::size_t i = 2; i < parts.size(); ++i) plan.column += (i > 2 ? "|" : "") + parts[i];
      } else if (parts[0].starts_with("项目")) {
        plan.table = "项目支出绩效自评情况表";
        plan.subject = m.projects[std::stoul(parts[0].substr(6)) - 1].name;
        plan.row = "年度资金总额";
        plan.column = "得分";
      } else {
        plan.table = parts[0];
        plan.row = parts.size() > 1 ? parts[1] : "";
        plan.column = parts.size() > 2 ? parts[2] : (parts[0] == "公开09表" ? "决算数|合计" : "金额");
      }
    }
  }

  Out out(opt.layout, overrides);
  Writer w{m, out, y24, dept_table, dept_variant, skip};
  w.document();
  Generated g;
  g.text = std::move(out.text);
  g.department = m.department;
  g.figures = std::move(out.figures);
  if (!c.empty()) {
    Defect d{plan.cls, plan.table, plan.subject, plan.row, plan.column, plan.section, plan.original, plan.planted, 0};
    if (!plan.key.empty()) d.line = out.where.at(plan.key);
    if (c == "missing_table") d.line = out.toc_line(plan.table);
    if (c == "department_name") {
      // the line of the altered 部门 label
      std::size_t pos = g.text.find(dept_variant + (opt.layout == Layout::space ? " " : "\n"));
      std::uint32_t line = 1;
      for (std::size_t i = 0; i < pos && i < g.text.size(); ++i)
        if (g.text[i] == '\n') ++line;
      d.line = line;
    }
    if (c == "narrative_amount" || c == "share" || c == "yoy_rate" || c == "grade_count") {
      static const std::map<std::string, std::string> names = {
          {"一", "一、收入支出决算总体情况说明"}, {"二", "二、收入决算情况说明"}, {"三", "三、支出决算情况说明"},
          {"六", "六、一般公共预算财政拨款基本支出决算情况说明"}, {"十三", "十三、预算绩效情况说明"}};
      d.section = names.at(plan.section);
    }
    g.defects.push_back(std::move(d));
  }
  return g;
}

}  // namespace gouji::gen
