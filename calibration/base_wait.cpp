#include "calibration/base_wait.hpp"

#include <algorithm>
#include <map>

#include "calibration/hour_of_week.hpp"

namespace portsim::calibration {

const std::vector<std::string>& base_wait_feature_names() {
  static const std::vector<std::string> names{"hour",         "arrivals",     "servers",
                                              "arrivals_per_server", "prev_arrivals", "prev_servers",
                                              "prev_arrivals_per_server", "next_arrivals", "next_servers"};
  return names;
}

std::vector<std::vector<double>> base_wait_features(const std::vector<HourRow>& day) {
  std::map<int, const HourRow*> at;
  for (const auto& r : day) at[r.hour_start] = &r;
  const auto get = [&](int hour) -> const HourRow* {
    const auto it = at.find(hour);
    return it == at.end() ? nullptr : it->second;
  };
  std::vector<std::vector<double>> out;
  out.reserve(day.size());
  for (const auto& r : day) {
    const double a = std::max(0, r.arrivals), b = std::max(1, r.servers);
    const HourRow* prev = get(r.hour_start - 1);
    const HourRow* next = get(r.hour_start + 1);
    const double pa = prev ? std::max(0, prev->arrivals) : 0, pb = prev ? std::max(0, prev->servers) : 0;
    const double na = next ? std::max(0, next->arrivals) : 0, nb = next ? std::max(0, next->servers) : 0;
    out.push_back({static_cast<double>(r.hour_start), a, b, a / b, pa, pb, pa / std::max(1.0, pb), na, nb});
  }
  return out;
}

std::vector<port::HourInput> day_inputs(const ModelSpec& spec, const std::vector<HourRow>& day) {
  std::vector<port::HourInput> in;
  const auto features = spec.base_wait_trees.empty() ? std::vector<std::vector<double>>{} : base_wait_features(day);
  for (std::size_t i = 0; i < day.size(); ++i) {
    const HourRow& r = day[i];
    const double base = !features.empty()             ? std::max(0.0, spec.base_wait_trees.predict(features[i]) + spec.base_wait_shift)
                        : spec.base_wait.size() == 168 ? spec.base_wait[hour_of_week(r)]
                                                       : 0.0;
    port::HourInput h;
    h.hour = r.hour_start;
    h.arrivals = std::max(0, r.arrivals);
    h.batches = r.batches;
    h.servers = std::max(1, r.servers);
    h.base_wait_min = base;
    in.push_back(h);
  }
  return in;
}

}  // namespace portsim::calibration
