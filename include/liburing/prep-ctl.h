/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_PREP_CTL_H
#define LIBURING_PREP_CTL_H

/*
 * Prep helpers that steer the ring itself rather than a file: timeouts,
 * cancellation, messages between rings, futexes, waitid, legacy provided
 * buffers and passthrough commands (IORING_OP_URING_CMD).  Included from
 * prep.h; each helper starts from io_uring_prep_rw().
 */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Zone reset of a whole zoned block device, the second block uring_cmd
 * (after discard).  Kernels up to 6.18 do not know it and fail it with
 * -EINVAL; the number is fixed in the block ioctl space (type 0x12).
 */
#ifndef BLOCK_URING_CMD_ZONE_RESET_ALL
#define BLOCK_URING_CMD_ZONE_RESET_ALL	_IO(0x12, 1)
#endif

/* A NOP in a 128-byte SQE (Linux 6.19): tests SQE_MIXED rings. */
LIBURING_INLINE void io_uring_prep_nop128(struct io_uring_sqe *sqe)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_NOP128, sqe, -1, NULL, 0, 0);
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
	__io_uring_set_target_fixed_file(sqe, (unsigned) target_fd);
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

/*
 * Legacy provided buffers (Linux 5.7): nr buffers of len bytes each,
 * starting at addr, with ids from bid, into group bgid.  The count rides
 * in the fd field and the first id in off.
 */
LIBURING_INLINE void io_uring_prep_provide_buffers(struct io_uring_sqe *sqe,
						   void *addr, int len,
						   int nr, int bgid, int bid)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_PROVIDE_BUFFERS, sqe, nr, addr,
			 (unsigned) len, (__u64) (unsigned) bid);
	sqe->buf_group = (__u16) bgid;
}

LIBURING_INLINE void io_uring_prep_remove_buffers(struct io_uring_sqe *sqe,
						  int nr, int bgid)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_REMOVE_BUFFERS, sqe, nr, NULL, 0, 0);
	sqe->buf_group = (__u16) bgid;
}

/*
 * Passthrough commands (Linux 5.19): the file's driver interprets cmd_op
 * and the command bytes from addr3 on (sqe->cmd).  __pad1 must be zero.
 */
LIBURING_INLINE void __io_uring_prep_uring_cmd(struct io_uring_sqe *sqe,
					       int op, __u32 cmd_op, int fd)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(op, sqe, fd, NULL, 0, 0);
	sqe->cmd_op = cmd_op;
	sqe->__pad1 = 0;
}

LIBURING_INLINE void io_uring_prep_uring_cmd(struct io_uring_sqe *sqe,
					     int cmd_op, int fd)
	LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD, (__u32) cmd_op,
				  fd);
}

/*
 * The 128-byte form (Linux 6.19, for SQE_MIXED rings).  The SQE must come
 * from io_uring_get_sqe128(): the driver reads all 80 command bytes, so
 * they are cleared here, second half included.
 */
LIBURING_INLINE void io_uring_prep_uring_cmd128(struct io_uring_sqe *sqe,
						int cmd_op, int fd)
	LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD128,
				  (__u32) cmd_op, fd);
	memset((unsigned char *) sqe + offsetof(struct io_uring_sqe, addr3), 0,
	       2 * sizeof(struct io_uring_sqe) -
	       offsetof(struct io_uring_sqe, addr3));
}

/*
 * Block device commands: the byte range goes in addr (start) and addr3
 * (length).  Discard arrived in Linux 6.12.
 */
LIBURING_INLINE void io_uring_prep_cmd_discard(struct io_uring_sqe *sqe,
					       int fd, uint64_t offset,
					       uint64_t nbytes)
	LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD,
				  BLOCK_URING_CMD_DISCARD, fd);
	sqe->addr = offset;
	sqe->addr3 = nbytes;
}

LIBURING_INLINE void io_uring_prep_cmd_zone_reset_all(struct io_uring_sqe *sqe,
						      int fd)
	LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD,
				  BLOCK_URING_CMD_ZONE_RESET_ALL, fd);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_CTL_H */
