/* SPDX-License-Identifier: MIT */
/*
 * The queue side of the library: publishing SQEs, entering the kernel,
 * and getting CQEs, with or without waiting.  The inline fast paths in
 * liburing/sq.h and liburing/cq.h come here when they cannot finish
 * without the kernel.
 */
#include "int.h"
#include "syscall.h"

/*
 * The submission rules below take the ring's setup flags as an argument
 * (setup), not from the ring: submit() calls them with 0 for the common
 * ring, so that one copy of the rules, with every SQPOLL, IOPOLL and
 * SQ_REWIND case known absent, is all the common ring runs.
 */
#define SETUP_SPECIAL	(IORING_SETUP_SQPOLL | IORING_SETUP_IOPOLL | \
			 IORING_SETUP_SQ_REWIND)

/*
 * Makes every SQE handed out so far visible to the kernel and returns how
 * many it has yet to consume.  The release store of the tail orders the
 * SQE contents before it.  Storing an unchanged tail is harmless and
 * cheaper than testing first.
 *
 * IORING_SETUP_SQ_REWIND rings (Linux 7.0) have no head and tail: the
 * kernel takes the SQEs from slot 0 on each enter, so the count is what
 * was queued and the next batch starts at slot 0 again.
 */
static inline __attribute__((always_inline)) unsigned
sq_publish_as(struct io_uring *ring, unsigned setup)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail;

	if (setup & IORING_SETUP_SQ_REWIND) {
		sq->sqe_head = 0;
		sq->sqe_tail = 0;
		return tail;
	}
	sq->sqe_head = tail;
	io_uring_smp_store_release(sq->ktail, tail);
	return tail - io_uring_load_sq_head(ring);
}

static inline unsigned sq_publish(struct io_uring *ring)
{
	return sq_publish_as(ring, ring->flags);
}

/*
 * Whether an SQPOLL thread has gone to sleep and must be woken to see new
 * SQEs.  The thread raises IORING_SQ_NEED_WAKEUP and then looks at the SQ
 * tail one last time; we have stored the tail and now look at the flag.
 * With a full barrier on each side between the store and the load, at
 * least one of the two sees the other's store: SQEs are never stranded.
 */
static inline bool sqpoll_sleeping(const struct io_uring *ring)
{
	io_uring_smp_mb();
	return IO_URING_READ_ONCE(*ring->sq.kflags) & IORING_SQ_NEED_WAKEUP;
}

/*
 * Whether CQEs may exist that only an io_uring_enter() with GETEVENTS
 * makes visible: IOPOLL rings find completions by polling inside the
 * kernel; an overflowed CQ (IORING_SQ_CQ_OVERFLOW) is flushed from the
 * kernel's backlog; pending task work (IORING_SQ_TASKRUN, with
 * IORING_SETUP_TASKRUN_FLAG) posts its CQEs when the task enters.
 */
static inline bool cq_hidden_as(const struct io_uring *ring, unsigned setup)
{
	return (setup & IORING_SETUP_IOPOLL) ||
	       (IO_URING_READ_ONCE(*ring->sq.kflags) &
		(IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN));
}

static inline bool cq_hidden(const struct io_uring *ring)
{
	return cq_hidden_as(ring, ring->flags);
}

/*
 * Whether the kernel must be entered for the pending SQEs themselves.
 * Without an SQPOLL thread it must, whenever there are any.  With one,
 * only to wake the thread when it sleeps, and then *flags gets
 * IORING_ENTER_SQ_WAKEUP.
 */
static inline bool sq_kick(const struct io_uring *ring, unsigned setup,
			   unsigned pending, unsigned *flags)
{
	bool asleep;

	if (!(setup & IORING_SETUP_SQPOLL))
		return pending != 0;
	asleep = pending && sqpoll_sleeping(ring);
	*flags |= asleep ? IORING_ENTER_SQ_WAKEUP : 0;
	return asleep;
}

/*
 * The submission path.  Returns the number of SQEs submitted (under
 * SQPOLL: handed to the thread), or -errno.  GETEVENTS goes along when
 * the caller waits or asks for events, and when completions are hidden
 * (cq_hidden), so a submit also reaps on IOPOLL rings and never leaves
 * an overflow or task work behind.
 */
static inline __attribute__((always_inline)) int
submit_as(struct io_uring *ring, unsigned setup, unsigned wait_nr,
	  bool getevents)
{
	unsigned pending = sq_publish_as(ring, setup);
	unsigned flags = uring_base_enter(ring);
	bool enter = sq_kick(ring, setup, pending, &flags);

	if (getevents || wait_nr || cq_hidden_as(ring, setup)) {
		flags |= IORING_ENTER_GETEVENTS;
		enter = true;
	}
	if (!enter)
		return (int) pending;
	return __uring_enter(ring->enter_ring_fd, pending, wait_nr, flags,
			     NULL, _NSIG / 8);
}

static __attribute__((noinline)) int
submit_special(struct io_uring *ring, unsigned wait_nr, bool getevents)
{
	return submit_as(ring, ring->flags, wait_nr, getevents);
}

static inline __attribute__((always_inline)) int
submit(struct io_uring *ring, unsigned wait_nr, bool getevents)
{
	if (uring_unlikely(ring->flags & SETUP_SPECIAL))
		return submit_special(ring, wait_nr, getevents);
	return submit_as(ring, 0, wait_nr, getevents);
}

int io_uring_submit(struct io_uring *ring)
{
	return submit(ring, 0, false);
}

int io_uring_submit_and_wait(struct io_uring *ring, unsigned wait_nr)
{
	return submit(ring, wait_nr, false);
}

int io_uring_submit_and_get_events(struct io_uring *ring)
{
	return submit(ring, 0, true);
}

int io_uring_get_events(struct io_uring *ring)
{
	return __uring_enter(ring->enter_ring_fd, 0, 0,
			     uring_base_enter(ring) | IORING_ENTER_GETEVENTS,
			     NULL, _NSIG / 8);
}

/* Exported for binaries built when this was not inline. */
struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring)
{
	return _io_uring_get_sqe(ring);
}

/* IORING_ENTER_SQ_WAIT (Linux 5.10): sleep until the SQ has room. */
int __io_uring_sqring_wait(struct io_uring *ring)
{
	return __uring_enter(ring->enter_ring_fd, 0, 0,
			     uring_base_enter(ring) | IORING_ENTER_SQ_WAIT,
			     NULL, _NSIG / 8);
}

/*
 * Getting a CQE: every peek and wait that the inline fast path could not
 * finish ends up in get_cqe().  A request (struct cqe_req) carries SQEs
 * still to submit, wait_nr (how many CQEs must be ready; 0 means the call
 * must not block), and what bounds a sleep (a sigmask, or an extended
 * argument with a timeout or a registered wait slot).  The rules:
 *
 *  1. Look first, without the kernel: __io_uring_peek_cqe() retires the
 *     CQEs an application never sees (io_uring_skip_cqe).  A CQE found
 *     ends the request when nothing is left to submit and either wait_nr
 *     CQEs are ready or the kernel has already been waited on once.
 *  2. Enter the kernel to submit what is left (under SQPOLL only when its
 *     thread sleeps: otherwise publishing was the submission), with
 *     GETEVENTS and min_complete = wait_nr when fewer than wait_nr CQEs
 *     are ready.
 *  3. A request that must not block and found nothing enters once with
 *     GETEVENTS if CQEs may be hidden (cq_hidden: IOPOLL, overflow, task
 *     work), looks again, and otherwise answers -EAGAIN.  It never enters
 *     twice for this: on an IOPOLL ring with nothing in flight the flag
 *     that says "poll me" is always up.
 *  4. A sleep bounded by a timeout happens once: finding nothing after
 *     it is -ETIME.  An unbounded wait sleeps again until a CQE comes.
 *  5. An error from io_uring_enter() ends the request with that error
 *     (-EINTR, -ETIME from the kernel's own timeout, ...), and so does
 *     the -ETIME of the timeout SQE that bounds a wait on kernels before
 *     5.11; such a CQE left over from an earlier wait is only retired.
 *
 * *cqe_ptr is the CQE found on success, NULL on any error.
 */
struct cqe_req {
	unsigned submit;	/* SQEs still to submit */
	unsigned submitted;	/* SQEs io_uring_enter() took */
	unsigned wait_nr;
	unsigned ext_flags;	/* IORING_ENTER_EXT_ARG[_REG], or 0 */
	bool bounded;		/* a timeout limits the sleep */
	bool own_timeout;	/* a timeout SQE of ours bounds it */
	void *arg;		/* sigset, or the extended argument */
	size_t arg_sz;
};

static int get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		   struct cqe_req *rq)
{
	bool waited = false;
	struct io_uring_cqe *cqe;
	int ret;

	for (;;) {
		/*
		 * EXT_ARG goes on every enter that passes the extended
		 * argument, so the kernel never reads it as a sigset.
		 */
		unsigned ready, flags = uring_base_enter(ring) | rq->ext_flags;
		bool enter;

		ret = __io_uring_peek_cqe(ring, &cqe, &ready);
		if (ret && !rq->own_timeout)
			continue;	/* an earlier wait's timeout: retired */
		if (ret)
			break;
		if (!rq->submit && cqe && (waited || ready >= rq->wait_nr))
			break;					/* rule 1 */
		if (!rq->submit && waited && (rq->bounded || !rq->wait_nr)) {
			ret = rq->wait_nr ? -ETIME : -EAGAIN;	/* 3, 4 */
			break;
		}
		enter = sq_kick(ring, ring->flags, rq->submit, &flags);
		if (rq->wait_nr > ready || (!rq->wait_nr && !cqe &&
					    cq_hidden(ring))) {
			flags |= IORING_ENTER_GETEVENTS;
			enter = true;
		}
		if (!enter) {
			/* SQPOLL took the SQEs; nothing else to do */
			rq->submitted += rq->submit;
			rq->submit = 0;
			if (cqe)
				break;
			ret = -EAGAIN;				/* rule 3 */
			break;
		}
		ret = __uring_enter(ring->enter_ring_fd, rq->submit,
				    rq->wait_nr, flags, rq->arg, rq->arg_sz);
		if (ret < 0)
			break;					/* rule 5 */
		/*
		 * One enter submits what it can; SQEs the kernel did not take
		 * stay queued for the next submit, as with io_uring_submit().
		 */
		rq->submitted += rq->submit ? (unsigned) ret : 0;
		rq->submit = 0;
		if (flags & IORING_ENTER_GETEVENTS)
			waited = true;
	}

	*cqe_ptr = ret ? NULL : cqe;
	return ret;
}

int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned submit, unsigned wait_nr, sigset_t *sigmask)
{
	struct cqe_req rq = {
		.submit = submit,
		.wait_nr = wait_nr,
		.arg = sigmask,
		.arg_sz = _NSIG / 8,
	};

	return get_cqe(ring, cqe_ptr, &rq);
}

/*
 * A wait through IORING_ENTER_EXT_ARG (Linux 5.11): the timeout and the
 * signal mask travel in struct io_uring_getevents_arg; min_wait_usec
 * (Linux 6.12) lets the kernel return early with fewer CQEs.  Returns
 * what get_cqe() does; *submitted is what the enter took.
 */
static int wait_ext_arg(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
			unsigned to_submit, unsigned wait_nr,
			struct __kernel_timespec *ts, unsigned min_wait_usec,
			sigset_t *sigmask, unsigned *submitted)
{
	struct io_uring_getevents_arg arg = {
		.sigmask = uring_ptr_to_u64(sigmask),
		.sigmask_sz = _NSIG / 8,
		.min_wait_usec = min_wait_usec,
		.ts = uring_ptr_to_u64(ts),
	};
	struct cqe_req rq = {
		.submit = to_submit,
		.wait_nr = wait_nr,
		.ext_flags = IORING_ENTER_EXT_ARG,
		.bounded = ts != NULL,
		.arg = &arg,
		.arg_sz = sizeof(arg),
	};
	int ret = get_cqe(ring, cqe_ptr, &rq);

	*submitted = rq.submitted;
	return ret;
}

/*
 * Kernels before 5.11 take no timeout on io_uring_enter().  A timeout SQE
 * stands in: it completes after ts, or once wait_nr other CQEs are
 * posted, with LIBURING_UDATA_TIMEOUT as its user_data.  Its CQE is
 * retired by io_uring_skip_cqe() and its -ETIME becomes the wait's
 * result.  Returns how many SQEs are now published and unsubmitted.
 */
static int add_timeout_sqe(struct io_uring *ring, unsigned wait_nr,
			   struct __kernel_timespec *ts)
{
	struct io_uring_sqe *sqe;

	/* a full SQ goes to the kernel first, to make room */
	if (!io_uring_sq_space_left(ring)) {
		int ret = io_uring_submit(ring);

		if (ret < 0)
			return ret;
	}
	sqe = _io_uring_get_sqe(ring);
	if (!sqe)
		return -EAGAIN;
	io_uring_prep_timeout(sqe, ts, wait_nr, 0);
	sqe->user_data = LIBURING_UDATA_TIMEOUT;
	return (int) sq_publish(ring);
}

/*
 * The timed waits.  With EXT_ARG the kernel bounds the sleep itself;
 * without it a timeout SQE is submitted with the caller's SQEs.  Returns
 * get_cqe()'s result and, through *submitted, how many of the caller's
 * SQEs were submitted (the timeout SQE is not the caller's).
 */
static int timed_wait(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		      unsigned to_submit, unsigned wait_nr,
		      struct __kernel_timespec *ts, sigset_t *sigmask,
		      unsigned *submitted)
{
	struct cqe_req rq = {
		.wait_nr = wait_nr,
		.arg = sigmask,
		.arg_sz = _NSIG / 8,
	};
	int pending, ret;

	if (!ts || (ring->features & IORING_FEAT_EXT_ARG))
		return wait_ext_arg(ring, cqe_ptr, to_submit, wait_nr, ts, 0,
				    sigmask, submitted);
	pending = add_timeout_sqe(ring, wait_nr, ts);
	if (pending < 0)
		return pending;
	rq.submit = (unsigned) pending;
	rq.own_timeout = true;
	ret = get_cqe(ring, cqe_ptr, &rq);
	*submitted = rq.submitted ? rq.submitted - 1 : 0;
	return ret;
}

int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned wait_nr, struct __kernel_timespec *ts,
		       sigset_t *sigmask)
{
	unsigned submitted;

	if (!ts)
		return __io_uring_get_cqe(ring, cqe_ptr, 0, wait_nr, sigmask);
	return timed_wait(ring, cqe_ptr, 0, wait_nr, ts, sigmask, &submitted);
}

int io_uring_wait_cqe_timeout(struct io_uring *ring,
			      struct io_uring_cqe **cqe_ptr,
			      struct __kernel_timespec *ts)
{
	return io_uring_wait_cqes(ring, cqe_ptr, 1, ts, NULL);
}

int io_uring_wait_cqes_min_timeout(struct io_uring *ring,
				   struct io_uring_cqe **cqe_ptr,
				   unsigned wait_nr,
				   struct __kernel_timespec *ts,
				   unsigned min_ts_usec, sigset_t *sigmask)
{
	unsigned submitted;

	if (!(ring->features & IORING_FEAT_MIN_TIMEOUT))
		return -EINVAL;
	return wait_ext_arg(ring, cqe_ptr, 0, wait_nr, ts, min_ts_usec,
			    sigmask, &submitted);
}

/* Returns the number of the caller's SQEs submitted, or -errno. */
int io_uring_submit_and_wait_timeout(struct io_uring *ring,
				     struct io_uring_cqe **cqe_ptr,
				     unsigned wait_nr,
				     struct __kernel_timespec *ts,
				     sigset_t *sigmask)
{
	unsigned submitted;
	int ret;

	if (ts && !(ring->features & IORING_FEAT_EXT_ARG))
		ret = timed_wait(ring, cqe_ptr, 0, wait_nr, ts, sigmask,
				 &submitted);
	else
		ret = timed_wait(ring, cqe_ptr, sq_publish(ring), wait_nr, ts,
				 sigmask, &submitted);
	return ret < 0 ? ret : (int) submitted;
}

int io_uring_submit_and_wait_min_timeout(struct io_uring *ring,
					 struct io_uring_cqe **cqe_ptr,
					 unsigned wait_nr,
					 struct __kernel_timespec *ts,
					 unsigned min_wait, sigset_t *sigmask)
{
	unsigned submitted;
	int ret;

	if (!(ring->features & IORING_FEAT_MIN_TIMEOUT))
		return -EINVAL;
	ret = wait_ext_arg(ring, cqe_ptr, sq_publish(ring), wait_nr, ts,
			   min_wait, sigmask, &submitted);
	return ret < 0 ? ret : (int) submitted;
}

/*
 * Waits with the arguments stored in slot reg_index of the wait region
 * registered by io_uring_register_wait_reg() (Linux 6.13): the kernel
 * takes an offset into that region instead of a pointer.
 */
int io_uring_submit_and_wait_reg(struct io_uring *ring,
				 struct io_uring_cqe **cqe_ptr,
				 unsigned wait_nr, int reg_index)
{
	struct cqe_req rq = {
		.wait_nr = wait_nr,
		.ext_flags = IORING_ENTER_EXT_ARG | IORING_ENTER_EXT_ARG_REG,
		.bounded = true,
		.arg = (void *) (uintptr_t) ((size_t) reg_index *
					     sizeof(struct io_uring_reg_wait)),
		.arg_sz = sizeof(struct io_uring_reg_wait),
	};
	int ret;

	if (reg_index < 0)
		return -EINVAL;
	rq.submit = sq_publish(ring);
	ret = get_cqe(ring, cqe_ptr, &rq);
	return ret < 0 ? ret : (int) rq.submitted;
}

/*
 * Stores pointers to the n consecutive CQE slots from p on.  Two per
 * round halve the loop's own work, which at large batches is most of
 * what a batch peek costs.
 */
static inline void fill_run(struct io_uring_cqe **out,
			    struct io_uring_cqe *p, unsigned n)
{
	struct io_uring_cqe **end = out + (n & ~1U);

	while (out != end) {
		out[0] = p;
		out[1] = p + 1;
		out += 2;
		p += 2;
	}
	if (n & 1)
		*out = p;
}

/*
 * Fills cqes with pointers to the count CQEs from head on, known to be
 * ready, on a ring of fixed-size CQEs: at most two runs of consecutive
 * slots, split where the ring wraps.
 */
static inline void fill_batch(const struct io_uring *ring,
			      struct io_uring_cqe **cqes, unsigned head,
			      unsigned count)
{
	struct io_uring_cqe *base = ring->cq.cqes;
	unsigned mask = ring->cq.ring_mask, room;

	if (uring_unlikely(ring->flags & IORING_SETUP_CQE32)) {
		unsigned i;

		for (i = 0; i < count; i++)
			cqes[i] = &base[((head + i) & mask) << 1];
		return;
	}
	head &= mask;
	if (count == 1) {	/* reaping as each CQE comes: the usual batch */
		*cqes = base + head;
		return;
	}
	room = mask + 1 - head;
	if (uring_likely(count <= room)) {
		fill_run(cqes, base + head, count);
	} else {
		fill_run(cqes, base + head, room);
		fill_run(cqes + room, base, count - room);
	}
}

/*
 * CQE_MIXED rings (Linux 6.18): a 32-byte CQE (IORING_CQE_F_32) takes two
 * slots, and a filler (IORING_CQE_F_SKIP) pads the last slot where a big
 * CQE would wrap.  Only real CQEs are handed out; fillers at the head are
 * retired, and the batch ends before any later filler, which is then at
 * the head for the next call.  The caller retires each CQE with
 * io_uring_cqe_seen(), or advances by the sum of io_uring_cqe_nr().
 */
static unsigned peek_batch_mixed(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count)
{
	struct io_uring_cqe *cqe;
	unsigned n = 0, head, tail;
	int err = 0;

	do {
		head = *ring->cq.khead;
		tail = io_uring_smp_load_acquire(ring->cq.ktail);
		cqe = &ring->cq.cqes[head & ring->cq.ring_mask];
	} while (head != tail && io_uring_skip_cqe(ring, cqe, &err));

	while (n < count && head != tail) {
		cqe = &ring->cq.cqes[head & ring->cq.ring_mask];
		if (cqe->flags & IORING_CQE_F_SKIP)
			break;
		cqes[n++] = cqe;
		head += io_uring_cqe_nr(cqe);
	}
	return n;
}

static unsigned peek_batch_fixed(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count)
{
	unsigned head = *ring->cq.khead;
	unsigned ready = io_uring_smp_load_acquire(ring->cq.ktail) - head;

	if (count > ready)
		count = ready;
	fill_batch(ring, cqes, head, count);
	return count;
}

/*
 * The rest of io_uring_peek_batch_cqe(): nothing was ready, or the ring
 * is CQE_MIXED.  When nothing is ready but the kernel may hold CQEs back
 * (cq_hidden), it is entered once to bring them out.
 */
static __attribute__((noinline)) unsigned
peek_batch_slow(struct io_uring *ring, struct io_uring_cqe **cqes,
		unsigned count)
{
	bool mixed = ring->flags & IORING_SETUP_CQE_MIXED;
	unsigned n;

	n = mixed ? peek_batch_mixed(ring, cqes, count) :
		    peek_batch_fixed(ring, cqes, count);
	if (n || !count || !cq_hidden(ring))
		return n;
	io_uring_get_events(ring);
	return mixed ? peek_batch_mixed(ring, cqes, count) :
		       peek_batch_fixed(ring, cqes, count);
}

/*
 * Up to count ready CQEs, in order, consuming none; the caller retires
 * them with io_uring_cq_advance().  The common case (CQEs ready, fixed
 * size) is kept free of calls, so it needs no stack frame.
 */
unsigned io_uring_peek_batch_cqe(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count)
{
	unsigned head = *ring->cq.khead;
	unsigned ready = io_uring_smp_load_acquire(ring->cq.ktail) - head;

	if (uring_unlikely(!ready || (ring->flags & IORING_SETUP_CQE_MIXED)))
		return peek_batch_slow(ring, cqes, count);
	if (count > ready)
		count = ready;
	fill_batch(ring, cqes, head, count);
	return count;
}

/*
 * IORING_ENTER_NO_IOWAIT (Linux 6.15): a task sleeping in the kernel for
 * completions no longer counts as waiting for I/O.
 */
int io_uring_set_iowait(struct io_uring *ring, bool enable_iowait)
{
	if (!(ring->features & IORING_FEAT_NO_IOWAIT))
		return -EOPNOTSUPP;
	ring->int_flags = (__u8) ((ring->int_flags & ~RF_NO_IOWAIT) |
				  (enable_iowait ? 0 : RF_NO_IOWAIT));
	return 0;
}
