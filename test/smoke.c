/* SPDX-License-Identifier: MIT */
/* The shortest round trip: one NOP through a fresh ring. */
#include "helpers.h"

static void test_nop_round_trip(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;

	(void) state;
	t_ring_init(&ring, 4, 0);
	sqe = io_uring_get_sqe(&ring);
	assert_non_null(sqe);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0x1234abcd);
	assert_int_equal(io_uring_submit(&ring), 1);
	t_reap(&ring, &cqe);
	assert_int_equal(cqe.res, 0);
	assert_int_equal(cqe.user_data, 0x1234abcd);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nop_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
