/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_PREP_H
#define LIBURING_PREP_H

/*
 * Prep helpers: one per operation, each filling an SQE the way the kernel
 * reads it for that opcode.  Every helper starts from io_uring_prep_rw(),
 * which writes every field of the 64-byte SQE except user_data, so stale
 * bytes from a reused slot never reach the kernel (it rejects non-zero
 * reserved fields with -EINVAL).  A helper then sets only what its opcode
 * adds.  Pointers passed in are stored, not copied: see each man page for
 * how long they must stay valid.
 */

#include <endian.h>	/* __BYTE_ORDER, for the poll mask encoding */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Types named in prototypes of the topic headers that the system headers
 * may not have declared; a declaration first keeps each parameter's type
 * the one the application sees.
 */
struct epoll_event;
struct statx;

LIBURING_INLINE void io_uring_prep_rw(int op, struct io_uring_sqe *sqe,
				      int fd, const void *addr, unsigned len,
				      __u64 offset) LIBURING_NOEXCEPT
{
	sqe->opcode = (__u8) op;
	io_uring_initialize_sqe(sqe);
	sqe->fd = fd;
	sqe->off = offset;
	sqe->addr = (unsigned long) addr;
	sqe->len = len;
}

LIBURING_INLINE void io_uring_prep_nop(struct io_uring_sqe *sqe)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_NOP, sqe, -1, NULL, 0, 0);
}

LIBURING_INLINE void io_uring_prep_read(struct io_uring_sqe *sqe, int fd,
					void *buf, unsigned nbytes,
					__u64 offset) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READ, sqe, fd, buf, nbytes, offset);
}

LIBURING_INLINE void io_uring_prep_write(struct io_uring_sqe *sqe, int fd,
					 const void *buf, unsigned nbytes,
					 __u64 offset) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WRITE, sqe, fd, buf, nbytes, offset);
}

LIBURING_INLINE void io_uring_prep_readv(struct io_uring_sqe *sqe, int fd,
					 const struct iovec *iovecs,
					 unsigned nr_vecs, __u64 offset)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READV, sqe, fd, iovecs, nr_vecs, offset);
}

LIBURING_INLINE void io_uring_prep_writev(struct io_uring_sqe *sqe, int fd,
					  const struct iovec *iovecs,
					  unsigned nr_vecs, __u64 offset)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WRITEV, sqe, fd, iovecs, nr_vecs, offset);
}

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
 * The SQE spelling of a direct (fixed-file) descriptor target: file_index
 * is 1-based so that 0 can mean "a normal descriptor", and the all-ones
 * value IORING_FILE_INDEX_ALLOC asks the kernel to pick a free slot from
 * the allocation range (the CQE then carries the slot it chose).
 */
LIBURING_INLINE void __io_uring_set_target_fixed_file(struct io_uring_sqe *sqe,
						 unsigned file_index)
	LIBURING_NOEXCEPT
{
	if (file_index == IORING_FILE_INDEX_ALLOC)
		sqe->file_index = IORING_FILE_INDEX_ALLOC;
	else
		sqe->file_index = file_index + 1;
}

/*
 * Poll masks travel as 32 bits in poll32_events.  The kernel reads them
 * with a half-word swap on big-endian machines (a leftover of the 16-bit
 * poll_events field they grew out of), so the same swap is applied here.
 */
LIBURING_INLINE unsigned __io_uring_prep_poll_mask(unsigned poll_mask)
	LIBURING_NOEXCEPT
{
#if __BYTE_ORDER == __BIG_ENDIAN
	poll_mask = __swahw32(poll_mask);
#endif
	return poll_mask;
}

#ifdef __cplusplus
}
#endif

/* The remaining helpers, by topic; each builds on the functions above. */
#include "prep-ctl.h"	/* first: __io_uring_prep_uring_cmd */
#include "prep-fs.h"
#include "prep-net.h"

#endif /* LIBURING_PREP_H */
