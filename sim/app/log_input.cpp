#include "sim/app/log_input.hpp"

#include <fmt/format.h>

#include <iostream>

namespace portsim::app {

calibration::HourlyLog read_data(const std::string& data, const std::string& format, bool strict) {
  auto log = calibration::read_log(data, format, strict);
  std::cerr << fmt::format("{}: {} rows read, {} malformed skipped, {} flagged inconsistent\n", data, log.rows.size(),
                           log.skipped, log.inconsistent);
  std::size_t shown = 0;
  for (const auto& p : log.problems) {
    if (shown++ < 10) std::cerr << "  " << p.format() << "\n";
  }
  if (log.problems.size() > 10) std::cerr << "  ... and " << log.problems.size() - 10 << " more\n";
  return log;
}

}  // namespace portsim::app
