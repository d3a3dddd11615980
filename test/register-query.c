/* SPDX-License-Identifier: MIT */
/*
 * IORING_REGISTER_QUERY: what the kernel reports it supports.
 */
#include "register-util.h"

static void test_query(void **state)
{
	struct io_uring_query_opcode op;
	struct io_uring_query_hdr hdr[2];
	struct io_uring_probe *probe;
	char junk[64];
	int ret;

	(void) state;
	memset(&op, 0, sizeof(op));
	memset(hdr, 0, sizeof(hdr));
	hdr[0].query_data = (uintptr_t) &op;
	hdr[0].size = sizeof(op);
	hdr[0].query_op = IO_URING_QUERY_OPCODES;
	hdr[0].next_entry = (uintptr_t) &hdr[1];
	/* a query the kernel does not know gets its own error */
	hdr[1].query_data = (uintptr_t) junk;
	hdr[1].size = sizeof(junk);
	hdr[1].query_op = 200;
	ret = io_uring_register_query(hdr);
	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_QUERY (6.18)");
	assert_int_equal(ret, 0);
	assert_int_equal(hdr[0].result, 0);
	assert_true(hdr[0].size > 0);
	assert_int_equal(hdr[1].result, -EOPNOTSUPP);

	/* the same opcode count a probe reports */
	probe = io_uring_get_probe();
	assert_non_null(probe);
	assert_int_equal(op.nr_request_opcodes, probe->last_op + 1);
	io_uring_free_probe(probe);
	assert_true(op.nr_register_opcodes > IORING_REGISTER_MEM_REGION);
	assert_true(op.feature_flags & IORING_FEAT_NODROP);
	assert_true(op.ring_setup_flags & IORING_SETUP_SQPOLL);
	assert_true(op.sqe_flags & IOSQE_FIXED_FILE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
