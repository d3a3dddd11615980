/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_SQ_H
#define LIBURING_SQ_H

/*
 * Submission side, inline: handing out SQE slots and tagging them.  Nothing
 * here talks to the kernel; io_uring_submit() publishes what was queued.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* log2 of the SQE size in 64-byte units: 1 on IORING_SETUP_SQE128 rings. */
LIBURING_INLINE unsigned io_uring_sqe_shift_from_flags(unsigned flags)
	LIBURING_NOEXCEPT
{
	return !!(flags & IORING_SETUP_SQE128);
}

LIBURING_INLINE unsigned io_uring_sqe_shift(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return io_uring_sqe_shift_from_flags(ring->flags);
}

/*
 * The kernel's SQ head.  Acquire pairs with the kernel's release when it
 * consumes SQEs: once we see the head move, the slots behind it are free
 * for us to overwrite.
 */
LIBURING_INLINE unsigned io_uring_load_sq_head(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return io_uring_smp_load_acquire(ring->sq.khead);
}

/*
 * Clears what no opcode's prep sets for itself, from the end of the SQE
 * back: the 16 bytes of addr3 and its padding, the word of file_index,
 * personality and buf_index, the opcode flags word, ioprio and the SQE
 * flags.  Prep helpers start from this; code that fills SQEs by hand
 * can too.  (Field stores, not memset(): compilers merge them with the
 * prep's own stores.)
 */
LIBURING_INLINE void io_uring_initialize_sqe(struct io_uring_sqe *sqe)
	LIBURING_NOEXCEPT
{
	sqe->__pad2[0] = 0;
	sqe->addr3 = 0;
	sqe->file_index = 0;
	sqe->personality = 0;
	sqe->buf_index = 0;
	sqe->rw_flags = 0;
	sqe->ioprio = 0;
	sqe->flags = 0;
}

/*
 * Hands out the next free SQE slot, or NULL when the SQ is full.  The hot
 * path compares against the cached head and touches no shared memory.
 * SQE128 rings double the index behind a branch: a test of the ring's
 * flags costs less than computing a shift count from them on every call.
 * A slot's address is never NULL; saying so lets an inlined caller's own
 * NULL check fall away on this path.
 */
LIBURING_INLINE struct io_uring_sqe *_io_uring_get_sqe(struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail, idx;
	struct io_uring_sqe *sqe;

	if (uring_unlikely(tail - sq->head_cache >= sq->ring_entries)) {
		sq->head_cache = io_uring_load_sq_head(ring);
		if (tail - sq->head_cache >= sq->ring_entries)
			return NULL;
	}
	sq->sqe_tail = tail + 1;
	idx = tail & sq->ring_mask;
	if (uring_unlikely(ring->flags & IORING_SETUP_SQE128))
		idx <<= 1;
	sqe = &sq->sqes[idx];
#if defined(__GNUC__) || defined(__clang__)
	if (!sqe)
		__builtin_unreachable();
#endif
	return sqe;
}

#ifndef LIBURING_INTERNAL
/* Inline for speed; the library also exports it for old binaries. */
LIBURING_INLINE struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return _io_uring_get_sqe(ring);
}
#else
struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring)
	LIBURING_NOEXCEPT;
#endif

/*
 * A 128-byte SQE.  On SQE128 rings every slot is that big.  On SQE_MIXED
 * rings (Linux 6.19) a big SQE takes two adjacent 64-byte slots and must
 * not wrap around the end of the ring: if only the last slot is left
 * before the wrap, it is filled with a NOP whose success CQE is skipped.
 */
LIBURING_INLINE struct io_uring_sqe *io_uring_get_sqe128(struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail, need;

	if (ring->flags & IORING_SETUP_SQE128)
		return _io_uring_get_sqe(ring);
	if (!(ring->flags & IORING_SETUP_SQE_MIXED))
		return NULL;

	tail = sq->sqe_tail;
	need = ((tail & sq->ring_mask) == sq->ring_mask) ? 3 : 2;
	if (tail + need - sq->head_cache > sq->ring_entries) {
		sq->head_cache = io_uring_load_sq_head(ring);
		if (tail + need - sq->head_cache > sq->ring_entries)
			return NULL;
	}
	if (need == 3) {
		struct io_uring_sqe *pad = &sq->sqes[tail & sq->ring_mask];

		memset(pad, 0, sizeof(*pad));
		pad->opcode = IORING_OP_NOP;
		pad->flags = IOSQE_CQE_SKIP_SUCCESS;
		tail++;
	}
	sq->sqe_tail = tail + 2;
	return &sq->sqes[tail & sq->ring_mask];
}

/* SQEs queued (handed out and not yet consumed by the kernel). */
LIBURING_INLINE unsigned io_uring_sq_ready(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return ring->sq.sqe_tail - io_uring_load_sq_head(ring);
}

LIBURING_INLINE unsigned io_uring_sq_space_left(const struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	return ring->sq.ring_entries - io_uring_sq_ready(ring);
}

/*
 * Waits for a free SQ slot.  Only an SQPOLL thread frees slots behind the
 * application's back; without one, and with room left, there is nothing
 * to wait for.
 */
LIBURING_INLINE int io_uring_sqring_wait(struct io_uring *ring)
	LIBURING_NOEXCEPT
{
	bool must_wait = (ring->flags & IORING_SETUP_SQPOLL) &&
			 io_uring_sq_space_left(ring) == 0;

	return must_wait ? __io_uring_sqring_wait(ring) : 0;
}

LIBURING_INLINE void io_uring_sqe_set_data(struct io_uring_sqe *sqe,
					   void *data) LIBURING_NOEXCEPT
{
	sqe->user_data = (unsigned long) data;
}

LIBURING_INLINE void io_uring_sqe_set_data64(struct io_uring_sqe *sqe,
					     __u64 data) LIBURING_NOEXCEPT
{
	sqe->user_data = data;
}

LIBURING_INLINE void io_uring_sqe_set_flags(struct io_uring_sqe *sqe,
					    unsigned flags) LIBURING_NOEXCEPT
{
	sqe->flags = (__u8) flags;
}

LIBURING_INLINE void io_uring_sqe_set_buf_group(struct io_uring_sqe *sqe,
						int bgid) LIBURING_NOEXCEPT
{
	sqe->buf_group = (__u16) bgid;
}

/* Whether a probe (io_uring_get_probe*) lists op as supported. */
LIBURING_INLINE int io_uring_opcode_supported(const struct io_uring_probe *p,
					      int op) LIBURING_NOEXCEPT
{
	return (unsigned) op <= p->last_op &&
	       (p->ops[op].flags & IO_URING_OP_SUPPORTED);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_SQ_H */
