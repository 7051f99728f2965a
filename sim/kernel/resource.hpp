// Resource: identical servers with a capacity that may change during the run (shifts), FIFO or
// priority queueing, optional preemption and reneging (domain-free). Requests return a Lease that
// gives the unit back on scope exit, also during exception unwinding.
#pragma once

#include <coroutine>
#include <cstdint>
#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::kernel {

class Resource;

/// How waiting requests are ordered.
enum class QueueDiscipline {
  Fifo,      // first come, first served; priorities ignored
  Priority,  // lower priority value first, FIFO among equals
};

/// Interrupt cause delivered to a process whose unit was taken by a higher-priority request.
struct Preempted {
  std::uint64_t by_process = 0;  // id of the process that took the unit
  SimTime usage_since{};         // when the preempted process had got it
};

/// A granted unit of a Resource. Move-only; releases on destruction unless released already or
/// taken by preemption. An empty lease (operator bool false) means the request reneged.
class Lease {
 public:
  Lease() = default;
  Lease(Simulation* sim, Resource* res, std::uint32_t slot, std::uint32_t gen) noexcept
      : sim_(sim), res_(res), slot_(slot), gen_(gen) {}
  Lease(Lease&& o) noexcept : sim_(o.sim_), res_(std::exchange(o.res_, nullptr)), slot_(o.slot_), gen_(o.gen_) {}
  Lease& operator=(Lease&& o) noexcept {
    if (this != &o) {
      release();
      sim_ = o.sim_;
      res_ = std::exchange(o.res_, nullptr);
      slot_ = o.slot_;
      gen_ = o.gen_;
    }
    return *this;
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { release(); }

  explicit operator bool() const noexcept { return res_ != nullptr; }
  /// Gives the unit back now (no-op when empty, released or preempted).
  void release() noexcept;
  /// Whether the unit is still held (false after preemption or release).
  bool is_held() const noexcept;

 private:
  Simulation* sim_ = nullptr;
  Resource* res_ = nullptr;
  std::uint32_t slot_ = 0;
  std::uint32_t gen_ = 0;
};

class Resource {
 public:
  /// capacity >= 0 units. A preemptive resource needs QueueDiscipline::Priority.
  Resource(Simulation& sim, std::int64_t capacity, QueueDiscipline discipline = QueueDiscipline::Fifo,
           bool preemptive = false);
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;

  struct RequestAwaiter {
    Resource* res;
    int priority;
    Duration patience;
    ProcessPromise* self = nullptr;
    WaitNode node{};
    bool granted = false;
    bool suspended = false;
    std::uint32_t slot = 0;
    std::uint32_t gen = 0;

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) {
      self = &h.promise();
      if (self->has_pending_interrupt()) return false;
      if (res->try_grant_now(*this)) return false;
      res->enqueue(*this);
      suspended = true;
      return true;
    }
    /// The lease; empty if the patience ran out first. Throws Interrupted if interrupted while
    /// waiting (the request is withdrawn).
    Lease await_resume() {
      if (granted) return Lease(&res->sim(), res, slot, gen);
      if (suspended) res->withdraw(*this);
      if (!suspended || self->wake_reason() == wake_interrupt) self->throw_if_interrupted();
      return Lease{};
    }
  };

  /// `auto lease = co_await res.request();` waits for a unit. Lower priority values are served
  /// first (Priority discipline) and may preempt (preemptive resources). With a finite patience
  /// the request gives up after that long and the lease is empty.
  RequestAwaiter request(int priority = 0, Duration patience = Duration::max()) {
    return RequestAwaiter{this, priority, patience};
  }

  /// Changes the number of units (shift changes). More units serve waiting requests at once;
  /// fewer units take effect as current holders release (nobody is evicted).
  void set_capacity(std::int64_t capacity);

  std::int64_t capacity() const noexcept { return capacity_; }
  std::int64_t in_use() const noexcept { return in_use_; }
  std::int64_t available() const noexcept { return capacity_ > in_use_ ? capacity_ - in_use_ : 0; }
  std::uint32_t queue_length() const noexcept { return queue_.size(); }
  QueueDiscipline discipline() const noexcept { return discipline_; }
  bool is_preemptive() const noexcept { return preemptive_; }
  Simulation& sim() const noexcept { return *sim_; }

  // Statistics since construction (or restart_statistics).
  const TimeWeighted& busy() const noexcept { return busy_; }
  const TimeWeighted& queue() const noexcept { return queue_level_; }
  const TimeWeighted& capacity_level() const noexcept { return capacity_level_; }
  /// Busy unit-time over available unit-time (0 when no capacity was ever offered).
  double utilization() const noexcept;
  std::uint64_t grants() const noexcept { return grants_; }
  std::uint64_t reneges() const noexcept { return reneges_; }
  std::uint64_t preemptions() const noexcept { return preemptions_; }
  void restart_statistics();

 private:
  friend class Lease;
  struct Slot {
    std::uint32_t gen = 0;
    bool used = false;
    int priority = 0;
    std::uint64_t order = 0;
    ProcessPromise* holder = nullptr;
    SimTime since{};
  };

  bool try_grant_now(RequestAwaiter& r);
  void enqueue(RequestAwaiter& r);
  void withdraw(RequestAwaiter& r) noexcept;
  void assign(RequestAwaiter& r);
  void release_slot(std::uint32_t slot, std::uint32_t gen) noexcept;
  bool slot_held(std::uint32_t slot, std::uint32_t gen) const noexcept {
    return slot < slots_.size() && slots_[slot].used && slots_[slot].gen == gen;
  }
  void serve_queue();
  void free_slot(std::uint32_t slot) noexcept;

  Simulation* sim_;
  std::int64_t capacity_;
  std::int64_t in_use_ = 0;
  QueueDiscipline discipline_;
  bool preemptive_;
  WaitList queue_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t grant_order_ = 0;
  std::uint64_t grants_ = 0;
  std::uint64_t reneges_ = 0;
  std::uint64_t preemptions_ = 0;
  TimeWeighted busy_;
  TimeWeighted queue_level_;
  TimeWeighted capacity_level_;
};

inline void Lease::release() noexcept {
  if (res_ == nullptr) return;
  Resource* r = std::exchange(res_, nullptr);
  if (sim_->is_tearing_down()) return;
  r->release_slot(slot_, gen_);
}

inline bool Lease::is_held() const noexcept { return res_ != nullptr && res_->slot_held(slot_, gen_); }

}  // namespace portsim::kernel
