#include "sim/io/set_path.hpp"

#include "sim/io/input_error.hpp"
#include "sim/io/yaml_limits.hpp"

namespace portsim::io {

namespace {

constexpr std::size_t max_index_digits = 9;  // far above any list a document may hold (YamlLimits::items)

[[noreturn]] void bad(const std::string& path, const std::string& message) {
  throw InputError({InputProblem{"--set", 0, 0, path, message}});
}

}  // namespace

std::vector<SetStep> parse_set_path(const std::string& path) {
  std::vector<SetStep> steps;
  std::size_t i = 0;
  while (true) {
    // A key, up to the next '.', '[' or the end.
    const std::size_t end = path.find_first_of(".[]", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (key.empty()) bad(path, i == 0 ? "the path starts without a key" : "empty key after \"" + path.substr(0, i) + "\"");
    i = end == std::string::npos ? path.size() : end;
    steps.push_back(SetStep{key, std::nullopt, path.substr(0, i)});
    // Its indices: "[N]" any number of times.
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) bad(path, "unbalanced [ in \"" + path.substr(0, i + 1) + "\"");
      const std::string digits = path.substr(i + 1, close - i - 1);
      const std::string step = path.substr(0, close + 1);
      if (digits.empty() || digits.size() > max_index_digits || digits.find_first_not_of("0123456789") != std::string::npos) {
        bad(path, "index \"" + digits + "\" in \"" + step + "\" is not a whole number (written in digits, such as [0])");
      }
      steps.push_back(SetStep{"", static_cast<std::size_t>(std::stoul(digits)), step});
      i = close + 1;
    }
    if (steps.size() > YamlLimits::depth) {
      bad(path, "more than " + std::to_string(YamlLimits::depth) + " keys and indices deep (the limit)");
    }
    if (i == path.size()) return steps;
    if (path[i] == ']') bad(path, "unbalanced ] in \"" + path.substr(0, i + 1) + "\"");
    if (path[i] != '.') bad(path, "\"" + path.substr(i) + "\" after \"" + path.substr(0, i) + "\": expected . or [");
    ++i;
    if (i == path.size()) bad(path, "the path ends with a dot");
  }
}

}  // namespace portsim::io
