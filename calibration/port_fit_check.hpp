// The end-to-end check of a fitted scenario on the held-out part of its truck log: the times a
// log measures (arrival -> gate_in, gate_in -> release, arrival -> release) simulated with the
// planner's scenario and with the fitted one, each simulated mean taken over the held-out trucks'
// hours of day (so a held-out evening is compared with simulated evenings), with the 95%
// prediction interval of one replication (the observed period is one realisation).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "calibration/port_fit.hpp"

namespace portsim::calibration {

struct TimeCheck {
  std::string name;        // "arrival -> gate_in", ...
  double observed = 0;     // held-out mean, s
  double base = 0, base_half = 0;      // the planner's scenario: mean and 95% prediction half-width, s
  double fitted = 0, fitted_half = 0;  // the fitted scenario
};

struct PortFitCheck {
  int reps = 0;
  std::vector<TimeCheck> rows;
  std::string verdict;  // one plain sentence
};

/// Simulates `base` and `fitted` (reps replications each, common seeds) and compares them with the
/// log's trucks arriving from `fit.split_at`.
PortFitCheck check_port_fit(const TruckLog& log, const PortFit& fit, const port::ScenarioConfig& base,
                            const port::ScenarioConfig& fitted, int reps, std::uint64_t seed);

/// The check as text (for stdout).
std::string port_fit_check_text(const PortFitCheck& c);

}  // namespace portsim::calibration
