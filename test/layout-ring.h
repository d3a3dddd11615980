/* SPDX-License-Identifier: MIT */
/*
 * Required layouts of the structs liburing.h itself declares (x86_64):
 * struct io_uring and its io_uring_sq / io_uring_cq members, struct
 * io_uring_cqe_iter and struct io_uring_zcrx_rq. Binaries built against
 * older liburing releases read these fields directly from inline code, so
 * they are ABI exactly like the kernel's structs.
 *
 * Tables only, for a test to run through layout_check_sizes() and
 * layout_check_fields(): include after <cmocka.h>, <liburing.h> and
 * "layout.h".
 */
#ifndef LIBURING_TEST_LAYOUT_RING_H
#define LIBURING_TEST_LAYOUT_RING_H

static const struct layout_size ring_sizes[] = {
	LAYOUT_SIZE(io_uring, 216),
	LAYOUT_SIZE(io_uring_cq, 88),
	LAYOUT_SIZE(io_uring_cqe_iter, 24),
	LAYOUT_SIZE(io_uring_sq, 104),
	LAYOUT_SIZE(io_uring_zcrx_rq, 40),
};

static const struct layout_field ring_fields[] = {
	LAYOUT_FIELD(io_uring, sq, 0, 104),
	LAYOUT_FIELD(io_uring, sq.khead, 0, 8),
	LAYOUT_FIELD(io_uring, sq.ktail, 8, 8),
	LAYOUT_FIELD(io_uring, sq.kring_mask, 16, 8),
	LAYOUT_FIELD(io_uring, sq.kring_entries, 24, 8),
	LAYOUT_FIELD(io_uring, sq.kflags, 32, 8),
	LAYOUT_FIELD(io_uring, sq.kdropped, 40, 8),
	LAYOUT_FIELD(io_uring, sq.array, 48, 8),
	LAYOUT_FIELD(io_uring, sq.sqes, 56, 8),
	LAYOUT_U(io_uring, sq.sqe_head, 64, 4),
	LAYOUT_U(io_uring, sq.sqe_tail, 68, 4),
	LAYOUT_U(io_uring, sq.ring_sz, 72, 8),
	LAYOUT_FIELD(io_uring, sq.ring_ptr, 80, 8),
	LAYOUT_U(io_uring, sq.ring_mask, 88, 4),
	LAYOUT_U(io_uring, sq.ring_entries, 92, 4),
	LAYOUT_U(io_uring, sq.sqes_sz, 96, 4),
	LAYOUT_U(io_uring, sq.pad, 100, 4),
	LAYOUT_FIELD(io_uring, cq, 104, 88),
	LAYOUT_FIELD(io_uring, cq.khead, 104, 8),
	LAYOUT_FIELD(io_uring, cq.ktail, 112, 8),
	LAYOUT_FIELD(io_uring, cq.kring_mask, 120, 8),
	LAYOUT_FIELD(io_uring, cq.kring_entries, 128, 8),
	LAYOUT_FIELD(io_uring, cq.kflags, 136, 8),
	LAYOUT_FIELD(io_uring, cq.koverflow, 144, 8),
	LAYOUT_FIELD(io_uring, cq.cqes, 152, 8),
	LAYOUT_U(io_uring, cq.ring_sz, 160, 8),
	LAYOUT_FIELD(io_uring, cq.ring_ptr, 168, 8),
	LAYOUT_U(io_uring, cq.ring_mask, 176, 4),
	LAYOUT_U(io_uring, cq.ring_entries, 180, 4),
	LAYOUT_FIELD(io_uring, cq.pad, 184, 8),
	LAYOUT_U(io_uring, flags, 192, 4),
	LAYOUT_S(io_uring, ring_fd, 196, 4),
	LAYOUT_U(io_uring, features, 200, 4),
	LAYOUT_S(io_uring, enter_ring_fd, 204, 4),
	LAYOUT_U(io_uring, int_flags, 208, 1),
	LAYOUT_FIELD(io_uring, pad, 209, 3),
	LAYOUT_U(io_uring, pad2, 212, 4),

	LAYOUT_FIELD(io_uring_cq, khead, 0, 8),
	LAYOUT_FIELD(io_uring_cq, ktail, 8, 8),
	LAYOUT_FIELD(io_uring_cq, kring_mask, 16, 8),
	LAYOUT_FIELD(io_uring_cq, kring_entries, 24, 8),
	LAYOUT_FIELD(io_uring_cq, kflags, 32, 8),
	LAYOUT_FIELD(io_uring_cq, koverflow, 40, 8),
	LAYOUT_FIELD(io_uring_cq, cqes, 48, 8),
	LAYOUT_U(io_uring_cq, ring_sz, 56, 8),
	LAYOUT_FIELD(io_uring_cq, ring_ptr, 64, 8),
	LAYOUT_U(io_uring_cq, ring_mask, 72, 4),
	LAYOUT_U(io_uring_cq, ring_entries, 76, 4),
	LAYOUT_FIELD(io_uring_cq, pad, 80, 8),

	LAYOUT_FIELD(io_uring_cqe_iter, cqes, 0, 8),
	LAYOUT_U(io_uring_cqe_iter, mask, 8, 4),
	LAYOUT_U(io_uring_cqe_iter, shift, 12, 4),
	LAYOUT_U(io_uring_cqe_iter, head, 16, 4),
	LAYOUT_U(io_uring_cqe_iter, tail, 20, 4),

	LAYOUT_FIELD(io_uring_sq, khead, 0, 8),
	LAYOUT_FIELD(io_uring_sq, ktail, 8, 8),
	LAYOUT_FIELD(io_uring_sq, kring_mask, 16, 8),
	LAYOUT_FIELD(io_uring_sq, kring_entries, 24, 8),
	LAYOUT_FIELD(io_uring_sq, kflags, 32, 8),
	LAYOUT_FIELD(io_uring_sq, kdropped, 40, 8),
	LAYOUT_FIELD(io_uring_sq, array, 48, 8),
	LAYOUT_FIELD(io_uring_sq, sqes, 56, 8),
	LAYOUT_U(io_uring_sq, sqe_head, 64, 4),
	LAYOUT_U(io_uring_sq, sqe_tail, 68, 4),
	LAYOUT_U(io_uring_sq, ring_sz, 72, 8),
	LAYOUT_FIELD(io_uring_sq, ring_ptr, 80, 8),
	LAYOUT_U(io_uring_sq, ring_mask, 88, 4),
	LAYOUT_U(io_uring_sq, ring_entries, 92, 4),
	LAYOUT_U(io_uring_sq, sqes_sz, 96, 4),
	LAYOUT_U(io_uring_sq, pad, 100, 4),

	LAYOUT_FIELD(io_uring_zcrx_rq, khead, 0, 8),
	LAYOUT_FIELD(io_uring_zcrx_rq, ktail, 8, 8),
	LAYOUT_U(io_uring_zcrx_rq, rq_tail, 16, 4),
	LAYOUT_U(io_uring_zcrx_rq, ring_entries, 20, 4),
	LAYOUT_FIELD(io_uring_zcrx_rq, rqes, 24, 8),
	LAYOUT_FIELD(io_uring_zcrx_rq, ring_ptr, 32, 8),
};

#endif /* LIBURING_TEST_LAYOUT_RING_H */
