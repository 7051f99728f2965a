#include "sim/experiment/run_warnings.hpp"

#include <fmt/format.h>

#include "sim/port/kpis.hpp"

namespace portsim::experiment {

namespace {

double kpi_or_zero(const io::RunResult& r, const char* name) {
  for (const auto& k : r.kpis) {
    if (k.name == name) return k.value;
  }
  return 0;
}
double exited(const io::RunResult& r) { return kpi_or_zero(r, "trucks_exited"); }

/// A cut run whose unfinished work biases its KPIs.
bool biased(const io::RunResult& r) {
  if (r.drained) return false;
  return r.unfinished_selected > 0 ||
         static_cast<double>(r.unfinished_trucks) > unfinished_share_flagged * std::max(1.0, exited(r));
}

}  // namespace

std::vector<std::string> end_of_run_warnings(const std::vector<io::RunResult>& runs, const std::string& what) {
  std::vector<std::string> out;
  const std::string of = what.empty() ? "" : what + ": ";
  for (const auto& r : runs) {
    if (r.outcome == kernel::RunOutcome::Kind::Deadlock) {
      out.push_back(fmt::format("warning: {}replication {} ended in a deadlock (trucks waiting, no events left)", of,
                                r.replication));
    }
    if (r.drained && r.unfinished_trucks > 0) {
      out.push_back(fmt::format("warning: {}replication {} had not emptied {:.1f} h after the arrivals stopped "
                                "(drain_limit): {} truck(s) still inside are not counted",
                                of, r.replication, r.drain_hours, r.unfinished_trucks));
    }
  }
  // Clearance: containers announced and not yet released when the run stopped.
  std::size_t with_containers = 0;
  double containers = 0;
  for (const auto& r : runs) {
    const double c = kpi_or_zero(r, "containers_in_clearance");
    if (c <= 0) continue;
    ++with_containers;
    containers += c;
  }
  if (with_containers > 0) {
    out.push_back(fmt::format(
        "warning: {}{} of {} replication(s) stopped with containers in clearance (on average {:.0f}): their release "
        "times are not counted, which leaves the slowest out of arrival_to_release and the release shares; give "
        "`end: drain` a `drain_limit` longer than the slowest clearance (scenarios/README.md, \"How a run ends\")",
        of, with_containers, runs.size(), containers / static_cast<double>(with_containers)));
  }
  std::size_t n = 0;
  double trucks = 0, selected = 0;
  for (const auto& r : runs) {
    if (!biased(r)) continue;
    ++n;
    trucks += static_cast<double>(r.unfinished_trucks);
    selected += static_cast<double>(r.unfinished_selected);
  }
  if (n > 0) {
    out.push_back(fmt::format(
        "warning: {}{} of {} replication(s) ended with work in progress (on average {:.1f} trucks still inside, {:.1f} "
        "of them selected for a check): their turn times, checks, catches and misses are not counted, which biases "
        "those KPIs; a terminating day should use `end: drain`, a steady-state study a longer run after its warm-up "
        "(scenarios/README.md, \"How a run ends\")",
        of, n, runs.size(), trucks / static_cast<double>(n), selected / static_cast<double>(n)));
  }
  return out;
}

}  // namespace portsim::experiment
