// The run store of a batch: a run file round-trips, and every kind of bad file (missing, truncated,
// garbage, unsigned, edited, signed but incomplete, misplaced, stale, of another seed, not a file,
// too large) is told apart with its reason and never read as a run. Also write_atomically.
#include "sim/experiment/run_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/io/result_writer.hpp"
#include "sim/io/scenario_loader.hpp"

namespace ex = portsim::experiment;
namespace io = portsim::io;
namespace fs = std::filesystem;

namespace {

class RunStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("portsim_run_store_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "runs");
    spec_ = io::load_batch("tests/data/batch_ok.yaml");
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// A result of replication r of point p, with the KPIs the model reports and made-up values.
  ex::StoredRun run(std::size_t p, std::size_t r) const {
    ex::RunResult result;
    result.seed = spec_.seed;
    result.replication = r;
    double v = 0.25;
    for (const auto& name : spec_.points[p].kpi_names) result.kpis.push_back({name, "", v += 1.0 / 3});
    return ex::stored_run(spec_, spec_.points[p], r, result);
  }
  fs::path file(std::size_t p, std::size_t r) const { return dir_ / "runs" / ex::run_file_name(p, r); }
  void write(std::size_t p, std::size_t r, const std::string& text) const {
    std::ofstream(file(p, r), std::ios::binary) << text;
  }
  std::string text(std::size_t p, std::size_t r) const {
    std::ifstream in(file(p, r), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  /// Why the file of replication r of point p is invalid ("valid" / "missing" otherwise).
  std::string verdict(std::size_t p, std::size_t r, const io::BatchSpec* spec = nullptr) const {
    const io::BatchSpec& s = spec ? *spec : spec_;
    const auto f = ex::read_run_file(dir_.string(), s, s.points[p], r);
    EXPECT_EQ(f.path, file(p, r).string());
    if (f.state == ex::RunFile::State::Missing) return "missing";
    if (f.state == ex::RunFile::State::Valid) return "valid";
    return f.problem;
  }
  /// A JSON object signed as the store signs its files (checksum of the object without it).
  static std::string signed_text(nlohmann::json j) {
    j.erase("checksum");
    j["checksum"] = io::hash_text(j.dump());
    return j.dump() + "\n";
  }

  fs::path dir_;
  io::BatchSpec spec_;
};

}  // namespace

TEST_F(RunStore, AFileRoundTripsWithItsIdentityAndChecksum) {
  const ex::StoredRun r = run(1, 2);
  EXPECT_EQ(r.point, 1u);
  EXPECT_EQ(r.replication, 2u);
  EXPECT_EQ(r.seed, 5u);
  EXPECT_EQ(r.scenario_hash, spec_.points[1].scenario.hash);
  EXPECT_EQ(r.factors, (std::vector<std::pair<std::string, std::string>>{{"gates[0].lanes[0].count", "2"},
                                                                         {"demand.trucks_per_day", "2500"}}));
  EXPECT_EQ(r.kpis[0], (std::pair<std::string, std::string>{"trucks_arrived", "0.58333333333333326"}));
  io::write_atomically(file(1, 2).string(), ex::run_file_text(r));
  const auto back = ex::read_run_file(dir_.string(), spec_, spec_.points[1], 2);
  ASSERT_EQ(back.state, ex::RunFile::State::Valid) << back.problem;
  EXPECT_EQ(back.run, r);
  const auto j = nlohmann::json::parse(text(1, 2));
  EXPECT_EQ(j["version"], 3);
  auto body = j;
  body.erase("checksum");
  EXPECT_EQ(j["checksum"], io::hash_text(body.dump()));
  EXPECT_EQ(ex::missing_runs(spec_, dir_.string()), 11u);
}

TEST_F(RunStore, HowARunEndedIsStoredForTheEndOfRunWarnings) {
  ex::RunResult result;
  result.seed = spec_.seed;
  result.replication = 1;
  result.outcome = portsim::kernel::RunOutcome::Kind::Deadlock;
  for (const auto& name : spec_.points[0].kpi_names) result.kpis.push_back({name, "", 2.5});
  result.drained = true;
  result.drain_hours = 1.0 / 3;
  result.unfinished_trucks = 7;
  result.unfinished_selected = 2;
  io::write_atomically(file(0, 1).string(), ex::run_file_text(ex::stored_run(spec_, spec_.points[0], 1, result)));
  const auto back = ex::read_run_file(dir_.string(), spec_, spec_.points[0], 1);
  ASSERT_EQ(back.state, ex::RunFile::State::Valid) << back.problem;
  const ex::RunResult r = ex::as_run_result(back.run);
  EXPECT_EQ(r.replication, 1u);
  EXPECT_EQ(r.outcome, portsim::kernel::RunOutcome::Kind::Deadlock);
  EXPECT_TRUE(r.drained);
  EXPECT_EQ(r.drain_hours, 1.0 / 3);  // exact text: bit for bit
  EXPECT_EQ(r.unfinished_trucks, 7u);
  EXPECT_EQ(r.unfinished_selected, 2u);
  EXPECT_EQ(r.kpis.size(), spec_.points[0].kpi_names.size());
  // A file without them (format 2, before this) is not this store's: reported and run again.
  auto j = nlohmann::json::parse(text(0, 1));
  j.erase("end");
  write(0, 1, signed_text(j));
  EXPECT_EQ(verdict(0, 1), "its field \"end\" is missing or malformed");
  j["version"] = 2;
  write(0, 1, signed_text(j));
  EXPECT_EQ(verdict(0, 1), "it is in run file format 2, this PortSim writes and reads format 3");
}

TEST_F(RunStore, EveryKindOfBadFileIsToldApartAndNeverRead) {
  EXPECT_EQ(verdict(0, 0), "missing");
  const std::string good = ex::run_file_text(run(0, 0));
  write(0, 0, good.substr(0, good.size() / 2));
  EXPECT_EQ(verdict(0, 0), "it is not a JSON object (truncated or garbage)");
  write(0, 0, "garbage ][");
  EXPECT_EQ(verdict(0, 0), "it is not a JSON object (truncated or garbage)");
  write(0, 0, "[1, 2]");
  EXPECT_EQ(verdict(0, 0), "it is not a JSON object (truncated or garbage)");
  write(0, 0, "");
  EXPECT_EQ(verdict(0, 0), "it is not a JSON object (truncated or garbage)");
  // The format before issue 14: no checksum.
  write(0, 0, R"({"kpis":[["trucks_arrived","132"]],"outcome":"finished","point":0,"replication":0,"scenario_hash":")" +
                  spec_.points[0].scenario.hash + R"(","seed":5})" + "\n");
  EXPECT_EQ(verdict(0, 0), "it has no checksum (written by an older PortSim or by hand)");
  // An edited KPI value.
  std::string edited = good;
  edited.replace(edited.find("0.58333333333333326"), 3, "0.9");
  write(0, 0, edited);
  EXPECT_EQ(verdict(0, 0), "its checksum does not match its content (edited or damaged)");
  // Signed again after the edit, but without its seed, or with a KPI that is not a number.
  auto j = nlohmann::json::parse(good);
  auto no_seed = j;
  no_seed.erase("seed");
  write(0, 0, signed_text(no_seed));
  EXPECT_EQ(verdict(0, 0), "its field \"seed\" is missing or malformed");
  auto bad_kpi = j;
  bad_kpi["kpis"][3][1] = "nan";
  write(0, 0, signed_text(bad_kpi));
  EXPECT_EQ(verdict(0, 0), "its field \"kpis\" is missing or malformed");
  auto unknown_outcome = j;
  unknown_outcome["outcome"] = "great";
  write(0, 0, signed_text(unknown_outcome));
  EXPECT_EQ(verdict(0, 0), "its field \"outcome\" is missing or malformed");
  auto few_kpis = j;
  few_kpis["kpis"].erase(few_kpis["kpis"].size() - 1);
  write(0, 0, signed_text(few_kpis));
  EXPECT_EQ(verdict(0, 0), "its KPIs are not the ones the model reports");
  auto negative = j;
  negative["replication"] = -1;
  write(0, 0, signed_text(negative));
  EXPECT_EQ(verdict(0, 0), "its field \"replication\" is missing or malformed");
  write(0, 0, signed_text(nlohmann::json::object()));
  EXPECT_EQ(verdict(0, 0), "its field \"version\" is missing or malformed");
  // A valid file of another replication or point in this one's place.
  write(0, 0, ex::run_file_text(run(0, 1)));
  EXPECT_EQ(verdict(0, 0), "it holds design point 0, replication 1 (a copy of another run's file)");
  write(0, 0, ex::run_file_text(run(2, 0)));
  EXPECT_EQ(verdict(0, 0), "it holds design point 2, replication 0 (a copy of another run's file)");
  // A run of another version of the batch: another seed, an edited base scenario, other levels.
  write(0, 0, good);
  ASSERT_EQ(verdict(0, 0), "valid");
  io::BatchSpec other = spec_;
  other.seed = 6;
  EXPECT_EQ(verdict(0, 0, &other), "it was run with seed 5, the batch's seed is 6");
  other = spec_;
  other.points[0].scenario.hash = "0123456789abcdef";
  EXPECT_EQ(verdict(0, 0, &other), "it was run with another version of design point 0 (scenario hash " +
                                       spec_.points[0].scenario.hash + ", now 0123456789abcdef)");
  other = spec_;
  other.points[0].values[1] = "1600";
  EXPECT_EQ(verdict(0, 0, &other), "its factor levels are not the design point's");
  // Not a file, or far too large for one.
  fs::remove(file(0, 0));
  fs::create_directory(file(0, 0));
  EXPECT_EQ(verdict(0, 0), "it is not a regular file");
  fs::remove(file(0, 0));
  write(0, 0, std::string(2 << 20, ' '));
  EXPECT_EQ(verdict(0, 0), "it is 2097152 bytes, too large for a run file");
}

TEST(WriteAtomically, WritesReplacesAndLeavesNoTemporaryFile) {
  const fs::path dir = fs::temp_directory_path() / ("portsim_atomic_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string path = (dir / "sub" / "f.txt").string();
  io::write_atomically(path, "first\n");
  io::write_atomically(path, std::string("second\0line\n", 12));
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string("second\0line\n", 12));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  // A folder where the file should go: the error names the paths, nothing is left behind.
  fs::create_directories(dir / "taken");
  try {
    io::write_atomically((dir / "taken").string(), "x");
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot rename " + (dir / "taken").string() + ".tmp to " + (dir / "taken").string() + ": Is a directory");
  }
  EXPECT_FALSE(fs::exists((dir / "taken").string() + ".tmp"));
  fs::remove_all(dir);
}
