/* SPDX-License-Identifier: MIT */
/*
 * A minimal harness for the self-contained compatibility programs in this
 * directory.  They run where cmocka cannot: built against Debian's
 * liburing 2.3 headers (test/compat-old.sh) and statically against musl
 * (test/compat-musl.sh).  So they use only the API liburing 2.3 already
 * had, with the same signatures, and nothing but libc besides.
 *
 * Each program exits 0 on success, 77 when the kernel lacks what it
 * needs (said on stdout), 1 on the first failed check (said on stderr).
 */
#ifndef COMPAT_PROG_H
#define COMPAT_PROG_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <liburing.h>

#define FAIL(...)							\
	do {								\
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);		\
		fprintf(stderr, __VA_ARGS__);				\
		fprintf(stderr, "\n");					\
		exit(1);						\
	} while (0)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			FAIL("check failed: %s", #cond);		\
	} while (0)

/* Both sides printed, so a failure says what was seen. */
#define CHECK_EQ(a, b)							\
	do {								\
		long long a_ = (long long)(a), b_ = (long long)(b);	\
		if (a_ != b_)						\
			FAIL("%s == %lld, expected %s == %lld",		\
			     #a, a_, #b, b_);				\
	} while (0)

#define SKIP(...)							\
	do {								\
		printf("SKIP: ");					\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		exit(77);						\
	} while (0)

static inline void prog_ring_init(struct io_uring *ring, unsigned entries)
{
	int ret = io_uring_queue_init(entries, ring, 0);

	if (ret == -ENOSYS || ret == -EPERM)
		SKIP("the kernel refuses io_uring (%d)", ret);
	if (ret < 0)
		FAIL("io_uring_queue_init: %d", ret);
}

static inline struct io_uring_sqe *prog_sqe(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		FAIL("io_uring_get_sqe: SQ full");
	return sqe;
}

/* Waits for one CQE, copies it to *out and retires it. */
static inline void prog_reap(struct io_uring *ring, struct io_uring_cqe *out)
{
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe(ring, &cqe);

	if (ret < 0)
		FAIL("io_uring_wait_cqe: %d", ret);
	if (!cqe)
		FAIL("io_uring_wait_cqe: no CQE");
	*out = *cqe;
	io_uring_cqe_seen(ring, cqe);
}

/* Reaps n CQEs into out[] indexed by their user_data (0 .. n-1). */
static inline void prog_reap_by_data(struct io_uring *ring,
				     struct io_uring_cqe *out, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_cqe c;

		prog_reap(ring, &c);
		if (c.user_data >= n)
			FAIL("unexpected user_data %llu",
			     (unsigned long long)c.user_data);
		out[c.user_data] = c;
	}
}

static inline long long prog_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A byte pattern that differs per offset, to catch misplaced data. */
static inline unsigned char prog_pattern(size_t off)
{
	return (unsigned char)(off * 7 + (off >> 8) + 1);
}

static inline void prog_fill(void *buf, size_t len, size_t off)
{
	unsigned char *p = (unsigned char *)buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = prog_pattern(off + i);
}

static inline int prog_check(const void *buf, size_t len, size_t off)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != prog_pattern(off + i))
			return 0;
	return 1;
}

/* An unlinked temporary file, open read-write. */
static inline int prog_tmpfile(void)
{
	char path[] = "/tmp/uring-compat-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		FAIL("mkstemp: %s", strerror(errno));
	unlink(path);
	return fd;
}

#endif
