// The plots of a finished batch, planned from its points.csv: for a grid, one plot per KPI against
// the first factor with one line per combination of the other factors (every one of them); for a
// Latin hypercube (every design point its own combination), one scatter per KPI and factor with
// every design point and its CI as an error bar, so no point is left out.
#pragma once

#include <string>
#include <vector>

#include "sim/io/plots.hpp"

namespace portsim::experiment {

struct BatchPlot {
  std::string stem;    // file name without extension: kpi_<kpi> or kpi_<kpi>_vs_<factor>
  std::string title;
  std::string xlabel;  // the factor's key
  std::string ylabel;  // the KPI
  std::vector<io::Series> series;
  bool points = false;  // design points with error bars, not lines with bands
};

/// The plots for the text of a points.csv (its header: point, the factor keys, kpi, mean, ...,
/// ci_low, ci_high, ...): points for a Latin hypercube (or a design whose points share no line),
/// else lines. Throws std::runtime_error naming `file` for a missing column.
std::vector<BatchPlot> batch_plots(const std::string& points_csv, const std::string& file, bool latin_hypercube);

/// Draws batch_plots of OUT/points.csv into OUT (gnuplot); the design from OUT/manifest.json.
void plot_batch(const std::string& out);

}  // namespace portsim::experiment
