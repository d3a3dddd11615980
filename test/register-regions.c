/* SPDX-License-Identifier: MIT */
/*
 * Memory regions (IORING_REGISTER_MEM_REGION): a wait region in our
 * memory, and a plain region in kernel memory mapped from the ring.
 */
#include "register-util.h"

static void *page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	memset(p, 0, 4096);
	return p;
}

static void test_wait_reg(void **state)
{
	struct io_uring_reg_wait *reg = page();
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	long long start;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, IORING_SETUP_R_DISABLED);
	reg[1].ts.tv_nsec = 50 * 1000 * 1000;
	reg[1].flags = IORING_REG_WAIT_TS;
	ret = io_uring_register_wait_reg(&ring, reg, 4);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_MEM_REGION)
		t_skip("kernel lacks IORING_REGISTER_MEM_REGION (6.13)");
	assert_int_equal(ret, 0);
	/* one region per ring */
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 4), -EBUSY);
	assert_int_equal(io_uring_enable_rings(&ring), 0);

	/* nothing to wait for: slot 1's timeout ends the wait */
	start = t_now_ms();
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1),
			 -ETIME);
	assert_true(t_now_ms() - start >= 40);

	/* the kernel reads the slot at each wait: change it in place */
	reg[1].ts.tv_nsec = 200 * 1000 * 1000;
	start = t_now_ms();
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1),
			 -ETIME);
	assert_true(t_now_ms() - start >= 180);

	/* a request: submitted and reaped through the same call */
	t_queue_nops(&ring, 1, 77);
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1, 1), 1);
	assert_non_null(cqe);
	assert_int_equal(cqe->user_data, 77);
	io_uring_cqe_seen(&ring, cqe);

	/* a slot past the region */
	assert_int_equal(io_uring_submit_and_wait_reg(&ring, &cqe, 1,
						      4096 / sizeof(*reg)),
			 -EFAULT);
	io_uring_queue_exit(&ring);

	/* wait regions only before the ring is enabled */
	t_ring_init(&ring, 8, 0);
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 4), -EINVAL);
	assert_int_equal(io_uring_register_wait_reg(&ring, reg, 0), -EINVAL);
	io_uring_queue_exit(&ring);
	munmap(reg, 4096);
}

/* A plain region, in kernel memory this time: we map it from the ring. */
static void test_region(void **state)
{
	struct io_uring_region_desc rd;
	struct io_uring_mem_region_reg mr;
	struct io_uring ring;
	unsigned char *p;
	int ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	memset(&rd, 0, sizeof(rd));
	rd.size = 4096;
	memset(&mr, 0, sizeof(mr));
	mr.region_uptr = (uintptr_t) &rd;
	ret = io_uring_register_region(&ring, &mr);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_MEM_REGION)
		t_skip("kernel lacks IORING_REGISTER_MEM_REGION (6.13)");
	assert_int_equal(ret, 0);
	/* the kernel told us where to map it */
	assert_true(rd.mmap_offset != 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
		 ring.ring_fd, (off_t) rd.mmap_offset);
	assert_true(p != MAP_FAILED);
	assert_int_equal(p[0], 0);
	p[100] = 0x5a;
	assert_int_equal(p[100], 0x5a);
	munmap(p, 4096);
	assert_int_equal(io_uring_register_region(&ring, &mr), -EBUSY);
	io_uring_queue_exit(&ring);

	/* an unaligned size */
	t_ring_init(&ring, 8, 0);
	memset(&rd, 0, sizeof(rd));
	rd.size = 100;
	assert_int_equal(io_uring_register_region(&ring, &mr), -EINVAL);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_reg),
		cmocka_unit_test(test_region),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
