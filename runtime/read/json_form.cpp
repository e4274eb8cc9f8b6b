// The model's JSON form: to_json / from_json (schema in spec/document-model.md).
#include "runtime/read/read.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace gouji::read {

namespace {

using nlohmann::json;

const char* role_name(doc::ColumnRole r) {
  switch (r) {
    case doc::ColumnRole::label: return "label";
    case doc::ColumnRole::code: return "code";
    case doc::ColumnRole::hangci: return "hangci";
    case doc::ColumnRole::amount: return "amount";
    case doc::ColumnRole::text: return "text";
  }
  return "amount";
}

const char* cell_kind_name(doc::CellKind k) {
  switch (k) {
    case doc::CellKind::blank: return "blank";
    case doc::CellKind::number: return "number";
    case doc::CellKind::percent: return "percent";
    case doc::CellKind::text: return "text";
  }
  return "blank";
}

json cell_json(const doc::Cell& c) {
  json j;
  j["kind"] = cell_kind_name(c.kind);
  if (c.is_numeric()) {
    // Exact: a cell's value terminates within its printed places (+2 for a percentage).
    j["value"] = c.value.to_string(std::max(c.places + 2, 2));
    j["places"] = c.places;
  }
  j["text"] = c.text;
  j["line"] = c.line;
  if (c.carried) j["carried"] = true;
  return j;
}

json table_json(const doc::Table& t, const doc::Document& d) {
  json j;
  j["title"] = t.title;
  j["code"] = t.code;
  j["unit"] = t.unit;
  j["department"] = t.department;
  j["subject"] = t.subject;
  j["line"] = t.line;
  j["end_line"] = t.end_line;
  if (d.page_of(t.line)) j["page"] = d.page_of(t.line);
  j["declared_empty"] = t.declared_empty;
  j["notes"] = t.notes;
  json blocks = json::array();
  for (const auto& b : t.blocks) {
    json cols = json::array();
    for (const auto& c : b.columns) {
      json cj;
      cj["header"] = c.header;
      cj["lanci"] = c.lanci ? json(*c.lanci) : json(nullptr);
      cj["role"] = role_name(c.role);
      cols.push_back(std::move(cj));
    }
    blocks.push_back({{"name", b.name}, {"columns", std::move(cols)}});
  }
  j["blocks"] = std::move(blocks);
  json rows = json::array();
  for (const auto& r : t.rows) {
    json rj;
    rj["block"] = r.block;
    rj["label"] = r.label;
    rj["code"] = r.code;
    rj["hangci"] = r.hangci ? json(*r.hangci) : json(nullptr);
    rj["line"] = r.line;
    if (d.page_of(r.line)) rj["page"] = d.page_of(r.line);
    rj["parent"] = r.parent;
    rj["children"] = r.children;
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(cell_json(c));
    rj["cells"] = std::move(cells);
    rows.push_back(std::move(rj));
  }
  j["rows"] = std::move(rows);
  return j;
}

struct Bad {
  std::string what;
};

template <class T>
T get(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end()) throw Bad{fmt::format("{} 缺少字段 \"{}\"", where, key)};
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw Bad{fmt::format("{} 的字段 \"{}\" 类型不对", where, key)};
  }
}

template <class T>
T get_or(const json& j, const char* key, T dflt, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return dflt;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw Bad{fmt::format("{} 的字段 \"{}\" 类型不对", where, key)};
  }
}

const json& array_at(const json& j, const char* key, const std::string& where) {
  static const json empty = json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return empty;
  if (!it->is_array()) throw Bad{fmt::format("{} 的字段 \"{}\" 应是数组", where, key)};
  return *it;
}

void need_object(const json& j, const std::string& where) {
  if (!j.is_object()) throw Bad{fmt::format("{} 应是对象", where)};
}

doc::ColumnRole role_from(const std::string& s, const std::string& where) {
  if (s == "label") return doc::ColumnRole::label;
  if (s == "code") return doc::ColumnRole::code;
  if (s == "hangci") return doc::ColumnRole::hangci;
  if (s == "amount") return doc::ColumnRole::amount;
  if (s == "text") return doc::ColumnRole::text;
  throw Bad{fmt::format("{} 的 role \"{}\" 不认识（应是 label/code/hangci/amount/text）", where, s)};
}

doc::Cell cell_from(const json& j, const std::string& where) {
  need_object(j, where);
  doc::Cell c;
  auto kind = get<std::string>(j, "kind", where);
  c.text = get_or<std::string>(j, "text", "", where);
  c.line = get_or<std::uint32_t>(j, "line", 0, where);
  c.carried = get_or<bool>(j, "carried", false, where);
  if (kind == "blank") c.kind = doc::CellKind::blank;
  else if (kind == "text") c.kind = doc::CellKind::text;
  else if (kind == "number" || kind == "percent") {
    c.kind = kind == "number" ? doc::CellKind::number : doc::CellKind::percent;
    auto v = get<std::string>(j, "value", where);
    auto n = Number::parse_decimal(v);
    if (!n) throw Bad{fmt::format("{} 的 value \"{}\" 不是十进制数（应写成字符串，如 \"1063.13\"）", where, v)};
    c.value = *n;
    int places = get_or<int>(j, "places", 0, where);
    if (places < 0 || places > 60) throw Bad{fmt::format("{} 的 places {} 超出范围 0–60", where, places)};
    c.places = static_cast<std::int8_t>(places);
  } else {
    throw Bad{fmt::format("{} 的 kind \"{}\" 不认识（应是 blank/number/percent/text）", where, kind)};
  }
  return c;
}

doc::Table table_from(const json& j, const std::string& where) {
  need_object(j, where);
  doc::Table t;
  t.title = get<std::string>(j, "title", where);
  t.code = get_or<std::string>(j, "code", "", where);
  t.unit = get_or<std::string>(j, "unit", "", where);
  t.department = get_or<std::string>(j, "department", "", where);
  t.subject = get_or<std::string>(j, "subject", "", where);
  t.line = get_or<std::uint32_t>(j, "line", 0, where);
  t.end_line = get_or<std::uint32_t>(j, "end_line", 0, where);
  t.declared_empty = get_or<bool>(j, "declared_empty", false, where);
  t.notes = get_or<std::vector<std::string>>(j, "notes", {}, where);
  const auto& blocks = array_at(j, "blocks", where);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    std::string bw = fmt::format("{}.blocks[{}]", where, b);
    need_object(blocks[b], bw);
    doc::Block blk;
    blk.name = get_or<std::string>(blocks[b], "name", "", bw);
    const auto& cols = array_at(blocks[b], "columns", bw);
    for (std::size_t c = 0; c < cols.size(); ++c) {
      std::string cw = fmt::format("{}.columns[{}]", bw, c);
      need_object(cols[c], cw);
      doc::Column col;
      col.header = get_or<std::vector<std::string>>(cols[c], "header", {}, cw);
      if (cols[c].contains("lanci") && !cols[c]["lanci"].is_null()) col.lanci = get<int>(cols[c], "lanci", cw);
      col.role = role_from(get_or<std::string>(cols[c], "role", "amount", cw), cw);
      blk.columns.push_back(std::move(col));
    }
    t.blocks.push_back(std::move(blk));
  }
  const auto& rows = array_at(j, "rows", where);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string rw = fmt::format("{}.rows[{}]", where, r);
    need_object(rows[r], rw);
    doc::Row row;
    row.block = get_or<int>(rows[r], "block", 0, rw);
    if (row.block < 0 || static_cast<std::size_t>(row.block) >= t.blocks.size())
      throw Bad{fmt::format("{} 的 block {} 不存在（表有 {} 个栏组）", rw, row.block, t.blocks.size())};
    row.label = get_or<std::string>(rows[r], "label", "", rw);
    row.code = get_or<std::string>(rows[r], "code", "", rw);
    if (rows[r].contains("hangci") && !rows[r]["hangci"].is_null()) row.hangci = get<int>(rows[r], "hangci", rw);
    row.line = get_or<std::uint32_t>(rows[r], "line", 0, rw);
    row.parent = get_or<int>(rows[r], "parent", -1, rw);
    row.children = get_or<std::vector<int>>(rows[r], "children", {}, rw);
    const auto& cells = array_at(rows[r], "cells", rw);
    std::size_t ncols = t.blocks[static_cast<std::size_t>(row.block)].columns.size();
    if (cells.size() != ncols)
      throw Bad{fmt::format("{} 有 {} 个单元格，但它的栏组有 {} 栏", rw, cells.size(), ncols)};
    for (std::size_t c = 0; c < cells.size(); ++c) row.cells.push_back(cell_from(cells[c], fmt::format("{}.cells[{}]", rw, c)));
    t.rows.push_back(std::move(row));
  }
  auto n = static_cast<int>(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (row.parent < -1 || row.parent >= n) throw Bad{fmt::format("{}.rows[{}] 的 parent {} 不存在", where, r, row.parent)};
    for (int c : row.children)
      if (c < 0 || c >= n) throw Bad{fmt::format("{}.rows[{}] 的 children 中的 {} 不存在", where, r, c)};
  }
  return t;
}

// Pages are known up to this line (a PDF's text has at most a few hundred
// thousand lines; the bound keeps a hostile "last_line" from allocating).
constexpr std::uint32_t kMaxPagedLine = 4'000'000;

std::uint32_t page_field(const json& j, const std::string& where) {
  auto p = get_or<std::int64_t>(j, "page", 0, where);
  if (p < 0 || p > 1'000'000) throw Bad{fmt::format("{} 的 page {} 超出范围", where, p)};
  return static_cast<std::uint32_t>(p);
}

void set_page(std::vector<std::uint32_t>& lp, std::uint32_t line, std::uint32_t page, const std::string& where) {
  if (line == 0 || page == 0) return;
  if (line > kMaxPagedLine) throw Bad{fmt::format("{} 的行号 {} 超过 {}，页码读不了", where, line, kMaxPagedLine)};
  if (lp.size() < line) lp.resize(line, 0);
  if (lp[line - 1] != 0 && lp[line - 1] != page)
    throw Bad{fmt::format("{}：第 {} 行既在第 {} 页又在第 {} 页", where, line, lp[line - 1], page)};
  lp[line - 1] = page;
}

// Document::line_pages from the JSON: the document's "pages" (runs of lines,
// as to_json writes them) when present; otherwise from the "page" fields of
// tables, rows and paragraphs (what another front end may write), a line
// between two lines of the same page taking that page.
void read_pages(const json& j, doc::Document& d) {
  auto& lp = d.line_pages;
  const auto& pages = array_at(j, "pages", "文档");
  if (!pages.empty()) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      std::string w = fmt::format("pages[{}]", i);
      need_object(pages[i], w);
      std::uint32_t page = page_field(pages[i], w);
      auto first = get<std::int64_t>(pages[i], "first_line", w), last = get<std::int64_t>(pages[i], "last_line", w);
      if (page == 0) throw Bad{fmt::format("{} 缺少 page", w)};
      if (first < 1 || last < first || last > kMaxPagedLine)
        throw Bad{fmt::format("{} 的行 {}–{} 不是有效的行范围（1–{}）", w, first, last, kMaxPagedLine)};
      for (auto ln = first; ln <= last; ++ln) set_page(lp, static_cast<std::uint32_t>(ln), page, w);
    }
    return;
  }
  const auto& tables = array_at(j, "tables", "文档");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    std::string w = fmt::format("tables[{}]", i);
    set_page(lp, get_or<std::uint32_t>(tables[i], "line", 0, w), page_field(tables[i], w), w);
    const auto& rows = array_at(tables[i], "rows", w);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string rw = fmt::format("{}.rows[{}]", w, r);
      set_page(lp, get_or<std::uint32_t>(rows[r], "line", 0, rw), page_field(rows[r], rw), rw);
    }
  }
  const auto& sections = array_at(j, "sections", "文档");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& paras = array_at(sections[i], "paragraphs", fmt::format("sections[{}]", i));
    for (std::size_t p = 0; p < paras.size(); ++p) {
      std::string pw = fmt::format("sections[{}].paragraphs[{}]", i, p);
      set_page(lp, get_or<std::uint32_t>(paras[p], "line", 0, pw), page_field(paras[p], pw), pw);
    }
  }
  std::size_t prev = lp.size();  // index of the last line with a page
  for (std::size_t i = 0; i < lp.size(); ++i) {
    if (lp[i] == 0) continue;
    if (prev < i && lp[prev] == lp[i])
      for (std::size_t k = prev + 1; k < i; ++k) lp[k] = lp[i];
    prev = i;
  }
}

}  // namespace

std::string to_json(const doc::Document& d) {
  json j;
  j["schema_version"] = kSchemaVersion;
  j["path"] = d.path;
  j["kind"] = doc::kind_name(d.kind);
  j["year"] = d.year;
  j["department"] = d.department;
  j["unit"] = d.unit;
  j["toc"] = d.toc;
  json tables = json::array();
  for (const auto& t : d.tables) tables.push_back(table_json(t, d));
  j["tables"] = std::move(tables);
  json sections = json::array();
  for (const auto& s : d.sections) {
    json sj;
    sj["number"] = s.number;
    sj["heading"] = s.heading;
    sj["level"] = s.level;
    sj["parent"] = s.parent;
    sj["children"] = s.children;
    sj["line"] = s.line;
    json paras = json::array();
    for (const auto& p : s.paragraphs) {
      json lm = json::array();
      for (const auto& [off, ln] : p.line_map) lm.push_back({off, ln});
      json pj = {{"text", p.text}, {"line", p.line}, {"line_map", std::move(lm)}};
      if (d.page_of(p.line)) pj["page"] = d.page_of(p.line);
      paras.push_back(std::move(pj));
    }
    sj["paragraphs"] = std::move(paras);
    sections.push_back(std::move(sj));
  }
  j["sections"] = std::move(sections);
  json warnings = json::array();
  for (const auto& w : d.warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
  j["warnings"] = std::move(warnings);
  // A PDF's pages: runs of lines from the same page, so that a document
  // loaded from this JSON names the page of every line as the PDF read did.
  if (!d.line_pages.empty()) {
    json pages = json::array();
    std::size_t i = 0;
    while (i < d.line_pages.size()) {
      std::size_t e = i;
      while (e + 1 < d.line_pages.size() && d.line_pages[e + 1] == d.line_pages[i]) ++e;
      if (d.line_pages[i] != 0) pages.push_back({{"page", d.line_pages[i]}, {"first_line", i + 1}, {"last_line", e + 1}});
      i = e + 1;
    }
    j["pages"] = std::move(pages);
  }
  return j.dump(1, ' ', false, json::error_handler_t::replace);
}

std::variant<doc::Document, ReadError> from_json(std::string_view text, std::string path) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return ReadError{fmt::format("{} 不是有效的 JSON", path), 0};
  try {
    need_object(j, "文档");
    int version = get<int>(j, "schema_version", "文档");
    if (version != kSchemaVersion)
      return ReadError{fmt::format("{} 的 schema_version 是 {}，本版 gouji 只读 {}", path, version, kSchemaVersion), 0};
    doc::Document d;
    d.path = std::move(path);
    auto kind = get_or<std::string>(j, "kind", "未知", "文档");
    d.kind = kind == "决算" ? doc::Kind::final_accounts : kind == "预算" ? doc::Kind::budget : doc::Kind::unknown;
    d.year = get_or<int>(j, "year", 0, "文档");
    d.department = get_or<std::string>(j, "department", "", "文档");
    d.unit = get_or<std::string>(j, "unit", "", "文档");
    d.toc = get_or<std::vector<std::string>>(j, "toc", {}, "文档");
    const auto& tables = array_at(j, "tables", "文档");
    for (std::size_t i = 0; i < tables.size(); ++i) d.tables.push_back(table_from(tables[i], fmt::format("tables[{}]", i)));
    const auto& sections = array_at(j, "sections", "文档");
    for (std::size_t i = 0; i < sections.size(); ++i) {
      std::string w = fmt::format("sections[{}]", i);
      need_object(sections[i], w);
      doc::Section s;
      s.number = get_or<std::string>(sections[i], "number", "", w);
      s.heading = get_or<std::string>(sections[i], "heading", "", w);
      s.level = get_or<int>(sections[i], "level", 0, w);
      s.parent = get_or<int>(sections[i], "parent", -1, w);
      s.children = get_or<std::vector<int>>(sections[i], "children", {}, w);
      s.line = get_or<std::uint32_t>(sections[i], "line", 0, w);
      const auto& paras = array_at(sections[i], "paragraphs", w);
      for (std::size_t p = 0; p < paras.size(); ++p) {
        std::string pw = fmt::format("{}.paragraphs[{}]", w, p);
        need_object(paras[p], pw);
        doc::Paragraph para;
        para.text = get<std::string>(paras[p], "text", pw);
        para.line = get_or<std::uint32_t>(paras[p], "line", 0, pw);
        para.line_map = get_or<std::vector<std::pair<std::uint32_t, std::uint32_t>>>(paras[p], "line_map", {}, pw);
        s.paragraphs.push_back(std::move(para));
      }
      d.sections.push_back(std::move(s));
    }
    if (d.sections.empty()) d.sections.emplace_back();
    auto ns = static_cast<int>(d.sections.size());
    for (std::size_t i = 0; i < d.sections.size(); ++i) {
      const auto& s = d.sections[i];
      if (s.parent < -1 || s.parent >= ns) throw Bad{fmt::format("sections[{}] 的 parent {} 不存在", i, s.parent)};
      for (int c : s.children)
        if (c < 0 || c >= ns) throw Bad{fmt::format("sections[{}] 的 children 中的 {} 不存在", i, c)};
    }
    read_pages(j, d);
    const auto& warnings = array_at(j, "warnings", "文档");
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      std::string w = fmt::format("warnings[{}]", i);
      need_object(warnings[i], w);
      d.warnings.push_back({get_or<std::uint32_t>(warnings[i], "line", 0, w), get<std::string>(warnings[i], "message", w)});
    }
    return d;
  } catch (const Bad& b) {
    return ReadError{fmt::format("JSON 文档不符合 schema：{}", b.what), 0};
  } catch (const json::exception& e) {
    return ReadError{fmt::format("JSON 文档不符合 schema：{}", e.what()), 0};
  }
}

}  // namespace gouji::read
