/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_RW_H
#define LIBURING_PREP_RW_H

/*
 * Prep helpers for reads and writes: plain, vectored, with RWF_* flags
 * (readv2/writev2), from registered buffers (the _fixed forms) and
 * multishot reads from provided buffers.  Each starts from
 * io_uring_prep_rw(); offset -1 means the file's current position.
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* Reads and writes through registered buffer buf_index (Linux 5.1). */
LIBURING_INLINE void io_uring_prep_read_fixed(struct io_uring_sqe *sqe,
					      int fd, void *buf,
					      unsigned nbytes, __u64 offset,
					      int buf_index) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READ_FIXED, sqe, fd, buf, nbytes, offset);
	sqe->buf_index = (__u16) buf_index;
}

LIBURING_INLINE void io_uring_prep_write_fixed(struct io_uring_sqe *sqe,
					       int fd, const void *buf,
					       unsigned nbytes, __u64 offset,
					       int buf_index) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WRITE_FIXED, sqe, fd, buf, nbytes,
			 offset);
	sqe->buf_index = (__u16) buf_index;
}

/* preadv2/pwritev2: flags are RWF_* and go in rw_flags. */
LIBURING_INLINE void io_uring_prep_readv2(struct io_uring_sqe *sqe, int fd,
					  const struct iovec *iovecs,
					  unsigned nr_vecs, __u64 offset,
					  int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READV, sqe, fd, iovecs, nr_vecs, offset);
	sqe->rw_flags = (__kernel_rwf_t) flags;
}

LIBURING_INLINE void io_uring_prep_writev2(struct io_uring_sqe *sqe, int fd,
					   const struct iovec *iovecs,
					   unsigned nr_vecs, __u64 offset,
					   int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WRITEV, sqe, fd, iovecs, nr_vecs, offset);
	sqe->rw_flags = (__kernel_rwf_t) flags;
}

/*
 * Vectored I/O whose iovecs all lie inside registered buffer buf_index
 * (Linux 6.15): the kernel maps them onto the pinned pages.
 */
LIBURING_INLINE void io_uring_prep_readv_fixed(struct io_uring_sqe *sqe,
					       int fd,
					       const struct iovec *iovecs,
					       unsigned nr_vecs, __u64 offset,
					       int flags, int buf_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READV_FIXED, sqe, fd, iovecs, nr_vecs,
			 offset);
	sqe->rw_flags = (__kernel_rwf_t) flags;
	sqe->buf_index = (__u16) buf_index;
}

LIBURING_INLINE void io_uring_prep_writev_fixed(struct io_uring_sqe *sqe,
						int fd,
						const struct iovec *iovecs,
						unsigned nr_vecs,
						__u64 offset, int flags,
						int buf_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_WRITEV_FIXED, sqe, fd, iovecs, nr_vecs,
			 offset);
	sqe->rw_flags = (__kernel_rwf_t) flags;
	sqe->buf_index = (__u16) buf_index;
}

/*
 * Multishot read (Linux 6.7): keeps reading into buffers picked from
 * group buf_group, one CQE with IORING_CQE_F_MORE per chunk, until an
 * error, EOF or the group runs dry.  Buffer selection is mandatory for
 * this opcode, so the helper sets IOSQE_BUFFER_SELECT itself.  nbytes 0
 * means "the selected buffer's size".
 */
LIBURING_INLINE void io_uring_prep_read_multishot(struct io_uring_sqe *sqe,
						  int fd, unsigned nbytes,
						  __u64 offset, int buf_group)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_READ_MULTISHOT, sqe, fd, NULL, nbytes,
			 offset);
	sqe->buf_group = (__u16) buf_group;
	sqe->flags = IOSQE_BUFFER_SELECT;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_RW_H */
