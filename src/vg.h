/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_VG_H
#define LIBURING_VG_H

/*
 * Valgrind's memcheck tracks which bytes the program has written, but it
 * cannot see the kernel write into shared ring memory.  Memory mapped
 * from the ring fd or anonymously starts out "defined" for memcheck, so
 * only memory the caller allocated (io_uring_queue_init_mem() from
 * malloc(), say) needs telling: the kernel fills its ring header and will
 * post CQEs there.  Builds with -DLIBURING_VALGRIND (make check-valgrind)
 * use memcheck's client requests, which cost a few instructions outside
 * valgrind; other builds compile them out.
 */
#ifdef LIBURING_VALGRIND
#include <valgrind/memcheck.h>
#define uring_vg_mark_defined(addr, len)				\
	((void) VALGRIND_MAKE_MEM_DEFINED(addr, len))
#else
#define uring_vg_mark_defined(addr, len) ((void) (addr), (void) (len))
#endif

#endif
