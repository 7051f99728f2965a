#include "tests/fuzz/flag_mutations.hpp"

#include <regex>

#include <yaml-cpp/yaml.h>

#include "tests/fuzz/hostile_values.hpp"

namespace portsim::fuzz {

namespace {

/// The longest command-line argument a mutant may have (Linux's MAX_ARG_STRLEN is 131072 bytes).
constexpr std::size_t max_argument_bytes = 120000;

void walk(const YAML::Node& n, const std::string& path, std::vector<KeyPath>& out) {
  if (n.IsScalar()) {
    out.push_back(KeyPath{path, n.Scalar()});
    return;
  }
  if (!path.empty()) out.push_back(KeyPath{path, ""});
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) continue;
      walk(kv.second, path.empty() ? kv.first.Scalar() : path + "." + kv.first.Scalar(), out);
    }
  } else if (n.IsSequence()) {
    for (std::size_t i = 0; i < n.size(); ++i) walk(n[i], path + "[" + std::to_string(i) + "]", out);
  }
}

std::string mangle_path(std::string path, FuzzRng& rng) {
  static const std::regex index(R"(\[[0-9]+\])");
  static const std::vector<std::string> junk{"[0x5]", "[0junk]", "[-1]", "[99999999999999999999]", "[]", "[ 0]",
                                             "[1e3]", "[1]", "[64]", "[4294967296]", "[0][0]", "[+0]", "[00]", "[",
                                             "[0", "0]"};
  std::smatch m;
  switch (rng.below(5)) {
    case 0:
      if (std::regex_search(path, m, index)) {
        return path.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)), rng.pick(junk));
      }
      return path + rng.pick(junk);
    case 1:
      return path + rng.pick(std::vector<std::string>{".x", ".id", "[0]", ".count.x", "..", ".", "[0].x"});
    case 2: {
      const std::size_t dot = path.rfind('.');
      if (dot == std::string::npos) return path + "s";
      return path.substr(0, dot + 1) + "no_such_key";
    }
    case 3:
      return rng.pick(std::vector<std::string>{"", ".", "..", ".demand", "demand.", "demand..trucks_per_day",
                                               "[0]", "gates[0]lanes[0].count", "demand.profile[0].x",
                                               "gates.0.id", "gates[0].lanes[0].count.value", "extends", "name"});
    default: {
      std::string long_path;
      const std::size_t n = rng.pick(std::vector<std::size_t>{100, 10000, 50000});
      for (std::size_t i = 0; i < n; ++i) long_path += i ? ".a" : "a";
      return long_path;
    }
  }
}

}  // namespace

std::vector<KeyPath> key_paths(const std::string& yaml_text) {
  std::vector<KeyPath> out;
  walk(YAML::Load(yaml_text), "", out);
  return out;
}

SetArgument hostile_set(const std::vector<KeyPath>& paths, FuzzRng& rng) {
  const KeyPath p = paths.empty() ? KeyPath{"name", "x"} : rng.pick(paths);
  switch (rng.below(10)) {
    case 0:
    case 1:
    case 2:
    case 3: {
      std::string v = hostile::value_for(shape_of(p.value), rng);
      // Linux takes no single argument above MAX_ARG_STRLEN (128 KiB): the deepest nesting that fits.
      if (p.path.size() + v.size() + 1 > max_argument_bytes) v = hostile::deep_nesting(20000, v.rfind("{a: ", 0) == 0);
      return {p.path + "=" + v, "value of " + p.path + " -> \"" + v.substr(0, 40) + "\""};
    }
    case 4: {
      const std::string v = rng.pick(hostile::yaml_nodes());
      return {p.path + "=" + v, "YAML node at " + p.path + ": \"" + v + "\""};
    }
    case 5: {
      const std::size_t depth = rng.pick(std::vector<std::size_t>{100, 10000, 20000});
      return {p.path + "=" + hostile::deep_nesting(depth, rng.percent(50)), p.path + " nested " + std::to_string(depth)};
    }
    case 6:
    case 7: {
      const std::string path = mangle_path(p.path, rng);
      return {path + "=" + p.value, "path " + p.path + " -> \"" + path.substr(0, 60) + "\""};
    }
    case 8: {  // in flow style, on one line: {fuzz_l0: &l0 "lol", fuzz_l1: &l1 [*l0, ...], ..., x: *lN}
      const std::size_t levels = rng.between(3, 9);
      std::string flow = hostile::billion_laughs(levels, 9);
      for (std::size_t at = flow.find('\n'); at != std::string::npos; at = flow.find('\n', at)) flow.replace(at, 1, ", ");
      return {p.path + "={" + flow + "x: *l" + std::to_string(levels - 1) + "}",
              "billion laughs (" + std::to_string(levels) + " levels) in the value of " + p.path};
    }
    default: {
      const std::string shape = rng.pick(std::vector<std::string>{p.path, "=" + p.value, p.path + "==" + p.value,
                                                                  p.path + "=", " " + p.path + " = " + p.value, "=",
                                                                  "", p.path + "=" + p.value + "=" + p.value});
      return {shape, "flag shape \"" + shape.substr(0, 60) + "\""};
    }
  }
}

std::string hostile_duration(FuzzRng& rng) {
  if (rng.percent(25)) {
    return rng.pick(hostile::extreme_numbers()) + rng.pick(std::vector<std::string>{"s", "ms", "min", "h", "d", ""});
  }
  return rng.pick(hostile::durations());
}

std::string hostile_date_range(FuzzRng& rng) {
  if (rng.percent(40)) {
    return rng.pick(hostile::dates()) + ".." + (rng.percent(50) ? std::string("2016-03-02") : rng.pick(hostile::dates()));
  }
  return rng.pick(hostile::date_ranges());
}

}  // namespace portsim::fuzz
