#include "sim/io/plots.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/io/result_writer.hpp"

namespace portsim::io {

namespace fs = std::filesystem;

bool gnuplot_available() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void render(const std::string& dir, const std::string& stem, const std::string& body) {
  if (!gnuplot_available()) {
    throw std::runtime_error("gnuplot is not installed, so no plots were drawn (install the Debian package "
                             "gnuplot-nox, or run ./setup.sh); the tables were written");
  }
  fs::create_directories(dir);
  for (const auto& [term, ext] : {std::pair{"svg size 900,520 dynamic font 'sans,12'", "svg"},
                                  std::pair{"pngcairo size 900,520 font 'sans,11'", "png"}}) {
    const std::string out = (fs::path(dir) / (stem + "." + ext)).string();
    const std::string script_path = (fs::path(dir) / (stem + "." + ext + ".gp")).string();
    {
      std::ofstream gp(script_path);
      gp << "set terminal " << term << "\nset termoption noenhanced\nset output " << quote(out + ".tmp") << "\n" << body;
    }
    const std::string cmd = "gnuplot " + quote(script_path) + " 2>" + quote(script_path + ".err");
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream err(script_path + ".err");
      std::stringstream ss;
      ss << err.rdbuf();
      throw std::runtime_error("gnuplot failed drawing " + out + ": " + ss.str());
    }
    fs::rename(out + ".tmp", out);
    fs::remove(script_path);
    fs::remove(script_path + ".err");
  }
}

}  // namespace

void forest_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
                 const std::vector<ForestRow>& rows) {
  std::ostringstream data;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    data << rows.size() - i << ' ' << rows[i].mean << ' ' << rows[i].low << ' ' << rows[i].high << ' '
         << quote(rows[i].label) << '\n';
  }
  std::ostringstream gp;
  gp << "set title " << quote(title) << "\nset xlabel " << quote(xlabel) << "\nunset key\nset grid x\n"
     << "set yrange [0.3:" << static_cast<double>(rows.size()) + 0.7 << "]\nset ytics scale 0\n"
     << "set xzeroaxis lt -1\nset arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#888888' dt 2\n"
     << "$data << EOD\n" << data.str() << "EOD\n"
     << "plot $data using 2:1:3:4:yticlabels(5) with xerrorbars pt 7 ps 1.2 lc rgb '#0072B2' lw 2\n";
  render(dir, stem, gp.str());
}

void line_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
               const std::string& ylabel, const std::vector<Series>& series) {
  static const char* colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                  "#F0E442", "#000000", "#882255", "#44AA99", "#999933", "#AA4499"};
  std::ostringstream gp;
  gp << "set title " << quote(title) << "\nset xlabel " << quote(xlabel) << "\nset ylabel " << quote(ylabel)
     << "\nset grid\nset key outside right top\nset style fill transparent solid 0.2 noborder\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    gp << "$s" << s << " << EOD\n";
    for (std::size_t i = 0; i < series[s].x.size(); ++i) {
      const double hw = series[s].half_width.empty() ? 0.0 : series[s].half_width[i];
      gp << series[s].x[i] << ' ' << series[s].y[i] << ' ' << series[s].y[i] - hw << ' ' << series[s].y[i] + hw << '\n';
    }
    gp << "EOD\n";
  }
  gp << "plot ";
  for (std::size_t s = 0; s < series.size(); ++s) {
    const char* c = colours[s % 12];
    if (s > 0) gp << ", ";
    if (!series[s].half_width.empty()) {
      gp << "$s" << s << " using 1:3:4 with filledcurves lc rgb '" << c << "' notitle, ";
    }
    gp << "$s" << s << " using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb '" << c << "' title " << quote(series[s].label);
  }
  gp << "\n";
  render(dir, stem, gp.str());
}

void points_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
                 const std::string& ylabel, const Series& series) {
  std::ostringstream gp;
  gp << "set title " << quote(title) << "\nset xlabel " << quote(xlabel) << "\nset ylabel " << quote(ylabel)
     << "\nset grid\nset key outside right top\nset offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n$d << EOD\n";
  for (std::size_t i = 0; i < series.x.size(); ++i) {
    const double hw = series.half_width.empty() ? 0.0 : series.half_width[i];
    gp << series.x[i] << ' ' << series.y[i] << ' ' << series.y[i] - hw << ' ' << series.y[i] + hw << '\n';
  }
  gp << "EOD\nplot $d using 1:2:3:4 with yerrorbars pt 7 ps 0.6 lc rgb '#0072B2' title "
     << quote(series.label + " (" + std::to_string(series.x.size()) + ")") << "\n";
  render(dir, stem, gp.str());
}

void scatter_plot(const std::string& dir, const std::string& stem, const std::string& title, const std::string& xlabel,
                  const std::string& ylabel, const std::vector<double>& x, const std::vector<double>& y) {
  std::ostringstream gp;
  double top = 1;
  for (std::size_t i = 0; i < x.size(); ++i) top = std::max({top, x[i], y[i]});
  gp << "set title " << quote(title) << "\nset xlabel " << quote(xlabel) << "\nset ylabel " << quote(ylabel)
     << "\nset grid\nunset key\nset xrange [0:" << top << "]\nset yrange [0:" << top << "]\n$d << EOD\n";
  for (std::size_t i = 0; i < x.size(); ++i) gp << x[i] << ' ' << y[i] << '\n';
  gp << "EOD\nplot $d using 1:2 with points pt 7 ps 0.3 lc rgb '#0072B2', x with lines lc rgb '#D55E00' lw 2\n";
  render(dir, stem, gp.str());
}

}  // namespace portsim::io
