#include "sim/kernel/simulation.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/kernel/event.hpp"

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {

using Log = std::vector<std::string>;

std::string at(const k::Simulation& sim, const std::string& what) {
  return std::to_string(sim.now().time_since_epoch().count()) + ":" + what;
}

k::Process ticker(k::Simulation& sim, Log& log, std::string name, k::Duration step, int times) {
  for (int i = 0; i < times; ++i) {
    co_await sim.timeout(step);
    log.push_back(at(sim, name));
  }
}

}  // namespace

TEST(Simulation, EqualTimesRunInSchedulingOrder) {
  k::Simulation sim;
  Log log;
  sim.start(ticker(sim, log, "a", 10ms, 2));
  sim.start(ticker(sim, log, "b", 5ms, 4));
  sim.start(ticker(sim, log, "c", 10ms, 2));
  const auto outcome = sim.run();
  EXPECT_EQ(outcome.kind, k::RunOutcome::Kind::Finished);
  // At 10 ms: "b" scheduled its second timeout at 5 ms, after "a" and "c" scheduled theirs at 0.
  EXPECT_EQ(log, (Log{"5:b", "10:a", "10:c", "10:b", "15:b", "20:a", "20:c", "20:b"}));
  EXPECT_EQ(sim.now(), k::time_zero + 20ms);
}

TEST(Simulation, PriorityBreaksTiesBeforeSequence) {
  k::Simulation sim;
  Log log;
  auto proc = [](k::Simulation& s, Log& l, std::string name, int prio) -> k::Process {
    co_await s.timeout(1s, prio);
    l.push_back(name);
  };
  sim.start(proc(sim, log, "late", k::priority_late));
  sim.start(proc(sim, log, "normal", k::priority_normal));
  sim.start(proc(sim, log, "urgent", k::priority_urgent));
  sim.run();
  EXPECT_EQ(log, (Log{"urgent", "normal", "late"}));
}

TEST(Simulation, RunUntilStopsAtLimitAndResumes) {
  k::Simulation sim;
  Log log;
  sim.start(ticker(sim, log, "t", 1s, 5));
  auto outcome = sim.run_until(k::time_zero + 2500ms);
  EXPECT_EQ(outcome.kind, k::RunOutcome::Kind::TimeLimit);
  EXPECT_EQ(sim.now(), k::time_zero + 2500ms);
  EXPECT_EQ(log, (Log{"1000:t", "2000:t"}));
  outcome = sim.run();
  EXPECT_EQ(outcome.kind, k::RunOutcome::Kind::Finished);
  EXPECT_EQ(log.size(), 5u);
}

TEST(Simulation, StepExecutesOneEventAtATime) {
  k::Simulation sim;
  Log log;
  sim.start(ticker(sim, log, "t", 1s, 2));
  EXPECT_TRUE(sim.step());  // start
  EXPECT_TRUE(log.empty());
  EXPECT_TRUE(sim.step());
  EXPECT_EQ(log, (Log{"1000:t"}));
  EXPECT_TRUE(sim.step());
  EXPECT_FALSE(sim.step());
  EXPECT_EQ(sim.events_executed(), 3u);
}

TEST(Simulation, JoinWaitsForTheChild) {
  k::Simulation sim;
  Log log;
  auto parent = [](k::Simulation& s, Log& l) -> k::Process {
    k::Process child = s.start(ticker(s, l, "child", 3s, 1));
    co_await child;
    l.push_back(at(s, "joined"));
    co_await child;  // already finished: no wait
    l.push_back(at(s, "joined again"));
  };
  sim.start(parent(sim, log));
  sim.run();
  EXPECT_EQ(log, (Log{"3000:child", "3000:joined", "3000:joined again"}));
}

TEST(Simulation, ExceptionEscapingAProcessIsRethrownFromRun) {
  k::Simulation sim;
  auto failing = [](k::Simulation& s) -> k::Process {
    co_await s.timeout(7s);
    throw std::runtime_error("lane 3 has no pipeline");
  };
  Log log;
  sim.start(failing(sim));
  sim.start(ticker(sim, log, "other", 10s, 1));
  try {
    sim.run();
    FAIL() << "run() returned normally";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "lane 3 has no pipeline");
  }
  EXPECT_EQ(sim.now(), k::time_zero + 7s);
  EXPECT_TRUE(log.empty());
}

TEST(Simulation, InterruptIsDeliveredWithItsCause) {
  k::Simulation sim;
  Log log;
  auto worker = [](k::Simulation& s, Log& l) -> k::Process {
    try {
      co_await s.timeout(1h);
      l.push_back(at(s, "finished"));
    } catch (const k::Interrupted& i) {
      l.push_back(at(s, "interrupted by " + *i.cause_as<std::string>()));
    }
    co_await s.timeout(1s);  // the old timeout must not wake it again
    l.push_back(at(s, "after"));
  };
  auto breaker = [](k::Simulation& s, k::Process target) -> k::Process {
    co_await s.timeout(90s);
    EXPECT_TRUE(target.interrupt(std::string("breakdown")));
  };
  k::Process w = sim.start(worker(sim, log));
  sim.start(breaker(sim, w));
  sim.run();
  EXPECT_EQ(log, (Log{"90000:interrupted by breakdown", "91000:after"}));
  EXPECT_FALSE(w.interrupt(std::string("too late")));  // finished processes ignore interrupts
}

TEST(Simulation, InterruptBeforeStartIsDeliveredAtFirstSuspension) {
  k::Simulation sim;
  Log log;
  auto worker = [](k::Simulation& s, Log& l) -> k::Process {
    l.push_back(at(s, "started"));
    try {
      co_await s.timeout(5s);
    } catch (const k::Interrupted&) {
      l.push_back(at(s, "interrupted"));
    }
  };
  k::Process w = sim.start(worker(sim, log));
  w.interrupt();
  sim.run();
  EXPECT_EQ(log, (Log{"0:started", "0:interrupted"}));
}

TEST(Simulation, UnhandledInterruptEndsRunWithTheException) {
  k::Simulation sim;
  auto sleeper = [](k::Simulation& s) -> k::Process { co_await s.timeout(1h); };
  k::Process p = sim.start(sleeper(sim));
  sim.run_until(k::time_zero + 1s);
  p.interrupt(42);
  try {
    sim.run();
    FAIL() << "run() returned normally";
  } catch (const k::Interrupted& i) {
    EXPECT_EQ(*i.cause_as<int>(), 42);
  }
}

TEST(Simulation, EventWakesAllWaitersInOrderWithValue) {
  k::Simulation sim;
  Log log;
  k::Event<std::string> ev(sim);
  auto waiter = [](k::Simulation& s, k::Event<std::string>& e, Log& l, std::string n) -> k::Process {
    const std::string v = co_await e;
    l.push_back(at(s, n + "=" + v));
  };
  auto trigger = [](k::Simulation& s, k::Event<std::string>& e) -> k::Process {
    co_await s.timeout(2s);
    e.trigger("green");
  };
  sim.start(waiter(sim, ev, log, "w1"));
  sim.start(waiter(sim, ev, log, "w2"));
  sim.start(trigger(sim, ev));
  sim.run();
  EXPECT_EQ(log, (Log{"2000:w1=green", "2000:w2=green"}));
  EXPECT_THROW(ev.trigger("again"), std::logic_error);
  // Waiting on an event that already fired does not suspend.
  sim.start(waiter(sim, ev, log, "late"));
  sim.run();
  EXPECT_EQ(log.back(), "2000:late=green");
}

TEST(Simulation, AnyOfReturnsTheFirstAndForgetsTheRest) {
  k::Simulation sim;
  Log log;
  k::Event<> doc_ok(sim);
  auto officer = [](k::Simulation& s, k::Event<>& e) -> k::Process {
    co_await s.timeout(40s);
    e.trigger();
  };
  auto truck = [](k::Simulation& s, k::Event<>& e, Log& l) -> k::Process {
    const std::size_t first = co_await k::any_of(s, e, s.timeout(30s));
    l.push_back(at(s, "first=" + std::to_string(first)));
    const std::size_t second = co_await k::any_of(s, e, s.timeout(30s));
    l.push_back(at(s, "second=" + std::to_string(second)));
    co_await s.timeout(100s);  // the stale 30 s timeout of the second wait must not wake it
    l.push_back(at(s, "done"));
  };
  sim.start(officer(sim, doc_ok));
  sim.start(truck(sim, doc_ok, log));
  sim.run();
  EXPECT_EQ(log, (Log{"30000:first=1", "40000:second=0", "140000:done"}));
}

TEST(Simulation, AllOfWaitsForEveryOperand) {
  k::Simulation sim;
  Log log;
  k::Event<> a(sim);
  k::Event<int> b(sim);
  auto fire_a = [](k::Simulation& s, k::Event<>& e) -> k::Process {
    co_await s.timeout(5s);
    e.trigger();
  };
  auto fire_b = [](k::Simulation& s, k::Event<int>& e) -> k::Process {
    co_await s.timeout(9s);
    e.trigger(3);
  };
  auto waiter = [](k::Simulation& s, k::Event<>& x, k::Event<int>& y, Log& l) -> k::Process {
    k::Process p = s.start(ticker(s, l, "p", 7s, 1));
    co_await k::all_of(s, x, y, p);
    l.push_back(at(s, "all"));
  };
  sim.start(fire_a(sim, a));
  sim.start(fire_b(sim, b));
  sim.start(waiter(sim, a, b, log));
  sim.run();
  EXPECT_EQ(log, (Log{"7000:p", "9000:all"}));
}

TEST(Simulation, DeadlockIsAReportedOutcome) {
  k::Simulation sim;
  k::Event<> never(sim);
  auto stuck = [](k::Simulation& s, k::Event<>& e) -> k::Process {
    co_await s.timeout(1s);
    co_await e;
  };
  sim.start(stuck(sim, never));
  sim.start(stuck(sim, never));
  const auto outcome = sim.run();
  EXPECT_EQ(outcome.kind, k::RunOutcome::Kind::Deadlock);
  EXPECT_EQ(outcome.waiting_processes, 2u);
  EXPECT_EQ(outcome.time, k::time_zero + 1s);
}

TEST(Simulation, StopEndsTheRunAfterTheCurrentEvent) {
  k::Simulation sim;
  Log log;
  auto stopper = [](k::Simulation& s) -> k::Process {
    co_await s.timeout(3s);
    s.stop();
  };
  sim.start(ticker(sim, log, "t", 1s, 10));
  sim.start(stopper(sim));
  EXPECT_EQ(sim.run().kind, k::RunOutcome::Kind::Stopped);
  EXPECT_EQ(sim.now(), k::time_zero + 3s);
}

TEST(Simulation, NegativeTimeoutThrowsInsideTheProcess) {
  k::Simulation sim;
  auto bad = [](k::Simulation& s) -> k::Process { co_await s.timeout(-1s); };
  sim.start(bad(sim));
  EXPECT_THROW(sim.run(), std::invalid_argument);
}

TEST(Simulation, TearsDownSuspendedProcessesWithoutLeaks) {
  // Under AddressSanitizer this fails if frames of waiting processes leak.
  auto sim = std::make_unique<k::Simulation>();
  k::Event<> never(*sim);
  auto stuck = [](k::Simulation& s, k::Event<>& e) -> k::Process {
    std::vector<int> big(1000, 1);
    co_await s.timeout(std::chrono::milliseconds(big.size()));
    co_await e;
  };
  std::vector<k::Process> handles;
  for (int i = 0; i < 100; ++i) handles.push_back(sim->start(stuck(*sim, never)));
  sim->run();
  EXPECT_EQ(sim->live_processes(), 100u);
  handles.clear();
  sim.reset();
  SUCCEED();
}

TEST(Simulation, MillionLiveProcesses) {
  k::Simulation sim;
  std::uint64_t finished = 0;
  auto sleeper = [](k::Simulation& s, std::uint64_t& done, int i) -> k::Process {
    co_await s.timeout(std::chrono::milliseconds(i % 1000));
    ++done;
  };
  for (int i = 0; i < 1'000'000; ++i) sim.start(sleeper(sim, finished, i));
  EXPECT_EQ(sim.live_processes(), 1'000'000u);
  sim.run();
  EXPECT_EQ(finished, 1'000'000u);
  EXPECT_EQ(sim.live_processes(), 0u);
}

TEST(Simulation, TraceHookSeesEveryEvent) {
  k::Simulation sim;
  Log log;
  std::vector<std::pair<std::int64_t, std::uint64_t>> seen;
  sim.set_trace_hook(
      [](void* ctx, k::SimTime t, std::uint64_t id, std::uint32_t) {
        static_cast<decltype(seen)*>(ctx)->emplace_back(t.time_since_epoch().count(), id);
      },
      &seen);
  sim.start(ticker(sim, log, "a", 2s, 2));
  sim.start(ticker(sim, log, "b", 3s, 1));
  sim.run();
  EXPECT_EQ(seen, (std::vector<std::pair<std::int64_t, std::uint64_t>>{
                      {0, 1}, {0, 2}, {2000, 1}, {3000, 2}, {4000, 1}}));
}
