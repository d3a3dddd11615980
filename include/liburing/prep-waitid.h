/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_WAITID_H
#define LIBURING_PREP_WAITID_H

/*
 * Prep helper for IORING_OP_WAITID (Linux 6.7): waitid(2) as a request.
 * It starts from io_uring_prep_rw().
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * waitid(2) (Linux 6.7): the id goes in fd, the idtype in len, the
 * options in file_index and the siginfo_t pointer in addr2.
 */
LIBURING_INLINE void io_uring_prep_waitid(struct io_uring_sqe *sqe,
					  idtype_t idtype, id_t id,
					  siginfo_t *infop, int options,
					  unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WAITID, sqe, (int) id, NULL,
			 (unsigned) idtype, uring_ptr_to_u64(infop));
	sqe->waitid_flags = flags;
	sqe->file_index = (__u32) options;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_WAITID_H */
