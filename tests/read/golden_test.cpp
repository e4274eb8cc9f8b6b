// Golden JSON per sample: what gouji reads from examples/<sample>.txt must
// equal tests/read/golden/<sample>.json. The goldens were checked against
// the sample text by hand (how: tests/read/golden/README.md).
// To rewrite them after a deliberate change, run test_read with
// GOUJI_UPDATE_GOLDEN=1, then check the diff against the text again.
#include "read_helpers.hpp"

using namespace gouji;
using namespace gouji::read::test;

namespace {

void check_sample(const std::string& sample) { check_golden(load(sample + ".txt"), sample); }

}  // namespace

TEST_CASE("golden JSON: luolong 2023") { check_sample("final-2023-luolong-gov-office"); }
TEST_CASE("golden JSON: xigong 2023 (space layout)") { check_sample("final-2023-xigong-community-office"); }
TEST_CASE("golden JSON: luolong 2024") { check_sample("final-2024-luolong-gov-service-center"); }
TEST_CASE("golden JSON: budget 2025") { check_sample("budget-2025-xigong-gov-office"); }

TEST_CASE("the JSON form round-trips: from_json(to_json(d)) gives the same JSON") {
  for (const char* s : {"final-2023-luolong-gov-office", "final-2023-xigong-community-office",
                        "final-2024-luolong-gov-service-center", "budget-2025-xigong-gov-office"}) {
    CAPTURE(s);
    auto d = load(std::string(s) + ".txt");
    std::string j = read::to_json(d);
    auto back = read::from_json(j, d.path);
    REQUIRE(std::holds_alternative<doc::Document>(back));
    const auto& e = std::get<doc::Document>(back);
    CHECK(read::to_json(e) == j);
    // Lookups work on the loaded form too.
    if (!e.find_tables("公开01表").empty()) {
      const auto& t = table(e, "公开01表");
      CHECK(t.row_by_hangci(58) != nullptr);
    }
  }
}

TEST_CASE("the JSON loader refuses malformed documents with a message") {
  auto err = [](std::string_view j) {
    auto r = read::from_json(j, "bad.json");
    REQUIRE(std::holds_alternative<read::ReadError>(r));
    return std::get<read::ReadError>(r).message;
  };
  CHECK(err("{").find("不是有效的 JSON") != std::string::npos);
  CHECK(err("[]").find("对象") != std::string::npos);
  CHECK(err(R"({"schema_version": 99})").find("99") != std::string::npos);
  CHECK(err(R"({"schema_version": 1, "tables": [{"title": "t", "blocks": [], "rows": [{"block": 3, "cells": []}]}]})")
            .find("block 3") != std::string::npos);
  CHECK(err(R"({"schema_version": 1, "tables": [{"title": "t", "blocks": [{"columns": [{"role": "amount"}]}],
                "rows": [{"block": 0, "cells": [{"kind": "number", "value": 1.5}]}]}]})")
            .find("value") != std::string::npos);
  CHECK(err(R"({"schema_version": 1, "tables": [{"title": "t", "blocks": [{"columns": [{"role": "amount"}]}],
                "rows": [{"block": 0, "cells": [{"kind": "number", "value": "abc"}]}]}]})")
            .find("abc") != std::string::npos);
  CHECK(err(R"({"schema_version": 1, "tables": [{"title": "t", "blocks": [{"columns": [{"role": "amount"}]}],
                "rows": [{"block": 0, "parent": 7, "cells": [{"kind": "blank"}]}]}]})")
            .find("parent") != std::string::npos);
}

TEST_CASE("a minimal hand-written JSON document is accepted") {
  auto r = read::from_json(R"({"schema_version": 1, "kind": "决算", "year": 2024,
    "tables": [{"title": "收入支出决算总表", "code": "公开01表",
      "blocks": [{"name": "支出", "columns": [{"header": ["项目"], "role": "label"},
                                              {"header": ["行次"], "role": "hangci"},
                                              {"header": ["金额"], "lanci": 2, "role": "amount"}]}],
      "rows": [{"block": 0, "label": "本年支出合计", "hangci": 58,
                "cells": [{"kind": "text", "text": "本年支出合计"}, {"kind": "text", "text": "58"},
                          {"kind": "number", "value": "1063.13", "places": 2, "text": "1,063.13"}]}]}]})",
                           "min.json");
  REQUIRE(std::holds_alternative<doc::Document>(r));
  const auto& d = std::get<doc::Document>(r);
  CHECK(d.kind == doc::Kind::final_accounts);
  const auto& t = table(d, "公开01表");
  CHECK(lanci_cell(t, *t.row_by_hangci(58), 2).value == num("1063.13"));
  CHECK(d.sections.size() == 1);  // a root section is supplied
}

TEST_CASE("a PDF's JSON form carries the page of every line, in and out") {
  const std::string pdf = "tests/read/pdf/final-2024-shanghai-putuo-finance-bureau.pdf";
  auto bytes = slurp(std::string(GOUJI_SOURCE_DIR) + "/" + pdf);
  REQUIRE(!bytes.empty());
  auto r = read::read_document_bytes(bytes, pdf);
  REQUIRE(std::holds_alternative<doc::Document>(r));
  const auto& d = std::get<doc::Document>(r);
  REQUIRE(!d.line_pages.empty());
  std::string j = read::to_json(d);
  CHECK(j.find("\"pages\"") != std::string::npos);
  auto back = read::from_json(j, d.path);
  REQUIRE(std::holds_alternative<doc::Document>(back));
  const auto& e = std::get<doc::Document>(back);
  // Every line keeps its page (lines after the last table row included).
  for (std::uint32_t ln = 1; ln <= d.line_pages.size(); ++ln) {
    CAPTURE(ln);
    CHECK(e.page_of(ln) == d.page_of(ln));
  }
  CHECK(read::to_json(e) == j);
  // As printed in the PDF: 2080505 机关事业单位基本养老保险缴费支出 of the
  // 收入决算表 is on page 8 (pdftotext -f 8 -l 8).
  const auto& t = table(e, "收入决算表");
  const doc::Row* row = t.row_by_code("2080505");
  REQUIRE(row != nullptr);
  CHECK(e.page_of(row->line) == 8);
  // A text sample has no pages, and its JSON says none.
  auto text = load("final-2023-luolong-gov-office.txt");
  CHECK(read::to_json(text).find("\"pages\"") == std::string::npos);
}

TEST_CASE("a JSON document from another front end gives pages on its tables and rows only") {
  // Rows on lines 10 and 14 of page 3, the table title on line 8 of page 3,
  // a row on line 20 of page 4: lines 8–14 are on page 3, 20 on page 4; the
  // lines between 14 and 20 (a page break somewhere) stay unknown.
  auto r = read::from_json(R"({"schema_version": 1,
    "tables": [{"title": "收入决算表", "line": 8, "page": 3,
      "blocks": [{"columns": [{"header": ["科目名称"], "role": "label"}, {"header": ["金额"], "role": "amount"}]}],
      "rows": [{"block": 0, "label": "a", "line": 10, "page": 3, "cells": [{"kind": "text", "text": "a", "line": 10}, {"kind": "number", "value": "1", "line": 11}]},
               {"block": 0, "label": "b", "line": 14, "page": 3, "cells": [{"kind": "text", "text": "b"}, {"kind": "blank"}]},
               {"block": 0, "label": "c", "line": 20, "page": 4, "cells": [{"kind": "text", "text": "c"}, {"kind": "blank"}]}]}]})",
                           "fe.json");
  REQUIRE(std::holds_alternative<doc::Document>(r));
  const auto& d = std::get<doc::Document>(r);
  CHECK(d.page_of(8) == 3);
  CHECK(d.page_of(11) == 3);  // the figure printed on the line below its row's label
  CHECK(d.page_of(14) == 3);
  CHECK(d.page_of(17) == 0);
  CHECK(d.page_of(20) == 4);
  CHECK(d.page_of(21) == 0);
  auto err = [](std::string_view j) {
    auto e = read::from_json(j, "bad.json");
    REQUIRE(std::holds_alternative<read::ReadError>(e));
    return std::get<read::ReadError>(e).message;
  };
  CHECK(err(R"({"schema_version": 1, "pages": [{"page": 1, "first_line": 5, "last_line": 2}]})").find("5–2") !=
        std::string::npos);
  CHECK(err(R"({"schema_version": 1, "pages": [{"page": 1, "first_line": 1, "last_line": 4000000000}]})")
            .find("行范围") != std::string::npos);
  CHECK(err(R"({"schema_version": 1, "pages": [{"page": 1, "first_line": 1, "last_line": 3},
                                               {"page": 2, "first_line": 3, "last_line": 4}]})")
            .find("第 3 行既在第 1 页又在第 2 页") != std::string::npos);
}
