// The visualizer's state: one VizState owned by main (no function-local statics).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/live_run.hpp"
#include "sim/io/trace.hpp"
#include "viz/viz_model.hpp"

namespace portsim::viz {

/// What-if levers of the loaded scenario, applied as --set overrides on restart.
struct Levers {
  int lanes = 0;               // lanes of the first lane group of gate 0
  float electronic_share = 0;  // declarations (paper takes the rest, pre-arrival kept)
  float pre_arrival_share = 0;
  float red_rate = 0;
  float yellow_rate = 0;
  bool devices_on = true;
  float ocr_accuracy = -1;     // -1: no OCR device in the scenario
  int ocr_device = -1;
};

struct Side {
  std::string file;
  std::vector<std::string> overrides;
  std::unique_ptr<port::ScenarioConfig> config;
  std::unique_ptr<experiment::LiveRun> run;
  std::vector<Series> gate_queue;  // trucks waiting, sampled every 5 simulated minutes
  Series throughput{48};           // exits per hour
  std::uint64_t exited_at_hour = 0;
  Levers levers;
  View view;
};

struct VizState {
  Side a;
  std::optional<Side> b;  // compare mode
  std::optional<io::Trace> trace;
  std::size_t trace_frame = 0;
  std::uint64_t seed = 1;
  bool playing = true;
  float speed = 60;  // simulated seconds per real second
  kernel::SimTime clock{};
  kernel::SimTime next_sample{};
  kernel::SimTime next_hour{};
  bool overlay = false;
  std::string error;
  std::optional<port::TruckId> selected_truck;
  std::optional<std::pair<int, int>> selected_lane;
  std::optional<int> selected_gate;
  char jump_text[32] = "6h";
  std::string status;
  int window_w = 1280;
  int window_h = 800;
};

}  // namespace portsim::viz
