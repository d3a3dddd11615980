/* SPDX-License-Identifier: MIT */
/*
 * The ceiling: NOPs through io_uring with no library at all.  It maps the
 * rings itself, writes SQEs straight into the SQE array, enters the kernel
 * with an inline syscall instruction and reads the CQ directly, keeping
 * its own copies of the SQ tail and CQ head.  It does what the library
 * loop does (batch, submit, reap everything, check everything) and
 * nothing more, so the gap to it is the library's own cost.
 *
 *   raw_nop [-b BATCH] (-n OPS | -t SECS)
 */
#include <getopt.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/io_uring.h>
#include "common.h"

/* Linux 6.6; the system's kernel headers may predate it. */
#ifndef IORING_SETUP_NO_SQARRAY
#define IORING_SETUP_NO_SQARRAY (1U << 16)
#endif

#define MAX_BATCH 128
#define RING_ENTRIES 256

static long raw_syscall6(long nr, long a, long b, long c, long d, long e,
			 long f)
{
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
#else
	long ret = syscall(nr, a, b, c, d, e, f);

	return ret < 0 ? -errno : ret;
#endif
}

static int sys_enter(int fd, unsigned submit, unsigned wait, unsigned flags)
{
	return (int) raw_syscall6(__NR_io_uring_enter, fd, submit, wait,
				  flags, 0, 0);
}

struct raw_ring {
	int fd;
	unsigned *sq_tail, *sq_array, *cq_head, *cq_tail;
	unsigned sq_mask, cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	unsigned sq_local_tail, cq_local_head;
};

static void raw_setup(struct raw_ring *r)
{
	struct io_uring_params p;
	size_t sq_sz, cq_sz, sz;
	char *base;

	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_NO_SQARRAY;
	r->fd = (int) raw_syscall6(__NR_io_uring_setup, RING_ENTRIES,
				   (long) &p, 0, 0, 0, 0);
	if (r->fd == -EINVAL) {
		memset(&p, 0, sizeof(p));
		r->fd = (int) raw_syscall6(__NR_io_uring_setup, RING_ENTRIES,
					   (long) &p, 0, 0, 0, 0);
	}
	if (r->fd < 0)
		bench_die("io_uring_setup", r->fd);
	if (!(p.features & IORING_FEAT_SINGLE_MMAP))
		bench_die("kernel lacks IORING_FEAT_SINGLE_MMAP", -EINVAL);

	sq_sz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	cq_sz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sz = sq_sz > cq_sz ? sq_sz : cq_sz;
	base = mmap(NULL, sz, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (base == MAP_FAILED)
		bench_die("mmap rings", -errno);
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       r->fd, IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		bench_die("mmap sqes", -errno);

	r->sq_tail = (unsigned *) (base + p.sq_off.tail);
	r->sq_mask = *(unsigned *) (base + p.sq_off.ring_mask);
	r->sq_array = (p.flags & IORING_SETUP_NO_SQARRAY) ? NULL :
		      (unsigned *) (base + p.sq_off.array);
	r->cq_head = (unsigned *) (base + p.cq_off.head);
	r->cq_tail = (unsigned *) (base + p.cq_off.tail);
	r->cq_mask = *(unsigned *) (base + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *) (base + p.cq_off.cqes);
	r->sq_local_tail = *r->sq_tail;
	r->cq_local_head = *r->cq_head;
}

int main(int argc, char **argv)
{
	static const struct io_uring_sqe nop_sqe = {
		.opcode = IORING_OP_NOP,
		.fd = -1,
	};
	struct bench_opts o = { 0 };
	struct bench_clock clk;
	struct raw_ring r;
	uint64_t seq = 0, sum = 0;
	unsigned batch = 1;
	int c, bad = 0;
	double t0, t1;

	while ((c = getopt(argc, argv, "b:n:t:")) != -1) {
		if (bench_common_opt(c, optarg, &o))
			continue;
		if (c != 'b') {
			fprintf(stderr, "usage: raw_nop [-b BATCH] "
				"(-n OPS | -t SECS)\n");
			return 2;
		}
		batch = (unsigned) atoi(optarg);
	}
	if (batch < 1 || batch > MAX_BATCH)
		bench_die("batch must be 1..128", 0);
	bench_check_opts(&o);
	if (o.ops)
		o.ops = (o.ops + batch - 1) / batch * batch;
	raw_setup(&r);

	bench_clock_start(&clk, &o);
	t0 = bench_now();
	while (bench_clock_more(&clk, &o)) {
		unsigned i, tail = r.sq_local_tail, head, left = batch;
		int ret;

		for (i = 0; i < batch; i++, tail++) {
			struct io_uring_sqe *sqe = &r.sqes[tail & r.sq_mask];

			*sqe = nop_sqe;
			sqe->user_data = seq++;
			if (r.sq_array)
				r.sq_array[tail & r.sq_mask] =
					tail & r.sq_mask;
		}
		/* SQE contents before the tail that publishes them */
		__atomic_store_n(r.sq_tail, tail, __ATOMIC_RELEASE);
		r.sq_local_tail = tail;
		ret = sys_enter(r.fd, batch, 0, 0);
		if (ret != (int) batch)
			bench_die("io_uring_enter", ret < 0 ? ret : -EIO);

		head = r.cq_local_head;
		while (left) {
			unsigned ctail = __atomic_load_n(r.cq_tail,
							 __ATOMIC_ACQUIRE);

			if (ctail == head) {
				ret = sys_enter(r.fd, 0, 1,
						IORING_ENTER_GETEVENTS);
				if (ret < 0)
					bench_die("io_uring_enter wait", ret);
				continue;
			}
			for (; head != ctail && left; head++, left--) {
				struct io_uring_cqe *cqe =
					&r.cqes[head & r.cq_mask];

				bad |= cqe->res;
				sum += cqe->user_data;
			}
			/* done reading those CQEs: the kernel may reuse them */
			__atomic_store_n(r.cq_head, head, __ATOMIC_RELEASE);
		}
		r.cq_local_head = head;
		clk.done += batch;
	}
	t1 = bench_now();

	if (bad)
		bench_die("a NOP failed", bad < 0 ? bad : -EIO);
	if (seq != clk.done || sum != seq * (seq - 1) / 2)
		bench_die("user_data checksum mismatch", -EIO);
	bench_report(clk.done, t1 - t0);
	return 0;
}
