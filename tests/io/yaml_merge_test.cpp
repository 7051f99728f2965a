// The extends merge (sim/io/yaml_merge.hpp) and the extends chain (YamlDocument::load): maps key by
// key, id lists item by item, no silent guesses at ids one or two letters off the base's, and the
// chain's own limits.
#include "sim/io/yaml_merge.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/io/yaml_document.hpp"
#include "sim/io/yaml_limits.hpp"

namespace io = portsim::io;
namespace fs = std::filesystem;

namespace {

struct Merged {
  std::string text;      // the merged document, as YamlDocument::dump writes it
  std::string problems;  // every problem, one a line
};

Merged merge(const std::string& base, const std::string& overlay) {
  YAML::Node b = io::parse_yaml(base, "base.yaml");
  std::vector<io::InputProblem> problems;
  io::merge_yaml(b, io::parse_yaml(overlay, "reform.yaml"), "reform.yaml", problems);
  YAML::Emitter out;
  out << b;
  std::string lines;
  for (const auto& p : problems) lines += p.format() + "\n";
  return {out.c_str(), lines};
}

std::string load_error(const std::string& file) {
  try {
    io::YamlDocument::load(file);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(YamlMerge, MapsKeyByKeyIdListsItemByItemTheRestReplaced) {
  const Merged m = merge("a: 1\nb: {c: 2, d: 3}\nl: [{id: x, n: 1}, {id: y, n: 2}]\nv: [1, 2]\n",
                         "extends: base.yaml\nb: {d: 4, e: 5}\nl: [{id: y, n: 3}, {id: zed, n: 4}]\nv: [3]\nw: 6\n");
  EXPECT_EQ(m.text, "a: 1\nb: {c: 2, d: 4, e: 5}\nl: [{id: x, n: 1}, {id: y, n: 3}, {id: zed, n: 4}]\nv: [3]\nw: 6");
  EXPECT_EQ(m.problems, "");
}

TEST(YamlMerge, AManyKeyMapMergesInOrder) {
  std::string base, overlay = "m:\n";
  base = "m:\n";
  for (int i = 0; i < 5000; ++i) base += "  k" + std::to_string(i) + ": 1\n";
  for (int i = 4999; i >= 0; i -= 2) overlay += "  k" + std::to_string(i) + ": 2\n";
  overlay += "  new_key: 3\n";
  const YAML::Node m = YAML::Load(merge(base, overlay).text)["m"];
  ASSERT_EQ(m.size(), 5001u);
  std::size_t i = 0;
  for (const auto& kv : m) {
    if (i < 5000) {
      EXPECT_EQ(kv.first.as<std::string>(), "k" + std::to_string(i));
      EXPECT_EQ(kv.second.as<int>(), i % 2 == 1 ? 2 : 1) << i;
    }
    ++i;
  }
  EXPECT_EQ(m["new_key"].as<int>(), 3);
}

TEST(YamlMerge, AnAddedIdOneOrTwoLettersOffABaseIdIsRefused) {
  const std::string base = "lanes: [{id: in, count: 14}, {id: aeo, count: 2}]\nnodes: [{id: yard}]\n";
  EXPECT_EQ(merge(base, "lanes:\n  - {id: inn, count: 3}\n").problems,
            "reform.yaml:2:10: error: lanes[0].id: the base's list has no item \"inn\" (did you mean \"in\"?); add "
            "new: true to an item that is new\n");
  EXPECT_EQ(merge(base, "lanes: [{id: ino, count: 3}]\nnodes: [{id: yrad}]\n").problems,
            "reform.yaml:1:14: error: lanes[0].id: the base's list has no item \"ino\" (did you mean \"in\"?); add "
            "new: true to an item that is new\n"
            "reform.yaml:2:14: error: nodes[0].id: the base's list has no item \"yrad\" (did you mean \"yard\"?); add "
            "new: true to an item that is new\n");
  // Three edits off, or as many edits as the id has letters: not taken for a typo.
  EXPECT_EQ(merge(base, "lanes: [{id: inbound}, {id: xy}, {id: b}]\n").problems, "");
}

TEST(YamlMerge, NewTrueAddsTheItemAndIsRemoved) {
  const Merged m = merge("lanes: [{id: in, count: 14}]\n", "lanes: [{id: inn, count: 3, new: true}]\n");
  EXPECT_EQ(m.text, "lanes: [{id: in, count: 14}, {id: inn, count: 3}]");
  EXPECT_EQ(m.problems, "");
  // In a list placed as a whole (the base has none), and in the lists of an added item.
  EXPECT_EQ(merge("a: 1\n", "lanes: [{id: x, new: true}]\n").text, "a: 1\nlanes: [{id: x}]");
  EXPECT_EQ(merge("gates: [{id: g}]\n", "gates: [{id: h, new: yes, lanes: [{id: l, new: true}]}]\n").text,
            "gates: [{id: g}, {id: h, lanes: [{id: l}]}]");
  EXPECT_EQ(merge("gates: [{id: main}]\n", "gates: [{id: main, new: true}]\n").problems,
            "reform.yaml:1:14: error: gates[0].id: the item says new: true, but the base has an item with id \"main\"\n");
  EXPECT_EQ(merge("gates: [{id: main}]\n", "gates: [{id: mian, new: maybe}]\n").problems,
            "reform.yaml:1:25: error: gates[0].new: expected true or false, got \"maybe\"\n"
            "reform.yaml:1:14: error: gates[0].id: the base's list has no item \"mian\" (did you mean \"main\"?); add "
            "new: true to an item that is new\n");
}

TEST(YamlExtends, ChainsAreLimitedAndCyclesNamed) {
  const fs::path dir = fs::temp_directory_path() / "portsim_yaml_extends_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("f0.yaml", "name: x\n");
  for (std::size_t i = 1; i <= io::YamlLimits::extends_files; ++i) {
    write("f" + std::to_string(i) + ".yaml", "extends: f" + std::to_string(i - 1) + ".yaml\n");
  }
  const std::string f = (dir / "f").string();
  EXPECT_EQ(load_error(f + "15.yaml"), "no error");  // 16 files
  EXPECT_EQ(load_error(f + "16.yaml"),
            f + "1.yaml:1:10: error: extends: more than 16 files extend each other (the limit)");
  write("self.yaml", "name: s\nextends: ./self.yaml\n");
  EXPECT_EQ(load_error((dir / "self.yaml").string()),
            (dir / "self.yaml").string() + ":2:10: error: extends: extends cycle: " + (dir / "self.yaml").string() +
                " -> " + (dir / "self.yaml").string());
  fs::remove_all(dir);
}

TEST(YamlExtends, AnIdTypoInAnExtendsFileIsReportedAtItsLine) {
  EXPECT_EQ(load_error("tests/data/extends_near_id.yaml"),
            "tests/data/extends_near_id.yaml:6:12: error: layout.nodes[0].id: the base's list has no item \"yrd\" (did you "
            "mean \"yard\"?); add new: true to an item that is new\n"
            "tests/data/extends_near_id.yaml:10:14: error: gates[0].lanes[0].id: the base's list has no item \"l1\" (did "
            "you mean \"l\"?); add new: true to an item that is new");
  const io::YamlDocument doc = io::YamlDocument::load("tests/data/extends_new_item.yaml");
  EXPECT_EQ(doc.root()["gates"][0]["lanes"].size(), 2u);
  EXPECT_FALSE(doc.root()["gates"][0]["lanes"][1]["new"]);
}
