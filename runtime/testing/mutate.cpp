// Mutation (blind spots) and data coverage. See mutate.hpp.
#include "runtime/testing/mutate.hpp"

#include "lang/program.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace gouji::testing {

namespace {

// A document a pack is run on, with the parameters of the cases that use it.
struct Job {
  const lang::Program* program = nullptr;
  std::string pack;      // as named
  std::string document;  // path, or "file:line" of an inline document
  std::vector<std::pair<std::string, std::string>> params;
  doc::Document doc;
};

std::string pack_label(const Job& j) {
  const auto& p = *j.program;
  return p.pack_name.empty() ? j.pack : fmt::format("{} {}（{}）", p.pack_name, p.pack_version, j.pack);
}

bool collect_jobs(const std::vector<std::pair<TestFile, std::string>>& files, const AnalysisOptions& options,
                  PackCache& cache, std::vector<Job>& jobs, std::string& problems) {
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& [file, default_pack] : files)
    for (const Case& c : file.cases) {
      if (!case_selected(file, c, options.filter)) continue;
      std::string pack = c.pack.empty() ? default_pack : c.pack;
      if (pack.empty()) {
        problems += fmt::format("{}:{}: 案例没有规则包\n", file.path, c.line);
        ok = false;
        continue;
      }
      std::string why;
      const lang::Program* program = cache.get(options.loader, c.pack.empty() ? std::string() : file.path, pack, why);
      if (!program) {
        problems += fmt::format("{}:{}: {}\n", file.path, c.line, why);
        ok = false;
        continue;
      }
      std::string doc_key = c.document.inline_text ? fmt::format("{}:{}", file.path, c.document.line)
                                                   : resolve_document_path(file.path, c.document.path);
      std::string key = fmt::format("{}\x1f{}", static_cast<const void*>(program), doc_key);
      for (const auto& [k, v] : c.params) key += "\x1f" + k + "=" + v;
      if (!seen.insert(key).second) continue;
      bool missing = false;
      auto d = load_case_document(file, c, options.read_document, missing);
      if (auto* e = std::get_if<std::string>(&d)) {
        problems += *e + "\n";
        ok = false;
        continue;
      }
      jobs.push_back({program, pack, doc_key, c.params, std::move(std::get<doc::Document>(d))});
    }
  return ok;
}

eval::Options options_of(const Job& j) {
  eval::Options o;
  for (const auto& [k, v] : j.params) o.params[k] = v;
  return o;
}

std::string outcome_key(const eval::Outcome& o) {
  std::string k = o.rule_id;
  for (const auto& [n, v] : o.bindings) k += "\x1f" + n + "=" + v;
  return k + "\x1f" + o.location.str();
}

// A figure some rule read: a table cell or a narrative figure.
struct Target {
  bool is_cell = true;
  int table = 0, row = 0, col = 0;         // cell
  int section = 0, paragraph = 0;          // narrative figure
  std::size_t begin = 0, end = 0;          // byte range in the paragraph's text
  std::uint32_t line = 0;
  std::vector<std::size_t> rules;          // indices into Program::rules of the rules that read it
};

std::string table_name(const doc::Table& t) { return t.code.empty() ? t.title : t.code; }

std::string row_name(const doc::Row& r) {
  std::string s = r.code;
  if (!r.label.empty()) s += (s.empty() ? "" : " ") + r.label;
  if (s.empty() && r.hangci) s = fmt::format("行{}", *r.hangci);
  return s;
}

std::string column_name(const doc::Table& t, const doc::Row& r, int col) {
  const auto& cols = t.blocks.at(static_cast<std::size_t>(r.block)).columns;
  if (col < 0 || static_cast<std::size_t>(col) >= cols.size()) return "";
  const doc::Column& c = cols[static_cast<std::size_t>(col)];
  std::string h;
  for (const auto& part : c.header) h += (h.empty() ? "" : "/") + part;
  if (c.lanci) return fmt::format("栏{}{}", *c.lanci, h.empty() ? "" : "（" + h + "）");
  return h;
}

std::string section_name(const doc::Document& d, int s) {
  const doc::Section& sec = d.sections.at(static_cast<std::size_t>(s));
  return sec.heading.empty() ? std::string("情况说明") : "情况说明“" + sec.heading + "”";
}

// Finds the positions of the cells and paragraphs a log points to.
struct Index {
  std::unordered_map<const doc::Cell*, std::array<int, 3>> cells;
  std::unordered_map<const doc::Paragraph*, std::pair<int, int>> paragraphs;
  explicit Index(const doc::Document& d) {
    for (std::size_t t = 0; t < d.tables.size(); ++t)
      for (std::size_t r = 0; r < d.tables[t].rows.size(); ++r)
        for (std::size_t c = 0; c < d.tables[t].rows[r].cells.size(); ++c)
          cells[&d.tables[t].rows[r].cells[c]] = {static_cast<int>(t), static_cast<int>(r), static_cast<int>(c)};
    for (std::size_t s = 0; s < d.sections.size(); ++s)
      for (std::size_t p = 0; p < d.sections[s].paragraphs.size(); ++p)
        paragraphs[&d.sections[s].paragraphs[p]] = {static_cast<int>(s), static_cast<int>(p)};
  }
};

// The figures each rule reads, run rule by rule (also the rules' own failures on the original).
struct Baseline {
  std::vector<Target> targets;
  std::vector<std::set<std::string>> fails;  // per rule: keys of FAIL outcomes on the original
};

Baseline baseline(const Job& job) {
  Baseline b;
  const lang::Program& p = *job.program;
  Index index(job.doc);
  std::map<std::array<std::size_t, 4>, std::size_t> where;  // position → target index
  b.fails.resize(p.rules.size());
  eval::PackView view = eval::view_of(p);
  view.scores.clear();
  for (std::size_t ri = 0; ri < p.rules.size(); ++ri) {
    view.rules = {p.rules[ri]};
    eval::AccessLog log;
    eval::Options o = options_of(job);
    o.access = &log;
    eval::Report r = eval::evaluate(view, job.doc, o);
    for (const auto& oc : r.outcomes)
      if (oc.status == eval::Status::fail) b.fails[ri].insert(outcome_key(oc));
    auto add = [&](std::array<std::size_t, 4> key, Target t) {
      auto it = where.find(key);
      if (it == where.end()) {
        it = where.emplace(key, b.targets.size()).first;
        b.targets.push_back(std::move(t));
      }
      auto& rules = b.targets[it->second].rules;
      if (rules.empty() || rules.back() != ri) rules.push_back(ri);
    };
    for (const doc::Cell* c : log.cells) {
      if (!c->is_numeric()) continue;
      auto it = index.cells.find(c);
      if (it == index.cells.end()) continue;
      auto [t, row, col] = it->second;
      Target tg;
      tg.table = t;
      tg.row = row;
      tg.col = col;
      tg.line = c->line ? c->line : job.doc.tables[static_cast<std::size_t>(t)].rows[static_cast<std::size_t>(row)].line;
      add({0, static_cast<std::size_t>(t), static_cast<std::size_t>(row), static_cast<std::size_t>(col)}, tg);
    }
    for (const auto& f : log.text) {
      auto it = index.paragraphs.find(f.paragraph);
      if (it == index.paragraphs.end()) continue;
      Target tg;
      tg.is_cell = false;
      tg.section = it->second.first;
      tg.paragraph = it->second.second;
      tg.begin = f.begin;
      tg.end = f.end;
      tg.line = f.line;
      add({1, static_cast<std::size_t>(tg.section) * 100000 + static_cast<std::size_t>(tg.paragraph), f.begin, f.end}, tg);
    }
  }
  return b;
}

std::string printed_of(const doc::Document& d, const Target& t) {
  if (t.is_cell)
    return d.tables[static_cast<std::size_t>(t.table)].rows[static_cast<std::size_t>(t.row)].cells[static_cast<std::size_t>(t.col)].text;
  const std::string& text = d.sections[static_cast<std::size_t>(t.section)].paragraphs[static_cast<std::size_t>(t.paragraph)].text;
  return t.end <= text.size() && t.begin < t.end ? text.substr(t.begin, t.end - t.begin) : std::string();
}

std::string group_of(const doc::Document& d, const Target& t) {
  return t.is_cell ? table_name(d.tables[static_cast<std::size_t>(t.table)]) : section_name(d, t.section);
}

std::string figure_of(const doc::Document& d, const Target& t) {
  std::string printed = printed_of(d, t);
  if (!t.is_cell) return fmt::format("第 {} 行 说明中的 {}", t.line, printed);
  const doc::Table& tb = d.tables[static_cast<std::size_t>(t.table)];
  const doc::Row& r = tb.rows[static_cast<std::size_t>(t.row)];
  std::string rn = row_name(r);
  return fmt::format("第 {} 行 {}{} = {}", t.line, rn.empty() ? "" : rn + " ", column_name(tb, r, t.col), printed);
}

// Applies a mutation, runs `view`, undoes it; true when a new FAIL appears.
bool caught(Job& job, const Target& t, const Mutation& m, const eval::PackView& view, const std::set<std::string>& before) {
  eval::Options o = options_of(job);
  eval::Report r;
  if (t.is_cell) {
    doc::Cell& c = job.doc.tables[static_cast<std::size_t>(t.table)].rows[static_cast<std::size_t>(t.row)].cells[static_cast<std::size_t>(t.col)];
    doc::Cell saved = c;
    c.text = m.text + (c.kind == doc::CellKind::percent ? "%" : "");
    c.value = c.kind == doc::CellKind::percent ? *Number::divide(m.value, Number(100)) : m.value;
    r = eval::evaluate(view, job.doc, o);
    c = std::move(saved);
  } else {
    doc::Paragraph& p = job.doc.sections[static_cast<std::size_t>(t.section)].paragraphs[static_cast<std::size_t>(t.paragraph)];
    std::string saved = p.text;
    std::string printed = p.text.substr(t.begin, t.end - t.begin);
    std::string suffix;
    for (std::string_view pct : {"%", "\xEF\xBC\x85"})
      if (printed.ends_with(pct)) suffix = std::string(pct);
    p.text.replace(t.begin, t.end - t.begin, m.text + suffix);
    r = eval::evaluate(view, job.doc, o);
    p.text = std::move(saved);
  }
  for (const auto& oc : r.outcomes)
    if (oc.status == eval::Status::fail && !before.count(outcome_key(oc))) return true;
  return false;
}

}  // namespace

std::vector<Mutation> mutations_of(std::string_view printed) {
  std::string s = doc::normalize(printed);
  if (s.ends_with("%")) s.pop_back();
  bool grouped = s.find(',') != std::string::npos;
  auto n = Number::parse_decimal(s);
  if (!n) return {};
  std::size_t dot = s.find('.');
  int places = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  auto fmt_n = [&](const Number& v) { return grouped ? v.to_grouped(places) : v.to_fixed(places); };
  std::vector<Mutation> out;
  auto add = [&](std::string name, const Number& v, bool last = false) {
    if (v == *n) return;
    for (const Mutation& m : out)
      if (m.value == v) return;
    out.push_back({std::move(name), fmt_n(v), v, last});
  };
  Number ulp = Number::ulp(places);
  add("+" + ulp.to_string(), *n + ulp, places > 0);
  add("−" + ulp.to_string(), *n - ulp, places > 0);
  add("+1", *n + Number(1));
  add("−1", *n - Number(1));
  add("×10", *n * Number(10));
  // Two adjacent different digits swapped, the rightmost such pair.
  std::vector<std::size_t> digits;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] >= '0' && s[i] <= '9') digits.push_back(i);
  for (std::size_t k = digits.size(); k-- > 1;) {
    if (s[digits[k]] == s[digits[k - 1]]) continue;
    std::string w = s;
    std::swap(w[digits[k]], w[digits[k - 1]]);
    if (auto v = Number::parse_decimal(w)) {
      if (*v != *n) out.push_back({"数字对调", w, *v, false});
    }
    break;
  }
  return out;
}

bool run_mutation(const std::vector<std::pair<TestFile, std::string>>& files, const AnalysisOptions& options,
                  PackCache& cache, nlohmann::json* json, std::string& text) {
  std::vector<Job> jobs;
  std::string problems;
  bool ok = collect_jobs(files, options, cache, jobs, problems);
  text += problems;
  struct PackSum {
    std::size_t documents = 0, figures = 0, mutations = 0, missed = 0, blind = 0, last_only = 0;
  };
  std::map<std::string, PackSum> sums;
  nlohmann::json jdocs = nlohmann::json::array();
  for (Job& job : jobs) {
    Baseline b = baseline(job);
    const lang::Program& p = *job.program;
    eval::PackView view = eval::view_of(p);
    view.scores.clear();
    std::size_t mutations = 0, missed = 0, blind = 0, last_only = 0;
    std::map<std::string, std::vector<std::string>> by_group;  // group → lines
    std::vector<std::string> group_order;
    nlohmann::json jblind = nlohmann::json::array();
    for (const Target& t : b.targets) {
      view.rules.clear();
      std::set<std::string> before;
      for (std::size_t ri : t.rules) {
        view.rules.push_back(p.rules[ri]);
        before.insert(b.fails[ri].begin(), b.fails[ri].end());
      }
      std::string printed = printed_of(job.doc, t);
      std::vector<std::string> missed_here;
      bool real = false;
      for (const Mutation& m : mutations_of(printed)) {
        ++mutations;
        if (caught(job, t, m, view, before)) continue;
        missed_here.push_back(m.name + " → " + m.text);
        real = real || !m.last_digit;
      }
      if (missed_here.empty()) continue;
      missed += missed_here.size();
      if (!real) {
        ++last_only;
        continue;
      }
      ++blind;
      std::string group = group_of(job.doc, t);
      if (!by_group.count(group)) group_order.push_back(group);
      std::string rules;
      for (std::size_t ri : t.rules) rules += (rules.empty() ? "" : "、") + p.rules[ri]->id;
      std::string list;
      for (const auto& m : missed_here) list += (list.empty() ? "" : "；") + m;
      by_group[group].push_back(fmt::format("    {}：未发现 {}（读它的规则：{}）", figure_of(job.doc, t), list, rules));
      jblind.push_back({{"group", group}, {"figure", figure_of(job.doc, t)}, {"line", t.line}, {"missed", missed_here},
                        {"rules", rules}});
    }
    text += fmt::format("\n变异测试：{} × {}\n", pack_label(job), job.document);
    text += fmt::format("  规则读到 {} 个数字，做了 {} 个变异：发现 {} 个，未发现 {} 个；盲点 {} 个数字"
                        "（+1、−1、×10 或对调未被发现）；另有 {} 个数字只有末位 ±1 未被发现（在舍入尾差之内）\n",
                        b.targets.size(), mutations, mutations - missed, missed, blind, last_only);
    for (const auto& g : group_order) {
      text += "  " + g + "：\n";
      for (const auto& l : by_group[g]) text += l + "\n";
    }
    PackSum& s = sums[pack_label(job)];
    ++s.documents;
    s.figures += b.targets.size();
    s.mutations += mutations;
    s.missed += missed;
    s.blind += blind;
    s.last_only += last_only;
    jdocs.push_back({{"pack", pack_label(job)}, {"document", job.document}, {"figures", b.targets.size()},
                     {"mutations", mutations}, {"missed", missed}, {"blind_spots", jblind}});
  }
  text += "\n小结：\n";
  nlohmann::json jsum = nlohmann::json::array();
  for (const auto& [pack, s] : sums) {
    text += fmt::format("  {}：{} 个文件，读到 {} 个数字，{} 个变异中 {} 个未被发现，盲点 {} 个数字（另 {} 个只差末位）\n",
                        pack, s.documents, s.figures, s.mutations, s.missed, s.blind, s.last_only);
    jsum.push_back({{"pack", pack}, {"documents", s.documents}, {"figures", s.figures}, {"mutations", s.mutations},
                    {"missed", s.missed}, {"blind_spots", s.blind}, {"last_digit_only", s.last_only}});
  }
  if (sums.empty()) text += "  没有可分析的文件\n";
  if (json) *json = {{"documents", jdocs}, {"packs", jsum}, {"problems", problems}};
  return ok;
}

namespace {

// Amounts and percentages printed in a paragraph: [begin, end) byte ranges
// of a number followed by 万元, 元 or %.
std::vector<std::pair<std::size_t, std::size_t>> narrative_figures(const std::string& s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  for (std::size_t i = 0; i < s.size();) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size() && (digit(i) || ((s[i] == ',' || s[i] == '.') && digit(i + 1)))) ++i;
    std::string_view rest = std::string_view(s).substr(i);
    if (rest.starts_with("%") || rest.starts_with("\xEF\xBC\x85")) {
      out.emplace_back(b, i + (rest[0] == '%' ? 1 : 3));
    } else if (rest.starts_with("万元") || rest.starts_with("元")) {
      out.emplace_back(b, i);
    }
  }
  return out;
}

}  // namespace

bool run_coverage(const std::vector<std::pair<TestFile, std::string>>& files, const AnalysisOptions& options,
                  PackCache& cache, nlohmann::json* json, std::string& text) {
  std::vector<Job> jobs;
  std::string problems;
  bool ok = collect_jobs(files, options, cache, jobs, problems);
  text += problems;
  nlohmann::json jdocs = nlohmann::json::array();
  for (Job& job : jobs) {
    eval::AccessLog log;
    eval::Options o = options_of(job);
    o.access = &log;
    eval::evaluate(*job.program, job.doc, o);
    std::set<const doc::Cell*> read(log.cells.begin(), log.cells.end());
    std::map<const doc::Paragraph*, std::vector<std::pair<std::size_t, std::size_t>>> read_text;
    for (const auto& f : log.text) read_text[f.paragraph].emplace_back(f.begin, f.end);
    text += fmt::format("\n数据覆盖：{} × {}\n", pack_label(job), job.document);
    std::size_t total = 0, unread = 0;
    nlohmann::json jtables = nlohmann::json::array();
    std::string body;
    for (const doc::Table& t : job.doc.tables) {
      std::size_t n = 0, u = 0;
      std::string lines;
      nlohmann::json jun = nlohmann::json::array();
      for (const doc::Row& r : t.rows) {
        const auto& cols = t.blocks.at(static_cast<std::size_t>(r.block)).columns;
        std::string row_list;
        for (std::size_t c = 0; c < r.cells.size() && c < cols.size(); ++c) {
          const doc::Cell& cell = r.cells[c];
          if (cols[c].role != doc::ColumnRole::amount || !cell.is_numeric()) continue;
          ++n;
          if (read.count(&cell)) continue;
          ++u;
          std::string col = column_name(t, r, static_cast<int>(c));
          row_list += (row_list.empty() ? "" : "、") + col + " " + cell.text;
          jun.push_back({{"line", cell.line ? cell.line : r.line}, {"row", row_name(r)}, {"column", col}, {"printed", cell.text}});
        }
        if (!row_list.empty()) lines += fmt::format("    第 {} 行 {}：{}\n", r.line, row_name(r), row_list);
      }
      total += n;
      unread += u;
      if (n == 0) continue;
      body += fmt::format("  {}{}：{} 个数字，未读 {} 个\n", table_name(t), t.subject.empty() ? "" : "（" + t.subject + "）", n, u);
      body += lines;
      jtables.push_back({{"table", table_name(t)}, {"subject", t.subject}, {"figures", n}, {"unread", jun}});
    }
    std::size_t ntext = 0, utext = 0;
    std::string tlines;
    nlohmann::json jtext = nlohmann::json::array();
    for (const doc::Section& s : job.doc.sections)
      for (const doc::Paragraph& p : s.paragraphs)
        for (auto [b, e] : narrative_figures(p.text)) {
          ++ntext;
          bool hit = false;
          if (auto it = read_text.find(&p); it != read_text.end())
            for (auto [rb, re] : it->second)
              if (rb < e && b < re) hit = true;
          if (hit) continue;
          ++utext;
          std::string fig = p.text.substr(b, e - b);
          std::uint32_t line = p.line_at(b);
          tlines += fmt::format("    第 {} 行 {}{}\n", line, fig, s.heading.empty() ? "" : "（" + s.heading + "）");
          jtext.push_back({{"line", line}, {"printed", fig}, {"section", s.heading}});
        }
    text += fmt::format("  表格：{} 个数字，{} 个没有规则读到；说明：{} 个金额或百分比，{} 个没有规则读到\n", total, unread,
                        ntext, utext);
    text += body;
    if (ntext) text += fmt::format("  情况说明：{} 个金额或百分比，未读 {} 个\n", ntext, utext) + tlines;
    jdocs.push_back({{"pack", pack_label(job)}, {"document", job.document}, {"figures", total}, {"unread", unread},
                     {"tables", jtables}, {"narrative", ntext}, {"narrative_unread", jtext}});
  }
  if (jobs.empty()) text += "没有可分析的文件\n";
  if (json) *json = {{"documents", jdocs}, {"problems", problems}};
  return ok;
}

}  // namespace gouji::testing
