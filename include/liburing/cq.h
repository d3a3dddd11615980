/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_CQ_H
#define LIBURING_CQ_H

/*
 * Completion side, inline: finding, reading and retiring CQEs.  The fast
 * paths never enter the kernel; when they must wait they fall through to
 * __io_uring_get_cqe() in src/queue.c.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* log2 of the CQE size in 16-byte units: 1 on IORING_SETUP_CQE32 rings. */
LIBURING_INLINE unsigned io_uring_cqe_shift_from_flags(unsigned flags)
	LIBURING_NOEXCEPT
{
	return !!(flags & IORING_SETUP_CQE32);
}

LIBURING_INLINE unsigned io_uring_cqe_shift(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return io_uring_cqe_shift_from_flags(ring->flags);
}

/*
 * CQ slots this CQE occupies: on IORING_SETUP_CQE_MIXED rings (Linux 6.18)
 * a 32-byte CQE carries IORING_CQE_F_32 and takes two.
 */
LIBURING_INLINE unsigned io_uring_cqe_nr(const struct io_uring_cqe *cqe)
	LIBURING_NOEXCEPT
{
	return 1U + !!(cqe->flags & IORING_CQE_F_32);
}

/*
 * CQEs ready to reap.  Acquire on the tail pairs with the kernel's release
 * after it wrote the CQEs, so their contents are visible once counted.
 */
LIBURING_INLINE unsigned io_uring_cq_ready(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return io_uring_smp_load_acquire(ring->cq.ktail) - *ring->cq.khead;
}

/* The kernel holds completions that did not fit in the CQ. */
LIBURING_INLINE bool io_uring_cq_has_overflow(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return IO_URING_READ_ONCE(*ring->sq.kflags) & IORING_SQ_CQ_OVERFLOW;
}

LIBURING_INLINE bool io_uring_cq_eventfd_enabled(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	if (!ring->cq.kflags)
		return true;
	return !(IO_URING_READ_ONCE(*ring->cq.kflags) &
		 IORING_CQ_EVENTFD_DISABLED);
}

/*
 * IORING_CQ_EVENTFD_DISABLED in the CQ flags word (Linux 5.8) mutes the
 * registered eventfd.  The kernel only reads this word, so a plain
 * read-modify-write by the application is safe.  Without the word
 * notifications are always on and cannot be muted.
 */
LIBURING_INLINE int io_uring_cq_eventfd_toggle(struct io_uring *ring,
					       bool enabled) LIBURING_NOEXCEPT
{
	unsigned *word = ring->cq.kflags;
	unsigned now, want;

	if (!word)
		return enabled ? 0 : -EOPNOTSUPP;
	now = IO_URING_READ_ONCE(*word);
	want = enabled ? now & ~IORING_CQ_EVENTFD_DISABLED :
			 now | IORING_CQ_EVENTFD_DISABLED;
	if (want != now)
		IO_URING_WRITE_ONCE(*word, want);
	return 0;
}

/*
 * cq.pad[0] is the library's: the setup code stores 1 there when the
 * ring is plain, meaning 16-byte CQEs only (neither CQE32 nor CQE_MIXED)
 * and a kernel that bounds waits itself (IORING_FEAT_EXT_ARG), so that
 * the CQE at the head is always one for the application.  Inline code
 * compiled into programs reads it to take the fast path.  A ring whose
 * struct was filled by another liburing has 0 there, which only sends
 * every peek the long way round (test/compat-pad.sh runs both mixes).
 */
LIBURING_INLINE bool __uring_cq_plain(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return ring->cq.pad[0] != 0;
}

/*
 * Retires nr CQ slots.  Release orders our reads of those CQEs before the
 * kernel may reuse the slots.
 */
LIBURING_INLINE void io_uring_cq_advance(struct io_uring *ring, unsigned nr)
	LIBURING_NOEXCEPT
{
	if (nr)
		io_uring_smp_store_release(ring->cq.khead,
					   *ring->cq.khead + nr);
}

/*
 * Retires one CQE: two slots for a 32-byte CQE of a CQE_MIXED ring, one
 * otherwise.  Only a mixed ring makes reading the CQE's flags necessary.
 */
LIBURING_INLINE void io_uring_cqe_seen(struct io_uring *ring,
				       struct io_uring_cqe *cqe)
	LIBURING_NOEXCEPT
{
	if (uring_unlikely(!cqe))
		return;
	if (uring_likely(__uring_cq_plain(ring)) ||
	    !(ring->flags & IORING_SETUP_CQE_MIXED))
		io_uring_smp_store_release(ring->cq.khead,
					   *ring->cq.khead + 1);
	else
		io_uring_cq_advance(ring, io_uring_cqe_nr(cqe));
}

LIBURING_INLINE void *io_uring_cqe_get_data(const struct io_uring_cqe *cqe)
	LIBURING_NOEXCEPT
{
	return (void *) (uintptr_t) cqe->user_data;
}

LIBURING_INLINE __u64 io_uring_cqe_get_data64(const struct io_uring_cqe *cqe)
	LIBURING_NOEXCEPT
{
	return cqe->user_data;
}

/*
 * Retires cqe, the CQE at the head, if it is one the application must
 * not see, and says whether it was: a filler of a CQE_MIXED ring
 * (IORING_CQE_F_SKIP), or the timeout CQE that stands in for a wait
 * timeout on kernels without IORING_FEAT_EXT_ARG.  Such a timeout that
 * fired leaves its -ETIME (or other error) in *err and returns false:
 * the wait is over.
 */
LIBURING_INLINE bool io_uring_skip_cqe(struct io_uring *ring,
				       struct io_uring_cqe *cqe, int *err)
	LIBURING_NOEXCEPT
{
	bool filler = cqe->flags & IORING_CQE_F_SKIP;
	bool timeout = !(ring->features & IORING_FEAT_EXT_ARG) &&
		       cqe->user_data == LIBURING_UDATA_TIMEOUT;
	int res = cqe->res;

	if (!filler && !timeout)
		return false;
	io_uring_cq_advance(ring, io_uring_cqe_nr(cqe));
	if (timeout && res < 0) {
		*err = res;
		return false;
	}
	return true;
}

/*
 * The CQE the application should see next, and how many CQ slots are
 * ready, without entering the kernel and without consuming it.  CQEs it
 * must not see are retired on the way (io_uring_skip_cqe); an error from
 * a hidden timeout CQE is returned, with *cqe_ptr NULL.
 */
LIBURING_INLINE int __io_uring_peek_cqe(struct io_uring *ring,
					struct io_uring_cqe **cqe_ptr,
					unsigned *nr_available)
	LIBURING_NOEXCEPT
{
	unsigned shift = io_uring_cqe_shift(ring);
	struct io_uring_cqe *cqe;
	unsigned ready;
	int err = 0;

	do {
		unsigned head = *ring->cq.khead;

		ready = io_uring_smp_load_acquire(ring->cq.ktail) - head;
		cqe = ready ? &ring->cq.cqes[(head & ring->cq.ring_mask) <<
					     shift] : NULL;
	} while (cqe && !__uring_cq_plain(ring) &&
		 io_uring_skip_cqe(ring, cqe, &err));

	*cqe_ptr = err ? NULL : cqe;
	if (nr_available)
		*nr_available = ready;
	return err;
}

/*
 * Waits for wait_nr CQEs (0: none, only flush what the kernel holds back,
 * -EAGAIN if that brings nothing) and returns the first.
 */
LIBURING_INLINE int io_uring_wait_cqe_nr(struct io_uring *ring,
					 struct io_uring_cqe **cqe_ptr,
					 unsigned wait_nr) LIBURING_NOEXCEPT
{
	return __io_uring_get_cqe(ring, cqe_ptr, 0, wait_nr, NULL);
}

/*
 * peek and wait inline only what costs two loads: a CQE is ready on a
 * plain ring.  Anything else (an empty CQ, a ring with CQEs to skip, the
 * kernel to enter) is __io_uring_get_cqe(), whose rules are in
 * src/queue.c.
 */
LIBURING_INLINE int __uring_cqe_get(struct io_uring *ring,
				    struct io_uring_cqe **cqe_ptr,
				    unsigned wait_nr) LIBURING_NOEXCEPT
{
	/*
	 * The tail first: what is read after an acquire load cannot be
	 * taken from before it, so this order lets a following
	 * io_uring_cqe_seen() reuse the head and the plain-ring word.
	 */
	unsigned tail = io_uring_smp_load_acquire(ring->cq.ktail);
	unsigned head = *ring->cq.khead;

	if (uring_likely(__uring_cq_plain(ring)) && uring_likely(tail != head)) {
		*cqe_ptr = &ring->cq.cqes[head & ring->cq.ring_mask];
		return 0;
	}
	return __io_uring_get_cqe(ring, cqe_ptr, 0, wait_nr, NULL);
}

/* The next CQE if one is ready, else -EAGAIN; never sleeps. */
LIBURING_INLINE int io_uring_peek_cqe(struct io_uring *ring,
				      struct io_uring_cqe **cqe_ptr)
	LIBURING_NOEXCEPT
{
	return __uring_cqe_get(ring, cqe_ptr, 0);
}

/* The next CQE, sleeping until there is one. */
LIBURING_INLINE int io_uring_wait_cqe(struct io_uring *ring,
				      struct io_uring_cqe **cqe_ptr)
	LIBURING_NOEXCEPT
{
	return __uring_cqe_get(ring, cqe_ptr, 1);
}

/*
 * A cursor over the CQEs ready now, consuming nothing: retire them
 * afterwards with io_uring_cq_advance().  The tail is read once, so CQEs
 * posted meanwhile wait for the next pass.
 */
LIBURING_INLINE struct io_uring_cqe_iter
io_uring_cqe_iter_init(const struct io_uring *ring) LIBURING_NOEXCEPT
{
	struct io_uring_cqe_iter it;

	it.cqes = ring->cq.cqes;
	it.mask = ring->cq.ring_mask;
	it.shift = io_uring_cqe_shift(ring);
	it.head = *ring->cq.khead;
	it.tail = io_uring_smp_load_acquire(ring->cq.ktail);
	return it;
}

LIBURING_INLINE bool io_uring_cqe_iter_next(struct io_uring_cqe_iter *iter,
					    struct io_uring_cqe **cqe)
	LIBURING_NOEXCEPT
{
	if (iter->head == iter->tail)
		return false;
	*cqe = &iter->cqes[(iter->head & iter->mask) << iter->shift];
	iter->head += io_uring_cqe_nr(*cqe);
	return true;
}

/*
 * Walks the ready CQEs without consuming them; follow with
 * io_uring_cq_advance(ring, count).  head must be an unsigned lvalue.
 */
#define io_uring_for_each_cqe(ring, head, cqe)				\
	for ((head) = *(ring)->cq.khead;				\
	     ((cqe) = ((head) !=					\
		       io_uring_smp_load_acquire((ring)->cq.ktail) ?	\
		       &(ring)->cq.cqes[((head) & (ring)->cq.ring_mask) \
					<< io_uring_cqe_shift(ring)] :	\
		       NULL));						\
	     (head) += io_uring_cqe_nr(cqe))

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_CQ_H */
