/* SPDX-License-Identifier: MIT */
/*
 * Multishot requests: one accept posts a CQE per connection, one poll
 * posts a CQE per event, and one recv draws a provided buffer from a
 * registered buffer ring per message; each CQE but the last carries
 * IORING_CQE_F_MORE.  (Linux 5.19 and 6.0 added these; skipped visibly on
 * kernels that refuse them.)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include "prog.h"

#define NBUF 8
#define BUFSZ 64
#define BGID 3

static void multishot_accept(struct io_uring *ring)
{
	struct sockaddr_in addr;
	socklen_t alen = sizeof(addr);
	struct io_uring_cqe c;
	int lfd, cfd[3], i;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(lfd >= 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
	CHECK(listen(lfd, 8) == 0);
	CHECK(getsockname(lfd, (struct sockaddr *)&addr, &alen) == 0);

	io_uring_prep_multishot_accept(prog_sqe(ring), lfd, NULL, NULL, 0);
	CHECK_EQ(io_uring_submit(ring), 1);
	for (i = 0; i < 3; i++) {
		cfd[i] = socket(AF_INET, SOCK_STREAM, 0);
		CHECK(connect(cfd[i], (struct sockaddr *)&addr,
			      sizeof(addr)) == 0);
		prog_reap(ring, &c);
		if (c.res == -EINVAL)
			SKIP("multishot accept unsupported");
		CHECK(c.res >= 0);
		CHECK(c.flags & IORING_CQE_F_MORE);
		close(c.res);
	}
	for (i = 0; i < 3; i++)
		close(cfd[i]);
	/*
	 * Cancelling ends the request with a last CQE without MORE; the
	 * cancel request's own CQE comes too.
	 */
	io_uring_prep_cancel64(prog_sqe(ring), 0, IORING_ASYNC_CANCEL_ANY);
	CHECK_EQ(io_uring_submit(ring), 1);
	for (i = 0; i < 2; i++) {
		prog_reap(ring, &c);
		CHECK(!(c.flags & IORING_CQE_F_MORE));
	}
	close(lfd);
}

static void multishot_poll(struct io_uring *ring)
{
	struct io_uring_cqe c;
	uint64_t v = 1;
	int efd = eventfd(0, EFD_NONBLOCK), i;

	CHECK(efd >= 0);
	io_uring_prep_poll_multishot(prog_sqe(ring), efd, POLLIN);
	CHECK_EQ(io_uring_submit(ring), 1);
	for (i = 0; i < 3; i++) {
		CHECK_EQ(write(efd, &v, sizeof(v)), sizeof(v));
		prog_reap(ring, &c);
		CHECK(c.res & POLLIN);
		CHECK(c.flags & IORING_CQE_F_MORE);
		CHECK_EQ(read(efd, &v, sizeof(v)), sizeof(v));
	}
	io_uring_prep_poll_remove(prog_sqe(ring), 0);
	CHECK_EQ(io_uring_submit(ring), 1);
	for (i = 0; i < 2; i++) {
		prog_reap(ring, &c);
		CHECK(!(c.flags & IORING_CQE_F_MORE));
	}
	close(efd);
}

static void multishot_recv(struct io_uring *ring)
{
	static char bufs[NBUF][BUFSZ];
	struct io_uring_buf_reg reg;
	struct io_uring_buf_ring *br;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe c;
	size_t ring_sz = NBUF * sizeof(struct io_uring_buf);
	int sv[2], i, ret, mask = io_uring_buf_ring_mask(NBUF);
	unsigned bid;

	br = mmap(NULL, ring_sz, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(br != MAP_FAILED);
	io_uring_buf_ring_init(br);
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (unsigned long)br;
	reg.ring_entries = NBUF;
	reg.bgid = BGID;
	ret = io_uring_register_buf_ring(ring, &reg, 0);
	if (ret == -EINVAL)
		SKIP("buffer rings unsupported");
	CHECK_EQ(ret, 0);
	for (i = 0; i < NBUF; i++)
		io_uring_buf_ring_add(br, bufs[i], BUFSZ, i, mask, i);
	io_uring_buf_ring_advance(br, NBUF);

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	sqe = prog_sqe(ring);
	io_uring_prep_recv_multishot(sqe, sv[0], NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	CHECK_EQ(io_uring_submit(ring), 1);
	for (i = 0; i < 3; i++) {
		char msg[16];

		snprintf(msg, sizeof(msg), "message %d", i);
		CHECK_EQ(send(sv[1], msg, strlen(msg), 0), strlen(msg));
		prog_reap(ring, &c);
		if (c.res == -EINVAL)
			SKIP("multishot recv unsupported");
		CHECK_EQ(c.res, strlen(msg));
		CHECK(c.flags & IORING_CQE_F_MORE);
		CHECK(c.flags & IORING_CQE_F_BUFFER);
		bid = c.flags >> IORING_CQE_BUFFER_SHIFT;
		CHECK(bid < NBUF);
		CHECK(memcmp(bufs[bid], msg, strlen(msg)) == 0);
	}
	/* end of stream ends the request */
	close(sv[1]);
	prog_reap(ring, &c);
	CHECK_EQ(c.res, 0);
	CHECK(!(c.flags & IORING_CQE_F_MORE));
	close(sv[0]);

	CHECK_EQ(io_uring_unregister_buf_ring(ring, BGID), 0);
	munmap(br, ring_sz);
}

int main(void)
{
	struct io_uring ring;

	prog_ring_init(&ring, 8);
	multishot_accept(&ring);
	multishot_poll(&ring);
	multishot_recv(&ring);
	io_uring_queue_exit(&ring);
	printf("multishot: ok\n");
	return 0;
}
