// What portsim-viz does, without a window: load a scenario (its layout built once per load), keep
// the clock, step and play, restart, run a second scenario in lockstep (--compare), apply what-if
// levers, replay a trace, and sample the charts. The panels draw from it and call it; no ImGui or
// GLFW here, so tests/viz drives it directly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/live_run.hpp"
#include "sim/io/trace.hpp"
#include "sim/kernel/time.hpp"
#include "sim/port/config.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/observer.hpp"
#include "viz/viz_model.hpp"

namespace portsim::viz {

/// What-if levers of the loaded scenario, applied as --set overrides on restart.
struct Levers {
  int lanes = 0;               // lanes of the first lane group of gate 0 (its `count`)
  float electronic_share = 0;  // declarations (paper takes the rest, pre-arrival kept)
  float pre_arrival_share = 0;
  float red_rate = 0;
  float yellow_rate = 0;
  bool devices_on = true;
  float ocr_accuracy = -1;     // -1: no OCR device in the scenario
  int ocr_device = -1;
  bool operator==(const Levers&) const = default;
};

/// One scenario on screen: its configuration and layout (built once per load), its live run (none
/// when replaying), its chart series and its levers.
struct Side {
  std::string file;
  std::string text;  // replay: the resolved scenario the trace carries, loaded instead of `file`
  std::vector<std::string> overrides;
  std::unique_ptr<port::ScenarioConfig> config;
  std::unique_ptr<port::Layout> layout;
  Bounds bounds;
  /// Lanes per entry of gate 0's YAML lane list (an entry's `count` makes that many lanes); the
  /// entries are what `gates[0].lanes[i]` overrides address.
  std::vector<int> gate0_lane_entries;
  std::unique_ptr<experiment::LiveRun> run;
  std::vector<Series> gate_queue;  // trucks waiting, sampled every 5 simulated minutes
  Series throughput{48};           // exits per hour
  std::uint64_t exited_at_hour = 0;
  Levers levers;
};

/// The --set overrides that apply a side's levers to its scenario.
std::vector<std::string> lever_overrides(const Side& side);
/// The levers as the scenario has them (what a fresh load shows).
Levers scenario_levers(const Side& side);

class VizController {
 public:
  /// Loads `file` with `overrides` as side A and starts its run with `seed`; false (see error())
  /// when the scenario cannot be loaded.
  bool open(const std::string& file, const std::vector<std::string>& overrides, std::uint64_t seed);
  /// Adds side B (same overrides and seed as A), run in lockstep with A.
  bool open_compare(const std::string& file);
  /// Replays a trace: side A is the scenario the trace carries (a version 1 trace: the file it
  /// names) with `overrides`, without a run; the seed is the trace's. False (see error()) when the
  /// trace has no frames or its records do not fit the scenario (io::check_trace).
  bool open_replay(io::Trace trace, const std::vector<std::string>& overrides);

  /// Back to time 0 with the same seed: both sides reloaded with their levers, charts cleared.
  void restart();
  /// Adds one to the seed, then restarts.
  void restart_with_new_seed();
  /// Gives side B side A's levers, then restarts.
  void apply_levers();

  /// Moves the clock to t: forward only for live runs (both sides stepped together, in 5-minute
  /// slices so the charts get their samples); any time when replaying (the last frame at or before
  /// t). A model exception stops play and sets error().
  void jump_to(kernel::SimTime t);
  void step(kernel::Duration d) { jump_to(clock_ + d); }
  /// While playing: advances the clock by real_seconds x speed (at least one tick).
  void advance(double real_seconds);

  /// The snapshot a side shows now (live run or replay frame).
  port::Snapshot snapshot(const Side& side) const;

  const Side& a() const noexcept { return a_; }
  const Side* b() const noexcept { return b_ ? &*b_ : nullptr; }
  bool replaying() const noexcept { return trace_.has_value(); }
  std::size_t trace_frame() const noexcept { return trace_frame_; }
  kernel::SimTime clock() const noexcept { return clock_; }
  std::uint64_t seed() const noexcept { return seed_; }
  void set_seed(std::uint64_t seed) noexcept { seed_ = seed; }
  bool playing() const noexcept { return playing_; }
  void set_playing(bool playing) noexcept { playing_ = playing; }
  float speed() const noexcept { return speed_; }
  void set_speed(float speed) noexcept { speed_ = speed; }
  /// Side A's levers as edited (used by the next restart; side B gets them on apply_levers()).
  const Levers& levers() const noexcept { return a_.levers; }
  void set_levers(const Levers& levers) { a_.levers = levers; }
  /// Why the scenario could not be loaded or run; empty when all is well.
  const std::string& error() const noexcept { return error_; }

 private:
  /// Loads (or reloads) a side; with `fresh`, its levers are the scenario's, else they are applied.
  /// When replaying, a scenario the trace's records do not fit is refused (the side is kept).
  bool load(Side& side, bool fresh);
  void reset_clock();
  void sample();

  Side a_;
  std::optional<Side> b_;
  std::optional<io::Trace> trace_;
  std::size_t trace_frame_ = 0;
  std::uint64_t seed_ = 1;
  bool playing_ = true;
  float speed_ = 60;  // simulated seconds per real second
  kernel::SimTime clock_{};
  kernel::SimTime next_sample_{};
  kernel::SimTime next_hour_{};
  std::string error_;
};

}  // namespace portsim::viz
