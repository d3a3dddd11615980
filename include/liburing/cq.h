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

/*
 * For the long ways round of the inline fast paths: kept out of line, so
 * that what is inlined into the application stays small enough for the
 * compiler to inline it at all.
 */
#if defined(__GNUC__) || defined(__clang__)
#define LIBURING_COLD __attribute__((cold))
#else
#define LIBURING_COLD
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
 * Turns eventfd notification on or off (Linux 5.8 added the CQ flags
 * word; older kernels cannot switch it off).  Only the application
 * writes this word, so a plain read-modify-write is enough.
 */
LIBURING_INLINE int io_uring_cq_eventfd_toggle(struct io_uring *ring,
					       bool enabled) LIBURING_NOEXCEPT
{
	unsigned flags;

	if (enabled == io_uring_cq_eventfd_enabled(ring))
		return 0;
	if (!ring->cq.kflags)
		return -EOPNOTSUPP;

	flags = *ring->cq.kflags;
	if (enabled)
		flags &= ~IORING_CQ_EVENTFD_DISABLED;
	else
		flags |= IORING_CQ_EVENTFD_DISABLED;
	IO_URING_WRITE_ONCE(*ring->cq.kflags, flags);
	return 0;
}

/*
 * ring->cq.pad[0] belongs to the library: nonzero once the long way round
 * (__uring_peek_cqe_any) has seen that the ring is plain, meaning
 * 16-byte CQEs (neither CQE32 nor CQE_MIXED) and a kernel that takes wait
 * timeouts itself (IORING_FEAT_EXT_ARG), so that no CQE is ever to be
 * skipped or hidden.  Neither property changes for the life of a ring and
 * setup zeroes the whole struct, so zero only means "not looked at yet".
 * Testing this one word saves testing two on every reap.
 */
LIBURING_INLINE bool __uring_cq_plain(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return ring->cq.pad[0] != 0;
}

LIBURING_INLINE void __uring_cq_check_plain(struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	if (!ring->cq.pad[0] &&
	    !(ring->flags & (IORING_SETUP_CQE32 | IORING_SETUP_CQE_MIXED)) &&
	    (ring->features & IORING_FEAT_EXT_ARG))
		ring->cq.pad[0] = 1;
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
 * Retires one CQE.  Only a CQE_MIXED ring can hold a two-slot CQE, so
 * the CQE itself is read only there; a plain ring is told apart by the
 * same word the peek just tested, which an inlining compiler does not
 * test twice.  (The two advances are spelled out: written as a count
 * picked by a condition, gcc loads cqe->flags anyway and picks with a
 * cmov.)
 */
LIBURING_INLINE void io_uring_cqe_seen(struct io_uring *ring,
				       struct io_uring_cqe *cqe)
	LIBURING_NOEXCEPT
{
	if (uring_likely(cqe != NULL)) {
		if (uring_likely(__uring_cq_plain(ring)) ||
		    !(ring->flags & IORING_SETUP_CQE_MIXED))
			io_uring_smp_store_release(ring->cq.khead,
						   *ring->cq.khead + 1);
		else
			io_uring_cq_advance(ring, io_uring_cqe_nr(cqe));
	}
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
 * Finds the first CQE an application should see, without waiting.  Two
 * kinds are retired on the way: the hidden timeout CQE that emulates wait
 * timeouts on kernels without IORING_FEAT_EXT_ARG (its -ETIME becomes our
 * return value), and the IORING_CQE_F_SKIP filler that a CQE_MIXED ring
 * places where a 32-byte CQE would have wrapped.
 */
LIBURING_INLINE LIBURING_COLD int
__uring_peek_cqe_any(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		     unsigned *nr_available)
	LIBURING_NOEXCEPT
{
	struct io_uring_cqe *cqe;
	unsigned shift = io_uring_cqe_shift(ring);
	unsigned avail;
	int err = 0;

	__uring_cq_check_plain(ring);
	for (;;) {
		unsigned tail = io_uring_smp_load_acquire(ring->cq.ktail);
		unsigned head = *ring->cq.khead;

		cqe = NULL;
		avail = tail - head;
		if (!avail)
			break;
		cqe = &ring->cq.cqes[(head & ring->cq.ring_mask) << shift];
		if (uring_unlikely(!(ring->features & IORING_FEAT_EXT_ARG)) &&
		    cqe->user_data == LIBURING_UDATA_TIMEOUT) {
			if (cqe->res < 0)
				err = cqe->res;
			io_uring_cq_advance(ring, 1);
			if (!err)
				continue;
			cqe = NULL;
		} else if (uring_unlikely(ring->flags &
					  IORING_SETUP_CQE_MIXED) &&
			   (cqe->flags & IORING_CQE_F_SKIP)) {
			io_uring_cq_advance(ring, 1);
			continue;
		}
		break;
	}

	*cqe_ptr = cqe;
	if (nr_available)
		*nr_available = avail;
	return err;
}

/*
 * The common case, told apart in one go: a CQE is ready and the ring is
 * plain (see __uring_cq_plain), so there is nothing to skip and the
 * CQE at the head is the one.  Everything else (nothing ready, CQE32 or
 * CQE_MIXED rings, pre-5.11 kernels, a ring not yet looked at) goes the
 * long way, __uring_peek_cqe_any().  Sets *head and *avail when it
 * says yes.
 */
LIBURING_INLINE bool __uring_cqe_simple(const struct io_uring *ring,
					unsigned *head, unsigned *avail)
	LIBURING_NOEXCEPT
{
	unsigned tail = io_uring_smp_load_acquire(ring->cq.ktail);

	*head = *ring->cq.khead;
	*avail = tail - *head;
	return uring_likely(*avail != 0) &&
	       uring_likely(__uring_cq_plain(ring));
}

/*
 * After __uring_cqe_simple() said no: whether that was only because
 * nothing is ready on a plain ring, where the long way would find nothing
 * either.  Waiting on an empty ring, as under SQPOLL, then costs no extra
 * look.
 */
LIBURING_INLINE bool __uring_cq_plain_empty(const struct io_uring *ring,
					    unsigned avail)
	LIBURING_NOEXCEPT
{
	return !avail && __uring_cq_plain(ring);
}

LIBURING_INLINE int __io_uring_peek_cqe(struct io_uring *ring,
					struct io_uring_cqe **cqe_ptr,
					unsigned *nr_available)
	LIBURING_NOEXCEPT
{
	unsigned head, avail;

	if (__uring_cqe_simple(ring, &head, &avail)) {
		*cqe_ptr = &ring->cq.cqes[head & ring->cq.ring_mask];
		if (nr_available)
			*nr_available = avail;
		return 0;
	}
	if (__uring_cq_plain_empty(ring, avail)) {
		*cqe_ptr = NULL;
		if (nr_available)
			*nr_available = 0;
		return 0;
	}
	return __uring_peek_cqe_any(ring, cqe_ptr, nr_available);
}

/* Waits for at least wait_nr CQEs and returns the first; 0 just flushes. */
LIBURING_INLINE int io_uring_wait_cqe_nr(struct io_uring *ring,
					 struct io_uring_cqe **cqe_ptr,
					 unsigned wait_nr) LIBURING_NOEXCEPT
{
	return __io_uring_get_cqe(ring, cqe_ptr, 0, wait_nr, NULL);
}

/*
 * The next CQE: the one ready if there is one, else what
 * io_uring_wait_cqe_nr(wait_nr) brings (wait_nr 0 only flushes, and gives
 * -EAGAIN if that finds nothing).  The common case returns 0 without a
 * second look at *cqe_ptr, so that inlined into a caller that checks the
 * return value, only one test remains.
 */
LIBURING_INLINE int __uring_next_cqe(struct io_uring *ring,
				     struct io_uring_cqe **cqe_ptr,
				     unsigned wait_nr) LIBURING_NOEXCEPT
{
	unsigned head, avail;

	if (__uring_cqe_simple(ring, &head, &avail)) {
		*cqe_ptr = &ring->cq.cqes[head & ring->cq.ring_mask];
		return 0;
	}
	if (!__uring_cq_plain_empty(ring, avail) &&
	    !__uring_peek_cqe_any(ring, cqe_ptr, NULL) && *cqe_ptr)
		return 0;
	return io_uring_wait_cqe_nr(ring, cqe_ptr, wait_nr);
}

/* The next CQE if one is ready, else -EAGAIN; never sleeps. */
LIBURING_INLINE int io_uring_peek_cqe(struct io_uring *ring,
				      struct io_uring_cqe **cqe_ptr)
	LIBURING_NOEXCEPT
{
	return __uring_next_cqe(ring, cqe_ptr, 0);
}

/* The next CQE, sleeping until there is one. */
LIBURING_INLINE int io_uring_wait_cqe(struct io_uring *ring,
				      struct io_uring_cqe **cqe_ptr)
	LIBURING_NOEXCEPT
{
	return __uring_next_cqe(ring, cqe_ptr, 1);
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
