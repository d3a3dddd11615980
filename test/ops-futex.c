/* SPDX-License-Identifier: MIT */
/*
 * Futex operations (Linux 6.7) against the real kernel: a waiter on
 * this thread, a waker on another with its own ring.
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

/* Futexes: a waiter on this thread, a waker on another with its ring. */
struct waker {
	uint32_t *futex;
	int nr_wake;
	int delay_ms;
	int res;
};

static void *waker_fn(void *arg)
{
	struct waker *w = arg;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;

	w->res = io_uring_queue_init(4, &ring, 0);
	if (w->res)
		return NULL;
	usleep((useconds_t) w->delay_ms * 1000);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_futex_wake(sqe, w->futex, (uint64_t) w->nr_wake,
				 FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_submit(&ring);
	w->res = io_uring_wait_cqe(&ring, &cqe);
	if (!w->res) {
		w->res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
	return NULL;
}

/*
 * Waits for the CQE another thread's action brings, in 1 ms slices with a
 * yield between them.  Valgrind runs one thread at a time and does not
 * know that io_uring_enter(2) may block: a long wait here would keep the
 * other thread from ever running.
 */
static void wait_on_thread(struct io_uring *ring, struct io_uring_cqe *out)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (!ops_no_cqe(ring, 1)) {
			ops_wait(ring, out);
			return;
		}
		sched_yield();
	}
	fail_msg("the other thread's wake never came");
}

static void test_futex(void **state)
{
	static uint32_t futex, other;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct futex_waitv v[2];
	struct waker w;
	pthread_t thr;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAIT);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAKE);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAITV);
	futex = 0;

	/* the value reaches the kernel: a stale expectation fails at once */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 1, FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -EAGAIN);

	/* wait here, woken by the other thread (res: how many it woke) */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 0, FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));
	w.futex = &futex;
	w.nr_wake = 1;
	w.delay_ms = 10;
	w.res = -1000;
	assert_int_equal(pthread_create(&thr, NULL, waker_fn, &w), 0);
	wait_on_thread(&ring, &cqe);
	pthread_join(thr, NULL);
	assert_int_equal(cqe.user_data, 2);
	assert_int_equal(cqe.res, 0);
	assert_int_equal(w.res, 1);

	/* the wait's mask and the wake's mask must intersect */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 0, 0x1,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 3);
	assert_int_equal(io_uring_submit(&ring), 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wake(sqe, &futex, 1, 0x2,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);	/* woke nobody */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wake(sqe, &futex, 1, 0x3,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 5);
	assert_int_equal(io_uring_submit(&ring), 1);
	{
		struct io_uring_cqe c;
		int i, seen = 0;

		for (i = 0; i < 2; i++) {
			ops_wait(&ring, &c);
			if (c.user_data == 3) {
				assert_int_equal(c.res, 0);
				seen |= 1;
			} else {
				assert_int_equal(c.user_data, 5);
				assert_int_equal(c.res, 1);
				seen |= 2;
			}
		}
		assert_int_equal(seen, 3);
	}

	/* waitv: woken through the second futex, res is its index */
	memset(v, 0, sizeof(v));
	v[0].uaddr = (unsigned long) &futex;
	v[0].flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
	v[1].uaddr = (unsigned long) &other;
	v[1].flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_waitv(sqe, v, 2, 0);
	io_uring_sqe_set_data64(sqe, 6);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));
	w.futex = &other;
	w.res = -1000;
	assert_int_equal(pthread_create(&thr, NULL, waker_fn, &w), 0);
	wait_on_thread(&ring, &cqe);
	pthread_join(thr, NULL);
	assert_int_equal(cqe.user_data, 6);
	assert_int_equal(cqe.res, 1);
	assert_int_equal(w.res, 1);

	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_futex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
