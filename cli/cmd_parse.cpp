// gouji parse FILE [--format text|json]: what gouji understood of a document —
// for a person (tables with their blocks, columns, rows; sections; warnings)
// or for programs (the model's JSON form, spec/document-model.md).
#include "cli/command.hpp"
#include "runtime/read/read.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace gouji::cli {

namespace {

const char* role_zh(doc::ColumnRole r) {
  switch (r) {
    case doc::ColumnRole::label: return "名称";
    case doc::ColumnRole::code: return "科目代码";
    case doc::ColumnRole::hangci: return "行次";
    case doc::ColumnRole::amount: return "数字";
    case doc::ColumnRole::text: return "文字";
  }
  return "";
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::string column_name(const doc::Column& c, std::size_t i) {
  std::string n = c.header.empty() ? fmt::format("第{}栏", i + 1) : join(c.header, "›");
  if (c.lanci) n += fmt::format("[栏{}]", *c.lanci);
  return n;
}

std::string cell_text(const doc::Cell& c) {
  switch (c.kind) {
    case doc::CellKind::blank: return c.text.empty() ? "（空）" : fmt::format("（空：{}）", c.text);
    case doc::CellKind::number: return c.value.to_string(12);
    case doc::CellKind::percent: return fmt::format("{}%", (c.value * Number(100)).to_string(12));
    case doc::CellKind::text: return fmt::format("“{}”", c.text);
  }
  return "";
}

void render_text(const doc::Document& d, std::string& out) {
  out += fmt::format("文档：{}\n", d.path);
  out += fmt::format("类别：{}  年度：{}  部门：{}  单位：{}\n", doc::kind_name(d.kind), d.year ? std::to_string(d.year) : "未知",
                     d.department.empty() ? "未知" : d.department, d.unit.empty() ? "未知" : d.unit);
  out += fmt::format("目录中的表（{}）：{}\n", d.toc.size(), join(d.toc, "、"));
  out += fmt::format("\n读到的表（{}）：\n", d.tables.size());
  for (std::size_t ti = 0; ti < d.tables.size(); ++ti) {
    const auto& t = d.tables[ti];
    out += fmt::format("\n[{}] {}{}{}  第 {}–{} 行", ti + 1, t.code.empty() ? "" : t.code + " ", t.title,
                       t.subject.empty() ? "" : "（" + t.subject + "）", t.line, t.end_line);
    if (d.page_of(t.line)) {
      auto p0 = d.page_of(t.line), p1 = d.page_of(t.end_line);
      out += p1 > p0 ? fmt::format("（第 {}–{} 页）", p0, p1) : fmt::format("（第 {} 页）", p0);
    }
    if (!t.unit.empty()) out += fmt::format("  单位：{}", t.unit);
    if (!t.department.empty()) out += fmt::format("  部门：{}", t.department);
    if (t.declared_empty) out += "  （说明本表无数据）";
    out += "\n";
    for (std::size_t b = 0; b < t.blocks.size(); ++b) {
      const auto& blk = t.blocks[b];
      std::vector<std::string> cols;
      for (std::size_t c = 0; c < blk.columns.size(); ++c)
        cols.push_back(fmt::format("{}（{}）", column_name(blk.columns[c], c), role_zh(blk.columns[c].role)));
      out += fmt::format("  栏组 {}{}：{}\n", b, blk.name.empty() ? "" : "「" + blk.name + "」", join(cols, " | "));
    }
    for (const auto& r : t.rows) {
      const auto& blk = t.blocks[static_cast<std::size_t>(r.block)];
      std::string key;
      if (t.blocks.size() > 1) key += fmt::format("[{}] ", blk.name.empty() ? std::to_string(r.block) : blk.name);
      if (r.hangci) key += fmt::format("行{} ", *r.hangci);
      if (!r.code.empty()) key += r.code + " ";
      key += r.label.empty() ? "（无名称）" : r.label;
      if (r.parent >= 0) key += fmt::format("（属 {}）", t.rows[static_cast<std::size_t>(r.parent)].code);
      std::vector<std::string> vals;
      for (std::size_t c = 0; c < blk.columns.size() && c < r.cells.size(); ++c) {
        auto role = blk.columns[c].role;
        if (role == doc::ColumnRole::label || role == doc::ColumnRole::hangci || role == doc::ColumnRole::code) continue;
        vals.push_back(fmt::format("{}={}{}", column_name(blk.columns[c], c), cell_text(r.cells[c]), r.cells[c].carried ? "（沿用）" : ""));
      }
      std::string page = d.page_of(r.line) ? fmt::format("第{}页 ", d.page_of(r.line)) : std::string();
      out += fmt::format("    {}第{}行 {}：{}\n", page, r.line, key, join(vals, "，"));
    }
    for (const auto& n : t.notes) out += fmt::format("  {}\n", n);
  }
  out += "\n章节：\n";
  for (std::size_t i = 1; i < d.sections.size(); ++i) {
    const auto& s = d.sections[i];
    out += fmt::format("{}{} {}（第 {} 行，{} 段）\n", std::string(static_cast<std::size_t>(s.level) * 2, ' '), s.number, s.heading,
                       s.line, s.paragraphs.size());
  }
  out += fmt::format("\n警告（{}）：\n", d.warnings.size());
  for (const auto& w : d.warnings) out += fmt::format("  {}{}\n", w.line ? fmt::format("第 {} 行：", w.line) : "", w.message);
}

struct ParseOptions {
  std::string file;
  std::string format = "text";
};

const RegisterCommand reg{CommandSpec{20, [](CLI::App& app, int& status) {
  auto opts = std::make_shared<ParseOptions>();
  auto* cmd = app.add_subcommand("parse", "读入一份公开文件，显示 gouji 读懂了什么（表、行、栏、章节、警告）");
  cmd->add_option("FILE", opts->file, "文档：PDF（.pdf）、抽取出的文本（.txt）或 gouji 的 JSON 形式（.json）")->required();
  cmd->add_option("--format", opts->format, "输出格式：text（给人看）| json（给程序用）")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opts, &status]() {
    auto result = read::read_document_file(opts->file);
    if (auto* e = std::get_if<read::ReadError>(&result)) {
      std::string msg = e->line ? fmt::format("gouji: 无法读取文档 {}（第 {} 行）：{}\n", opts->file, e->line, e->message)
                                : fmt::format("gouji: 无法读取文档 {}：{}\n", opts->file, e->message);
      std::fputs(msg.c_str(), stderr);
      status = exit_unreadable;
      return;
    }
    const auto& d = std::get<doc::Document>(result);
    std::string out;
    if (opts->format == "json") {
      out = read::to_json(d);
      out += "\n";
    } else {
      render_text(d, out);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    status = exit_ok;
  });
}}};

}  // namespace

}  // namespace gouji::cli
