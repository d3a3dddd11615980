/* SPDX-License-Identifier: MIT */
/*
 * The remaining registrations: io-wq limits and affinity, synchronous
 * cancel and message, the wait clock, ring resizing, wait and memory
 * regions, queries, NAPI, BPF filters and zero-copy receive.
 */
#include <dirent.h>
#include <linux/filter.h>
#include <net/if.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "helpers.h"

static long long now_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void queue_nop(struct io_uring *ring, __u64 data)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, data);
}

/* The number of opcodes IORING_REGISTER_* this kernel knows, via a probe. */
static unsigned kernel_register_ops(void)
{
	struct io_uring_query_opcode op;
	struct io_uring_query_hdr hdr;

	memset(&op, 0, sizeof(op));
	memset(&hdr, 0, sizeof(hdr));
	hdr.query_data = (uintptr_t) &op;
	hdr.size = sizeof(op);
	hdr.query_op = IO_URING_QUERY_OPCODES;
	if (io_uring_register_query(&hdr) || hdr.result)
		return 0;
	return op.nr_register_opcodes;
}

/* ---- io-wq -------------------------------------------------------------- */

static void test_iowq_max_workers(void **state)
{
	struct io_uring ring;
	unsigned vals[2] = { 0, 0 }, orig[2];

	(void) state;
	t_ring_init(&ring, 8, 0);
	/* zeros change nothing and report the current limits */
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_true(vals[0] > 0 && vals[1] > 0);
	orig[0] = vals[0];
	orig[1] = vals[1];

	vals[0] = 3;
	vals[1] = 5;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], orig[0]);
	assert_int_equal(vals[1], orig[1]);

	/* one at a time: 0 leaves the other as set */
	vals[0] = 0;
	vals[1] = 7;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], 3);
	assert_int_equal(vals[1], 5);
	vals[0] = vals[1] = 0;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], 3);
	assert_int_equal(vals[1], 7);

	vals[0] = 1U << 31;
	vals[1] = 0;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals),
			 -EINVAL);
	io_uring_queue_exit(&ring);
}

/*
 * The io-wq workers of thread tid are named iou-wrk-<tid>.  Copies the
 * Cpus_allowed_list of the first one found to list; returns whether one
 * was found.
 */
static bool worker_cpus(pid_t tid, char *list, size_t len)
{
	char want[32], path[300], line[256];
	struct dirent *de;
	bool found = false;
	DIR *d = opendir("/proc/self/task");

	assert_non_null(d);
	snprintf(want, sizeof(want), "iou-wrk-%d\n", (int) tid);
	while (!found && (de = readdir(d))) {
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) && !strcmp(line, want)) {
			FILE *s;

			snprintf(path, sizeof(path),
				 "/proc/self/task/%s/status", de->d_name);
			s = fopen(path, "r");
			while (s && fgets(line, sizeof(line), s)) {
				if (!strncmp(line, "Cpus_allowed_list:", 18)) {
					snprintf(list, len, "%s", line + 18);
					found = true;
				}
			}
			if (s)
				fclose(s);
		}
		fclose(f);
	}
	closedir(d);
	return found;
}

struct aff_arg {
	struct io_uring *ring;
	bool unset;		/* unregister the mask again before the work */
	char cpus[256];		/* the worker's Cpus_allowed_list */
	int ret;
};

/*
 * Runs in a fresh thread, which gets an io-wq of its own on its first
 * submission: the mask applies to the workers of the calling thread's
 * io-wq that start after it is set.
 */
static void *aff_thread(void *p)
{
	struct aff_arg *a = p;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	cpu_set_t set;
	int i;

	queue_nop(a->ring, 1);
	io_uring_submit_and_wait(a->ring, 1);
	io_uring_cq_advance(a->ring, io_uring_cq_ready(a->ring));

	CPU_ZERO(&set);
	CPU_SET(1, &set);
	a->ret = io_uring_register_iowq_aff(a->ring, sizeof(set), &set);
	if (a->ret)
		return NULL;
	if (a->unset) {
		a->ret = io_uring_unregister_iowq_aff(a->ring);
		if (a->ret)
			return NULL;
	}
	/* a forced-async NOP starts a worker */
	sqe = io_uring_get_sqe(a->ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_ASYNC;
	io_uring_submit_and_wait(a->ring, 1);
	if (io_uring_peek_cqe(a->ring, &cqe) == 0)
		io_uring_cqe_seen(a->ring, cqe);
	a->cpus[0] = 0;
	/* workers linger idle for seconds: it is still there */
	for (i = 0; i < 100 && !worker_cpus((pid_t) syscall(SYS_gettid),
					    a->cpus, sizeof(a->cpus)); i++)
		usleep(10000);
	return NULL;
}

static void run_aff_thread(struct aff_arg *a)
{
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, aff_thread, a), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
}

static void test_iowq_aff(void **state)
{
	struct aff_arg a;
	struct io_uring ring;
	cpu_set_t set;

	(void) state;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		t_skip("needs 2 CPUs to see an affinity mask take effect");
	t_ring_init(&ring, 8, 0);

	memset(&a, 0, sizeof(a));
	a.ring = &ring;
	run_aff_thread(&a);
	assert_int_equal(a.ret, 0);
	assert_string_equal(a.cpus, "\t1\n");

	/* unset: new workers may run anywhere again */
	memset(&a, 0, sizeof(a));
	a.ring = &ring;
	a.unset = true;
	run_aff_thread(&a);
	assert_int_equal(a.ret, 0);
	assert_true(a.cpus[0] != 0);
	assert_string_not_equal(a.cpus, "\t1\n");

	/* an empty mask size */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	assert_int_equal(io_uring_register_iowq_aff(&ring, 0, &set), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* ---- sync cancel and sync msg ------------------------------------------- */

static void test_sync_cancel(void **state)
{
	struct io_uring_sync_cancel_reg reg;
	struct io_uring ring;
	struct io_uring_cqe cqe;
	char buf[16];
	int fds[2], ret, i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < 2; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
		io_uring_sqe_set_data64(sqe, 0x100 + i);
	}
	assert_int_equal(io_uring_submit(&ring), 2);

	memset(&reg, 0, sizeof(reg));
	reg.addr = 0x100;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	ret = io_uring_register_sync_cancel(&ring, &reg);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_SYNC_CANCEL (6.0)");
	assert_int_equal(ret, 0);
	/* returned only once the request was gone: its CQE is there */
	assert_true(io_uring_cq_ready(&ring) >= 1);
	t_reap(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x100);
	assert_int_equal(cqe.res, -ECANCELED);

	/* nothing matches any more */
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), -ENOENT);

	/* by file: the other read goes */
	memset(&reg, 0, sizeof(reg));
	reg.fd = fds[0];
	reg.flags = IORING_ASYNC_CANCEL_FD;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), 0);
	t_reap(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x101);
	assert_int_equal(cqe.res, -ECANCELED);

	/* reserved bytes must be zero */
	reg.pad[0] = 1;
	assert_int_equal(io_uring_register_sync_cancel(&ring, &reg), -EINVAL);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_sync_msg(void **state)
{
	struct io_uring target;
	struct io_uring_sqe sqe;
	struct io_uring_cqe cqe;
	int ret;

	(void) state;
	t_ring_init(&target, 8, 0);
	memset(&sqe, 0xff, sizeof(sqe));
	io_uring_prep_msg_ring(&sqe, target.ring_fd, 0x1234, 0xbeef, 0);
	ret = io_uring_register_sync_msg(&sqe);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_SEND_MSG_RING)
		t_skip("kernel lacks IORING_REGISTER_SEND_MSG_RING (6.13)");
	assert_int_equal(ret, 0);
	t_reap(&target, &cqe);
	assert_int_equal(cqe.user_data, 0xbeef);
	assert_int_equal(cqe.res, 0x1234);

	/* only MSG_RING, and no SQE flags */
	sqe.flags = IOSQE_IO_LINK;
	assert_int_equal(io_uring_register_sync_msg(&sqe), -EINVAL);
	io_uring_prep_nop(&sqe);
	assert_int_equal(io_uring_register_sync_msg(&sqe), -EINVAL);
	/* not a ring */
	io_uring_prep_msg_ring(&sqe, 0, 1, 2, 0);
	assert_true(io_uring_register_sync_msg(&sqe) < 0);
	io_uring_queue_exit(&target);
}

/* ---- clock -------------------------------------------------------------- */

/*
 * Waits for a CQE that never comes until the absolute time deadline_ms
 * (IORING_ENTER_ABS_TIMER, read in the ring's clock); returns how long
 * the wait took, in ms.
 */
static long long abs_wait(struct io_uring *ring, long long deadline_ms)
{
	struct __kernel_timespec ts = {
		.tv_sec = deadline_ms / 1000,
		.tv_nsec = (deadline_ms % 1000) * 1000000,
	};
	struct io_uring_getevents_arg arg = {
		.ts = (uintptr_t) &ts,
	};
	long long start = t_now_ms();
	int ret;

	ret = io_uring_enter2((unsigned) ring->ring_fd, 0, 1,
			      IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG |
			      IORING_ENTER_ABS_TIMER, &arg, sizeof(arg));
	assert_int_equal(ret, -ETIME);
	return t_now_ms() - start;
}

static void test_clock(void **state)
{
	struct io_uring_clock_register reg;
	struct io_uring ring;
	long long took;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	reg.clockid = CLOCK_BOOTTIME;
	ret = io_uring_register_clock(&ring, &reg);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLOCK (6.12)");
	assert_int_equal(ret, 0);
	/* an absolute deadline in CLOCK_BOOTTIME terms is honoured */
	took = abs_wait(&ring, now_ms(CLOCK_BOOTTIME) + 100);
	assert_true(took >= 80 && took < 3000);

	reg.clockid = CLOCK_MONOTONIC;
	assert_int_equal(io_uring_register_clock(&ring, &reg), 0);
	took = abs_wait(&ring, now_ms(CLOCK_MONOTONIC) + 100);
	assert_true(took >= 80 && took < 3000);

	/* only those two clocks; reserved fields zero */
	reg.clockid = CLOCK_REALTIME;
	assert_int_equal(io_uring_register_clock(&ring, &reg), -EINVAL);
	reg.clockid = CLOCK_MONOTONIC;
	reg.__resv[1] = 1;
	assert_int_equal(io_uring_register_clock(&ring, &reg), -EINVAL);
	io_uring_queue_exit(&ring);
}

/*
 * Telling the clocks apart needs them to differ, which they do only after
 * the machine has been suspended.
 */
static void test_clock_switches(void **state)
{
	struct io_uring_clock_register reg;
	struct io_uring ring;
	long long gap = now_ms(CLOCK_BOOTTIME) - now_ms(CLOCK_MONOTONIC);
	long long took;

	(void) state;
	if (gap < 2000)
		t_skip("CLOCK_BOOTTIME = CLOCK_MONOTONIC here (never "
		       "suspended): which clock a wait uses cannot be seen");
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	reg.clockid = CLOCK_BOOTTIME;
	if (io_uring_register_clock(&ring, &reg) == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_CLOCK (6.12)");
	/* a monotonic deadline is already past in boottime terms */
	took = abs_wait(&ring, now_ms(CLOCK_MONOTONIC) + 1000);
	assert_true(took < 500);
	took = abs_wait(&ring, now_ms(CLOCK_BOOTTIME) + 100);
	assert_true(took >= 80);
	io_uring_queue_exit(&ring);
}

/* ---- resize ------------------------------------------------------------- */

static void reap_expect(struct io_uring *ring, __u64 first, unsigned n)
{
	struct io_uring_cqe cqe;
	unsigned i;

	for (i = 0; i < n; i++) {
		t_reap(ring, &cqe);
		assert_int_equal(cqe.user_data, first + i);
		assert_int_equal(cqe.res, 0);
	}
}

static int resize(struct io_uring *ring, unsigned sq, unsigned cq)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.sq_entries = sq;
	p.cq_entries = cq;
	p.flags = IORING_SETUP_CQSIZE;
	return io_uring_resize_rings(ring, &p);
}

/*
 * Completions not yet reaped and requests not yet submitted survive the
 * move, and the new sizes are usable to the full.
 */
static void resize_keeps_state(struct io_uring *ring)
{
	struct io_uring_params p;
	int ret, i;

	for (i = 0; i < 6; i++)
		queue_nop(ring, 1 + i);
	assert_int_equal(io_uring_submit(ring), 6);
	for (i = 0; i < 3; i++)
		queue_nop(ring, 7 + i);

	memset(&p, 0, sizeof(p));
	p.sq_entries = 64;
	p.cq_entries = 256;
	p.flags = IORING_SETUP_CQSIZE;
	ret = io_uring_resize_rings(ring, &p);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_RESIZE_RINGS)
		t_skip("kernel lacks IORING_REGISTER_RESIZE_RINGS (6.13)");
	assert_int_equal(ret, 0);
	assert_int_equal(p.sq_entries, 64);
	assert_int_equal(p.cq_entries, 256);
	assert_int_equal(ring->sq.ring_entries, 64);
	assert_int_equal(*ring->sq.kring_entries, 64);
	assert_int_equal(ring->sq.ring_mask, 63);
	assert_int_equal(ring->cq.ring_entries, 256);
	assert_int_equal(*ring->cq.kring_entries, 256);
	assert_int_equal(*ring->cq.kring_mask, 255);

	/* the completions were moved */
	reap_expect(ring, 1, 6);
	/* the queued requests go now */
	assert_int_equal(io_uring_submit(ring), 3);
	reap_expect(ring, 7, 3);

	/* the whole new SQ, and more CQEs than the old CQ could hold */
	for (i = 0; i < 64; i++)
		queue_nop(ring, 100 + i);
	assert_null(io_uring_get_sqe(ring));
	assert_int_equal(io_uring_submit(ring), 64);
	for (i = 0; i < 64; i++)
		queue_nop(ring, 164 + i);
	assert_int_equal(io_uring_submit(ring), 64);
	assert_int_equal(io_uring_cq_ready(ring), 128);
	assert_false(io_uring_cq_has_overflow(ring));
	reap_expect(ring, 100, 128);

	/* and back down */
	assert_int_equal(resize(ring, 4, 8), 0);
	assert_int_equal(ring->sq.ring_entries, 4);
	for (i = 0; i < 4; i++)
		queue_nop(ring, 300 + i);
	assert_null(io_uring_get_sqe(ring));
	assert_int_equal(io_uring_submit(ring), 4);
	reap_expect(ring, 300, 4);
}

#define DEFER	(IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SINGLE_ISSUER)

static void test_resize(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

/* Rings in memory the library allocated (IORING_SETUP_NO_MMAP). */
static void test_resize_no_mmap(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER | IORING_SETUP_NO_MMAP);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

/* Rings with the SQ index array, set up by hand and mapped by us. */
static void test_resize_sq_array(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	int fd;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = DEFER;
	fd = io_uring_setup(8, &p);
	if (fd < 0)
		t_skip("kernel refuses DEFER_TASKRUN: %s", strerror(-fd));
	assert_int_equal(io_uring_queue_mmap(fd, &p, &ring), 0);
	assert_non_null(ring.sq.array);
	resize_keeps_state(&ring);
	assert_non_null(ring.sq.array);
	io_uring_queue_exit(&ring);
}

/* Used through a registered ring fd; and with 32-byte CQEs. */
static void test_resize_registered_cqe32(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, DEFER | IORING_SETUP_CQE32);
	assert_int_equal(io_uring_register_ring_fd(&ring), 1);
	resize_keeps_state(&ring);
	io_uring_queue_exit(&ring);
}

static void test_resize_refused(void **state)
{
	struct io_uring ring;
	struct io_uring_params p;
	int i;

	(void) state;
	/* only DEFER_TASKRUN rings */
	t_ring_init(&ring, 8, 0);
	assert_int_equal(resize(&ring, 16, 32), -EINVAL);
	io_uring_queue_exit(&ring);

	t_ring_init(&ring, 8, DEFER);
	if (resize(&ring, 8, 16) == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_RESIZE_RINGS (6.13)");
	/* pending CQEs that do not fit: nothing changes */
	for (i = 0; i < 8; i++)
		queue_nop(&ring, 1 + i);
	assert_int_equal(io_uring_submit(&ring), 8);
	for (i = 0; i < 4; i++)
		queue_nop(&ring, 9 + i);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(resize(&ring, 4, 8), -EOVERFLOW);
	assert_int_equal(ring.cq.ring_entries, 16);
	/* queued SQEs that do not fit */
	for (i = 0; i < 4; i++)
		queue_nop(&ring, 13 + i);
	assert_int_equal(resize(&ring, 2, 32), -EOVERFLOW);
	assert_int_equal(ring.sq.ring_entries, 8);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(io_uring_cq_ready(&ring), 16);
	reap_expect(&ring, 1, 16);
	/* flags other than CQSIZE and CLAMP */
	memset(&p, 0, sizeof(p));
	p.sq_entries = 8;
	p.flags = IORING_SETUP_SQPOLL;
	assert_int_equal(io_uring_resize_rings(&ring, &p), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* ---- regions ------------------------------------------------------------ */

static void *page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	memset(p, 0, 4096);
	return p;
}

static void test_wait_reg(void **state)
{
	struct io_uring_reg_wait *reg = page();
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	long long start;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, IORING_SETUP_R_DISABLED);
	reg[1].ts.tv_nsec = 50 * 1000 * 1000;
	reg[1].flags = IORING_REG_WAIT_TS;
	ret = io_uring_register_wait_reg(&ring, reg, 4);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_MEM_REGION)
		t_skip("kernel lacks IORING_REGISTER_MEM_REGION (6.13)");
	assert_int_equal(ret, 0);
	/* one region per ring */
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 4), -EBUSY);
	assert_int_equal(io_uring_enable_rings(&ring), 0);

	/* nothing to wait for: slot 1's timeout ends the wait */
	start = t_now_ms();
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1),
			 -ETIME);
	assert_true(t_now_ms() - start >= 40);

	/* the kernel reads the slot at each wait: change it in place */
	reg[1].ts.tv_nsec = 200 * 1000 * 1000;
	start = t_now_ms();
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1),
			 -ETIME);
	assert_true(t_now_ms() - start >= 180);

	/* a request: submitted and reaped through the same call */
	queue_nop(&ring, 77);
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1), 1);
	assert_non_null(cqe);
	assert_int_equal(cqe->user_data, 77);
	io_uring_cqe_seen(&ring, cqe);

	/* a slot past the region */
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1,
						      4096 / sizeof(*reg)),
			 -EFAULT);
	io_uring_queue_exit(&ring);

	/* wait regions only before the ring is enabled */
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 4), -EINVAL);
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 0), -EINVAL);
	io_uring_queue_exit(&ring);
	munmap(reg, 4096);
}

/* A plain region, in kernel memory this time: we map it from the ring. */
static void test_region(void **state)
{
	struct io_uring_region_desc rd;
	struct io_uring_mem_region_reg mr;
	struct io_uring ring;
	unsigned char *p;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&rd, 0, sizeof(rd));
	rd.size = 4096;
	memset(&mr, 0, sizeof(mr));
	mr.region_uptr = (uintptr_t) &rd;
	ret = io_uring_register_region(&ring, &mr);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_MEM_REGION)
		t_skip("kernel lacks IORING_REGISTER_MEM_REGION (6.13)");
	assert_int_equal(ret, 0);
	/* the kernel told us where to map it */
	assert_true(rd.mmap_offset != 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
		 ring.ring_fd, (off_t) rd.mmap_offset);
	assert_true(p != MAP_FAILED);
	assert_int_equal(p[0], 0);
	p[100] = 0x5a;
	assert_int_equal(p[100], 0x5a);
	munmap(p, 4096);
	assert_int_equal(io_uring_register_region(&ring, &mr), -EBUSY);
	io_uring_queue_exit(&ring);

	/* an unaligned size */
	t_ring_init(&ring, 8, 0);
	memset(&rd, 0, sizeof(rd));
	rd.size = 100;
	assert_int_equal(io_uring_register_region(&ring, &mr), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* ---- query, napi -------------------------------------------------------- */

static void test_query(void **state)
{
	struct io_uring_query_opcode op;
	struct io_uring_query_hdr hdr[2];
	struct io_uring_probe *probe;
	char junk[64];
	int ret;

	(void) state;
	memset(&op, 0, sizeof(op));
	memset(hdr, 0, sizeof(hdr));
	hdr[0].query_data = (uintptr_t) &op;
	hdr[0].size = sizeof(op);
	hdr[0].query_op = IO_URING_QUERY_OPCODES;
	hdr[0].next_entry = (uintptr_t) &hdr[1];
	/* a query the kernel does not know gets its own error */
	hdr[1].query_data = (uintptr_t) junk;
	hdr[1].size = sizeof(junk);
	hdr[1].query_op = 200;
	ret = io_uring_register_query(hdr);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_QUERY (6.18)");
	assert_int_equal(ret, 0);
	assert_int_equal(hdr[0].result, 0);
	assert_true(hdr[0].size > 0);
	assert_int_equal(hdr[1].result, -EOPNOTSUPP);

	/* the same opcode count a probe reports */
	probe = io_uring_get_probe();
	assert_non_null(probe);
	assert_int_equal(op.nr_request_opcodes, probe->last_op + 1);
	io_uring_free_probe(probe);
	assert_true(op.nr_register_opcodes > IORING_REGISTER_MEM_REGION);
	assert_true(op.feature_flags & IORING_FEAT_NODROP);
	assert_true(op.ring_setup_flags & IORING_SETUP_SQPOLL);
	assert_true(op.sqe_flags & IOSQE_FIXED_FILE);
}

static void test_napi(void **state)
{
	struct io_uring_napi napi;
	struct io_uring ring;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&napi, 0, sizeof(napi));
	napi.busy_poll_to = 50;
	napi.prefer_busy_poll = 1;
	ret = io_uring_register_napi(&ring, &napi);
	if (ret == -EINVAL && kernel_register_ops() <= IORING_REGISTER_NAPI)
		t_skip("kernel lacks IORING_REGISTER_NAPI (6.9)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without CONFIG_NET_RX_BUSY_POLL");
	assert_int_equal(ret, 0);
	/* what was in force before comes back: nothing */
	assert_int_equal(napi.prefer_busy_poll, 0);

	/* registering again reports our settings */
	memset(&napi, 0, sizeof(napi));
	napi.busy_poll_to = 100;
	assert_int_equal(io_uring_register_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 50);
	assert_int_equal(napi.prefer_busy_poll, 1);

	memset(&napi, 0xff, sizeof(napi));
	assert_int_equal(io_uring_unregister_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 100);
	assert_int_equal(napi.prefer_busy_poll, 0);
	/* and now it is off */
	memset(&napi, 0xff, sizeof(napi));
	assert_int_equal(io_uring_unregister_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 0);
	assert_int_equal(io_uring_unregister_napi(&ring, NULL), 0);

	memset(&napi, 0, sizeof(napi));
	napi.pad[1] = 1;
	assert_int_equal(io_uring_register_napi(&ring, &napi), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* ---- registered ring fd ------------------------------------------------- */

/* With the real fd closed, registration goes through the registered index. */
static void test_through_registered_fd(void **state)
{
	struct io_uring ring;
	struct iovec iov;
	char buf[4096];
	int fd = t_tmpfile(sizeof(buf), 9, NULL);

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_REG_REG_RING);
	assert_int_equal(io_uring_register_ring_fd(&ring), 1);
	assert_int_equal(io_uring_close_ring_fd(&ring), 1);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), 0);
	assert_int_equal(io_uring_register_files(&ring, &fd, 1), 0);
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		struct io_uring_cqe cqe;

		io_uring_prep_read_fixed(sqe, 0, buf, sizeof(buf), 0, 0);
		sqe->flags |= IOSQE_FIXED_FILE;
		assert_int_equal(io_uring_submit(&ring), 1);
		t_reap(&ring, &cqe);
		assert_int_equal(cqe.res, sizeof(buf));
		t_kernel_wrote(buf, cqe.res);
		assert_true(t_check_pattern(buf, sizeof(buf), 9));
	}
	close(fd);
	io_uring_queue_exit(&ring);
}

/* ---- bpf filter --------------------------------------------------------- */

static void deny_nop(struct io_uring_bpf *bpf, struct sock_filter *prog)
{
	prog[0] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, 0);
	memset(bpf, 0, sizeof(*bpf));
	bpf->cmd_type = IO_URING_BPF_CMD_FILTER;
	bpf->filter.opcode = IORING_OP_NOP;
	bpf->filter.filter_len = 1;
	bpf->filter.filter_ptr = (uintptr_t) prog;
}

static int nop_res(struct io_uring *ring)
{
	struct io_uring_cqe cqe;

	queue_nop(ring, 5);
	io_uring_submit(ring);
	t_reap(ring, &cqe);
	return cqe.res;
}

static void test_bpf_filter(void **state)
{
	struct sock_filter prog[1];
	struct io_uring_bpf bpf;
	struct io_uring ring;
	int ret, status;
	pid_t pid;

	(void) state;
	t_ring_init(&ring, 8, 0);
	deny_nop(&bpf, prog);
	ret = io_uring_register_bpf_filter(&ring, &bpf);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_BPF_FILTER)
		t_skip("kernel lacks IORING_REGISTER_BPF_FILTER (after 6.18)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without BPF support for io_uring");
	assert_int_equal(ret, 0);
	assert_int_equal(nop_res(&ring), -EACCES);
	io_uring_queue_exit(&ring);

	/* for a task: rings it creates afterwards are filtered too */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct io_uring r;

		deny_nop(&bpf, prog);
		if (io_uring_register_bpf_filter_task(&bpf))
			_exit(1);
		if (io_uring_queue_init(4, &r, 0))
			_exit(2);
		queue_nop(&r, 1);
		io_uring_submit(&r);
		{
			struct io_uring_cqe *cqe;

			if (io_uring_wait_cqe(&r, &cqe) || cqe->res != -EACCES)
				_exit(3);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- zero-copy receive -------------------------------------------------- */

/*
 * A zcrx interface queue needs a NIC with header split and queue
 * management; none here.  What can be checked is that the arguments reach
 * the kernel and its validation answers.
 */
static void test_zcrx_validation(void **state)
{
	struct io_uring_zcrx_area_reg area;
	struct io_uring_zcrx_ifq_reg reg;
	struct io_uring_region_desc rd;
	struct zcrx_ctrl ctrl;
	struct io_uring ring;
	size_t alen = 1 << 20;
	void *mem, *rq;
	int ret;

	(void) state;
	/* zcrx wants DEFER_TASKRUN and big CQEs */
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	ret = io_uring_register_ifq(&ring, &reg);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_ZCRX_IFQ)
		t_skip("kernel lacks IORING_REGISTER_ZCRX_IFQ (6.15)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without CONFIG_IO_URING_ZCRX");
	assert_int_equal(ret, -EINVAL);
	io_uring_queue_exit(&ring);

	t_ring_init(&ring, 8, DEFER | IORING_SETUP_CQE32);
	mem = mmap(NULL, alen, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rq = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED && rq != MAP_FAILED);
	memset(&area, 0, sizeof(area));
	area.addr = (uintptr_t) mem;
	area.len = alen;
	memset(&rd, 0, sizeof(rd));
	rd.user_addr = (uintptr_t) rq;
	rd.size = 4 * 4096;
	rd.flags = IORING_MEM_REGION_TYPE_USER;
	memset(&reg, 0, sizeof(reg));
	reg.if_rxq = 0;
	reg.rq_entries = 64;
	reg.area_ptr = (uintptr_t) &area;
	reg.region_ptr = (uintptr_t) &rd;

	/* no such interface */
	reg.if_idx = 0x7fffffff;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -ENODEV);
	/* loopback has no hardware queues to take over */
	reg.if_idx = if_nametoindex("lo");
	assert_true(reg.if_idx > 0);
	ret = io_uring_register_ifq(&ring, &reg);
	assert_true(ret == -EOPNOTSUPP || ret == -EINVAL);
	/* reserved fields, and a queue size of 0 */
	reg.__resv[0] = 1;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -EINVAL);
	reg.__resv[0] = 0;
	reg.rq_entries = 0;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -EINVAL);

	/* control operations on an instance that does not exist */
	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.zcrx_id = 1234;
	ctrl.op = ZCRX_CTRL_FLUSH_RQ;
	ret = io_uring_register_zcrx_ctrl(&ring, &ctrl);
	if (kernel_register_ops() <= IORING_REGISTER_ZCRX_CTRL) {
		/* the opcode is past what this kernel knows */
		assert_int_equal(ret, -EINVAL);
		printf("[  NOTE    ] kernel lacks IORING_REGISTER_ZCRX_CTRL "
		       "(6.19): only its refusal was checked\n");
	} else {
		assert_int_equal(ret, -ENXIO);
	}
	munmap(mem, alen);
	munmap(rq, 4 * 4096);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iowq_max_workers),
		cmocka_unit_test(test_iowq_aff),
		cmocka_unit_test(test_sync_cancel),
		cmocka_unit_test(test_sync_msg),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_clock_switches),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_resize_no_mmap),
		cmocka_unit_test(test_resize_sq_array),
		cmocka_unit_test(test_resize_registered_cqe32),
		cmocka_unit_test(test_resize_refused),
		cmocka_unit_test(test_wait_reg),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_napi),
		cmocka_unit_test(test_through_registered_fd),
		cmocka_unit_test(test_bpf_filter),
		cmocka_unit_test(test_zcrx_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
