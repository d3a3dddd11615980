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

/*
 * The header, or NULL unless the buf_len bytes hold header, name and
 * control.  The sizes are taken off buf_len one at a time, so that no sum
 * of them can wrap, and a negative buf_len (an error in res) fails the
 * first comparison.
 */
LIBURING_INLINE struct io_uring_recvmsg_out *
io_uring_recvmsg_validate(void *buf, int buf_len, struct msghdr *msgh)
	LIBURING_NOEXCEPT
{
	unsigned long left;

	if (buf_len < (int) sizeof(struct io_uring_recvmsg_out))
		return NULL;
	left = (unsigned long) buf_len - sizeof(struct io_uring_recvmsg_out);
	if (left < msgh->msg_namelen)
		return NULL;
	left -= msgh->msg_namelen;
	if (left < msgh->msg_controllen)
		return NULL;
	return (struct io_uring_recvmsg_out *) buf;
}

/* Start of the name area (the source address for datagram sockets). */
LIBURING_INLINE void *io_uring_recvmsg_name(struct io_uring_recvmsg_out *o)
	LIBURING_NOEXCEPT
{
	return (unsigned char *) o + sizeof(*o);
}

/*
 * First control message, or NULL if the kernel stored none.  The valid
 * control bytes are o->controllen, but never more than the area the
 * msghdr set aside, whatever a damaged header claims.
 */
LIBURING_INLINE struct cmsghdr *
io_uring_recvmsg_cmsg_firsthdr(struct io_uring_recvmsg_out *o,
			       struct msghdr *msgh) LIBURING_NOEXCEPT
{
	unsigned long valid = o->controllen;

	if (valid > msgh->msg_controllen)
		valid = msgh->msg_controllen;
	if (valid < sizeof(struct cmsghdr))
		return NULL;
	return (struct cmsghdr *) ((unsigned char *) io_uring_recvmsg_name(o) +
				   msgh->msg_namelen);
}

/*
 * The control message after cmsg, or NULL at the end of the valid control
 * data.  The kernel pads each message to the alignment of a long.  All
 * positions are offsets into the valid bytes, checked before they are
 * added, so a bogus cmsg_len ends the walk instead of pointing outside
 * the buffer; a message is only returned if its whole length fits.
 */
LIBURING_INLINE struct cmsghdr *
io_uring_recvmsg_cmsg_nexthdr(struct io_uring_recvmsg_out *o,
			      struct msghdr *msgh, struct cmsghdr *cmsg)
	LIBURING_NOEXCEPT
{
	const unsigned long pad = sizeof(long) - 1;
	unsigned char *area =
		(unsigned char *) io_uring_recvmsg_cmsg_firsthdr(o, msgh);
	unsigned long valid, at, len;
	struct cmsghdr *next;

	if (!area)
		return NULL;
	valid = o->controllen < msgh->msg_controllen ?
		o->controllen : (unsigned long) msgh->msg_controllen;
	at = (unsigned long) ((unsigned char *) cmsg - area);
	len = (unsigned long) cmsg->cmsg_len;
	if (at >= valid || len < sizeof(struct cmsghdr) || len > valid - at)
		return NULL;

	at += (len + pad) & ~pad;
	if (at > valid || valid - at < sizeof(struct cmsghdr))
		return NULL;
	next = (struct cmsghdr *) (area + at);
	len = (unsigned long) next->cmsg_len;
	if (len < sizeof(struct cmsghdr) || len > valid - at)
		return NULL;
	return next;
}

/* Start of the payload. */
LIBURING_INLINE void *io_uring_recvmsg_payload(struct io_uring_recvmsg_out *o,
					       struct msghdr *msgh)
	LIBURING_NOEXCEPT
{
	return (unsigned char *) io_uring_recvmsg_name(o) +
	       msgh->msg_namelen + msgh->msg_controllen;
}

/*
 * Payload bytes present in the buffer (buf_len is the CQE's res): what is
 * left after header, name and control, and 0 when buf_len does not even
 * cover those (or is negative).  When the datagram did not fit, o->flags
 * has MSG_TRUNC; o->payloadlen is then its full length only if the
 * request itself passed MSG_TRUNC.
 */
LIBURING_INLINE unsigned int
io_uring_recvmsg_payload_length(struct io_uring_recvmsg_out *o, int buf_len,
				struct msghdr *msgh) LIBURING_NOEXCEPT
{
	unsigned long used;

	if (!io_uring_recvmsg_validate(o, buf_len, msgh))
		return 0;
	/* validated: the sum is at most buf_len */
	used = sizeof(*o) + msgh->msg_namelen + msgh->msg_controllen;
	return (unsigned int) ((unsigned long) buf_len - used);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_RECVMSG_H */
