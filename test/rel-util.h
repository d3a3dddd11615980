/* SPDX-License-Identifier: MIT */
#ifndef TEST_REL_UTIL_H
#define TEST_REL_UTIL_H

/*
 * Fixtures shared by the reliability tests (test/rel-*.c): the NOP round
 * trip that proves a ring still works, a small deterministic PRNG, and
 * SQEs for the control opcodes, built on io_uring_prep_rw() so that they
 * do not depend on any other prep helper.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "helpers.h"

/*
 * Some calls hand the kernel a pointer to nothing on purpose, to check the
 * -EFAULT that comes back.  Memcheck rightly reports such a syscall
 * argument; these brackets turn its reports off for that one call only.
 */
#ifdef T_HAVE_VALGRIND_H
#define REL_BAD_POINTER_CALL(expr)					\
	({								\
		long __r;						\
		VALGRIND_DISABLE_ERROR_REPORTING;			\
		__r = (long) (expr);					\
		VALGRIND_ENABLE_ERROR_REPORTING;			\
		__r;							\
	})
#else
#define REL_BAD_POINTER_CALL(expr) ((long) (expr))
#endif

/*
 * Proves that ring works: one NOP with a fresh user_data goes in, and
 * exactly that CQE comes back with res 0, with nothing else in the CQ
 * before or after it.
 */
static inline void rel_nop_round_trip(struct io_uring *ring)
{
	static __u64 tag = 0x5eed0000;
	struct io_uring_cqe *cqe = NULL;
	struct io_uring_sqe *sqe;
	__u64 want = ++tag;

	assert_int_equal(io_uring_cq_ready(ring), 0);
	sqe = io_uring_get_sqe(ring);
	assert_non_null(sqe);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, want);
	assert_int_equal(io_uring_submit(ring), 1);
	assert_int_equal(io_uring_wait_cqe(ring, &cqe), 0);
	assert_non_null(cqe);
	assert_int_equal(cqe->res, 0);
	assert_true(cqe->user_data == want);
	io_uring_cqe_seen(ring, cqe);
	assert_int_equal(io_uring_cq_ready(ring), 0);
}

/* xorshift64*: reproducible from its seed, good enough for test mixes. */
static inline uint64_t rel_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* A request that fails at issue with -EBADF: a read from fd -1. */
static inline void rel_prep_fail(struct io_uring_sqe *sqe)
{
	io_uring_prep_rw(IORING_OP_READ, sqe, -1, NULL, 0, 0);
}

/* IORING_OP_TIMEOUT_REMOVE of the timeout tagged target. */
static inline void rel_prep_timeout_remove(struct io_uring_sqe *sqe,
					   __u64 target)
{
	io_uring_prep_rw(IORING_OP_TIMEOUT_REMOVE, sqe, -1, NULL, 0, 0);
	sqe->addr = target;
}

/* IORING_OP_ASYNC_CANCEL of target, or of everything with CANCEL_ANY. */
static inline void rel_prep_cancel(struct io_uring_sqe *sqe, __u64 target,
				   unsigned flags)
{
	io_uring_prep_rw(IORING_OP_ASYNC_CANCEL, sqe, -1, NULL, 0, 0);
	sqe->addr = target;
	sqe->cancel_flags = flags;
}

/* IORING_OP_LINK_TIMEOUT: bounds the request it is linked behind. */
static inline void rel_prep_link_timeout(struct io_uring_sqe *sqe,
					 struct __kernel_timespec *ts)
{
	io_uring_prep_rw(IORING_OP_LINK_TIMEOUT, sqe, -1, ts, 1, 0);
}

/* Open file descriptors, from /proc/self/fd (not counting its own). */
static inline int rel_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;
}

#endif
