/* SPDX-License-Identifier: MIT */
/*
 * Oracle: the queue side as a program sees it -- return values, errno,
 * the output parameters (*cqe_ptr, the params and ring after setup) and
 * the CQE stream (res, flags, user_data, order) -- on empty, partly full
 * and overflowed rings of each kind liburing 2.3 knows.  Each scenario
 * runs in a child under an alarm, so a hang is one line of output.
 */
#include <fcntl.h>
#include <limits.h>
#include <time.h>
#include "oracle.h"

static struct io_uring ring;
static unsigned kind_flags;
static const char *kind;

/* Where an output CQE pointer points: never an address, which differs. */
static struct io_uring_cqe sentinel;

static const char *where(const struct io_uring_cqe *cqe)
{
	static char buf[64];
	size_t size = (ring.flags & IORING_SETUP_CQE32) ? 32 : 16;
	const char *base = (const char *) ring.cq.cqes;

	if (!cqe)
		return "NULL";
	if (cqe == &sentinel)
		return "unchanged";
	if ((const char *) cqe >= base &&
	    (const char *) cqe < base + size * ring.cq.ring_entries) {
		size_t idx = (size_t) ((const char *) cqe - base) / size;

		snprintf(buf, sizeof(buf), "cqes[%zu]{ud=%llu res=%d fl=0x%x}",
			 idx, (unsigned long long) cqe->user_data, cqe->res,
			 cqe->flags);
		return buf;
	}
	return "elsewhere";
}

#define SAY(fmt, ...) printf("%s %s: " fmt "\n", kind, __func__, __VA_ARGS__)

static int setup(unsigned entries, unsigned cq_entries)
{
	struct io_uring_params p;
	int ret;

	memset(&p, 0, sizeof(p));
	p.flags = kind_flags;
	if (cq_entries) {
		p.flags |= IORING_SETUP_CQSIZE;
		p.cq_entries = cq_entries;
	}
	ret = io_uring_queue_init_params(entries, &ring, &p);
	if (ret)
		printf("%s setup: %d\n", kind, ret);
	return ret;
}

/* n requests with user_data first.., the last one failing */
static void queue_nops(unsigned n, unsigned first)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		if (!sqe) {
			printf("%s: no sqe at %u\n", kind, i);
			return;
		}
		/*
		 * An opcode no kernel has fails at once; last, because the
		 * kernel stops submitting at a request it cannot start.
		 */
		if (i == n - 1)
			io_uring_prep_rw(255, sqe, -1, NULL, 0, 0);
		else
			io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, first + i);
	}
}

static void print_calls_empty(void)
{
	struct io_uring_cqe *cqe, *batch[8];
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	int ret;

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_peek_cqe(&ring, &cqe);
	SAY("peek_cqe %d errno=%s cqe=%s", ret, o_errno(), where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
	SAY("wait_cqe_timeout(1ms) %d errno=%s cqe=%s", ret, o_errno(),
	    where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_wait_cqes(&ring, &cqe, 1, &ts, NULL);
	SAY("wait_cqes(1,1ms) %d errno=%s cqe=%s", ret, o_errno(), where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_wait_cqe_nr(&ring, &cqe, 0);
	SAY("wait_cqe_nr(0) %d errno=%s cqe=%s", ret, o_errno(), where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = __io_uring_get_cqe(&ring, &cqe, 0, 0, NULL);
	SAY("__get_cqe(0,0) %d errno=%s cqe=%s", ret, o_errno(), where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_submit_and_wait_timeout(&ring, &cqe, 0, NULL, NULL);
	SAY("submit_and_wait_timeout(0,NULL) %d errno=%s cqe=%s", ret,
	    o_errno(), where(cqe));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &ts, NULL);
	SAY("submit_and_wait_timeout(1,1ms) %d errno=%s cqe=%s", ret,
	    o_errno(), where(cqe));

	batch[0] = &sentinel;
	o_errno_mark();
	ret = (int) io_uring_peek_batch_cqe(&ring, batch, 8);
	SAY("peek_batch_cqe(8) %d errno=%s first=%s", ret, o_errno(),
	    where(batch[0]));

	o_errno_mark();
	ret = io_uring_submit(&ring);
	SAY("submit %d errno=%s", ret, o_errno());
	o_errno_mark();
	ret = io_uring_submit_and_wait(&ring, 0);
	SAY("submit_and_wait(0) %d errno=%s", ret, o_errno());
	o_errno_mark();
	ret = io_uring_get_events(&ring);
	SAY("get_events %d errno=%s", ret, o_errno());
	o_errno_mark();
	ret = io_uring_submit_and_get_events(&ring);
	SAY("submit_and_get_events %d errno=%s", ret, o_errno());
	o_errno_mark();
	ret = io_uring_sqring_wait(&ring);
	SAY("sqring_wait %d errno=%s", ret, o_errno());
	SAY("cq_ready %u has_overflow %d sq_ready %u sq_space_left %u",
	    io_uring_cq_ready(&ring), io_uring_cq_has_overflow(&ring),
	    io_uring_sq_ready(&ring), io_uring_sq_space_left(&ring));
}

static void empty(void)
{
	if (setup(8, 0))
		return;
	print_calls_empty();
	io_uring_queue_exit(&ring);
}

/* The stream of what is left, reaped one by one with peek. */
static void drain(const char *how)
{
	struct io_uring_cqe *cqe;
	unsigned n = 0;
	int ret;

	for (;;) {
		cqe = &sentinel;
		o_errno_mark();
		ret = io_uring_peek_cqe(&ring, &cqe);
		if (ret) {
			printf("%s drain(%s): end %d errno=%s cqe=%s after %u\n",
			       kind, how, ret, o_errno(), where(cqe), n);
			break;
		}
		printf("%s drain(%s): %s\n", kind, how, where(cqe));
		io_uring_cqe_seen(&ring, cqe);
		if (++n > 64)
			break;
	}
}

static void partly_full(void)
{
	struct io_uring_cqe *cqe, *batch[8];
	unsigned head, n;
	int ret;

	if (setup(8, 0))
		return;
	queue_nops(5, 1);
	SAY("sq_ready %u sq_space_left %u", io_uring_sq_ready(&ring),
	    io_uring_sq_space_left(&ring));
	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_submit_and_wait(&ring, 5);
	SAY("submit_and_wait(5) %d errno=%s", ret, o_errno());
	SAY("cq_ready %u has_overflow %d", io_uring_cq_ready(&ring),
	    io_uring_cq_has_overflow(&ring));

	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_peek_cqe(&ring, &cqe);
	SAY("peek_cqe %d errno=%s cqe=%s", ret, o_errno(), where(cqe));
	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_wait_cqe(&ring, &cqe);
	SAY("wait_cqe %d errno=%s cqe=%s", ret, o_errno(), where(cqe));
	cqe = &sentinel;
	o_errno_mark();
	ret = io_uring_wait_cqe_nr(&ring, &cqe, 5);
	SAY("wait_cqe_nr(5) %d errno=%s cqe=%s", ret, o_errno(), where(cqe));

	memset(batch, 0, sizeof(batch));
	o_errno_mark();
	n = io_uring_peek_batch_cqe(&ring, batch, 2);
	SAY("peek_batch_cqe(2) %u errno=%s [0]=%s", n, o_errno(),
	    where(batch[0]));
	SAY("peek_batch_cqe(2) [1]=%s", where(batch[1]));
	io_uring_cq_advance(&ring, 2);
	SAY("after advance(2) cq_ready %u", io_uring_cq_ready(&ring));

	n = 0;
	io_uring_for_each_cqe(&ring, head, cqe) {
		SAY("for_each_cqe #%u %s", n, where(cqe));
		n++;
	}
	SAY("for_each_cqe count %u", n);
	memset(batch, 0, sizeof(batch));
	n = io_uring_peek_batch_cqe(&ring, batch, 8);
	SAY("peek_batch_cqe(8) %u last=%s", n, n ? where(batch[n - 1]) : "-");
	drain("partly_full");
	print_calls_empty();
	io_uring_queue_exit(&ring);
}

/* 4 SQ entries, 8 CQ entries, 20 requests: 12 wait in the overflow list */
static void overflowed(void)
{
	unsigned i;
	int ret;

	/* the SQ thread takes SQEs when it likes: not a fixed stream */
	if (kind_flags & IORING_SETUP_SQPOLL)
		return;
	if (setup(4, 8))
		return;
	for (i = 0; i < 5; i++) {
		queue_nops(4, 100 + 4 * i);
		o_errno_mark();
		ret = io_uring_submit(&ring);
		SAY("submit #%u %d errno=%s", i, ret, o_errno());
	}
	SAY("cq_ready %u has_overflow %d", io_uring_cq_ready(&ring),
	    io_uring_cq_has_overflow(&ring));
	o_errno_mark();
	ret = io_uring_get_events(&ring);
	SAY("get_events %d errno=%s cq_ready %u has_overflow %d", ret,
	    o_errno(), io_uring_cq_ready(&ring),
	    io_uring_cq_has_overflow(&ring));
	drain("overflowed");
	SAY("after drain cq_ready %u has_overflow %d",
	    io_uring_cq_ready(&ring), io_uring_cq_has_overflow(&ring));
	io_uring_queue_exit(&ring);
}

static const struct {
	const char *name;
	unsigned flags;
} kinds[] = {
	{ "default", 0 },
	{ "iopoll", IORING_SETUP_IOPOLL },
	{ "sqpoll", IORING_SETUP_SQPOLL },
	{ "coop", IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG },
	{ "defer", IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN },
	{ "cqe32", IORING_SETUP_CQE32 },
	{ "sqe128", IORING_SETUP_SQE128 },
};

static void print_params(const char *what, int ret,
			 const struct io_uring_params *p)
{
	printf("init_params %s: ret %d errno=%s sq_entries %u cq_entries %u "
	       "flags 0x%x cpu %u idle %u features 0x%x wq_fd %u "
	       "resv %u.%u.%u\n", what, ret, o_errno(), p->sq_entries,
	       p->cq_entries, p->flags, p->sq_thread_cpu, p->sq_thread_idle,
	       p->features, p->wq_fd, p->resv[0], p->resv[1], p->resv[2]);
	printf("init_params %s: sq_off %u %u %u %u %u %u %u\n", what,
	       p->sq_off.head, p->sq_off.tail, p->sq_off.ring_mask,
	       p->sq_off.ring_entries, p->sq_off.flags, p->sq_off.dropped,
	       p->sq_off.resv1);
	printf("init_params %s: sq_off.array %u\n", what, p->sq_off.array);
	printf("init_params %s: cq_off %u %u %u %u %u %u %u %u\n", what,
	       p->cq_off.head, p->cq_off.tail, p->cq_off.ring_mask,
	       p->cq_off.ring_entries, p->cq_off.overflow, p->cq_off.cqes,
	       p->cq_off.flags, p->cq_off.resv1);
}

static void print_ring(const char *what, int ret)
{
	if (ret) {
		printf("init_params %s: failed ring: ring_fd %d flags 0x%x\n",
		       what, ring.ring_fd, ring.flags);
		return;
	}
	printf("init_params %s: ring->flags 0x%x\n", what, ring.flags);
	printf("init_params %s: ring features 0x%x enter_fd_ok %d "
	       "sq %u/%u cq %u/%u sqe_head %u sqe_tail %u khead %u ktail %u\n",
	       what, ring.features, ring.enter_ring_fd == ring.ring_fd,
	       ring.sq.ring_entries, ring.sq.ring_mask, ring.cq.ring_entries,
	       ring.cq.ring_mask, ring.sq.sqe_head, ring.sq.sqe_tail,
	       *ring.cq.khead, *ring.cq.ktail);
	io_uring_queue_exit(&ring);
}

/* io_uring_queue_init_params(): p and the ring after each outcome */
static void init_params(void)
{
	static const struct {
		const char *what;
		unsigned entries, flags, cq_entries;
	} c[] = {
		{ "plain8", 8, 0, 0 },
		{ "entries0", 0, 0, 0 },
		{ "entries3", 3, 0, 0 },
		{ "huge", 1u << 20, 0, 0 },
		{ "huge-clamp", 1u << 20, IORING_SETUP_CLAMP, 0 },
		{ "allflags", 8, 0xffffffffu, 0 },
		{ "unknownflag", 8, 1u << 31, 0 },
		{ "cqsize0", 8, IORING_SETUP_CQSIZE, 0 },
		{ "cqsize64", 8, IORING_SETUP_CQSIZE, 64 },
		{ "cqsize-small", 8, IORING_SETUP_CQSIZE, 4 },
		{ "cqsize-huge-clamp", 8, IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP,
		  1u << 30 },
		{ "sqpoll", 8, IORING_SETUP_SQPOLL, 0 },
		{ "iopoll", 8, IORING_SETUP_IOPOLL, 0 },
		{ "big-entries", 8, IORING_SETUP_SQE128 | IORING_SETUP_CQE32, 0 },
		{ "disabled", 8, IORING_SETUP_R_DISABLED, 0 },
		{ "defer-alone", 8, IORING_SETUP_DEFER_TASKRUN, 0 },
		{ "attach-bad", 8, IORING_SETUP_ATTACH_WQ, 0 },
	};
	unsigned i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct io_uring_params p;
		int ret;

		memset(&p, 0, sizeof(p));
		memset(&ring, 0xa5, sizeof(ring));
		p.flags = c[i].flags;
		p.cq_entries = c[i].cq_entries;
		if (c[i].flags & IORING_SETUP_ATTACH_WQ)
			p.wq_fd = 12345;
		o_errno_mark();
		ret = io_uring_queue_init_params(c[i].entries, &ring, &p);
		print_params(c[i].what, ret, &p);
		print_ring(c[i].what, ret);
	}
}

static void print_probe(const char *what, struct io_uring_probe *p)
{
	int op;

	if (!p) {
		printf("probe %s: NULL errno=%s\n", what, o_errno());
		return;
	}
	printf("probe %s: last_op %u ops_len %u errno=%s\n", what, p->last_op,
	       p->ops_len, o_errno());
	for (op = 0; op < p->ops_len; op++)
		printf("probe %s: op %d flags 0x%x resv %u supported %d\n", what,
		       p->ops[op].op, p->ops[op].flags, p->ops[op].resv,
		       io_uring_opcode_supported(p, op));
	printf("probe %s: supported(last_op+1) %d supported(255) %d\n", what,
	       io_uring_opcode_supported(p, p->last_op + 1),
	       io_uring_opcode_supported(p, 255));
}

static void probes(void)
{
	struct io_uring_probe *p;
	struct io_uring bad;

	o_errno_mark();
	p = io_uring_get_probe();
	print_probe("get_probe", p);
	io_uring_free_probe(p);

	if (io_uring_queue_init(8, &ring, 0))
		return;
	o_errno_mark();
	p = io_uring_get_probe_ring(&ring);
	print_probe("get_probe_ring", p);
	io_uring_free_probe(p);
	io_uring_queue_exit(&ring);

	memset(&bad, 0, sizeof(bad));
	bad.ring_fd = -1;
	bad.enter_ring_fd = -1;
	o_errno_mark();
	p = io_uring_get_probe_ring(&bad);
	print_probe("get_probe_ring(bad fd)", p);
	io_uring_free_probe(p);
}

static void run_kind(unsigned i)
{
	char name[64];

	kind = kinds[i].name;
	kind_flags = kinds[i].flags;
	snprintf(name, sizeof(name), "%s empty", kind);
	o_scenario(name, empty);
	snprintf(name, sizeof(name), "%s partly_full", kind);
	o_scenario(name, partly_full);
	snprintf(name, sizeof(name), "%s overflowed", kind);
	o_scenario(name, overflowed);
}

int main(void)
{
	unsigned i;

	o_check_library();
	/* a scenario killed by its alarm keeps what it printed */
	setvbuf(stdout, NULL, _IOLBF, 0);
	o_scenario("init_params", init_params);
	o_scenario("probes", probes);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		run_kind(i);
	return 0;
}
