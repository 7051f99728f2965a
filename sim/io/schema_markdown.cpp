#include "sim/io/schema_markdown.hpp"

#include <limits>
#include <sstream>

#include "sim/io/scenario_schema.hpp"

namespace portsim::io {

namespace {

std::string code(const std::string& text) { return "`" + text + "`"; }

std::string cell(std::string text) {
  for (std::size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) text.replace(at, 1, "\\|");
  return text;
}

std::string range_text(const FieldSpec& s, const std::string& noun) {
  // As the messages write them: integers in full ("1000000"), numbers as streamed ("0.5").
  const auto num = [&](double x) {
    return s.type == FieldType::Integer || s.item == FieldType::Integer ? std::to_string(static_cast<long long>(x))
                                                                          : schema_detail::number_text(x);
  };
  const bool no_max = s.max == HUGE_VAL || (s.type == FieldType::Integer && s.max >= std::numeric_limits<int>::max());
  if (s.min == -HUGE_VAL && s.max == HUGE_VAL) return noun;
  if (no_max) return noun + (s.min_open ? " > " : " >= ") + num(s.min);
  return noun + " in " + (s.min_open ? "(" : "[") + num(s.min) + ", " + num(s.max) + "]";
}

std::string type_text(const FieldSpec& s, FieldType type, bool plural) {
  const std::string ps = plural ? "s" : "";
  switch (type) {
    case FieldType::Text: return "text" + ps;
    case FieldType::Number: return range_text(s, "number" + ps);
    case FieldType::Integer: return range_text(s, "integer" + ps);
    case FieldType::Boolean: return "`true` or `false`";
    case FieldType::Duration: return std::string("duration") + ps + (s.min_open ? " > 0" : " >= 0");
    case FieldType::Distribution: return "distribution" + ps + (s.never_allowed ? " or `never`" : "");
    case FieldType::Choice: {
      std::string out = "one of ";
      for (std::size_t i = 0; i < s.choices.size(); ++i) out += (i ? ", " : "") + code(s.choices[i]);
      return out;
    }
    case FieldType::Window: return "time window" + ps + " `HH:MM-HH:MM`";
    case FieldType::Map: return plural ? "maps" : "map";
    case FieldType::List: {
      std::string count;
      for (std::size_t i = 0; i < s.sizes.size(); ++i) count += (i ? " or " : "") + std::to_string(s.sizes[i]);
      if (s.max_items != std::numeric_limits<std::size_t>::max()) count += "at most " + std::to_string(s.max_items);
      return "list of " + (count.empty() ? "" : count + " ") + type_text(s, s.item, true);
    }
    case FieldType::Rule: return "rule";
  }
  return "?";
}

std::string default_cell(const FieldSpec& s) {
  if (!s.missing.empty() || s.required_by_model) return "required";
  if (s.type == FieldType::Map) return "";
  if (s.default_text.empty()) return "none";
  return code(s.default_text);
}

void row(const FieldSpec& s, const std::string& key, std::ostringstream& out) {
  out << "| " << code(key) << " | " << cell(type_text(s, s.type, false)) << " | " << cell(default_cell(s)) << " | "
      << cell(s.unit) << " | " << cell(s.doc) << " |\n";
}

/// The path of the keys below `s` (at `key`): gates[] for a list of maps.
std::string below(const FieldSpec& s, const std::string& key) { return s.type == FieldType::List ? key + "[]" : key; }

/// Rows for every key below `s` (at `key`), nested ones included; their rules go to `rules`.
void rows_below(const FieldSpec& s, const std::string& key, std::ostringstream& out, std::vector<std::string>& rules) {
  const std::string path = below(s, key);
  for (const auto& child : s.children) {
    if (child.type == FieldType::Rule) {
      rules.push_back(code(path) + ": " + child.doc);
      continue;
    }
    const std::string child_key = path + "." + child.key;
    row(child, child_key, out);
    rows_below(child, child_key, out, rules);
  }
}

void table_head(std::ostringstream& out) {
  out << "| key | type | default | unit | meaning |\n|---|---|---|---|---|\n";
}

void rule_list(const std::vector<std::string>& rules, std::ostringstream& out) {
  if (rules.empty()) return;
  out << "\nChecked across keys:\n\n";
  for (const auto& r : rules) out << "- " << r << "\n";
}

}  // namespace

std::string schema_markdown(const std::vector<FieldSpec>& root) {
  std::ostringstream out;
  std::vector<std::string> rules;
  out << "### Top level\n\n";
  table_head(out);
  for (const auto& s : root) {
    if (s.type == FieldType::Rule) rules.push_back(s.doc);
    else row(s, s.key, out);
  }
  rule_list(rules, out);
  for (const auto& s : root) {
    if (s.children.empty()) continue;
    out << "\n### " << code(s.key) << ": " << s.doc << "\n\n";
    table_head(out);
    std::vector<std::string> section_rules;
    rows_below(s, s.key, out, section_rules);
    rule_list(section_rules, out);
  }
  return out.str();
}

std::string schema_markdown() { return schema_markdown(scenario_schema().specs()); }

}  // namespace portsim::io
