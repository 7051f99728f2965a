// Random streams and distributions (domain-free). A master seed and a replication index give every
// named source ("arrivals/north-gate", "service/ocr") its own Boost.Random engine, so adding a
// source never shifts another's numbers and two scenarios see the same draws (common random
// numbers). Distributions are validated when built: a negative mean is an error, not a NaN.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/random/mersenne_twister.hpp>

#include "sim/kernel/time.hpp"

namespace portsim::kernel {

/// The engine of one stream.
using Rng = boost::random::mt19937_64;

/// SplitMix64 (Steele, Lea and Flood 2014): x advanced by the golden gamma, then mixed. A
/// bijection of 64-bit words; the project's one seed-mixing function.
constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// FNV-1a, 64 bits: the project's one hash of names, texts and files.
constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 0xCBF29CE484222325ull) noexcept {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

/// Counter-based draws: the i-th word of the SplitMix64 sequence that starts at `key`, so any
/// member is computed on demand without a generator's state (A4 in the README).
constexpr std::uint64_t keyed_word(std::uint64_t key, std::uint64_t i) noexcept {
  return splitmix64(key + 0x9E3779B97F4A7C15ull * i);
}

/// keyed_word(key, i) as a uniform in [0, 1) with 53 random bits.
constexpr double keyed_uniform(std::uint64_t key, std::uint64_t i) noexcept {
  return static_cast<double>(keyed_word(key, i) >> 11) * 0x1.0p-53;
}

/// Seeds of named streams: seed_for(name) depends only on (master seed, replication, name).
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t master_seed = 1, std::uint64_t replication = 0) noexcept
      : master_(master_seed), replication_(replication) {}
  std::uint64_t master_seed() const noexcept { return master_; }
  std::uint64_t replication() const noexcept { return replication_; }
  /// The 64-bit seed of the named stream (SplitMix64 over the seed, replication and FNV-1a name).
  std::uint64_t seed_for(std::string_view name) const noexcept;
  /// A fresh engine for the named stream.
  Rng stream(std::string_view name) const { return Rng(seed_for(name)); }

 private:
  std::uint64_t master_;
  std::uint64_t replication_;
};

/// A uniform draw in [0, 1) with 53 random bits.
inline double uniform01(Rng& rng) noexcept {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// A validated probability distribution on the reals. Parameters are in whatever unit the caller
/// uses (PortSim passes seconds for times); sample() returns that unit.
class Distribution {
 public:
  enum class Kind { Constant, Uniform, Triangular, Exponential, Erlang, Gamma, Lognormal, Weibull, Empirical };

  /// Every factory throws std::invalid_argument with a sentence naming the bad parameter.
  static Distribution constant(double value);
  static Distribution uniform(double low, double high);
  static Distribution triangular(double low, double mode, double high);
  static Distribution exponential(double mean);
  /// Sum of k exponentials with total mean `mean`.
  static Distribution erlang(int k, double mean);
  static Distribution gamma(double shape, double scale);
  /// Lognormal given the mean and standard deviation of the variable itself (not of its log).
  static Distribution lognormal(double mean, double stddev);
  static Distribution weibull(double shape, double scale);
  /// Resamples `values` with probabilities proportional to `weights` (equal when empty).
  static Distribution empirical(std::vector<double> values, std::vector<double> weights = {});

  double sample(Rng& rng) const;
  /// Inverse CDF at u in (0, 1): monotone in u, so driving two scenarios with the same uniforms
  /// gives the strongest common-random-number coupling.
  double quantile(double u) const;
  /// A time sample: sample() read as seconds, rounded to the tick.
  Duration sample_duration(Rng& rng) const { return to_duration(sample(rng)); }

  Kind kind() const noexcept { return kind_; }
  double mean() const;
  double variance() const;
  /// Compact text: "lognormal(90, 30)" (parameters as given).
  std::string describe() const;

 private:
  Distribution(Kind k, double a, double b, double c) : kind_(k), a_(a), b_(b), c_(c) {}
  Kind kind_;
  double a_;
  double b_;
  double c_;
  std::vector<double> values_;
  std::vector<double> cumulative_;  // cumulative weights, normalised to 1
};

std::string to_string(Distribution::Kind k);

}  // namespace portsim::kernel
