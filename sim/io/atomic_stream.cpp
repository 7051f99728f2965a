#include "sim/io/atomic_stream.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "sim/io/result_writer.hpp"

namespace portsim::io {

AtomicStream::AtomicStream(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {
  const std::filesystem::path p(path_);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  out_.open(tmp_, std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
}

AtomicStream::~AtomicStream() {
  if (finished_) return;
  out_.close();
  std::remove(tmp_.c_str());
}

void AtomicStream::finish() {
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  if (!written) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
  commit_file(tmp_, path_);  // fsync, rename, fsync of the folder
  finished_ = true;
}

}  // namespace portsim::io
