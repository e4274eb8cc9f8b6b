// Scoring the built-in packs on a generated corpus (see corpus.hpp).
#include "runtime/testing/corpus.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gouji::testing {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A printed figure without grouping commas, percent sign or spaces, so that
// "4,198.94" (a table) and "4198.94" (a narrative place) compare equal.
std::string bare_figure(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ',' && c != '%' && c != ' ') out += c;
  return out;
}

bool is_failure(const eval::Outcome& o) { return o.status == eval::Status::fail || o.status == eval::Status::error; }

// One line saying what a failure is: rule, instance, message, first place.
std::string describe(const eval::Outcome& o) {
  std::string s = fmt::format("{} {}", eval::status_name_zh(o.status), o.rule_id);
  std::string b;
  for (const auto& [k, v] : o.bindings) b += (b.empty() ? "" : "，") + k + " = " + v;
  if (!b.empty()) s += "［" + b + "］";
  std::string why = o.status == eval::Status::fail ? o.message : o.reason;
  if (!why.empty()) s += "：" + why;
  for (const eval::Place& p : o.places) {
    if (!p.line) continue;
    std::string where = p.table;
    if (!p.row.empty()) where += " " + p.row;
    if (!p.column.empty()) where += " " + p.column;
    s += fmt::format("（{} 第 {} 行 印 {}）", where, p.line, p.printed.empty() ? "（空白）" : p.printed);
    break;
  }
  return s;
}

std::string describe(const PlantedDefect& d) {
  std::string where = d.table.empty() ? d.section : d.table;
  if (!d.subject.empty()) where += "（" + d.subject + "）";
  if (!d.row.empty()) where += " " + d.row;
  if (!d.column.empty()) where += " " + d.column;
  return fmt::format("植入 {}：{} 第 {} 行，应为 {}，印作 {}", d.cls, where, d.line, d.original,
                     d.planted.empty() ? "（无）" : d.planted);
}

const char* class_of(const CorpusDocument& d) { return d.defects.empty() ? kClean : d.defects.front().cls.c_str(); }

}  // namespace

std::optional<std::vector<CorpusDocument>> parse_manifest(const std::string& text, std::string& why) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    why = "manifest.json 不是有效的 JSON 对象";
    return std::nullopt;
  }
  auto docs = j.find("documents");
  if (docs == j.end() || !docs->is_array()) {
    why = "manifest.json 中没有 documents 数组（应由 gouji gen 写出）";
    return std::nullopt;
  }
  std::vector<CorpusDocument> out;
  for (const auto& d : *docs) {
    if (!d.is_object() || str(d, "file").empty()) {
      why = fmt::format("manifest.json 第 {} 份文档没有 file", out.size() + 1);
      return std::nullopt;
    }
    CorpusDocument cd{str(d, "file"), str(d, "kind"), str(d, "layout"), {}};
    if (auto ds = d.find("defects"); ds != d.end() && ds->is_array()) {
      for (const auto& x : *ds) {
        if (!x.is_object() || str(x, "class").empty()) {
          why = fmt::format("manifest.json 中 {} 的缺陷没有 class", cd.file);
          return std::nullopt;
        }
        PlantedDefect p{str(x, "class"), str(x, "table"),    str(x, "subject"), str(x, "row"),
                        str(x, "column"), str(x, "section"), str(x, "original"), str(x, "planted"), 0};
        if (auto l = x.find("line"); l != x.end() && l->is_number_unsigned()) p.line = l->get<std::uint32_t>();
        cd.defects.push_back(std::move(p));
      }
    }
    out.push_back(std::move(cd));
  }
  return out;
}

bool names_defect(const eval::Outcome& o, const PlantedDefect& d) {
  bool any_line = false;
  for (const eval::Place& p : o.places) {
    if (!p.line) continue;
    any_line = true;
    if (p.line != d.line || d.line == 0) continue;
    if (d.planted.empty() || p.printed.empty() || bare_figure(p.printed) == bare_figure(d.planted)) return true;
  }
  if (any_line || d.table.empty()) return false;
  return std::any_of(o.bindings.begin(), o.bindings.end(), [&](const auto& b) {
    return b.second == d.table || b.second.starts_with(d.table + " ");
  });
}

void CorpusScore::add(const CorpusDocument& d, const eval::Report& report) {
  ++documents;
  ClassScore& c = classes[class_of(d)];
  ++c.documents;
  std::vector<bool> found(d.defects.size(), false);
  for (const eval::Outcome& o : report.outcomes) {
    if (!is_failure(o)) continue;
    ++c.alarms;
    bool explained = false;
    for (std::size_t i = 0; i < d.defects.size(); ++i)
      if (names_defect(o, d.defects[i])) found[i] = explained = true;
    if (explained)
      ++c.explained;
    else
      false_alarms.push_back({d.file, class_of(d), describe(o)});
  }
  for (std::size_t i = 0; i < d.defects.size(); ++i) {
    ++c.planted;
    if (found[i])
      ++c.found;
    else
      missed.push_back({d.file, d.defects[i].cls, describe(d.defects[i])});
  }
}

void CorpusScore::add_unusable(const CorpusDocument& d, const std::string& why) {
  ++documents;
  ClassScore& c = classes[class_of(d)];
  ++c.documents;
  c.planted += d.defects.size();
  unusable.push_back({d.file, class_of(d), why});
  for (const auto& x : d.defects) missed.push_back({d.file, x.cls, describe(x) + "（文件未能检查）"});
}

ClassScore CorpusScore::total() const {
  ClassScore t;
  for (const auto& [k, c] : classes) {
    t.documents += c.documents;
    t.planted += c.planted;
    t.found += c.found;
    t.alarms += c.alarms;
    t.explained += c.explained;
  }
  return t;
}

std::string percent_down(std::size_t part, std::size_t whole) {
  if (whole == 0) return "—";
  // hundredths of a percent, rounded down, in integers
  std::uint64_t h = static_cast<std::uint64_t>(part) * 10000U / static_cast<std::uint64_t>(whole);
  return fmt::format("{}.{:02}%", h / 100, h % 100);
}

std::string corpus_closing_line(const CorpusScore& s) {
  ClassScore t = s.total();
  return fmt::format("corpus {} documents: recall {} ({}/{}), precision {} ({}/{}), missed {}, false alarms {}",
                     s.documents, percent_down(t.found, t.planted), t.found, t.planted,
                     t.alarms ? percent_down(t.explained, t.alarms) : std::string("100.00%"), t.explained, t.alarms,
                     s.missed.size(), s.false_alarms.size() + s.unusable.size());
}

std::string render_corpus(const CorpusScore& s, const std::string& dir, std::size_t max_notes) {
  std::string out = fmt::format("语料：{}（{} 份文档）\n\n", dir, s.documents);
  // Pads to a display width (CJK characters are two columns wide).
  auto cell = [](const std::string& text, std::size_t width, bool right) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < text.size();) {
      auto b = static_cast<unsigned char>(text[i]);
      std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      w += (n == 3 && b >= 0xE3) || n == 4 ? 2 : 1;  // U+2000–U+2FFF (—, …) are narrow
      i += n;
    }
    std::string pad(w < width ? width - w : 1, ' ');
    return right ? pad + text : text + pad;
  };
  auto line = [&](const std::vector<std::string>& v) {
    static const std::size_t widths[] = {18, 6, 6, 6, 10, 8, 8, 10};
    std::string l;
    for (std::size_t i = 0; i < v.size(); ++i) l += cell(v[i], widths[i], i > 0);
    out += l + "\n";
  };
  line({"类别", "文档", "植入", "查出", "查全率", "不通过", "点名", "查准率"});
  auto row = [&](const std::string& name, const ClassScore& c) {
    line({name, std::to_string(c.documents), std::to_string(c.planted), std::to_string(c.found),
          percent_down(c.found, c.planted), std::to_string(c.alarms), std::to_string(c.explained),
          c.alarms ? percent_down(c.explained, c.alarms) : std::string("—")});
  };
  for (const auto& [k, c] : s.classes)
    if (k != kClean) row(k, c);
  if (auto it = s.classes.find(kClean); it != s.classes.end()) row(kClean, it->second);
  row("合计", s.total());
  out += "\n查全率 = 查出 ÷ 植入；查准率 = 点名植入处的不通过 ÷ 全部不通过（含出错，各级别）。"
         "无缺陷文档上的不通过都是误报。\n";
  auto notes = [&](const char* title, const std::vector<CorpusNote>& v) {
    if (v.empty()) return;
    out += fmt::format("\n{}（{}）：\n", title, v.size());
    for (std::size_t i = 0; i < v.size() && i < max_notes; ++i)
      out += fmt::format("  {} [{}] {}\n", v[i].file, v[i].cls, v[i].text);
    if (v.size() > max_notes) out += fmt::format("  …… 另有 {} 条（--format json 列出全部）\n", v.size() - max_notes);
  };
  notes("无法检查的文件", s.unusable);
  notes("漏报：没有不通过点名植入的数字", s.missed);
  notes("误报：不通过不能由植入的缺陷解释", s.false_alarms);
  out += "\n" + corpus_closing_line(s) + "\n";
  return out;
}

nlohmann::json corpus_json(const CorpusScore& s) {
  nlohmann::json classes = nlohmann::json::object();
  auto one = [](const ClassScore& c) {
    return nlohmann::json{{"documents", c.documents}, {"planted", c.planted}, {"found", c.found},
                          {"failures", c.alarms},     {"explained", c.explained}};
  };
  for (const auto& [k, c] : s.classes) classes[k == kClean ? std::string("(none)") : k] = one(c);
  auto notes = [](const std::vector<CorpusNote>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& n : v) a.push_back({{"file", n.file}, {"class", n.cls}, {"text", n.text}});
    return a;
  };
  return nlohmann::json{{"documents", s.documents},
                        {"classes", classes},
                        {"total", one(s.total())},
                        {"missed", notes(s.missed)},
                        {"false_alarms", notes(s.false_alarms)},
                        {"unusable", notes(s.unusable)},
                        {"closing", corpus_closing_line(s)}};
}

}  // namespace gouji::testing
