#include "sim/io/resolved_values.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace portsim::io {

namespace {

constexpr std::size_t origin_column = 56;  // where "# origin" starts, unless the value is longer

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string item(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

class Resolver {
 public:
  explicit Resolver(const YamlDocument& doc) : doc_(doc) {}

  /// The keys of `map` (absent: every key takes its default) by `specs`.
  void map(const std::vector<FieldSpec>& specs, const YAML::Node& map, const std::string& path) {
    const bool given = map && map.IsMap();
    std::unordered_set<std::string> known;
    for (const auto& s : specs) {
      if (s.type == FieldType::Rule) continue;
      known.insert(s.key);
      const YAML::Node v = given ? map[s.key] : YAML::Node(YAML::NodeType::Undefined);
      if (given && v) value(s, v, join(path, s.key));
      else missing(s, join(path, s.key));
    }
    if (!given) return;
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (!known.count(key)) any(kv.second, join(path, key));
    }
  }

  std::vector<ResolvedValue> out;

 private:
  void value(const FieldSpec& s, const YAML::Node& v, const std::string& path) {
    if (s.type == FieldType::Map && v.IsMap() && !s.children.empty()) {
      map(s.children, v, path);
    } else if (s.type == FieldType::List && s.item == FieldType::Map && v.IsSequence() && v.size() > 0 &&
               !s.children.empty()) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i].IsMap()) map(s.children, v[i], item(path, i));
        else any(v[i], item(path, i));
      }
    } else {
      any(v, path);
    }
  }

  /// A key the document does not give: its default (a map's keys, each with theirs).
  void missing(const FieldSpec& s, const std::string& path) {
    if (s.type == FieldType::Map && !s.children.empty()) map(s.children, YAML::Node(), path);
    else if (!s.default_text.empty()) out.push_back(ResolvedValue{path, s.default_text, "default"});
  }

  /// Any node, flattened to its scalars.
  void any(const YAML::Node& n, const std::string& path) {
    if (n.IsMap() && n.size() > 0) {
      for (const auto& kv : n) any(kv.second, join(path, kv.first.as<std::string>()));
    } else if (n.IsSequence() && n.size() > 0) {
      for (std::size_t i = 0; i < n.size(); ++i) any(n[i], item(path, i));
    } else {
      const std::string text = n.IsScalar() ? (n.Scalar().empty() ? "\"\"" : n.Scalar()) : n.IsMap() ? "{}"
                                                                                           : n.IsSequence() ? "[]" : "~";
      out.push_back(ResolvedValue{path, text, origin(n)});
    }
  }

  std::string origin(const YAML::Node& n) const {
    const std::string source = doc_.origin(n);
    if (source.rfind("--set ", 0) == 0) return "--set";
    if (n.Mark().line < 0) return source;
    return source + ":" + std::to_string(n.Mark().line + 1);
  }

  const YamlDocument& doc_;
};

}  // namespace

std::vector<ResolvedValue> resolve_values(const YamlDocument& doc, const std::vector<FieldSpec>& specs) {
  Resolver r(doc);
  r.map(specs, doc.root(), "");
  return std::move(r.out);
}

std::string resolved_text(const std::vector<ResolvedValue>& values) {
  std::size_t width = 0;
  for (const auto& v : values) width = std::max(width, v.path.size() + 2 + v.value.size());
  width = std::min(width, origin_column);
  std::string text;
  for (const auto& v : values) {
    std::string line = v.path + ": " + v.value;
    line.resize(std::max(line.size(), width), ' ');
    text += line + "  # " + v.origin + "\n";
  }
  return text;
}

}  // namespace portsim::io
