/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target 1: ring setup.  The input chooses entries, setup flags,
 * cq_entries, sq_thread_cpu and sq_thread_idle, wq_fd, and, for
 * io_uring_queue_init_mem(), the size and alignment of the caller's
 * memory.  Whatever it picks, init either fails with a plausible -errno
 * and leaves the ring inert, or makes a ring whose geometry matches what
 * the kernel reported and that completes a NOP; then teardown leaves no
 * fd and no mapping behind.
 */
#include <sys/mman.h>
#include "fuzz-util.h"

/* Setup flags worth combining; the rest come in as random bits. */
static const unsigned flag_pool[] = {
	IORING_SETUP_IOPOLL, IORING_SETUP_SQPOLL, IORING_SETUP_SQ_AFF,
	IORING_SETUP_CQSIZE, IORING_SETUP_CLAMP, IORING_SETUP_ATTACH_WQ,
	IORING_SETUP_R_DISABLED, IORING_SETUP_SUBMIT_ALL,
	IORING_SETUP_COOP_TASKRUN, IORING_SETUP_TASKRUN_FLAG,
	IORING_SETUP_SQE128, IORING_SETUP_CQE32, IORING_SETUP_SINGLE_ISSUER,
	IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_NO_MMAP,
	IORING_SETUP_REGISTERED_FD_ONLY, IORING_SETUP_NO_SQARRAY,
	IORING_SETUP_HYBRID_IOPOLL, IORING_SETUP_CQE_MIXED,
	IORING_SETUP_SQE_MIXED, IORING_SETUP_SQ_REWIND,
};

#define NR_POOL (sizeof(flag_pool) / sizeof(flag_pool[0]))
#define MEM_MAX (8u << 20)

static unsigned pick_entries(struct fz *f)
{
	switch (fz_u8(f) % 8) {
	case 0:
		return fz_u32(f);		/* anything at all */
	case 1:
		return 32768 + fz_u8(f) - 128;	/* around the limit */
	case 2:
		return fz_u16(f) % 4097;
	default:
		return fz_u8(f) % 65;		/* the common sizes */
	}
}

static unsigned pick_flags(struct fz *f)
{
	unsigned flags = 0, n = fz_u8(f) % 5, i;

	if (fz_u8(f) == 0xff)
		return fz_u32(f);		/* raw bits, mostly refused */
	for (i = 0; i < n; i++)
		flags |= flag_pool[fz_below(f, NR_POOL)];
	return flags;
}

static bool pow2(unsigned v)
{
	return v && !(v & (v - 1));
}

/* Waits for the NOP's CQE, 2 s at most; returns its res. */
static int nop_round_trip(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 2 };
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	int ret, res;

	sqe = io_uring_get_sqe(ring);
	FZ_ASSERT(sqe, "no SQE on a fresh ring");
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0xf00d);
	ret = io_uring_submit(ring);
	if (ret < 0) {
		FZ_ASSERT(fz_errno_ok(ret), "submit: %d", ret);
		return ret;
	}
	FZ_ASSERT(ret == 1, "submit took %d", ret);
	do {	/* libFuzzer's SIGALRM watchdog may interrupt the wait */
		ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	} while (ret == -EINTR);
	if (ret == -ETIME && (ring->flags & IORING_SETUP_IOPOLL))
		return ret;	/* NOP is not pollable: nothing will come */
	FZ_ASSERT(ret == 0, "NOP never completed: %d (flags 0x%x)", ret,
		  ring->flags);
	FZ_ASSERT(cqe->user_data == 0xf00d, "stray CQE %llx",
		  (unsigned long long) cqe->user_data);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	FZ_ASSERT(io_uring_cq_ready(ring) == 0, "extra CQEs");
	return res;
}

static void check_ring(struct io_uring *ring, const struct io_uring_params *p)
{
	struct io_uring_sq *sq = &ring->sq;
	struct io_uring_cq *cq = &ring->cq;

	FZ_ASSERT(pow2(sq->ring_entries), "sq entries %u", sq->ring_entries);
	FZ_ASSERT(pow2(cq->ring_entries), "cq entries %u", cq->ring_entries);
	FZ_ASSERT(sq->ring_entries == p->sq_entries, "sq %u, kernel %u",
		  sq->ring_entries, p->sq_entries);
	FZ_ASSERT(cq->ring_entries == p->cq_entries, "cq %u, kernel %u",
		  cq->ring_entries, p->cq_entries);
	FZ_ASSERT(sq->ring_mask == sq->ring_entries - 1, "sq mask");
	FZ_ASSERT(cq->ring_mask == cq->ring_entries - 1, "cq mask");
	FZ_ASSERT(*sq->kring_entries == sq->ring_entries, "kernel sq");
	FZ_ASSERT(*cq->kring_entries == cq->ring_entries, "kernel cq");
	FZ_ASSERT(cq->ring_entries >= sq->ring_entries, "cq < sq");
	FZ_ASSERT(io_uring_sq_space_left(ring) == sq->ring_entries, "space");
}

static void use_ring(struct io_uring *ring)
{
	int res;

	if (ring->flags & IORING_SETUP_R_DISABLED) {
		int ret = io_uring_enable_rings(ring);

		FZ_ASSERT(ret == 0, "enable: %d", ret);
	}
	res = nop_round_trip(ring);
	/* a NOP on an ordinary ring must simply work */
	if (!(ring->flags & (IORING_SETUP_IOPOLL | IORING_SETUP_SQPOLL)))
		FZ_ASSERT(res == 0, "NOP res %d (flags 0x%x)", res,
			  ring->flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	struct fz_snapshot snap;
	struct io_uring_params p, in;
	struct io_uring ring;
	unsigned entries, mode;
	char *mem = NULL;
	size_t mem_sz = 0, off = 0;
	ssize_t want = -1;
	int ret;

	fz_snap(&snap);
	mode = fz_u8(&f) % 4;
	entries = pick_entries(&f);
	memset(&p, 0, sizeof(p));
	p.flags = pick_flags(&f);
	p.cq_entries = fz_bool(&f) ? fz_u32(&f) : fz_u8(&f) % 130;
	p.sq_thread_cpu = fz_bool(&f) ? fz_u32(&f) : fz_u8(&f) % 4;
	p.sq_thread_idle = fz_u16(&f);
	p.wq_fd = fz_bool(&f) ? fz_u8(&f) : 0;
	if (fz_u8(&f) == 0x5a)
		p.resv[fz_u8(&f) % 3] = fz_u32(&f);

	memset(&ring, 0xa5, sizeof(ring));	/* garbage must not matter */
	in = p;
	switch (mode) {
	case 0:
		ret = io_uring_queue_init(entries, &ring, p.flags);
		memset(&p, 0, sizeof(p));	/* kernel's view unknown */
		break;
	case 1:
	case 2:
		ret = io_uring_queue_init_params(entries, &ring, &p);
		break;
	default:
		/* caller memory: size and misalignment from the input */
		mem_sz = fz_bool(&f) ? fz_u32(&f) % MEM_MAX :
				       (size_t) (fz_u8(&f) + 1) << 12;
		off = fz_bool(&f) ? fz_u16(&f) % 4096 : 0;
		mem = mmap(NULL, MEM_MAX + 8192, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			   0);
		FZ_ASSERT(mem != MAP_FAILED, "mmap");
		{
			struct io_uring_params q = p;

			q.flags |= IORING_SETUP_NO_MMAP;
			want = io_uring_memory_size_params(entries, &q);
		}
		ret = io_uring_queue_init_mem(entries, &ring, &p, mem + off,
					      mem_sz);
		if (ret >= 0) {
			/* the size we were told is the size it took */
			FZ_ASSERT(ret == want, "init_mem used %d, sized %zd",
				  ret, want);
			FZ_ASSERT((size_t) ret <= mem_sz, "used %d of %zu",
				  ret, mem_sz);
		} else if (want > 0 && mem_sz < (size_t) want) {
			/* valid geometry, too little memory */
			FZ_ASSERT(ret == -ENOMEM, "short memory: %d", ret);
		}
		break;
	}

	if (ret < 0) {
		FZ_ASSERT(fz_errno_ok(ret), "init: odd error %d", ret);
		fz_check_inert(&ring);
	} else {
		if (mode)
			check_ring(&ring, &p);
		use_ring(&ring);
		/* the library remembers the flags it was asked for */
		FZ_ASSERT((ring.flags & in.flags) == in.flags,
			  "flags 0x%x, asked 0x%x", ring.flags, in.flags);
		io_uring_queue_exit(&ring);
		/* a second teardown is harmless */
		io_uring_queue_exit(&ring);
	}
	if (mem)
		munmap(mem, MEM_MAX + 8192);
	fz_check_leaks(&snap);
	return 0;
}
