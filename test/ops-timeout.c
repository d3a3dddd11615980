/* SPDX-License-Identifier: MIT */
/*
 * Timeouts against the real kernel: relative, absolute, counted,
 * multishot, updated and removed, and linked behind another request.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include "ops-util.h"

static struct __kernel_timespec ms_ts(long ms)
{
	struct __kernel_timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return ts;
}

static void test_timeout_relative(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct __kernel_timespec ts = ms_ts(60);
	long long t0;

	ops_ring_init(&ring, state, 8);
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ETIME);
	assert_true(t_now_ms() - t0 >= 55);
	io_uring_queue_exit(&ring);
}

static void test_timeout_absolute(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct __kernel_timespec ts;
	struct timespec now;
	long long t0;

	ops_ring_init(&ring, state, 8);
	clock_gettime(CLOCK_MONOTONIC, &now);
	ts.tv_sec = now.tv_sec;
	ts.tv_nsec = now.tv_nsec + 60 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, IORING_TIMEOUT_ABS);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ETIME);
	assert_true(t_now_ms() - t0 >= 50);

	/* an absolute time already past expires at once */
	ts.tv_sec = now.tv_sec - 1;
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, IORING_TIMEOUT_ABS);
	assert_int_equal(ops_run1(&ring, sqe, 2), -ETIME);
	assert_true(t_now_ms() - t0 < 1000);
	io_uring_queue_exit(&ring);
}

/* Completes (res 0) once count other completions have been posted. */
static void test_timeout_count(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[3];
	struct __kernel_timespec ts = ms_ts(10000);
	long long t0;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 2, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	t0 = t_now_ms();

	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ops_wait(&ring, &cqe[1]);
	assert_int_equal(cqe[1].user_data, 1);
	/* one completion is not enough */
	assert_true(ops_no_cqe(&ring, 30));

	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, 0);
	assert_int_equal(cqe[1].res, 0);
	assert_true(t_now_ms() - t0 < 5000);
	io_uring_queue_exit(&ring);
}

/* Fires off times (Linux 6.4), each CQE but the last flagged MORE. */
static void test_timeout_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct __kernel_timespec ts = ms_ts(20);
	int i, ret;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 3, IORING_TIMEOUT_MULTISHOT);
	io_uring_sqe_set_data64(sqe, 0x5);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 3; i++) {
		ops_wait(&ring, &cqe);
		ret = cqe.res;
		if (i == 0 && ret == -EINVAL)
			t_skip("kernel lacks IORING_TIMEOUT_MULTISHOT");
		assert_int_equal(cqe.user_data, 0x5);
		assert_int_equal(ret, -ETIME);
		if (i < 2)
			assert_true(cqe.flags & IORING_CQE_F_MORE);
		else
			assert_false(cqe.flags & IORING_CQE_F_MORE);
	}
	assert_true(ops_no_cqe(&ring, 60));
	io_uring_queue_exit(&ring);
}

static void test_timeout_update_remove(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[2];
	struct __kernel_timespec ts = ms_ts(10000), short_ts = ms_ts(30);
	long long t0;

	ops_ring_init(&ring, state, 8);

	/* a 10 s timeout shortened to 30 ms */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_update(sqe, &short_ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[1].res, 0);
	assert_int_equal(cqe[0].res, -ETIME);
	assert_true(t_now_ms() - t0 < 5000);

	/* a 10 s timeout removed */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_remove(sqe, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[1].res, 0);
	assert_int_equal(cqe[0].res, -ECANCELED);

	/* nothing by that user_data any more */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_remove(sqe, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ENOENT);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_update(sqe, &short_ts, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ENOENT);
	io_uring_queue_exit(&ring);
}

static void test_link_timeout(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[2];
	struct __kernel_timespec ts = ms_ts(30);
	char buf[8];
	int p[2];

	ops_ring_init(&ring, state, 8);
	assert_int_equal(pipe(p), 0);

	/* the read never gets data: the linked timeout cancels it */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, p[0], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, -ECANCELED);
	assert_int_equal(cqe[1].res, -ETIME);

	/* with data there, the read wins and the timeout is cancelled */
	assert_int_equal(write(p[1], "ok", 2), 2);
	ts = ms_ts(5000);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, p[0], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, 2);
	assert_int_equal(cqe[1].res, -ECANCELED);

	close(p[0]);
	close(p[1]);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_timeout_relative),
		OPS_RING_TESTS(test_timeout_absolute),
		OPS_RING_TESTS(test_timeout_count),
		OPS_RING_TESTS(test_timeout_multishot),
		OPS_RING_TESTS(test_timeout_update_remove),
		OPS_RING_TESTS(test_link_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
