/* SPDX-License-Identifier: MIT */
/*
 * The clock waits are measured on (IORING_REGISTER_CLOCK), and
 * switching it between waits.
 */
#include "register-util.h"

/*
 * Waits for a CQE that never comes until the absolute time deadline_ms
 * (IORING_ENTER_ABS_TIMER, read in the ring's clock); returns how long
 * the wait took, in ms.
 */
static long long abs_wait(struct io_uring *ring, long long deadline_ms)
{
	struct __kernel_timespec ts = {
		.tv_sec = deadline_ms / 1000,
		.tv_nsec = (deadline_ms % 1000) * 1000000,
	};
	struct io_uring_getevents_arg arg = {
		.ts = (uintptr_t) &ts,
	};
	long long start = t_now_ms();
	int ret;

	ret = io_uring_enter2((unsigned) ring->ring_fd, 0, 1,
			      IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG |
			      IORING_ENTER_ABS_TIMER, &arg, sizeof(arg));
	assert_int_equal(ret, -ETIME);
	return t_now_ms() - start;
}

static void test_clock(void **state)
{
	struct io_uring_clock_register reg;
	struct io_uring ring;
	long long took;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	reg.clockid = CLOCK_BOOTTIME;
	ret = io_uring_register_clock(&ring, &reg);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLOCK (6.12)");
	assert_int_equal(ret, 0);
	/* an absolute deadline in CLOCK_BOOTTIME terms is honoured */
	took = abs_wait(&ring, t_clock_ms(CLOCK_BOOTTIME) + 100);
	assert_true(took >= 80 && took < 3000);

	reg.clockid = CLOCK_MONOTONIC;
	assert_int_equal(io_uring_register_clock(&ring, &reg), 0);
	took = abs_wait(&ring, t_clock_ms(CLOCK_MONOTONIC) + 100);
	assert_true(took >= 80 && took < 3000);

	/* only those two clocks; reserved fields zero */
	reg.clockid = CLOCK_REALTIME;
	assert_int_equal(io_uring_register_clock(&ring, &reg), -EINVAL);
	reg.clockid = CLOCK_MONOTONIC;
	reg.__resv[1] = 1;
	assert_int_equal(io_uring_register_clock(&ring, &reg), -EINVAL);
	io_uring_queue_exit(&ring);
}

/*
 * Telling the clocks apart needs them to differ, which they do only after
 * the machine has been suspended.
 */
static void test_clock_switches(void **state)
{
	struct io_uring_clock_register reg;
	struct io_uring ring;
	long long gap = t_clock_ms(CLOCK_BOOTTIME) - t_clock_ms(CLOCK_MONOTONIC);
	long long took;

	(void) state;
	if (gap < 2000)
		t_skip("CLOCK_BOOTTIME = CLOCK_MONOTONIC here (never "
		       "suspended): which clock a wait uses cannot be seen");
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	reg.clockid = CLOCK_BOOTTIME;
	if (io_uring_register_clock(&ring, &reg) == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLOCK (6.12)");
	/* a monotonic deadline is already past in boottime terms */
	took = abs_wait(&ring, t_clock_ms(CLOCK_MONOTONIC) + 1000);
	assert_true(took < 500);
	took = abs_wait(&ring, t_clock_ms(CLOCK_BOOTTIME) + 100);
	assert_true(took >= 80);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_clock_switches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
