/* SPDX-License-Identifier: MIT */
/*
 * Socket operations against the real kernel, over loopback: socket
 * creation, bind/listen/accept/connect, the send and receive family
 * (multishot, bundles, zero copy), shutdown and socket commands.  Every
 * test checks what arrived on the other end, or the socket's state.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/sockios.h>
#include "ops-util.h"

static socklen_t inlen = sizeof(struct sockaddr_in);

static int udp_socket(struct sockaddr_in *addr)
{
	socklen_t len = sizeof(*addr);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *) addr, sizeof(*addr)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *) addr, &len), 0);
	return fd;
}

static int sockopt(int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int val = -1;

	assert_int_equal(getsockopt(fd, level, name, &val, &len), 0);
	return val;
}

static unsigned short port_of(int fd, int peer)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (peer)
		assert_int_equal(getpeername(fd, (struct sockaddr *) &sin,
					     &len), 0);
	else
		assert_int_equal(getsockname(fd, (struct sockaddr *) &sin,
					     &len), 0);
	return ntohs(sin.sin_port);
}

/* Reads exactly len bytes (blocking) and checks them against the pattern. */
static void recv_pattern(int fd, size_t len, size_t off, unsigned seed)
{
	unsigned char *buf = malloc(len);
	size_t done = 0;

	assert_non_null(buf);
	while (done < len) {
		ssize_t n = recv(fd, buf + done, len - done, 0);

		assert_true(n > 0);
		done += (size_t) n;
	}
	assert_true(t_check_pattern_at(buf, len, off, seed));
	free(buf);
}

static void test_socket_bind_listen(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	int fd, cfd;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SOCKET);
	T_REQUIRE_OP(&ring, IORING_OP_BIND);
	T_REQUIRE_OP(&ring, IORING_OP_LISTEN);

	/* domain, type (with its flags) and protocol all reach the kernel */
	sqe = ops_sqe(&ring);
	io_uring_prep_socket(sqe, AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
			     IPPROTO_TCP, 0);
	fd = ops_run1(&ring, sqe, 1);
	assert_true(fd >= 0);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_DOMAIN), AF_INET);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_TCP);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sqe = ops_sqe(&ring);
	io_uring_prep_bind(sqe, fd, (struct sockaddr *) &addr, sizeof(addr));
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *) &addr, &len), 0);
	assert_int_equal(addr.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	assert_int_not_equal(addr.sin_port, 0);

	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_ACCEPTCONN), 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_listen(sqe, fd, 4);
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_ACCEPTCONN), 1);
	cfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_int_equal(connect(cfd, (struct sockaddr *) &addr, len), 0);
	close(cfd);
	close(fd);

	sqe = ops_sqe(&ring);
	io_uring_prep_socket(sqe, AF_UNIX, SOCK_DGRAM, 0, 0);
	fd = ops_run1(&ring, sqe, 4);
	assert_true(fd >= 0);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_DOMAIN), AF_UNIX);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
	assert_false(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);

	io_uring_queue_exit(&ring);
}

/* Installs fixed slot as a normal descriptor, to look at it. */
static int install(struct io_uring *ring, int slot)
{
	struct io_uring_sqe *sqe = ops_sqe(ring);
	int fd;

	io_uring_prep_fixed_fd_install(sqe, slot, 0);
	fd = ops_run1(ring, sqe, 0x1f);
	assert_true(fd >= 0);
	return fd;
}

static void test_socket_direct(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in addr;
	int fd, slot;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SOCKET);
	T_REQUIRE_OP(&ring, IORING_OP_BIND);
	T_REQUIRE_OP(&ring, IORING_OP_LISTEN);
	T_REQUIRE_OP(&ring, IORING_OP_FIXED_FD_INSTALL);
	ops_register_files_sparse(&ring, 8);

	sqe = ops_sqe(&ring);
	io_uring_prep_socket_direct(sqe, AF_INET, SOCK_STREAM, 0, 3, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);

	/* bind and listen through the fixed slot */
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sqe = ops_sqe(&ring);
	io_uring_prep_bind(sqe, 3, (struct sockaddr *) &addr, sizeof(addr));
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_listen(sqe, 3, 4);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&ring, sqe, 3), 0);

	fd = install(&ring, 3);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_ACCEPTCONN), 1);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	assert_int_not_equal(port_of(fd, 0), 0);
	close(fd);

	sqe = ops_sqe(&ring);
	io_uring_prep_socket_direct_alloc(sqe, AF_UNIX, SOCK_DGRAM, 0, 0);
	slot = ops_run1(&ring, sqe, 4);
	assert_true(slot >= 0 && slot < 8 && slot != 3);
	fd = install(&ring, slot);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_DOMAIN), AF_UNIX);
	assert_int_equal(sockopt(fd, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
	close(fd);

	io_uring_queue_exit(&ring);
}

static int connect_to(const struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (const struct sockaddr *) addr,
				 sizeof(*addr)), 0);
	return fd;
}

static void test_accept(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct sockaddr_in laddr, peer;
	socklen_t plen = sizeof(peer);
	unsigned char buf[100], data[100];
	int lfd, cfd, fd;

	ops_ring_init(&ring, state, 8);
	lfd = t_tcp_listener(&laddr);

	/* the peer's address comes back, flags (SOCK_CLOEXEC) apply */
	memset(&peer, 0, sizeof(peer));
	sqe = ops_sqe(&ring);
	io_uring_prep_accept(sqe, lfd, (struct sockaddr *) &peer, &plen,
			     SOCK_CLOEXEC);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	cfd = connect_to(&laddr);
	ops_wait(&ring, &cqe);
	fd = cqe.res;
	assert_true(fd >= 0);
	assert_int_equal(plen, sizeof(peer));
	assert_int_equal(ntohs(peer.sin_port), port_of(cfd, 0));
	assert_int_equal(port_of(fd, 1), port_of(cfd, 0));
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	close(cfd);

	/* direct: the connection lands in the chosen slot */
	ops_register_files_sparse(&ring, 4);
	sqe = ops_sqe(&ring);
	io_uring_prep_accept_direct(sqe, lfd, NULL, NULL, 0, 2);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 1);
	cfd = connect_to(&laddr);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.res, 0);
	t_fill_pattern(data, sizeof(data), 12);
	assert_int_equal(send(cfd, data, sizeof(data), 0), sizeof(data));
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, 2, buf, sizeof(buf), MSG_WAITALL);
	sqe->flags |= IOSQE_FIXED_FILE;
	assert_int_equal(ops_run1(&ring, sqe, 3), sizeof(buf));
	t_kernel_wrote(buf, sizeof(buf));
	assert_memory_equal(buf, data, sizeof(data));
	close(cfd);

	close(lfd);
	io_uring_queue_exit(&ring);
}

static void test_multishot_accept(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct sockaddr_in laddr;
	int lfd, cfd[3], fd[3], i, got_cancel = 0, got_final = 0;

	ops_ring_init(&ring, state, 8);
	lfd = t_tcp_listener(&laddr);

	sqe = ops_sqe(&ring);
	io_uring_prep_multishot_accept(sqe, lfd, NULL, NULL, SOCK_CLOEXEC);
	io_uring_sqe_set_data64(sqe, 0xacc);
	assert_int_equal(io_uring_submit(&ring), 1);

	/* one CQE per connection, each flagged MORE */
	for (i = 0; i < 3; i++) {
		cfd[i] = connect_to(&laddr);
		ops_wait(&ring, &cqe);
		assert_int_equal(cqe.user_data, 0xacc);
		assert_true(cqe.res >= 0);
		assert_true(cqe.flags & IORING_CQE_F_MORE);
		fd[i] = cqe.res;
		assert_int_equal(port_of(fd[i], 1), port_of(cfd[i], 0));
	}

	/* still armed until cancelled; the last CQE drops MORE */
	sqe = ops_sqe(&ring);
	io_uring_prep_cancel64(sqe, 0xacc, 0);
	io_uring_sqe_set_data64(sqe, 0xcc);
	assert_int_equal(io_uring_submit(&ring), 1);
	for (i = 0; i < 2; i++) {
		ops_wait(&ring, &cqe);
		if (cqe.user_data == 0xcc) {
			assert_int_equal(cqe.res, 0);
			got_cancel = 1;
		} else {
			assert_int_equal(cqe.user_data, 0xacc);
			assert_int_equal(cqe.res, -ECANCELED);
			assert_false(cqe.flags & IORING_CQE_F_MORE);
			got_final = 1;
		}
	}
	assert_true(got_cancel && got_final);
	for (i = 0; i < 3; i++) {
		close(fd[i]);
		close(cfd[i]);
	}
	close(lfd);
	io_uring_queue_exit(&ring);
}

static void test_multishot_accept_direct(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct sockaddr_in laddr;
	unsigned char buf[32];
	int lfd, cfd[2], slot[2], i;

	ops_ring_init(&ring, state, 8);
	lfd = t_tcp_listener(&laddr);
	ops_register_files_sparse(&ring, 4);

	sqe = ops_sqe(&ring);
	io_uring_prep_multishot_accept_direct(sqe, lfd, NULL, NULL, 0);
	io_uring_sqe_set_data64(sqe, 0xd1);
	assert_int_equal(io_uring_submit(&ring), 1);

	for (i = 0; i < 2; i++) {
		cfd[i] = connect_to(&laddr);
		ops_wait(&ring, &cqe);
		assert_int_equal(cqe.user_data, 0xd1);
		assert_true(cqe.flags & IORING_CQE_F_MORE);
		slot[i] = cqe.res;
		assert_true(slot[i] >= 0 && slot[i] < 4);
	}
	assert_int_not_equal(slot[0], slot[1]);

	/* each slot is its own connection */
	for (i = 0; i < 2; i++) {
		char msg[16];

		snprintf(msg, sizeof(msg), "conn%d", i);
		assert_int_equal(send(cfd[i], msg, 5, 0), 5);
		memset(buf, 0, sizeof(buf));
		sqe = ops_sqe(&ring);
		io_uring_prep_recv(sqe, slot[i], buf, 5, MSG_WAITALL);
		sqe->flags |= IOSQE_FIXED_FILE;
		assert_int_equal(ops_run1(&ring, sqe, 0x200 + i), 5);
		assert_memory_equal(buf, msg, 5);
	}

	for (i = 0; i < 2; i++)
		close(cfd[i]);
	close(lfd);
	io_uring_queue_exit(&ring);
}

static void test_connect(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in laddr;
	int lfd, fd, afd;

	ops_ring_init(&ring, state, 8);
	lfd = t_tcp_listener(&laddr);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);

	/* the address length reaches the kernel: too short is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_connect(sqe, fd, (struct sockaddr *) &laddr, 2);
	assert_int_equal(ops_run1(&ring, sqe, 1), -EINVAL);

	sqe = ops_sqe(&ring);
	io_uring_prep_connect(sqe, fd, (struct sockaddr *) &laddr, inlen);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(port_of(fd, 1), ntohs(laddr.sin_port));
	afd = accept(lfd, NULL, NULL);
	assert_true(afd >= 0);
	assert_int_equal(port_of(afd, 1), port_of(fd, 0));

	close(afd);
	close(fd);
	close(lfd);
	io_uring_queue_exit(&ring);
}

static void test_send_recv(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char data[1000], buf[1000];
	int fds[2];

	ops_ring_init(&ring, state, 8);
	t_tcp_pair(fds);

	t_fill_pattern(data, sizeof(data), 13);
	sqe = ops_sqe(&ring);
	io_uring_prep_send(sqe, fds[0], data, sizeof(data), 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), sizeof(data));

	/* MSG_PEEK reaches the kernel: the data stays queued */
	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], buf, 10, MSG_PEEK);
	assert_int_equal(ops_run1(&ring, sqe, 2), 10);
	assert_memory_equal(buf, data, 10);

	memset(buf, 0, sizeof(buf));
	sqe = ops_sqe(&ring);
	io_uring_prep_recv(sqe, fds[1], buf, sizeof(buf), MSG_WAITALL);
	assert_int_equal(ops_run1(&ring, sqe, 3), sizeof(buf));
	assert_memory_equal(buf, data, sizeof(data));

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_sendto(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in a, b, c, from;
	socklen_t flen = sizeof(from);
	char buf[64];
	int sa, sb, sc, ret;

	ops_ring_init(&ring, state, 8);
	sa = udp_socket(&a);
	sb = udp_socket(&b);
	sc = udp_socket(&c);

	sqe = ops_sqe(&ring);
	io_uring_prep_sendto(sqe, sa, "to-b", 4, 0, (struct sockaddr *) &b,
			     sizeof(b));
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EINVAL)
		t_skip("kernel lacks a destination address on IORING_OP_SEND");
	assert_int_equal(ret, 4);
	assert_int_equal(recvfrom(sb, buf, sizeof(buf), 0,
				  (struct sockaddr *) &from, &flen), 4);
	assert_memory_equal(buf, "to-b", 4);
	assert_int_equal(from.sin_port, a.sin_port);

	/* the same through send + send_set_addr, to another socket */
	sqe = ops_sqe(&ring);
	io_uring_prep_send(sqe, sa, "to-c!", 5, 0);
	io_uring_prep_send_set_addr(sqe, (struct sockaddr *) &c, sizeof(c));
	assert_int_equal(ops_run1(&ring, sqe, 2), 5);
	assert_int_equal(recv(sc, buf, sizeof(buf), MSG_DONTWAIT), 5);
	assert_memory_equal(buf, "to-c!", 5);
	assert_int_equal(recv(sb, buf, sizeof(buf), MSG_DONTWAIT), -1);

	close(sa);
	close(sb);
	close(sc);
	io_uring_queue_exit(&ring);
}

/* A bundle send takes several provided buffers in one request. */
static void test_send_bundle(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct ops_pbuf pb;
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_FEAT(&ring, IORING_FEAT_RECVSEND_BUNDLE);
	ops_pbuf_init(&ring, &pb, 5, 4, 256);
	t_fill_pattern(pb.mem, 4 * 256, 14);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_send_bundle(sqe, fds[0], 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 5;
	io_uring_sqe_set_data64(sqe, 9);
	ops_run(&ring, &cqe);
	assert_int_equal(cqe.user_data, 9);
	/* more than one buffer went out, from the first one on, in order */
	assert_true(cqe.res > 256);
	assert_true(cqe.flags & IORING_CQE_F_BUFFER);
	assert_int_equal(cqe.flags >> IORING_CQE_BUFFER_SHIFT, 0);
	recv_pattern(fds[1], (size_t) cqe.res, 0, 14);

	close(fds[0]);
	close(fds[1]);
	ops_pbuf_free(&ring, &pb);
	io_uring_queue_exit(&ring);
}

static void test_recv_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct ops_pbuf pb;
	unsigned char data[150];
	int fds[2];

	ops_ring_init(&ring, state, 8);
	ops_pbuf_init(&ring, &pb, 2, 8, 128);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_recv_multishot(sqe, fds[1], NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 2;
	io_uring_sqe_set_data64(sqe, 0x3e);
	assert_int_equal(io_uring_submit(&ring), 1);

	t_fill_pattern(data, sizeof(data), 15);
	assert_int_equal(send(fds[0], data, 100, 0), 100);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x3e);
	assert_int_equal(cqe.res, 100);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	assert_memory_equal(ops_pbuf_buf(&pb, &cqe), data, 100);

	assert_int_equal(send(fds[0], data + 100, 50, 0), 50);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.res, 50);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	assert_memory_equal(ops_pbuf_buf(&pb, &cqe), data + 100, 50);

	/* the peer closing ends it: res 0, no MORE */
	close(fds[0]);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.res, 0);
	assert_false(cqe.flags & IORING_CQE_F_MORE);

	close(fds[1]);
	ops_pbuf_free(&ring, &pb);
	io_uring_queue_exit(&ring);
}

static void test_sendmsg_recvmsg(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in a, b, from;
	struct msghdr msg;
	struct iovec iov[2];
	char p1[] = "hello, ", p2[] = "world";
	char r1[4], r2[32];
	int sa, sb;

	ops_ring_init(&ring, state, 8);
	sa = udp_socket(&a);
	sb = udp_socket(&b);

	/* two iovecs gathered into one datagram, to msg_name */
	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = p1;
	iov[0].iov_len = 7;
	iov[1].iov_base = p2;
	iov[1].iov_len = 5;
	msg.msg_name = &b;
	msg.msg_namelen = sizeof(b);
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_sendmsg(sqe, sa, &msg, 0);
	assert_int_equal(ops_run1(&ring, sqe, 1), 12);

	/* scattered back, with the sender's address */
	memset(&msg, 0, sizeof(msg));
	memset(&from, 0, sizeof(from));
	iov[0].iov_base = r1;
	iov[0].iov_len = sizeof(r1);
	iov[1].iov_base = r2;
	iov[1].iov_len = sizeof(r2);
	msg.msg_name = &from;
	msg.msg_namelen = sizeof(from);
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_recvmsg(sqe, sb, &msg, 0);
	assert_int_equal(ops_run1(&ring, sqe, 2), 12);
	t_kernel_wrote(r1, sizeof(r1));
	t_kernel_wrote(r2, 12 - (long) sizeof(r1));
	assert_memory_equal(r1, "hell", 4);
	assert_memory_equal(r2, "o, world", 8);
	assert_int_equal(from.sin_port, a.sin_port);

	/* msg_flags reach the kernel: MSG_DONTWAIT on an empty socket */
	sqe = ops_sqe(&ring);
	io_uring_prep_recvmsg(sqe, sb, &msg, MSG_DONTWAIT);
	assert_int_equal(ops_run1(&ring, sqe, 3), -EAGAIN);

	close(sa);
	close(sb);
	io_uring_queue_exit(&ring);
}

/* Checks one multishot recvmsg buffer through the recvmsg_out helpers. */
static void check_recvmsg_out(void *buf, int res, struct msghdr *msgh,
			      const struct sockaddr_in *from,
			      const unsigned char *data, unsigned len)
{
	struct io_uring_recvmsg_out *o;
	struct sockaddr_in *name;
	struct in_pktinfo pi;
	struct cmsghdr *cm;
	int ttl = 0, seen_pi = 0, seen_ttl = 0;

	o = io_uring_recvmsg_validate(buf, res, msgh);
	assert_non_null(o);
	assert_ptr_equal(o, buf);
	/* too short for header, name and control: refused */
	assert_null(io_uring_recvmsg_validate(buf, (int) sizeof(*o), msgh));
	assert_null(io_uring_recvmsg_validate(buf, -1, msgh));

	assert_int_equal(o->namelen, sizeof(struct sockaddr_in));
	name = io_uring_recvmsg_name(o);
	assert_ptr_equal(name, (char *) buf + sizeof(*o));
	assert_int_equal(name->sin_port, from->sin_port);
	assert_int_equal(name->sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	for (cm = io_uring_recvmsg_cmsg_firsthdr(o, msgh); cm;
	     cm = io_uring_recvmsg_cmsg_nexthdr(o, msgh, cm)) {
		assert_int_equal(cm->cmsg_level, IPPROTO_IP);
		if (cm->cmsg_type == IP_PKTINFO) {
			memcpy(&pi, CMSG_DATA(cm), sizeof(pi));
			assert_int_equal(pi.ipi_addr.s_addr,
					 htonl(INADDR_LOOPBACK));
			seen_pi++;
		} else if (cm->cmsg_type == IP_TTL) {
			memcpy(&ttl, CMSG_DATA(cm), sizeof(ttl));
			assert_true(ttl > 0);
			seen_ttl++;
		} else {
			fail_msg("unexpected cmsg type %d", cm->cmsg_type);
		}
	}
	assert_int_equal(seen_pi, 1);
	assert_int_equal(seen_ttl, 1);

	assert_ptr_equal(io_uring_recvmsg_payload(o, msgh),
			 (char *) buf + sizeof(*o) + msgh->msg_namelen +
			 msgh->msg_controllen);
	assert_int_equal(o->payloadlen, len);
	assert_int_equal(io_uring_recvmsg_payload_length(o, res, msgh), len);
	assert_memory_equal(io_uring_recvmsg_payload(o, msgh), data, len);
}

/*
 * The recvmsg_out helpers on lengths the kernel never reports but a
 * caller may pass (a negative res, a res shorter than the areas the
 * msghdr asked for) and on a damaged header: nothing wraps round to a
 * huge length or walks out of the control area.
 */
static void test_recvmsg_out_bounds(void **state)
{
	union {
		unsigned char b[256];
		long align;
	} buf;
	struct io_uring_recvmsg_out *o = (void *) buf.b;
	struct msghdr msgh;
	struct cmsghdr *cm, *first;
	int need;

	(void) state;
	memset(&buf, 0, sizeof(buf));
	memset(&msgh, 0, sizeof(msgh));
	msgh.msg_namelen = 16;
	msgh.msg_controllen = 2 * CMSG_SPACE(sizeof(int));
	need = (int) (sizeof(*o) + msgh.msg_namelen + msgh.msg_controllen);

	assert_int_equal(io_uring_recvmsg_payload_length(o, -1, &msgh), 0);
	assert_int_equal(io_uring_recvmsg_payload_length(o, INT_MIN, &msgh),
			 0);
	assert_int_equal(io_uring_recvmsg_payload_length(o, 0, &msgh), 0);
	/* name and control longer than what was received */
	assert_int_equal(io_uring_recvmsg_payload_length(o, need - 1, &msgh),
			 0);
	assert_int_equal(io_uring_recvmsg_payload_length(o, need, &msgh), 0);
	assert_int_equal(io_uring_recvmsg_payload_length(o, need + 5, &msgh),
			 5);
	assert_null(io_uring_recvmsg_validate(buf.b, need - 1, &msgh));
	assert_non_null(io_uring_recvmsg_validate(buf.b, need, &msgh));
	/* areas too large for any int: refused, not wrapped */
	msgh.msg_controllen = (size_t) -8;
	assert_null(io_uring_recvmsg_validate(buf.b, need, &msgh));
	assert_int_equal(io_uring_recvmsg_payload_length(o, need, &msgh), 0);
	msgh.msg_controllen = 2 * CMSG_SPACE(sizeof(int));

	/* no control data stored: no first header */
	o->controllen = 0;
	assert_null(io_uring_recvmsg_cmsg_firsthdr(o, &msgh));

	/* two messages, the walk finds both and stops */
	o->controllen = (__u32) msgh.msg_controllen;
	first = io_uring_recvmsg_cmsg_firsthdr(o, &msgh);
	assert_ptr_equal(first, buf.b + sizeof(*o) + msgh.msg_namelen);
	first->cmsg_len = CMSG_LEN(sizeof(int));
	cm = (struct cmsghdr *) ((unsigned char *) first +
				 CMSG_SPACE(sizeof(int)));
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	assert_ptr_equal(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, first), cm);
	assert_null(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, cm));

	/* a header claiming more control data than the area holds */
	o->controllen = 0x7fffffff;
	assert_ptr_equal(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, first), cm);
	assert_null(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, cm));
	/* a message whose length runs past the area, or wraps */
	first->cmsg_len = (size_t) -1;
	assert_null(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, first));
	first->cmsg_len = msgh.msg_controllen + 1;
	assert_null(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, first));
	/* a next message too long for what is left */
	first->cmsg_len = CMSG_LEN(sizeof(int));
	cm->cmsg_len = CMSG_SPACE(sizeof(int)) + 1;
	assert_null(io_uring_recvmsg_cmsg_nexthdr(o, &msgh, first));
}

static void test_recvmsg_multishot(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	struct io_uring_recvmsg_out *o;
	struct sockaddr_in a, b;
	struct ops_pbuf pb;
	struct msghdr msgh;
	unsigned char data[1024];
	unsigned room;
	int sa, sb, one = 1;

	ops_ring_init(&ring, state, 8);
	ops_pbuf_init(&ring, &pb, 3, 4, 512);
	sa = udp_socket(&a);
	sb = udp_socket(&b);
	assert_int_equal(setsockopt(sb, IPPROTO_IP, IP_PKTINFO, &one,
				    sizeof(one)), 0);
	assert_int_equal(setsockopt(sb, IPPROTO_IP, IP_RECVTTL, &one,
				    sizeof(one)), 0);

	/* only the sizes of name and control matter to the kernel */
	memset(&msgh, 0, sizeof(msgh));
	msgh.msg_namelen = sizeof(struct sockaddr_in);
	msgh.msg_controllen = CMSG_SPACE(sizeof(struct in_pktinfo)) +
			      CMSG_SPACE(sizeof(int));
	sqe = ops_sqe(&ring);
	io_uring_prep_recvmsg_multishot(sqe, sb, &msgh, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = 3;
	io_uring_sqe_set_data64(sqe, 0x4d);
	assert_int_equal(io_uring_submit(&ring), 1);

	t_fill_pattern(data, sizeof(data), 16);
	assert_int_equal(sendto(sa, data, 100, 0, (struct sockaddr *) &b,
				sizeof(b)), 100);
	ops_wait(&ring, &cqe);
	assert_int_equal(cqe.user_data, 0x4d);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	check_recvmsg_out(ops_pbuf_buf(&pb, &cqe), cqe.res, &msgh, &a,
			  data, 100);

	assert_int_equal(sendto(sa, data + 100, 200, 0, (struct sockaddr *) &b,
				sizeof(b)), 200);
	ops_wait(&ring, &cqe);
	assert_true(cqe.flags & IORING_CQE_F_MORE);
	check_recvmsg_out(ops_pbuf_buf(&pb, &cqe), cqe.res, &msgh, &a,
			  data + 100, 200);

	/*
	 * Bigger than the buffer: cut short and flagged MSG_TRUNC (only a
	 * request made with MSG_TRUNC would get the full length back).
	 */
	room = 512 - (unsigned) (sizeof(*o) + msgh.msg_namelen +
				 msgh.msg_controllen);
	assert_int_equal(sendto(sa, data, 1000, 0, (struct sockaddr *) &b,
				sizeof(b)), 1000);
	ops_wait(&ring, &cqe);
	o = io_uring_recvmsg_validate(ops_pbuf_buf(&pb, &cqe), cqe.res,
				      &msgh);
	assert_non_null(o);
	assert_true(o->flags & MSG_TRUNC);
	assert_int_equal(o->payloadlen, room);
	assert_int_equal(io_uring_recvmsg_payload_length(o, cqe.res, &msgh),
			 room);
	assert_memory_equal(io_uring_recvmsg_payload(o, &msgh), data, room);

	close(sa);
	close(sb);
	ops_pbuf_free(&ring, &pb);
	io_uring_queue_exit(&ring);
}

/*
 * Waits for a zero-copy send's CQEs: the result, flagged MORE when a
 * notification follows, then the notification that the buffer is free
 * again.  A failed send may or may not have a notification to wait for
 * (it depends on how far it got); a successful one always has.
 */
static int zc_wait(struct io_uring *ring, __u64 tag)
{
	struct io_uring_cqe cqe;
	int res;

	ops_wait(ring, &cqe);
	assert_int_equal(cqe.user_data, tag);
	assert_false(cqe.flags & IORING_CQE_F_NOTIF);
	res = cqe.res;
	if (res >= 0)
		assert_true(cqe.flags & IORING_CQE_F_MORE);
	if (!(cqe.flags & IORING_CQE_F_MORE))
		return res;
	ops_wait(ring, &cqe);
	assert_int_equal(cqe.user_data, tag);
	assert_true(cqe.flags & IORING_CQE_F_NOTIF);
	assert_false(cqe.flags & IORING_CQE_F_MORE);
	return res;
}

static void test_send_zc(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char *buf = NULL;
	struct iovec reg, iov[2];
	struct msghdr msg;
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SEND_ZC);
	T_REQUIRE_OP(&ring, IORING_OP_SENDMSG_ZC);
	assert_int_equal(posix_memalign((void **) &buf, 4096, 4 * 4096), 0);
	t_fill_pattern(buf, 4 * 4096, 17);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc(sqe, fds[0], buf, 4096, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 1), 4096);
	recv_pattern(fds[1], 4096, 0, 17);

	/* from a registered buffer */
	reg.iov_base = buf;
	reg.iov_len = 4 * 4096;
	ops_register_buffers(&ring, &reg, 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc_fixed(sqe, fds[0], buf + 4096, 4096, 0, 0, 0);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 2), 4096);
	recv_pattern(fds[1], 4096, 4096, 17);
	/* buf_index reaches the kernel: there is no buffer 3 */
	sqe = ops_sqe(&ring);
	io_uring_prep_send_zc_fixed(sqe, fds[0], buf, 4096, 0, 0, 3);
	io_uring_sqe_set_data64(sqe, 3);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 3), -EFAULT);

	/* sendmsg_zc gathers iovecs */
	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = buf + 2 * 4096;
	iov[0].iov_len = 1000;
	iov[1].iov_base = buf + 2 * 4096 + 1000;
	iov[1].iov_len = 3000;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_sendmsg_zc(sqe, fds[0], &msg, 0);
	io_uring_sqe_set_data64(sqe, 4);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(zc_wait(&ring, 4), 4000);
	recv_pattern(fds[1], 4000, 2 * 4096, 17);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
	free(buf);
}

/* sendmsg_zc from a registered buffer (vectored fixed send, Linux 6.15). */
static void test_sendmsg_zc_fixed(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char *buf = NULL;
	struct iovec reg, iov[2];
	struct msghdr msg;
	int fds[2], ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SENDMSG_ZC);
	assert_int_equal(posix_memalign((void **) &buf, 4096, 2 * 4096), 0);
	t_fill_pattern(buf, 2 * 4096, 18);
	t_tcp_pair(fds);
	reg.iov_base = buf;
	reg.iov_len = 2 * 4096;
	ops_register_buffers(&ring, &reg, 1);

	memset(&msg, 0, sizeof(msg));
	iov[0].iov_base = buf + 100;
	iov[0].iov_len = 900;
	iov[1].iov_base = buf + 1000;
	iov[1].iov_len = 5000;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	sqe = ops_sqe(&ring);
	io_uring_prep_sendmsg_zc_fixed(sqe, fds[0], &msg, 0, 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 1);
	ret = zc_wait(&ring, 1);
	if (ret == -EINVAL || ret == -EOPNOTSUPP)
		t_skip("kernel lacks registered buffers for sendmsg_zc");
	assert_int_equal(ret, 5900);
	recv_pattern(fds[1], 5900, 100, 18);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
	free(buf);
}

static void test_shutdown(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char buf[8];
	int fds[2];

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_SHUTDOWN);
	t_tcp_pair(fds);

	sqe = ops_sqe(&ring);
	io_uring_prep_shutdown(sqe, fds[0], SHUT_WR);
	assert_int_equal(ops_run1(&ring, sqe, 1), 0);
	/* the peer sees end of file; the other direction still works */
	assert_int_equal(recv(fds[1], buf, sizeof(buf), 0), 0);
	assert_int_equal(send(fds[1], "back", 4, 0), 4);
	assert_int_equal(recv(fds[0], buf, sizeof(buf), 0), 4);
	assert_int_equal(send(fds[0], "x", 1, MSG_NOSIGNAL), -1);
	assert_int_equal(errno, EPIPE);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/* Waits until fd has at least n bytes to read. */
static void wait_readable(int fd, int n)
{
	int i, avail = 0;

	for (i = 0; i < 500; i++) {
		assert_int_equal(ioctl(fd, SIOCINQ, &avail), 0);
		if (avail >= n)
			return;
		usleep(1000);
	}
	fail_msg("data did not arrive");
}

static void test_cmd_sock(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char data[4096];
	int fds[2], val, small = 4096, outq, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	t_tcp_pair(fds);
	memset(data, 'q', sizeof(data));

	/* SIOCINQ counts what waits on the receive side */
	assert_int_equal(send(fds[0], data, 123, 0), 123);
	wait_readable(fds[1], 123);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_SIOCINQ, fds[1], 0, 0,
			       NULL, 0);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP)
		t_skip("kernel lacks socket uring commands");
	assert_int_equal(ret, 123);
	/* the plain uring_cmd helper, same command */
	sqe = ops_sqe(&ring);
	io_uring_prep_uring_cmd(sqe, SOCKET_URING_OP_SIOCINQ, fds[1]);
	assert_int_equal(ops_run1(&ring, sqe, 2), 123);

	/* SIOCOUTQ: fill the peer's window so unsent data stays queued */
	assert_int_equal(setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &small,
				    sizeof(small)), 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	while (send(fds[0], data, sizeof(data), 0) > 0)
		;
	usleep(20000);
	assert_int_equal(ioctl(fds[0], SIOCOUTQ, &outq), 0);
	assert_true(outq > 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_SIOCOUTQ, fds[0], 0, 0,
			       NULL, 0);
	assert_int_equal(ops_run1(&ring, sqe, 3), outq);

	/* SETSOCKOPT, seen by getsockopt(2) */
	val = 1;
	assert_int_equal(sockopt(fds[0], SOL_SOCKET, SO_KEEPALIVE), 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_SETSOCKOPT, fds[0],
			       SOL_SOCKET, SO_KEEPALIVE, &val, sizeof(val));
	assert_int_equal(ops_run1(&ring, sqe, 4), 0);
	assert_int_equal(sockopt(fds[0], SOL_SOCKET, SO_KEEPALIVE), 1);

	/* GETSOCKOPT: the value, and the length as res */
	val = -1;
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_GETSOCKOPT, fds[1],
			       SOL_SOCKET, SO_RCVBUF, &val, sizeof(val));
	assert_int_equal(ops_run1(&ring, sqe, 5), sizeof(val));
	assert_int_equal(val, sockopt(fds[1], SOL_SOCKET, SO_RCVBUF));
	val = -1;
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_sock(sqe, SOCKET_URING_OP_GETSOCKOPT, fds[1],
			       SOL_SOCKET, SO_TYPE, &val, sizeof(val));
	assert_int_equal(ops_run1(&ring, sqe, 6), sizeof(val));
	assert_int_equal(val, SOCK_STREAM);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_cmd_getsockname(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct sockaddr_in sin;
	socklen_t len;
	int fds[2], ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	t_tcp_pair(fds);

	memset(&sin, 0, sizeof(sin));
	len = sizeof(sin);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_getsockname(sqe, fds[0], (struct sockaddr *) &sin,
				      &len, 0);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP || ret == -EINVAL) {
		close(fds[0]);
		close(fds[1]);
		t_skip("kernel lacks SOCKET_URING_OP_GETSOCKNAME (Linux 6.19)");
	}
	assert_int_equal(ret, 0);
	assert_int_equal(len, sizeof(sin));
	assert_int_equal(ntohs(sin.sin_port), port_of(fds[0], 0));

	/* peer 1: getpeername */
	memset(&sin, 0, sizeof(sin));
	len = sizeof(sin);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_getsockname(sqe, fds[0], (struct sockaddr *) &sin,
				      &len, 1);
	assert_int_equal(ops_run1(&ring, sqe, 2), 0);
	assert_int_equal(ntohs(sin.sin_port), port_of(fds[1], 0));

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_socket_bind_listen),
		OPS_RING_TESTS(test_socket_direct),
		OPS_RING_TESTS(test_accept),
		OPS_RING_TESTS(test_multishot_accept),
		OPS_RING_TESTS(test_multishot_accept_direct),
		OPS_RING_TESTS(test_connect),
		OPS_RING_TESTS(test_send_recv),
		OPS_RING_TESTS(test_sendto),
		OPS_RING_TESTS(test_send_bundle),
		OPS_RING_TESTS(test_recv_multishot),
		OPS_RING_TESTS(test_sendmsg_recvmsg),
		cmocka_unit_test(test_recvmsg_out_bounds),
		OPS_RING_TESTS(test_recvmsg_multishot),
		OPS_RING_TESTS(test_send_zc),
		OPS_RING_TESTS(test_sendmsg_zc_fixed),
		OPS_RING_TESTS(test_shutdown),
		OPS_RING_TESTS(test_cmd_sock),
		OPS_RING_TESTS(test_cmd_getsockname),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
