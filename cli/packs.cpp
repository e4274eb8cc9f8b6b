// The built-in rule packs: registry, loader and choice by document.
#include "cli/packs.hpp"

#include "cli/io.hpp"
#include "cli/stdlib_files.hpp"
#include "lang/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace gouji::cli {

namespace {

constexpr std::string_view k_prefix = "builtin:";

// The first comment line of a file, without the "# ".
std::string first_comment(std::string_view text) {
  std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  if (!line.starts_with("#")) return "";
  line.remove_prefix(1);
  while (line.starts_with(" ")) line.remove_prefix(1);
  return std::string(line);
}

int version_year(const std::string& v) {
  int year = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), year);
  return ec == std::errc() ? year : 0;
}

// A pack name "部门决算（上海）" → family 部门决算, region 上海.
void split_region(const std::string& name, std::string& family, std::string& region) {
  static const std::string open = "（", close = "）";
  std::size_t at = name.find(open);
  if (at == std::string::npos || !name.ends_with(close) || at + open.size() > name.size() - close.size()) {
    family = name;
    region.clear();
    return;
  }
  family = name.substr(0, at);
  region = name.substr(at + open.size(), name.size() - close.size() - at - open.size());
}

// "a/b.gj" relative to the directory of "a/c.gj" → "a/b.gj"; ".." resolved.
std::string join_relative(const std::string& from_file, const std::string& import_path) {
  std::filesystem::path base = std::filesystem::path(from_file).parent_path();
  return (base / import_path).lexically_normal().generic_string();
}

}  // namespace

std::optional<std::string> builtin_file(const std::string& file) {
  for (const auto& f : stdlib_files())
    if (f.path == file) return std::string(f.text);
  return std::nullopt;
}

bool is_builtin_name(std::string_view arg) { return arg.starts_with(k_prefix); }

std::optional<std::string> builtin_named(std::string_view arg) {
  if (!is_builtin_name(arg)) return std::nullopt;
  return builtin_file(std::string(arg.substr(k_prefix.size())));
}

const std::vector<BuiltinPack>& builtin_packs() {
  static const std::vector<BuiltinPack> packs = [] {
    std::vector<BuiltinPack> out;
    for (const auto& f : stdlib_files()) {
      if (!f.path.ends_with(".gj")) continue;
      lang::SourceSet sources;
      std::uint32_t id = sources.add(std::string(k_prefix) + std::string(f.path), std::string(f.text));
      std::vector<lang::Diagnostic> diags;
      ast::Module m = lang::parse_module(sources, id, diags);
      if (m.pack_name.empty()) continue;
      BuiltinPack p{std::string(k_prefix) + std::string(f.path), std::string(f.path), m.pack_name,
                    m.pack_version, first_comment(f.text), "", ""};
      split_region(p.name, p.family, p.region);
      out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const BuiltinPack& a, const BuiltinPack& b) {
      return a.name != b.name ? a.name < b.name : version_year(a.version) < version_year(b.version);
    });
    return out;
  }();
  return packs;
}

lang::Loader pack_loader() {
  lang::Loader fs = lang::filesystem_loader();
  return [fs](const std::string& from, const std::string& import_path) -> std::optional<lang::LoadedFile> {
    if (import_path.starts_with(k_prefix)) {
      std::string file = import_path.substr(k_prefix.size());
      if (auto text = builtin_file(file)) return lang::LoadedFile{import_path, *text};
      return std::nullopt;
    }
    if (from.starts_with(k_prefix)) {
      std::string file = join_relative(from.substr(k_prefix.size()), import_path);
      if (auto text = builtin_file(file)) return lang::LoadedFile{std::string(k_prefix) + file, *text};
      return std::nullopt;
    }
    return fs(from, import_path);
  };
}

const char* pack_family(doc::Kind kind) {
  switch (kind) {
    case doc::Kind::final_accounts: return "部门决算";
    case doc::Kind::budget: return "部门预算";
    case doc::Kind::unknown: break;
  }
  return "";
}

std::string document_region(const doc::Document& document) {
  // The default (河南) template numbers its tables 公开01表 … 公开09表 and prints 行次.
  for (const doc::Table& t : document.tables)
    if (t.code.starts_with("公开")) return "";
  // Titles only the Shanghai 部门决算 template uses (河南: …基本支出决算明细表,
  // 国有资本经营预算财政拨款支出决算表).
  static const std::string_view shanghai_titles[] = {"一般公共预算财政拨款基本支出决算表",
                                                      "国有资本经营预算财政拨款收入支出决算表"};
  for (std::string_view title : shanghai_titles) {
    if (!document.find_tables(title).empty()) return "上海";
    for (const std::string& listed : document.toc)
      if (doc::normalize(listed) == doc::normalize(title)) return "上海";
  }
  // A 收入支出决算总表 with rows but no 行次: the Shanghai form.
  for (const doc::Table* t : document.find_tables("收入支出决算总表")) {
    bool any_row = !t->rows.empty();
    bool any_hangci = false;
    for (const doc::Row& r : t->rows) any_hangci = any_hangci || r.hangci.has_value();
    if (any_row && !any_hangci) return "上海";
  }
  return "";
}

const BuiltinPack* choose_pack(const doc::Document& document, std::string& why) {
  std::string family = pack_family(document.kind);
  if (family.empty()) {
    why = "无法判断文件是部门决算还是部门预算（封面或表题中没有“决算”“预算”字样），请用 --pack 指定规则包";
    return nullptr;
  }
  std::string region = document_region(document);
  auto choose = [&](const std::string& in_region) -> const BuiltinPack* {
    const BuiltinPack* best = nullptr;
    const BuiltinPack* oldest = nullptr;
    for (const auto& p : builtin_packs()) {
      if (p.family != family || p.region != in_region) continue;
      int year = version_year(p.version);
      if (!oldest || year < version_year(oldest->version)) oldest = &p;
      if (year <= document.year && (!best || year > version_year(best->version))) best = &p;
    }
    return best ? best : oldest;
  };
  if (const BuiltinPack* p = choose(region)) return p;
  if (!region.empty())
    if (const BuiltinPack* p = choose("")) return p;  // no pack of this region for the kind: the default template's
  why = "没有适用于“" + family + "”的内置规则包，请用 --pack 指定规则包";
  return nullptr;
}

std::string choice_text(const doc::Document& document, const BuiltinPack& pack) {
  if (pack.region.empty())
    return fmt::format("按文件类别“{}”和年度 {} 选用", doc::kind_name(document.kind), document.year);
  return fmt::format("按文件类别“{}”、地区“{}”和年度 {} 选用", doc::kind_name(document.kind), pack.region,
                     document.year);
}

bool load_pack_arg(const std::string& arg, std::string& root, std::string& text, std::string& why) {
  namespace fs = std::filesystem;
  if (arg.starts_with(k_prefix)) {
    for (const BuiltinPack& p : builtin_packs())
      if (p.path == arg) {
        root = arg;
        text = *builtin_file(p.file);
        return true;
      }
    why = fmt::format("没有名为“{}”的内置规则包（gouji packs 列出全部内置规则包及其名称）", arg);
    return false;
  }
  auto read_root = [&] {
    if (read_all(root, text)) return true;
    why = fmt::format("无法读取规则文件“{}”", root);
    return false;
  };
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    root = arg;
    return read_root();
  }
  if (!fs::is_directory(arg, ec)) {
    why = fmt::format("找不到规则包“{}”（既不是文件也不是目录）", arg);
    return false;
  }
  std::vector<std::string> files;
  for (fs::directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".gj") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  for (const char* main_name : {"包.gj", "pack.gj", "main.gj"})
    for (const auto& f : files)
      if (fs::path(f).filename() == main_name) {
        root = f;
        return read_root();
      }
  if (files.size() == 1) {
    root = files[0];
    return read_root();
  }
  if (files.empty())
    why = fmt::format("目录“{}”中没有规则文件（.gj）", arg);
  else
    why = fmt::format("目录“{}”中有 {} 个规则文件，不知道哪个是规则包的主文件：请直接给出主文件，或将主文件命名为 包.gj",
                      arg, files.size());
  return false;
}

}  // namespace gouji::cli
