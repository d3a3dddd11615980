/* SPDX-License-Identifier: MIT */
#ifndef URING_SRC_SYSCALL_H
#define URING_SRC_SYSCALL_H

/*
 * How the library makes its three system calls.  Private: syscall.c
 * wraps them as the exported io_uring_setup/enter/enter2/register, and
 * queue.c inlines __uring_enter() on the submit and wait paths.
 *
 * On x86-64 the syscall instruction is issued directly: it returns -errno
 * itself, so nothing goes through libc's variadic syscall() and errno
 * never needs saving and restoring.  On a submit-per-request loop that
 * was about a third of the library's user-space instructions.  Other
 * architectures, and x32 (whose 32-bit longs the kernel would read as
 * 64-bit registers), use libc's syscall() and put errno back as it was.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>

static inline long __uring_syscall6(long nr, long a, long b, long c, long d,
				    long e, long f)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	/* the kernel's ABI: arguments 4-6 in r10, r8, r9 (not rcx) */
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	/*
	 * syscall clobbers rcx and r11.  The memory clobber keeps the
	 * compiler from sinking stores the kernel must see (SQEs, the SQ
	 * tail) below the call, or hoisting loads of what it writes (CQEs,
	 * registered-fd updates) above it.
	 */
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
#else
	int saved = errno;
	long ret = syscall(nr, a, b, c, d, e, f);

	if (ret < 0) {
		ret = -errno;
		errno = saved;
	}
	return ret;
#endif
}

static inline int __uring_enter(unsigned fd, unsigned to_submit,
				unsigned min_complete, unsigned flags,
				void *arg, size_t sz)
{
	return (int) __uring_syscall6(__NR_io_uring_enter, (long) fd,
				      (long) to_submit, (long) min_complete,
				      (long) flags, (long) (uintptr_t) arg,
				      (long) sz);
}

#endif
