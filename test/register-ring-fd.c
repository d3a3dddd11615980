/* SPDX-License-Identifier: MIT */
/*
 * Registering through a registered ring fd: with the real fd closed,
 * registration goes through the registered index.
 */
#include "register-util.h"

/* With the real fd closed, registration goes through the registered index. */
static void test_through_registered_fd(void **state)
{
	struct io_uring ring;
	struct iovec iov;
	char buf[4096];
	int fd = t_tmpfile(sizeof(buf), 9, NULL);

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_REG_REG_RING);
	assert_int_equal(io_uring_register_ring_fd(&ring), 1);
	assert_int_equal(io_uring_close_ring_fd(&ring), 1);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), 0);
	assert_int_equal(io_uring_register_files(&ring, &fd, 1), 0);
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		struct io_uring_cqe cqe;

		io_uring_prep_read_fixed(sqe, 0, buf, sizeof(buf), 0, 0);
		sqe->flags |= IOSQE_FIXED_FILE;
		assert_int_equal(io_uring_submit(&ring), 1);
		t_reap(&ring, &cqe);
		assert_int_equal(cqe.res, sizeof(buf));
		t_kernel_wrote(buf, cqe.res);
		assert_true(t_check_pattern(buf, sizeof(buf), 9));
	}
	close(fd);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_through_registered_fd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
