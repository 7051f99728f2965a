// The consistency rules of a scenario that only the model can check (layout, routes, references
// between gates, lanes, devices and nodes, officers). The io layer reports them with file
// positions; Port refuses a configuration that breaks one.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/port/config.hpp"

namespace portsim::port {

/// Thrown when a configuration cannot form a model (the io layer validates first, so this is a
/// second line of defence); `path` is the config key path.
class ModelError : public std::runtime_error {
 public:
  ModelError(std::string path, const std::string& message)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// Checks what only the model can check (layout, routes, references); returns every problem as
/// (key path, message). Empty when the scenario can run.
std::vector<std::pair<std::string, std::string>> check_model(const ScenarioConfig& cfg);

}  // namespace portsim::port
