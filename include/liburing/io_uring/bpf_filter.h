/* SPDX-License-Identifier: MIT */
/*
 * IORING_REGISTER_BPF_FILTER: attach classic BPF programs that vet
 * requests of one opcode before they are issued. A program sees a struct
 * io_uring_bpf_ctx and returns non-zero to allow the request; a denied
 * request completes with -EACCES.
 */
#ifndef LINUX_IO_URING_BPF_FILTER_H
#define LINUX_IO_URING_BPF_FILTER_H

#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What a filter program runs on. The union holds the opcode's own data
 * ("pdu"), pdu_size bytes of it: socket(2) arguments for IORING_OP_SOCKET,
 * the open_how fields for IORING_OP_OPENAT and IORING_OP_OPENAT2.
 */
struct io_uring_bpf_ctx {
	__u64	user_data;
	__u8	opcode;
	__u8	sqe_flags;
	__u8	pdu_size;
	__u8	pad[5];
	__extension__ union {
		struct {
			__u32	family;
			__u32	type;
			__u32	protocol;
		} socket;
		struct {
			__u64	flags;
			__u64	mode;
			__u64	resolve;
		} open;
	};
};

/* io_uring_bpf_filter->flags */
/* every opcode without a filter of its own is denied */
#define IO_URING_BPF_FILTER_DENY_REST	(1U << 0)
/*
 * Fail registration if pdu_size differs from the kernel's size for the
 * opcode; without it a smaller pdu_size (an older program) is accepted.
 */
#define IO_URING_BPF_FILTER_SZ_STRICT	(1U << 1)

struct io_uring_bpf_filter {
	__u32	opcode;		/* IORING_OP_* the filter applies to */
	__u32	flags;		/* IO_URING_BPF_FILTER_* */
	__u32	filter_len;	/* number of struct sock_filter */
	/* in: pdu bytes the program expects; out: the kernel's size */
	__u8	pdu_size;
	__u8	resv[3];
	__u64	filter_ptr;	/* struct sock_filter * */
	__u64	resv2[5];
};

/* io_uring_bpf->cmd_type */
enum io_uring_bpf_cmd {
	IO_URING_BPF_CMD_FILTER	= 1,
};

/* IORING_REGISTER_BPF_FILTER argument */
struct io_uring_bpf {
	__u16	cmd_type;	/* IO_URING_BPF_CMD_* */
	__u16	cmd_flags;
	__u32	resv;
	/* one member per command type, all 64 bytes */
	__extension__ union {
		struct io_uring_bpf_filter	filter;
	};
};

#ifdef __cplusplus
}
#endif

#endif /* LINUX_IO_URING_BPF_FILTER_H */
