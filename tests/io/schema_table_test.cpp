// The schema table machinery on a toy struct: values land in their members, defaults stay, every
// problem is reported in table order with its file:line:col, and the Markdown is exactly the table.
#include "sim/io/schema_table.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/io/schema_markdown.hpp"

namespace io = portsim::io;
namespace k = portsim::kernel;

namespace {

struct Toy {
  std::string id;
  int count = 3;
  double speed = 20;
  portsim::port::LaneKind kind = portsim::port::LaneKind::General;
  std::optional<k::Distribution> failure;
  std::vector<double> weights{1, 1};
  int low = 0;
  int high = 0;
};

io::Table<Toy> toy_table() {
  io::Table<Toy> t;
  t.field("id", &Toy::id, "name").required("missing: every toy needs an id").located();
  t.field("count", &Toy::count, "how many").range(1, 10).unit("toys");
  t.field("speed", &Toy::speed, "how fast").above(0, 200, "speed").unit("km/h");
  t.field("kind", &Toy::kind, "which lanes");
  t.field("failure", &Toy::failure, "time between failures").or_never();
  t.list("weights", &Toy::weights, "relative weights").range(0).sizes({2, 3}, "expected 2 or 3 weights");
  t.field("low", &Toy::low, "low end").range(0, 100);
  t.field("high", &Toy::high, "high end").range(0, 100);
  t.rule("`low` must be <= `high`", [](io::SchemaReader& r, const io::FieldSpec&, const YAML::Node& n,
                                        const std::string& path, Toy& toy) {
    if (toy.low > toy.high) r.problem(n, path, "low must be <= high");
  });
  return t;
}

/// Reads `text` (a map of toys under "toys") and returns the toy and the problems, one a line.
std::pair<Toy, std::string> read(const std::string& text) {
  const auto doc = io::YamlDocument::parse(text, "toy.yaml");
  io::SchemaReader r(doc);
  Toy toy;
  toy_table().read(r, doc.root(), "", toy);
  std::string problems;
  for (const auto& p : r.yaml().problems()) problems += p.format() + "\n";
  return {toy, problems};
}

}  // namespace

TEST(SchemaTable, ReadsEveryKeyIntoItsMemberAndKeepsTheDefaults) {
  const auto [toy, problems] = read("id: a\nkind: trusted_trader\nfailure: exponential(1h)\nweights: [1, 2, 3]\nhigh: 5\n");
  EXPECT_EQ(problems, "");
  EXPECT_EQ(toy.id, "a");
  EXPECT_EQ(toy.count, 3);
  EXPECT_DOUBLE_EQ(toy.speed, 20);
  EXPECT_EQ(toy.kind, portsim::port::LaneKind::TrustedTrader);
  ASSERT_TRUE(toy.failure.has_value());
  EXPECT_DOUBLE_EQ(toy.failure->mean(), 3600);
  EXPECT_EQ(toy.weights, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(toy.high, 5);
  EXPECT_FALSE(read("id: a\nfailure: never\n").first.failure.has_value());
}

TEST(SchemaTable, ReportsEveryProblemInTableOrder) {
  EXPECT_EQ(read("speed: 0\ncount: 11\nweights: [1]\nlow: 7\nhigh: 2\ncolour: red\n").second,
            "toy.yaml:6:9: error: colour: unknown key \"colour\"\n"
            "toy.yaml:1:1: error: id: missing: every toy needs an id\n"
            "toy.yaml:2:8: error: count: expected an integer in [1, 10], got 11\n"
            "toy.yaml:1:8: error: speed: expected a speed > 0, got 0\n"
            "toy.yaml:3:10: error: weights: expected 2 or 3 weights, got 1\n"
            "toy.yaml:1:1: error: low must be <= high\n");
  EXPECT_EQ(read("id: a\nkind: genral\nweights: [1, -2]\ncont: 2\n").second,
            "toy.yaml:4:7: error: cont: unknown key \"cont\" (did you mean \"count\"?)\n"
            "toy.yaml:2:7: error: kind: expected one of general, trusted_trader, appointment_only, paperless_only, got "
            "\"genral\" (did you mean \"general\"?)\n"
            "toy.yaml:3:14: error: weights[1]: expected a number >= 0, got -2\n");
}

TEST(SchemaTable, RecordsLocatedKeysForTheModelsProblems) {
  const auto doc = io::YamlDocument::parse("count: 2\nid: a\n", "toy.yaml");
  io::SchemaReader r(doc);
  Toy toy;
  toy_table().read(r, doc.root(), "", toy);
  EXPECT_EQ(r.node_for("id").Mark().line, 1);     // the id's own node
  EXPECT_EQ(r.node_for("count").Mark().line, 0);  // not located: the root
}

TEST(SchemaTable, SpecsCarryTheMembersTypesAndDefaults) {
  const auto specs = toy_table().specs();
  ASSERT_EQ(specs.size(), 9u);
  EXPECT_EQ(specs[1].type, io::FieldType::Integer);
  EXPECT_EQ(specs[1].default_text, "3");
  EXPECT_EQ(specs[3].type, io::FieldType::Choice);
  EXPECT_EQ(specs[3].default_text, "general");
  EXPECT_EQ(specs[4].default_text, "never");
  EXPECT_EQ(specs[5].item, io::FieldType::Number);
  EXPECT_EQ(specs[5].default_text, "[1, 1]");
  EXPECT_EQ(specs[8].type, io::FieldType::Rule);
  EXPECT_EQ(toy_table().keys(),
            (std::vector<std::string>{"id", "count", "speed", "kind", "failure", "weights", "low", "high"}));
}

TEST(SchemaMarkdown, PrintsOneTablePerSectionWithPathsTypesDefaultsAndRules) {
  io::Table<Toy> toys = toy_table();
  struct Root {
    std::vector<Toy> toys;
    k::Duration duration = std::chrono::hours(24);
  };
  io::Table<Root> root;
  root.field("duration", &Root::duration, "how long").above(0);
  root.list("toys", &Root::toys, toys, "the toys");
  EXPECT_EQ(io::schema_markdown(root.specs()),
            "### Top level\n\n"
            "| key | type | default | unit | meaning |\n|---|---|---|---|---|\n"
            "| `duration` | duration > 0 | `1d` |  | how long |\n"
            "| `toys` | list of maps | none |  | the toys |\n"
            "\n### `toys`: the toys\n\n"
            "| key | type | default | unit | meaning |\n|---|---|---|---|---|\n"
            "| `toys[].id` | text | required |  | name |\n"
            "| `toys[].count` | integer in [1, 10] | `3` | toys | how many |\n"
            "| `toys[].speed` | number in (0, 200] | `20` | km/h | how fast |\n"
            "| `toys[].kind` | one of `general`, `trusted_trader`, `appointment_only`, `paperless_only` | `general` |  "
            "| which lanes |\n"
            "| `toys[].failure` | distribution or `never` | `never` |  | time between failures |\n"
            "| `toys[].weights` | list of 2 or 3 numbers >= 0 | `[1, 1]` |  | relative weights |\n"
            "| `toys[].low` | integer in [0, 100] | `0` |  | low end |\n"
            "| `toys[].high` | integer in [0, 100] | `0` |  | high end |\n"
            "\nChecked across keys:\n\n"
            "- `toys[]`: `low` must be <= `high`\n");
}
