/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_CMD_H
#define LIBURING_PREP_CMD_H

/*
 * Prep helpers for IORING_OP_URING_CMD passthrough: the raw command, its
 * 128-byte form, block commands (discard, zone reset) and socket commands
 * (SOCKET_URING_OP_*).  Each starts from io_uring_prep_rw().
 */

#include "prep.h"

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

/*
 * Socket commands through IORING_OP_URING_CMD (Linux 6.7): SIOCINQ and
 * SIOCOUTQ return their count as res; GETSOCKOPT/SETSOCKOPT take level
 * and optname (overlaying addr), optval (addr3) and optlen (file_index),
 * and a get returns the option's length as res.
 */
LIBURING_INLINE void io_uring_prep_cmd_sock(struct io_uring_sqe *sqe,
					    int cmd_op, int fd, int level,
					    int optname, void *optval,
					    int optlen) LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD, (__u32) cmd_op,
				  fd);
	sqe->level = (__u32) level;
	sqe->optname = (__u32) optname;
	sqe->optval = uring_ptr_to_u64(optval);
	sqe->optlen = (__u32) optlen;
}

/*
 * getsockname(2), or getpeername(2) when peer is 1, as a socket command
 * (SOCKET_URING_OP_GETSOCKNAME, Linux 6.19): the address buffer goes in
 * addr, the length pointer in addr3 and peer in optlen.
 */
LIBURING_INLINE void io_uring_prep_cmd_getsockname(struct io_uring_sqe *sqe,
						   int fd,
						   struct sockaddr *sockaddr,
						   socklen_t *sockaddr_len,
						   int peer) LIBURING_NOEXCEPT
{
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD,
				  SOCKET_URING_OP_GETSOCKNAME, fd);
	sqe->addr = uring_ptr_to_u64(sockaddr);
	sqe->addr3 = uring_ptr_to_u64(sockaddr_len);
	sqe->optlen = (__u32) peer;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_CMD_H */
