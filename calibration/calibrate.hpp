// Simulation-based calibration of the booth checkpoint model (sim/port/checkpoint.hpp) to an
// hourly log: a stated discrepancy between simulated and observed hourly statistics, minimised with
// NLopt (bounded, derivative-free, multi-start) under common random numbers, bootstrap over days
// for parameter uncertainty; prediction on other periods; validation against two baselines.
//
// The whole API in one include (for `portsim calibrate` and `portsim predict`); each part has its
// own header:
//   model_spec.hpp         the model: parameters with bounds, fit settings, calibrated base wait
//   base_wait_mode.hpp     fit.base_wait: none, profile, boosted (one name table)
//   model_file.hpp         read_model / write_model (model files and calibrated.yaml)
//   base_wait.hpp          an hour's base wait and a day's model inputs (day_inputs)
//   crn.hpp                the common-random-number key of a simulated day (one place)
//   objective.hpp          the discrepancy the fit minimises
//   base_wait_fit.hpp      the base-wait profile and boosted trees at given parameters
//   fit.hpp                the NLopt fit, bootstrap and forecast interval
//   predict.hpp            predictions per input hour, predictions.csv
//   metrics.hpp, baselines.hpp, validation_report.hpp   the held-out comparison
#pragma once

#include "calibration/base_wait.hpp"
#include "calibration/base_wait_fit.hpp"
#include "calibration/base_wait_mode.hpp"
#include "calibration/baselines.hpp"
#include "calibration/boosted_trees.hpp"
#include "calibration/fit.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/metrics.hpp"
#include "calibration/model_file.hpp"
#include "calibration/model_spec.hpp"
#include "calibration/objective.hpp"
#include "calibration/predict.hpp"
#include "calibration/validation_report.hpp"
