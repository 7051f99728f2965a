// A YAML document assembled from a file, the files it `extends` (deep merge: maps merge key by
// key, lists of maps with an `id` merge item by item, anything else is replaced) and command-line
// `--set key.path=value` overrides; plus a typed reader that collects every problem with its file,
// line and column before failing once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/io/distribution_text.hpp"  // parse_distribution, parse_time_distribution
#include "sim/io/input_error.hpp"
#include "sim/io/yaml_origins.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/time.hpp"

namespace portsim::io {

class YamlDocument {
 public:
  /// Loads `file` and its extends chain; throws InputError (unreadable file, YAML syntax, a limit
  /// of yaml_limits.hpp, an extends cycle, an added id one or two letters off a base id).
  static YamlDocument load(const std::string& file);
  /// Parses YAML text as if it came from `name` (tests, batch design points).
  static YamlDocument parse(const std::string& text, const std::string& name);

  /// Applies "a.b[2].c=value" (value parsed as YAML). Throws InputError naming --set for a
  /// malformed override (set_path.hpp) or a path the document does not have.
  void set(const std::string& assignment);
  /// Deep-merges `overlay` (as if it extended this document).
  void merge(const YamlDocument& overlay);

  const YAML::Node& root() const noexcept { return root_; }
  const std::string& file() const noexcept { return file_; }
  /// Every file that contributed (for provenance hashes), base first.
  const std::vector<std::string>& files() const noexcept { return files_; }
  /// Canonical text of the merged document (hashing, provenance).
  std::string dump() const;

  /// The file a node of the merged tree came from.
  std::string origin(const YAML::Node& node) const;

 private:
  YAML::Node root_;
  std::string file_;
  std::vector<std::string> files_;
  NodeOrigins origins_;  // the source of each node
};

/// Reads typed values from a YamlDocument, collecting problems instead of throwing.
class YamlReader {
 public:
  explicit YamlReader(const YamlDocument& doc) : doc_(doc) {}

  void problem(const YAML::Node& at, const std::string& path, const std::string& message);
  bool ok() const noexcept { return problems_.empty(); }
  /// Throws InputError with every problem collected (no-op when none).
  void throw_if_problems() const;
  const std::vector<InputProblem>& problems() const noexcept { return problems_; }

  /// Reports keys of `map` not in `allowed` (with the nearest valid key suggested).
  void check_keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed);
  bool expect_map(const YAML::Node& n, const std::string& path);
  bool expect_list(const YAML::Node& n, const std::string& path);

  std::optional<std::string> text(const YAML::Node& n, const std::string& path);
  std::optional<double> number(const YAML::Node& n, const std::string& path, double min, double max);
  std::optional<long long> integer(const YAML::Node& n, const std::string& path, long long min, long long max);
  std::optional<double> probability(const YAML::Node& n, const std::string& path) { return number(n, path, 0, 1); }
  std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
  /// A duration with a unit ("90s"); `allow_negative` for offsets.
  std::optional<kernel::Duration> duration(const YAML::Node& n, const std::string& path, bool allow_negative = false);
  /// A time distribution in seconds: "lognormal(90s, 30s)" or a plain duration (constant), by
  /// parse_time_distribution; one that can give a negative time only with `allow_negative` (offsets).
  std::optional<kernel::Distribution> distribution(const YAML::Node& n, const std::string& path,
                                                   bool allow_negative = false);
  /// One of `choices`.
  std::optional<std::string> choice(const YAML::Node& n, const std::string& path, const std::vector<std::string>& choices);

 private:
  const YamlDocument& doc_;
  std::vector<InputProblem> problems_;
};

}  // namespace portsim::io
