#include "local/cosmos/render.hpp"

#include <cmath>

#include <kainjow/mustache.hpp>

#include "jsonschema/json_schema.hpp"
#include "local/cosmos/codec.hpp"
#include "local/cosmos/labels.hpp"

namespace dcos_local::cosmos {

namespace mu = kainjow::mustache;

namespace {

// Variable tags get this mark at the end of their name, so the context below can tell them
// from section tags: a boolean renders as true/false in a variable but drives a section.
constexpr char kVariableMark = '\x1f';

// Marks every variable tag ({{x}}, {{{x}}}, {{&x}}) of a template written with the default
// delimiters; after a delimiter change the rest is left as it is.
std::string mark_variables(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    bool triple = text.compare(open, 3, "{{{") == 0;
    size_t close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string::npos) break;
    std::string body = text.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
    size_t first = body.find_first_not_of(" \t");
    char kind = first == std::string::npos ? '\0' : body[first];
    out += text.substr(pos, open - pos);
    if (kind == '=') return out + text.substr(open);
    std::string tag = text.substr(open, close - open + (triple ? 3 : 2));
    if (triple || (kind != '\0' && std::string("#^/!>").find(kind) == std::string::npos)) {
      size_t last = body.find_last_not_of(" \t");
      body.insert(last + 1, 1, kVariableMark);
      tag = (triple ? "{{{" : "{{") + body + (triple ? "}}}" : "}}");
    }
    out += tag;
    pos = close + (triple ? 3 : 2);
  }
  return out + text.substr(pos);
}

class CosmosContext : public mu::context<std::string> {
 public:
  explicit CosmosContext(const mu::data* root) : mu::context<std::string>(root) {}
  const mu::data* get(const std::string& name) const override {
    if (name.empty() || name.back() != kVariableMark) return mu::context<std::string>::get(name);
    const mu::data* found = mu::context<std::string>::get(name.substr(0, name.size() - 1));
    if (found && found->is_true()) return &true_;
    if (found && found->is_false()) return &false_;
    return found;
  }

 private:
  mu::data true_{std::string("true")}, false_{std::string("false")};
};

std::string number_text(const json& v) {
  if (v.is_number_integer()) return v.dump();
  double d = v.get<double>();
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15)
    return std::to_string(static_cast<int64_t>(d));
  return v.dump();
}

// The mustache view of a JSON value as Cosmos renders it: strings JSON-escaped without their
// quotes (with them inside arrays), whole numbers as integers, null left out.
mu::data to_data(const json& v, bool in_array) {
  switch (v.type()) {
    case json::value_t::object: {
      mu::data out{mu::data::type::object};
      for (const auto& [k, item] : v.items())
        if (!item.is_null()) out.set(k, to_data(item, false));
      return out;
    }
    case json::value_t::array: {
      mu::data out{mu::data::type::list};
      for (const json& item : v) out.push_back(to_data(item, true));
      return out;
    }
    case json::value_t::string: {
      std::string quoted = v.dump();
      return mu::data{in_array ? quoted : quoted.substr(1, quoted.size() - 2)};
    }
    case json::value_t::boolean:
      return mu::data{v.get<bool>()};
    case json::value_t::null:
      return mu::data{false};
    default:
      return mu::data{number_text(v)};
  }
}

std::string java_type(const json& v) {
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  return v.type_name();
}

const json* at(const json& doc, const std::string& pointer) {
  try {
    json::json_pointer p(pointer);
    return doc.contains(p) ? &doc.at(p) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

// One report of JsonSchemaMismatch's data.errors, in the validator's shape: where, which
// keyword, and the keyword's own facts (found/expected, required/missing, unwanted, ...).
json report(const jsonschema::Problem& p, const json& schema, const json& instance) {
  std::string schema_pointer = p.schema_pointer;
  std::string suffix = "/" + p.keyword;
  if (schema_pointer.size() >= suffix.size() &&
      schema_pointer.compare(schema_pointer.size() - suffix.size(), suffix.size(), suffix) == 0)
    schema_pointer.resize(schema_pointer.size() - suffix.size());
  json out = {{"level", "error"},
              {"schema", {{"loadingURI", "#"}, {"pointer", schema_pointer}}},
              {"instance", {{"pointer", p.pointer}}},
              {"domain", "validation"},
              {"keyword", p.keyword},
              {"message", jsonschema::describe(p)}};
  const json* s = at(schema, schema_pointer);
  const json* v = at(instance, p.pointer);
  if (!s || !s->is_object()) return out;
  const std::string& k = p.keyword;
  if (k == "type" && v) {
    out["found"] = java_type(*v);
    json type = s->value("type", json());
    out["expected"] = type.is_array() ? type : json::array({type});
  } else if (k == "required" && v && v->is_object()) {
    // The library reports one problem per missing name, named in `expected`.
    out["required"] = s->value("required", json::array());
    out["missing"] = json::array({p.expected});
  } else if (k == "additionalProperties" && v && v->is_object()) {
    // One problem per unwanted member, named in `given`.
    out["unwanted"] = json::array({p.given});
  } else if ((k == "minimum" || k == "maximum" || k == "enum" || k == "pattern" ||
              k == "minLength" || k == "maxLength" || k == "minItems" || k == "maxItems") &&
             v) {
    out[k == "pattern" ? "regex" : k] = s->value(k, json());
    out[k == "enum" || k == "pattern" ? "value" : "found"] = *v;
  }
  return out;
}

}  // namespace

Outcome<json> resolve_options(const json& package, const json& user) {
  if (!package.contains("config")) {
    if (!user.empty())
      return error("OptionsNotAllowed", "No schema available to validate the provided options");
    return json::object();
  }
  const json& schema = package["config"];
  json merged = jsonschema::merge(jsonschema::defaults(schema), user);
  std::vector<jsonschema::Problem> problems = jsonschema::validate(schema, merged);
  if (problems.empty()) return merged;
  json reports = json::array();
  for (const jsonschema::Problem& p : problems) reports.push_back(report(p, schema, merged));
  return error("JsonSchemaMismatch", "Options JSON failed validation", {{"errors", reports}});
}

Outcome<json> render_app(const Package& package, const json& resolved, const json& user,
                         const std::string& app_id) {
  const json& def = package.def;
  std::string encoded;
  if (def.contains("marathon") && def["marathon"].is_object())
    encoded = def["marathon"].value("v2AppMustacheTemplate", "");
  auto text = base64_decode(encoded);
  if (encoded.empty() || !text)
    return error("ServiceMarathonTemplateNotFound",
                 "Package: [" + package.name() + "] version: [" + package.version() +
                     "] does not have a Marathon template defined and can not be rendered",
                 {{"packageName", package.name()}, {"packageVersion", package.version()}});
  json view = jsonschema::merge(resolved, {{"resource", def.value("resource", json::object())}});
  mu::mustache tmpl{mark_variables(*text)};
  if (!tmpl.is_valid())
    return error("MarathonTemplateMustBeJsonObject", "Rendered Marathon JSON must be a JSON object",
                 {{"cause", "the template is not valid mustache: " + tmpl.error_message()}}, 400);
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  mu::data data = to_data(view, false);
  CosmosContext context(&data);
  std::string rendered = tmpl.render(context);
  json app = json::parse(rendered, nullptr, false);
  if (!app.is_object())
    return error("MarathonTemplateMustBeJsonObject",
                 "Rendered Marathon JSON must be a JSON object");
  if (!app_id.empty()) app["id"] = app_id;
  json labels =
      app.contains("labels") && app["labels"].is_object() ? app["labels"] : json::object();
  json added = package_labels(def, package.source, user);
  for (auto& [k, v] : added.items()) labels[k] = v;
  app["labels"] = labels;
  return app;
}

Outcome<json> render_package(const Package& package, const json& user, const std::string& app_id) {
  Outcome<json> resolved = resolve_options(package.def, user);
  if (auto* e = std::get_if<CosmosError>(&resolved)) return *e;
  return render_app(package, std::get<json>(resolved), user, app_id);
}

}  // namespace dcos_local::cosmos
