// The limits and checks every YAML text passes before a node is built (sim/io/yaml_limits.hpp):
// each by its full message on a text just over it, and texts just under it read as yaml-cpp reads
// them.
#include "sim/io/yaml_limits.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/io/input_error.hpp"

namespace io = portsim::io;

namespace {

std::string parse_error(const std::string& text, const std::string& path = "") {
  try {
    io::parse_yaml(text, "t.yaml", path);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string read_error(const std::string& file) {
  try {
    io::read_yaml_file(file);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

/// "[1, 1, ..., 1]" with n items.
std::string flow_list(std::size_t n) { return "[" + repeat("1, ", n - 1) + "1]"; }

}  // namespace

TEST(YamlLimits, TheValuesAreThoseTheReadmeStates) {
  EXPECT_EQ(io::YamlLimits::document_bytes, 1048576u);
  EXPECT_EQ(io::YamlLimits::values, 100000u);
  EXPECT_EQ(io::YamlLimits::depth, 64u);
  EXPECT_EQ(io::YamlLimits::items, 10000u);
  EXPECT_EQ(io::YamlLimits::extends_files, 16u);
}

TEST(YamlLimits, ARecursiveAliasIsRefusedWhereItIsUsed) {
  EXPECT_EQ(parse_error("description: &a [*a]\n"),
            "t.yaml:1:18: error: description[0]: the alias *a is used inside the node it names (a recursive alias)");
  EXPECT_EQ(parse_error("a: &m {b: [1, {c: *m}]}\n"),
            "t.yaml:1:19: error: a.b[1].c: the alias *m is used inside the node it names (a recursive alias)");
  // A --set value: the path is the flag's.
  EXPECT_EQ(parse_error("&a [*a]", "description"),
            "t.yaml:1:5: error: description[0]: the alias *a is used inside the node it names (a recursive alias)");
}

TEST(YamlLimits, AliasesCountInFull) {
  // 9 + 1 values in l0, 9 * 10 + 1 in l1, ... l4 holds 66430: with the 74740 before it, the first
  // use of l4 passes 100000.
  std::string text = "l0: &l0 [a, a, a, a, a, a, a, a, a]\n";
  for (int i = 1; i <= 5; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + repeat(prev + ", ", 8) + prev + "]\n";
  }
  EXPECT_EQ(parse_error(text), "t.yaml:6:10: error: l5[0]: the alias *l4 stands for 66430 values: the document would "
                               "hold more than 100000 (the limit)");
  // Under the limit, the aliases share their nodes as yaml-cpp reads them.
  const YAML::Node n = io::parse_yaml("a: &x [1, 2]\nb: *x\n", "t.yaml");
  EXPECT_TRUE(n["a"].is(n["b"]));
  EXPECT_EQ(n["b"][1].as<int>(), 2);
}

TEST(YamlLimits, PlainValuesCountToo) {
  // The root, then per line a key, a list and 10000 items: the 9980th item of k9 is value 100001.
  std::string text;
  for (int i = 0; i < 10; ++i) text += "k" + std::to_string(i) + ": " + flow_list(10000) + "\n";
  EXPECT_EQ(parse_error(text), "t.yaml:10:29943: error: k9[9979]: the document holds more than 100000 values (the limit)");
  EXPECT_EQ(io::parse_yaml(text.substr(0, text.find("k9")), "t.yaml")["k8"].size(), 10000u);
}

TEST(YamlLimits, NestingDepth) {
  EXPECT_EQ(parse_error("a: " + repeat("[", 63) + repeat("]", 63) + "\n"), "no error");  // the root map and 63 lists
  EXPECT_EQ(parse_error("a: " + repeat("[", 64) + repeat("]", 64) + "\n"),
            "t.yaml:1:67: error: a" + repeat("[0]", 63) + ": lists and maps nested more than 64 deep (the limit)");
  // Far deeper than yaml-cpp's own guard: still this limit, not a crash.
  EXPECT_EQ(parse_error("a: " + repeat("[", 100000) + repeat("]", 100000) + "\n"),
            "t.yaml:1:67: error: a" + repeat("[0]", 63) + ": lists and maps nested more than 64 deep (the limit)");
  // Through an alias: a list 60 deep used 5 levels down.
  EXPECT_EQ(parse_error("a: &d " + repeat("[", 60) + repeat("]", 60) + "\nb: [[[[*d]]]]\n"),
            "t.yaml:2:8: error: b[0][0][0][0]: the alias *d nests lists and maps more than 64 deep (the limit)");
}

TEST(YamlLimits, ItemsOfOneListOrMap) {
  EXPECT_EQ(parse_error("a: " + flow_list(10000) + "\n"), "no error");
  EXPECT_EQ(parse_error("a: " + flow_list(10001) + "\n"),
            "t.yaml:1:30005: error: a[10000]: a list with more than 10000 items (the limit)");
  std::string keys;
  for (int i = 0; i <= 10000; ++i) keys += "k" + std::to_string(i) + ": 1\n";
  EXPECT_EQ(parse_error(keys), "t.yaml:10001:1: error: a map with more than 10000 keys (the limit)");
}

TEST(YamlLimits, KeysArePlainValuesGivenOnce) {
  EXPECT_EQ(parse_error("name: x\n? [a, b]\n: 1\n"), "t.yaml:2:3: error: a key must be a plain value, got a list");
  EXPECT_EQ(parse_error("demand: {? {a: 1} : 2}\n"), "t.yaml:1:12: error: demand: a key must be a plain value, got a map");
  EXPECT_EQ(parse_error("a: &l [1]\nb: {*l : 2}\n"), "t.yaml:2:5: error: b: a key must be a plain value, got a list");
  EXPECT_EQ(parse_error("a:\n  b: 1\n  c: 2\n  b: 3\n"), "t.yaml:4:3: error: a: duplicate key \"b\" (also at line 2)");
  EXPECT_EQ(parse_error("a: &k b\nm: {*k : 1, b: 2}\n"), "t.yaml:2:13: error: m: duplicate key \"b\" (also at line 2)");
  EXPECT_EQ(parse_error("a: {b: 1}\nc: {b: 1}\n"), "no error");  // once per map
}

TEST(YamlLimits, OneDocumentAFile) {
  EXPECT_EQ(parse_error("name: a\n---\nname: b\n"), "t.yaml:2:1: error: a second YAML document (after ---): a file holds one");
  EXPECT_EQ(parse_error("x\n---\n", "description"),
            "t.yaml:2:1: error: description: a second YAML document (after ---): a file holds one");
  EXPECT_EQ(parse_error("---\nname: a\n...\n"), "no error");  // a document's own start and end markers
}

TEST(YamlLimits, SyntaxErrorsComeFirst) {
  // yaml-cpp reads "{id: main" at the end of the text as a key before it finds the syntax error.
  EXPECT_EQ(parse_error("name: broken\ngates: [ {id: main\n"), "t.yaml:3:1: error: YAML syntax: end of map flow not found");
  EXPECT_EQ(parse_error("a: [1, 2\n"), "t.yaml:2:1: error: YAML syntax: end of sequence flow not found");
}

TEST(YamlLimits, DocumentSize) {
  const std::string big = "a: \"" + std::string(io::YamlLimits::document_bytes, 'x') + "\"\n";
  EXPECT_EQ(parse_error(big), "t.yaml: error: the text is larger than 1048576 bytes (the limit)");
  EXPECT_EQ(parse_error(big, "description"),
            "t.yaml: error: description: the value is larger than 1048576 bytes (the limit)");
  // At the byte where the limit is passed: /dev/zero has no line breaks.
  EXPECT_EQ(read_error("/dev/zero"), "/dev/zero:1:1048577: error: the file is larger than 1048576 bytes (the limit)");
  EXPECT_EQ(read_error("tests/data"), "tests/data: error: cannot read the file: it is a directory");
  EXPECT_EQ(read_error("tests/data/no_such_file.yaml"),
            "tests/data/no_such_file.yaml: error: cannot open the file (No such file or directory)");
  EXPECT_EQ(read_error("tests/data/base_ok.yaml"), "no error");
}
