/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_MSG_RING_H
#define LIBURING_PREP_MSG_RING_H

/*
 * Prep helpers for IORING_OP_MSG_RING: a CQE posted to another ring,
 * or a fixed file passed to it.  Each starts from io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * IORING_OP_MSG_RING (Linux 5.18) posts a CQE on the ring behind fd.
 * The kernel reads the command from addr (IORING_MSG_DATA is 0), the
 * target CQE's user_data from off and its res from len.
 */
LIBURING_INLINE void io_uring_prep_msg_ring(struct io_uring_sqe *sqe, int fd,
					    unsigned int len, __u64 data,
					    unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, fd, NULL, len, data);
	sqe->msg_ring_flags = flags;
}

/*
 * With IORING_MSG_RING_FLAGS_PASS (Linux 6.3) the target CQE's flags are
 * taken from file_index, which has no other use for IORING_MSG_DATA.
 */
LIBURING_INLINE void io_uring_prep_msg_ring_cqe_flags(struct io_uring_sqe *sqe,
						      int fd, unsigned int len,
						      __u64 data,
						      unsigned int flags,
						      unsigned int cqe_flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, fd, NULL, len, data);
	sqe->msg_ring_flags = IORING_MSG_RING_FLAGS_PASS | flags;
	sqe->file_index = cqe_flags;
}

/*
 * IORING_MSG_SEND_FD (Linux 6.0) copies this ring's direct descriptor
 * source_fd (in addr3) into the target ring's table at target_fd (a
 * file_index, so 1-based, or the allocate-a-slot value).
 */
LIBURING_INLINE void io_uring_prep_msg_ring_fd(struct io_uring_sqe *sqe,
					       int fd, int source_fd,
					       int target_fd, __u64 data,
					       unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, fd, NULL, 0, data);
	sqe->addr = IORING_MSG_SEND_FD;
	sqe->addr3 = (__u32) source_fd;
	__uring_prep_target_slot(sqe, (unsigned) target_fd);
	sqe->msg_ring_flags = flags;
}

LIBURING_INLINE void io_uring_prep_msg_ring_fd_alloc(struct io_uring_sqe *sqe,
						     int fd, int source_fd,
						     __u64 data,
						     unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_msg_ring_fd(sqe, fd, source_fd,
				  (int) IORING_FILE_INDEX_ALLOC, data, flags);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_MSG_RING_H */
