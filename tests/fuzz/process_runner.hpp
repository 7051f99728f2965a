// Runs one command of the fuzz harness in its case folder, in its own process group, with a
// wall-clock timeout (the whole group is killed), an address-space limit (ulimit -v; not under
// AddressSanitizer, which reserves terabytes of shadow memory and gets a hard RSS limit through
// ASAN_OPTIONS instead), a file-size limit and no core dumps. stdout and stderr go to files in
// the folder; the head of stderr comes back for the verdict.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace portsim::fuzz {

struct Limits {
  std::chrono::milliseconds timeout{10000};
  std::size_t memory_mb = 1024;  // RLIMIT_AS; 0: none
  std::size_t file_mb = 512;     // RLIMIT_FSIZE
};

struct StepResult {
  int exit_code = -1;  // when the process exited
  int signal = 0;      // when a signal ended it (not our timeout kill)
  bool timed_out = false;
  bool exec_failed = false;
  double seconds = 0;
  std::string stderr_head;  // the first 64 KiB
};

/// argv[0] is the program's path; `env` entries NAME=value are added to (or replace) ours.
/// stdout goes to <dir>/<stem>.out, stderr to <dir>/<stem>.err.
StepResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                       const std::vector<std::string>& env, const Limits& limits, const std::string& stem);

}  // namespace portsim::fuzz
