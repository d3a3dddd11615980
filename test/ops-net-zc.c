/* SPDX-License-Identifier: MIT */
/*
 * Zero-copy sends against the real kernel over loopback: send_zc and
 * its notification CQE, and sendmsg_zc from a registered buffer.
 */
#include "net-util.h"

/*
 * Waits for a zero-copy send's CQEs: the result, flagged MORE when a
 * notification follows, then the notification that the buffer is free
 * again.  A failed send may or may not have a notification to wait for
 * (it depends on how far it got); a successful one always has.
 */
static int zc_wait(struct io_uring *ring, __u64 tag)
{
	struct io_uring_cqe cqe;
	int res;

	ops_wait(ring, &cqe);
	assert_int_equal(cqe.user_data, tag);
	assert_false(cqe.flags & IORING_CQE_F_NOTIF);
	res = cqe.res;
	if (res >= 0)
		assert_true(cqe.flags & IORING_CQE_F_MORE);
	if (!(cqe.flags & IORING_CQE_F_MORE))
		return res;
	ops_wait(ring, &cqe);
	assert_int_equal(cqe.user_data, tag);
	assert_true(cqe.flags & IORING_CQE_F_NOTIF);
	assert_false(cqe.flags & IORING_CQE_F_MORE);
	return res;
}

static void test_send_zc(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char *buf = NULL;
	struct iovec reg, iov[2];
	struct msghdr msg;
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SEND_ZC);
	T_REQUIRE_OP(&ring, IORING_OP_SENDMSG_ZC);
	assert_int_equal(posix_memalign((void **) &buf, 4096, 4 * 4096), 0);
	t_fill_pattern(buf, 4 * 4096, 17);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc(sqe, fds[0], buf, 4096, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 1), 4096);
	recv_pattern(fds[1], 4096, 0, 17);

	/* from a registered buffer */
	reg.iov_base = buf;
	reg.iov_len = 4 * 4096;
	ops_register_buffers(&ring, &reg, 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc_fixed(sqe, fds[0], buf + 4096, 4096, 0, 0, 0);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 2), 4096);
	recv_pattern(fds[1], 4096, 4096, 17);
	/* buf_index reaches the kernel: there is no buffer 3 */
	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc_fixed(sqe, fds[0], buf, 4096, 0, 0, 3);
	io_uring_sqe_set_data64(sqe, 3);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 3), -EFAULT);

	/* sendmsg_zc gathers iovecs */
	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = buf + 2 * 4096;
	iov[0].iov_len = 1000;
	iov[1].iov_base = buf + 2 * 4096 + 1000;
	iov[1].iov_len = 3000;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_sendmsg_zc(sqe, fds[0], &msg, 0);
	io_uring_sqe_set_data64(sqe, 4);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 4), 4000);
	recv_pattern(fds[1], 4000, 2 * 4096, 17);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
	free(buf);
}

/* sendmsg_zc from a registered buffer (vectored fixed send, Linux 6.15). */
static void test_sendmsg_zc_fixed(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char *buf = NULL;
	struct iovec reg, iov[2];
	struct msghdr msg;
	int fds[2], ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SENDMSG_ZC);
	assert_int_equal(posix_memalign((void **) &buf, 4096, 2 * 4096), 0);
	t_fill_pattern(buf, 2 * 4096, 18);
	t_tcp_pair(fds);
	reg.iov_base = buf;
	reg.iov_len = 2 * 4096;
	ops_register_buffers(&ring, &reg, 1);

	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = buf + 100;
	iov[0].iov_len = 900;
	iov[1].iov_base = buf + 1000;
	iov[1].iov_len = 5000;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_sendmsg_zc_fixed(sqe, fds[0], &msg, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ret = zc_wait(&ring, 1);
	if (ret == -EINVAL || ret == -EOPNOTSUPP)
		t_skip("kernel lacks registered buffers for sendmsg_zc");
	assert_int_equal(ret, 5900);
	recv_pattern(fds[1], 5900, 100, 18);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_send_zc),
		OPS_RING_TESTS(test_sendmsg_zc_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
