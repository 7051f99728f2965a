// The fuzz harness's one source of random choices: the i-th word of the kernel's SplitMix64
// sequence from a key (kernel::keyed_word), so a mutant depends only on (campaign seed, mutant
// index) and is the same on every machine, compiler and thread count. No std:: distributions
// (their output is implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/random.hpp"

namespace portsim::fuzz {

class FuzzRng {
 public:
  explicit FuzzRng(std::uint64_t key) noexcept : key_(key) {}

  std::uint64_t next() noexcept { return kernel::keyed_word(key_, counter_++); }

  /// Uniform in [0, n); n == 0 gives 0.
  std::size_t below(std::size_t n) noexcept { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

  /// Uniform in [lo, hi].
  std::size_t between(std::size_t lo, std::size_t hi) noexcept { return lo + below(hi - lo + 1); }

  /// True with probability percent / 100.
  bool percent(unsigned percent) noexcept { return below(100) < percent; }

  template <class T>
  const T& pick(const std::vector<T>& items) noexcept {
    return items[below(items.size())];
  }

  /// An independent generator for a sub-task (a named part of one mutant).
  FuzzRng fork(std::uint64_t salt) noexcept { return FuzzRng{kernel::splitmix64(next() ^ salt)}; }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

/// The key of mutant `index` of a campaign with master seed `seed`.
inline std::uint64_t mutant_key(std::uint64_t seed, std::uint64_t index) noexcept {
  return kernel::keyed_word(kernel::splitmix64(seed), index);
}

}  // namespace portsim::fuzz
