/* SPDX-License-Identifier: MIT */
/*
 * A liburing-ffi consumer, written the way a binding from another
 * language uses the library: it never sees liburing.h's inline helpers,
 * it declares the functions it calls and gets every one of them, the
 * helpers liburing.h would inline included, from liburing-ffi.so.2.  The
 * ring itself is opaque here; consumer-ffi-ring.c, which does include
 * liburing.h, allocates it.
 */
#include <liburing/io_uring.h>
#include <errno.h>
#include <stdio.h>

struct io_uring;

/* consumer-ffi-ring.c */
struct io_uring *ffi_ring_new(unsigned entries, int *err);
void ffi_ring_free(struct io_uring *ring);

/* liburing-ffi.so.2: all of these are inline helpers in liburing.h */
struct io_uring_sqe *io_uring_get_sqe(struct io_uring *ring);
void io_uring_prep_nop(struct io_uring_sqe *sqe);
void io_uring_sqe_set_data64(struct io_uring_sqe *sqe, __u64 data);
int io_uring_wait_cqe(struct io_uring *ring, struct io_uring_cqe **cqe);
__u64 io_uring_cqe_get_data64(const struct io_uring_cqe *cqe);
void io_uring_cqe_seen(struct io_uring *ring, struct io_uring_cqe *cqe);
unsigned io_uring_cq_ready(const struct io_uring *ring);
/* and a real function of both libraries */
int io_uring_submit(struct io_uring *ring);

int main(void)
{
	struct io_uring *ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	int err = 0;

	ring = ffi_ring_new(4, &err);
	if (!ring) {
		if (err == -ENOSYS || err == -EPERM) {
			printf("SKIP: the kernel refuses io_uring (%d)\n", err);
			return 77;
		}
		fprintf(stderr, "ring setup failed: %d\n", err);
		return 1;
	}
	sqe = io_uring_get_sqe(ring);
	if (!sqe)
		return 1;
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0xff1);
	if (io_uring_submit(ring) != 1 || io_uring_wait_cqe(ring, &cqe) ||
	    io_uring_cqe_get_data64(cqe) != 0xff1 || cqe->res != 0) {
		fprintf(stderr, "NOP round trip through liburing-ffi failed\n");
		return 1;
	}
	io_uring_cqe_seen(ring, cqe);
	if (io_uring_cq_ready(ring) != 0)
		return 1;
	ffi_ring_free(ring);
	printf("consumer-ffi: ok\n");
	return 0;
}
