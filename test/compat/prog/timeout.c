/* SPDX-License-Identifier: MIT */
/*
 * Timeouts: a pure timeout expires with -ETIME after its time, a counted
 * one completes early once enough other CQEs were posted, a removed one
 * ends with -ECANCELED, and the library's bounded waits give -ETIME.
 */
#define _GNU_SOURCE
#include "prog.h"

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe c[3], *cqe;
	struct __kernel_timespec ts, long_ts;
	long long t0, dt;

	prog_ring_init(&ring, 8);
	ts.tv_sec = 0;
	ts.tv_nsec = 30 * 1000 * 1000;
	long_ts.tv_sec = 10;
	long_ts.tv_nsec = 0;

	/* expires */
	t0 = prog_now_ms();
	io_uring_prep_timeout(prog_sqe(&ring), &ts, 0, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	dt = prog_now_ms() - t0;
	CHECK_EQ(c[0].res, -ETIME);
	if (dt < 25 || dt > 5000)
		FAIL("30 ms timeout took %lld ms", dt);

	/* completes by count: one NOP satisfies count 1 long before 10 s */
	t0 = prog_now_ms();
	sqe = prog_sqe(&ring);
	io_uring_prep_timeout(sqe, &long_ts, 1, 0);
	io_uring_sqe_set_data64(sqe, 0);
	sqe = prog_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, 0);
	CHECK_EQ(c[1].res, 0);
	CHECK(prog_now_ms() - t0 < 5000);

	/* removed before it expires */
	sqe = prog_sqe(&ring);
	io_uring_prep_timeout(sqe, &long_ts, 0, 0);
	sqe->user_data = 0;
	CHECK_EQ(io_uring_submit(&ring), 1);
	sqe = prog_sqe(&ring);
	io_uring_prep_timeout_remove(sqe, 0, 0);
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, -ECANCELED);
	CHECK_EQ(c[1].res, 0);

	/* the library's waits: nothing will complete within 30 ms */
	t0 = prog_now_ms();
	CHECK_EQ(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -ETIME);
	CHECK(prog_now_ms() - t0 >= 25);
	CHECK_EQ(io_uring_wait_cqes(&ring, &cqe, 1, &ts, NULL), -ETIME);
	CHECK_EQ(io_uring_cq_ready(&ring), 0);

	io_uring_queue_exit(&ring);
	printf("timeout: ok\n");
	return 0;
}
