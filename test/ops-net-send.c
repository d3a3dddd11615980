/* SPDX-License-Identifier: MIT */
/*
 * The send and receive family against the real kernel over loopback:
 * send/recv, sendto, bundles, multishot receive, sendmsg/recvmsg and
 * multishot recvmsg.  Every test checks what arrived on the other end.
 */
#include "net-util.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_send_recv),
		OPS_RING_TESTS(test_sendto),
		OPS_RING_TESTS(test_send_bundle),
		OPS_RING_TESTS(test_recv_multishot),
		OPS_RING_TESTS(test_sendmsg_recvmsg),
		cmocka_unit_test(test_recvmsg_out_bounds),
		OPS_RING_TESTS(test_recvmsg_multishot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
