// The built-in rule packs, embedded at build time (cmake/embed_files.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace gouji {

struct EmbeddedFile {
  std::string_view path;  // relative to stdlib/, e.g. "决算/2023/部门决算.gj"
  std::string_view text;
};

const std::vector<EmbeddedFile>& stdlib_files();

}  // namespace gouji
