// gouji gen --seed N --count K --out DIR [--kind …] [--layout …] [--defects RATE | --plant CLASS…]
// Writes K synthetic disclosure documents and DIR/manifest.json (spec/generator.md).
#include "cli/command.hpp"
#include "runtime/number.hpp"
#include "tools/gen/gen.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace gouji::cli {

namespace {

struct GenArgs {
  std::uint64_t seed = 1;
  int count = 10;
  std::string out;
  std::string kind = "all";
  std::string layout = "mixed";
  std::string defects = "0";  // rate: a decimal between 0 and 1
  std::vector<std::string> plant;
};

// RATE as a fraction of 10000, from its decimal text (no floating point).
std::optional<std::int64_t> rate_per_10000(const std::string& text) {
  auto n = gouji::Number::parse_decimal(text);
  if (!n || *n < gouji::Number(0) || *n > gouji::Number(1)) return std::nullopt;
  return std::stoll((*n * gouji::Number(10000)).to_fixed(0));
}

int run_gen(const GenArgs& a) {
  namespace fs = std::filesystem;
  if (a.count < 0) {
    std::fprintf(stderr, "错误：--count 不能为负数\n");
    return exit_usage;
  }
  std::vector<gen::DocKind> kinds;
  if (a.kind == "all") kinds = {gen::DocKind::final2023, gen::DocKind::final2024};
  else if (auto k = gen::parse_kind(a.kind)) kinds = {*k};
  else {
    std::fprintf(stderr, "错误：--kind 只能是 final2023、final2024、budget2025 或 all（“%s”不认识）\n", a.kind.c_str());
    return exit_usage;
  }
  if (a.layout != "mixed" && !gen::parse_layout(a.layout)) {
    std::fprintf(stderr, "错误：--layout 只能是 tab、space 或 mixed（“%s”不认识）\n", a.layout.c_str());
    return exit_usage;
  }
  // 部门预算 has only the tab layout (the only one its sample shows).
  const bool budget = kinds.size() == 1 && kinds[0] == gen::DocKind::budget2025;
  if (budget && a.layout == "space") {
    std::fprintf(stderr, "错误：部门预算（budget2025）只有 tab 版式（样本只有这一种）；--layout 请用 tab 或 mixed\n");
    return exit_usage;
  }
  auto rate = rate_per_10000(a.defects);
  if (!rate) {
    std::fprintf(stderr, "错误：--defects 应是 0 到 1 之间的小数（“%s”不是）\n", a.defects.c_str());
    return exit_usage;
  }
  const auto& classes = budget ? gen::defect_classes(gen::DocKind::budget2025) : gen::defect_classes();
  for (const auto& c : a.plant)
    if (std::find(classes.begin(), classes.end(), c) == classes.end()) {
      std::string all;
      for (const auto& x : classes) all += (all.empty() ? "" : "、") + x;
      std::fprintf(stderr, "错误：不认识的缺陷类别“%s”；%s可用的类别：%s\n", c.c_str(), budget ? "部门预算（budget2025）" : "", all.c_str());
      return exit_usage;
    }
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec) {
    std::fprintf(stderr, "错误：无法创建目录“%s”：%s\n", a.out.c_str(), ec.message().c_str());
    return exit_usage;
  }
  nlohmann::ordered_json manifest;
  manifest["generator"] = "gouji gen";
  manifest["schema"] = 1;
  manifest["seed"] = a.seed;
  manifest["count"] = a.count;
  manifest["documents"] = nlohmann::ordered_json::array();
  std::mt19937_64 choose(a.seed ^ 0x5EEDULL);
  for (int i = 0; i < a.count; ++i) {
    gen::Options o;
    o.seed = gen::document_seed(a.seed, static_cast<std::uint64_t>(i));
    o.kind = kinds[static_cast<std::size_t>(i) % kinds.size()];
    o.layout = a.layout == "mixed" ? ((o.seed >> 7) % 3 == 0 ? gen::Layout::space : gen::Layout::tab) : *gen::parse_layout(a.layout);
    if (o.kind == gen::DocKind::budget2025) o.layout = gen::Layout::tab;
    if (!a.plant.empty()) o.plant = a.plant[static_cast<std::size_t>(i) % a.plant.size()];
    else if (*rate > 0 && static_cast<std::int64_t>((o.seed >> 11) % 10000) < *rate) o.plant = classes[(o.seed >> 33) % classes.size()];
    gen::Generated g = gen::generate(o);
    const std::string file = fmt::format("doc-{:05}-{}-{}.txt", i, gen::kind_name(o.kind), gen::layout_name(o.layout));
    std::ofstream f(fs::path(a.out) / file, std::ios::binary);
    f << g.text;
    if (!f) {
      std::fprintf(stderr, "错误：无法写入“%s”\n", (fs::path(a.out) / file).string().c_str());
      return exit_usage;
    }
    nlohmann::ordered_json d;
    d["file"] = file;
    d["seed"] = o.seed;
    d["kind"] = gen::kind_name(o.kind);
    d["layout"] = gen::layout_name(o.layout);
    d["department"] = g.department;
    d["defects"] = nlohmann::ordered_json::array();
    for (const auto& x : g.defects) {
      nlohmann::ordered_json j;
      j["class"] = x.cls;
      j["table"] = x.table;
      if (!x.subject.empty()) j["subject"] = x.subject;
      j["row"] = x.row;
      j["column"] = x.column;
      j["section"] = x.section;
      j["original"] = x.original;
      j["planted"] = x.planted;
      j["line"] = x.line;
      d["defects"].push_back(j);
    }
    manifest["documents"].push_back(d);
  }
  std::ofstream mf(fs::path(a.out) / "manifest.json", std::ios::binary);
  mf << manifest.dump(2) << "\n";
  if (!mf) {
    std::fprintf(stderr, "错误：无法写入 manifest.json\n");
    return exit_usage;
  }
  std::printf("已生成 %d 份文档及 manifest.json 于 %s\n", a.count, a.out.c_str());
  return exit_ok;
}

const RegisterCommand kRegister{CommandSpec{70, [](CLI::App& app, int& status) {
  auto args = std::make_shared<GenArgs>();
  auto* sub = app.add_subcommand("gen", "生成带已知缺陷的合成公开文档（及 manifest.json）");
  sub->add_option("--seed", args->seed, "随机种子（同一种子生成完全相同的字节）");
  sub->add_option("--count", args->count, "文档份数");
  sub->add_option("--out", args->out, "输出目录")->required();
  sub->add_option("--kind", args->kind, "final2023 | final2024 | budget2025 | all（all = 两种决算轮流）");
  sub->add_option("--layout", args->layout, "tab | space | mixed");
  sub->add_option("--defects", args->defects, "每份文档植入一个缺陷的概率（0–1）");
  sub->add_option("--plant", args->plant, "依次为每份文档植入这些类别的缺陷");
  sub->callback([args, &status] { status = run_gen(*args); });
}}};

}  // namespace

}  // namespace gouji::cli
