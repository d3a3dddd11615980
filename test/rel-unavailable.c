/* SPDX-License-Identifier: MIT */
/*
 * io_uring unavailable.  In a child that installs a seccomp filter making
 * io_uring_setup(2) fail with ENOSYS (a kernel without io_uring) or EPERM
 * (kernel.io_uring_disabled, or a container policy), every way into a
 * ring must return that negative errno, leave errno alone, and leak no
 * fd, no mapping and no memory; a failed ring must be safe to tear down
 * and to call on.  The sysctl itself is global, so we do not touch it.
 */
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "rel-util.h"
#include "ring-maps.h"

/*
 * The filter only trusts syscall numbers of the caller's own ABI (seccomp
 * reports it in seccomp_data.arch); elsewhere the tests that need one
 * skip.  One line for each architecture make check-cross builds.
 */
#if defined(__x86_64__)
#define REL_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define REL_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define REL_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__s390x__)
#define REL_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__arm__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define REL_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define REL_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__riscv) && __riscv_xlen == 64
#define REL_AUDIT_ARCH AUDIT_ARCH_RISCV64
#endif

#define SKIP_STATUS 77

/* Makes each listed syscall fail with err; everything else passes. */
static int deny(const long *nrs, unsigned n, int err)
{
#ifdef REL_AUDIT_ARCH
	struct sock_filter f[16];
	struct sock_fprog prog;
	unsigned i, k = 0;

	f[k++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, arch));
	f[k++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			REL_AUDIT_ARCH, 1, 0);
	f[k++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);
	f[k++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, nr));
	for (i = 0; i < n; i++) {
		f[k++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ |
			BPF_K, (unsigned) nrs[i], 0, 1);
		f[k++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ERRNO | ((unsigned) err & SECCOMP_RET_DATA));
	}
	f[k++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);
	prog.len = (unsigned short) k;
	prog.filter = f;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
#else
	(void) nrs;
	(void) n;
	(void) err;
	return -1;
#endif
}

/* What io_uring_enter() on fd -1 gives: -EBADF, unless filtered too. */
static int enter_err = -EBADF;

/* A failed ring is inert: exit and every call on it are safe. */
static int dead_ring_ok(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = (void *) 1;

	if (ring->ring_fd != -1 || ring->sq.ring_ptr || ring->sq.sqes)
		return 0;
	if (io_uring_get_sqe(ring) || io_uring_sq_ready(ring) ||
	    io_uring_cq_ready(ring))
		return 0;
	if (io_uring_submit(ring) != 0)
		return 0;
	if (io_uring_peek_cqe(ring, &cqe) != -EAGAIN || cqe)
		return 0;
	if (io_uring_wait_cqe(ring, &cqe) != enter_err)
		return 0;
	if (io_uring_ring_dontfork(ring) != -EINVAL)
		return 0;
	io_uring_queue_exit(ring);
	io_uring_queue_exit(ring);
	return 1;
}

/*
 * The checks, in the filtered child.  Returns 0 when all hold, else the
 * number of the first that failed.
 */
static int unavailable_checks(int err)
{
	struct io_uring_params p;
	struct io_uring ring;
	unsigned char *buf;
	size_t buf_sz = 1 << 20, i;
	int fds, maps, ret, n;

	buf = mmap(NULL, buf_sz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return 100;
	memset(buf, 0xa5, buf_sz);
	fds = rel_count_fds();
	maps = t_ring_maps();

	/* the raw syscall, errno preserved */
	errno = 1234;
	memset(&p, 0, sizeof(p));
	if (io_uring_setup(4, &p) != -err || errno != 1234)
		return 1;

	/* plain init, many times over: nothing may pile up */
	for (n = 0; n < 200; n++) {
		memset(&ring, 0x5a, sizeof(ring));
		errno = 1234;
		if (io_uring_queue_init(8, &ring, 0) != -err || errno != 1234)
			return 2;
		if (!dead_ring_ok(&ring))
			return 3;
	}

	/* NO_MMAP: the library maps ring memory first and must unmap it */
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_NO_MMAP;
	if (io_uring_queue_init_params(8, &ring, &p) != -err)
		return 4;
	if (!dead_ring_ok(&ring))
		return 5;

	/* caller memory: refused, not written to */
	memset(&p, 0, sizeof(p));
	ret = io_uring_queue_init_mem(8, &ring, &p, buf, buf_sz);
	if (ret != -err)
		return 6;
	for (i = 0; i < buf_sz; i++)
		if (buf[i] != 0xa5)
			return 7;
	if (!dead_ring_ok(&ring))
		return 8;

	/* other setup flags take the same way out */
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SQPOLL | IORING_SETUP_CQSIZE;
	p.cq_entries = 64;
	if (io_uring_queue_init_params(8, &ring, &p) != -err)
		return 9;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	if (io_uring_queue_init_params(8, &ring, &p) != -err)
		return 10;

	/* probing reports nothing rather than failing hard */
	errno = 1234;
	if (io_uring_get_probe() != NULL || errno != 1234)
		return 11;
	/* sizing still answers from the geometry alone */
	if (io_uring_mlock_size(8, 0) <= 0 || io_uring_memory_size(8, 0) <= 0)
		return 12;

	if (rel_count_fds() != fds)
		return 13;
	if (t_ring_maps() != maps)
		return 14;
	munmap(buf, buf_sz);
	return 0;
}

static void unavailable_case(const long *nrs, unsigned n, int err)
{
	int status, ret;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (deny(nrs, n, err))
			_exit(SKIP_STATUS);
		if (n > 1)
			enter_err = -err;
		ret = unavailable_checks(err);
		/*
		 * exit(), not _exit(): under the sanitizers this runs the
		 * leak check on the child, after every failed init.
		 */
		exit(ret);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("child killed by signal %d", WTERMSIG(status));
	ret = WEXITSTATUS(status);
	if (ret == SKIP_STATUS)
		t_skip("cannot install a seccomp filter here");
	if (ret)
		fail_msg("check %d failed with errno %d", ret, err);
}

static const long setup_only[] = { __NR_io_uring_setup };
static const long all_three[] = {
	__NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
};

static void test_enosys(void **state)
{
	(void) state;
	unavailable_case(setup_only, 1, ENOSYS);
}

static void test_eperm(void **state)
{
	(void) state;
	unavailable_case(setup_only, 1, EPERM);
}

static void test_enosys_all_syscalls(void **state)
{
	(void) state;
	unavailable_case(all_three, 3, ENOSYS);
}

/* The parent, unfiltered, still has io_uring afterwards. */
static void test_parent_unaffected(void **state)
{
	struct io_uring ring;

	(void) state;
	unavailable_case(setup_only, 1, EPERM);
	t_ring_init(&ring, 4, 0);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enosys),
		cmocka_unit_test(test_eperm),
		cmocka_unit_test(test_enosys_all_syscalls),
		cmocka_unit_test(test_parent_unaffected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
