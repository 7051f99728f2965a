#include "viz/viz_controller.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "sim/io/input_error.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/yaml_document.hpp"

namespace portsim::viz {

namespace {

constexpr auto sample_interval = std::chrono::minutes(5);
constexpr std::size_t gate_queue_samples = 288;  // a day of 5-minute samples

/// Lanes per entry of gate 0's lane list in the merged scenario document; checked against the
/// lanes the loader made of them.
std::vector<int> gate0_lane_entries(const io::LoadedScenario& loaded) {
  std::vector<int> entries;
  if (loaded.config.gates.empty()) return entries;
  const auto doc = io::YamlDocument::parse(loaded.canonical_text, loaded.config.name);
  const YAML::Node lanes = doc.root()["gates"][0]["lanes"];
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const YAML::Node count = lanes[i]["count"];
    entries.push_back(count ? count.as<int>() : 1);
  }
  const auto made = static_cast<int>(loaded.config.gates[0].lanes.size());
  if (std::accumulate(entries.begin(), entries.end(), 0) != made) {
    throw std::logic_error("portsim-viz: gate 0 has " + std::to_string(made) +
                           " lanes, not the sum of its lane entries' counts");
  }
  return entries;
}

/// A replayed side's scenario: the text its trace carries, with the side's overrides.
io::LoadedScenario load_text(const Side& side, const std::vector<std::string>& overrides) {
  auto doc = io::YamlDocument::parse(side.text, side.file);
  for (const auto& o : overrides) doc.set(o);
  return io::load_scenario(doc);
}

}  // namespace

std::vector<std::string> lever_overrides(const Side& side) {
  const Levers& l = side.levers;
  std::vector<std::string> o;
  if (l.lanes > 0) o.push_back("gates[0].lanes[0].count=" + std::to_string(l.lanes));
  const double paper = std::max(0.0, 1.0 - l.electronic_share - l.pre_arrival_share);
  char buf[200];
  std::snprintf(buf, sizeof buf, "customs.declarations={paper: %.4f, electronic: %.4f, pre_arrival: %.4f}", paper,
                static_cast<double>(l.electronic_share), static_cast<double>(l.pre_arrival_share));
  o.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "customs.selection.red_rate=%.4f", static_cast<double>(l.red_rate));
  o.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "customs.selection.yellow_rate=%.4f", static_cast<double>(l.yellow_rate));
  o.emplace_back(buf);
  if (l.ocr_device >= 0) {
    std::snprintf(buf, sizeof buf, "devices[%d].read_success=%.4f", l.ocr_device, static_cast<double>(l.ocr_accuracy));
    o.emplace_back(buf);
  }
  if (!l.devices_on) {
    // Lanes made by one entry's count share its devices: clearing every entry's is enough.
    for (std::size_t e = 0; e < side.gate0_lane_entries.size(); ++e) {
      o.push_back("gates[0].lanes[" + std::to_string(e) + "].devices=[]");
    }
  }
  return o;
}

Levers scenario_levers(const Side& side) {
  Levers l;
  if (!side.config) return l;
  const auto& c = *side.config;
  l.lanes = side.gate0_lane_entries.empty() ? 0 : side.gate0_lane_entries[0];
  l.electronic_share = static_cast<float>(c.customs.electronic_share);
  l.pre_arrival_share = static_cast<float>(1.0 - c.customs.paper_share - c.customs.electronic_share);
  l.red_rate = static_cast<float>(c.customs.red_rate);
  l.yellow_rate = static_cast<float>(c.customs.yellow_rate);
  for (std::size_t d = 0; d < c.devices.size(); ++d) {
    if (c.devices[d].kind == port::DeviceKind::OcrCamera) {
      l.ocr_device = static_cast<int>(d);
      l.ocr_accuracy = static_cast<float>(c.devices[d].read_success);
      break;
    }
  }
  return l;
}

bool VizController::load(Side& side, bool fresh) {
  try {
    std::vector<std::string> overrides = side.overrides;
    if (!fresh) {
      const auto lv = lever_overrides(side);
      overrides.insert(overrides.end(), lv.begin(), lv.end());
    }
    const auto loaded = side.text.empty() ? io::load_scenario(side.file, overrides) : load_text(side, overrides);
    if (trace_) io::check_trace(*trace_, loaded.config);  // every index of the frames exists in it
    auto entries = gate0_lane_entries(loaded);
    auto config = std::make_unique<port::ScenarioConfig>(loaded.config);
    auto layout = std::make_unique<port::Layout>(config->nodes, config->roads);
    std::unique_ptr<experiment::LiveRun> run;
    if (!trace_) run = std::make_unique<experiment::LiveRun>(*config, seed_);
    side.gate0_lane_entries = std::move(entries);
    side.bounds = layout_bounds(*layout);
    side.layout = std::move(layout);
    side.run = std::move(run);
    side.config = std::move(config);
    side.gate_queue.assign(side.config->gates.size(), Series(gate_queue_samples));
    side.throughput.clear();
    side.exited_at_hour = 0;
    if (fresh) side.levers = scenario_levers(side);
    return true;
  } catch (const io::InputError& e) {
    if (error_.empty()) error_ = e.what();
  } catch (const std::exception& e) {
    if (error_.empty()) error_ = e.what();
  }
  return false;
}

bool VizController::open(const std::string& file, const std::vector<std::string>& overrides, std::uint64_t seed) {
  seed_ = seed;
  error_.clear();
  a_ = Side{};
  a_.file = file;
  a_.overrides = overrides;
  return load(a_, true);
}

bool VizController::open_compare(const std::string& file) {
  b_.emplace();
  b_->file = file;
  b_->overrides = a_.overrides;
  return load(*b_, true);
}

bool VizController::open_replay(io::Trace trace, const std::vector<std::string>& overrides) {
  if (trace.frames.empty()) {
    error_ = trace.path + ": error: the trace has no frames";
    return false;
  }
  const std::string file = trace.scenario_file;
  const std::string text = trace.scenario_text;
  const std::uint64_t seed = trace.seed;
  trace_ = std::move(trace);
  trace_frame_ = 0;
  seed_ = seed;
  error_.clear();
  a_ = Side{};
  a_.file = file;
  a_.text = text;
  a_.overrides = overrides;
  return load(a_, true);
}

void VizController::reset_clock() {
  clock_ = {};
  next_sample_ = {};
  next_hour_ = {};
  trace_frame_ = 0;
}

void VizController::restart() {
  reset_clock();
  error_.clear();
  load(a_, false);
  if (b_) load(*b_, false);
}

void VizController::restart_with_new_seed() {
  ++seed_;
  restart();
}

void VizController::apply_levers() {
  if (b_) b_->levers = a_.levers;
  restart();
}

port::Snapshot VizController::snapshot(const Side& side) const {
  if (trace_) return trace_->frames[trace_frame_];
  if (side.run) return side.run->snapshot();
  return {};
}

void VizController::sample() {
  while (clock_ >= next_sample_) {
    for (Side* s : {&a_, b_ ? &*b_ : nullptr}) {
      if (s == nullptr) continue;
      const auto snap = snapshot(*s);
      for (std::size_t g = 0; g < s->gate_queue.size() && g < snap.gate_queue.size(); ++g) {
        s->gate_queue[g].push(next_sample_, static_cast<float>(snap.gate_queue[g] + snap.gate_spillback[g]));
      }
    }
    next_sample_ += sample_interval;
  }
  while (clock_ >= next_hour_ + std::chrono::hours(1)) {
    next_hour_ += std::chrono::hours(1);
    for (Side* s : {&a_, b_ ? &*b_ : nullptr}) {
      if (s == nullptr) continue;
      const auto snap = snapshot(*s);
      s->throughput.push(next_hour_, static_cast<float>(snap.trucks_exited - s->exited_at_hour));
      s->exited_at_hour = snap.trucks_exited;
    }
  }
}

void VizController::jump_to(kernel::SimTime t) {
  if (trace_) {
    clock_ = t;
    const auto& frames = trace_->frames;
    std::size_t i = 0;
    while (i + 1 < frames.size() && frames[i + 1].time <= t) ++i;
    trace_frame_ = i;
    sample();
    return;
  }
  if (t < clock_) return;  // a live run cannot go back: restart instead
  try {
    while (clock_ < t) {
      const kernel::SimTime next = std::min(t, next_sample_);
      clock_ = std::max(clock_, next);
      if (a_.run) a_.run->step_until(clock_);
      if (b_ && b_->run) b_->run->step_until(clock_);
      sample();
    }
  } catch (const std::exception& e) {
    error_ = std::string("the model stopped: ") + e.what();
    playing_ = false;
  }
}

void VizController::advance(double real_seconds) {
  if (!playing_ || !error_.empty()) return;
  const auto dt = kernel::to_duration(real_seconds * static_cast<double>(speed_));
  jump_to(clock_ + std::max(dt, kernel::Duration{1}));
  if (trace_ && trace_frame_ + 1 >= trace_->frames.size()) playing_ = false;
}

}  // namespace portsim::viz
