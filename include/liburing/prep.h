/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_H
#define LIBURING_PREP_H

/*
 * Prep helpers: one per operation, each filling an SQE the way the kernel
 * reads it for that opcode.  This file holds the base every other prep-*.h
 * builds on; the helpers themselves are grouped by what they act on, so the
 * file follows from the opcode: prep-rw.h (read and write), prep-fs.h
 * (files, paths, sync, splice), prep-net.h (sockets), prep-poll.h (poll and
 * epoll), prep-timeout.h, prep-cancel.h, prep-msg-ring.h, prep-futex.h,
 * prep-waitid.h, prep-buffers.h (legacy provided buffers) and prep-cmd.h
 * (IORING_OP_URING_CMD passthrough).
 *
 * Every helper starts from io_uring_prep_rw(), which writes every field of
 * the 64-byte SQE except user_data, so stale bytes from a reused slot never
 * reach the kernel (it rejects non-zero reserved fields with -EINVAL).  A
 * helper then sets only what its opcode adds.  Pointers passed in are
 * stored, not copied: see each man page for how long they must stay valid.
 */

#include "sq.h"	/* io_uring_initialize_sqe() */

#ifdef __cplusplus
extern "C" {
#endif

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

/* A NOP in a 128-byte SQE (Linux 6.19): tests SQE_MIXED rings. */
LIBURING_INLINE void io_uring_prep_nop128(struct io_uring_sqe *sqe)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_NOP128, sqe, -1, NULL, 0, 0);
}

/*
 * The kernel reads a fixed-file slot from sqe->file_index counted from 1,
 * since 0 there means "no fixed file".
 */
LIBURING_INLINE void __io_uring_set_target_fixed_file(struct io_uring_sqe *sqe,
						      unsigned file_index)
	LIBURING_NOEXCEPT
{
	sqe->file_index = file_index + 1;
}

/*
 * The slot a _direct prep creates its file in: a given slot, or
 * IORING_FILE_INDEX_ALLOC as it is (the kernel then picks a free slot
 * and returns it in the CQE's res).
 */
LIBURING_INLINE void __uring_prep_target_slot(struct io_uring_sqe *sqe,
					      unsigned file_index)
	LIBURING_NOEXCEPT
{
	if (file_index == IORING_FILE_INDEX_ALLOC)
		sqe->file_index = IORING_FILE_INDEX_ALLOC;
	else
		__io_uring_set_target_fixed_file(sqe, file_index);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_H */
