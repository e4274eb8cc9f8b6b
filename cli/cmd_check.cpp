// gouji check --pack FILE|DIR DOC…: checks disclosure documents against a rule
// pack. The pack is parsed and checked first (a rule-file error stops the run
// with exit 2); then every document is read and evaluated, and a report is
// printed per document — for people (Chinese), as JSON (--format json, jsonl)
// or as CSV (spec/output.md); --format html and xlsx render one web page or
// workbook for the whole batch from each document's summary (cli/report.hpp).
//
// Batches: folders are walked; documents are read and evaluated on --jobs
// worker threads, and their reports written in document order as soon as all
// earlier ones are done, so the bytes do not depend on the thread count.
//
// Exit: 0 no failed or faulty rule at or above --fail-on; 1 there are; 2 usage
// or rule-file error; 3 a document could not be read (the others are still
// checked and reported).
#include "cli/command.hpp"
#include "cli/io.hpp"
#include "cli/outcome_text.hpp"
#include "cli/packs.hpp"
#include "cli/report.hpp"
#include "lang/checker.hpp"
#include "runtime/eval/eval.hpp"
#include "runtime/read/read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gouji::cli {

namespace {

namespace fs = std::filesystem;

// Worker threads by default: every hardware thread, at least one.
int default_jobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

struct CheckOptions {
  std::string pack;
  std::vector<std::string> documents;
  std::string format = "text";
  std::vector<std::string> params;  // name=value
  std::string fail_on = "error";
  std::uint64_t max_steps = 1'000'000;
  int max_depth = 64;
  bool show_passed = false;
  int jobs = default_jobs();  // --jobs: worker threads
  std::string output;         // -o: report file instead of stdout
};




int severity_rank(ast::Severity s) {
  switch (s) {
    case ast::Severity::error: return 0;
    case ast::Severity::warning: return 1;
    case ast::Severity::info: return 2;
  }
  return 0;
}



void render_outcome(const eval::Outcome& o, std::string& s) {
  s += fmt::format("\n[{}·{}] {}  {}\n", severity_zh(o.severity), eval::status_name_zh(o.status), o.rule_id,
                   o.description);
  if (!o.bindings.empty()) s += fmt::format("  实例：{}\n", bindings_text(o));
  if (o.status == eval::Status::fail) {
    s += fmt::format("  {}\n", o.message);
    if (!o.left_text.empty()) s += fmt::format("  左边：{}\n", o.left_text);
    if (!o.right_text.empty()) s += fmt::format("  右边：{}\n", o.right_text);
    if (o.difference) {
      s += fmt::format("  差（左 − 右）：{}", o.difference->to_string(6));
      if (o.allowance) s += fmt::format("；舍入尾差允许 ±{}", o.allowance->to_string(6));
      if (o.tolerance) s += fmt::format("；容差 {}", o.tolerance->to_string(6));
      s += "\n";
    }
  } else {
    s += fmt::format("  原因：{}\n", o.reason);
  }
  std::vector<std::string> shown;
  for (const eval::Place& p : o.places) {
    std::string line = fmt::format("  出处：{}", place_text(p));
    if (!p.line_text.empty()) line += fmt::format("：{}", p.line_text);
    if (std::find(shown.begin(), shown.end(), line) != shown.end()) continue;
    shown.push_back(line);
    s += line + "\n";
  }
  if (o.location.line) s += fmt::format("  规则：{}\n", o.location.str());
}

std::string render_report(const eval::Report& r, const doc::Document& d, int threshold, bool show_passed) {
  std::string s;
  s += fmt::format("文件：{}（{}", r.document, doc::kind_name(d.kind));
  if (d.year) s += fmt::format(" {} 年", d.year);
  if (!d.department.empty()) s += " " + d.department;
  s += "）\n";
  s += fmt::format("运行 {} 条规则，{} 个实例：通过 {}，不通过 {}，不适用 {}，出错 {}\n", r.rules_run, r.outcomes.size(),
                   r.count(eval::Status::pass), r.count(eval::Status::fail), r.count(eval::Status::not_applicable),
                   r.count(eval::Status::error));
  for (ast::Severity sev : {ast::Severity::error, ast::Severity::warning, ast::Severity::info}) {
    std::size_t f = r.count(eval::Status::fail, sev), e = r.count(eval::Status::error, sev);
    if (f + e) s += fmt::format("  {}级：不通过 {}，出错 {}\n", severity_zh(sev), f, e);
  }
  for (const auto& w : r.warnings) s += "注意：" + w + "\n";
  // Failures and faults, most severe first.
  for (ast::Severity sev : {ast::Severity::error, ast::Severity::warning, ast::Severity::info})
    for (const eval::Outcome& o : r.outcomes)
      if (o.severity == sev && (o.status == eval::Status::fail || o.status == eval::Status::error) &&
          (severity_rank(sev) <= threshold || true))
        render_outcome(o, s);
  // Not applicable, a line per rule: a rule none of whose instances ran comes
  // first (its table or row is missing: the relation was not checked at all);
  // a rule that ran but skipped some instances (a `where` or `when` that did
  // not hold for them) says how many, with its most frequent reason.
  std::size_t na = r.count(eval::Status::not_applicable);
  if (na) {
    struct RuleNa {
      std::string_view id;
      std::size_t total = 0, na = 0;
      std::vector<std::pair<std::string_view, std::size_t>> reasons;  // in order of first appearance
      const eval::Outcome* first = nullptr;
    };
    std::vector<RuleNa> rules;
    for (const eval::Outcome& o : r.outcomes) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleNa& x) { return x.id == o.rule_id; });
      if (it == rules.end()) {
        rules.emplace_back();
        rules.back().id = o.rule_id;
        it = rules.end() - 1;
      }
      ++it->total;
      if (o.status != eval::Status::not_applicable) continue;
      if (!it->na++) it->first = &o;
      auto reason = std::find_if(it->reasons.begin(), it->reasons.end(), [&](auto& x) { return x.first == o.reason; });
      if (reason == it->reasons.end()) it->reasons.emplace_back(o.reason, 1);
      else ++reason->second;
    }
    auto reason_text = [](const RuleNa& x) {
      auto top = std::max_element(x.reasons.begin(), x.reasons.end(),
                                  [](auto& a, auto& b) { return a.second < b.second; });
      std::string t(top->first);
      if (x.reasons.size() > 1) t += fmt::format("（另有 {} 种原因）", x.reasons.size() - 1);
      return t;
    };
    std::size_t whole = std::count_if(rules.begin(), rules.end(), [](const RuleNa& x) { return x.na && x.na == x.total; });
    s += fmt::format("\n不适用（{} 个实例，{} 条规则；--format json 列出每一个）：\n", na,
                     std::count_if(rules.begin(), rules.end(), [](const RuleNa& x) { return x.na > 0; }));
    if (whole) s += fmt::format("  整条规则没有运行（{} 条）：\n", whole);
    for (const RuleNa& x : rules) {
      if (!x.na || x.na != x.total) continue;
      std::string b = x.total == 1 ? bindings_text(*x.first) : "";
      s += fmt::format("    {}{}：{}\n", x.id, b.empty() ? "" : "（" + b + "）", reason_text(x));
    }
    if (whole < rules.size()) {
      bool head = false;
      for (const RuleNa& x : rules) {
        if (!x.na || x.na == x.total) continue;
        if (!head) s += "  部分实例不适用：\n";
        head = true;
        s += fmt::format("    {}：{}/{} 个实例，{}\n", x.id, x.na, x.total, reason_text(x));
      }
    }
  }
  if (show_passed) {
    s += "\n通过：\n";
    for (const eval::Outcome& o : r.outcomes)
      if (o.status == eval::Status::pass) {
        std::string b = bindings_text(o);
        s += fmt::format("  {}{}\n", o.rule_id, b.empty() ? "" : "（" + b + "）");
      }
  }
  if (!r.scores.empty()) {
    s += "\n评分：\n";
    for (const eval::ScoreResult& sc : r.scores) {
      if (sc.value)
        s += fmt::format("  {}  {} / {}\n", sc.id, eval::format_number(*sc.value, 2), eval::format_number(sc.weight));
      else
        s += fmt::format("  {}  —（{}：{}） / {}\n", sc.id, eval::status_name_zh(sc.status), sc.reason,
                         eval::format_number(sc.weight));
    }
    s += fmt::format("  合计  {} / {}\n", eval::format_number(r.score_total, 2), eval::format_number(r.score_max));
  }
  return s;
}

bool has_findings(const eval::Report& r, int threshold) {
  for (const eval::Outcome& o : r.outcomes)
    if ((o.status == eval::Status::fail || o.status == eval::Status::error) && severity_rank(o.severity) <= threshold)
      return true;
  return false;
}

// A checked pack ready to run, or the exit status that says why not.
struct LoadedPack {
  std::unique_ptr<lang::Program> program;
  std::string root;   // the pack's root file ("builtin:…" for a built-in pack)
  eval::Options options;
};

// Parses and checks a pack, prints its diagnostics, and resolves --param
// against its parameters. Returns nullopt (with `status` set) on an error.
std::optional<LoadedPack> load_pack(const std::string& root, std::string text, const CheckOptions& opt,
                                    int& status) {
  lang::Lang lang = global().lang == "en" ? lang::Lang::en : lang::Lang::zh;
  lang::CheckResult checked = lang::check_pack(root, std::move(text), pack_loader());
  if (!checked.diagnostics.empty()) err(lang::render_all(checked.diagnostics, checked.program->sources, lang));
  if (!checked.ok()) {
    err(fmt::format("gouji check：规则包“{}”有错误，未检查任何文件\n", root));
    status = exit_usage;
    return std::nullopt;
  }
  LoadedPack pack{std::move(checked.program), root, {}};
  const lang::Program& program = *pack.program;
  pack.options.max_steps = opt.max_steps;
  pack.options.max_depth = opt.max_depth;
  // Programs get each failure's derivation (spec/explain.md), and so does the
  // web page (folded under each failure); the text report stays short (gouji
  // explain prints it for a person).
  if (opt.format == "json" || opt.format == "jsonl" || opt.format == "html")
    pack.options.derive = eval::Options::Derive::failures;
  // Only JSON lists what a passing instance compared and where it read it.
  pack.options.pass_details = opt.format == "json" || opt.format == "jsonl";
  for (const std::string& p : opt.params) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      err(fmt::format("gouji check：--param 应写成 名称=值，这里是“{}”\n", p));
      status = exit_usage;
      return std::nullopt;
    }
    std::string name = p.substr(0, eq);
    bool known = std::any_of(program.params.begin(), program.params.end(),
                             [&](const ast::Param* x) { return x->name == name; });
    if (!known) {
      std::string names;
      for (const ast::Param* x : program.params) names += (names.empty() ? "" : "、") + x->name;
      err(fmt::format("gouji check：规则包“{}”没有参数“{}”{}\n", root, name,
                      names.empty() ? std::string("（它没有任何参数）") : "；可用的参数：" + names));
      status = exit_usage;
      return std::nullopt;
    }
    pack.options.params[name] = p.substr(eq + 1);
  }
  return pack;
}

// Is this the manifest.json `gouji gen` writes beside its documents? (It
// opens with "generator": "gouji gen"; it lists the documents, it is not one.)
bool is_gen_manifest(const std::filesystem::path& p) {
  if (p.filename() != "manifest.json") return false;
  std::ifstream in(p, std::ios::binary);
  char head[256] = {};
  in.read(head, sizeof head);
  std::string_view text(head, static_cast<std::size_t>(in.gcount()));
  auto key = text.find("\"generator\"");
  return key != std::string_view::npos && text.find("\"gouji gen\"", key) != std::string_view::npos;
}

// The documents named on the command line: files as given, folders walked
// for *.txt, *.pdf and *.json (sorted, so the order is the same on every machine),
// leaving out the manifest.json of a folder `gouji gen` wrote.
std::vector<std::string> expand_documents(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      if (ext == ".txt" || ext == ".pdf" || ext == ".PDF" || (ext == ".json" && !is_gen_manifest(it->path())))
        found.push_back(it->path().generic_string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// Version of the JSON written by --format json and jsonl (spec/output.md).
constexpr int kOutputSchemaVersion = 1;

// JSON text that never throws: bytes that are not UTF-8 (a file name, say)
// become U+FFFD.
std::string dump(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `text` with `spaces` more spaces after every line break (JSON text has line
// breaks only between its tokens), so that a value dumped on its own nests
// inside an enclosing pretty-printed object.
std::string indented(const std::string& text, int spaces) {
  std::string pad(static_cast<std::size_t>(spaces), ' '), s;
  s.reserve(text.size() + text.size() / 8);
  std::string_view rest = text;
  for (std::size_t nl; (nl = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(nl + 1)) {
    s.append(rest.substr(0, nl + 1));  // runs between line breaks in one piece: this runs on the
    s.append(pad);                      // thread that writes the report, for every document
  }
  s.append(rest);
  return s;
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
// break, with quotes doubled.
std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string s = "\"";
  for (char c : v) {
    if (c == '"') s += '"';
    s += c;
  }
  return s + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string s;
  for (std::size_t i = 0; i < fields.size(); ++i) s += (i ? "," : "") + csv_field(fields[i]);
  return s + "\r\n";
}

const std::vector<std::string> kCsvHeader = {"文件", "部门", "规则", "描述", "实例", "级别", "状态", "信息",
                                             "左边", "右边", "差（左 − 右）", "表", "行", "栏", "源文件行",
                                             "规则位置"};

// The places of an outcome as the CSV's table / row / column / line columns:
// each column lists the places' values in order, joined by "；" (once if they
// are all the same).
void csv_places(const eval::Outcome& o, std::vector<std::string>& fields) {
  std::vector<std::string> table, row, column, line;
  std::vector<std::string> seen;
  for (const eval::Place& p : o.places) {
    std::string key = p.table + '\x1f' + p.row + '\x1f' + p.column + '\x1f' + std::to_string(p.line);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    table.push_back(p.table);
    row.push_back(p.row);
    column.push_back(p.column);
    line.push_back(p.line ? std::to_string(p.line) : std::string());
  }
  // Joined by "；" in place order; written once when every place has the same.
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    if (v.empty() || std::all_of(v.begin(), v.end(), [&](const std::string& x) { return x == v[0]; }))
      return v.empty() ? s : v[0];
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "；" : "") + v[i];
    return s;
  };
  fields.push_back(join(table));
  fields.push_back(join(row));
  fields.push_back(join(column));
  fields.push_back(join(line));
}

std::string csv_report(const eval::Report& r, const doc::Document& d) {
  std::string s;
  for (const eval::Outcome& o : r.outcomes) {
    if (o.status != eval::Status::fail && o.status != eval::Status::error) continue;
    std::vector<std::string> f = {r.document, d.department, o.rule_id, o.description, bindings_text(o),
                                  severity_zh(o.severity), eval::status_name_zh(o.status),
                                  o.status == eval::Status::fail ? o.message : o.reason,
                                  o.left ? o.left->to_string(12) : "", o.right ? o.right->to_string(12) : "",
                                  o.difference ? o.difference->to_string(12) : ""};
    csv_places(o, f);
    f.push_back(o.location.str());
    s += csv_row(f);
  }
  return s;
}

enum class Format : std::uint8_t { text, json, jsonl, csv, html, xlsx };

// html and xlsx are rendered from every document's summary at the end.
bool whole_batch(Format f) { return f == Format::html || f == Format::xlsx; }

// What one document gave: its piece of the output, already rendered, and
// what the summaries count. Filled by a worker, emitted in document order.
struct DocResult {
  std::string chunk;             // this document's part of the output
  bool unreadable = false;
  std::string unreadable_why;    // for stderr and the summaries
  std::optional<std::uint32_t> unreadable_line;  // a read error's line (0: not about one line)
  bool findings = false;         // FAIL/ERROR at or above --fail-on
  int fatal = 0;                 // nonzero: a built-in pack failed to load; stop with this status
  // Rule ids of FAIL and ERROR outcomes, with their severity (summaries).
  std::vector<std::pair<std::string, ast::Severity>> failed, faulty;
  std::unique_ptr<report::DocSummary> summary;  // html, xlsx: what the report keeps of it
};

// The result of a document that could not be read (or had no fitting
// built-in pack: no line then), rendered for the format.
DocResult unreadable_result(Format format, const std::string& path, std::string why,
                            std::optional<std::uint32_t> line) {
  DocResult res;
  res.unreadable = true;
  res.unreadable_why = std::move(why);
  res.unreadable_line = line;
  std::uint32_t n = line.value_or(0);
  switch (format) {
    case Format::text:
      res.chunk = fmt::format("\n文件：{}\n无法读取：{}{}\n", path, res.unreadable_why,
                              n ? fmt::format("（第 {} 行）", n) : std::string());
      break;
    case Format::json: {
      nlohmann::json j = {{"document", path}, {"error", res.unreadable_why}};
      if (line) j["line"] = *line;
      res.chunk = dump(j, 2);
      break;
    }
    case Format::jsonl: {
      nlohmann::json j = {{"record", "unreadable"}, {"schema_version", kOutputSchemaVersion},
                          {"document", path}, {"error", res.unreadable_why}};
      if (line) j["line"] = *line;
      res.chunk = dump(j) + "\n";
      break;
    }
    case Format::csv:
      res.chunk = csv_row({path, "", "", "", "", "", "无法读取", res.unreadable_why, "", "", "", "", "", "",
                           n ? std::to_string(n) : std::string(), ""});
      break;
    case Format::html:
    case Format::xlsx:
      res.summary = std::make_unique<report::DocSummary>(report::unreadable(path, res.unreadable_why, n));
      break;
  }
  return res;
}

// Totals over the emitted documents, for the text and jsonl summaries.
struct Totals {
  std::size_t documents = 0, checked = 0, with_findings = 0;
  std::map<std::string, std::size_t> fail_by_rule, error_by_rule;
  std::map<std::string, std::size_t> fail_by_severity, error_by_severity;
  nlohmann::json unreadable = nlohmann::json::array();

  void add(const std::string& path, const DocResult& r) {
    ++documents;
    if (r.unreadable) {
      nlohmann::json u = {{"document", path}, {"error", r.unreadable_why}};
      if (r.unreadable_line) u["line"] = *r.unreadable_line;
      unreadable.push_back(std::move(u));
      return;
    }
    ++checked;
    if (r.findings) ++with_findings;
    for (const auto& [rule, sev] : r.failed) {
      ++fail_by_rule[rule];
      ++fail_by_severity[ast::severity_name(sev)];
    }
    for (const auto& [rule, sev] : r.faulty) {
      ++error_by_rule[rule];
      ++error_by_severity[ast::severity_name(sev)];
    }
  }
};

// The progress line on stderr: files done / total, rate, time left. Only
// used when stderr is a terminal; integer arithmetic only.
class Progress {
 public:
  Progress(std::size_t total, bool on) : total_(total), on_(on), start_(std::chrono::steady_clock::now()) {}
  bool on() const { return on_; }

  void update(std::size_t done, bool force = false) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && shown_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    done_ = done;
    draw(now);
  }
  // Clears the line (before other output goes to the terminal).
  void clear() {
    if (on_ && shown_) err("\r\033[K");
    shown_ = false;
  }
  void redraw() {
    if (on_) draw(std::chrono::steady_clock::now());
  }

 private:
  void draw(std::chrono::steady_clock::time_point now) {
    auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count());
    std::string line = fmt::format("\r已检查 {}/{} 个文件", done_, total_);
    if (done_ > 0 && ms > 0) {
      std::uint64_t tenths = done_ * 10000 / ms;  // files per second × 10
      std::uint64_t left_s = (total_ - done_) * ms / done_ / 1000;
      line += fmt::format("，每秒 {}.{} 个，约剩 {}:{:02}", tenths / 10, tenths % 10, left_s / 60, left_s % 60);
    }
    err(line + "\033[K");
    std::fflush(stderr);
    shown_ = true;
  }

  std::size_t total_, done_ = 0;
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Documents shown with a progress line from this many on.
constexpr std::size_t kProgressMinDocuments = 10;

int run_check(const CheckOptions& opt) {
  if (opt.documents.empty()) {
    err("gouji check：没有给出要检查的文件\n");
    return exit_usage;
  }
  std::vector<std::string> documents = expand_documents(opt.documents);
  if (documents.empty()) {
    err("gouji check：所给目录中没有 .txt、.pdf 或 .json 文件\n");
    return exit_usage;
  }
  int threshold = opt.fail_on == "info" ? 2 : opt.fail_on == "warning" ? 1 : 0;
  int status = exit_ok;
  Format format = opt.format == "json"    ? Format::json
                  : opt.format == "jsonl" ? Format::jsonl
                  : opt.format == "csv"   ? Format::csv
                  : opt.format == "html"  ? Format::html
                  : opt.format == "xlsx"  ? Format::xlsx
                                          : Format::text;
  if (whole_batch(format) && opt.output.empty()) {
    err(fmt::format("gouji check：--format {} 需要用 -o 指定输出文件，例如 -o 报告.{}\n", opt.format, opt.format));
    return exit_usage;
  }

  // --pack: one pack for every document; otherwise the built-in pack that
  // fits each document, each loaded once (by the first worker that needs it).
  std::optional<LoadedPack> given;
  std::map<std::string, LoadedPack> builtin;  // guarded by pack_mutex
  std::mutex pack_mutex;
  if (!opt.pack.empty()) {
    std::string root, why, text;
    if (!load_pack_arg(opt.pack, root, text, why)) {
      err("gouji check：" + why + "\n");
      return exit_usage;
    }
    given = load_pack(root, std::move(text), opt, status);
    if (!given) return status;
  }

  // Where the report goes: stdout, or the file of -o.
  std::FILE* sink = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, std::fclose);
  if (!opt.output.empty()) {
    file.reset(std::fopen(opt.output.c_str(), "wb"));
    if (!file) {
      err(fmt::format("gouji check：无法写入输出文件“{}”：{}\n", opt.output, std::strerror(errno)));
      return exit_usage;
    }
    sink = file.get();
  }
  bool sink_is_terminal = sink == stdout && isatty(fileno(stdout));
  Progress progress(documents.size(), isatty(fileno(stderr)) && documents.size() >= kProgressMinDocuments);
  auto emit = [&](const std::string& s) {
    if (s.empty()) return;
    if (sink_is_terminal) progress.clear();
    std::fwrite(s.data(), 1, s.size(), sink);
    std::fflush(sink);
  };

  auto pack_label = [](const LoadedPack& p) {
    const lang::Program& program = *p.program;
    return program.pack_name.empty() ? p.root : program.pack_name + " " + program.pack_version;
  };
  auto pack_json = [](const LoadedPack& p) {
    return nlohmann::json{{"name", p.program->pack_name}, {"version", p.program->pack_version}, {"file", p.root}};
  };

  // One document, read, evaluated and rendered (runs on a worker thread).
  // The pack and options are shared read-only; evaluate() keeps its state
  // per call.
  auto check_one = [&](const std::string& path) {
    DocResult res;
    auto unreadable = [&](std::string why, std::optional<std::uint32_t> line) {
      return unreadable_result(format, path, std::move(why), line);
    };
    auto read = read::read_document_file(path);
    if (const auto* e = std::get_if<read::ReadError>(&read)) return unreadable(e->message, e->line);
    const doc::Document& d = std::get<doc::Document>(read);
    const LoadedPack* pack = given ? &*given : nullptr;
    std::string header;
    if (!pack) {
      std::string why;
      const BuiltinPack* chosen = choose_pack(d, why);
      if (!chosen) return unreadable(why, std::nullopt);
      {
        std::lock_guard<std::mutex> lock(pack_mutex);
        auto it = builtin.find(chosen->path);
        if (it == builtin.end()) {
          int load_status = exit_ok;
          auto loaded = load_pack(chosen->path, *builtin_file(chosen->file), opt, load_status);
          if (!loaded) {
            res.fatal = load_status;
            return res;
          }
          it = builtin.emplace(chosen->path, std::move(*loaded)).first;
        }
        pack = &it->second;  // map nodes stay put; the pack is not changed after loading
      }
      if (format == Format::text)
        header = fmt::format("\n规则包：{}（内置，{} 条规则；{}）", pack_label(*pack),
                             pack->program->rules.size(), choice_text(d, *chosen));
    }
    eval::Report r = eval::evaluate(*pack->program, d, pack->options);
    res.findings = has_findings(r, threshold);
    for (const eval::Outcome& o : r.outcomes) {
      if (o.status == eval::Status::fail) res.failed.emplace_back(o.rule_id, o.severity);
      if (o.status == eval::Status::error) res.faulty.emplace_back(o.rule_id, o.severity);
    }
    switch (format) {
      case Format::text: res.chunk = header + "\n" + render_report(r, d, threshold, opt.show_passed); break;
      case Format::json: {
        nlohmann::json jr = eval::to_json(r);
        jr["pack"] = pack_json(*pack);
        res.chunk = dump(jr, 2);
        break;
      }
      case Format::jsonl: {
        nlohmann::json jr = eval::to_json(r);
        jr["record"] = "document";
        jr["schema_version"] = kOutputSchemaVersion;
        jr["department"] = d.department;
        jr["kind"] = doc::kind_name(d.kind);
        jr["year"] = d.year;
        jr["pack"] = pack_json(*pack);
        res.chunk = dump(jr) + "\n";
        break;
      }
      case Format::csv: res.chunk = csv_report(r, d); break;
      case Format::html:
      case Format::xlsx:
        res.summary = std::make_unique<report::DocSummary>(report::summarize(r, d, pack_label(*pack)));
        break;
    }
    return res;
  };

  // Before the documents.
  if (format == Format::text && given)
    emit(fmt::format("规则包：{}（{}，{} 条规则）\n", pack_label(*given), given->root, given->program->rules.size()));
  if (format == Format::json) emit("{\n  \"documents\": [\n");
  if (format == Format::csv) emit("\xEF\xBB\xBF" + csv_row(kCsvHeader));

  // Workers take documents by a shared index and park their results; this
  // thread emits them in document order as soon as all earlier ones are out.
  // A worker does not run more than `window` documents ahead of the output,
  // so memory stays bounded however long the batch.
  std::size_t n = documents.size();
  std::size_t jobs = std::min<std::size_t>(opt.jobs > 0 ? static_cast<std::size_t>(opt.jobs) : 1, n);
  std::size_t window = 4 * jobs + 8;
  std::atomic<std::size_t> next_index{0};
  std::mutex m;
  std::condition_variable cv_done, cv_space;
  std::map<std::size_t, DocResult> ready;  // guarded by m
  std::size_t emitted = 0;                 // guarded by m
  bool stop = false;                       // guarded by m
  auto worker = [&] {
    for (;;) {
      std::size_t i = next_index.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock<std::mutex> lock(m);
        cv_space.wait(lock, [&] { return stop || i < emitted + window; });
        if (stop) return;
      }
      DocResult res;
      try {
        res = check_one(documents[i]);
      } catch (const std::exception& e) {
        res = unreadable_result(format, documents[i], fmt::format("内部错误（请报告此问题）：{}", e.what()),
                                std::nullopt);
      }
      {
        std::lock_guard<std::mutex> lock(m);
        ready.emplace(i, std::move(res));
      }
      cv_done.notify_one();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (std::size_t t = 0; t < jobs; ++t) threads.emplace_back(worker);

  Totals totals;
  std::vector<report::DocSummary> summaries;  // html, xlsx
  int fatal = 0;
  progress.update(0, true);
  for (std::size_t i = 0; i < n; ++i) {
    DocResult res;
    {
      std::unique_lock<std::mutex> lock(m);
      while (!ready.count(i)) {
        if (progress.on()) {
          cv_done.wait_for(lock, std::chrono::milliseconds(200));
          progress.update(i);
        } else {
          cv_done.wait(lock);
        }
      }
      auto node = ready.extract(i);
      res = std::move(node.mapped());
    }
    if (res.fatal) {
      fatal = res.fatal;
      break;
    }
    if (res.unreadable) {
      progress.clear();
      std::string msg = res.unreadable_line.value_or(0)
                            ? fmt::format("{}:{}: {}", documents[i], *res.unreadable_line, res.unreadable_why)
                            : fmt::format("{}: {}", documents[i], res.unreadable_why);
      err("gouji check：无法读取文件 " + msg + "\n");
    }
    if (format == Format::json) emit(i ? ",\n    " + indented(res.chunk, 4) : "    " + indented(res.chunk, 4));
    else emit(res.chunk);
    totals.add(documents[i], res);
    if (res.summary) summaries.push_back(std::move(*res.summary));
    {
      std::lock_guard<std::mutex> lock(m);
      emitted = i + 1;
    }
    cv_space.notify_all();
    progress.update(i + 1, i + 1 == n);
  }
  {
    std::lock_guard<std::mutex> lock(m);
    stop = true;
  }
  cv_space.notify_all();
  for (std::thread& t : threads) t.join();
  progress.clear();
  if (fatal) return fatal;

  // After the documents.
  switch (format) {
    case Format::text:
      if (n > 1) {
        std::string s = fmt::format("\n汇总：{} 个文件，检查了 {} 个，其中 {} 个有不通过或出错（--fail-on {} 及以上）", n,
                                    totals.checked, totals.with_findings, opt.fail_on);
        if (!totals.unreadable.empty()) s += fmt::format("；{} 个无法读取", totals.unreadable.size());
        s += "\n";
        for (ast::Severity sev : {ast::Severity::error, ast::Severity::warning, ast::Severity::info}) {
          std::string name = ast::severity_name(sev);
          std::size_t f = totals.fail_by_severity.count(name) ? totals.fail_by_severity.at(name) : 0;
          std::size_t e = totals.error_by_severity.count(name) ? totals.error_by_severity.at(name) : 0;
          if (f + e) s += fmt::format("  {}级：不通过 {}，出错 {}\n", severity_zh(sev), f, e);
        }
        emit(s);
      }
      break;
    case Format::json: {
      std::string s = "\n  ]";
      if (given) s += ",\n  \"pack\": " + indented(dump(pack_json(*given), 2), 2);
      s += fmt::format(",\n  \"schema_version\": {}\n}}\n", kOutputSchemaVersion);
      emit(s);
      break;
    }
    case Format::jsonl: {
      nlohmann::json j;
      j["record"] = "summary";
      j["schema_version"] = kOutputSchemaVersion;
      j["documents"] = totals.documents;
      j["checked"] = totals.checked;
      j["with_findings"] = totals.with_findings;
      j["fail_on"] = opt.fail_on;
      j["failures"] = {{"by_rule", totals.fail_by_rule}, {"by_severity", totals.fail_by_severity}};
      j["errors"] = {{"by_rule", totals.error_by_rule}, {"by_severity", totals.error_by_severity}};
      j["unreadable"] = totals.unreadable;
      emit(dump(j) + "\n");
      break;
    }
    case Format::csv: break;
    case Format::html: emit(report::render_html(summaries, {opt.fail_on, given ? pack_label(*given) : ""})); break;
    case Format::xlsx: break;  // written below, once the -o file is closed
  }
  std::fflush(sink);
  if (std::ferror(sink)) {
    err(opt.output.empty() ? std::string("gouji check：写输出时出错\n")
                           : fmt::format("gouji check：写输出文件“{}”时出错\n", opt.output));
    return exit_usage;
  }
  if (file && std::fclose(file.release()) != 0) {
    err(fmt::format("gouji check：写输出文件“{}”时出错\n", opt.output));
    return exit_usage;
  }
  if (format == Format::xlsx) {
    std::string why = report::write_xlsx(opt.output, summaries, {opt.fail_on, given ? pack_label(*given) : ""});
    if (!why.empty()) {
      err(fmt::format("gouji check：写输出文件“{}”时出错：{}\n", opt.output, why));
      return exit_usage;
    }
  }
  if (!totals.unreadable.empty()) return exit_unreadable;
  return totals.with_findings ? exit_findings : exit_ok;
}

const RegisterCommand reg{CommandSpec{30, [](CLI::App& app, int& status) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "用规则包检查预算、决算公开文件 / check documents against a rule pack");
  cmd->add_option("--pack", opt->pack, "规则包：规则文件（.gj）、其目录或内置规则包（builtin:…，见 gouji packs）；不给则按文件类别和年度选用内置规则包（gouji packs）");
  cmd->add_option("documents", opt->documents, "要检查的文件（PDF、文本或 JSON 形式）或目录（其中的 .txt、.pdf、.json）");
  cmd->add_option("--format", opt->format, "输出格式：text | json | jsonl | csv | html | xlsx（html、xlsx 须给 -o）")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "html", "xlsx"}));
  cmd->add_option("-o,--output", opt->output, "把报告写入此文件而不是标准输出");
  cmd->add_option("-j,--jobs", opt->jobs, "同时检查的文件数（线程数；默认为本机的处理器核数）")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--param", opt->params, "覆盖规则包参数：名称=值（可多次）")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", opt->fail_on, "从哪一级起不通过即以 1 退出：error | warning | info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->add_option("--max-steps", opt->max_steps, "每条规则的求值步数上限（默认 1000000）");
  cmd->add_option("--max-depth", opt->max_depth, "函数调用嵌套上限（默认 64）");
  cmd->add_flag("--show-passed", opt->show_passed, "也列出通过的实例");
  cmd->callback([opt, &status] { status = run_check(*opt); });
}}};

}  // namespace

}  // namespace gouji::cli
