/* SPDX-License-Identifier: MIT */
/*
 * Submitting and waiting: publish the SQ tail, decide whether the kernel
 * must be entered at all, and wait for completions with or without a
 * timeout.  The kernel is entered only when it has to be:
 *  - to submit, unless an awake SQPOLL thread will pick the SQEs up;
 *  - to wait, when fewer CQEs are ready than asked for;
 *  - to flush, when the kernel holds completions back (CQ overflow, or
 *    task work flagged through IORING_SQ_TASKRUN), so none is ever lost;
 *  - to reap, on IOPOLL rings, where completions are found by polling.
 */
#include "int.h"
#include "syscall.h"

/*
 * Makes the SQEs handed out since the last call visible to the kernel and
 * returns how many are waiting in the SQ.  Release on the tail orders the
 * SQE contents before it; acquire on the head tells us what the kernel
 * (or its SQPOLL thread) has consumed.
 */
static inline __attribute__((always_inline)) unsigned
flush_sq(struct io_uring *ring)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail;

	/*
	 * SQ_REWIND (Linux 7.0) ignores head and tail: the kernel takes
	 * to_submit SQEs from slot 0 each time, so we start over at 0.
	 */
	if (uring_unlikely(ring->flags & IORING_SETUP_SQ_REWIND)) {
		sq->sqe_tail = sq->sqe_head = 0;
		return tail;
	}
	if (sq->sqe_head != tail) {
		sq->sqe_head = tail;
		io_uring_smp_store_release(sq->ktail, tail);
	}
	return tail - io_uring_load_sq_head(ring);
}

/*
 * Whether submitting needs a syscall, adding IORING_ENTER_SQ_WAKEUP to
 * *flags when an idle SQPOLL thread must be woken.
 */
static bool sq_needs_enter(struct io_uring *ring, unsigned submit,
			   unsigned *flags)
{
	if (!submit)
		return false;
	if (!(ring->flags & IORING_SETUP_SQPOLL))
		return true;

	/*
	 * The SQPOLL thread sets NEED_WAKEUP, then looks at the SQ tail one
	 * last time before sleeping.  We stored the tail and now read the
	 * flag.  A full barrier between the two makes sure at least one side
	 * sees the other's store, so SQEs are never left unnoticed.
	 */
	io_uring_smp_mb();
	if (uring_unlikely(IO_URING_READ_ONCE(*ring->sq.kflags) &
			   IORING_SQ_NEED_WAKEUP)) {
		*flags |= IORING_ENTER_SQ_WAKEUP;
		return true;
	}
	return false;
}

/* Completions the kernel holds back until someone enters it. */
static bool cq_needs_flush(const struct io_uring *ring)
{
	return IO_URING_READ_ONCE(*ring->sq.kflags) &
	       (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN);
}

static bool cq_needs_enter(const struct io_uring *ring)
{
	return (ring->flags & IORING_SETUP_IOPOLL) || cq_needs_flush(ring);
}

/* Inlined: with flush_sq(), this is the whole submit path under SQPOLL. */
static inline __attribute__((always_inline)) int
submit(struct io_uring *ring, unsigned to_submit, unsigned wait_nr,
       bool getevents)
{
	unsigned flags = uring_base_enter(ring);
	bool reap = getevents || wait_nr || cq_needs_enter(ring);

	if (!sq_needs_enter(ring, to_submit, &flags) && !reap)
		return (int) to_submit;
	if (reap)
		flags |= IORING_ENTER_GETEVENTS;
	return __uring_enter(ring->enter_ring_fd, to_submit, wait_nr, flags,
			     NULL, _NSIG / 8);
}

/* Rings with an SQPOLL thread, IOPOLL or SQ_REWIND: the general path. */
static __attribute__((noinline)) int submit_special(struct io_uring *ring,
						   unsigned wait_nr,
						   bool getevents)
{
	return submit(ring, flush_sq(ring), wait_nr, getevents);
}

/*
 * submit() for the common ring: no SQPOLL thread to consult, no IOPOLL,
 * no SQ_REWIND.  Any SQE queued means entering the kernel, so the only
 * question left is whether to reap too.  The SQ tail is published
 * unconditionally: when it has not moved, the store writes what is
 * there already, and that is cheaper than comparing first.
 */
static inline __attribute__((always_inline)) int
submit_common(struct io_uring *ring, unsigned wait_nr, bool getevents)
{
	struct io_uring_sq *sq = &ring->sq;
	unsigned tail = sq->sqe_tail, to_submit, flags;

	if (uring_unlikely(ring->flags & (IORING_SETUP_SQPOLL |
					  IORING_SETUP_IOPOLL |
					  IORING_SETUP_SQ_REWIND)))
		return submit_special(ring, wait_nr, getevents);

	sq->sqe_head = tail;
	io_uring_smp_store_release(sq->ktail, tail);
	to_submit = tail - io_uring_load_sq_head(ring);

	flags = uring_base_enter(ring);
	if (getevents || wait_nr || cq_needs_flush(ring))
		flags |= IORING_ENTER_GETEVENTS;
	else if (!to_submit)
		return 0;
	return __uring_enter(ring->enter_ring_fd, to_submit, wait_nr, flags,
			     NULL, _NSIG / 8);
}

int io_uring_submit(struct io_uring *ring)
{
	return submit_common(ring, 0, false);
}

int io_uring_submit_and_wait(struct io_uring *ring, unsigned wait_nr)
{
	return submit_common(ring, wait_nr, false);
}

int io_uring_submit_and_get_events(struct io_uring *ring)
{
	return submit_common(ring, 0, true);
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

int __io_uring_sqring_wait(struct io_uring *ring)
{
	return __uring_enter(ring->enter_ring_fd, 0, 0,
			     uring_base_enter(ring) | IORING_ENTER_SQ_WAIT,
			     NULL, _NSIG / 8);
}

/* One wait request: what to submit, how many CQEs, and the enter args. */
struct wait_req {
	unsigned submit;	/* still to submit; decremented as it goes */
	unsigned wait_nr;
	unsigned enter_flags;	/* IORING_ENTER_EXT_ARG and friends */
	bool has_ts;		/* the wait is bounded by a timeout */
	void *arg;		/* sigset, or the extended argument */
	size_t arg_sz;
};

/*
 * The one wait loop behind every wait and peek that may enter the kernel.
 * Returns 0 with *cqe_ptr set, or -errno with *cqe_ptr NULL; a wait with
 * nothing to wait for and nothing ready answers -EAGAIN.
 */
static int wait_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		    struct wait_req *w)
{
	struct io_uring_cqe *cqe = NULL;
	bool slept = false;
	int err = 0;

	for (;;) {
		unsigned flags = uring_base_enter(ring), avail;
		bool enter = false;
		int ret;

		err = __io_uring_peek_cqe(ring, &cqe, &avail);
		if (err)
			break;
		if (!cqe && !w->wait_nr && !w->submit) {
			if (!cq_needs_enter(ring)) {
				err = -EAGAIN;
				break;
			}
			enter = true;
		}
		if (w->wait_nr > avail || enter) {
			flags |= IORING_ENTER_GETEVENTS | w->enter_flags;
			enter = true;
		}
		if (sq_needs_enter(ring, w->submit, &flags))
			enter = true;
		if (!enter) {
			if (!cqe && !w->wait_nr)
				err = -EAGAIN;
			break;
		}
		/* A bounded wait sleeps once; no CQE after it means time out. */
		if (slept && w->has_ts) {
			if (!cqe)
				err = -ETIME;
			break;
		}

		ret = __uring_enter(ring->enter_ring_fd, w->submit,
				    w->wait_nr, flags, w->arg, w->arg_sz);
		if (ret < 0) {
			err = ret;
			break;
		}
		w->submit -= (unsigned) ret;
		if (flags & IORING_ENTER_GETEVENTS)
			slept = true;
		if (cqe)
			break;
	}

	*cqe_ptr = err ? NULL : cqe;
	return err;
}

/*
 * wait_cqe() for the most common wait, io_uring_wait_cqe() and its _nr
 * form finding too few CQEs: nothing to submit, no timeout.  Look, and
 * sleep in the kernel until wait_nr CQEs are there if fewer are (entering
 * with GETEVENTS also flushes overflow and runs task work).  Same result
 * as the general loop, with its bookkeeping left out.
 */
static int wait_plain(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		      unsigned wait_nr, sigset_t *sigmask)
{
	struct io_uring_cqe *cqe;
	unsigned avail;
	int err;

	for (;;) {
		err = __io_uring_peek_cqe(ring, &cqe, &avail);
		if (err || wait_nr <= avail)
			break;
		err = __uring_enter(ring->enter_ring_fd, 0, wait_nr,
				    uring_base_enter(ring) |
				    IORING_ENTER_GETEVENTS,
				    sigmask, _NSIG / 8);
		if (err < 0)
			break;
		err = 0;
		if (cqe)
			break;
	}
	*cqe_ptr = err ? NULL : cqe;
	return err;
}

int __io_uring_get_cqe(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned submit, unsigned wait_nr, sigset_t *sigmask)
{
	if (!submit && wait_nr) {
		return wait_plain(ring, cqe_ptr, wait_nr, sigmask);
	} else {
		struct wait_req w = {
			.submit = submit,
			.wait_nr = wait_nr,
			.arg = sigmask,
			.arg_sz = _NSIG / 8,
		};

		return wait_cqe(ring, cqe_ptr, &w);
	}
}

/*
 * A wait through IORING_ENTER_EXT_ARG (Linux 5.11): the timeout and the
 * signal mask travel in struct io_uring_getevents_arg; min_wait_usec
 * (Linux 6.12) lets the kernel return early with fewer CQEs.  Reports
 * what was submitted through *submitted.
 */
static int wait_ext_arg(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
			unsigned to_submit, unsigned wait_nr,
			struct __kernel_timespec *ts, unsigned min_wait_usec,
			sigset_t *sigmask, unsigned *submitted)
{
	struct io_uring_getevents_arg arg = {
		.sigmask = (uintptr_t) sigmask,
		.sigmask_sz = _NSIG / 8,
		.min_wait_usec = min_wait_usec,
		.ts = (uintptr_t) ts,
	};
	struct wait_req w = {
		.submit = to_submit,
		.wait_nr = wait_nr,
		.enter_flags = IORING_ENTER_EXT_ARG,
		.has_ts = ts != NULL,
		.arg = &arg,
		.arg_sz = sizeof(arg),
	};
	int ret = wait_cqe(ring, cqe_ptr, &w);

	if (submitted)
		*submitted = to_submit - w.submit;
	return ret;
}

/*
 * Kernels before 5.11 take no timeout on io_uring_enter(); a timeout SQE
 * stands in for it.  Its CQE carries LIBURING_UDATA_TIMEOUT and is retired
 * by __io_uring_peek_cqe(), never shown to the application.  Returns the
 * number of SQEs now waiting to be submitted.
 */
static int queue_timeout(struct io_uring *ring, unsigned wait_nr,
			 struct __kernel_timespec *ts)
{
	struct io_uring_sqe *sqe = _io_uring_get_sqe(ring);

	if (!sqe) {
		int ret = io_uring_submit(ring);

		if (ret < 0)
			return ret;
		sqe = _io_uring_get_sqe(ring);
		if (!sqe)
			return -EAGAIN;
	}
	io_uring_prep_timeout(sqe, ts, wait_nr, 0);
	sqe->user_data = LIBURING_UDATA_TIMEOUT;
	return (int) flush_sq(ring);
}

int io_uring_wait_cqes(struct io_uring *ring, struct io_uring_cqe **cqe_ptr,
		       unsigned wait_nr, struct __kernel_timespec *ts,
		       sigset_t *sigmask)
{
	int to_submit = 0;

	if (ts) {
		if (ring->features & IORING_FEAT_EXT_ARG)
			return wait_ext_arg(ring, cqe_ptr, 0, wait_nr, ts, 0,
					    sigmask, NULL);
		to_submit = queue_timeout(ring, wait_nr, ts);
		if (to_submit < 0)
			return to_submit;
	}
	return __io_uring_get_cqe(ring, cqe_ptr, (unsigned) to_submit,
				  wait_nr, sigmask);
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
	if (!(ring->features & IORING_FEAT_MIN_TIMEOUT))
		return -EINVAL;
	return wait_ext_arg(ring, cqe_ptr, 0, wait_nr, ts, min_ts_usec,
			    sigmask, NULL);
}

/*
 * Returns the number of the caller's SQEs submitted (the hidden timeout
 * SQE of old kernels is not counted), or -errno (-ETIME on timeout).
 */
int io_uring_submit_and_wait_timeout(struct io_uring *ring,
				     struct io_uring_cqe **cqe_ptr,
				     unsigned wait_nr,
				     struct __kernel_timespec *ts,
				     sigset_t *sigmask)
{
	struct wait_req w = {
		.wait_nr = wait_nr,
		.arg = sigmask,
		.arg_sz = _NSIG / 8,
	};
	unsigned submitted;
	int to_submit, ret;

	if (ts && (ring->features & IORING_FEAT_EXT_ARG)) {
		ret = wait_ext_arg(ring, cqe_ptr, flush_sq(ring), wait_nr, ts,
				   0, sigmask, &submitted);
		return ret < 0 ? ret : (int) submitted;
	}
	if (ts)
		to_submit = queue_timeout(ring, wait_nr, ts);
	else
		to_submit = (int) flush_sq(ring);
	if (to_submit < 0)
		return to_submit;

	w.submit = (unsigned) to_submit;
	ret = wait_cqe(ring, cqe_ptr, &w);
	if (ret < 0)
		return ret;
	submitted = (unsigned) to_submit - w.submit;
	if (ts && submitted)
		submitted--;
	return (int) submitted;
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
	ret = wait_ext_arg(ring, cqe_ptr, flush_sq(ring), wait_nr, ts,
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
	struct wait_req w = {
		.submit = flush_sq(ring),
		.wait_nr = wait_nr,
		.enter_flags = IORING_ENTER_EXT_ARG | IORING_ENTER_EXT_ARG_REG,
		.has_ts = true,
		.arg = (void *) (uintptr_t) ((size_t) reg_index *
					     sizeof(struct io_uring_reg_wait)),
		.arg_sz = sizeof(struct io_uring_reg_wait),
	};
	unsigned to_submit = w.submit;
	int ret;

	if (reg_index < 0)
		return -EINVAL;
	ret = wait_cqe(ring, cqe_ptr, &w);
	return ret < 0 ? ret : (int) (to_submit - w.submit);
}

/* Stores pointers to the n CQE slots from p on; the run must not wrap. */
static inline void fill_run(struct io_uring_cqe **cqes,
			    struct io_uring_cqe *p, unsigned n)
{
	unsigned pairs;

	/* two at a time: the loop's own cost is then paid once per pair */
	for (pairs = n >> 1; pairs; pairs--, cqes += 2, p += 2) {
		cqes[0] = p;
		cqes[1] = p + 1;
	}
	if (n & 1)
		*cqes = p;
}

/*
 * Fills cqes with the first count of the ready CQEs, known to be there.
 * With 16-byte CQEs the slots are walked with a pointer, in at most two
 * runs (before and after the ring wraps), rather than masking and
 * scaling each index.  CQE32 rings scale by 32.  CQE_MIXED rings are
 * walked slot by slot like the others; the caller tells the sizes apart
 * through IORING_CQE_F_32, as with io_uring_for_each_cqe.
 */
static inline void fill_batch(const struct io_uring *ring,
			      struct io_uring_cqe **cqes, unsigned head,
			      unsigned count)
{
	struct io_uring_cqe *base = ring->cq.cqes;
	unsigned mask = ring->cq.ring_mask, first;

	if (uring_unlikely(ring->flags & IORING_SETUP_CQE32)) {
		unsigned i;

		for (i = 0; i < count; i++)
			cqes[i] = &base[((head + i) & mask) << 1];
		return;
	}
	head &= mask;
	if (count == 1) {	/* a CQE at a time is common enough */
		cqes[0] = base + head;
		return;
	}
	first = mask + 1 - head;	/* slots before the wrap */
	if (uring_likely(count <= first)) {
		fill_run(cqes, base + head, count);
	} else {
		fill_run(cqes, base + head, first);
		fill_run(cqes + first, base, count - first);
	}
}

/* Nothing ready: flush what the kernel holds back, once, and look again. */
static __attribute__((noinline)) unsigned
peek_batch_flush(struct io_uring *ring, struct io_uring_cqe **cqes,
		 unsigned count)
{
	unsigned head, ready;

	if (!count || !cq_needs_flush(ring))
		return 0;
	io_uring_get_events(ring);
	head = *ring->cq.khead;
	ready = io_uring_smp_load_acquire(ring->cq.ktail) - head;
	if (count > ready)
		count = ready;
	fill_batch(ring, cqes, head, count);
	return count;
}

/*
 * Fills cqes with up to count ready CQEs, in order, consuming none; the
 * caller retires them with io_uring_cq_advance().  Flushes held-back
 * completions once if none are ready.  The flush lives in a function of
 * its own so that this one needs no stack frame.
 */
unsigned io_uring_peek_batch_cqe(struct io_uring *ring,
				 struct io_uring_cqe **cqes, unsigned count)
{
	unsigned head = *ring->cq.khead;
	unsigned ready = io_uring_smp_load_acquire(ring->cq.ktail) - head;

	if (uring_unlikely(!ready))
		return peek_batch_flush(ring, cqes, count);
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
	if (enable_iowait)
		ring->int_flags &= ~RF_NO_IOWAIT;
	else
		ring->int_flags |= RF_NO_IOWAIT;
	return 0;
}
