/* SPDX-License-Identifier: MIT */
/*
 * Sockets over 127.0.0.1: accept and connect as requests, then send/recv
 * and sendmsg/recvmsg both ways, and shutdown seen as end of stream.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "prog.h"

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe c[2];
	struct sockaddr_in addr, peer;
	socklen_t alen = sizeof(addr), plen = sizeof(peer);
	struct msghdr msg;
	struct iovec iov[2];
	char buf[64], part1[] = "scatter ", part2[] = "gather";
	int lfd, cfd, sfd, one = 1;

	prog_ring_init(&ring, 8);

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(lfd >= 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
	CHECK(listen(lfd, 4) == 0);
	CHECK(getsockname(lfd, (struct sockaddr *)&addr, &alen) == 0);
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(cfd >= 0);

	/* accept (user_data 0) and connect (1) in one submission */
	sqe = prog_sqe(&ring);
	io_uring_prep_accept(sqe, lfd, (struct sockaddr *)&peer, &plen, 0);
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_connect(sqe, cfd, (struct sockaddr *)&addr,
			      sizeof(addr));
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK(c[0].res >= 0);
	CHECK_EQ(c[1].res, 0);
	sfd = c[0].res;
	CHECK_EQ(plen, sizeof(peer));
	CHECK_EQ(peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	/* send from the client, recv on the server */
	sqe = prog_sqe(&ring);
	io_uring_prep_send(sqe, cfd, "ping", 4, 0);
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_recv(sqe, sfd, buf, 4, MSG_WAITALL);
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, 4);
	CHECK_EQ(c[1].res, 4);
	CHECK(memcmp(buf, "ping", 4) == 0);

	/* sendmsg with two iovecs from the server, recvmsg on the client */
	iov[0].iov_base = part1;
	iov[0].iov_len = strlen(part1);
	iov[1].iov_base = part2;
	iov[1].iov_len = strlen(part2);
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	io_uring_prep_sendmsg(prog_sqe(&ring), sfd, &msg, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 14);
	{
		struct msghdr rmsg;
		struct iovec riov;

		memset(buf, 0, sizeof(buf));
		riov.iov_base = buf;
		riov.iov_len = 14;
		memset(&rmsg, 0, sizeof(rmsg));
		rmsg.msg_iov = &riov;
		rmsg.msg_iovlen = 1;
		io_uring_prep_recvmsg(prog_sqe(&ring), cfd, &rmsg,
				      MSG_WAITALL);
		CHECK_EQ(io_uring_submit(&ring), 1);
		prog_reap(&ring, &c[0]);
		CHECK_EQ(c[0].res, 14);
		CHECK(memcmp(buf, "scatter gather", 14) == 0);
	}

	/* shutdown of the write side reads as end of stream */
	io_uring_prep_shutdown(prog_sqe(&ring), cfd, SHUT_WR);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 0);
	io_uring_prep_recv(prog_sqe(&ring), sfd, buf, sizeof(buf), 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 0);

	close(sfd);
	close(cfd);
	close(lfd);
	io_uring_queue_exit(&ring);
	printf("socket: ok\n");
	return 0;
}
