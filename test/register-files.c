/* SPDX-License-Identifier: MIT */
/*
 * Fixed files: the table, updates, tags, the RLIMIT_NOFILE retry, and
 * the range that IORING_FILE_INDEX_ALLOC allocates from.
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "helpers.h"

#define LEN	512

static int run_one(struct io_uring *ring)
{
	struct io_uring_cqe cqe;

	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, &cqe);
	return cqe.res;
}

/* Reads LEN bytes from fixed file idx; returns the CQE's res. */
static int read_slot(struct io_uring *ring, int idx, char *buf)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	memset(buf, 0, LEN);
	io_uring_prep_read(sqe, idx, buf, LEN, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	return run_one(ring);
}

/* Slot idx holds a file of pattern seed. */
static void expect_slot(struct io_uring *ring, int idx, unsigned seed)
{
	char buf[LEN];

	assert_int_equal(read_slot(ring, idx, buf), LEN);
	assert_true(t_check_pattern(buf, LEN, seed));
}

static void test_fixed_read(void **state)
{
	struct io_uring ring;
	int fds[2];

	(void) state;
	t_ring_init(&ring, 8, 0);
	fds[0] = t_tmpfile(LEN, 1, NULL);
	fds[1] = t_tmpfile(LEN, 2, NULL);
	assert_int_equal(io_uring_register_files(&ring, fds, 2), 0);
	/* the table holds its own references: our fds may go */
	close(fds[0]);
	close(fds[1]);
	expect_slot(&ring, 1, 2);
	expect_slot(&ring, 0, 1);
	{
		char buf[LEN];

		assert_int_equal(read_slot(&ring, 2, buf), -EBADF);
	}
	assert_int_equal(io_uring_unregister_files(&ring), 0);
	io_uring_queue_exit(&ring);
}

/* update replaces, -1 empties, FILES_SKIP leaves a slot alone. */
static void test_update(void **state)
{
	struct io_uring ring;
	int a = t_tmpfile(LEN, 1, NULL);
	int b = t_tmpfile(LEN, 2, NULL);
	int c = t_tmpfile(LEN, 3, NULL);
	int fds[3] = { a, b, -1 };
	char buf[LEN];

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_files(&ring, fds, 3), 0);
	assert_int_equal(read_slot(&ring, 2, buf), -EBADF);

	fds[0] = b;
	assert_int_equal(io_uring_register_files_update(&ring, 0, fds, 1), 1);
	expect_slot(&ring, 0, 2);

	fds[0] = -1;
	assert_int_equal(io_uring_register_files_update(&ring, 1, fds, 1), 1);
	assert_int_equal(read_slot(&ring, 1, buf), -EBADF);

	fds[0] = IORING_REGISTER_FILES_SKIP;
	fds[1] = c;
	fds[2] = a;
	assert_int_equal(io_uring_register_files_update(&ring, 0, fds, 3), 3);
	expect_slot(&ring, 0, 2);
	expect_slot(&ring, 1, 3);
	expect_slot(&ring, 2, 1);

	/* past the end of the table */
	assert_int_equal(io_uring_register_files_update(&ring, 2, fds, 2),
			 -EINVAL);
	close(a);
	close(b);
	close(c);
	io_uring_queue_exit(&ring);
}

static void test_busy_and_none(void **state)
{
	struct io_uring ring;
	int fd = t_tmpfile(LEN, 1, NULL);

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_unregister_files(&ring), -ENXIO);
	assert_int_equal(io_uring_register_files_update(&ring, 0, &fd, 1),
			 -ENXIO);
	assert_int_equal(io_uring_register_files(&ring, &fd, 1), 0);
	assert_int_equal(io_uring_register_files(&ring, &fd, 1), -EBUSY);
	assert_int_equal(io_uring_register_files_sparse(&ring, 4), -EBUSY);
	assert_int_equal(io_uring_unregister_files(&ring), 0);
	assert_int_equal(io_uring_unregister_files(&ring), -ENXIO);
	/* a ring cannot hold itself, nor another ring */
	assert_int_equal(io_uring_register_files(&ring, &ring.ring_fd, 1),
			 -EBADF);
	close(fd);
	io_uring_queue_exit(&ring);
}

/* Tags come back when a file is replaced, emptied or unregistered. */
static void test_tags(void **state)
{
	struct io_uring ring;
	int a = t_tmpfile(LEN, 1, NULL);
	int b = t_tmpfile(LEN, 2, NULL);
	int fds[3] = { a, b, a };
	__u64 tags[3] = { 0x501, 0x502, 0 };
	__u64 tag;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_RSRC_TAGS);
	assert_int_equal(io_uring_register_files_tags(&ring, fds, tags, 3), 0);
	expect_slot(&ring, 0, 1);
	t_expect_no_cqe(&ring);

	/* replace slot 0 by b, tagged 0x601 */
	tag = 0x601;
	assert_int_equal(io_uring_register_files_update_tag(&ring, 0, &b,
							    &tag, 1), 1);
	t_expect_tag_cqe(&ring, 0x501);
	expect_slot(&ring, 0, 2);

	/* empty slot 1 */
	fds[0] = -1;
	assert_int_equal(io_uring_register_files_update_tag(&ring, 1, fds,
							    NULL, 1), 1);
	t_expect_tag_cqe(&ring, 0x502);

	/* untagged slot 2 posts nothing */
	assert_int_equal(io_uring_register_files_update(&ring, 2, &b, 1), 1);
	t_expect_no_cqe(&ring);

	/* -1 or SKIP with a tag is refused */
	fds[0] = IORING_REGISTER_FILES_SKIP;
	tag = 1;
	ret = io_uring_register_files_update_tag(&ring, 1, fds, &tag, 1);
	assert_int_equal(ret, -EINVAL);

	assert_int_equal(io_uring_unregister_files(&ring), 0);
	tag = 0x601;
	t_expect_unregister_tags(&ring, &tag, 1);
	t_expect_no_cqe(&ring);
	close(a);
	close(b);
	io_uring_queue_exit(&ring);
}

static void test_sparse_update_tag(void **state)
{
	struct io_uring ring;
	int a = t_tmpfile(LEN, 7, NULL);
	__u64 tag = 0x700;
	char buf[LEN];

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_files_sparse(&ring, 16), 0);
	assert_int_equal(read_slot(&ring, 9, buf), -EBADF);
	assert_int_equal(io_uring_register_files_update_tag(&ring, 9, &a,
							    &tag, 1), 1);
	expect_slot(&ring, 9, 7);
	assert_int_equal(io_uring_unregister_files(&ring), 0);
	t_expect_unregister_tags(&ring, &tag, 1);
	close(a);
	io_uring_queue_exit(&ring);
}

/*
 * Child: with a soft RLIMIT_NOFILE of 64 and the given hard limit,
 * registers a sparse table of 200.  Exit 0 if the outcome is as expected.
 */
static int nofile_child(rlim_t hard, int expect)
{
	struct rlimit rl = { 64, hard };
	struct io_uring ring;
	int ret;

	if (io_uring_queue_init(4, &ring, 0))
		return 10;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 11;
	ret = io_uring_register_files_sparse(&ring, 200);
	if (ret != expect)
		return 12;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 13;
	if (expect == 0 && rl.rlim_cur < 200)
		return 14;
	if (expect != 0 && rl.rlim_cur != 64)
		return 15;
	/* the table works */
	if (expect == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (io_uring_register_files_update(&ring, 199, &fd, 1) != 1)
			return 16;
	}
	return 0;
}

/*
 * A table bigger than the soft RLIMIT_NOFILE: the library raises the soft
 * limit (the hard one allowing) and retries; beyond the hard limit the
 * kernel's -EMFILE comes back and the limit is left alone.
 */
static void test_nofile_retry(void **state)
{
	int status, i;
	pid_t pid;

	(void) state;
	/* valgrind keeps part of the fd table and guards RLIMIT_NOFILE */
	if (t_under_valgrind())
		t_skip("valgrind refuses to change RLIMIT_NOFILE");
	for (i = 0; i < 2; i++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			_exit(i == 0 ? nofile_child(1024, 0) :
				       nofile_child(100, -EMFILE));
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
}

/* Opens path into a slot picked by the kernel; returns the CQE's res. */
static int open_alloc(struct io_uring *ring, const char *path)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_openat_direct(sqe, AT_FDCWD, path, O_RDONLY, 0,
				    IORING_FILE_INDEX_ALLOC);
	return run_one(ring);
}

static int close_slot(struct io_uring *ring, unsigned idx)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_close_direct(sqe, idx);
	return run_one(ring);
}

static void test_alloc_range(void **state)
{
	struct io_uring ring;
	char path[4096];
	int fd, ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_OPENAT);
	fd = t_tmpfile(LEN, 9, path);
	close(fd);
	assert_int_equal(io_uring_register_files_sparse(&ring, 16), 0);
	ret = io_uring_register_file_alloc_range(&ring, 4, 2);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_FILE_ALLOC_RANGE (6.0)");
	assert_int_equal(ret, 0);

	assert_int_equal(open_alloc(&ring, path), 4);
	assert_int_equal(open_alloc(&ring, path), 5);
	expect_slot(&ring, 4, 9);
	expect_slot(&ring, 5, 9);
	assert_int_equal(open_alloc(&ring, path), -ENFILE);

	/* closing a slot frees it for the next allocation */
	assert_int_equal(close_slot(&ring, 4), 0);
	assert_int_equal(open_alloc(&ring, path), 4);
	expect_slot(&ring, 4, 9);

	/* a range past the table is refused */
	assert_int_equal(io_uring_register_file_alloc_range(&ring, 10, 10),
			 -EINVAL);

	/* sockets allocate from the same range */
	assert_int_equal(io_uring_register_file_alloc_range(&ring, 12, 1), 0);
	{
		struct io_uring_probe *probe = io_uring_get_probe_ring(&ring);
		bool has_socket = probe &&
			io_uring_opcode_supported(probe, IORING_OP_SOCKET);

		io_uring_free_probe(probe);
		if (has_socket) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_socket_direct(sqe, AF_INET, SOCK_STREAM,
						    0, IORING_FILE_INDEX_ALLOC,
						    0);
			assert_int_equal(run_one(&ring), 12);
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_socket_direct(sqe, AF_INET, SOCK_STREAM,
						    0, IORING_FILE_INDEX_ALLOC,
						    0);
			assert_int_equal(run_one(&ring), -ENFILE);
		} else {
			printf("[  NOTE    ] kernel lacks IORING_OP_SOCKET\n");
		}
	}

	/* unregistering resets the range: a new table allocates from 0 */
	assert_int_equal(io_uring_unregister_files(&ring), 0);
	assert_int_equal(io_uring_register_files_sparse(&ring, 2), 0);
	assert_int_equal(open_alloc(&ring, path), 0);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_read),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_busy_and_none),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_sparse_update_tag),
		cmocka_unit_test(test_nofile_retry),
		cmocka_unit_test(test_alloc_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
