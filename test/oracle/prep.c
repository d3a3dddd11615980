/* SPDX-License-Identifier: MIT */
/*
 * Oracle: the bytes every prep helper of liburing 2.3 writes into an SQE.
 *
 * Each helper runs over NV argument vectors; argument k of vector v takes
 * entry (v + k) % NV of its type's edge values (0, all bits, the sign or
 * top bit alone, an ordinary value), so every argument meets every edge
 * value and neighbours differ.  Each call starts from an SQE filled with
 * 0x00 and again from one filled with 0xa5: the second shows which bytes
 * a helper leaves alone.  The line is the SQE's 64 bytes in hex; a write
 * past them (into the next SQE) is reported too.
 */
#include <limits.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "oracle.h"

#define NV 4

static int v;

static int I(int k)
{
	static const int t[NV] = { 0, -1, INT_MAX, 5 };
	return t[(v + k) % NV];
}

static unsigned U(int k)
{
	static const unsigned t[NV] = { 0, UINT_MAX, 0x80000000u, 7 };
	return t[(v + k) % NV];
}

static uint64_t U64(int k)
{
	static const uint64_t t[NV] = { 0, UINT64_MAX, 1ULL << 63,
					0x123456789abcdef0ULL };
	return t[(v + k) % NV];
}

static int64_t I64(int k)
{
	static const int64_t t[NV] = { 0, -1, INT64_MAX, 4096 };
	return t[(v + k) % NV];
}

static void *P(int k)
{
	static const uintptr_t t[NV] = { 0, UINTPTR_MAX, 0x1000,
					 (uintptr_t) 0x7f0012345678ULL };
	return (void *) t[(v + k) % NV];
}

static size_t SZ(int k)
{
	/* 2^40, or 2^30 where size_t has only 32 bits (i686, armhf) */
	static const size_t t[NV] = {
		0, SIZE_MAX, (size_t) 1 << (sizeof(size_t) > 4 ? 40 : 30), 4096
	};
	return t[(v + k) % NV];
}

static uint16_t U16(int k)
{
	static const uint16_t t[NV] = { 0, 0xffff, 0x8000, 16 };
	return t[(v + k) % NV];
}

static const unsigned char fills[] = { 0x00, 0xa5 };
static struct io_uring_sqe sqes[2];

static void start(unsigned fill)
{
	memset(sqes, fills[fill], sizeof(sqes));
}

static void dump(const char *name, unsigned fill)
{
	const unsigned char *b = (const unsigned char *) &sqes[0];
	const unsigned char *next = (const unsigned char *) &sqes[1];
	unsigned i;

	printf("%s v%d fill%02x ", name, v, fills[fill]);
	for (i = 0; i < sizeof(sqes[0]); i++)
		printf("%02x%s", b[i], (i % 8 == 7 && i != 63) ? "." : "");
	for (i = 0; i < sizeof(sqes[1]); i++)
		if (next[i] != fills[fill])
			break;
	printf("%s\n", i < sizeof(sqes[1]) ? " WROTE-NEXT-SQE" : "");
}

#define RUN(name, call)							\
	do {								\
		unsigned fill_;						\
		for (v = 0; v < NV; v++)				\
			for (fill_ = 0; fill_ < 2; fill_++) {		\
				start(fill_);				\
				call;					\
				dump(name, fill_);			\
			}						\
	} while (0)

#define PREP(fn, ...) RUN(#fn, fn(sqe, __VA_ARGS__))

int main(void)
{
	struct io_uring_sqe *sqe = &sqes[0];
	struct io_uring_probe *probe;

	o_check_library();
	/* makes the program need the library even where all is inline */
	probe = io_uring_get_probe();
	io_uring_free_probe(probe);

	RUN("io_uring_prep_rw", io_uring_prep_rw(I(0), sqe, I(1), P(2), U(3),
						 U64(4)));
	PREP(io_uring_prep_splice, I(0), I64(1), I(2), I64(3), U(4), U(5));
	PREP(io_uring_prep_tee, I(0), I(1), U(2), U(3));
	PREP(io_uring_prep_readv, I(0), P(1), U(2), U64(3));
	PREP(io_uring_prep_readv2, I(0), P(1), U(2), U64(3), I(4));
	PREP(io_uring_prep_read_fixed, I(0), P(1), U(2), U64(3), I(4));
	PREP(io_uring_prep_writev, I(0), P(1), U(2), U64(3));
	PREP(io_uring_prep_writev2, I(0), P(1), U(2), U64(3), I(4));
	PREP(io_uring_prep_write_fixed, I(0), P(1), U(2), U64(3), I(4));
	PREP(io_uring_prep_recvmsg, I(0), P(1), U(2));
	PREP(io_uring_prep_recvmsg_multishot, I(0), P(1), U(2));
	PREP(io_uring_prep_sendmsg, I(0), P(1), U(2));
	PREP(io_uring_prep_poll_add, I(0), U(1));
	PREP(io_uring_prep_poll_multishot, I(0), U(1));
	PREP(io_uring_prep_poll_remove, U64(0));
	PREP(io_uring_prep_poll_update, U64(0), U64(1), U(2), U(3));
	PREP(io_uring_prep_fsync, I(0), U(1));
	RUN("io_uring_prep_nop", io_uring_prep_nop(sqe));
	PREP(io_uring_prep_timeout, P(0), U(1), U(2));
	PREP(io_uring_prep_timeout_remove, U64(0), U(1));
	PREP(io_uring_prep_timeout_update, P(0), U64(1), U(2));
	PREP(io_uring_prep_accept, I(0), P(1), P(2), I(3));
	PREP(io_uring_prep_accept_direct, I(0), P(1), P(2), I(3), U(4));
	PREP(io_uring_prep_multishot_accept, I(0), P(1), P(2), I(3));
	PREP(io_uring_prep_multishot_accept_direct, I(0), P(1), P(2), I(3));
	PREP(io_uring_prep_cancel64, U64(0), I(1));
	PREP(io_uring_prep_cancel, P(0), I(1));
	PREP(io_uring_prep_cancel_fd, I(0), U(1));
	PREP(io_uring_prep_link_timeout, P(0), U(1));
	PREP(io_uring_prep_connect, I(0), P(1), U(2));
	PREP(io_uring_prep_files_update, P(0), U(1), I(2));
	PREP(io_uring_prep_fallocate, I(0), I(1), I64(2), I64(3));
	PREP(io_uring_prep_openat, I(0), P(1), I(2), U(3));
	PREP(io_uring_prep_openat_direct, I(0), P(1), I(2), U(3), U(4));
	PREP(io_uring_prep_close, I(0));
	PREP(io_uring_prep_close_direct, U(0));
	PREP(io_uring_prep_read, I(0), P(1), U(2), U64(3));
	PREP(io_uring_prep_write, I(0), P(1), U(2), U64(3));
	PREP(io_uring_prep_statx, I(0), P(1), I(2), U(3), P(4));
	PREP(io_uring_prep_fadvise, I(0), U64(1), I64(2), I(3));
	PREP(io_uring_prep_madvise, P(0), I64(1), I(2));
	PREP(io_uring_prep_send, I(0), P(1), SZ(2), I(3));
	PREP(io_uring_prep_send_zc, I(0), P(1), SZ(2), I(3), U(4));
	PREP(io_uring_prep_send_zc_fixed, I(0), P(1), SZ(2), I(3), U(4),
	     U(5));
	PREP(io_uring_prep_sendmsg_zc, I(0), P(1), U(2));
	PREP(io_uring_prep_send_set_addr, P(0), U16(1));
	PREP(io_uring_prep_recv, I(0), P(1), SZ(2), I(3));
	PREP(io_uring_prep_recv_multishot, I(0), P(1), SZ(2), I(3));
	PREP(io_uring_prep_openat2, I(0), P(1), P(2));
	PREP(io_uring_prep_openat2_direct, I(0), P(1), P(2), U(3));
	PREP(io_uring_prep_epoll_ctl, I(0), I(1), I(2), P(3));
	PREP(io_uring_prep_provide_buffers, P(0), I(1), I(2), I(3), I(4));
	PREP(io_uring_prep_remove_buffers, I(0), I(1));
	PREP(io_uring_prep_shutdown, I(0), I(1));
	PREP(io_uring_prep_unlinkat, I(0), P(1), I(2));
	PREP(io_uring_prep_unlink, P(0), I(1));
	PREP(io_uring_prep_renameat, I(0), P(1), I(2), P(3), U(4));
	PREP(io_uring_prep_rename, P(0), P(1));
	PREP(io_uring_prep_sync_file_range, I(0), U(1), U64(2), I(3));
	PREP(io_uring_prep_mkdirat, I(0), P(1), U(2));
	PREP(io_uring_prep_mkdir, P(0), U(1));
	PREP(io_uring_prep_symlinkat, P(0), I(1), P(2));
	PREP(io_uring_prep_symlink, P(0), P(1));
	PREP(io_uring_prep_linkat, I(0), P(1), I(2), P(3), I(4));
	PREP(io_uring_prep_link, P(0), P(1), I(2));
	PREP(io_uring_prep_msg_ring, I(0), U(1), U64(2), U(3));
	PREP(io_uring_prep_getxattr, P(0), P(1), P(2), U(3));
	PREP(io_uring_prep_setxattr, P(0), P(1), P(2), I(3), U(4));
	PREP(io_uring_prep_fgetxattr, I(0), P(1), P(2), U(3));
	PREP(io_uring_prep_fsetxattr, I(0), P(1), P(2), I(3), U(4));
	PREP(io_uring_prep_socket, I(0), I(1), I(2), U(3));
	PREP(io_uring_prep_socket_direct, I(0), I(1), I(2), U(3), U(4));
	PREP(io_uring_prep_socket_direct_alloc, I(0), I(1), I(2), U(3));

	/* the SQE setters a program calls after a prep helper */
	PREP(io_uring_sqe_set_data, P(0));
	PREP(io_uring_sqe_set_data64, U64(0));
	PREP(io_uring_sqe_set_flags, U(0));
	PREP(__io_uring_set_target_fixed_file, U(0));
	return 0;
}
