// Warnings about results that the way a run ended biases: trucks still inside when a cut run
// stopped (their turn times, checks, catches and misses are not counted), a drain that reached its
// limit, a deadlock. The commands print them on stderr; the results stay as computed.
#pragma once

#include <string>
#include <vector>

#include "sim/io/results.hpp"

namespace portsim::experiment {

/// A share of unfinished trucks (of those that left) above which a cut run's KPIs are flagged,
/// even with no truck left in a check.
constexpr double unfinished_share_flagged = 0.01;

/// The warnings for the replications of one scenario ("warning: ..." lines, without newline);
/// `what` names the scenario in the text (empty: not named).
std::vector<std::string> end_of_run_warnings(const std::vector<io::RunResult>& runs, const std::string& what = "");

}  // namespace portsim::experiment
