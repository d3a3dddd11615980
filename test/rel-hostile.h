/* SPDX-License-Identifier: MIT */
#ifndef TEST_REL_HOSTILE_H
#define TEST_REL_HOSTILE_H

/*
 * The table runner behind the rel-hostile-*.c tests.  Each row of a
 * table makes one bad call (bad sizes, closed or foreign fds, flags and
 * opcodes the kernel rejects, bad and overlapping buffers, double
 * registration, use after teardown, NULL pointers) and must get exactly
 * its documented result, usually a -errno.  After every row the shared
 * ring must still work: a NOP round trip with an empty CQ before and
 * after, and nothing left queued in the SQ or open.  Rows that need a
 * ring of their own also prove that ring usable, or inert if it was torn
 * down.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "rel-util.h"

static struct io_uring g_ring;
static long page;

/*
 * Files the rows aim requests at, open for the whole group (so the fd
 * count each row checks is not disturbed by them).
 */
static struct {
	int zero;	/* /dev/zero, read-only: reads succeed */
	int null_rd;	/* /dev/null, read-only: not a ring, socket, eventfd */
	int null_wr;	/* /dev/null, write-only */
	int dir;	/* "/", a directory */
} fx;

/* ---- helpers ------------------------------------------------------- */

/* Submits the one SQE queued and returns its CQE's res (5 s at most). */
static inline long sqe_res(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_cqe *cqe;
	long res;

	assert_int_equal(io_uring_submit(ring), 1);
	assert_int_equal(io_uring_wait_cqe_timeout(ring, &cqe, &ts), 0);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return res;
}

static inline struct io_uring_sqe *sqe_of(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_sqe_set_data64(sqe, 0x4057);
	return sqe;
}

/* An fd number that is certainly closed. */
static inline int closed_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	close(fd);
	return fd;
}

/* A page of address space with nothing mapped there. */
static inline void *unmapped(void)
{
	void *p = mmap(NULL, (size_t) page, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	munmap(p, (size_t) page);
	return p;
}

/*
 * Tries to set a ring up on the side.  On success the ring must work and
 * the result is its SQ size (or what the caller asks); on failure the
 * struct must be inert.
 */
static inline long side_init(unsigned entries, struct io_uring_params *p)
{
	struct io_uring r;
	long ret = io_uring_queue_init_params(entries, &r, p);

	if (ret < 0) {
		assert_int_equal(r.ring_fd, -1);
		assert_null(io_uring_get_sqe(&r));
		io_uring_queue_exit(&r);
		return ret;
	}
	rel_nop_round_trip(&r);
	ret = (long) r.sq.ring_entries;
	io_uring_queue_exit(&r);
	return ret;
}

static inline long init_flags(unsigned entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	return side_init(entries, &p);
}

static inline long init_cq(unsigned entries, unsigned cq_entries,
			   unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE | flags;
	p.cq_entries = cq_entries;
	return side_init(entries, &p);
}

struct hostile {
	const char *name;
	long (*run)(struct io_uring *ring);
	long want;
};

#define ROW(fn, want) { #fn, fn, want }

static inline void run_row(void **state)
{
	const struct hostile *h = *state;
	int fds = rel_count_fds();
	long got;

	rel_nop_round_trip(&g_ring);
	got = h->run(&g_ring);
	if (got != h->want)
		fail_msg("%s: got %ld (%s), want %ld (%s)", h->name, got,
			 got < 0 ? strerror((int) -got) : "-", h->want,
			 h->want < 0 ? strerror((int) -h->want) : "-");
	/* nothing left behind: no queued SQE, no CQE, no fd */
	assert_int_equal(io_uring_sq_ready(&g_ring), 0);
	assert_int_equal(io_uring_cq_ready(&g_ring), 0);
	assert_int_equal(rel_count_fds(), fds);
	rel_nop_round_trip(&g_ring);
}

static inline int group_setup(void **state)
{
	(void) state;
	page = sysconf(_SC_PAGESIZE);
	fx.zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	fx.null_rd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fx.null_wr = open("/dev/null", O_WRONLY | O_CLOEXEC);
	fx.dir = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fx.zero < 0 || fx.null_rd < 0 || fx.null_wr < 0 || fx.dir < 0)
		return -1;
	return io_uring_queue_init(8, &g_ring, 0);
}

static inline int group_teardown(void **state)
{
	(void) state;
	io_uring_queue_exit(&g_ring);
	close(fx.zero);
	close(fx.null_rd);
	close(fx.null_wr);
	close(fx.dir);
	return 0;
}

/* Runs every row of table as one cmocka test of the group. */
static inline int hostile_run(const char *group, const struct hostile *table,
			      size_t n)
{
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	size_t i;
	int ret;

	assert_non_null(tests);
	for (i = 0; i < n; i++) {
		tests[i].name = table[i].name;
		tests[i].test_func = run_row;
		tests[i].initial_state = (void *) &table[i];
	}
	ret = _cmocka_run_group_tests(group, tests, n, group_setup,
				      group_teardown);
	free(tests);
	return ret;
}

#endif
