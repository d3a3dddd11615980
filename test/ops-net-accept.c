/* SPDX-License-Identifier: MIT */
/*
 * Accept (single, multishot, into fixed slots) and connect against
 * the real kernel over loopback.
 */
#include "net-util.h"

static socklen_t inlen = sizeof(struct sockaddr_in);

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_accept),
		OPS_RING_TESTS(test_multishot_accept),
		OPS_RING_TESTS(test_multishot_accept_direct),
		OPS_RING_TESTS(test_connect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
