/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_INT_H
#define LIBURING_INT_H

/*
 * Private to the library.  Defining LIBURING_INTERNAL makes liburing.h
 * declare io_uring_get_sqe() as the exported function it is for binaries
 * built against older liburing, instead of the inline.
 */
#define LIBURING_INTERNAL
#include <unistd.h>
#include "liburing.h"

/*
 * ring->int_flags is the library's own byte in struct io_uring; nothing
 * outside src/ reads it.  The two bits io_uring_enter() takes verbatim
 * keep the kernel's values, so a ring's standing enter flags are the
 * byte masked, with no translation on the submit and wait paths.
 */
enum {
	RF_MEM_CALLER	= 1 << 0,	/* rings in the caller's memory */
	RF_MEM_OURS	= 1 << 1,	/* NO_MMAP rings in memory we mapped */
	RF_REG_BY_IDX	= 1 << 2,	/* io_uring_register() by the index */
	RF_ENTER_BY_IDX	= IORING_ENTER_REGISTERED_RING,
	RF_NO_IOWAIT	= IORING_ENTER_NO_IOWAIT,
};

/* The enter flags every io_uring_enter() on this ring carries. */
static inline unsigned uring_base_enter(const struct io_uring *ring)
{
	return ring->int_flags & (RF_ENTER_BY_IDX | RF_NO_IOWAIT);
}

/* Sizing arithmetic shared by setup, resize, buffer rings and regions. */
static inline size_t uring_page_size(void)
{
	long sz = sysconf(_SC_PAGESIZE);

	return sz > 0 ? (size_t) sz : 4096;
}

static inline size_t uring_align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static inline size_t uring_page_align(size_t v)
{
	return uring_align_up(v, uring_page_size());
}

static inline unsigned uring_roundup_pow2(unsigned v)
{
	unsigned r = 1;

	while (r < v)
		r <<= 1;
	return r;
}

#define __hidden __attribute__((visibility("hidden")))

/* register.c: every io_uring_register() on a ring goes through here. */
int __hidden __uring_register(struct io_uring *ring, unsigned opcode,
			      const void *arg, unsigned nr_args);

/* setup.c, for resize.c: map rings as setup does; size NO_MMAP memory. */
int __hidden __uring_map_rings(int fd, const struct io_uring_params *p,
			       struct io_uring *ring);
ssize_t __hidden __uring_ring_mem(unsigned entries,
				  const struct io_uring_params *p,
				  size_t *sqes_bytes);

#endif
