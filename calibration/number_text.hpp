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

/// A duration in seconds for a reader: seconds below 10 min, minutes below 10 h, hours above.
inline std::string span(double s) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  if (s < 600) {
    os.precision(1);
    os << s << " s";
  } else if (s < 36000) {
    os.precision(1);
    os << s / 60 << " min";
  } else {
    os.precision(2);
    os << s / 3600 << " h";
  }
  return os.str();
}

}  // namespace portsim::calibration
