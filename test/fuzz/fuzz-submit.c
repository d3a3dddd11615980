/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target 3: the submit and wait paths.  The input is a program: a
 * ring flavour, then a stream of NOPs, timeouts (single, counted,
 * multishot), link chains with link timeouts, timeout updates and
 * removals, cancels, and every submit/wait/peek variant with random
 * wait_nr and timeouts.  The harness tracks each request and checks each
 * CQE: a known user_data, nothing after a request's final CQE, F_MORE
 * only on multishot requests.  Every run ends by cancelling everything
 * and draining the ring to empty within a deadline: no crash, no leak,
 * no hang, nothing lost.
 */
#include <time.h>
#include "fuzz-util.h"

#define MAX_REQS	512
#define CANCEL_UD	0xcafe0000ULL
#define DRAIN_UD	0xcafe0001ULL

enum { R_FREE, R_QUEUED, R_LIVE, R_DONE };

struct req {
	uint8_t state;
	bool skip;		/* CQE_SKIP_SUCCESS: may never post */
	bool multishot;
	bool drain;
	uint8_t kind, sqe_flags;
	unsigned cqes;
};

struct run {
	struct io_uring ring;
	struct req reqs[MAX_REQS];
	unsigned nr;		/* requests handed out; user_data = index+1 */
	unsigned next_sub;	/* first request not yet taken by the kernel */
	bool used_drain, used_skip;
	bool cancel_done, drain_done;
	int drain_res;
	struct __kernel_timespec ts[MAX_REQS];
};

static const unsigned flavours[] = {
	0,
	IORING_SETUP_SUBMIT_ALL,
	IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
	IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	IORING_SETUP_CQSIZE,
	IORING_SETUP_NO_SQARRAY | IORING_SETUP_SUBMIT_ALL,
	IORING_SETUP_CQSIZE | IORING_SETUP_SINGLE_ISSUER |
		IORING_SETUP_DEFER_TASKRUN,
	IORING_SETUP_NO_MMAP,
};

/* FUZZ_TRACE=1 prints the program an input runs, to debug a finding. */
static int trace = -1;

#define TRACE(...)							\
	do {								\
		if (trace)						\
			fprintf(stderr, __VA_ARGS__);			\
	} while (0)

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void seen(struct run *r, const struct io_uring_cqe *cqe)
{
	__u64 ud = cqe->user_data;
	bool more = cqe->flags & IORING_CQE_F_MORE;
	struct req *q;

	TRACE("  cqe %llu res %d flags 0x%x\n", (unsigned long long) ud,
	      cqe->res, cqe->flags);
	if (ud == CANCEL_UD || ud == DRAIN_UD) {
		FZ_ASSERT(!more, "F_MORE on a control request");
		if (ud == CANCEL_UD) {
			r->cancel_done = true;
		} else {
			r->drain_done = true;
			r->drain_res = cqe->res;
		}
		return;
	}
	FZ_ASSERT(ud >= 1 && ud <= r->nr, "unknown user_data %llu",
		  (unsigned long long) ud);
	q = &r->reqs[ud - 1];
	FZ_ASSERT(q->state == R_LIVE,
		  "CQE for request %llu in state %u (res %d)",
		  (unsigned long long) ud, q->state, cqe->res);
	q->cqes++;
	if (more) {
		FZ_ASSERT(q->multishot, "F_MORE on single-shot %llu",
			  (unsigned long long) ud);
		return;
	}
	q->state = R_DONE;
}

static void reap_all(struct run *r)
{
	struct io_uring_cqe *cqe;

	while (io_uring_peek_cqe(&r->ring, &cqe) == 0) {
		seen(r, cqe);
		io_uring_cqe_seen(&r->ring, cqe);
	}
}

/* Requests the kernel has and that must still post a CQE. */
static unsigned owed(const struct run *r)
{
	unsigned i, n = 0;

	for (i = 0; i < r->next_sub; i++)
		if (r->reqs[i].state == R_LIVE && !r->reqs[i].skip)
			n++;
	return n;
}

/*
 * The kernel's SQ head says how many SQEs it has taken in all (the ring
 * starts at 0 and there is no SQPOLL here): everything before it is live.
 */
static unsigned sync_sub(struct run *r)
{
	unsigned head = io_uring_load_sq_head(&r->ring), old = r->next_sub;

	FZ_ASSERT(head >= r->next_sub && head <= r->nr,
		  "SQ head %u: had %u submitted of %u", head, r->next_sub,
		  r->nr);
	for (; r->next_sub < head; r->next_sub++)
		if (r->reqs[r->next_sub].state == R_QUEUED)
			r->reqs[r->next_sub].state = R_LIVE;
	return head - old;
}

/* After a call that returns the number submitted, or -errno. */
static void after_submit(struct run *r, int ret)
{
	unsigned took = sync_sub(r);

	if (ret < 0) {
		FZ_ASSERT(fz_errno_ok(ret), "submit: %d", ret);
		return;
	}
	FZ_ASSERT((unsigned) ret == took, "submit said %d, kernel took %u",
		  ret, took);
}

static struct __kernel_timespec *small_ts(struct run *r, struct fz *f,
					  unsigned idx, bool nonzero)
{
	struct __kernel_timespec *ts = &r->ts[idx];

	/*
	 * Up to 2.55 ms: every timeout ends on its own, soon.  nonzero for
	 * anything that may drive a multishot timeout (see queue_req).
	 */
	ts->tv_sec = 0;
	ts->tv_nsec = (long long) fz_u8(f) * 10000;
	if (nonzero && ts->tv_nsec < 100000)
		ts->tv_nsec = 100000;
	return ts;
}

static __u64 some_target(struct run *r, struct fz *f)
{
	if (r->nr && fz_u8(f) % 4)
		return 1 + fz_below(f, r->nr);
	return fz_u64(f);
}

/* Queues one request; returns false when the SQ is full. */
static bool queue_req(struct run *r, struct fz *f, unsigned kind)
{
	static const uint8_t flag_bits[] = {
		IOSQE_IO_LINK, IOSQE_IO_HARDLINK, IOSQE_ASYNC,
		IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN,
	};
	struct io_uring_sqe *sqe;
	struct req *q;
	unsigned idx = r->nr, tflags;
	uint8_t fl = 0, pick = fz_u8(f);
	unsigned i;

	if (r->nr >= MAX_REQS)
		return false;
	sqe = io_uring_get_sqe(&r->ring);
	if (!sqe)
		return false;
	for (i = 0; i < 5; i++)
		if (pick & (1u << i) && (fz_u8(f) & 3) == 0)
			fl |= flag_bits[i];
	q = &r->reqs[idx];
	memset(q, 0, sizeof(*q));
	q->state = R_QUEUED;

	switch (kind) {
	case 0:
		io_uring_prep_nop(sqe);
		break;
	case 1:
		tflags = 0;
		if (fz_u8(f) % 4 == 0)
			tflags = fz_u8(f) % 8 == 0 ? fz_u32(f) :
				 fz_u8(f) & (IORING_TIMEOUT_ABS |
					     IORING_TIMEOUT_BOOTTIME |
					     IORING_TIMEOUT_REALTIME |
					     IORING_TIMEOUT_ETIME_SUCCESS |
					     IORING_TIMEOUT_MULTISHOT);
		io_uring_prep_timeout(sqe, small_ts(r, f, idx,
						    tflags &
						    IORING_TIMEOUT_MULTISHOT),
				      fz_u8(f) % 4, tflags);
		q->multishot = tflags & IORING_TIMEOUT_MULTISHOT;
		break;
	case 2:
		io_uring_prep_link_timeout(sqe, small_ts(r, f, idx, false),
					   0);
		break;
	case 3:
		io_uring_prep_timeout_remove(sqe, some_target(r, f), 0);
		break;
	case 4:
		/*
		 * Never 0: an update may retarget a multishot timeout, and
		 * one firing every 0 ns on a DEFER_TASKRUN ring is off the
		 * kernel's timeout list whenever a cancel looks (Linux 6.18):
		 * nothing but ring exit would end it.
		 */
		io_uring_prep_timeout_update(sqe, small_ts(r, f, idx, true),
					     some_target(r, f),
					     fz_bool(f) ?
					     IORING_LINK_TIMEOUT_UPDATE : 0);
		break;
	default:
		io_uring_prep_cancel64(sqe, some_target(r, f),
				       fz_u8(f) % 4 ? 0 :
				       (int) (fz_u8(f) &
					      (IORING_ASYNC_CANCEL_ALL |
					       IORING_ASYNC_CANCEL_ANY)));
		break;
	}
	sqe->flags = fl;
	TRACE("queue %u: op %u flags 0x%x addr 0x%llx len %u off %llu "
	      "op_flags 0x%x\n", idx + 1, sqe->opcode, fl,
	      (unsigned long long) sqe->addr, sqe->len,
	      (unsigned long long) sqe->off, sqe->timeout_flags);
	q->kind = (uint8_t) kind;
	q->sqe_flags = fl;
	io_uring_sqe_set_data64(sqe, idx + 1);
	q->skip = fl & IOSQE_CQE_SKIP_SUCCESS;
	/*
	 * When a link member with CQE_SKIP_SUCCESS fails, the kernel skips
	 * the CQEs of the members it cancels after it as well: a request
	 * linked behind a skipping one may never post.  (Chains also end at
	 * a submit boundary, which only makes this cautious.)
	 */
	if (idx && (r->reqs[idx - 1].sqe_flags &
		    (IOSQE_IO_LINK | IOSQE_IO_HARDLINK)) &&
	    r->reqs[idx - 1].skip)
		q->skip = true;
	q->drain = fl & IOSQE_IO_DRAIN;
	if (q->drain)
		r->used_drain = true;
	if (q->skip)
		r->used_skip = true;
	r->nr++;
	return true;
}

static struct __kernel_timespec wait_ts(struct fz *f)
{
	struct __kernel_timespec ts = { 0 };

	ts.tv_nsec = (long long) fz_u8(f) * 8000;	/* up to 2 ms */
	return ts;
}

static void check_wait(struct run *r, int ret, struct io_uring_cqe *cqe)
{
	if (ret < 0) {
		FZ_ASSERT(ret == -ETIME || ret == -EAGAIN || ret == -EINTR ||
			  ret == -EBUSY, "wait: %d", ret);
		return;
	}
	if (cqe) {
		/* the CQE returned is the one at the head */
		struct io_uring_cqe *head;

		FZ_ASSERT(io_uring_peek_cqe(&r->ring, &head) == 0 &&
			  head == cqe, "wait returned a CQE not at the head");
	}
}

/*
 * The most a wait without a timeout may ask for: CQEs the kernel owes us,
 * and no more than the CQ holds.  With a drain anywhere, a request may
 * wait behind a multishot that never ends: then only bounded waits.
 */
static unsigned safe_nr(struct run *r)
{
	unsigned n = owed(r);

	if (r->used_drain)
		return 0;
	if (n > r->ring.cq.ring_entries)
		n = r->ring.cq.ring_entries;
	return n;
}

static void step(struct run *r, struct fz *f)
{
	struct io_uring_cqe *cqes[64], *cqe = NULL;
	struct __kernel_timespec ts;
	unsigned op = fz_u8(f) % 20, n, i, head, nr;
	int ret;

	sync_sub(r);
	TRACE("step %u (submitted %u of %u)\n", op, r->next_sub, r->nr);
	switch (op) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6:
		queue_req(r, f, op < 3 ? 0 : op - 2);
		break;
	case 7:
		queue_req(r, f, 1);
		break;
	case 8:
		after_submit(r, io_uring_submit(&r->ring));
		break;
	case 9:
		nr = fz_u8(f) % 8;
		if (nr > safe_nr(r))
			nr = safe_nr(r);
		after_submit(r, io_uring_submit_and_wait(&r->ring, nr));
		break;
	case 10:
		ts = wait_ts(f);
		ret = io_uring_wait_cqes(&r->ring, &cqe, fz_u8(f) % 10, &ts,
					 NULL);
		check_wait(r, ret, cqe);
		break;
	case 11:
		ts = wait_ts(f);
		ret = io_uring_submit_and_wait_timeout(&r->ring, &cqe,
						       fz_u8(f) % 10, &ts,
						       NULL);
		/* on -ETIME the count is lost: the SQ head still knows */
		if (ret >= 0)
			after_submit(r, ret);
		else
			sync_sub(r);
		check_wait(r, ret < 0 ? ret : 0, cqe);
		break;
	case 12:
		n = io_uring_peek_batch_cqe(&r->ring, cqes,
					    1 + fz_u8(f) % 64);
		nr = n ? fz_u8(f) % (n + 1) : 0;
		for (i = 0; i < nr; i++)
			seen(r, cqes[i]);
		io_uring_cq_advance(&r->ring, nr);
		break;
	case 13:
		n = 0;
		nr = fz_u8(f);
		io_uring_for_each_cqe(&r->ring, head, cqe) {
			if (n == nr)
				break;
			seen(r, cqe);
			n++;
		}
		io_uring_cq_advance(&r->ring, n);
		break;
	case 14:
		ret = io_uring_peek_cqe(&r->ring, &cqe);
		if (!ret) {
			seen(r, cqe);
			io_uring_cqe_seen(&r->ring, cqe);
		} else {
			FZ_ASSERT(ret == -EAGAIN, "peek: %d", ret);
		}
		break;
	case 15:
		nr = fz_u8(f) % 4;
		if (nr > safe_nr(r))
			nr = safe_nr(r);
		if (!nr)
			break;
		ret = io_uring_wait_cqe_nr(&r->ring, &cqe, nr);
		FZ_ASSERT(ret == 0 || ret == -EINTR, "wait_cqe_nr(%u): %d",
			  nr, ret);
		break;
	case 16:
		ret = io_uring_get_events(&r->ring);
		FZ_ASSERT(ret >= 0 || fz_errno_ok(ret), "get_events %d", ret);
		break;
	case 17:
		ts = wait_ts(f);
		ret = io_uring_wait_cqe_timeout(&r->ring, &cqe, &ts);
		check_wait(r, ret, cqe);
		break;
	case 18:
		after_submit(r, io_uring_submit_and_get_events(&r->ring));
		break;
	default:
		reap_all(r);
		break;
	}
}

/* What is still owed, for the report of a run that did not drain. */
static void dump(const struct run *r)
{
	unsigned i;

	fprintf(stderr, "ring flags 0x%x, %u requests\n", r->ring.flags,
		r->nr);
	for (i = 0; i < r->nr; i++) {
		const struct req *q = &r->reqs[i];

		fprintf(stderr, "  %3u: kind %u flags 0x%02x state %u cqes %u%s\n",
			i + 1, q->kind, q->sqe_flags, q->state, q->cqes,
			q->multishot ? " multishot" : "");
	}
}

static void sync_cancel(struct run *r)
{
	struct io_uring_sync_cancel_reg reg;
	int ret;

	memset(&reg, 0, sizeof(reg));
	reg.flags = IORING_ASYNC_CANCEL_ANY | IORING_ASYNC_CANCEL_ALL;
	reg.timeout.tv_nsec = 100000000;
	ret = io_uring_register_sync_cancel(&r->ring, &reg);
	FZ_ASSERT(ret >= 0 || ret == -ENOENT || ret == -ETIME ||
		  ret == -EALREADY || ret == -EINTR, "sync cancel: %d", ret);
}

/* Submits what is queued, cancels everything, and drains to empty. */
static void drain(struct run *r)
{
	long long deadline = now_ms() + 5000;
	struct io_uring_sqe *sqe;
	unsigned i;
	int ret;

	while (io_uring_sq_ready(&r->ring)) {
		ret = io_uring_submit(&r->ring);
		after_submit(r, ret);
		reap_all(r);
		FZ_ASSERT(now_ms() < deadline, "SQ never emptied");
	}
	FZ_ASSERT(r->next_sub == r->nr, "%u of %u submitted", r->next_sub,
		  r->nr);

	/*
	 * A request with IOSQE_IO_DRAIN holds back everything after it, so
	 * a drained multishot that never ends would hold our cancel SQE
	 * forever.  IORING_REGISTER_SYNC_CANCEL does not go through the SQ;
	 * it runs again while we wait, for requests released meanwhile.
	 */
	sync_cancel(r);

	/* SQ is empty: room for both control requests */
	sqe = io_uring_get_sqe(&r->ring);
	io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY |
			       IORING_ASYNC_CANCEL_ALL);
	io_uring_sqe_set_data64(sqe, CANCEL_UD);
	ret = io_uring_submit(&r->ring);
	FZ_ASSERT(ret == 1, "cancel submit %d", ret);
	/* a drained NOP completes only after everything before it */
	sqe = io_uring_get_sqe(&r->ring);
	io_uring_prep_nop(sqe);
	sqe->flags = IOSQE_IO_DRAIN;
	io_uring_sqe_set_data64(sqe, DRAIN_UD);
	ret = io_uring_submit(&r->ring);
	FZ_ASSERT(ret == 1, "drain submit %d", ret);

	while (!r->drain_done || !r->cancel_done || owed(r)) {
		struct __kernel_timespec ts = { .tv_nsec = 10000000 };
		struct io_uring_cqe *cqe;

		ret = io_uring_wait_cqe_timeout(&r->ring, &cqe, &ts);
		/* libFuzzer's SIGALRM watchdog may interrupt any wait */
		FZ_ASSERT(ret == 0 || ret == -ETIME || ret == -EINTR,
			  "drain wait %d", ret);
		reap_all(r);
		/*
		 * Again each time: a hard-linked request is only armed once
		 * the one before it is cancelled, after the sweep.
		 */
		sync_cancel(r);
		if (now_ms() >= deadline)
			dump(r);
		FZ_ASSERT(now_ms() < deadline,
			  "not drained: drain %d cancel %d owed %u",
			  r->drain_done, r->cancel_done, owed(r));
	}
	reap_all(r);
	/*
	 * Once CQE_SKIP_SUCCESS was used, the kernel refuses drains; and
	 * a repeated sync cancel may catch the drain NOP while it waits.
	 */
	FZ_ASSERT(r->drain_res == 0 || r->drain_res == -ECANCELED ||
		  (r->drain_res == -EOPNOTSUPP && r->used_skip),
		  "drain NOP: %d", r->drain_res);
	FZ_ASSERT(io_uring_cq_ready(&r->ring) == 0, "CQ not empty");
	FZ_ASSERT(!io_uring_cq_has_overflow(&r->ring), "overflow left");
	FZ_ASSERT(*r->ring.cq.koverflow == 0, "CQEs dropped");
	for (i = 0; i < r->nr; i++) {
		struct req *q = &r->reqs[i];

		FZ_ASSERT(q->state == R_DONE || (q->skip && q->state == R_LIVE),
			  "request %u unfinished (state %u)", i + 1, q->state);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run r;
	struct fz f = { data, size };
	struct fz_snapshot snap;
	struct io_uring_params p;
	unsigned entries, steps = 0;
	int ret;

	if (trace < 0)
		trace = getenv("FUZZ_TRACE") != NULL;
	fz_snap(&snap);
	memset(&r, 0, sizeof(r));
	memset(&p, 0, sizeof(p));
	entries = 1 + fz_u8(&f) % 16;
	p.flags = flavours[fz_u8(&f) % 8];
	p.cq_entries = entries + fz_u8(&f) % (3 * entries + 1);
	ret = io_uring_queue_init_params(entries, &r.ring, &p);
	TRACE("init %u entries, flags 0x%x, cq %u: %d\n", entries, p.flags,
	      p.cq_entries, ret);
	if (ret < 0) {
		FZ_ASSERT(fz_errno_ok(ret), "init %d", ret);
		fz_check_inert(&r.ring);
		fz_check_leaks(&snap);
		return 0;
	}
	while (f.n && steps++ < 400)
		step(&r, &f);
	drain(&r);
	io_uring_queue_exit(&r.ring);
	fz_check_leaks(&snap);
	return 0;
}
