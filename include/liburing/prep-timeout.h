/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_TIMEOUT_H
#define LIBURING_PREP_TIMEOUT_H

/*
 * Prep helpers for timeouts: a timeout request, its removal and update,
 * and the timeout linked behind another request.  Each starts from
 * io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Completes after *ts elapses, or once count other completions have been
 * posted (count goes in off; 0 means time only).
 */
LIBURING_INLINE void io_uring_prep_timeout(struct io_uring_sqe *sqe,
					   const struct __kernel_timespec *ts,
					   unsigned count, unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_TIMEOUT, sqe, -1, ts, 1, count);
	sqe->timeout_flags = flags;
}

/*
 * Timeout removal and update share IORING_OP_TIMEOUT_REMOVE: addr names
 * the timeout by its user_data, and for an update (IORING_TIMEOUT_UPDATE,
 * Linux 5.11) addr2 points at the new expiry.
 */
LIBURING_INLINE void io_uring_prep_timeout_remove(struct io_uring_sqe *sqe,
						  __u64 user_data,
						  unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_TIMEOUT_REMOVE, sqe, -1, NULL, 0, 0);
	sqe->addr = user_data;
	sqe->timeout_flags = flags;
}

LIBURING_INLINE void io_uring_prep_timeout_update(struct io_uring_sqe *sqe,
					const struct __kernel_timespec *ts,
					__u64 user_data, unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_TIMEOUT_REMOVE, sqe, -1, NULL, 0,
			 uring_ptr_to_u64(ts));
	sqe->addr = user_data;
	sqe->timeout_flags = flags | IORING_TIMEOUT_UPDATE;
}

/*
 * Bounds the request linked just before it (IOSQE_IO_LINK on that one):
 * if *ts passes first, that request is cancelled.  len must be 1.
 */
LIBURING_INLINE void io_uring_prep_link_timeout(struct io_uring_sqe *sqe,
					const struct __kernel_timespec *ts,
					unsigned flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_LINK_TIMEOUT, sqe, -1, ts, 1, 0);
	sqe->timeout_flags = flags;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_TIMEOUT_H */
