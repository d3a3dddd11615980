/* SPDX-License-Identifier: MIT */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

/*
 * Shared test fixtures: rings that skip visibly when the kernel refuses a
 * feature, probes, temporary files and loopback sockets.  Every test
 * program is a cmocka group; a helper that cannot go on calls skip() or
 * fails the running test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "liburing.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define T_HAVE_VALGRIND_H 1
#endif
#endif

#define T_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A hang guard, as a cmocka setup/teardown pair: a test that has not
 * returned after T_GUARD_SECONDS fails (SIGALRM; cmocka's failure unwinds
 * back to its runner) instead of stalling the program and the suite.
 */
#define T_GUARD_SECONDS 30
int t_guard_on(void **state);
int t_guard_off(void **state);
#define T_GUARDED(f) cmocka_unit_test_setup_teardown(f, t_guard_on, t_guard_off)

/* Prints why a test is skipped, then skips it (cmocka counts it). */
#define t_skip(...)							\
	do {								\
		printf("[  SKIP    ] ");				\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		skip();							\
	} while (0)

/*
 * Sets up a ring with the given flags; skips the test if the kernel
 * refuses them (-EINVAL, -EOPNOTSUPP, -EPERM), fails on any other error.
 */
void t_ring_init(struct io_uring *ring, unsigned entries, unsigned flags);
void t_ring_init_params(struct io_uring *ring, unsigned entries,
			struct io_uring_params *p);

/*
 * Makes ring look as it would on a kernel before 5.11, without
 * IORING_FEAT_EXT_ARG, so that waits take the timeout-SQE path: the
 * feature bit, and the plain-ring word setup derived from it (see
 * __uring_cq_plain in liburing/cq.h).
 */
static inline void t_pretend_no_ext_arg(struct io_uring *ring)
{
	ring->features &= ~IORING_FEAT_EXT_ARG;
	ring->cq.pad[0] = 0;
}

/*
 * One rule of a restriction set: kind is an IORING_RESTRICTION_* value,
 * value the opcode, register opcode or SQE flags it names (the three
 * share one byte of struct io_uring_restriction).
 */
struct t_rule {
	unsigned short kind;
	unsigned char value;
};

/*
 * A ring created disabled (IORING_SETUP_R_DISABLED, Linux 5.10, which
 * skips the test on older kernels) with the nr rules registered, if
 * nr > 0.  The ring stays disabled until io_uring_enable_rings().
 */
void t_restricted_ring(struct io_uring *ring, const struct t_rule *rules,
		       unsigned nr);

/* Skips unless the kernel supports opcode op. */
void t_require_op(struct io_uring *ring, int op, const char *name);
#define T_REQUIRE_OP(ring, op) t_require_op(ring, op, #op)

/* Skips unless the ring's kernel reported feature bit feat. */
void t_require_feat(struct io_uring *ring, unsigned feat, const char *name);
#define T_REQUIRE_FEAT(ring, feat) t_require_feat(ring, feat, #feat)

/* Submits everything queued and waits for one CQE; fails on error. */
/*
 * Queues n NOPs with user_data first, first + 1, ...; returns the sum of
 * those user_data values (what a reaper can check its CQEs against).
 */
unsigned long long t_queue_nops(struct io_uring *ring, unsigned n,
				unsigned long long first);
struct io_uring_cqe *t_submit_wait(struct io_uring *ring);

/* Waits for one CQE, copies its 16 bytes to *out and marks it seen. */
void t_reap(struct io_uring *ring, struct io_uring_cqe *out);

/*
 * Like t_reap, waiting ms milliseconds at most: 0, or -ETIME when no CQE
 * came.
 */
int t_reap_within(struct io_uring *ring, struct io_uring_cqe *out,
		  unsigned ms);

/*
 * Whether the running kernel is major.minor or later, for behaviour that
 * changed with no flag or probe to tell (say why, where it is used).
 */
int t_kernel_at_least(int major, int minor);

/*
 * The next CQE is the one a tagged resource (buffer or file) posts when
 * the kernel lets go of it: user_data tag, res 0.
 */
void t_expect_tag_cqe(struct io_uring *ring, __u64 tag);

/*
 * Unregistering a table posts one tag CQE for each tagged resource still
 * in it, in any order (Linux 6.13; the test skips, saying so, on older
 * kernels, which post none).
 */
void t_expect_unregister_tags(struct io_uring *ring, const __u64 *tags,
			      unsigned nr);

/* Nothing is pending: not in the CQ, nor as task work yet to run. */
void t_expect_no_cqe(struct io_uring *ring);

/*
 * A deterministic byte pattern, so reads can be checked byte for byte.
 * It is positional: byte off of a pattern file is t_pattern_byte(off).
 */
unsigned char t_pattern_byte(size_t off, unsigned seed);
void t_fill_pattern_at(void *buf, size_t len, size_t off, unsigned seed);
int t_check_pattern_at(const void *buf, size_t len, size_t off,
		       unsigned seed);
void t_fill_pattern(void *buf, size_t len, unsigned seed);
int t_check_pattern(const void *buf, size_t len, unsigned seed);

/*
 * A fresh file of len pattern bytes (seed) in a private temp dir; path
 * gets its name when non-NULL (PATH_MAX bytes).  Removed at exit.
 */
int t_tmpfile(size_t len, unsigned seed, char *path);
/* The private temp dir (created once, removed at exit). */
const char *t_tmpdir(void);

/* A connected TCP pair over 127.0.0.1: fds[0] client, fds[1] server. */
void t_tcp_pair(int fds[2]);
/* A listening TCP socket on 127.0.0.1 with an ephemeral port. */
int t_tcp_listener(struct sockaddr_in *addr);

/* The time on clock clk in milliseconds; t_now_ms: on CLOCK_MONOTONIC. */
long long t_clock_ms(clockid_t clk);
long long t_now_ms(void);

/* True under valgrind: RUNNING_ON_VALGRIND, or VALGRIND_ACTIVE=1 in the env. */
int t_under_valgrind(void);

/*
 * Tells memcheck that the kernel wrote len bytes at buf.  Memcheck sees
 * the io_uring_enter(2) that queued a read, but not the kernel filling the
 * buffer later, so it would take the data for uninitialised.  Call it
 * after the CQE, with the CQE's res: what the kernel did not write stays
 * undefined and is still caught.  A no-op outside valgrind.
 */
static inline void t_kernel_wrote(const void *buf, long len)
{
	/* valgrind.h drops the arguments where valgrind has no port (riscv64) */
	(void) buf;
#ifdef T_HAVE_VALGRIND_H
	if (len > 0)
		(void) VALGRIND_MAKE_MEM_DEFINED(buf, (size_t) len);
#else
	(void) len;
#endif
}

#endif
