/* SPDX-License-Identifier: MIT */
/*
 * io_uring_register() wrappers.  All go through __uring_register(), which
 * knows how to reach the ring when its fd has been registered or closed.
 */
#include <unistd.h>
#include "int.h"

/*
 * Once the ring fd is registered (and the kernel has
 * IORING_FEAT_REG_REG_RING, Linux 6.3), registration can use the
 * registered index too, which also works after io_uring_close_ring_fd().
 */
int __uring_register(struct io_uring *ring, unsigned opcode, const void *arg,
		     unsigned nr_args)
{
	int fd = ring->ring_fd;

	if (ring->int_flags & INT_FLAG_REG_REG_RING) {
		opcode |= IORING_REGISTER_USE_REGISTERED_RING;
		fd = ring->enter_ring_fd;
	}
	return io_uring_register((unsigned) fd, opcode, arg, nr_args);
}

int io_uring_register_probe(struct io_uring *ring, struct io_uring_probe *p,
			    unsigned nr_ops)
{
	return __uring_register(ring, IORING_REGISTER_PROBE, p, nr_ops);
}

/*
 * Registers the ring fd in the task's table (Linux 5.18), so that
 * io_uring_enter() skips the fd lookup and reference counting.
 */
int io_uring_register_ring_fd(struct io_uring *ring)
{
	struct io_uring_rsrc_update up = {
		.offset = -1U,
		.data = (unsigned) ring->ring_fd,
	};
	int ret;

	if (ring->int_flags & INT_FLAG_REG_RING)
		return -EEXIST;
	ret = __uring_register(ring, IORING_REGISTER_RING_FDS, &up, 1);
	if (ret == 1) {
		ring->enter_ring_fd = (int) up.offset;
		ring->int_flags |= INT_FLAG_REG_RING;
		if (ring->features & IORING_FEAT_REG_REG_RING)
			ring->int_flags |= INT_FLAG_REG_REG_RING;
	}
	return ret;
}

int io_uring_unregister_ring_fd(struct io_uring *ring)
{
	struct io_uring_rsrc_update up = {
		.offset = (unsigned) ring->enter_ring_fd,
	};
	int ret;

	if (!(ring->int_flags & INT_FLAG_REG_RING))
		return -EINVAL;
	ret = __uring_register(ring, IORING_UNREGISTER_RING_FDS, &up, 1);
	if (ret == 1) {
		ring->enter_ring_fd = ring->ring_fd;
		ring->int_flags &= ~(INT_FLAG_REG_RING | INT_FLAG_REG_REG_RING);
	}
	return ret;
}

/*
 * Closes the ring's real fd once it is registered, so that only the
 * registered index reaches the ring.  Needs IORING_FEAT_REG_REG_RING, or
 * registration calls would have no way in.  Returns 1 on success.
 */
int io_uring_close_ring_fd(struct io_uring *ring)
{
	int saved = errno;

	if (!(ring->features & IORING_FEAT_REG_REG_RING))
		return -EOPNOTSUPP;
	if (!(ring->int_flags & INT_FLAG_REG_RING))
		return -EINVAL;
	if (ring->ring_fd == -1)
		return -EBADF;

	close(ring->ring_fd);
	errno = saved;
	ring->ring_fd = -1;
	return 1;
}
