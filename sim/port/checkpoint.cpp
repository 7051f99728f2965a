#include "sim/port/checkpoint.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"

namespace portsim::port {

int wait_bin(double m) {
  if (m <= 15) return 0;
  if (m <= 30) return 1;
  if (m <= 45) return 2;
  if (m <= 60) return 3;
  if (m <= 90) return 4;
  if (m <= 120) return 5;
  return 6;
}

namespace {

struct Accumulator {
  double sum = 0;
  double max = 0;
  std::array<double, 7> bins{};
  int n = 0;
};

void record(Accumulator& acc, double wait) {
  acc.sum += wait;
  acc.max = std::max(acc.max, wait);
  acc.bins[static_cast<std::size_t>(wait_bin(wait))] += 1;
  ++acc.n;
}

struct Completions {
  std::array<int, 24> by_hour{};  // clock hour of the day -> completions
};

kernel::Process passenger(kernel::Simulation& sim, kernel::Resource& booths, kernel::Duration service, double base_min,
                          Accumulator& acc, Completions& done) {
  const kernel::SimTime arrived = sim.now();
  auto booth = co_await booths.request();
  record(acc, base_min + kernel::to_minutes(sim.now() - arrived));
  co_await sim.timeout(service);
  const auto hour = static_cast<std::int64_t>(kernel::to_seconds(sim.now().time_since_epoch()) / 3600.0);
  if (hour >= 0 && hour < 24) ++done.by_hour[static_cast<std::size_t>(hour)];
}

kernel::Process arrival_at(kernel::Simulation& sim, kernel::Duration at, kernel::Resource& booths,
                           kernel::Duration service, double base_min, Accumulator& acc, Completions& done) {
  co_await sim.timeout(at);
  sim.start(passenger(sim, booths, service, base_min, acc, done));
}

kernel::Process staffing(kernel::Simulation& sim, kernel::Resource& booths, std::vector<std::pair<kernel::Duration, int>> changes) {
  kernel::Duration last{};
  for (const auto& [at, n] : changes) {
    co_await sim.timeout(at - last);
    last = at;
    booths.set_capacity(n);
  }
}

/// The lane-opening policy (CheckpointParams::open_above_min); `range[h]` = {min, max} lanes of
/// clock hour h, {-1, -1} for an hour without a row (the lanes stay as they are).
kernel::Process lane_policy(kernel::Simulation& sim, kernel::Resource& booths, std::array<std::pair<int, int>, 24> range,
                            int last_hour, double mean_s, CheckpointParams p) {
  const auto step = kernel::to_duration(std::max(1.0, p.policy_interval_min) * 60.0);
  for (;;) {
    const auto hour = static_cast<int>(kernel::to_seconds(sim.now()) / 3600.0);
    std::int64_t lanes = booths.capacity();
    if (hour > last_hour && (booths.queue_length() == 0 || lanes == 0)) co_return;  // drained, or closed for the night
    if (hour >= 0 && hour < 24 && range[static_cast<std::size_t>(hour)].first >= 0) {
      const auto [lo, hi] = range[static_cast<std::size_t>(hour)];
      if (lo == 0) {
        lanes = 0;
      } else {
        lanes = std::clamp<std::int64_t>(lanes, lo, hi);
        const double wait_min = static_cast<double>(booths.queue_length()) * mean_s / static_cast<double>(lanes) / 60.0;
        if (wait_min > p.open_above_min && lanes < hi) ++lanes;
        else if (wait_min < p.close_below_min && lanes > lo) --lanes;
      }
    }
    booths.set_capacity(lanes);
    co_await sim.timeout(step);
  }
}

/// The servers of an hour, at most max_hour_servers (a huge extra_servers or a tiny
/// max_utilisation must not overflow the int).
int capped_servers(double servers) {
  return servers < max_hour_servers ? static_cast<int>(servers) : max_hour_servers;
}

int extra_servers_of(const CheckpointParams& p) {
  return static_cast<int>(std::lround(std::clamp(p.extra_servers, 0.0, static_cast<double>(max_hour_servers))));
}

void check_limits(const HourInput& h) {
  const auto over = [&](const char* what, int value, int limit) {
    if (value > limit) {
      throw std::invalid_argument("simulate_checkpoint_day: hour " + std::to_string(h.hour) + " has " +
                                  std::to_string(value) + " " + what + ", above the limit of " + std::to_string(limit));
    }
  };
  over("arrivals", h.arrivals, max_hour_arrivals);
  over("arrivals at its start", h.at_start, max_hour_arrivals);
  over("batches", h.batches, max_hour_batches);
  over("servers", h.servers, max_hour_servers);
}

}  // namespace

std::vector<HourOutput> simulate_checkpoint_day(const std::vector<HourInput>& hours, const CheckpointParams& p,
                                                std::uint64_t seed, std::uint64_t day_key, std::uint64_t replication) {
  for (const HourInput& h : hours) check_limits(h);
  kernel::Simulation sim;
  kernel::Resource booths(sim, 0);
  kernel::Rng rng = kernel::RandomStreams(seed, replication).stream("checkpoint/day/" + std::to_string(day_key));
  const double mean = std::max(1.0, p.service_mean_s);
  const double cv = std::clamp(p.service_cv, 0.05, 3.0);
  // Lognormal service times by mean and cv: a closed-form quantile keeps the inverse-CDF sampling
  // (smooth in the parameters, as calibration needs) cheap.
  const auto service = kernel::Distribution::lognormal(mean, mean * cv);
  std::vector<Accumulator> acc(hours.size());
  Completions done;
  std::vector<std::pair<kernel::Duration, int>> changes;
  int current = -1;
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const HourInput& h = hours[i];
    const double hour_start_s = h.hour * 3600.0;
    int servers = capped_servers(std::max(0, h.servers + extra_servers_of(p)));
    if (p.max_utilisation > 0) {
      const double queued = h.arrivals * (1 - std::clamp(p.bypass_share, 0.0, 1.0));
      const double load = queued * mean / 3600.0;  // offered load in servers
      constexpr double reference_load = 10;
      const double staffed = p.staffing_elasticity == 1 ? load : reference_load * std::pow(load / reference_load, p.staffing_elasticity);
      servers = std::max(servers, capped_servers(std::ceil(staffed / p.max_utilisation)));
    }
    if (servers != current) {
      const double at = hour_start_s + (current < 0 ? 0.0 : p.opening_delay_min * 60.0);
      changes.emplace_back(kernel::to_duration(at), servers);
      current = servers;
    }
    // Arrival times: batches at uniform times in the hour; each member reaches the queue after the
    // walk plus a uniform share of the spread. Poisson-like (uniform order statistics) when no batches.
    const int batches = std::max(1, h.batches);
    std::vector<double> batch_times(static_cast<std::size_t>(batches));
    for (double& t : batch_times) t = hour_start_s + 3600.0 * kernel::uniform01(rng);
    for (int k = 0; k < h.arrivals; ++k) {
      const double u_batch = kernel::uniform01(rng), u_spread = kernel::uniform01(rng), u_service = kernel::uniform01(rng);
      const double u_bypass = kernel::uniform01(rng);
      if (u_bypass < p.bypass_share) {  // never queues for a booth: only the base wait
        record(acc[i], h.base_wait_min);
        continue;
      }
      double t = 0;
      if (h.batches > 0) {
        const auto b = std::min(static_cast<std::size_t>(u_batch * batches), batch_times.size() - 1);
        t = batch_times[b] + 60.0 * (p.walk_min + u_spread * p.batch_spread_min);
      } else {
        t = hour_start_s + 3600.0 * u_batch + 60.0 * p.walk_min;
      }
      sim.start(arrival_at(sim, kernel::to_duration(t), booths, kernel::to_duration(service.quantile(u_service)),
                                h.base_wait_min, acc[i], done));
    }
    for (int k = 0; k < h.at_start; ++k) {  // queued before the hour began
      const double u_service = kernel::uniform01(rng), u_bypass = kernel::uniform01(rng);
      if (u_bypass < p.bypass_share) {
        record(acc[i], h.base_wait_min);
        continue;
      }
      sim.start(arrival_at(sim, kernel::to_duration(hour_start_s), booths, kernel::to_duration(service.quantile(u_service)),
                           h.base_wait_min, acc[i], done));
    }
  }
  if (p.open_above_min > 0) {
    std::array<std::pair<int, int>, 24> range;
    range.fill({-1, -1});
    int last_hour = 0;
    const int extra = extra_servers_of(p);
    for (const HourInput& h : hours) {
      if (h.hour < 0 || h.hour >= 24) continue;
      const int lo = std::max(0, h.servers);
      range[static_cast<std::size_t>(h.hour)] = {lo, lo == 0 ? 0 : capped_servers(lo + extra)};
      last_hour = std::max(last_hour, h.hour);
    }
    sim.start(lane_policy(sim, booths, range, last_hour, mean, p), kernel::priority_urgent);
  } else {
    sim.start(staffing(sim, booths, changes), kernel::priority_urgent);
  }
  sim.run();
  std::vector<HourOutput> out(hours.size());
  for (std::size_t i = 0; i < hours.size(); ++i) {
    if (hours[i].hour >= 0 && hours[i].hour < 24) out[i].completed = done.by_hour[static_cast<std::size_t>(hours[i].hour)];
    if (acc[i].n > 0) {
      out[i].avg_wait_min = acc[i].sum / acc[i].n;
      out[i].max_wait_min = acc[i].max;
      for (std::size_t b = 0; b < 7; ++b) out[i].bins[b] = acc[i].bins[b];
      out[i].served = acc[i].n;
    }
  }
  return out;
}

}  // namespace portsim::port
