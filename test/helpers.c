/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include "helpers.h"

static char tmpdir[PATH_MAX];

static void rm_tmpdir(void)
{
	char cmd[PATH_MAX + 16];

	if (!tmpdir[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *t_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(tmpdir, sizeof(tmpdir), "%s/uring-test.XXXXXX",
			 base ? base : "/tmp");
		assert_non_null(mkdtemp(tmpdir));
		atexit(rm_tmpdir);
	}
	return tmpdir;
}

static int refused(int ret)
{
	return ret == -EINVAL || ret == -EOPNOTSUPP || ret == -EPERM;
}

void t_ring_init_params(struct io_uring *ring, unsigned entries,
			struct io_uring_params *p)
{
	int ret = io_uring_queue_init_params(entries, ring, p);

	if (refused(ret))
		t_skip("kernel refuses setup flags 0x%x: %s", p->flags,
		       strerror(-ret));
	assert_int_equal(ret, 0);
}

void t_ring_init(struct io_uring *ring, unsigned entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	t_ring_init_params(ring, entries, &p);
}

void t_require_op(struct io_uring *ring, int op, const char *name)
{
	struct io_uring_probe *probe = io_uring_get_probe_ring(ring);
	int ok;

	assert_non_null(probe);
	ok = io_uring_opcode_supported(probe, op);
	io_uring_free_probe(probe);
	if (!ok)
		t_skip("kernel lacks %s", name);
}

void t_require_feat(struct io_uring *ring, unsigned feat, const char *name)
{
	if (!(ring->features & feat))
		t_skip("kernel lacks %s", name);
}

struct io_uring_cqe *t_submit_wait(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_submit(ring);

	assert_true(ret >= 0);
	ret = io_uring_wait_cqe(ring, &cqe);
	assert_int_equal(ret, 0);
	assert_non_null(cqe);
	return cqe;
}

void t_reap(struct io_uring *ring, struct io_uring_cqe *out)
{
	struct io_uring_cqe *cqe = NULL;

	assert_int_equal(io_uring_wait_cqe(ring, &cqe), 0);
	memcpy(out, cqe, sizeof(*out));
	io_uring_cqe_seen(ring, cqe);
}

unsigned char t_pattern_byte(size_t off, unsigned seed)
{
	return (unsigned char) ((off * 131 + seed * 7 + (off >> 8)) & 0xff);
}

void t_fill_pattern_at(void *buf, size_t len, size_t off, unsigned seed)
{
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = t_pattern_byte(off + i, seed);
}

int t_check_pattern_at(const void *buf, size_t len, size_t off,
		       unsigned seed)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != t_pattern_byte(off + i, seed))
			return 0;
	return 1;
}

void t_fill_pattern(void *buf, size_t len, unsigned seed)
{
	t_fill_pattern_at(buf, len, 0, seed);
}

int t_check_pattern(const void *buf, size_t len, unsigned seed)
{
	return t_check_pattern_at(buf, len, 0, seed);
}

int t_tmpfile(size_t len, unsigned seed, char *path)
{
	static unsigned counter;
	char name[PATH_MAX + 32];
	size_t done = 0;
	char buf[65536];
	int fd;

	snprintf(name, sizeof(name), "%s/file.%u", t_tmpdir(), counter++);
	fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	while (done < len) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		t_fill_pattern_at(buf, n, done, seed);
		assert_int_equal(pwrite(fd, buf, n, (off_t) done), (ssize_t) n);
		done += n;
	}
	if (path)
		memcpy(path, name, strlen(name) + 1 < PATH_MAX ?
		       strlen(name) + 1 : PATH_MAX);
	return fd;
}

int t_tcp_listener(struct sockaddr_in *addr)
{
	socklen_t len = sizeof(*addr);
	int val = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &val, sizeof(val));
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *) addr, sizeof(*addr)), 0);
	assert_int_equal(listen(fd, 64), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *) addr, &len), 0);
	return fd;
}

void t_tcp_pair(int fds[2])
{
	struct sockaddr_in addr;
	int lfd = t_tcp_listener(&addr);

	fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(fds[0] >= 0);
	assert_int_equal(connect(fds[0], (struct sockaddr *) &addr,
				 sizeof(addr)), 0);
	fds[1] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	assert_true(fds[1] >= 0);
	close(lfd);
}

int t_reap_within(struct io_uring *ring, struct io_uring_cqe *out,
		  unsigned ms)
{
	struct __kernel_timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (ms % 1000) * 1000000L,
	};
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

	if (ret)
		return ret;
	memcpy(out, cqe, sizeof(*out));
	io_uring_cqe_seen(ring, cqe);
	return 0;
}

int t_kernel_at_least(int major, int minor)
{
	struct utsname u;
	int maj = 0, min = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &maj, &min) != 2)
		return 1;
	return maj > major || (maj == major && min >= minor);
}

/*
 * Older kernels (6.1, 6.12) release a replaced resource from a worker,
 * up to a second later (they batch the releases); under emulation that
 * second stretches.
 */
#define TAG_WAIT_MS	10000

void t_expect_tag_cqe(struct io_uring *ring, __u64 tag)
{
	struct io_uring_cqe cqe;

	assert_int_equal(t_reap_within(ring, &cqe, TAG_WAIT_MS), 0);
	assert_int_equal(cqe.user_data, tag);
	assert_int_equal(cqe.res, 0);
}

void t_expect_unregister_tags(struct io_uring *ring, const __u64 *tags,
			      unsigned nr)
{
	unsigned seen = 0, i, j;
	struct io_uring_cqe cqe;
	int ret;

	assert_true(nr <= 32);
	for (i = 0; i < nr; i++) {
		ret = t_reap_within(ring, &cqe, TAG_WAIT_MS);
		/*
		 * Until 6.13 the kernel posted tags only for resources
		 * replaced by an update: a table dropped whole took its
		 * tags with it.
		 */
		if (ret == -ETIME && !i && !t_kernel_at_least(6, 13))
			t_skip("kernel posts no tag CQE for what is still "
			       "registered at unregister (Linux 6.13)");
		assert_int_equal(ret, 0);
		assert_int_equal(cqe.res, 0);
		for (j = 0; j < nr; j++)
			if (!(seen & (1U << j)) && cqe.user_data == tags[j])
				break;
		assert_true(j < nr);
		seen |= 1U << j;
	}
}

void t_expect_no_cqe(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = NULL;

	assert_true(io_uring_get_events(ring) >= 0);
	assert_int_equal(io_uring_peek_cqe(ring, &cqe), -EAGAIN);
}

void t_restricted_ring(struct io_uring *ring, const struct t_rule *rules,
		       unsigned nr)
{
	struct io_uring_restriction res[16];
	unsigned i;
	int ret;

	assert_true(nr <= 16);
	t_ring_init(ring, 8, IORING_SETUP_R_DISABLED);
	if (!nr)
		return;
	memset(res, 0, sizeof(res));
	for (i = 0; i < nr; i++) {
		res[i].opcode = rules[i].kind;
		res[i].sqe_op = rules[i].value;
	}
	/* R_DISABLED came with restrictions: a kernel that took it has them */
	ret = io_uring_register_restrictions(ring, res, nr);
	assert_int_equal(ret, 0);
}

long long t_clock_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long t_now_ms(void)
{
	return t_clock_ms(CLOCK_MONOTONIC);
}

int t_under_valgrind(void)
{
	const char *v = getenv("VALGRIND_ACTIVE");

#ifdef T_HAVE_VALGRIND_H
	if (RUNNING_ON_VALGRIND)
		return 1;
#endif
	return v && *v == '1';
}

unsigned long long t_queue_nops(struct io_uring *ring, unsigned n,
				unsigned long long first)
{
	unsigned long long sum = 0;
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

		assert_non_null(sqe);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, first + i);
		sum += first + i;
	}
	return sum;
}

static void guard_fired(int sig)
{
	(void) sig;
	fail_msg("the test did not return within %d s", T_GUARD_SECONDS);
}

int t_guard_on(void **state)
{
	struct sigaction sa;

	(void) state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = guard_fired;
	sa.sa_flags = SA_NODEFER;	/* the handler does not return */
	sigaction(SIGALRM, &sa, NULL);
	alarm(T_GUARD_SECONDS);
	return 0;
}

int t_guard_off(void **state)
{
	(void) state;
	alarm(0);
	return 0;
}
