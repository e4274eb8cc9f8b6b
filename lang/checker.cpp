// The checker (see checker.hpp): loading, effective declarations after
// extends / override / drop, name resolution, type inference, unused
// definitions, recursion.
#include "lang/checker.hpp"

#include "lang/builtins.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

namespace gouji::lang {

namespace {

using ast::Expr;
using ast::ExprKind;
using ast::NameRef;
using ast::Op;
using ast::Span;
using ast::Stmt;
using ast::StmtKind;

constexpr int kMaxImportDepth = 32;

TypeRef T(Type t) { return TypeRef{t, Type::any}; }

// Can a value of this type be used where a number is wanted? (Checked again
// at run time: a row with one amount column, a one-row column, a match with
// a number are numbers then.)
bool numeric_ok(TypeRef t) {
  switch (t.kind) {
    case Type::any: case Type::number: case Type::cell: case Type::match: case Type::row: case Type::column:
    case Type::nothing: return true;
    default: return false;
  }
}
bool bool_ok(TypeRef t) { return t.kind == Type::any || t.kind == Type::boolean || t.kind == Type::nothing; }
bool is_collection(TypeRef t) { return t.kind == Type::list || t.kind == Type::table || t.kind == Type::section; }

bool fits_want(TypeRef have, TypeRef want) {
  if (want.kind == Type::number) return numeric_ok(have);
  return fits(have, want);
}

std::string tz(TypeRef t) { return type_name(t, false); }
std::string te(TypeRef t) { return type_name(t, true); }

struct Local {
  std::string name;
  int slot = -1;
  TypeRef type;
  Span span;
  bool used = false;
  bool param = false;  // a function parameter (own warning)
};

// The locals of the body being checked (a rule, a function, a score, a let).
struct Frame {
  std::vector<Local> locals;
  std::vector<std::size_t> marks;  // scope starts in `locals`
  int next_slot = 0;
  int fn = -1;  // index in Program::functions of the function being checked
  std::string fn_name;
  bool warn_unused = false;  // only for the root module
};

enum class State : std::uint8_t { unchecked, checking, done };

// What a global name is.
struct Global {
  NameRef kind = NameRef::unresolved;
  int index = -1;
  std::size_t module = 0;  // defining module
  Span span;
};

class Checker {
 public:
  Checker(Program& p, std::vector<Diagnostic>& d, const Loader& l, bool library)
      : prog_(p), diags_(d), loader_(l), library_(library) {}

  void run(const std::string& path, std::string text) {
    load(path, std::move(text), 0);
    if (prog_.modules.empty()) return;
    build();
    resolve_required();
    check_all();
  }

 private:
  Program& prog_;
  std::vector<Diagnostic>& diags_;
  const Loader& loader_;
  bool library_;  // checked on its own (lint): a file without a pack header may leave required names undefined

  // ---------------------------------------------------------------- diagnostics
  Diagnostic& report(DiagSeverity sev, Span sp, std::string code, std::vector<std::string> args = {},
                     std::vector<std::string> args_en = {}) {
    Diagnostic d = make_diag(sev, sp, std::move(code), std::move(args));
    d.args_en = std::move(args_en);
    diags_.push_back(std::move(d));
    return diags_.back();
  }
  Diagnostic& error(Span sp, std::string code, std::vector<std::string> args = {}, std::vector<std::string> args_en = {}) {
    return report(DiagSeverity::error, sp, std::move(code), std::move(args), std::move(args_en));
  }
  Diagnostic& warning(Span sp, std::string code, std::vector<std::string> args = {}) {
    return report(DiagSeverity::warning, sp, std::move(code), std::move(args));
  }
  static void suggest(Diagnostic& d, const std::string& s) {
    if (s.empty()) return;
    d.hint_code = "H-did-you-mean";
    d.hint_args = {s};
  }
  static void note(Diagnostic& d, Span sp, std::string code, std::vector<std::string> args = {}) {
    d.notes.push_back(DiagNote{sp, std::move(code), std::move(args)});
  }

  // ---------------------------------------------------------------- loading
  struct ModInfo {
    std::string path;
    std::vector<std::size_t> deps;     // imported and extended modules
    std::vector<std::size_t> extends;  // extended modules
  };
  std::vector<ModInfo> info_;
  std::map<std::string, std::size_t> by_path_;
  std::set<std::string> loading_;

  std::optional<std::size_t> load(const std::string& path, std::string text, int depth) {
    std::uint32_t file = prog_.sources.add(path, std::move(text));
    auto m = std::make_unique<ast::Module>(parse_module(prog_.sources, file, diags_));
    loading_.insert(path);
    ModInfo mi;
    mi.path = path;
    for (const ast::Import& imp : m->imports) {
      if (depth >= kMaxImportDepth) {
        error(imp.span, "E-import-too-deep", {std::to_string(kMaxImportDepth)});
        continue;
      }
      std::optional<LoadedFile> lf = loader_ ? loader_(path, imp.path) : std::nullopt;
      if (!lf) {
        error(imp.span, "E-import-not-found", {imp.path});
        continue;
      }
      if (loading_.count(lf->path)) {
        error(imp.span, "E-import-cycle", {imp.path});
        continue;
      }
      std::optional<std::size_t> idx;
      if (auto it = by_path_.find(lf->path); it != by_path_.end()) idx = it->second;
      else idx = load(lf->path, std::move(lf->text), depth + 1);
      if (!idx) continue;
      mi.deps.push_back(*idx);
      if (imp.extends) mi.extends.push_back(*idx);
    }
    loading_.erase(path);
    prog_.modules.push_back(std::move(m));
    info_.push_back(std::move(mi));
    by_path_[path] = prog_.modules.size() - 1;
    return prog_.modules.size() - 1;
  }

  // Modules whose rules module `mi` may override or drop: what it extends,
  // with everything those import.
  std::vector<bool> extended_set(std::size_t mi) const {
    std::vector<bool> in(prog_.modules.size(), false);
    std::vector<std::size_t> todo(info_[mi].extends.begin(), info_[mi].extends.end());
    while (!todo.empty()) {
      std::size_t k = todo.back();
      todo.pop_back();
      if (in[k]) continue;
      in[k] = true;
      for (std::size_t d : info_[k].deps) todo.push_back(d);
    }
    return in;
  }

  // ---------------------------------------------------------------- effective declarations
  std::map<std::string, Global> globals_;  // params, lets, functions share one namespace
  std::vector<std::size_t> param_owner_;
  struct RuleSlot {
    const ast::Rule* rule;
    std::size_t module;
  };
  std::vector<RuleSlot> rules_;
  std::map<std::string, std::size_t> rule_index_;
  std::vector<std::string> rule_ids_;  // of the effective program
  std::size_t root_ = 0;

  bool define(const std::string& name, NameRef kind, int index, std::size_t module, Span sp) {
    auto it = globals_.find(name);
    if (it != globals_.end()) {
      Diagnostic& d = error(sp, "E-duplicate-def", {name});
      note(d, it->second.span, "N-first-defined");
      return false;
    }
    globals_[name] = Global{kind, index, module, sp};
    return true;
  }

  void build() {
    root_ = prog_.modules.size() - 1;
    for (std::size_t mi = 0; mi < prog_.modules.size(); ++mi) build_module(mi);
    for (const RuleSlot& r : rules_)
      if (r.rule) prog_.rules.push_back(r.rule), rule_ids_.push_back(r.rule->id);
    const ast::Module& root = *prog_.modules[root_];
    prog_.pack_name = root.pack_name;
    prog_.pack_version = root.pack_version;
    // unit and tolerance: the root's, else inherited from what it extends (nearest first)
    for (std::size_t k = prog_.modules.size(); k-- > 0;) {
      const ast::Module& m = *prog_.modules[k];
      if (prog_.unit.empty() && !m.unit.empty()) prog_.unit = m.unit;
      if (!prog_.tolerance && m.tolerance) prog_.tolerance = m.tolerance.get();
    }
  }

  void build_module(std::size_t mi) {
    const ast::Module& m = *prog_.modules[mi];
    std::vector<bool> ext = extended_set(mi);
    for (const ast::Param& p : m.params) {
      auto it = globals_.find(p.name);
      if (it != globals_.end() && it->second.kind == NameRef::param && ext[it->second.module]) {
        prog_.params[static_cast<std::size_t>(it->second.index)] = &p;  // a new default
        it->second.module = mi;
        continue;
      }
      if (define(p.name, NameRef::param, static_cast<int>(prog_.params.size()), mi, p.span)) prog_.params.push_back(&p);
    }
    for (const ast::Let& l : m.lets)
      if (define(l.name, NameRef::global_let, static_cast<int>(prog_.lets.size()), mi, l.span)) prog_.lets.push_back(&l);
    for (const ast::Function& f : m.functions) {
      if (find_builtin(f.name)) {
        error(f.span, "E-shadows-builtin", {f.name});
        continue;
      }
      if (define(f.name, NameRef::function, static_cast<int>(prog_.functions.size()), mi, f.span))
        prog_.functions.push_back(&f);
    }
    for (const ast::Rule& r : m.rules) add_rule(r, mi, ext);
    for (const ast::Drop& d : m.drops) drop_rule(d, ext);
    std::set<std::string> seen;
    for (const ast::Score& s : m.scores) {
      for (const ast::Score* other : prog_.scores)
        if (other->id == s.id) {
          Diagnostic& d = error(s.id_span, "E-duplicate-score", {s.id});
          note(d, other->id_span, "N-first-defined");
        }
      prog_.scores.push_back(&s);
    }
  }

  std::vector<std::string> current_rule_ids() const {
    std::vector<std::string> ids;
    for (const RuleSlot& r : rules_)
      if (r.rule) ids.push_back(r.rule->id);
    return ids;
  }

  void add_rule(const ast::Rule& r, std::size_t mi, const std::vector<bool>& ext) {
    auto it = rule_index_.find(r.id);
    bool exists = it != rule_index_.end() && rules_[it->second].rule;
    if (!r.is_override) {
      if (exists) {
        Diagnostic& d = error(r.id_span, "E-duplicate-rule", {r.id});
        note(d, rules_[it->second].rule->id_span, "N-first-defined");
        if (ext[rules_[it->second].module]) d.hint_code = "H-use-override";
        return;
      }
      rule_index_[r.id] = rules_.size();
      rules_.push_back(RuleSlot{&r, mi});
      return;
    }
    if (!exists) {
      suggest(error(r.id_span, "E-override-unknown", {r.id}), closest_name(r.id, current_rule_ids()));
      return;
    }
    RuleSlot& slot = rules_[it->second];
    if (!ext[slot.module]) {
      Diagnostic& d = error(r.id_span, "E-override-not-extended", {r.id});
      note(d, slot.rule->id_span, "N-defined-here");
      return;
    }
    slot = RuleSlot{&r, mi};
  }

  void drop_rule(const ast::Drop& d, const std::vector<bool>& ext) {
    auto it = rule_index_.find(d.rule_id);
    if (it == rule_index_.end() || !rules_[it->second].rule) {
      suggest(error(d.span, "E-drop-unknown", {d.rule_id}), closest_name(d.rule_id, current_rule_ids()));
      return;
    }
    RuleSlot& slot = rules_[it->second];
    if (!ext[slot.module]) {
      Diagnostic& diag = error(d.span, "E-drop-not-extended", {d.rule_id});
      note(diag, slot.rule->id_span, "N-defined-here");
      return;
    }
    slot.rule = nullptr;
  }

  // ---------------------------------------------------------------- required names
  // Names a file requires (require …) that no module of the pack defines: known
  // (of any type) while checking that file on its own, an error in a pack
  // that is run.
  std::map<std::string, const ast::Require*> unmet_;

  void resolve_required() {
    std::vector<const ast::Require*> root_unmet;
    for (const auto& mp : prog_.modules)
      for (const ast::Require& q : mp->required) {
        auto it = globals_.find(q.name);
        if (it == globals_.end()) {
          if (find_builtin(q.name)) {
            error(q.span, "E-require-builtin", {q.name});
            continue;
          }
          // A file with a pack header is a pack to run even when linted on its own.
          bool may_stay_unmet = library_ && prog_.modules[root_]->pack_name.empty();
          if (!unmet_.emplace(q.name, &q).second || may_stay_unmet) continue;
          if (q.span.file == prog_.modules[root_]->file)  // the file that requires it is run on its own: said once
            root_unmet.push_back(&q);
          else
            error(q.span, "E-require-unmet", {q.name, prog_.sources.file(prog_.modules[root_]->file).path});
          continue;
        }
        const Global& g = it->second;
        if ((g.kind == NameRef::function) != q.function) {
          Diagnostic& d = error(q.span, q.function ? "E-require-not-function" : "E-require-function", {q.name});
          note(d, g.span, "N-defined-here");
          continue;
        }
        if (q.function) {
          const ast::Function& f = *prog_.functions[static_cast<std::size_t>(g.index)];
          if (f.params.size() != q.params.size()) {
            Diagnostic& d = error(q.span, "E-require-arity",
                                  {q.name, std::to_string(q.params.size()), std::to_string(f.params.size())});
            note(d, f.span, "N-defined-here");
          }
        }
      }
    if (!root_unmet.empty())
      error(root_unmet[0]->span, "E-require-root", {root_unmet[0]->name, std::to_string(root_unmet.size())});
  }

  const ast::Require* unmet(const std::string& n, bool function) const {
    auto it = unmet_.find(n);
    return it != unmet_.end() && it->second->function == function ? it->second : nullptr;
  }

  // ---------------------------------------------------------------- checking
  Frame frame_;
  std::vector<State> let_state_, fn_state_;
  std::vector<TypeRef> let_type_, fn_type_, param_type_;
  std::vector<bool> let_used_, fn_used_, param_used_;

  bool in_root(Span sp) const { return sp.file == prog_.modules[root_]->file; }

  void check_all() {
    let_state_.assign(prog_.lets.size(), State::unchecked);
    fn_state_.assign(prog_.functions.size(), State::unchecked);
    let_type_.assign(prog_.lets.size(), T(Type::any));
    fn_type_.assign(prog_.functions.size(), T(Type::any));
    param_type_.assign(prog_.params.size(), T(Type::any));
    let_used_.assign(prog_.lets.size(), false);
    fn_used_.assign(prog_.functions.size(), false);
    param_used_.assign(prog_.params.size(), false);
    for (std::size_t i = 0; i < prog_.params.size(); ++i) {
      Frame saved = std::exchange(frame_, Frame{});
      param_type_[i] = expr(*prog_.params[i]->value);
      frame_ = std::move(saved);
    }
    for (const auto& m : prog_.modules)
      if (m->tolerance) check_number(*m->tolerance, "E-type-tolerance");
    for (std::size_t i = 0; i < prog_.lets.size(); ++i) check_let(i);
    for (std::size_t i = 0; i < prog_.functions.size(); ++i) check_function(i);
    for (const auto& m : prog_.modules)  // overridden and dropped rules are checked too
      for (const ast::Rule& r : m->rules) check_rule(r);
    for (const ast::Score* s : prog_.scores) check_score(*s);
    unused_globals();
  }

  void unused_globals() {
    for (std::size_t i = 0; i < prog_.lets.size(); ++i)
      if (!let_used_[i] && in_root(prog_.lets[i]->span)) warning(prog_.lets[i]->span, "W-unused-let", {prog_.lets[i]->name});
    for (std::size_t i = 0; i < prog_.functions.size(); ++i)
      if (!fn_used_[i] && in_root(prog_.functions[i]->span))
        warning(prog_.functions[i]->span, "W-unused-function", {prog_.functions[i]->name});
    (void)param_used_;  // pack params are set from the command line: an unused one is not an error
  }

  void check_let(std::size_t i) {
    if (let_state_[i] != State::unchecked) return;
    let_state_[i] = State::checking;
    Frame saved = std::exchange(frame_, Frame{});
    ast::Let& l = const_cast<ast::Let&>(*prog_.lets[i]);
    let_type_[i] = expr(*l.value);
    l.locals = frame_.next_slot;
    frame_ = std::move(saved);
    let_state_[i] = State::done;
  }

  void check_function(std::size_t i) {
    if (fn_state_[i] != State::unchecked) return;
    fn_state_[i] = State::checking;
    ast::Function& f = const_cast<ast::Function&>(*prog_.functions[i]);
    Frame saved = std::exchange(frame_, Frame{});
    frame_.fn = static_cast<int>(i);
    frame_.fn_name = f.name;
    frame_.warn_unused = in_root(f.span);
    frame_.marks.push_back(0);
    for (std::size_t k = 0; k < f.params.size(); ++k) {
      Span sp = k < f.param_spans.size() ? f.param_spans[k] : f.span;
      declare(f.params[k], sp, T(Type::any), true);
    }
    fn_type_[i] = expr(*f.body);
    close_scope();
    f.locals = frame_.next_slot;
    frame_ = std::move(saved);
    fn_state_[i] = State::done;
  }

  void check_rule(const ast::Rule& cr) {
    ast::Rule& r = const_cast<ast::Rule&>(cr);
    Frame saved = std::exchange(frame_, Frame{});
    frame_.warn_unused = in_root(r.span);
    if (r.when) check_condition(*r.when, "when");
    open_scope();
    bool expects = block(r.body);
    close_scope();
    r.locals = frame_.next_slot;
    frame_ = std::move(saved);
    if (!expects) warning(r.id_span, "W-rule-no-expect", {r.id});
  }

  void check_score(const ast::Score& cs) {
    ast::Score& s = const_cast<ast::Score&>(cs);
    Frame saved = std::exchange(frame_, Frame{});
    check_number(*s.weight, "E-type-weight");
    check_number(*s.value, "E-type-score");
    s.locals = frame_.next_slot;
    frame_ = std::move(saved);
  }

  // ---------------------------------------------------------------- scopes
  void open_scope() { frame_.marks.push_back(frame_.locals.size()); }

  void close_scope() {
    std::size_t mark = frame_.marks.back();
    frame_.marks.pop_back();
    if (frame_.warn_unused)
      for (std::size_t k = mark; k < frame_.locals.size(); ++k) {
        const Local& l = frame_.locals[k];
        if (l.used || l.name.empty() || l.name[0] == '_') continue;
        if (l.param) warning(l.span, "W-unused-param", {frame_.fn_name, l.name});
        else warning(l.span, "W-unused-local", {l.name});
      }
    frame_.locals.resize(mark);
  }

  int declare(const std::string& name, Span sp, TypeRef type, bool param = false) {
    std::size_t mark = frame_.marks.empty() ? 0 : frame_.marks.back();
    for (std::size_t k = mark; k < frame_.locals.size(); ++k)
      if (frame_.locals[k].name == name) {
        Diagnostic& d = error(sp, param ? "E-duplicate-param-name" : "E-duplicate-local", {name, frame_.fn_name});
        note(d, frame_.locals[k].span, "N-first-defined");
      }
    int slot = frame_.next_slot++;
    frame_.locals.push_back(Local{name, slot, type, sp, false, param});
    return slot;
  }

  Local* find_local(const std::string& name) {
    for (std::size_t k = frame_.locals.size(); k-- > 0;)
      if (frame_.locals[k].name == name) return &frame_.locals[k];
    return nullptr;
  }

  // ---------------------------------------------------------------- statements
  // Returns whether the block contains an expect.
  bool block(std::vector<Stmt>& body) {
    bool expects = false;
    for (Stmt& s : body) expects = stmt(s) || expects;
    return expects;
  }

  bool stmt(Stmt& s) {
    switch (s.kind) {
      case StmtKind::let: {
        TypeRef t = expr(*s.expr);
        s.slot = declare(s.name, s.name_span, t);
        return false;
      }
      case StmtKind::for_: {
        TypeRef elem = element_type(*s.expr, "E-type-for");
        open_scope();
        s.slot = declare(s.name, s.name_span, elem);
        if (s.where) check_condition(*s.where, "where");
        bool expects = block(s.body);
        close_scope();
        return expects;
      }
      case StmtKind::when: check_condition(*s.expr, "when"); return false;
      case StmtKind::expect: {
        check_condition(*s.expr, "expect");
        if (s.tolerance) check_number(*s.tolerance, "E-type-tolerance");
        if (s.message)
          for (auto& part : s.message->parts)
            if (auto* e = std::get_if<ast::ExprPtr>(&part)) expr(**e);
        return true;
      }
      case StmtKind::block: {
        open_scope();
        bool expects = block(s.body);
        close_scope();
        return expects;
      }
    }
    return false;
  }

  void check_condition(Expr& e, const char* keyword) {
    TypeRef t = expr(e);
    if (!bool_ok(t)) error(e.span, "E-type-condition", {keyword, tz(t)}, {keyword, te(t)});
  }

  void check_number(Expr& e, const char* code) {
    TypeRef t = expr(e);
    if (!numeric_ok(t)) error(e.span, code, {tz(t)}, {te(t)});
  }

  TypeRef element_type(Expr& coll, const char* code) {
    TypeRef t = expr(coll);
    if (t.kind == Type::list) return T(t.elem);
    if (t.kind == Type::any || t.kind == Type::nothing) return T(Type::any);
    Diagnostic& d = error(coll.span, code, {tz(t)}, {te(t)});
    if (t.kind == Type::table) d.hint_code = "H-for-table";
    return T(Type::any);
  }

  // ---------------------------------------------------------------- expressions
  TypeRef expr(Expr& e) {
    switch (e.kind) {
      case ExprKind::number:
      case ExprKind::percent: return T(Type::number);
      case ExprKind::string: return T(Type::text);
      case ExprKind::boolean: return T(Type::boolean);
      case ExprKind::name: return name(e);
      case ExprKind::member: return member_type(expr(*e.args[0]), e.text, e.span);
      case ExprKind::call: return call(e);
      case ExprKind::index: return index(e);
      case ExprKind::list: return list(e);
      case ExprKind::range: return range(e);
      case ExprKind::unary: return unary(e);
      case ExprKind::binary: return binary(e);
      case ExprKind::compare: return compare(e);
      case ExprKind::logical:
        for (auto& a : e.args) {
          TypeRef t = expr(*a);
          if (!bool_ok(t)) {
            const char* kw = e.op == Op::and_ ? "and" : "or";
            error(a->span, "E-type-logic", {kw, tz(t)}, {kw, te(t)});
          }
        }
        return T(Type::boolean);
      case ExprKind::cond: {
        check_condition(*e.args[0], "if");
        TypeRef a = expr(*e.args[1]), b = expr(*e.args[2]);
        return a == b ? a : T(Type::any);
      }
      case ExprKind::comprehension: return comprehension(e);
    }
    return T(Type::any);
  }

  std::vector<std::string> visible_names() const {
    std::vector<std::string> out;
    for (const Local& l : frame_.locals) out.push_back(l.name);
    for (const auto& [n, g] : globals_)
      if (g.kind != NameRef::function) out.push_back(n);
    for (const auto& [n, q] : unmet_)
      if (!q->function) out.push_back(n);
    return out;
  }

  std::vector<std::string> callable_names() const {
    std::vector<std::string> out;
    for (const auto& [n, g] : globals_)
      if (g.kind == NameRef::function) out.push_back(n);
    for (const auto& [n, q] : unmet_)
      if (q->function) out.push_back(n);
    for (const BuiltinSig& b : builtins()) {
      out.emplace_back(b.name);
      if (!b.alias.empty()) out.emplace_back(b.alias);
    }
    return out;
  }

  // Resolves a whole name to a local, a let or a param; nullopt if none.
  std::optional<TypeRef> resolve_value(const std::string& n, Expr& e) {
    if (Local* l = find_local(n)) {
      l->used = true;
      e.ref = NameRef::local;
      e.slot = l->slot;
      return l->type;
    }
    auto it = globals_.find(n);
    if (it == globals_.end()) {
      if (unmet(n, false)) return T(Type::any);  // defined by the extending pack
      return std::nullopt;
    }
    const Global& g = it->second;
    std::size_t i = static_cast<std::size_t>(g.index);
    if (g.kind == NameRef::global_let) {
      e.ref = NameRef::global_let;
      e.slot = g.index;
      let_used_[i] = true;
      if (let_state_[i] == State::checking) {
        error(e.span, "E-let-cycle", {n});
        return T(Type::any);
      }
      check_let(i);
      return let_type_[i];
    }
    if (g.kind == NameRef::param) {
      e.ref = NameRef::param;
      e.slot = g.index;
      param_used_[i] = true;
      return param_type_[i];
    }
    return std::nullopt;
  }

  TypeRef name(Expr& e) {
    const std::string& n = e.text;
    if (auto t = resolve_value(n, e)) return *t;
    // A dotted name: the longest prefix that is a value, then members (f.得分).
    for (std::size_t dot = n.rfind('.'); dot != std::string::npos && dot > 0; dot = n.rfind('.', dot - 1)) {
      if (auto t = resolve_value(n.substr(0, dot), e)) {
        TypeRef cur = *t;
        std::size_t b = dot + 1;
        while (b <= n.size()) {
          std::size_t next = n.find('.', b);
          std::string member = n.substr(b, next == std::string::npos ? std::string::npos : next - b);
          cur = member_type(cur, member, e.span);
          if (next == std::string::npos) break;
          b = next + 1;
        }
        return cur;
      }
      if (dot == 0) break;
    }
    auto g = globals_.find(n);
    if ((g != globals_.end() && g->second.kind == NameRef::function) || find_builtin(n)) {
      error(e.span, "E-function-needs-call", {n});
      return T(Type::any);
    }
    suggest(error(e.span, "E-unknown-name", {n}), closest_name(n, visible_names()));
    return T(Type::any);
  }

  TypeRef member_type(TypeRef base, const std::string& member, Span sp) {
    switch (base.kind) {
      case Type::row:
      case Type::table: return T(Type::cell);
      case Type::number:
      case Type::text:
      case Type::boolean:
      case Type::list:
        error(sp, "E-type-member", {tz(base), member}, {te(base), member});
        return T(Type::any);
      default: return T(Type::any);
    }
  }

  TypeRef index(Expr& e) {
    TypeRef base = expr(*e.args[0]);
    TypeRef key = expr(*e.args[1]);
    if ((e.selector == ast::Selector::row || e.selector == ast::Selector::col) && !numeric_ok(key))
      error(e.args[1]->span, "E-type-selector", {tz(key)}, {te(key)});
    if (e.selector == ast::Selector::code && (key.kind == Type::boolean || is_collection(key)))
      error(e.args[1]->span, "E-type-code", {tz(key)}, {te(key)});
    switch (base.kind) {
      case Type::table: return e.selector == ast::Selector::col ? T(Type::any) : T(Type::row);
      case Type::row: return T(Type::cell);
      case Type::number:
      case Type::text:
      case Type::boolean:
      case Type::column:
      case Type::cell:
        error(e.args[0]->span, "E-type-index", {tz(base)}, {te(base)});
        return T(Type::any);
      default: return T(Type::any);
    }
  }

  TypeRef list(Expr& e) {
    std::optional<Type> elem;
    for (auto& a : e.args) {
      TypeRef t = expr(*a);
      // A comprehension item is spliced in: [r for r in rows(t)] is the list of rows.
      Type k = a->kind == ExprKind::comprehension ? t.elem : t.kind == Type::list ? Type::any : t.kind;
      if (!elem) elem = k;
      else if (*elem != k) elem = Type::any;
    }
    return list_of(elem.value_or(Type::any));
  }

  TypeRef range(Expr& e) {
    TypeRef a = expr(*e.args[0]), b = expr(*e.args[1]);
    auto textish = [](TypeRef t) { return t.kind == Type::text || t.kind == Type::any; };
    auto numish = [](TypeRef t) { return t.kind == Type::number || t.kind == Type::any; };
    if (a.kind == Type::text || b.kind == Type::text) {
      if (textish(a) && textish(b)) return list_of(Type::text);
    } else if (numish(a) && numish(b)) {
      return list_of(a.kind == Type::any && b.kind == Type::any ? Type::any : Type::number);
    }
    error(e.span, "E-type-range", {tz(a), tz(b)}, {te(a), te(b)});
    return list_of(Type::any);
  }

  TypeRef unary(Expr& e) {
    TypeRef t = expr(*e.args[0]);
    if (e.op == Op::not_) {
      if (!bool_ok(t)) error(e.args[0]->span, "E-type-condition", {"not", tz(t)}, {"not", te(t)});
      return T(Type::boolean);
    }
    if (!numeric_ok(t)) error(e.args[0]->span, "E-type-operand", {"-", tz(t)}, {"-", te(t)});
    return T(Type::number);
  }

  static const char* op_symbol(Op op) {
    switch (op) {
      case Op::add: return "+";
      case Op::sub: return "-";
      case Op::mul: return "×";
      case Op::div: return "÷";
      case Op::eq: return "==";
      case Op::ne: return "≠";
      case Op::lt: return "<";
      case Op::le: return "≤";
      case Op::gt: return ">";
      case Op::ge: return "≥";
      case Op::approx: return "≈";
      case Op::in: return "in";
      default: return "?";
    }
  }

  TypeRef binary(Expr& e) {
    TypeRef a = expr(*e.args[0]), b = expr(*e.args[1]);
    if (e.op == Op::add && (a.kind == Type::text || b.kind == Type::text)) {  // "第" + n + "行"
      for (int k = 0; k < 2; ++k) {
        TypeRef t = k ? b : a;
        if (is_collection(t) || t.kind == Type::boolean)
          error(e.args[static_cast<std::size_t>(k)]->span, "E-type-concat", {tz(t)}, {te(t)});
      }
      return T(Type::text);
    }
    operand(*e.args[0], a, e.op);
    operand(*e.args[1], b, e.op);
    return T(Type::number);
  }

  void operand(const Expr& side, TypeRef t, Op op) {
    if (numeric_ok(t)) return;
    Diagnostic& d = error(side.span, "E-type-operand", {op_symbol(op), tz(t)}, {op_symbol(op), te(t)});
    if (t.kind == Type::text) d.hint_code = "H-text-number";
  }

  TypeRef compare(Expr& e) {
    if (e.op == Op::in) {  // x in 列表: the right side is a list
      expr(*e.args[0]);
      element_type(*e.args[1], "E-type-in");
      return T(Type::boolean);
    }
    TypeRef a = expr(*e.args[0]), b = expr(*e.args[1]);
    if (e.op == Op::eq || e.op == Op::ne) {
      auto clash = [](TypeRef x, TypeRef y) {
        auto known = [](TypeRef t) { return t.kind != Type::any && t.kind != Type::nothing; };
        if (!known(x) || !known(y)) return false;
        if ((x.kind == Type::boolean) != (y.kind == Type::boolean)) return true;
        return (x.kind == Type::text && y.kind == Type::number) || (x.kind == Type::number && y.kind == Type::text);
      };
      if (clash(a, b)) {
        Diagnostic& d = error(e.span, "E-type-compare", {tz(a), tz(b)}, {te(a), te(b)});
        if (a.kind == Type::text || b.kind == Type::text) d.hint_code = "H-compare-text";
      }
      return T(Type::boolean);
    }
    operand(*e.args[0], a, e.op);
    operand(*e.args[1], b, e.op);
    return T(Type::boolean);
  }

  TypeRef comprehension(Expr& e) {
    TypeRef elem = element_type(*e.args[1], "E-type-for");
    open_scope();
    e.slot = declare(e.text, e.args[1]->span, elem);
    frame_.locals.back().used = true;  // the variable of a comprehension need not be used
    if (e.args.size() > 2) check_condition(*e.args[2], "where");
    TypeRef body = expr(*e.args[0]);
    close_scope();
    return list_of(body.kind == Type::list ? Type::any : body.kind);
  }

  // ---------------------------------------------------------------- calls
  TypeRef call(Expr& e) {
    const std::string& n = e.text;
    if (Local* l = find_local(n)) l->used = true;
    if (find_local(n) || (globals_.count(n) && globals_[n].kind != NameRef::function) || unmet(n, false)) {
      error(e.span, "E-not-callable", {n});
      for (auto& a : e.args) expr(*a);
      return T(Type::any);
    }
    if (const ast::Require* q = unmet(n, true)) {  // a function the extending pack defines
      for (auto& a : e.args) expr(*a);
      if (e.args.size() != q->params.size())
        error(e.span, "E-arg-count", {n, std::to_string(q->params.size()), std::to_string(e.args.size())});
      return T(Type::any);
    }
    auto g = globals_.find(n);
    if (g != globals_.end()) return user_call(e, g->second);
    int bi = builtin_index(n);
    if (bi >= 0) return builtin_call(e, bi);
    Span name_span{e.span.file, e.span.begin, e.span.begin + static_cast<std::uint32_t>(n.size())};
    suggest(error(name_span, "E-unknown-function", {n}), closest_name(n, callable_names()));
    for (auto& a : e.args) expr(*a);
    return T(Type::any);
  }

  TypeRef user_call(Expr& e, const Global& g) {
    std::size_t i = static_cast<std::size_t>(g.index);
    const ast::Function& f = *prog_.functions[i];
    e.ref = NameRef::function;
    e.slot = g.index;
    fn_used_[i] = fn_used_[i] || frame_.fn != g.index;
    for (std::size_t k = 0; k < e.args.size(); ++k) {
      expr(*e.args[k]);
      if (k < e.arg_names.size() && !e.arg_names[k].empty())
        error(e.args[k]->span, "E-named-arg-user-fn", {f.name, e.arg_names[k]});
    }
    if (e.args.size() != f.params.size())
      error(e.span, "E-arg-count", {f.name, std::to_string(f.params.size()), std::to_string(e.args.size())});
    if (fn_state_[i] == State::checking) {
      Diagnostic& d = error(e.span, "E-recursive-function", {f.name});
      note(d, f.span, "N-defined-here");
      return T(Type::any);
    }
    check_function(i);
    return fn_type_[i];
  }

  TypeRef builtin_call(Expr& e, int bi) {
    const BuiltinSig& sig = builtins()[static_cast<std::size_t>(bi)];
    e.ref = NameRef::builtin;
    e.slot = bi;
    std::string fname(sig.name);
    std::size_t np = sig.params.size();
    std::vector<int> assigned(np, -1);  // arg index per parameter
    std::size_t next = 0, extra = 0;
    bool too_many = false, named_error = false;
    std::vector<TypeRef> types;
    for (auto& a : e.args) types.push_back(expr(*a));
    for (std::size_t k = 0; k < e.args.size(); ++k) {
      std::string an = k < e.arg_names.size() ? e.arg_names[k] : "";
      std::size_t p = np;
      if (!an.empty()) {
        for (std::size_t q = 0; q < np; ++q)
          if (sig.params[q].name == an) p = q;
        if (p == np) {
          std::string names;
          for (const auto& bp : sig.params) names += (names.empty() ? "" : "、") + std::string(bp.name);
          Diagnostic& d = error(arg_name_span(*e.args[k], an), "E-unknown-named-arg", {fname, an, names.empty() ? "-" : names});
          suggest(d, closest_name(an, param_names(sig)));
          if (!d.hint_code.empty()) d.hint_args = {std::string(d.hint_args[0])};
          named_error = true;
          continue;
        }
        if (assigned[p] >= 0) {
          error(e.args[k]->span, "E-duplicate-arg", {fname, an});
          continue;
        }
      } else {
        while (next < np && assigned[next] >= 0) ++next;
        p = next;
        if (p >= np) {
          if (sig.variadic && np > 0) {
            ++extra;
            check_arg(sig, np - 1, *e.args[k], types[k], fname);
          } else {
            too_many = true;
          }
          continue;
        }
      }
      assigned[p] = static_cast<int>(k);
      check_arg(sig, p, *e.args[k], types[k], fname);
    }
    bool missing = false;
    for (std::size_t q = 0; q < np; ++q)
      if (assigned[q] < 0 && !sig.params[q].optional) missing = true;
    if ((too_many || missing) && !named_error) arity_error(e, sig);
    special_checks(e, sig);
    return sig.result;
  }

  static std::vector<std::string> param_names(const BuiltinSig& sig) {
    std::vector<std::string> out;
    for (const auto& p : sig.params) out.emplace_back(p.name);
    return out;
  }

  // The span of `name:` before a named argument's value (found in the text).
  Span arg_name_span(const Expr& value, const std::string& name) const {
    std::string_view t = prog_.sources.file(value.span.file).text;
    std::size_t p = value.span.begin;
    auto skip_back = [&] {
      while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
    };
    skip_back();
    if (p > 0 && t[p - 1] == ':') --p;
    else if (p >= 3 && t.substr(p - 3, 3) == "：") p -= 3;
    skip_back();
    if (p >= name.size() && t.substr(p - name.size(), name.size()) == name)
      return Span{value.span.file, static_cast<std::uint32_t>(p - name.size()), static_cast<std::uint32_t>(p)};
    return value.span;
  }

  void check_arg(const BuiltinSig& sig, std::size_t p, const Expr& arg, TypeRef t, const std::string& fname) {
    const BuiltinParam& bp = sig.params[p];
    if (fits_want(t, bp.type)) return;
    // A list of the wanted type is what a variadic parameter collects, too.
    if (sig.variadic && p + 1 == sig.params.size() && t.kind == Type::list && fits(T(t.elem), bp.type)) return;
    error(arg.span, "E-type-arg", {fname, std::string(bp.name), tz(bp.type), tz(t)},
          {fname, std::string(bp.name), te(bp.type), te(t)});
  }

  void arity_error(const Expr& e, const BuiltinSig& sig) {
    std::size_t lo = 0, hi = sig.params.size();
    for (const auto& p : sig.params) lo += p.optional ? 0 : 1;
    std::string n(sig.name), got = std::to_string(e.args.size());
    if (sig.variadic) error(e.span, "E-arg-count-min", {n, std::to_string(lo), got});
    else if (lo == hi) error(e.span, "E-arg-count", {n, std::to_string(lo), got});
    else error(e.span, "E-arg-count-range", {n, std::to_string(lo), std::to_string(hi), got});
  }

  void special_checks(const Expr& e, const BuiltinSig& sig) {
    auto literal_arg = [&](std::size_t k) -> const Expr* {
      return k < e.args.size() && e.args[k]->kind == ExprKind::string ? e.args[k].get() : nullptr;
    };
    if (sig.name == "round") {
      for (std::size_t k = 0; k < e.args.size(); ++k)
        if ((k == 2 && (k >= e.arg_names.size() || e.arg_names[k].empty())) ||
            (k < e.arg_names.size() && e.arg_names[k] == "mode"))
          if (const Expr* m = literal_arg(k); m && !is_round_mode(m->text)) error(m->span, "E-bad-round-mode", {m->text});
    }
    if (sig.name == "passed") {
      if (const Expr* r = literal_arg(0); r && std::find(rule_ids_.begin(), rule_ids_.end(), r->text) == rule_ids_.end())
        suggest(error(r->span, "E-unknown-rule", {r->text}), closest_name(r->text, rule_ids_));
    }
    if (sig.name == "pass_rate") {
      if (const Expr* r = literal_arg(0)) {
        bool any = std::any_of(rule_ids_.begin(), rule_ids_.end(),
                               [&](const std::string& id) { return id.rfind(r->text, 0) == 0; });
        if (!any) warning(r->span, "W-pass-rate-no-rules", {r->text});
      }
    }
  }
};

std::optional<LoadedFile> read_file(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return LoadedFile{p.lexically_normal().string(), ss.str()};
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += decode_utf8(s, i, cp);
    out.push_back(cp);
  }
  return out;
}

}  // namespace

bool is_round_mode(std::string_view m) {
  for (std::string_view ok : {"half_up", "四舍五入", "half_even", "银行家", "银行家舍入", "四舍六入五成双"})
    if (m == ok) return true;
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto x = code_points(a), y = code_points(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1), prev2(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])  // a transposition counts as one edit
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::size_t len = count_chars(name);
  std::size_t limit = std::max<std::size_t>(1, len / 3);
  std::string best;
  std::size_t best_d = limit + 1, best_prefix = 0;
  auto prefix = [&](const std::string& c) {
    std::size_t k = 0;
    while (k < c.size() && k < name.size() && c[k] == name[k]) ++k;
    return k;
  };
  for (const std::string& c : candidates) {
    if (c == name) continue;
    std::size_t d = edit_distance(name, c);
    // Ties go to the longer common beginning (tabel: table, not label).
    if (d < best_d || (d == best_d && prefix(c) > best_prefix)) best_d = d, best = c, best_prefix = prefix(c);
  }
  return best;
}

Loader filesystem_loader() {
  return [](const std::string& from, const std::string& import_path) -> std::optional<LoadedFile> {
    std::filesystem::path p(import_path);
    if (p.is_relative()) p = std::filesystem::path(from).parent_path() / p;
    return read_file(p);
  };
}

Loader no_imports_loader() {
  return [](const std::string&, const std::string&) -> std::optional<LoadedFile> { return std::nullopt; };
}

CheckResult check_pack(const std::string& path, std::string text, const Loader& loader, bool library) {
  CheckResult r;
  r.program = std::make_unique<Program>();
  Checker c(*r.program, r.diagnostics, loader, library);
  c.run(path, std::move(text));
  sort_diagnostics(r.diagnostics);
  return r;
}

}  // namespace gouji::lang
