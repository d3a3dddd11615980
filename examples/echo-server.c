/* SPDX-License-Identifier: MIT */
/*
 * echo-server: a TCP echo server, and a client that times round trips.
 *
 *   echo-server [-p PORT] [-n CONNS]     serve on 127.0.0.1 (port 0 picks
 *                                       one); stop after CONNS have closed
 *   echo-server -c PORT [-r ROUNDS] [-s SIZE]
 *
 * The server keeps just two kinds of request going, both multishot: one
 * accept for the listener (Linux 5.19), and one recv per connection
 * (Linux 6.0), each posting a CQE per event until it ends.  A multishot
 * recv cannot be given a buffer up front, as it does not know how many
 * it will need, so it takes them from a provided buffer ring (Linux 5.19)
 * and says in the CQE which one (IORING_CQE_F_BUFFER, bid in the upper
 * flag bits).  The echo is sent from that same buffer, which goes back
 * to the ring once the send completes.
 *
 * Requests on one socket may complete out of order, so each connection
 * has one send in flight at most and queues the buffers behind it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

#define NBUF	128		/* a power of two */
#define BUFSZ	4096
#define BGID	7
#define MAXFD	1024

enum { ACCEPT, RECV, SEND };

/* user_data: what (8 bits), fd (24 bits), buffer id (32 bits) */
#define UD(what, fd, bid) ((__u64) (what) | (__u64) (fd) << 8 | \
			   (__u64) (bid) << 32)

static char bufs[NBUF][BUFSZ];
static struct io_uring_buf_ring *br;
static struct io_uring ring;

struct conn {
	int sending;		/* a send is in flight */
	int closing;		/* the peer is gone: close after that send */
	unsigned head, tail;	/* queued buffers: bid, length */
	struct { unsigned short bid; int len; } q[NBUF];
} conns[MAXFD];
static long closed;

/* Hands buffer bid back to the kernel. */
static void recycle(int bid)
{
	io_uring_buf_ring_add(br, bufs[bid], BUFSZ, (unsigned short) bid,
			      io_uring_buf_ring_mask(NBUF), 0);
	io_uring_buf_ring_advance(br, 1);
}

/* Closes fd once nothing is in flight on it, returning its buffers. */
static void finish(int fd)
{
	struct conn *c = &conns[fd];

	while (c->head != c->tail)
		recycle(c->q[c->head++ % NBUF].bid);
	close(fd);
	closed++;
}

static struct io_uring_sqe *sqe_for(int what, int fd, int bid)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

	if (!sqe) {		/* the SQ is full: make room, then retry */
		io_uring_submit(&ring);
		sqe = io_uring_get_sqe(&ring);
	}
	io_uring_sqe_set_data64(sqe, UD(what, fd, bid));
	return sqe;
}

static void arm_recv(int fd)
{
	struct io_uring_sqe *sqe = sqe_for(RECV, fd, 0);

	io_uring_prep_recv_multishot(sqe, fd, NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
}

/* Starts the next queued send of c, if none is in flight. */
static void kick(int fd)
{
	struct conn *c = &conns[fd];
	struct io_uring_sqe *sqe;
	int bid;

	if (c->sending || c->head == c->tail)
		return;
	bid = c->q[c->head % NBUF].bid;
	sqe = sqe_for(SEND, fd, bid);
	/* MSG_WAITALL: the kernel retries a short send for us */
	io_uring_prep_send(sqe, fd, bufs[bid],
			   (size_t) c->q[c->head % NBUF].len, MSG_WAITALL);
	c->head++;
	c->sending = 1;
}

static int serve(int port, long conns_max)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	long bytes = 0;
	int lfd, i, ret, one = 1;

	sa.sin_port = htons((uint16_t) port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* no Nagle; accepted sockets inherit it from the listener */
	setsockopt(lfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (void *) &sa, len) < 0 ||
	    listen(lfd, 128) < 0 || getsockname(lfd, (void *) &sa, &len)) {
		perror("listen");
		return 1;
	}
	printf("listening on 127.0.0.1:%d\n", ntohs(sa.sin_port));
	fflush(stdout);

	ret = io_uring_queue_init(256, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}
	br = io_uring_setup_buf_ring(&ring, NBUF, BGID, 0, &ret);
	if (!br) {
		fprintf(stderr, "buffer ring: %s\n", strerror(-ret));
		return 1;
	}
	for (i = 0; i < NBUF; i++)
		io_uring_buf_ring_add(br, bufs[i], BUFSZ, (unsigned short) i,
				      io_uring_buf_ring_mask(NBUF), i);
	io_uring_buf_ring_advance(br, NBUF);
	io_uring_prep_multishot_accept(sqe_for(ACCEPT, lfd, 0), lfd, NULL,
				       NULL, 0);

	while (!conns_max || closed < conns_max) {
		struct io_uring_cqe *cqe;
		int what, fd, bid, res, more;

		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0 || (ret = io_uring_peek_cqe(&ring, &cqe)) < 0) {
			fprintf(stderr, "wait: %s\n", strerror(-ret));
			return 1;
		}
		what = (int) (cqe->user_data & 0xff);
		fd = (int) ((cqe->user_data >> 8) & 0xffffff);
		bid = (int) (cqe->user_data >> 32);
		res = cqe->res;
		more = cqe->flags & IORING_CQE_F_MORE;
		if (what == RECV && (cqe->flags & IORING_CQE_F_BUFFER))
			bid = (int) (cqe->flags >> IORING_CQE_BUFFER_SHIFT);
		io_uring_cqe_seen(&ring, cqe);

		if (what == ACCEPT) {
			if (res >= MAXFD) {
				close(res);	/* too many for our table */
			} else if (res >= 0) {
				memset(&conns[res], 0, sizeof(conns[res]));
				arm_recv(res);
			}
			if (!more)	/* the multishot accept ended */
				io_uring_prep_multishot_accept(sqe_for(ACCEPT,
						lfd, 0), lfd, NULL, NULL, 0);
		} else if (what == SEND) {
			if (res < 0 && res != -EPIPE && res != -ECONNRESET)
				fprintf(stderr, "send: %s\n", strerror(-res));
			recycle(bid);
			conns[fd].sending = 0;
			if (conns[fd].closing)
				finish(fd);
			else
				kick(fd);
		} else if (res > 0) {	/* data in buffer bid */
			struct conn *c = &conns[fd];

			c->q[c->tail % NBUF].bid = (unsigned short) bid;
			c->q[c->tail++ % NBUF].len = res;
			bytes += res;
			kick(fd);
			if (!more)
				arm_recv(fd);
		} else if (res == -ENOBUFS) {
			/* every buffer is queued for sending: try again */
			arm_recv(fd);
		} else {	/* 0: the peer closed (or an error) */
			conns[fd].closing = 1;
			if (!conns[fd].sending)
				finish(fd);
		}
	}
	printf("served %ld connections, echoed %ld bytes\n", closed, bytes);
	io_uring_queue_exit(&ring);
	return 0;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Submits what is queued, waits for n CQEs and returns the result of the
 * one whose user_data is RECV (or of the last one).
 */
static int run(unsigned n)
{
	struct io_uring_cqe *cqe;
	int ret, res = 0;

	ret = io_uring_submit_and_wait(&ring, n);
	while (ret >= 0 && n--) {
		ret = io_uring_wait_cqe(&ring, &cqe);
		if (ret < 0)
			break;
		if (!n || (cqe->user_data & 0xff) == RECV)
			res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	return ret < 0 ? ret : res;
}

static int client(int port, int rounds, int size)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char *out = malloc((size_t) size), *in = malloc((size_t) size);
	long long ns, sum = 0, min = -1, max = 0;
	struct io_uring_sqe *sqe;
	int fd, r, i, ret, one = 1;

	sa.sin_port = htons((uint16_t) port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	/* no Nagle: each small message leaves at once */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (!out || !in || fd < 0 ||
	    io_uring_queue_init(4, &ring, 0) < 0)
		return 1;
	io_uring_prep_connect(sqe_for(SEND, fd, 0), fd, (void *) &sa,
			      sizeof(sa));
	ret = run(1);
	if (ret < 0) {
		fprintf(stderr, "connect: %s\n", strerror(-ret));
		return 1;
	}

	for (r = 0; r < rounds; r++) {
		long long t0;

		for (i = 0; i < size; i++)
			out[i] = (char) (r + i * 7);
		t0 = now_ns();
		/*
		 * One trip into the kernel per round trip: the send, and a
		 * recv that waits for all size bytes.  Both are in flight
		 * together, so the echo can flow back while a large message
		 * is still going out.
		 */
		sqe = sqe_for(SEND, fd, 0);
		io_uring_prep_send(sqe, fd, out, (size_t) size, MSG_WAITALL);
		sqe = sqe_for(RECV, fd, 0);
		io_uring_prep_recv(sqe, fd, in, (size_t) size, MSG_WAITALL);
		ret = run(2);
		ns = now_ns() - t0;
		if (ret != size || memcmp(in, out, (size_t) size)) {
			fprintf(stderr, "round %d: bad echo (%d: %s)\n", r, ret,
				ret < 0 ? strerror(-ret) : "wrong bytes");
			return 1;
		}
		sum += ns;
		min = min < 0 || ns < min ? ns : min;
		max = ns > max ? ns : max;
	}
	close(fd);
	printf("%d round trips of %d bytes: min %.1f avg %.1f max %.1f us\n",
	       rounds, size, min / 1e3, sum / 1e3 / rounds, max / 1e3);
	io_uring_queue_exit(&ring);
	free(out);
	free(in);
	return 0;
}

int main(int argc, char *argv[])
{
	int opt, port = 0, is_client = 0, rounds = 1000, size = 64;
	int server_only = 0, client_only = 0;
	long conns_max = 0;

	usage_text = "usage: %s [-p PORT] [-n CONNS]\n"
		     "       %s -c PORT [-r ROUNDS] [-s SIZE]\n";
	help_check(argc, argv);
	while ((opt = getopt(argc, argv, "c:p:n:r:s:")) != -1) {
		switch (opt) {
		case 'c':
			is_client = 1;
			port = (int) num_arg(argv[0], 'c', optarg, 1, 65535);
			break;
		case 'p':
			server_only = 1;
			port = (int) num_arg(argv[0], 'p', optarg, 0, 65535);
			break;
		case 'n':
			server_only = 1;
			conns_max = num_arg(argv[0], 'n', optarg, 0,
					    1000000000);
			break;
		case 'r':
			client_only = 1;
			rounds = (int) num_arg(argv[0], 'r', optarg, 1,
					       100000000);
			break;
		case 's':
			client_only = 1;
			size = (int) num_arg(argv[0], 's', optarg, 1,
					     64 << 20);
			break;
		default:
			usage_exit(argv[0], EXIT_USAGE);
		}
	}
	if (optind < argc)
		bad_args(argv[0], "unexpected argument");
	if (is_client && server_only)
		bad_args(argv[0], "-p and -n are for the server, not with -c");
	if (!is_client && client_only)
		bad_args(argv[0], "-r and -s are for the client, with -c");
	if (is_client)
		return client(port, rounds, size);
	return serve(port, conns_max);
}
