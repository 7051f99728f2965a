#include "calibration/base_wait_mode.hpp"

namespace portsim::calibration {

std::string_view name_of(BaseWaitMode mode) noexcept {
  for (const auto& [m, name] : base_wait_mode_table) {
    if (m == mode) return name;
  }
  return "?";
}

std::optional<BaseWaitMode> parse_base_wait_mode(std::string_view name) noexcept {
  for (const auto& [m, n] : base_wait_mode_table) {
    if (n == name) return m;
  }
  return std::nullopt;
}

std::vector<std::string> base_wait_mode_names() {
  std::vector<std::string> out;
  for (const auto& [m, n] : base_wait_mode_table) out.emplace_back(n);
  return out;
}

}  // namespace portsim::calibration
