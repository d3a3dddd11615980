/* SPDX-License-Identifier: MIT */
/*
 * Zero-copy receive (IORING_REGISTER_ZCRX_IFQ): the argument checks
 * that need no capable NIC.
 */
#include "register-util.h"

/*
 * A zcrx interface queue needs a NIC with header split and queue
 * management; none here.  What can be checked is that the arguments reach
 * the kernel and its validation answers.
 */
static void test_zcrx_validation(void **state)
{
	struct io_uring_zcrx_area_reg area;
	struct io_uring_zcrx_ifq_reg reg;
	struct io_uring_region_desc rd;
	struct zcrx_ctrl ctrl;
	struct io_uring ring;
	size_t alen = 1 << 20;
	void *mem, *rq;
	int ret;

	(void) state;
	/* zcrx wants DEFER_TASKRUN and big CQEs */
	t_ring_init(&ring, 8, 0);
	memset(&reg, 0, sizeof(reg));
	ret = io_uring_register_ifq(&ring, &reg);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_ZCRX_IFQ)
		t_skip("kernel lacks IORING_REGISTER_ZCRX_IFQ (6.15)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without CONFIG_IO_URING_ZCRX");
	assert_int_equal(ret, -EINVAL);
	io_uring_queue_exit(&ring);

	t_ring_init(&ring, 8, DEFER | IORING_SETUP_CQE32);
	mem = mmap(NULL, alen, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rq = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED && rq != MAP_FAILED);
	memset(&area, 0, sizeof(area));
	area.addr = (uintptr_t) mem;
	area.len = alen;
	memset(&rd, 0, sizeof(rd));
	rd.user_addr = (uintptr_t) rq;
	rd.size = 4 * 4096;
	rd.flags = IORING_MEM_REGION_TYPE_USER;
	memset(&reg, 0, sizeof(reg));
	reg.if_rxq = 0;
	reg.rq_entries = 64;
	reg.area_ptr = (uintptr_t) &area;
	reg.region_ptr = (uintptr_t) &rd;

	/* no such interface */
	reg.if_idx = 0x7fffffff;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -ENODEV);
	/* loopback has no hardware queues to take over */
	reg.if_idx = if_nametoindex("lo");
	assert_true(reg.if_idx > 0);
	ret = io_uring_register_ifq(&ring, &reg);
	assert_true(ret == -EOPNOTSUPP || ret == -EINVAL);
	/* reserved fields, and a queue size of 0 */
	reg.__resv[0] = 1;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -EINVAL);
	reg.__resv[0] = 0;
	reg.rq_entries = 0;
	assert_int_equal(io_uring_register_ifq(&ring, &reg), -EINVAL);

	/* control operations on an instance that does not exist */
	memset(&ctrl, 0, sizeof(ctrl));
	ctrl.zcrx_id = 1234;
	ctrl.op = ZCRX_CTRL_FLUSH_RQ;
	ret = io_uring_register_zcrx_ctrl(&ring, &ctrl);
	if (kernel_register_ops() <= IORING_REGISTER_ZCRX_CTRL) {
		/* the opcode is past what this kernel knows */
		assert_int_equal(ret, -EINVAL);
		printf("[  NOTE    ] kernel lacks IORING_REGISTER_ZCRX_CTRL "
		       "(6.19): only its refusal was checked\n");
	} else {
		assert_int_equal(ret, -ENXIO);
	}
	munmap(mem, alen);
	munmap(rq, 4 * 4096);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zcrx_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
