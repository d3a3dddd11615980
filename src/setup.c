/* SPDX-License-Identifier: MIT */
/*
 * Ring life cycle: create a ring (its memory sized and mapped by mem.c),
 * tear it down, and probe what the kernel supports.
 */
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "vg.h"

/* Probe buffers hold every opcode the u8 last_op could name. */
#define PROBE_OPS		256

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
	ret = __uring_map_rings(fd, p, ring);
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
		size_t sqes_bytes;
		ssize_t need = __uring_ring_mem(entries, &kp, &sqes_bytes);

		if (need < 0)
			return (int) need;
		mem_size = (size_t) need;
		if (buf) {
			if (buf_size < mem_size)
				return -ENOMEM;
			mem = buf;
		} else {
			ret = __uring_mmap(mem_size, -1, 0, &mem);
			if (ret)
				return ret;
			own_mem = true;
		}
		kp.sq_off.user_addr = (uintptr_t) mem;
		kp.cq_off.user_addr = (uintptr_t) mem + sqes_bytes;
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

	ret = __uring_map_rings(fd, &kp, ring);
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
		 * cover the rings too (and __uring_unmap_rings() free our own
		 * block).
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
	__uring_unmap_rings(ring);
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
	if (!p)
		return -EINVAL;
	return __uring_ring_mem(entries, p, NULL);
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
