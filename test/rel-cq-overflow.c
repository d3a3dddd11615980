/* SPDX-License-Identifier: MIT */
/*
 * Nothing lost.  A million requests (NOPs, timeouts, linked chains, some
 * with a failing head) go through a CQ of 8 entries while the test lets
 * up to 64 of them be in flight, so the kernel has to hold completions
 * back in its overflow list (IORING_FEAT_NODROP) and the library has to
 * flush them.  Every user_data must come back exactly once, with the
 * result its request type implies.  Also: each reaping path flushes
 * overflowed CQEs in order, and a multishot request that stops (its last
 * CQE lacks IORING_CQE_F_MORE) is noticed and re-armed.
 */
#include <time.h>
#include "rel-util.h"

#define CQ_SIZE		8
#define MAX_INFLIGHT	64
#define TOTAL		1000000UL

enum kind {
	K_FREE = 0,
	K_NOP,
	K_TIMEOUT_NOW,		/* ts 0: -ETIME at once */
	K_TIMEOUT_COUNT,	/* count 1: 0, or -ETIME after 5 ms */
	K_CHAIN,		/* linked NOP: 0 */
	K_CHAIN_HEAD_FAIL,	/* first of a chain, fails: -EBADF */
	K_CHAIN_CANCELED,	/* behind a failed head: -ECANCELED */
	K_SEEN = 0xff,
};

struct lost {
	struct io_uring ring;
	unsigned long total;
	unsigned long next;	/* next user_data to hand out */
	unsigned long done;	/* final CQEs seen */
	unsigned char *kind;	/* per user_data; K_SEEN once reaped */
	uint64_t rng;
	unsigned long overflow_rounds;
	unsigned long busy;	/* submits refused with -EBUSY */
	struct __kernel_timespec ts_now, ts_count, ts_wait;
};

static void handle(struct lost *l, const struct io_uring_cqe *cqe)
{
	unsigned long ud = (unsigned long) cqe->user_data;
	int res = cqe->res;

	if (ud >= l->next)
		fail_msg("CQE for user_data %lu never submitted", ud);
	switch (l->kind[ud]) {
	case K_SEEN:
		fail_msg("user_data %lu completed twice", ud);
		break;
	case K_NOP:
	case K_CHAIN:
		assert_int_equal(res, 0);
		break;
	case K_TIMEOUT_NOW:
		assert_int_equal(res, -ETIME);
		break;
	case K_TIMEOUT_COUNT:
		if (res != 0 && res != -ETIME)
			fail_msg("count timeout %lu: res %d", ud, res);
		break;
	case K_CHAIN_HEAD_FAIL:
		assert_int_equal(res, -EBADF);
		break;
	case K_CHAIN_CANCELED:
		assert_int_equal(res, -ECANCELED);
		break;
	default:
		fail_msg("user_data %lu has no kind", ud);
	}
	assert_false(cqe->flags & IORING_CQE_F_MORE);
	l->kind[ud] = K_SEEN;
	l->done++;
}

static struct io_uring_sqe *sqe_for(struct lost *l, enum kind k)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&l->ring);

	assert_non_null(sqe);
	switch (k) {
	case K_TIMEOUT_NOW:
		io_uring_prep_timeout(sqe, &l->ts_now, 0, 0);
		break;
	case K_TIMEOUT_COUNT:
		io_uring_prep_timeout(sqe, &l->ts_count, 1, 0);
		break;
	case K_CHAIN_HEAD_FAIL:
		rel_prep_fail(sqe);
		break;
	default:
		io_uring_prep_nop(sqe);
	}
	l->kind[l->next] = (unsigned char) k;
	io_uring_sqe_set_data64(sqe, l->next++);
	return sqe;
}

/* Queues requests while the SQ has room and the in-flight cap allows. */
static void queue_some(struct lost *l)
{
	while (l->next < l->total && l->next - l->done < MAX_INFLIGHT) {
		unsigned space = io_uring_sq_space_left(&l->ring);
		unsigned r = (unsigned) (rel_rand(&l->rng) % 100);
		unsigned n, i;
		bool fail;

		if (!space)
			return;
		if (r < 60) {
			sqe_for(l, K_NOP);
			continue;
		}
		if (r < 70) {
			sqe_for(l, K_TIMEOUT_NOW);
			continue;
		}
		if (r < 75) {
			sqe_for(l, K_TIMEOUT_COUNT);
			continue;
		}
		n = 2 + (r % 3);
		if (n > l->total - l->next)
			n = (unsigned) (l->total - l->next);
		if (n > space)
			return;
		fail = (r % 4) == 0;
		for (i = 0; i < n; i++) {
			enum kind k = K_CHAIN;
			struct io_uring_sqe *sqe;

			if (fail)
				k = i ? K_CHAIN_CANCELED : K_CHAIN_HEAD_FAIL;
			sqe = sqe_for(l, k);
			if (i + 1 < n)
				io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
		}
	}
}

static void reap_ready(struct lost *l)
{
	struct io_uring_cqe *cqe;

	while (io_uring_peek_cqe(&l->ring, &cqe) == 0) {
		handle(l, cqe);
		io_uring_cqe_seen(&l->ring, cqe);
	}
}

/* One of several reaping styles, so each path meets overflow. */
static void reap_some(struct lost *l)
{
	struct io_uring_cqe *cqes[16], *cqe;
	unsigned long inflight = l->next - l->done;
	unsigned style = (unsigned) (rel_rand(&l->rng) % 6);
	unsigned head, n, i;
	int ret;

	if (io_uring_cq_has_overflow(&l->ring))
		l->overflow_rounds++;
	if (style == 0 && inflight < MAX_INFLIGHT && l->next < l->total)
		return;		/* let completions pile up */

	switch (style) {
	case 1:
		n = io_uring_peek_batch_cqe(&l->ring, cqes, 16);
		for (i = 0; i < n; i++)
			handle(l, cqes[i]);
		io_uring_cq_advance(&l->ring, n);
		break;
	case 2:
		n = 0;
		io_uring_for_each_cqe(&l->ring, head, cqe) {
			handle(l, cqe);
			n++;
		}
		io_uring_cq_advance(&l->ring, n);
		break;
	case 3:
		ret = io_uring_submit_and_wait(&l->ring, 1);
		assert_true(ret >= 0 || ret == -EBUSY);
		break;
	case 4:
		if (!inflight)
			break;
		ret = io_uring_wait_cqes(&l->ring, &cqe,
					 inflight < 4 ? (unsigned) inflight : 4,
					 &l->ts_wait, NULL);
		if (ret && ret != -ETIME)
			fail_msg("wait_cqes: %d", ret);
		break;
	default:
		if (!inflight)
			break;
		assert_int_equal(io_uring_wait_cqe(&l->ring, &cqe), 0);
		break;
	}
	reap_ready(l);
}

static void run_lost(unsigned flags, unsigned long total, uint64_t seed)
{
	struct io_uring_params p;
	struct lost *l = calloc(1, sizeof(*l));
	long long t0 = t_now_ms();

	assert_non_null(l);
	l->kind = calloc(total, 1);
	assert_non_null(l->kind);
	l->total = total;
	l->rng = seed;
	l->ts_now.tv_nsec = 0;
	l->ts_count.tv_nsec = 5000000;
	l->ts_wait.tv_nsec = 100000000;

	memset(&p, 0, sizeof(p));
	p.flags = flags | IORING_SETUP_CQSIZE;
	p.cq_entries = CQ_SIZE;
	t_ring_init_params(&l->ring, CQ_SIZE, &p);
	assert_int_equal(l->ring.cq.ring_entries, CQ_SIZE);
	if (!(l->ring.features & IORING_FEAT_NODROP)) {
		io_uring_queue_exit(&l->ring);
		t_skip("kernel may drop CQEs (no IORING_FEAT_NODROP)");
	}

	while (l->done < l->total) {
		int ret;

		queue_some(l);
		ret = io_uring_submit(&l->ring);
		if (ret == -EBUSY) {
			/* old kernels refuse work while CQEs overflow */
			l->busy++;
			reap_ready(l);
			continue;
		}
		assert_true(ret >= 0);
		reap_some(l);
	}

	assert_int_equal(l->next, l->total);
	assert_int_equal(io_uring_cq_ready(&l->ring), 0);
	assert_false(io_uring_cq_has_overflow(&l->ring));
	/* the kernel counts here the CQEs it had to drop: none */
	assert_int_equal(*l->ring.cq.koverflow, 0);
	/* the mix must have made the CQ overflow, or we proved nothing */
	assert_true(l->overflow_rounds > 0);
	rel_nop_round_trip(&l->ring);
	printf("# %lu requests, flags 0x%x: overflow seen in %lu rounds, "
	       "%lu -EBUSY, %lld ms\n", total, flags, l->overflow_rounds,
	       l->busy, t_now_ms() - t0);

	io_uring_queue_exit(&l->ring);
	free(l->kind);
	free(l);
}

static void test_million_default(void **state)
{
	(void) state;
	run_lost(0, TOTAL, 0x1234567);
}

static void test_lost_coop_taskrun(void **state)
{
	(void) state;
	run_lost(IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
		 TOTAL / 5, 0xabcdef);
}

static void test_lost_defer_taskrun(void **state)
{
	(void) state;
	run_lost(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
		 TOTAL / 5, 0x777);
}

/* ---- overflow flushing, path by path ------------------------------- */

enum flush_path {
	F_PEEK, F_WAIT, F_WAIT_NR, F_PEEK_BATCH, F_FOR_EACH, F_GET_EVENTS,
	F_SUBMIT, F_WAIT_TIMEOUT,
};

#define OVF_TOTAL (4 * CQ_SIZE)

static void fill_overflowed(struct io_uring *ring, unsigned flags)
{
	struct io_uring_params p;
	unsigned i, b;

	memset(&p, 0, sizeof(p));
	p.flags = flags | IORING_SETUP_CQSIZE;
	p.cq_entries = CQ_SIZE;
	t_ring_init_params(ring, CQ_SIZE, &p);

	for (b = 0; b < OVF_TOTAL / CQ_SIZE; b++) {
		for (i = 0; i < CQ_SIZE; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

			assert_non_null(sqe);
			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, b * CQ_SIZE + i);
		}
		assert_int_equal(io_uring_submit(ring), CQ_SIZE);
	}
	/* 8 CQEs in the ring, 24 held by the kernel */
	assert_int_equal(io_uring_cq_ready(ring), CQ_SIZE);
	assert_true(io_uring_cq_has_overflow(ring));
}

static void take(struct io_uring *ring, struct io_uring_cqe *cqe,
		 unsigned *next)
{
	assert_int_equal(cqe->res, 0);
	/* overflowed CQEs come back after the ring's, in order */
	assert_int_equal(cqe->user_data, *next);
	(*next)++;
	(void) ring;
}

/* Takes every CQE in the ring, walking it without entering the kernel. */
static void take_ready(struct io_uring *ring, unsigned *next)
{
	struct io_uring_cqe *cqe;
	unsigned head, n = 0;

	io_uring_for_each_cqe(ring, head, cqe) {
		take(ring, cqe, next);
		n++;
	}
	io_uring_cq_advance(ring, n);
}

static void flush_by(enum flush_path path, unsigned flags)
{
	struct __kernel_timespec ts = { .tv_sec = 1 };
	struct io_uring_cqe *cqes[OVF_TOTAL], *cqe;
	struct io_uring ring;
	unsigned next = 0, n, i, spins = 0;

	fill_overflowed(&ring, flags);
	while (next < OVF_TOTAL) {
		assert_true(++spins < 100);
		switch (path) {
		case F_PEEK:
			assert_int_equal(io_uring_peek_cqe(&ring, &cqe), 0);
			take(&ring, cqe, &next);
			io_uring_cqe_seen(&ring, cqe);
			spins = 0;
			break;
		case F_WAIT:
			assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
			take(&ring, cqe, &next);
			io_uring_cqe_seen(&ring, cqe);
			spins = 0;
			break;
		case F_WAIT_NR:
			n = OVF_TOTAL - next < CQ_SIZE ? OVF_TOTAL - next :
							 CQ_SIZE;
			assert_int_equal(io_uring_wait_cqe_nr(&ring, &cqe, n),
					 0);
			for (i = 0; i < n; i++) {
				assert_int_equal(io_uring_peek_cqe(&ring, &cqe),
						 0);
				take(&ring, cqe, &next);
				io_uring_cqe_seen(&ring, cqe);
			}
			break;
		case F_WAIT_TIMEOUT:
			assert_int_equal(io_uring_wait_cqe_timeout(&ring, &cqe,
								   &ts), 0);
			take(&ring, cqe, &next);
			io_uring_cqe_seen(&ring, cqe);
			spins = 0;
			break;
		case F_PEEK_BATCH:
			n = io_uring_peek_batch_cqe(&ring, cqes, OVF_TOTAL);
			assert_true(n > 0);
			for (i = 0; i < n; i++)
				take(&ring, cqes[i], &next);
			io_uring_cq_advance(&ring, n);
			break;
		case F_FOR_EACH:
			/* walking never enters the kernel ... */
			take_ready(&ring, &next);
			if (next == OVF_TOTAL)
				break;
			/* ... so flush with a wait once the ring is empty */
			assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
			break;
		case F_GET_EVENTS:
			take_ready(&ring, &next);
			if (next < OVF_TOTAL)
				assert_true(io_uring_get_events(&ring) >= 0);
			break;
		case F_SUBMIT:
			/* nothing queued: submit still flushes overflow */
			take_ready(&ring, &next);
			if (next < OVF_TOTAL)
				assert_int_equal(io_uring_submit(&ring), 0);
			break;
		}
	}
	assert_false(io_uring_cq_has_overflow(&ring));
	assert_int_equal(io_uring_peek_cqe(&ring, &cqe), -EAGAIN);
	assert_int_equal(*ring.cq.koverflow, 0);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

#define FLUSH_TEST(name, path)						\
static void test_flush_##name(void **state)				\
{									\
	(void) state;							\
	flush_by(path, 0);						\
	flush_by(path, IORING_SETUP_SINGLE_ISSUER |			\
		 IORING_SETUP_DEFER_TASKRUN);				\
}

FLUSH_TEST(peek, F_PEEK)
FLUSH_TEST(wait, F_WAIT)
FLUSH_TEST(wait_nr, F_WAIT_NR)
FLUSH_TEST(wait_timeout, F_WAIT_TIMEOUT)
FLUSH_TEST(peek_batch, F_PEEK_BATCH)
FLUSH_TEST(for_each, F_FOR_EACH)
FLUSH_TEST(get_events, F_GET_EVENTS)
FLUSH_TEST(submit, F_SUBMIT)

/* ---- multishot: noticing the end and re-arming --------------------- */

#define MS_UDATA 0xfeedULL

static void arm_multishot(struct io_uring *ring, struct __kernel_timespec *ts,
			  unsigned shots)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	/* for a multishot timeout, off is the number of shots (0: forever) */
	io_uring_prep_timeout(sqe, ts, shots, IORING_TIMEOUT_MULTISHOT);
	io_uring_sqe_set_data64(sqe, MS_UDATA);
	assert_int_equal(io_uring_submit(ring), 1);
}

static void require_multishot_timeout(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	struct io_uring_cqe *cqe;

	arm_multishot(ring, &ts, 1);
	assert_int_equal(io_uring_wait_cqe(ring, &cqe), 0);
	assert_true(cqe->user_data == MS_UDATA);
	if (cqe->res == -EINVAL) {
		io_uring_cqe_seen(ring, cqe);
		io_uring_queue_exit(ring);
		t_skip("kernel lacks IORING_TIMEOUT_MULTISHOT (6.4)");
	}
	assert_int_equal(cqe->res, -ETIME);
	io_uring_cqe_seen(ring, cqe);
}

/*
 * A multishot with a shot count ends by itself: each CQE but the last has
 * F_MORE.  The reaper re-arms on the last, 5 times over.
 */
static void test_multishot_rearm_after_count(void **state)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	struct io_uring ring;
	unsigned arms = 1, shots = 0, in_arm = 0;

	(void) state;
	t_ring_init(&ring, 8, 0);
	require_multishot_timeout(&ring);
	arm_multishot(&ring, &ts, 3);
	for (;;) {
		struct io_uring_cqe *cqe;
		bool more;

		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_true(cqe->user_data == MS_UDATA);
		assert_int_equal(cqe->res, -ETIME);
		more = cqe->flags & IORING_CQE_F_MORE;
		io_uring_cqe_seen(&ring, cqe);
		shots++;
		in_arm++;
		if (more) {
			assert_true(in_arm < 3);
			continue;
		}
		assert_int_equal(in_arm, 3);
		in_arm = 0;
		if (arms == 5)
			break;
		arm_multishot(&ring, &ts, 3);
		arms++;
	}
	assert_int_equal(shots, 15);
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

/*
 * A multishot that cannot post into a full CQ is stopped by the kernel:
 * its final CQE (no F_MORE) goes to the overflow list.  The test notices
 * the stop, re-arms, sees shots again, and ends it with a removal.
 */
static void test_multishot_stopped_by_full_cq(void **state)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	struct io_uring_params p;
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	unsigned i, nops = 0, stops = 0, shots = 0;
	bool rearmed = false, removed = false, done = false;

	(void) state;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = CQ_SIZE;
	t_ring_init_params(&ring, CQ_SIZE, &p);
	require_multishot_timeout(&ring);

	for (i = 0; i < CQ_SIZE; i++) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, i);
	}
	assert_int_equal(io_uring_submit(&ring), CQ_SIZE);
	assert_int_equal(io_uring_cq_ready(&ring), CQ_SIZE);
	arm_multishot(&ring, &ts, 0);	/* forever, 1 ms apart */
	usleep(30000);

	while (!done) {
		bool more;
		__u64 ud;
		int res;

		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		ud = cqe->user_data;
		res = cqe->res;
		more = cqe->flags & IORING_CQE_F_MORE;
		io_uring_cqe_seen(&ring, cqe);
		if (ud < CQ_SIZE) {
			assert_int_equal(res, 0);
			assert_true(ud == nops);
			nops++;
			continue;
		}
		if (ud == 0x2e30) {	/* the removal's own CQE */
			assert_int_equal(res, 0);
			continue;
		}
		assert_true(ud == MS_UDATA);
		/* every NOP CQE was in the CQ before any shot */
		assert_int_equal(nops, CQ_SIZE);
		if (more) {
			assert_int_equal(res, -ETIME);
			shots++;
			if (rearmed && shots >= 3 && !removed) {
				sqe = io_uring_get_sqe(&ring);
				rel_prep_timeout_remove(sqe, MS_UDATA);
				io_uring_sqe_set_data64(sqe, 0x2e30);
				assert_int_equal(io_uring_submit(&ring), 1);
				removed = true;
			}
			continue;
		}
		/* the request has stopped */
		stops++;
		if (!rearmed) {
			/* stopped by the full CQ, not by us */
			assert_int_equal(res, -ETIME);
			assert_int_equal(shots, 0);
			arm_multishot(&ring, &ts, 0);
			rearmed = true;
			continue;
		}
		assert_true(removed);
		assert_int_equal(res, -ECANCELED);
		done = true;
	}
	assert_int_equal(stops, 2);
	assert_true(shots >= 3);
	/* the removal's CQE may still be on its way */
	if (io_uring_peek_cqe(&ring, &cqe) == 0) {
		assert_true(cqe->user_data == 0x2e30);
		io_uring_cqe_seen(&ring, cqe);
	}
	rel_nop_round_trip(&ring);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flush_peek),
		cmocka_unit_test(test_flush_wait),
		cmocka_unit_test(test_flush_wait_nr),
		cmocka_unit_test(test_flush_wait_timeout),
		cmocka_unit_test(test_flush_peek_batch),
		cmocka_unit_test(test_flush_for_each),
		cmocka_unit_test(test_flush_get_events),
		cmocka_unit_test(test_flush_submit),
		cmocka_unit_test(test_multishot_rearm_after_count),
		cmocka_unit_test(test_multishot_stopped_by_full_cq),
		cmocka_unit_test(test_million_default),
		cmocka_unit_test(test_lost_coop_taskrun),
		cmocka_unit_test(test_lost_defer_taskrun),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
