/* SPDX-License-Identifier: MIT */
/*
 * The structs liburing.h itself declares are ABI: binaries built against
 * any liburing 2.x read struct io_uring's fields from inline code compiled
 * into them (the 2.3 accessors dereference sq.khead, cq.ktail, the ring
 * masks ...), and io_uring_cqe_iter and io_uring_zcrx_rq are returned or
 * filled by value.  Every offset, size and signedness must stay where the
 * target has it; the tables (test/layout-ring.h) hold the target's facts.
 */
#include "helpers.h"
#include "layout.h"
#include "layout-ring.h"

static void test_ring_struct_sizes(void **state)
{
	(void)state;
	assert_int_equal(layout_check_sizes(ring_sizes,
					    LAYOUT_ARRAY_SIZE(ring_sizes)), 0);
}

static void test_ring_struct_fields(void **state)
{
	(void)state;
	assert_int_equal(layout_check_fields(ring_fields,
					     LAYOUT_ARRAY_SIZE(ring_fields)),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_struct_sizes),
		cmocka_unit_test(test_ring_struct_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
