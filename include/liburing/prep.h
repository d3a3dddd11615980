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

#ifdef __cplusplus
extern "C" {
#endif

LIBURING_INLINE void io_uring_prep_rw(int op, struct io_uring_sqe *sqe,
				      int fd, const void *addr, unsigned len,
				      __u64 offset) LIBURING_NOEXCEPT
{
	sqe->opcode = (__u8) op;
	sqe->flags = 0;
	sqe->ioprio = 0;
	sqe->fd = fd;
	sqe->off = offset;
	sqe->addr = (unsigned long) addr;
	sqe->len = len;
	sqe->rw_flags = 0;
	sqe->buf_index = 0;
	sqe->personality = 0;
	sqe->file_index = 0;
	sqe->addr3 = 0;
	sqe->__pad2[0] = 0;
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

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_H */
