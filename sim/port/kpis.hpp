// The KPIs of a run: one flat, ordered list of named values with units (documented in
// scenarios/README.md), so writers, comparisons and sweeps treat every KPI alike.
#pragma once

#include <string>
#include <vector>

namespace portsim::port {

struct Kpi {
  std::string name;
  std::string unit;
  double value;
};

using KpiList = std::vector<Kpi>;

/// The range a KPI's values lie in, by its unit: [0, 1] for a share, any value for a time "h from
/// arrival" (clearance: negative when released before arrival), [0, inf) for every other KPI
/// (counts, times, rates, costs and emissions are never negative).
struct KpiBounds {
  double low;
  double high;
};
KpiBounds kpi_bounds(const std::string& unit);

/// The value of a named KPI; throws std::out_of_range naming it when absent.
double kpi_value(const KpiList& kpis, const std::string& name);

}  // namespace portsim::port
