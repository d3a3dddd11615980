/* SPDX-License-Identifier: MIT */
/*
 * Signals.  A SIGALRM (handler installed without SA_RESTART) that arrives
 * while the library sleeps in io_uring_enter() must come back to the
 * caller as -EINTR from every waiting entry point, errno untouched, with
 * nothing consumed or lost: CQEs already posted and requests in flight
 * are still there, and the ring works afterwards.  A signal blocked by
 * the wait's sigmask must not interrupt it.
 */
#include <signal.h>
#include <sys/time.h>
#include "rel-util.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void) sig;
	alarms++;
}

static int setup(void **state)
{
	struct sigaction sa;

	(void) state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0;	/* no SA_RESTART: the wait must see EINTR */
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGALRM, &sa, NULL);
}

static void alarm_in(long usec)
{
	struct itimerval it;

	/* repeating, in case one fires before we are asleep */
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = usec;
	it.it_interval.tv_usec = usec;
	alarms = 0;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
}

static void alarm_off(void)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
}

enum waiter {
	W_WAIT_CQE, W_WAIT_NR, W_WAIT_TIMEOUT, W_WAIT_CQES, W_WAIT_CQES_TS,
	W_SUBMIT_AND_WAIT, W_SUBMIT_AND_WAIT_TIMEOUT, W_MIN_TIMEOUT,
};

/* Calls the waiter; nothing will complete before the alarm. */
static int wait_by(struct io_uring *ring, enum waiter how, unsigned nr)
{
	struct __kernel_timespec ts = { .tv_sec = 10 };
	struct io_uring_cqe *cqe = (void *) 1;
	sigset_t none;
	int ret;

	sigemptyset(&none);
	switch (how) {
	case W_WAIT_CQE:
		ret = io_uring_wait_cqe(ring, &cqe);
		break;
	case W_WAIT_NR:
		ret = io_uring_wait_cqe_nr(ring, &cqe, nr);
		break;
	case W_WAIT_TIMEOUT:
		ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
		break;
	case W_WAIT_CQES:
		ret = io_uring_wait_cqes(ring, &cqe, nr, NULL, &none);
		break;
	case W_WAIT_CQES_TS:
		ret = io_uring_wait_cqes(ring, &cqe, nr, &ts, &none);
		break;
	case W_SUBMIT_AND_WAIT:
		ret = io_uring_submit_and_wait(ring, nr);
		cqe = NULL;
		break;
	case W_SUBMIT_AND_WAIT_TIMEOUT:
		ret = io_uring_submit_and_wait_timeout(ring, &cqe, nr, &ts,
						       NULL);
		break;
	default:
		ret = io_uring_wait_cqes_min_timeout(ring, &cqe, nr, &ts,
						     1000, NULL);
		break;
	}
	if (ret < 0)
		assert_null(cqe);
	return ret;
}

/*
 * Valgrind keeps signals blocked while the guest is inside a system call
 * it does not know may block, and io_uring_enter(2) is one of them: a
 * wait would never see the alarm.  These tests are skipped under it.
 */
static void require_native_signals(void)
{
	if (t_under_valgrind())
		t_skip("valgrind holds signals off during io_uring_enter");
}

static void interrupt_case(unsigned flags, enum waiter how)
{
	struct __kernel_timespec later = { .tv_sec = 30 };
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	long long t0;
	int ret;

	require_native_signals();
	t_ring_init(&ring, 8, flags);
	if (how == W_MIN_TIMEOUT)
		T_REQUIRE_FEAT(&ring, IORING_FEAT_MIN_TIMEOUT);

	/* 1: nothing in flight at all */
	alarm_in(50000);
	errno = 4321;
	t0 = t_now_ms();
	ret = wait_by(&ring, how, 1);
	alarm_off();
	assert_int_equal(ret, -EINTR);
	assert_int_equal(errno, 4321);
	assert_true(alarms >= 1);
	assert_true(t_now_ms() - t0 < 5000);
	rel_nop_round_trip(&ring);

	/* 2: a timeout in flight, the CQ empty */
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_timeout(sqe, &later, 0, 0);
	io_uring_sqe_set_data64(sqe, 0xa1);
	assert_int_equal(io_uring_submit(&ring), 1);
	alarm_in(50000);
	ret = wait_by(&ring, how, 1);
	alarm_off();
	assert_int_equal(ret, -EINTR);
	assert_true(alarms >= 1);
	assert_int_equal(io_uring_cq_ready(&ring), 0);

	/*
	 * 3: one CQE posted as well, waiting for two.  The kernel ends an
	 * interrupted wait with 0, not -EINTR, when the CQ is not empty
	 * (io_cqring_wait), so the caller gets the CQE that is there.
	 */
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0xa2);
	assert_int_equal(io_uring_submit(&ring), 1);
	if (flags & IORING_SETUP_DEFER_TASKRUN)
		assert_true(io_uring_get_events(&ring) >= 0);
	assert_int_equal(io_uring_cq_ready(&ring), 1);

	alarm_in(50000);
	ret = wait_by(&ring, how, 2);
	alarm_off();
	assert_int_equal(ret, 0);
	if (how == W_WAIT_CQE || how == W_WAIT_TIMEOUT)
		/* these want one CQE, and one is there: no sleep at all */
		assert_int_equal(alarms, 0);
	else if (how != W_MIN_TIMEOUT)
		/* min_timeout may return early, after 1 ms, with the one */
		assert_true(alarms >= 1);
	/* still there: the interrupted wait consumed nothing */
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
	assert_true(cqe->user_data == 0xa2);
	assert_int_equal(cqe->res, 0);
	io_uring_cqe_seen(&ring, cqe);

	/* the timeout is still in flight: remove it, see both CQEs */
	sqe = io_uring_get_sqe(&ring);
	rel_prep_timeout_remove(sqe, 0xa1);
	io_uring_sqe_set_data64(sqe, 0xa3);
	assert_int_equal(io_uring_submit_and_wait(&ring, 2), 1);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
		if (cqe->user_data == 0xa1)
			assert_int_equal(cqe->res, -ECANCELED);
		else if (cqe->user_data == 0xa3)
			assert_int_equal(cqe->res, 0);
		else
			fail_msg("stray CQE %llx",
				 (unsigned long long) cqe->user_data);
		io_uring_cqe_seen(&ring, cqe);
	}
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

#define SIG_TEST(name, how)						\
static void test_eintr_##name(void **state)				\
{									\
	(void) state;							\
	interrupt_case(0, how);						\
	interrupt_case(IORING_SETUP_SINGLE_ISSUER |			\
		       IORING_SETUP_DEFER_TASKRUN, how);		\
}

SIG_TEST(wait_cqe, W_WAIT_CQE)
SIG_TEST(wait_cqe_nr, W_WAIT_NR)
SIG_TEST(wait_cqe_timeout, W_WAIT_TIMEOUT)
SIG_TEST(wait_cqes, W_WAIT_CQES)
SIG_TEST(wait_cqes_ts, W_WAIT_CQES_TS)
SIG_TEST(submit_and_wait, W_SUBMIT_AND_WAIT)
SIG_TEST(submit_and_wait_timeout, W_SUBMIT_AND_WAIT_TIMEOUT)
SIG_TEST(wait_cqes_min_timeout, W_MIN_TIMEOUT)

/*
 * The sigmask given to a wait replaces ours while we sleep: with SIGALRM
 * blocked there, the alarm cannot cut the wait short; it is delivered
 * when the call returns and our own mask is back.
 */
static void test_sigmask_blocks_alarm(void **state)
{
	struct __kernel_timespec ts = { .tv_nsec = 300000000 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	sigset_t block;
	long long t0;
	int ret;

	(void) state;
	require_native_signals();
	t_ring_init(&ring, 8, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);

	alarm_in(50000);
	t0 = t_now_ms();
	ret = io_uring_wait_cqes(&ring, &cqe, 1, &ts, &block);
	alarm_off();
	assert_int_equal(ret, -ETIME);
	assert_true(t_now_ms() - t0 >= 250);
	assert_int_equal(alarms, 1);	/* delivered after the wait */
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

/* Many interrupted waits in a row leave no trace in the ring. */
static void test_repeated_interrupts(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	int i;

	(void) state;
	require_native_signals();
	t_ring_init(&ring, 8, 0);
	for (i = 0; i < 20; i++) {
		alarm_in(20000);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), -EINTR);
		alarm_off();
		rel_nop_round_trip(&ring);
	}
	assert_int_equal(io_uring_sq_ready(&ring), 0);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eintr_wait_cqe),
		cmocka_unit_test(test_eintr_wait_cqe_nr),
		cmocka_unit_test(test_eintr_wait_cqe_timeout),
		cmocka_unit_test(test_eintr_wait_cqes),
		cmocka_unit_test(test_eintr_wait_cqes_ts),
		cmocka_unit_test(test_eintr_submit_and_wait),
		cmocka_unit_test(test_eintr_submit_and_wait_timeout),
		cmocka_unit_test(test_eintr_wait_cqes_min_timeout),
		cmocka_unit_test(test_sigmask_blocks_alarm),
		cmocka_unit_test(test_repeated_interrupts),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
