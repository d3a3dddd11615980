/* SPDX-License-Identifier: MIT */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

/*
 * Shared by the libFuzzer targets in this directory (make fuzz): a reader
 * that turns the fuzzer's bytes into values (zeros once they run out, so
 * every input is a complete program), a bounded wait, and the end-of-run
 * check that nothing leaked.  A violated invariant calls FZ_ASSERT, which
 * prints what was wrong and aborts: libFuzzer then saves the input as a
 * crash artifact.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liburing.h"
#include "../ring-maps.h"

#define FZ_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: %s: ", __FILE__,	\
				__LINE__, #cond);			\
			fprintf(stderr, __VA_ARGS__);			\
			fprintf(stderr, "\n");				\
			abort();					\
		}							\
	} while (0)

struct fz {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fz_u8(struct fz *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

static inline uint16_t fz_u16(struct fz *f)
{
	return (uint16_t) (fz_u8(f) | (unsigned) fz_u8(f) << 8);
}

static inline uint32_t fz_u32(struct fz *f)
{
	return fz_u16(f) | (uint32_t) fz_u16(f) << 16;
}

static inline uint64_t fz_u64(struct fz *f)
{
	return fz_u32(f) | (uint64_t) fz_u32(f) << 32;
}

static inline bool fz_bool(struct fz *f)
{
	return fz_u8(f) & 1;
}

/* A value below n (n > 0). */
static inline unsigned fz_below(struct fz *f, unsigned n)
{
	return fz_u16(f) % n;
}

/*
 * The lowest free fd number.  Equal at the start and end of a run unless
 * the run leaked an fd (or closed one it did not own).
 */
static inline int fz_lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

struct fz_snapshot {
	int fd;
	int maps;
};

static inline void fz_snap(struct fz_snapshot *s)
{
	s->fd = fz_lowest_free_fd();
	s->maps = t_ring_maps();
}

static inline void fz_check_leaks(const struct fz_snapshot *s)
{
	int fd = fz_lowest_free_fd(), maps = t_ring_maps();

	FZ_ASSERT(fd == s->fd, "fd leak: lowest free fd %d, was %d", fd,
		  s->fd);
	FZ_ASSERT(maps == s->maps, "mapping leak: %d ring mappings, was %d",
		  maps, s->maps);
}

/* The errors an io_uring call may legitimately return. */
static inline bool fz_errno_ok(int ret)
{
	switch (-ret) {
	case EINVAL: case ENOMEM: case EFAULT: case EBADF: case ENXIO:
	case EPERM: case EOPNOTSUPP: case EEXIST: case EBUSY: case ENFILE:
	case EMFILE: case EOVERFLOW: case EACCES: case EBADFD: case ENOENT:
	case EAGAIN: case ETIME: case EINTR: case ERANGE: case E2BIG:
	case ENOSPC: case ENODEV: case ESRCH:
		return true;
	}
	return false;
}

/* A ring that refused init must be inert. */
static inline void fz_check_inert(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;

	FZ_ASSERT(ring->ring_fd == -1, "failed init left fd %d",
		  ring->ring_fd);
	FZ_ASSERT(io_uring_get_sqe(ring) == NULL, "failed ring gives SQEs");
	FZ_ASSERT(io_uring_cq_ready(ring) == 0, "failed ring has CQEs");
	FZ_ASSERT(io_uring_peek_cqe(ring, &cqe) == -EAGAIN, "peek");
	io_uring_queue_exit(ring);
}

#endif
