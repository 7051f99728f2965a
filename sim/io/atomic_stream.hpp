// A text file streamed to a temporary name and renamed into place when finished: a run that stops
// early (an error, a signal) leaves no half-written file under the real name.
#pragma once

#include <fstream>
#include <string>

namespace portsim::io {

class AtomicStream {
 public:
  /// Opens `path`.tmp (creating the parent folders); throws std::runtime_error when it cannot.
  explicit AtomicStream(std::string path);
  ~AtomicStream();
  AtomicStream(const AtomicStream&) = delete;
  AtomicStream& operator=(const AtomicStream&) = delete;

  std::ofstream& out() noexcept { return out_; }
  /// Flushes and renames the temporary file to `path`; throws std::runtime_error on failure.
  void finish();

 private:
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool finished_ = false;
};

}  // namespace portsim::io
