// The built-in rule packs (stdlib/, embedded in the binary): which there are,
// how their imports are found, and which one fits a document.
#pragma once

#include "lang/checker.hpp"
#include "runtime/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gouji::cli {

struct BuiltinPack {
  std::string path;        // "builtin:final-2023.gj" — how diagnostics name it
  std::string file;        // "final-2023.gj" — relative to stdlib/
  std::string name;        // pack header: 部门决算, 部门决算（上海）
  std::string version;     // 2023
  std::string description; // the file's first comment line
  std::string family;      // the name without the region: 部门决算
  std::string region;      // the region in the name's （…）: 上海; empty for the default (河南) template
};

// Every embedded pack that has a pack header, sorted by name then version.
const std::vector<BuiltinPack>& builtin_packs();

// Resolves imports of embedded packs among the embedded files, and of files
// on disk on the file system (so a user's pack may import a built-in one
// with "builtin:final-2023.gj").
lang::Loader pack_loader();

// The text of an embedded file by its stdlib-relative name.
std::optional<std::string> builtin_file(const std::string& file);

// Is `arg` a built-in file named as `gouji packs` names it ("builtin:FILE")?
bool is_builtin_name(std::string_view arg);
// The text of a built-in file named "builtin:FILE"; nullopt for another
// argument or an unknown file.
std::optional<std::string> builtin_named(std::string_view arg);

// The region whose template a document follows, from its structure and titles:
// "上海" for the Shanghai 部门决算 template (no 公开NN表 codes, and its own titles
// 一般公共预算财政拨款基本支出决算表 / 国有资本经营预算财政拨款收入支出决算表, or a
// 收入支出决算总表 without 行次); empty for the default (河南) template.
std::string document_region(const doc::Document& document);

// The pack for a document: 部门决算 for 决算, 部门预算 for 预算, of the
// document's region (document_region; the default region's packs when that
// region has none), the newest version not newer than the document's year (the
// oldest if all are newer). nullptr with `why` set when none fits.
const BuiltinPack* choose_pack(const doc::Document& document, std::string& why);

// How a built-in pack was chosen, for reports: 按文件类别“决算”和年度 2024 选用,
// or 按文件类别“决算”、地区“上海”和年度 2024 选用 when the pack is a region's.
std::string choice_text(const doc::Document& document, const BuiltinPack& pack);

// The pack given to --pack, and its root file's text: a built-in pack by the
// name `gouji packs` prints ("builtin:final-2023.gj"), a file, or a directory
// (its 包.gj / pack.gj / main.gj, or its only .gj file). false with `why`
// (Chinese) when there is no such pack or it cannot be read.
bool load_pack_arg(const std::string& arg, std::string& root, std::string& text, std::string& why);

// Which pack family a document kind uses.
const char* pack_family(doc::Kind kind);

}  // namespace gouji::cli
