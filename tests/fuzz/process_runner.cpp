#include "tests/fuzz/process_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace portsim::fuzz {

namespace {

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& x : extra) replaced = replaced || x.substr(0, x.find('=')) == name;
    if (!replaced) env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> p;
  for (auto& s : strings) p.push_back(s.data());
  p.push_back(nullptr);
  return p;
}

int open_output(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
  return fd;
}

void limit(int resource, std::size_t mb) {
  const rlim_t bytes = static_cast<rlim_t>(mb) * 1024 * 1024;
  const rlimit r{bytes, bytes};
  setrlimit(resource, &r);
}

/// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const char* dir, int out, int err, char** argv, char** envp, const Limits& limits) {
  setpgid(0, 0);
  if (chdir(dir) != 0) _exit(126);
  const int in = ::open("/dev/null", O_RDONLY);
  if (in >= 0) dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  if (limits.memory_mb) limit(RLIMIT_AS, limits.memory_mb);
  if (limits.file_mb) limit(RLIMIT_FSIZE, limits.file_mb);
  limit(RLIMIT_CORE, 0);
  execve(argv[0], argv, envp);
  static const char message[] = "fuzz-harness: exec failed\n";
  [[maybe_unused]] const ssize_t n = write(2, message, sizeof message - 1);
  _exit(127);
}

std::string read_head(const std::filesystem::path& file, std::size_t bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string s(bytes, '\0');
  in.read(s.data(), static_cast<std::streamsize>(bytes));
  s.resize(static_cast<std::size_t>(in.gcount()));
  return s;
}

}  // namespace

StepResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                       const std::vector<std::string>& env, const Limits& limits, const std::string& stem) {
  std::vector<std::string> args = argv;
  std::vector<std::string> environment = merged_environment(env);
  std::vector<char*> argp = pointers(args), envp = pointers(environment);
  const std::string dir_text = dir.string();
  const std::filesystem::path err_file = dir / (stem + ".err");
  const int out = open_output(dir / (stem + ".out"));
  const int err = open_output(err_file);

  StepResult r;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    ::close(out);
    ::close(err);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) exec_child(dir_text.c_str(), out, err, argp.data(), envp.data(), limits);
  setpgid(pid, pid);  // also here: no race with the kill below
  ::close(out);
  ::close(err);

  int status = 0;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() - start > limits.timeout) {
      kill(-pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(pause);
    if (pause < std::chrono::milliseconds(20)) pause *= 2;
  }
  kill(-pid, SIGKILL);  // what the command left behind (gnuplot, Xvfb helpers)
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!r.timed_out) {
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  }
  r.stderr_head = read_head(err_file, 64 * 1024);
  r.exec_failed = r.exit_code == 127 && r.stderr_head.find("fuzz-harness: exec failed") != std::string::npos;
  return r;
}

}  // namespace portsim::fuzz
