#include "tests/fuzz/json_mutations.hpp"

#include <regex>

#include "tests/fuzz/hostile_values.hpp"
#include "tests/fuzz/text_mutations.hpp"

namespace portsim::fuzz {

namespace {

struct Match {
  std::size_t pos, len;
};

std::vector<Match> find_all(const std::string& text, const std::regex& re, std::size_t group = 0) {  // short keys only
  std::vector<Match> v;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    v.push_back(Match{static_cast<std::size_t>(it->position(group)), static_cast<std::size_t>(it->length(group))});
  }
  return v;
}

/// End of the JSON value starting at `from` (a string, a number or literal, or a bracketed one).
std::size_t value_end(const std::string& s, std::size_t from) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') {
        in_string = false;
        if (depth == 0) return i + 1;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) return i;
      if (--depth == 0) return i + 1;
    } else if (c == ',' && depth == 0) {
      return i;
    }
  }
  return s.size();
}

std::string number(std::string& text, FuzzRng& rng) {
  const auto tokens = number_tokens(text, text.size());
  if (tokens.empty()) return "";
  const auto [pos, len] = rng.pick(tokens);
  const Match m{pos, len};
  const std::string old = text.substr(m.pos, m.len);
  const std::string v = rng.pick(hostile::numbers());
  text.replace(m.pos, m.len, v);
  return "number " + old + " at byte " + std::to_string(m.pos) + " -> \"" + v + "\"";
}

std::string drop_key(std::string& text, FuzzRng& rng) {
  static const std::regex re(R"re("(kpis|outcome|point|replication|scenario_hash|seed)":)re");
  const auto hits = find_all(text, re);
  if (hits.empty()) return "";
  const Match m = rng.pick(hits);
  const std::string key = text.substr(m.pos, m.len - 1);
  std::size_t b = m.pos, e = value_end(text, m.pos + m.len);
  if (e < text.size() && text[e] == ',') {
    ++e;
  } else if (b > 0 && text[b - 1] == ',') {
    --b;
  }
  if (rng.percent(30)) {
    text.replace(m.pos + 1, m.len - 3, "x" + text.substr(m.pos + 1, m.len - 3));
    return "key " + key + " renamed";
  }
  text.erase(b, e - b);
  return "key " + key + " deleted";
}

std::string field_value(std::string& text, FuzzRng& rng) {
  static const std::regex re(R"re("(point|replication|seed|scenario_hash|outcome)":)re");
  const auto hits = find_all(text, re);
  if (hits.empty()) return "";
  const Match m = rng.pick(hits);
  const std::string key = text.substr(m.pos, m.len - 1);
  const std::size_t b = m.pos + m.len, e = value_end(text, b);
  static const std::vector<std::string> values{"0", "1", "2", "3", "99", "-1", "4294967296", "1.5", "null", "true",
                                               "\"0\"", "\"\"", "\"c5eec879736e46ff\"", "\"0000000000000000\"",
                                               "\"deadlock\"", "[]", "{}", "18446744073709551615"};
  const std::string old = text.substr(b, e - b);
  const std::string v = rng.pick(values);
  text.replace(b, e - b, v);
  return key + ": " + old + " -> " + v;
}

std::string kpi_value(std::string& text, FuzzRng& rng) {
  std::vector<Match> hits;  // the value of each ["name","value"]
  for (std::size_t at = text.find("\",\""); at != std::string::npos; at = text.find("\",\"", at + 3)) {
    const std::size_t e = text.find('"', at + 3);
    if (e != std::string::npos) hits.push_back(Match{at + 3, e - at - 3});
  }
  if (hits.empty()) return "";
  const Match m = rng.pick(hits);
  const std::string old = text.substr(m.pos, m.len);
  const std::string v = rng.pick(std::vector<std::string>{"13", "0", "-1", "nan", "inf", "", "x", "1e308", old + "1"});
  text.replace(m.pos, m.len, v);
  return "KPI value \"" + old + "\" -> \"" + v + "\"";
}

std::string kpi_list(std::string& text, FuzzRng& rng) {
  const std::size_t k = text.find("\"kpis\":[");
  if (k == std::string::npos) return "";
  const std::size_t b = k + 8, e = value_end(text, k + 7);
  switch (rng.below(3)) {
    case 0: text.replace(b, e - 1 - b, ""); return "empty KPI list";
    case 1: text.replace(b, e - 1 - b, "[\"turn_time_mean\"]"); return "KPI entry without a value";
    default: text.insert(b, "[\"no_such_kpi\",\"1\"],"); return "unknown KPI added";
  }
}

}  // namespace

const std::vector<JsonOp>& json_ops() {
  static const std::vector<JsonOp> ops{number, drop_key, field_value, field_value, kpi_value, kpi_list};
  return ops;
}

}  // namespace portsim::fuzz
