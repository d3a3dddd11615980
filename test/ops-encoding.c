/* SPDX-License-Identifier: MIT */
/*
 * SQE encoding of every prep helper.  Each helper fills a slot pre-filled
 * with 0xff bytes (what a reused ring slot may hold); the result must
 * equal, field by field, an SQE built by name from what the kernel reads
 * for that opcode, with every other field zero and user_data untouched
 * (the helpers never write it).  Helpers for 64-byte SQEs must not touch
 * the 64 bytes after the slot either.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/falloc.h>
#include <netinet/in.h>
#include "helpers.h"

#ifndef SPLICE_F_MOVE
#define SPLICE_F_MOVE		1
#endif
#ifndef XATTR_CREATE
#define XATTR_CREATE		1
#define XATTR_REPLACE		2
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	1
#endif
#ifndef SYNC_FILE_RANGE_WRITE
#define SYNC_FILE_RANGE_WRITE	2
#endif

/* slot[0] is the SQE under test; slot[1] must stay 0xff unless 128-byte. */
static struct io_uring_sqe slot[2];
static struct io_uring_sqe want;

/* Fake user pointers: the helpers only store them. */
#define P(x)	((void *) (uintptr_t) (x))
#define U(x)	((__u64) (uintptr_t) (x))

#define PREP(call)							\
	do {								\
		memset(slot, 0xff, sizeof(slot));			\
		call;							\
	} while (0)

/* Starts the expected SQE: all zero, user_data as the slot left it. */
static void W(void)
{
	memset(&want, 0, sizeof(want));
	want.user_data = ~0ULL;
}

/*
 * The checker: the first way slot[0] differs from want, written into why,
 * or NULL when it matches.  Named fields first, for a readable message;
 * then every byte, so that nothing hides in a spot the named fields do
 * not cover; then, unless the helper builds a 128-byte SQE, the slot
 * after it, which must still hold its 0xff fill.
 */
#define DIFF(field)							\
	do {								\
		if (slot[0].field != want.field) {			\
			snprintf(why, size, #field " is 0x%llx, want 0x%llx", \
				 (unsigned long long) slot[0].field,	\
				 (unsigned long long) want.field);	\
			return why;					\
		}							\
	} while (0)

static const char *sqe_diff(int big, char *why, size_t size)
{
	const unsigned char *rest = (const unsigned char *) &slot[1];
	size_t i;

	DIFF(opcode);
	DIFF(flags);
	DIFF(ioprio);
	DIFF(fd);
	DIFF(off);
	DIFF(addr);
	DIFF(len);
	DIFF(rw_flags);
	DIFF(user_data);
	DIFF(buf_index);
	DIFF(personality);
	DIFF(file_index);
	DIFF(addr3);
	DIFF(__pad2[0]);
	if (memcmp(&slot[0], &want, sizeof(want))) {
		snprintf(why, size, "SQE bytes differ");
		return why;
	}
	if (big)
		return NULL;
	for (i = 0; i < sizeof(slot[1]); i++) {
		if (rest[i] != 0xff) {
			snprintf(why, size, "wrote past the 64-byte SQE");
			return why;
		}
	}
	return NULL;
}

static void check_sqe(int line, int big)
{
	char why[128];

	if (sqe_diff(big, why, sizeof(why)))
		fail_msg("line %d: %s", line, why);
}

#define CHECK()		check_sqe(__LINE__, 0)
#define CHECK_BIG()	check_sqe(__LINE__, 1)

static __u32 poll_word(unsigned mask)
{
#if __BYTE_ORDER == __BIG_ENDIAN
	return __swahw32(mask);
#else
	return mask;
#endif
}

static void test_enc_rw(void **state)
{
	struct iovec iov[2];

	(void) state;
	W(); want.opcode = IORING_OP_READ; want.fd = 5;
	want.addr = 0x1234; want.len = 77; want.off = 0x55;
	PREP(io_uring_prep_rw(IORING_OP_READ, slot, 5, P(0x1234), 77, 0x55));
	CHECK();

	W(); want.opcode = IORING_OP_NOP; want.fd = -1;
	PREP(io_uring_prep_nop(slot));
	CHECK();

	W(); want.opcode = IORING_OP_READ; want.fd = 3; want.addr = 0x1000;
	want.len = 100; want.off = 4096;
	PREP(io_uring_prep_read(slot, 3, P(0x1000), 100, 4096));
	CHECK();

	W(); want.opcode = IORING_OP_WRITE; want.fd = 3; want.addr = 0x1000;
	want.len = 100; want.off = 1ULL << 40;
	PREP(io_uring_prep_write(slot, 3, P(0x1000), 100, 1ULL << 40));
	CHECK();

	W(); want.opcode = IORING_OP_READV; want.fd = 3; want.addr = U(iov);
	want.len = 2; want.off = 8;
	PREP(io_uring_prep_readv(slot, 3, iov, 2, 8));
	CHECK();

	W(); want.opcode = IORING_OP_WRITEV; want.fd = 3; want.addr = U(iov);
	want.len = 2; want.off = (__u64) -1;
	PREP(io_uring_prep_writev(slot, 3, iov, 2, (__u64) -1));
	CHECK();

	/* preadv2/pwritev2 flags are RWF_* in rw_flags */
	W(); want.opcode = IORING_OP_READV; want.fd = 3; want.addr = U(iov);
	want.len = 2; want.off = 8; want.rw_flags = RWF_NOWAIT;
	PREP(io_uring_prep_readv2(slot, 3, iov, 2, 8, RWF_NOWAIT));
	CHECK();

	W(); want.opcode = IORING_OP_WRITEV; want.fd = 3; want.addr = U(iov);
	want.len = 2; want.off = 8; want.rw_flags = RWF_APPEND | RWF_DSYNC;
	PREP(io_uring_prep_writev2(slot, 3, iov, 2, 8,
				   RWF_APPEND | RWF_DSYNC));
	CHECK();
}

static void test_enc_fixed_rw(void **state)
{
	struct iovec iov[2];

	(void) state;
	/* registered buffer index in buf_index */
	W(); want.opcode = IORING_OP_READ_FIXED; want.fd = 3;
	want.addr = 0x2000; want.len = 512; want.off = 64; want.buf_index = 5;
	PREP(io_uring_prep_read_fixed(slot, 3, P(0x2000), 512, 64, 5));
	CHECK();

	W(); want.opcode = IORING_OP_WRITE_FIXED; want.fd = 3;
	want.addr = 0x2000; want.len = 512; want.off = 64; want.buf_index = 1;
	PREP(io_uring_prep_write_fixed(slot, 3, P(0x2000), 512, 64, 1));
	CHECK();

	W(); want.opcode = IORING_OP_READV_FIXED; want.fd = 3;
	want.addr = U(iov); want.len = 2; want.off = 0;
	want.rw_flags = RWF_HIPRI; want.buf_index = 6;
	PREP(io_uring_prep_readv_fixed(slot, 3, iov, 2, 0, RWF_HIPRI, 6));
	CHECK();

	W(); want.opcode = IORING_OP_WRITEV_FIXED; want.fd = 3;
	want.addr = U(iov); want.len = 1; want.off = 10;
	want.rw_flags = RWF_SYNC; want.buf_index = 0;
	PREP(io_uring_prep_writev_fixed(slot, 3, iov, 1, 10, RWF_SYNC, 0));
	CHECK();

	/* multishot read: buffer selection is mandatory, group in buf_group */
	W(); want.opcode = IORING_OP_READ_MULTISHOT; want.fd = 3;
	want.len = 0; want.off = 16; want.buf_group = 9;
	want.flags = IOSQE_BUFFER_SELECT;
	PREP(io_uring_prep_read_multishot(slot, 3, 0, 16, 9));
	CHECK();
}

/*
 * 2^shift as an off_t, the 64-bit helpers' length type: past 32 bits
 * where off_t has 64, and 2^30 where it has 32 (a 32-bit ABI built
 * without _FILE_OFFSET_BITS=64), which cannot hold more.
 */
#define BIG_OFF(shift)	((off_t) 1 << (sizeof(off_t) > 4 ? (shift) : 30))

static void test_enc_sync_space(void **state)
{
	(void) state;
	W(); want.opcode = IORING_OP_FSYNC; want.fd = 3;
	want.fsync_flags = IORING_FSYNC_DATASYNC;
	PREP(io_uring_prep_fsync(slot, 3, IORING_FSYNC_DATASYNC));
	CHECK();

	W(); want.opcode = IORING_OP_SYNC_FILE_RANGE; want.fd = 3;
	want.len = 4096; want.off = 8192;
	want.sync_range_flags = SYNC_FILE_RANGE_WRITE;
	PREP(io_uring_prep_sync_file_range(slot, 3, 4096, 8192,
					   SYNC_FILE_RANGE_WRITE));
	CHECK();

	/* fallocate: mode in len, length in addr */
	W(); want.opcode = IORING_OP_FALLOCATE; want.fd = 3;
	want.len = FALLOC_FL_KEEP_SIZE; want.off = 4096; want.addr = 1ULL << 33;
	PREP(io_uring_prep_fallocate(slot, 3, FALLOC_FL_KEEP_SIZE, 4096,
				     1ULL << 33));
	CHECK();

	/* fadvise: 32-bit length in len, 64-bit one in addr */
	W(); want.opcode = IORING_OP_FADVISE; want.fd = 3; want.off = 100;
	want.len = 200; want.fadvise_advice = POSIX_FADV_DONTNEED;
	PREP(io_uring_prep_fadvise(slot, 3, 100, 200, POSIX_FADV_DONTNEED));
	CHECK();

	W(); want.opcode = IORING_OP_FADVISE; want.fd = 3; want.off = 100;
	want.addr = (__u64) BIG_OFF(34);
	want.fadvise_advice = POSIX_FADV_WILLNEED;
	PREP(io_uring_prep_fadvise64(slot, 3, 100, BIG_OFF(34),
				     POSIX_FADV_WILLNEED));
	CHECK();

	/* madvise: 32-bit length in len, 64-bit one in off */
	W(); want.opcode = IORING_OP_MADVISE; want.fd = -1;
	want.addr = 0x10000; want.len = 8192;
	want.fadvise_advice = MADV_DONTNEED;
	PREP(io_uring_prep_madvise(slot, P(0x10000), 8192, MADV_DONTNEED));
	CHECK();

	W(); want.opcode = IORING_OP_MADVISE; want.fd = -1;
	want.addr = 0x10000; want.off = (__u64) BIG_OFF(33);
	want.fadvise_advice = MADV_WILLNEED;
	PREP(io_uring_prep_madvise64(slot, P(0x10000), BIG_OFF(33),
				     MADV_WILLNEED));
	CHECK();

	/* ftruncate: new size in off */
	W(); want.opcode = IORING_OP_FTRUNCATE; want.fd = 3;
	want.off = 1ULL << 33;
	PREP(io_uring_prep_ftruncate(slot, 3, (loff_t) (1LL << 33)));
	CHECK();
}

static void test_enc_splice(void **state)
{
	(void) state;
	/* output side in fd/off, input in splice_fd_in/splice_off_in */
	W(); want.opcode = IORING_OP_SPLICE; want.fd = 5; want.off = 1000;
	want.splice_off_in = (__u64) -1; want.len = 300;
	want.splice_flags = SPLICE_F_MOVE; want.splice_fd_in = 4;
	PREP(io_uring_prep_splice(slot, 4, -1, 5, 1000, 300, SPLICE_F_MOVE));
	CHECK();

	W(); want.opcode = IORING_OP_SPLICE; want.fd = 5; want.off = (__u64) -1;
	want.splice_off_in = 77; want.len = 1; want.splice_fd_in = 0;
	PREP(io_uring_prep_splice(slot, 0, 77, 5, -1, 1, 0));
	CHECK();

	/* tee: no offsets at all */
	W(); want.opcode = IORING_OP_TEE; want.fd = 5; want.len = 300;
	want.splice_fd_in = 4; want.splice_flags = SPLICE_F_FD_IN_FIXED;
	PREP(io_uring_prep_tee(slot, 4, 5, 300, SPLICE_F_FD_IN_FIXED));
	CHECK();
}

static void test_enc_open_close(void **state)
{
	struct open_how how;
	int fds[2];

	(void) state;
	/* statx: mask in len, buffer in addr2 */
	W(); want.opcode = IORING_OP_STATX; want.fd = AT_FDCWD;
	want.addr = 0x3000; want.len = 0x200; want.off = 0x4000;
	want.statx_flags = AT_SYMLINK_NOFOLLOW;
	PREP(io_uring_prep_statx(slot, AT_FDCWD, (const char *) P(0x3000),
				 AT_SYMLINK_NOFOLLOW, 0x200,
				 (struct statx *) P(0x4000)));
	CHECK();

	/* openat: mode in len, flags in open_flags */
	W(); want.opcode = IORING_OP_OPENAT; want.fd = 7; want.addr = 0x3000;
	want.len = 0640; want.open_flags = O_RDWR | O_CREAT;
	PREP(io_uring_prep_openat(slot, 7, (const char *) P(0x3000),
				  O_RDWR | O_CREAT, 0640));
	CHECK();

	/* direct: 1-based slot in file_index */
	want.file_index = 4;
	PREP(io_uring_prep_openat_direct(slot, 7, (const char *) P(0x3000),
					 O_RDWR | O_CREAT, 0640, 3));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_openat_direct(slot, 7, (const char *) P(0x3000),
					 O_RDWR | O_CREAT, 0640,
					 IORING_FILE_INDEX_ALLOC));
	CHECK();

	W(); want.opcode = IORING_OP_OPENAT; want.fd = AT_FDCWD;
	want.addr = 0x3000; want.len = 0600; want.open_flags = O_WRONLY;
	PREP(io_uring_prep_open(slot, (const char *) P(0x3000), O_WRONLY,
				0600));
	CHECK();
	want.file_index = 1;
	PREP(io_uring_prep_open_direct(slot, (const char *) P(0x3000),
				       O_WRONLY, 0600, 0));
	CHECK();

	/* openat2: struct open_how in addr2, its size in len */
	W(); want.opcode = IORING_OP_OPENAT2; want.fd = 7; want.addr = 0x3000;
	want.len = sizeof(how); want.off = U(&how);
	PREP(io_uring_prep_openat2(slot, 7, (const char *) P(0x3000), &how));
	CHECK();
	want.file_index = 10;
	PREP(io_uring_prep_openat2_direct(slot, 7, (const char *) P(0x3000),
					  &how, 9));
	CHECK();

	W(); want.opcode = IORING_OP_CLOSE; want.fd = 9;
	PREP(io_uring_prep_close(slot, 9));
	CHECK();

	/* close_direct: fd 0, slot in file_index */
	W(); want.opcode = IORING_OP_CLOSE; want.fd = 0; want.file_index = 5;
	PREP(io_uring_prep_close_direct(slot, 4));
	CHECK();

	/* fixed_fd_install: must be marked IOSQE_FIXED_FILE */
	W(); want.opcode = IORING_OP_FIXED_FD_INSTALL; want.fd = 2;
	want.flags = IOSQE_FIXED_FILE;
	want.install_fd_flags = IORING_FIXED_FD_NO_CLOEXEC;
	PREP(io_uring_prep_fixed_fd_install(slot, 2,
					    IORING_FIXED_FD_NO_CLOEXEC));
	CHECK();

	/* files_update: array in addr, count in len, first slot in off */
	W(); want.opcode = IORING_OP_FILES_UPDATE; want.fd = -1;
	want.addr = U(fds); want.len = 2; want.off = 10;
	PREP(io_uring_prep_files_update(slot, fds, 2, 10));
	CHECK();
	/*
	 * The int offset is sign-extended, as liburing writes it (the
	 * kernel reads the low 32 bits); test/oracle shows 2.3 does so.
	 */
	want.off = ~0ULL;
	PREP(io_uring_prep_files_update(slot, fds, 2,
					(int) IORING_FILE_INDEX_ALLOC));
	CHECK();

	/* pipe: fd must be 0, fds array in addr */
	W(); want.opcode = IORING_OP_PIPE; want.fd = 0; want.addr = U(fds);
	want.pipe_flags = O_CLOEXEC;
	PREP(io_uring_prep_pipe(slot, fds, O_CLOEXEC));
	CHECK();
	W(); want.opcode = IORING_OP_PIPE; want.fd = 0; want.addr = U(fds);
	want.pipe_flags = O_NONBLOCK; want.file_index = 7;
	PREP(io_uring_prep_pipe_direct(slot, fds, O_NONBLOCK, 6));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_pipe_direct(slot, fds, O_NONBLOCK,
				       IORING_FILE_INDEX_ALLOC));
	CHECK();
}

static void test_enc_xattr(void **state)
{
	const char *name = (const char *) P(0x5000);
	const char *path = (const char *) P(0x7000);
	char *value = (char *) P(0x6000);

	(void) state;
	/* name in addr, value in addr2, size in len, path in addr3 */
	W(); want.opcode = IORING_OP_GETXATTR; want.fd = 0;
	want.addr = 0x5000; want.off = 0x6000; want.len = 64;
	want.addr3 = 0x7000;
	PREP(io_uring_prep_getxattr(slot, name, value, path, 64));
	CHECK();

	W(); want.opcode = IORING_OP_SETXATTR; want.fd = 0;
	want.addr = 0x5000; want.off = 0x6000; want.len = 5;
	want.addr3 = 0x7000; want.xattr_flags = XATTR_CREATE;
	PREP(io_uring_prep_setxattr(slot, name, value, path, XATTR_CREATE, 5));
	CHECK();

	W(); want.opcode = IORING_OP_FGETXATTR; want.fd = 3;
	want.addr = 0x5000; want.off = 0x6000; want.len = 64;
	PREP(io_uring_prep_fgetxattr(slot, 3, name, value, 64));
	CHECK();

	W(); want.opcode = IORING_OP_FSETXATTR; want.fd = 3;
	want.addr = 0x5000; want.off = 0x6000; want.len = 5;
	want.xattr_flags = XATTR_REPLACE;
	PREP(io_uring_prep_fsetxattr(slot, 3, name, value, XATTR_REPLACE, 5));
	CHECK();
}

static void test_enc_dirents(void **state)
{
	const char *a = (const char *) P(0x5000);
	const char *b = (const char *) P(0x6000);

	(void) state;
	/* renameat: old in fd/addr, new dir in len, new path in addr2 */
	W(); want.opcode = IORING_OP_RENAMEAT; want.fd = 3; want.addr = 0x5000;
	want.len = 4; want.off = 0x6000; want.rename_flags = RENAME_NOREPLACE;
	PREP(io_uring_prep_renameat(slot, 3, a, 4, b, RENAME_NOREPLACE));
	CHECK();
	W(); want.opcode = IORING_OP_RENAMEAT; want.fd = AT_FDCWD;
	want.addr = 0x5000; want.len = (__u32) AT_FDCWD; want.off = 0x6000;
	PREP(io_uring_prep_rename(slot, a, b));
	CHECK();

	W(); want.opcode = IORING_OP_UNLINKAT; want.fd = 3; want.addr = 0x5000;
	want.unlink_flags = AT_REMOVEDIR;
	PREP(io_uring_prep_unlinkat(slot, 3, a, AT_REMOVEDIR));
	CHECK();
	W(); want.opcode = IORING_OP_UNLINKAT; want.fd = AT_FDCWD;
	want.addr = 0x5000;
	PREP(io_uring_prep_unlink(slot, a, 0));
	CHECK();

	W(); want.opcode = IORING_OP_MKDIRAT; want.fd = 3; want.addr = 0x5000;
	want.len = 0750;
	PREP(io_uring_prep_mkdirat(slot, 3, a, 0750));
	CHECK();
	W(); want.opcode = IORING_OP_MKDIRAT; want.fd = AT_FDCWD;
	want.addr = 0x5000; want.len = 0700;
	PREP(io_uring_prep_mkdir(slot, a, 0700));
	CHECK();

	/* symlinkat: target in addr, new dir in fd, link path in addr2 */
	W(); want.opcode = IORING_OP_SYMLINKAT; want.fd = 3; want.addr = 0x5000;
	want.off = 0x6000;
	PREP(io_uring_prep_symlinkat(slot, a, 3, b));
	CHECK();
	W(); want.opcode = IORING_OP_SYMLINKAT; want.fd = AT_FDCWD;
	want.addr = 0x5000; want.off = 0x6000;
	PREP(io_uring_prep_symlink(slot, a, b));
	CHECK();

	W(); want.opcode = IORING_OP_LINKAT; want.fd = 3; want.addr = 0x5000;
	want.len = 4; want.off = 0x6000;
	want.hardlink_flags = AT_SYMLINK_FOLLOW;
	PREP(io_uring_prep_linkat(slot, 3, a, 4, b, AT_SYMLINK_FOLLOW));
	CHECK();
	W(); want.opcode = IORING_OP_LINKAT; want.fd = AT_FDCWD;
	want.addr = 0x5000; want.len = (__u32) AT_FDCWD; want.off = 0x6000;
	PREP(io_uring_prep_link(slot, a, b, 0));
	CHECK();
}

static void test_enc_socket(void **state)
{
	struct sockaddr *sa = (struct sockaddr *) P(0x8000);
	socklen_t *lenp = (socklen_t *) P(0x9000);

	(void) state;
	/* socket: domain in fd, type in off, protocol in len */
	W(); want.opcode = IORING_OP_SOCKET; want.fd = AF_INET;
	want.off = SOCK_STREAM | SOCK_CLOEXEC; want.len = IPPROTO_TCP;
	PREP(io_uring_prep_socket(slot, AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
				  IPPROTO_TCP, 0));
	CHECK();
	want.file_index = 4;
	PREP(io_uring_prep_socket_direct(slot, AF_INET,
					 SOCK_STREAM | SOCK_CLOEXEC,
					 IPPROTO_TCP, 3, 0));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_socket_direct(slot, AF_INET,
					 SOCK_STREAM | SOCK_CLOEXEC,
					 IPPROTO_TCP, IORING_FILE_INDEX_ALLOC,
					 0));
	CHECK();
	PREP(io_uring_prep_socket_direct_alloc(slot, AF_INET,
					       SOCK_STREAM | SOCK_CLOEXEC,
					       IPPROTO_TCP, 0));
	CHECK();

	/* bind/connect: address length in addr2 */
	W(); want.opcode = IORING_OP_BIND; want.fd = 3; want.addr = 0x8000;
	want.off = 16;
	PREP(io_uring_prep_bind(slot, 3, sa, 16));
	CHECK();
	W(); want.opcode = IORING_OP_CONNECT; want.fd = 3; want.addr = 0x8000;
	want.off = 28;
	PREP(io_uring_prep_connect(slot, 3, sa, 28));
	CHECK();

	W(); want.opcode = IORING_OP_LISTEN; want.fd = 3; want.len = 128;
	PREP(io_uring_prep_listen(slot, 3, 128));
	CHECK();

	/* accept: addrlen pointer in addr2, SOCK_* in accept_flags */
	W(); want.opcode = IORING_OP_ACCEPT; want.fd = 3; want.addr = 0x8000;
	want.off = 0x9000; want.accept_flags = SOCK_NONBLOCK;
	PREP(io_uring_prep_accept(slot, 3, sa, lenp, SOCK_NONBLOCK));
	CHECK();
	want.file_index = 6;
	PREP(io_uring_prep_accept_direct(slot, 3, sa, lenp, SOCK_NONBLOCK, 5));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_accept_direct(slot, 3, sa, lenp, SOCK_NONBLOCK,
					 IORING_FILE_INDEX_ALLOC));
	CHECK();
	/* multishot in ioprio */
	W(); want.opcode = IORING_OP_ACCEPT; want.fd = 3;
	want.ioprio = IORING_ACCEPT_MULTISHOT;
	PREP(io_uring_prep_multishot_accept(slot, 3, NULL, NULL, 0));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_multishot_accept_direct(slot, 3, NULL, NULL, 0));
	CHECK();

	W(); want.opcode = IORING_OP_SHUTDOWN; want.fd = 3; want.len = SHUT_WR;
	PREP(io_uring_prep_shutdown(slot, 3, SHUT_WR));
	CHECK();
}

static void test_enc_send_recv(void **state)
{
	struct sockaddr *sa = (struct sockaddr *) P(0x8000);
	struct msghdr msg;

	(void) state;
	W(); want.opcode = IORING_OP_SEND; want.fd = 3; want.addr = 0x1000;
	want.len = 100; want.msg_flags = MSG_DONTWAIT;
	PREP(io_uring_prep_send(slot, 3, P(0x1000), 100, MSG_DONTWAIT));
	CHECK();

	/* destination address in addr2, its length in addr_len */
	want.addr2 = 0x8000; want.addr_len = 16;
	PREP(io_uring_prep_sendto(slot, 3, P(0x1000), 100, MSG_DONTWAIT, sa,
				  16));
	CHECK();
	PREP(io_uring_prep_send(slot, 3, P(0x1000), 100, MSG_DONTWAIT);
	     io_uring_prep_send_set_addr(slot, sa, 16));
	CHECK();

	W(); want.opcode = IORING_OP_SEND; want.fd = 3; want.len = 0;
	want.ioprio = IORING_RECVSEND_BUNDLE;
	PREP(io_uring_prep_send_bundle(slot, 3, 0, 0));
	CHECK();

	W(); want.opcode = IORING_OP_RECV; want.fd = 3; want.addr = 0x1000;
	want.len = 100; want.msg_flags = MSG_WAITALL;
	PREP(io_uring_prep_recv(slot, 3, P(0x1000), 100, MSG_WAITALL));
	CHECK();
	W(); want.opcode = IORING_OP_RECV; want.fd = 3;
	want.ioprio = IORING_RECV_MULTISHOT;
	PREP(io_uring_prep_recv_multishot(slot, 3, NULL, 0, 0));
	CHECK();

	/* one msghdr at addr, len 1 */
	W(); want.opcode = IORING_OP_SENDMSG; want.fd = 3; want.addr = U(&msg);
	want.len = 1; want.msg_flags = MSG_NOSIGNAL;
	PREP(io_uring_prep_sendmsg(slot, 3, &msg, MSG_NOSIGNAL));
	CHECK();
	W(); want.opcode = IORING_OP_RECVMSG; want.fd = 3; want.addr = U(&msg);
	want.len = 1; want.msg_flags = MSG_TRUNC;
	PREP(io_uring_prep_recvmsg(slot, 3, &msg, MSG_TRUNC));
	CHECK();
	want.ioprio = IORING_RECV_MULTISHOT;
	PREP(io_uring_prep_recvmsg_multishot(slot, 3, &msg, MSG_TRUNC));
	CHECK();

	/* zero copy: zc flags in ioprio, registered buffer in buf_index */
	W(); want.opcode = IORING_OP_SEND_ZC; want.fd = 3; want.addr = 0x1000;
	want.len = 100; want.ioprio = IORING_RECVSEND_POLL_FIRST;
	PREP(io_uring_prep_send_zc(slot, 3, P(0x1000), 100, 0,
				   IORING_RECVSEND_POLL_FIRST));
	CHECK();
	want.ioprio |= IORING_RECVSEND_FIXED_BUF; want.buf_index = 7;
	want.msg_flags = MSG_MORE;
	PREP(io_uring_prep_send_zc_fixed(slot, 3, P(0x1000), 100, MSG_MORE,
					 IORING_RECVSEND_POLL_FIRST, 7));
	CHECK();

	W(); want.opcode = IORING_OP_SENDMSG_ZC; want.fd = 3;
	want.addr = U(&msg); want.len = 1;
	PREP(io_uring_prep_sendmsg_zc(slot, 3, &msg, 0));
	CHECK();
	want.ioprio = IORING_RECVSEND_FIXED_BUF; want.buf_index = 2;
	PREP(io_uring_prep_sendmsg_zc_fixed(slot, 3, &msg, 0, 2));
	CHECK();
}

static void test_enc_poll_epoll(void **state)
{
	struct epoll_event ev[4];

	(void) state;
	/* 32-bit mask in poll32_events, flags in len */
	W(); want.opcode = IORING_OP_POLL_ADD; want.fd = 3;
	want.poll32_events = poll_word(POLLIN | POLLOUT | EPOLLRDHUP);
	PREP(io_uring_prep_poll_add(slot, 3, POLLIN | POLLOUT | EPOLLRDHUP));
	CHECK();
	want.len = IORING_POLL_ADD_MULTI;
	PREP(io_uring_prep_poll_multishot(slot, 3,
					  POLLIN | POLLOUT | EPOLLRDHUP));
	CHECK();

	/* target user_data in addr */
	W(); want.opcode = IORING_OP_POLL_REMOVE; want.fd = -1;
	want.addr = 0x99;
	PREP(io_uring_prep_poll_remove(slot, 0x99));
	CHECK();
	/* update: old in addr, new in off, mask, what to update in len */
	W(); want.opcode = IORING_OP_POLL_REMOVE; want.fd = -1;
	want.addr = 0x99; want.off = 0xaa;
	want.len = IORING_POLL_UPDATE_EVENTS | IORING_POLL_UPDATE_USER_DATA;
	want.poll32_events = poll_word(POLLIN);
	PREP(io_uring_prep_poll_update(slot, 0x99, 0xaa, POLLIN,
				       IORING_POLL_UPDATE_EVENTS |
				       IORING_POLL_UPDATE_USER_DATA));
	CHECK();

	/* epoll_ctl: op in len, target fd in off, event at addr */
	W(); want.opcode = IORING_OP_EPOLL_CTL; want.fd = 7; want.len =
		EPOLL_CTL_MOD; want.off = 3; want.addr = U(ev);
	PREP(io_uring_prep_epoll_ctl(slot, 7, 3, EPOLL_CTL_MOD, ev));
	CHECK();
	W(); want.opcode = IORING_OP_EPOLL_WAIT; want.fd = 7; want.addr = U(ev);
	want.len = 4;
	PREP(io_uring_prep_epoll_wait(slot, 7, ev, 4, 0));
	CHECK();
}

static void test_enc_sock_cmds(void **state)
{
	int val;
	socklen_t len;

	(void) state;
	/* level/optname overlay addr, optval addr3, optlen file_index */
	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3;
	want.cmd_op = SOCKET_URING_OP_GETSOCKOPT; want.level = SOL_SOCKET;
	want.optname = SO_RCVBUF; want.optval = U(&val);
	want.optlen = sizeof(val);
	PREP(io_uring_prep_cmd_sock(slot, SOCKET_URING_OP_GETSOCKOPT, 3,
				    SOL_SOCKET, SO_RCVBUF, &val,
				    sizeof(val)));
	CHECK();

	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3;
	want.cmd_op = SOCKET_URING_OP_SIOCINQ;
	PREP(io_uring_prep_cmd_sock(slot, SOCKET_URING_OP_SIOCINQ, 3, 0, 0,
				    NULL, 0));
	CHECK();

	/* getsockname: buffer in addr, length at addr3, peer in optlen */
	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3;
	want.cmd_op = SOCKET_URING_OP_GETSOCKNAME; want.addr = 0x8000;
	want.addr3 = U(&len); want.optlen = 1;
	PREP(io_uring_prep_cmd_getsockname(slot, 3,
					   (struct sockaddr *) P(0x8000),
					   &len, 1));
	CHECK();
}

static void test_enc_timeouts(void **state)
{
	struct __kernel_timespec ts;

	(void) state;
	/* count in off, len 1 */
	W(); want.opcode = IORING_OP_TIMEOUT; want.fd = -1; want.addr = U(&ts);
	want.len = 1; want.off = 3; want.timeout_flags = IORING_TIMEOUT_ABS;
	PREP(io_uring_prep_timeout(slot, &ts, 3, IORING_TIMEOUT_ABS));
	CHECK();

	W(); want.opcode = IORING_OP_TIMEOUT_REMOVE; want.fd = -1;
	want.addr = 0x1234;
	PREP(io_uring_prep_timeout_remove(slot, 0x1234, 0));
	CHECK();

	/* update: target in addr, new timespec in addr2 */
	W(); want.opcode = IORING_OP_TIMEOUT_REMOVE; want.fd = -1;
	want.addr = 0x1234; want.off = U(&ts);
	want.timeout_flags = IORING_TIMEOUT_UPDATE | IORING_TIMEOUT_ABS;
	PREP(io_uring_prep_timeout_update(slot, &ts, 0x1234,
					  IORING_TIMEOUT_ABS));
	CHECK();

	W(); want.opcode = IORING_OP_LINK_TIMEOUT; want.fd = -1;
	want.addr = U(&ts); want.len = 1;
	want.timeout_flags = IORING_TIMEOUT_BOOTTIME;
	PREP(io_uring_prep_link_timeout(slot, &ts, IORING_TIMEOUT_BOOTTIME));
	CHECK();
}

static void test_enc_cancel(void **state)
{
	(void) state;
	W(); want.opcode = IORING_OP_ASYNC_CANCEL; want.fd = -1;
	want.addr = 0x77;
	want.cancel_flags = IORING_ASYNC_CANCEL_ALL;
	PREP(io_uring_prep_cancel64(slot, 0x77, IORING_ASYNC_CANCEL_ALL));
	CHECK();

	W(); want.opcode = IORING_OP_ASYNC_CANCEL; want.fd = -1;
	want.addr = 0x88;
	PREP(io_uring_prep_cancel(slot, P(0x88), 0));
	CHECK();

	W(); want.opcode = IORING_OP_ASYNC_CANCEL; want.fd = 5;
	want.cancel_flags = IORING_ASYNC_CANCEL_FD | IORING_ASYNC_CANCEL_ALL;
	PREP(io_uring_prep_cancel_fd(slot, 5, IORING_ASYNC_CANCEL_ALL));
	CHECK();
}

static void test_enc_msg_ring(void **state)
{
	(void) state;
	/* IORING_MSG_DATA (0) in addr, res in len, user_data in off */
	W(); want.opcode = IORING_OP_MSG_RING; want.fd = 9; want.len = 42;
	want.off = 0xdead; want.addr = IORING_MSG_DATA;
	want.msg_ring_flags = IORING_MSG_RING_CQE_SKIP;
	PREP(io_uring_prep_msg_ring(slot, 9, 42, 0xdead,
				    IORING_MSG_RING_CQE_SKIP));
	CHECK();

	/* passed CQE flags in file_index */
	W(); want.opcode = IORING_OP_MSG_RING; want.fd = 9; want.len = 42;
	want.off = 0xdead; want.msg_ring_flags = IORING_MSG_RING_FLAGS_PASS;
	want.file_index = 0x1234;
	PREP(io_uring_prep_msg_ring_cqe_flags(slot, 9, 42, 0xdead, 0, 0x1234));
	CHECK();

	/* source slot in addr3, 1-based target slot in file_index */
	W(); want.opcode = IORING_OP_MSG_RING; want.fd = 9;
	want.addr = IORING_MSG_SEND_FD; want.off = 0xbeef; want.addr3 = 2;
	want.file_index = 6;
	PREP(io_uring_prep_msg_ring_fd(slot, 9, 2, 5, 0xbeef, 0));
	CHECK();
	want.file_index = IORING_FILE_INDEX_ALLOC;
	PREP(io_uring_prep_msg_ring_fd_alloc(slot, 9, 2, 0xbeef, 0));
	CHECK();
}

static void test_enc_futex_waitid(void **state)
{
	uint32_t futex;
	struct futex_waitv v[2];
	siginfo_t si;

	(void) state;
	/* futex2 flags in fd, value in addr2, mask in addr3 */
	W(); want.opcode = IORING_OP_FUTEX_WAIT;
	want.fd = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE; want.addr = U(&futex);
	want.off = 5; want.addr3 = 0xffffffff;
	PREP(io_uring_prep_futex_wait(slot, &futex, 5, 0xffffffff,
				      FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0));
	CHECK();
	want.opcode = IORING_OP_FUTEX_WAKE; want.off = 1; want.addr3 = 0x0f;
	PREP(io_uring_prep_futex_wake(slot, &futex, 1, 0x0f,
				      FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0));
	CHECK();

	W(); want.opcode = IORING_OP_FUTEX_WAITV; want.fd = 0; want.addr = U(v);
	want.len = 2;
	PREP(io_uring_prep_futex_waitv(slot, v, 2, 0));
	CHECK();

	/*
	 * waitid: id in fd, idtype in len, options in file_index, infop
	 * in addr2
	 */
	W(); want.opcode = IORING_OP_WAITID; want.fd = 1234; want.len = P_PID;
	want.off = U(&si); want.file_index = WEXITED;
	PREP(io_uring_prep_waitid(slot, P_PID, 1234, &si, WEXITED, 0));
	CHECK();
}

static void test_enc_buffers(void **state)
{
	(void) state;
	/* count in fd, first id in off, group in buf_group */
	W(); want.opcode = IORING_OP_PROVIDE_BUFFERS; want.fd = 8;
	want.addr = 0xa000; want.len = 4096; want.off = 10; want.buf_group = 3;
	PREP(io_uring_prep_provide_buffers(slot, P(0xa000), 4096, 8, 3, 10));
	CHECK();

	W(); want.opcode = IORING_OP_REMOVE_BUFFERS; want.fd = 8;
	want.buf_group = 3;
	PREP(io_uring_prep_remove_buffers(slot, 8, 3));
	CHECK();
}

static void test_enc_uring_cmd(void **state)
{
	const unsigned char *b = (const unsigned char *) slot;
	size_t i;

	(void) state;
	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3; want.cmd_op = 0x42;
	PREP(__io_uring_prep_uring_cmd(slot, IORING_OP_URING_CMD, 0x42, 3));
	CHECK();
	PREP(io_uring_prep_uring_cmd(slot, 0x42, 3));
	CHECK();

	/* the 128-byte form clears all 80 command bytes */
	W(); want.opcode = IORING_OP_URING_CMD128; want.fd = 3;
	want.cmd_op = 0x42;
	PREP(io_uring_prep_uring_cmd128(slot, 0x42, 3));
	CHECK_BIG();
	for (i = sizeof(want); i < sizeof(slot); i++)
		assert_int_equal(b[i], 0);

	W(); want.opcode = IORING_OP_NOP128; want.fd = -1;
	PREP(io_uring_prep_nop128(slot));
	CHECK_BIG();

	/* block commands: range start in addr, length in addr3 */
	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3;
	want.cmd_op = BLOCK_URING_CMD_DISCARD; want.addr = 4096;
	want.addr3 = 1ULL << 33;
	PREP(io_uring_prep_cmd_discard(slot, 3, 4096, 1ULL << 33));
	CHECK();

	W(); want.opcode = IORING_OP_URING_CMD; want.fd = 3;
	want.cmd_op = BLOCK_URING_CMD_ZONE_RESET_ALL;
	PREP(io_uring_prep_cmd_zone_reset_all(slot, 3));
	CHECK();
}

/* Whether the checker reports the current slot, and names what. */
static void expect_caught(int big, const char *what)
{
	char why[128];
	const char *got = sqe_diff(big, why, sizeof(why));

	if (!got)
		fail_msg("the checker missed a wrong encoding (%s)", what);
	if (!strstr(got, what))
		fail_msg("the checker said \"%s\", not %s", got, what);
}

/*
 * The checker itself, run on encodings that are deliberately wrong: each
 * must be reported, and a right one must not.
 */
static void test_enc_checker_catches(void **state)
{
	char why[128];

	(void) state;
	W(); want.opcode = IORING_OP_READ; want.fd = 3;
	PREP(io_uring_prep_read(slot, 3, NULL, 0, 0));
	assert_null(sqe_diff(0, why, sizeof(why)));

	/* the wrong helper: another opcode */
	PREP(io_uring_prep_write(slot, 3, NULL, 0, 0));
	expect_caught(0, "opcode");

	/* a stray field written, and user_data touched */
	PREP(io_uring_prep_read(slot, 3, NULL, 0, 0));
	slot[0].personality = 1;
	expect_caught(0, "personality");
	PREP(io_uring_prep_read(slot, 3, NULL, 0, 0));
	slot[0].user_data = 0;
	expect_caught(0, "user_data");

	/* a right SQE, but a byte written into the next slot ... */
	PREP(io_uring_prep_read(slot, 3, NULL, 0, 0));
	((unsigned char *) &slot[1])[63] = 0;
	expect_caught(0, "past the 64-byte SQE");
	/* ... which a 128-byte SQE owns */
	assert_null(sqe_diff(1, why, sizeof(why)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enc_rw),
		cmocka_unit_test(test_enc_fixed_rw),
		cmocka_unit_test(test_enc_sync_space),
		cmocka_unit_test(test_enc_splice),
		cmocka_unit_test(test_enc_open_close),
		cmocka_unit_test(test_enc_xattr),
		cmocka_unit_test(test_enc_dirents),
		cmocka_unit_test(test_enc_socket),
		cmocka_unit_test(test_enc_send_recv),
		cmocka_unit_test(test_enc_poll_epoll),
		cmocka_unit_test(test_enc_sock_cmds),
		cmocka_unit_test(test_enc_timeouts),
		cmocka_unit_test(test_enc_cancel),
		cmocka_unit_test(test_enc_msg_ring),
		cmocka_unit_test(test_enc_futex_waitid),
		cmocka_unit_test(test_enc_buffers),
		cmocka_unit_test(test_enc_uring_cmd),
		cmocka_unit_test(test_enc_checker_catches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
