#include "sim/io/yaml_document.hpp"

#include "sim/io/set_path.hpp"
#include "sim/io/yaml_limits.hpp"
#include "sim/io/yaml_merge.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <sstream>
#include <utility>

namespace portsim::io {

namespace fs = std::filesystem;

namespace {

InputProblem at_file(const std::string& file, const std::string& message, int line = 0, int col = 0) {
  return InputProblem{file, line, col, "", message};
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

/// Two names of one file (links, "./a.yaml" and "a.yaml").
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

}  // namespace

YamlDocument YamlDocument::load(const std::string& file) {
  std::vector<std::string> chain;  // the scenario, the file it extends, ...
  std::vector<YAML::Node> trees;
  std::string current = file;
  while (true) {
    YAML::Node tree = parse_yaml(read_yaml_file(current), current);
    if (tree.IsNull()) tree = YAML::Node(YAML::NodeType::Map);
    if (!tree.IsMap()) throw InputError({at_file(current, "a scenario file must be a YAML map", 1, 1)});
    chain.push_back(current);
    trees.push_back(tree);
    const YAML::Node ext = std::as_const(tree)["extends"];
    if (!ext) break;
    const auto at_extends = [&](const std::string& message) {
      return InputError({InputProblem{current, ext.Mark().line + 1, ext.Mark().column + 1, "extends", message}});
    };
    if (!ext.IsScalar()) throw at_extends("expected a file name, got " + describe(ext));
    const fs::path base = fs::path(current).parent_path() / ext.Scalar();
    std::error_code ec;
    const fs::file_status status = fs::status(base, ec);
    if (status.type() == fs::file_type::not_found) throw at_extends("file \"" + base.string() + "\" does not exist");
    if (ec) throw at_extends("cannot use \"" + base.string() + "\" (" + ec.message() + ")");
    if (fs::is_directory(status)) throw at_extends("\"" + base.string() + "\" is a directory, not a file");
    if (!fs::is_regular_file(status)) throw at_extends("\"" + base.string() + "\" is not a regular file");
    const std::string next = base.lexically_normal().string();
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (!same_file(chain[i], next)) continue;
      std::string cycle;
      for (std::size_t j = i; j < chain.size(); ++j) cycle += chain[j] + " -> ";
      throw at_extends("extends cycle: " + cycle + next);
    }
    if (chain.size() == YamlLimits::extends_files) {
      throw at_extends("more than " + std::to_string(YamlLimits::extends_files) + " files extend each other (the limit)");
    }
    current = next;
  }
  YamlDocument doc;
  doc.file_ = file;
  doc.root_ = trees.back();
  doc.origins_.add(trees.back(), chain.back());
  doc.files_.push_back(chain.back());
  std::vector<InputProblem> problems;
  for (std::size_t i = trees.size() - 1; i-- > 0;) {
    merge_yaml(doc.root_, trees[i], chain[i], problems);
    doc.origins_.add(trees[i], chain[i]);
    doc.files_.push_back(chain[i]);
  }
  if (!problems.empty()) throw InputError(problems);
  doc.root_.remove("extends");
  return doc;
}

YamlDocument YamlDocument::parse(const std::string& text, const std::string& name) {
  YamlDocument doc;
  doc.file_ = name;
  doc.root_ = parse_yaml(text, name);
  if (doc.root_.IsNull()) doc.root_ = YAML::Node(YAML::NodeType::Map);
  doc.origins_.add(doc.root_, name);
  doc.files_.push_back(name);
  return doc;
}

void YamlDocument::merge(const YamlDocument& overlay) {
  std::vector<InputProblem> problems;
  merge_yaml(root_, overlay.root_, overlay.file_, problems);
  if (!problems.empty()) throw InputError(problems);
  origins_.add(overlay.origins_);
  for (const auto& f : overlay.files_) files_.push_back(f);
}

void YamlDocument::set(const std::string& assignment) {
  const std::string source = "--set " + assignment;
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError({at_file("--set", "expected key.path=value, got \"" + assignment + "\"")});
  }
  const std::string path = assignment.substr(0, eq);
  const std::vector<SetStep> steps = parse_set_path(path);
  const auto problem = [&](const std::string& message) { return InputError({InputProblem{"--set", 0, 0, path, message}}); };
  YAML::Node value;
  try {
    value = parse_yaml(assignment.substr(eq + 1), "--set", path);
  } catch (const InputError& e) {
    std::vector<InputProblem> problems = e.problems();  // a line and column of the flag's text mean nothing
    for (auto& p : problems) p.line = p.column = 0;
    throw InputError(problems);
  }
  // Walk the steps, creating maps where a key is missing (they come from the flag too).
  YAML::Node node = root_;
  std::optional<YAML::Node> created;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const SetStep& step = steps[i];
    const bool last = i + 1 == steps.size();
    if (step.index) {
      if (!node.IsSequence() || *step.index >= node.size()) {
        throw InputError({at_file("--set", step.text + " does not exist in the scenario")});
      }
      if (last) node[*step.index] = value;
      else node.reset(node[*step.index]);
      continue;
    }
    if (!node.IsMap()) {
      throw problem("cannot set \"" + step.key + "\" in " + steps[i - 1].text + ", which is " + describe(node) +
                    ", not a map");
    }
    if (last) {
      node[step.key] = value;
    } else {
      const YAML::Node child = std::as_const(node)[step.key];
      if (!child || child.IsNull()) {
        node[step.key] = YAML::Node(YAML::NodeType::Map);
        if (!created) created = node[step.key];
      }
      node.reset(node[step.key]);  // rebind; plain assignment would overwrite the parent
    }
  }
  origins_.add(created ? *created : value, source);
}

std::string YamlDocument::dump() const {
  YAML::Emitter out;
  out << root_;
  return out.c_str();
}

std::string YamlDocument::origin(const YAML::Node& node) const { return origins_.find(node).value_or(file_); }

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
    // No position: a value given as --set KEY= (nothing) or a map a --set created, or the root of
    // an empty file (its first line); else the document's file.
    const std::string source = at ? doc_.origin(at) : doc_.file();
    if (source.rfind("--set ", 0) == 0) {
      p.file = source;
    } else if (at && at.is(doc_.root())) {
      p.file = source;
      p.line = p.column = 1;
    } else {
      p.file = doc_.file();
    }
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
