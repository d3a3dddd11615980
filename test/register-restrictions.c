/* SPDX-License-Identifier: MIT */
/*
 * Restrictions: a ring created disabled (IORING_SETUP_R_DISABLED) gets an
 * allowlist of opcodes, register operations and SQE flags, then is
 * enabled; from then on everything else is -EACCES.
 */
#include "helpers.h"

static int run_sqe(struct io_uring *ring, int op, unsigned sqe_flags, int fd,
		   void *buf, unsigned len)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	struct io_uring_cqe cqe;

	io_uring_prep_rw(op, sqe, fd, buf, len, 0);
	sqe->flags = (__u8) sqe_flags;
	io_uring_sqe_set_data64(sqe, 7);
	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, &cqe);
	assert_int_equal(cqe.user_data, 7);
	return cqe.res;
}

static void test_allowlist(void **state)
{
	static const struct t_rule rules[] = {
		{ IORING_RESTRICTION_SQE_OP, IORING_OP_NOP },
		{ IORING_RESTRICTION_SQE_OP, IORING_OP_WRITE },
		{ IORING_RESTRICTION_REGISTER_OP, IORING_REGISTER_PROBE },
		{ IORING_RESTRICTION_SQE_FLAGS_ALLOWED, IOSQE_IO_LINK },
	};
	struct io_uring ring;
	struct io_uring_probe *probe;
	struct iovec iov;
	char buf[64];
	int pipefd[2];

	(void) state;
	t_restricted_ring(&ring, rules, T_ARRAY_SIZE(rules));

	/* nothing runs before the ring is enabled */
	io_uring_prep_nop(io_uring_get_sqe(&ring));
	assert_int_equal(io_uring_submit(&ring), -EBADFD);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	{
		struct io_uring_cqe cqe;

		/* the NOP queued while disabled goes now */
		assert_int_equal(io_uring_submit(&ring), 1);
		t_reap(&ring, &cqe);
		assert_int_equal(cqe.res, 0);
	}

	assert_int_equal(pipe(pipefd), 0);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, 0, -1, NULL, 0), 0);
	assert_int_equal(run_sqe(&ring, IORING_OP_WRITE, 0, pipefd[1], "abc",
				 3), 3);
	/* the write happened: the bytes are in the pipe */
	assert_int_equal(read(pipefd[0], buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	assert_int_equal(run_sqe(&ring, IORING_OP_READ, 0, pipefd[0], buf,
				 sizeof(buf)), -EACCES);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, IOSQE_IO_LINK, -1,
				 NULL, 0), 0);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, IOSQE_ASYNC, -1, NULL,
				 0), -EACCES);

	/* only the allowed register operation */
	probe = io_uring_get_probe_ring(&ring);
	assert_non_null(probe);
	assert_true(io_uring_opcode_supported(probe, IORING_OP_NOP));
	io_uring_free_probe(probe);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	assert_int_equal(io_uring_register_buffers(&ring, &iov, 1), -EACCES);
	assert_int_equal(io_uring_register_personality(&ring), -EACCES);
	assert_int_equal(io_uring_register_eventfd(&ring, pipefd[0]),
			 -EACCES);
	close(pipefd[0]);
	close(pipefd[1]);
	io_uring_queue_exit(&ring);
}

/* Flags that must be present on every SQE. */
static void test_required_flags(void **state)
{
	static const struct t_rule rules[] = {
		{ IORING_RESTRICTION_SQE_OP, IORING_OP_NOP },
		{ IORING_RESTRICTION_SQE_FLAGS_REQUIRED, IOSQE_ASYNC },
		{ IORING_RESTRICTION_SQE_FLAGS_ALLOWED, 0 },
	};
	struct io_uring ring;

	(void) state;
	t_restricted_ring(&ring, rules, T_ARRAY_SIZE(rules));
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, 0, -1, NULL, 0),
			 -EACCES);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, IOSQE_ASYNC, -1, NULL,
				 0), 0);
	io_uring_queue_exit(&ring);
}

static void test_errors(void **state)
{
	struct io_uring_restriction res;
	struct io_uring ring;

	(void) state;
	memset(&res, 0, sizeof(res));
	res.opcode = IORING_RESTRICTION_SQE_OP;
	res.sqe_op = IORING_OP_NOP;

	/* only on a disabled ring */
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_restrictions(&ring, &res, 1),
			 -EBADFD);
	assert_int_equal(io_uring_enable_rings(&ring), -EBADFD);
	io_uring_queue_exit(&ring);

	t_restricted_ring(&ring, NULL, 0);
	/* an opcode the kernel does not know voids the whole set */
	res.sqe_op = 255;
	assert_int_equal(io_uring_register_restrictions(&ring, &res, 1),
			 -EINVAL);
	res.sqe_op = IORING_OP_NOP;
	assert_int_equal(io_uring_register_restrictions(&ring, &res, 1), 0);
	/* once only */
	assert_int_equal(io_uring_register_restrictions(&ring, &res, 1),
			 -EBUSY);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	/* enabling is a one-time transition too */
	assert_int_equal(io_uring_enable_rings(&ring), -EACCES);
	io_uring_queue_exit(&ring);

	/* without restrictions, enabling just enables */
	t_restricted_ring(&ring, NULL, 0);
	assert_int_equal(io_uring_enable_rings(&ring), 0);
	assert_int_equal(run_sqe(&ring, IORING_OP_NOP, IOSQE_ASYNC, -1, NULL,
				 0), 0);
	assert_int_equal(io_uring_enable_rings(&ring), -EBADFD);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowlist),
		cmocka_unit_test(test_required_flags),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
