#include "sim/io/input_error.hpp"

namespace portsim::io {

std::string InputProblem::format() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (line > 0 && column > 0) s += ":" + std::to_string(column);
  s += ": error: ";
  if (!path.empty()) s += path + ": ";
  return s + message;
}

namespace {
std::string join(const std::vector<InputProblem>& problems) {
  std::string s;
  for (const auto& p : problems) {
    if (!s.empty()) s += "\n";
    s += p.format();
  }
  return s;
}
}  // namespace

InputError::InputError(std::vector<InputProblem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

}  // namespace portsim::io
