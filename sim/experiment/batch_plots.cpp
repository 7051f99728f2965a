#include "sim/experiment/batch_plots.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace portsim::experiment {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  std::string v;
  while (std::getline(ss, v, ',')) f.push_back(v);
  return f;
}

/// A number, or nothing for a level that is not one (such as a file name).
bool number(const std::string& s, double& x) {
  try {
    std::size_t used = 0;
    x = std::stod(s, &used);
    return used == s.size();
  } catch (const std::exception&) {
    return false;
  }
}

struct Row {
  std::vector<std::string> factors;
  std::string kpi;
  double mean, low, high;
};

}  // namespace

std::vector<BatchPlot> batch_plots(const std::string& points_csv, const std::string& file, bool latin_hypercube) {
  std::istringstream in(points_csv);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> cols = fields(line);
  const auto col = [&](const std::string& name) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i] == name) return i;
    }
    throw std::runtime_error(file + ": no column " + name);
  };
  const std::size_t kpi_c = col("kpi"), mean_c = col("mean"), lo_c = col("ci_low"), hi_c = col("ci_high");
  if (kpi_c < 2) throw std::runtime_error(file + ": no factor columns to plot against");
  std::vector<Row> rows;
  std::map<std::string, std::size_t> per_combination;  // rows per (kpi, other factors)
  while (std::getline(in, line)) {
    const auto f = fields(line);
    if (f.size() < cols.size()) continue;
    Row r{{f.begin() + 1, f.begin() + static_cast<std::ptrdiff_t>(kpi_c)}, f[kpi_c], 0, 0, 0};
    if (!number(f[mean_c], r.mean) || !number(f[lo_c], r.low) || !number(f[hi_c], r.high)) continue;
    std::string key = r.kpi;
    for (std::size_t c = 1; c < r.factors.size(); ++c) key += "," + r.factors[c];
    ++per_combination[key];
    rows.push_back(std::move(r));
  }
  // Points, not lines, for a Latin hypercube, or when no two points share a line.
  bool single = !rows.empty();
  for (const auto& [key, n] : per_combination) single = single && n == 1;
  const bool scatter = latin_hypercube || (single && kpi_c > 2);

  std::vector<BatchPlot> plots;
  std::map<std::string, std::size_t> plot_of;  // stem -> index
  const auto plot_for = [&](const std::string& stem, const std::string& title, const std::string& x, const std::string& y) -> BatchPlot& {
    const auto [it, added] = plot_of.emplace(stem, plots.size());
    if (added) plots.push_back(BatchPlot{stem, title, x, y, {}, scatter});
    return plots[it->second];
  };
  for (const Row& r : rows) {
    const std::size_t factors = scatter ? r.factors.size() : 1;
    for (std::size_t c = 0; c < factors; ++c) {
      double x = 0;
      if (!number(r.factors[c], x)) continue;  // non-numeric levels are not plotted against
      const std::string factor = cols[1 + c];
      BatchPlot& p = scatter ? plot_for("kpi_" + r.kpi + "_vs_" + factor, r.kpi + " vs " + factor + " (every design point, CI bars)",
                                        factor, r.kpi)
                             : plot_for("kpi_" + r.kpi, r.kpi + " vs " + factor + " (CI bands)", factor, r.kpi);
      std::string label;
      if (scatter) {
        label = "design points";
      } else {
        for (std::size_t o = 1; o < r.factors.size(); ++o) label += (label.empty() ? "" : ", ") + cols[1 + o] + "=" + r.factors[o];
        if (label.empty()) label = r.kpi;
      }
      auto it = std::find_if(p.series.begin(), p.series.end(), [&](const io::Series& s) { return s.label == label; });
      if (it == p.series.end()) {
        p.series.push_back(io::Series{label, {}, {}, {}});
        it = p.series.end() - 1;
      }
      it->x.push_back(x);
      it->y.push_back(r.mean);
      it->half_width.push_back((r.high - r.low) / 2);
    }
  }
  return plots;
}

void plot_batch(const std::string& out) {
  const fs::path file = fs::path(out) / "points.csv";
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string() + ": run the batch first");
  std::stringstream text;
  text << in.rdbuf();
  bool lhs = false;  // the design, from manifest.json (absent or unreadable: judged from the points)
  if (std::ifstream m(fs::path(out) / "manifest.json"); m) {
    const auto j = nlohmann::json::parse(m, nullptr, false);
    lhs = !j.is_discarded() && j.is_object() && j.value("design", std::string()) == "lhs";
  }
  for (const BatchPlot& p : batch_plots(text.str(), file.string(), lhs)) {
    const std::string& dir = out;
    if (p.points) {
      io::points_plot(dir, p.stem, p.title, p.xlabel, p.ylabel, p.series.front());
    } else {
      io::line_plot(dir, p.stem, p.title, p.xlabel, p.ylabel, p.series);
    }
  }
}

}  // namespace portsim::experiment
