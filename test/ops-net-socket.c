/* SPDX-License-Identifier: MIT */
/*
 * Sockets made by the ring (IORING_OP_SOCKET, plain and direct),
 * bind and listen, shutdown, and socket commands (SOCKET_URING_OP_*),
 * against the real kernel over loopback.
 */
#include "net-util.h"

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
		OPS_RING_TESTS(test_shutdown),
		OPS_RING_TESTS(test_cmd_sock),
		OPS_RING_TESTS(test_cmd_getsockname),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
