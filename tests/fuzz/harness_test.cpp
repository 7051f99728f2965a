// The fuzz harness's own parts: the mutator is deterministic and structure-aware, verdicts follow
// the rules (exit 0, or exit 2 with a location or a flag name; anything else is a FAIL with a
// signature), the allow-list matches by kind and text, and the runner enforces its limits.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "tests/fuzz/flag_mutations.hpp"
#include "tests/fuzz/hostile_values.hpp"
#include "tests/fuzz/mutator.hpp"
#include "tests/fuzz/process_runner.hpp"
#include "tests/fuzz/record_mutations.hpp"
#include "tests/fuzz/reseal.hpp"
#include "tests/fuzz/seed_set.hpp"
#include "tests/fuzz/verdict.hpp"
#include "tests/fuzz/yaml_mutations.hpp"

namespace portsim::fuzz {
namespace {

namespace fs = std::filesystem;

const std::string scenario =
    "name: x   # a comment\n"
    "duration: 1d\n"
    "demand:\n"
    "  trucks_per_day: 15000\n"
    "gates:\n"
    "  - id: main\n"
    "    lanes:\n"
    "      - {id: in, kind: general, count: 16}\n";

TEST(FuzzMutator, SameKeySameMutantAndDescription) {
  for (std::uint64_t key = 0; key < 50; ++key) {
    FuzzRng a(mutant_key(14, key)), b(mutant_key(14, key));
    const Mutant ma = mutate(Format::Yaml, scenario, "x.yaml", a);
    const Mutant mb = mutate(Format::Yaml, scenario, "x.yaml", b);
    EXPECT_EQ(ma.text, mb.text);
    EXPECT_EQ(ma.what, mb.what);
    EXPECT_FALSE(ma.what.empty());
  }
}

TEST(FuzzMutator, MutantsOfMutantsOfEveryFormatStayWithinBounds) {
  // Mutations feed on earlier ones (deep nesting, huge fields, laughs): the mutator itself must
  // neither crash (recursion on nested values) nor grow a file past its 8 MiB cap.
  const std::vector<std::pair<Format, std::string>> seeds{
      {Format::Yaml, scenario},
      {Format::Csv, "date,hour,n\n2016-03-01,0,5\n2016-03-01,1,7\n"},
      {Format::Trace, "portsim-trace 2\nseed 1\nF 0 0 1\nT 1 0 0 -1 0 0.5 -1\nL 0 0 1 0 0 0\nchecksum 0\n"},
      {Format::Json, "{\"checksum\":\"x\",\"kpis\":[[\"a\",\"1\"]],\"point\":0,\"seed\":1}\n"}};
  for (const auto& [format, seed] : seeds) {
    for (std::uint64_t key = 0; key < 60; ++key) {
      FuzzRng rng(mutant_key(3, key));
      std::string text = seed;
      for (int round = 0; round < 4; ++round) text = mutate(format, text, "x.yaml", rng).text;
      EXPECT_LE(text.size(), std::size_t{8} << 20);
    }
  }
}

TEST(FuzzMutator, KeysGiveDifferentMutants) {
  std::set<std::string> texts;
  for (std::uint64_t key = 0; key < 100; ++key) {
    FuzzRng rng(mutant_key(14, key));
    texts.insert(mutate(Format::Csv, "a,b\n1,2\n3,4\n", "x.csv", rng).text);
  }
  EXPECT_GT(texts.size(), 60u);
}

TEST(FuzzYamlSlots, BlockAndFlowKeysWithTheirValues) {
  const TextLines t = split_lines(scenario);
  const auto slots = find_slots(t);
  std::vector<std::string> pairs;
  for (const auto& s : slots) {
    const std::string& l = t.lines[s.line];
    pairs.push_back(l.substr(s.key_begin, s.key_end - s.key_begin) + "=" + l.substr(s.value_begin, s.value_end - s.value_begin) +
                    (s.in_flow ? " (flow)" : ""));
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"name=x", "duration=1d", "demand=", "trucks_per_day=15000", "gates=", "id=main",
                                             "lanes=", "id=in (flow)", "kind=general (flow)", "count=16 (flow)"}));
}

TEST(FuzzShapes, OfSeedValues) {
  EXPECT_EQ(shape_of("15000"), Shape::Number);
  EXPECT_EQ(shape_of("2.5min"), Shape::Duration);
  EXPECT_EQ(shape_of("\"triangular(18s, 28s, 45s)\""), Shape::Distribution);
  EXPECT_EQ(shape_of("\"00:00-08:00\""), Shape::TimeOfDay);
  EXPECT_EQ(shape_of("2016-03-01"), Shape::Date);
  EXPECT_EQ(shape_of("1/1/2018"), Shape::Date);
  EXPECT_EQ(shape_of("2018-01-01 00:00:00"), Shape::DateTime);
  EXPECT_EQ(shape_of("0000 - 0100"), Shape::HourRange);
  EXPECT_EQ(shape_of("[0.0, 0.85]"), Shape::Sequence);
  EXPECT_EQ(shape_of("baseline.yaml"), Shape::Path);
  EXPECT_EQ(shape_of("general"), Shape::Text);
}

TEST(FuzzHostileValues, BillionLaughsDefinesEachLevelFromThePrevious) {
  EXPECT_EQ(hostile::billion_laughs(3, 2), "fuzz_l0: &l0 \"lol\"\nfuzz_l1: &l1 [*l0, *l0]\nfuzz_l2: &l2 [*l1, *l1]\n");
  EXPECT_EQ(hostile::deep_nesting(3, false), "[[[1]]]");
  EXPECT_EQ(hostile::deep_nesting(2, true), "{a: {a: 1}}");
}

TEST(FuzzRows, QuotedFieldsKeepTheirCommasAndQuotes) {
  const std::string line = "\"ORD\",\"Terminal 5\",\"1/1/2018\",\"a, b\",7";
  const Row r = split_row(line, ',');
  EXPECT_EQ(r.fields, (std::vector<std::string>{"ORD", "Terminal 5", "1/1/2018", "a, b", "7"}));
  EXPECT_EQ(join_row(r, ','), line);
}

TEST(FuzzKeyPaths, ScalarsAndCollectionsInDocumentOrder) {
  std::vector<std::string> got;
  for (const auto& p : key_paths(scenario)) got.push_back(p.path + "=" + p.value);
  EXPECT_EQ(got, (std::vector<std::string>{"name=x", "duration=1d", "demand=", "demand.trucks_per_day=15000", "gates=",
                                           "gates[0]=", "gates[0].id=main", "gates[0].lanes=", "gates[0].lanes[0]=",
                                           "gates[0].lanes[0].id=in", "gates[0].lanes[0].kind=general",
                                           "gates[0].lanes[0].count=16"}));
}

TEST(FuzzReseal, TraceChecksumIsTheHashOfEverythingBeforeIt) {
  const std::string body = "portsim-trace 2\nseed 1\nF 0 0 1\n";
  char sum[17];
  std::snprintf(sum, sizeof sum, "%016llx", static_cast<unsigned long long>(kernel::fnv1a(body)));
  EXPECT_EQ(reseal_trace(body + "checksum 0000000000000000\n"), body + "checksum " + sum + "\n");
  EXPECT_EQ(reseal_trace(body), body);  // nothing to reseal
}

TEST(FuzzReseal, RunFileChecksumIsTheHashOfTheJsonWithoutIt) {
  char sum[17];
  std::snprintf(sum, sizeof sum, "%016llx", static_cast<unsigned long long>(kernel::fnv1a("{\"point\":3,\"seed\":1}")));
  EXPECT_EQ(reseal_run_file("{\"checksum\":\"x\",\"point\":3,\"seed\":1}\n"),
            "{\"checksum\":\"" + std::string(sum) + "\",\"point\":3,\"seed\":1}\n");
  EXPECT_EQ(reseal_run_file("{\"point\":3"), "{\"point\":3");  // not JSON: unchanged
}

StepResult exited(int code, const std::string& err) {
  StepResult r;
  r.exit_code = code;
  r.stderr_head = err;
  return r;
}

const std::vector<std::string> validate{"/x/portsim", "validate", "a.yaml", "--set", "k=v"};

TEST(FuzzVerdict, ExitZeroAndLocatedExitTwoAreOk) {
  EXPECT_EQ(classify(exited(0, "a.yaml: ok\n"), validate, LocationStyle::LineColumn).outcome, Outcome::Exit0);
  EXPECT_EQ(classify(exited(2, "a.yaml:3:5: error: gates[0].id: expected a name\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Located);
  EXPECT_EQ(classify(exited(2, "--set k=v: error: k: unknown key \"k\"\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Located);
  EXPECT_EQ(classify(exited(2, "x.csv: 3 rows read\nx.csv:5: error: hour: expected 0-23\n"), validate, LocationStyle::Line).outcome,
            Outcome::Exit2Located);
  // A flag's value with a newline, echoed over two lines.
  EXPECT_EQ(classify(exited(2, "--set k=|\n  b: error: k: expected a number\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Located);
}

TEST(FuzzVerdict, ExitTwoWithoutLocationIsAFailWithItsSignature) {
  const Verdict v = classify(exited(2, "a.yaml: error: nosuch: unknown key \"nosuch\"\n"), validate, LocationStyle::LineColumn);
  EXPECT_EQ(v.outcome, Outcome::Exit2Unlocated);
  EXPECT_EQ(v.signature, "exit 2 without location: FILE: error: nosuch: unknown key Q");
  // A row file's line without a column is enough for rows, not for YAML; line 0 is no location.
  EXPECT_EQ(classify(exited(2, "x.csv:5: error: bad\n"), validate, LocationStyle::LineColumn).outcome, Outcome::Exit2Unlocated);
  EXPECT_EQ(classify(exited(2, "a.yaml:0:0: error: bad\n"), validate, LocationStyle::LineColumn).outcome, Outcome::Exit2Unlocated);
  // A flag named as the subject of the error counts (also one at its default); mentioned elsewhere only a flag of the command.
  EXPECT_EQ(classify(exited(2, "command line: error: --train: bad\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Located);
  EXPECT_EQ(classify(exited(2, "a.yaml: error: k: see --train\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Unlocated);
  EXPECT_EQ(classify(exited(2, "a.yaml: error: k: see --set\n"), validate, LocationStyle::LineColumn).outcome,
            Outcome::Exit2Located);
}

TEST(FuzzVerdict, SignalsTimeoutsAndOtherExitsAreFails) {
  StepResult seg;
  seg.signal = SIGSEGV;
  EXPECT_EQ(classify(seg, validate, LocationStyle::LineColumn).signature, "SIGSEGV");
  StepResult abrt;
  abrt.signal = SIGABRT;
  abrt.stderr_head = "terminate called after throwing an instance of 'std::out_of_range'\n  what():  vector::_M_range_check: __n (which is 7)\n";
  EXPECT_EQ(classify(abrt, validate, LocationStyle::LineColumn).signature, "SIGABRT: what(): vector::_M_range_check: __n (P)");
  StepResult slow;
  slow.timed_out = true;
  EXPECT_EQ(classify(slow, validate, LocationStyle::LineColumn).outcome, Outcome::Timeout);
  const Verdict one = classify(exited(1, "progress\nerror: bad conversion\n"), validate, LocationStyle::LineColumn);
  EXPECT_EQ(one.outcome, Outcome::OtherExit);
  EXPECT_EQ(one.signature, "exit 1: error: bad conversion");
}

TEST(FuzzVerdict, SanitizerReportsFailEvenWithExitZero) {
  const Verdict ub = classify(
      exited(0, "/w/main/sim/io/yaml_document.cpp:446:12: runtime error: signed integer overflow: 3000000000 * 2\n"),
      validate, LocationStyle::LineColumn);
  EXPECT_EQ(ub.outcome, Outcome::Sanitizer);
  EXPECT_EQ(ub.signature, "ubsan: sim/io/yaml_document.cpp:446: signed integer overflow: N * N");
  const Verdict asan = classify(exited(1,
                                       "==1==ERROR: AddressSanitizer: stack-overflow on address 0x7ffd (pc 0x1 bp 0x2)\n"
                                       "    #0 0x55 in YAML::Node::Node() /usr/include/yaml-cpp/node/impl.h:30\n"
                                       "    #1 0x56 in collect(YAML::Node const&) /w/main/sim/io/yaml_document.cpp:77\n"),
                                validate, LocationStyle::LineColumn);
  EXPECT_EQ(asan.outcome, Outcome::Sanitizer);
  EXPECT_EQ(asan.signature, "asan: stack-overflow in collect sim/io/yaml_document.cpp:77");
}

TEST(FuzzKnownOpen, MatchesByKindAndTextAndRejectsMalformedLines) {
  const fs::path dir = fs::temp_directory_path() / ("fuzz_known_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_text(dir / "k.txt", "# comment\n\nscenario | SIGSEGV\n* | exit 1: error: bad conversion\n");
  const KnownOpen k = KnownOpen::load((dir / "k.txt").string());
  EXPECT_EQ(k.size(), 2u);
  EXPECT_TRUE(k.covers("scenario", "SIGSEGV"));
  EXPECT_FALSE(k.covers("batch", "SIGSEGV"));
  EXPECT_TRUE(k.covers("batch", "exit 1: error: bad conversion of x"));
  write_text(dir / "bad.txt", "# c\nscenario SIGSEGV\n");
  try {
    KnownOpen::load((dir / "bad.txt").string());
    ADD_FAILURE() << "a line without \" | \" was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "bad.txt").string() + ":2: expected \"<kind or *> | <signature text>\"");
  }
  fs::remove_all(dir);
}

TEST(FuzzProcessRunner, ExitCodeTimeoutAndExecFailure) {
  const fs::path dir = fs::temp_directory_path() / ("fuzz_runner_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Limits limits;
  limits.timeout = std::chrono::milliseconds(300);
  limits.memory_mb = 0;  // also runs under ASan
  const StepResult three = run_process({"/bin/sh", "-c", "echo oops >&2; exit 3"}, dir, {}, limits, "a");
  EXPECT_EQ(three.exit_code, 3);
  EXPECT_EQ(three.stderr_head, "oops\n");
  // A command past the timeout is killed with its whole process group: the file it would write
  // after its sleep never appears, and the kill is not reported as the command's own signal.
  const fs::path marker = dir / "finished";
  const StepResult slow =
      run_process({"/bin/sh", "-c", "sleep 1 && echo x > '" + marker.string() + "'"}, dir, {}, limits, "b");
  EXPECT_TRUE(slow.timed_out);
  EXPECT_EQ(slow.signal, 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // past the command's own sleep
  EXPECT_FALSE(fs::exists(marker)) << "the timed-out command went on running";
  const StepResult missing = run_process({"/no/such/program"}, dir, {}, limits, "c");
  EXPECT_TRUE(missing.exec_failed);
  const StepResult env = run_process({"/bin/sh", "-c", "echo \"$FUZZ_X\" >&2"}, dir, {"FUZZ_X=42"}, limits, "d");
  EXPECT_EQ(env.stderr_head, "42\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace portsim::fuzz
