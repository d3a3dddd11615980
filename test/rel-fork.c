/* SPDX-License-Identifier: MIT */
/*
 * fork() and rings.  A child inherits the ring fd and, unless
 * io_uring_ring_dontfork() was called, the ring mappings too.  Whatever
 * the child does with what it inherited (tear it down, exit, try to
 * submit), the parent's ring must keep working: its in-flight requests
 * still complete and a NOP round trip succeeds.  With dontfork the child
 * must have no access to the ring memory at all.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "rel-util.h"

enum ring_kind { RK_MMAP, RK_NO_MMAP, RK_APP_MEM };

struct fork_ring {
	struct io_uring ring;
	void *mem;
	size_t mem_sz;
};

static void ring_make(struct fork_ring *fr, enum ring_kind kind,
		      unsigned flags)
{
	struct io_uring_params p;
	int ret;

	memset(fr, 0, sizeof(*fr));
	memset(&p, 0, sizeof(p));
	p.flags = flags;
	switch (kind) {
	case RK_MMAP:
		t_ring_init_params(&fr->ring, 8, &p);
		break;
	case RK_NO_MMAP:
		p.flags |= IORING_SETUP_NO_MMAP;
		t_ring_init_params(&fr->ring, 8, &p);
		break;
	case RK_APP_MEM:
		fr->mem_sz = 1 << 20;
		fr->mem = mmap(NULL, fr->mem_sz, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		assert_true(fr->mem != MAP_FAILED);
		ret = io_uring_queue_init_mem(8, &fr->ring, &p, fr->mem,
					      fr->mem_sz);
		if (ret == -EINVAL || ret == -EOPNOTSUPP) {
			munmap(fr->mem, fr->mem_sz);
			t_skip("kernel refuses IORING_SETUP_NO_MMAP");
		}
		assert_true(ret > 0);
		break;
	}
}

static void ring_free(struct fork_ring *fr)
{
	io_uring_queue_exit(&fr->ring);
	if (fr->mem)
		munmap(fr->mem, fr->mem_sz);
}

/* A timeout that is still pending when the child runs. */
static void arm_timeout(struct io_uring *ring, struct __kernel_timespec *ts)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_prep_timeout(sqe, ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 0x71);
	assert_int_equal(io_uring_submit(ring), 1);
}

/* The parent's ring after the child: timeout fires, NOPs work. */
static void parent_ring_ok(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;

	assert_true(fcntl(ring->ring_fd, F_GETFD) >= 0);
	assert_int_equal(io_uring_wait_cqe(ring, &cqe), 0);
	assert_true(cqe->user_data == 0x71);
	assert_int_equal(cqe->res, -ETIME);
	io_uring_cqe_seen(ring, cqe);
	rel_nop_round_trip(ring);
	rel_nop_round_trip(ring);
}

/* Runs fn in a child and returns its exit status (0: all checks held). */
static int in_child(int (*fn)(struct fork_ring *), struct fork_ring *fr)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(fn(fr));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("child killed by signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

/* Whether len bytes at addr are mapped in this process at all. */
static int mapped(const void *addr, size_t len)
{
	int fds[2], ok;

	if (pipe(fds))
		return -1;
	/* the kernel checks the source for us: EFAULT if not mapped */
	ok = write(fds[1], addr, len) == (ssize_t) len;
	close(fds[0]);
	close(fds[1]);
	return ok;
}

static int child_exit_ring(struct fork_ring *fr)
{
	io_uring_queue_exit(&fr->ring);
	return 0;
}

static int child_just_exit(struct fork_ring *fr)
{
	(void) fr;
	return 0;
}

/* With dontfork none of the ring memory exists in the child. */
static int child_no_access(struct fork_ring *fr)
{
	struct io_uring *ring = &fr->ring;

	if (mapped(ring->sq.khead, 4) != 0)
		return 1;
	if (mapped(ring->sq.sqes, 64) != 0)
		return 2;
	if (mapped(ring->cq.khead, 4) != 0)
		return 3;
	if (mapped(ring->cq.cqes, 16) != 0)
		return 4;
	/* and tearing down what is not there is harmless */
	io_uring_queue_exit(ring);
	return 0;
}

/* Without dontfork the child sees the same (shared) ring memory. */
static int child_has_access(struct fork_ring *fr)
{
	struct io_uring *ring = &fr->ring;

	if (mapped(ring->sq.khead, 4) != 1 || mapped(ring->cq.cqes, 16) != 1)
		return 1;
	return 0;
}

/* A child may make its own ring next to the inherited one. */
static int child_own_ring(struct fork_ring *fr)
{
	struct io_uring mine;
	struct io_uring_cqe *cqe;
	int i;

	io_uring_queue_exit(&fr->ring);
	if (io_uring_queue_init(4, &mine, 0))
		return 1;
	for (i = 0; i < 100; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&mine);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, (__u64) i);
		if (io_uring_submit(&mine) != 1 ||
		    io_uring_wait_cqe(&mine, &cqe) ||
		    cqe->user_data != (__u64) i || cqe->res)
			return 2;
		io_uring_cqe_seen(&mine, cqe);
	}
	io_uring_queue_exit(&mine);
	return 0;
}

/* The kernel refuses a SINGLE_ISSUER ring to any other task. */
static int child_single_issuer(struct fork_ring *fr)
{
	int ret;

	ret = io_uring_enter((unsigned) fr->ring.ring_fd, 1, 0, 0, NULL);
	if (ret != -EEXIST)
		return 1;
	ret = io_uring_enter((unsigned) fr->ring.ring_fd, 0, 1,
			     IORING_ENTER_GETEVENTS, NULL);
	if (ret != -EEXIST)
		return 2;
	return 0;
}

/* A registered ring index is per task: the child has none. */
static int child_registered_index(struct fork_ring *fr)
{
	int ret;

	ret = io_uring_enter((unsigned) fr->ring.enter_ring_fd, 0, 0,
			     IORING_ENTER_GETEVENTS |
			     IORING_ENTER_REGISTERED_RING, NULL);
	/* -EINVAL: the child has no io_uring task context at all */
	return ret == -EINVAL || ret == -EBADF ? 0 : 1;
}

static void fork_case(enum ring_kind kind, bool dontfork,
		      int (*fn)(struct fork_ring *))
{
	struct __kernel_timespec ts = { .tv_nsec = 100000000 };
	struct fork_ring fr;
	int ret;

	ring_make(&fr, kind, 0);
	rel_nop_round_trip(&fr.ring);
	if (dontfork)
		assert_int_equal(io_uring_ring_dontfork(&fr.ring), 0);
	arm_timeout(&fr.ring, &ts);
	ret = in_child(fn, &fr);
	if (ret)
		fail_msg("child check %d failed (ring kind %d, dontfork %d)",
			 ret, kind, dontfork);
	parent_ring_ok(&fr.ring);
	ring_free(&fr);
}

static void test_child_exits_ring(void **state)
{
	(void) state;
	fork_case(RK_MMAP, false, child_exit_ring);
	fork_case(RK_MMAP, false, child_just_exit);
	fork_case(RK_MMAP, true, child_exit_ring);
	fork_case(RK_MMAP, true, child_just_exit);
}

static void test_shared_without_dontfork(void **state)
{
	(void) state;
	fork_case(RK_MMAP, false, child_has_access);
}

static void test_dontfork_mmap(void **state)
{
	(void) state;
	fork_case(RK_MMAP, true, child_no_access);
}

static void test_dontfork_no_mmap(void **state)
{
	(void) state;
	fork_case(RK_NO_MMAP, true, child_no_access);
}

static void test_dontfork_app_mem(void **state)
{
	(void) state;
	fork_case(RK_APP_MEM, true, child_no_access);
}

static void test_child_own_ring(void **state)
{
	(void) state;
	fork_case(RK_MMAP, false, child_own_ring);
	fork_case(RK_MMAP, true, child_own_ring);
}

static void test_child_single_issuer(void **state)
{
	struct fork_ring fr;
	int ret;

	(void) state;
	ring_make(&fr, RK_MMAP, IORING_SETUP_SINGLE_ISSUER |
		  IORING_SETUP_DEFER_TASKRUN);
	rel_nop_round_trip(&fr.ring);	/* makes us the submitter task */
	ret = in_child(child_single_issuer, &fr);
	if (ret)
		fail_msg("child check %d failed", ret);
	rel_nop_round_trip(&fr.ring);
	ring_free(&fr);
}

static void test_child_registered_index(void **state)
{
	struct fork_ring fr;
	int ret;

	(void) state;
	ring_make(&fr, RK_MMAP, 0);
	ret = io_uring_register_ring_fd(&fr.ring);
	if (ret == -EINVAL)
		t_skip("kernel lacks registered ring fds (5.18)");
	assert_int_equal(ret, 1);
	rel_nop_round_trip(&fr.ring);
	ret = in_child(child_registered_index, &fr);
	if (ret)
		fail_msg("child check %d failed", ret);
	rel_nop_round_trip(&fr.ring);
	ring_free(&fr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_child_exits_ring),
		cmocka_unit_test(test_shared_without_dontfork),
		cmocka_unit_test(test_dontfork_mmap),
		cmocka_unit_test(test_dontfork_no_mmap),
		cmocka_unit_test(test_dontfork_app_mem),
		cmocka_unit_test(test_child_own_ring),
		cmocka_unit_test(test_child_single_issuer),
		cmocka_unit_test(test_child_registered_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
