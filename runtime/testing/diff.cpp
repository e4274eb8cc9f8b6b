// Comparing two rule packs. See diff.hpp.
#include "runtime/testing/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace gouji::testing {

namespace {

// The rule blocks of a module's dump, in declaration order.
std::vector<std::string> rule_blocks(const ast::Module& m) {
  std::string text = ast::dump(m);
  std::vector<std::string> blocks;
  std::string cur;
  bool in = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? text.size() : nl + 1;
    if (!in && (line.starts_with("rule ") || line.starts_with("override rule "))) {
      in = true;
      // The id does not make a rule different; the override keyword neither.
      std::string body = line.substr(line.find("rule ") + 5);
      std::size_t sp = body.find(' ');
      cur = sp == std::string::npos ? std::string() : body.substr(sp + 1);
      cur += "\n";
      continue;
    }
    if (in) {
      cur += line + "\n";
      if (line == "}") {
        blocks.push_back(cur);
        in = false;
      }
    }
  }
  return blocks;
}

std::string bindings_text(const eval::Outcome& o) {
  std::string s;
  for (const auto& [k, v] : o.bindings) s += (s.empty() ? "" : "，") + k + " = " + v;
  return s;
}

std::string outcome_text(const eval::Outcome& o) {
  std::string s = eval::status_name_zh(o.status);
  if (o.status == eval::Status::fail && o.difference) s += "（差 " + o.difference->to_string(6) + "）";
  if ((o.status == eval::Status::error || o.status == eval::Status::not_applicable) && !o.reason.empty())
    s += "（" + o.reason + "）";
  return s;
}

// Outcomes keyed by rule, bindings and their order among equal keys (the n-th expect).
std::map<std::string, const eval::Outcome*> keyed(const eval::Report& r) {
  std::map<std::string, const eval::Outcome*> out;
  std::map<std::string, int> seen;
  for (const auto& o : r.outcomes) {
    std::string k = o.rule_id + "\x1f" + bindings_text(o);
    out[k + fmt::format("\x1f{}", seen[k]++)] = &o;
  }
  return out;
}

eval::Options options_for(const Case& c, const lang::Program& p) {
  eval::Options o;
  for (const auto& [k, v] : c.params)
    if (std::any_of(p.params.begin(), p.params.end(), [&](const ast::Param* x) { return x->name == k; }))
      o.params[k] = v;
  return o;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> rule_dumps(const lang::Program& program) {
  std::vector<std::pair<std::string, std::string>> out;
  std::map<const ast::Module*, std::vector<std::string>> cache;
  for (const ast::Rule* r : program.rules) {
    std::string text;
    for (const auto& m : program.modules) {
      for (std::size_t i = 0; i < m->rules.size(); ++i) {
        if (&m->rules[i] != r) continue;
        auto it = cache.find(m.get());
        if (it == cache.end()) it = cache.emplace(m.get(), rule_blocks(*m)).first;
        if (i < it->second.size()) text = it->second[i];
      }
    }
    out.emplace_back(r->id, text);
  }
  return out;
}

PackDiff diff_packs(const lang::Program& a, const lang::Program& b) {
  PackDiff d;
  auto da = rule_dumps(a), db = rule_dumps(b);
  std::map<std::string, std::string> ma(da.begin(), da.end()), mb(db.begin(), db.end());
  for (const auto& [id, text] : da) {
    auto it = mb.find(id);
    if (it == mb.end())
      d.removed.push_back(id);
    else if (it->second != text)
      d.changed.push_back({id, text, it->second});
  }
  for (const auto& [id, text] : db)
    if (!ma.count(id)) d.added.push_back(id);
  std::map<std::string, std::string> pa, pb;
  for (const ast::Param* p : a.params) pa[p->name] = ast::dump(*p->value);
  for (const ast::Param* p : b.params) pb[p->name] = ast::dump(*p->value);
  for (const auto& [n, v] : pa) {
    auto it = pb.find(n);
    if (it == pb.end())
      d.params.push_back(fmt::format("删除参数 {}（原为 {}）", n, v));
    else if (it->second != v)
      d.params.push_back(fmt::format("参数 {}：{} → {}", n, v, it->second));
  }
  for (const auto& [n, v] : pb)
    if (!pa.count(n)) d.params.push_back(fmt::format("新增参数 {} = {}", n, v));
  return d;
}

std::vector<OutcomeChange> outcome_changes(const std::vector<TestFile>& tests, const lang::Program& old_pack,
                                           const lang::Program& new_pack, const DocumentReader& reader,
                                           const std::string& filter, std::string& problems) {
  std::vector<OutcomeChange> out;
  for (const TestFile& f : tests)
    for (const Case& c : f.cases) {
      if (!case_selected(f, c, filter)) continue;
      bool missing = false;
      auto d = load_case_document(f, c, reader, missing);
      if (auto* e = std::get_if<std::string>(&d)) {
        problems += *e + "\n";
        continue;
      }
      const doc::Document& document = std::get<doc::Document>(d);
      eval::Report ra = eval::evaluate(old_pack, document, options_for(c, old_pack));
      eval::Report rb = eval::evaluate(new_pack, document, options_for(c, new_pack));
      auto ka = keyed(ra), kb = keyed(rb);
      auto add = [&](const eval::Outcome& o, std::string before, std::string after) {
        out.push_back({f.path, c.line, c.name, o.rule_id, bindings_text(o), std::move(before), std::move(after)});
      };
      for (const auto& [k, o] : ka) {
        auto it = kb.find(k);
        if (it == kb.end())
          add(*o, outcome_text(*o), "（新包中无此实例）");
        else if (outcome_text(*o) != outcome_text(*it->second))
          add(*o, outcome_text(*o), outcome_text(*it->second));
      }
      for (const auto& [k, o] : kb)
        if (!ka.count(k)) add(*o, "（旧包中无此实例）", outcome_text(*o));
    }
  return out;
}

}  // namespace gouji::testing
