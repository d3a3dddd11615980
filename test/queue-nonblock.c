/* SPDX-License-Identifier: MIT */
/*
 * Completions the kernel hides, and calls that must not block: a peek
 * enters the kernel at most once and answers -EAGAIN, on every kind of
 * ring where "enter me" stays flagged (IOPOLL with nothing in flight).
 * CQE_MIXED rings hand out real CQEs only, never a filler or the second
 * half of a 32-byte CQE.  Also the small helpers of liburing.h that
 * programs call directly (io_uring_skip_cqe, uring_ptr_to_u64,
 * __io_uring_set_target_fixed_file, __io_uring_prep_poll_mask).
 *
 * Each test runs under t_guard: a hang is a failure, not a CI timeout.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include "helpers.h"

static void queue_nop(struct io_uring *ring, __u64 tag, unsigned nop_flags)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_prep_nop(sqe);
	sqe->nop_flags = nop_flags;
	sqe->user_data = tag;
}

/* Every non-blocking way into the completion side finds nothing. */
static void expect_nothing_ready(struct io_uring *ring)
{
	struct io_uring_cqe *cqe = (struct io_uring_cqe *) ring;

	assert_int_equal(io_uring_peek_cqe(ring, &cqe), -EAGAIN);
	assert_null(cqe);
	cqe = (struct io_uring_cqe *) ring;
	assert_int_equal(io_uring_wait_cqe_nr(ring, &cqe, 0), -EAGAIN);
	assert_null(cqe);
	cqe = (struct io_uring_cqe *) ring;
	assert_int_equal(__io_uring_get_cqe(ring, &cqe, 0, 0, NULL), -EAGAIN);
	assert_null(cqe);
	cqe = (struct io_uring_cqe *) ring;
	assert_int_equal(io_uring_submit_and_wait_timeout(ring, &cqe, 0, NULL,
							  NULL), -EAGAIN);
	assert_null(cqe);
	assert_int_equal(io_uring_peek_batch_cqe(ring, &cqe, 1), 0);
}

/*
 * An IOPOLL ring with nothing in flight: the kernel must be entered to
 * poll, so "the CQ needs an enter" is always true.  A peek still returns.
 */
static void test_iopoll_peek_returns(void **state)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;

	(void) state;
	t_ring_init(&ring, 8, IORING_SETUP_IOPOLL);
	expect_nothing_ready(&ring);

	/* NOPs complete at once on IOPOLL rings too, and are found */
	queue_nop(&ring, 7, 0);
	assert_int_equal(io_uring_submit_and_wait_timeout(&ring, &cqe, 0, NULL,
							  NULL), 1);
	assert_non_null(cqe);
	assert_int_equal(cqe->user_data, 7);
	io_uring_cqe_seen(&ring, cqe);
	expect_nothing_ready(&ring);
	io_uring_queue_exit(&ring);
}

/* The same on the other kinds of ring, empty and after a round trip. */
static void test_nonblocking_ring_kinds(void **state)
{
	static const unsigned kinds[] = {
		0,
		IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
		IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN |
			IORING_SETUP_TASKRUN_FLAG,
		IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
		IORING_SETUP_SQPOLL,
		IORING_SETUP_CQE32,
		IORING_SETUP_CQE_MIXED,
	};
	struct io_uring_params p;
	struct io_uring ring;
	unsigned i, ran = 0;

	(void) state;
	for (i = 0; i < T_ARRAY_SIZE(kinds); i++) {
		struct io_uring_cqe *cqe;

		memset(&p, 0, sizeof(p));
		p.flags = kinds[i];
		if (io_uring_queue_init_params(8, &ring, &p) < 0) {
			printf("[  INFO    ] kernel refuses setup flags 0x%x\n",
			       kinds[i]);
			continue;
		}
		expect_nothing_ready(&ring);
		queue_nop(&ring, 100 + i, 0);
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->user_data, 100 + i);
		io_uring_cqe_seen(&ring, cqe);
		expect_nothing_ready(&ring);
		io_uring_queue_exit(&ring);
		ran++;
	}
	assert_true(ran >= 3);
}

/*
 * A ring whose CQ overflowed: the kernel holds CQEs back until it is
 * entered.  A peek brings them out (one enter), in order, none lost.
 */
static void test_peek_flushes_overflow(void **state)
{
	struct io_uring_cqe *cqe;
	struct io_uring_params p;
	struct io_uring ring;
	unsigned i;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 4;
	t_ring_init_params(&ring, 4, &p);
	for (i = 0; i < 4; i++)
		queue_nop(&ring, i, 0);
	assert_int_equal(io_uring_submit(&ring), 4);
	for (i = 4; i < 8; i++)
		queue_nop(&ring, i, 0);
	assert_int_equal(io_uring_submit(&ring), 4);
	assert_true(io_uring_cq_has_overflow(&ring));
	for (i = 0; i < 8; i++) {
		assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->user_data, i);
		io_uring_cqe_seen(&ring, cqe);
	}
	expect_nothing_ready(&ring);
	assert_false(io_uring_cq_has_overflow(&ring));
	io_uring_queue_exit(&ring);
}

static void mixed_ring(struct io_uring *ring, unsigned cq_entries)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQE_MIXED | IORING_SETUP_CQSIZE;
	p.cq_entries = cq_entries;
	t_ring_init_params(ring, 4, &p);
	queue_nop(ring, 1, IORING_NOP_CQE32);
	assert_int_equal(io_uring_submit(ring), 1);
	{
		struct io_uring_cqe *cqe;

		assert_int_equal(io_uring_wait_cqe(ring, &cqe), 0);
		if (!(cqe->flags & IORING_CQE_F_32))
			t_skip("kernel lacks IORING_NOP_CQE32 (6.18)");
		io_uring_cqe_seen(ring, cqe);
	}
}

/*
 * io_uring_peek_batch_cqe on a CQE_MIXED ring: two completions, one of
 * them 32 bytes, come back as two CQEs (not three); a filler at the head
 * is consumed, not handed out.
 */
static void test_mixed_peek_batch(void **state)
{
	struct io_uring_cqe *cqes[8];
	struct io_uring ring;
	unsigned round, n, i, seen = 0, sent = 0, big = 0;

	(void) state;
	mixed_ring(&ring, 8);
	for (round = 0; round < 64; round++) {
		unsigned want = 1 + round % 3;

		for (i = 0; i < want; i++)
			queue_nop(&ring, round * 4 + i,
				  (round + i) % 2 ? IORING_NOP_CQE32 : 0);
		assert_int_equal(io_uring_submit(&ring), (int) want);
		sent += want;
		for (i = 0; i < want; i += n) {
			unsigned j;

			n = io_uring_peek_batch_cqe(&ring, cqes, 8);
			assert_true(n >= 1 && n <= want - i);
			for (j = 0; j < n; j++) {
				struct io_uring_cqe *cqe = cqes[j];

				assert_false(cqe->flags & IORING_CQE_F_SKIP);
				assert_int_equal(cqe->user_data,
						 round * 4 + i + j);
				assert_int_equal(cqe->res, 0);
				if (cqe->flags & IORING_CQE_F_32)
					big++;
				io_uring_cqe_seen(&ring, cqe);
				seen++;
			}
		}
		assert_int_equal(io_uring_peek_batch_cqe(&ring, cqes, 8), 0);
	}
	assert_int_equal(seen, sent);
	assert_true(big >= 60);
	io_uring_queue_exit(&ring);
}

/*
 * io_uring_skip_cqe: retires a filler and says so; leaves a real CQE
 * alone.  Driven with a real filler: a 32-byte CQE that would wrap.
 */
static void test_skip_cqe(void **state)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned head, fillers = 0, real = 0, i;
	int err = 0;

	(void) state;
	mixed_ring(&ring, 4);
	/* the head is now at slot 2: a 16-byte CQE, then a big one wraps */
	queue_nop(&ring, 10, 0);
	queue_nop(&ring, 11, IORING_NOP_CQE32);
	assert_int_equal(io_uring_submit(&ring), 2);
	assert_int_equal(io_uring_cq_ready(&ring), 4);	/* 1 + filler + 2 */
	for (i = 0; i < 3; i++) {
		head = *ring.cq.khead;
		cqe = &ring.cq.cqes[head & ring.cq.ring_mask];
		if (io_uring_skip_cqe(&ring, cqe, &err)) {
			assert_true(cqe->flags & IORING_CQE_F_SKIP);
			assert_int_equal(*ring.cq.khead, head + 1);
			fillers++;
			continue;
		}
		assert_int_equal(*ring.cq.khead, head);
		assert_int_equal(cqe->user_data, 10 + real);
		io_uring_cqe_seen(&ring, cqe);
		real++;
	}
	assert_int_equal(err, 0);
	assert_int_equal(fillers, 1);
	assert_int_equal(real, 2);
	assert_int_equal(io_uring_cq_ready(&ring), 0);
	io_uring_queue_exit(&ring);
}

/*
 * The small helpers of liburing.h, checked against the kernel: a NOP
 * whose user_data is a pointer comes back as that pointer; a poll mask
 * encoded by the helper is the one the kernel polls; fixed-file slots
 * are encoded as the kernel's UAPI says (index + 1).
 */
static void test_header_helpers(void **state)
{
	struct io_uring_sqe *sqe, enc;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int fds[2], marker = 0;

	(void) state;
	assert_true(uring_ptr_to_u64(&marker) == (uintptr_t) &marker);
	assert_true(uring_ptr_to_u64(NULL) == 0);

	t_ring_init(&ring, 4, 0);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = uring_ptr_to_u64(&marker);
	assert_int_equal(io_uring_submit_and_wait(&ring, 1), 1);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
	assert_ptr_equal(io_uring_cqe_get_data(cqe), &marker);
	io_uring_cqe_seen(&ring, cqe);

	/* slot 3, encoded as the kernel wants it (index + 1) */
	memset(&enc, 0, sizeof(enc));
	__io_uring_set_target_fixed_file(&enc, 3);
	assert_int_equal(enc.file_index, 4);
	/* a plain +1: the _direct preps handle IORING_FILE_INDEX_ALLOC */
	__io_uring_set_target_fixed_file(&enc, 0);
	assert_int_equal(enc.file_index, 1);

	/* a readable pipe answers POLLIN through the helper's mask */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "x", 1), 1);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_rw(IORING_OP_POLL_ADD, sqe, fds[0], NULL, 0, 0);
	sqe->poll32_events = __io_uring_prep_poll_mask(POLLIN);
	sqe->user_data = 5;
	assert_int_equal(io_uring_submit_and_wait(&ring, 1), 1);
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
	assert_int_equal(cqe->user_data, 5);
	assert_true(cqe->res & POLLIN);
	io_uring_cqe_seen(&ring, cqe);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_GUARDED(test_iopoll_peek_returns),
		T_GUARDED(test_nonblocking_ring_kinds),
		T_GUARDED(test_peek_flushes_overflow),
		T_GUARDED(test_mixed_peek_batch),
		T_GUARDED(test_skip_cqe),
		T_GUARDED(test_header_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
