/* SPDX-License-Identifier: MIT */
#ifndef TEST_REGISTER_UTIL_H
#define TEST_REGISTER_UTIL_H

/*
 * Fixtures shared by the register-*.c tests: clocks in milliseconds, a
 * tagged NOP, and how many IORING_REGISTER_* opcodes the kernel knows.
 */
#include <dirent.h>
#include <linux/filter.h>
#include <net/if.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "helpers.h"

/* Deferred task running, which the kernel allows only single-issuer. */
#define DEFER	(IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SINGLE_ISSUER)

static inline long long now_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void queue_nop(struct io_uring *ring, __u64 data)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, data);
}

/* The number of opcodes IORING_REGISTER_* this kernel knows, via a probe. */
static inline unsigned kernel_register_ops(void)
{
	struct io_uring_query_opcode op;
	struct io_uring_query_hdr hdr;

	memset(&op, 0, sizeof(op));
	memset(&hdr, 0, sizeof(hdr));
	hdr.query_data = (uintptr_t) &op;
	hdr.size = sizeof(op);
	hdr.query_op = IO_URING_QUERY_OPCODES;
	if (io_uring_register_query(&hdr) || hdr.result)
		return 0;
	return op.nr_register_opcodes;
}

#endif
