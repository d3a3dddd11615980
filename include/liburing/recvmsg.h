/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_RECVMSG_H
#define LIBURING_RECVMSG_H

/*
 * Parsing the buffers a multishot IORING_OP_RECVMSG fills.  The kernel
 * lays each one out as
 *
 *	struct io_uring_recvmsg_out
 *	name		msg_namelen bytes of the msghdr given at prep time
 *	control		msg_controllen bytes of it
 *	payload		whatever is left, up to the CQE's res
 *
 * The name and control areas always have the sizes the msghdr asked for,
 * whatever was received; io_uring_recvmsg_out says how much of each is
 * valid (a larger value than the area means it was truncated, and flags
 * then has MSG_CTRUNC / MSG_TRUNC).  buf_len below is the CQE's res: the
 * number of bytes the kernel wrote into the buffer.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* The header, or NULL if buf_len cannot even hold header, name and control. */
LIBURING_INLINE struct io_uring_recvmsg_out *
io_uring_recvmsg_validate(void *buf, int buf_len, struct msghdr *msgh)
	LIBURING_NOEXCEPT
{
	unsigned long need = sizeof(struct io_uring_recvmsg_out) +
			     msgh->msg_namelen + msgh->msg_controllen;

	if (buf_len < 0 || (unsigned long) buf_len < need)
		return NULL;
	return (struct io_uring_recvmsg_out *) buf;
}

/* Start of the name area (the source address for datagram sockets). */
LIBURING_INLINE void *io_uring_recvmsg_name(struct io_uring_recvmsg_out *o)
	LIBURING_NOEXCEPT
{
	return (void *) &o[1];
}

/* First control message, or NULL if the kernel stored none. */
LIBURING_INLINE struct cmsghdr *
io_uring_recvmsg_cmsg_firsthdr(struct io_uring_recvmsg_out *o,
			       struct msghdr *msgh) LIBURING_NOEXCEPT
{
	if (o->controllen < sizeof(struct cmsghdr))
		return NULL;
	return (struct cmsghdr *) ((unsigned char *) io_uring_recvmsg_name(o) +
				   msgh->msg_namelen);
}

/*
 * The control message after cmsg, or NULL at the end of the valid control
 * data.  Control messages are padded to the kernel's alignment (that of
 * a long) and a message is only returned if its whole length fits.
 */
LIBURING_INLINE struct cmsghdr *
io_uring_recvmsg_cmsg_nexthdr(struct io_uring_recvmsg_out *o,
			      struct msghdr *msgh, struct cmsghdr *cmsg)
	LIBURING_NOEXCEPT
{
	const unsigned long align = sizeof(long);
	unsigned char *end, *next;
	unsigned long step;

	if (cmsg->cmsg_len < sizeof(struct cmsghdr))
		return NULL;
	end = (unsigned char *) io_uring_recvmsg_cmsg_firsthdr(o, msgh);
	if (!end)
		return NULL;
	end += o->controllen;
	step = ((unsigned long) cmsg->cmsg_len + align - 1) & ~(align - 1);
	next = (unsigned char *) cmsg + step;
	if (next + sizeof(struct cmsghdr) > end)
		return NULL;
	step = ((unsigned long) ((struct cmsghdr *) next)->cmsg_len +
		align - 1) & ~(align - 1);
	if (next + step > end)
		return NULL;
	return (struct cmsghdr *) next;
}

/* Start of the payload. */
LIBURING_INLINE void *io_uring_recvmsg_payload(struct io_uring_recvmsg_out *o,
					       struct msghdr *msgh)
	LIBURING_NOEXCEPT
{
	return (void *) ((unsigned char *) io_uring_recvmsg_name(o) +
			 msgh->msg_namelen + msgh->msg_controllen);
}

/*
 * Payload bytes present in the buffer (buf_len is the CQE's res).  When
 * the datagram did not fit, o->flags has MSG_TRUNC; o->payloadlen is then
 * its full length only if the request itself passed MSG_TRUNC.
 */
LIBURING_INLINE unsigned int
io_uring_recvmsg_payload_length(struct io_uring_recvmsg_out *o, int buf_len,
				struct msghdr *msgh) LIBURING_NOEXCEPT
{
	unsigned char *start = (unsigned char *) io_uring_recvmsg_payload(o,
									  msgh);
	unsigned char *end = (unsigned char *) o + buf_len;

	return (unsigned int) (end - start);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_RECVMSG_H */
