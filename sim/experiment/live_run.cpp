#include "sim/experiment/live_run.hpp"

#include "sim/io/trace.hpp"
#include "sim/port/port.hpp"

namespace portsim::experiment {

LiveRun::LiveRun(const port::ScenarioConfig& cfg, std::uint64_t seed, std::uint64_t replication)
    : cfg_(cfg), sim_(std::make_unique<kernel::Simulation>()) {
  port_ = std::make_unique<port::Port>(*sim_, cfg_, kernel::RandomStreams(seed, replication));
  port_->add_observer(this);
  port_->start();
}

LiveRun::~LiveRun() {
  port_.reset();  // frames reference the port; the simulation destroys them first
  sim_.reset();
}

void LiveRun::step_until(kernel::SimTime t) {
  if (t > sim_->now()) sim_->run_until(t);
}

kernel::SimTime LiveRun::now() const { return sim_->now(); }
std::uint64_t LiveRun::events() const { return sim_->events_executed(); }
port::Snapshot LiveRun::snapshot() const { return port_->snapshot(); }
port::KpiList LiveRun::kpis() const { return port_->kpis(); }
const port::Layout& LiveRun::layout() const { return port_->layout(); }
const port::ScenarioConfig& LiveRun::config() const { return cfg_; }

void LiveRun::on_event(const port::DomainEvent& e) {
  const auto id = static_cast<std::uint32_t>(e.truck);
  if (id == 0) return;
  // A truck that never comes or turns away leaves no exit record: keep no timeline for it.
  if (e.kind == port::EventKind::NoShow) return;
  if (e.kind == port::EventKind::Balked) {
    timelines_.erase(id);
    return;
  }
  timelines_[id].push_back(e);
}

void LiveRun::on_truck_exit(const port::TruckRecord& r) {
  const double minutes = kernel::to_minutes(r.exited - r.arrived);
  turn_hist_.add(minutes);
  turn_.add(minutes);
  const auto id = static_cast<std::uint32_t>(r.id);
  exited_[id] = r;
  exited_order_.push_back(id);
  if (exited_order_.size() > 500) {
    timelines_.erase(exited_order_.front());
    exited_.erase(exited_order_.front());
    exited_order_.pop_front();
  }
}

std::vector<port::DomainEvent> LiveRun::timeline(port::TruckId id) const {
  const auto it = timelines_.find(static_cast<std::uint32_t>(id));
  return it == timelines_.end() ? std::vector<port::DomainEvent>{} : it->second;
}

const port::TruckRecord* LiveRun::exited_record(port::TruckId id) const {
  const auto it = exited_.find(static_cast<std::uint32_t>(id));
  return it == exited_.end() ? nullptr : &it->second;
}

void record_trace(const port::ScenarioConfig& cfg, const io::TraceHeader& header, kernel::Duration duration,
                  const std::string& path) {
  kernel::Simulation sim;
  port::Port model(sim, cfg, kernel::RandomStreams(header.seed, 0));
  model.start();
  io::TraceWriter writer(path, header);
  for (kernel::SimTime t = kernel::time_zero; t <= kernel::time_zero + duration; t += header.interval) {
    sim.run_until(t);
    writer.write(model.snapshot());
  }
  writer.finish();
}

}  // namespace portsim::experiment
