/* SPDX-License-Identifier: MIT */
/*
 * Synchronous operations through io_uring_register(2): cancel
 * (IORING_REGISTER_SYNC_CANCEL) and a message to another ring
 * (IORING_REGISTER_SEND_MSG_RING).
 */
#include "register-util.h"

static void test_sync_cancel(void **state)
{
	struct io_uring_sync_cancel_reg reg;
	struct io_uring ring;
	struct io_uring_cqe cqe;
	char buf[16];
	int fds[2], ret, i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < 2; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
		io_uring_sqe_set_data64(sqe, 0x100 + i);
	}
	assert_int_equal(io_uring_submit(&ring), 2);

	memset(&reg, 0, sizeof(reg));
	reg.addr = 0x100;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	ret = io_uring_register_sync_cancel(&ring, &reg);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_SYNC_CANCEL (6.0)");
	assert_int_equal(ret, 0);
	/* returned only once the request was gone: its CQE is there */
	assert_true(io_uring_cq_ready(&ring) >= 1);
	t_reap(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x100);
	assert_int_equal(cqe.res, -ECANCELED);

	/* nothing matches any more */
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), -ENOENT);

	/* by file: the other read goes */
	memset(&reg, 0, sizeof(reg));
	reg.fd = fds[0];
	reg.flags = IORING_ASYNC_CANCEL_FD;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), 0);
	t_reap(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x101);
	assert_int_equal(cqe.res, -ECANCELED);

	/* reserved bytes must be zero */
	reg.pad[0] = 1;
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), -EINVAL);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_sync_msg(void **state)
{
	struct io_uring target;
	struct io_uring_sqe sqe;
	struct io_uring_cqe cqe;
	int ret;

	(void) state;
	t_ring_init(&target, 8, 0);
	memset(&sqe, 0xff, sizeof(sqe));
	io_uring_prep_msg_ring(&sqe, target.ring_fd, 0x1234, 0xbeef, 0);
	ret = io_uring_register_sync_msg(&sqe);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_SEND_MSG_RING)
		t_skip("kernel lacks IORING_REGISTER_SEND_MSG_RING (6.13)");
	assert_int_equal(ret, 0);
	t_reap(&target, &cqe);
	assert_int_equal(cqe.user_data, 0xbeef);
	assert_int_equal(cqe.res, 0x1234);

	/* only MSG_RING, and no SQE flags */
	sqe.flags = IOSQE_IO_LINK;
	assert_int_equal(io_uring_register_sync_msg(&sqe), -EINVAL);
	io_uring_prep_nop(&sqe);
	assert_int_equal(io_uring_register_sync_msg(&sqe), -EINVAL);
	/* not a ring */
	io_uring_prep_msg_ring(&sqe, 0, 1, 2, 0);
	assert_true(io_uring_register_sync_msg(&sqe) < 0);
	io_uring_queue_exit(&target);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sync_cancel),
		cmocka_unit_test(test_sync_msg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
