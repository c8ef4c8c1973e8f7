// bench/media/floor_uring.cpp: the bare io_uring relay loop: multishot recvmsg into provided
// buffers on every socket, each round's sends submitted together with the wait for the next.
#include "floor_loops.hpp"

#ifdef LINESIDE_FLOOR_HAVE_URING
#include <liburing.h>
#include <sys/socket.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "floor_window.hpp"
#endif

namespace lineside::bench {

#ifndef LINESIDE_FLOOR_HAVE_URING

bool have_uring_relay() {
  return false;
}

void run_uring_relay(FloorRelay &relay, bool) {
  relay.error = "this build has no io_uring loop (liburing-dev was not found at configure time)";
}

#else

namespace {

constexpr unsigned kBuffers = 4096;  // provided receive buffers (a power of two)
constexpr unsigned kBufferSize = 2048;
constexpr unsigned kSendSlots = 4096;  // copies of outgoing datagrams, reused round-robin
constexpr uint64_t kSendTag = uint64_t{1} << 40;

struct SendSlot {
  std::array<uint8_t, kBufferSize> data{};
  iovec iov{};
  msghdr msg{};
};

class UringRelay {
 public:
  UringRelay(FloorRelay &relay, bool defer_taskrun) : relay_(relay), defer_(defer_taskrun) {}
  ~UringRelay() {
    if (ring_ready_) io_uring_queue_exit(&ring_);
    std::free(buffer_ring_);
  }
  bool start();
  void run();

 private:
  io_uring_sqe *next_sqe() {
    io_uring_sqe *sqe = io_uring_get_sqe(&ring_);
    if (!sqe) {
      io_uring_submit(&ring_);
      sqe = io_uring_get_sqe(&ring_);
    }
    return sqe;
  }
  void arm_receive(size_t socket_index);
  void queue_send(size_t from_socket, const uint8_t *data, unsigned len);

  FloorRelay &relay_;
  bool defer_;
  io_uring ring_{};
  bool ring_ready_ = false;
  io_uring_buf_ring *buffer_ring_ = nullptr;
  std::unique_ptr<uint8_t[]> buffers_ = std::make_unique<uint8_t[]>(size_t{kBuffers} * kBufferSize);
  std::unique_ptr<SendSlot[]> slots_ = std::make_unique<SendSlot[]>(kSendSlots);
  unsigned next_slot_ = 0;
  msghdr receive_shape_{};  // tells the kernel how much room the source address gets
};

bool UringRelay::start() {
  io_uring_params params{};
  params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_CQSIZE |
                 (defer_ ? IORING_SETUP_DEFER_TASKRUN : IORING_SETUP_COOP_TASKRUN);
  params.cq_entries = 16384;
  int r = io_uring_queue_init_params(4096, &ring_, &params);
  if (r < 0) {
    relay_.error = std::string("io_uring_queue_init: ") + std::strerror(-r);
    return false;
  }
  ring_ready_ = true;
  if (posix_memalign(reinterpret_cast<void **>(&buffer_ring_), 4096,
                     kBuffers * sizeof(io_uring_buf)) != 0) {
    relay_.error = "cannot allocate the buffer ring";
    return false;
  }
  io_uring_buf_ring_init(buffer_ring_);
  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uint64_t>(buffer_ring_);
  reg.ring_entries = kBuffers;
  reg.bgid = 0;
  if ((r = io_uring_register_buf_ring(&ring_, &reg, 0)) != 0) {
    relay_.error = std::string("io_uring_register_buf_ring: ") + std::strerror(-r);
    return false;
  }
  for (unsigned i = 0; i < kBuffers; ++i) {
    io_uring_buf_ring_add(buffer_ring_, &buffers_[size_t{i} * kBufferSize], kBufferSize,
                          static_cast<unsigned short>(i), io_uring_buf_ring_mask(kBuffers),
                          static_cast<int>(i));
  }
  io_uring_buf_ring_advance(buffer_ring_, kBuffers);
  for (unsigned i = 0; i < kSendSlots; ++i) {
    SendSlot &s = slots_[i];
    s.iov = {s.data.data(), 0};
    s.msg.msg_iov = &s.iov;
    s.msg.msg_iovlen = 1;
    s.msg.msg_name = &relay_.sink;
    s.msg.msg_namelen = sizeof relay_.sink;
  }
  receive_shape_.msg_namelen = sizeof(sockaddr_in);
  for (size_t i = 0; i < relay_.sockets.size(); ++i) arm_receive(i);
  io_uring_submit(&ring_);
  return true;
}

void UringRelay::arm_receive(size_t socket_index) {
  io_uring_sqe *sqe = next_sqe();
  io_uring_prep_recvmsg_multishot(sqe, relay_.sockets[socket_index], &receive_shape_, 0);
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = 0;
  sqe->user_data = socket_index;
}

void UringRelay::queue_send(size_t from_socket, const uint8_t *data, unsigned len) {
  SendSlot &slot = slots_[next_slot_++ % kSendSlots];
  std::memcpy(slot.data.data(), data, len);
  slot.iov.iov_len = len;
  io_uring_sqe *sqe = next_sqe();
  io_uring_prep_sendmsg(sqe, relay_.sockets[from_socket ^ 1], &slot.msg, 0);
  sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;  // only a failed send posts a completion
  sqe->user_data = kSendTag;
}

void UringRelay::run() {
  FloorWindow window(relay_);
  std::vector<size_t> rearm;
  while (!relay_.stop.load(std::memory_order_relaxed)) {
    __kernel_timespec timeout{0, 100'000'000};
    io_uring_cqe *cqe = nullptr;
    io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, &timeout, nullptr);
    unsigned head = 0, seen = 0, recycled = 0;
    uint64_t relayed = 0;
    io_uring_for_each_cqe(&ring_, head, cqe) {
      ++seen;
      if (cqe->user_data == kSendTag) continue;  // a failed send: the sink counts the loss
      const size_t socket_index = cqe->user_data;
      if (!(cqe->flags & IORING_CQE_F_MORE)) rearm.push_back(socket_index);
      if (!(cqe->flags & IORING_CQE_F_BUFFER)) continue;
      const unsigned id = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
      uint8_t *buffer = &buffers_[size_t{id} * kBufferSize];
      if (cqe->res > 0) {
        if (io_uring_recvmsg_out *out =
                io_uring_recvmsg_validate(buffer, cqe->res, &receive_shape_)) {
          const unsigned len = io_uring_recvmsg_payload_length(out, cqe->res, &receive_shape_);
          queue_send(socket_index,
                     static_cast<uint8_t *>(io_uring_recvmsg_payload(out, &receive_shape_)), len);
          ++relayed;
        }
      }
      io_uring_buf_ring_add(buffer_ring_, buffer, kBufferSize, static_cast<unsigned short>(id),
                            io_uring_buf_ring_mask(kBuffers), static_cast<int>(recycled++));
    }
    io_uring_buf_ring_advance(buffer_ring_, recycled);
    io_uring_cq_advance(&ring_, seen);
    for (size_t i : rearm) arm_receive(i);
    rearm.clear();
    window.after_round(relayed);
  }
}

}  // namespace

bool have_uring_relay() {
  return true;
}

void run_uring_relay(FloorRelay &relay, bool defer_taskrun) {
  UringRelay loop(relay, defer_taskrun);
  if (loop.start()) loop.run();
}

#endif

}  // namespace lineside::bench
