/* SPDX-License-Identifier: MIT */
/*
 * io_uring-udp: a UDP echo server, and a client to talk to it.
 *
 *   io_uring-udp [-p PORT] [-n COUNT]     serve on 127.0.0.1 (port 0 picks
 *                                        one); stop after COUNT echoes
 *                                        (0, the default: never)
 *   io_uring-udp -c PORT [-n COUNT]       send COUNT datagrams (default
 *                                        10), check echoes
 *
 * The server shows multishot recvmsg (Linux 6.0) fed by a provided buffer
 * ring (Linux 5.19): one SQE keeps receiving, and the kernel picks a
 * buffer for each datagram itself.  Multishot recvmsg cannot fill a
 * caller's msghdr (there is only one, and many datagrams), so it writes
 * into the buffer a struct io_uring_recvmsg_out header, then the source
 * address, then the payload.  The io_uring_recvmsg_*() helpers find the
 * parts.  The echo goes back with sendmsg straight from that buffer,
 * which returns to the ring only when the send is done.
 *
 * The client shows a chain: send -> recv -> link timeout.  The timeout
 * bounds the recv alone, as a lost datagram would otherwise wait forever.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

#define NBUF	64		/* a power of two, as buffer rings need */
#define BUFSZ	2048		/* header + address + payload */
#define BGID	1		/* our buffer group's id */

enum { RECV = 1, SEND = 2 };	/* what a CQE completes, in user_data */

static int udp_socket(int port, int do_connect)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	sa.sin_port = htons((uint16_t) port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || (do_connect ? connect(fd, (void *) &sa, len) :
				    bind(fd, (void *) &sa, len)) < 0) {
		perror("socket");
		exit(1);
	}
	if (!do_connect && getsockname(fd, (void *) &sa, &len) == 0)
		printf("listening on 127.0.0.1:%d\n", ntohs(sa.sin_port));
	fflush(stdout);
	return fd;
}

/* What the kernel needs to lay out each buffer: only the name length. */
static struct msghdr recv_tmpl = { .msg_namelen = sizeof(struct sockaddr_in) };

static void arm_recv(struct io_uring *ring, int fd)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	io_uring_prep_recvmsg_multishot(sqe, fd, &recv_tmpl, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	io_uring_sqe_set_data64(sqe, RECV);
}

static char bufs[NBUF][BUFSZ];
static struct io_uring_buf_ring *br;

/* Hands buffer bid back to the kernel; it was ours since its recv CQE. */
static void recycle(int bid)
{
	io_uring_buf_ring_add(br, bufs[bid], BUFSZ, (unsigned short) bid,
			      io_uring_buf_ring_mask(NBUF), 0);
	io_uring_buf_ring_advance(br, 1);
}

/* Sends back the datagram that the kernel put in buffer bid. */
static void echo(struct io_uring *ring, int fd, int bid, int res)
{
	static struct { struct msghdr msg; struct iovec iov; } out[NBUF];
	struct io_uring_recvmsg_out *o;
	struct io_uring_sqe *sqe;

	o = io_uring_recvmsg_validate(bufs[bid], res, &recv_tmpl);
	if (!o) {		/* too short to hold even the header */
		recycle(bid);
		return;
	}
	/*
	 * Point a msghdr at the parts, inside the buffer.  It must stay
	 * valid until the sendmsg completes, hence one per buffer.
	 */
	out[bid].iov.iov_base = io_uring_recvmsg_payload(o, &recv_tmpl);
	out[bid].iov.iov_len = io_uring_recvmsg_payload_length(o, res,
							       &recv_tmpl);
	out[bid].msg.msg_name = io_uring_recvmsg_name(o);
	out[bid].msg.msg_namelen = o->namelen;
	out[bid].msg.msg_iov = &out[bid].iov;
	out[bid].msg.msg_iovlen = 1;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_sendmsg(sqe, fd, &out[bid].msg, 0);
	io_uring_sqe_set_data64(sqe, SEND | (__u64) bid << 8);
}

static int serve(int port, long count)
{
	struct io_uring ring;
	int fd, i, ret;
	long echoed = 0;

	ret = io_uring_queue_init(NBUF * 2, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}
	/* The kernel takes buffers from this ring, we put them back. */
	br = io_uring_setup_buf_ring(&ring, NBUF, BGID, 0, &ret);
	if (!br) {
		fprintf(stderr, "buffer ring: %s (needs Linux 5.19)\n",
			strerror(-ret));
		return 1;
	}
	for (i = 0; i < NBUF; i++)
		io_uring_buf_ring_add(br, bufs[i], BUFSZ, (unsigned short) i,
				      io_uring_buf_ring_mask(NBUF), i);
	io_uring_buf_ring_advance(br, NBUF);	/* publish all of them */

	fd = udp_socket(port, 0);
	arm_recv(&ring, fd);

	while (!count || echoed < count) {
		struct io_uring_cqe *cqe;
		__u64 what;
		int bid;

		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0 || (ret = io_uring_peek_cqe(&ring, &cqe)) < 0) {
			fprintf(stderr, "wait: %s\n", strerror(-ret));
			return 1;
		}
		what = io_uring_cqe_get_data64(cqe);
		bid = (int) (what >> 8);
		if ((what & 0xff) == SEND) {
			/* The echo is out: the buffer may be reused. */
			if (cqe->res < 0)
				fprintf(stderr, "sendmsg: %s\n",
					strerror(-cqe->res));
			else
				echoed++;
			recycle(bid);
		} else if (cqe->res >= 0 &&
			   (cqe->flags & IORING_CQE_F_BUFFER)) {
			bid = (int) (cqe->flags >> IORING_CQE_BUFFER_SHIFT);
			echo(&ring, fd, bid, cqe->res);
		} else if (cqe->res < 0 && cqe->res != -ENOBUFS) {
			fprintf(stderr, "recvmsg: %s\n", strerror(-cqe->res));
			return 1;
		}
		/*
		 * Without F_MORE the multishot request has ended (-ENOBUFS:
		 * every buffer is out being echoed); arm a new one.
		 */
		if ((what & 0xff) == RECV && !(cqe->flags & IORING_CQE_F_MORE))
			arm_recv(&ring, fd);
		io_uring_cqe_seen(&ring, cqe);
	}
	printf("echoed %ld datagrams\n", echoed);
	close(fd);
	io_uring_queue_exit(&ring);
	return 0;
}

static int client(int port, long count)
{
	struct __kernel_timespec ts = { .tv_sec = 1 };
	char msg[64], reply[64];
	struct io_uring ring;
	long i, good = 0, lost = 0, failed = 0;
	int fd, ret;

	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}
	fd = udp_socket(port, 1);	/* connected: send/recv need no name */

	for (i = 0; i < count; i++) {
		struct io_uring_sqe *sqe;
		struct io_uring_cqe *cqe;
		int n, len, got = -1;

		len = snprintf(msg, sizeof(msg), "datagram %ld", i);
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_send(sqe, fd, msg, (size_t) len, 0);
		sqe->flags |= IOSQE_IO_LINK;
		/* prep leaves user_data alone: a reused slot keeps the old */
		io_uring_sqe_set_data64(sqe, SEND);
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_recv(sqe, fd, reply, sizeof(reply), 0);
		sqe->flags |= IOSQE_IO_LINK;
		io_uring_sqe_set_data64(sqe, RECV);
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_link_timeout(sqe, &ts, 0);
		io_uring_sqe_set_data64(sqe, 0);

		/* Three SQEs in, three CQEs out, whatever happens. */
		ret = io_uring_submit_and_wait(&ring, 3);
		for (n = 0; ret >= 0 && n < 3; n++) {
			ret = io_uring_wait_cqe(&ring, &cqe);
			if (ret < 0)
				break;
			if (io_uring_cqe_get_data64(cqe) == RECV)
				got = cqe->res;
			io_uring_cqe_seen(&ring, cqe);
		}
		if (ret < 0) {
			fprintf(stderr, "wait: %s\n", strerror(-ret));
			return 1;
		}
		if (got == len && !memcmp(msg, reply, (size_t) len))
			good++;
		else if (got == -ECANCELED)
			lost++;		/* the timeout fired first */
		else if (failed++ < 3)	/* e.g. refused: no server there */
			fprintf(stderr, "datagram %ld: %s\n", i, got < 0 ?
				strerror(-got) : "echo differs");
	}
	printf("%ld of %ld datagrams echoed intact, %ld lost, %ld failed\n",
	       good, count, lost, failed);
	close(fd);
	io_uring_queue_exit(&ring);
	return good == count ? 0 : 1;
}

int main(int argc, char *argv[])
{
	int opt, port = 0, is_client = 0;
	long count = -1;	/* not given */

	usage_text = "usage: %s [-p PORT] [-n COUNT]\n"
		     "       %s -c PORT [-n COUNT]\n";
	help_check(argc, argv);
	while ((opt = getopt(argc, argv, "c:p:n:")) != -1) {
		switch (opt) {
		case 'c':
			is_client = 1;
			port = (int) num_arg(argv[0], 'c', optarg, 1, 65535);
			break;
		case 'p':
			port = (int) num_arg(argv[0], 'p', optarg, 0, 65535);
			break;
		case 'n':
			count = num_arg(argv[0], 'n', optarg, 0, 1000000000);
			break;
		default:
			usage_exit(argv[0], EXIT_USAGE);
		}
	}
	if (optind < argc)
		bad_args(argv[0], "unexpected argument");
	if (is_client) {
		if (!count)
			bad_args(argv[0], "-n with -c: at least 1 datagram");
		return client(port, count < 0 ? 10 : count);
	}
	return serve(port, count < 0 ? 0 : count);
}
