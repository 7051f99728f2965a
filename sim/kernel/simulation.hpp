// The discrete-event kernel (domain-free): the event calendar, coroutine processes, timeouts,
// joins and interrupts. Everything else in the kernel (events, resources, stores) is built on the
// wake-up protocol defined here:
//
//  * A suspended process has a wait epoch. Whatever may wake it records (process, epoch).
//  * The calendar holds entries (time, order, process, epoch, reason); order packs a priority and
//    an insertion sequence number, so equal times resolve identically on every run.
//  * Popping an entry whose epoch still matches resumes the process and bumps its epoch, which
//    makes every other registration for that wait stale. Stale entries are skipped for free.
//  * An awaiter's await_resume always runs after a wake-up and removes its own registrations, so
//    an interrupted wait never leaves a dangling waiter behind.
#pragma once

#include <any>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/kernel/assert.hpp"
#include "sim/kernel/frame_pool.hpp"
#include "sim/kernel/time.hpp"
#include "sim/kernel/wait_list.hpp"

namespace portsim::kernel {

class Simulation;
class Process;

/// Wake-up reasons with a fixed meaning; awaiters use small numbers (0, 1, ...) for their own.
inline constexpr std::uint32_t wake_interrupt = 0xFFFF'FFFFu;
inline constexpr std::uint32_t wake_patience = 0xFFFF'FFFEu;

/// Calendar priorities at equal times: lower runs first. Interrupts are urgent.
inline constexpr int priority_urgent = -1;
inline constexpr int priority_normal = 0;
inline constexpr int priority_late = 1;

/// Thrown inside a process at its next suspension point after Process::interrupt().
class Interrupted : public std::exception {
 public:
  explicit Interrupted(std::any cause) : cause_(std::move(cause)) {}
  const char* what() const noexcept override { return "process interrupted"; }
  const std::any& cause() const noexcept { return cause_; }
  /// The cause as T, or nullptr when it holds something else.
  template <class T>
  const T* cause_as() const noexcept {
    return std::any_cast<T>(&cause_);
  }

 private:
  std::any cause_;
};

// ---- Process promise ----

class ProcessPromise {
 public:
  /// The coroutine's parameters are passed here; one of them must be the Simulation.
  template <class... A>
  explicit ProcessPromise(A&... args) noexcept : sim_(find_simulation(args...)) {
    static_assert((std::is_same_v<std::remove_cv_t<A>, Simulation> || ...),
                  "a kernel::Process coroutine takes kernel::Simulation& as a parameter");
    register_with_simulation();
  }
  ProcessPromise(const ProcessPromise&) = delete;
  ProcessPromise& operator=(const ProcessPromise&) = delete;
  ~ProcessPromise();

  Process get_return_object() noexcept;
  std::suspend_always initial_suspend() const noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept;
    void await_resume() const noexcept {}
  };
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void return_void() const noexcept {}
  void unhandled_exception() noexcept;

  static void* operator new(std::size_t size) { return detail::allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept { detail::free_frame(p, size); }

  std::coroutine_handle<ProcessPromise> handle() noexcept {
    return std::coroutine_handle<ProcessPromise>::from_promise(*this);
  }
  Simulation& simulation() const noexcept { return *sim_; }
  std::uint32_t epoch() const noexcept { return epoch_; }
  std::uint32_t wake_reason() const noexcept { return wake_reason_; }
  std::uint64_t id() const noexcept { return id_; }
  bool is_done() const noexcept { return done_; }
  bool is_started() const noexcept { return started_; }
  bool has_pending_interrupt() const noexcept { return interrupt_pending_; }

  /// Throws Interrupted if an interrupt is pending (called by every awaiter's await_resume).
  void throw_if_interrupted() {
    if (interrupt_pending_) [[unlikely]] deliver_interrupt();
  }

 private:
  friend class Simulation;
  friend class Process;

  template <class T, class... R>
  static Simulation* find_simulation(T& first, R&... rest) noexcept {
    if constexpr (std::is_same_v<std::remove_cv_t<T>, Simulation>) {
      return const_cast<Simulation*>(&first);
    } else if constexpr (sizeof...(R) > 0) {
      return find_simulation(rest...);
    } else {
      return nullptr;
    }
  }
  void register_with_simulation() noexcept;
  [[noreturn]] void deliver_interrupt();

  // Hot fields first: the event loop touches only these (one cache line).
  Simulation* sim_;
  std::uint32_t epoch_ = 0;
  std::uint32_t wake_reason_ = 0;
  bool interrupt_pending_ = false;
  bool started_ = false;
  bool done_ = false;
  std::uint32_t refs_ = 0;
  std::uint64_t id_ = 0;
  WaitList completion_;
  ProcessPromise* reg_prev_ = nullptr;
  ProcessPromise* reg_next_ = nullptr;
  std::any interrupt_cause_;
};

// ---- Process handle ----

/// Handle to a process coroutine. A process function returns one (lazily: nothing runs until
/// Simulation::start). Copies share the process; the simulation owns a started process until it
/// finishes, so dropping every handle does not stop it. Handles must not outlive the Simulation.
class Process {
 public:
  using promise_type = ProcessPromise;

  Process() = default;
  explicit Process(ProcessPromise* p) noexcept : p_(p), sim_(p != nullptr ? &p->simulation() : nullptr) {
    if (p_ != nullptr) ++p_->refs_;
  }
  Process(const Process& o) noexcept : p_(o.p_), sim_(o.sim_) {
    if (p_ != nullptr) ++p_->refs_;
  }
  Process(Process&& o) noexcept : p_(std::exchange(o.p_, nullptr)), sim_(o.sim_) {}
  Process& operator=(Process o) noexcept {
    std::swap(p_, o.p_);
    std::swap(sim_, o.sim_);
    return *this;
  }
  ~Process() { release(); }

  bool valid() const noexcept { return p_ != nullptr; }
  bool is_done() const noexcept { return p_ != nullptr && p_->done_; }
  bool is_started() const noexcept { return p_ != nullptr && p_->started_; }
  std::uint64_t id() const noexcept { return p_ != nullptr ? p_->id_ : 0; }

  /// Delivers Interrupted{cause} to the process at its next suspension point (at once if it is
  /// waiting). A finished process ignores it; a second interrupt before the first is delivered is
  /// dropped. Returns whether the interrupt was accepted.
  bool interrupt(std::any cause = {});

  // Waitable protocol (join, any_of, all_of).
  bool is_triggered() const noexcept { return is_done(); }
  WaitList& waiters() noexcept { return p_->completion_; }

  /// `co_await proc` waits until the process has finished (at once if it has).
  struct JoinAwaiter {
    ProcessPromise* target;
    ProcessPromise* self = nullptr;
    WaitNode node{};
    bool await_ready() const noexcept { return target->done_; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept;
    bool suspended = false;
    void await_resume() {
      if (self == nullptr) return;  // already finished
      if (!suspended) {
        self->throw_if_interrupted();  // declined: an interrupt was pending
        return;
      }
      unlink(node);
      if (self->wake_reason() == wake_interrupt) self->throw_if_interrupted();
    }
  };
  JoinAwaiter operator co_await() const noexcept { return JoinAwaiter{p_}; }

  ProcessPromise* promise() const noexcept { return p_; }

 private:
  void release() noexcept;
  ProcessPromise* p_ = nullptr;
  Simulation* sim_ = nullptr;
};

inline Process ProcessPromise::get_return_object() noexcept { return Process(this); }

// ---- Simulation ----

/// How a run ended.
struct RunOutcome {
  enum class Kind {
    Finished,   // no events left and no process waiting
    TimeLimit,  // run_until reached its limit
    Stopped,    // Simulation::stop() was called
    Deadlock,   // no events left while processes still wait (a closed gate, a missing release)
  };
  Kind kind = Kind::Finished;
  std::uint64_t waiting_processes = 0;  // processes suspended when the run ended
  SimTime time{};
};

std::string to_string(RunOutcome::Kind kind);

/// Called for every event executed when set (tests of exact event order, trace hashes).
using TraceHook = void (*)(void* context, SimTime time, std::uint64_t process_id,
                           std::uint32_t reason);

class Simulation {
 public:
  Simulation();
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  SimTime now() const noexcept { return now_; }

  /// Schedules the process to start at now (after what is already scheduled for now) and returns
  /// its handle. The process must have been created with this Simulation.
  Process start(Process process, int priority = priority_normal);

  /// Runs until no events are left (or stop()). Rethrows an exception that escaped a process.
  RunOutcome run() { return run_until(time_infinity); }
  /// Runs every event with time <= limit, then sets now() to limit.
  RunOutcome run_until(SimTime limit);
  /// Executes the next event; false when none is left.
  bool step();
  /// Ends the current run() after the running event.
  void stop() noexcept { stop_requested_ = true; }

  /// Awaitable: `co_await sim.timeout(90s)` resumes the process `delay` later (>= 0).
  struct TimeoutAwaiter {
    Simulation* sim;
    Duration delay;
    int priority;
    ProcessPromise* self = nullptr;
    bool suspended = false;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept {
      self = &h.promise();
      if (self->has_pending_interrupt()) return false;
      sim->schedule(sim->now_ + delay, *self, self->epoch(), 0, priority);
      suspended = true;
      return true;
    }
    /// A timeout that elapsed normally returns even if an interrupt arrived at the same instant;
    /// that interrupt is then delivered at the next suspension point.
    void await_resume() const {
      if (self->has_pending_interrupt() && (!suspended || self->wake_reason() == wake_interrupt))
          [[unlikely]]
        self->throw_if_interrupted();
    }
  };
  TimeoutAwaiter timeout(Duration delay, int priority = priority_normal) const {
    if (delay.count() < 0) throw std::invalid_argument("timeout delay must be >= 0");
    return TimeoutAwaiter{const_cast<Simulation*>(this), delay, priority};
  }

  /// Schedules a wake-up of `process` for its wait `epoch` (kernel building block).
  void schedule(SimTime at, ProcessPromise& process, std::uint32_t epoch, std::uint32_t reason,
                int priority = priority_normal) {
    const Entry e{at.time_since_epoch().count(),
                  (static_cast<std::uint64_t>(priority + 128) << 56) | seq_++, &process, epoch,
                  reason};
    push(e);
  }
  /// Wakes the process at now if it still waits in `epoch` (kernel building block).
  void wake(ProcessPromise& process, std::uint32_t epoch, std::uint32_t reason) {
    schedule(now_, process, epoch, reason, priority_normal);
  }
  /// Default WaitNode::fire: wake the node's process with the node's reason.
  static void wake_node(WaitNode& n, Simulation& sim) { sim.wake(*n.process, n.epoch, n.reason); }

  // Introspection.
  std::uint64_t events_executed() const noexcept { return events_; }
  std::size_t calendar_size() const noexcept { return heap_.size() - (pending_pop_ ? 1 : 0); }
  std::uint64_t live_processes() const noexcept { return live_; }
  bool is_tearing_down() const noexcept { return tearing_down_; }
  ProcessPromise* current_process() const noexcept { return current_; }

  /// Sets a hook called for each executed event (nullptr to clear).
  void set_trace_hook(TraceHook hook, void* context) noexcept {
    trace_hook_ = hook;
    trace_context_ = context;
  }

  /// Reserves calendar capacity (avoids growth during a run).
  void reserve(std::size_t entries) { heap_.reserve(entries); }

 private:
  friend class ProcessPromise;
  friend class Process;

  struct Entry {
    std::int64_t time;
    std::uint64_t order;
    ProcessPromise* process;
    std::uint32_t epoch;
    std::uint32_t reason;
  };
  static bool before(const Entry& a, const Entry& b) noexcept {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }

  void push(const Entry& e) {
    if (pending_pop_) {
      // The entry being executed is still at the root: replace it and sift down once instead of
      // popping and pushing (the common case of a process that waits again right away).
      pending_pop_ = false;
      sift_down(e);
      return;
    }
    heap_.push_back(e);
    sift_up(heap_.size() - 1, e);
  }
  void sift_up(std::size_t hole, const Entry& e) noexcept {
    Entry* h = heap_.data();
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / arity;
      if (!before(e, h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = e;
  }
  void sift_down(const Entry& e) noexcept;
  void pop_root() noexcept;
  bool execute_next(SimTime limit, bool& executed);
  void record_failure(std::exception_ptr e) noexcept {
    if (!failure_) failure_ = std::move(e);
  }
  void destroy_frame(ProcessPromise& p) noexcept;

  static constexpr std::size_t arity = 2;

  std::vector<Entry> heap_;
  bool pending_pop_ = false;
  bool stop_requested_ = false;
  bool tearing_down_ = false;
  SimTime now_{};
  std::uint64_t seq_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t live_ = 0;
  std::uint64_t next_id_ = 1;
  ProcessPromise* current_ = nullptr;
  ProcessPromise* registry_ = nullptr;  // every frame created for this simulation
  std::exception_ptr failure_;
  TraceHook trace_hook_ = nullptr;
  void* trace_context_ = nullptr;
};

// ---- inline definitions that need Simulation ----

inline void ProcessPromise::register_with_simulation() noexcept {
  reg_next_ = sim_->registry_;
  if (reg_next_ != nullptr) reg_next_->reg_prev_ = this;
  sim_->registry_ = this;
}

inline ProcessPromise::~ProcessPromise() {
  if (reg_prev_ != nullptr) reg_prev_->reg_next_ = reg_next_; else sim_->registry_ = reg_next_;
  if (reg_next_ != nullptr) reg_next_->reg_prev_ = reg_prev_;
}

inline bool ProcessPromise::FinalAwaiter::await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept {
  ProcessPromise& p = h.promise();
  p.done_ = true;
  --p.sim_->live_;
  while (WaitNode* n = p.completion_.pop_front()) n->fire(*n, *p.sim_);
  // No handle left: let the coroutine run off its end, which frees the frame.
  return p.refs_ != 0;
}

inline void Process::release() noexcept {
  if (p_ == nullptr) return;
  if (sim_->tearing_down_) return;  // ~Simulation destroys every frame itself
  ProcessPromise* p = std::exchange(p_, nullptr);
  if (--p->refs_ == 0 && (p->done_ || !p->started_)) p->handle().destroy();
}

inline bool Process::JoinAwaiter::await_suspend(std::coroutine_handle<ProcessPromise> h) noexcept {
  self = &h.promise();
  if (self->has_pending_interrupt()) return false;
  node.fire = &Simulation::wake_node;
  node.process = self;
  node.epoch = self->epoch();
  target->completion_.push_back(node);
  suspended = true;
  return true;
}

}  // namespace portsim::kernel
