/* SPDX-License-Identifier: MIT */
/*
 * Ring life cycle: size a ring, create it, map its memory, tear it down,
 * and probe what the kernel supports.
 */
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "int.h"
#include "vg.h"

/* The kernel's limits on ring sizes (io_uring_setup(2)). */
#define KERN_MAX_ENTRIES	32768
#define KERN_MAX_CQ_ENTRIES	(2 * KERN_MAX_ENTRIES)

/*
 * Bytes of the kernel's ring header (struct io_rings) in front of the
 * CQEs.  It has been between one and three cache lines over the kernel's
 * history; sizing for four keeps caller-provided memory big enough on any.
 */
#define RINGS_HDR_MAX		256

/* Probe buffers hold every opcode the u8 last_op could name. */
#define PROBE_OPS		256

struct ring_geom {
	unsigned sq_entries;
	unsigned cq_entries;
	size_t sqes_bytes;	/* the SQE array, page aligned */
	size_t rings_bytes;	/* header, CQEs and SQ index array, aligned */
};

/*
 * What io_uring_setup() will make of entries and p: the same rounding and
 * the same -EINVAL cases as the kernel, so that memory can be sized and
 * handed over before the ring exists (IORING_SETUP_NO_MMAP).
 */
static int ring_geometry(unsigned entries, const struct io_uring_params *p,
			 struct ring_geom *g)
{
	unsigned flags = p->flags;
	size_t cqe_sz = sizeof(struct io_uring_cqe) <<
			io_uring_cqe_shift_from_flags(flags);
	size_t sqe_sz = sizeof(struct io_uring_sqe) <<
			io_uring_sqe_shift_from_flags(flags);
	size_t pg = uring_page_size();
	unsigned sq, cq;

	if (!entries)
		return -EINVAL;
	if (entries > KERN_MAX_ENTRIES) {
		if (!(flags & IORING_SETUP_CLAMP))
			return -EINVAL;
		entries = KERN_MAX_ENTRIES;
	}
	sq = uring_roundup_pow2(entries);

	if (flags & IORING_SETUP_CQSIZE) {
		cq = p->cq_entries;
		if (!cq)
			return -EINVAL;
		if (cq > KERN_MAX_CQ_ENTRIES) {
			if (!(flags & IORING_SETUP_CLAMP))
				return -EINVAL;
			cq = KERN_MAX_CQ_ENTRIES;
		}
		cq = uring_roundup_pow2(cq);
		if (cq < sq)
			return -EINVAL;
	} else {
		cq = 2 * sq;
	}

	g->sq_entries = sq;
	g->cq_entries = cq;
	g->sqes_bytes = uring_align_up(sq * sqe_sz, pg);
	g->rings_bytes = RINGS_HDR_MAX + cq * cqe_sz;
	if (!(flags & IORING_SETUP_NO_SQARRAY))
		g->rings_bytes = uring_align_up(g->rings_bytes, 64) +
				 sq * sizeof(unsigned);
	g->rings_bytes = uring_align_up(g->rings_bytes, pg);
	return 0;
}

/* mmap() that reports -errno and leaves errno as it found it. */
static void *map_shared(size_t len, int fd, off_t off, int *err)
{
	int saved = errno;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, fd, off);

	if (p == MAP_FAILED) {
		*err = -errno;
		errno = saved;
		return NULL;
	}
	return p;
}

static void unmap_rings(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	struct io_uring_cq *cq = &ring->cq;

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
 * share one mapping, sized for the larger of the two.
 */
static int map_rings(int fd, const struct io_uring_params *p,
		     struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	struct io_uring_cq *cq = &ring->cq;
	size_t cqe_sz = sizeof(struct io_uring_cqe) <<
			io_uring_cqe_shift_from_flags(p->flags);
	size_t sqe_sz = sizeof(struct io_uring_sqe) <<
			io_uring_sqe_shift_from_flags(p->flags);
	char *sp, *cp;
	int err = 0;

	sq->ring_sz = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	cq->ring_sz = p->cq_off.cqes + p->cq_entries * cqe_sz;
	sq->sqes_sz = p->sq_entries * sqe_sz;

	if (p->flags & IORING_SETUP_NO_MMAP) {
		/* not ours to unmap one by one: see unmap_rings() */
		sq->ring_sz = cq->ring_sz = 0;
		sq->ring_ptr = (void *) (uintptr_t) p->cq_off.user_addr;
		cq->ring_ptr = sq->ring_ptr;
		sq->sqes = (struct io_uring_sqe *) (uintptr_t)
			   p->sq_off.user_addr;
	} else {
		if (p->features & IORING_FEAT_SINGLE_MMAP) {
			if (cq->ring_sz > sq->ring_sz)
				sq->ring_sz = cq->ring_sz;
			cq->ring_sz = sq->ring_sz;
		}
		sq->ring_ptr = map_shared(sq->ring_sz, fd, IORING_OFF_SQ_RING,
					  &err);
		if (!sq->ring_ptr)
			return err;
		if (p->features & IORING_FEAT_SINGLE_MMAP) {
			cq->ring_ptr = sq->ring_ptr;
		} else {
			cq->ring_ptr = map_shared(cq->ring_sz, fd,
						  IORING_OFF_CQ_RING, &err);
			if (!cq->ring_ptr)
				goto fail;
		}
		sq->sqes = map_shared(sq->sqes_sz, fd, IORING_OFF_SQES, &err);
		if (!sq->sqes)
			goto fail;
	}

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
	unmap_rings(ring);
	return err;
}

/*
 * What the shared-memory pointers of a ring that failed to initialise or
 * was torn down point at: one zero word, so that its queues read as empty
 * with 0 entries.  The inline helpers, called on such a ring by mistake,
 * then hand out no SQE and find no CQE instead of dereferencing NULL, and
 * the calls that enter the kernel fail with -EBADF on the fd of -1.
 * The one store that can reach it is io_uring_submit() publishing the SQ
 * tail, which is 0 on such a ring and leaves the word 0, so it must be
 * writable memory; anything else would need an SQE or a CQE, and there
 * are none.  cq.kflags stays NULL, which the eventfd helpers read as "no
 * flags".
 */
static unsigned dead_ring_word;

static void ring_reset(struct io_uring *ring)
{
	unsigned *zero = &dead_ring_word;

	memset(ring, 0, sizeof(*ring));
	ring->ring_fd = -1;
	ring->enter_ring_fd = -1;
	ring->sq.khead = ring->sq.ktail = zero;
	ring->sq.kring_mask = ring->sq.kring_entries = zero;
	ring->sq.kflags = ring->sq.kdropped = zero;
	ring->cq.khead = ring->cq.ktail = zero;
	ring->cq.kring_mask = ring->cq.kring_entries = zero;
	ring->cq.koverflow = zero;
}

int io_uring_queue_mmap(int fd, struct io_uring_params *p,
			struct io_uring *ring)
{
	int ret;

	if (!ring)
		return -EINVAL;
	ring_reset(ring);
	if (!p)
		return -EINVAL;
	ret = map_rings(fd, p, ring);
	if (ret) {
		ring_reset(ring);
		return ret;
	}
	ring->flags = p->flags;
	ring->features = p->features;
	ring->ring_fd = ring->enter_ring_fd = fd;
	if (p->flags & IORING_SETUP_NO_MMAP)
		ring->int_flags |= RF_MEM_CALLER;
	return 0;
}

/* Undoes io_uring_setup() when a later step fails. */
static void drop_ring_fd(int fd, unsigned flags)
{
	int saved = errno;

	if (flags & IORING_SETUP_REGISTERED_FD_ONLY) {
		struct io_uring_rsrc_update up = { .offset = (unsigned) fd };

		io_uring_register(fd, IORING_UNREGISTER_RING_FDS |
				  IORING_REGISTER_USE_REGISTERED_RING, &up, 1);
	} else {
		close(fd);
	}
	errno = saved;
}

/*
 * Creates a ring.  With buf (io_uring_queue_init_mem) the rings live in
 * the caller's memory and the bytes used are returned; otherwise 0.
 */
static int ring_init(unsigned entries, struct io_uring *ring,
		     struct io_uring_params *p, void *buf, size_t buf_size)
{
	struct io_uring_params kp = *p;
	bool own_mem = false, default_nosqarray = false;
	size_t mem_size = 0;
	void *mem = NULL;
	int fd, ret;

	ring_reset(ring);
	if (buf)
		kp.flags |= IORING_SETUP_NO_MMAP;

	if (kp.flags & IORING_SETUP_NO_MMAP) {
		struct ring_geom g;

		ret = ring_geometry(entries, &kp, &g);
		if (ret)
			return ret;
		mem_size = g.sqes_bytes + g.rings_bytes;
		if (buf) {
			if (buf_size < mem_size)
				return -ENOMEM;
			mem = buf;
		} else {
			int saved = errno;

			mem = mmap(NULL, mem_size, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE,
				   -1, 0);
			if (mem == MAP_FAILED) {
				ret = -errno;
				errno = saved;
				return ret;
			}
			own_mem = true;
		}
		kp.sq_off.user_addr = (uintptr_t) mem;
		kp.cq_off.user_addr = (uintptr_t) mem + g.sqes_bytes;
	}

	/*
	 * Without an SQ index array (Linux 6.6) the kernel reads SQEs
	 * straight from the SQE array and does less work per request.  Ask
	 * for it by default and fall back on kernels that refuse it.
	 */
	if (!(kp.flags & IORING_SETUP_NO_SQARRAY)) {
		kp.flags |= IORING_SETUP_NO_SQARRAY;
		default_nosqarray = true;
	}
	fd = io_uring_setup(entries, &kp);
	if (fd == -EINVAL && default_nosqarray) {
		kp.flags &= ~IORING_SETUP_NO_SQARRAY;
		default_nosqarray = false;
		fd = io_uring_setup(entries, &kp);
	}
	if (fd < 0) {
		ret = fd;
		goto fail_mem;
	}
	/* the kernel has written the ring header into the caller's memory */
	if (buf)
		uring_vg_mark_defined(mem, mem_size);

	ret = map_rings(fd, &kp, ring);
	if (ret) {
		drop_ring_fd(fd, kp.flags);
		goto fail_mem;
	}
	if (kp.flags & IORING_SETUP_REGISTERED_FD_ONLY) {
		/* fd is an index into the task's registered rings, not a fd */
		ring->int_flags |= RF_ENTER_BY_IDX | RF_REG_BY_IDX;
		ring->enter_ring_fd = fd;
	} else {
		ring->ring_fd = ring->enter_ring_fd = fd;
	}

	ring->flags = kp.flags;
	ring->features = kp.features;
	if (buf)
		ring->int_flags |= RF_MEM_CALLER;
	else if (own_mem)
		ring->int_flags |= RF_MEM_OURS;
	if (mem) {
		/*
		 * SQEs and rings share one block that starts with the SQEs.
		 * Sizing sqes_sz to all of it makes io_uring_ring_dontfork()
		 * cover the rings too (and unmap_rings() free our own block).
		 */
		ring->sq.sqes = mem;
		ring->sq.sqes_sz = mem_size;
	}

	/* Report what the kernel said, but not the default we slipped in. */
	*p = kp;
	if (default_nosqarray)
		p->flags &= ~IORING_SETUP_NO_SQARRAY;
	return buf ? (int) mem_size : 0;

fail_mem:
	if (own_mem)
		munmap(mem, mem_size);
	ring_reset(ring);
	return ret;
}

int io_uring_queue_init_mem(unsigned entries, struct io_uring *ring,
			    struct io_uring_params *p, void *buf,
			    size_t buf_size)
{
	if (!ring)
		return -EINVAL;
	if (!p || !buf) {
		ring_reset(ring);	/* inert, like every failed init */
		return -EINVAL;
	}
	return ring_init(entries, ring, p, buf, buf_size);
}

int io_uring_queue_init_params(unsigned entries, struct io_uring *ring,
			       struct io_uring_params *p)
{
	int ret;

	if (!ring)
		return -EINVAL;
	if (!p) {
		ring_reset(ring);
		return -EINVAL;
	}
	ret = ring_init(entries, ring, p, NULL, 0);
	return ret < 0 ? ret : 0;
}

int io_uring_queue_init(unsigned entries, struct io_uring *ring,
			unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	return io_uring_queue_init_params(entries, ring, &p);
}

/*
 * Safe on a ring whose init failed and on one already torn down: both are
 * left with no mappings and fds of -1.
 */
void io_uring_queue_exit(struct io_uring *ring)
{
	int saved = errno;

	if (!ring)
		return;
	unmap_rings(ring);
	if (ring->int_flags & RF_ENTER_BY_IDX)
		io_uring_unregister_ring_fd(ring);
	if (ring->ring_fd >= 0)
		close(ring->ring_fd);
	ring_reset(ring);
	errno = saved;
}

/*
 * Keeps a forked child from inheriting the ring memory: a child writing
 * to a shared SQ would corrupt the parent's ring.
 */
int io_uring_ring_dontfork(struct io_uring *ring)
{
	struct io_uring_sq *sq;
	struct io_uring_cq *cq;
	int saved = errno, ret = 0;

	if (!ring)
		return -EINVAL;
	sq = &ring->sq;
	cq = &ring->cq;
	if (!sq->ring_ptr || !sq->sqes || !cq->ring_ptr)
		return -EINVAL;

	if (madvise(sq->sqes, sq->sqes_sz, MADV_DONTFORK) ||
	    (sq->ring_sz &&
	     madvise(sq->ring_ptr, sq->ring_sz, MADV_DONTFORK)) ||
	    (cq->ring_ptr != sq->ring_ptr && cq->ring_sz &&
	     madvise(cq->ring_ptr, cq->ring_sz, MADV_DONTFORK)))
		ret = -errno;
	errno = saved;
	return ret;
}

/* Bytes of ring memory io_uring_queue_init_mem() would use. */
ssize_t io_uring_memory_size_params(unsigned entries,
				    struct io_uring_params *p)
{
	struct ring_geom g;
	int ret;

	if (!p)
		return -EINVAL;
	ret = ring_geometry(entries, p, &g);
	if (ret)
		return ret;
	return g.sqes_bytes + g.rings_bytes;
}

ssize_t io_uring_memory_size(unsigned entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	return io_uring_memory_size_params(entries, &p);
}

/*
 * Bytes of RLIMIT_MEMLOCK a ring would charge.  Since Linux 5.12
 * (IORING_FEAT_NATIVE_WORKERS) ring memory is no longer charged there,
 * so the answer on such kernels is 0.
 */
ssize_t io_uring_mlock_size_params(unsigned entries,
				   struct io_uring_params *p)
{
	struct io_uring_params probe;
	int fd;

	if (!p)
		return -EINVAL;
	memset(&probe, 0, sizeof(probe));
	fd = io_uring_setup(1, &probe);
	if (fd >= 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		if (probe.features & IORING_FEAT_NATIVE_WORKERS)
			return 0;
	}
	return io_uring_memory_size_params(entries, p);
}

ssize_t io_uring_mlock_size(unsigned entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	return io_uring_mlock_size_params(entries, &p);
}

/*
 * Probes are plain calloc() memory: programs release them with free() as
 * often as with io_uring_free_probe(), and both must work.
 */
struct io_uring_probe *io_uring_get_probe_ring(struct io_uring *ring)
{
	size_t len = sizeof(struct io_uring_probe) +
		     PROBE_OPS * sizeof(struct io_uring_probe_op);
	int saved = errno;
	struct io_uring_probe *probe;

	if (!ring)
		return NULL;
	probe = calloc(1, len);
	if (!probe) {
		errno = saved;
		return NULL;
	}
	if (io_uring_register_probe(ring, probe, PROBE_OPS) < 0) {
		free(probe);
		return NULL;
	}
	return probe;
}

struct io_uring_probe *io_uring_get_probe(void)
{
	struct io_uring_probe *probe;
	struct io_uring ring;

	if (io_uring_queue_init(2, &ring, 0) < 0)
		return NULL;
	probe = io_uring_get_probe_ring(&ring);
	io_uring_queue_exit(&ring);
	return probe;
}

void io_uring_free_probe(struct io_uring_probe *probe)
{
	free(probe);
}

/*
 * For io_uring_resize_rings() (resize.c), which must redo after
 * IORING_REGISTER_RESIZE_RINGS what setup did: map the rings p describes
 * into ring's sq and cq (cleared by the caller, so that a failure here
 * unmaps only what this call mapped), and size NO_MMAP memory the way
 * ring_init() lays it out (SQEs first, then the rings).
 */
int __uring_map_rings(int fd, const struct io_uring_params *p,
		      struct io_uring *ring)
{
	return map_rings(fd, p, ring);
}

ssize_t __uring_ring_mem(unsigned entries, const struct io_uring_params *p,
			 size_t *sqes_bytes)
{
	struct ring_geom g;
	int ret = ring_geometry(entries, p, &g);

	if (ret)
		return ret;
	*sqes_bytes = g.sqes_bytes;
	return g.sqes_bytes + g.rings_bytes;
}
