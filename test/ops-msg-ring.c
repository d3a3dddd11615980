/* SPDX-License-Identifier: MIT */
/*
 * Messages between rings (IORING_OP_MSG_RING): a CQE posted to
 * another ring, and a fixed file passed to it.
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

static void test_msg_ring(void **state)
{
	struct io_uring src, dst;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;

	ops_ring_init(&src, state, 8);
	T_REQUIRE_OP(&src, IORING_OP_MSG_RING);
	ops_ring_init(&dst, state, 8);

	/* data: len becomes the target CQE's res, data its user_data */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, dst.ring_fd, 0x55, 0xabcdef0123ULL, 0);
	assert_int_equal(ops_run1(&src, sqe, 1), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0xabcdef0123ULL);
	assert_int_equal(cqe.res, 0x55);
	assert_int_equal(cqe.flags, 0);

	/* with flags passed through to the target CQE */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_cqe_flags(sqe, dst.ring_fd, 7, 0x77, 0,
					 0x12340000);
	assert_int_equal(ops_run1(&src, sqe, 2), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x77);
	assert_int_equal(cqe.res, 7);
	assert_int_equal(cqe.flags, 0x12340000);

	/* flags reach the kernel: CQE_SKIP only goes with sending a file */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, dst.ring_fd, 1, 0x88,
			       IORING_MSG_RING_CQE_SKIP);
	assert_int_equal(ops_run1(&src, sqe, 3), -EINVAL);
	assert_true(ops_no_cqe(&dst, 30));

	/* not a ring */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, 0, 1, 0x99, 0);
	assert_int_equal(ops_run1(&src, sqe, 4), -EBADFD);

	io_uring_queue_exit(&src);
	io_uring_queue_exit(&dst);
}

static void test_msg_ring_fd(void **state)
{
	struct io_uring src, dst;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char buf[500];
	int files[2], slot;

	ops_ring_init(&src, state, 8);
	T_REQUIRE_OP(&src, IORING_OP_MSG_RING);
	ops_ring_init(&dst, state, 8);
	files[0] = -1;
	files[1] = t_tmpfile(500, 20, NULL);
	ops_register_files(&src, files, 2);
	close(files[1]);
	ops_register_files_sparse(&dst, 4);

	/* src's slot 1 into dst's slot 2 */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 1, 2, 0x61, 0);
	assert_int_equal(ops_run1(&src, sqe, 1), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x61);
	assert_int_equal(cqe.res, 0);
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, 2, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 2), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* into a slot dst picks: its CQE's res says which */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd_alloc(sqe, dst.ring_fd, 1, 0x62, 0);
	slot = ops_run1(&src, sqe, 3);
	assert_true(slot >= 0 && slot < 4 && slot != 2);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x62);
	assert_int_equal(cqe.res, slot);
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, slot, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 4), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* CQE_SKIP: the file arrives, the target gets no completion */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 1, 0, 0x64,
				  IORING_MSG_RING_CQE_SKIP);
	assert_int_equal(ops_run1(&src, sqe, 6), 0);
	assert_true(ops_no_cqe(&dst, 30));
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 7), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* an empty source slot has nothing to send */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 0, 3, 0x63, 0);
	assert_int_equal(ops_run1(&src, sqe, 5), -EBADF);

	io_uring_queue_exit(&src);
	io_uring_queue_exit(&dst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_msg_ring),
		OPS_RING_TESTS(test_msg_ring_fd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
