/* SPDX-License-Identifier: MIT */
/*
 * io_uring-probe where io_uring is unavailable.  A seccomp filter makes
 * io_uring_setup() fail with a chosen errno in a child, which then runs
 * the probe: it must exit 1, say why on stderr, and with --json still
 * print a JSON object that says "available": false.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "helpers.h"

struct run {
	int status;		/* exit status, or -1 if it did not exit */
	char out[65536];	/* stdout */
	char err[4096];		/* stderr */
};

/*
 * Only io_uring_setup is refused, with err; all else is allowed.  The
 * probe runs natively, so the syscall number needs no arch check here.
 */
static void refuse_setup(int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | ((unsigned) err & 0xffff)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 4, .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		_exit(100);
}

static void slurp(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t) r;
	buf[n] = '\0';
	close(fd);
}

static void run_probe(struct run *r, int err, const char *arg)
{
	const char *b = getenv("B") ? getenv("B") : "build";
	char path[4096];
	int out[2], errp[2], st;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/examples/io_uring-probe", b);
	if (access(path, X_OK) < 0)
		fail_msg("%s is not built", path);
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(errp), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(errp[1], 2);
		close(out[0]);
		close(errp[0]);
		refuse_setup(err);
		execl(path, path, arg, (char *) NULL);
		_exit(101);
	}
	close(out[1]);
	close(errp[1]);
	/* the outputs are small: stdout first cannot block on stderr */
	slurp(out[0], r->out, sizeof(r->out));
	slurp(errp[0], r->err, sizeof(r->err));
	assert_int_equal(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (r->status == 100)
		t_skip("cannot install a seccomp filter here");
}

static void test_enosys(void **state)
{
	static struct run r;

	(void) state;
	run_probe(&r, ENOSYS, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "io_uring is unavailable"));
	assert_non_null(strstr(r.err, "CONFIG_IO_URING"));
	/* the facts that need no ring are still reported */
	assert_non_null(strstr(r.out, "kernel "));
	assert_non_null(strstr(r.out, "RLIMIT_MEMLOCK "));
	assert_null(strstr(r.out, "Opcodes"));
}

static void test_eperm_json(void **state)
{
	static struct run r;
	size_t len;

	(void) state;
	run_probe(&r, EPERM, "--json");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "io_uring is unavailable"));
	assert_non_null(strstr(r.out, "\"available\": false"));
	assert_non_null(strstr(r.out, "\"error\": \""));
	assert_null(strstr(r.out, "\"opcodes\""));
	/* the sysctl allows io_uring here, so the likely cause is named */
	if (!strstr(r.out, "\"io_uring_disabled\": 1") &&
	    !strstr(r.out, "\"io_uring_disabled\": 2"))
		assert_non_null(strstr(r.err, "seccomp"));
	len = strlen(r.out);
	assert_true(len > 2 && r.out[0] == '{' && !strcmp(r.out + len - 2,
							 "}\n"));
}

static void test_enomem_hint(void **state)
{
	static struct run r;

	(void) state;
	run_probe(&r, ENOMEM, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "RLIMIT_MEMLOCK"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enosys),
		cmocka_unit_test(test_eperm_json),
		cmocka_unit_test(test_enomem_hint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
