// Running test files against packs. See runner.hpp.
#include "runtime/testing/runner.hpp"

#include "runtime/read/pdf_reader.hpp"

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

namespace gouji::testing {

namespace fs = std::filesystem;

const lang::Program* PackCache::get(const lang::Loader& loader, const std::string& from, const std::string& pack,
                                    std::string& why) {
  std::optional<lang::LoadedFile> loaded = loader(from, pack);
  if (!loaded) {
    why = fmt::format("找不到规则包“{}”", pack);
    return nullptr;
  }
  if (auto e = errors_.find(loaded->path); e != errors_.end()) {
    why = e->second;
    return nullptr;
  }
  auto it = checked_.find(loaded->path);
  if (it == checked_.end()) {
    auto r = std::make_shared<lang::CheckResult>(lang::check_pack(loaded->path, loaded->text, loader));
    if (!r->ok()) {
      std::vector<lang::Diagnostic> errs;
      for (const auto& d : r->diagnostics)
        if (d.severity == lang::DiagSeverity::error) errs.push_back(d);
      why = fmt::format("规则包“{}”有错误：\n{}", loaded->path, lang::render_all(errs, r->program->sources, lang::Lang::zh));
      errors_[loaded->path] = why;
      return nullptr;
    }
    it = checked_.emplace(loaded->path, std::move(r)).first;
  }
  return it->second->program.get();
}

std::string resolve_document_path(const std::string& test_path, const std::string& doc_path) {
  fs::path p(doc_path);
  if (p.is_absolute()) return doc_path;
  fs::path base;
  constexpr std::string_view prefix = "builtin:";
  if (test_path.starts_with(prefix))
    base = fs::path("stdlib") / fs::path(test_path.substr(prefix.size())).parent_path();
  else
    base = fs::path(test_path).parent_path();
  return (base / p).lexically_normal().string();
}

// The document file with the case's 改 lines applied, read as text. A PDF is
// edited in the text the PDF reader synthesizes from it (what `gouji parse`
// numbers its lines by), and keeps the page of every line.
std::variant<doc::Document, std::string> load_edited_document(const TestFile& file, const Case& c, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) return fmt::format("{}:{}: 无法读取文件 {}", file.path, c.document.line, path);
  std::string text = ss.str();
  std::vector<std::uint32_t> line_pages;
  if (read::looks_like_pdf(text)) {
    auto pdf = read::pdf_to_text(text);
    if (auto* e = std::get_if<read::ReadError>(&pdf))
      return fmt::format("{}:{}: 无法读取文件 {}：{}", file.path, c.document.line, path, e->message);
    text = std::move(std::get<read::PdfText>(pdf).text);
    line_pages = std::move(std::get<read::PdfText>(pdf).line_pages);
  }
  // Line starts (a line ends at "\n"; a "\r" before it stays in the line's text).
  for (const Edit& e : c.edits) {
    std::size_t start = 0;
    for (std::uint32_t k = 1; k < e.target && start != std::string::npos; ++k) {
      start = text.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos || start > text.size())
      return fmt::format("{}:{}: 文件 {} 没有第 {} 行", file.path, e.line, c.document.path, e.target);
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view ln(text.data() + start, end - start);
    std::size_t at = ln.find(e.old_text);
    if (at == std::string_view::npos)
      return fmt::format("{}:{}: 文件 {} 第 {} 行没有“{}”（这一行是：{}）", file.path, e.line, c.document.path, e.target,
                         e.old_text, std::string(ln.substr(0, 200)));
    if (ln.find(e.old_text, at + 1) != std::string_view::npos)
      return fmt::format("{}:{}: 文件 {} 第 {} 行有不止一处“{}”：请写长一些，只对上一处", file.path, e.line,
                         c.document.path, e.target, e.old_text);
    text.replace(start + at, e.old_text.size(), e.new_text);
  }
  doc::Document d = read::read_text(text, path);
  if (!line_pages.empty()) {
    d.line_pages = std::move(line_pages);
    d.line_pages.resize(d.line_offsets.size(), d.line_pages.back());
  }
  return d;
}

std::variant<doc::Document, std::string> load_case_document(const TestFile& file, const Case& c,
                                                            const DocumentReader& reader, bool& missing) {
  missing = false;
  if (c.document.inline_text) return read::read_text(*c.document.inline_text, file.path);
  std::string path = resolve_document_path(file.path, c.document.path);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    missing = true;
    return fmt::format("{}:{}: 找不到文件“{}”（按测试文件所在目录解析为 {}）", file.path, c.document.line, c.document.path,
                       path);
  }
  if (!c.edits.empty()) return load_edited_document(file, c, path);
  auto r = reader(path);
  if (auto* e = std::get_if<read::ReadError>(&r))
    return fmt::format("{}:{}: 无法读取文件 {}{}：{}", file.path, c.document.line, path,
                       e->line ? fmt::format(":{}", e->line) : std::string(), e->message);
  return std::move(std::get<doc::Document>(r));
}

bool case_selected(const TestFile& file, const Case& c, const std::string& filter) {
  if (filter.empty()) return true;
  std::string key = file.path + " " + c.name;
  return key.find(filter) != std::string::npos;
}

eval::Status aggregate(const std::vector<const eval::Outcome*>& outcomes) {
  bool fail = false, pass = false;
  for (const eval::Outcome* o : outcomes) {
    if (o->status == eval::Status::error) return eval::Status::error;
    fail = fail || o->status == eval::Status::fail;
    pass = pass || o->status == eval::Status::pass;
  }
  return fail ? eval::Status::fail : pass ? eval::Status::pass : eval::Status::not_applicable;
}

namespace {

bool value_matches(const std::string& have, const std::string& want) {
  std::string h = doc::normalize(have), w = doc::normalize(want);
  if (h == w) return true;
  // A word of the bound value: "201" or "一般公共服务支出" matches "201 一般公共服务支出".
  std::size_t start = 0;
  while (start <= have.size()) {
    std::size_t sp = have.find(' ', start);
    if (doc::normalize(have.substr(start, sp == std::string::npos ? std::string::npos : sp - start)) == w) return true;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return false;
}

std::string bindings_of(const eval::Outcome& o) {
  std::string s;
  for (const auto& [k, v] : o.bindings) s += (s.empty() ? "" : "，") + k + " = " + v;
  return s;
}

std::string bindings_of(const Expectation& e) {
  std::string s;
  for (const auto& [k, v] : e.bindings) s += (s.empty() ? "" : "，") + k + " = " + v;
  return s;
}

std::string num(const Number& n) { return n.to_string(6); }

std::string expected_text(const Expectation& e) {
  std::string s = eval::status_name_zh(e.status);
  if (e.left) s += " 左 " + num(*e.left);
  if (e.right) s += " 右 " + num(*e.right);
  if (e.difference) s += " 差 " + num(*e.difference);
  if (!e.message_contains.empty()) s += " 消息含“" + e.message_contains + "”";
  if (e.source_line) s += fmt::format(" 出处 第 {} 行", *e.source_line);
  return s;
}

std::string actual_text(const eval::Outcome& o, const Expectation& e) {
  std::string s = eval::status_name_zh(o.status);
  auto opt = [](const std::optional<Number>& n) { return n ? num(*n) : std::string("（无）"); };
  if (e.left) s += " 左 " + opt(o.left);
  if (e.right) s += " 右 " + opt(o.right);
  if (e.difference) s += " 差 " + opt(o.difference);
  if (!e.message_contains.empty()) s += " 消息“" + (o.message.empty() ? o.reason : o.message) + "”";
  if (e.source_line) {
    std::string lines;
    for (const auto& p : o.places)
      if (p.line) lines += (lines.empty() ? "" : "、") + std::to_string(p.line);
    s += " 出处 " + (lines.empty() ? std::string("（无）") : "第 " + lines + " 行");
  }
  return s;
}

bool details_hold(const eval::Outcome& o, const Expectation& e) {
  if (e.left && !(o.left && *o.left == *e.left)) return false;
  if (e.right && !(o.right && *o.right == *e.right)) return false;
  if (e.difference && !(o.difference && *o.difference == *e.difference)) return false;
  if (!e.message_contains.empty() && o.message.find(e.message_contains) == std::string::npos &&
      o.reason.find(e.message_contains) == std::string::npos)
    return false;
  if (e.source_line && std::none_of(o.places.begin(), o.places.end(),
                                    [&](const eval::Place& p) { return p.line == *e.source_line; }))
    return false;
  return true;
}

bool has_details(const Expectation& e) {
  return e.left || e.right || e.difference || !e.message_contains.empty() || e.source_line;
}

// The outcomes shown with a mismatch: those with the actual status first, at most a few.
std::vector<eval::Outcome> trace_outcomes(const std::vector<const eval::Outcome*>& group, eval::Status actual) {
  std::vector<eval::Outcome> out;
  for (const eval::Outcome* o : group)
    if (o->status == actual && out.size() < 3) out.push_back(*o);
  return out;
}

// Compares one evaluated case with its expectations.
void compare(const Case& c, const lang::Program& program, const eval::Report& report, CaseResult& result) {
  std::set<std::string> rule_ids;
  std::vector<std::string> names;
  for (const ast::Rule* r : program.rules) {
    rule_ids.insert(r->id);
    names.push_back(r->id);
  }
  // Each outcome belongs to the most specific expectation that matches it.
  std::vector<int> owner(report.outcomes.size(), -1);
  for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
    const eval::Outcome& o = report.outcomes[i];
    std::size_t best = 0;
    for (std::size_t k = 0; k < c.expectations.size(); ++k) {
      const Expectation& e = c.expectations[k];
      if (e.rule_id != o.rule_id || !bindings_match(o, e.bindings)) continue;
      if (owner[i] < 0 || e.bindings.size() > best) {
        owner[i] = static_cast<int>(k);
        best = e.bindings.size();
      }
    }
  }
  for (std::size_t k = 0; k < c.expectations.size(); ++k) {
    const Expectation& e = c.expectations[k];
    Mismatch m;
    m.line = e.line;
    m.rule_id = e.rule_id;
    m.bindings = bindings_of(e);
    m.expected = expected_text(e);
    if (!rule_ids.count(e.rule_id)) {
      std::string near = lang::closest_name(e.rule_id, names);
      m.actual = "规则包里没有这条规则" + (near.empty() ? std::string() : "（是不是“" + near + "”？）");
      result.mismatches.push_back(std::move(m));
      continue;
    }
    std::vector<const eval::Outcome*> group;
    for (std::size_t i = 0; i < report.outcomes.size(); ++i)
      if (owner[i] == static_cast<int>(k)) group.push_back(&report.outcomes[i]);
    if (group.empty()) {
      // Every instance went to a more specific line: nothing left for this one.
      bool any = std::any_of(report.outcomes.begin(), report.outcomes.end(),
                             [&](const eval::Outcome& o) { return o.rule_id == e.rule_id && bindings_match(o, e.bindings); });
      if (any) continue;
      if (!e.bindings.empty()) {
        std::string have;
        int n = 0;
        for (const eval::Outcome& o : report.outcomes)
          if (o.rule_id == e.rule_id && n++ < 5) have += "\n      [" + bindings_of(o) + "]";
        m.actual = "没有与条件相符的实例" + (have.empty() ? std::string("（这条规则没有实例）") : "；现有实例：" + have);
        result.mismatches.push_back(std::move(m));
        continue;
      }
      if (e.status == eval::Status::not_applicable) continue;  // no instance: not applicable
      m.actual = "这条规则没有产生任何实例（不适用）";
      result.mismatches.push_back(std::move(m));
      continue;
    }
    eval::Status actual = aggregate(group);
    if (actual != e.status) {
      m.actual = eval::status_name_zh(actual);
      m.outcomes = trace_outcomes(group, actual);
      result.mismatches.push_back(std::move(m));
      continue;
    }
    if (!has_details(e)) continue;
    bool held = std::any_of(group.begin(), group.end(),
                            [&](const eval::Outcome* o) { return o->status == actual && details_hold(*o, e); });
    if (held) continue;
    for (const eval::Outcome* o : group)
      if (o->status == actual) {
        m.actual = actual_text(*o, e);
        break;
      }
    m.outcomes = trace_outcomes(group, actual);
    result.mismatches.push_back(std::move(m));
  }
  if (c.others_pass) {
    // Unlisted outcomes, by rule: each must be PASS or N/A.
    std::map<std::string, std::vector<const eval::Outcome*>> bad;
    std::vector<std::string> order;
    for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
      const eval::Outcome& o = report.outcomes[i];
      if (owner[i] >= 0 || o.status == eval::Status::pass || o.status == eval::Status::not_applicable) continue;
      if (!bad.count(o.rule_id)) order.push_back(o.rule_id);
      bad[o.rule_id].push_back(&o);
    }
    for (const std::string& id : order) {
      Mismatch m;
      m.line = c.others_line;
      m.rule_id = id;
      m.expected = "通过或不适用（其余）";
      eval::Status actual = aggregate(bad[id]);
      m.actual = eval::status_name_zh(actual);
      m.outcomes = trace_outcomes(bad[id], actual);
      result.mismatches.push_back(std::move(m));
    }
  }
  result.status = result.mismatches.empty() ? CaseStatus::passed : CaseStatus::failed;
}

}  // namespace

bool bindings_match(const eval::Outcome& o, const std::vector<std::pair<std::string, std::string>>& want) {
  for (const auto& [k, v] : want) {
    auto it = std::find_if(o.bindings.begin(), o.bindings.end(), [&](const auto& b) { return b.first == k; });
    if (it == o.bindings.end() || !value_matches(it->second, v)) return false;
  }
  return true;
}

std::vector<CaseResult> run_file(const TestFile& file, const RunOptions& options, PackCache& cache) {
  std::vector<CaseResult> out;
  for (const Case& c : file.cases) {
    if (!case_selected(file, c, options.filter)) continue;
    CaseResult r;
    r.file = file.path;
    r.line = c.line;
    r.name = c.name;
    std::string pack = c.pack.empty() ? options.default_pack : c.pack;
    if (pack.empty()) {
      r.status = CaseStatus::broken;
      r.error = fmt::format("{}:{}: 案例没有规则包：在测试文件里写“规则包 路径”，或在命令行上给出规则包", file.path, c.line);
      out.push_back(std::move(r));
      continue;
    }
    std::string why;
    const lang::Program* program = cache.get(options.loader, c.pack.empty() ? std::string() : file.path, pack, why);
    if (!program) {
      r.status = CaseStatus::broken;
      r.error = fmt::format("{}:{}: {}", file.path, c.pack.empty() ? c.line : c.pack_line, why);
      out.push_back(std::move(r));
      continue;
    }
    eval::Options eo = options.eval;
    eo.params.clear();
    std::string bad_param;
    for (const auto& [k, v] : c.params) {
      bool known = std::any_of(program->params.begin(), program->params.end(),
                               [&](const ast::Param* p) { return p->name == k; });
      if (!known) bad_param = k;
      eo.params[k] = v;
    }
    if (!bad_param.empty()) {
      r.status = CaseStatus::broken;
      r.error = fmt::format("{}:{}: 规则包“{}”没有参数“{}”", file.path, c.line, pack, bad_param);
      out.push_back(std::move(r));
      continue;
    }
    bool missing = false;
    auto d = load_case_document(file, c, options.read_document, missing);
    if (auto* e = std::get_if<std::string>(&d)) {
      r.status = missing && file.path.starts_with("builtin:") ? CaseStatus::skipped : CaseStatus::broken;
      r.error = *e;
      if (r.status == CaseStatus::skipped)
        r.error += "（内置测试引用源代码中的样例：请在源代码根目录运行，或运行 gouji test stdlib/tests）";
      out.push_back(std::move(r));
      continue;
    }
    r.report = std::make_shared<eval::Report>(eval::evaluate(*program, std::get<doc::Document>(d), eo));
    compare(c, *program, *r.report, r);
    out.push_back(std::move(r));
  }
  return out;
}

std::string trace_text(const eval::Outcome& o, const std::string& in) {
  std::string s;
  std::string b = bindings_of(o);
  s += fmt::format("{}{} {}{}\n", in, eval::status_name_zh(o.status), o.rule_id, b.empty() ? "" : "（" + b + "）");
  if (!o.message.empty()) s += in + "  " + o.message + "\n";
  if (!o.left_text.empty()) s += in + "  左边：" + o.left_text + "\n";
  if (!o.right_text.empty()) s += in + "  右边：" + o.right_text + "\n";
  if (o.difference) {
    s += in + "  差（左 − 右）：" + num(*o.difference);
    if (o.allowance) s += "；舍入尾差允许 ±" + num(*o.allowance);
    if (o.tolerance) s += "；容差 " + num(*o.tolerance);
    s += "\n";
  }
  if (!o.reason.empty()) s += in + "  原因：" + o.reason + "\n";
  std::vector<std::string> shown;
  for (const eval::Place& p : o.places) {
    std::string where = p.table;
    if (!p.row.empty()) where += (where.empty() ? "" : " ") + p.row;
    if (!p.column.empty()) where += (where.empty() ? "" : " ") + p.column;
    if (!p.printed.empty()) where += " = " + p.printed;
    std::string line = in + "  出处：" + where;
    if (p.line) line += fmt::format("（第 {} 行）", p.line);
    if (!p.line_text.empty()) line += "：" + p.line_text;
    if (std::find(shown.begin(), shown.end(), line) != shown.end()) continue;
    shown.push_back(line);
    s += line + "\n";
  }
  if (o.location.line) s += in + "  规则：" + o.location.str() + "\n";
  return s;
}

std::string update_text(const TestFile& file, const std::vector<CaseResult>& results, std::vector<std::string>& notes) {
  std::vector<std::string> lines = file.lines;
  std::map<std::uint32_t, std::vector<std::string>> appended;  // after line → new lines
  for (const Case& c : file.cases) {
    auto rit = std::find_if(results.begin(), results.end(),
                            [&](const CaseResult& r) { return r.file == file.path && r.line == c.line; });
    if (rit == results.end() || !rit->report) continue;
    const eval::Report& report = *rit->report;
    std::vector<bool> owned(report.outcomes.size(), false);
    // Most specific first, as compare() does.
    std::vector<int> owner(report.outcomes.size(), -1);
    for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
      std::size_t best = 0;
      for (std::size_t k = 0; k < c.expectations.size(); ++k) {
        const Expectation& e = c.expectations[k];
        if (e.rule_id != report.outcomes[i].rule_id || !bindings_match(report.outcomes[i], e.bindings)) continue;
        if (owner[i] < 0 || e.bindings.size() > best) {
          owner[i] = static_cast<int>(k);
          best = e.bindings.size();
        }
      }
    }
    for (std::size_t k = 0; k < c.expectations.size(); ++k) {
      Expectation e = c.expectations[k];
      std::vector<const eval::Outcome*> group;
      for (std::size_t i = 0; i < report.outcomes.size(); ++i)
        if (owner[i] == static_cast<int>(k)) group.push_back(&report.outcomes[i]);
      if (group.empty()) {
        bool exists = std::any_of(report.outcomes.begin(), report.outcomes.end(),
                                  [&](const eval::Outcome& o) { return o.rule_id == e.rule_id; });
        if (!exists || !e.bindings.empty())
          notes.push_back(fmt::format("{}:{}: 没有改动：{}", file.path, e.line,
                                      exists ? "没有与条件相符的实例" : "规则包里没有这条规则或它没有实例"));
        continue;
      }
      e.status = aggregate(group);
      const eval::Outcome* first = nullptr;
      for (const eval::Outcome* o : group)
        if (o->status == e.status) {
          first = o;
          break;
        }
      if (e.left) e.left = first ? first->left : std::nullopt;
      if (e.right) e.right = first ? first->right : std::nullopt;
      if (e.difference) e.difference = first ? first->difference : std::nullopt;
      Expectation message_only;
      message_only.message_contains = e.message_contains;
      if (!e.message_contains.empty() && first && !details_hold(*first, message_only))
        e.message_contains = first->message.empty() ? first->reason : first->message;
      lines[e.line - 1] = format_expectation(e);
    }
    if (c.others_pass) {
      std::vector<std::string> order;
      std::map<std::string, std::vector<const eval::Outcome*>> bad;
      for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
        const eval::Outcome& o = report.outcomes[i];
        if (owner[i] >= 0 || o.status == eval::Status::pass || o.status == eval::Status::not_applicable) continue;
        if (!bad.count(o.rule_id)) order.push_back(o.rule_id);
        bad[o.rule_id].push_back(&o);
      }
      std::string indent = c.expectations.empty() ? std::string() : c.expectations.back().indent;
      bool english = !c.expectations.empty() && c.expectations.back().english;
      for (const std::string& id : order) {
        Expectation e;
        e.indent = indent;
        e.keyword = english ? "expect" : "期望";
        e.english = english;
        e.rule_id = id;
        e.status = aggregate(bad[id]);
        appended[c.last_line].push_back(format_expectation(e));
      }
    }
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += lines[i] + "\n";
    if (auto it = appended.find(static_cast<std::uint32_t>(i + 1)); it != appended.end())
      for (const std::string& l : it->second) out += l + "\n";
  }
  return out;
}

}  // namespace gouji::testing
