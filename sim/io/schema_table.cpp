#include "sim/io/schema_table.hpp"

#include <cstdio>
#include <sstream>

namespace portsim::io {

YAML::Node SchemaReader::node_for(std::string path) const {
  while (true) {
    const auto it = nodes_.find(path);
    if (it != nodes_.end()) return it->second;
    const auto cut = path.find_last_of(".[");
    if (cut == std::string::npos) return doc_.root();
    path = path.substr(0, cut);
  }
}

std::optional<double> SchemaReader::number(const FieldSpec& s, const YAML::Node& n, const std::string& path) {
  const auto v = yaml_.number(n, path, s.min, s.max);
  if (v && s.min_open && *v <= s.min) {
    const std::string min = schema_detail::number_text(s.min);
    yaml_.problem(n, path, "expected a " + s.noun + " > " + min + ", got " + min);
    return std::nullopt;
  }
  return v;
}

std::optional<long long> SchemaReader::integer(const FieldSpec& s, const YAML::Node& n, const std::string& path) {
  return yaml_.integer(n, path, static_cast<long long>(s.min), static_cast<long long>(s.max));
}

std::optional<kernel::Duration> SchemaReader::duration(const FieldSpec& s, const YAML::Node& n, const std::string& path) {
  const auto d = yaml_.duration(n, path);
  if (d && s.min_open && d->count() == 0) {
    yaml_.problem(n, path, "expected a duration > 0, got \"" + n.Scalar() + "\"");
    return std::nullopt;
  }
  return d;
}

std::optional<port::DailyWindow> SchemaReader::window(const YAML::Node& n, const std::string& path) {
  const std::string expected = "expected a time-of-day window \"HH:MM-HH:MM\" (for example \"06:00-22:00\")";
  if (!n.IsScalar()) {
    yaml_.problem(n, path, expected + ", got a " + (n.IsMap() ? std::string("map") : std::string("list")));
    return std::nullopt;
  }
  int h1 = 0, m1 = 0, h2 = 0, m2 = 0;
  char tail = 0;
  if (std::sscanf(n.Scalar().c_str(), "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &tail) != 4 || h1 < 0 || h1 > 24 ||
      h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59) {
    yaml_.problem(n, path, expected + ", got \"" + n.Scalar() + "\"");
    return std::nullopt;
  }
  port::DailyWindow w;
  w.from = std::chrono::hours(h1) + std::chrono::minutes(m1);
  w.to = std::chrono::hours(h2) + std::chrono::minutes(m2);
  if (w.from == w.to) {
    yaml_.problem(n, path, "window \"" + n.Scalar() + "\" is empty");
    return std::nullopt;
  }
  if (w.to == std::chrono::hours(24)) w.to = std::chrono::hours(0);
  if (w.from == std::chrono::hours(24)) w.from = std::chrono::hours(0);
  if (w.from == w.to) w.to = std::chrono::hours(24);  // "00:00-24:00": all day
  return w;
}

namespace schema_detail {

std::string number_text(double x) {
  std::ostringstream os;  // as YamlReader writes numbers in its messages
  os << x;
  return os.str();
}

std::string duration_text(kernel::Duration d) { return kernel::format_duration(d); }

std::string distribution_text(const kernel::Distribution& d) {
  // describe() writes the parameters in seconds ("triangular(900, 1800, 3600)"); a file writes them
  // as durations, except the shape of erlang, gamma and weibull.
  using Kind = kernel::Distribution::Kind;
  const std::string text = d.describe();
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  if (d.kind() == Kind::Empirical || open == std::string::npos || close == std::string::npos) return text;
  const bool shape_first = d.kind() == Kind::Erlang || d.kind() == Kind::Gamma || d.kind() == Kind::Weibull;
  std::vector<std::string> args;
  std::stringstream ss(text.substr(open + 1, close - open - 1));
  for (std::string a; std::getline(ss, a, ',');) {
    a.erase(0, a.find_first_not_of(' '));
    const bool plain = shape_first && args.empty();
    args.push_back(plain ? a : kernel::format_duration(kernel::to_duration(std::stod(a))));
  }
  if (d.kind() == Kind::Constant) return args.at(0);
  std::string out = text.substr(0, open + 1);
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

std::string window_text(const port::DailyWindow& w) {
  const auto two_digits = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const auto clock = [&](kernel::Duration t) {
    const long long minutes = std::chrono::duration_cast<std::chrono::minutes>(t).count();
    return two_digits(minutes / 60) + ":" + two_digits(minutes % 60);
  };
  return clock(w.from) + "-" + clock(w.to);
}

std::string list_text(const std::vector<std::string>& items) {
  if (items.size() > 3 && std::all_of(items.begin(), items.end(), [&](const auto& x) { return x == items[0]; })) {
    return std::to_string(items.size()) + " × " + items[0];
  }
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

}  // namespace schema_detail

}  // namespace portsim::io
