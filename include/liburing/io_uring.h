/* SPDX-License-Identifier: MIT */
/*
 * The io_uring kernel interface (UAPI): the shared ring structures, the
 * opcodes and the flags the syscalls io_uring_setup(2), io_uring_enter(2)
 * and io_uring_register(2) understand, covering Linux 6.18 and the few
 * later additions liburing 2.15 already knows (SQ_REWIND, BPF filters,
 * task restrictions). Defining a constant does not mean the running kernel
 * supports it: probe (IORING_REGISTER_PROBE / _QUERY) or check -EINVAL.
 *
 * Layouts here are ABI: every offset must match the kernel byte for byte.
 * The header is kept usable from strict ISO C99 and from C++11. Where the
 * kernel's spelling needs a GNU extension (unnamed struct/union members,
 * zero-length arrays) the member declaration carries __extension__, which
 * keeps -pedantic quiet without changing the layout.
 */
/*
 * The guard is the one the kernel's own <linux/io_uring.h> uses, so a
 * program that includes both gets one set of definitions (this one, when
 * it comes first) instead of redefinition errors.
 */
#ifndef LINUX_IO_URING_H
#define LINUX_IO_URING_H

#include <linux/types.h>
/* __kernel_rwf_t (the RWF_* flags of preadv2/pwritev2) */
#include <linux/fs.h>
/* struct __kernel_timespec, struct open_how, futex and block shims */
#include "compat.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Submission queue entry. 64 bytes; a ring set up with IORING_SETUP_SQE128
 * (or an IORING_OP_*128 entry on an IORING_SETUP_SQE_MIXED ring) doubles it
 * and the extra 64 bytes continue cmd[].
 */
struct io_uring_sqe {
	__u8	opcode;		/* IORING_OP_* */
	__u8	flags;		/* IOSQE_* */
	__u16	ioprio;		/* request priority, or per-op flags */
	__s32	fd;		/* file descriptor (or fixed file index) */
	__extension__ union {
		__u64	off;	/* file offset */
		__u64	addr2;
		__extension__ struct {
			__u32	cmd_op;	/* IORING_OP_URING_CMD sub-command */
			__u32	__pad1;
		};
	};
	__extension__ union {
		__u64	addr;	/* buffer or iovec array address */
		__u64	splice_off_in;
		__extension__ struct {
			__u32	level;	/* socket option level */
			__u32	optname;
		};
	};
	__u32	len;		/* buffer size or number of iovecs */
	/* per-opcode flags */
	__extension__ union {
		__kernel_rwf_t	rw_flags;
		__u32		fsync_flags;
		__u16		poll_events;	/* compatibility */
		__u32		poll32_events;	/* word-swapped on BE */
		__u32		sync_range_flags;
		__u32		msg_flags;
		__u32		timeout_flags;
		__u32		accept_flags;
		__u32		cancel_flags;
		__u32		open_flags;
		__u32		statx_flags;
		__u32		fadvise_advice;
		__u32		splice_flags;
		__u32		rename_flags;
		__u32		unlink_flags;
		__u32		hardlink_flags;
		__u32		xattr_flags;
		__u32		msg_ring_flags;
		__u32		uring_cmd_flags;
		__u32		waitid_flags;
		__u32		futex_flags;
		__u32		install_fd_flags;
		__u32		nop_flags;
		__u32		pipe_flags;
	};
	__u64	user_data;	/* copied verbatim into the completion */
	/*
	 * packed: ABIs with a minimum aggregate alignment above 2 (old ARM)
	 * would otherwise pad this union and shift everything after it.
	 */
	__extension__ union {
		/* index into the registered buffers, for fixed reads/writes */
		__u16	buf_index;
		/* buffer group to pick from, with IOSQE_BUFFER_SELECT */
		__u16	buf_group;
	} __attribute__((packed));
	__u16	personality;	/* credentials id from REGISTER_PERSONALITY */
	__extension__ union {
		__s32	splice_fd_in;
		__u32	file_index;	/* direct descriptor slot, 1-based */
		__u32	zcrx_ifq_idx;
		__u32	optlen;
		__extension__ struct {
			__u16	addr_len;
			__u16	__pad3[1];
		};
	};
	__extension__ union {
		__extension__ struct {
			__u64	addr3;
			__u64	__pad2[1];
		};
		__extension__ struct {
			__u64	attr_ptr;	/* io_uring_attr_pi * */
			__u64	attr_type_mask;	/* IORING_RW_ATTR_FLAG_* */
		};
		__u64	optval;
		/*
		 * Inline command payload for IORING_OP_URING_CMD: 16 bytes in
		 * a normal SQE, 80 in a 128-byte one.
		 */
		__extension__ __u8	cmd[0];
	};
};

/* sqe->attr_type_mask: sqe->attr_ptr points at a struct io_uring_attr_pi */
#define IORING_RW_ATTR_FLAG_PI	(1U << 0)

/* Protection information (integrity metadata) for a read or write. */
struct io_uring_attr_pi {
	__u16	flags;
	__u16	app_tag;
	__u32	len;
	__u64	addr;
	__u64	seed;
	__u64	rsvd;
};

/*
 * sqe->file_index value asking the kernel to pick a free direct-descriptor
 * slot itself and return it in cqe->res.
 */
#define IORING_FILE_INDEX_ALLOC		(~0U)

enum io_uring_sqe_flags_bit {
	IOSQE_FIXED_FILE_BIT,
	IOSQE_IO_DRAIN_BIT,
	IOSQE_IO_LINK_BIT,
	IOSQE_IO_HARDLINK_BIT,
	IOSQE_ASYNC_BIT,
	IOSQE_BUFFER_SELECT_BIT,
	IOSQE_CQE_SKIP_SUCCESS_BIT,
};

/* sqe->flags */
/* sqe->fd is an index into the registered file table */
#define IOSQE_FIXED_FILE	(1U << IOSQE_FIXED_FILE_BIT)
/* start only after every earlier request has completed */
#define IOSQE_IO_DRAIN		(1U << IOSQE_IO_DRAIN_BIT)
/* the next request starts when this one succeeds */
#define IOSQE_IO_LINK		(1U << IOSQE_IO_LINK_BIT)
/* like IOSQE_IO_LINK, but the chain survives a failure */
#define IOSQE_IO_HARDLINK	(1U << IOSQE_IO_HARDLINK_BIT)
/* skip the non-blocking attempt, go straight to a worker */
#define IOSQE_ASYNC		(1U << IOSQE_ASYNC_BIT)
/* take the buffer from group sqe->buf_group */
#define IOSQE_BUFFER_SELECT	(1U << IOSQE_BUFFER_SELECT_BIT)
/* post no CQE if the request succeeds */
#define IOSQE_CQE_SKIP_SUCCESS	(1U << IOSQE_CQE_SKIP_SUCCESS_BIT)

/* io_uring_params->flags, given to io_uring_setup(2) */
#define IORING_SETUP_IOPOLL	(1U << 0)	/* busy-poll I/O completions */
#define IORING_SETUP_SQPOLL	(1U << 1)	/* kernel thread polls the SQ */
#define IORING_SETUP_SQ_AFF	(1U << 2)	/* sq_thread_cpu is valid */
#define IORING_SETUP_CQSIZE	(1U << 3)	/* cq_entries is valid */
#define IORING_SETUP_CLAMP	(1U << 4)	/* clamp sizes to the maximum */
#define IORING_SETUP_ATTACH_WQ	(1U << 5)	/* share wq_fd's workers */
#define IORING_SETUP_R_DISABLED	(1U << 6)	/* start disabled */
#define IORING_SETUP_SUBMIT_ALL	(1U << 7)	/* submit past failed SQEs */
/*
 * Task work (completions the kernel must finish in the submitter's
 * context) is run when the task next enters the kernel instead of
 * interrupting it with an IPI.
 */
#define IORING_SETUP_COOP_TASKRUN	(1U << 8)
/*
 * With COOP_TASKRUN: raise IORING_SQ_TASKRUN in the SQ flags when task work
 * is pending, so user space knows to enter the kernel.
 */
#define IORING_SETUP_TASKRUN_FLAG	(1U << 9)
#define IORING_SETUP_SQE128		(1U << 10) /* 128-byte SQEs */
#define IORING_SETUP_CQE32		(1U << 11) /* 32-byte CQEs */
/* only one task submits; lets the kernel drop some locking */
#define IORING_SETUP_SINGLE_ISSUER	(1U << 12)
/*
 * Run task work only when the (single) issuer waits for completions with
 * IORING_ENTER_GETEVENTS; requires SINGLE_ISSUER.
 */
#define IORING_SETUP_DEFER_TASKRUN	(1U << 13)
/* rings and SQEs live in memory user space passed in (sq_off/cq_off) */
#define IORING_SETUP_NO_MMAP		(1U << 14)
/* return a registered ring index instead of a file descriptor */
#define IORING_SETUP_REGISTERED_FD_ONLY	(1U << 15)
/* no SQ index array: SQEs are consumed in ring order */
#define IORING_SETUP_NO_SQARRAY		(1U << 16)
/* with IOPOLL: sleep a little before polling */
#define IORING_SETUP_HYBRID_IOPOLL	(1U << 17)
/* 16- and 32-byte CQEs on one ring, told apart by IORING_CQE_F_32 */
#define IORING_SETUP_CQE_MIXED		(1U << 18)
/* 64- and 128-byte SQEs on one ring, chosen by the *128 opcodes */
#define IORING_SETUP_SQE_MIXED		(1U << 19)
/*
 * The kernel ignores SQ head and tail and takes each submission's SQEs
 * from index 0. Needs NO_SQARRAY; not with SQPOLL.
 */
#define IORING_SETUP_SQ_REWIND		(1U << 20)

enum io_uring_op {
	IORING_OP_NOP,
	IORING_OP_READV,
	IORING_OP_WRITEV,
	IORING_OP_FSYNC,
	IORING_OP_READ_FIXED,
	IORING_OP_WRITE_FIXED,
	IORING_OP_POLL_ADD,
	IORING_OP_POLL_REMOVE,
	IORING_OP_SYNC_FILE_RANGE,
	IORING_OP_SENDMSG,
	IORING_OP_RECVMSG,
	IORING_OP_TIMEOUT,
	IORING_OP_TIMEOUT_REMOVE,
	IORING_OP_ACCEPT,
	IORING_OP_ASYNC_CANCEL,
	IORING_OP_LINK_TIMEOUT,
	IORING_OP_CONNECT,
	IORING_OP_FALLOCATE,
	IORING_OP_OPENAT,
	IORING_OP_CLOSE,
	IORING_OP_FILES_UPDATE,
	IORING_OP_STATX,
	IORING_OP_READ,
	IORING_OP_WRITE,
	IORING_OP_FADVISE,
	IORING_OP_MADVISE,
	IORING_OP_SEND,
	IORING_OP_RECV,
	IORING_OP_OPENAT2,
	IORING_OP_EPOLL_CTL,
	IORING_OP_SPLICE,
	IORING_OP_PROVIDE_BUFFERS,
	IORING_OP_REMOVE_BUFFERS,
	IORING_OP_TEE,
	IORING_OP_SHUTDOWN,
	IORING_OP_RENAMEAT,
	IORING_OP_UNLINKAT,
	IORING_OP_MKDIRAT,
	IORING_OP_SYMLINKAT,
	IORING_OP_LINKAT,
	IORING_OP_MSG_RING,
	IORING_OP_FSETXATTR,
	IORING_OP_SETXATTR,
	IORING_OP_FGETXATTR,
	IORING_OP_GETXATTR,
	IORING_OP_SOCKET,
	IORING_OP_URING_CMD,
	IORING_OP_SEND_ZC,
	IORING_OP_SENDMSG_ZC,
	IORING_OP_READ_MULTISHOT,
	IORING_OP_WAITID,
	IORING_OP_FUTEX_WAIT,
	IORING_OP_FUTEX_WAKE,
	IORING_OP_FUTEX_WAITV,
	IORING_OP_FIXED_FD_INSTALL,
	IORING_OP_FTRUNCATE,
	IORING_OP_BIND,
	IORING_OP_LISTEN,
	IORING_OP_RECV_ZC,
	IORING_OP_EPOLL_WAIT,
	IORING_OP_READV_FIXED,
	IORING_OP_WRITEV_FIXED,
	IORING_OP_PIPE,
	IORING_OP_NOP128,
	IORING_OP_URING_CMD128,

	/* not an opcode: one past the last one this header knows */
	IORING_OP_LAST,
};

/* sqe->uring_cmd_flags; the high bits are reserved for the kernel */
#define IORING_URING_CMD_FIXED	(1U << 0)	/* buf_index names a buffer */
#define IORING_URING_CMD_MASK	IORING_URING_CMD_FIXED

/* sqe->fsync_flags */
#define IORING_FSYNC_DATASYNC	(1U << 0)

/* sqe->timeout_flags */
#define IORING_TIMEOUT_ABS		(1U << 0)
#define IORING_TIMEOUT_UPDATE		(1U << 1)
#define IORING_TIMEOUT_BOOTTIME		(1U << 2)
#define IORING_TIMEOUT_REALTIME		(1U << 3)
#define IORING_LINK_TIMEOUT_UPDATE	(1U << 4)
/* report expiry as success (res 0) instead of -ETIME */
#define IORING_TIMEOUT_ETIME_SUCCESS	(1U << 5)
#define IORING_TIMEOUT_MULTISHOT	(1U << 6)
/*
 * Relative timeouts only: sqe->addr (sqe->addr2 for an update) holds the
 * time in nanoseconds instead of pointing at a struct __kernel_timespec.
 */
#define IORING_TIMEOUT_IMMEDIATE_ARG	(1U << 7)
#define IORING_TIMEOUT_CLOCK_MASK	(IORING_TIMEOUT_BOOTTIME | \
					 IORING_TIMEOUT_REALTIME)
#define IORING_TIMEOUT_UPDATE_MASK	(IORING_TIMEOUT_UPDATE | \
					 IORING_LINK_TIMEOUT_UPDATE)

/* sqe->splice_flags, beside the SPLICE_F_* of splice(2) */
#define SPLICE_F_FD_IN_FIXED	(1U << 31)	/* splice_fd_in is fixed */

/*
 * POLL_ADD flags, passed in sqe->len: the command's event mask lives in
 * poll32_events, so its own flags had to go elsewhere.
 */
#define IORING_POLL_ADD_MULTI		(1U << 0) /* a CQE per event */
#define IORING_POLL_UPDATE_EVENTS	(1U << 1)
#define IORING_POLL_UPDATE_USER_DATA	(1U << 2)
#define IORING_POLL_ADD_LEVEL		(1U << 3) /* level-triggered */

/* sqe->cancel_flags for ASYNC_CANCEL and struct io_uring_sync_cancel_reg */
#define IORING_ASYNC_CANCEL_ALL		(1U << 0) /* all matches */
#define IORING_ASYNC_CANCEL_FD		(1U << 1) /* match on sqe->fd */
#define IORING_ASYNC_CANCEL_ANY		(1U << 2) /* match any request */
#define IORING_ASYNC_CANCEL_FD_FIXED	(1U << 3) /* the fd is a fixed one */
#define IORING_ASYNC_CANCEL_USERDATA	(1U << 4) /* match on user_data */
#define IORING_ASYNC_CANCEL_OP		(1U << 5) /* match on opcode */

/* send/recv flags, passed in sqe->ioprio */
/* poll for readiness before the first attempt instead of trying first */
#define IORING_RECVSEND_POLL_FIRST	(1U << 0)
/* keep receiving, one CQE (with IORING_CQE_F_MORE) per message */
#define IORING_RECV_MULTISHOT		(1U << 1)
/* sqe->buf_index names a registered buffer (zero-copy send) */
#define IORING_RECVSEND_FIXED_BUF	(1U << 2)
/* the notification CQE reports whether the data was copied after all */
#define IORING_SEND_ZC_REPORT_USAGE	(1U << 3)
/* send or receive several provided buffers in one go */
#define IORING_RECVSEND_BUNDLE		(1U << 4)
/* sqe->addr is an iovec array rather than a single buffer */
#define IORING_SEND_VECTORIZED		(1U << 5)

/*
 * With IORING_SEND_ZC_REPORT_USAGE, set in the notification CQE's res when
 * the kernel fell back to copying.
 */
#define IORING_NOTIF_USAGE_ZC_COPIED	(1U << 31)

/* accept flags, passed in sqe->ioprio */
#define IORING_ACCEPT_MULTISHOT		(1U << 0)
#define IORING_ACCEPT_DONTWAIT		(1U << 1)
#define IORING_ACCEPT_POLL_FIRST	(1U << 2)

/* IORING_OP_MSG_RING commands, in sqe->addr */
enum io_uring_msg_ring_flags {
	IORING_MSG_DATA,	/* post a CQE to the target ring */
	IORING_MSG_SEND_FD,	/* install a direct descriptor there */
};

/* sqe->msg_ring_flags */
#define IORING_MSG_RING_CQE_SKIP	(1U << 0) /* no CQE on the sender */
/* the target CQE gets sqe->file_index as its flags */
#define IORING_MSG_RING_FLAGS_PASS	(1U << 1)

/* sqe->install_fd_flags */
#define IORING_FIXED_FD_NO_CLOEXEC	(1U << 0)

/* sqe->nop_flags */
#define IORING_NOP_INJECT_RESULT	(1U << 0) /* complete with sqe->len */
#define IORING_NOP_CQE32		(1U << 5) /* post a 32-byte CQE */

/*
 * Completion queue entry. 16 bytes; rings set up with IORING_SETUP_CQE32
 * (or entries flagged IORING_CQE_F_32 on a CQE_MIXED ring) carry 16 more
 * in big_cqe[].
 */
struct io_uring_cqe {
	__u64	user_data;	/* sqe->user_data, unchanged */
	__s32	res;		/* result, -errno on failure */
	__u32	flags;		/* IORING_CQE_F_* */
	__extension__ __u64	big_cqe[];
};

/* cqe->flags */
/* the upper 16 bits hold the id of the provided buffer that was used */
#define IORING_CQE_F_BUFFER		(1U << 0)
/* a multishot request stays armed: more CQEs follow */
#define IORING_CQE_F_MORE		(1U << 1)
/* the socket still had data after this receive */
#define IORING_CQE_F_SOCK_NONEMPTY	(1U << 2)
/* zero-copy send notification: the buffer may be reused */
#define IORING_CQE_F_NOTIF		(1U << 3)
/* incrementally consumed buffer: the kernel keeps using this one */
#define IORING_CQE_F_BUF_MORE		(1U << 4)
/* padding entry on a mixed ring; skip it */
#define IORING_CQE_F_SKIP		(1U << 5)
/* on a CQE_MIXED ring: this entry is 32 bytes */
#define IORING_CQE_F_32			(1U << 15)

#define IORING_CQE_BUFFER_SHIFT		16

/* mmap(2) offsets of the ring regions, on the ring file descriptor */
#define IORING_OFF_SQ_RING		0ULL
#define IORING_OFF_CQ_RING		0x8000000ULL
#define IORING_OFF_SQES			0x10000000ULL
/* provided buffer ring: IORING_OFF_PBUF_RING | bgid << PBUF_SHIFT */
#define IORING_OFF_PBUF_RING		0x80000000ULL
#define IORING_OFF_PBUF_SHIFT		16
#define IORING_OFF_MMAP_MASK		0xf8000000ULL

/*
 * Where the kernel tells user space, in io_uring_params, at which offsets
 * of the SQ ring mapping each field lies.
 */
struct io_sqring_offsets {
	__u32	head;
	__u32	tail;
	__u32	ring_mask;
	__u32	ring_entries;
	__u32	flags;
	__u32	dropped;
	__u32	array;
	__u32	resv1;
	__u64	user_addr;	/* ring memory, for IORING_SETUP_NO_MMAP */
};

/* the SQ ring's flags word */
#define IORING_SQ_NEED_WAKEUP	(1U << 0) /* SQPOLL thread sleeps */
#define IORING_SQ_CQ_OVERFLOW	(1U << 1) /* CQEs wait in the overflow list */
#define IORING_SQ_TASKRUN	(1U << 2) /* task work pending */

struct io_cqring_offsets {
	__u32	head;
	__u32	tail;
	__u32	ring_mask;
	__u32	ring_entries;
	__u32	overflow;
	__u32	cqes;
	__u32	flags;
	__u32	resv1;
	__u64	user_addr;	/* ring memory, for IORING_SETUP_NO_MMAP */
};

/* the CQ ring's flags word, written by user space */
#define IORING_CQ_EVENTFD_DISABLED	(1U << 0)

/* io_uring_enter(2) flags */
#define IORING_ENTER_GETEVENTS		(1U << 0)
#define IORING_ENTER_SQ_WAKEUP		(1U << 1)
#define IORING_ENTER_SQ_WAIT		(1U << 2)
/* the argument is a struct io_uring_getevents_arg, not a sigset */
#define IORING_ENTER_EXT_ARG		(1U << 3)
/* fd is an index into the registered ring table */
#define IORING_ENTER_REGISTERED_RING	(1U << 4)
/* the timeout is absolute rather than relative */
#define IORING_ENTER_ABS_TIMER		(1U << 5)
/* the argument is an offset into the registered wait region */
#define IORING_ENTER_EXT_ARG_REG	(1U << 6)
/* do not account the wait as iowait */
#define IORING_ENTER_NO_IOWAIT		(1U << 7)

/* io_uring_setup(2) argument and result */
struct io_uring_params {
	__u32	sq_entries;
	__u32	cq_entries;
	__u32	flags;
	__u32	sq_thread_cpu;
	__u32	sq_thread_idle;
	__u32	features;
	__u32	wq_fd;
	__u32	resv[3];
	struct io_sqring_offsets	sq_off;
	struct io_cqring_offsets	cq_off;
};

/* io_uring_params->features, filled in by the kernel */
#define IORING_FEAT_SINGLE_MMAP		(1U << 0)
#define IORING_FEAT_NODROP		(1U << 1)
#define IORING_FEAT_SUBMIT_STABLE	(1U << 2)
#define IORING_FEAT_RW_CUR_POS		(1U << 3)
#define IORING_FEAT_CUR_PERSONALITY	(1U << 4)
#define IORING_FEAT_FAST_POLL		(1U << 5)
#define IORING_FEAT_POLL_32BITS		(1U << 6)
#define IORING_FEAT_SQPOLL_NONFIXED	(1U << 7)
#define IORING_FEAT_EXT_ARG		(1U << 8)
#define IORING_FEAT_NATIVE_WORKERS	(1U << 9)
#define IORING_FEAT_RSRC_TAGS		(1U << 10)
#define IORING_FEAT_CQE_SKIP		(1U << 11)
#define IORING_FEAT_LINKED_FILE		(1U << 12)
#define IORING_FEAT_REG_REG_RING	(1U << 13)
#define IORING_FEAT_RECVSEND_BUNDLE	(1U << 14)
#define IORING_FEAT_MIN_TIMEOUT		(1U << 15)
#define IORING_FEAT_RW_ATTR		(1U << 16)
#define IORING_FEAT_NO_IOWAIT		(1U << 17)

/* io_uring_register(2) opcodes */
enum io_uring_register_op {
	IORING_REGISTER_BUFFERS			= 0,
	IORING_UNREGISTER_BUFFERS		= 1,
	IORING_REGISTER_FILES			= 2,
	IORING_UNREGISTER_FILES			= 3,
	IORING_REGISTER_EVENTFD			= 4,
	IORING_UNREGISTER_EVENTFD		= 5,
	IORING_REGISTER_FILES_UPDATE		= 6,
	IORING_REGISTER_EVENTFD_ASYNC		= 7,
	IORING_REGISTER_PROBE			= 8,
	IORING_REGISTER_PERSONALITY		= 9,
	IORING_UNREGISTER_PERSONALITY		= 10,
	IORING_REGISTER_RESTRICTIONS		= 11,
	IORING_REGISTER_ENABLE_RINGS		= 12,

	/* the variants below take a struct with a size, so they can grow */
	IORING_REGISTER_FILES2			= 13,
	IORING_REGISTER_FILES_UPDATE2		= 14,
	IORING_REGISTER_BUFFERS2		= 15,
	IORING_REGISTER_BUFFERS_UPDATE		= 16,

	/* async worker CPU affinity */
	IORING_REGISTER_IOWQ_AFF		= 17,
	IORING_UNREGISTER_IOWQ_AFF		= 18,

	/* cap the number of bounded/unbounded async workers */
	IORING_REGISTER_IOWQ_MAX_WORKERS	= 19,

	/* register ring fds, for IORING_ENTER_REGISTERED_RING */
	IORING_REGISTER_RING_FDS		= 20,
	IORING_UNREGISTER_RING_FDS		= 21,

	/* provided buffer rings */
	IORING_REGISTER_PBUF_RING		= 22,
	IORING_UNREGISTER_PBUF_RING		= 23,

	/* cancel synchronously, waiting for the request to finish */
	IORING_REGISTER_SYNC_CANCEL		= 24,

	/* the slot range IORING_FILE_INDEX_ALLOC picks from */
	IORING_REGISTER_FILE_ALLOC_RANGE	= 25,

	/* head of a provided buffer ring */
	IORING_REGISTER_PBUF_STATUS		= 26,

	/* network busy polling */
	IORING_REGISTER_NAPI			= 27,
	IORING_UNREGISTER_NAPI			= 28,

	/* clock used for waits */
	IORING_REGISTER_CLOCK			= 29,

	/* copy registered buffers from another ring */
	IORING_REGISTER_CLONE_BUFFERS		= 30,

	/* run an IORING_OP_MSG_RING sqe without a ring of one's own */
	IORING_REGISTER_SEND_MSG_RING		= 31,

	/* zero-copy receive interface queue */
	IORING_REGISTER_ZCRX_IFQ		= 32,

	/* resize the SQ and CQ rings of a live ring */
	IORING_REGISTER_RESIZE_RINGS		= 33,

	/* memory region, e.g. for registered wait arguments */
	IORING_REGISTER_MEM_REGION		= 34,

	/* ask what the running kernel supports, see io_uring/query.h */
	IORING_REGISTER_QUERY			= 35,

	/* control operations on a zcrx instance, struct zcrx_ctrl */
	IORING_REGISTER_ZCRX_CTRL		= 36,

	/* attach BPF filters to opcodes, see io_uring/bpf_filter.h */
	IORING_REGISTER_BPF_FILTER		= 37,

	/* not an opcode: one past the last one this header knows */
	IORING_REGISTER_LAST,
};

/*
 * OR-ed into the register opcode: the fd argument is an index into the
 * registered ring table. A #define, not an enumerator, because ISO C
 * enumerators must fit in an int.
 */
#define IORING_REGISTER_USE_REGISTERED_RING	(1U << 31)

/* io-wq worker kinds, indexes of the IOWQ_MAX_WORKERS array */
enum io_wq_type {
	IO_WQ_BOUND,
	IO_WQ_UNBOUND,
};

/* deprecated: use struct io_uring_rsrc_update */
struct io_uring_files_update {
	__u32	offset;
	__u32	resv;
	__aligned_u64	fds;	/* __s32 * */
};

enum {
	/* region memory comes from user space (user_addr) */
	IORING_MEM_REGION_TYPE_USER	= 1,
};

struct io_uring_region_desc {
	__u64	user_addr;
	__u64	size;
	__u32	flags;		/* IORING_MEM_REGION_TYPE_* */
	__u32	id;
	__u64	mmap_offset;	/* out: where to mmap a kernel region */
	__u64	__resv[4];
};

enum {
	/* the region holds struct io_uring_reg_wait entries */
	IORING_MEM_REGION_REG_WAIT_ARG	= 1,
};

/* IORING_REGISTER_MEM_REGION argument */
struct io_uring_mem_region_reg {
	__u64	region_uptr;	/* struct io_uring_region_desc * */
	__u64	flags;		/* IORING_MEM_REGION_REG_* */
	__u64	__resv[2];
};

/* io_uring_rsrc_register->flags: a table of empty slots, no data */
#define IORING_RSRC_REGISTER_SPARSE	(1U << 0)

struct io_uring_rsrc_register {
	__u32	nr;
	__u32	flags;
	__u64	resv2;
	__aligned_u64	data;
	__aligned_u64	tags;
};

struct io_uring_rsrc_update {
	__u32	offset;
	__u32	resv;
	__aligned_u64	data;
};

struct io_uring_rsrc_update2 {
	__u32	offset;
	__u32	resv;
	__aligned_u64	data;
	__aligned_u64	tags;
	__u32	nr;
	__u32	resv2;
};

/* fd value in a files update: leave this slot as it is */
#define IORING_REGISTER_FILES_SKIP	(-2)

/* io_uring_probe_op->flags */
#define IO_URING_OP_SUPPORTED	(1U << 0)

struct io_uring_probe_op {
	__u8	op;
	__u8	resv;
	__u16	flags;		/* IO_URING_OP_* */
	__u32	resv2;
};

struct io_uring_probe {
	__u8	last_op;	/* last opcode the kernel supports */
	__u8	ops_len;	/* number of ops[] the kernel filled */
	__u16	resv;
	__u32	resv2[3];
	__extension__ struct io_uring_probe_op	ops[];
};

struct io_uring_restriction {
	__u16	opcode;		/* IORING_RESTRICTION_* */
	__extension__ union {
		__u8	register_op;	/* IORING_REGISTER_* */
		__u8	sqe_op;		/* IORING_OP_* */
		__u8	sqe_flags;	/* IOSQE_* */
	};
	__u8	resv;
	__u32	resv2[3];
};

/*
 * Restrictions attached to the calling task rather than to one ring, with
 * a trailing array of nr_res entries.
 */
struct io_uring_task_restriction {
	__u16	flags;
	__u16	nr_res;
	__u32	resv[3];
	__extension__ struct io_uring_restriction	restrictions[0];
};

/* IORING_REGISTER_CLOCK argument */
struct io_uring_clock_register {
	__u32	clockid;
	__u32	__resv[3];
};

enum {
	/* src_fd is a registered ring index */
	IORING_REGISTER_SRC_REGISTERED	= (1U << 0),
	/* replace buffers already registered in the destination range */
	IORING_REGISTER_DST_REPLACE	= (1U << 1),
};

/* IORING_REGISTER_CLONE_BUFFERS argument */
struct io_uring_clone_buffers {
	__u32	src_fd;
	__u32	flags;
	__u32	src_off;
	__u32	dst_off;
	__u32	nr;
	__u32	pad[3];
};

/* one provided buffer in a buffer ring */
struct io_uring_buf {
	__u64	addr;
	__u32	len;
	__u16	bid;
	__u16	resv;
};

/*
 * A provided buffer ring: an array of struct io_uring_buf whose first
 * entry's resv field doubles as the ring's tail, which user space advances
 * (with release ordering) as it adds buffers. The header overlays bufs[0].
 *
 * The leading __extension__ covers the whole definition: C99 does not count
 * the members of unnamed unions as named members of the struct.
 */
__extension__ struct io_uring_buf_ring {
	__extension__ union {
		__extension__ struct {
			__u64	resv1;
			__u32	resv2;
			__u16	resv3;
			__u16	tail;
		};
		__extension__ struct io_uring_buf	bufs[0];
	};
};

/* io_uring_buf_reg->flags */
enum io_uring_register_pbuf_ring_flags {
	/* the kernel allocates the ring; map it at IORING_OFF_PBUF_RING */
	IOU_PBUF_RING_MMAP	= 1,
	/* buffers are consumed incrementally, a part per completion */
	IOU_PBUF_RING_INC	= 2,
};

/* IORING_REGISTER_PBUF_RING argument */
struct io_uring_buf_reg {
	__u64	ring_addr;
	__u32	ring_entries;
	__u16	bgid;
	__u16	flags;
	__u32	min_left;
	__u32	resv[5];
};

/* IORING_REGISTER_PBUF_STATUS argument */
struct io_uring_buf_status {
	__u32	buf_group;	/* in */
	__u32	head;		/* out */
	__u32	resv[8];
};

/* IORING_REGISTER_NAPI argument */
struct io_uring_napi {
	__u32	busy_poll_to;	/* microseconds */
	__u8	prefer_busy_poll;
	__u8	pad[3];
	__u64	resv;
};

/* io_uring_restriction->opcode */
enum io_uring_register_restriction_op {
	/* allow an io_uring_register(2) opcode */
	IORING_RESTRICTION_REGISTER_OP		= 0,
	/* allow an SQE opcode */
	IORING_RESTRICTION_SQE_OP		= 1,
	/* SQE flags that may be set */
	IORING_RESTRICTION_SQE_FLAGS_ALLOWED	= 2,
	/* SQE flags that must be set */
	IORING_RESTRICTION_SQE_FLAGS_REQUIRED	= 3,

	IORING_RESTRICTION_LAST
};

enum {
	/* ts holds a timeout */
	IORING_REG_WAIT_TS		= (1U << 0),
};

/*
 * One wait argument in a registered region, selected by offset with
 * IORING_ENTER_EXT_ARG_REG so waiting needs no copy of a struct.
 */
struct io_uring_reg_wait {
	struct __kernel_timespec	ts;
	__u32	min_wait_usec;
	__u32	flags;		/* IORING_REG_WAIT_* */
	__u64	sigmask;
	__u32	sigmask_sz;
	__u32	pad[3];
	__u64	pad2[2];
};

/* io_uring_enter(2) argument with IORING_ENTER_EXT_ARG */
struct io_uring_getevents_arg {
	__u64	sigmask;
	__u32	sigmask_sz;
	__u32	min_wait_usec;
	__u64	ts;		/* struct __kernel_timespec * */
};

/* IORING_REGISTER_SYNC_CANCEL argument */
struct io_uring_sync_cancel_reg {
	__u64	addr;
	__s32	fd;
	__u32	flags;		/* IORING_ASYNC_CANCEL_* */
	struct __kernel_timespec	timeout;
	__u8	opcode;
	__u8	pad[7];
	__u64	pad2[3];
};

/* IORING_REGISTER_FILE_ALLOC_RANGE argument */
struct io_uring_file_index_range {
	__u32	off;
	__u32	len;
	__u64	resv;
};

/*
 * Header the kernel writes at the start of each buffer filled by a
 * multishot IORING_OP_RECVMSG; name, control data and payload follow.
 */
struct io_uring_recvmsg_out {
	__u32	namelen;
	__u32	controllen;
	__u32	payloadlen;
	__u32	flags;
};

/* IORING_OP_URING_CMD sub-commands (sqe->cmd_op) on a socket */
enum io_uring_socket_op {
	SOCKET_URING_OP_SIOCINQ		= 0,
	SOCKET_URING_OP_SIOCOUTQ,
	SOCKET_URING_OP_GETSOCKOPT,
	SOCKET_URING_OP_SETSOCKOPT,
	SOCKET_URING_OP_TX_TIMESTAMP,
	SOCKET_URING_OP_GETSOCKNAME,
};

/*
 * SOCKET_URING_OP_TX_TIMESTAMP completions: bit 16 of cqe->flags marks a
 * hardware timestamp; the timestamp type starts at bit 17.
 */
#define IORING_TIMESTAMP_HW_SHIFT	16
#define IORING_TIMESTAMP_TYPE_SHIFT	(IORING_TIMESTAMP_HW_SHIFT + 1)
#define IORING_CQE_F_TSTAMP_HW		((__u32)1 << IORING_TIMESTAMP_HW_SHIFT)

/* a fixed-width timespec, the same on every ABI */
struct io_timespec {
	__u64	tv_sec;
	__u64	tv_nsec;
};

/* zero-copy receive refill queue entry: hand a buffer back to the kernel */
struct io_uring_zcrx_rqe {
	__u64	off;
	__u32	len;
	__u32	__pad;
};

/* extra half of a 32-byte CQE for IORING_OP_RECV_ZC */
struct io_uring_zcrx_cqe {
	__u64	off;		/* area id << IORING_ZCRX_AREA_SHIFT | offset */
	__u64	__pad;
};

/* io_uring_zcrx_cqe->off: the top 16 bits select the area */
#define IORING_ZCRX_AREA_SHIFT	48
#define IORING_ZCRX_AREA_MASK	(~(((__u64)1 << IORING_ZCRX_AREA_SHIFT) - 1))

/* where the refill queue fields lie in its region */
struct io_uring_zcrx_offsets {
	__u32	head;
	__u32	tail;
	__u32	rqes;
	__u32	__resv2;
	__u64	__resv[2];
};

enum io_uring_zcrx_area_flags {
	/* the area is a dma-buf, dmabuf_fd is valid */
	IORING_ZCRX_AREA_DMABUF		= 1,
};

struct io_uring_zcrx_area_reg {
	__u64	addr;
	__u64	len;
	__u64	rq_area_token;	/* out */
	__u32	flags;		/* IORING_ZCRX_AREA_* */
	__u32	dmabuf_fd;
	__u64	__resv2[2];
};

/* io_uring_zcrx_ifq_reg->flags */
enum zcrx_reg_flags {
	ZCRX_REG_IMPORT		= 1,
	ZCRX_REG_NODEV		= 2,
};

/* zcrx features reported by IO_URING_QUERY_ZCRX */
enum zcrx_features {
	/* rx_buf_len may be set at registration */
	ZCRX_FEATURE_RX_PAGE_SIZE	= 1,
};

/* IORING_REGISTER_ZCRX_IFQ argument */
struct io_uring_zcrx_ifq_reg {
	__u32	if_idx;
	__u32	if_rxq;
	__u32	rq_entries;
	__u32	flags;		/* ZCRX_REG_* */
	__u64	area_ptr;	/* struct io_uring_zcrx_area_reg * */
	__u64	region_ptr;	/* struct io_uring_region_desc * */
	struct io_uring_zcrx_offsets	offsets;	/* out */
	__u32	zcrx_id;	/* out */
	__u32	rx_buf_len;
	__u64	__resv[3];
};

/* zcrx_ctrl->op */
enum zcrx_ctrl_op {
	ZCRX_CTRL_FLUSH_RQ,
	ZCRX_CTRL_EXPORT,

	__ZCRX_CTRL_LAST,
};

struct zcrx_ctrl_flush_rq {
	__u64	__resv[6];
};

struct zcrx_ctrl_export {
	__u32	zcrx_fd;	/* out */
	__u32	__resv1[11];
};

/* IORING_REGISTER_ZCRX_CTRL argument */
struct zcrx_ctrl {
	__u32	zcrx_id;
	__u32	op;		/* ZCRX_CTRL_* */
	__u64	__resv[2];
	__extension__ union {
		struct zcrx_ctrl_export		zc_export;
		struct zcrx_ctrl_flush_rq	zc_flush;
	};
};

#ifdef __cplusplus
}
#endif

#endif /* LINUX_IO_URING_H */
