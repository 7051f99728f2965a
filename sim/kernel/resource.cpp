#include "sim/kernel/resource.hpp"

#include <stdexcept>
#include <string>

namespace portsim::kernel {

Resource::Resource(Simulation& sim, std::int64_t capacity, QueueDiscipline discipline, bool preemptive)
    : sim_(&sim),
      capacity_(capacity),
      discipline_(discipline),
      preemptive_(preemptive),
      busy_(sim.now(), 0.0),
      queue_level_(sim.now(), 0.0),
      capacity_level_(sim.now(), static_cast<double>(capacity)) {
  if (capacity < 0) throw std::invalid_argument("resource capacity must be >= 0, got " + std::to_string(capacity));
  if (preemptive && discipline != QueueDiscipline::Priority) {
    throw std::invalid_argument("a preemptive resource needs the priority queue discipline");
  }
  slots_.reserve(static_cast<std::size_t>(capacity));
}

void Resource::assign(RequestAwaiter& r) {
  std::uint32_t idx = 0;
  if (!free_slots_.empty()) {
    idx = free_slots_.back();
    free_slots_.pop_back();
  } else {
    idx = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[idx];
  s.used = true;
  s.priority = r.priority;
  s.order = grant_order_++;
  s.holder = r.self;
  s.since = sim_->now();
  r.granted = true;
  r.slot = idx;
  r.gen = s.gen;
  ++in_use_;
  ++grants_;
  busy_.set(sim_->now(), static_cast<double>(in_use_));
}

bool Resource::try_grant_now(RequestAwaiter& r) {
  if (in_use_ < capacity_ && queue_.empty()) {
    assign(r);
    return true;
  }
  if (!preemptive_ || capacity_ == 0) return false;
  // Preempt the holder with the worst priority (latest grant among equals), if strictly worse.
  std::uint32_t victim = UINT32_MAX;
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    if (!s.used || s.priority <= r.priority) continue;
    if (victim == UINT32_MAX || s.priority > slots_[victim].priority ||
        (s.priority == slots_[victim].priority && s.order > slots_[victim].order)) {
      victim = i;
    }
  }
  if (victim == UINT32_MAX || in_use_ - 1 >= capacity_) return false;
  Slot& v = slots_[victim];
  ProcessPromise* holder = v.holder;
  const SimTime since = v.since;
  free_slot(victim);  // the unit goes to this request, not to the queue
  ++preemptions_;
  Process handle(holder);
  handle.interrupt(Preempted{r.self->id(), since});
  assign(r);
  return true;
}

void Resource::enqueue(RequestAwaiter& r) {
  WaitNode& n = r.node;
  n.process = r.self;
  n.epoch = r.self->epoch();
  n.context = &r;
  n.fire = nullptr;
  WaitNode* pos = nullptr;
  if (discipline_ == QueueDiscipline::Priority) {
    // Walk back from the tail past strictly lower-priority (larger value) requests.
    WaitNode* cur = queue_.back();
    while (cur != nullptr && static_cast<RequestAwaiter*>(cur->context)->priority > r.priority) {
      pos = cur;
      cur = cur->prev;
    }
  }
  queue_.insert_before(pos, n);
  queue_level_.set(sim_->now(), static_cast<double>(queue_.size()));
  if (r.patience != Duration::max()) {
    sim_->schedule(sim_->now() + r.patience, *r.self, r.self->epoch(), wake_patience);
  }
}

void Resource::withdraw(RequestAwaiter& r) noexcept {
  if (r.node.owner == nullptr) return;
  queue_.remove(r.node);
  queue_level_.set(sim_->now(), static_cast<double>(queue_.size()));
  if (r.self->wake_reason() == wake_patience) ++reneges_;
}

void Resource::serve_queue() {
  bool changed = false;
  while (in_use_ < capacity_ && !queue_.empty()) {
    WaitNode* n = queue_.pop_front();
    changed = true;
    auto* r = static_cast<RequestAwaiter*>(n->context);
    assign(*r);
    sim_->wake(*n->process, n->epoch, 0);
  }
  if (changed) queue_level_.set(sim_->now(), static_cast<double>(queue_.size()));
}

void Resource::release_slot(std::uint32_t slot, std::uint32_t gen) noexcept {
  if (!slot_held(slot, gen)) return;  // preempted or released already
  free_slot(slot);
  serve_queue();
}

void Resource::free_slot(std::uint32_t slot) noexcept {
  Slot& s = slots_[slot];
  s.used = false;
  ++s.gen;
  s.holder = nullptr;
  free_slots_.push_back(slot);
  --in_use_;
  busy_.set(sim_->now(), static_cast<double>(in_use_));
}

void Resource::set_capacity(std::int64_t capacity) {
  if (capacity < 0) throw std::invalid_argument("resource capacity must be >= 0, got " + std::to_string(capacity));
  capacity_ = capacity;
  capacity_level_.set(sim_->now(), static_cast<double>(capacity));
  serve_queue();
}

double Resource::utilization() const noexcept {
  const double offered = capacity_level_.integral(sim_->now());
  return offered > 0.0 ? busy_.integral(sim_->now()) / offered : 0.0;
}

void Resource::restart_statistics() {
  busy_.restart(sim_->now());
  queue_level_.restart(sim_->now());
  capacity_level_.restart(sim_->now());
  grants_ = reneges_ = preemptions_ = 0;
}

}  // namespace portsim::kernel
