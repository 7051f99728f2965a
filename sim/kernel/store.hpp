// Store<T>: a bounded FIFO buffer between processes with blocking put and get (domain-free).
#pragma once

#include <coroutine>
#include <cstddef>
#include <deque>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::kernel {

template <class T>
class Store {
 public:
  /// capacity >= 1 items (default: unbounded).
  explicit Store(Simulation& sim, std::size_t capacity = std::numeric_limits<std::size_t>::max())
      : sim_(&sim), capacity_(capacity), level_(sim.now(), 0.0) {
    if (capacity == 0) throw std::invalid_argument("store capacity must be >= 1");
  }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  struct PutAwaiter {
    Store* store;
    T item;
    ProcessPromise* self = nullptr;
    WaitNode node{};
    bool accepted = false;
    bool suspended = false;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) {
      self = &h.promise();
      if (self->has_pending_interrupt()) return false;
      if (store->try_put(*this)) return false;
      node.process = self;
      node.epoch = self->epoch();
      node.context = this;
      store->putters_.push_back(node);
      suspended = true;
      return true;
    }
    /// Returns once the item is in the store (or handed to a getter). Throws Interrupted if
    /// interrupted before that (the item is then not stored).
    void await_resume() {
      if (accepted) return;
      unlink(node);
      self->throw_if_interrupted();
    }
  };

  struct GetAwaiter {
    Store* store;
    ProcessPromise* self = nullptr;
    WaitNode node{};
    std::optional<T> item;
    bool suspended = false;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<ProcessPromise> h) {
      self = &h.promise();
      if (self->has_pending_interrupt()) return false;
      if (store->try_get(*this)) return false;
      node.process = self;
      node.epoch = self->epoch();
      node.context = this;
      store->getters_.push_back(node);
      suspended = true;
      return true;
    }
    /// The oldest item. Throws Interrupted if interrupted before one arrived.
    T await_resume() {
      if (item) return std::move(*item);
      unlink(node);
      self->throw_if_interrupted();
      throw std::logic_error("Store::get resumed without an item");
    }
  };

  /// `co_await store.put(x)` waits while the store is full.
  PutAwaiter put(T item) { return PutAwaiter{this, std::move(item)}; }
  /// `T x = co_await store.get()` waits while the store is empty.
  GetAwaiter get() { return GetAwaiter{this, nullptr, {}, std::nullopt, false}; }

  std::size_t size() const noexcept { return items_.size(); }
  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t waiting_putters() const noexcept { return putters_.size(); }
  std::size_t waiting_getters() const noexcept { return getters_.size(); }
  const TimeWeighted& level() const noexcept { return level_; }

 private:
  bool try_put(PutAwaiter& p) {
    if (WaitNode* g = getters_.pop_front()) {
      auto* getter = static_cast<GetAwaiter*>(g->context);
      getter->item.emplace(std::move(p.item));
      sim_->wake(*g->process, g->epoch, 0);
      p.accepted = true;
      return true;
    }
    if (items_.size() < capacity_) {
      items_.push_back(std::move(p.item));
      level_.set(sim_->now(), static_cast<double>(items_.size()));
      p.accepted = true;
      return true;
    }
    return false;
  }
  bool try_get(GetAwaiter& g) {
    if (items_.empty()) return false;
    g.item.emplace(std::move(items_.front()));
    items_.pop_front();
    // A slot freed: the first blocked putter gets in.
    if (WaitNode* p = putters_.pop_front()) {
      auto* putter = static_cast<PutAwaiter*>(p->context);
      items_.push_back(std::move(putter->item));
      putter->accepted = true;
      sim_->wake(*p->process, p->epoch, 0);
    }
    level_.set(sim_->now(), static_cast<double>(items_.size()));
    return true;
  }

  Simulation* sim_;
  std::size_t capacity_;
  std::deque<T> items_;
  WaitList putters_;
  WaitList getters_;
  TimeWeighted level_;
};

}  // namespace portsim::kernel
