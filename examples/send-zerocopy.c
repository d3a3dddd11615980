/* SPDX-License-Identifier: MIT */
/*
 * send-zerocopy: TCP sends without copying, and the CQEs that go with it.
 *
 *   send-zerocopy [-m MIB] [-b BUFSIZE] [-c]
 *
 * Sends MIB mebibytes (default 64) over a TCP connection to itself on
 * 127.0.0.1 and checks every byte on the receiving side.  -c uses plain
 * copying sends instead, for comparison.
 *
 * A zero-copy send (IORING_OP_SEND_ZC, Linux 6.0) hands the network stack
 * our pages instead of a copy of them, so the buffer stays in use after
 * the send "completes".  Hence two CQEs per send:
 *
 *   1. the result (res = bytes sent), with IORING_CQE_F_MORE set to say
 *      that a second CQE will follow;
 *   2. the notification (IORING_CQE_F_NOTIF), once the kernel has let go
 *      of the pages.  Only now may the buffer be written again.
 *
 * With IORING_SEND_ZC_REPORT_USAGE (Linux 6.2) the notification's res
 * also says whether the kernel had to copy after all
 * (IORING_NOTIF_USAGE_ZC_COPIED).  On loopback it always does, as the
 * receiving socket needs its own copy; over a real NIC it need not.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

#define NBUF	8
enum { SEND = 0x100, RECV = 0x200 };	/* user_data: kind | buffer */

static unsigned char pattern(long long off)
{
	/* 251 is prime, so the pattern never lines up with buffer sizes */
	return (unsigned char) (off % 251);
}

/* A connected pair over loopback: fds[0] sends, fds[1] receives. */
static int tcp_pair(int fds[2])
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int lfd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (lfd < 0 || bind(lfd, (void *) &sa, len) < 0 ||
	    listen(lfd, 1) < 0 || getsockname(lfd, (void *) &sa, &len) < 0)
		return -1;
	fds[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (fds[0] < 0 || connect(fds[0], (void *) &sa, len) < 0)
		return -1;
	fds[1] = accept(lfd, NULL, NULL);
	close(lfd);
	return fds[1] < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	long long total = 64LL << 20, sent = 0, received = 0, t0, ns;
	unsigned char *bufs[NBUF], *rbuf;
	int busy[NBUF] = { 0 }, nbusy = 0, sending = 0, recv_armed = 0;
	long bs = 64 * 1024, sends = 0, notifs = 0, copied = 0;
	struct io_uring ring;
	struct timespec ts;
	int fds[2], opt, ret, i, copy = 0;

	usage_text = "usage: %s [-m MIB] [-b BUFSIZE] [-c]\n";
	help_check(argc, argv);
	while ((opt = getopt(argc, argv, "m:b:c")) != -1) {
		if (opt == 'm')
			total = num_arg(argv[0], 'm', optarg, 1, 1 << 20)
				<< 20;
		else if (opt == 'b')
			bs = num_arg(argv[0], 'b', optarg, 1, 64 << 20);
		else if (opt == 'c')
			copy = 1;
		else
			usage_exit(argv[0], EXIT_USAGE);
	}
	if (optind < argc)
		bad_args(argv[0], "unexpected argument");
	for (i = 0; i < NBUF; i++)
		if (!(bufs[i] = malloc((size_t) bs)))
			return 1;
	rbuf = malloc((size_t) bs);
	ret = io_uring_queue_init(16, &ring, 0);
	if (!rbuf || ret < 0 || tcp_pair(fds) < 0) {
		fprintf(stderr, "setup failed\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = ts.tv_sec * 1000000000LL + ts.tv_nsec;

	/*
	 * One send in flight at a time, as two sends on one socket could
	 * complete out of order; but up to NBUF buffers still held by the
	 * kernel, waiting for their notifications.  One recv in flight.
	 */
	while (received < total || nbusy) {
		struct io_uring_sqe *sqe;
		struct io_uring_cqe *cqe;
		unsigned kind, b;

		for (b = 0; !sending && sent < total && b < NBUF; b++) {
			long long n = total - sent < bs ? total - sent : bs;

			if (busy[b])
				continue;
			for (i = 0; i < n; i++)
				bufs[b][i] = pattern(sent + i);
			sqe = io_uring_get_sqe(&ring);
			if (copy)
				io_uring_prep_send(sqe, fds[0], bufs[b],
						   (size_t) n, MSG_WAITALL);
			else
				io_uring_prep_send_zc(sqe, fds[0], bufs[b],
					(size_t) n, MSG_WAITALL,
					IORING_SEND_ZC_REPORT_USAGE);
			io_uring_sqe_set_data64(sqe, SEND | b);
			busy[b] = 1;
			nbusy++;
			sending = 1;
		}
		if (!recv_armed && received < total) {
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_recv(sqe, fds[1], rbuf, (size_t) bs, 0);
			io_uring_sqe_set_data64(sqe, RECV);
			recv_armed = 1;
		}

		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0 || (ret = io_uring_peek_cqe(&ring, &cqe)) < 0) {
			fprintf(stderr, "wait: %s\n", strerror(-ret));
			return 1;
		}
		kind = (unsigned) cqe->user_data & ~0xffU;
		b = (unsigned) cqe->user_data & 0xff;
		if (kind == RECV) {
			if (cqe->res <= 0) {
				fprintf(stderr, "recv: %s\n", cqe->res ?
					strerror(-cqe->res) : "early EOF");
				return 1;
			}
			for (i = 0; i < cqe->res; i++)
				if (rbuf[i] != pattern(received + i)) {
					fprintf(stderr, "byte %lld differs\n",
						received + i);
					return 1;
				}
			received += cqe->res;
			recv_armed = 0;
		} else if (cqe->flags & IORING_CQE_F_NOTIF) {
			/* The second CQE: the kernel is done with bufs[b]. */
			notifs++;
			if (cqe->res & IORING_NOTIF_USAGE_ZC_COPIED)
				copied++;
			busy[b] = 0;
			nbusy--;
		} else {
			/* The result; the data is on its way (or failed). */
			if (cqe->res < 0) {
				fprintf(stderr, "send: %s%s\n",
					strerror(-cqe->res),
					cqe->res == -EINVAL ?
					" (SEND_ZC needs Linux 6.2)" : "");
				return 1;
			}
			sent += cqe->res;
			sends++;
			sending = 0;
			/* No F_MORE: no notification will come for it. */
			if (!(cqe->flags & IORING_CQE_F_MORE)) {
				busy[b] = 0;
				nbusy--;
			}
		}
		io_uring_cqe_seen(&ring, cqe);
	}

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ns = ts.tv_sec * 1000000000LL + ts.tv_nsec - t0;
	printf("%s: %lld bytes in %.1f ms (%.0f MiB/s), %ld sends, "
	       "%ld notifications (%ld copied by the kernel)\n",
	       copy ? "send" : "send_zc", sent, ns / 1e6,
	       (double) sent / (1 << 20) / (ns / 1e9), sends, notifs, copied);
	printf("received %lld bytes intact\n", received);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
	for (i = 0; i < NBUF; i++)
		free(bufs[i]);
	free(rbuf);
	return 0;
}
