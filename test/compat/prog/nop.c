/* SPDX-License-Identifier: MIT */
/*
 * NOP round trips: user_data comes back intact through both the inline
 * fast path (peek, for_each, cq_advance) and the library's waits, and the
 * SQ and CQ counters the inline code reads move as the kernel's do.
 */
#define _GNU_SOURCE
#include "prog.h"

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe, *batch[8];
	struct __kernel_timespec ts;
	unsigned head, i, n, seen;
	unsigned long long sum;

	prog_ring_init(&ring, 8);
	CHECK_EQ(io_uring_sq_space_left(&ring), 8);

	/* one at a time, with a pointer as user_data */
	sqe = prog_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data(sqe, &ring);
	CHECK_EQ(io_uring_sq_ready(&ring), 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	CHECK_EQ(io_uring_wait_cqe(&ring, &cqe), 0);
	CHECK(io_uring_cqe_get_data(cqe) == (void *)&ring);
	CHECK_EQ(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);
	CHECK_EQ(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);

	/* a full SQ, reaped in a batch */
	for (i = 0; i < 8; i++) {
		sqe = prog_sqe(&ring);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, 100 + i);
	}
	CHECK(io_uring_get_sqe(&ring) == NULL);
	CHECK_EQ(io_uring_sq_space_left(&ring), 0);
	CHECK_EQ(io_uring_submit_and_wait(&ring, 8), 8);
	CHECK_EQ(io_uring_cq_ready(&ring), 8);
	n = io_uring_peek_batch_cqe(&ring, batch, 8);
	CHECK_EQ(n, 8);
	for (sum = 0, i = 0; i < n; i++)
		sum += io_uring_cqe_get_data64(batch[i]);
	CHECK_EQ(sum, 8 * 100 + 28);
	io_uring_cq_advance(&ring, n);

	/* the iteration macro over a second batch */
	for (i = 0; i < 5; i++) {
		sqe = prog_sqe(&ring);
		io_uring_prep_nop(sqe);
		sqe->user_data = i;
	}
	CHECK_EQ(io_uring_submit(&ring), 5);
	CHECK_EQ(io_uring_wait_cqe_nr(&ring, &cqe, 5), 0);
	seen = 0;
	sum = 0;
	io_uring_for_each_cqe(&ring, head, cqe) {
		sum += cqe->user_data;
		seen++;
	}
	CHECK_EQ(seen, 5);
	CHECK_EQ(sum, 10);
	io_uring_cq_advance(&ring, seen);

	/* nothing queued: a bounded wait must time out */
	ts.tv_sec = 0;
	ts.tv_nsec = 20 * 1000 * 1000;
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -ETIME);

	io_uring_queue_exit(&ring);
	printf("nop: ok\n");
	return 0;
}
