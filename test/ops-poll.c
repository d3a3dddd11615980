/* SPDX-License-Identifier: MIT */
/*
 * Readiness operations against the real kernel: poll (one-shot,
 * multishot, update, remove) and epoll (ctl, wait).  Each test checks
 * that nothing completes before the descriptor is ready, and what the
 * completion reports once it is.
 */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include "ops-util.h"

static void test_poll_add(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int p[2];

	ops_ring_init(&ring, state, 8);
	assert_int_equal(pipe(p), 0);

	sqe = ops_sqe(&ring);
	io_uring_prep_poll_add(sqe, p[0], POLLIN);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 50));
	assert_int_equal(write(p[1], "x", 1), 1);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.user_data, 1);
	assert_int_equal(cqe.res, POLLIN);
	assert_false(cqe.flags & IORING_CQE_F_MORE);

	/* the mask reaches the kernel: the write end is ready for POLLOUT */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_add(sqe, p[1], POLLOUT);
	assert_int_equal(ops_run1(&ring, sqe, 2), POLLOUT);

	close(p[0]);
	close(p[1]);
	io_uring_queue_exit(&ring);
}

static void test_poll_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	char c;
	int p[2], i;

	ops_ring_init(&ring, state, 8);
	assert_int_equal(pipe(p), 0);

	sqe = ops_sqe(&ring);
	io_uring_prep_poll_multishot(sqe, p[0], POLLIN);
	io_uring_sqe_set_data64(sqe, 7);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));

	/* one CQE per event, and it stays armed */
	for (i = 0; i < 3; i++) {
		assert_int_equal(write(p[1], "y", 1), 1);
		ops_wait(&ring, &cqe);
		assert_int_equal(cqe.user_data, 7);
		assert_int_equal(cqe.res, POLLIN);
		assert_true(cqe.flags & IORING_CQE_F_MORE);
		assert_int_equal(read(p[0], &c, 1), 1);
	}

	/* removal ends it with -ECANCELED */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_remove(sqe, 7);
	io_uring_sqe_set_data64(sqe, 8);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 2; i++) {
		ops_wait(&ring, &cqe);
		if (cqe.user_data == 8) {
			assert_int_equal(cqe.res, 0);
		} else {
			assert_int_equal(cqe.user_data, 7);
			assert_int_equal(cqe.res, -ECANCELED);
			assert_false(cqe.flags & IORING_CQE_F_MORE);
		}
	}
	assert_int_equal(write(p[1], "z", 1), 1);
	assert_true(ops_no_cqe(&ring, 30));

	/* nothing left to remove */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_remove(sqe, 7);
	assert_int_equal(ops_run1(&ring, sqe, 9), -ENOENT);

	close(p[0]);
	close(p[1]);
	io_uring_queue_exit(&ring);
}

static void test_poll_update(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int sv[2], i, seen_update = 0, seen_poll = 0;

	ops_ring_init(&ring, state, 8);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);

	/* waits for input that never comes */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_multishot(sqe, sv[0], POLLIN);
	io_uring_sqe_set_data64(sqe, 0x100);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));

	/*
	 * Switch it to POLLOUT under a new user_data: the socket is
	 * writable, so it fires at once with the new tag.
	 */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_update(sqe, 0x100, 0x200, POLLOUT,
				  IORING_POLL_UPDATE_EVENTS |
				  IORING_POLL_UPDATE_USER_DATA |
				  IORING_POLL_ADD_MULTI);
	io_uring_sqe_set_data64(sqe, 0x300);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 2; i++) {
		ops_wait(&ring, &cqe);
		if (cqe.user_data == 0x300) {
			assert_int_equal(cqe.res, 0);
			seen_update++;
		} else {
			assert_int_equal(cqe.user_data, 0x200);
			assert_true(cqe.res & POLLOUT);
			assert_false(cqe.res & POLLIN);
			seen_poll++;
		}
	}
	assert_int_equal(seen_update, 1);
	assert_int_equal(seen_poll, 1);

	/* the old tag is gone */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_update(sqe, 0x100, 0x400, 0,
				  IORING_POLL_UPDATE_USER_DATA);
	assert_int_equal(ops_run1(&ring, sqe, 0x500), -ENOENT);

	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x200, IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0x600);
	assert_int_equal(io_uring_submit(&ring), 1);
	/* drain whatever the still-writable multishot poll posted */
	for (i = 0; i < 64; i++) {
		ops_wait(&ring, &cqe);
		if (cqe.user_data == 0x600)
			break;
	}
	assert_int_equal(cqe.user_data, 0x600);
	assert_true(cqe.res >= 0);

	close(sv[0]);
	close(sv[1]);
	io_uring_queue_exit(&ring);
}

static void test_epoll(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct epoll_event ev, out[4];
	int epfd, p[2], q[2], has_wait;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_EPOLL_CTL);
	has_wait = ops_has_op(&ring, IORING_OP_EPOLL_WAIT);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	assert_true(epfd >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);

	/* ADD, then the interest list really has it */
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = 0x1234;
	sqe = ops_sqe(&ring);
	io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_ADD, &ev);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(epoll_wait(epfd, out, 4, 0), 0);
	assert_int_equal(write(p[1], "e", 1), 1);
	assert_int_equal(epoll_wait(epfd, out, 4, 0), 1);
	assert_int_equal(out[0].data.u64, 0x1234);

	/* the op reaches the kernel: adding twice is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_ADD, &ev);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EEXIST);

	ev.data.u64 = 0x5678;
	sqe = ops_sqe(&ring);
	io_uring_prep_epoll_ctl(sqe, epfd, q[0], EPOLL_CTL_ADD, &ev);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);

	if (has_wait) {
		/* epoll_wait: the ready one is returned */
		memset(out, 0, sizeof(out));
		sqe = ops_sqe(&ring);
		io_uring_prep_epoll_wait(sqe, epfd, out, 4, 0);
		assert_int_equal(ops_run1(&ring, sqe, 4), 1);
		assert_int_equal(out[0].data.u64, 0x1234);
		assert_true(out[0].events & EPOLLIN);

		/* and it waits when nothing is ready */
		sqe = ops_sqe(&ring);
		io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_DEL, NULL);
		assert_int_equal(ops_run1(&ring, sqe, 5), 0);
		memset(out, 0, sizeof(out));
		sqe = ops_sqe(&ring);
		io_uring_prep_epoll_wait(sqe, epfd, out, 4, 0);
		io_uring_sqe_set_data64(sqe, 6);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_true(ops_no_cqe(&ring, 50));
		assert_int_equal(write(q[1], "f", 1), 1);
		ops_wait(&ring, &cqe);
		assert_int_equal(cqe.user_data, 6);
		assert_int_equal(cqe.res, 1);
		assert_int_equal(out[0].data.u64, 0x5678);
	} else {
		sqe = ops_sqe(&ring);
		io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_DEL, NULL);
		assert_int_equal(ops_run1(&ring, sqe, 5), 0);
	}

	/* DEL took it out: deleting again finds nothing */
	sqe = ops_sqe(&ring);
	io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_DEL, NULL);
	assert_int_equal(ops_run1(&ring, sqe, 7), -ENOENT);

	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(epfd);
	io_uring_queue_exit(&ring);
	if (!has_wait)
		t_skip("kernel lacks IORING_OP_EPOLL_WAIT (epoll_ctl passed)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_poll_add),
		OPS_RING_TESTS(test_poll_multishot),
		OPS_RING_TESTS(test_poll_update),
		OPS_RING_TESTS(test_epoll),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
