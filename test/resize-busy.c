/* SPDX-License-Identifier: MIT */
/*
 * io_uring_resize_rings() (Linux 6.13) on rings that are in use: requests
 * in flight while the SQ and CQ grow and shrink must each complete
 * exactly once, and a wait for them must end.  Also rings that carry the
 * SQ index array (every ring on kernels before 6.6, which refuse
 * IORING_SETUP_NO_SQARRAY): where the kernel cannot resize, the caller
 * gets the kernel's own answer, -EINVAL, as programs expect.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "helpers.h"

#define DEFER	(IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SINGLE_ISSUER)
#define NTAGS	64

static void on_alarm(int sig)
{
	static const char msg[] = "*** hang: a resize or a wait never ended\n";

	(void) sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(98);
	_exit(99);
}

static int setup_alarm(void **state)
{
	(void) state;
	signal(SIGALRM, on_alarm);
	alarm(30);
	return 0;
}

static int clear_alarm(void **state)
{
	(void) state;
	alarm(0);
	return 0;
}

static int resize(struct io_uring *ring, unsigned sq, unsigned cq)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.sq_entries = sq;
	p.cq_entries = cq;
	p.flags = IORING_SETUP_CQSIZE;
	return io_uring_resize_rings(ring, &p);
}

static struct __kernel_timespec timeouts[NTAGS];

static void queue_timeout(struct io_uring *ring, unsigned tag, long ms)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	timeouts[tag].tv_sec = 0;
	timeouts[tag].tv_nsec = ms * 1000000;
	io_uring_prep_timeout(sqe, &timeouts[tag], 0, 0);
	sqe->user_data = tag;
}

static void queue_read(struct io_uring *ring, unsigned tag, int fd, char *buf)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_prep_read(sqe, fd, buf, 1, 0);
	sqe->user_data = tag;
}

/*
 * Timeouts and pipe reads in flight across four resizes (up, up, down,
 * down), then every completion reaped: each tag exactly once, with the
 * result its request must have.
 */
static void in_flight(unsigned flags, bool peek)
{
	unsigned seen[NTAGS] = { 0 }, tag, reaped = 0, queued = 0;
	struct io_uring ring;
	char bufs[4][1];
	int pipes[4][2], i, ret;

	t_ring_init(&ring, 8, flags);
	ret = resize(&ring, 8, 16);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_RESIZE_RINGS (6.13)");
	assert_int_equal(ret, 0);

	for (i = 0; i < 4; i++) {
		assert_int_equal(pipe(pipes[i]), 0);
		queue_read(&ring, queued++, pipes[i][0], bufs[i]);
	}
	for (i = 0; i < 4; i++)
		queue_timeout(&ring, queued++, 5 + 5 * i);
	assert_int_equal(io_uring_submit(&ring), 8);

	assert_int_equal(resize(&ring, 32, 64), 0);
	for (i = 0; i < 24; i++)
		queue_timeout(&ring, queued++, 1 + i % 7);
	assert_int_equal(io_uring_submit(&ring), 24);
	assert_int_equal(resize(&ring, 64, 128), 0);
	for (i = 0; i < 16; i++)
		queue_timeout(&ring, queued++, 2 + i % 5);
	assert_int_equal(io_uring_submit(&ring), 16);

	/* shrink while everything is still pending in the kernel */
	assert_int_equal(resize(&ring, 16, 64), 0);
	assert_int_equal(resize(&ring, 8, 64), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(write(pipes[i][1], "x", 1), 1);

	while (reaped < queued) {
		struct __kernel_timespec ts = { .tv_sec = 5 };
		struct __kernel_timespec tick = { .tv_nsec = 1000000 };
		struct io_uring_cqe *cqe;

		if (peek) {
			/* a poller: peek, and nap briefly when nothing came */
			ret = io_uring_peek_cqe(&ring, &cqe);
			if (ret == -EAGAIN) {
				ret = io_uring_wait_cqe_timeout(&ring, &cqe,
								&tick);
				if (ret == -ETIME)
					continue;
			}
		} else {
			ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
		}
		assert_int_equal(ret, 0);
		tag = (unsigned) cqe->user_data;
		assert_true(tag < queued);
		seen[tag]++;
		if (tag < 4)
			assert_int_equal(cqe->res, 1);
		else
			assert_int_equal(cqe->res, -ETIME);
		io_uring_cqe_seen(&ring, cqe);
		reaped++;
	}
	for (tag = 0; tag < queued; tag++)
		assert_int_equal(seen[tag], 1);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	for (i = 0; i < 4; i++) {
		close(pipes[i][0]);
		close(pipes[i][1]);
	}
	io_uring_queue_exit(&ring);
}

static void test_resize_in_flight(void **state)
{
	(void) state;
	in_flight(DEFER, false);
}

/* With IORING_SQ_TASKRUN raised for pending work, reaped by a poller. */
static void test_resize_in_flight_taskrun_peek(void **state)
{
	(void) state;
	in_flight(DEFER | IORING_SETUP_TASKRUN_FLAG, true);
}

/*
 * A ring with the SQ index array, made with the raw setup syscall and
 * mapped with io_uring_queue_mmap(): resized where the kernel can, with
 * the kernel's -EINVAL where it cannot; never an error of our own.
 */
static void test_resize_sq_array_ring(void **state)
{
	struct io_uring_params p;
	struct io_uring_cqe cqe;
	struct io_uring ring;
	int fd, ret, i;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = DEFER;
	fd = io_uring_setup(8, &p);
	if (fd == -EINVAL)
		p.flags = 0;	/* before 6.1: no DEFER_TASKRUN */
	if (fd == -EINVAL)
		fd = io_uring_setup(8, &p);
	assert_true(fd >= 0);
	assert_int_equal(io_uring_queue_mmap(fd, &p, &ring), 0);
	assert_non_null(ring.sq.array);

	ret = resize(&ring, 32, 64);
	if (ret == -EINVAL) {
		/* the kernel's answer: no resize here, the ring still works */
		for (i = 0; i < 4; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_nop(sqe);
			sqe->user_data = 40 + i;
		}
		assert_int_equal(io_uring_submit(&ring), 4);
		for (i = 0; i < 4; i++) {
			t_reap(&ring, &cqe);
			assert_int_equal(cqe.user_data, 40 + i);
		}
		io_uring_queue_exit(&ring);
		t_skip("kernel cannot resize (-EINVAL): needs 6.13 and a "
		       "DEFER_TASKRUN ring");
	}
	assert_int_equal(ret, 0);
	assert_int_equal(ring.sq.ring_entries, 32);
	assert_non_null(ring.sq.array);
	for (i = 0; i < 32; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		assert_non_null(sqe);
		io_uring_prep_nop(sqe);
		sqe->user_data = 100 + i;
	}
	assert_int_equal(io_uring_submit(&ring), 32);
	for (i = 0; i < 32; i++) {
		t_reap(&ring, &cqe);
		assert_int_equal(cqe.user_data, 100 + i);
	}
	io_uring_queue_exit(&ring);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_alarm, clear_alarm)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_resize_in_flight),
		T(test_resize_in_flight_taskrun_peek),
		T(test_resize_sq_array_ring),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
