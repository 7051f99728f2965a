// `portsim batch`: a batch file (sweep) on threads, shards (--shard i/n) or MPI ranks; resumable
// (finished runs are skipped); --merge combines the shards' folders into the tables.
#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#ifdef PORTSIM_WITH_MPI
#include <mpi.h>
#endif

#include "sim/app/cli_common.hpp"
#include "sim/experiment/batch.hpp"
#include "sim/experiment/batch_plots.hpp"
#include "sim/experiment/run_store.hpp"
#include "sim/io/batch_loader.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::app {

namespace {

namespace ex = experiment;

struct BatchCommandOptions {
  std::string file;
  unsigned jobs = default_jobs();
  std::string out_dir;
  std::string shard;
  std::vector<std::string> merge;
  bool plots = false;
  std::size_t max_runs = 0;
};

CLI::App* add(CLI::App& cli, BatchCommandOptions& o) {
  auto* batch = cli.add_subcommand("batch", "run a batch file (sweep) on threads, shards or MPI ranks; resumable");
  batch->add_option("file", o.file, "batch YAML file")->required();
  batch->add_option("--jobs", o.jobs, "threads (results do not depend on it)")->check(CLI::Range(1, 1024));
  batch->add_option("--out", o.out_dir, "output folder (default: the batch file's out)");
  batch->add_option("--shard", o.shard, "run only share i of n (0-based), e.g. 0/4 for a job array");
  batch->add_option("--merge", o.merge, "combine the runs found in these folders (shards) into the tables")
      ->expected(1, 10000);
  batch->add_flag("--plots", o.plots, "draw KPI-vs-factor plots with CI bands");
  batch->add_option("--max-runs", o.max_runs, "stop after this many new runs (then resume by rerunning)");
  return batch;
}

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  std::size_t i = 0, n = 0;
  char slash = 0;
  std::istringstream is(text);
  if (!(is >> i >> slash >> n) || slash != '/' || n == 0 || i >= n || !is.eof()) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--shard",
                                           "expected i/n with 0 <= i < n (for example 0/4), got \"" + text + "\""}});
  }
  return {i, n};
}

/// MPI when started by mpirun (Open MPI or a PMI launcher), else one rank.
struct MpiSession {
  std::size_t rank = 0;
  std::size_t size = 1;
#ifdef PORTSIM_WITH_MPI
  bool active = false;
  MpiSession() {
    if (std::getenv("OMPI_COMM_WORLD_SIZE") == nullptr && std::getenv("PMI_SIZE") == nullptr) return;
    MPI_Init(nullptr, nullptr);
    active = true;
    int r = 0, n = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    rank = static_cast<std::size_t>(r);
    size = static_cast<std::size_t>(n);
  }
  ~MpiSession() {
    if (active) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  void barrier() const {
    if (active) MPI_Barrier(MPI_COMM_WORLD);
  }
  /// A rank that fails ends the whole job: the others would wait at the barrier for ever.
  void abort_job(const std::exception& e) const {
    if (!active || size < 2) return;
    std::cerr << "portsim: error: MPI rank " << rank << ": " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, exit_environment);
  }
#else
  void barrier() const {}
  void abort_job(const std::exception&) const {}
#endif
};

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return std::string(buf);
}

int execute(const BatchCommandOptions& o, const Context& context) {
  const std::string started = utc_now();
  const io::BatchSpec spec = io::load_batch(o.file);
  const std::string out = o.out_dir.empty() ? spec.out : o.out_dir;
  ex::BatchOptions opt;
  opt.jobs = o.jobs;
  opt.command_line = context.command_line;
  opt.max_runs = o.max_runs;
  if (!o.merge.empty()) {
    for (const auto& w : ex::assemble_batch(spec, o.merge, out, opt, started)) std::cerr << w << "\n";
    std::cout << fmt::format("merged {} folder(s) into {}/results.csv, points.csv, results.sqlite, manifest.json\n",
                             o.merge.size(), out);
    if (o.plots) ex::plot_batch(out);
    return 0;
  }
  if (!o.shard.empty()) std::tie(opt.shard, opt.shards) = parse_shard(o.shard);
  MpiSession mpi;
  opt.rank = mpi.rank;
  opt.ranks = mpi.size;
  if (mpi.rank == 0) {
    std::cout << fmt::format("batch {}: {} design point(s) x {} replication(s) = {} runs{}{}\n", spec.name,
                             spec.points.size(), spec.replications, spec.points.size() * spec.replications,
                             opt.shards > 1 ? fmt::format(", shard {}/{}", opt.shard, opt.shards) : "",
                             mpi.size > 1 ? fmt::format(", {} MPI ranks", mpi.size) : "");
  }
  ex::BatchOutcome outcome;
  try {
    outcome = ex::run_batch(spec, out, opt);
  } catch (const std::exception& e) {
    mpi.abort_job(e);
    throw;
  }
  mpi.barrier();
  if (mpi.rank != 0) return 0;
  std::cout << fmt::format("{} run(s) done now, {} found finished (resume), {:.1f} s\n", outcome.ran_now,
                           outcome.done_before, outcome.seconds);
  if (ex::missing_runs(spec, out) > 0) {  // other shards' or ranks' runs, or interrupted
    std::cout << (opt.shards > 1
                      ? "shard finished; combine the shards with: portsim batch " + o.file + " --merge DIR...\n"
                      : "batch interrupted before the end; run the same command again to resume\n");
    return 0;
  }
  for (const auto& w : ex::assemble_batch(spec, {out}, out, opt, started)) std::cerr << w << "\n";
  std::cout << "wrote " << out << "/results.csv, points.csv, results.sqlite, manifest.json\n";
  if (o.plots) {
    try {
      ex::plot_batch(out);
      std::cout << "wrote plots to " << out << "\n";
    } catch (const std::runtime_error& e) {
      std::cerr << "portsim: " << e.what() << "\n";
    }
  }
  return 0;
}

}  // namespace

Command batch_command(CLI::App& cli) { return make_command(cli, add, execute); }

}  // namespace portsim::app
