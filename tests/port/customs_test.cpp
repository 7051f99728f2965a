// Customs on its own: the channel by the truck's uniform (random selection within the budget,
// binomial tolerance), risk thresholds that give the same red and yellow rates, agency checks
// (sum in sequence, the longest with a single window), trouble tickets, and IT outages with the
// disaster-recovery switchover (SystemDown / SystemUp at exact times).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/port/customs.hpp"
#include "tests/port/component_fixture.hpp"

namespace k = portsim::kernel;
namespace p = portsim::port;
using portsim::test::ComponentWorld;
using portsim::test::key_where;
using portsim::test::make_truck;
using portsim::test::tiny_port_yaml;
using E = portsim::port::EventKind;

namespace {

struct CustomsRig {
  explicit CustomsRig(std::vector<std::string> sets)
      : w(tiny_port_yaml(), with_defaults(std::move(sets))), customs(w.cfg, streams, w.bus) {}
  /// Every truck an import with one container; 5% of the containers break a rule.
  static std::vector<std::string> with_defaults(std::vector<std::string> sets) {
    sets.insert(sets.begin(), {"demand.import_share=1", "demand.container_probs=[0, 1, 0]",
                               "demand.noncompliance_rate=0.05", "customs.selection.yellow_rate=0.10",
                               "customs.selection.red_rate=0.03"});
    return sets;
  }
  ComponentWorld w;
  k::RandomStreams streams{3};
  p::Customs customs;

  /// n trucks drawn by the scenario's attribute model (keys from their own generator).
  std::vector<p::Truck> trucks(int n) const {
    k::Rng keys(12345);
    std::vector<p::Truck> out;
    for (int i = 0; i < n; ++i) {
      p::Truck t = make_truck(static_cast<std::uint32_t>(i + 1), keys());
      p::draw_attributes(t, w.cfg.demand, w.cfg.customs);
      out.push_back(t);
    }
    return out;
  }
};

struct ChannelCounts {
  double n = 0, red = 0, yellow = 0, noncompliant = 0, noncompliant_red = 0;
};

ChannelCounts count_channels(const CustomsRig& r, int n) {
  ChannelCounts c;
  for (const p::Truck& t : r.trucks(n)) {
    const p::Channel ch = r.customs.select(t);
    ++c.n;
    c.red += ch == p::Channel::Red ? 1 : 0;
    c.yellow += ch == p::Channel::Yellow ? 1 : 0;
    if (t.any_noncompliant()) {
      ++c.noncompliant;
      c.noncompliant_red += ch == p::Channel::Red ? 1 : 0;
    }
  }
  return c;
}

/// Four standard deviations of a binomial share with n trials.
double four_sd(double share, double n) { return 4 * std::sqrt(share * (1 - share) / n); }

constexpr int sample = 20'000;

}  // namespace

TEST(CustomsSelection, RandomChannelIsDecidedByTheTrucksSelectUniform) {
  CustomsRig r({});
  const auto truck_with = [&](double low, double high) {
    p::Truck t = make_truck(1, key_where([&](const p::Truck& x) {
      return x.u(p::draw::select) >= low && x.u(p::draw::select) < high;
    }));
    t.containers = 1;
    return t;
  };
  EXPECT_EQ(r.customs.select(truck_with(0.0, 0.03)), p::Channel::Red);
  EXPECT_EQ(r.customs.select(truck_with(0.03, 0.13)), p::Channel::Yellow);
  EXPECT_EQ(r.customs.select(truck_with(0.13, 1.0)), p::Channel::Green);
  p::Truck trusted = truck_with(0.02, 0.03);  // red for others; the multiplier 0.5 halves the rates
  trusted.trusted = true;
  CustomsRig half({"customs.selection.trusted_trader_multiplier=0.5"});
  EXPECT_EQ(half.customs.select(trusted), p::Channel::Yellow);
}

TEST(CustomsSelection, EmptyTrucksCarryNoDeclarationAndStayGreen) {
  CustomsRig r({"customs.selection.red_rate=1", "customs.selection.yellow_rate=0"});
  p::Truck empty = make_truck(1);
  EXPECT_EQ(r.customs.select(empty), p::Channel::Green);
  empty.containers = 1;
  EXPECT_EQ(r.customs.select(empty), p::Channel::Red);
}

TEST(CustomsSelection, RandomSelectionSpendsTheBudget) {
  CustomsRig r({"demand.trusted_trader_share=0"});
  const auto c = count_channels(r, sample);
  EXPECT_NEAR(c.red / c.n, 0.03, four_sd(0.03, c.n));
  EXPECT_NEAR(c.yellow / c.n, 0.10, four_sd(0.10, c.n));
  // Random selection is blind: non-compliant trucks are red at the same rate.
  EXPECT_NEAR(c.noncompliant_red / c.noncompliant, 0.03, four_sd(0.03, c.noncompliant));
}

TEST(CustomsSelection, TrustedTradersAreSelectedAtTheMultipliedRates) {
  CustomsRig r({"demand.trusted_trader_share=1", "customs.selection.trusted_trader_multiplier=0.5"});
  const auto c = count_channels(r, sample);
  EXPECT_NEAR(c.red / c.n, 0.015, four_sd(0.015, c.n));
  EXPECT_NEAR(c.yellow / c.n, 0.05, four_sd(0.05, c.n));
}

TEST(CustomsSelection, RiskThresholdsGiveTheSameRatesAndTargetTheNonCompliant) {
  CustomsRig r({"demand.trusted_trader_share=0", "customs.selection.mode=risk",
                "customs.selection.targeting_quality=0.8"});
  const auto c = count_channels(r, sample);
  // The thresholds are quantiles of a sample of risk_threshold_sample trucks; their error adds to
  // the binomial error of this sample.
  const auto tol = [&](double share) {
    return 4 * std::sqrt(share * (1 - share) / c.n + share * (1 - share) / p::risk_threshold_sample);
  };
  EXPECT_NEAR(c.red / c.n, 0.03, tol(0.03));
  EXPECT_NEAR((c.red + c.yellow) / c.n, 0.13, tol(0.13));
  // With an AUC of 0.8 about a quarter of the non-compliant trucks are red (0.03 by chance).
  EXPECT_GT(c.noncompliant_red / c.noncompliant, 0.15);
}

TEST(CustomsSelection, RiskAndRandomSpendTheSameBudgetWithTrustedTraders) {
  // 30% trusted traders checked at 0.2 x the rates: random selection checks
  // 0.03 x (0.7 + 0.3 x 0.2) = 2.28% red and 13% x 0.76 = 9.88% red or yellow. Risk selection must
  // spend the same (it spent 0.03 and 0.13, about 9% more here, before the thresholds were weighted).
  const std::vector<std::string> trusted{"demand.trusted_trader_share=0.3",
                                         "customs.selection.trusted_trader_multiplier=0.2"};
  auto with = [&](std::string mode) {
    auto sets = trusted;
    sets.push_back("customs.selection.mode=" + mode);
    return sets;
  };
  CustomsRig random(with("random")), risk(with("risk"));
  const auto a = count_channels(random, sample), b = count_channels(risk, sample);
  const double red = 0.03 * (0.7 + 0.3 * 0.2), checked = 0.13 * (0.7 + 0.3 * 0.2);
  const auto tol = [&](double share) {
    return 4 * std::sqrt(share * (1 - share) / sample + share * (1 - share) / p::risk_threshold_sample);
  };
  EXPECT_NEAR(a.red / a.n, red, four_sd(red, a.n));
  EXPECT_NEAR((a.red + a.yellow) / a.n, checked, four_sd(checked, a.n));
  EXPECT_NEAR(b.red / b.n, red, tol(red));
  EXPECT_NEAR((b.red + b.yellow) / b.n, checked, tol(checked));
  EXPECT_GT(std::fabs((b.red + b.yellow) / b.n - 0.13), tol(checked));  // the old budget is ruled out (4 sd)
}

TEST(CustomsAgencies, SequentialChecksAddUpAndASingleWindowTakesTheLongest) {
  const std::string checks = "customs.agency_checks=[\"constant(100s)\", \"constant(300s)\", \"constant(200s)\"]";
  CustomsRig sequential({checks});
  CustomsRig single({checks, "customs.single_window=true"});
  const p::Truck t = make_truck(1);
  EXPECT_DOUBLE_EQ(sequential.customs.agency_checks_seconds(t), 600.0);
  EXPECT_DOUBLE_EQ(single.customs.agency_checks_seconds(t), 300.0);
}

TEST(CustomsAgencies, EachAgencyUsesItsOwnUniform) {
  CustomsRig r({"customs.agency_checks=[\"uniform(0s, 1000s)\", \"uniform(0s, 10s)\"]"});
  const p::Truck t = make_truck(1, 99);
  EXPECT_DOUBLE_EQ(r.customs.agency_checks_seconds(t),
                   1000 * t.u(p::draw::agency0) + 10 * t.u(p::draw::agency0 + 1));
}

TEST(CustomsTickets, TroubleTicketByTheUniformAndItsTime) {
  CustomsRig r({"customs.trouble_ticket_rate=0.05", "customs.trouble_ticket_time=\"constant(20min)\""});
  const p::Truck ticket = make_truck(1, key_where([](const p::Truck& t) { return t.u(p::draw::ticket) < 0.05; }));
  const p::Truck none = make_truck(2, key_where([](const p::Truck& t) { return t.u(p::draw::ticket) >= 0.05; }));
  EXPECT_TRUE(r.customs.has_trouble_ticket(ticket));
  EXPECT_FALSE(r.customs.has_trouble_ticket(none));
  EXPECT_EQ(r.customs.trouble_ticket_time(ticket), std::chrono::minutes(20));
}

TEST(CustomsOutages, PlannedOutageTakesTheSystemDownForItsDuration) {
  CustomsRig r({"customs.outages=[{start: 1h, duration: 2h}]"});
  r.customs.start(r.w.sim);
  EXPECT_TRUE(r.customs.system_up());
  r.w.run_until_s(2 * 3600.0);
  EXPECT_FALSE(r.customs.system_up());
  r.w.run_until_s(24 * 3600.0);
  EXPECT_TRUE(r.customs.system_up());
  EXPECT_EQ(r.w.log.kinds(), (std::vector<E>{E::SystemDown, E::SystemUp}));
  EXPECT_EQ(r.w.log.times(E::SystemDown), (std::vector<double>{3600}));
  EXPECT_EQ(r.w.log.times(E::SystemUp), (std::vector<double>{3 * 3600.0}));
}

TEST(CustomsOutages, DisasterRecoveryEndsAnOutageAfterTheSwitchover) {
  CustomsRig r({"customs.outages=[{start: 1h, duration: 2h}, {start: 5h, duration: 10min}]",
                "customs.dr_switchover=30min"});
  r.customs.start(r.w.sim);
  r.w.run_until_s(24 * 3600.0);
  EXPECT_EQ(r.w.log.times(E::SystemDown), (std::vector<double>{3600, 5 * 3600.0}));
  EXPECT_EQ(r.w.log.times(E::SystemUp), (std::vector<double>{5400, 5 * 3600.0 + 600}));  // the shorter one ends first
}

TEST(CustomsOutages, RandomOutagesRecurByTheirIntervalAndRepair) {
  CustomsRig r({"customs.random_outages={interval: \"constant(10h)\", repair: \"constant(1h)\"}"});
  r.customs.start(r.w.sim);
  r.w.run_until_s(24 * 3600.0);
  EXPECT_EQ(r.w.log.times(E::SystemDown), (std::vector<double>{10 * 3600.0, 21 * 3600.0}));
  EXPECT_EQ(r.w.log.times(E::SystemUp), (std::vector<double>{11 * 3600.0, 22 * 3600.0}));
}
