/* SPDX-License-Identifier: MIT */
#ifndef URING_SRC_MEM_H
#define URING_SRC_MEM_H

/*
 * The memory a ring shares with the kernel (mem.c): how large it is, how
 * it gets mapped, and how it is let go.  setup.c, resize.c and
 * buf_ring.c all use it; __uring_map_rings() and __uring_ring_mem() are
 * declared in int.h.
 */
#include "int.h"

/* The largest SQ and CQ io_uring_setup(2) accepts without CLAMP. */
#define URING_SQ_LIMIT		32768U
#define URING_CQ_LIMIT		(2 * URING_SQ_LIMIT)

/*
 * Where the kernel puts the SQ index array: after the CQEs, aligned to
 * its SMP_CACHE_BYTES.
 */
#if defined(__s390__) || defined(__s390x__)
#define URING_SQ_ARRAY_ALIGN	256
#elif defined(__powerpc__) || defined(__powerpc64__)
#define URING_SQ_ARRAY_ALIGN	128
#else
#define URING_SQ_ARRAY_ALIGN	64
#endif

/*
 * The entry count the kernel settles on for a ring asked for `asked`
 * entries with at most `limit` (URING_SQ_LIMIT or URING_CQ_LIMIT) under
 * setup flags `flags`.  0 or -EINVAL, as the kernel would answer.
 */
int __hidden __uring_ring_count(unsigned asked, unsigned limit,
				unsigned flags, unsigned *count);

/*
 * A shared, read-write, prefaulted mapping of len bytes: of the ring fd
 * at offset off, or anonymous memory when fd is -1.  0 with *addr set,
 * or -errno with errno as it was.
 */
int __hidden __uring_mmap(size_t len, int fd, __u64 off, void **addr);

/* Unmaps what __uring_map_rings() or setup mapped; leaves caller memory. */
void __hidden __uring_unmap_rings(const struct io_uring *ring);

#endif
