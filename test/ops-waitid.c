/* SPDX-License-Identifier: MIT */
/*
 * IORING_OP_WAITID (Linux 6.7): waiting on a child process.
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

static void test_waitid(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	siginfo_t si;
	pid_t pid, slow;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_WAITID);

	slow = fork();
	assert_true(slow >= 0);
	if (slow == 0) {
		pause();
		_exit(1);
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(30000);
		_exit(42);
	}

	/* WNOHANG: the slow child has not exited, nothing reported */
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) slow, &si, WEXITED | WNOHANG,
			     0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(si.si_pid, 0);

	/* waits for the other, and reaps it */
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) pid, &si, WEXITED, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(si.si_pid, pid);
	assert_int_equal(si.si_code, CLD_EXITED);
	assert_int_equal(si.si_status, 42);
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);

	kill(slow, SIGKILL);
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) slow, &si, WEXITED, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);
	assert_int_equal(si.si_code, CLD_KILLED);
	assert_int_equal(si.si_status, SIGKILL);

	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_waitid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
