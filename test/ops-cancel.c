/* SPDX-License-Identifier: MIT */
/*
 * Cancellation against the real kernel: IORING_OP_ASYNC_CANCEL by
 * user_data, by fd, and of everything.
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

/* Arms a poll on fd for input that will not come. */
static void arm_poll(struct io_uring *ring, int fd, __u64 tag)
{
	struct io_uring_sqe *sqe = ops_sqe(ring);

	io_uring_prep_poll_add(sqe, fd, POLLIN);
	io_uring_sqe_set_data64(sqe, tag);
}

/* Reaps n CQEs; returns how many were -ECANCELED polls, checks the rest. */
static int reap_cancel(struct io_uring *ring, unsigned n, __u64 cancel_tag,
		       int *cancel_res)
{
	struct io_uring_cqe cqe;
	int cancelled = 0;
	unsigned i;

	*cancel_res = 1;
	for (i = 0; i < n; i++) {
		ops_wait(ring, &cqe);
		if (cqe.user_data == cancel_tag) {
			*cancel_res = cqe.res;
		} else {
			assert_int_equal(cqe.res, -ECANCELED);
			cancelled++;
		}
	}
	assert_int_not_equal(*cancel_res, 1);
	return cancelled;
}

static void test_cancel(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int p[2], q[2], res, i;
	static int marker;

	ops_ring_init(&ring, state, 16);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);

	/* by 64-bit user_data */
	arm_poll(&ring, p[0], 0x10);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x10, 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);

	/* by pointer user_data */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_add(sqe, p[0], POLLIN);
	io_uring_sqe_set_data(sqe, &marker);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel(sqe, &marker, 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);

	/* nothing to cancel */
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x10, 0);
	assert_int_equal(ops_run1(&ring, sqe, 0xc0), -ENOENT);

	/* ALL: every match, res is the count */
	for (i = 0; i < 3; i++)
		arm_poll(&ring, p[0], 0x20);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x20, IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(reap_cancel(&ring, 4, 0xc0, &res), 3);
	assert_int_equal(res, 3);

	/* ANY: whatever is pending, regardless of user_data */
	arm_poll(&ring, p[0], 0x31);
	arm_poll(&ring, q[0], 0x32);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY |
			       IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 3);
	assert_int_equal(reap_cancel(&ring, 3, 0xc0, &res), 2);
	assert_int_equal(res, 2);

	/* FD: only the requests on that descriptor */
	arm_poll(&ring, p[0], 0x41);
	arm_poll(&ring, q[0], 0x42);
	arm_poll(&ring, q[0], 0x43);
	assert_int_equal(io_uring_submit(&ring), 3);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, p[0], 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);
	assert_true(ops_no_cqe(&ring, 30));	/* q's polls untouched */
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, q[0], IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(reap_cancel(&ring, 3, 0xc0, &res), 2);
	assert_int_equal(res, 2);

	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_cancel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
