// How a model gets its base wait (the part of the wait not spent queueing for a booth): the one
// name table of fit.base_wait, used by the model-file reader and writer.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portsim::calibration {

enum class BaseWaitMode {
  None,     // zero
  Profile,  // by hour of week, estimated from the training residuals, alternating with the fit
  Boosted,  // as Profile during the parameter fit, then boosted trees of the hour's inputs
};

inline constexpr std::array<std::pair<BaseWaitMode, std::string_view>, 3> base_wait_mode_table{{
    {BaseWaitMode::None, "none"}, {BaseWaitMode::Profile, "profile"}, {BaseWaitMode::Boosted, "boosted"}}};

/// The file name of `mode` (fit.base_wait).
std::string_view name_of(BaseWaitMode mode) noexcept;
/// The mode named `name`, or nothing.
std::optional<BaseWaitMode> parse_base_wait_mode(std::string_view name) noexcept;
/// Every name in table order (the allowed values of fit.base_wait).
std::vector<std::string> base_wait_mode_names();

/// Whether the parameter fit alternates with an hour-of-week profile (Profile and Boosted).
constexpr bool fits_profile(BaseWaitMode mode) noexcept { return mode != BaseWaitMode::None; }

}  // namespace portsim::calibration
