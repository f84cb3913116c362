#include "local/cosmos/media.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace dcos_local::cosmos {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool same_kind(const MediaType& a, const MediaType& b) {
  return a.type == b.type && a.subtype == b.subtype;
}

CosmosError not_present(const std::string& item) {
  return error("not_present", "Item " + item + " not present but required");
}

// One Accept entry: its media type without q, and q.
struct Offer {
  MediaType type;
  double q = 1;
  size_t order = 0;
};

// The first server type the Accept header names, by q, then parameter count, then order.
std::optional<std::string> negotiate(const std::string& accept,
                                     const std::vector<std::string>& produced) {
  std::vector<Offer> offers;
  for (const std::string& entry : split(accept, ',')) {
    auto parsed = parse_media_type(entry);
    if (!parsed) continue;
    Offer offer{*parsed, 1, offers.size()};
    if (auto q = parsed->params.find("q"); q != parsed->params.end()) {
      char* end = nullptr;
      offer.q = std::strtod(q->second.c_str(), &end);
      if (end == q->second.c_str()) offer.q = 1;
      offer.type.params.erase("q");
    }
    if (offer.q > 0) offers.push_back(offer);
  }
  std::stable_sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& b) {
    if (a.q != b.q) return a.q > b.q;
    return a.type.params.size() > b.type.params.size();
  });
  for (const Offer& offer : offers)
    for (const std::string& p : produced) {
      MediaType server = *parse_media_type(p);
      if (same_kind(offer.type, server) && offer.type.params == server.params) return p;
    }
  return std::nullopt;
}

// The client's Content-Type matches when type and subtype are equal and it carries every
// parameter of the server's type (extra ones are allowed).
bool content_type_matches(const std::string& sent, const std::string& wanted) {
  auto client = parse_media_type(sent);
  MediaType server = *parse_media_type(wanted);
  if (!client || !same_kind(*client, server)) return false;
  for (const auto& [k, v] : server.params) {
    auto it = client->params.find(k);
    if (it == client->params.end() || lower(it->second) != lower(v)) return false;
  }
  return true;
}

}  // namespace

std::string MediaType::str() const {
  std::string out = type + "/" + subtype;
  for (const auto& [k, v] : params) out += ";" + k + "=" + v;
  return out;
}

std::optional<MediaType> parse_media_type(const std::string& text) {
  std::vector<std::string> parts = split(text, ';');
  std::string head = trim(parts.empty() ? "" : parts[0]);
  size_t slash = head.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == head.size()) return std::nullopt;
  MediaType out{lower(trim(head.substr(0, slash))), lower(trim(head.substr(slash + 1))), {}};
  if (out.type.find(' ') != std::string::npos || out.subtype.find(' ') != std::string::npos)
    return std::nullopt;
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string p = trim(parts[i]);
    if (p.empty()) continue;
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    std::string value = trim(p.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    out.params[lower(trim(p.substr(0, eq)))] = value;
  }
  return out;
}

std::string vnd(const std::string& name, const std::string& version) {
  return "application/vnd.dcos." + name + "+json;charset=utf-8;version=" + version;
}

CosmosError error(std::string type, std::string message, json data, int status) {
  return {status, std::move(type), std::move(message), std::move(data)};
}

void drop_nulls(json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      if (it->is_null()) {
        it = value.erase(it);
      } else {
        drop_nulls(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (json& v : value) drop_nulls(v);
  }
}

void reply_error(httplib::Response& res, const CosmosError& e) {
  json body = {{"type", e.type}, {"message", e.message}};
  json data = e.data;
  drop_nulls(data);
  if (!data.is_null() && !(data.is_object() && data.empty())) body["data"] = data;
  res.status = e.status;
  res.set_content(dump(body), kErrorMediaType);
}

void reply_ok(httplib::Response& res, const std::string& media_type, json body) {
  drop_nulls(body);
  res.status = 200;
  res.set_content(dump(body), media_type);
}

std::optional<RpcRequest> read_rpc(const httplib::Request& req, httplib::Response& res,
                                   const RpcTypes& types) {
  std::vector<CosmosError> errors;
  RpcRequest out{json::object(), ""};
  if (!req.has_header("Host")) errors.push_back(not_present("header 'Host'"));
  if (!req.has_header("Accept")) {
    errors.push_back(not_present("header 'Accept'"));
  } else {
    std::string accept = req.get_header_value("Accept");
    if (auto chosen = negotiate(accept, types.responses)) {
      out.response_type = *chosen;
    } else {
      std::string allowed;
      for (const std::string& t : types.responses) allowed += (allowed.empty() ? "" : ", ") + t;
      errors.push_back(error("not_valid",
                             "Item header 'Accept' deemed invalid by rule: Media "
                             "type was [" +
                                 accept + "] but should be one of [" + allowed + "]"));
    }
  }
  if (!types.request.empty()) {
    bool typed = false;
    if (!req.has_header("Content-Type")) {
      errors.push_back(not_present("header 'Content-Type'"));
    } else if (!content_type_matches(req.get_header_value("Content-Type"), types.request)) {
      errors.push_back(error("not_valid",
                             "Item header 'Content-Type' deemed invalid by rule: should match "
                             "one of " +
                                 types.request));
    } else {
      typed = true;
    }
    if (typed) {
      if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        errors.push_back(not_present("body"));
      } else {
        try {
          out.body = json::parse(req.body);
          if (!out.body.is_object())
            errors.push_back(error("not_parsed",
                                   "Item 'body' unable to be parsed: the body must be a JSON "
                                   "object, got " +
                                       std::string(out.body.type_name())));
        } catch (const json::parse_error& e) {
          errors.push_back(error("json_error", "Json parsing failure '" + req.body + "'",
                                 {{"type", "parse"}, {"reason", e.what()}}));
        }
      }
    }
  }
  if (errors.empty()) return out;
  if (errors.size() == 1) {
    reply_error(res, errors[0]);
  } else {
    json list = json::array();
    for (const CosmosError& e : errors) list.push_back({{"type", e.type}, {"message", e.message}});
    reply_error(res, error("multiple_errors", "Multiple errors while processing request",
                           {{"errors", list}}));
  }
  return std::nullopt;
}

CosmosError not_parsed(const std::string& field) {
  return error("not_parsed",
               "Item 'body' unable to be parsed: Attempt to decode value on failed cursor: "
               "DownField(" +
                   field + ")");
}

bool optional_string(const json& body, const std::string& field, std::string& out,
                     httplib::Response& res) {
  if (!body.contains(field) || body[field].is_null()) return true;
  if (!body[field].is_string()) {
    reply_error(res, not_parsed(field));
    return false;
  }
  out = body[field].get<std::string>();
  return true;
}

bool required_string(const json& body, const std::string& field, std::string& out,
                     httplib::Response& res) {
  if (!body.contains(field) || !body[field].is_string()) {
    reply_error(res, not_parsed(field));
    return false;
  }
  out = body[field].get<std::string>();
  return true;
}

}  // namespace dcos_local::cosmos
