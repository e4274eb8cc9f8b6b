// Internals of the generator: the random source, the drawn document (every
// figure as an integer of 0.01 万元) and the writer.
#pragma once

#include "runtime/number.hpp"
#include "tools/gen/gen.hpp"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace gouji::gen {

using Cents = std::int64_t;  // an amount in 0.01 万元

// Seeded random source. mt19937_64 is specified exactly by the standard; the
// distributions are our own so that every library draws the same numbers.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::int64_t range(std::int64_t lo, std::int64_t hi);  // inclusive
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(v.size()) - 1))]; }
  // value × (lo_pct … hi_pct)% in whole cents
  Cents scale(Cents value, int lo_pct, int hi_pct);

 private:
  std::mt19937_64 engine_;
};

struct Xiang {            // a 项-level 科目 row of 02/03/05
  std::string lei, lei_name, kuan, kuan_name, code, name;
  Cents basic = 0;        // 基本支出
  Cents project = 0;      // 项目支出
  Cents budget_start = 0; // 年初预算数 (for 五（三）)
  Cents total() const { return basic + project; }
};

struct EconItem {         // a row of 06
  std::string code, name;
  Cents amount = 0;
};

struct Indicator {        // a row of 绩效指标
  std::string level1, level2, level3, target, actual, deviation, reason;
  int weight = 0;         // 分值
  Number score;           // 得分 (2 decimals at most)
};

struct Project {          // a project and its 项目支出绩效自评表
  std::string name;
  std::string xiang;      // the 项 it is charged to
  Cents start = 0, full = 0, spent = 0;  // 年初预算数, 全年预算数, 全年执行数
  Number rate_score;      // 执行率得分 = 10 × 执行率
  std::vector<Indicator> indicators;
  Number total;           // 总分
  bool all_met = true;    // every indicator scored in full
};

struct Model {
  DocKind kind = DocKind::final2023;
  int year = 2023;
  std::string region, department;
  bool administrative = true;  // 行政单位 (has 机关运行经费) vs 事业单位
  std::vector<std::string> duties;  // 部门职责 items
  std::vector<std::string> offices; // 内设机构
  std::vector<Xiang> xiang;    // in code order
  std::vector<EconItem> e301, e303, e302, e307, e310, e399;
  Cents personnel = 0, public_use = 0;  // 人员经费合计, 公用经费合计
  // 三公: budget and final; index 0 出国, 1 购置, 2 运行, 3 接待
  Cents sg_budget[4] = {0, 0, 0, 0}, sg_final[4] = {0, 0, 0, 0};
  int vehicles_total = 0, vehicle_kinds[8] = {0, 0, 0, 0, 0, 0, 0, 0}, vehicles_kept = 0;
  int sg_groups = 0, sg_people = 0, reception_groups = 0, reception_people = 0;
  Cents proc_goods = 0, proc_works = 0, proc_services = 0, proc_sme = 0, proc_micro = 0;
  Cents prior_total = 0, prior_personnel = 0, prior_public = 0;  // 上年度
  Cents admin_budget = 0;  // 机关运行经费年初预算
  std::vector<Project> projects;
  // 部门整体 table
  Cents dept_start = 0, dept_full = 0, dept_spent = 0;
  Number dept_rate_score, dept_total;
  std::vector<Indicator> dept_indicators;
  std::string reasons_change, reasons_budget;

  Cents total_basic() const;
  Cents total_project() const;
  Cents total() const { return total_basic() + total_project(); }
};

Model draw_model(DocKind kind, Rng& rng);

// A 部门预算 document (tools/gen/budget.cpp); `generate` hands budget2025 to it.
Generated generate_budget(const Options& options);
// A different amount or percentage for a planted defect (write.cpp).
std::string shifted_amount(Rng& rng, const std::string& shown, bool grouped);
std::string shifted_percent(Rng& rng, const std::string& shown);

// Formatting of amounts.
std::string fixed2(Cents c);                 // "1063.13", "-0.50"
std::string grouped2(Cents c);               // "1,063.13"
std::string trimmed(Cents c);                // "56", "0.2", "28.03"
Number to_number(Cents c);
// ratio a/b as a percent with 2 decimals, half-up: "68.31"; b == 0 gives "0.00"
std::string pct2(Cents a, Cents b);
Number ratio(Cents a, Cents b);              // a/b exactly (0 when b == 0)
std::string grade_of(const Number& score);   // 优 良 中 差

}  // namespace gouji::gen
