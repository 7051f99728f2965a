#include "sim/kernel/store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace k = portsim::kernel;
using namespace std::chrono_literals;

namespace {
using Log = std::vector<std::string>;
std::string at(const k::Simulation& sim, const std::string& what) {
  return std::to_string(sim.now().time_since_epoch().count() / 1000) + ":" + what;
}
}  // namespace

TEST(Store, PutBlocksWhenFullAndGetBlocksWhenEmpty) {
  k::Simulation sim;
  k::Store<int> buffer(sim, 2);
  Log log;
  auto producer = [](k::Simulation& s, k::Store<int>& b, Log& l) -> k::Process {
    for (int i = 1; i <= 4; ++i) {
      co_await b.put(i);
      l.push_back(at(s, "put " + std::to_string(i)));
    }
  };
  auto consumer = [](k::Simulation& s, k::Store<int>& b, Log& l) -> k::Process {
    co_await s.timeout(10s);
    for (int i = 0; i < 5; ++i) {
      const int x = co_await b.get();
      l.push_back(at(s, "got " + std::to_string(x)));
      co_await s.timeout(1s);
    }
  };
  sim.start(producer(sim, buffer, log));
  sim.start(consumer(sim, buffer, log));
  const auto outcome = sim.run();
  EXPECT_EQ(log, (Log{"0:put 1", "0:put 2", "10:got 1", "10:put 3", "11:got 2", "11:put 4",
                      "12:got 3", "13:got 4"}));
  // The consumer waits for a fifth item that never comes: reported, not hung.
  EXPECT_EQ(outcome.kind, k::RunOutcome::Kind::Deadlock);
  EXPECT_EQ(buffer.waiting_getters(), 1u);
}

TEST(Store, HandsItemsDirectlyToWaitingGetters) {
  k::Simulation sim;
  k::Store<std::string> box(sim, 1);
  Log log;
  auto getter = [](k::Simulation& s, k::Store<std::string>& b, Log& l, std::string n) -> k::Process {
    const std::string x = co_await b.get();
    l.push_back(at(s, n + " " + x));
  };
  auto putter = [](k::Simulation& s, k::Store<std::string>& b) -> k::Process {
    co_await s.timeout(3s);
    co_await b.put("MSCU1234565");
    co_await b.put("TGHU9876543");
  };
  sim.start(getter(sim, box, log, "g1"));
  sim.start(getter(sim, box, log, "g2"));
  sim.start(putter(sim, box));
  EXPECT_EQ(sim.run().kind, k::RunOutcome::Kind::Finished);
  EXPECT_EQ(log, (Log{"3:g1 MSCU1234565", "3:g2 TGHU9876543"}));
  EXPECT_EQ(box.size(), 0u);
}
