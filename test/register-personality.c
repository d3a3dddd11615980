/* SPDX-License-Identifier: MIT */
/*
 * Personalities: credentials recorded with the ring, which a request
 * names in sqe->personality to run with them instead of the submitter's.
 */
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "helpers.h"

static char secret[4096], public_file[4096];

static void make_file(char *path, const char *name, mode_t mode)
{
	int fd;

	snprintf(path, 4096, "%s/%s", t_tmpdir(), name);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* openat() through the ring, as personality (0: the submitter). */
static int ring_open(struct io_uring *ring, const char *path, int personality)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe cqe;

	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY, 0);
	sqe->personality = (__u16) personality;
	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, &cqe);
	if (cqe.res >= 0)
		close(cqe.res);
	return cqe.res >= 0 ? 0 : cqe.res;
}

/*
 * Registers a personality from a forked child running as nobody, on the
 * ring it shares with us; returns the id.
 */
static int register_as_nobody(struct io_uring *ring)
{
	struct passwd *pw = getpwnam("nobody");
	int pfd[2], status, id = -1;
	pid_t pid;

	if (getuid() != 0 || !pw)
		t_skip("needs root and a 'nobody' user to switch credentials");
	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pfd[0]);
		if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid))
			_exit(1);
		id = io_uring_register_personality(ring);
		if (write(pfd[1], &id, sizeof(id)) != sizeof(id))
			_exit(2);
		_exit(0);
	}
	close(pfd[1]);
	assert_int_equal(read(pfd[0], &id, sizeof(id)), sizeof(id));
	close(pfd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	return id;
}

static void test_personality(void **state)
{
	struct io_uring ring;
	int id, root_id;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_OPENAT);
	/* nobody must be able to reach the files, and be stopped by mode */
	assert_int_equal(chmod(t_tmpdir(), 0711), 0);
	make_file(secret, "secret", 0600);
	make_file(public_file, "public", 0644);

	id = register_as_nobody(&ring);
	assert_true(id > 0);

	/* the same request, with and without nobody's credentials */
	assert_int_equal(ring_open(&ring, secret, id), -EACCES);
	assert_int_equal(ring_open(&ring, secret, 0), 0);
	assert_int_equal(ring_open(&ring, public_file, id), 0);

	/* our own credentials make another personality that may */
	root_id = io_uring_register_personality(&ring);
	assert_true(root_id > 0);
	assert_true(root_id != id);
	assert_int_equal(ring_open(&ring, secret, root_id), 0);

	/* once unregistered, the id is refused */
	assert_int_equal(io_uring_unregister_personality(&ring, id), 0);
	assert_int_equal(ring_open(&ring, public_file, id), -EINVAL);
	assert_int_equal(io_uring_unregister_personality(&ring, id), -EINVAL);
	assert_int_equal(io_uring_unregister_personality(&ring, root_id), 0);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_personality),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
