#include "sim/port/kpis.hpp"

#include <stdexcept>

namespace portsim::port {

double kpi_value(const KpiList& kpis, const std::string& name) {
  for (const Kpi& k : kpis) {
    if (k.name == name) return k.value;
  }
  throw std::out_of_range("unknown KPI \"" + name + "\"");
}

}  // namespace portsim::port
