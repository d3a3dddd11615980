/* SPDX-License-Identifier: MIT */
/*
 * Kernel header compatibility shims.
 *
 * io_uring's UAPI refers to types and constants that live in other kernel
 * headers, some of which are younger than the distributions we want to
 * build on. This file is written once and shipped as is: instead of a
 * configure step it asks the compiler, through __has_include, whether the
 * installed kernel headers already provide a definition, and supplies an
 * ABI-identical one only when they do not. Compilers without __has_include
 * are assumed to sit on headers new enough to need no help.
 */
#ifndef LIBURING_COMPAT_H
#define LIBURING_COMPAT_H

#include <linux/types.h>

/*
 * __has_include is only usable directly in #if: passing a header name
 * through a helper macro would expand it, and in GNU modes "linux" is a
 * predefined macro. So probe each header once here.
 */
#if defined(__has_include)
# if __has_include(<linux/time_types.h>)
#  define LIBURING_HAVE_TIME_TYPES_H	1
# endif
# if __has_include(<linux/openat2.h>)
#  define LIBURING_HAVE_OPENAT2_H	1
# endif
# if __has_include(<linux/futex.h>)
#  define LIBURING_HAVE_FUTEX_H		1
# endif
# if __has_include(<linux/blkdev.h>)
#  define LIBURING_HAVE_BLKDEV_H	1
# endif
#else
# define LIBURING_HAVE_TIME_TYPES_H	1
# define LIBURING_HAVE_OPENAT2_H	1
# define LIBURING_HAVE_FUTEX_H		1
#endif

/*
 * struct __kernel_timespec: the y2038-safe timespec every io_uring timeout
 * takes, split out into <linux/time_types.h> in Linux 5.6. The fallback
 * uses the kernel's own field types (__kernel_time64_t is long long) so
 * the layout is 16 bytes on every architecture.
 */
#if defined(LIBURING_HAVE_TIME_TYPES_H)
#include <linux/time_types.h>
#else
struct __kernel_timespec {
	long long	tv_sec;
	long long	tv_nsec;
};
#endif

/* struct open_how: the IORING_OP_OPENAT2 argument, Linux 5.6. */
#if defined(LIBURING_HAVE_OPENAT2_H)
#include <linux/openat2.h>
#else
struct open_how {
	__u64	flags;
	__u64	mode;
	__u64	resolve;
};
#endif

/*
 * struct futex_waitv arrived in Linux 5.16 together with FUTEX_WAITV_MAX,
 * so that macro tells whether <linux/futex.h> has the struct. The
 * FUTEX2_* flags taken by IORING_OP_FUTEX_* came later (6.7; FUTEX2_MPOL
 * in 6.16) and are checked one by one.
 */
#if defined(LIBURING_HAVE_FUTEX_H)
#include <linux/futex.h>
#endif

#ifndef FUTEX_WAITV_MAX
#define FUTEX_WAITV_MAX		128
struct futex_waitv {
	__u64	val;
	__u64	uaddr;
	__u32	flags;
	__u32	__reserved;
};
#endif

#ifndef FUTEX2_SIZE_U8
#define FUTEX2_SIZE_U8		0x00
#endif
#ifndef FUTEX2_SIZE_U16
#define FUTEX2_SIZE_U16		0x01
#endif
#ifndef FUTEX2_SIZE_U32
#define FUTEX2_SIZE_U32		0x02
#endif
#ifndef FUTEX2_SIZE_U64
#define FUTEX2_SIZE_U64		0x03
#endif
#ifndef FUTEX2_SIZE_MASK
#define FUTEX2_SIZE_MASK	0x03
#endif
#ifndef FUTEX2_NUMA
#define FUTEX2_NUMA		0x04
#endif
#ifndef FUTEX2_MPOL
#define FUTEX2_MPOL		0x08
#endif
#ifndef FUTEX2_PRIVATE
#define FUTEX2_PRIVATE		128	/* == FUTEX_PRIVATE_FLAG */
#endif

/*
 * Block device io_uring commands (IORING_OP_URING_CMD on a block device
 * file), <linux/blkdev.h> since Linux 6.12. They share the number space of
 * the block ioctls (type 0x12). Discard is the only one the kernel defines
 * through 6.18.
 */
#if defined(LIBURING_HAVE_BLKDEV_H)
#include <linux/blkdev.h>
#endif

#ifndef BLOCK_URING_CMD_DISCARD
#include <linux/ioctl.h>
#define BLOCK_URING_CMD_DISCARD	_IO(0x12, 0)
#endif

#endif /* LIBURING_COMPAT_H */
