// SPDX-License-Identifier: MIT
//
// The second translation unit of the C++ builds of test/compat/sample.c.
// Under C++20 liburing.h's helpers are inline with external linkage, so
// the addresses taken here must equal those taken in sample.c; a helper
// left static inline would have one copy, and one address, per TU.
#include <liburing.h>

#if __cplusplus >= 202002L
decltype(&io_uring_prep_nop) tu2_prep_nop()
{
	return &io_uring_prep_nop;
}

decltype(&io_uring_cqe_seen) tu2_cqe_seen()
{
	return &io_uring_cqe_seen;
}

decltype(&io_uring_get_sqe) tu2_get_sqe()
{
	return &io_uring_get_sqe;
}

decltype(&io_uring_buf_ring_add) tu2_buf_ring_add()
{
	return &io_uring_buf_ring_add;
}
#endif
