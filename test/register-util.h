/* SPDX-License-Identifier: MIT */
#ifndef TEST_REGISTER_UTIL_H
#define TEST_REGISTER_UTIL_H

/*
 * Fixtures shared by the register-*.c tests: how many IORING_REGISTER_*
 * opcodes the kernel knows, and the ring flags of deferred task running.
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
