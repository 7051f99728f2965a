#include "sim/kernel/simulation.hpp"

namespace portsim::kernel {

std::string to_string(RunOutcome::Kind kind) {
  switch (kind) {
    case RunOutcome::Kind::Finished: return "finished";
    case RunOutcome::Kind::TimeLimit: return "time limit";
    case RunOutcome::Kind::Stopped: return "stopped";
    case RunOutcome::Kind::Deadlock: return "deadlock";
  }
  return "unknown";
}

void ProcessPromise::unhandled_exception() noexcept { sim_->record_failure(std::current_exception()); }

void ProcessPromise::deliver_interrupt() {
  interrupt_pending_ = false;
  throw Interrupted(std::exchange(interrupt_cause_, std::any{}));
}

bool Process::interrupt(std::any cause) {
  if (p_ == nullptr || p_->done_ || p_->interrupt_pending_) return false;
  p_->interrupt_pending_ = true;
  p_->interrupt_cause_ = std::move(cause);
  Simulation& sim = *p_->sim_;
  // A process that is running, or not yet started, meets the interrupt at its next co_await.
  if (p_->started_ && sim.current_ != p_) {
    sim.schedule(sim.now_, *p_, p_->epoch_, wake_interrupt, priority_urgent);
  }
  return true;
}

Simulation::Simulation() { heap_.reserve(1024); }

Simulation::~Simulation() {
  tearing_down_ = true;
  while (registry_ != nullptr) registry_->handle().destroy();
}

Process Simulation::start(Process process, int priority) {
  ProcessPromise* p = process.promise();
  if (p == nullptr) throw std::invalid_argument("Simulation::start: empty process handle");
  if (p->sim_ != this) throw std::invalid_argument("Simulation::start: process belongs to another simulation");
  if (p->started_) throw std::logic_error("Simulation::start: process already started");
  p->started_ = true;
  p->id_ = next_id_++;
  ++live_;
  schedule(now_, *p, p->epoch_, 0, priority);
  return process;
}

void Simulation::sift_down(const Entry& e) noexcept {
  Entry* h = heap_.data();
  const std::size_t n = heap_.size();
  std::size_t hole = 0;
  while (true) {
    const std::size_t first = hole * arity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = first + arity < n ? first + arity : n;
    for (std::size_t c = first + 1; c < last; ++c) {
      if (before(h[c], h[best])) best = c;
    }
    if (!before(h[best], e)) break;
    h[hole] = h[best];
    hole = best;
  }
  h[hole] = e;
}

void Simulation::pop_root() noexcept {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(last);
}

// Executes the next live entry with time <= limit. Returns false when there is none (the calendar
// is empty or its next entry is beyond the limit); `executed` tells whether a process ran.
bool Simulation::execute_next(SimTime limit, bool& executed) {
  executed = false;
  if (pending_pop_) {
    pending_pop_ = false;
    pop_root();
  }
  if (heap_.empty()) return false;
  const Entry top = heap_.front();
  // The next root is not known yet, but its likely candidates are the root's children: warm the
  // frames of all of them so a large population of processes does not stall on memory.
  if (heap_.size() > arity) {
    for (std::size_t c = 1; c <= arity; ++c) __builtin_prefetch(heap_[c].process);
  }
  if (top.time > limit.time_since_epoch().count()) return false;
  pending_pop_ = true;
  ProcessPromise* p = top.process;
  if (p->epoch_ != top.epoch) return true;  // stale: the process already moved on
  now_ = SimTime{Duration{top.time}};
  ++p->epoch_;
  p->wake_reason_ = top.reason;
  ++events_;
  if (trace_hook_ != nullptr) trace_hook_(trace_context_, now_, p->id_, top.reason);
  current_ = p;
  p->handle().resume();
  current_ = nullptr;
  executed = true;
  if (failure_) [[unlikely]] {
    std::rethrow_exception(std::exchange(failure_, nullptr));
  }
  return true;
}

RunOutcome Simulation::run_until(SimTime limit) {
  stop_requested_ = false;
  bool executed = false;
  while (execute_next(limit, executed)) {
    if (stop_requested_) [[unlikely]] {
      stop_requested_ = false;
      return {RunOutcome::Kind::Stopped, live_, now_};
    }
  }
  if (pending_pop_) {
    pending_pop_ = false;
    pop_root();
  }
  if (!heap_.empty()) {
    if (limit > now_) now_ = limit;
    return {RunOutcome::Kind::TimeLimit, live_, now_};
  }
  if (limit != time_infinity && limit > now_) now_ = limit;
  if (live_ > 0) return {RunOutcome::Kind::Deadlock, live_, now_};
  return {RunOutcome::Kind::Finished, 0, now_};
}

bool Simulation::step() {
  bool executed = false;
  while (execute_next(time_infinity, executed)) {
    if (executed) return true;
  }
  return false;
}

}  // namespace portsim::kernel
