/* SPDX-License-Identifier: MIT */
/*
 * The inline fast paths of get_sqe, submit, peek/wait and cqe_seen, and
 * peek_batch_cqe, against the cases they hand to the long way round:
 * full SQs, SQE128 and CQE32 strides, ring wrap-around, CQE_MIXED rings
 * with two-slot and filler CQEs, kernels without IORING_FEAT_EXT_ARG
 * (emulated waits with hidden timeout CQEs), completions the kernel holds
 * back (CQ overflow, deferred task work), a registered ring fd, and an
 * SQPOLL thread gone to sleep.
 */
#include <errno.h>
#include <string.h>
#include <poll.h>
#include "helpers.h"

/* Where slot i of the CQ is, for a ring of 16- or 32-byte CQEs. */
static struct io_uring_cqe *cq_slot(struct io_uring *ring, unsigned i)
{
	unsigned shift = (ring->flags & IORING_SETUP_CQE32) ? 1 : 0;

	return &ring->cq.cqes[(i & ring->cq.ring_mask) << shift];
}

/*
 * peek_batch_cqe across many wrap-arounds, for every batch size up to the
 * CQ size: the pointers are the CQ slots from the head on, in order, and
 * count caps them.
 */
static void check_peek_batch(unsigned flags)
{
	struct io_uring_cqe *cqes[16];
	struct io_uring ring;
	unsigned round, n, i;
	__u64 seq = 0;

	t_ring_init(&ring, 8, flags);
	assert_int_equal(ring.cq.ring_entries, 16);
	assert_int_equal(io_uring_peek_batch_cqe(&ring, cqes, 16), 0);

	for (round = 0; round < 5; round++) {
		for (n = 1; n <= 16; n++) {
			unsigned head = *ring.cq.khead, done = 0;

			while (done < n) {
				unsigned k = n - done > 8 ? 8 : n - done;

				t_queue_nops(&ring, k, seq + done);
				assert_int_equal(io_uring_submit(&ring), k);
				done += k;
			}
			assert_int_equal(io_uring_peek_batch_cqe(&ring, cqes,
								 0), 0);
			if (n > 1)
				assert_int_equal(io_uring_peek_batch_cqe(
						&ring, cqes, n - 1), n - 1);
			memset(cqes, 0, sizeof(cqes));
			assert_int_equal(io_uring_peek_batch_cqe(&ring, cqes,
								 16), n);
			for (i = 0; i < n; i++) {
				assert_ptr_equal(cqes[i],
						 cq_slot(&ring, head + i));
				assert_int_equal(cqes[i]->res, 0);
				assert_int_equal(cqes[i]->user_data, seq + i);
			}
			if (n < 16)	/* nothing written past the count */
				assert_null(cqes[n]);
			io_uring_cq_advance(&ring, n);
			seq += n;
		}
	}
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

static void test_peek_batch_wrap(void **state)
{
	(void) state;
	check_peek_batch(0);
}

static void test_peek_batch_cqe32(void **state)
{
	(void) state;
	check_peek_batch(IORING_SETUP_CQE32);
}

/*
 * get_sqe hands out each slot once until the kernel consumes it (the
 * cached head must be refreshed, never trusted past the ring size), and
 * steps by two 64-byte units on SQE128 rings.
 */
static void check_get_sqe(unsigned flags)
{
	unsigned shift = (flags & IORING_SETUP_SQE128) ? 1 : 0;
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned round, i;
	__u64 seq = 0;

	t_ring_init(&ring, 4, flags);
	for (round = 0; round < 6; round++) {
		for (i = 0; i < 4; i++) {
			unsigned slot = ring.sq.sqe_tail & ring.sq.ring_mask;
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			assert_ptr_equal(sqe, &ring.sq.sqes[slot << shift]);
			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, seq + i);
		}
		assert_null(io_uring_get_sqe(&ring));
		assert_int_equal(io_uring_sq_space_left(&ring), 0);
		/* a partial submit keeps the rest in the SQ */
		assert_int_equal(io_uring_submit(&ring), 4);
		assert_int_equal(io_uring_sq_space_left(&ring), 4);
		for (i = 0; i < 4; i++) {
			assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
			assert_int_equal(cqe->res, 0);
			assert_int_equal(cqe->user_data, seq + i);
			io_uring_cqe_seen(&ring, cqe);
		}
		seq += 4;
	}
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	io_uring_queue_exit(&ring);
}

static void test_get_sqe_full(void **state)
{
	(void) state;
	check_get_sqe(0);
}

static void test_get_sqe_sqe128(void **state)
{
	(void) state;
	check_get_sqe(IORING_SETUP_SQE128);
}

/* wait_cqe/peek_cqe/cqe_seen on 32-byte CQEs, over several wraps. */
static void test_wait_cqe32(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned i;

	(void) state;
	t_ring_init(&ring, 4, IORING_SETUP_CQE32);
	for (i = 0; i < 40; i++) {
		unsigned head = *ring.cq.khead;

		t_queue_nops(&ring, 1, i);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
		assert_ptr_equal(cqe, cq_slot(&ring, head));
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_ptr_equal(cqe, cq_slot(&ring, head));
		assert_int_equal(cqe->user_data, i);
		io_uring_cqe_seen(&ring, cqe);
		assert_int_equal(*ring.cq.khead, head + 1);
	}
	io_uring_queue_exit(&ring);
}

/*
 * A CQE_MIXED ring (Linux 6.18) with 32-byte NOP completions in between
 * 16-byte ones.  When a big CQE would wrap, the kernel puts a filler with
 * IORING_CQE_F_SKIP in the last slot: wait/peek must step over it, and
 * cqe_seen must retire two slots for a big CQE.
 */
static void test_cqe_mixed(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned i, big_seen = 0;
	__u64 seq = 0;

	(void) state;
	t_ring_init(&ring, 4, IORING_SETUP_CQE_MIXED);
	for (i = 0; i < 60; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		int big = (i % 3) != 0;
		unsigned head;

		assert_non_null(sqe);
		io_uring_prep_nop(sqe);
		if (big)
			sqe->nop_flags = IORING_NOP_CQE32;
		io_uring_sqe_set_data64(sqe, seq);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		if (big && cqe->res == -EINVAL) {
			io_uring_queue_exit(&ring);
			t_skip("kernel lacks IORING_NOP_CQE32");
		}
		assert_int_equal(cqe->res, 0);
		assert_int_equal(cqe->user_data, seq);
		assert_false(cqe->flags & IORING_CQE_F_SKIP);
		assert_int_equal(!!(cqe->flags & IORING_CQE_F_32), big);
		big_seen += big;
		head = *ring.cq.khead;
		assert_ptr_equal(cqe, &ring.cq.cqes[head & ring.cq.ring_mask]);
		io_uring_cqe_seen(&ring, cqe);
		assert_int_equal(*ring.cq.khead, head + 1 + big);
		seq++;
	}
	assert_int_equal(big_seen, 40);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	io_uring_queue_exit(&ring);
}

/*
 * Without IORING_FEAT_EXT_ARG (before Linux 5.11) a wait with a timeout
 * is emulated with a timeout SQE whose CQE the application never sees.
 * Pretending the kernel lacks the feature puts every peek and wait on
 * that path: the timeout's -ETIME is the wait's result, and a timeout
 * satisfied by a real CQE leaves a hidden CQE that later calls skip.
 */
static void test_no_ext_arg(void **state)
{
	struct __kernel_timespec short_ts = { .tv_nsec = 20 * 1000 * 1000 };
	struct __kernel_timespec long_ts = { .tv_sec = 5 };
	struct io_uring ring;
	struct io_uring_cqe *cqe;

	(void) state;
	t_ring_init(&ring, 8, 0);
	t_pretend_no_ext_arg(&ring);

	assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &short_ts),
			 -ETIME);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);

	/* the NOP completes first; the timeout then ends with res 0 */
	t_queue_nops(&ring, 1, 7);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &long_ts), 0);
	assert_int_equal(cqe->user_data, 7);
	io_uring_cqe_seen(&ring, cqe);

	/* the hidden timeout CQE arrives, and is skipped, not shown */
	t_queue_nops(&ring, 1, 8);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
	assert_int_equal(cqe->user_data, 8);
	io_uring_cqe_seen(&ring, cqe);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

/*
 * More completions than the CQ holds: the rest wait in the kernel's
 * overflow list (IORING_FEAT_NODROP) until someone enters it.  A submit
 * with nothing queued must enter to flush them, and so must
 * peek_batch_cqe when the CQ is empty.  None may be lost or reordered.
 */
static void test_overflow_flush(void **state)
{
	struct io_uring_cqe *cqes[8];
	struct io_uring ring;
	__u64 next = 0;
	unsigned i, n;

	(void) state;
	t_ring_init(&ring, 4, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_NODROP);
	assert_int_equal(ring.cq.ring_entries, 8);
	for (i = 0; i < 5; i++) {
		t_queue_nops(&ring, 4, 4 * i);
		assert_int_equal(io_uring_submit(&ring), 4);
	}
	assert_int_equal(io_uring_cq_ready(&ring), 8);
	assert_true(io_uring_cq_has_overflow(&ring));

	/* reap the CQ, then let submit (nothing queued) flush the rest */
	n = io_uring_peek_batch_cqe(&ring, cqes, 8);
	assert_int_equal(n, 8);
	for (i = 0; i < n; i++)
		assert_int_equal(cqes[i]->user_data, next++);
	io_uring_cq_advance(&ring, n);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	assert_int_equal(io_uring_submit(&ring), 0);
	assert_int_equal(io_uring_cq_ready(&ring), 8);
	n = io_uring_peek_batch_cqe(&ring, cqes, 8);
	for (i = 0; i < n; i++)
		assert_int_equal(cqes[i]->user_data, next++);
	io_uring_cq_advance(&ring, n);

	/* the last four: peek_batch_cqe on an empty CQ flushes them */
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	assert_true(io_uring_cq_has_overflow(&ring));
	n = io_uring_peek_batch_cqe(&ring, cqes, 8);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_int_equal(cqes[i]->user_data, next++);
	io_uring_cq_advance(&ring, n);
	assert_int_equal(next, 20);
	assert_false(io_uring_cq_has_overflow(&ring));
	io_uring_queue_exit(&ring);
}

/*
 * Skips on Linux 6.1, whose DEFER_TASKRUN rings run the task work on an
 * io_uring_enter(2) that waits for nothing (GETEVENTS, min_complete 0)
 * but post the CQE it produced only at the next enter: our part, the
 * enter, was done.  Later kernels post it before returning.
 */
static void taskrun_posted(struct io_uring *ring)
{
	if (!io_uring_cq_ready(ring) && !t_kernel_at_least(6, 2))
		t_skip("kernel posts DEFER_TASKRUN work's CQE at the next "
		       "enter, not the one that ran it (Linux 6.1)");
}

/*
 * DEFER_TASKRUN (Linux 6.1): a completion that needs task work waits
 * until the task enters the kernel; with TASKRUN_FLAG the kernel says so
 * through IORING_SQ_TASKRUN.  A read from a pipe that is written later is
 * such a completion.  step picks who must run the work: submit with
 * nothing queued, peek_batch_cqe, or wait_cqe.
 */
static void check_taskrun(int step)
{
	struct io_uring_cqe *cqes[2], *cqe;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char buf[16];
	int fds[2], tries;
	unsigned n;

	t_ring_init(&ring, 4, IORING_SETUP_SINGLE_ISSUER |
		    IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG);
	assert_int_equal(pipe(fds), 0);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_read(sqe, fds[0], buf, sizeof(buf), 0);
	io_uring_sqe_set_data64(sqe, 99);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	assert_int_equal(write(fds[1], "hello", 5), 5);

	/* the wakeup queues task work; the flag follows shortly */
	for (tries = 0; tries < 1000; tries++) {
		if (IO_URING_READ_ONCE(*ring.sq.kflags) & IORING_SQ_TASKRUN)
			break;
		poll(NULL, 0, 1);
	}
	assert_true(IO_URING_READ_ONCE(*ring.sq.kflags) & IORING_SQ_TASKRUN);
	assert_int_equal(io_uring_cq_ready(&ring), 0);

	switch (step) {
	case 0:
		assert_int_equal(io_uring_submit(&ring), 0);
		taskrun_posted(&ring);
		assert_int_equal(io_uring_cq_ready(&ring), 1);
		cqe = cq_slot(&ring, *ring.cq.khead);
		break;
	case 1:
		n = io_uring_peek_batch_cqe(&ring, cqes, 2);
		if (!n)
			taskrun_posted(&ring);
		assert_int_equal(n, 1);
		cqe = cqes[0];
		break;
	default:
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		break;
	}
	assert_int_equal(cqe->user_data, 99);
	assert_int_equal(cqe->res, 5);
	t_kernel_wrote(buf, cqe->res);
	assert_memory_equal(buf, "hello", 5);
	io_uring_cq_advance(&ring, 1);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_taskrun_submit(void **state)
{
	(void) state;
	check_taskrun(0);
}

static void test_taskrun_peek_batch(void **state)
{
	(void) state;
	check_taskrun(1);
}

static void test_taskrun_wait(void **state)
{
	(void) state;
	check_taskrun(2);
}

/* Submit and wait through a registered ring fd, then with it closed. */
static void test_registered_fd(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	if (io_uring_register_ring_fd(&ring) != 1) {
		io_uring_queue_exit(&ring);
		t_skip("kernel cannot register ring fds");
	}
	for (i = 0; i < 20; i++) {
		t_queue_nops(&ring, 3, 3 * i);
		assert_int_equal(io_uring_submit_and_wait(&ring, 3), 3);
		assert_int_equal(io_uring_cq_ready(&ring), 3);
		assert_int_equal(io_uring_wait_cqe_nr(&ring, &cqe, 3), 0);
		assert_int_equal(cqe->user_data, 3 * i);
		io_uring_cq_advance(&ring, 3);
	}
	if (io_uring_close_ring_fd(&ring) == 1) {
		t_queue_nops(&ring, 1, 1000);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->user_data, 1000);
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
}

/*
 * An SQPOLL thread that went to sleep (IORING_SQ_NEED_WAKEUP) must be
 * woken by io_uring_submit, or the NOP is never seen.
 */
static void test_sqpoll_wakeup(void **state)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_params p;
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	int round, tries;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SQPOLL;
	p.sq_thread_idle = 10;	/* ms */
	t_ring_init_params(&ring, 8, &p);
	for (round = 0; round < 3; round++) {
		for (tries = 0; tries < 2000; tries++) {
			if (IO_URING_READ_ONCE(*ring.sq.kflags) &
			    IORING_SQ_NEED_WAKEUP)
				break;
			poll(NULL, 0, 1);
		}
		assert_true(IO_URING_READ_ONCE(*ring.sq.kflags) &
			    IORING_SQ_NEED_WAKEUP);
		t_queue_nops(&ring, 2, 10 * round);
		assert_int_equal(io_uring_submit(&ring), 2);
		assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &ts),
				 0);
		assert_int_equal(cqe->user_data, 10 * round);
		io_uring_cqe_seen(&ring, cqe);
		assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &ts),
				 0);
		assert_int_equal(cqe->user_data, 10 * round + 1);
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
}

/* The peeks on an empty ring, before and after the first CQE. */
static void test_empty_peeks(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe = (void *) 1;
	unsigned avail = 99;

	(void) state;
	t_ring_init(&ring, 4, 0);
	assert_int_equal(__io_uring_peek_cqe(&ring, &cqe, &avail), 0);
	assert_null(cqe);
	assert_int_equal(avail, 0);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	assert_null(cqe);

	t_queue_nops(&ring, 2, 5);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(__io_uring_peek_cqe(&ring, &cqe, &avail), 0);
	assert_non_null(cqe);
	assert_int_equal(avail, 2);
	io_uring_cq_advance(&ring, 2);

	cqe = (void *) 1;
	avail = 99;
	assert_int_equal(__io_uring_peek_cqe(&ring, &cqe, &avail), 0);
	assert_null(cqe);
	assert_int_equal(avail, 0);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peek_batch_wrap),
		cmocka_unit_test(test_peek_batch_cqe32),
		cmocka_unit_test(test_get_sqe_full),
		cmocka_unit_test(test_get_sqe_sqe128),
		cmocka_unit_test(test_wait_cqe32),
		cmocka_unit_test(test_cqe_mixed),
		cmocka_unit_test(test_no_ext_arg),
		cmocka_unit_test(test_overflow_flush),
		cmocka_unit_test(test_taskrun_submit),
		cmocka_unit_test(test_taskrun_peek_batch),
		cmocka_unit_test(test_taskrun_wait),
		cmocka_unit_test(test_registered_fd),
		cmocka_unit_test(test_sqpoll_wakeup),
		cmocka_unit_test(test_empty_peeks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
