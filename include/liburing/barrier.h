/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_BARRIER_H
#define LIBURING_BARRIER_H

/*
 * Ordering between the application and the kernel on the shared rings.
 *
 * The kernel publishes CQEs and then stores the CQ tail with release
 * semantics; we load that tail with acquire before reading a CQE, and store
 * the CQ head with release once we are done with the CQEs it covers.  The
 * mirror image holds for the SQ: SQEs are written, then the SQ tail is
 * stored with release.  A full barrier is only needed under SQPOLL, between
 * publishing the SQ tail and reading the SQ flags (see queue.c).
 *
 * The ring words are plain integers in memory the kernel also writes, not
 * atomic objects, so what is needed is an atomic access to an ordinary
 * object.  The compiler's __atomic builtins are exactly that, in every
 * language mode at once: C99 (where <stdatomic.h> does not exist), C11
 * and later, and C++11 and later (where std::atomic_ref only arrives with
 * C++20), with no cast of the object to an atomic type.  They are
 * builtins, so -pedantic does not object to them.  GCC has had them since
 * 4.7 and clang since 3.1; other compilers must provide them too.
 *
 * READ_ONCE and WRITE_ONCE take the object itself, the others a pointer
 * to it, as the names always have.
 */
#if !defined(__GNUC__) && !defined(__clang__)
#error "liburing/barrier.h needs the GCC/clang __atomic builtins"
#endif

#define IO_URING_READ_ONCE(var)						\
	__atomic_load_n(&(var), __ATOMIC_RELAXED)
#define IO_URING_WRITE_ONCE(var, val)					\
	__atomic_store_n(&(var), (val), __ATOMIC_RELAXED)

#define io_uring_smp_load_acquire(p)					\
	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define io_uring_smp_store_release(p, v)				\
	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

#define io_uring_smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif /* LIBURING_BARRIER_H */
