// Pictures drawn with gnuplot (Debian package gnuplot-nox) to SVG and PNG: paired-difference
// forest plots, hourly queue profiles, KPI-versus-factor curves with CI bands.
#pragma once

#include <string>
#include <vector>

namespace portsim::io {

/// True when a gnuplot executable is on PATH.
bool gnuplot_available();

struct ForestRow {
  std::string label;
  double mean;
  double low;
  double high;
};
/// Horizontal CI bars around a zero line, one row per label; writes dir/stem.svg and .png.
/// Throws std::runtime_error when gnuplot is missing or fails (message names the package).
void forest_plot(const std::string& dir, const std::string& stem, const std::string& title,
                 const std::string& xlabel, const std::vector<ForestRow>& rows);

struct Series {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
  std::vector<double> half_width;  // empty: no band
};
/// Lines (with CI bands where given); writes dir/stem.svg and .png.
void line_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
               const std::string& ylabel, const std::vector<Series>& series);

/// One series as points with y error bars (its half widths), no lines: design points that share no
/// line; writes dir/stem.svg and .png.
void points_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
                 const std::string& ylabel, const Series& series);

/// Points (x, y) with the y = x diagonal; writes dir/stem.svg and .png.
void scatter_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
                  const std::string& ylabel, const std::vector<double>& x, const std::vector<double>& y);

}  // namespace portsim::io
