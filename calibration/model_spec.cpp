#include "calibration/model_spec.hpp"

namespace portsim::calibration {

port::CheckpointParams to_params(const std::vector<Parameter>& params) {
  port::CheckpointParams p;
  for (const auto& x : params) {
    for (const auto& info : parameter_table) {
      if (info.name == x.name) p.*info.field = x.start;
    }
  }
  return p;
}

}  // namespace portsim::calibration
