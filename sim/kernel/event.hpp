// One-shot events with a value, and any_of / all_of over events, processes and timeouts
// (domain-free).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "sim/kernel/simulation.hpp"

namespace portsim::kernel {

/// The part of Event that does not depend on the value type.
class EventBase {
 public:
  explicit EventBase(Simulation& sim) noexcept : sim_(&sim) {}
  EventBase(const EventBase&) = delete;
  EventBase& operator=(const EventBase&) = delete;

  bool is_triggered() const noexcept { return triggered_; }
  WaitList& waiters() noexcept { return waiters_; }
  Simulation& simulation() const noexcept { return *sim_; }

 protected:
  void fire() {
    if (triggered_) throw std::logic_error("Event triggered twice (events are one-shot)");
    triggered_ = true;
    while (WaitNode* n = waiters_.pop_front()) n->fire(*n, *sim_);
  }

 private:
  Simulation* sim_;
  bool triggered_ = false;
  WaitList waiters_;
};

/// Waits on a waitable (an Event or a Process) and returns nothing; base of Event's awaiter.
struct WaitableAwaiter {
  WaitList* list;
  bool ready;
  ProcessPromise* self = nullptr;
  WaitNode node{};
  bool await_ready() const noexcept { return ready; }
  bool await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept {
    self = &h.promise();
    if (self->has_pending_interrupt()) return false;
    node.fire = &Simulation::wake_node;
    node.process = self;
    node.epoch = self->epoch();
    list->push_back(node);
    suspended = true;
    return true;
  }
  /// Throws Interrupted when the wait ended by an interrupt rather than by the trigger.
  void finish() {
    if (self == nullptr) return;  // the waitable had already fired
    if (!suspended) {
      self->throw_if_interrupted();  // await_suspend declined because an interrupt was pending
      return;
    }
    unlink(node);
    if (self->wake_reason() == wake_interrupt) self->throw_if_interrupted();
  }
  bool suspended = false;
};

/// One-shot signal carrying a value of type T (void for none). `co_await ev` waits until
/// trigger() and returns a copy of the value; waiters resume in the order they started waiting.
template <class T = void>
class Event : public EventBase {
 public:
  using EventBase::EventBase;
  /// Triggers the event with its value; throws std::logic_error when already triggered.
  void trigger(T value) {
    if (is_triggered()) throw std::logic_error("Event triggered twice (events are one-shot)");
    value_.emplace(std::move(value));
    fire();
  }
  /// The value (throws std::logic_error before the trigger).
  const T& value() const {
    if (!value_) throw std::logic_error("Event value read before the event was triggered");
    return *value_;
  }
  struct Awaiter : WaitableAwaiter {
    const Event* event;
    T await_resume() {
      finish();
      return *event->value_;
    }
  };
  Awaiter operator co_await() noexcept { return Awaiter{{&waiters(), is_triggered()}, this}; }

 private:
  std::optional<T> value_;
};

template <>
class Event<void> : public EventBase {
 public:
  using EventBase::EventBase;
  void trigger() { fire(); }
  struct Awaiter : WaitableAwaiter {
    void await_resume() { finish(); }
  };
  Awaiter operator co_await() noexcept { return Awaiter{{&waiters(), is_triggered()}}; }
};

// ---- any_of / all_of ----

namespace detail {

/// One operand of any_of / all_of: a waitable (event, process) or a timeout.
struct Operand {
  WaitList* list = nullptr;  // nullptr for a timeout
  bool triggered = false;
  Duration delay{};
};

template <class W>
Operand make_operand(W& w) {
  if constexpr (std::is_same_v<std::remove_cv_t<W>, Simulation::TimeoutAwaiter>) {
    return Operand{nullptr, false, w.delay};
  } else {
    static_assert(requires { w.is_triggered(); w.waiters(); },
                  "any_of/all_of take events, processes and sim.timeout(...)");
    return Operand{&w.waiters(), w.is_triggered(), {}};
  }
}

template <std::size_t N, bool All>
class CombinedAwaiter {
 public:
  CombinedAwaiter(Simulation& sim, std::array<Operand, N> ops) : sim_(&sim), ops_(ops) {}

  bool await_ready() noexcept {
    if constexpr (All) {
      for (const Operand& o : ops_) {
        if (!o.triggered) return false;
      }
      return true;
    } else {
      for (std::size_t i = 0; i < N; ++i) {
        if (ops_[i].triggered || (ops_[i].list == nullptr && ops_[i].delay.count() == 0)) {
          ready_index_ = i;
          return true;
        }
      }
      return false;
    }
  }

  bool await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept {
    self_ = &h.promise();
    if (self_->has_pending_interrupt()) return false;
    remaining_ = 0;
    for (std::size_t i = 0; i < N; ++i) {
      if (ops_[i].triggered) continue;
      ++remaining_;
      if (ops_[i].list == nullptr) {
        sim_->schedule(sim_->now() + ops_[i].delay, *self_, self_->epoch(),
                       static_cast<std::uint32_t>(i));
        continue;
      }
      WaitNode& n = nodes_[i];
      n.process = self_;
      n.epoch = self_->epoch();
      n.reason = static_cast<std::uint32_t>(i);
      n.context = this;
      n.fire = All ? &fire_all : &Simulation::wake_node;
      ops_[i].list->push_back(n);
    }
    suspended_ = true;
    return true;
  }

  /// any_of: the index of the operand that fired first; all_of: nothing.
  auto await_resume() {
    if (!suspended_) {
      if (self_ != nullptr) self_->throw_if_interrupted();  // declined: an interrupt was pending
    } else {
      for (WaitNode& n : nodes_) unlink(n);
      if (self_->wake_reason() == wake_interrupt) self_->throw_if_interrupted();
    }
    if constexpr (!All) {
      return suspended_ ? static_cast<std::size_t>(self_->wake_reason()) : ready_index_;
    }
  }

 private:
  static void fire_all(WaitNode& n, Simulation& sim) {
    auto* a = static_cast<CombinedAwaiter*>(n.context);
    if (--a->remaining_ == 0) sim.wake(*n.process, n.epoch, 0);
  }

  Simulation* sim_;
  std::array<Operand, N> ops_;
  std::array<WaitNode, N> nodes_{};
  ProcessPromise* self_ = nullptr;
  std::size_t ready_index_ = 0;
  std::size_t remaining_ = 0;
  bool suspended_ = false;
};

}  // namespace detail

/// `co_await any_of(sim, a, b, ...)` resumes when the first operand fires (an event triggers, a
/// process ends, a `sim.timeout(d)` elapses) and returns its index (the lowest index if several
/// have already fired).
template <class... W>
auto any_of(Simulation& sim, W&&... w) {
  return detail::CombinedAwaiter<sizeof...(W), false>(sim, {detail::make_operand(w)...});
}

/// `co_await all_of(sim, a, b, ...)` resumes when every event has triggered and every process has
/// ended (timeouts are not allowed: use any_of(all_of-process, timeout) for a deadline).
template <class... W>
auto all_of(Simulation& sim, W&&... w) {
  static_assert(!(std::is_same_v<std::remove_cvref_t<W>, Simulation::TimeoutAwaiter> || ...),
                "all_of does not take timeouts");
  return detail::CombinedAwaiter<sizeof...(W), true>(sim, {detail::make_operand(w)...});
}

}  // namespace portsim::kernel
