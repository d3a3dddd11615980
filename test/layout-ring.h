/* SPDX-License-Identifier: MIT */
/*
 * Required layouts of the structs liburing.h itself declares: struct
 * io_uring and its io_uring_sq / io_uring_cq members, struct
 * io_uring_cqe_iter and struct io_uring_zcrx_rq. Binaries built against
 * older liburing releases read these fields directly from inline code, so
 * they are ABI exactly like the kernel's structs.
 *
 * The members are pointers, size_t and unsigned, so every offset is a
 * multiple of the pointer size P plus 4-byte steps: 8 on 64-bit ABIs (the
 * x86_64 figures: sizeof(struct io_uring) is 216), 4 on 32-bit ones
 * (140).  size_t is as wide as a pointer on every Linux ABI.
 *
 * Tables only, for a test to run through layout_check_sizes() and
 * layout_check_fields(): include after <cmocka.h>, <liburing.h> and
 * "layout.h".  Each row is also a compile-time check (layout.h).
 */
#ifndef LIBURING_TEST_LAYOUT_RING_H
#define LIBURING_TEST_LAYOUT_RING_H

#define P		sizeof(void *)
#define SQ_SIZE		(10 * P + 24)
#define CQ_SIZE		(9 * P + 16)
/* where struct io_uring's own members start, after sq and cq */
#define RING_TAIL	(SQ_SIZE + CQ_SIZE)

static const struct layout_size ring_sizes[] = {
	LAYOUT_SIZE(io_uring, RING_TAIL + 24),
	LAYOUT_SIZE(io_uring_cq, CQ_SIZE),
	LAYOUT_SIZE(io_uring_cqe_iter, P + 16),
	LAYOUT_SIZE(io_uring_sq, SQ_SIZE),
	LAYOUT_SIZE(io_uring_zcrx_rq, 4 * P + 8),
};

static const struct layout_field ring_fields[] = {
	LAYOUT_FIELD(io_uring, sq, 0, SQ_SIZE),
	LAYOUT_FIELD(io_uring, sq.khead, 0, P),
	LAYOUT_FIELD(io_uring, sq.ktail, P, P),
	LAYOUT_FIELD(io_uring, sq.kring_mask, 2 * P, P),
	LAYOUT_FIELD(io_uring, sq.kring_entries, 3 * P, P),
	LAYOUT_FIELD(io_uring, sq.kflags, 4 * P, P),
	LAYOUT_FIELD(io_uring, sq.kdropped, 5 * P, P),
	LAYOUT_FIELD(io_uring, sq.array, 6 * P, P),
	LAYOUT_FIELD(io_uring, sq.sqes, 7 * P, P),
	LAYOUT_U(io_uring, sq.sqe_head, 8 * P, 4),
	LAYOUT_U(io_uring, sq.sqe_tail, 8 * P + 4, 4),
	LAYOUT_U(io_uring, sq.ring_sz, 8 * P + 8, P),
	LAYOUT_FIELD(io_uring, sq.ring_ptr, 9 * P + 8, P),
	LAYOUT_U(io_uring, sq.ring_mask, 10 * P + 8, 4),
	LAYOUT_U(io_uring, sq.ring_entries, 10 * P + 12, 4),
	LAYOUT_U(io_uring, sq.sqes_sz, 10 * P + 16, 4),
	LAYOUT_U(io_uring, sq.pad, 10 * P + 20, 4),
	LAYOUT_FIELD(io_uring, cq, SQ_SIZE, CQ_SIZE),
	LAYOUT_FIELD(io_uring, cq.khead, SQ_SIZE, P),
	LAYOUT_FIELD(io_uring, cq.ktail, SQ_SIZE + P, P),
	LAYOUT_FIELD(io_uring, cq.kring_mask, SQ_SIZE + 2 * P, P),
	LAYOUT_FIELD(io_uring, cq.kring_entries, SQ_SIZE + 3 * P, P),
	LAYOUT_FIELD(io_uring, cq.kflags, SQ_SIZE + 4 * P, P),
	LAYOUT_FIELD(io_uring, cq.koverflow, SQ_SIZE + 5 * P, P),
	LAYOUT_FIELD(io_uring, cq.cqes, SQ_SIZE + 6 * P, P),
	LAYOUT_U(io_uring, cq.ring_sz, SQ_SIZE + 7 * P, P),
	LAYOUT_FIELD(io_uring, cq.ring_ptr, SQ_SIZE + 8 * P, P),
	LAYOUT_U(io_uring, cq.ring_mask, SQ_SIZE + 9 * P, 4),
	LAYOUT_U(io_uring, cq.ring_entries, SQ_SIZE + 9 * P + 4, 4),
	LAYOUT_FIELD(io_uring, cq.pad, SQ_SIZE + 9 * P + 8, 8),
	LAYOUT_U(io_uring, flags, RING_TAIL, 4),
	LAYOUT_S(io_uring, ring_fd, RING_TAIL + 4, 4),
	LAYOUT_U(io_uring, features, RING_TAIL + 8, 4),
	LAYOUT_S(io_uring, enter_ring_fd, RING_TAIL + 12, 4),
	LAYOUT_U(io_uring, int_flags, RING_TAIL + 16, 1),
	LAYOUT_FIELD(io_uring, pad, RING_TAIL + 17, 3),
	LAYOUT_U(io_uring, pad2, RING_TAIL + 20, 4),

	LAYOUT_FIELD(io_uring_cq, khead, 0, P),
	LAYOUT_FIELD(io_uring_cq, ktail, P, P),
	LAYOUT_FIELD(io_uring_cq, kring_mask, 2 * P, P),
	LAYOUT_FIELD(io_uring_cq, kring_entries, 3 * P, P),
	LAYOUT_FIELD(io_uring_cq, kflags, 4 * P, P),
	LAYOUT_FIELD(io_uring_cq, koverflow, 5 * P, P),
	LAYOUT_FIELD(io_uring_cq, cqes, 6 * P, P),
	LAYOUT_U(io_uring_cq, ring_sz, 7 * P, P),
	LAYOUT_FIELD(io_uring_cq, ring_ptr, 8 * P, P),
	LAYOUT_U(io_uring_cq, ring_mask, 9 * P, 4),
	LAYOUT_U(io_uring_cq, ring_entries, 9 * P + 4, 4),
	LAYOUT_FIELD(io_uring_cq, pad, 9 * P + 8, 8),

	LAYOUT_FIELD(io_uring_cqe_iter, cqes, 0, P),
	LAYOUT_U(io_uring_cqe_iter, mask, P, 4),
	LAYOUT_U(io_uring_cqe_iter, shift, P + 4, 4),
	LAYOUT_U(io_uring_cqe_iter, head, P + 8, 4),
	LAYOUT_U(io_uring_cqe_iter, tail, P + 12, 4),

	LAYOUT_FIELD(io_uring_sq, khead, 0, P),
	LAYOUT_FIELD(io_uring_sq, ktail, P, P),
	LAYOUT_FIELD(io_uring_sq, kring_mask, 2 * P, P),
	LAYOUT_FIELD(io_uring_sq, kring_entries, 3 * P, P),
	LAYOUT_FIELD(io_uring_sq, kflags, 4 * P, P),
	LAYOUT_FIELD(io_uring_sq, kdropped, 5 * P, P),
	LAYOUT_FIELD(io_uring_sq, array, 6 * P, P),
	LAYOUT_FIELD(io_uring_sq, sqes, 7 * P, P),
	LAYOUT_U(io_uring_sq, sqe_head, 8 * P, 4),
	LAYOUT_U(io_uring_sq, sqe_tail, 8 * P + 4, 4),
	LAYOUT_U(io_uring_sq, ring_sz, 8 * P + 8, P),
	LAYOUT_FIELD(io_uring_sq, ring_ptr, 9 * P + 8, P),
	LAYOUT_U(io_uring_sq, ring_mask, 10 * P + 8, 4),
	LAYOUT_U(io_uring_sq, ring_entries, 10 * P + 12, 4),
	LAYOUT_U(io_uring_sq, sqes_sz, 10 * P + 16, 4),
	LAYOUT_U(io_uring_sq, pad, 10 * P + 20, 4),

	LAYOUT_FIELD(io_uring_zcrx_rq, khead, 0, P),
	LAYOUT_FIELD(io_uring_zcrx_rq, ktail, P, P),
	LAYOUT_U(io_uring_zcrx_rq, rq_tail, 2 * P, 4),
	LAYOUT_U(io_uring_zcrx_rq, ring_entries, 2 * P + 4, 4),
	LAYOUT_FIELD(io_uring_zcrx_rq, rqes, 2 * P + 8, P),
	LAYOUT_FIELD(io_uring_zcrx_rq, ring_ptr, 3 * P + 8, P),
};

#undef P
#undef SQ_SIZE
#undef CQ_SIZE
#undef RING_TAIL

#endif /* LIBURING_TEST_LAYOUT_RING_H */
