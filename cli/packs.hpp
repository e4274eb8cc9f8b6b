// The built-in rule packs (stdlib/, embedded in the binary): which there are,
// how their imports are found, and which one fits a document.
#pragma once

#include "lang/checker.hpp"
#include "runtime/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gouji::cli {

struct BuiltinPack {
  std::string path;        // "builtin:final-2023.gj" — how diagnostics name it
  std::string file;        // "final-2023.gj" — relative to stdlib/
  std::string name;        // pack header: 部门决算
  std::string version;     // 2023
  std::string description; // the file's first comment line
};

// Every embedded pack that has a pack header, sorted by name then version.
const std::vector<BuiltinPack>& builtin_packs();

// Resolves imports of embedded packs among the embedded files, and of files
// on disk on the file system (so a user's pack may import a built-in one
// with "builtin:final-2023.gj").
lang::Loader pack_loader();

// The text of an embedded file by its stdlib-relative name.
std::optional<std::string> builtin_file(const std::string& file);

// The pack for a document: 部门决算 for 决算, 部门预算 for 预算, the newest
// version not newer than the document's year (the oldest if all are newer).
// nullptr with `why` set when none fits.
const BuiltinPack* choose_pack(const doc::Document& document, std::string& why);

// The root file of a pack given as a file or a directory (--pack): the file
// itself, or a directory's 包.gj / pack.gj / main.gj, or its only .gj file.
// false with `why` (Chinese) otherwise.
bool pack_root(const std::string& arg, std::string& root, std::string& why);

// Which pack family a document kind uses.
const char* pack_family(doc::Kind kind);

}  // namespace gouji::cli
