/* SPDX-License-Identifier: MIT */
/*
 * Legacy provided buffers (IORING_OP_PROVIDE_BUFFERS): a receive
 * picks one from the group.
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

/* Legacy provided buffers: a receive picks one from the group. */
static void test_provide_buffers(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char mem[4 * 64];
	unsigned bid;
	int fds[2], ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_PROVIDE_BUFFERS);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_provide_buffers(sqe, mem, 64, 4, 7, 10);
	ret = ops_run1(&ring, sqe, 1);
	assert_true(ret >= 0);

	assert_int_equal(send(fds[0], "provided", 8, 0), 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], NULL, 64, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 7;
	io_uring_sqe_set_data64(sqe, 2);
	ops_run(&ring, &cqe);
	assert_int_equal(cqe.res, 8);
	assert_true(cqe.flags & IORING_CQE_F_BUFFER);
	bid = cqe.flags >> IORING_CQE_BUFFER_SHIFT;
	assert_true(bid >= 10 && bid < 14);
	t_kernel_wrote(mem + (bid - 10) * 64, cqe.res);
	assert_memory_equal(mem + (bid - 10) * 64, "provided", 8);

	/* three are left in group 7; removing asks for more, gets three */
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 8, 7);
	assert_int_equal(ops_run1(&ring, sqe, 3), 3);
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 1, 7);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	/* so a receive from the group finds none */
	assert_int_equal(send(fds[0], "more", 4, 0), 4);
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], NULL, 64, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 7;
	assert_int_equal(ops_run1(&ring, sqe, 5), -ENOBUFS);
	/* bgid reaches the kernel: group 8 never existed */
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 1, 8);
	assert_int_equal(ops_run1(&ring, sqe, 6), -ENOENT);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_provide_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
