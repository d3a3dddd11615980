/* SPDX-License-Identifier: MIT */
/* Eventfd notification of completions. */
#include <poll.h>
#include <sys/eventfd.h>
#include "helpers.h"

/*
 * The kernel publishes a CQE first and signals the eventfd just after, so
 * a reaped CQE does not mean the signal has landed yet: wait for it.
 */
static void expect_signal(int efd)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };
	uint64_t v = 0;

	assert_int_equal(poll(&pfd, 1, 5000), 1);
	assert_int_equal(read(efd, &v, sizeof(v)), sizeof(v));
	assert_true(v >= 1);
}

/* Nothing arrives within 100 ms. */
static void expect_silence(int efd)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };

	assert_int_equal(poll(&pfd, 1, 100), 0);
}

/* Queues one NOP with sqe_flags, submits it and reaps its CQE. */
static void nop(struct io_uring *ring, unsigned sqe_flags)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe cqe;

	io_uring_prep_nop(sqe);
	sqe->flags |= sqe_flags;
	io_uring_sqe_set_data64(sqe, 42);
	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, &cqe);
	assert_int_equal(cqe.user_data, 42);
	assert_int_equal(cqe.res, 0);
}

static int new_eventfd(void)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	assert_true(efd >= 0);
	return efd;
}

static void test_signals(void **state)
{
	struct io_uring ring;
	int efd = new_eventfd();

	(void) state;
	t_ring_init(&ring, 8, 0);
	nop(&ring, 0);
	expect_silence(efd);

	assert_int_equal(io_uring_register_eventfd(&ring, efd), 0);
	nop(&ring, 0);
	expect_signal(efd);
	nop(&ring, IOSQE_ASYNC);
	expect_signal(efd);

	/* one eventfd per ring */
	assert_int_equal(io_uring_register_eventfd(&ring, efd), -EBUSY);
	assert_int_equal(io_uring_register_eventfd_async(&ring, efd), -EBUSY);

	assert_int_equal(io_uring_unregister_eventfd(&ring), 0);
	nop(&ring, 0);
	nop(&ring, IOSQE_ASYNC);
	expect_silence(efd);
	assert_int_equal(io_uring_unregister_eventfd(&ring), -ENXIO);

	/* not an eventfd */
	assert_int_equal(io_uring_register_eventfd(&ring, 0) < 0, 1);
	close(efd);
	io_uring_queue_exit(&ring);
}

/* The eventfd wakes a poller: what it is for. */
static void test_wakes_poll(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct pollfd pfd;
	struct __kernel_timespec ts = { .tv_nsec = 20 * 1000 * 1000 };
	int efd = new_eventfd();

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_eventfd(&ring, efd), 0);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	pfd.fd = efd;
	pfd.events = POLLIN;
	assert_int_equal(poll(&pfd, 1, 5000), 1);
	assert_true(io_uring_cq_ready(&ring) >= 1);
	{
		struct io_uring_cqe cqe;

		t_reap(&ring, &cqe);
		assert_int_equal(cqe.res, -ETIME);
	}
	close(efd);
	io_uring_queue_exit(&ring);
}

/*
 * With _async, only completions of requests that were punted to a worker
 * signal: an inline NOP does not, an IOSQE_ASYNC one does.
 */
static void test_async_only(void **state)
{
	struct io_uring ring;
	int efd = new_eventfd();

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_eventfd_async(&ring, efd), 0);
	nop(&ring, 0);
	expect_silence(efd);
	nop(&ring, IOSQE_ASYNC);
	expect_signal(efd);
	nop(&ring, 0);
	expect_silence(efd);
	close(efd);
	io_uring_queue_exit(&ring);
}

static void test_toggle(void **state)
{
	struct io_uring ring;
	int efd = new_eventfd();

	(void) state;
	t_ring_init(&ring, 8, 0);
	if (!ring.cq.kflags)
		t_skip("kernel lacks the CQ flags word (5.8)");
	assert_int_equal(io_uring_register_eventfd(&ring, efd), 0);
	assert_true(io_uring_cq_eventfd_enabled(&ring));

	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, false), 0);
	assert_false(io_uring_cq_eventfd_enabled(&ring));
	assert_true(*ring.cq.kflags & IORING_CQ_EVENTFD_DISABLED);
	nop(&ring, 0);
	nop(&ring, IOSQE_ASYNC);
	expect_silence(efd);
	/* asking for the state it is in changes nothing */
	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, false), 0);

	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, true), 0);
	assert_true(io_uring_cq_eventfd_enabled(&ring));
	nop(&ring, 0);
	expect_signal(efd);
	close(efd);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signals),
		cmocka_unit_test(test_wakes_poll),
		cmocka_unit_test(test_async_only),
		cmocka_unit_test(test_toggle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
