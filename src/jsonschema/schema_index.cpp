#include "jsonschema/schema_index.hpp"

#include <cctype>
#include <set>

namespace jsonschema::detail {
namespace {

using nlohmann::json;

/// The five parts of a URI reference (RFC 3986 §3); a part is absent when its flag is false.
struct UriParts {
  std::string scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

UriParts split_uri(const std::string& text) {
  UriParts parts;
  std::string rest = text;
  if (auto hash = rest.find('#'); hash != std::string::npos) {
    parts.has_fragment = true;
    parts.fragment = rest.substr(hash + 1);
    rest.resize(hash);
  }
  if (auto question = rest.find('?'); question != std::string::npos) {
    parts.has_query = true;
    parts.query = rest.substr(question + 1);
    rest.resize(question);
  }
  auto colon = rest.find(':');
  auto first_slash = rest.find('/');
  if (colon != std::string::npos && colon > 0 && colon < first_slash) {
    parts.has_scheme = true;
    parts.scheme = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  if (rest.rfind("//", 0) == 0) {
    parts.has_authority = true;
    auto end = rest.find('/', 2);
    parts.authority = rest.substr(2, end == std::string::npos ? std::string::npos : end - 2);
    rest = end == std::string::npos ? "" : rest.substr(end);
  }
  parts.path = rest;
  return parts;
}

std::string join_uri(const UriParts& parts) {
  std::string text;
  if (parts.has_scheme) text += parts.scheme + ":";
  if (parts.has_authority) text += "//" + parts.authority;
  text += parts.path;
  if (parts.has_query) text += "?" + parts.query;
  if (parts.has_fragment) text += "#" + parts.fragment;
  return text;
}

/// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string input) {
  std::string output;
  while (!input.empty()) {
    if (input.rfind("../", 0) == 0) {
      input.erase(0, 3);
    } else if (input.rfind("./", 0) == 0) {
      input.erase(0, 2);
    } else if (input.rfind("/./", 0) == 0) {
      input.erase(0, 2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.rfind("/../", 0) == 0 || input == "/..") {
      input = input == "/.." ? "/" : input.substr(3);
      auto cut = output.rfind('/');
      output.resize(cut == std::string::npos ? 0 : cut);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      auto next = input.find('/', input[0] == '/' ? 1 : 0);
      output += input.substr(0, next);
      input = next == std::string::npos ? "" : input.substr(next);
    }
  }
  return output;
}

std::string percent_decode(const std::string& text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      decoded += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

std::string unescape_pointer_token(const std::string& token) {
  std::string plain;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      plain += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      plain += token[i];
    }
  }
  return plain;
}

/// The value at JSON `pointer` (already percent-decoded) under `node`, or null when there is none.
const json* follow_pointer(const json* node, const std::string& pointer) {
  size_t start = 1;
  while (node != nullptr && start <= pointer.size()) {
    auto end = pointer.find('/', start);
    std::string token =
        unescape_pointer_token(pointer.substr(start, end == std::string::npos ? end : end - start));
    if (node->is_object()) {
      auto it = node->find(token);
      node = it == node->end() ? nullptr : &*it;
    } else if (node->is_array() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos && token.size() < 10 &&
               std::stoul(token) < node->size()) {
      node = &(*node)[std::stoul(token)];
    } else {
      node = nullptr;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return node;
}

std::string without_fragment(const std::string& uri) { return uri.substr(0, uri.find('#')); }

}  // namespace

std::string resolve_uri(const std::string& base, const std::string& reference) {
  UriParts ref = split_uri(reference);
  if (ref.has_scheme) {
    ref.path = remove_dot_segments(ref.path);
    return join_uri(ref);
  }
  UriParts target = split_uri(base);
  target.has_fragment = ref.has_fragment;
  target.fragment = ref.fragment;
  if (ref.has_authority) {
    target.has_authority = true;
    target.authority = ref.authority;
    target.path = remove_dot_segments(ref.path);
    target.has_query = ref.has_query;
    target.query = ref.query;
  } else if (ref.path.empty()) {
    if (ref.has_query) {
      target.has_query = true;
      target.query = ref.query;
    }
  } else {
    if (ref.path[0] == '/') {
      target.path = remove_dot_segments(ref.path);
    } else {
      std::string merged;
      if (target.has_authority && target.path.empty()) {
        merged = "/" + ref.path;
      } else {
        auto slash = target.path.rfind('/');
        merged = (slash == std::string::npos ? "" : target.path.substr(0, slash + 1)) + ref.path;
      }
      target.path = remove_dot_segments(merged);
    }
    target.has_query = ref.has_query;
    target.query = ref.query;
  }
  return join_uri(target);
}

std::string escape_pointer_token(const std::string& token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

SchemaIndex::SchemaIndex(const json& root) {
  struct Visit {
    const json* node;
    std::string parent_base;
    std::string pointer;
  };
  std::vector<Visit> pending{{&root, "", ""}};
  documents_[""] = &root;
  while (!pending.empty()) {
    Visit visit = std::move(pending.back());
    pending.pop_back();
    const json& node = *visit.node;
    std::string base = visit.parent_base;
    if (node.is_object()) {
      places_.emplace(visit.node, Place{visit.parent_base, visit.pointer});
      auto id = node.find("id");
      if (id != node.end() && id->is_string()) {
        base = resolve_uri(visit.parent_base, id->get<std::string>());
        auto hash = base.find('#');
        if (hash == std::string::npos || hash + 1 == base.size()) {
          documents_.emplace(without_fragment(base), visit.node);
        } else {
          anchors_.emplace(base, visit.node);
        }
      }
      if (visit.node == &root) documents_.emplace(without_fragment(base), visit.node);
      auto ref = node.find("$ref");
      if (ref != node.end() && ref->is_string())
        references_.push_back({base, ref->get<std::string>()});
    }
    if (!node.is_structured()) continue;
    size_t index = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++index) {
      std::string key = node.is_object() ? it.key() : std::to_string(index);
      if (node.is_object() && (key == "enum" || key == "default")) continue;
      if (it->is_structured()) {
        pending.push_back({&*it, base, visit.pointer + "/" + escape_pointer_token(key)});
      }
    }
  }
}

SchemaIndex::Target SchemaIndex::found(const json* schema, const std::string& uri,
                                       const std::string& fallback_base,
                                       const std::string& fallback_pointer) const {
  Target target{Outcome::found, schema, fallback_base, fallback_pointer, uri};
  if (auto place = places_.find(schema); place != places_.end()) {
    target.base = place->second.parent_base;
    target.pointer = place->second.pointer;
  }
  return target;
}

SchemaIndex::Target SchemaIndex::resolve(const std::string& base,
                                         const std::string& reference) const {
  std::string uri = resolve_uri(base, reference);
  if (auto anchor = anchors_.find(uri); anchor != anchors_.end()) {
    return found(anchor->second, uri, without_fragment(uri), "");
  }
  std::string document = without_fragment(uri);
  auto hash = uri.find('#');
  std::string fragment = hash == std::string::npos ? "" : percent_decode(uri.substr(hash + 1));
  auto known = documents_.find(document);
  if (known == documents_.end()) {
    Target target;
    target.outcome = document.empty() ? Outcome::unresolvable : Outcome::remote;
    target.uri = uri;
    return target;
  }
  if (fragment.empty()) return found(known->second, uri, document, "");
  if (fragment[0] == '/') {
    if (const json* node = follow_pointer(known->second, fragment)) {
      return found(node, uri, document, fragment);
    }
  }
  Target target;
  target.uri = uri;
  return target;
}

std::vector<std::string> SchemaIndex::remote_references() const {
  std::vector<std::string> remote;
  std::set<std::string> seen;
  for (const Reference& reference : references_) {
    if (resolve(reference.base, reference.text).outcome == Outcome::remote &&
        seen.insert(reference.text).second) {
      remote.push_back(reference.text);
    }
  }
  return remote;
}

}  // namespace jsonschema::detail
