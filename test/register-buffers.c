/* SPDX-License-Identifier: MIT */
/*
 * Fixed buffers: registration, the requests that use them, tags, sparse
 * tables, cloning between rings, and the kernel's limits.
 */
#include <pwd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "helpers.h"

#define BUF_SZ	4096

static void *page_buf(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	return p;
}

/* Submits one SQE and returns its CQE's res. */
static int run_one(struct io_uring *ring)
{
	struct io_uring_cqe cqe;

	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, &cqe);
	return cqe.res;
}

static int write_fixed(struct io_uring *ring, int fd, void *buf, unsigned len,
		       __u64 off, int idx)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_write_fixed(sqe, fd, buf, len, off, idx);
	return run_one(ring);
}

static int read_fixed(struct io_uring *ring, int fd, void *buf, unsigned len,
		      __u64 off, int idx)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_read_fixed(sqe, fd, buf, len, off, idx);
	return run_one(ring);
}

/* Bytes through a file and back, each way through a fixed buffer. */
static void test_fixed_round_trip(void **state)
{
	struct io_uring ring;
	struct iovec iov[2];
	char check[BUF_SZ];
	int fd;

	(void) state;
	t_ring_init(&ring, 8, 0);
	iov[0].iov_base = page_buf(BUF_SZ);
	iov[0].iov_len = BUF_SZ;
	iov[1].iov_base = page_buf(BUF_SZ);
	iov[1].iov_len = BUF_SZ;
	assert_int_equal(io_uring_register_buffers(&ring, iov, 2), 0);

	fd = t_tmpfile(0, 0, NULL);
	t_fill_pattern(iov[0].iov_base, BUF_SZ, 11);
	assert_int_equal(write_fixed(&ring, fd, iov[0].iov_base, BUF_SZ, 0, 0),
			 BUF_SZ);
	assert_int_equal(pread(fd, check, BUF_SZ, 0), BUF_SZ);
	assert_true(t_check_pattern(check, BUF_SZ, 11));

	memset(iov[1].iov_base, 0, BUF_SZ);
	assert_int_equal(read_fixed(&ring, fd, iov[1].iov_base, BUF_SZ, 0, 1),
			 BUF_SZ);
	assert_true(t_check_pattern(iov[1].iov_base, BUF_SZ, 11));

	/* an address inside a buffer, not only its start */
	memset(iov[1].iov_base, 0, BUF_SZ);
	assert_int_equal(read_fixed(&ring, fd, (char *) iov[1].iov_base + 100,
				    200, 1000, 1), 200);
	assert_true(t_check_pattern_at((char *) iov[1].iov_base + 100, 200,
				       1000, 11));

	assert_int_equal(io_uring_unregister_buffers(&ring), 0);
	close(fd);
	io_uring_queue_exit(&ring);
}

/* buf_index picks the buffer: each holds a different pattern. */
static void test_buf_index_picks(void **state)
{
	struct io_uring ring;
	struct iovec iov[3];
	char check[BUF_SZ];
	int fd, i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	for (i = 0; i < 3; i++) {
		iov[i].iov_base = page_buf(BUF_SZ);
		iov[i].iov_len = BUF_SZ;
		t_fill_pattern(iov[i].iov_base, BUF_SZ, 20 + i);
	}
	assert_int_equal(io_uring_register_buffers(&ring, iov, 3), 0);
	fd = t_tmpfile(0, 0, NULL);
	for (i = 2; i >= 0; i--) {
		assert_int_equal(write_fixed(&ring, fd, iov[i].iov_base,
					     BUF_SZ, 0, i), BUF_SZ);
		assert_int_equal(pread(fd, check, BUF_SZ, 0), BUF_SZ);
		assert_true(t_check_pattern(check, BUF_SZ, 20 + i));
	}
	close(fd);
	io_uring_queue_exit(&ring);
}

/*
 * An index past the table, an address outside the buffer, and a request
 * with no table at all fail the request, not the submission.
 */
static void test_bad_index_fails(void **state)
{
	struct io_uring ring;
	struct iovec iov;
	int fd;

	(void) state;
	t_ring_init(&ring, 8, 0);
	fd = t_tmpfile(BUF_SZ, 3, NULL);
	iov.iov_base = page_buf(2 * BUF_SZ);
	iov.iov_len = BUF_SZ;

	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, 64, 0, 0),
			 -EFAULT);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), 0);
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, 64, 0, 0), 64);
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, 64, 0, 1),
			 -EFAULT);
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, 64, 0, 9999),
			 -EFAULT);
	/* 2 pages of memory, but only the first one is registered */
	assert_int_equal(read_fixed(&ring, fd,
				    (char *) iov.iov_base + BUF_SZ, 64, 0, 0),
			 -EFAULT);
	close(fd);
	io_uring_queue_exit(&ring);
}

static void test_busy_and_none(void **state)
{
	struct io_uring ring;
	struct iovec iov = { page_buf(BUF_SZ), BUF_SZ };

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_unregister_buffers(&ring), -ENXIO);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), 0);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), -EBUSY);
	assert_int_equal(io_uring_register_buffers_sparse(&ring, 4), -EBUSY);
	assert_int_equal(io_uring_unregister_buffers(&ring), 0);
	assert_int_equal(io_uring_unregister_buffers(&ring), -ENXIO);
	/* update_tag needs a table to update */
	assert_int_equal(io_uring_register_buffers_update_tag(&ring, 0, &iov,
							      NULL, 1),
			 -ENXIO);
	io_uring_queue_exit(&ring);
}

/* A sparse table is empty until update_tag fills a slot. */
static void test_sparse_then_update(void **state)
{
	struct io_uring ring;
	struct iovec iov = { page_buf(BUF_SZ), BUF_SZ };
	int fd;

	(void) state;
	t_ring_init(&ring, 8, 0);
	fd = t_tmpfile(BUF_SZ, 5, NULL);
	assert_int_equal(io_uring_register_buffers_sparse(&ring, 8), 0);
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, BUF_SZ, 0, 6),
			 -EFAULT);
	assert_int_equal(io_uring_register_buffers_update_tag(&ring, 6, &iov,
							      NULL, 1), 1);
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, BUF_SZ, 0, 6),
			 BUF_SZ);
	assert_true(t_check_pattern(iov.iov_base, BUF_SZ, 5));
	/* still only that slot */
	assert_int_equal(read_fixed(&ring, fd, iov.iov_base, BUF_SZ, 0, 5),
			 -EFAULT);
	/* past the table */
	assert_int_equal(io_uring_register_buffers_update_tag(&ring, 8, &iov,
							      NULL, 1),
			 -EINVAL);
	close(fd);
	io_uring_queue_exit(&ring);
}

/*
 * A tagged buffer posts a CQE carrying its tag when the kernel lets go of
 * it: when replaced, and when the table is unregistered.  Untagged slots
 * post nothing.
 */
static void test_tags(void **state)
{
	struct io_uring ring;
	struct iovec iov[3];
	__u64 tags[3] = { 0x1001, 0, 0x1003 };
	__u64 newtag = 0x2001;
	int i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_RSRC_TAGS);

	/* a tag on an empty slot makes no sense to the kernel */
	iov[0].iov_base = NULL;
	iov[0].iov_len = 0;
	assert_int_equal(io_uring_register_buffers_tags(&ring, iov, tags, 1),
			 -EINVAL);

	for (i = 0; i < 3; i++) {
		iov[i].iov_base = page_buf(BUF_SZ);
		iov[i].iov_len = BUF_SZ;
	}
	assert_int_equal(io_uring_register_buffers_tags(&ring, iov, tags, 3),
			 0);
	t_expect_no_cqe(&ring);

	/* replacing slot 0 releases the old buffer: its tag comes back */
	assert_int_equal(io_uring_register_buffers_update_tag(&ring, 0,
							      &iov[1], &newtag,
							      1), 1);
	t_expect_tag_cqe(&ring, 0x1001);
	t_expect_no_cqe(&ring);

	/* replacing untagged slot 1 posts nothing */
	assert_int_equal(io_uring_register_buffers_update_tag(&ring, 1,
							      &iov[0], NULL,
							      1), 1);
	t_expect_no_cqe(&ring);

	assert_int_equal(io_uring_unregister_buffers(&ring), 0);
	tags[0] = 0x2001;
	tags[1] = 0x1003;
	t_expect_unregister_tags(&ring, tags, 2);
	t_expect_no_cqe(&ring);
	io_uring_queue_exit(&ring);
}

/* Fills a fresh file through ring's fixed buffer idx and checks it. */
static void check_write_through(struct io_uring *ring, int idx, void *buf,
				unsigned seed)
{
	char check[BUF_SZ];
	int fd = t_tmpfile(0, 0, NULL);

	assert_int_equal(write_fixed(ring, fd, buf, BUF_SZ, 0, idx), BUF_SZ);
	assert_int_equal(pread(fd, check, BUF_SZ, 0), BUF_SZ);
	assert_true(t_check_pattern(check, BUF_SZ, seed));
	close(fd);
}

static void test_clone(void **state)
{
	struct io_uring src, dst, dst2;
	struct iovec iov[2];
	int ret, i;

	(void) state;
	t_ring_init(&src, 8, 0);
	t_ring_init(&dst, 8, 0);
	for (i = 0; i < 2; i++) {
		iov[i].iov_base = page_buf(BUF_SZ);
		iov[i].iov_len = BUF_SZ;
		t_fill_pattern(iov[i].iov_base, BUF_SZ, 40 + i);
	}
	assert_int_equal(io_uring_register_buffers(&src, iov, 2), 0);
	ret = io_uring_clone_buffers(&dst, &src);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLONE_BUFFERS (6.12)");
	assert_int_equal(ret, 0);
	check_write_through(&dst, 0, iov[0].iov_base, 40);
	check_write_through(&dst, 1, iov[1].iov_base, 41);

	/* dst has a table now: only DST_REPLACE may overwrite it */
	assert_int_equal(io_uring_clone_buffers(&dst, &src), -EBUSY);

	/* source buffer 1 into slot 3 of a fresh ring */
	t_ring_init(&dst2, 8, 0);
	ret = io_uring_clone_buffers_offset(&dst2, &src, 3, 1, 1, 0);
	if (ret == -EINVAL)
		t_skip("kernel lacks cloning with offsets (6.13)");
	assert_int_equal(ret, 0);
	check_write_through(&dst2, 3, iov[1].iov_base, 41);
	{
		int fd = t_tmpfile(0, 0, NULL);

		assert_int_equal(write_fixed(&dst2, fd, iov[0].iov_base, 64,
					     0, 0), -EFAULT);
		close(fd);
	}
	/* replace slot 3 by source buffer 0, through the raw form */
	assert_int_equal(__io_uring_clone_buffers_offset(&dst2, &src, 3, 0, 1,
					IORING_REGISTER_DST_REPLACE), 0);
	check_write_through(&dst2, 3, iov[0].iov_base, 40);
	/* the source range must exist */
	assert_int_equal(__io_uring_clone_buffers_offset(&dst2, &src, 0, 1, 2,
					IORING_REGISTER_DST_REPLACE),
			 -EOVERFLOW);

	/* buffers outlive the source's table */
	assert_int_equal(io_uring_unregister_buffers(&src), 0);
	check_write_through(&dst, 1, iov[1].iov_base, 41);
	/* nothing left to clone */
	assert_int_equal(io_uring_clone_buffers(&dst2, &src), -EBUSY);
	assert_int_equal(io_uring_unregister_buffers(&dst2), 0);
	assert_int_equal(io_uring_clone_buffers(&dst2, &src), -ENXIO);

	io_uring_queue_exit(&dst2);
	io_uring_queue_exit(&dst);
	io_uring_queue_exit(&src);
}

/*
 * The source named by its registered index, even after its real fd is
 * closed; the raw form with IORING_REGISTER_SRC_REGISTERED does the same.
 */
static void test_clone_registered_src(void **state)
{
	struct io_uring src, dst, dst2;
	struct iovec iov = { page_buf(BUF_SZ), BUF_SZ };
	int ret;

	(void) state;
	t_ring_init(&src, 8, 0);
	t_ring_init(&dst, 8, 0);
	t_ring_init(&dst2, 8, 0);
	T_REQUIRE_FEAT(&src, IORING_FEAT_REG_REG_RING);
	t_fill_pattern(iov.iov_base, BUF_SZ, 50);
	assert_int_equal(io_uring_register_buffers(&src, &iov, 1), 0);
	assert_int_equal(io_uring_register_ring_fd(&src), 1);
	assert_int_equal(io_uring_close_ring_fd(&src), 1);
	ret = io_uring_clone_buffers(&dst, &src);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLONE_BUFFERS (6.12)");
	assert_int_equal(ret, 0);
	check_write_through(&dst, 0, iov.iov_base, 50);
	assert_int_equal(__io_uring_clone_buffers(&dst2, &src,
				IORING_REGISTER_SRC_REGISTERED), 0);
	check_write_through(&dst2, 0, iov.iov_base, 50);
	io_uring_queue_exit(&dst2);
	io_uring_queue_exit(&dst);
	io_uring_queue_exit(&src);
}

/* The kernel's limits come back as its own errors. */
static void test_limits(void **state)
{
	struct io_uring ring;
	struct iovec big = { page_buf(BUF_SZ), (1UL << 30) + 1 };
	struct iovec *many;
	unsigned i, n = 16385;

	(void) state;
	t_ring_init(&ring, 8, 0);
	/* more than 1 GiB in one buffer (checked before any pinning) */
	assert_int_equal(io_uring_register_buffers(&ring, &big, 1), -EFAULT);
	/* more than 16384 buffers */
	many = calloc(n, sizeof(*many));
	assert_non_null(many);
	for (i = 0; i < n; i++) {
		many[i].iov_base = big.iov_base;
		many[i].iov_len = 64;
	}
	assert_int_equal(io_uring_register_buffers(&ring, many, n), -EINVAL);
	assert_int_equal(io_uring_register_buffers(&ring, many, 0), -EINVAL);
	/* 16384 is fine, and pins one page 16384 times */
	assert_int_equal(io_uring_register_buffers(&ring, many, n - 1), 0);
	assert_int_equal(io_uring_unregister_buffers(&ring), 0);
	free(many);
	io_uring_queue_exit(&ring);
}

/*
 * Without CAP_IPC_LOCK pinned buffers count against RLIMIT_MEMLOCK, and
 * the kernel's -ENOMEM comes back unchanged.  Runs as nobody in a child.
 */
static void test_memlock_enomem(void **state)
{
	struct passwd *pw = getpwnam("nobody");
	int status;
	pid_t pid;

	(void) state;
	if (getuid() != 0 || !pw)
		t_skip("needs root and a 'nobody' user to drop CAP_IPC_LOCK");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		struct io_uring ring;
		struct iovec iov;
		int ret;

		if (setrlimit(RLIMIT_MEMLOCK, &rl) ||
		    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid))
			_exit(10);
		if (io_uring_queue_init(4, &ring, 0))
			_exit(11);
		iov.iov_len = 1024 * 1024;
		iov.iov_base = mmap(NULL, iov.iov_len, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ret = io_uring_register_buffers(&ring, &iov, 1);
		if (ret != -ENOMEM)
			_exit(12);
		/* well inside the limit it works */
		iov.iov_len = 8192;
		ret = io_uring_register_buffers(&ring, &iov, 1);
		_exit(ret == 0 ? 0 : 13);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_round_trip),
		cmocka_unit_test(test_buf_index_picks),
		cmocka_unit_test(test_bad_index_fails),
		cmocka_unit_test(test_busy_and_none),
		cmocka_unit_test(test_sparse_then_update),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_clone),
		cmocka_unit_test(test_clone_registered_src),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_memlock_enomem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
