/* SPDX-License-Identifier: MIT */
/*
 * Resizing a live ring (IORING_REGISTER_RESIZE_RINGS): what it keeps,
 * on each ring layout, what it refuses, and requests in flight across
 * resizes, each completing exactly once.
 */
#include "register-util.h"

static void reap_expect(struct io_uring *ring, __u64 first, unsigned n)
{
	struct io_uring_cqe cqe;
	unsigned i;

	for (i = 0; i < n; i++) {
		t_reap(ring, &cqe);
		assert_int_equal(cqe.user_data, first + i);
		assert_int_equal(cqe.res, 0);
	}
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

/*
 * Completions not yet reaped and requests not yet submitted survive the
 * move, and the new sizes are usable to the full.
 */
static void resize_keeps_state(struct io_uring *ring)
{
	struct io_uring_params p;
	int ret, i;

	for (i = 0; i < 6; i++)
		t_queue_nops(ring, 1, 1 + i);
	assert_int_equal(io_uring_submit(ring), 6);
	for (i = 0; i < 3; i++)
		t_queue_nops(ring, 1, 7 + i);

	memset(&p, 0, sizeof(p));
	p.sq_entries = 64;
	p.cq_entries = 256;
	p.flags = IORING_SETUP_CQSIZE;
	ret = io_uring_resize_rings(ring, &p);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_RESIZE_RINGS)
		t_skip("kernel lacks IORING_REGISTER_RESIZE_RINGS (6.13)");
	assert_int_equal(ret, 0);
	assert_int_equal(p.sq_entries, 64);
	assert_int_equal(p.cq_entries, 256);
	assert_int_equal(ring->sq.ring_entries, 64);
	assert_int_equal(*ring->sq.kring_entries, 64);
	assert_int_equal(ring->sq.ring_mask, 63);
	assert_int_equal(ring->cq.ring_entries, 256);
	assert_int_equal(*ring->cq.kring_entries, 256);
	assert_int_equal(*ring->cq.kring_mask, 255);

	/* the completions were moved */
	reap_expect(ring, 1, 6);
	/* the queued requests go now */
	assert_int_equal(io_uring_submit(ring), 3);
	reap_expect(ring, 7, 3);

	/* the whole new SQ, and more CQEs than the old CQ could hold */
	for (i = 0; i < 64; i++)
		t_queue_nops(ring, 1, 100 + i);
	assert_null(io_uring_get_sqe(ring));
	assert_int_equal(io_uring_submit(ring), 64);
	for (i = 0; i < 64; i++)
		t_queue_nops(ring, 1, 164 + i);
	assert_int_equal(io_uring_submit(ring), 64);
	assert_int_equal(io_uring_cq_ready(ring), 128);
	assert_false(io_uring_cq_has_overflow(ring));
	reap_expect(ring, 100, 128);

	/* and back down */
	assert_int_equal(resize(ring, 4, 8), 0);
	assert_int_equal(ring->sq.ring_entries, 4);
	for (i = 0; i < 4; i++)
		t_queue_nops(ring, 1, 300 + i);
	assert_null(io_uring_get_sqe(ring));
	assert_int_equal(io_uring_submit(ring), 4);
	reap_expect(ring, 300, 4);
}

static void test_resize(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

/* Rings in memory the library allocated (IORING_SETUP_NO_MMAP). */
static void test_resize_no_mmap(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER | IORING_SETUP_NO_MMAP);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

/* Rings with the SQ index array, set up by hand and mapped by us. */
static void test_resize_sq_array(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	int fd;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = DEFER;
	fd = io_uring_setup(8, &p);
	if (fd < 0)
		t_skip("kernel refuses DEFER_TASKRUN: %s", strerror(-fd));
	assert_int_equal(io_uring_queue_mmap(fd, &p, &ring), 0);
	assert_non_null(ring.sq.array);
	resize_keeps_state(&ring);
	assert_non_null(ring.sq.array);
	io_uring_queue_exit(&ring);
}

/* Used through a registered ring fd; and with 32-byte CQEs. */
static void test_resize_registered_cqe32(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER | IORING_SETUP_CQE32);
	assert_int_equal(io_uring_register_ring_fd(&ring), 1);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

static void test_resize_refused(void **state)
{
	struct io_uring ring;
	struct io_uring_params p;
	int i;

	(void) state;
	/* only DEFER_TASKRUN rings */
	t_ring_init(&ring, 8, 0);
	assert_int_equal(resize(&ring, 16, 32), -EINVAL);
	io_uring_queue_exit(&ring);

	t_ring_init(&ring, 8, DEFER);
	if (resize(&ring, 8, 16) == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_RESIZE_RINGS (6.13)");
	/* pending CQEs that do not fit: nothing changes */
	for (i = 0; i < 8; i++)
		t_queue_nops(&ring, 1, 1 + i);
	assert_int_equal(io_uring_submit(&ring), 8);
	for (i = 0; i < 4; i++)
		t_queue_nops(&ring, 1, 9 + i);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(resize(&ring, 4, 8), -EOVERFLOW);
	assert_int_equal(ring.cq.ring_entries, 16);
	/* queued SQEs that do not fit */
	for (i = 0; i < 4; i++)
		t_queue_nops(&ring, 1, 13 + i);
	assert_int_equal(resize(&ring, 2, 32), -EOVERFLOW);
	assert_int_equal(ring.sq.ring_entries, 8);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(io_uring_cq_ready(&ring), 16);
	reap_expect(&ring, 1, 16);
	/* flags other than CQSIZE and CLAMP */
	memset(&p, 0, sizeof(p));
	p.sq_entries = 8;
	p.flags = IORING_SETUP_SQPOLL;
	assert_int_equal(io_uring_resize_rings(&ring, &p), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* ---- under load ------------------------------------------------------ */

#define NTAGS	64

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_resize_no_mmap),
		cmocka_unit_test(test_resize_sq_array),
		cmocka_unit_test(test_resize_registered_cqe32),
		cmocka_unit_test(test_resize_refused),
		T_GUARDED(test_resize_in_flight),
		T_GUARDED(test_resize_in_flight_taskrun_peek),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
