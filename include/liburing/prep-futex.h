/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_FUTEX_H
#define LIBURING_PREP_FUTEX_H

/*
 * Prep helpers for futexes (Linux 6.7): wait, wake, and wait on a vector.
 * Each starts from io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Futex operations (Linux 6.7) use the futex2 interface: the FUTEX2_*
 * flags travel in the fd field, the expected value (or wake count) in
 * addr2 and the bitset mask in addr3.  sqe->futex_flags is for io_uring's
 * own flags, of which there are none yet.
 */
LIBURING_INLINE void io_uring_prep_futex_wait(struct io_uring_sqe *sqe,
					      const uint32_t *futex,
					      uint64_t val, uint64_t mask,
					      uint32_t futex_flags,
					      unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAIT, sqe, (int) futex_flags, futex,
			 0, val);
	sqe->futex_flags = flags;
	sqe->addr3 = mask;
}

LIBURING_INLINE void io_uring_prep_futex_wake(struct io_uring_sqe *sqe,
					      const uint32_t *futex,
					      uint64_t val, uint64_t mask,
					      uint32_t futex_flags,
					      unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAKE, sqe, (int) futex_flags, futex,
			 0, val);
	sqe->futex_flags = flags;
	sqe->addr3 = mask;
}

/* Waits on any of nr_futex futexes; each entry carries its own flags. */
LIBURING_INLINE void io_uring_prep_futex_waitv(struct io_uring_sqe *sqe,
					       const struct futex_waitv *futex,
					       uint32_t nr_futex,
					       unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FUTEX_WAITV, sqe, 0, futex, nr_futex, 0);
	sqe->futex_flags = flags;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_FUTEX_H */
