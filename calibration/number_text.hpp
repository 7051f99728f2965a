// How the calibration writes numbers: six significant digits for reports, progress lines and
// predictions; seventeen where a value must read back exactly (calibrated.yaml).
#pragma once

#include <sstream>
#include <string>

namespace portsim::calibration {

inline std::string num(double x) {
  std::ostringstream os;
  os.precision(6);
  os << x;
  return os.str();
}

/// Round-trip precision: a calibrated model read back predicts exactly what was fitted.
inline std::string exact(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

}  // namespace portsim::calibration
