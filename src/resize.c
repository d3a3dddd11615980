/* SPDX-License-Identifier: MIT */
/*
 * io_uring_resize_rings(): IORING_REGISTER_RESIZE_RINGS (Linux 6.13)
 * allocates new SQ and CQ rings, copies the SQEs the kernel has not
 * consumed and the CQEs we have not reaped, keeps head and tail values,
 * and drops its side of the old rings.  Our mappings of the old rings
 * still hold their pages, but the kernel no longer looks at them: we must
 * map the new rings and re-point struct io_uring before anything else
 * touches the ring.
 *
 * What the kernel allows: only rings created with
 * IORING_SETUP_DEFER_TASKRUN (so no SQPOLL thread and no other task can be
 * using the rings while they move), p->flags limited to
 * IORING_SETUP_CQSIZE and IORING_SETUP_CLAMP, and -EOVERFLOW when the
 * pending SQEs or CQEs do not fit the new sizes.  The ring's other setup
 * flags (SQE128, CQE32, NO_SQARRAY, NO_MMAP, ...) carry over.
 */
#include <sys/mman.h>
#include <unistd.h>
#include "mem.h"

/*
 * RESIZE_RINGS does not report where the SQ index array goes
 * (p->sq_off.array comes back 0 on Linux 6.18), so we compute it with
 * URING_SQ_ARRAY_ALIGN, and check the guess against the current ring
 * before resizing.
 */

/* The only setup flags RESIZE_RINGS accepts. */
#define RESIZE_FLAGS	(IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP)

static size_t cqe_bytes(const struct io_uring *ring)
{
	return sizeof(struct io_uring_cqe) << io_uring_cqe_shift(ring);
}

static size_t sqe_bytes(const struct io_uring *ring)
{
	return sizeof(struct io_uring_sqe) <<
	       io_uring_sqe_shift_from_flags(ring->flags);
}

static size_t sq_array_offset(size_t cqes_off, unsigned cq_entries,
			      size_t cqe_sz)
{
	return uring_align_up(cqes_off + cq_entries * cqe_sz,
			      URING_SQ_ARRAY_ALIGN);
}

/* Whether our SQ array offset rule matches what setup gave this ring. */
static bool sq_array_rule_holds(const struct io_uring *ring)
{
	const char *rings = ring->sq.ring_ptr;
	size_t cqes_off = (size_t) ((const char *) ring->cq.cqes -
				    (const char *) ring->cq.ring_ptr);
	size_t array_off = (size_t) ((const char *) ring->sq.array - rings);

	return ring->cq.ring_ptr == ring->sq.ring_ptr &&
	       array_off == sq_array_offset(cqes_off, ring->cq.ring_entries,
					    cqe_bytes(ring));
}

/*
 * Moves the new mappings into ring.  Our own SQ bookkeeping (sqe_head,
 * sqe_tail and the cached head) stays: the kernel kept the head and tail
 * values, only the masks changed.
 */
static void install(struct io_uring *ring, const struct io_uring *n)
{
	struct io_uring_sq *sq = &ring->sq;
	const struct io_uring_sq *nsq = &n->sq;

	sq->khead = nsq->khead;
	sq->ktail = nsq->ktail;
	sq->kring_mask = nsq->kring_mask;
	sq->kring_entries = nsq->kring_entries;
	sq->kflags = nsq->kflags;
	sq->kdropped = nsq->kdropped;
	sq->array = nsq->array;
	sq->sqes = nsq->sqes;
	sq->ring_sz = nsq->ring_sz;
	sq->ring_ptr = nsq->ring_ptr;
	sq->ring_mask = nsq->ring_mask;
	sq->ring_entries = nsq->ring_entries;
	sq->sqes_sz = nsq->sqes_sz;
	ring->cq = n->cq;
}

int io_uring_resize_rings(struct io_uring *ring, struct io_uring_params *p)
{
	struct io_uring_params kp = *p, mp;
	struct io_uring old = *ring, n;
	size_t mem_size = 0, sqes_off = 0;
	bool rewind = ring->flags & IORING_SETUP_SQ_REWIND;
	void *mem = NULL;
	int saved = errno, ret;

	/* There is no way to get new memory into the caller's buffer. */
	if (ring->int_flags & RF_MEM_CALLER)
		return -EINVAL;
	/* Rings we must mmap need the real fd. */
	if (!(ring->flags & IORING_SETUP_NO_MMAP) && ring->ring_fd < 0)
		return -EBADF;
	/*
	 * Kernels that can resize (6.13 on) lay the SQ array out by the
	 * rule above; a ring that breaks it comes from an older kernel
	 * (6.1 doubles its whole CQ area for CQE32), which has no
	 * RESIZE_RINGS and would answer -EINVAL itself.
	 */
	if (ring->sq.array && !sq_array_rule_holds(ring))
		return -EINVAL;

	if (rewind) {
		unsigned sq_entries;

		/* SQ_REWIND ignores head and tail: we move SQEs 0..tail. */
		ret = __uring_ring_count(kp.sq_entries, URING_SQ_LIMIT,
					 kp.flags, &sq_entries);
		if (ret)
			return ret;
		if (ring->sq.sqe_tail > sq_entries)
			return -EOVERFLOW;
	} else if (ring->sq.sqe_head != ring->sq.sqe_tail &&
		   !(ring->flags & IORING_SETUP_SQPOLL)) {
		/*
		 * Publish SQEs handed out but not yet submitted, so that the
		 * kernel moves them with the rest; without an SQPOLL thread
		 * (which the kernel refuses to resize under anyway) it
		 * consumes none of them before our next io_uring_enter().
		 */
		ring->sq.sqe_head = ring->sq.sqe_tail;
		io_uring_smp_store_release(ring->sq.ktail, ring->sq.sqe_tail);
	}

	if (ring->int_flags & RF_MEM_OURS) {
		struct io_uring_params g = kp;
		ssize_t sz;

		/* sized as the kernel will: the ring's flags, p's sizes */
		g.flags = (ring->flags & ~RESIZE_FLAGS) |
			  (kp.flags & RESIZE_FLAGS);
		sz = __uring_ring_mem(kp.sq_entries, &g, &sqes_off);
		if (sz < 0)
			return (int) sz;
		mem_size = (size_t) sz;
		ret = __uring_mmap(mem_size, -1, 0, &mem);
		if (ret)
			return ret;
		kp.sq_off.user_addr = (__u64) (uintptr_t) mem;
		kp.cq_off.user_addr = (__u64) (uintptr_t) mem + sqes_off;
	}

	ret = __uring_register(ring, IORING_REGISTER_RESIZE_RINGS, &kp, 1);
	if (ret < 0) {
		if (mem)
			munmap(mem, mem_size);
		errno = saved;
		return ret;
	}

	/*
	 * The kernel answers with the new sizes and offsets, but not with
	 * the flags and features the mapping depends on: those are the
	 * ring's, unchanged.
	 */
	mp = kp;
	mp.flags = ring->flags;
	mp.features = ring->features;
	if (!(ring->flags & IORING_SETUP_NO_SQARRAY) && !mp.sq_off.array)
		mp.sq_off.array = (__u32) sq_array_offset(mp.cq_off.cqes,
							  mp.cq_entries,
							  cqe_bytes(ring));
	if (mem) {
		mp.sq_off.user_addr = (__u64) (uintptr_t) mem;
		mp.cq_off.user_addr = (__u64) (uintptr_t) mem + sqes_off;
	}
	n = *ring;
	memset(&n.sq, 0, sizeof(n.sq));
	memset(&n.cq, 0, sizeof(n.cq));
	ret = __uring_map_rings(ring->ring_fd, &mp, &n);
	if (ret) {
		/*
		 * The kernel has moved on and our old view is stale; nothing
		 * can repair that here.  Leave the ring as it was so that
		 * io_uring_queue_exit() still releases everything.
		 */
		errno = saved;
		return ret;
	}
	if (mem) {
		n.sq.sqes = mem;
		n.sq.sqes_sz = mem_size;
	}

	if (rewind)
		memcpy(n.sq.sqes, old.sq.sqes,
		       (size_t) old.sq.sqe_tail * sqe_bytes(ring));

	install(ring, &n);
	__uring_unmap_rings(&old);
	*p = kp;
	errno = saved;
	return 0;
}
