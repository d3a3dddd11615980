/* SPDX-License-Identifier: MIT */
/*
 * The memory a ring shares with the kernel: how much of it a ring needs,
 * mapping it and pointing struct io_uring into it, and unmapping it.
 */
#include <sys/mman.h>
#include "mem.h"

/*
 * Bytes of the kernel's ring header (struct io_rings) in front of the
 * CQEs.  It has been between one and three cache lines over the kernel's
 * history; sizing for four keeps caller-provided memory big enough on any.
 */
#define RINGS_HDR_MAX		256

int __uring_ring_count(unsigned asked, unsigned limit, unsigned flags,
		       unsigned *count)
{
	bool clamp = flags & IORING_SETUP_CLAMP;

	if (!asked || (asked > limit && !clamp))
		return -EINVAL;
	*count = uring_roundup_pow2(asked < limit ? asked : limit);
	return 0;
}

/*
 * Both ring sizes for io_uring_setup(entries, p): the CQ is twice the SQ
 * unless IORING_SETUP_CQSIZE names one, which may not be smaller.
 */
static int ring_counts(unsigned entries, const struct io_uring_params *p,
		       unsigned *sq, unsigned *cq)
{
	int ret = __uring_ring_count(entries, URING_SQ_LIMIT, p->flags, sq);

	if (ret)
		return ret;
	if (!(p->flags & IORING_SETUP_CQSIZE)) {
		*cq = 2 * *sq;
		return 0;
	}
	ret = __uring_ring_count(p->cq_entries, URING_CQ_LIMIT, p->flags, cq);
	return ret ? ret : (*cq < *sq ? -EINVAL : 0);
}

/*
 * The memory IORING_SETUP_NO_MMAP rings need, laid out as setup hands it
 * over: the SQE array, page aligned, then the rings (header, CQEs and,
 * unless IORING_SETUP_NO_SQARRAY, the SQ index array), page aligned.
 * Returns the total and, if sqes_bytes is not NULL, where the rings
 * start; or -EINVAL where io_uring_setup() would refuse the sizes.
 */
ssize_t __uring_ring_mem(unsigned entries, const struct io_uring_params *p,
			 size_t *sqes_bytes)
{
	size_t cqe_sz = sizeof(struct io_uring_cqe) <<
			io_uring_cqe_shift_from_flags(p->flags);
	size_t sqe_sz = sizeof(struct io_uring_sqe) <<
			io_uring_sqe_shift_from_flags(p->flags);
	size_t sqes, rings;
	unsigned sq, cq;
	int ret = ring_counts(entries, p, &sq, &cq);

	if (ret)
		return ret;
	sqes = uring_page_align(sq * sqe_sz);
	rings = RINGS_HDR_MAX + cq * cqe_sz;
	if (!(p->flags & IORING_SETUP_NO_SQARRAY))
		rings = uring_align_up(rings, URING_SQ_ARRAY_ALIGN) +
			sq * sizeof(__u32);
	if (sqes_bytes)
		*sqes_bytes = sqes;
	return (ssize_t) (sqes + uring_page_align(rings));
}

int __uring_mmap(size_t len, int fd, __u64 off, void **addr)
{
	int flags = MAP_SHARED | MAP_POPULATE | (fd < 0 ? MAP_ANONYMOUS : 0);
	int saved = errno, ret;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd,
		       (off_t) off);

	if (p != MAP_FAILED && p) {
		*addr = p;
		return 0;
	}
	/* success always comes with an address: no path returns 0 here */
	ret = errno;
	errno = saved;
	return ret > 0 ? -ret : -ENOMEM;
}

/*
 * With RF_MEM_OURS, sq.sqes and sq.sqes_sz span the one block holding
 * SQEs and rings, and the ring sizes are 0; under RF_MEM_CALLER nothing
 * is ours.  Otherwise up to three mappings of the ring fd, the CQ ring
 * sharing the SQ ring's since Linux 5.4 (IORING_FEAT_SINGLE_MMAP).
 */
void __uring_unmap_rings(const struct io_uring *ring)
{
	const struct io_uring_sq *sq = &ring->sq;
	const struct io_uring_cq *cq = &ring->cq;

	if (ring->int_flags & RF_MEM_CALLER)
		return;
	if (sq->sqes)
		munmap(sq->sqes, sq->sqes_sz);
	if (sq->ring_ptr && sq->ring_sz)
		munmap(sq->ring_ptr, sq->ring_sz);
	if (cq->ring_ptr && cq->ring_ptr != sq->ring_ptr && cq->ring_sz)
		munmap(cq->ring_ptr, cq->ring_sz);
}

/*
 * Points the ring at the memory shared with the kernel: mmap()ed from the
 * ring fd normally, or the caller's addresses under IORING_SETUP_NO_MMAP
 * (Linux 6.5).  Since Linux 5.4 (IORING_FEAT_SINGLE_MMAP) SQ and CQ rings
 * share one mapping, sized for the larger of the two.  ring's sq and cq
 * start cleared, so that a failure unmaps only what this call mapped.
 */
int __uring_map_rings(int fd, const struct io_uring_params *p,
		      struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	struct io_uring_cq *cq = &ring->cq;
	bool single = p->features & IORING_FEAT_SINGLE_MMAP;
	size_t cqe_sz = sizeof(struct io_uring_cqe) <<
			io_uring_cqe_shift_from_flags(p->flags);
	size_t sqe_sz = sizeof(struct io_uring_sqe) <<
			io_uring_sqe_shift_from_flags(p->flags);
	char *sp, *cp;
	void *m = NULL;
	int err;

	sq->ring_sz = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	cq->ring_sz = p->cq_off.cqes + p->cq_entries * cqe_sz;
	sq->sqes_sz = p->sq_entries * sqe_sz;

	if (p->flags & IORING_SETUP_NO_MMAP) {
		/* not ours to unmap one by one: see __uring_unmap_rings() */
		sq->ring_sz = cq->ring_sz = 0;
		sq->ring_ptr = (void *) (uintptr_t) p->cq_off.user_addr;
		cq->ring_ptr = sq->ring_ptr;
		sq->sqes = (struct io_uring_sqe *) (uintptr_t)
			   p->sq_off.user_addr;
		/* params not from a NO_MMAP setup, e.g. handed to queue_mmap */
		if (!sq->ring_ptr || !sq->sqes)
			return -EINVAL;
	} else {
		if (single) {
			if (cq->ring_sz > sq->ring_sz)
				sq->ring_sz = cq->ring_sz;
			cq->ring_sz = sq->ring_sz;
		}
		err = __uring_mmap(sq->ring_sz, fd, IORING_OFF_SQ_RING, &m);
		if (err)
			return err;
		sq->ring_ptr = m;
		cq->ring_ptr = m;
		if (!single) {
			cq->ring_ptr = NULL;
			err = __uring_mmap(cq->ring_sz, fd, IORING_OFF_CQ_RING,
					   &m);
			if (err)
				goto fail;
			cq->ring_ptr = m;
		}
		err = __uring_mmap(sq->sqes_sz, fd, IORING_OFF_SQES, &m);
		if (err)
			goto fail;
		sq->sqes = m;
	}

#ifdef __clang_analyzer__
	/*
	 * Both branches above leave ring_ptr set: __uring_mmap() returns 0
	 * only with an address, which clang's analyser cannot follow.
	 */
	if (!sq->ring_ptr)
		__builtin_unreachable();
#endif
	sp = sq->ring_ptr;
	sq->khead = (unsigned *) (sp + p->sq_off.head);
	sq->ktail = (unsigned *) (sp + p->sq_off.tail);
	sq->kring_mask = (unsigned *) (sp + p->sq_off.ring_mask);
	sq->kring_entries = (unsigned *) (sp + p->sq_off.ring_entries);
	sq->kflags = (unsigned *) (sp + p->sq_off.flags);
	sq->kdropped = (unsigned *) (sp + p->sq_off.dropped);
	sq->ring_mask = *sq->kring_mask;
	sq->ring_entries = *sq->kring_entries;
	if (!(p->flags & IORING_SETUP_NO_SQARRAY)) {
		unsigned i;

		/* Map slot i to SQE i once, so submit never touches it. */
		sq->array = (unsigned *) (sp + p->sq_off.array);
		for (i = 0; i < sq->ring_entries; i++)
			sq->array[i] = i;
	}

	cp = cq->ring_ptr;
	cq->khead = (unsigned *) (cp + p->cq_off.head);
	cq->ktail = (unsigned *) (cp + p->cq_off.tail);
	cq->kring_mask = (unsigned *) (cp + p->cq_off.ring_mask);
	cq->kring_entries = (unsigned *) (cp + p->cq_off.ring_entries);
	cq->koverflow = (unsigned *) (cp + p->cq_off.overflow);
	cq->cqes = (struct io_uring_cqe *) (cp + p->cq_off.cqes);
	if (p->cq_off.flags)	/* Linux 5.8 */
		cq->kflags = (unsigned *) (cp + p->cq_off.flags);
	cq->ring_mask = *cq->kring_mask;
	cq->ring_entries = *cq->kring_entries;
	/* the word behind the inline fast paths: see __uring_cq_plain() */
	cq->pad[0] = !(p->flags & (IORING_SETUP_CQE32 |
				   IORING_SETUP_CQE_MIXED)) &&
		     (p->features & IORING_FEAT_EXT_ARG);
	return 0;
fail:
	__uring_unmap_rings(ring);
	return err;
}
