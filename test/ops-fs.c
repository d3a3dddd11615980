/* SPDX-License-Identifier: MIT */
/*
 * File-system operations against the real kernel: open (plain, openat2,
 * direct), close, the fixed-file table (install, update), extended
 * attributes, directory entries and pipes.  Each test checks what the
 * operation changed: the file opened, the entry created, the descriptor
 * gone.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <linux/openat2.h>
#include "ops-util.h"

/* A fresh private directory: both ring variants run the same names. */
static int scratch_dir(char *path)
{
	int dfd;

	snprintf(path, PATH_MAX, "%s/fs.XXXXXX", t_tmpdir());
	assert_non_null(mkdtemp(path));
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	return dfd;
}

/* Creates dir/name holding len pattern bytes (seed). */
static void make_file(int dfd, const char *name, size_t len, unsigned seed)
{
	unsigned char buf[8192];
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0 && len <= sizeof(buf));
	t_fill_pattern(buf, len, seed);
	assert_int_equal(write(fd, buf, len), (ssize_t) len);
	close(fd);
}

static void fd_has(int fd, size_t len, unsigned seed)
{
	unsigned char buf[8192];

	assert_true(len <= sizeof(buf));
	assert_int_equal(pread(fd, buf, len, 0), (ssize_t) len);
	assert_true(t_check_pattern(buf, len, seed));
}

/* Reads through fixed-file slot and checks the pattern. */
static void slot_has(struct io_uring *ring, int slot, size_t len,
		     unsigned seed)
{
	unsigned char buf[8192];
	struct io_uring_sqe *sqe = ops_sqe(ring);

	assert_true(len <= sizeof(buf));
	memset(buf, 0, len);
	io_uring_prep_read(sqe, slot, buf, (unsigned) len, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(ring, sqe, 0x51), (int) len);
	assert_true(t_check_pattern(buf, len, seed));
}

static int fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void test_open_close(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX], path[PATH_MAX + 16];
	struct open_how how;
	struct stat st;
	int dfd, fd;

	ops_ring_init(&ring, state, 8);
	dfd = scratch_dir(dir);
	make_file(dfd, "a", 3000, 11);

	/* openat relative to a directory */
	sqe = ops_sqe(&ring);
	io_uring_prep_openat(sqe, dfd, "a", O_RDONLY | O_CLOEXEC, 0);
	fd = ops_run1(&ring, sqe, 1);
	assert_true(fd >= 0);
	fd_has(fd, 3000, 11);

	/* close really closes */
	sqe = ops_sqe(&ring);
	io_uring_prep_close(sqe, fd);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_false(fd_is_open(fd));

	/* open creates with the given mode (umask is 0 here) */
	snprintf(path, sizeof(path), "%s/b", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_open(sqe, path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
			   0604);
	fd = ops_run1(&ring, sqe, 3);
	assert_true(fd >= 0);
	assert_int_equal(fstatat(dfd, "b", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	close(fd);
	/* the flags reached the kernel: O_EXCL on an existing file */
	sqe = ops_sqe(&ring);
	io_uring_prep_open(sqe, path, O_RDWR | O_CREAT | O_EXCL, 0604);
	assert_int_equal(ops_run1(&ring, sqe, 4), -EEXIST);

	/* openat2 with RESOLVE_BENEATH: ".." is refused, "a" is not */
	T_REQUIRE_OP(&ring, IORING_OP_OPENAT2);
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH;
	sqe = ops_sqe(&ring);
	io_uring_prep_openat2(sqe, dfd, "../x", &how);
	assert_int_equal(ops_run1(&ring, sqe, 5), -EXDEV);
	sqe = ops_sqe(&ring);
	io_uring_prep_openat2(sqe, dfd, "a", &how);
	fd = ops_run1(&ring, sqe, 6);
	assert_true(fd >= 0);
	fd_has(fd, 3000, 11);
	close(fd);

	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_open_direct(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX], path[PATH_MAX + 16];
	struct open_how how;
	int dfd, ret;

	ops_ring_init(&ring, state, 8);
	dfd = scratch_dir(dir);
	make_file(dfd, "a", 2000, 21);
	make_file(dfd, "b", 1500, 22);
	make_file(dfd, "c", 1000, 23);
	ops_register_files_sparse(&ring, 8);

	/* into a chosen slot: res is 0, the file is at that slot */
	sqe = ops_sqe(&ring);
	io_uring_prep_openat_direct(sqe, dfd, "a", O_RDONLY, 0, 2);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	slot_has(&ring, 2, 2000, 21);

	snprintf(path, sizeof(path), "%s/b", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_open_direct(sqe, path, O_RDONLY, 0, 5);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	slot_has(&ring, 5, 1500, 22);

	/* into a slot the kernel picks: res is that slot */
	T_REQUIRE_OP(&ring, IORING_OP_OPENAT2);
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY;
	sqe = ops_sqe(&ring);
	io_uring_prep_openat2_direct(sqe, dfd, "c", &how,
				     IORING_FILE_INDEX_ALLOC);
	ret = ops_run1(&ring, sqe, 3);
	assert_true(ret >= 0 && ret < 8 && ret != 2 && ret != 5);
	slot_has(&ring, ret, 1000, 23);

	/* close_direct empties the slot */
	sqe = ops_sqe(&ring);
	io_uring_prep_close_direct(sqe, 2);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	{
		char buf[16];

		sqe = ops_sqe(&ring);
		io_uring_prep_read(sqe, 2, buf, sizeof(buf), 0);
		sqe->flags |= IOSQE_FIXED_FILE;
		assert_int_equal(ops_run1(&ring, sqe, 5), -EBADF);
	}
	sqe = ops_sqe(&ring);
	io_uring_prep_close_direct(sqe, 2);
	assert_int_equal(ops_run1(&ring, sqe, 6), -EBADF);

	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_fixed_fd_install(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX];
	int dfd, fd, files[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_FIXED_FD_INSTALL);
	dfd = scratch_dir(dir);
	make_file(dfd, "a", 700, 31);
	files[0] = -1;
	files[1] = openat(dfd, "a", O_RDONLY);
	assert_true(files[1] >= 0);
	ops_register_files(&ring, files, 2);
	close(files[1]);	/* only the ring's reference is left */

	/* a normal descriptor for slot 1, close-on-exec by default */
	sqe = ops_sqe(&ring);
	io_uring_prep_fixed_fd_install(sqe, 1, 0);
	fd = ops_run1(&ring, sqe, 1);
	assert_true(fd >= 0);
	fd_has(fd, 700, 31);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);

	sqe = ops_sqe(&ring);
	io_uring_prep_fixed_fd_install(sqe, 1, IORING_FIXED_FD_NO_CLOEXEC);
	fd = ops_run1(&ring, sqe, 2);
	assert_true(fd >= 0);
	fd_has(fd, 700, 31);
	assert_false(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);

	/* an empty slot has nothing to install */
	sqe = ops_sqe(&ring);
	io_uring_prep_fixed_fd_install(sqe, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EBADF);

	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_files_update(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX];
	int dfd, fds[2], i;

	ops_ring_init(&ring, state, 8);
	dfd = scratch_dir(dir);
	make_file(dfd, "a", 100, 41);
	make_file(dfd, "b", 200, 42);
	ops_register_files_sparse(&ring, 8);

	/* two slots from offset 3 */
	fds[0] = openat(dfd, "a", O_RDONLY);
	fds[1] = openat(dfd, "b", O_RDONLY);
	assert_true(fds[0] >= 0 && fds[1] >= 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_files_update(sqe, fds, 2, 3);
	assert_int_equal(ops_run1(&ring, sqe, 1), 2);
	slot_has(&ring, 3, 100, 41);
	slot_has(&ring, 4, 200, 42);

	/* IORING_FILE_INDEX_ALLOC: the kernel writes the slots it chose */
	sqe = ops_sqe(&ring);
	io_uring_prep_files_update(sqe, fds, 2,
				   (int) IORING_FILE_INDEX_ALLOC);
	assert_int_equal(ops_run1(&ring, sqe, 2), 2);
	for (i = 0; i < 2; i++)
		assert_true(fds[i] >= 0 && fds[i] < 8 && fds[i] != 3 &&
			    fds[i] != 4);
	slot_has(&ring, fds[0], 100, 41);
	slot_has(&ring, fds[1], 200, 42);

	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_xattr(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX], path[PATH_MAX + 16], val[64];
	int dfd, fd, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SETXATTR);
	T_REQUIRE_OP(&ring, IORING_OP_GETXATTR);
	T_REQUIRE_OP(&ring, IORING_OP_FSETXATTR);
	T_REQUIRE_OP(&ring, IORING_OP_FGETXATTR);
	dfd = scratch_dir(dir);
	make_file(dfd, "x", 10, 1);
	snprintf(path, sizeof(path), "%s/x", dir);

	sqe = ops_sqe(&ring);
	io_uring_prep_setxattr(sqe, "user.ops", "hello", path, 0, 5);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP)
		t_skip("the test file system has no user.* xattrs");
	assert_int_equal(ret, 0);
	memset(val, 0, sizeof(val));
	assert_int_equal(getxattr(path, "user.ops", val, sizeof(val)), 5);
	assert_string_equal(val, "hello");

	memset(val, 0, sizeof(val));
	sqe = ops_sqe(&ring);
	io_uring_prep_getxattr(sqe, "user.ops", val, path, sizeof(val));
	assert_int_equal(ops_run1(&ring, sqe, 2), 5);
	assert_memory_equal(val, "hello", 5);

	fd = openat(dfd, "x", O_RDWR);
	assert_true(fd >= 0);
	/* the flags reached the kernel: XATTR_CREATE on an existing name */
	sqe = ops_sqe(&ring);
	io_uring_prep_fsetxattr(sqe, fd, "user.ops", "world", XATTR_CREATE, 5);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EEXIST);
	sqe = ops_sqe(&ring);
	io_uring_prep_fsetxattr(sqe, fd, "user.ops", "world!", XATTR_REPLACE,
				6);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);

	memset(val, 0, sizeof(val));
	sqe = ops_sqe(&ring);
	io_uring_prep_fgetxattr(sqe, fd, "user.ops", val, sizeof(val));
	assert_int_equal(ops_run1(&ring, sqe, 5), 6);
	assert_memory_equal(val, "world!", 6);
	/* too small a buffer: -ERANGE, so len reached the kernel too */
	sqe = ops_sqe(&ring);
	io_uring_prep_fgetxattr(sqe, fd, "user.ops", val, 2);
	assert_int_equal(ops_run1(&ring, sqe, 6), -ERANGE);

	close(fd);
	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_dirents(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dir[PATH_MAX], a[PATH_MAX + 16], b[PATH_MAX + 16];
	char target[64];
	struct stat st, st2;
	int dfd;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_MKDIRAT);
	T_REQUIRE_OP(&ring, IORING_OP_SYMLINKAT);
	T_REQUIRE_OP(&ring, IORING_OP_LINKAT);
	dfd = scratch_dir(dir);
	make_file(dfd, "f", 10, 1);

	/* mkdirat / mkdir with their modes */
	sqe = ops_sqe(&ring);
	io_uring_prep_mkdirat(sqe, dfd, "d1", 0750);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(fstatat(dfd, "d1", &st, 0), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0750);
	snprintf(a, sizeof(a), "%s/d2", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_mkdir(sqe, a, 0700);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);

	/* renameat moves; RENAME_NOREPLACE refuses to clobber */
	sqe = ops_sqe(&ring);
	io_uring_prep_renameat(sqe, dfd, "d1", dfd, "d3", 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);
	assert_int_not_equal(fstatat(dfd, "d1", &st, 0), 0);
	assert_int_equal(fstatat(dfd, "d3", &st, 0), 0);
	make_file(dfd, "g", 10, 2);
	sqe = ops_sqe(&ring);
	io_uring_prep_renameat(sqe, dfd, "f", dfd, "g", RENAME_NOREPLACE);
	assert_int_equal(ops_run1(&ring, sqe, 4), -EEXIST);
	snprintf(a, sizeof(a), "%s/g", dir);
	snprintf(b, sizeof(b), "%s/h", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_rename(sqe, a, b);
	assert_int_equal(ops_run1(&ring, sqe, 5), 0);
	assert_int_not_equal(stat(a, &st), 0);
	assert_int_equal(stat(b, &st), 0);

	/* symlinks point where they were told */
	sqe = ops_sqe(&ring);
	io_uring_prep_symlinkat(sqe, "target-one", dfd, "s1");
	assert_int_equal(ops_run1(&ring, sqe, 6), 0);
	memset(target, 0, sizeof(target));
	assert_int_equal(readlinkat(dfd, "s1", target, sizeof(target)), 10);
	assert_string_equal(target, "target-one");
	snprintf(a, sizeof(a), "%s/s2", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_symlink(sqe, "f", a);
	assert_int_equal(ops_run1(&ring, sqe, 7), 0);
	memset(target, 0, sizeof(target));
	assert_int_equal(readlink(a, target, sizeof(target)), 1);
	assert_string_equal(target, "f");

	/* hard links share the inode */
	sqe = ops_sqe(&ring);
	io_uring_prep_linkat(sqe, dfd, "f", dfd, "l1", 0);
	assert_int_equal(ops_run1(&ring, sqe, 8), 0);
	assert_int_equal(fstatat(dfd, "f", &st, 0), 0);
	assert_int_equal(fstatat(dfd, "l1", &st2, 0), 0);
	assert_int_equal(st.st_ino, st2.st_ino);
	assert_int_equal(st.st_nlink, 2);
	/* AT_SYMLINK_FOLLOW links the symlink's target, not the symlink */
	snprintf(a, sizeof(a), "%s/s2", dir);
	snprintf(b, sizeof(b), "%s/l2", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_link(sqe, a, b, AT_SYMLINK_FOLLOW);
	assert_int_equal(ops_run1(&ring, sqe, 9), 0);
	assert_int_equal(lstat(b, &st2), 0);
	assert_true(S_ISREG(st2.st_mode));
	assert_int_equal(st.st_ino, st2.st_ino);

	/* unlinkat: files, and directories only with AT_REMOVEDIR */
	sqe = ops_sqe(&ring);
	io_uring_prep_unlinkat(sqe, dfd, "l1", 0);
	assert_int_equal(ops_run1(&ring, sqe, 10), 0);
	assert_int_not_equal(fstatat(dfd, "l1", &st, 0), 0);
	assert_int_equal(fstatat(dfd, "f", &st, 0), 0);
	assert_int_equal(st.st_nlink, 2);	/* f and l2 */
	sqe = ops_sqe(&ring);
	io_uring_prep_unlinkat(sqe, dfd, "d3", 0);
	assert_int_equal(ops_run1(&ring, sqe, 11), -EISDIR);
	sqe = ops_sqe(&ring);
	io_uring_prep_unlinkat(sqe, dfd, "d3", AT_REMOVEDIR);
	assert_int_equal(ops_run1(&ring, sqe, 12), 0);
	assert_int_not_equal(fstatat(dfd, "d3", &st, 0), 0);
	snprintf(a, sizeof(a), "%s/s2", dir);
	sqe = ops_sqe(&ring);
	io_uring_prep_unlink(sqe, a, 0);
	assert_int_equal(ops_run1(&ring, sqe, 13), 0);
	assert_int_not_equal(lstat(a, &st), 0);
	assert_int_equal(fstatat(dfd, "f", &st, 0), 0);

	close(dfd);
	io_uring_queue_exit(&ring);
}

static void test_pipe(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char buf[16];
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_PIPE);

	fds[0] = fds[1] = -1;
	sqe = ops_sqe(&ring);
	io_uring_prep_pipe(sqe, fds, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_true(fds[0] >= 0 && fds[1] >= 0);
	assert_int_equal(write(fds[1], "pipe!", 5), 5);
	assert_int_equal(read(fds[0], buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "pipe!", 5);
	assert_false(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	close(fds[0]);
	close(fds[1]);

	/* pipe_flags reach the kernel */
	sqe = ops_sqe(&ring);
	io_uring_prep_pipe(sqe, fds, O_CLOEXEC | O_NONBLOCK);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_true(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	assert_int_equal(read(fds[0], buf, sizeof(buf)), -1);
	assert_int_equal(errno, EAGAIN);
	close(fds[0]);
	close(fds[1]);

	io_uring_queue_exit(&ring);
}

static void test_pipe_direct(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char buf[16];
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_PIPE);
	ops_register_files_sparse(&ring, 8);

	/* slots file_index and file_index + 1 */
	fds[0] = fds[1] = -1;
	sqe = ops_sqe(&ring);
	io_uring_prep_pipe_direct(sqe, fds, 0, 3);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(fds[0], 3);
	assert_int_equal(fds[1], 4);

	sqe = ops_sqe(&ring);
	io_uring_prep_write(sqe, fds[1], "direct", 6, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&ring, sqe, 2), 6);
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&ring, sqe, 3), 6);
	assert_memory_equal(buf, "direct", 6);

	/* allocated slots */
	sqe = ops_sqe(&ring);
	io_uring_prep_pipe_direct(sqe, fds, 0, IORING_FILE_INDEX_ALLOC);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	assert_true(fds[0] >= 0 && fds[0] < 8 && fds[0] != 3 && fds[0] != 4);
	assert_true(fds[1] >= 0 && fds[1] < 8 && fds[1] != fds[0]);

	io_uring_queue_exit(&ring);
}

static int set_umask(void **state)
{
	(void) state;
	umask(0);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_open_close),
		OPS_RING_TESTS(test_open_direct),
		OPS_RING_TESTS(test_fixed_fd_install),
		OPS_RING_TESTS(test_files_update),
		OPS_RING_TESTS(test_xattr),
		OPS_RING_TESTS(test_dirents),
		OPS_RING_TESTS(test_pipe),
		OPS_RING_TESTS(test_pipe_direct),
	};

	return cmocka_run_group_tests(tests, set_umask, NULL);
}
