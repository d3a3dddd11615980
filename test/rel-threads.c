/* SPDX-License-Identifier: MIT */
/*
 * Threads.  Eight threads with one ring each run at once, in different
 * ring flavours, and nothing is shared or lost between them.  Then the
 * pattern the library supports on one ring without a lock: one thread
 * submits and another reaps, for ten seconds of load; every request
 * completes exactly once.
 */
#include <pthread.h>
#include <stdatomic.h>
#include "rel-util.h"

#define NR_THREADS	8
#define PER_THREAD	20000U

struct worker {
	pthread_t tid;
	unsigned idx;
	unsigned flags;
	char err[128];
};

static const unsigned flavours[] = {
	0,
	IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
	IORING_SETUP_SUBMIT_ALL,
};

#define WFAIL(w, ...)							\
	do {								\
		snprintf((w)->err, sizeof((w)->err), __VA_ARGS__);	\
		goto out;						\
	} while (0)

/*
 * A worker's own ring: NOPs, immediate timeouts and 3-long chains,
 * tagged with the worker index in the high bits, each checked off once.
 */
static void *worker_fn(void *arg)
{
	struct __kernel_timespec ts0 = { 0 };
	struct worker *w = arg;
	struct io_uring ring;
	struct io_uring_probe *probe;
	unsigned char *seen = calloc(PER_THREAD, 1);
	unsigned next = 0, done = 0;
	uint64_t rng = 0x9e3779b9u * (w->idx + 1);
	int ret;

	if (!seen) {
		snprintf(w->err, sizeof(w->err), "calloc");
		return NULL;
	}
	/* the probe makes and drops a ring of its own, concurrently */
	probe = io_uring_get_probe();
	if (!probe) {
		snprintf(w->err, sizeof(w->err), "get_probe failed");
		free(seen);
		return NULL;
	}
	io_uring_free_probe(probe);

	ret = io_uring_queue_init(16, &ring, w->flags);
	if (ret) {
		snprintf(w->err, sizeof(w->err), "init 0x%x: %d", w->flags,
			 ret);
		free(seen);
		return NULL;
	}
	while (done < PER_THREAD) {
		struct io_uring_cqe *cqe;
		unsigned head, n = 0;

		while (next < PER_THREAD && io_uring_sq_space_left(&ring) >= 3) {
			unsigned r = (unsigned) (rel_rand(&rng) % 8), k, len;

			len = r == 0 ? 3 : 1;
			if (len > PER_THREAD - next)
				len = PER_THREAD - next;
			for (k = 0; k < len; k++) {
				struct io_uring_sqe *sqe =
					io_uring_get_sqe(&ring);

				if (r == 1)
					io_uring_prep_timeout(sqe, &ts0, 0, 0);
				else
					io_uring_prep_nop(sqe);
				if (k + 1 < len)
					io_uring_sqe_set_flags(sqe,
							       IOSQE_IO_LINK);
				io_uring_sqe_set_data64(sqe,
					((__u64) w->idx << 32) | next++);
			}
		}
		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0)
			WFAIL(w, "submit_and_wait: %d", ret);
		io_uring_for_each_cqe(&ring, head, cqe) {
			unsigned id = (unsigned) cqe->user_data;

			n++;
			if (cqe->user_data >> 32 != w->idx || id >= next)
				WFAIL(w, "foreign user_data %llx",
				      (unsigned long long) cqe->user_data);
			if (seen[id]++)
				WFAIL(w, "user_data %u twice", id);
			if (cqe->res != 0 && cqe->res != -ETIME)
				WFAIL(w, "user_data %u: res %d", id, cqe->res);
			done++;
		}
		io_uring_cq_advance(&ring, n);
	}
out:
	io_uring_queue_exit(&ring);
	free(seen);
	return NULL;
}

static void test_ring_per_thread(void **state)
{
	struct worker w[NR_THREADS];
	unsigned i;

	(void) state;
	memset(w, 0, sizeof(w));
	for (i = 0; i < NR_THREADS; i++) {
		w[i].idx = i;
		w[i].flags = flavours[i % 4];
		assert_int_equal(pthread_create(&w[i].tid, NULL, worker_fn,
						&w[i]), 0);
	}
	for (i = 0; i < NR_THREADS; i++)
		assert_int_equal(pthread_join(w[i].tid, NULL), 0);
	for (i = 0; i < NR_THREADS; i++)
		if (w[i].err[0])
			fail_msg("thread %u (flags 0x%x): %s", i, w[i].flags,
				 w[i].err);
}

/* ---- one submitter, one reaper ------------------------------------- */

#define SR_SECONDS	10
#define SR_MAX		(64UL << 20)	/* user_data space: 64M requests */
#define SR_INFLIGHT	256

struct shared {
	struct io_uring ring;
	atomic_ulong submitted;		/* requests the kernel took */
	atomic_ulong reaped;
	atomic_int stop;		/* submitter: no more requests */
	atomic_int submitter_done;	/* submitted is final */
	unsigned char *seen;
	unsigned long timeouts;
	char err[128];
};

static void *submitter_fn(void *arg)
{
	struct __kernel_timespec ts0 = { 0 };
	struct shared *s = arg;
	unsigned long next = 0, queued = 0;
	uint64_t rng = 42;

	while (!atomic_load(&s->stop) && next < SR_MAX) {
		unsigned long inflight = next - atomic_load(&s->reaped);
		struct io_uring_sqe *sqe;
		int ret;

		if (inflight < SR_INFLIGHT &&
		    (sqe = io_uring_get_sqe(&s->ring))) {
			unsigned r = (unsigned) (rel_rand(&rng) % 16);

			if (r == 0) {
				io_uring_prep_timeout(sqe, &ts0, 0, 0);
				s->timeouts++;
			} else {
				io_uring_prep_nop(sqe);
			}
			io_uring_sqe_set_data64(sqe, next++);
			if (++queued < 16)
				continue;
		}
		if (!queued) {
			sched_yield();
			continue;
		}
		ret = io_uring_submit(&s->ring);
		if (ret < 0) {
			snprintf(s->err, sizeof(s->err), "submit: %d", ret);
			break;
		}
		atomic_fetch_add(&s->submitted, (unsigned long) ret);
		queued -= (unsigned long) ret;
	}
	while (queued) {
		int ret = io_uring_submit(&s->ring);

		if (ret <= 0) {
			snprintf(s->err, sizeof(s->err), "final submit: %d",
				 ret);
			break;
		}
		atomic_fetch_add(&s->submitted, (unsigned long) ret);
		queued -= (unsigned long) ret;
	}
	atomic_store(&s->submitter_done, 1);
	return NULL;
}

static void *reaper_fn(void *arg)
{
	struct __kernel_timespec ts = { .tv_nsec = 100000000 };
	struct shared *s = arg;
	uint64_t rng = 7;
	int vg = t_under_valgrind();

	/*
	 * Valgrind runs one thread at a time and does not let go of its
	 * lock while a thread sleeps in io_uring_enter(2), which it does
	 * not know may block: the submitter would stand still for as long
	 * as we sleep.  Under it, sleep briefly and yield when idle.
	 */
	if (vg)
		ts.tv_nsec = 1000000;

	for (;;) {
		struct io_uring_cqe *cqes[32], *cqe;
		unsigned long reaped = atomic_load(&s->reaped);
		unsigned n, i, style = (unsigned) (rel_rand(&rng) % 3);
		int ret;

		if (atomic_load(&s->submitter_done) &&
		    reaped == atomic_load(&s->submitted))
			break;
		if (s->err[0])
			break;
		ret = io_uring_wait_cqe_timeout(&s->ring, &cqe, &ts);
		if (ret == -ETIME || ret == -EINTR) {
			if (vg)
				sched_yield();
			continue;
		}
		if (ret) {
			snprintf(s->err, sizeof(s->err), "wait: %d", ret);
			break;
		}
		if (style == 0) {
			cqes[0] = cqe;
			n = 1;
		} else {
			n = io_uring_peek_batch_cqe(&s->ring, cqes, 32);
		}
		for (i = 0; i < n; i++) {
			unsigned long ud = (unsigned long) cqes[i]->user_data;

			if (ud >= SR_MAX || s->seen[ud]++) {
				snprintf(s->err, sizeof(s->err),
					 "user_data %lu bad or twice", ud);
				break;
			}
			if (cqes[i]->res != 0 && cqes[i]->res != -ETIME) {
				snprintf(s->err, sizeof(s->err),
					 "user_data %lu res %d", ud,
					 cqes[i]->res);
				break;
			}
		}
		io_uring_cq_advance(&s->ring, n);
		atomic_fetch_add(&s->reaped, (unsigned long) n);
	}
	return NULL;
}

static void test_submitter_and_reaper(void **state)
{
	struct shared *s = calloc(1, sizeof(*s));
	pthread_t sub, rea;
	unsigned long i, total;
	long long t0;

	(void) state;
	assert_non_null(s);
	s->seen = calloc(SR_MAX, 1);
	assert_non_null(s->seen);
	t_ring_init(&s->ring, 64, 0);
	T_REQUIRE_FEAT(&s->ring, IORING_FEAT_EXT_ARG);

	t0 = t_now_ms();
	assert_int_equal(pthread_create(&rea, NULL, reaper_fn, s), 0);
	assert_int_equal(pthread_create(&sub, NULL, submitter_fn, s), 0);
	while (t_now_ms() - t0 < SR_SECONDS * 1000 && !s->err[0])
		usleep(50000);
	atomic_store(&s->stop, 1);
	assert_int_equal(pthread_join(sub, NULL), 0);
	assert_int_equal(pthread_join(rea, NULL), 0);
	if (s->err[0])
		fail_msg("%s", s->err);

	total = atomic_load(&s->submitted);
	assert_int_equal(atomic_load(&s->reaped), total);
	for (i = 0; i < total; i++)
		if (s->seen[i] != 1)
			fail_msg("user_data %lu seen %u times", i, s->seen[i]);
	assert_true(total > 1000);
	assert_true(s->timeouts > 0);
	printf("# %lu requests (%lu timeouts) in %lld ms\n", total,
	       s->timeouts, t_now_ms() - t0);
	rel_nop_round_trip(&s->ring);
	io_uring_queue_exit(&s->ring);
	free(s->seen);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_per_thread),
		cmocka_unit_test(test_submitter_and_reaper),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
