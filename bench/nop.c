/* SPDX-License-Identifier: MIT */
/*
 * NOP throughput through liburing: queue a batch of NOPs, submit, reap
 * them all, repeat.  What is measured is the library's own cost per
 * request plus the kernel's cheapest path.
 *
 *   nop [-b BATCH] [-r peek|wait] [-d] [-q] [-R] (-n OPS | -t SECS)
 *
 *   -b  NOPs per submit (1..128)
 *   -r  peek: io_uring_peek_batch_cqe() + io_uring_cq_advance();
 *       wait: io_uring_wait_cqe() + io_uring_cqe_seen() per CQE
 *   -d  IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN
 *   -q  IORING_SETUP_SQPOLL: no syscall to submit while the thread is up
 *   -R  register the ring fd (io_uring_register_ring_fd)
 *
 * Every CQE is checked: res must be 0, and the user_data of all CQEs must
 * add up to that of all SQEs (each carries its sequence number), so a
 * lost, doubled or corrupted completion fails the run.
 */
#include <getopt.h>
#include "liburing.h"
#include "common.h"

#define MAX_BATCH 128
#define RING_ENTRIES 256

/* What the loop found; checked once at the end. */
struct nop_totals {
	uint64_t seq;		/* user_data of the next SQE */
	uint64_t sum;		/* user_data of the CQEs seen so far */
	int bad;		/* OR of every res: stays 0 if all succeeded */
	unsigned long long done;
};

static struct io_uring_sqe *get_sqe_slow(struct io_uring *ring)
{
	struct io_uring_sqe *sqe;

	/* only an SQPOLL thread can be behind */
	io_uring_sqring_wait(ring);
	sqe = io_uring_get_sqe(ring);
	if (!sqe)
		bench_die("get_sqe", -EBUSY);
	return sqe;
}

/*
 * The measured loop.  Always inlined with wait_reap constant, so each
 * reaping style gets its own loop, and the running totals live in
 * registers: the loop's own cost per NOP stays small next to the
 * library's, which is what the figures are about.
 */
static inline __attribute__((always_inline)) void
nop_loop(struct io_uring *ring, unsigned batch, int wait_reap, int sqpoll,
	 const struct bench_opts *o, struct nop_totals *t)
{
	struct io_uring_cqe *cqes[MAX_BATCH];
	struct bench_clock clk;
	uint64_t seq = 0, sum = 0;
	int bad = 0;

	bench_clock_start(&clk, o);
	while (bench_clock_more(&clk, o)) {
		unsigned i, left;
		int ret;

		for (i = 0; i < batch; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

			if (!sqe)
				sqe = get_sqe_slow(ring);
			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, seq++);
		}
		/*
		 * Under SQPOLL the count is of SQEs the thread had not yet
		 * taken, which may be fewer; the reap below checks them all.
		 */
		ret = io_uring_submit(ring);
		if (ret != (int) batch && (!sqpoll || ret < 0))
			bench_die("submit", ret < 0 ? ret : -EIO);

		for (left = batch; left; ) {
			struct io_uring_cqe *cqe;
			unsigned n;

			if (wait_reap) {
				ret = io_uring_wait_cqe(ring, &cqe);
				if (ret)
					bench_die("wait_cqe", ret);
				bad |= cqe->res;
				sum += cqe->user_data;
				io_uring_cqe_seen(ring, cqe);
				left--;
				continue;
			}
			n = io_uring_peek_batch_cqe(ring, cqes, left);
			if (!n) {
				/* SQPOLL: the thread has not got there yet */
				ret = io_uring_wait_cqe(ring, &cqe);
				if (ret)
					bench_die("wait_cqe", ret);
				continue;
			}
			for (i = 0; i < n; i++) {
				bad |= cqes[i]->res;
				sum += cqes[i]->user_data;
			}
			io_uring_cq_advance(ring, n);
			left -= n;
		}
		clk.done += batch;
	}
	t->seq = seq;
	t->sum = sum;
	t->bad = bad;
	t->done = clk.done;
}

int main(int argc, char **argv)
{
	struct bench_opts o = { 0 };
	struct io_uring_params p;
	struct nop_totals t;
	struct io_uring ring;
	unsigned batch = 1;
	double t0, t1;
	int c, ret, regfd = 0, sqpoll = 0, wait_reap = 0;

	memset(&p, 0, sizeof(p));
	while ((c = getopt(argc, argv, "b:r:dqRn:t:")) != -1) {
		if (bench_common_opt(c, optarg, &o))
			continue;
		switch (c) {
		case 'b':
			batch = (unsigned) atoi(optarg);
			break;
		case 'r':
			wait_reap = !strcmp(optarg, "wait");
			break;
		case 'd':
			p.flags |= IORING_SETUP_SINGLE_ISSUER |
				   IORING_SETUP_DEFER_TASKRUN;
			break;
		case 'q':
			p.flags |= IORING_SETUP_SQPOLL;
			p.sq_thread_idle = 1000;	/* ms */
			sqpoll = 1;
			break;
		case 'R':
			regfd = 1;
			break;
		default:
			fprintf(stderr, "usage: see the comment in nop.c\n");
			return 2;
		}
	}
	if (batch < 1 || batch > MAX_BATCH)
		bench_die("batch must be 1..128", 0);
	bench_check_opts(&o);
	if (o.ops)
		o.ops = (o.ops + batch - 1) / batch * batch;

	ret = io_uring_queue_init_params(RING_ENTRIES, &ring, &p);
	if (ret)
		bench_die("queue_init", ret);
	if (regfd) {
		ret = io_uring_register_ring_fd(&ring);
		if (ret != 1)
			bench_die("register_ring_fd", ret < 0 ? ret : -EIO);
	}

	t0 = bench_now();
	if (wait_reap)
		nop_loop(&ring, batch, 1, sqpoll, &o, &t);
	else
		nop_loop(&ring, batch, 0, sqpoll, &o, &t);
	t1 = bench_now();

	if (t.bad)
		bench_die("a NOP failed", t.bad < 0 ? t.bad : -EIO);
	if (t.seq != t.done || t.sum != t.seq * (t.seq - 1) / 2)
		bench_die("user_data checksum mismatch", -EIO);
	io_uring_queue_exit(&ring);
	bench_report(t.done, t1 - t0);
	return 0;
}
