/* SPDX-License-Identifier: MIT */
/*
 * NOP against the real kernel: on each ring kind, and the 128-byte
 * form on a ring that mixes SQE sizes.
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

static void test_nop(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	assert_int_equal(ops_run1(&ring, sqe, 0xfeedULL << 32), 0);
	io_uring_queue_exit(&ring);
}

/* A 128-byte NOP on a ring that mixes SQE sizes (Linux 6.19+). */
static void test_nop128(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_NOP128);
	io_uring_queue_exit(&ring);
	t_ring_init(&ring, 8, IORING_SETUP_SQE_MIXED);
	/* several, so one of them has to step over the ring's wrap */
	for (i = 0; i < 6; i++) {
		sqe = io_uring_get_sqe128(&ring);
		assert_non_null(sqe);
		io_uring_prep_nop128(sqe);
		assert_int_equal(ops_run1(&ring, sqe, 0x128 + i), 0);
	}
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_nop),
		OPS_TEST(test_nop128),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
