/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_BUFFERS_H
#define LIBURING_PREP_BUFFERS_H

/*
 * Prep helpers for legacy provided buffers: IORING_OP_PROVIDE_BUFFERS and
 * IORING_OP_REMOVE_BUFFERS.  (Provided-buffer rings are in buf_ring.h.)
 * Each starts from io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Legacy provided buffers (Linux 5.7): nr buffers of len bytes each,
 * starting at addr, with ids from bid, into group bgid.  The count rides
 * in the fd field and the first id in off, sign-extended as liburing
 * stores it (the kernel refuses any id above 65535 with -E2BIG).
 */
LIBURING_INLINE void io_uring_prep_provide_buffers(struct io_uring_sqe *sqe,
						   void *addr, int len,
						   int nr, int bgid, int bid)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_PROVIDE_BUFFERS, sqe, nr, addr,
			 (unsigned) len, (__u64) (__s64) bid);
	sqe->buf_group = (__u16) bgid;
}

LIBURING_INLINE void io_uring_prep_remove_buffers(struct io_uring_sqe *sqe,
						  int nr, int bgid)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_REMOVE_BUFFERS, sqe, nr, NULL, 0, 0);
	sqe->buf_group = (__u16) bgid;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_BUFFERS_H */
