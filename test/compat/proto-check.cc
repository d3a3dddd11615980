/* SPDX-License-Identifier: MIT */
/*
 * GENERATED from the target's API table (232 functions): regenerate it
 * rather than edit it.
 *
 * The C++ view of the same table: every declaration is noexcept (callable
 * with the target's argument types in a noexcept context), and from C++17
 * on, where noexcept is part of a function's type, each has exactly the
 * target's type.  Compiled, never run, by test/abi-proto.sh under g++ and
 * clang++.
 */
#include <liburing.h>
#include <type_traits>
#include <utility>

#if __cplusplus >= 201703L
#define PROTO(fn, type)							\
	static_assert(std::is_same<decltype(&fn), type>::value, #fn)
#else
#define PROTO(fn, type)
#endif
#define NOEXC(fn, ...)							\
	static_assert(noexcept(fn(__VA_ARGS__)), #fn " noexcept")
#define NOEXC0(fn) static_assert(noexcept(fn()), #fn " noexcept")
#define A(type) std::declval<type>()

PROTO(__io_uring_buf_ring_cq_advance, void (*)(struct io_uring *,
      struct io_uring_buf_ring *, int, int) noexcept);
NOEXC(__io_uring_buf_ring_cq_advance, A(struct io_uring *),
      A(struct io_uring_buf_ring *), A(int), A(int));
PROTO(__io_uring_clone_buffers, int (*)(struct io_uring *, struct io_uring *,
      unsigned int) noexcept);
NOEXC(__io_uring_clone_buffers, A(struct io_uring *), A(struct io_uring *),
      A(unsigned int));
PROTO(__io_uring_clone_buffers_offset, int (*)(struct io_uring *,
      struct io_uring *, unsigned int, unsigned int, unsigned int,
      unsigned int) noexcept);
NOEXC(__io_uring_clone_buffers_offset, A(struct io_uring *),
      A(struct io_uring *), A(unsigned int), A(unsigned int), A(unsigned int),
      A(unsigned int));
PROTO(__io_uring_get_cqe, int (*)(struct io_uring *, struct io_uring_cqe **,
      unsigned int, unsigned int, sigset_t *) noexcept);
NOEXC(__io_uring_get_cqe, A(struct io_uring *), A(struct io_uring_cqe **),
      A(unsigned int), A(unsigned int), A(sigset_t *));
PROTO(__io_uring_peek_cqe, int (*)(struct io_uring *, struct io_uring_cqe **,
      unsigned int *) noexcept);
NOEXC(__io_uring_peek_cqe, A(struct io_uring *), A(struct io_uring_cqe **),
      A(unsigned int *));
PROTO(__io_uring_prep_uring_cmd, void (*)(struct io_uring_sqe *, int, __u32,
      int) noexcept);
NOEXC(__io_uring_prep_uring_cmd, A(struct io_uring_sqe *), A(int), A(__u32),
      A(int));
PROTO(__io_uring_sqring_wait, int (*)(struct io_uring *) noexcept);
NOEXC(__io_uring_sqring_wait, A(struct io_uring *));
PROTO(_io_uring_get_sqe, struct io_uring_sqe *(*)(struct io_uring *) noexcept);
NOEXC(_io_uring_get_sqe, A(struct io_uring *));
PROTO(io_uring_buf_ring_add, void (*)(struct io_uring_buf_ring *, void *,
      unsigned int, short unsigned int, int, int) noexcept);
NOEXC(io_uring_buf_ring_add, A(struct io_uring_buf_ring *), A(void *),
      A(unsigned int), A(short unsigned int), A(int), A(int));
PROTO(io_uring_buf_ring_advance, void (*)(struct io_uring_buf_ring *,
      int) noexcept);
NOEXC(io_uring_buf_ring_advance, A(struct io_uring_buf_ring *), A(int));
PROTO(io_uring_buf_ring_available, int (*)(struct io_uring *,
      struct io_uring_buf_ring *, short unsigned int) noexcept);
NOEXC(io_uring_buf_ring_available, A(struct io_uring *),
      A(struct io_uring_buf_ring *), A(short unsigned int));
PROTO(io_uring_buf_ring_cq_advance, void (*)(struct io_uring *,
      struct io_uring_buf_ring *, int) noexcept);
NOEXC(io_uring_buf_ring_cq_advance, A(struct io_uring *),
      A(struct io_uring_buf_ring *), A(int));
PROTO(io_uring_buf_ring_head, int (*)(struct io_uring *, int,
      uint16_t *) noexcept);
NOEXC(io_uring_buf_ring_head, A(struct io_uring *), A(int), A(uint16_t *));
PROTO(io_uring_buf_ring_init, void (*)(struct io_uring_buf_ring *) noexcept);
NOEXC(io_uring_buf_ring_init, A(struct io_uring_buf_ring *));
PROTO(io_uring_buf_ring_mask, int (*)(__u32) noexcept);
NOEXC(io_uring_buf_ring_mask, A(__u32));
PROTO(io_uring_check_version, bool (*)(int, int) noexcept);
NOEXC(io_uring_check_version, A(int), A(int));
PROTO(io_uring_clone_buffers, int (*)(struct io_uring *,
      struct io_uring *) noexcept);
NOEXC(io_uring_clone_buffers, A(struct io_uring *), A(struct io_uring *));
PROTO(io_uring_clone_buffers_offset, int (*)(struct io_uring *,
      struct io_uring *, unsigned int, unsigned int, unsigned int,
      unsigned int) noexcept);
NOEXC(io_uring_clone_buffers_offset, A(struct io_uring *), A(struct io_uring *),
      A(unsigned int), A(unsigned int), A(unsigned int), A(unsigned int));
PROTO(io_uring_close_ring_fd, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_close_ring_fd, A(struct io_uring *));
PROTO(io_uring_cq_advance, void (*)(struct io_uring *, unsigned int) noexcept);
NOEXC(io_uring_cq_advance, A(struct io_uring *), A(unsigned int));
PROTO(io_uring_cq_eventfd_enabled, bool (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_cq_eventfd_enabled, A(const struct io_uring *));
PROTO(io_uring_cq_eventfd_toggle, int (*)(struct io_uring *, bool) noexcept);
NOEXC(io_uring_cq_eventfd_toggle, A(struct io_uring *), A(bool));
PROTO(io_uring_cq_has_overflow, bool (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_cq_has_overflow, A(const struct io_uring *));
PROTO(io_uring_cq_ready, unsigned int (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_cq_ready, A(const struct io_uring *));
PROTO(io_uring_cqe_get_data, void *(*)(const struct io_uring_cqe *) noexcept);
NOEXC(io_uring_cqe_get_data, A(const struct io_uring_cqe *));
PROTO(io_uring_cqe_get_data64, __u64 (*)(const struct io_uring_cqe *) noexcept);
NOEXC(io_uring_cqe_get_data64, A(const struct io_uring_cqe *));
PROTO(io_uring_cqe_iter_init,
      struct io_uring_cqe_iter (*)(
      const struct io_uring *) noexcept);
NOEXC(io_uring_cqe_iter_init, A(const struct io_uring *));
PROTO(io_uring_cqe_iter_next, bool (*)(struct io_uring_cqe_iter *,
      struct io_uring_cqe **) noexcept);
NOEXC(io_uring_cqe_iter_next, A(struct io_uring_cqe_iter *),
      A(struct io_uring_cqe **));
PROTO(io_uring_cqe_nr, unsigned int (*)(const struct io_uring_cqe *) noexcept);
NOEXC(io_uring_cqe_nr, A(const struct io_uring_cqe *));
PROTO(io_uring_cqe_seen, void (*)(struct io_uring *,
      struct io_uring_cqe *) noexcept);
NOEXC(io_uring_cqe_seen, A(struct io_uring *), A(struct io_uring_cqe *));
PROTO(io_uring_cqe_shift, unsigned int (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_cqe_shift, A(const struct io_uring *));
PROTO(io_uring_cqe_shift_from_flags,
      unsigned int (*)(
      unsigned int) noexcept);
NOEXC(io_uring_cqe_shift_from_flags, A(unsigned int));
PROTO(io_uring_enable_rings, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_enable_rings, A(struct io_uring *));
PROTO(io_uring_enter, int (*)(unsigned int, unsigned int, unsigned int,
      unsigned int, sigset_t *) noexcept);
NOEXC(io_uring_enter, A(unsigned int), A(unsigned int), A(unsigned int),
      A(unsigned int), A(sigset_t *));
PROTO(io_uring_enter2, int (*)(unsigned int, unsigned int, unsigned int,
      unsigned int, void *, size_t) noexcept);
NOEXC(io_uring_enter2, A(unsigned int), A(unsigned int), A(unsigned int),
      A(unsigned int), A(void *), A(size_t));
PROTO(io_uring_free_buf_ring, int (*)(struct io_uring *,
      struct io_uring_buf_ring *, unsigned int, int) noexcept);
NOEXC(io_uring_free_buf_ring, A(struct io_uring *),
      A(struct io_uring_buf_ring *), A(unsigned int), A(int));
PROTO(io_uring_free_probe, void (*)(struct io_uring_probe *) noexcept);
NOEXC(io_uring_free_probe, A(struct io_uring_probe *));
PROTO(io_uring_get_events, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_get_events, A(struct io_uring *));
PROTO(io_uring_get_probe,
      struct io_uring_probe *(*)(void) noexcept);
NOEXC0(io_uring_get_probe);
PROTO(io_uring_get_probe_ring,
      struct io_uring_probe *(*)(
      struct io_uring *) noexcept);
NOEXC(io_uring_get_probe_ring, A(struct io_uring *));
PROTO(io_uring_get_sqe, struct io_uring_sqe *(*)(struct io_uring *) noexcept);
NOEXC(io_uring_get_sqe, A(struct io_uring *));
PROTO(io_uring_get_sqe128,
      struct io_uring_sqe *(*)(
      struct io_uring *) noexcept);
NOEXC(io_uring_get_sqe128, A(struct io_uring *));
PROTO(io_uring_initialize_sqe, void (*)(struct io_uring_sqe *) noexcept);
NOEXC(io_uring_initialize_sqe, A(struct io_uring_sqe *));
PROTO(io_uring_load_sq_head, unsigned int (*)(
      const struct io_uring *) noexcept);
NOEXC(io_uring_load_sq_head, A(const struct io_uring *));
PROTO(io_uring_major_version, int (*)(void) noexcept);
NOEXC0(io_uring_major_version);
PROTO(io_uring_memory_size, ssize_t (*)(unsigned int, unsigned int) noexcept);
NOEXC(io_uring_memory_size, A(unsigned int), A(unsigned int));
PROTO(io_uring_memory_size_params, ssize_t (*)(unsigned int,
      struct io_uring_params *) noexcept);
NOEXC(io_uring_memory_size_params, A(unsigned int),
      A(struct io_uring_params *));
PROTO(io_uring_minor_version, int (*)(void) noexcept);
NOEXC0(io_uring_minor_version);
PROTO(io_uring_mlock_size, ssize_t (*)(unsigned int, unsigned int) noexcept);
NOEXC(io_uring_mlock_size, A(unsigned int), A(unsigned int));
PROTO(io_uring_mlock_size_params, ssize_t (*)(unsigned int,
      struct io_uring_params *) noexcept);
NOEXC(io_uring_mlock_size_params, A(unsigned int), A(struct io_uring_params *));
PROTO(io_uring_opcode_supported, int (*)(const struct io_uring_probe *,
      int) noexcept);
NOEXC(io_uring_opcode_supported, A(const struct io_uring_probe *), A(int));
PROTO(io_uring_peek_batch_cqe, unsigned int (*)(struct io_uring *,
      struct io_uring_cqe **, unsigned int) noexcept);
NOEXC(io_uring_peek_batch_cqe, A(struct io_uring *), A(struct io_uring_cqe **),
      A(unsigned int));
PROTO(io_uring_peek_cqe, int (*)(struct io_uring *,
      struct io_uring_cqe **) noexcept);
NOEXC(io_uring_peek_cqe, A(struct io_uring *), A(struct io_uring_cqe **));
PROTO(io_uring_prep_accept, void (*)(struct io_uring_sqe *, int,
      struct sockaddr *, socklen_t *, int) noexcept);
NOEXC(io_uring_prep_accept, A(struct io_uring_sqe *), A(int),
      A(struct sockaddr *), A(socklen_t *), A(int));
PROTO(io_uring_prep_accept_direct, void (*)(struct io_uring_sqe *, int,
      struct sockaddr *, socklen_t *, int, unsigned int) noexcept);
NOEXC(io_uring_prep_accept_direct, A(struct io_uring_sqe *), A(int),
      A(struct sockaddr *), A(socklen_t *), A(int), A(unsigned int));
PROTO(io_uring_prep_bind, void (*)(struct io_uring_sqe *, int,
      const struct sockaddr *, socklen_t) noexcept);
NOEXC(io_uring_prep_bind, A(struct io_uring_sqe *), A(int),
      A(const struct sockaddr *), A(socklen_t));
PROTO(io_uring_prep_cancel, void (*)(struct io_uring_sqe *, const void *,
      int) noexcept);
NOEXC(io_uring_prep_cancel, A(struct io_uring_sqe *), A(const void *), A(int));
PROTO(io_uring_prep_cancel64, void (*)(struct io_uring_sqe *, __u64,
      int) noexcept);
NOEXC(io_uring_prep_cancel64, A(struct io_uring_sqe *), A(__u64), A(int));
PROTO(io_uring_prep_cancel_fd, void (*)(struct io_uring_sqe *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_cancel_fd, A(struct io_uring_sqe *), A(int),
      A(unsigned int));
PROTO(io_uring_prep_close, void (*)(struct io_uring_sqe *, int) noexcept);
NOEXC(io_uring_prep_close, A(struct io_uring_sqe *), A(int));
PROTO(io_uring_prep_close_direct, void (*)(struct io_uring_sqe *,
      unsigned int) noexcept);
NOEXC(io_uring_prep_close_direct, A(struct io_uring_sqe *), A(unsigned int));
PROTO(io_uring_prep_cmd_discard, void (*)(struct io_uring_sqe *, int, uint64_t,
      uint64_t) noexcept);
NOEXC(io_uring_prep_cmd_discard, A(struct io_uring_sqe *), A(int), A(uint64_t),
      A(uint64_t));
PROTO(io_uring_prep_cmd_getsockname, void (*)(struct io_uring_sqe *, int,
      struct sockaddr *, socklen_t *, int) noexcept);
NOEXC(io_uring_prep_cmd_getsockname, A(struct io_uring_sqe *), A(int),
      A(struct sockaddr *), A(socklen_t *), A(int));
PROTO(io_uring_prep_cmd_sock, void (*)(struct io_uring_sqe *, int, int, int,
      int, void *, int) noexcept);
NOEXC(io_uring_prep_cmd_sock, A(struct io_uring_sqe *), A(int), A(int), A(int),
      A(int), A(void *), A(int));
PROTO(io_uring_prep_cmd_zone_reset_all, void (*)(struct io_uring_sqe *,
      int) noexcept);
NOEXC(io_uring_prep_cmd_zone_reset_all, A(struct io_uring_sqe *), A(int));
PROTO(io_uring_prep_connect, void (*)(struct io_uring_sqe *, int,
      const struct sockaddr *, socklen_t) noexcept);
NOEXC(io_uring_prep_connect, A(struct io_uring_sqe *), A(int),
      A(const struct sockaddr *), A(socklen_t));
PROTO(io_uring_prep_epoll_ctl, void (*)(struct io_uring_sqe *, int, int, int,
      const struct epoll_event *) noexcept);
NOEXC(io_uring_prep_epoll_ctl, A(struct io_uring_sqe *), A(int), A(int), A(int),
      A(const struct epoll_event *));
PROTO(io_uring_prep_epoll_wait, void (*)(struct io_uring_sqe *, int,
      struct epoll_event *, int, unsigned int) noexcept);
NOEXC(io_uring_prep_epoll_wait, A(struct io_uring_sqe *), A(int),
      A(struct epoll_event *), A(int), A(unsigned int));
PROTO(io_uring_prep_fadvise, void (*)(struct io_uring_sqe *, int, __u64, __u32,
      int) noexcept);
NOEXC(io_uring_prep_fadvise, A(struct io_uring_sqe *), A(int), A(__u64),
      A(__u32), A(int));
PROTO(io_uring_prep_fadvise64, void (*)(struct io_uring_sqe *, int, __u64,
      off_t, int) noexcept);
NOEXC(io_uring_prep_fadvise64, A(struct io_uring_sqe *), A(int), A(__u64),
      A(off_t), A(int));
PROTO(io_uring_prep_fallocate, void (*)(struct io_uring_sqe *, int, int, __u64,
      __u64) noexcept);
NOEXC(io_uring_prep_fallocate, A(struct io_uring_sqe *), A(int), A(int),
      A(__u64), A(__u64));
PROTO(io_uring_prep_fgetxattr, void (*)(struct io_uring_sqe *, int,
      const char *, char *, unsigned int) noexcept);
NOEXC(io_uring_prep_fgetxattr, A(struct io_uring_sqe *), A(int),
      A(const char *), A(char *), A(unsigned int));
PROTO(io_uring_prep_files_update, void (*)(struct io_uring_sqe *, int *,
      unsigned int, int) noexcept);
NOEXC(io_uring_prep_files_update, A(struct io_uring_sqe *), A(int *),
      A(unsigned int), A(int));
PROTO(io_uring_prep_fixed_fd_install, void (*)(struct io_uring_sqe *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_fixed_fd_install, A(struct io_uring_sqe *), A(int),
      A(unsigned int));
PROTO(io_uring_prep_fsetxattr, void (*)(struct io_uring_sqe *, int,
      const char *, const char *, int, unsigned int) noexcept);
NOEXC(io_uring_prep_fsetxattr, A(struct io_uring_sqe *), A(int),
      A(const char *), A(const char *), A(int), A(unsigned int));
PROTO(io_uring_prep_fsync, void (*)(struct io_uring_sqe *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_fsync, A(struct io_uring_sqe *), A(int), A(unsigned int));
PROTO(io_uring_prep_ftruncate, void (*)(struct io_uring_sqe *, int,
      loff_t) noexcept);
NOEXC(io_uring_prep_ftruncate, A(struct io_uring_sqe *), A(int), A(loff_t));
PROTO(io_uring_prep_futex_wait, void (*)(struct io_uring_sqe *,
      const uint32_t *, uint64_t, uint64_t, uint32_t, unsigned int) noexcept);
NOEXC(io_uring_prep_futex_wait, A(struct io_uring_sqe *), A(const uint32_t *),
      A(uint64_t), A(uint64_t), A(uint32_t), A(unsigned int));
PROTO(io_uring_prep_futex_waitv, void (*)(struct io_uring_sqe *,
      const struct futex_waitv *, uint32_t, unsigned int) noexcept);
NOEXC(io_uring_prep_futex_waitv, A(struct io_uring_sqe *),
      A(const struct futex_waitv *), A(uint32_t), A(unsigned int));
PROTO(io_uring_prep_futex_wake, void (*)(struct io_uring_sqe *,
      const uint32_t *, uint64_t, uint64_t, uint32_t, unsigned int) noexcept);
NOEXC(io_uring_prep_futex_wake, A(struct io_uring_sqe *), A(const uint32_t *),
      A(uint64_t), A(uint64_t), A(uint32_t), A(unsigned int));
PROTO(io_uring_prep_getxattr, void (*)(struct io_uring_sqe *, const char *,
      char *, const char *, unsigned int) noexcept);
NOEXC(io_uring_prep_getxattr, A(struct io_uring_sqe *), A(const char *),
      A(char *), A(const char *), A(unsigned int));
PROTO(io_uring_prep_link, void (*)(struct io_uring_sqe *, const char *,
      const char *, int) noexcept);
NOEXC(io_uring_prep_link, A(struct io_uring_sqe *), A(const char *),
      A(const char *), A(int));
PROTO(io_uring_prep_link_timeout, void (*)(struct io_uring_sqe *,
      const struct __kernel_timespec *, unsigned int) noexcept);
NOEXC(io_uring_prep_link_timeout, A(struct io_uring_sqe *),
      A(const struct __kernel_timespec *), A(unsigned int));
PROTO(io_uring_prep_linkat, void (*)(struct io_uring_sqe *, int, const char *,
      int, const char *, int) noexcept);
NOEXC(io_uring_prep_linkat, A(struct io_uring_sqe *), A(int), A(const char *),
      A(int), A(const char *), A(int));
PROTO(io_uring_prep_listen, void (*)(struct io_uring_sqe *, int, int) noexcept);
NOEXC(io_uring_prep_listen, A(struct io_uring_sqe *), A(int), A(int));
PROTO(io_uring_prep_madvise, void (*)(struct io_uring_sqe *, void *, __u32,
      int) noexcept);
NOEXC(io_uring_prep_madvise, A(struct io_uring_sqe *), A(void *), A(__u32),
      A(int));
PROTO(io_uring_prep_madvise64, void (*)(struct io_uring_sqe *, void *, off_t,
      int) noexcept);
NOEXC(io_uring_prep_madvise64, A(struct io_uring_sqe *), A(void *), A(off_t),
      A(int));
PROTO(io_uring_prep_mkdir, void (*)(struct io_uring_sqe *, const char *,
      mode_t) noexcept);
NOEXC(io_uring_prep_mkdir, A(struct io_uring_sqe *), A(const char *),
      A(mode_t));
PROTO(io_uring_prep_mkdirat, void (*)(struct io_uring_sqe *, int, const char *,
      mode_t) noexcept);
NOEXC(io_uring_prep_mkdirat, A(struct io_uring_sqe *), A(int), A(const char *),
      A(mode_t));
PROTO(io_uring_prep_msg_ring, void (*)(struct io_uring_sqe *, int, unsigned int,
      __u64, unsigned int) noexcept);
NOEXC(io_uring_prep_msg_ring, A(struct io_uring_sqe *), A(int), A(unsigned int),
      A(__u64), A(unsigned int));
PROTO(io_uring_prep_msg_ring_cqe_flags, void (*)(struct io_uring_sqe *, int,
      unsigned int, __u64, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_msg_ring_cqe_flags, A(struct io_uring_sqe *), A(int),
      A(unsigned int), A(__u64), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_msg_ring_fd, void (*)(struct io_uring_sqe *, int, int, int,
      __u64, unsigned int) noexcept);
NOEXC(io_uring_prep_msg_ring_fd, A(struct io_uring_sqe *), A(int), A(int),
      A(int), A(__u64), A(unsigned int));
PROTO(io_uring_prep_msg_ring_fd_alloc, void (*)(struct io_uring_sqe *, int, int,
      __u64, unsigned int) noexcept);
NOEXC(io_uring_prep_msg_ring_fd_alloc, A(struct io_uring_sqe *), A(int), A(int),
      A(__u64), A(unsigned int));
PROTO(io_uring_prep_multishot_accept, void (*)(struct io_uring_sqe *, int,
      struct sockaddr *, socklen_t *, int) noexcept);
NOEXC(io_uring_prep_multishot_accept, A(struct io_uring_sqe *), A(int),
      A(struct sockaddr *), A(socklen_t *), A(int));
PROTO(io_uring_prep_multishot_accept_direct,
      void (*)(
      struct io_uring_sqe *, int, struct sockaddr *, socklen_t *,
      int) noexcept);
NOEXC(io_uring_prep_multishot_accept_direct, A(struct io_uring_sqe *), A(int),
      A(struct sockaddr *), A(socklen_t *), A(int));
PROTO(io_uring_prep_nop, void (*)(struct io_uring_sqe *) noexcept);
NOEXC(io_uring_prep_nop, A(struct io_uring_sqe *));
PROTO(io_uring_prep_nop128, void (*)(struct io_uring_sqe *) noexcept);
NOEXC(io_uring_prep_nop128, A(struct io_uring_sqe *));
PROTO(io_uring_prep_open, void (*)(struct io_uring_sqe *, const char *, int,
      mode_t) noexcept);
NOEXC(io_uring_prep_open, A(struct io_uring_sqe *), A(const char *), A(int),
      A(mode_t));
PROTO(io_uring_prep_open_direct, void (*)(struct io_uring_sqe *, const char *,
      int, mode_t, unsigned int) noexcept);
NOEXC(io_uring_prep_open_direct, A(struct io_uring_sqe *), A(const char *),
      A(int), A(mode_t), A(unsigned int));
PROTO(io_uring_prep_openat, void (*)(struct io_uring_sqe *, int, const char *,
      int, mode_t) noexcept);
NOEXC(io_uring_prep_openat, A(struct io_uring_sqe *), A(int), A(const char *),
      A(int), A(mode_t));
PROTO(io_uring_prep_openat2, void (*)(struct io_uring_sqe *, int, const char *,
      const struct open_how *) noexcept);
NOEXC(io_uring_prep_openat2, A(struct io_uring_sqe *), A(int), A(const char *),
      A(const struct open_how *));
PROTO(io_uring_prep_openat2_direct, void (*)(struct io_uring_sqe *, int,
      const char *, const struct open_how *, unsigned int) noexcept);
NOEXC(io_uring_prep_openat2_direct, A(struct io_uring_sqe *), A(int),
      A(const char *), A(const struct open_how *), A(unsigned int));
PROTO(io_uring_prep_openat_direct, void (*)(struct io_uring_sqe *, int,
      const char *, int, mode_t, unsigned int) noexcept);
NOEXC(io_uring_prep_openat_direct, A(struct io_uring_sqe *), A(int),
      A(const char *), A(int), A(mode_t), A(unsigned int));
PROTO(io_uring_prep_pipe, void (*)(struct io_uring_sqe *, int *, int) noexcept);
NOEXC(io_uring_prep_pipe, A(struct io_uring_sqe *), A(int *), A(int));
PROTO(io_uring_prep_pipe_direct, void (*)(struct io_uring_sqe *, int *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_pipe_direct, A(struct io_uring_sqe *), A(int *), A(int),
      A(unsigned int));
PROTO(io_uring_prep_poll_add, void (*)(struct io_uring_sqe *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_poll_add, A(struct io_uring_sqe *), A(int),
      A(unsigned int));
PROTO(io_uring_prep_poll_multishot, void (*)(struct io_uring_sqe *, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_poll_multishot, A(struct io_uring_sqe *), A(int),
      A(unsigned int));
PROTO(io_uring_prep_poll_remove, void (*)(struct io_uring_sqe *,
      __u64) noexcept);
NOEXC(io_uring_prep_poll_remove, A(struct io_uring_sqe *), A(__u64));
PROTO(io_uring_prep_poll_update, void (*)(struct io_uring_sqe *, __u64, __u64,
      unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_poll_update, A(struct io_uring_sqe *), A(__u64), A(__u64),
      A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_provide_buffers, void (*)(struct io_uring_sqe *, void *,
      int, int, int, int) noexcept);
NOEXC(io_uring_prep_provide_buffers, A(struct io_uring_sqe *), A(void *),
      A(int), A(int), A(int), A(int));
PROTO(io_uring_prep_read, void (*)(struct io_uring_sqe *, int, void *,
      unsigned int, __u64) noexcept);
NOEXC(io_uring_prep_read, A(struct io_uring_sqe *), A(int), A(void *),
      A(unsigned int), A(__u64));
PROTO(io_uring_prep_read_fixed, void (*)(struct io_uring_sqe *, int, void *,
      unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_read_fixed, A(struct io_uring_sqe *), A(int), A(void *),
      A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_read_multishot, void (*)(struct io_uring_sqe *, int,
      unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_read_multishot, A(struct io_uring_sqe *), A(int),
      A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_readv, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64) noexcept);
NOEXC(io_uring_prep_readv, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64));
PROTO(io_uring_prep_readv2, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_readv2, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_readv_fixed, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64, int, int) noexcept);
NOEXC(io_uring_prep_readv_fixed, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64), A(int), A(int));
PROTO(io_uring_prep_recv, void (*)(struct io_uring_sqe *, int, void *, size_t,
      int) noexcept);
NOEXC(io_uring_prep_recv, A(struct io_uring_sqe *), A(int), A(void *),
      A(size_t), A(int));
PROTO(io_uring_prep_recv_multishot, void (*)(struct io_uring_sqe *, int, void *,
      size_t, int) noexcept);
NOEXC(io_uring_prep_recv_multishot, A(struct io_uring_sqe *), A(int), A(void *),
      A(size_t), A(int));
PROTO(io_uring_prep_recvmsg, void (*)(struct io_uring_sqe *, int,
      struct msghdr *, unsigned int) noexcept);
NOEXC(io_uring_prep_recvmsg, A(struct io_uring_sqe *), A(int),
      A(struct msghdr *), A(unsigned int));
PROTO(io_uring_prep_recvmsg_multishot, void (*)(struct io_uring_sqe *, int,
      struct msghdr *, unsigned int) noexcept);
NOEXC(io_uring_prep_recvmsg_multishot, A(struct io_uring_sqe *), A(int),
      A(struct msghdr *), A(unsigned int));
PROTO(io_uring_prep_remove_buffers, void (*)(struct io_uring_sqe *, int,
      int) noexcept);
NOEXC(io_uring_prep_remove_buffers, A(struct io_uring_sqe *), A(int), A(int));
PROTO(io_uring_prep_rename, void (*)(struct io_uring_sqe *, const char *,
      const char *) noexcept);
NOEXC(io_uring_prep_rename, A(struct io_uring_sqe *), A(const char *),
      A(const char *));
PROTO(io_uring_prep_renameat, void (*)(struct io_uring_sqe *, int, const char *,
      int, const char *, unsigned int) noexcept);
NOEXC(io_uring_prep_renameat, A(struct io_uring_sqe *), A(int), A(const char *),
      A(int), A(const char *), A(unsigned int));
PROTO(io_uring_prep_rw, void (*)(int, struct io_uring_sqe *, int, const void *,
      unsigned int, __u64) noexcept);
NOEXC(io_uring_prep_rw, A(int), A(struct io_uring_sqe *), A(int),
      A(const void *), A(unsigned int), A(__u64));
PROTO(io_uring_prep_send, void (*)(struct io_uring_sqe *, int, const void *,
      size_t, int) noexcept);
NOEXC(io_uring_prep_send, A(struct io_uring_sqe *), A(int), A(const void *),
      A(size_t), A(int));
PROTO(io_uring_prep_send_bundle, void (*)(struct io_uring_sqe *, int, size_t,
      int) noexcept);
NOEXC(io_uring_prep_send_bundle, A(struct io_uring_sqe *), A(int), A(size_t),
      A(int));
PROTO(io_uring_prep_send_set_addr, void (*)(struct io_uring_sqe *,
      const struct sockaddr *, __u16) noexcept);
NOEXC(io_uring_prep_send_set_addr, A(struct io_uring_sqe *),
      A(const struct sockaddr *), A(__u16));
PROTO(io_uring_prep_send_zc, void (*)(struct io_uring_sqe *, int, const void *,
      size_t, int, unsigned int) noexcept);
NOEXC(io_uring_prep_send_zc, A(struct io_uring_sqe *), A(int), A(const void *),
      A(size_t), A(int), A(unsigned int));
PROTO(io_uring_prep_send_zc_fixed, void (*)(struct io_uring_sqe *, int,
      const void *, size_t, int, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_send_zc_fixed, A(struct io_uring_sqe *), A(int),
      A(const void *), A(size_t), A(int), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_sendmsg, void (*)(struct io_uring_sqe *, int,
      const struct msghdr *, unsigned int) noexcept);
NOEXC(io_uring_prep_sendmsg, A(struct io_uring_sqe *), A(int),
      A(const struct msghdr *), A(unsigned int));
PROTO(io_uring_prep_sendmsg_zc, void (*)(struct io_uring_sqe *, int,
      const struct msghdr *, unsigned int) noexcept);
NOEXC(io_uring_prep_sendmsg_zc, A(struct io_uring_sqe *), A(int),
      A(const struct msghdr *), A(unsigned int));
PROTO(io_uring_prep_sendmsg_zc_fixed, void (*)(struct io_uring_sqe *, int,
      const struct msghdr *, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_sendmsg_zc_fixed, A(struct io_uring_sqe *), A(int),
      A(const struct msghdr *), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_sendto, void (*)(struct io_uring_sqe *, int, const void *,
      size_t, int, const struct sockaddr *, socklen_t) noexcept);
NOEXC(io_uring_prep_sendto, A(struct io_uring_sqe *), A(int), A(const void *),
      A(size_t), A(int), A(const struct sockaddr *), A(socklen_t));
PROTO(io_uring_prep_setxattr, void (*)(struct io_uring_sqe *, const char *,
      const char *, const char *, int, unsigned int) noexcept);
NOEXC(io_uring_prep_setxattr, A(struct io_uring_sqe *), A(const char *),
      A(const char *), A(const char *), A(int), A(unsigned int));
PROTO(io_uring_prep_shutdown, void (*)(struct io_uring_sqe *, int,
      int) noexcept);
NOEXC(io_uring_prep_shutdown, A(struct io_uring_sqe *), A(int), A(int));
PROTO(io_uring_prep_socket, void (*)(struct io_uring_sqe *, int, int, int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_socket, A(struct io_uring_sqe *), A(int), A(int), A(int),
      A(unsigned int));
PROTO(io_uring_prep_socket_direct, void (*)(struct io_uring_sqe *, int, int,
      int, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_socket_direct, A(struct io_uring_sqe *), A(int), A(int),
      A(int), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_socket_direct_alloc, void (*)(struct io_uring_sqe *, int,
      int, int, unsigned int) noexcept);
NOEXC(io_uring_prep_socket_direct_alloc, A(struct io_uring_sqe *), A(int),
      A(int), A(int), A(unsigned int));
PROTO(io_uring_prep_splice, void (*)(struct io_uring_sqe *, int, int64_t, int,
      int64_t, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_splice, A(struct io_uring_sqe *), A(int), A(int64_t),
      A(int), A(int64_t), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_statx, void (*)(struct io_uring_sqe *, int, const char *,
      int, unsigned int, struct statx *) noexcept);
NOEXC(io_uring_prep_statx, A(struct io_uring_sqe *), A(int), A(const char *),
      A(int), A(unsigned int), A(struct statx *));
PROTO(io_uring_prep_symlink, void (*)(struct io_uring_sqe *, const char *,
      const char *) noexcept);
NOEXC(io_uring_prep_symlink, A(struct io_uring_sqe *), A(const char *),
      A(const char *));
PROTO(io_uring_prep_symlinkat, void (*)(struct io_uring_sqe *, const char *,
      int, const char *) noexcept);
NOEXC(io_uring_prep_symlinkat, A(struct io_uring_sqe *), A(const char *),
      A(int), A(const char *));
PROTO(io_uring_prep_sync_file_range, void (*)(struct io_uring_sqe *, int,
      unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_sync_file_range, A(struct io_uring_sqe *), A(int),
      A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_tee, void (*)(struct io_uring_sqe *, int, int, unsigned int,
      unsigned int) noexcept);
NOEXC(io_uring_prep_tee, A(struct io_uring_sqe *), A(int), A(int),
      A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_timeout, void (*)(struct io_uring_sqe *,
      const struct __kernel_timespec *, unsigned int, unsigned int) noexcept);
NOEXC(io_uring_prep_timeout, A(struct io_uring_sqe *),
      A(const struct __kernel_timespec *), A(unsigned int), A(unsigned int));
PROTO(io_uring_prep_timeout_remove, void (*)(struct io_uring_sqe *, __u64,
      unsigned int) noexcept);
NOEXC(io_uring_prep_timeout_remove, A(struct io_uring_sqe *), A(__u64),
      A(unsigned int));
PROTO(io_uring_prep_timeout_update, void (*)(struct io_uring_sqe *,
      const struct __kernel_timespec *, __u64, unsigned int) noexcept);
NOEXC(io_uring_prep_timeout_update, A(struct io_uring_sqe *),
      A(const struct __kernel_timespec *), A(__u64), A(unsigned int));
PROTO(io_uring_prep_unlink, void (*)(struct io_uring_sqe *, const char *,
      int) noexcept);
NOEXC(io_uring_prep_unlink, A(struct io_uring_sqe *), A(const char *), A(int));
PROTO(io_uring_prep_unlinkat, void (*)(struct io_uring_sqe *, int, const char *,
      int) noexcept);
NOEXC(io_uring_prep_unlinkat, A(struct io_uring_sqe *), A(int), A(const char *),
      A(int));
PROTO(io_uring_prep_uring_cmd, void (*)(struct io_uring_sqe *, int,
      int) noexcept);
NOEXC(io_uring_prep_uring_cmd, A(struct io_uring_sqe *), A(int), A(int));
PROTO(io_uring_prep_uring_cmd128, void (*)(struct io_uring_sqe *, int,
      int) noexcept);
NOEXC(io_uring_prep_uring_cmd128, A(struct io_uring_sqe *), A(int), A(int));
PROTO(io_uring_prep_waitid, void (*)(struct io_uring_sqe *, idtype_t, id_t,
      siginfo_t *, int, unsigned int) noexcept);
NOEXC(io_uring_prep_waitid, A(struct io_uring_sqe *), A(idtype_t), A(id_t),
      A(siginfo_t *), A(int), A(unsigned int));
PROTO(io_uring_prep_write, void (*)(struct io_uring_sqe *, int, const void *,
      unsigned int, __u64) noexcept);
NOEXC(io_uring_prep_write, A(struct io_uring_sqe *), A(int), A(const void *),
      A(unsigned int), A(__u64));
PROTO(io_uring_prep_write_fixed, void (*)(struct io_uring_sqe *, int,
      const void *, unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_write_fixed, A(struct io_uring_sqe *), A(int),
      A(const void *), A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_writev, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64) noexcept);
NOEXC(io_uring_prep_writev, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64));
PROTO(io_uring_prep_writev2, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64, int) noexcept);
NOEXC(io_uring_prep_writev2, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64), A(int));
PROTO(io_uring_prep_writev_fixed, void (*)(struct io_uring_sqe *, int,
      const struct iovec *, unsigned int, __u64, int, int) noexcept);
NOEXC(io_uring_prep_writev_fixed, A(struct io_uring_sqe *), A(int),
      A(const struct iovec *), A(unsigned int), A(__u64), A(int), A(int));
PROTO(io_uring_queue_exit, void (*)(struct io_uring *) noexcept);
NOEXC(io_uring_queue_exit, A(struct io_uring *));
PROTO(io_uring_queue_init, int (*)(unsigned int, struct io_uring *,
      unsigned int) noexcept);
NOEXC(io_uring_queue_init, A(unsigned int), A(struct io_uring *),
      A(unsigned int));
PROTO(io_uring_queue_init_mem, int (*)(unsigned int, struct io_uring *,
      struct io_uring_params *, void *, size_t) noexcept);
NOEXC(io_uring_queue_init_mem, A(unsigned int), A(struct io_uring *),
      A(struct io_uring_params *), A(void *), A(size_t));
PROTO(io_uring_queue_init_params, int (*)(unsigned int, struct io_uring *,
      struct io_uring_params *) noexcept);
NOEXC(io_uring_queue_init_params, A(unsigned int), A(struct io_uring *),
      A(struct io_uring_params *));
PROTO(io_uring_queue_mmap, int (*)(int, struct io_uring_params *,
      struct io_uring *) noexcept);
NOEXC(io_uring_queue_mmap, A(int), A(struct io_uring_params *),
      A(struct io_uring *));
PROTO(io_uring_recvmsg_cmsg_firsthdr,
      struct cmsghdr *(*)(
      struct io_uring_recvmsg_out *, struct msghdr *) noexcept);
NOEXC(io_uring_recvmsg_cmsg_firsthdr, A(struct io_uring_recvmsg_out *),
      A(struct msghdr *));
PROTO(io_uring_recvmsg_cmsg_nexthdr,
      struct cmsghdr *(*)(
      struct io_uring_recvmsg_out *, struct msghdr *,
      struct cmsghdr *) noexcept);
NOEXC(io_uring_recvmsg_cmsg_nexthdr, A(struct io_uring_recvmsg_out *),
      A(struct msghdr *), A(struct cmsghdr *));
PROTO(io_uring_recvmsg_name, void *(*)(struct io_uring_recvmsg_out *) noexcept);
NOEXC(io_uring_recvmsg_name, A(struct io_uring_recvmsg_out *));
PROTO(io_uring_recvmsg_payload, void *(*)(struct io_uring_recvmsg_out *,
      struct msghdr *) noexcept);
NOEXC(io_uring_recvmsg_payload, A(struct io_uring_recvmsg_out *),
      A(struct msghdr *));
PROTO(io_uring_recvmsg_payload_length,
      unsigned int (*)(
      struct io_uring_recvmsg_out *, int, struct msghdr *) noexcept);
NOEXC(io_uring_recvmsg_payload_length, A(struct io_uring_recvmsg_out *), A(int),
      A(struct msghdr *));
PROTO(io_uring_recvmsg_validate,
      struct io_uring_recvmsg_out *(*)(void *,
      int, struct msghdr *) noexcept);
NOEXC(io_uring_recvmsg_validate, A(void *), A(int), A(struct msghdr *));
PROTO(io_uring_register, int (*)(unsigned int, unsigned int, const void *,
      unsigned int) noexcept);
NOEXC(io_uring_register, A(unsigned int), A(unsigned int), A(const void *),
      A(unsigned int));
PROTO(io_uring_register_bpf_filter, int (*)(struct io_uring *,
      struct io_uring_bpf *) noexcept);
NOEXC(io_uring_register_bpf_filter, A(struct io_uring *),
      A(struct io_uring_bpf *));
PROTO(io_uring_register_bpf_filter_task, int (*)(
      struct io_uring_bpf *) noexcept);
NOEXC(io_uring_register_bpf_filter_task, A(struct io_uring_bpf *));
PROTO(io_uring_register_buf_ring, int (*)(struct io_uring *,
      struct io_uring_buf_reg *, unsigned int) noexcept);
NOEXC(io_uring_register_buf_ring, A(struct io_uring *),
      A(struct io_uring_buf_reg *), A(unsigned int));
PROTO(io_uring_register_buffers, int (*)(struct io_uring *,
      const struct iovec *, unsigned int) noexcept);
NOEXC(io_uring_register_buffers, A(struct io_uring *), A(const struct iovec *),
      A(unsigned int));
PROTO(io_uring_register_buffers_sparse, int (*)(struct io_uring *,
      unsigned int) noexcept);
NOEXC(io_uring_register_buffers_sparse, A(struct io_uring *), A(unsigned int));
PROTO(io_uring_register_buffers_tags, int (*)(struct io_uring *,
      const struct iovec *, const __u64 *, unsigned int) noexcept);
NOEXC(io_uring_register_buffers_tags, A(struct io_uring *),
      A(const struct iovec *), A(const __u64 *), A(unsigned int));
PROTO(io_uring_register_buffers_update_tag,
      int (*)(struct io_uring *,
      unsigned int, const struct iovec *, const __u64 *,
      unsigned int) noexcept);
NOEXC(io_uring_register_buffers_update_tag, A(struct io_uring *),
      A(unsigned int), A(const struct iovec *), A(const __u64 *),
      A(unsigned int));
PROTO(io_uring_register_clock, int (*)(struct io_uring *,
      struct io_uring_clock_register *) noexcept);
NOEXC(io_uring_register_clock, A(struct io_uring *),
      A(struct io_uring_clock_register *));
PROTO(io_uring_register_eventfd, int (*)(struct io_uring *, int) noexcept);
NOEXC(io_uring_register_eventfd, A(struct io_uring *), A(int));
PROTO(io_uring_register_eventfd_async, int (*)(struct io_uring *,
      int) noexcept);
NOEXC(io_uring_register_eventfd_async, A(struct io_uring *), A(int));
PROTO(io_uring_register_file_alloc_range, int (*)(struct io_uring *,
      unsigned int, unsigned int) noexcept);
NOEXC(io_uring_register_file_alloc_range, A(struct io_uring *), A(unsigned int),
      A(unsigned int));
PROTO(io_uring_register_files, int (*)(struct io_uring *, const int *,
      unsigned int) noexcept);
NOEXC(io_uring_register_files, A(struct io_uring *), A(const int *),
      A(unsigned int));
PROTO(io_uring_register_files_sparse, int (*)(struct io_uring *,
      unsigned int) noexcept);
NOEXC(io_uring_register_files_sparse, A(struct io_uring *), A(unsigned int));
PROTO(io_uring_register_files_tags, int (*)(struct io_uring *, const int *,
      const __u64 *, unsigned int) noexcept);
NOEXC(io_uring_register_files_tags, A(struct io_uring *), A(const int *),
      A(const __u64 *), A(unsigned int));
PROTO(io_uring_register_files_update, int (*)(struct io_uring *, unsigned int,
      const int *, unsigned int) noexcept);
NOEXC(io_uring_register_files_update, A(struct io_uring *), A(unsigned int),
      A(const int *), A(unsigned int));
PROTO(io_uring_register_files_update_tag, int (*)(struct io_uring *,
      unsigned int, const int *, const __u64 *, unsigned int) noexcept);
NOEXC(io_uring_register_files_update_tag, A(struct io_uring *), A(unsigned int),
      A(const int *), A(const __u64 *), A(unsigned int));
PROTO(io_uring_register_ifq, int (*)(struct io_uring *,
      struct io_uring_zcrx_ifq_reg *) noexcept);
NOEXC(io_uring_register_ifq, A(struct io_uring *),
      A(struct io_uring_zcrx_ifq_reg *));
PROTO(io_uring_register_iowq_aff, int (*)(struct io_uring *, size_t,
      const cpu_set_t *) noexcept);
NOEXC(io_uring_register_iowq_aff, A(struct io_uring *), A(size_t),
      A(const cpu_set_t *));
PROTO(io_uring_register_iowq_max_workers, int (*)(struct io_uring *,
      unsigned int *) noexcept);
NOEXC(io_uring_register_iowq_max_workers, A(struct io_uring *),
      A(unsigned int *));
PROTO(io_uring_register_napi, int (*)(struct io_uring *,
      struct io_uring_napi *) noexcept);
NOEXC(io_uring_register_napi, A(struct io_uring *), A(struct io_uring_napi *));
PROTO(io_uring_register_personality, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_register_personality, A(struct io_uring *));
PROTO(io_uring_register_probe, int (*)(struct io_uring *,
      struct io_uring_probe *, unsigned int) noexcept);
NOEXC(io_uring_register_probe, A(struct io_uring *), A(struct io_uring_probe *),
      A(unsigned int));
PROTO(io_uring_register_query, int (*)(struct io_uring_query_hdr *) noexcept);
NOEXC(io_uring_register_query, A(struct io_uring_query_hdr *));
PROTO(io_uring_register_region, int (*)(struct io_uring *,
      struct io_uring_mem_region_reg *) noexcept);
NOEXC(io_uring_register_region, A(struct io_uring *),
      A(struct io_uring_mem_region_reg *));
PROTO(io_uring_register_restrictions, int (*)(struct io_uring *,
      struct io_uring_restriction *, unsigned int) noexcept);
NOEXC(io_uring_register_restrictions, A(struct io_uring *),
      A(struct io_uring_restriction *), A(unsigned int));
PROTO(io_uring_register_ring_fd, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_register_ring_fd, A(struct io_uring *));
PROTO(io_uring_register_sync_cancel, int (*)(struct io_uring *,
      struct io_uring_sync_cancel_reg *) noexcept);
NOEXC(io_uring_register_sync_cancel, A(struct io_uring *),
      A(struct io_uring_sync_cancel_reg *));
PROTO(io_uring_register_sync_msg, int (*)(struct io_uring_sqe *) noexcept);
NOEXC(io_uring_register_sync_msg, A(struct io_uring_sqe *));
PROTO(io_uring_register_wait_reg, int (*)(struct io_uring *,
      struct io_uring_reg_wait *, int) noexcept);
NOEXC(io_uring_register_wait_reg, A(struct io_uring *),
      A(struct io_uring_reg_wait *), A(int));
PROTO(io_uring_register_zcrx_ctrl, int (*)(struct io_uring *,
      struct zcrx_ctrl *) noexcept);
NOEXC(io_uring_register_zcrx_ctrl, A(struct io_uring *), A(struct zcrx_ctrl *));
PROTO(io_uring_resize_rings, int (*)(struct io_uring *,
      struct io_uring_params *) noexcept);
NOEXC(io_uring_resize_rings, A(struct io_uring *), A(struct io_uring_params *));
PROTO(io_uring_ring_dontfork, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_ring_dontfork, A(struct io_uring *));
PROTO(io_uring_set_iowait, int (*)(struct io_uring *, bool) noexcept);
NOEXC(io_uring_set_iowait, A(struct io_uring *), A(bool));
PROTO(io_uring_setup, int (*)(unsigned int, struct io_uring_params *) noexcept);
NOEXC(io_uring_setup, A(unsigned int), A(struct io_uring_params *));
PROTO(io_uring_setup_buf_ring,
      struct io_uring_buf_ring *(*)(
      struct io_uring *, unsigned int, int, unsigned int, int *) noexcept);
NOEXC(io_uring_setup_buf_ring, A(struct io_uring *), A(unsigned int), A(int),
      A(unsigned int), A(int *));
PROTO(io_uring_sq_ready, unsigned int (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_sq_ready, A(const struct io_uring *));
PROTO(io_uring_sq_space_left, unsigned int (*)(
      const struct io_uring *) noexcept);
NOEXC(io_uring_sq_space_left, A(const struct io_uring *));
PROTO(io_uring_sqe_set_buf_group, void (*)(struct io_uring_sqe *,
      int) noexcept);
NOEXC(io_uring_sqe_set_buf_group, A(struct io_uring_sqe *), A(int));
PROTO(io_uring_sqe_set_data, void (*)(struct io_uring_sqe *, void *) noexcept);
NOEXC(io_uring_sqe_set_data, A(struct io_uring_sqe *), A(void *));
PROTO(io_uring_sqe_set_data64, void (*)(struct io_uring_sqe *, __u64) noexcept);
NOEXC(io_uring_sqe_set_data64, A(struct io_uring_sqe *), A(__u64));
PROTO(io_uring_sqe_set_flags, void (*)(struct io_uring_sqe *,
      unsigned int) noexcept);
NOEXC(io_uring_sqe_set_flags, A(struct io_uring_sqe *), A(unsigned int));
PROTO(io_uring_sqe_shift, unsigned int (*)(const struct io_uring *) noexcept);
NOEXC(io_uring_sqe_shift, A(const struct io_uring *));
PROTO(io_uring_sqe_shift_from_flags,
      unsigned int (*)(
      unsigned int) noexcept);
NOEXC(io_uring_sqe_shift_from_flags, A(unsigned int));
PROTO(io_uring_sqring_wait, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_sqring_wait, A(struct io_uring *));
PROTO(io_uring_submit, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_submit, A(struct io_uring *));
PROTO(io_uring_submit_and_get_events, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_submit_and_get_events, A(struct io_uring *));
PROTO(io_uring_submit_and_wait, int (*)(struct io_uring *,
      unsigned int) noexcept);
NOEXC(io_uring_submit_and_wait, A(struct io_uring *), A(unsigned int));
PROTO(io_uring_submit_and_wait_min_timeout,
      int (*)(struct io_uring *,
      struct io_uring_cqe **, unsigned int, struct __kernel_timespec *,
      unsigned int, sigset_t *) noexcept);
NOEXC(io_uring_submit_and_wait_min_timeout, A(struct io_uring *),
      A(struct io_uring_cqe **), A(unsigned int), A(struct __kernel_timespec *),
      A(unsigned int), A(sigset_t *));
PROTO(io_uring_submit_and_wait_reg, int (*)(struct io_uring *,
      struct io_uring_cqe **, unsigned int, int) noexcept);
NOEXC(io_uring_submit_and_wait_reg, A(struct io_uring *),
      A(struct io_uring_cqe **), A(unsigned int), A(int));
PROTO(io_uring_submit_and_wait_timeout, int (*)(struct io_uring *,
      struct io_uring_cqe **, unsigned int, struct __kernel_timespec *,
      sigset_t *) noexcept);
NOEXC(io_uring_submit_and_wait_timeout, A(struct io_uring *),
      A(struct io_uring_cqe **), A(unsigned int), A(struct __kernel_timespec *),
      A(sigset_t *));
PROTO(io_uring_unregister_buf_ring, int (*)(struct io_uring *, int) noexcept);
NOEXC(io_uring_unregister_buf_ring, A(struct io_uring *), A(int));
PROTO(io_uring_unregister_buffers, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_unregister_buffers, A(struct io_uring *));
PROTO(io_uring_unregister_eventfd, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_unregister_eventfd, A(struct io_uring *));
PROTO(io_uring_unregister_files, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_unregister_files, A(struct io_uring *));
PROTO(io_uring_unregister_iowq_aff, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_unregister_iowq_aff, A(struct io_uring *));
PROTO(io_uring_unregister_napi, int (*)(struct io_uring *,
      struct io_uring_napi *) noexcept);
NOEXC(io_uring_unregister_napi, A(struct io_uring *),
      A(struct io_uring_napi *));
PROTO(io_uring_unregister_personality, int (*)(struct io_uring *,
      int) noexcept);
NOEXC(io_uring_unregister_personality, A(struct io_uring *), A(int));
PROTO(io_uring_unregister_ring_fd, int (*)(struct io_uring *) noexcept);
NOEXC(io_uring_unregister_ring_fd, A(struct io_uring *));
PROTO(io_uring_wait_cqe, int (*)(struct io_uring *,
      struct io_uring_cqe **) noexcept);
NOEXC(io_uring_wait_cqe, A(struct io_uring *), A(struct io_uring_cqe **));
PROTO(io_uring_wait_cqe_nr, int (*)(struct io_uring *, struct io_uring_cqe **,
      unsigned int) noexcept);
NOEXC(io_uring_wait_cqe_nr, A(struct io_uring *), A(struct io_uring_cqe **),
      A(unsigned int));
PROTO(io_uring_wait_cqe_timeout, int (*)(struct io_uring *,
      struct io_uring_cqe **, struct __kernel_timespec *) noexcept);
NOEXC(io_uring_wait_cqe_timeout, A(struct io_uring *),
      A(struct io_uring_cqe **), A(struct __kernel_timespec *));
PROTO(io_uring_wait_cqes, int (*)(struct io_uring *, struct io_uring_cqe **,
      unsigned int, struct __kernel_timespec *, sigset_t *) noexcept);
NOEXC(io_uring_wait_cqes, A(struct io_uring *), A(struct io_uring_cqe **),
      A(unsigned int), A(struct __kernel_timespec *), A(sigset_t *));
PROTO(io_uring_wait_cqes_min_timeout, int (*)(struct io_uring *,
      struct io_uring_cqe **, unsigned int, struct __kernel_timespec *,
      unsigned int, sigset_t *) noexcept);
NOEXC(io_uring_wait_cqes_min_timeout, A(struct io_uring *),
      A(struct io_uring_cqe **), A(unsigned int), A(struct __kernel_timespec *),
      A(unsigned int), A(sigset_t *));
