// The JSON form of a report (gouji check --format json).
#include "runtime/eval/eval.hpp"

#include <nlohmann/json.hpp>

namespace gouji::eval {

namespace {

nlohmann::json number_json(const Number& n) { return n.to_string(12); }

nlohmann::json pos_json(const SourcePos& p) {
  if (p.line == 0) return nullptr;
  return {{"file", p.file}, {"line", p.line}, {"column", p.column}};
}

const char* step_kind(Step::Kind k) {
  switch (k) {
    case Step::Kind::read: return "read";
    case Step::Kind::quote: return "quote";
    case Step::Kind::name: return "name";
    case Step::Kind::let: return "let";
    case Step::Kind::compute: return "compute";
    case Step::Kind::call: return "call";
    case Step::Kind::compare: return "compare";
    case Step::Kind::item: return "item";
    case Step::Kind::when: return "when";
  }
  return "?";
}

nlohmann::json place_json(const Place& p) {
  nlohmann::json pj = nlohmann::json::object();
  if (!p.table.empty()) pj["table"] = p.table;
  if (!p.row.empty()) pj["row"] = p.row;
  if (!p.column.empty()) pj["column"] = p.column;
  if (!p.printed.empty()) pj["printed"] = p.printed;
  if (p.line) {
    pj["line"] = p.line;
    pj["line_text"] = p.line_text;
  }
  if (p.page) pj["page"] = p.page;
  return pj;
}

nlohmann::json step_json(const Step& s) {
  nlohmann::json j;
  j["kind"] = step_kind(s.kind);
  if (!s.expr.empty()) j["expr"] = s.expr;
  if (!s.value.empty()) j["value"] = s.value;
  if (s.exact) {
    j["exact"] = number_json(*s.exact);
    if (!s.exact->fits_places(12)) j["exact_fraction"] = s.exact->to_fraction();
  }
  if (s.unbounded)
    j["interval"] = "unbounded";
  else if (s.interval)
    j["interval"] = {number_json(s.interval->first), number_json(s.interval->second)};
  if (s.percent) j["percent"] = true;
  if (!s.detail.empty()) j["detail"] = s.detail;
  if (s.kind == Step::Kind::read || s.kind == Step::Kind::quote) j["place"] = place_json(s.place);
  return j;
}

nlohmann::json derivation_json(const Outcome& o) {
  const Derivation& d = *o.derivation;
  nlohmann::json j;
  j["expect"] = d.expect;
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : d.steps) steps.push_back(step_json(s));
  j["steps"] = steps;
  if (d.omitted) j["omitted"] = d.omitted;
  if (d.left) j["left"] = step_json(*d.left);
  if (d.right) j["right"] = step_json(*d.right);
  j["text"] = derivation_lines(o);
  return j;
}

}  // namespace

nlohmann::json to_json(const Outcome& o) {
  nlohmann::json j;
  j["rule"] = o.rule_id;
  j["description"] = o.description;
  j["severity"] = ast::severity_name(o.severity);
  j["status"] = status_name(o.status);
  nlohmann::json b = nlohmann::json::object();
  for (const auto& [k, v] : o.bindings) b[k] = v;
  j["bindings"] = b;
  if (!o.message.empty()) j["message"] = o.message;
  if (!o.reason.empty()) j["reason"] = o.reason;
  if (!o.comparison.empty()) j["comparison"] = o.comparison;
  if (o.left) j["left"] = number_json(*o.left);
  if (o.right) j["right"] = number_json(*o.right);
  if (o.difference) j["difference"] = number_json(*o.difference);
  if (o.tolerance) j["tolerance"] = number_json(*o.tolerance);
  if (o.allowance) j["rounding_allowance"] = number_json(*o.allowance);
  if (o.left_interval) j["left_interval"] = {number_json(o.left_interval->first), number_json(o.left_interval->second)};
  if (o.right_interval)
    j["right_interval"] = {number_json(o.right_interval->first), number_json(o.right_interval->second)};
  if (!o.left_text.empty()) j["left_text"] = o.left_text;
  if (!o.right_text.empty()) j["right_text"] = o.right_text;
  nlohmann::json places = nlohmann::json::array();
  for (const Place& p : o.places) places.push_back(place_json(p));
  if (!places.empty()) j["places"] = places;
  j["location"] = pos_json(o.location);
  if (o.derivation) j["derivation"] = derivation_json(o);
  return j;
}

nlohmann::json to_json(const Report& r) {
  nlohmann::json j;
  j["document"] = r.document;
  j["rules_run"] = r.rules_run;
  j["summary"] = {{"pass", r.count(Status::pass)},
                  {"fail", r.count(Status::fail)},
                  {"not_applicable", r.count(Status::not_applicable)},
                  {"error", r.count(Status::error)}};
  nlohmann::json outs = nlohmann::json::array();
  for (const Outcome& o : r.outcomes) outs.push_back(to_json(o));
  j["outcomes"] = outs;
  nlohmann::json scores = nlohmann::json::array();
  for (const ScoreResult& s : r.scores) {
    nlohmann::json sj;
    sj["id"] = s.id;
    sj["weight"] = number_json(s.weight);
    sj["value"] = s.value ? nlohmann::json(number_json(*s.value)) : nlohmann::json(nullptr);
    sj["status"] = status_name(s.status);
    if (!s.reason.empty()) sj["reason"] = s.reason;
    sj["location"] = pos_json(s.location);
    scores.push_back(sj);
  }
  j["scores"] = scores;
  j["score_total"] = number_json(r.score_total);
  j["score_max"] = number_json(r.score_max);
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace gouji::eval
