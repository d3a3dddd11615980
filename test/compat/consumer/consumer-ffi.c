/* SPDX-License-Identifier: MIT */
/*
 * A liburing-ffi consumer: like a binding from another language, it calls
 * the helpers that liburing.h would inline as real functions of
 * liburing-ffi.so.2.  The header still gives the types; each helper is
 * reached under a name of our own bound to the exported symbol, so the
 * header's inline definitions cannot stand in for the library's.
 */
#include <liburing.h>
#include <stdio.h>

#define FFI(ret, name, sym, args) ret name args __asm__(#sym)

FFI(struct io_uring_sqe *, ffi_get_sqe, io_uring_get_sqe,
    (struct io_uring *));
FFI(void, ffi_prep_nop, io_uring_prep_nop, (struct io_uring_sqe *));
FFI(void, ffi_set_data64, io_uring_sqe_set_data64,
    (struct io_uring_sqe *, __u64));
FFI(int, ffi_wait_cqe, io_uring_wait_cqe,
    (struct io_uring *, struct io_uring_cqe **));
FFI(__u64, ffi_get_data64, io_uring_cqe_get_data64,
    (const struct io_uring_cqe *));
FFI(void, ffi_cqe_seen, io_uring_cqe_seen,
    (struct io_uring *, struct io_uring_cqe *));
FFI(unsigned, ffi_cq_ready, io_uring_cq_ready, (const struct io_uring *));

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	int ret;

	ret = io_uring_queue_init(4, &ring, 0);
	if (ret == -ENOSYS || ret == -EPERM) {
		printf("SKIP: the kernel refuses io_uring (%d)\n", ret);
		return 77;
	}
	if (ret < 0)
		return 1;
	sqe = ffi_get_sqe(&ring);
	if (!sqe)
		return 1;
	ffi_prep_nop(sqe);
	ffi_set_data64(sqe, 0xff1);
	if (io_uring_submit(&ring) != 1 || ffi_wait_cqe(&ring, &cqe) ||
	    ffi_get_data64(cqe) != 0xff1 || cqe->res != 0) {
		fprintf(stderr, "NOP round trip through liburing-ffi failed\n");
		return 1;
	}
	ffi_cqe_seen(&ring, cqe);
	if (ffi_cq_ready(&ring) != 0)
		return 1;
	io_uring_queue_exit(&ring);
	printf("consumer-ffi: ok\n");
	return 0;
}
