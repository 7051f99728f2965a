// Intrusive lists of waiting processes (domain-free). A WaitNode lives inside an awaiter, which
// lives in the suspended coroutine's frame, so registering a waiter never allocates.
#pragma once

#include <cstdint>

#include "sim/kernel/assert.hpp"

namespace portsim::kernel {

class Simulation;
class ProcessPromise;
class WaitList;

/// One registration of a suspended process with something it waits for. `fire` is called when
/// that thing happens; the default wakes the process with `reason`.
struct WaitNode {
  using Fire = void (*)(WaitNode&, Simulation&);
  Fire fire = nullptr;
  ProcessPromise* process = nullptr;
  std::uint32_t epoch = 0;   // the process's wait epoch when it registered (stale if it moved on)
  std::uint32_t reason = 0;  // handed to the process on wake-up (index in any_of, for example)
  WaitNode* prev = nullptr;
  WaitNode* next = nullptr;
  WaitList* owner = nullptr;
  void* context = nullptr;   // free for the awaiter that owns the node
};

/// Doubly linked FIFO of WaitNodes; O(1) append, removal and pop.
class WaitList {
 public:
  WaitList() = default;
  WaitList(const WaitList&) = delete;
  WaitList& operator=(const WaitList&) = delete;

  bool empty() const noexcept { return head_ == nullptr; }
  WaitNode* front() const noexcept { return head_; }
  std::uint32_t size() const noexcept { return size_; }

  void push_back(WaitNode& n) noexcept {
    PORTSIM_ASSERT(n.owner == nullptr, "a wait node is in at most one list");
    n.owner = this;
    n.next = nullptr;
    n.prev = tail_;
    if (tail_ != nullptr) tail_->next = &n; else head_ = &n;
    tail_ = &n;
    ++size_;
  }

  /// Inserts before `pos` (nullptr appends).
  void insert_before(WaitNode* pos, WaitNode& n) noexcept {
    if (pos == nullptr) {
      push_back(n);
      return;
    }
    n.owner = this;
    n.next = pos;
    n.prev = pos->prev;
    if (pos->prev != nullptr) pos->prev->next = &n; else head_ = &n;
    pos->prev = &n;
    ++size_;
  }

  void remove(WaitNode& n) noexcept {
    PORTSIM_ASSERT(n.owner == this, "removing a node from the list that holds it");
    if (n.prev != nullptr) n.prev->next = n.next; else head_ = n.next;
    if (n.next != nullptr) n.next->prev = n.prev; else tail_ = n.prev;
    n.prev = n.next = nullptr;
    n.owner = nullptr;
    --size_;
  }

  WaitNode* pop_front() noexcept {
    WaitNode* n = head_;
    if (n != nullptr) remove(*n);
    return n;
  }

  WaitNode* back() const noexcept { return tail_; }

 private:
  WaitNode* head_ = nullptr;
  WaitNode* tail_ = nullptr;
  std::uint32_t size_ = 0;
};

/// Removes a node from whatever list holds it (no-op if none).
inline void unlink(WaitNode& n) noexcept {
  if (n.owner != nullptr) n.owner->remove(n);
}

}  // namespace portsim::kernel
