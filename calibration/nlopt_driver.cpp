#include "calibration/nlopt_driver.hpp"

#include <nlopt.hpp>

#include <algorithm>

namespace portsim::calibration {

namespace {
struct Context {
  const std::function<double(const std::vector<double>&)>* f;
  int evaluations = 0;
};
double trampoline(const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) {
  auto* c = static_cast<Context*>(data);
  ++c->evaluations;
  return (*c->f)(x);
}
}  // namespace

Minimum minimise(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start,
                 const std::vector<double>& low, const std::vector<double>& high, int max_evals) {
  for (std::size_t i = 0; i < start.size(); ++i) start[i] = std::clamp(start[i], low[i], high[i]);
  Context ctx{&f};
  Minimum m;
  m.x = start;
  if (start.empty()) {
    m.value = f(start);
    m.evaluations = 1;
    return m;
  }
  nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(start.size()));
  opt.set_lower_bounds(low);
  opt.set_upper_bounds(high);
  opt.set_min_objective(trampoline, &ctx);
  opt.set_maxeval(max_evals);
  opt.set_xtol_rel(1e-3);
  std::vector<double> step(start.size());
  for (std::size_t i = 0; i < step.size(); ++i) step[i] = (high[i] - low[i]) / 8;
  opt.set_initial_step(step);
  double value = 0;
  try {
    opt.optimize(m.x, value);
  } catch (const nlopt::roundoff_limited&) {
    // The best point so far is in m.x; good enough.
  }
  m.value = value;
  m.evaluations = ctx.evaluations;
  return m;
}

}  // namespace portsim::calibration
