/* SPDX-License-Identifier: MIT */
/*
 * Control operations against the real kernel: NOPs, timeouts (relative,
 * absolute, counted, multishot, updated, removed, linked), request
 * chains, cancellation, messages between rings, futexes between
 * threads, waitid on a child, legacy provided buffers and passthrough
 * commands (socket, and a loop block device for discard).
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include "ops-util.h"

#define PAGE	4096

static struct __kernel_timespec ms_ts(long ms)
{
	struct __kernel_timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return ts;
}

/* Reaps n CQEs into out[], indexed by user_data (which must be < n). */
static void reap_by_tag(struct io_uring *ring, struct io_uring_cqe *out,
			unsigned n)
{
	struct io_uring_cqe cqe;
	unsigned i;

	for (i = 0; i < n; i++) {
		ops_wait(ring, &cqe);
		assert_true(cqe.user_data < n);
		out[cqe.user_data] = cqe;
	}
}

static void test_nop(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	assert_int_equal(ops_run1(&ring, sqe, 0xfeedULL << 32), 0);
	io_uring_queue_exit(&ring);
}

/* A 128-byte NOP on a ring that mixes SQE sizes (Linux 6.19+). */
static void test_nop128(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_NOP128);
	io_uring_queue_exit(&ring);
	t_ring_init(&ring, 8, IORING_SETUP_SQE_MIXED);
	/* several, so one of them has to step over the ring's wrap */
	for (i = 0; i < 6; i++) {
		sqe = io_uring_get_sqe128(&ring);
		assert_non_null(sqe);
		io_uring_prep_nop128(sqe);
		assert_int_equal(ops_run1(&ring, sqe, 0x128 + i), 0);
	}
	io_uring_queue_exit(&ring);
}

static void test_timeout_relative(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct __kernel_timespec ts = ms_ts(60);
	long long t0;

	ops_ring_init(&ring, state, 8);
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ETIME);
	assert_true(t_now_ms() - t0 >= 55);
	io_uring_queue_exit(&ring);
}

static void test_timeout_absolute(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct __kernel_timespec ts;
	struct timespec now;
	long long t0;

	ops_ring_init(&ring, state, 8);
	clock_gettime(CLOCK_MONOTONIC, &now);
	ts.tv_sec = now.tv_sec;
	ts.tv_nsec = now.tv_nsec + 60 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, IORING_TIMEOUT_ABS);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ETIME);
	assert_true(t_now_ms() - t0 >= 50);

	/* an absolute time already past expires at once */
	ts.tv_sec = now.tv_sec - 1;
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, IORING_TIMEOUT_ABS);
	assert_int_equal(ops_run1(&ring, sqe, 2), -ETIME);
	assert_true(t_now_ms() - t0 < 1000);
	io_uring_queue_exit(&ring);
}

/* Completes (res 0) once count other completions have been posted. */
static void test_timeout_count(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[3];
	struct __kernel_timespec ts = ms_ts(10000);
	long long t0;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 2, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	t0 = t_now_ms();

	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ops_wait(&ring, &cqe[1]);
	assert_int_equal(cqe[1].user_data, 1);
	/* one completion is not enough */
	assert_true(ops_no_cqe(&ring, 30));

	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, 0);
	assert_int_equal(cqe[1].res, 0);
	assert_true(t_now_ms() - t0 < 5000);
	io_uring_queue_exit(&ring);
}

/* Fires off times (Linux 6.4), each CQE but the last flagged MORE. */
static void test_timeout_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct __kernel_timespec ts = ms_ts(20);
	int i, ret;

	ops_ring_init(&ring, state, 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 3, IORING_TIMEOUT_MULTISHOT);
	io_uring_sqe_set_data64(sqe, 0x5);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 3; i++) {
		ops_wait(&ring, &cqe);
		ret = cqe.res;
		if (i == 0 && ret == -EINVAL)
			t_skip("kernel lacks IORING_TIMEOUT_MULTISHOT");
		assert_int_equal(cqe.user_data, 0x5);
		assert_int_equal(ret, -ETIME);
		if (i < 2)
			assert_true(cqe.flags & IORING_CQE_F_MORE);
		else
			assert_false(cqe.flags & IORING_CQE_F_MORE);
	}
	assert_true(ops_no_cqe(&ring, 60));
	io_uring_queue_exit(&ring);
}

static void test_timeout_update_remove(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[2];
	struct __kernel_timespec ts = ms_ts(10000), short_ts = ms_ts(30);
	long long t0;

	ops_ring_init(&ring, state, 8);

	/* a 10 s timeout shortened to 30 ms */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	t0 = t_now_ms();
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_update(sqe, &short_ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[1].res, 0);
	assert_int_equal(cqe[0].res, -ETIME);
	assert_true(t_now_ms() - t0 < 5000);

	/* a 10 s timeout removed */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	io_uring_sqe_set_data64(sqe, 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_remove(sqe, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[1].res, 0);
	assert_int_equal(cqe[0].res, -ECANCELED);

	/* nothing by that user_data any more */
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_remove(sqe, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ENOENT);
	sqe = ops_sqe(&ring);
	io_uring_prep_timeout_update(sqe, &short_ts, 0, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -ENOENT);
	io_uring_queue_exit(&ring);
}

static void test_link_timeout(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[2];
	struct __kernel_timespec ts = ms_ts(30);
	char buf[8];
	int p[2];

	ops_ring_init(&ring, state, 8);
	assert_int_equal(pipe(p), 0);

	/* the read never gets data: the linked timeout cancels it */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, p[0], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, -ECANCELED);
	assert_int_equal(cqe[1].res, -ETIME);

	/* with data there, the read wins and the timeout is cancelled */
	assert_int_equal(write(p[1], "ok", 2), 2);
	ts = ms_ts(5000);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, p[0], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, 2);
	assert_int_equal(cqe[1].res, -ECANCELED);

	close(p[0]);
	close(p[1]);
	io_uring_queue_exit(&ring);
}

static void test_links(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[3];
	unsigned char out[100], in[100];
	char c;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(0, 1, NULL);

	/* IO_LINK orders: the read sees what the write before it wrote */
	t_fill_pattern(out, sizeof(out), 19);
	memset(in, 0, sizeof(in));
	sqe = ops_sqe(&ring);
	io_uring_prep_write(sqe, fd, out, sizeof(out), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, fd, in, sizeof(in), 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, sizeof(out));
	assert_int_equal(cqe[1].res, sizeof(in));
	assert_memory_equal(in, out, sizeof(in));

	/* a failure breaks a soft link: the rest is cancelled */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 3);
	reap_by_tag(&ring, cqe, 3);
	assert_int_equal(cqe[0].res, -EBADF);
	assert_int_equal(cqe[1].res, -ECANCELED);
	assert_int_equal(cqe[2].res, -ECANCELED);

	/* ...but not a hard link */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_IO_HARDLINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, -EBADF);
	assert_int_equal(cqe[1].res, 0);

	/* IO_DRAIN waits for everything submitted before it */
	{
		int p[2];

		assert_int_equal(pipe(p), 0);
		sqe = ops_sqe(&ring);
		io_uring_prep_poll_add(sqe, p[0], POLLIN);
		io_uring_sqe_set_data64(sqe, 0);
		sqe = ops_sqe(&ring);
		io_uring_prep_nop(sqe);
		sqe->flags |= IOSQE_IO_DRAIN;
		io_uring_sqe_set_data64(sqe, 1);
		assert_int_equal(io_uring_submit(&ring), 2);
		assert_true(ops_no_cqe(&ring, 50));
		assert_int_equal(write(p[1], "d", 1), 1);
		ops_wait(&ring, &cqe[0]);
		assert_int_equal(cqe[0].user_data, 0);
		ops_wait(&ring, &cqe[1]);
		assert_int_equal(cqe[1].user_data, 1);
		assert_int_equal(read(p[0], &c, 1), 1);
		close(p[0]);
		close(p[1]);
	}

	/* CQE_SKIP_SUCCESS: no CQE when it works, one when it fails */
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
	io_uring_sqe_set_data64(sqe, 0x51);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
	io_uring_sqe_set_data64(sqe, 0x52);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0x53);
	assert_int_equal(io_uring_submit(&ring), 3);
	ops_wait(&ring, &cqe[0]);
	ops_wait(&ring, &cqe[1]);
	assert_true(ops_no_cqe(&ring, 30));
	assert_true((cqe[0].user_data == 0x52 && cqe[1].user_data == 0x53) ||
		    (cqe[0].user_data == 0x53 && cqe[1].user_data == 0x52));
	assert_int_equal(cqe[cqe[0].user_data == 0x52 ? 0 : 1].res, -EBADF);

	close(fd);
	io_uring_queue_exit(&ring);
}

/* Arms a poll on fd for input that will not come. */
static void arm_poll(struct io_uring *ring, int fd, __u64 tag)
{
	struct io_uring_sqe *sqe = ops_sqe(ring);

	io_uring_prep_poll_add(sqe, fd, POLLIN);
	io_uring_sqe_set_data64(sqe, tag);
}

/* Reaps n CQEs; returns how many were -ECANCELED polls, checks the rest. */
static int reap_cancel(struct io_uring *ring, unsigned n, __u64 cancel_tag,
		       int *cancel_res)
{
	struct io_uring_cqe cqe;
	int cancelled = 0;
	unsigned i;

	*cancel_res = 1;
	for (i = 0; i < n; i++) {
		ops_wait(ring, &cqe);
		if (cqe.user_data == cancel_tag) {
			*cancel_res = cqe.res;
		} else {
			assert_int_equal(cqe.res, -ECANCELED);
			cancelled++;
		}
	}
	assert_int_not_equal(*cancel_res, 1);
	return cancelled;
}

static void test_cancel(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int p[2], q[2], res, i;
	static int marker;

	ops_ring_init(&ring, state, 16);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(pipe(q), 0);

	/* by 64-bit user_data */
	arm_poll(&ring, p[0], 0x10);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x10, 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);

	/* by pointer user_data */
	sqe = ops_sqe(&ring);
	io_uring_prep_poll_add(sqe, p[0], POLLIN);
	io_uring_sqe_set_data(sqe, &marker);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel(sqe, &marker, 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);

	/* nothing to cancel */
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x10, 0);
	assert_int_equal(ops_run1(&ring, sqe, 0xc0), -ENOENT);

	/* ALL: every match, res is the count */
	for (i = 0; i < 3; i++)
		arm_poll(&ring, p[0], 0x20);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0x20, IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_int_equal(reap_cancel(&ring, 4, 0xc0, &res), 3);
	assert_int_equal(res, 3);

	/* ANY: whatever is pending, regardless of user_data */
	arm_poll(&ring, p[0], 0x31);
	arm_poll(&ring, q[0], 0x32);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY |
			       IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 3);
	assert_int_equal(reap_cancel(&ring, 3, 0xc0, &res), 2);
	assert_int_equal(res, 2);

	/* FD: only the requests on that descriptor */
	arm_poll(&ring, p[0], 0x41);
	arm_poll(&ring, q[0], 0x42);
	arm_poll(&ring, q[0], 0x43);
	assert_int_equal(io_uring_submit(&ring), 3);
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, p[0], 0);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(reap_cancel(&ring, 2, 0xc0, &res), 1);
	assert_int_equal(res, 0);
	assert_true(ops_no_cqe(&ring, 30));	/* q's polls untouched */
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel_fd(sqe, q[0], IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, 0xc0);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(reap_cancel(&ring, 3, 0xc0, &res), 2);
	assert_int_equal(res, 2);

	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	io_uring_queue_exit(&ring);
}

static void test_msg_ring(void **state)
{
	struct io_uring src, dst;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;

	ops_ring_init(&src, state, 8);
	T_REQUIRE_OP(&src, IORING_OP_MSG_RING);
	ops_ring_init(&dst, state, 8);

	/* data: len becomes the target CQE's res, data its user_data */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, dst.ring_fd, 0x55, 0xabcdef0123ULL, 0);
	assert_int_equal(ops_run1(&src, sqe, 1), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0xabcdef0123ULL);
	assert_int_equal(cqe.res, 0x55);
	assert_int_equal(cqe.flags, 0);

	/* with flags passed through to the target CQE */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_cqe_flags(sqe, dst.ring_fd, 7, 0x77, 0,
					 0x12340000);
	assert_int_equal(ops_run1(&src, sqe, 2), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x77);
	assert_int_equal(cqe.res, 7);
	assert_int_equal(cqe.flags, 0x12340000);

	/* flags reach the kernel: CQE_SKIP only goes with sending a file */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, dst.ring_fd, 1, 0x88,
			       IORING_MSG_RING_CQE_SKIP);
	assert_int_equal(ops_run1(&src, sqe, 3), -EINVAL);
	assert_true(ops_no_cqe(&dst, 30));

	/* not a ring */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring(sqe, 0, 1, 0x99, 0);
	assert_int_equal(ops_run1(&src, sqe, 4), -EBADFD);

	io_uring_queue_exit(&src);
	io_uring_queue_exit(&dst);
}

static void test_msg_ring_fd(void **state)
{
	struct io_uring src, dst;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char buf[500];
	int files[2], slot;

	ops_ring_init(&src, state, 8);
	T_REQUIRE_OP(&src, IORING_OP_MSG_RING);
	ops_ring_init(&dst, state, 8);
	files[0] = -1;
	files[1] = t_tmpfile(500, 20, NULL);
	ops_register_files(&src, files, 2);
	close(files[1]);
	ops_register_files_sparse(&dst, 4);

	/* src's slot 1 into dst's slot 2 */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 1, 2, 0x61, 0);
	assert_int_equal(ops_run1(&src, sqe, 1), 0);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x61);
	assert_int_equal(cqe.res, 0);
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, 2, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 2), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* into a slot dst picks: its CQE's res says which */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd_alloc(sqe, dst.ring_fd, 1, 0x62, 0);
	slot = ops_run1(&src, sqe, 3);
	assert_true(slot >= 0 && slot < 4 && slot != 2);
	ops_wait(&dst, &cqe);
	assert_int_equal(cqe.user_data, 0x62);
	assert_int_equal(cqe.res, slot);
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, slot, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 4), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* CQE_SKIP: the file arrives, the target gets no completion */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 1, 0, 0x64,
				  IORING_MSG_RING_CQE_SKIP);
	assert_int_equal(ops_run1(&src, sqe, 6), 0);
	assert_true(ops_no_cqe(&dst, 30));
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&dst);
	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&dst, sqe, 7), 500);
	assert_true(t_check_pattern(buf, 500, 20));

	/* an empty source slot has nothing to send */
	sqe = ops_sqe(&src);
	io_uring_prep_msg_ring_fd(sqe, dst.ring_fd, 0, 3, 0x63, 0);
	assert_int_equal(ops_run1(&src, sqe, 5), -EBADF);

	io_uring_queue_exit(&src);
	io_uring_queue_exit(&dst);
}

/* Futexes: a waiter on this thread, a waker on another with its ring. */
struct waker {
	uint32_t *futex;
	int nr_wake;
	int delay_ms;
	int res;
};

static void *waker_fn(void *arg)
{
	struct waker *w = arg;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;

	w->res = io_uring_queue_init(4, &ring, 0);
	if (w->res)
		return NULL;
	usleep((useconds_t) w->delay_ms * 1000);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_futex_wake(sqe, w->futex, (uint64_t) w->nr_wake,
				 FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_submit(&ring);
	w->res = io_uring_wait_cqe(&ring, &cqe);
	if (!w->res) {
		w->res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
	return NULL;
}

/*
 * Waits for the CQE another thread's action brings, in 1 ms slices with a
 * yield between them.  Valgrind runs one thread at a time and does not
 * know that io_uring_enter(2) may block: a long wait here would keep the
 * other thread from ever running.
 */
static void wait_on_thread(struct io_uring *ring, struct io_uring_cqe *out)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (!ops_no_cqe(ring, 1)) {
			ops_wait(ring, out);
			return;
		}
		sched_yield();
	}
	fail_msg("the other thread's wake never came");
}

static void test_futex(void **state)
{
	static uint32_t futex, other;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct futex_waitv v[2];
	struct waker w;
	pthread_t thr;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAIT);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAKE);
	T_REQUIRE_OP(&ring, IORING_OP_FUTEX_WAITV);
	futex = 0;

	/* the value reaches the kernel: a stale expectation fails at once */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 1, FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), -EAGAIN);

	/* wait here, woken by the other thread (res: how many it woke) */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 0, FUTEX_BITSET_MATCH_ANY,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));
	w.futex = &futex;
	w.nr_wake = 1;
	w.delay_ms = 10;
	w.res = -1000;
	assert_int_equal(pthread_create(&thr, NULL, waker_fn, &w), 0);
	wait_on_thread(&ring, &cqe);
	pthread_join(thr, NULL);
	assert_int_equal(cqe.user_data, 2);
	assert_int_equal(cqe.res, 0);
	assert_int_equal(w.res, 1);

	/* the wait's mask and the wake's mask must intersect */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wait(sqe, &futex, 0, 0x1,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 3);
	assert_int_equal(io_uring_submit(&ring), 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wake(sqe, &futex, 1, 0x2,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);	/* woke nobody */
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_wake(sqe, &futex, 1, 0x3,
				 FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, 0);
	io_uring_sqe_set_data64(sqe, 5);
	assert_int_equal(io_uring_submit(&ring), 1);
	{
		struct io_uring_cqe c;
		int i, seen = 0;

		for (i = 0; i < 2; i++) {
			ops_wait(&ring, &c);
			if (c.user_data == 3) {
				assert_int_equal(c.res, 0);
				seen |= 1;
			} else {
				assert_int_equal(c.user_data, 5);
				assert_int_equal(c.res, 1);
				seen |= 2;
			}
		}
		assert_int_equal(seen, 3);
	}

	/* waitv: woken through the second futex, res is its index */
	memset(v, 0, sizeof(v));
	v[0].uaddr = (unsigned long) &futex;
	v[0].flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
	v[1].uaddr = (unsigned long) &other;
	v[1].flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
	sqe = ops_sqe(&ring);
	io_uring_prep_futex_waitv(sqe, v, 2, 0);
	io_uring_sqe_set_data64(sqe, 6);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_true(ops_no_cqe(&ring, 30));
	w.futex = &other;
	w.res = -1000;
	assert_int_equal(pthread_create(&thr, NULL, waker_fn, &w), 0);
	wait_on_thread(&ring, &cqe);
	pthread_join(thr, NULL);
	assert_int_equal(cqe.user_data, 6);
	assert_int_equal(cqe.res, 1);
	assert_int_equal(w.res, 1);

	io_uring_queue_exit(&ring);
}

static void test_waitid(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	siginfo_t si;
	pid_t pid, slow;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_WAITID);

	slow = fork();
	assert_true(slow >= 0);
	if (slow == 0) {
		pause();
		_exit(1);
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(30000);
		_exit(42);
	}

	/* WNOHANG: the slow child has not exited, nothing reported */
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) slow, &si, WEXITED | WNOHANG,
			     0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	assert_int_equal(si.si_pid, 0);

	/* waits for the other, and reaps it */
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) pid, &si, WEXITED, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(si.si_pid, pid);
	assert_int_equal(si.si_code, CLD_EXITED);
	assert_int_equal(si.si_status, 42);
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);

	kill(slow, SIGKILL);
	memset(&si, 0, sizeof(si));
	sqe = ops_sqe(&ring);
	io_uring_prep_waitid(sqe, P_PID, (id_t) slow, &si, WEXITED, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);
	assert_int_equal(si.si_code, CLD_KILLED);
	assert_int_equal(si.si_status, SIGKILL);

	io_uring_queue_exit(&ring);
}

/* Legacy provided buffers: a receive picks one from the group. */
static void test_provide_buffers(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	unsigned char mem[4 * 64];
	unsigned bid;
	int fds[2], ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_PROVIDE_BUFFERS);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_provide_buffers(sqe, mem, 64, 4, 7, 10);
	ret = ops_run1(&ring, sqe, 1);
	assert_true(ret >= 0);

	assert_int_equal(send(fds[0], "provided", 8, 0), 8);
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], NULL, 64, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 7;
	io_uring_sqe_set_data64(sqe, 2);
	ops_run(&ring, &cqe);
	assert_int_equal(cqe.res, 8);
	assert_true(cqe.flags & IORING_CQE_F_BUFFER);
	bid = cqe.flags >> IORING_CQE_BUFFER_SHIFT;
	assert_true(bid >= 10 && bid < 14);
	t_kernel_wrote(mem + (bid - 10) * 64, cqe.res);
	assert_memory_equal(mem + (bid - 10) * 64, "provided", 8);

	/* three are left in group 7; removing asks for more, gets three */
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 8, 7);
	assert_int_equal(ops_run1(&ring, sqe, 3), 3);
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 1, 7);
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	/* so a receive from the group finds none */
	assert_int_equal(send(fds[0], "more", 4, 0), 4);
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], NULL, 64, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 7;
	assert_int_equal(ops_run1(&ring, sqe, 5), -ENOBUFS);
	/* bgid reaches the kernel: group 8 never existed */
	sqe = ops_sqe(&ring);
	io_uring_prep_remove_buffers(sqe, 1, 8);
	assert_int_equal(ops_run1(&ring, sqe, 6), -ENOENT);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/* Passthrough commands, on a socket (whose driver is the network stack). */
static void test_uring_cmd(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int fds[2], avail = 0, i, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	t_tcp_pair(fds);
	assert_int_equal(send(fds[0], "0123456789", 10, 0), 10);
	for (i = 0; i < 500 && avail < 10; i++) {
		assert_int_equal(ioctl(fds[1], SIOCINQ, &avail), 0);
		usleep(1000);
	}

	sqe = ops_sqe(&ring);
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD,
				  SOCKET_URING_OP_SIOCINQ, fds[1]);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP)
		t_skip("kernel lacks socket uring commands");
	assert_int_equal(ret, 10);

	/* cmd_op reaches the driver: an unknown one is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_uring_cmd(sqe, 0x7777, fds[1]);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EOPNOTSUPP);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/* The 128-byte form on a mixed ring (Linux 6.19+). */
static void test_uring_cmd128(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int fds[2], avail = 0, i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD128);
	io_uring_queue_exit(&ring);
	t_ring_init(&ring, 8, IORING_SETUP_SQE_MIXED);
	t_tcp_pair(fds);
	assert_int_equal(send(fds[0], "abc", 3, 0), 3);
	for (i = 0; i < 500 && avail < 3; i++) {
		assert_int_equal(ioctl(fds[1], SIOCINQ, &avail), 0);
		usleep(1000);
	}
	sqe = io_uring_get_sqe128(&ring);
	assert_non_null(sqe);
	io_uring_prep_uring_cmd128(sqe, SOCKET_URING_OP_SIOCINQ, fds[1]);
	assert_int_equal(ops_run1(&ring, sqe, 1), 3);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/*
 * Discard on a loop device: the loop driver punches the range out of
 * its backing file, so both the device and the file read back zeros
 * there, and nowhere else.
 */
static void test_cmd_discard(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[4 * PAGE];
	char dev[PATH_MAX];
	int fd, backing, ret;
	size_t i;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	fd = ops_loop_attach(64 * PAGE, &backing, dev);

	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_discard(sqe, fd, 8 * PAGE, 4 * PAGE);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP || ret == -EINVAL) {
		ops_loop_detach(fd, backing);
		t_skip("no block uring_cmd discard here: %s", strerror(-ret));
	}
	assert_int_equal(ret, 0);

	assert_int_equal(pread(fd, buf, sizeof(buf), 8 * PAGE),
			 (ssize_t) sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(pread(backing, buf, sizeof(buf), 8 * PAGE),
			 (ssize_t) sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(pread(fd, buf, PAGE, 7 * PAGE), PAGE);
	assert_true(t_check_pattern_at(buf, PAGE, 7 * PAGE, 7));
	assert_int_equal(pread(fd, buf, PAGE, 12 * PAGE), PAGE);
	assert_true(t_check_pattern_at(buf, PAGE, 12 * PAGE, 7));

	/* the range reaches the kernel: unaligned is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_discard(sqe, fd, 100, PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EINVAL);

	ops_loop_detach(fd, backing);
	io_uring_queue_exit(&ring);
}

/* True if some block device here is zoned. */
static int have_zoned_device(void)
{
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	char path[PATH_MAX], model[32];
	int found = 0;
	FILE *f;

	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/queue/zoned",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(model, sizeof(model), f) && strncmp(model, "none", 4))
			found = 1;
		fclose(f);
	}
	closedir(d);
	return found;
}

/*
 * Zone reset of a whole device.  Resetting a real zoned device would
 * destroy its data, so this only runs against a non-zoned loop device
 * and reports what the kernel makes of the command.
 */
static void test_cmd_zone_reset_all(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dev[PATH_MAX];
	int fd, backing, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	fd = ops_loop_attach(16 * PAGE, &backing, dev);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_zone_reset_all(sqe, fd);
	ret = ops_run1(&ring, sqe, 1);
	ops_loop_detach(fd, backing);
	io_uring_queue_exit(&ring);
	if (ret == -EINVAL)
		t_skip("kernel lacks BLOCK_URING_CMD_ZONE_RESET_ALL");
	/* a kernel that knows it must refuse it on a non-zoned device */
	assert_true(ret < 0);
	t_skip("command known (%s on a non-zoned device); %s", strerror(-ret),
	       have_zoned_device() ? "not resetting a real zoned device" :
	       "no zoned block device here");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_nop),
		OPS_TEST(test_nop128),
		OPS_RING_TESTS(test_timeout_relative),
		OPS_RING_TESTS(test_timeout_absolute),
		OPS_RING_TESTS(test_timeout_count),
		OPS_RING_TESTS(test_timeout_multishot),
		OPS_RING_TESTS(test_timeout_update_remove),
		OPS_RING_TESTS(test_link_timeout),
		OPS_RING_TESTS(test_links),
		OPS_RING_TESTS(test_cancel),
		OPS_RING_TESTS(test_msg_ring),
		OPS_RING_TESTS(test_msg_ring_fd),
		OPS_RING_TESTS(test_futex),
		OPS_RING_TESTS(test_waitid),
		OPS_RING_TESTS(test_provide_buffers),
		OPS_RING_TESTS(test_uring_cmd),
		OPS_TEST(test_uring_cmd128),
		OPS_RING_TESTS(test_cmd_discard),
		OPS_TEST(test_cmd_zone_reset_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
