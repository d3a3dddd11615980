/* SPDX-License-Identifier: MIT */
/*
 * NAPI busy polling (IORING_REGISTER_NAPI): register, read back,
 * unregister.
 */
#include "register-util.h"

static void test_napi(void **state)
{
	struct io_uring_napi napi;
	struct io_uring ring;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&napi, 0, sizeof(napi));
	napi.busy_poll_to = 50;
	napi.prefer_busy_poll = 1;
	ret = io_uring_register_napi(&ring, &napi);
	if (ret == -EINVAL && kernel_register_ops() <= IORING_REGISTER_NAPI)
		t_skip("kernel lacks IORING_REGISTER_NAPI (6.9)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without CONFIG_NET_RX_BUSY_POLL");
	assert_int_equal(ret, 0);
	/* what was in force before comes back: nothing */
	assert_int_equal(napi.prefer_busy_poll, 0);

	/* registering again reports our settings */
	memset(&napi, 0, sizeof(napi));
	napi.busy_poll_to = 100;
	assert_int_equal(io_uring_register_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 50);
	assert_int_equal(napi.prefer_busy_poll, 1);

	memset(&napi, 0xff, sizeof(napi));
	assert_int_equal(io_uring_unregister_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 100);
	assert_int_equal(napi.prefer_busy_poll, 0);
	/* and now it is off */
	memset(&napi, 0xff, sizeof(napi));
	assert_int_equal(io_uring_unregister_napi(&ring, &napi), 0);
	assert_int_equal(napi.busy_poll_to, 0);
	assert_int_equal(io_uring_unregister_napi(&ring, NULL), 0);

	memset(&napi, 0, sizeof(napi));
	napi.pad[1] = 1;
	assert_int_equal(io_uring_register_napi(&ring, &napi), -EINVAL);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_napi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
