// The resolved document with each value's origin (sim/io/resolved_values.hpp, `portsim show`): on a
// small table of keys, values from a base, a reform, a --set and the defaults.
#include "sim/io/resolved_values.hpp"

#include <gtest/gtest.h>

#include <string>

namespace io = portsim::io;

namespace {

io::FieldSpec spec(std::string key, io::FieldType type, std::string default_text = "",
                   std::vector<io::FieldSpec> children = {}) {
  io::FieldSpec s;
  s.key = std::move(key);
  s.type = type;
  s.default_text = std::move(default_text);
  s.children = std::move(children);
  return s;
}

std::vector<io::FieldSpec> toy_schema() {
  using T = io::FieldType;
  io::FieldSpec gates = spec("gates", T::List, "", {spec("id", T::Text), spec("count", T::Integer, "1")});
  gates.item = T::Map;
  return {spec("name", T::Text),
          spec("duration", T::Duration, "1d"),
          spec("", T::Rule),
          spec("demand", T::Map, "", {spec("trucks_per_day", T::Number, "15000"), spec("mode", T::Choice, "profile")}),
          spec("profile", T::List, "24 × 1"),
          gates};
}

std::string lines(const std::vector<io::ResolvedValue>& values) {
  std::string out;
  for (const auto& v : values) out += v.path + " = " + v.value + " @ " + v.origin + "\n";
  return out;
}

}  // namespace

TEST(ResolvedValues, EveryValueWithItsFileLineFlagOrDefault) {
  io::YamlDocument doc = io::YamlDocument::parse("name: small\ngates:\n  - {id: main, count: 3}\n  - {id: b}\n", "base.yaml");
  doc.merge(io::YamlDocument::parse("duration: 4h\ngates:\n  - {id: main, count: 5}\nnote: [a, {b: c}]\n", "reform.yaml"));
  doc.set("demand.trucks_per_day=300");
  EXPECT_EQ(lines(io::resolve_values(doc, toy_schema())),
            "name = small @ base.yaml:1\n"
            "duration = 4h @ reform.yaml:1\n"
            "demand.trucks_per_day = 300 @ --set\n"
            "demand.mode = profile @ default\n"
            "profile = 24 × 1 @ default\n"
            "gates[0].id = main @ reform.yaml:3\n"
            "gates[0].count = 5 @ reform.yaml:3\n"
            "gates[1].id = b @ base.yaml:4\n"
            "gates[1].count = 1 @ default\n"
            "note[0] = a @ reform.yaml:4\n"
            "note[1].b = c @ reform.yaml:4\n");
}

TEST(ResolvedValues, TextPutsTheOriginsInAColumn) {
  EXPECT_EQ(io::resolved_text({{"name", "small", "base.yaml:1"}, {"demand.trucks_per_day", "300", "--set"}}),
            "name: small" + std::string(15, ' ') + "  # base.yaml:1\n"
            "demand.trucks_per_day: 300  # --set\n");
  const std::string long_value(60, 'x');
  EXPECT_EQ(io::resolved_text({{"a", "1", "default"}, {"b", long_value, "default"}}),
            "a: 1" + std::string(52, ' ') + "  # default\nb: " + long_value + "  # default\n");
}
