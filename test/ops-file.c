/* SPDX-License-Identifier: MIT */
/*
 * File I/O operations against the real kernel: plain, flagged, fixed and
 * multishot reads and writes, sync, space management, advice, truncation,
 * splice/tee and statx.  Each checks the operation's effect on the file
 * (or memory), not just its result code.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/falloc.h>
#include "ops-util.h"

#define PAGE	4096

static void *xmemalign(size_t len)
{
	void *p = NULL;

	assert_int_equal(posix_memalign(&p, PAGE, len), 0);
	return p;
}

static void file_has(int fd, size_t off, size_t len, unsigned seed)
{
	unsigned char *buf = malloc(len);

	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, len, (off_t) off), (ssize_t) len);
	if (!t_check_pattern_at(buf, len, off, seed))
		fail_msg("file bytes %zu..%zu are not pattern %u", off,
			 off + len, seed);
	free(buf);
}

static void file_is_zero(int fd, size_t off, size_t len)
{
	unsigned char *buf = malloc(len);
	size_t i;

	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, len, (off_t) off), (ssize_t) len);
	for (i = 0; i < len; i++)
		if (buf[i])
			fail_msg("file byte %zu is not zero", off + i);
	free(buf);
}

static void test_read_write(void **state)
{
	struct io_uring ring;
	unsigned char *buf = xmemalign(4 * PAGE);
	struct io_uring_sqe *sqe;
	struct iovec iov[2];
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(4 * PAGE, 1, NULL);

	/* write: pattern 2 lands at its offset and nowhere else */
	t_fill_pattern_at(buf, PAGE, PAGE, 2);
	sqe = ops_sqe(&ring);
	io_uring_prep_write(sqe, fd, buf, PAGE, PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 1), PAGE);
	file_has(fd, PAGE, PAGE, 2);
	file_has(fd, 0, PAGE, 1);
	file_has(fd, 2 * PAGE, 2 * PAGE, 1);

	/* read at an offset */
	memset(buf, 0, PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, fd, buf, PAGE, 2 * PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 2), PAGE);
	assert_true(t_check_pattern_at(buf, PAGE, 2 * PAGE, 1));

	/* the generic helper every other one builds on */
	memset(buf, 0, PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_rw(IORING_OP_READ, sqe, fd, buf, 500, 3 * PAGE + 7);
	assert_int_equal(ops_run1(&ring, sqe, 5), 500);
	assert_true(t_check_pattern_at(buf, 500, 3 * PAGE + 7, 1));

	/* vectored: the iovecs are filled in order from the offset */
	memset(buf, 0, 4 * PAGE);
	iov[0].iov_base = buf;
	iov[0].iov_len = 100;
	iov[1].iov_base = buf + PAGE;
	iov[1].iov_len = 300;
	sqe = ops_sqe(&ring);
	io_uring_prep_readv(sqe, fd, iov, 2, 3 * PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 3), 400);
	assert_true(t_check_pattern_at(buf, 100, 3 * PAGE, 1));
	assert_true(t_check_pattern_at(buf + PAGE, 300, 3 * PAGE + 100, 1));

	t_fill_pattern_at(buf, 100, 10, 3);
	t_fill_pattern_at(buf + PAGE, 300, 110, 3);
	sqe = ops_sqe(&ring);
	io_uring_prep_writev(sqe, fd, iov, 2, 10);
	assert_int_equal(ops_run1(&ring, sqe, 4), 400);
	file_has(fd, 10, 400, 3);
	file_has(fd, 0, 10, 1);

	close(fd);
	free(buf);
	io_uring_queue_exit(&ring);
}

static void test_rw_flags(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[3000];
	struct iovec iov;
	struct stat st;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(5000, 1, NULL);

	/* RWF_APPEND: written at the end whatever the offset says */
	t_fill_pattern_at(buf, 1000, 5000, 5);
	iov.iov_base = buf;
	iov.iov_len = 1000;
	sqe = ops_sqe(&ring);
	io_uring_prep_writev2(sqe, fd, &iov, 1, 0, RWF_APPEND);
	assert_int_equal(ops_run1(&ring, sqe, 1), 1000);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 6000);
	file_has(fd, 0, 5000, 1);
	file_has(fd, 5000, 1000, 5);

	/* RWF_NOWAIT on cached data: completes with the data */
	memset(buf, 0, sizeof(buf));
	iov.iov_len = 3000;
	sqe = ops_sqe(&ring);
	io_uring_prep_readv2(sqe, fd, &iov, 1, 100, RWF_NOWAIT);
	assert_int_equal(ops_run1(&ring, sqe, 2), 3000);
	assert_true(t_check_pattern_at(buf, 3000, 100, 1));

	/* rw_flags do reach the kernel: an unknown one is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_readv2(sqe, fd, &iov, 1, 0, 1 << 30);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EOPNOTSUPP);

	close(fd);
	io_uring_queue_exit(&ring);
}

static void test_rw_fixed(void **state)
{
	struct io_uring ring;
	unsigned char *buf = xmemalign(4 * PAGE);
	struct io_uring_sqe *sqe;
	struct iovec reg;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(4 * PAGE, 1, NULL);
	reg.iov_base = buf;
	reg.iov_len = 4 * PAGE;
	ops_register_buffers(&ring, &reg, 1);

	t_fill_pattern_at(buf, PAGE, 0, 6);
	sqe = ops_sqe(&ring);
	io_uring_prep_write_fixed(sqe, fd, buf, PAGE, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), PAGE);
	file_has(fd, 0, PAGE, 6);

	memset(buf + 2 * PAGE, 0, PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_read_fixed(sqe, fd, buf + 2 * PAGE, PAGE, PAGE, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), PAGE);
	assert_true(t_check_pattern_at(buf + 2 * PAGE, PAGE, PAGE, 1));

	/* buf_index reaches the kernel: there is no buffer 1 */
	sqe = ops_sqe(&ring);
	io_uring_prep_read_fixed(sqe, fd, buf, PAGE, 0, 1);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EFAULT);

	close(fd);
	free(buf);
	io_uring_queue_exit(&ring);
}

static void test_rwv_fixed(void **state)
{
	struct io_uring ring;
	unsigned char *buf = xmemalign(4 * PAGE);
	struct io_uring_sqe *sqe;
	struct iovec reg, iov[2];
	int fd;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_WRITEV_FIXED);
	T_REQUIRE_OP(&ring, IORING_OP_READV_FIXED);
	fd = t_tmpfile(4 * PAGE, 1, NULL);
	reg.iov_base = buf;
	reg.iov_len = 4 * PAGE;
	ops_register_buffers(&ring, &reg, 1);

	/* two pieces, both inside registered buffer 0 */
	t_fill_pattern_at(buf, 1000, 100, 7);
	t_fill_pattern_at(buf + 2000, 1000, 1100, 7);
	iov[0].iov_base = buf;
	iov[0].iov_len = 1000;
	iov[1].iov_base = buf + 2000;
	iov[1].iov_len = 1000;
	sqe = ops_sqe(&ring);
	io_uring_prep_writev_fixed(sqe, fd, iov, 2, 100, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 2000);
	file_has(fd, 100, 2000, 7);
	file_has(fd, 2100, 100, 1);

	memset(buf, 0, 4 * PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_readv_fixed(sqe, fd, iov, 2, 2 * PAGE, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), 2000);
	assert_true(t_check_pattern_at(buf, 1000, 2 * PAGE, 1));
	assert_true(t_check_pattern_at(buf + 2000, 1000, 2 * PAGE + 1000, 1));

	/* a piece outside the registered buffer is refused */
	iov[1].iov_base = buf + 8 * PAGE;
	sqe = ops_sqe(&ring);
	io_uring_prep_readv_fixed(sqe, fd, iov, 2, 0, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EFAULT);

	close(fd);
	free(buf);
	io_uring_queue_exit(&ring);
}

/* Multishot read from a pipe: one CQE per write, buffers from a ring. */
static void test_read_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct ops_pbuf pb;
	unsigned char data[300];
	unsigned char *got;
	int p[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_READ_MULTISHOT);
	ops_pbuf_init(&ring, &pb, 1, 4, 256);
	assert_int_equal(pipe(p), 0);

	sqe = ops_sqe(&ring);
	io_uring_prep_read_multishot(sqe, p[0], 0, 0, 1);
	io_uring_sqe_set_data64(sqe, 0x77);
	assert_int_equal(io_uring_submit(&ring), 1);

	t_fill_pattern(data, sizeof(data), 8);
	assert_int_equal(write(p[1], data, 100), 100);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x77);
	assert_int_equal(cqe.res, 100);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	got = ops_pbuf_buf(&pb, &cqe);
	assert_memory_equal(got, data, 100);

	assert_int_equal(write(p[1], data + 100, 200), 200);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.res, 200);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	got = ops_pbuf_buf(&pb, &cqe);
	assert_memory_equal(got, data + 100, 200);

	/* end of file ends the multishot: res 0 and no F_MORE */
	close(p[1]);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.res, 0);
	assert_false(cqe.flags & IORING_CQE_F_MORE);

	close(p[0]);
	ops_pbuf_free(&ring, &pb);
	io_uring_queue_exit(&ring);
}

/*
 * fsync, fdatasync and sync_file_range on a loop device: writes to the
 * device sit in its page cache until synced, and only then reach the
 * backing file, where they can be seen.
 */
static void test_sync_loop(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[PAGE];
	char dev[PATH_MAX];
	int fd, backing;

	ops_ring_init(&ring, state, 8);
	fd = ops_loop_attach(64 * PAGE, &backing, dev);

	t_fill_pattern_at(buf, PAGE, 0, 9);
	assert_int_equal(pwrite(fd, buf, PAGE, 0), PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_fsync(sqe, fd, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	file_has(backing, 0, PAGE, 9);

	t_fill_pattern_at(buf, PAGE, 8 * PAGE, 9);
	assert_int_equal(pwrite(fd, buf, PAGE, 8 * PAGE), PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_fsync(sqe, fd, IORING_FSYNC_DATASYNC);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	file_has(backing, 8 * PAGE, PAGE, 9);

	t_fill_pattern_at(buf, PAGE, 16 * PAGE, 9);
	assert_int_equal(pwrite(fd, buf, PAGE, 16 * PAGE), PAGE);
	sqe = ops_sqe(&ring);
	io_uring_prep_sync_file_range(sqe, fd, PAGE, 16 * PAGE,
				      SYNC_FILE_RANGE_WAIT_BEFORE |
				      SYNC_FILE_RANGE_WRITE |
				      SYNC_FILE_RANGE_WAIT_AFTER);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);
	file_has(backing, 16 * PAGE, PAGE, 9);

	/* fsync_flags reach the kernel: an unknown flag is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_fsync(sqe, fd, 0x10);
	assert_int_equal(ops_run1(&ring, sqe, 4), -EINVAL);

	ops_loop_detach(fd, backing);
	io_uring_queue_exit(&ring);
}

/* The same on a plain file, where only the result can be seen. */
static void test_sync_file(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(PAGE, 1, NULL);
	sqe = ops_sqe(&ring);
	io_uring_prep_fsync(sqe, fd, IORING_FSYNC_DATASYNC);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_sync_file_range(sqe, fd, PAGE, 0, SYNC_FILE_RANGE_WRITE);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	/* a bad fd is reported, so the request did reach the file table */
	sqe = ops_sqe(&ring);
	io_uring_prep_fsync(sqe, 1000, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EBADF);
	close(fd);
	io_uring_queue_exit(&ring);
}

static void test_fallocate(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct stat st;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(0, 1, NULL);

	/* mode 0 grows the file and allocates its blocks */
	sqe = ops_sqe(&ring);
	io_uring_prep_fallocate(sqe, fd, 0, 0, 256 * 1024);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 256 * 1024);
	assert_true(st.st_blocks >= 256 * 1024 / 512);
	close(fd);

	/* punching a hole zeroes exactly the range */
	fd = t_tmpfile(16 * PAGE, 2, NULL);
	sqe = ops_sqe(&ring);
	io_uring_prep_fallocate(sqe, fd,
				FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				PAGE, 2 * PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	file_has(fd, 0, PAGE, 2);
	file_is_zero(fd, PAGE, 2 * PAGE);
	file_has(fd, 3 * PAGE, 13 * PAGE, 2);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 16 * PAGE);

	close(fd);
	io_uring_queue_exit(&ring);
}

/*
 * How many of fd's pages in [first, first + n) are in the page cache.
 * The mapping is PROT_NONE: mincore(2) needs no access, and valgrind
 * reads the head of every readable file mapped (looking for ELF debug
 * information), which would bring pages back into the cache.
 */
static unsigned cached_pages(int fd, unsigned first, unsigned n)
{
	unsigned char *vec = malloc(n);
	unsigned count = 0, i;
	void *map;

	assert_non_null(vec);
	map = mmap(NULL, (size_t) n * PAGE, PROT_NONE, MAP_SHARED, fd,
		   (off_t) first * PAGE);
	assert_true(map != MAP_FAILED);
	assert_int_equal(mincore(map, (size_t) n * PAGE, vec), 0);
	munmap(map, (size_t) n * PAGE);
	for (i = 0; i < n; i++)
		count += vec[i] & 1;
	free(vec);
	return count;
}

/*
 * POSIX_FADV_DONTNEED drops the advised range from the page cache.  The
 * cache may hold a file in large folios (up to 2 MiB, naturally aligned)
 * that are only dropped whole, so the ranges here are 2 MiB halves.
 */
#define HALF	(2u << 20)
#define HALF_PAGES	(HALF / PAGE)

static void test_fadvise(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[64 * 1024];
	unsigned off;
	int fd, ret;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(2 * HALF, 3, NULL);
	assert_int_equal(fsync(fd), 0);	/* clean pages can be dropped */
	for (off = 0; off < 2 * HALF; off += sizeof(buf))
		assert_int_equal(pread(fd, buf, sizeof(buf), off),
				 sizeof(buf));
	assert_int_equal(cached_pages(fd, 0, 2 * HALF_PAGES), 2 * HALF_PAGES);

	/* second half only: offset and 32-bit length both count */
	sqe = ops_sqe(&ring);
	io_uring_prep_fadvise(sqe, fd, HALF, HALF, POSIX_FADV_DONTNEED);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(cached_pages(fd, 0, HALF_PAGES), HALF_PAGES);
	assert_int_equal(cached_pages(fd, HALF_PAGES, HALF_PAGES), 0);

	/* advice reaches the kernel: an unknown one is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_fadvise(sqe, fd, 0, PAGE, 12345);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EINVAL);

	/* the 64-bit length form, first half */
	sqe = ops_sqe(&ring);
	io_uring_prep_fadvise64(sqe, fd, 0, HALF, POSIX_FADV_DONTNEED);
	ret = ops_run1(&ring, sqe, 3);
	if (ret == -EINVAL && !t_kernel_at_least(6, 12))
		t_skip("kernel takes no 64-bit fadvise length (Linux 6.12)");
	assert_int_equal(ret, 0);
	assert_int_equal(cached_pages(fd, 0, 2 * HALF_PAGES), 0);

	close(fd);
	io_uring_queue_exit(&ring);
}

/* MADV_DONTNEED on private anonymous memory: the range reads as zero. */
static void test_madvise(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char *mem;
	size_t i;
	int ret;

	ops_ring_init(&ring, state, 8);
	mem = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED);
	memset(mem, 0xaa, 4 * PAGE);

	sqe = ops_sqe(&ring);
	io_uring_prep_madvise(sqe, mem, 2 * PAGE, MADV_DONTNEED);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	for (i = 0; i < 2 * PAGE; i++)
		assert_int_equal(mem[i], 0);
	for (i = 2 * PAGE; i < 4 * PAGE; i++)
		assert_int_equal(mem[i], 0xaa);

	/* advice reaches the kernel: an unknown one is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_madvise(sqe, mem, PAGE, 12345);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EINVAL);

	/* the 64-bit length form */
	sqe = ops_sqe(&ring);
	io_uring_prep_madvise64(sqe, mem + 3 * PAGE, PAGE, MADV_DONTNEED);
	ret = ops_run1(&ring, sqe, 3);
	if (ret == -EINVAL && !t_kernel_at_least(6, 12))
		t_skip("kernel takes no 64-bit madvise length (Linux 6.12)");
	assert_int_equal(ret, 0);
	assert_int_equal(mem[2 * PAGE], 0xaa);
	assert_int_equal(mem[3 * PAGE - 1], 0xaa);
	for (i = 3 * PAGE; i < 4 * PAGE; i++)
		assert_int_equal(mem[i], 0);

	munmap(mem, 4 * PAGE);
	io_uring_queue_exit(&ring);
}

static void test_ftruncate(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char path[PATH_MAX];
	struct statx stx;
	int fd;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_FTRUNCATE);
	/*
	 * Opened again with O_LARGEFILE, which 64-bit callers always get:
	 * a 32-bit caller's file refuses sizes past 2 GiB without it.
	 */
	close(t_tmpfile(4 * PAGE, 4, path));
	fd = open(path, O_RDWR | O_LARGEFILE | O_CLOEXEC);
	assert_true(fd >= 0);

	sqe = ops_sqe(&ring);
	io_uring_prep_ftruncate(sqe, fd, 5000);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	/* statx: its size is 64 bits wide for 32-bit callers too */
	assert_int_equal(statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &stx), 0);
	assert_int_equal(stx.stx_size, 5000);
	file_has(fd, 0, 5000, 4);

	/* growing beyond 4 GiB proves all 64 bits of off are used */
	sqe = ops_sqe(&ring);
	io_uring_prep_ftruncate(sqe, fd, (loff_t) 5 << 30);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &stx), 0);
	assert_int_equal(stx.stx_size, 5ULL << 30);
	file_is_zero(fd, 5000, 1000);

	close(fd);
	io_uring_queue_exit(&ring);
}

static void test_splice_tee(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[3000];
	int fd, out, p[2], q[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SPLICE);
	T_REQUIRE_OP(&ring, IORING_OP_TEE);
	fd = t_tmpfile(4 * PAGE, 4, NULL);
	out = t_tmpfile(4 * PAGE, 5, NULL);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);

	/* file (explicit offset) into a pipe */
	sqe = ops_sqe(&ring);
	io_uring_prep_splice(sqe, fd, 1000, p[1], -1, 3000, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 3000);

	/* tee duplicates without consuming */
	sqe = ops_sqe(&ring);
	io_uring_prep_tee(sqe, p[0], q[1], 3000, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), 3000);
	assert_int_equal(read(q[0], buf, sizeof(buf)), 3000);
	assert_true(t_check_pattern_at(buf, 3000, 1000, 4));

	/* the pipe still holds the data: splice it into another file */
	sqe = ops_sqe(&ring);
	io_uring_prep_splice(sqe, p[0], -1, out, 500, 3000, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), 3000);
	file_has(out, 0, 500, 5);
	{
		unsigned char got[3000];

		assert_int_equal(pread(out, got, 3000, 500), 3000);
		assert_true(t_check_pattern_at(got, 3000, 1000, 4));
	}
	file_has(out, 3500, 4 * PAGE - 3500, 5);

	/* off_in -1: read from (and advance) the file position */
	assert_int_equal(lseek(fd, 2000, SEEK_SET), 2000);
	sqe = ops_sqe(&ring);
	io_uring_prep_splice(sqe, fd, -1, p[1], -1, 100, 0);
	assert_int_equal(ops_run1(&ring, sqe, 4), 100);
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 2100);
	assert_int_equal(read(p[0], buf, sizeof(buf)), 100);
	assert_true(t_check_pattern_at(buf, 100, 2000, 4));

	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(fd);
	close(out);
	io_uring_queue_exit(&ring);
}

static void test_statx(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char path[PATH_MAX];
	struct statx stx;
	const char *base;
	int fd, dfd;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_STATX);
	fd = t_tmpfile(12345, 1, path);
	assert_int_equal(fchmod(fd, 0640), 0);

	memset(&stx, 0, sizeof(stx));
	sqe = ops_sqe(&ring);
	io_uring_prep_statx(sqe, AT_FDCWD, path, 0, STATX_SIZE | STATX_MODE,
			    &stx);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_true(stx.stx_mask & STATX_SIZE);
	assert_int_equal(stx.stx_size, 12345);
	assert_int_equal(stx.stx_mode & 07777, 0640);

	/* relative to a directory fd */
	dfd = open(t_tmpdir(), O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	base = strrchr(path, '/') + 1;
	memset(&stx, 0, sizeof(stx));
	sqe = ops_sqe(&ring);
	io_uring_prep_statx(sqe, dfd, base, 0, STATX_SIZE, &stx);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(stx.stx_size, 12345);

	/* flags reach the kernel: "" means fd itself only with AT_EMPTY_PATH */
	sqe = ops_sqe(&ring);
	io_uring_prep_statx(sqe, fd, "", 0, STATX_SIZE, &stx);
	assert_int_equal(ops_run1(&ring, sqe, 3), -ENOENT);
	memset(&stx, 0, sizeof(stx));
	sqe = ops_sqe(&ring);
	io_uring_prep_statx(sqe, fd, "", AT_EMPTY_PATH, STATX_SIZE, &stx);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	assert_int_equal(stx.stx_size, 12345);

	close(dfd);
	close(fd);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_read_write),
		OPS_RING_TESTS(test_rw_flags),
		OPS_RING_TESTS(test_rw_fixed),
		OPS_RING_TESTS(test_rwv_fixed),
		OPS_RING_TESTS(test_read_multishot),
		OPS_RING_TESTS(test_sync_loop),
		OPS_RING_TESTS(test_sync_file),
		OPS_RING_TESTS(test_fallocate),
		OPS_RING_TESTS(test_fadvise),
		OPS_RING_TESTS(test_madvise),
		OPS_RING_TESTS(test_ftruncate),
		OPS_RING_TESTS(test_splice_tee),
		OPS_RING_TESTS(test_statx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
