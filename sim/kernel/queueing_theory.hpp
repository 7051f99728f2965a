// Exact results of queueing theory (domain-free), used to validate models and as analytic
// baselines: Erlang B and C, M/M/c waits, Pollaczek-Khinchine, Cobham's priority formula.
#pragma once

#include <vector>

namespace portsim::kernel::queueing {

/// Erlang B: blocking probability of an M/M/c/c loss system with offered load a = lambda/mu.
double erlang_b(int servers, double offered_load);
/// Erlang C: probability that an arrival waits in M/M/c (needs offered_load < servers).
double erlang_c(int servers, double offered_load);
/// Mean wait in queue of M/M/c with arrival rate lambda and service rate mu per server.
double mmc_mean_wait(int servers, double lambda, double mu);
/// Mean wait in queue of M/G/1 (Pollaczek-Khinchine): lambda E[S^2] / (2 (1 - rho)).
double mg1_mean_wait(double lambda, double service_mean, double service_variance);
/// Mean waits in queue of an M/G/1 with non-preemptive priority classes (Cobham 1954); class 0 is
/// served first. lambdas and moments per class.
std::vector<double> cobham_mean_waits(const std::vector<double>& lambdas,
                                      const std::vector<double>& service_means,
                                      const std::vector<double>& service_second_moments);
/// Blocking probability of M/M/c/K (K = servers + waiting places) with offered load a.
double mmck_blocking(int servers, int capacity, double offered_load);

}  // namespace portsim::kernel::queueing
