// The key path of a --set override (sim/io/set_path.hpp): its steps, and every malformed path by
// its full message.
#include "sim/io/set_path.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sim/io/input_error.hpp"

namespace io = portsim::io;

namespace {

/// The steps as "key", "[index]" and the text of each, for comparing.
std::string steps(const std::string& path) {
  std::string out;
  for (const auto& s : io::parse_set_path(path)) {
    out += (s.index ? "[" + std::to_string(*s.index) + "]" : s.key) + "=" + s.text + " ";
  }
  return out;
}

std::string error(const std::string& path) {
  try {
    io::parse_set_path(path);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(SetPath, SplitsKeysAndIndices) {
  EXPECT_EQ(steps("duration"), "duration=duration ");
  EXPECT_EQ(steps("demand.trucks_per_day"), "demand=demand trucks_per_day=demand.trucks_per_day ");
  EXPECT_EQ(steps("gates[0].lanes[12].count"),
            "gates=gates [0]=gates[0] lanes=gates[0].lanes [12]=gates[0].lanes[12] count=gates[0].lanes[12].count ");
  EXPECT_EQ(steps("a[1][2]"), "a=a [1]=a[1] [2]=a[1][2] ");
  EXPECT_EQ(steps("demand.profile[007]"), "demand=demand profile=demand.profile [7]=demand.profile[007] ");
}

TEST(SetPath, JunkInAnIndexIsAnError) {
  // issue 14: std::stol read "0x5" as 0 and "0junk" as 0, so this edited gates[0].lanes[0].
  EXPECT_EQ(error("gates[0x5].lanes[0junk].count"),
            "--set: error: gates[0x5].lanes[0junk].count: index \"0x5\" in \"gates[0x5]\" is not a whole number "
            "(written in digits, such as [0])");
  EXPECT_EQ(error("gates[0].lanes[0junk].count"),
            "--set: error: gates[0].lanes[0junk].count: index \"0junk\" in \"gates[0].lanes[0junk]\" is not a whole "
            "number (written in digits, such as [0])");
  EXPECT_EQ(error("gates[-1].id"),
            "--set: error: gates[-1].id: index \"-1\" in \"gates[-1]\" is not a whole number (written in digits, such as [0])");
  EXPECT_EQ(error("gates[].id"),
            "--set: error: gates[].id: index \"\" in \"gates[]\" is not a whole number (written in digits, such as [0])");
  EXPECT_EQ(error("gates[ 1]"),
            "--set: error: gates[ 1]: index \" 1\" in \"gates[ 1]\" is not a whole number (written in digits, such as [0])");
  EXPECT_EQ(error("gates[99999999999999999999]"),
            "--set: error: gates[99999999999999999999]: index \"99999999999999999999\" in \"gates[99999999999999999999]\" "
            "is not a whole number (written in digits, such as [0])");
}

TEST(SetPath, MalformedPaths) {
  EXPECT_EQ(error("gates[0"), "--set: error: gates[0: unbalanced [ in \"gates[\"");
  EXPECT_EQ(error("gates0]"), "--set: error: gates0]: unbalanced ] in \"gates0]\"");
  EXPECT_EQ(error("gates[0]x"), "--set: error: gates[0]x: \"x\" after \"gates[0]\": expected . or [");
  EXPECT_EQ(error("a..b"), "--set: error: a..b: empty key after \"a.\"");
  EXPECT_EQ(error(".a"), "--set: error: .a: the path starts without a key");
  EXPECT_EQ(error("[0].a"), "--set: error: [0].a: the path starts without a key");
  EXPECT_EQ(error("a."), "--set: error: a.: the path ends with a dot");
}

TEST(SetPath, AtMostAsDeepAsADocument) {
  std::string path = "a";
  for (int i = 1; i < 64; ++i) path += ".a";
  EXPECT_EQ(io::parse_set_path(path).size(), 64u);
  EXPECT_EQ(error(path + "[0]"), "--set: error: " + path + "[0]: more than 64 keys and indices deep (the limit)");
  // issue 14 follow-up: 30000 keys nested the document past the stack.
  std::string deep = "a";
  for (int i = 0; i < 30000; ++i) deep += ".a";
  EXPECT_EQ(error(deep), "--set: error: " + deep + ": more than 64 keys and indices deep (the limit)");
}
