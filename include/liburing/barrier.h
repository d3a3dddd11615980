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
 * C11 and later use <stdatomic.h>; C99 falls back to the GCC/clang
 * __atomic builtins with the same semantics; C++ uses std::atomic.
 */

#ifdef __cplusplus
#include <atomic>
#include <type_traits>

template <typename T>
static inline void
IO_URING_WRITE_ONCE(T &var, typename std::common_type<T>::type val) noexcept
{
	std::atomic_store_explicit(reinterpret_cast<std::atomic<T> *>(&var),
				   val, std::memory_order_relaxed);
}

template <typename T>
static inline T IO_URING_READ_ONCE(const T &var) noexcept
{
	return std::atomic_load_explicit(
		reinterpret_cast<const std::atomic<T> *>(&var),
		std::memory_order_relaxed);
}

template <typename T>
static inline void
io_uring_smp_store_release(T *p, typename std::common_type<T>::type v) noexcept
{
	std::atomic_store_explicit(reinterpret_cast<std::atomic<T> *>(p), v,
				   std::memory_order_release);
}

template <typename T>
static inline T io_uring_smp_load_acquire(const T *p) noexcept
{
	return std::atomic_load_explicit(
		reinterpret_cast<const std::atomic<T> *>(p),
		std::memory_order_acquire);
}

static inline void io_uring_smp_mb(void) noexcept
{
	std::atomic_thread_fence(std::memory_order_seq_cst);
}

#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && \
	!defined(__STDC_NO_ATOMICS__)
#include <stdatomic.h>

#define IO_URING_WRITE_ONCE(var, val)					\
	atomic_store_explicit((_Atomic __typeof__(var) *)&(var),	\
			      (val), memory_order_relaxed)
#define IO_URING_READ_ONCE(var)						\
	atomic_load_explicit((_Atomic __typeof__(var) *)&(var),		\
			     memory_order_relaxed)
#define io_uring_smp_store_release(p, v)				\
	atomic_store_explicit((_Atomic __typeof__(*(p)) *)(p), (v),	\
			      memory_order_release)
#define io_uring_smp_load_acquire(p)					\
	atomic_load_explicit((_Atomic __typeof__(*(p)) *)(p),		\
			     memory_order_acquire)
#define io_uring_smp_mb() atomic_thread_fence(memory_order_seq_cst)

#else /* C99: the compiler's builtins give the same guarantees */

#define IO_URING_WRITE_ONCE(var, val)					\
	__atomic_store_n(&(var), (val), __ATOMIC_RELAXED)
#define IO_URING_READ_ONCE(var) __atomic_load_n(&(var), __ATOMIC_RELAXED)
#define io_uring_smp_store_release(p, v)				\
	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define io_uring_smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define io_uring_smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif

#endif /* LIBURING_BARRIER_H */
