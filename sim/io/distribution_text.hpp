// The distribution text of scenario files ("lognormal(90s, 30s)", "erlang(3, 90s)", "90s"): the one
// parser, which also bounds what each form can give, so that a reader can refuse negative times,
// means beyond any study and samples beyond the clock before a run meets them.
#pragma once

#include <string>

#include "sim/kernel/random.hpp"

namespace portsim::io {

/// The largest time sample a distribution may give, in seconds (1e15 s, about 32 million years):
/// far beyond any run (kernel::max_span), and far enough below the tick count's limit that the
/// time of an event (now + sample) never overflows.
inline constexpr double max_sample_seconds = 1e15;

/// A parsed distribution of times in seconds and the range of the values it can give.
struct TimeDistribution {
  kernel::Distribution distribution;
  double lowest = 0;   // the smallest value it can give (negative only for offsets)
  double highest = 0;  // its largest value, or for an unbounded tail the value it exceeds with
                       // probability about 1e-21 (never, in any run)
};

/// Parses "lognormal(90s, 30s)", "exponential(36s)", "erlang(3, 90s)", "triangular(20s, 30s, 60s)",
/// "uniform(1min, 2min)", "gamma(2, 45s)", "weibull(1.5, 100s)", "empirical(30s, 45s, 60s)",
/// "constant(90s)" or just "90s". Every duration argument is within kernel::max_span, as is the
/// mean; `highest` is at most max_sample_seconds; erlang's k is an integer in [1, 1e6] and gamma's
/// shape at most 1e6. Throws std::invalid_argument with a message naming the text and the problem
/// (or the allowed forms).
TimeDistribution parse_time_distribution(const std::string& text);

/// The distribution of parse_time_distribution(text).
kernel::Distribution parse_distribution(const std::string& text);

}  // namespace portsim::io
