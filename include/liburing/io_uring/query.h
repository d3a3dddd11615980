/* SPDX-License-Identifier: MIT */
/*
 * IORING_REGISTER_QUERY: ask the running kernel which opcodes, flags and
 * features it supports, without creating a ring first.
 *
 * The argument is a chain of struct io_uring_query_hdr linked by
 * next_entry. Each header names a query (query_op) and a buffer
 * (query_data, size bytes) for its answer; the kernel fills in at most
 * size bytes and stores the outcome in result. Answer structs only ever
 * grow at the end, so an old program's smaller buffer stays valid.
 */
#ifndef LINUX_IO_URING_QUERY_H
#define LINUX_IO_URING_QUERY_H

#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct io_uring_query_hdr {
	__u64	next_entry;	/* next header, or 0 to end the chain */
	__u64	query_data;	/* answer buffer */
	__u32	query_op;	/* IO_URING_QUERY_* */
	__u32	size;		/* answer buffer size in bytes */
	__s32	result;		/* out: bytes written, or -errno */
	__u32	__resv[3];
};

enum io_uring_query_op {
	IO_URING_QUERY_OPCODES	= 0,	/* struct io_uring_query_opcode */
	IO_URING_QUERY_ZCRX	= 1,	/* struct io_uring_query_zcrx */
	IO_URING_QUERY_SCQ	= 2,	/* struct io_uring_query_scq */

	__IO_URING_QUERY_MAX,
};

/* IO_URING_QUERY_OPCODES: the opcode ranges and flag masks supported */
struct io_uring_query_opcode {
	__u32	nr_request_opcodes;	/* IORING_OP_* count */
	__u32	nr_register_opcodes;	/* IORING_REGISTER_* count */
	__u64	feature_flags;		/* IORING_FEAT_* */
	__u64	ring_setup_flags;	/* IORING_SETUP_* */
	__u64	enter_flags;		/* IORING_ENTER_* */
	__u64	sqe_flags;		/* IOSQE_* */
	__u32	nr_query_opcodes;	/* IO_URING_QUERY_* count */
	__u32	__pad;
};

/* IO_URING_QUERY_ZCRX: zero-copy receive capabilities */
struct io_uring_query_zcrx {
	__u64	register_flags;		/* ZCRX_REG_* */
	__u64	area_flags;		/* IORING_ZCRX_AREA_* */
	__u32	nr_ctrl_opcodes;	/* ZCRX_CTRL_* count */
	__u32	features;		/* ZCRX_FEATURE_* */
	__u32	rq_hdr_size;		/* refill queue header size */
	__u32	rq_hdr_alignment;	/* and its required alignment */
	__u64	__resv2;
};

/* IO_URING_QUERY_SCQ: how the SQ/CQ ring header is laid out */
struct io_uring_query_scq {
	__u64	hdr_size;
	__u64	hdr_alignment;
};

#ifdef __cplusplus
}
#endif

#endif /* LINUX_IO_URING_QUERY_H */
