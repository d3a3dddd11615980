/* SPDX-License-Identifier: MIT */
/*
 * Ring life cycle: every setup flag, sizing, caller memory, teardown after
 * failure, fork with and without dontfork, probes and versions.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "helpers.h"

/* Queues n NOPs, submits, and checks each completes once with res 0. */
static void nop_round_trip(struct io_uring *ring, unsigned n)
{
	unsigned long long want = 0, got = 0;
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

		assert_non_null(sqe);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, 1000 + i);
		want += 1000 + i;
	}
	assert_int_equal(io_uring_submit(ring), (int) n);
	for (i = 0; i < n; i++) {
		struct io_uring_cqe cqe;

		t_reap(ring, &cqe);
		assert_int_equal(cqe.res, 0);
		got += cqe.user_data;
	}
	assert_int_equal(got, want);
	assert_int_equal(io_uring_cq_ready(ring), 0);
}

struct flag_case {
	const char *name;
	unsigned flags;
	unsigned cq_entries;
};

static const struct flag_case flag_cases[] = {
	{ "flags_none", 0, 0 },
	{ "IORING_SETUP_IOPOLL", IORING_SETUP_IOPOLL, 0 },
	{ "IORING_SETUP_SQPOLL", IORING_SETUP_SQPOLL, 0 },
	{ "IORING_SETUP_SQ_AFF", IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF, 0 },
	{ "IORING_SETUP_CQSIZE", IORING_SETUP_CQSIZE, 64 },
	{ "IORING_SETUP_CLAMP", IORING_SETUP_CLAMP, 0 },
	{ "IORING_SETUP_SUBMIT_ALL", IORING_SETUP_SUBMIT_ALL, 0 },
	{ "IORING_SETUP_COOP_TASKRUN", IORING_SETUP_COOP_TASKRUN, 0 },
	{ "IORING_SETUP_TASKRUN_FLAG",
	  IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG, 0 },
	{ "IORING_SETUP_SQE128", IORING_SETUP_SQE128, 0 },
	{ "IORING_SETUP_CQE32", IORING_SETUP_CQE32, 0 },
	{ "IORING_SETUP_SQE_MIXED", IORING_SETUP_SQE_MIXED, 0 },
	{ "IORING_SETUP_CQE_MIXED", IORING_SETUP_CQE_MIXED, 0 },
	{ "IORING_SETUP_SINGLE_ISSUER", IORING_SETUP_SINGLE_ISSUER, 0 },
	{ "IORING_SETUP_DEFER_TASKRUN",
	  IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, 0 },
	{ "IORING_SETUP_NO_MMAP", IORING_SETUP_NO_MMAP, 0 },
	{ "IORING_SETUP_REGISTERED_FD_ONLY",
	  IORING_SETUP_NO_MMAP | IORING_SETUP_REGISTERED_FD_ONLY, 0 },
	{ "IORING_SETUP_NO_SQARRAY", IORING_SETUP_NO_SQARRAY, 0 },
	{ "IORING_SETUP_HYBRID_IOPOLL",
	  IORING_SETUP_IOPOLL | IORING_SETUP_HYBRID_IOPOLL, 0 },
	{ "IORING_SETUP_SQ_REWIND",
	  IORING_SETUP_NO_SQARRAY | IORING_SETUP_SQ_REWIND, 0 },
};

/*
 * Each flag on its own: the kernel accepts it (or the test skips, saying
 * so), the ring reports it, and NOPs make the round trip, twice, so the
 * second batch reuses SQ and CQ slots.
 */
static void test_setup_flag(void **state)
{
	const struct flag_case *c = *state;
	struct io_uring_params p;
	struct io_uring ring;

	memset(&p, 0, sizeof(p));
	p.flags = c->flags;
	p.cq_entries = c->cq_entries;
	p.sq_thread_idle = 50;
	t_ring_init_params(&ring, 8, &p);

	assert_int_equal(ring.flags & c->flags, c->flags);
	assert_int_equal(p.sq_entries, 8);
	assert_int_equal(p.cq_entries, c->cq_entries ? c->cq_entries : 16);
	assert_int_equal(ring.sq.ring_entries, 8);
	assert_int_equal(ring.cq.ring_entries, p.cq_entries);
	if (c->flags & IORING_SETUP_REGISTERED_FD_ONLY) {
		assert_int_equal(ring.ring_fd, -1);
		assert_true(ring.enter_ring_fd >= 0);
	} else {
		assert_true(ring.ring_fd >= 0);
	}
	nop_round_trip(&ring, 6);
	nop_round_trip(&ring, 8);
	io_uring_queue_exit(&ring);
	assert_int_equal(ring.ring_fd, -1);
}

/* CLAMP turns an oversized request into the kernel's maximum. */
static void test_clamp_sizes(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CLAMP | IORING_SETUP_CQSIZE;
	p.cq_entries = 1U << 30;
	t_ring_init_params(&ring, 1U << 20, &p);
	assert_int_equal(p.sq_entries, 32768);
	assert_int_equal(p.cq_entries, 65536);
	nop_round_trip(&ring, 100);
	io_uring_queue_exit(&ring);
}

/* A ring attached to another's io-wq shares its workers. */
static void test_attach_wq(void **state)
{
	struct io_uring_params p;
	struct io_uring a, b;

	(void) state;
	t_ring_init(&a, 4, 0);
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_ATTACH_WQ;
	p.wq_fd = (unsigned) a.ring_fd;
	t_ring_init_params(&b, 4, &p);
	nop_round_trip(&b, 4);
	io_uring_queue_exit(&b);

	/* attaching to something that is not a ring fails cleanly */
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_ATTACH_WQ;
	p.wq_fd = 0xffff;
	assert_int_equal(io_uring_queue_init_params(4, &b, &p), -ENXIO);
	nop_round_trip(&a, 4);
	io_uring_queue_exit(&a);
}

/* R_DISABLED rings refuse submission until enabled. */
static void test_r_disabled(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;

	(void) state;
	t_ring_init(&ring, 4, IORING_SETUP_R_DISABLED);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	assert_int_equal(io_uring_submit(&ring), -EBADFD);
	assert_int_equal(io_uring_register(ring.ring_fd,
					   IORING_REGISTER_ENABLE_RINGS,
					   NULL, 0), 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	{
		struct io_uring_cqe cqe;

		t_reap(&ring, &cqe);
		assert_int_equal(cqe.res, 0);
	}
	io_uring_queue_exit(&ring);
}

/* We ask for NO_SQARRAY by default but do not report it as the caller's. */
static void test_default_no_sqarray(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;

	(void) state;
	memset(&p, 0, sizeof(p));
	t_ring_init_params(&ring, 16, &p);
	if (!(ring.flags & IORING_SETUP_NO_SQARRAY)) {
		io_uring_queue_exit(&ring);
		t_skip("kernel lacks IORING_SETUP_NO_SQARRAY (Linux 6.6)");
	}
	assert_null(ring.sq.array);
	assert_int_equal(p.flags & IORING_SETUP_NO_SQARRAY, 0);
	nop_round_trip(&ring, 16);
	io_uring_queue_exit(&ring);

	/* asked for explicitly, it is reported */
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_NO_SQARRAY;
	t_ring_init_params(&ring, 16, &p);
	assert_int_equal(p.flags & IORING_SETUP_NO_SQARRAY,
			 IORING_SETUP_NO_SQARRAY);
	io_uring_queue_exit(&ring);
}

/* The deprecated pointers old binaries read inline point at the kernel's. */
static void test_legacy_pointers(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 32, 0);
	assert_non_null(ring.sq.kring_mask);
	assert_int_equal(*ring.sq.kring_mask, ring.sq.ring_mask);
	assert_int_equal(*ring.sq.kring_entries, 32);
	assert_int_equal(*ring.cq.kring_mask, ring.cq.ring_mask);
	assert_int_equal(*ring.cq.kring_entries, 64);
	assert_non_null(ring.sq.khead);
	assert_non_null(ring.cq.koverflow);
	assert_int_equal(ring.enter_ring_fd, ring.ring_fd);
	io_uring_queue_exit(&ring);
}

static void test_init_mem(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	ssize_t need;
	size_t len = 4 << 20;
	char *buf;
	int ret;

	(void) state;
	memset(&p, 0, sizeof(p));
	need = io_uring_memory_size_params(64, &p);
	assert_true(need > 0 && (size_t) need <= len);
	buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(buf != MAP_FAILED);

	/* too small a buffer is refused before the kernel sees it */
	assert_int_equal(io_uring_queue_init_mem(64, &ring, &p, buf,
						 (size_t) need - 1), -ENOMEM);
	assert_int_equal(ring.ring_fd, -1);

	memset(&p, 0, sizeof(p));
	ret = io_uring_queue_init_mem(64, &ring, &p, buf, len);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_SETUP_NO_MMAP (Linux 6.5)");
	assert_int_equal(ret, need);
	assert_true(ring.flags & IORING_SETUP_NO_MMAP);
	/* the rings live inside the caller's buffer */
	assert_true((char *) ring.sq.sqes >= buf &&
		    (char *) ring.sq.sqes < buf + need);
	assert_true((char *) ring.cq.cqes >= buf &&
		    (char *) ring.cq.cqes < buf + need);
	nop_round_trip(&ring, 64);
	nop_round_trip(&ring, 64);
	io_uring_queue_exit(&ring);

	/* still the caller's: exit must not have unmapped it */
	memset(buf, 0x5a, len);
	munmap(buf, len);

	assert_int_equal(io_uring_queue_init_mem(8, &ring, &p, NULL, len),
			 -EINVAL);
}

static void test_init_errors(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;

	(void) state;
	errno = 4242;
	assert_int_equal(io_uring_queue_init(0, &ring, 0), -EINVAL);
	assert_int_equal(ring.ring_fd, -1);
	io_uring_queue_exit(&ring);	/* harmless after a failed init */
	io_uring_queue_exit(&ring);

	assert_int_equal(io_uring_queue_init(100000, &ring, 0), -EINVAL);
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	assert_int_equal(io_uring_queue_init_params(8, &ring, &p), -EINVAL);
	p.cq_entries = 4;	/* smaller than the SQ */
	assert_int_equal(io_uring_queue_init_params(8, &ring, &p), -EINVAL);
	assert_int_equal(io_uring_queue_init(8, &ring, 1U << 31), -EINVAL);
	assert_int_equal(errno, 4242);
}

/*
 * What io_uring_queue_init_params() and io_uring_queue_init_mem() do to
 * the caller's params: on success the kernel's answer (sizes, features,
 * offsets), on every failure nothing at all, whichever step refused.
 */
static void expect_params_kept(unsigned entries, unsigned flags,
			       unsigned cq_entries, size_t mem_len,
			       int want)
{
	struct io_uring_params p, before;
	struct io_uring ring;
	void *mem = NULL;
	int ret;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.cq_entries = cq_entries;
	before = p;
	if (mem_len) {
		mem = mmap(NULL, mem_len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		assert_true(mem != MAP_FAILED);
		ret = io_uring_queue_init_mem(entries, &ring, &p, mem,
					      mem_len);
		munmap(mem, mem_len);
	} else {
		ret = io_uring_queue_init_params(entries, &ring, &p);
	}
	assert_int_equal(ret, want);
	assert_memory_equal(&p, &before, sizeof(p));
	assert_int_equal(ring.ring_fd, -1);
}

static void test_params_written(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;

	(void) state;
	memset(&p, 0, sizeof(p));
	t_ring_init_params(&ring, 5, &p);
	assert_int_equal(p.sq_entries, 8);
	assert_int_equal(p.cq_entries, 16);
	assert_true(p.features & IORING_FEAT_SINGLE_MMAP);
	assert_int_not_equal(p.sq_off.tail, 0);
	assert_int_not_equal(p.cq_off.cqes, 0);
	assert_int_equal(p.flags, 0);
	io_uring_queue_exit(&ring);

	/* refused by the library's own sizing, and by the kernel */
	expect_params_kept(0, 0, 0, 0, -EINVAL);
	expect_params_kept(100000, 0, 0, 0, -EINVAL);
	expect_params_kept(8, IORING_SETUP_CQSIZE, 0, 0, -EINVAL);
	expect_params_kept(8, IORING_SETUP_CQSIZE, 4, 0, -EINVAL);
	expect_params_kept(8, 1U << 31, 0, 0, -EINVAL);
	expect_params_kept(0, IORING_SETUP_NO_MMAP, 0, 0, -EINVAL);
	/* caller memory too small for the rings */
	expect_params_kept(8, 0, 0, (size_t) getpagesize(), -ENOMEM);
}

static void test_double_exit(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 4, 0);
	nop_round_trip(&ring, 2);
	io_uring_queue_exit(&ring);
	io_uring_queue_exit(&ring);
	assert_int_equal(ring.ring_fd, -1);
	assert_null(ring.sq.sqes);
}

static void test_queue_mmap(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	int fd;

	(void) state;
	memset(&p, 0, sizeof(p));
	fd = io_uring_setup(8, &p);
	assert_true(fd >= 0);
	assert_int_equal(io_uring_queue_mmap(fd, &p, &ring), 0);
	assert_int_equal(ring.ring_fd, fd);
	nop_round_trip(&ring, 8);
	io_uring_queue_exit(&ring);
	assert_int_equal(fcntl(fd, F_GETFD), -1);	/* exit closed it */
}

/*
 * A forked child shares the ring memory unless the parent called
 * io_uring_ring_dontfork(): then the child has no mapping at all and
 * touching the ring kills it, while the parent's ring carries on.
 */
static int child_touches_ring(struct io_uring *ring)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (!pid) {
		volatile unsigned v;

		/* cmocka catches SIGSEGV; the child must just die of it */
		signal(SIGSEGV, SIG_DFL);
		v = *ring->sq.kring_entries;

		_exit(v == ring->sq.ring_entries ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void test_fork(void **state)
{
	struct io_uring ring;
	int status;

	(void) state;
	t_ring_init(&ring, 8, 0);
	status = child_touches_ring(&ring);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	nop_round_trip(&ring, 8);

	assert_int_equal(io_uring_ring_dontfork(&ring), 0);
	status = child_touches_ring(&ring);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	nop_round_trip(&ring, 8);
	io_uring_queue_exit(&ring);

	assert_int_equal(io_uring_ring_dontfork(&ring), -EINVAL);
}

static void test_probe(void **state)
{
	struct io_uring_probe *probe;
	struct io_uring ring;

	(void) state;
	probe = io_uring_get_probe();
	assert_non_null(probe);
	assert_true(probe->last_op >= IORING_OP_NOP);
	assert_true(io_uring_opcode_supported(probe, IORING_OP_NOP));
	assert_true(io_uring_opcode_supported(probe, IORING_OP_READ));
	assert_false(io_uring_opcode_supported(probe, 255));
	assert_false(io_uring_opcode_supported(probe, -1));
	free(probe);	/* programs do this; it must be plain heap memory */

	t_ring_init(&ring, 4, 0);
	probe = io_uring_get_probe_ring(&ring);
	assert_non_null(probe);
	assert_true(probe->ops_len > IORING_OP_NOP);
	assert_int_equal(probe->ops[IORING_OP_READ].op, IORING_OP_READ);
	io_uring_free_probe(probe);
	io_uring_queue_exit(&ring);
}

static void test_sizes(void **state)
{
	struct io_uring_params p;
	ssize_t small, big, big_sqe;

	(void) state;
	small = io_uring_memory_size(8, 0);
	big = io_uring_memory_size(4096, 0);
	big_sqe = io_uring_memory_size(4096, IORING_SETUP_SQE128);
	assert_true(small > 0 && big > small && big_sqe > big);
	/* 4096 SQEs of 64 bytes and 8192 CQEs of 16 bytes at the least */
	assert_true(big >= 4096 * 64 + 8192 * 16);
	assert_int_equal(io_uring_memory_size(0, 0), -EINVAL);
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 8192;
	assert_true(io_uring_memory_size_params(64, &p) >= 8192 * 16);

	/* Linux 5.12 stopped charging rings to RLIMIT_MEMLOCK */
	{
		struct io_uring ring;

		t_ring_init(&ring, 2, 0);
		if (ring.features & IORING_FEAT_NATIVE_WORKERS)
			assert_int_equal(io_uring_mlock_size(4096, 0), 0);
		else
			assert_true(io_uring_mlock_size(4096, 0) >= big);
		io_uring_queue_exit(&ring);
	}
	assert_int_equal(io_uring_mlock_size(0, 0) <= 0, 1);
}

static void test_version(void **state)
{
	/* the version's one source is io_uring_version.h: the library
	 * must report what the headers say, and compare against it */
	const int maj = IO_URING_VERSION_MAJOR, min = IO_URING_VERSION_MINOR;

	(void) state;
	assert_int_equal(io_uring_major_version(), maj);
	assert_int_equal(io_uring_minor_version(), min);
	/* both answer "is this library older than asked for?" */
	assert_false(io_uring_check_version(maj, min));
	assert_false(io_uring_check_version(maj, 0));
	assert_false(io_uring_check_version(maj - 1, 99));
	assert_true(io_uring_check_version(maj, min + 1));
	assert_true(io_uring_check_version(maj + 1, 0));
	assert_false(IO_URING_CHECK_VERSION(IO_URING_VERSION_MAJOR,
					    IO_URING_VERSION_MINOR));
	assert_true(IO_URING_CHECK_VERSION(IO_URING_VERSION_MAJOR,
					   IO_URING_VERSION_MINOR + 1));
}

int main(void)
{
	enum { NFLAGS = T_ARRAY_SIZE(flag_cases) };
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_clamp_sizes),
		cmocka_unit_test(test_attach_wq),
		cmocka_unit_test(test_r_disabled),
		cmocka_unit_test(test_default_no_sqarray),
		cmocka_unit_test(test_legacy_pointers),
		cmocka_unit_test(test_init_mem),
		cmocka_unit_test(test_init_errors),
		cmocka_unit_test(test_params_written),
		cmocka_unit_test(test_double_exit),
		cmocka_unit_test(test_queue_mmap),
		cmocka_unit_test(test_fork),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_version),
	};
	enum { NFIXED = T_ARRAY_SIZE(fixed) };
	struct CMUnitTest tests[NFLAGS + NFIXED];
	unsigned i;

	for (i = 0; i < NFLAGS; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(
			test_setup_flag, (void *) &flag_cases[i]);

		t.name = flag_cases[i].name;
		tests[i] = t;
	}
	for (i = 0; i < NFIXED; i++)
		tests[NFLAGS + i] = fixed[i];
	return _cmocka_run_group_tests("setup", tests, NFLAGS + NFIXED,
				       NULL, NULL);
}
