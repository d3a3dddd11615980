/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_POLL_H
#define LIBURING_PREP_POLL_H

/*
 * Prep helpers for readiness: poll (one-shot, multishot, removed,
 * updated) and epoll (ctl and wait).  Each starts from io_uring_prep_rw().
 */

#include <endian.h>	/* __BYTE_ORDER, for the poll mask encoding */
#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named in prototypes below; the system headers may not declare it. */
struct epoll_event;

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

/* One-shot poll: completes with the ready mask as res. */
LIBURING_INLINE void io_uring_prep_poll_add(struct io_uring_sqe *sqe, int fd,
					    unsigned poll_mask)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_POLL_ADD, sqe, fd, NULL, 0, 0);
	sqe->poll32_events = __io_uring_prep_poll_mask(poll_mask);
}

/*
 * Stays armed (Linux 5.13): a CQE with IORING_CQE_F_MORE per event; the
 * poll flags (IORING_POLL_ADD_MULTI) go in len.
 */
LIBURING_INLINE void io_uring_prep_poll_multishot(struct io_uring_sqe *sqe,
						  int fd, unsigned poll_mask)
	LIBURING_NOEXCEPT
{
	io_uring_prep_poll_add(sqe, fd, poll_mask);
	sqe->len = IORING_POLL_ADD_MULTI;
}

/* Removes the poll request whose user_data is user_data (in addr). */
LIBURING_INLINE void io_uring_prep_poll_remove(struct io_uring_sqe *sqe,
					       __u64 user_data)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_POLL_REMOVE, sqe, -1, NULL, 0, 0);
	sqe->addr = user_data;
}

/*
 * Updates a poll in place (Linux 5.13): the old user_data in addr, the
 * new one in off, the new mask in poll32_events, and which of them apply
 * (IORING_POLL_UPDATE_EVENTS / _USER_DATA, plus IORING_POLL_ADD_MULTI)
 * in len.
 */
LIBURING_INLINE void io_uring_prep_poll_update(struct io_uring_sqe *sqe,
					       __u64 old_user_data,
					       __u64 new_user_data,
					       unsigned poll_mask,
					       unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_POLL_REMOVE, sqe, -1, NULL, flags,
			 new_user_data);
	sqe->addr = old_user_data;
	sqe->poll32_events = __io_uring_prep_poll_mask(poll_mask);
}

/*
 * epoll_ctl(2) (Linux 5.6): the epoll fd in fd, the operation in len,
 * the target fd in off and the event at addr.
 */
LIBURING_INLINE void io_uring_prep_epoll_ctl(struct io_uring_sqe *sqe,
					     int epfd, int fd, int op,
					     const struct epoll_event *ev)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_EPOLL_CTL, sqe, epfd, ev, (unsigned) op,
			 (__u64) (__u32) fd);
}

/* epoll_wait(2) without a timeout (Linux 6.15): maxevents goes in len. */
LIBURING_INLINE void io_uring_prep_epoll_wait(struct io_uring_sqe *sqe,
					      int fd,
					      struct epoll_event *events,
					      int maxevents, unsigned flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_EPOLL_WAIT, sqe, fd, events,
			 (unsigned) maxevents, 0);
	sqe->rw_flags = (__kernel_rwf_t) flags;
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_POLL_H */
