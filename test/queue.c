/* SPDX-License-Identifier: MIT */
/*
 * Submission and completion: batches, CQ overflow, timeouts (with and
 * without IORING_FEAT_EXT_ARG), SQPOLL, the registered ring fd, the CQE
 * walkers, and big/mixed SQEs and CQEs.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "helpers.h"

/*
 * Thousands of NOPs in batches of several sizes, reaped three ways; every
 * user_data must come back exactly once.
 */
static void test_batches(void **state)
{
	static const unsigned sizes[] = { 1, 7, 32, 64 };
	static unsigned char seen[40000];
	unsigned long long base = 0;
	struct io_uring ring;
	unsigned s, round;

	(void) state;
	memset(seen, 0, sizeof(seen));
	t_ring_init(&ring, 64, 0);
	for (round = 0; round < 150; round++) {
		for (s = 0; s < 4; s++) {
			unsigned n = sizes[s], got = 0;
			struct io_uring_cqe *cqe;

			t_queue_nops(&ring, n, base);
			assert_int_equal(io_uring_sq_ready(&ring), n);
			assert_int_equal(io_uring_submit(&ring), (int) n);
			while (got < n) {
				struct io_uring_cqe *cqes[64];
				unsigned head, i, k = 0;

				switch ((round + s) % 3) {
				case 0:	/* one at a time */
					assert_int_equal(
					   io_uring_wait_cqe(&ring, &cqe), 0);
					assert_int_equal(cqe->res, 0);
					seen[cqe->user_data]++;
					io_uring_cqe_seen(&ring, cqe);
					got++;
					break;
				case 1:	/* batch peek */
					assert_int_equal(
					   io_uring_wait_cqe(&ring, &cqe), 0);
					k = io_uring_peek_batch_cqe(&ring,
								   cqes, 64);
					for (i = 0; i < k; i++)
						seen[cqes[i]->user_data]++;
					io_uring_cq_advance(&ring, k);
					got += k;
					break;
				default: /* for_each walk */
					assert_int_equal(
					  io_uring_wait_cqe_nr(&ring, &cqe, n -
							       got), 0);
					io_uring_for_each_cqe(&ring, head,
							      cqe) {
						seen[cqe->user_data]++;
						k++;
					}
					io_uring_cq_advance(&ring, k);
					got += k;
				}
			}
			assert_int_equal(got, n);
			base += n;
		}
	}
	for (s = 0; s < base; s++)
		assert_int_equal(seen[s], 1);
	io_uring_queue_exit(&ring);
}

/* The SQ hands out exactly ring_entries slots until submitted. */
static void test_sq_full(void **state)
{
	struct io_uring ring;
	unsigned i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_sq_space_left(&ring), 8);
	t_queue_nops(&ring, 8, 0);
	assert_null(io_uring_get_sqe(&ring));
	assert_int_equal(io_uring_sq_space_left(&ring), 0);
	assert_int_equal(io_uring_submit(&ring), 8);
	assert_int_equal(io_uring_sq_space_left(&ring), 8);
	t_queue_nops(&ring, 1, 8);
	assert_int_equal(io_uring_sq_space_left(&ring), 7);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 9; i++) {
		struct io_uring_cqe cqe;

		t_reap(&ring, &cqe);
	}
	assert_int_equal(io_uring_sqring_wait(&ring), 0);
	io_uring_queue_exit(&ring);
}

/*
 * 256 NOPs through a CQ of 8 without reaping in between: the kernel keeps
 * the overflow (IORING_FEAT_NODROP) and the library must flush it, so all
 * 256 arrive, each once.
 */
static void test_cq_overflow(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	unsigned char seen[256];
	unsigned sent = 0, got = 0, i;

	(void) state;
	memset(seen, 0, sizeof(seen));
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 8;
	t_ring_init_params(&ring, 8, &p);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_NODROP);

	while (sent < 256) {
		int ret;

		t_queue_nops(&ring, 8, sent);
		ret = io_uring_submit(&ring);
		assert_int_equal(ret, 8);
		sent += 8;
	}
	assert_true(io_uring_cq_has_overflow(&ring));
	while (got < 256) {
		struct io_uring_cqe *cqe;

		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_true(cqe->user_data < 256);
		seen[cqe->user_data]++;
		io_uring_cqe_seen(&ring, cqe);
		got++;
	}
	for (i = 0; i < 256; i++)
		assert_int_equal(seen[i], 1);
	assert_false(io_uring_cq_has_overflow(&ring));
	{
		struct io_uring_cqe *cqe;

		assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	}
	io_uring_queue_exit(&ring);
}

static struct __kernel_timespec ms(long long v)
{
	struct __kernel_timespec ts = {
		.tv_sec = v / 1000,
		.tv_nsec = (v % 1000) * 1000000,
	};

	return ts;
}

/*
 * Timeouts through IORING_ENTER_EXT_ARG, and through the timeout-SQE
 * fallback used on kernels before 5.11 (forced here by hiding the
 * feature bit): both give -ETIME in about the time asked, and the
 * fallback's own CQE never reaches the caller.
 */
static void wait_timeouts(struct io_uring *ring)
{
	struct __kernel_timespec ts = ms(50);
	struct io_uring_cqe *cqe;
	long long t0, dt;
	int ret;

	t0 = t_now_ms();
	ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	dt = t_now_ms() - t0;
	assert_int_equal(ret, -ETIME);
	assert_null(cqe);
	assert_true(dt >= 45 && dt < 3000);

	/* a completion that is there wins over the timeout */
	t_queue_nops(ring, 1, 77);
	assert_int_equal(io_uring_submit_and_wait_timeout(ring, &cqe, 1, &ts,
							  NULL), 1);
	assert_non_null(cqe);
	assert_int_equal(cqe->user_data, 77);
	io_uring_cqe_seen(ring, cqe);

	/*
	 * Waiting for two when only one comes: when the time is up the
	 * kernel hands over what there is (it fails with -ETIME only when
	 * the CQ is empty), and so do we.
	 */
	t_queue_nops(ring, 1, 78);
	assert_int_equal(io_uring_submit(ring), 1);
	t0 = t_now_ms();
	ret = io_uring_wait_cqes(ring, &cqe, 2, &ts, NULL);
	dt = t_now_ms() - t0;
	assert_int_equal(ret, 0);
	assert_int_equal(cqe->user_data, 78);
	assert_true(dt >= 45 && dt < 3000);
	io_uring_cqe_seen(ring, cqe);

	/* nothing hidden is left behind */
	assert_int_equal(io_uring_peek_cqe(ring, &cqe), -EAGAIN);
}

static void test_timeout_ext_arg(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_EXT_ARG);
	wait_timeouts(&ring);
	io_uring_queue_exit(&ring);
}

static void test_timeout_sqe_fallback(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	unsigned i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	t_pretend_no_ext_arg(&ring);
	wait_timeouts(&ring);
	/* the hidden timeout also works when the SQ is full */
	t_queue_nops(&ring, 8, 100);
	assert_int_equal(io_uring_wait_cqes(&ring, &cqe, 8, &(struct
			 __kernel_timespec){ .tv_sec = 5 }, NULL), 0);
	for (i = 0; i < 8; i++) {
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->user_data, 100 + i);
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
}

/* min_wait (Linux 6.12): return after min_wait with what is there. */
static void test_min_timeout(void **state)
{
	struct __kernel_timespec ts = ms(2000);
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	long long t0, dt;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	if (!(ring.features & IORING_FEAT_MIN_TIMEOUT)) {
		assert_int_equal(io_uring_wait_cqes_min_timeout(&ring, &cqe,
				 1, &ts, 1000, NULL), -EINVAL);
		t_skip("kernel lacks IORING_FEAT_MIN_TIMEOUT (Linux 6.12)");
	}
	t_queue_nops(&ring, 1, 5);
	t0 = t_now_ms();
	ret = io_uring_submit_and_wait_min_timeout(&ring, &cqe, 4, &ts,
						   20000, NULL);
	dt = t_now_ms() - t0;
	assert_int_equal(ret, 1);
	assert_non_null(cqe);
	assert_int_equal(cqe->user_data, 5);
	assert_true(dt < 1500);
	io_uring_cqe_seen(&ring, cqe);

	t_queue_nops(&ring, 1, 6);
	assert_int_equal(io_uring_submit(&ring), 1);
	ret = io_uring_wait_cqes_min_timeout(&ring, &cqe, 4, &ts, 20000, NULL);
	assert_int_equal(ret, 0);
	assert_int_equal(cqe->user_data, 6);
	io_uring_cqe_seen(&ring, cqe);
	io_uring_queue_exit(&ring);
}

/*
 * SQPOLL: submission is a store to the SQ tail; the library enters the
 * kernel only to wake a thread that went idle (IORING_SQ_NEED_WAKEUP).
 */
static void test_sqpoll(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	unsigned round, i;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SQPOLL;
	p.sq_thread_idle = 5;	/* ms before the thread sleeps */
	t_ring_init_params(&ring, 16, &p);
	for (round = 0; round < 4; round++) {
		unsigned long long want, got = 0;

		if (round & 1) {
			/* let the thread go to sleep, then wake it */
			long long t0 = t_now_ms();

			while (!(IO_URING_READ_ONCE(*ring.sq.kflags) &
				 IORING_SQ_NEED_WAKEUP)) {
				assert_true(t_now_ms() - t0 < 5000);
				usleep(1000);
			}
		}
		want = t_queue_nops(&ring, 16, round * 16);
		assert_int_equal(io_uring_submit(&ring), 16);
		for (i = 0; i < 16; i++) {
			struct io_uring_cqe cqe;

			t_reap(&ring, &cqe);
			assert_int_equal(cqe.res, 0);
			got += cqe.user_data;
		}
		assert_int_equal(got, want);
	}
	assert_int_equal(io_uring_sqring_wait(&ring), 0);
	io_uring_queue_exit(&ring);
}

static void test_registered_ring_fd(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe cqe;
	unsigned i;
	int ret, reg_reg;

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_unregister_ring_fd(&ring), -EINVAL);
	/* kernels that cannot use the registered fd alone (before 6.3) */
	reg_reg = ring.features & IORING_FEAT_REG_REG_RING;
	assert_int_equal(io_uring_close_ring_fd(&ring),
			 reg_reg ? -EINVAL : -EOPNOTSUPP);
	ret = io_uring_register_ring_fd(&ring);
	if (ret == -EINVAL)
		t_skip("kernel lacks registered ring fds (Linux 5.18)");
	assert_int_equal(ret, 1);
	assert_int_not_equal(ring.enter_ring_fd, ring.ring_fd);
	assert_int_equal(io_uring_register_ring_fd(&ring), -EEXIST);
	t_queue_nops(&ring, 8, 0);
	assert_int_equal(io_uring_submit_and_wait(&ring, 8), 8);
	for (i = 0; i < 8; i++)
		t_reap(&ring, &cqe);
	assert_int_equal(io_uring_unregister_ring_fd(&ring), 1);
	assert_int_equal(ring.enter_ring_fd, ring.ring_fd);

	/* registered, then the real fd closed: the ring still works */
	assert_int_equal(io_uring_register_ring_fd(&ring), 1);
	if (reg_reg) {
		struct io_uring_probe *probe;

		assert_int_equal(io_uring_close_ring_fd(&ring), 1);
		assert_int_equal(ring.ring_fd, -1);
		assert_int_equal(io_uring_close_ring_fd(&ring), -EBADF);
		t_queue_nops(&ring, 4, 0);
		assert_int_equal(io_uring_submit(&ring), 4);
		for (i = 0; i < 4; i++)
			t_reap(&ring, &cqe);
		/* registration reaches it through the registered index */
		probe = io_uring_get_probe_ring(&ring);
		assert_non_null(probe);
		io_uring_free_probe(probe);
	} else {
		assert_int_equal(io_uring_close_ring_fd(&ring), -EOPNOTSUPP);
	}
	io_uring_queue_exit(&ring);
}

/* The iterator and the counters agree, and consume nothing by themselves. */
static void test_cqe_iter(void **state)
{
	struct io_uring_cqe_iter it;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned n = 0;

	(void) state;
	t_ring_init(&ring, 16, 0);
	t_queue_nops(&ring, 10, 500);
	assert_int_equal(io_uring_submit_and_wait(&ring, 10), 10);
	assert_int_equal(io_uring_cq_ready(&ring), 10);
	it = io_uring_cqe_iter_init(&ring);
	while (io_uring_cqe_iter_next(&it, &cqe)) {
		assert_int_equal(cqe->user_data, 500 + n);
		assert_int_equal(io_uring_cqe_get_data64(cqe), 500 + n);
		n++;
	}
	assert_int_equal(n, 10);
	assert_int_equal(io_uring_cq_ready(&ring), 10);
	io_uring_cq_advance(&ring, 10);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	it = io_uring_cqe_iter_init(&ring);
	assert_false(io_uring_cqe_iter_next(&it, &cqe));

	/* pointer user data survives the trip */
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data(sqe, &ring);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_ptr_equal(io_uring_cqe_get_data(cqe), &ring);
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
}

static void test_get_events(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;

	(void) state;
	t_ring_init(&ring, 8, IORING_SETUP_SINGLE_ISSUER |
				 IORING_SETUP_DEFER_TASKRUN);
	t_queue_nops(&ring, 4, 0);
	assert_int_equal(io_uring_submit_and_get_events(&ring), 4);
	assert_int_equal(io_uring_cq_ready(&ring), 4);
	io_uring_cq_advance(&ring, 4);
	assert_int_equal(io_uring_get_events(&ring), 0);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	t_queue_nops(&ring, 3, 10);
	assert_int_equal(io_uring_submit_and_wait(&ring, 3), 3);
	assert_int_equal(io_uring_cq_ready(&ring), 3);
	io_uring_cq_advance(&ring, 3);
	io_uring_queue_exit(&ring);
}

/* CQ_EVENTFD_DISABLED is flipped in the shared CQ flags word. */
static void test_eventfd_flag(void **state)
{
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 4, 0);
	assert_true(io_uring_cq_eventfd_enabled(&ring));
	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, false), 0);
	assert_false(io_uring_cq_eventfd_enabled(&ring));
	assert_true(*ring.cq.kflags & IORING_CQ_EVENTFD_DISABLED);
	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, false), 0);
	assert_int_equal(io_uring_cq_eventfd_toggle(&ring, true), 0);
	assert_true(io_uring_cq_eventfd_enabled(&ring));
	io_uring_queue_exit(&ring);
}

/* 128-byte SQEs and 32-byte CQEs: strides double, data lands in place. */
static void test_big_entries(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *a, *b;
	struct io_uring_cqe *cqe;
	unsigned i;

	(void) state;
	t_ring_init(&ring, 8, IORING_SETUP_SQE128 | IORING_SETUP_CQE32);
	a = io_uring_get_sqe(&ring);
	b = io_uring_get_sqe128(&ring);
	assert_int_equal((char *) b - (char *) a, 128);
	io_uring_prep_nop(a);
	io_uring_prep_nop(b);
	a->user_data = 1;
	b->user_data = 2;
	assert_int_equal(io_uring_submit_and_wait(&ring, 2), 2);
	for (i = 1; i <= 2; i++) {
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->user_data, i);
		assert_int_equal(cqe->big_cqe[0], 0);
		if (i == 1) {
			struct io_uring_cqe *next = cqe;

			io_uring_cqe_seen(&ring, cqe);
			assert_int_equal(io_uring_wait_cqe(&ring, &next), 0);
			assert_int_equal((char *) next - (char *) cqe, 32);
			assert_int_equal(next->user_data, 2);
			io_uring_cqe_seen(&ring, next);
			break;
		}
	}
	io_uring_queue_exit(&ring);

	/* a plain ring has no 128-byte slots to give */
	t_ring_init(&ring, 8, 0);
	assert_null(io_uring_get_sqe128(&ring));
	io_uring_queue_exit(&ring);
}

/*
 * CQE_MIXED (Linux 6.18): 16- and 32-byte CQEs share the ring.  A 32-byte
 * one (IORING_CQE_F_32) takes two slots and never wraps: the kernel puts a
 * IORING_CQE_F_SKIP filler in the last slot instead.  Many rounds through
 * a small CQ must deliver each CQE once, with nothing out of step.
 */
static void test_cqe_mixed(void **state)
{
	struct io_uring_params p;
	struct io_uring ring;
	unsigned round, big = 0;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQE_MIXED | IORING_SETUP_CQSIZE;
	p.cq_entries = 8;
	t_ring_init_params(&ring, 4, &p);
	for (round = 0; round < 200; round++) {
		unsigned i, n = 1 + round % 3;

		for (i = 0; i < n; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_nop(sqe);
			if ((round + i) % 2)
				sqe->nop_flags = IORING_NOP_CQE32;
			sqe->user_data = round * 4 + i;
		}
		assert_int_equal(io_uring_submit(&ring), (int) n);
		for (i = 0; i < n; i++) {
			struct io_uring_cqe *cqe;

			assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
			assert_int_equal(cqe->user_data, round * 4 + i);
			assert_int_equal(cqe->res, 0);
			if ((round + i) % 2) {
				assert_true(cqe->flags & IORING_CQE_F_32);
				assert_int_equal(io_uring_cqe_nr(cqe), 2);
				big++;
			} else {
				assert_int_equal(io_uring_cqe_nr(cqe), 1);
			}
			io_uring_cqe_seen(&ring, cqe);
		}
	}
	assert_true(big > 100);
	io_uring_queue_exit(&ring);
}

static void test_set_iowait(void **state)
{
	struct __kernel_timespec ts = ms(10);
	struct io_uring_cqe *cqe;
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 4, 0);
	if (!(ring.features & IORING_FEAT_NO_IOWAIT)) {
		assert_int_equal(io_uring_set_iowait(&ring, false),
				 -EOPNOTSUPP);
		t_skip("kernel lacks IORING_FEAT_NO_IOWAIT (Linux 6.15)");
	}
	assert_int_equal(io_uring_set_iowait(&ring, false), 0);
	assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -ETIME);
	t_queue_nops(&ring, 2, 0);
	assert_int_equal(io_uring_submit_and_wait(&ring, 2), 2);
	io_uring_cq_advance(&ring, 2);
	assert_int_equal(io_uring_set_iowait(&ring, true), 0);
	assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe, &ts), -ETIME);
	io_uring_queue_exit(&ring);
}

/* Errors come back as -errno and errno is left alone. */
static void test_errno_untouched(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;

	(void) state;
	errno = 31337;
	assert_int_equal(io_uring_enter(-1, 1, 0, 0, NULL), -EBADF);
	{
		char buf[sizeof(struct io_uring_probe) +
			 4 * sizeof(struct io_uring_probe_op)] = { 0 };

		int fd = dup(2);

		close(fd);	/* a closed fd (-1 means "no ring" there) */
		assert_int_equal(io_uring_register(fd, IORING_REGISTER_PROBE,
						   buf, 4), -EBADF);
	}
	assert_int_equal(io_uring_setup(1, NULL), -EFAULT);
	t_ring_init(&ring, 4, 0);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	assert_int_equal(io_uring_enter(ring.ring_fd, 0, 0, 1U << 30, NULL),
			 -EINVAL);
	assert_int_equal(errno, 31337);
	io_uring_queue_exit(&ring);
}

/* A wait can be interrupted by a signal it does not block. */
static void test_sigmask_wait(void **state)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	sigset_t mask;

	(void) state;
	t_ring_init(&ring, 4, 0);
	sigemptyset(&mask);
	t_queue_nops(&ring, 1, 9);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(__io_uring_get_cqe(&ring, &cqe, 0, 1, &mask), 0);
	assert_int_equal(cqe->user_data, 9);
	io_uring_cqe_seen(&ring, cqe);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_sq_full),
		cmocka_unit_test(test_cq_overflow),
		cmocka_unit_test(test_timeout_ext_arg),
		cmocka_unit_test(test_timeout_sqe_fallback),
		cmocka_unit_test(test_min_timeout),
		cmocka_unit_test(test_sqpoll),
		cmocka_unit_test(test_registered_ring_fd),
		cmocka_unit_test(test_cqe_iter),
		cmocka_unit_test(test_get_events),
		cmocka_unit_test(test_eventfd_flag),
		cmocka_unit_test(test_big_entries),
		cmocka_unit_test(test_cqe_mixed),
		cmocka_unit_test(test_set_iowait),
		cmocka_unit_test(test_errno_untouched),
		cmocka_unit_test(test_sigmask_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
