/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_CANCEL_H
#define LIBURING_PREP_CANCEL_H

/*
 * Prep helpers for IORING_OP_ASYNC_CANCEL: by user_data, by fd, or
 * everything matching.  Each starts from io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Cancellation matches on addr (a user_data) by default; with
 * IORING_ASYNC_CANCEL_FD on the fd field, with _ANY on anything, and
 * with _ALL it cancels every match instead of the first (Linux 5.19).
 */
LIBURING_INLINE void io_uring_prep_cancel64(struct io_uring_sqe *sqe,
					    __u64 user_data, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_ASYNC_CANCEL, sqe, -1, NULL, 0, 0);
	sqe->addr = user_data;
	sqe->cancel_flags = (__u32) flags;
}

LIBURING_INLINE void io_uring_prep_cancel(struct io_uring_sqe *sqe,
					  const void *user_data, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_cancel64(sqe, uring_ptr_to_u64(user_data), flags);
}

LIBURING_INLINE void io_uring_prep_cancel_fd(struct io_uring_sqe *sqe,
					     int fd, unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_ASYNC_CANCEL, sqe, fd, NULL, 0, 0);
	sqe->cancel_flags = flags | IORING_ASYNC_CANCEL_FD;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_CANCEL_H */
