// Recycling allocator for coroutine frames (domain-free). Frames of one process function all have
// the same size, so a per-thread free list per 16-byte size class turns the allocation of a new
// process into a pointer pop after warm-up. Blocks move freely between threads' lists.
#pragma once

#include <cstddef>
#include <new>

namespace portsim::kernel::detail {

inline constexpr std::size_t frame_granule = 16;
inline constexpr std::size_t pooled_frame_limit = 4096;

struct FreeBlock {
  FreeBlock* next;
};

struct FramePool {
  FreeBlock* heads[pooled_frame_limit / frame_granule + 1] = {};
  ~FramePool();
};

FramePool& frame_pool() noexcept;

inline void* allocate_frame(std::size_t size) {
  if (size > pooled_frame_limit) return ::operator new(size);
  const std::size_t cls = (size + frame_granule - 1) / frame_granule;
  FramePool& pool = frame_pool();
  if (FreeBlock* b = pool.heads[cls]) {
    pool.heads[cls] = b->next;
    return b;
  }
  return ::operator new(cls * frame_granule);
}

inline void free_frame(void* p, std::size_t size) noexcept {
  if (size > pooled_frame_limit) {
    ::operator delete(p);
    return;
  }
  const std::size_t cls = (size + frame_granule - 1) / frame_granule;
  FramePool& pool = frame_pool();
  auto* b = static_cast<FreeBlock*>(p);
  b->next = pool.heads[cls];
  pool.heads[cls] = b;
}

}  // namespace portsim::kernel::detail
