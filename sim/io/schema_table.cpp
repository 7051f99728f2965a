#include "sim/io/schema_table.hpp"

#include <cstdio>
#include <sstream>
#include <string_view>

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

namespace {

/// "expected a mean of at least 1s (the model repeats this time), got \"0s\"" when a repeated
/// time's value (a duration) or mean (a distribution) is below the spec's minimum.
std::optional<std::string> too_short_to_repeat(const FieldSpec& s, double seconds, const YAML::Node& n, bool mean) {
  if (s.min_mean <= 0 || seconds >= s.min_mean) return std::nullopt;
  return "expected " + std::string(mean ? "a mean of at least " : "a duration >= ") +
         kernel::format_duration(kernel::to_duration(s.min_mean)) + " (the model repeats this time), got \"" +
         n.Scalar() + "\"";
}

}  // namespace

std::optional<kernel::Duration> SchemaReader::duration(const FieldSpec& s, const YAML::Node& n, const std::string& path) {
  std::optional<kernel::Duration> d;
  if (s.time_of_day && n.IsScalar() && kernel::looks_like_time_of_day(n.Scalar())) {
    try {
      d = kernel::parse_time_of_day(n.Scalar());
    } catch (const kernel::DurationError& e) {
      yaml_.problem(n, path, e.what());
      return std::nullopt;
    }
  } else {
    d = yaml_.duration(n, path, s.min < 0);
  }
  if (d && s.min_open && d->count() == 0) {
    yaml_.problem(n, path, "expected a duration > 0, got \"" + n.Scalar() + "\"");
    return std::nullopt;
  }
  if (d) {
    if (const auto message = too_short_to_repeat(s, kernel::to_seconds(*d), n, false)) {
      yaml_.problem(n, path, *message);
      return std::nullopt;
    }
  }
  return d;
}

std::optional<kernel::Distribution> SchemaReader::distribution(const FieldSpec& s, const YAML::Node& n,
                                                               const std::string& path) {
  auto d = yaml_.distribution(n, path, s.min < 0);
  if (d) {
    if (const auto message = too_short_to_repeat(s, d->mean(), n, true)) {
      yaml_.problem(n, path, *message);
      return std::nullopt;
    }
  }
  return d;
}

std::optional<port::DailyWindow> SchemaReader::window(const YAML::Node& n, const std::string& path) {
  const std::string expected =
      "expected a time-of-day window \"HH:MM-HH:MM\" (for example \"06:00-22:00\"), each time from 00:00 to 24:00";
  if (!n.IsScalar()) {
    yaml_.problem(n, path, expected + ", got a " + (n.IsMap() ? std::string("map") : std::string("list")));
    return std::nullopt;
  }
  // Two times of day around the one '-' (the parser refuses a sign, so a second '-' is an error).
  const std::string& text = n.Scalar();
  const auto dash = text.find('-');
  port::DailyWindow w;
  try {
    if (dash == std::string::npos) throw kernel::DurationError("no '-'");
    w.from = kernel::parse_time_of_day(std::string_view(text).substr(0, dash));
    w.to = kernel::parse_time_of_day(std::string_view(text).substr(dash + 1));
  } catch (const kernel::DurationError&) {
    yaml_.problem(n, path, expected + ", got \"" + text + "\"");
    return std::nullopt;
  }
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
