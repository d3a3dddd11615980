/* SPDX-License-Identifier: MIT */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

/*
 * Shared by the benchmark programs.  They use only the public liburing
 * API (as of liburing 2.3), so the same source builds against our headers
 * and against the system's.
 *
 * Every program runs in one of two modes:
 *   -n OPS    exactly OPS operations: the runner counts the user-space
 *             instructions of two such runs of different length and
 *             divides the difference, so start-up and teardown cancel;
 *   -t SECS   as many operations as fit in SECS seconds, for throughput.
 * Either way it prints one line, "ops N secs S ops_per_sec R", and exits
 * 0 only if every completion checked out.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct bench_opts {
	unsigned long long ops;	/* operations to run; 0 in time mode */
	double secs;		/* run length in time mode */
};

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static inline void bench_die(const char *what, int err)
{
	fprintf(stderr, "FAIL: %s: %s\n", what, err ? strerror(-err) : "");
	exit(1);
}

/*
 * Whether the run is over.  In time mode the clock is read only once per
 * 1024 operations, so that reading it costs next to nothing per op.
 */
struct bench_clock {
	unsigned long long done;	/* operations completed */
	unsigned long long next_check;
	double end;
};

static inline void bench_clock_start(struct bench_clock *c,
				     const struct bench_opts *o)
{
	c->done = 0;
	c->next_check = o->ops ? o->ops : 1024;
	c->end = o->ops ? 0 : bench_now() + o->secs;
}

static inline int bench_clock_more(struct bench_clock *c,
				   const struct bench_opts *o)
{
	if (c->done < c->next_check)
		return 1;
	if (o->ops)
		return 0;
	if (bench_now() >= c->end)
		return 0;
	c->next_check = c->done + 1024;
	return 1;
}

static inline void bench_report(unsigned long long ops, double secs)
{
	printf("ops %llu secs %.6f ops_per_sec %.0f\n", ops, secs,
	       secs > 0 ? (double) ops / secs : 0.0);
}

/* Splits "-n OPS" / "-t SECS" off argv; other options are the caller's. */
static inline int bench_common_opt(int c, const char *arg,
				   struct bench_opts *o)
{
	switch (c) {
	case 'n':
		o->ops = strtoull(arg, NULL, 0);
		return 1;
	case 't':
		o->secs = strtod(arg, NULL);
		return 1;
	}
	return 0;
}

static inline void bench_check_opts(struct bench_opts *o)
{
	if (!o->ops && o->secs <= 0)
		o->secs = 0.25;
}

#endif /* BENCH_COMMON_H */
