/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_NET_H
#define LIBURING_PREP_NET_H

/*
 * Prep helpers for sockets: creation, bind, listen, accept, connect, the
 * send and receive family (multishot, bundles, zero copy) and shutdown.
 * Each starts from io_uring_prep_rw() and then sets what its opcode adds.
 * For send and receive requests ioprio is not a priority but the
 * IORING_RECVSEND_* / IORING_RECV_MULTISHOT flag word, and msg_flags are
 * the MSG_* flags of send(2)/recv(2).
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * socket(2) (Linux 5.19): domain in fd, type in off, protocol in len.
 * flags are io_uring's own (none defined yet, so 0); SOCK_NONBLOCK and
 * SOCK_CLOEXEC belong in type as usual.  type is sign-extended into off,
 * byte for byte as liburing writes it; the kernel reads an int.
 */
LIBURING_INLINE void io_uring_prep_socket(struct io_uring_sqe *sqe,
					  int domain, int type, int protocol,
					  unsigned int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SOCKET, sqe, domain, NULL,
			 (unsigned) protocol, (__u64) (__s64) type);
	sqe->rw_flags = (__kernel_rwf_t) flags;
}

LIBURING_INLINE void io_uring_prep_socket_direct(struct io_uring_sqe *sqe,
						 int domain, int type,
						 int protocol,
						 unsigned int file_index,
						 unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_socket(sqe, domain, type, protocol, flags);
	__uring_prep_target_slot(sqe, file_index);
}

LIBURING_INLINE void io_uring_prep_socket_direct_alloc(struct io_uring_sqe *sqe,
						       int domain, int type,
						       int protocol,
						       unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_socket(sqe, domain, type, protocol, flags);
	sqe->file_index = IORING_FILE_INDEX_ALLOC;
}

/* bind(2) (Linux 6.11): the address length goes in addr2. */
LIBURING_INLINE void io_uring_prep_bind(struct io_uring_sqe *sqe, int fd,
					const struct sockaddr *addr,
					socklen_t addrlen) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_BIND, sqe, fd, addr, 0, addrlen);
}

/* listen(2) (Linux 6.11): the backlog goes in len. */
LIBURING_INLINE void io_uring_prep_listen(struct io_uring_sqe *sqe, int fd,
					  int backlog) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_LISTEN, sqe, fd, NULL, (unsigned) backlog,
			 0);
}

/*
 * accept4(2): addr and the addrlen pointer (in addr2) may be NULL; flags
 * are SOCK_*.  io_uring's own IORING_ACCEPT_* flags go in ioprio.
 */
LIBURING_INLINE void io_uring_prep_accept(struct io_uring_sqe *sqe, int fd,
					  struct sockaddr *addr,
					  socklen_t *addrlen, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_ACCEPT, sqe, fd, addr, 0,
			 uring_ptr_to_u64(addrlen));
	sqe->accept_flags = (__u32) flags;
}

/* Accepts into fixed-file slot file_index (Linux 5.15). */
LIBURING_INLINE void io_uring_prep_accept_direct(struct io_uring_sqe *sqe,
						 int fd, struct sockaddr *addr,
						 socklen_t *addrlen, int flags,
						 unsigned int file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_accept(sqe, fd, addr, addrlen, flags);
	__uring_prep_target_slot(sqe, file_index);
}

/* One CQE (with IORING_CQE_F_MORE) per connection (Linux 5.19). */
LIBURING_INLINE void io_uring_prep_multishot_accept(struct io_uring_sqe *sqe,
						    int fd,
						    struct sockaddr *addr,
						    socklen_t *addrlen,
						    int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_accept(sqe, fd, addr, addrlen, flags);
	sqe->ioprio |= IORING_ACCEPT_MULTISHOT;
}

/* Multishot into fixed files: each connection gets an allocated slot. */
LIBURING_INLINE void
io_uring_prep_multishot_accept_direct(struct io_uring_sqe *sqe, int fd,
				      struct sockaddr *addr,
				      socklen_t *addrlen, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_multishot_accept(sqe, fd, addr, addrlen, flags);
	sqe->file_index = IORING_FILE_INDEX_ALLOC;
}

/* connect(2): the address length goes in addr2. */
LIBURING_INLINE void io_uring_prep_connect(struct io_uring_sqe *sqe, int fd,
					   const struct sockaddr *addr,
					   socklen_t addrlen) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_CONNECT, sqe, fd, addr, 0, addrlen);
}

LIBURING_INLINE void io_uring_prep_send(struct io_uring_sqe *sqe, int sockfd,
					const void *buf, size_t len,
					int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SEND, sqe, sockfd, buf, (__u32) len, 0);
	sqe->msg_flags = (__u32) flags;
}

/*
 * Gives a send (or send_zc) a destination, making it sendto(2): the
 * address goes in addr2 and its 16-bit length in addr_len.
 */
LIBURING_INLINE void
io_uring_prep_send_set_addr(struct io_uring_sqe *sqe,
			    const struct sockaddr *dest_addr, __u16 addr_len)
	LIBURING_NOEXCEPT
{
	sqe->addr2 = uring_ptr_to_u64(dest_addr);
	sqe->addr_len = addr_len;
}

LIBURING_INLINE void io_uring_prep_sendto(struct io_uring_sqe *sqe,
					  int sockfd, const void *buf,
					  size_t len, int flags,
					  const struct sockaddr *addr,
					  socklen_t addrlen) LIBURING_NOEXCEPT
{
	io_uring_prep_send(sqe, sockfd, buf, len, flags);
	io_uring_prep_send_set_addr(sqe, addr, (__u16) addrlen);
}

/*
 * A bundle send (Linux 6.10) takes several provided buffers in one go:
 * the caller adds IOSQE_BUFFER_SELECT and the group in buf_group.
 */
LIBURING_INLINE void io_uring_prep_send_bundle(struct io_uring_sqe *sqe,
					       int sockfd, size_t len,
					       int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_send(sqe, sockfd, NULL, len, flags);
	sqe->ioprio |= IORING_RECVSEND_BUNDLE;
}

LIBURING_INLINE void io_uring_prep_recv(struct io_uring_sqe *sqe, int sockfd,
					void *buf, size_t len, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_RECV, sqe, sockfd, buf, (__u32) len, 0);
	sqe->msg_flags = (__u32) flags;
}

/*
 * Multishot receive (Linux 6.0): one CQE per chunk while the socket has
 * data.  Needs provided buffers: the caller sets IOSQE_BUFFER_SELECT and
 * buf_group, and buf/len are normally NULL/0.
 */
LIBURING_INLINE void io_uring_prep_recv_multishot(struct io_uring_sqe *sqe,
						  int sockfd, void *buf,
						  size_t len, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_recv(sqe, sockfd, buf, len, flags);
	sqe->ioprio |= IORING_RECV_MULTISHOT;
}

/* sendmsg(2)/recvmsg(2): len is 1, the one struct msghdr at addr. */
LIBURING_INLINE void io_uring_prep_sendmsg(struct io_uring_sqe *sqe, int fd,
					   const struct msghdr *msg,
					   unsigned flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SENDMSG, sqe, fd, msg, 1, 0);
	sqe->msg_flags = flags;
}

LIBURING_INLINE void io_uring_prep_recvmsg(struct io_uring_sqe *sqe, int fd,
					   struct msghdr *msg,
					   unsigned flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_RECVMSG, sqe, fd, msg, 1, 0);
	sqe->msg_flags = flags;
}

/*
 * Multishot recvmsg (Linux 6.0): msg only gives the name and control
 * sizes; each provided buffer receives a struct io_uring_recvmsg_out,
 * then name, control data and payload (see the io_uring_recvmsg_*
 * helpers).  The caller sets IOSQE_BUFFER_SELECT and buf_group.
 */
LIBURING_INLINE void io_uring_prep_recvmsg_multishot(struct io_uring_sqe *sqe,
						     int fd,
						     struct msghdr *msg,
						     unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_recvmsg(sqe, fd, msg, flags);
	sqe->ioprio |= IORING_RECV_MULTISHOT;
}

/*
 * Zero-copy send (Linux 6.0).  Two CQEs: the result (with
 * IORING_CQE_F_MORE), then an IORING_CQE_F_NOTIF one once the kernel no
 * longer needs the buffer.  zc_flags (IORING_RECVSEND_*) go in ioprio.
 */
LIBURING_INLINE void io_uring_prep_send_zc(struct io_uring_sqe *sqe,
					   int sockfd, const void *buf,
					   size_t len, int flags,
					   unsigned zc_flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SEND_ZC, sqe, sockfd, buf, (__u32) len, 0);
	sqe->msg_flags = (__u32) flags;
	sqe->ioprio = (__u16) zc_flags;
}

/* From registered buffer buf_index, which must contain buf..buf+len. */
LIBURING_INLINE void io_uring_prep_send_zc_fixed(struct io_uring_sqe *sqe,
						 int sockfd, const void *buf,
						 size_t len, int flags,
						 unsigned zc_flags,
						 unsigned buf_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_send_zc(sqe, sockfd, buf, len, flags, zc_flags);
	sqe->ioprio |= IORING_RECVSEND_FIXED_BUF;
	sqe->buf_index = (__u16) buf_index;
}

/* Zero-copy sendmsg (Linux 6.1), same two-CQE protocol. */
LIBURING_INLINE void io_uring_prep_sendmsg_zc(struct io_uring_sqe *sqe,
					      int fd,
					      const struct msghdr *msg,
					      unsigned flags) LIBURING_NOEXCEPT
{
	io_uring_prep_sendmsg(sqe, fd, msg, flags);
	sqe->opcode = IORING_OP_SENDMSG_ZC;
}

/* Its iovecs all inside registered buffer buf_index (Linux 6.15). */
LIBURING_INLINE void io_uring_prep_sendmsg_zc_fixed(struct io_uring_sqe *sqe,
						    int fd,
						    const struct msghdr *msg,
						    unsigned flags,
						    unsigned buf_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_sendmsg_zc(sqe, fd, msg, flags);
	sqe->ioprio |= IORING_RECVSEND_FIXED_BUF;
	sqe->buf_index = (__u16) buf_index;
}

/* shutdown(2) (Linux 5.11): how goes in len. */
LIBURING_INLINE void io_uring_prep_shutdown(struct io_uring_sqe *sqe, int fd,
					    int how) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SHUTDOWN, sqe, fd, NULL, (unsigned) how, 0);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_NET_H */
