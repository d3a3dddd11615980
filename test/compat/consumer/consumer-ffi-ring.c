/* SPDX-License-Identifier: MIT */
/*
 * The one part of the FFI consumer that knows struct io_uring: it
 * allocates and sets up the ring, through functions that are real in
 * liburing.h too.
 */
#include <liburing.h>
#include <stdlib.h>

struct io_uring *ffi_ring_new(unsigned entries, int *err);
void ffi_ring_free(struct io_uring *ring);

struct io_uring *ffi_ring_new(unsigned entries, int *err)
{
	struct io_uring *ring = malloc(sizeof(*ring));

	if (!ring) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = io_uring_queue_init(entries, ring, 0);
	if (*err < 0) {
		free(ring);
		return NULL;
	}
	return ring;
}

void ffi_ring_free(struct io_uring *ring)
{
	io_uring_queue_exit(ring);
	free(ring);
}
