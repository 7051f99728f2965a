#include "sim/port/kpis.hpp"

#include <limits>
#include <stdexcept>

namespace portsim::port {

KpiBounds kpi_bounds(const std::string& unit) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (unit == "h from arrival") return {-inf, inf};  // trs_collector.hpp: released before arrival is negative
  return {0.0, unit == "share" ? 1.0 : inf};
}

double kpi_value(const KpiList& kpis, const std::string& name) {
  for (const Kpi& k : kpis) {
    if (k.name == name) return k.value;
  }
  throw std::out_of_range("unknown KPI \"" + name + "\"");
}

}  // namespace portsim::port
