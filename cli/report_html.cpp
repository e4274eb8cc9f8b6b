// gouji check --format html: one self-contained web page (spec/output.md).
// Everything is inline (CSS, a little JavaScript for the filters); nothing is
// fetched. All text from documents, rules and paths is HTML-escaped; figures
// are highlighted by finding them in the raw source line and escaping the
// pieces around them, so markup never mixes with document text.
#include "cli/report.hpp"

#include "cli/outcome_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

namespace gouji::cli::report {

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Byte ranges of `figure` in `line` that stand alone as a number: not part of
// a longer one (no digit, decimal point or digit group touching either end).
void find_figure(std::string_view line, std::string_view figure, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  if (figure.empty()) return;
  for (std::size_t pos = line.find(figure); pos != std::string_view::npos; pos = line.find(figure, pos + 1)) {
    std::size_t end = pos + figure.size();
    auto at = [&](std::size_t i) { return i < line.size() ? line[i] : '\0'; };
    char before = pos ? line[pos - 1] : '\0';
    bool joined_before = is_digit(before) || ((before == '.' || before == ',') && pos >= 2 && is_digit(line[pos - 2]));
    char after = at(end);
    bool joined_after = is_digit(after) || ((after == '.' || after == ',') && is_digit(at(end + 1)));
    if ((is_digit(figure.front()) && joined_before) || (is_digit(figure.back()) && joined_after)) continue;
    out.emplace_back(pos, end);
  }
}

// The source line, escaped, with the figures in <mark>. The place's own
// printed figure is looked for first; if it is not in the line, any figure
// of the outcome is.
std::string marked_line(const std::string& line, const std::string& printed, const std::vector<std::string>& figures) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  find_figure(line, printed, ranges);
  if (ranges.empty())
    for (const std::string& f : figures) find_figure(line, f, ranges);
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  std::size_t at = 0;
  for (auto [b, e] : ranges) {
    if (b < at) {  // overlaps the previous mark: extend it if longer
      if (e > at) {
        out.resize(out.size() - std::string_view("</mark>").size());
        out += esc(std::string_view(line).substr(at, e - at)) + "</mark>";
        at = e;
      }
      continue;
    }
    out += esc(std::string_view(line).substr(at, b - at));
    out += "<mark>" + esc(std::string_view(line).substr(b, e - b)) + "</mark>";
    at = e;
  }
  out += esc(std::string_view(line).substr(at));
  return out;
}

const char* severity_key(ast::Severity s) { return ast::severity_name(s); }

constexpr ast::Severity kSeverities[] = {ast::Severity::error, ast::Severity::warning, ast::Severity::info};


const char* kStyle = R"(
:root{--fg:#1d2733;--muted:#5b6875;--line:#d5dbe1;--bg:#f6f8fa;--err:#b42318;--warn:#b54708;--info:#175cd3}
*{box-sizing:border-box}
body{margin:0;padding:0 24px 48px;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;color:var(--fg);background:#fff}
h1{font-size:24px;margin:20px 0 4px}
h2{font-size:19px;margin:28px 0 6px;padding-top:8px;border-top:2px solid var(--line);word-break:break-all}
h3{font-size:16px;margin:0 0 4px}
.muted,.meta{color:var(--muted)}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
#summary td:first-child{word-break:break-all;max-width:420px}
tr.unreadable td{background:#fef3f2}
.hit{font-weight:600}
#filters{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;margin-bottom:8px}
#filters fieldset{display:inline-block;border:1px solid var(--line);margin:0 12px 0 0;padding:2px 10px}
#filters label{margin-right:10px;white-space:nowrap}
.failure{border:1px solid var(--line);border-left:5px solid var(--err);border-radius:4px;padding:8px 12px;margin:10px 0;background:#fff}
.failure.warning{border-left-color:var(--warn)}
.failure.info{border-left-color:var(--info)}
.sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;background:var(--err);font-size:13px}
.warning .sev{background:var(--warn)}
.info .sev{background:var(--info)}
.status{font-size:13px;color:var(--muted);margin-right:4px}
code{font-family:"Noto Sans Mono CJK SC","DejaVu Sans Mono",monospace;font-size:14px}
.message{margin:4px 0}
.numbers th{width:9em}
.place{margin:6px 0}
.where{color:var(--muted);font-size:14px}
pre{margin:2px 0;padding:4px 8px;background:var(--bg);border-radius:3px;white-space:pre-wrap;word-break:break-all;font:14px/1.5 "Noto Sans Mono CJK SC","WenQuanYi Zen Hei Mono","DejaVu Sans Mono",monospace}
mark{background:#ffe066;color:inherit;padding:0 1px;border-radius:2px;font-weight:600}
details{margin:6px 0}
summary{cursor:pointer;color:var(--info)}
.ok{color:#067647}
.rule-loc{font-size:13px;color:var(--muted);margin:2px 0}
[hidden]{display:none!important}
)";

// Filters: shown only when the script runs (without it every failure is
// shown and the page reads top to bottom). Initial filters may come from the
// address: report.html#severity=error,warning&rule=ID.
const char* kScript = R"(
(function(){
  var box=document.getElementById('filters');
  if(!box)return;
  var sev=[].slice.call(box.querySelectorAll('input[name=severity]'));
  var rule=document.getElementById('rule-filter');
  var count=document.getElementById('filter-count');
  var items=[].slice.call(document.querySelectorAll('.failure'));
  var docs=[].slice.call(document.querySelectorAll('section.doc'));
  function apply(){
    var on={};sev.forEach(function(c){on[c.value]=c.checked;});
    var r=rule.value,shown=0,all=sev.every(function(c){return c.checked;})&&r==='';
    items.forEach(function(it){
      var v=on[it.getAttribute('data-severity')]&&(r===''||it.getAttribute('data-rule')===r);
      it.hidden=!v;if(v)shown++;
    });
    docs.forEach(function(d){
      d.hidden=!all&&!d.querySelector('.failure:not([hidden])');
    });
    count.textContent='显示 '+shown+' / '+items.length+' 条';
    document.documentElement.setAttribute('data-shown',String(shown));
  }
  var h='';try{h=decodeURIComponent(location.hash.slice(1));}catch(e){}
  if(h.indexOf('=')>0){
    h.split('&').forEach(function(kv){
      var i=kv.indexOf('='),k=kv.slice(0,i),v=kv.slice(i+1);
      if(k==='severity'){var s=v.split(',');sev.forEach(function(c){c.checked=s.indexOf(c.value)>=0;});}
      if(k==='rule'){rule.value=v;}
    });
  }
  sev.forEach(function(c){c.addEventListener('change',apply);});
  rule.addEventListener('change',apply);
  box.hidden=false;
  apply();
  document.documentElement.setAttribute('data-filters','ready');
})();
)";

void render_failure(const Failure& f, const std::string& id, std::string& s) {
  const char* key = severity_key(f.severity);
  s += fmt::format("<article class=\"failure {}\" id=\"{}\" data-severity=\"{}\" data-rule=\"{}\">\n", key, id, key,
                   esc(f.rule_id));
  s += fmt::format("<h3><span class=\"sev\">{}</span> <span class=\"status\">{}</span><code>{}</code> {}</h3>\n",
                   severity_zh(f.severity), eval::status_name_zh(f.status), esc(f.rule_id), esc(f.description));
  if (!f.bindings.empty()) s += "<p class=\"instance muted\">实例：" + esc(f.bindings) + "</p>\n";
  s += fmt::format("<p class=\"message\">{}{}</p>\n", f.status == eval::Status::error ? "原因：" : "",
                   esc(f.message));
  if (!f.left.empty() || !f.right.empty() || !f.difference.empty()) {
    s += "<table class=\"numbers\">\n";
    auto row = [&](const char* head, const std::string& text, const std::string& value) {
      if (text.empty() && value.empty()) return;
      s += fmt::format("<tr><th>{}</th><td>{}</td><td class=\"n\">{}</td></tr>\n", head, esc(text), esc(value));
    };
    row("左边", f.left_text, f.left);
    row("右边", f.right_text, f.right);
    std::string note;
    if (!f.allowance.empty()) note += "舍入尾差允许 ±" + f.allowance;
    if (!f.tolerance.empty()) note += (note.empty() ? "" : "；") + std::string("容差 ") + f.tolerance;
    row("差（左 − 右）", note, f.difference);
    s += "</table>\n";
  }
  for (const eval::Place& p : f.places) {
    s += "<div class=\"place\"><div class=\"where\">出处：" + esc(place_text(p));
    if (!p.printed.empty()) s += "，数字 " + esc(p.printed);
    s += "</div>";
    if (!p.line_text.empty()) s += "<pre class=\"src\">" + marked_line(p.line_text, p.printed, f.figures) + "</pre>";
    s += "</div>\n";
  }
  if (!f.derivation.empty()) {
    s += "<details><summary>推导（怎样得出这一结论）</summary><pre class=\"derivation\">";
    for (const std::string& l : f.derivation) s += esc(l) + "\n";
    s += "</pre></details>\n";
  }
  if (!f.location.empty()) s += "<p class=\"rule-loc\">规则：" + esc(f.location) + "</p>\n";
  s += "</article>\n";
}

std::string kind_year(const DocSummary& d) {
  std::string s = d.kind;
  if (d.year) s += fmt::format(" {} 年", d.year);
  return s;
}

// A summary cell for one severity: failures, and faults if any.
std::string count_cell(std::size_t fail, std::size_t error) {
  std::string v = fail || error ? std::to_string(fail) : "0";
  if (error) v += fmt::format("（出错 {}）", error);
  return fmt::format("<td class=\"n{}\">{}</td>", fail + error ? " hit" : "", v);
}

}  // namespace

std::string render_html(const std::vector<DocSummary>& docs, const BatchInfo& info) {
  std::size_t threshold = info.fail_on == "info" ? 2 : info.fail_on == "warning" ? 1 : 0;
  std::size_t checked = 0, with_findings = 0, unreadable_n = 0;
  std::array<std::size_t, 3> fail{}, error{};
  std::map<std::string, std::size_t> by_rule;  // failures and faults per rule, for the rule filter
  for (const DocSummary& d : docs) {
    if (d.unreadable) {
      ++unreadable_n;
      continue;
    }
    ++checked;
    bool findings = false;
    for (std::size_t i = 0; i < 3; ++i) {
      fail[i] += d.fail[i];
      error[i] += d.error[i];
      if (i <= threshold && d.fail[i] + d.error[i]) findings = true;
    }
    if (findings) ++with_findings;
    for (const Failure& f : d.failures) ++by_rule[f.rule_id];
  }

  std::string s;
  s.reserve(4096 + docs.size() * 2048);
  s += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta name=\"generator\" content=\"gouji check --format html\">\n"
       "<title>gouji 检查报告</title>\n<style>";
  s += kStyle;
  s += "</style>\n</head>\n<body>\n<header>\n<h1>gouji 检查报告</h1>\n";
  s += fmt::format("<p id=\"totals\">{} 个文件，检查了 {} 个，其中 {} 个有不通过或出错（--fail-on {} 及以上）",
                   docs.size(), checked, with_findings, esc(info.fail_on));
  if (unreadable_n) s += fmt::format("；{} 个无法读取", unreadable_n);
  s += "。</p>\n";
  if (!info.pack.empty()) s += "<p class=\"muted\">规则包：" + esc(info.pack) + "</p>\n";
  s += "<p class=\"muted\">";
  for (ast::Severity sev : kSeverities) {
    std::size_t i = severity_index(sev);
    s += fmt::format("{}{}级：不通过 {}，出错 {}", i ? "；" : "", severity_zh(sev), fail[i], error[i]);
  }
  s += "</p>\n</header>\n";

  // The filters (hidden until the script shows them).
  s += "<nav id=\"filters\" hidden>\n<fieldset><legend>级别</legend>";
  for (ast::Severity sev : kSeverities)
    s += fmt::format("<label><input type=\"checkbox\" name=\"severity\" value=\"{}\" checked> {}</label>",
                     severity_key(sev), severity_zh(sev));
  s += "</fieldset>\n<label>规则 <select id=\"rule-filter\"><option value=\"\">全部规则</option>";
  for (const auto& [rule, count] : by_rule)
    s += fmt::format("<option value=\"{}\">{}（{}）</option>", esc(rule), esc(rule), count);
  s += "</select></label>\n<span id=\"filter-count\" class=\"muted\"></span>\n</nav>\n";

  // The summary table.
  s += "<h2 id=\"summary-title\">汇总</h2>\n<table id=\"summary\">\n<thead><tr><th>文件</th><th>部门</th><th>类别</th>"
       "<th>评分</th><th>错误</th><th>警告</th><th>提示</th><th>不适用</th><th>通过</th></tr></thead>\n<tbody>\n";
  for (std::size_t k = 0; k < docs.size(); ++k) {
    const DocSummary& d = docs[k];
    if (d.unreadable) {
      std::string why = d.why;
      if (d.line) why += fmt::format("（第 {} 行）", d.line);
      s += fmt::format("<tr class=\"doc-row unreadable\"><td><a href=\"#doc-{}\">{}</a></td><td colspan=\"8\">无法读取：{}</td></tr>\n",
                       k + 1, esc(d.path), esc(why));
      continue;
    }
    s += fmt::format("<tr class=\"doc-row\"><td><a href=\"#doc-{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"n\">{}</td>",
                     k + 1, esc(d.path), esc(d.department), esc(kind_year(d)),
                     d.scored ? esc(d.score_total + " / " + d.score_max) : std::string("—"));
    for (ast::Severity sev : kSeverities) {
      std::size_t i = severity_index(sev);
      s += count_cell(d.fail[i], d.error[i]);
    }
    s += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n", d.not_applicable, d.pass);
  }
  s += "</tbody>\n</table>\n<main>\n";

  // One section per document.
  for (std::size_t k = 0; k < docs.size(); ++k) {
    const DocSummary& d = docs[k];
    s += fmt::format("<section class=\"doc\" id=\"doc-{}\">\n<h2>{}</h2>\n", k + 1, esc(d.path));
    if (d.unreadable) {
      std::string why = d.why;
      if (d.line) why += fmt::format("（第 {} 行）", d.line);
      s += "<p class=\"message\">无法读取：" + esc(why) + "</p>\n</section>\n";
      continue;
    }
    std::size_t failed = 0, faulty = 0;
    for (std::size_t i = 0; i < 3; ++i) failed += d.fail[i], faulty += d.error[i];
    s += "<p class=\"meta\">";
    if (!d.department.empty()) s += esc(d.department) + " · ";
    s += esc(kind_year(d)) + " · 规则包 " + esc(d.pack);
    s += fmt::format(" · 运行 {} 条规则：通过 {}，不通过 {}，不适用 {}，出错 {}", d.rules_run, d.pass, failed,
                     d.not_applicable, faulty);
    if (d.scored) s += " · 评分 " + esc(d.score_total + " / " + d.score_max);
    s += "</p>\n";
    for (const std::string& w : d.warnings) s += "<p class=\"muted\">注意：" + esc(w) + "</p>\n";
    if (d.failures.empty()) s += "<p class=\"ok\">没有不通过或出错的规则。</p>\n";
    // Most severe first, in rule order within a severity (as the text report).
    std::size_t n = 0;
    for (ast::Severity sev : kSeverities)
      for (const Failure& f : d.failures)
        if (f.severity == sev) render_failure(f, fmt::format("doc-{}-{}", k + 1, ++n), s);
    s += "</section>\n";
  }
  s += "</main>\n<script>";
  s += kScript;
  s += "</script>\n</body>\n</html>\n";
  return s;
}

}  // namespace gouji::cli::report
