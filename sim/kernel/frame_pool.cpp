#include "sim/kernel/frame_pool.hpp"

namespace portsim::kernel::detail {

FramePool::~FramePool() {
  for (FreeBlock*& head : heads) {
    while (head != nullptr) {
      FreeBlock* next = head->next;
      ::operator delete(head);
      head = next;
    }
  }
}

FramePool& frame_pool() noexcept {
  thread_local FramePool pool;
  return pool;
}

}  // namespace portsim::kernel::detail
