// A booth checkpoint driven by hourly inputs (the hourly aggregate log: arrivals, arrival batches
// such as flights, booths open): the model that calibration/ fits to real hourly logs. Passengers or
// trucks of a batch reach the queue spread over a window after the batch arrives; one FIFO queue
// feeds the booths open in each hour (a change of staffing takes effect after an opening delay).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/kernel/random.hpp"

namespace portsim::port {

/// The most one hour may ask of the model, which simulates every arrival: the log readers
/// (calibration/log_adapters.cpp) refuse rows above them and simulate_checkpoint_day throws
/// std::invalid_argument. Ten times and more the busiest hours of the public logs read (ORD:
/// 3,779 passengers, 17 flights, 51 booths in an hour).
inline constexpr int max_hour_arrivals = 50000;  // arrivals (and at_start) in one hour
inline constexpr int max_hour_batches = 10000;   // arrival batches (flights) in one hour
inline constexpr int max_hour_servers = 10000;   // booths or lanes, also with extra_servers and
                                                 // the utilisation floor (which stop there)

/// One hour of inputs.
struct HourInput {
  int hour = 0;          // 0..23 within the day
  int arrivals = 0;      // vehicles or passengers arriving (processed) in the hour
  int batches = 0;       // arrival batches in the hour (flights); 0 = Poisson arrivals
  int servers = 1;       // booths or lanes open (0: closed; arrivals wait for the next open hour)
  int at_start = 0;      // further arrivals present at the very start of the hour (a queue that
                         // formed before opening), counted with this hour
  double base_wait_min = 0;  // time counted in every wait of the hour but not spent queueing for a
                             // booth (the walk from the gate, the kiosk stage): calibration/README.md
};

/// Calibrated parameters (the vector NLopt searches).
struct CheckpointParams {
  double service_mean_s = 60;   // mean service time per vehicle / passenger at one booth
  double service_cv = 0.6;      // coefficient of variation of service time (lognormal)
  double batch_spread_min = 20; // a batch's arrivals reach the queue uniformly over this window
  double walk_min = 5;          // fixed time from batch arrival to the first queue entry
  double opening_delay_min = 0; // staffing changes take effect this long into the hour
  double bypass_share = 0;      // share that never queues for a booth (kiosks, trusted-traveller lanes)
  double extra_servers = 0;     // servers the log does not count (kiosks), added to every hour's booths
  double max_utilisation = 0;   // > 0: an hour has at least the servers that keep its queued arrivals
                                // at this utilisation (the log counts passengers *processed*, so the
                                // capacity that processed them was there); 0 = booths + extra only
  double staffing_elasticity = 1;  // with max_utilisation: the floor grows as load^elasticity around
                                   // a reference load of 10 servers (1 = in proportion; below 1 busy
                                   // hours get relatively fewer servers, quiet hours more)
  // Lane-opening policy (> 0 turns it on; as in SANDAG's border-crossing model): every
  // `policy_interval_min` the estimated wait of a new arrival (queue x mean service / lanes open)
  // is compared with the thresholds: above `open_above_min` one more lane opens, below
  // `close_below_min` one closes, within [the hour's servers, servers + extra_servers]. An hour
  // with 0 servers stays closed. Staffing by hour (and the opening delay) is then not used.
  double open_above_min = 0;
  double close_below_min = 0;
  double policy_interval_min = 15;
};

/// Waits observed in one simulated hour (by the hour the arrivals belong to).
struct HourOutput {
  double avg_wait_min = 0;
  double max_wait_min = 0;
  std::array<double, 7> bins{};  // waits 0-15, 16-30, 31-45, 46-60, 61-90, 91-120, >120 min
  int served = 0;
  int completed = 0;  // services completed during this input hour's clock hour (completions in an
                      // hour that has no input row are not counted)
};

/// Simulates one day (hours in order; missing hours have no arrivals and keep the previous
/// staffing) and returns one output per input hour. Deterministic for (params, seed, day key).
/// Throws std::invalid_argument for an hour above the limits (max_hour_arrivals, ...).
std::vector<HourOutput> simulate_checkpoint_day(const std::vector<HourInput>& hours, const CheckpointParams& p,
                                                std::uint64_t seed, std::uint64_t day_key, std::uint64_t replication = 0);

/// Bin index (0..6) of a wait in minutes, as CBP bins them.
int wait_bin(double minutes);

}  // namespace portsim::port
