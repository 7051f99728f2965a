// User-input errors (scenario YAML, batch files, CLI flags): file, line, column, key path and a
// message in the user's terms. Printed compiler-style; executables exit with status 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/edit_distance.hpp"  // nearest(), for the messages that suggest a name

namespace portsim::io {

struct InputProblem {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string path;  // key path, e.g. gates[1].lanes
  std::string message;
  /// "file:line:col: error: path: message" (":col" only when known, "file:line" only when known)
  std::string format() const;
};

/// One or more problems found in the input; what() holds every formatted line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<InputProblem> problems);
  const std::vector<InputProblem>& problems() const noexcept { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

}  // namespace portsim::io
