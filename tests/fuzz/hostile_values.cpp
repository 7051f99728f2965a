#include "tests/fuzz/hostile_values.hpp"

#include <cctype>
#include <regex>

namespace portsim::fuzz {

namespace {

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    v.remove_prefix(1);
    v.remove_suffix(1);
  }
  return v;
}

bool matches(std::string_view v, const std::regex& re) { return std::regex_match(v.begin(), v.end(), re); }

}  // namespace

Shape shape_of(std::string_view value) {
  static const std::regex number(R"([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?)");
  static const std::regex duration(R"([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?(ms|s|min|h|d))");
  static const std::regex distribution(R"([a-z_]+\(.*\))");
  static const std::regex time_of_day(R"([0-9]{1,2}:[0-9]{2}(-[0-9]{1,2}:[0-9]{2})?)");
  static const std::regex date(R"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})");
  static const std::regex date_time(R"([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})");
  static const std::regex hour_range(R"([0-9]{4} - [0-9]{4})");
  const std::string_view v = trimmed(value);
  if (v.empty()) return Shape::Text;
  if (v.front() == '[') return Shape::Sequence;
  if (v.front() == '{') return Shape::Map;
  if (v.size() > 200) return Shape::Text;  // std::regex recurses per character: no long values
  if (v == "true" || v == "false" || v == "yes" || v == "no") return Shape::Bool;
  if (matches(v, number)) return Shape::Number;
  if (matches(v, duration)) return Shape::Duration;
  if (matches(v, distribution)) return Shape::Distribution;
  if (matches(v, time_of_day)) return Shape::TimeOfDay;
  if (matches(v, date)) return Shape::Date;
  if (matches(v, date_time)) return Shape::DateTime;
  if (matches(v, hour_range)) return Shape::HourRange;
  if (v.ends_with(".yaml") || v.ends_with(".csv") || v.ends_with(".trace") || v.find('/') != std::string_view::npos) {
    return Shape::Path;
  }
  return Shape::Text;
}

namespace hostile {

const std::vector<std::string>& numbers() {
  static const std::vector<std::string> v{
      "0", "-1", "1", "-0", "0.0", "1e308", "-1e308", "1e309", "nan", "NaN", ".nan", "inf", "-inf", ".inf", "-.inf",
      "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
      "-9223372036854775809", "18446744073709551616", "99999999999999999999999", "1e10", "1e12", "3000000000", "2e9",
      "1e-320", "4.9e-324", "0x10", "0o17", "1_000", "+5", "1e", "1.2.3", "--1", "", "~", "null", "abc", "0.5",
      "1000000", "65536", "-2", "255", "256"};
  return v;
}

const std::vector<std::string>& extreme_numbers() {
  static const std::vector<std::string> v{"0", "-1", "-0", "0.0", "1e308", "-1e308", "1e309", "nan", ".nan", "inf",
                                          "-inf", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                          "18446744073709551616", "99999999999999999999999", "1e-320", "4.9e-324",
                                          "0x10", "1_000", "+5", "1e", "1.2.3", "--1", "", "abc", "-2"};
  return v;
}

const std::vector<std::string>& durations() {
  static const std::vector<std::string> v{
      "0s", "0ms", "-0s", "-5min", "-1h", "-1e308s", "1ms", "0.0001ms", "1e-9s", "1e308d", "1e309s", "nans", "infd",
      "-infh", "60000000000d", "9223372036854775807ms", "9223372036854775808ms", "106751991167301d", "1e19ms",
      "18446744073709551616s", "1h30", "1h30min", "90", "1.5", "h", "s", "", "  1h", "1 h", "1H", "1hour", "1 day",
      "2.5min", "3d", "0x10s", "1e3s", "+1h", "1..5h", "1e400min", "1s1s", "-", "auto", "2147483648s"};
  return v;
}

const std::vector<std::string>& times_of_day() {
  static const std::vector<std::string> v{
      "24:30", "24:00", "25:00", "-1:00", "10:60", "23:59:60", "99:99", "00:00-24:00", "24:30-01:00", "10:00-10:00",
      "23:00-01:00", "9", "10", "10:00:00", "7pm", "1e308:00", "00:00-", "-08:00", "08:00--16:00",
      "08:00-16:00-20:00", ":", "00:0", "0:00-8:00", "2147483648:00", "00:00-00:00", "12:00-11:59", "nan:00"};
  return v;
}

const std::vector<std::string>& dates() {
  static const std::vector<std::string> v{
      "2016-13-01", "2016-00-10", "2016-02-30", "2016-03-32", "2016-03-00", "-5-01-01", "-2016-03-01", "0000-01-01",
      "0-1-1", "99999-01-01", "2147483648-01-01", "9223372036854775807-01-01", "2016-1-1", "1/1/2016", "13/45/2016",
      "0/0/0", "2016-03-01T00:00", "", "2016/03/01", "20160301", "2016-03-01 25:00:00", "2016-03-01 24:30:00",
      "1e308-01-01", "nan-01-01", "2016-03", "March-Sunday", "Januar-Sunday", "January-Funday", "2/29/2017",
      "1/32/2016", "-1/1/2016", "2018-01-01 00:00:00", "2018-01-01 -1:00:00"};
  return v;
}

const std::vector<std::string>& date_ranges() {
  static const std::vector<std::string> v{
      "2016-03-02..2016-03-01", "..", "2016-03-01..", "..2016-03-01", "-5-01-01..-5-01-01", "2016-13-01..2016-14-01",
      "2016-03-01..2016-03-01..2016-03-02", "2016-03-01", "2016-03-01...2016-03-02", "0000-01-01..9999-12-31",
      "1900-01-01..2100-12-31", "2016-02-30..2016-02-31", "2147483648-01-01..2147483649-01-01",
      "2016-03-01..2016-03-01", "2016-03-01-2016-03-02", " 2016-03-01..2016-03-02", "2016-03-01..nan", "",
      "-9223372036854775808-01-01..9223372036854775807-12-31", "2016-03-01..2016-03-03", "1/1/2016..1/2/2016"};
  return v;
}

const std::vector<std::string>& hours() {
  static const std::vector<std::string> v{"24", "25", "-1", "23.5", "1e9", "2147483648", "0000 - 2500", "2400 - 2500",
                                          "0100 - 0000", "2330 - 0030", "0000 - 0100 - 0200", "-100 - 0000",
                                          "0000-0100", "", "x", "nan", "0", "23", "-2147483649"};
  return v;
}

const std::vector<std::string>& distributions() {
  static const std::vector<std::string> v{
      "uniform(-10s, 20s)", "uniform(20s, 10s)", "erlang(3000000000, 90s)", "erlang(0, 90s)", "erlang(1.5, 90s)",
      "erlang(-1, 90s)", "exponential(0s)", "exponential(-1s)", "exponential(1e308s)", "constant(-1s)",
      "constant(0s)", "constant(1e308d)", "constant(nans)", "triangular(3s, 2s, 1s)", "triangular(0s, 0s, 0s)",
      "triangular(18s, 28s)", "lognormal(nans, 1s)", "lognormal(90s, infs)", "lognormal(0s, 0s)",
      "weibull(inf, 1s)", "weibull(0, 1s)", "weibull(1e-308, 1s)", "gamma(0, 1s)", "gamma(1e308, 1e308s)",
      "empirical()", "empirical(1s, -1s)", "normal(90s, 30s)", "constant()", "constant", "(1s)", "constant(1s",
      "constant(1s))", "uniform(0s, 0s)", "exponential(1e-9s)", "exponential(1ms)", "erlang(2147483648, 1s)",
      "empirical(0s, 0s, 0s)", "lognormal(1e308s, 1e308s)", "gamma(1e-300, 1e-300s)"};
  return v;
}

const std::vector<std::string>& paths() {
  static const std::vector<std::string> v{"/dev/zero", "/dev/null", ".", "..", "/", "nonexistent.yaml", "",
                                          "baseline.yaml", "paperless.yaml", "it-outage.yaml", " baseline.yaml",
                                          "baseline.yaml ", "a b.yaml", "./././baseline.yaml", "/etc/passwd", "/tmp",
                                          "/proc/self/status", "smart-gate.yaml", "batches", "\\"};
  return v;
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> v{"", " ", "x", "\xc3\xbc" "n" "\xc3\xaf" "c" "\xc3\xb6" "d" "\xc3\xa9", "\t", "\"quoted\"",
                                          "a: b", "- x", "#comment", "null", "~", "true", "\xff\xfe", "%s%s%n",
                                          "../../", "in", "inn", "main", "gate0", "__proto__", std::string(300, 'x'),
                                          "ocr", "general", "paper", "id"};
  return v;
}

const std::vector<std::string>& yaml_nodes() {
  static const std::vector<std::string> v{
      "&a [*a]", "&a {k: *a}", "*undefined", "*a", "&a", "&a 1", "!!binary AAAA", "!!int 1.5", "!!float nan",
      "!!map {}", "!<tag:yaml.org,2002:str> 1", "!custom 1", "[]", "{}", "[1, [2, [3]]]", "{a: 1, a: 2}",
      "{[1]: 2}", "{? [a]: 1}", "|\n  block", ">-\n  folded", "'unterminated", "\"unterminated", "\"\\xZZ\"",
      "[1, 2", "{a: 1", "<<: *a", "? complex", "null", "~", "", "[null]", "[~, ~]", "{a: }", "&b [&c [*b, *c]]",
      "[*a, *a, *a]", "{*a : 1}"};
  return v;
}

std::string value_for(Shape shape, FuzzRng& rng) {
  if (rng.percent(25)) shape = static_cast<Shape>(rng.below(static_cast<std::size_t>(Shape::Text) + 1));
  switch (shape) {
    case Shape::Number:
      return rng.pick(numbers());
    case Shape::Duration:
      if (rng.percent(30)) return rng.pick(extreme_numbers()) + rng.pick(std::vector<std::string>{"s", "ms", "min", "h", "d"});
      return rng.pick(durations());
    case Shape::Distribution:
      return rng.pick(distributions());
    case Shape::TimeOfDay:
      return rng.pick(times_of_day());
    case Shape::Date:
      return rng.pick(dates());
    case Shape::DateTime:
      return rng.percent(50) ? rng.pick(dates()) + " 00:00:00" : rng.pick(dates());
    case Shape::HourRange:
      return rng.pick(hours());
    case Shape::Bool:
      return rng.pick(std::vector<std::string>{"yes", "no", "1", "0", "True", "maybe", "~", "", "on", "tru"});
    case Shape::Path:
      return rng.pick(paths());
    case Shape::Sequence:
      if (rng.percent(20)) return deep_nesting(rng.pick(std::vector<std::size_t>{64, 1000, 10000, 100000}), false);
      if (rng.percent(50)) return "[" + rng.pick(numbers()) + ", " + rng.pick(numbers()) + "]";
      return rng.pick(yaml_nodes());
    case Shape::Map:
      if (rng.percent(20)) return deep_nesting(rng.pick(std::vector<std::size_t>{64, 1000, 10000, 100000}), true);
      return rng.pick(yaml_nodes());
    case Shape::Text:
      break;
  }
  return rng.percent(70) ? rng.pick(texts()) : rng.pick(yaml_nodes());
}

std::string deep_nesting(std::size_t depth, bool flow_map) {
  std::string s;
  s.reserve(depth * (flow_map ? 5 : 2) + 1);
  for (std::size_t i = 0; i < depth; ++i) s += flow_map ? "{a: " : "[";
  s += "1";
  for (std::size_t i = 0; i < depth; ++i) s += flow_map ? "}" : "]";
  return s;
}

std::string billion_laughs(std::size_t levels, std::size_t fanout) {
  std::string s = "fuzz_l0: &l0 \"lol\"\n";
  for (std::size_t l = 1; l < levels; ++l) {
    s += "fuzz_l" + std::to_string(l) + ": &l" + std::to_string(l) + " [";
    for (std::size_t i = 0; i < fanout; ++i) s += (i ? ", *l" : "*l") + std::to_string(l - 1);
    s += "]\n";
  }
  return s;
}

}  // namespace hostile
}  // namespace portsim::fuzz
