/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_BUF_RING_H
#define LIBURING_BUF_RING_H

/*
 * Provided-buffer rings, inline: the application fills entries past the
 * tail, then publishes them by moving the tail.  The kernel consumes from
 * its private head and never writes the ring, except for the partial
 * lengths of IOU_PBUF_RING_INC rings.  The tail lives in the reserved
 * field of bufs[0]; the ring is a power of two entries long.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* A ring just registered is empty: tail 0, like the kernel's head. */
LIBURING_INLINE void io_uring_buf_ring_init(struct io_uring_buf_ring *br)
	LIBURING_NOEXCEPT
{
	br->tail = 0;
}

LIBURING_INLINE int io_uring_buf_ring_mask(__u32 ring_entries)
	LIBURING_NOEXCEPT
{
	return (int) (ring_entries - 1);
}

/*
 * Fills the entry buf_offset places past the tail with buffer bid.  The
 * kernel only reads entries before the tail, so this entry is ours until
 * io_uring_buf_ring_advance() moves the tail past it.  The entry's last
 * 16 bits are not written: in entry 0 they are the tail.
 */
LIBURING_INLINE void io_uring_buf_ring_add(struct io_uring_buf_ring *br,
					   void *addr, unsigned int len,
					   unsigned short bid, int mask,
					   int buf_offset) LIBURING_NOEXCEPT
{
	unsigned int idx = (unsigned int) (br->tail + buf_offset) &
			   (unsigned int) mask;

	br->bufs[idx].bid = bid;
	br->bufs[idx].len = len;
	br->bufs[idx].addr = (__u64) (uintptr_t) addr;
}

/*
 * Publishes count added buffers.  Release orders the entries' contents
 * before the new tail, which the kernel reads with acquire.
 */
LIBURING_INLINE void io_uring_buf_ring_advance(struct io_uring_buf_ring *br,
					       int count) LIBURING_NOEXCEPT
{
	unsigned short tail = (unsigned short) (br->tail + count);

	io_uring_smp_store_release(&br->tail, tail);
}

/*
 * Publishes buf_count buffers and retires cq_count CQEs in one go, for
 * the common loop of reaping a completion and handing its buffer back.
 */
LIBURING_INLINE void
__io_uring_buf_ring_cq_advance(struct io_uring *ring,
			       struct io_uring_buf_ring *br, int cq_count,
			       int buf_count) LIBURING_NOEXCEPT
{
	io_uring_buf_ring_advance(br, buf_count);
	io_uring_cq_advance(ring, (unsigned) cq_count);
}

LIBURING_INLINE void io_uring_buf_ring_cq_advance(struct io_uring *ring,
						  struct io_uring_buf_ring *br,
						  int count) LIBURING_NOEXCEPT
{
	__io_uring_buf_ring_cq_advance(ring, br, count, count);
}

/*
 * Buffers published and not yet consumed: our tail less the kernel's head
 * (io_uring_buf_ring_head(), Linux 6.8), both 16-bit counters that wrap
 * together; or -errno.  The tail is ours alone, so a plain read is exact.
 */
LIBURING_INLINE int io_uring_buf_ring_available(struct io_uring *ring,
						struct io_uring_buf_ring *br,
						unsigned short bgid)
	LIBURING_NOEXCEPT
{
	uint16_t head = 0;
	int ret = io_uring_buf_ring_head(ring, bgid, &head);

	return ret < 0 ? ret : (int) (uint16_t) (br->tail - head);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_BUF_RING_H */
