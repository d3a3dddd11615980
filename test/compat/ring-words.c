/* SPDX-License-Identifier: MIT */
/*
 * Built with our headers, run on any liburing.so.2 of 2.0 or later: the
 * inline code compiled in here reads and writes the library's words in
 * the ABI padding of struct io_uring (sq.pad: the cached SQ head;
 * cq.pad[0]: the plain-ring word that picks the fast peek).  A ring set up
 * by a library that leaves them zero must work all the same.  Uses only
 * functions that liburing 2.0 to 2.3 export.
 */
#include <liburing.h>
#include <stdio.h>
#include <string.h>

#define ROUNDS	2000

static int fail(const char *what, int ret)
{
	printf("FAIL: %s: %d (%s)\n", what, ret, strerror(ret < 0 ? -ret : ret));
	return 1;
}

int main(void)
{
	struct __kernel_timespec ts = { .tv_nsec = 5000000 };
	unsigned long long sent = 0, got = 0, seq = 1;
	struct io_uring_cqe *cqe, *batch[8];
	struct io_uring ring;
	unsigned round, i, n;
	int ret;

	ret = io_uring_queue_init(8, &ring, 0);
	if (ret)
		return fail("queue_init", ret);
	printf("cq.pad[0] after setup: %u\n", ring.cq.pad[0]);
	for (round = 0; round < ROUNDS; round++) {
		unsigned batch_sz = 1 + round % 8;

		for (i = 0; i < batch_sz; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			if (!sqe)
				return fail("get_sqe", -EBUSY);
			io_uring_prep_nop(sqe);
			sqe->user_data = seq;
			sent += seq++;
		}
		ret = io_uring_submit(&ring);
		if (ret != (int) batch_sz)
			return fail("submit", ret);
		switch (round % 3) {
		case 0:		/* peek and wait, one at a time */
			for (i = 0; i < batch_sz; i++) {
				ret = i % 2 ? io_uring_peek_cqe(&ring, &cqe) :
					      io_uring_wait_cqe(&ring, &cqe);
				if (ret)
					return fail("peek/wait", ret);
				got += cqe->user_data;
				io_uring_cqe_seen(&ring, cqe);
			}
			break;
		case 1:		/* a batch */
			n = io_uring_peek_batch_cqe(&ring, batch, 8);
			if (n != batch_sz)
				return fail("peek_batch count", (int) n);
			for (i = 0; i < n; i++)
				got += batch[i]->user_data;
			io_uring_cq_advance(&ring, n);
			break;
		default:	/* a timed wait for all */
			ret = io_uring_wait_cqes(&ring, &cqe, batch_sz, &ts,
						 NULL);
			if (ret)
				return fail("wait_cqes", ret);
			for (i = 0; i < batch_sz; i++) {
				ret = io_uring_peek_cqe(&ring, &cqe);
				if (ret)
					return fail("peek after wait", ret);
				got += cqe->user_data;
				io_uring_cqe_seen(&ring, cqe);
			}
		}
	}
	ret = io_uring_peek_cqe(&ring, &cqe);
	if (ret != -EAGAIN)
		return fail("peek on an empty ring", ret);
	ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
	if (ret != -ETIME)
		return fail("wait_cqe_timeout on an empty ring", ret);
	io_uring_queue_exit(&ring);
	if (sent != got)
		return fail("user_data sum", (int) (sent - got));
	printf("ok: %u rounds, %llu NOPs\n", ROUNDS, seq - 1);
	return 0;
}
