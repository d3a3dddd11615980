/* SPDX-License-Identifier: MIT */
/*
 * Security properties.
 *  - A ring created with IORING_SETUP_R_DISABLED and given an allowlist
 *    refuses every opcode, SQE flag and register operation outside it
 *    with -EACCES, exhaustively, while what is allowed keeps working.
 *  - Personality ids belong to the ring that registered them: another
 *    ring does not know them, and the credentials they carry really are
 *    applied on their own ring.
 *  - Ring fds are close-on-exec, and an exec'd child inherits no fd the
 *    library made, even while another thread is making rings.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "rel-util.h"

static char self_exe[4096];

/* ---- restrictions ---------------------------------------------------- */

#define ALLOWED_FLAGS	(IOSQE_IO_LINK | IOSQE_IO_HARDLINK)

static void restricted_ring(struct io_uring *ring)
{
	static const struct t_rule rules[] = {
		{ IORING_RESTRICTION_SQE_OP, IORING_OP_NOP },
		{ IORING_RESTRICTION_SQE_OP, IORING_OP_READ },
		{ IORING_RESTRICTION_REGISTER_OP, IORING_REGISTER_BUFFERS },
		{ IORING_RESTRICTION_REGISTER_OP, IORING_UNREGISTER_BUFFERS },
		{ IORING_RESTRICTION_SQE_FLAGS_ALLOWED, ALLOWED_FLAGS },
	};

	t_restricted_ring(ring, rules, T_ARRAY_SIZE(rules));
}

static int run_one(struct io_uring *ring, int op, unsigned flags)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe *cqe;
	int res;

	assert_non_null(sqe);
	/* fields that make no sense for op: the check comes first */
	io_uring_prep_rw(op, sqe, -1, NULL, 0, 0);
	sqe->flags = (__u8) flags;
	io_uring_sqe_set_data64(sqe, (__u64) op);
	assert_int_equal(io_uring_submit(ring), 1);
	assert_int_equal(io_uring_wait_cqe_timeout(ring, &cqe, &ts), 0);
	assert_true(cqe->user_data == (__u64) op);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return res;
}

static void test_disabled_ring_runs_nothing(void **state)
{
	struct io_uring ring;

	(void) state;
	restricted_ring(&ring);
	io_uring_prep_nop(io_uring_get_sqe(&ring));
	assert_int_equal(io_uring_submit(&ring), -EBADFD);
	assert_int_equal(io_uring_get_events(&ring), -EBADFD);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	/* the NOP queued while disabled goes through now */
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(io_uring_cq_ready(&ring), 1);
	io_uring_cq_advance(&ring, 1);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

/* Opcodes the running kernel knows: the ones past it are -EINVAL. */
static int kernel_last_op(void)
{
	struct io_uring_probe *probe = io_uring_get_probe();
	int last;

	assert_non_null(probe);
	last = probe->last_op;
	io_uring_free_probe(probe);
	return last;
}

static void test_every_other_opcode_refused(void **state)
{
	int op, last = kernel_last_op();
	struct io_uring ring;
	unsigned refused = 0;

	(void) state;
	restricted_ring(&ring);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	for (op = 0; op <= last; op++) {
		int res = run_one(&ring, op, 0);

		if (op == IORING_OP_NOP) {
			assert_int_equal(res, 0);
		} else if (op == IORING_OP_READ) {
			/* allowed: it gets as far as the bad fd */
			assert_int_equal(res, -EBADF);
		} else {
			if (res != -EACCES)
				fail_msg("opcode %d: res %d, not -EACCES", op,
					 res);
			refused++;
		}
		assert_int_equal(io_uring_cq_ready(&ring), 0);
	}
	assert_int_equal(refused, (unsigned) last - 1);
	/* past what the kernel knows is not a restriction question */
	for (; op <= 255; op++)
		assert_int_equal(run_one(&ring, op, 0), -EINVAL);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

/*
 * Flags are checked on READ, an allowed opcode that takes them all: on a
 * NOP, BUFFER_SELECT is refused earlier, as unsupported by the opcode.
 */
static void test_sqe_flags_refused(void **state)
{
	struct io_uring ring;
	unsigned f, refused = 0;

	(void) state;
	restricted_ring(&ring);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	for (f = 1; f < 0x80; f <<= 1) {
		int res = run_one(&ring, IORING_OP_READ, f);

		if (f & ALLOWED_FLAGS) {
			/* a lone link: the READ itself runs, on fd -1 */
			assert_int_equal(res, -EBADF);
			continue;
		}
		if (res != -EACCES)
			fail_msg("sqe flags 0x%x: res %d, not -EACCES", f, res);
		refused++;
	}
	assert_int_equal(refused, 5);
	/* a mix of allowed and refused is refused */
	assert_int_equal(run_one(&ring, IORING_OP_READ,
				 IOSQE_IO_LINK | IOSQE_ASYNC), -EACCES);
	/* allowed flags pass: a hard-linked pair of NOPs */
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		struct io_uring_cqe *cqe;
		int i;

		io_uring_prep_nop(sqe);
		sqe->flags = IOSQE_IO_HARDLINK;
		io_uring_prep_nop(io_uring_get_sqe(&ring));
		assert_int_equal(io_uring_submit_and_wait(&ring, 2), 2);
		for (i = 0; i < 2; i++) {
			assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
			assert_int_equal(cqe->res, 0);
			io_uring_cqe_seen(&ring, cqe);
		}
	}
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

/*
 * Register opcodes the running kernel knows, from IORING_REGISTER_QUERY
 * (Linux 6.18); 0 when it cannot say.
 */
static unsigned kernel_register_ops(void)
{
	struct io_uring_query_opcode op;
	struct io_uring_query_hdr hdr;

	memset(&op, 0, sizeof(op));
	memset(&hdr, 0, sizeof(hdr));
	hdr.query_op = IO_URING_QUERY_OPCODES;
	hdr.query_data = (__u64) (uintptr_t) &op;
	hdr.size = sizeof(op);
	if (io_uring_register_query(&hdr) < 0 || hdr.result < 0)
		return 0;
	return op.nr_register_opcodes;
}

/*
 * A kernel without IO_URING_QUERY (before 6.18) cannot say how many
 * register opcodes it has, but refuses the ones beyond them with -EINVAL
 * before it looks at the allowlist: the first -EINVAL on a ring that
 * allows no register opcode at all marks the end.  The loop of the test
 * then checks that every opcode below it was refused with -EACCES.
 */
static unsigned register_ops_by_probe(struct io_uring *ring)
{
	unsigned op;

	for (op = 0; op < IORING_REGISTER_LAST; op++) {
		if (op == IORING_REGISTER_BUFFERS ||
		    op == IORING_UNREGISTER_BUFFERS)
			continue;
		if (REL_BAD_POINTER_CALL(io_uring_register(
				(unsigned) ring->ring_fd, op, NULL, 0)) ==
		    -EINVAL)
			break;
	}
	/* registered ring fds (5.18) are older than anything we need */
	assert_true(op > IORING_UNREGISTER_RING_FDS);
	printf("# no IO_URING_QUERY: the kernel knows %u register opcodes\n",
	       op);
	return op;
}

#define BUF_LEN 4096

static void test_every_other_register_op_refused(void **state)
{
	/*
	 * Anonymous memory of its own: 6.1 refuses to register a static
	 * buffer (-EINVAL) whose pages .data's file mapping shares.
	 */
	char *buf = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct iovec iov = { buf, BUF_LEN };
	struct io_uring ring;
	unsigned op, refused = 0;
	unsigned known = kernel_register_ops();
	int fd, ret;

	(void) state;
	assert_true(buf != MAP_FAILED);
	restricted_ring(&ring);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	if (!known)
		known = register_ops_by_probe(&ring);
	if (known > IORING_REGISTER_LAST)
		known = IORING_REGISTER_LAST;
	for (op = 0; op < 256; op++) {
		if (op == IORING_REGISTER_BUFFERS ||
		    op == IORING_UNREGISTER_BUFFERS)
			continue;
		/* no argument: the allowlist is checked before any is read */
		ret = REL_BAD_POINTER_CALL(io_uring_register(
				(unsigned) ring.ring_fd, op, NULL, 0));
		if (op >= known) {
			/* an opcode the kernel does not know at all */
			if (ret != -EINVAL)
				fail_msg("register op %u: %d", op, ret);
			continue;
		}
		if (ret != -EACCES)
			fail_msg("register op %u: %d, not -EACCES", op, ret);
		refused++;
	}
	assert_int_equal(refused, known - 2);
	printf("# %u register opcodes refused\n", refused);
	/* the library's wrappers get the same answer */
	assert_int_equal(io_uring_register_ring_fd(&ring), -EACCES);
	assert_int_equal(io_uring_register_personality(&ring), -EACCES);
	assert_int_equal(io_uring_register_files_sparse(&ring, 4), -EACCES);
	assert_int_equal(io_uring_enable_rings(&ring), -EACCES);
	assert_null(io_uring_get_probe_ring(&ring));

	/* what is allowed works, and is used by an allowed opcode */
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), 0);
	fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	memset(buf, 0x7f, BUF_LEN);
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		struct io_uring_cqe *cqe;

		io_uring_prep_read(sqe, fd, buf, 100, 0);
		assert_int_equal(io_uring_submit_and_wait(&ring, 1), 1);
		assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->res, 100);
		io_uring_cqe_seen(&ring, cqe);
		assert_int_equal(buf[0], 0);
		assert_int_equal(buf[99], 0);
		assert_int_equal(buf[100], 0x7f);
	}
	close(fd);
	assert_int_equal(io_uring_unregister_buffers(&ring), 0);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
	munmap(buf, BUF_LEN);
}

/* Restrictions are per ring: another ring of ours is not restricted. */
static void test_restrictions_stay_on_their_ring(void **state)
{
	struct io_uring ring, other;

	(void) state;
	restricted_ring(&ring);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	t_ring_init(&other, 8, 0);
	assert_int_equal(run_one(&ring, IORING_OP_TIMEOUT_REMOVE, 0),
			 -EACCES);
	assert_int_equal(run_one(&other, IORING_OP_TIMEOUT_REMOVE, 0),
			 -ENOENT);
	assert_true(io_uring_register_personality(&other) > 0);
	io_uring_queue_exit(&other);
	io_uring_queue_exit(&ring);
}

/* ---- personalities --------------------------------------------------- */

static int nop_as(struct io_uring *ring, int id)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe *cqe;
	int res;

	io_uring_prep_nop(sqe);
	sqe->personality = (__u16) id;
	assert_int_equal(io_uring_submit_and_wait(ring, 1), 1);
	assert_int_equal(io_uring_peek_cqe(ring, &cqe), 0);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return res;
}

static void test_personality_ids_per_ring(void **state)
{
	struct io_uring a, b;
	int ida[3], idb, i;

	(void) state;
	t_ring_init(&a, 8, 0);
	t_ring_init(&b, 8, 0);
	for (i = 0; i < 3; i++) {
		ida[i] = io_uring_register_personality(&a);
		if (ida[i] == -EINVAL)
			t_skip("kernel lacks personalities (5.6)");
		assert_true(ida[i] > 0);
		assert_int_equal(nop_as(&a, ida[i]), 0);
	}
	/* b has none of a's ids */
	for (i = 0; i < 3; i++)
		assert_int_equal(nop_as(&b, ida[i]), -EINVAL);
	/* b's own first id works on b; a's others still do not */
	idb = io_uring_register_personality(&b);
	assert_true(idb > 0);
	assert_int_equal(nop_as(&b, idb), 0);
	for (i = 0; i < 3; i++)
		if (ida[i] != idb)
			assert_int_equal(nop_as(&b, ida[i]), -EINVAL);
	/* dropping a's id on a does not drop b's */
	assert_int_equal(io_uring_unregister_personality(&a, idb), 0);
	assert_int_equal(nop_as(&a, idb), -EINVAL);
	assert_int_equal(nop_as(&b, idb), 0);
	/* and b cannot drop a's */
	assert_int_equal(io_uring_unregister_personality(&b, ida[2] == idb ?
							 ida[1] : ida[2]),
			 -EINVAL);
	rel_nop_round_trip(&a);
	rel_nop_round_trip(&b);
	io_uring_queue_exit(&a);
	io_uring_queue_exit(&b);
}

/*
 * The credentials behind an id are applied, and only on its own ring:
 * root registers a personality, drops to nobody, and can then open a
 * root-only file through that id on that ring, and nowhere else.
 */
static int cred_child(const char *path)
{
	struct io_uring a, b;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	int id, res, i;

	if (io_uring_queue_init(8, &a, 0))
		return 1;
	id = io_uring_register_personality(&a);
	if (id <= 0)
		return 2;
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 3;
	if (open(path, O_RDONLY) >= 0 || errno != EACCES)
		return 4;
	if (io_uring_queue_init(8, &b, 0))
		return 5;

	for (i = 0; i < 3; i++) {
		struct io_uring *r = i == 2 ? &b : &a;

		sqe = io_uring_get_sqe(r);
		io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC,
				     0);
		if (i != 1)
			sqe->personality = (__u16) id;
		if (io_uring_submit_and_wait(r, 1) != 1 ||
		    io_uring_peek_cqe(r, &cqe))
			return 6;
		res = cqe->res;
		io_uring_cqe_seen(r, cqe);
		if (i == 0 && res < 0)		/* as root, on a */
			return 7;
		if (i == 0)
			close(res);
		if (i == 1 && res != -EACCES)	/* as nobody, on a */
			return 8;
		if (i == 2 && res != -EINVAL)	/* a's id on b */
			return 9;
	}
	io_uring_queue_exit(&a);
	io_uring_queue_exit(&b);
	return 0;
}

static void test_personality_credentials(void **state)
{
	char path[4096];
	int fd, status;
	pid_t pid;

	(void) state;
	if (geteuid() != 0)
		t_skip("needs root to switch credentials");
	fd = t_tmpfile(16, 1, path);
	close(fd);
	assert_int_equal(chmod(path, 0600), 0);
	/* nobody must be able to reach the file's directory */
	assert_int_equal(chmod(t_tmpdir(), 0711), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(cred_child(path));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status))
		fail_msg("child check %d failed", WEXITSTATUS(status));
}

/* ---- close-on-exec --------------------------------------------------- */

/*
 * A ring whose memory the application provides, when the kernel can do
 * that (IORING_SETUP_NO_MMAP, Linux 6.5), else a plain one; says so.
 */
static void no_mmap_ring(struct io_uring *ring, void *mem, size_t size)
{
	struct io_uring_params p;
	int ret;

	memset(&p, 0, sizeof(p));
	if (mem)
		ret = io_uring_queue_init_mem(4, ring, &p, mem, size);
	else
		ret = io_uring_queue_init(4, ring, IORING_SETUP_NO_MMAP);
	if (ret == -EINVAL) {
		printf("# kernel refuses IORING_SETUP_NO_MMAP (Linux 6.5): "
		       "a plain ring instead\n");
		ret = io_uring_queue_init(4, ring, 0);
	}
	assert_true(ret >= 0);
}

static void assert_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFD);

	assert_true(fl >= 0);
	assert_true(fl & FD_CLOEXEC);
}

static void test_ring_fds_cloexec(void **state)
{
	struct io_uring_params p;
	struct io_uring r[4];
	void *mem;
	int raw;

	(void) state;
	assert_int_equal(io_uring_queue_init(4, &r[0], 0), 0);
	assert_int_equal(io_uring_queue_init(4, &r[1], IORING_SETUP_SQPOLL), 0);
	no_mmap_ring(&r[2], NULL, 0);
	mem = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED);
	no_mmap_ring(&r[3], mem, 1 << 16);
	for (int i = 0; i < 4; i++) {
		assert_cloexec(r[i].ring_fd);
		rel_nop_round_trip(&r[i]);
	}
	memset(&p, 0, sizeof(p));
	raw = io_uring_setup(4, &p);
	assert_true(raw >= 0);
	assert_cloexec(raw);
	close(raw);
	for (int i = 0; i < 4; i++)
		io_uring_queue_exit(&r[i]);
	munmap(mem, 1 << 16);
}

/*
 * The exec'd half: argv[2] lists the fds the parent had open before it
 * made any ring and that were not close-on-exec.  Anything else open here
 * leaked through exec; an io_uring fd is named as such.
 */
static int exec_child_check(const char *allowed)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/fd");
	int bad = 0;

	if (!d)
		return 2;
	while ((de = readdir(d))) {
		char want[300], target[256], link[300];
		ssize_t n;

		if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d))
			continue;
		snprintf(want, sizeof(want), ",%s,", de->d_name);
		if (strstr(allowed, want))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		fprintf(stderr, "leaked fd %s -> %s\n", de->d_name, target);
		bad = 1;
	}
	closedir(d);
	return bad;
}

/* Fds open now that an exec would keep, as ",0,1,2,". */
static void inheritable_fds(char *out, size_t len)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/fd");
	size_t off;

	assert_non_null(d);
	off = (size_t) snprintf(out, len, ",");
	while ((de = readdir(d))) {
		int fd = atoi(de->d_name);

		if (de->d_name[0] == '.' || fd == dirfd(d))
			continue;
		if (fcntl(fd, F_GETFD) & FD_CLOEXEC)
			continue;
		off += (size_t) snprintf(out + off, len - off, "%d,", fd);
		assert_true(off < len);
	}
	closedir(d);
}

static void exec_and_check(const char *allowed)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(self_exe, self_exe, "--exec-child", allowed,
		      (char *) NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status))
		fail_msg("exec'd child: status %d (fds leaked)",
			 WEXITSTATUS(status));
}

static void test_nothing_leaks_into_exec(void **state)
{
	struct io_uring r[5];
	struct io_uring_probe *probe;
	char allowed[1024];
	int efd, files[2];

	(void) state;
	inheritable_fds(allowed, sizeof(allowed));
	/* every kind of state the library can hold fds for */
	assert_int_equal(io_uring_queue_init(4, &r[0], 0), 0);
	assert_int_equal(io_uring_queue_init(4, &r[1], IORING_SETUP_SQPOLL), 0);
	no_mmap_ring(&r[2], NULL, 0);
	assert_int_equal(io_uring_queue_init(4, &r[3],
					     IORING_SETUP_SINGLE_ISSUER |
					     IORING_SETUP_DEFER_TASKRUN), 0);
	assert_int_equal(io_uring_queue_init(4, &r[4], 0), 0);
	assert_int_equal(io_uring_register_ring_fd(&r[4]), 1);
	/* only the registered fd left, where the kernel can (6.3) */
	if (r[4].features & IORING_FEAT_REG_REG_RING)
		assert_int_equal(io_uring_close_ring_fd(&r[4]), 1);
	efd = eventfd(0, EFD_CLOEXEC);
	assert_true(efd >= 0);
	assert_int_equal(io_uring_register_eventfd(&r[0], efd), 0);
	files[0] = efd;
	files[1] = efd;
	assert_int_equal(io_uring_register_files(&r[0], files, 2), 0);
	probe = io_uring_get_probe();
	assert_non_null(probe);
	io_uring_free_probe(probe);
	assert_true(io_uring_mlock_size(64, 0) >= 0);

	exec_and_check(allowed);

	for (int i = 0; i < 5; i++) {
		rel_nop_round_trip(&r[i]);
		io_uring_queue_exit(&r[i]);
	}
	close(efd);
}

/* Rings made and dropped by a thread while the main thread execs. */
static atomic_int churn_stop;

static void *churn(void *arg)
{
	unsigned n = 0;

	(void) arg;
	while (!atomic_load(&churn_stop)) {
		struct io_uring r;

		if (io_uring_queue_init(4, &r, n++ % 2 ?
					IORING_SETUP_NO_MMAP : 0) == 0)
			io_uring_queue_exit(&r);
	}
	return NULL;
}

static void test_exec_races_ring_creation(void **state)
{
	char allowed[1024];
	pthread_t tid;
	int i;

	(void) state;
	inheritable_fds(allowed, sizeof(allowed));
	atomic_store(&churn_stop, 0);
	assert_int_equal(pthread_create(&tid, NULL, churn, NULL), 0);
	for (i = 0; i < (t_under_valgrind() ? 3 : 20); i++)
		exec_and_check(allowed);
	atomic_store(&churn_stop, 1);
	assert_int_equal(pthread_join(tid, NULL), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disabled_ring_runs_nothing),
		cmocka_unit_test(test_every_other_opcode_refused),
		cmocka_unit_test(test_sqe_flags_refused),
		cmocka_unit_test(test_every_other_register_op_refused),
		cmocka_unit_test(test_restrictions_stay_on_their_ring),
		cmocka_unit_test(test_personality_ids_per_ring),
		cmocka_unit_test(test_personality_credentials),
		cmocka_unit_test(test_ring_fds_cloexec),
		cmocka_unit_test(test_nothing_leaks_into_exec),
		cmocka_unit_test(test_exec_races_ring_creation),
	};
	ssize_t n;

	if (argc == 3 && !strcmp(argv[1], "--exec-child"))
		return exec_child_check(argv[2]);
	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0)
		return 1;
	self_exe[n] = '\0';
	return cmocka_run_group_tests(tests, NULL, NULL);
}
