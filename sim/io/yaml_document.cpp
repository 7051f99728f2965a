#include "sim/io/yaml_document.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

InputProblem at_file(const std::string& file, const std::string& message, int line = 0, int col = 0) {
  return InputProblem{file, line, col, "", message};
}

YAML::Node load_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw InputError({at_file(file, "cannot open the file (" + std::string(std::strerror(errno)) + ")")});
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    YAML::Node n = YAML::Load(ss.str());
    if (n.IsNull()) n = YAML::Node(YAML::NodeType::Map);
    return n;
  } catch (const YAML::Exception& e) {
    throw InputError({at_file(file, "YAML syntax: " + e.msg, e.mark.line + 1, e.mark.column + 1)});
  }
}

bool is_id_list(const YAML::Node& n) {
  if (!n.IsSequence() || n.size() == 0) return false;
  for (const auto& item : n) {
    if (!item.IsMap() || !item["id"] || !item["id"].IsScalar()) return false;
  }
  return true;
}

void deep_merge(YAML::Node base, const YAML::Node& over) {
  for (const auto& kv : over) {
    const std::string key = kv.first.as<std::string>();
    if (key == "extends") continue;
    YAML::Node b = base[key];
    const YAML::Node& o = kv.second;
    if (b && b.IsMap() && o.IsMap()) {
      deep_merge(b, o);
    } else if (b && is_id_list(b) && is_id_list(o)) {
      for (const auto& item : o) {
        const std::string id = item["id"].as<std::string>();
        bool found = false;
        for (auto existing : b) {
          if (existing["id"].as<std::string>() == id) {
            deep_merge(existing, item);
            found = true;
            break;
          }
        }
        if (!found) b.push_back(item);
      }
    } else {
      base[key] = o;
    }
  }
}

void collect(const YAML::Node& n, std::vector<YAML::Node>& out) {
  out.push_back(n);
  if (n.IsMap()) {
    for (const auto& kv : n) {
      out.push_back(kv.first);
      collect(kv.second, out);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) collect(item, out);
  }
}

std::string describe(const YAML::Node& n) {
  if (!n || n.IsNull()) return "nothing";
  if (n.IsScalar()) return "\"" + n.Scalar() + "\"";
  if (n.IsSequence()) return "a list";
  return "a map";
}

std::string num(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

}  // namespace

void YamlDocument::record(const YAML::Node& root, const std::string& source) {
  std::vector<YAML::Node> nodes;
  collect(root, nodes);
  origins_.emplace(origins_.begin(), std::move(nodes), source);  // most derived first
}

YamlDocument YamlDocument::load(const std::string& file) {
  std::vector<std::string> chain;
  std::vector<YAML::Node> trees;
  std::string current = file;
  while (true) {
    for (const auto& seen : chain) {
      if (fs::weakly_canonical(seen) == fs::weakly_canonical(current)) {
        throw InputError({at_file(file, "extends cycle: \"" + current + "\" is extended twice")});
      }
    }
    YAML::Node tree = load_file(current);
    if (!tree.IsMap()) throw InputError({at_file(current, "a scenario file must be a YAML map", 1, 1)});
    chain.push_back(current);
    trees.push_back(tree);
    const YAML::Node ext = tree["extends"];
    if (!ext) break;
    if (!ext.IsScalar()) {
      throw InputError({InputProblem{current, ext.Mark().line + 1, ext.Mark().column + 1, "extends",
                                    "expected a file name, got " + describe(ext)}});
    }
    const fs::path base = fs::path(current).parent_path() / ext.Scalar();
    if (!fs::exists(base)) {
      throw InputError({InputProblem{current, ext.Mark().line + 1, ext.Mark().column + 1, "extends",
                                    "file \"" + base.string() + "\" does not exist"}});
    }
    current = base.lexically_normal().string();
  }
  YamlDocument doc;
  doc.file_ = file;
  doc.root_ = trees.back();
  doc.record(trees.back(), chain.back());
  doc.files_.push_back(chain.back());
  for (std::size_t i = trees.size() - 1; i-- > 0;) {
    deep_merge(doc.root_, trees[i]);
    doc.record(trees[i], chain[i]);
    doc.files_.push_back(chain[i]);
  }
  doc.root_.remove("extends");
  return doc;
}

YamlDocument YamlDocument::parse(const std::string& text, const std::string& name) {
  YamlDocument doc;
  doc.file_ = name;
  try {
    doc.root_ = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError({at_file(name, "YAML syntax: " + e.msg, e.mark.line + 1, e.mark.column + 1)});
  }
  if (doc.root_.IsNull()) doc.root_ = YAML::Node(YAML::NodeType::Map);
  doc.record(doc.root_, name);
  doc.files_.push_back(name);
  return doc;
}

void YamlDocument::merge(const YamlDocument& overlay) {
  deep_merge(root_, overlay.root_);
  for (auto it = overlay.origins_.rbegin(); it != overlay.origins_.rend(); ++it) {
    origins_.insert(origins_.begin(), *it);
  }
  for (const auto& f : overlay.files_) files_.push_back(f);
}

void YamlDocument::set(const std::string& assignment) {
  const std::string source = "--set " + assignment;
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError({at_file("--set", "expected key.path=value, got \"" + assignment + "\"")});
  }
  const std::string path = assignment.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    throw InputError({at_file("--set", "value of " + path + " is not valid YAML: " + e.msg)});
  }
  // Walk "a.b[2].c", creating maps as needed.
  std::vector<std::pair<std::string, long>> parts;  // (key, index or -1)
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '.')) {
    long index = -1;
    const auto br = part.find('[');
    std::string key = part;
    if (br != std::string::npos) {
      const auto close = part.find(']', br);
      if (close == std::string::npos) throw InputError({at_file("--set", "unbalanced [ in \"" + path + "\"")});
      key = part.substr(0, br);
      try {
        index = std::stol(part.substr(br + 1, close - br - 1));
      } catch (...) {
        throw InputError({at_file("--set", "bad index in \"" + path + "\"")});
      }
    }
    if (key.empty()) throw InputError({at_file("--set", "empty key in \"" + path + "\"")});
    parts.emplace_back(key, index);
  }
  YAML::Node node = root_;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& [key, index] = parts[i];
    const bool last = i + 1 == parts.size();
    if (index < 0) {
      if (last) {
        node[key] = value;
      } else {
        if (!node[key] || !node[key].IsMap()) node[key] = YAML::Node(YAML::NodeType::Map);
        node.reset(node[key]);  // rebind; plain assignment would overwrite the parent
      }
    } else {
      YAML::Node list = node[key];
      if (!list || !list.IsSequence() || static_cast<std::size_t>(index) >= list.size()) {
        throw InputError({at_file("--set", key + "[" + std::to_string(index) + "] does not exist in the scenario")});
      }
      if (last) {
        list[static_cast<std::size_t>(index)] = value;
      } else {
        node.reset(list[static_cast<std::size_t>(index)]);
      }
    }
  }
  record(value, source);
}

std::string YamlDocument::dump() const {
  YAML::Emitter out;
  out << root_;
  return out.c_str();
}

std::string YamlDocument::origin(const YAML::Node& node) const {
  for (const auto& [nodes, source] : origins_) {
    for (const auto& n : nodes) {
      if (n.is(node)) return source;
    }
  }
  return file_;
}

// ---- YamlReader ----

void YamlReader::problem(const YAML::Node& at, const std::string& path, const std::string& message) {
  InputProblem p;
  p.path = path;
  p.message = message;
  if (at && at.Mark().line >= 0) {
    p.file = doc_.origin(at);
    p.line = at.Mark().line + 1;
    p.column = at.Mark().column + 1;
    if (p.file.rfind("--set ", 0) == 0) p.line = p.column = 0;
  } else {
    p.file = doc_.file();
  }
  problems_.push_back(std::move(p));
}

void YamlReader::throw_if_problems() const {
  if (!problems_.empty()) throw InputError(problems_);
}

void YamlReader::check_keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) {
  if (!map || !map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string p = path.empty() ? key : path + "." + key;
    const std::string hint = nearest(key, allowed);
    problem(kv.second, p, "unknown key \"" + key + "\"" + (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
  }
}

bool YamlReader::expect_map(const YAML::Node& n, const std::string& path) {
  if (n.IsMap()) return true;
  problem(n, path, "expected a map, got " + describe(n));
  return false;
}

bool YamlReader::expect_list(const YAML::Node& n, const std::string& path) {
  if (n.IsSequence()) return true;
  problem(n, path, "expected a list, got " + describe(n));
  return false;
}

std::optional<std::string> YamlReader::text(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar()) return n.Scalar();
  problem(n, path, "expected a text, got " + describe(n));
  return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& n, const std::string& path, double min, double max) {
  const auto range = [&] {
    if (max == HUGE_VAL) return "a number >= " + num(min);
    return "a number in [" + num(min) + ", " + num(max) + "]";
  };
  if (n.IsScalar()) {
    try {
      std::size_t used = 0;
      const double v = std::stod(n.Scalar(), &used);
      if (used == n.Scalar().size() && std::isfinite(v)) {
        if (v >= min && v <= max) return v;
        problem(n, path, "expected " + range() + ", got " + n.Scalar());
        return std::nullopt;
      }
    } catch (...) {
    }
  }
  problem(n, path, "expected " + range() + ", got " + describe(n));
  return std::nullopt;
}

std::optional<long long> YamlReader::integer(const YAML::Node& n, const std::string& path, long long min, long long max) {
  const std::string range = max == LLONG_MAX ? "an integer >= " + std::to_string(min)
                                             : "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (n.IsScalar()) {
    try {
      std::size_t used = 0;
      const long long v = std::stoll(n.Scalar(), &used);
      if (used == n.Scalar().size()) {
        if (v >= min && v <= max) return v;
        problem(n, path, "expected " + range + ", got " + n.Scalar());
        return std::nullopt;
      }
    } catch (...) {
    }
  }
  problem(n, path, "expected " + range + ", got " + describe(n));
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  problem(n, path, "expected true or false, got " + describe(n));
  return std::nullopt;
}

std::optional<kernel::Duration> YamlReader::duration(const YAML::Node& n, const std::string& path, bool allow_negative) {
  if (!n.IsScalar()) {
    problem(n, path, "expected a duration such as \"90s\", \"2.5min\", \"1h\" or \"3d\", got " + describe(n));
    return std::nullopt;
  }
  try {
    const kernel::Duration d = kernel::parse_duration(n.Scalar());
    if (!allow_negative && d.count() < 0) {
      problem(n, path, "expected a duration >= 0, got \"" + n.Scalar() + "\"");
      return std::nullopt;
    }
    return d;
  } catch (const kernel::DurationError& e) {
    problem(n, path, e.what());
    return std::nullopt;
  }
}

std::optional<kernel::Distribution> YamlReader::distribution(const YAML::Node& n, const std::string& path,
                                                             bool allow_negative) {
  if (!n.IsScalar()) {
    problem(n, path, "expected a distribution such as \"lognormal(90s, 30s)\", got " + describe(n));
    return std::nullopt;
  }
  try {
    TimeDistribution t = parse_time_distribution(n.Scalar());
    if (!allow_negative && t.lowest < 0) {
      const std::string got = "\"" + n.Scalar() + "\"";
      problem(n, path, t.distribution.kind() == kernel::Distribution::Kind::Constant
                           ? "expected a time >= 0, got " + got
                           : "expected times >= 0, got " + got + ", which can give " +
                                 kernel::format_duration(kernel::to_duration(t.lowest)));
      return std::nullopt;
    }
    return std::move(t.distribution);
  } catch (const std::invalid_argument& e) {
    problem(n, path, e.what());
    return std::nullopt;
  }
}

std::optional<std::string> YamlReader::choice(const YAML::Node& n, const std::string& path, const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  if (n.IsScalar()) {
    if (std::find(choices.begin(), choices.end(), n.Scalar()) != choices.end()) return n.Scalar();
    const std::string hint = nearest(n.Scalar(), choices);
    problem(n, path, "expected one of " + list + ", got \"" + n.Scalar() + "\"" +
                         (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
    return std::nullopt;
  }
  problem(n, path, "expected one of " + list + ", got " + describe(n));
  return std::nullopt;
}

}  // namespace portsim::io
