// Batch files (YAML): a base scenario, factors (lists or ranges; grid or Latin hypercube),
// replications, the KPIs to keep and the output folder. Every design point is an extends-style
// override of the base, validated before anything runs; so are the design's size and the KPI names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/scenario_loader.hpp"
#include "sim/port/kpis.hpp"

namespace portsim::io {

struct Factor {
  std::string key;                  // scenario key path, e.g. gates[0].lanes[0].count
  std::vector<std::string> values;  // grid levels (YAML scalars as text)
  bool continuous = false;          // range given: Latin hypercube samples it continuously
  double low = 0;
  double high = 0;
  bool integer = false;             // range of integers
  std::vector<std::pair<int, int>> marks;  // line, column (1-based) of each value (or of the range)
  std::pair<int, int> key_mark{0, 0};      // line, column (1-based) of the key
};

/// The most design points a batch may have, and the most runs (points x replications): beyond
/// them a batch is refused before its design is built.
inline constexpr std::size_t max_design_points = 10000;
inline constexpr std::size_t max_batch_runs = 1000000;

struct DesignPoint {
  std::size_t index = 0;
  std::vector<std::string> values;  // one per factor, as written into the scenario
  LoadedScenario scenario;
  std::vector<std::string> kpi_names;  // what the model reports for this point, in its order
  std::vector<std::string> kpi_units;  // their units, in the same order
};

struct BatchSpec {
  std::string file;
  std::string name;
  std::string base;  // scenario file
  std::size_t replications = 5;
  std::uint64_t seed = 1;
  std::string design = "grid";  // grid | lhs
  std::size_t samples = 0;      // lhs
  std::vector<Factor> factors;
  std::vector<std::string> kpis;  // empty: all
  std::string out;
  std::string duration;  // optional override ("1d"), > 0
  std::vector<DesignPoint> points;
  std::string hash;  // of the batch file and every design point
};

/// Reads and validates the batch file and builds (and validates) every design point; throws
/// InputError listing every problem with file:line:col (a bad factor key or level, and a KPI the
/// model does not report, at its line in the batch file).
BatchSpec load_batch(const std::string& file);

/// The KPI names the model reports for `cfg`, in its order. Asked of the model itself (a port built
/// and not started), so no second list can drift from it.
/// The KPIs (names and units; values of an empty run) a scenario's model reports, in its order.
port::KpiList reported_kpi_list(const port::ScenarioConfig& cfg);
std::vector<std::string> reported_kpis(const port::ScenarioConfig& cfg);

}  // namespace portsim::io
