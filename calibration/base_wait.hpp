// The base wait of an hour (time counted in every wait but not spent queueing for a booth) and
// the model's inputs of a day that carry it: from the model's boosted trees of the hour's inputs,
// else from its hour-of-week profile, else zero.
#pragma once

#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/model_spec.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

/// What the boosted base wait sees of an hour: hour, arrivals, servers (at least 1),
/// arrivals_per_server, and the previous and next clock hours' arrivals and servers (0 when the
/// day has no such row) and the previous hour's arrivals per server.
const std::vector<std::string>& base_wait_feature_names();
/// One feature row per row of `day` (rows of one date, hours in order).
std::vector<std::vector<double>> base_wait_features(const std::vector<HourRow>& day);

/// The model's inputs for one day (rows of one date, hours in order), with the base wait of the
/// model's trees (never negative) or else its hour-of-week profile.
std::vector<port::HourInput> day_inputs(const ModelSpec& spec, const std::vector<HourRow>& day);

}  // namespace portsim::calibration
