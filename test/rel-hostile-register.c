/* SPDX-License-Identifier: MIT */
/*
 * Hostile inputs to io_uring_register(2) and the registration helpers:
 * bad sizes and pointers, double registration, unregistering what is not
 * there.  The table runner and its contract are in rel-hostile.h.
 */
#include "rel-hostile.h"

/* ---- registration ---------------------------------------------------- */

static long reg_unknown_opcode(struct io_uring *ring)
{
	return io_uring_register((unsigned) ring->ring_fd, 255, NULL, 0);
}

static long reg_closed_ring_fd(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	int fd = ring->ring_fd, saved = dup(fd);
	long ret;

	assert_true(saved >= 0);
	close(fd);
	ret = io_uring_register_buffers(ring, &iov, 1);
	assert_int_equal(dup2(saved, fd), fd);
	close(saved);
	return ret;
}

static long reg_not_a_ring(struct io_uring *ring)
{
	(void) ring;
	return io_uring_register((unsigned) fx.null_rd,
				 IORING_UNREGISTER_BUFFERS, NULL, 0);
}

static long reg_wrong_size(struct io_uring *ring)
{
	struct io_uring_rsrc_register rr;

	memset(&rr, 0, sizeof(rr));
	return io_uring_register((unsigned) ring->ring_fd,
				 IORING_REGISTER_BUFFERS2, &rr,
				 sizeof(rr) - 1);
}

static long reg_bufs_null(struct io_uring *ring)
{
	return REL_BAD_POINTER_CALL(io_uring_register_buffers(ring, NULL, 1));
}

static long reg_bufs_zero(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };

	return io_uring_register_buffers(ring, &iov, 0);
}

static long reg_bufs_too_many(struct io_uring *ring)
{
	static struct iovec iov[16385];
	static char buf[64];
	unsigned i;

	for (i = 0; i < 16385; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = sizeof(buf);
	}
	return io_uring_register_buffers(ring, iov, 16385);
}

static long reg_bufs_unmapped(struct io_uring *ring)
{
	struct iovec iov = { unmapped(), 4096 };

	return io_uring_register_buffers(ring, &iov, 1);
}

static long reg_bufs_zero_len(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, 0 };

	return io_uring_register_buffers(ring, &iov, 1);
}

static long reg_bufs_huge(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, (1UL << 30) + 1 };

	return io_uring_register_buffers(ring, &iov, 1);
}

/*
 * Overlapping and unaligned buffers are allowed: the kernel pins pages,
 * and two slots may share them.  Both slots must then really work.
 */
static long reg_bufs_overlap(struct io_uring *ring)
{
	static char buf[8192] __attribute__((aligned(4096)));
	struct iovec iov[3] = {
		{ buf, 4096 }, { buf + 100, 4096 }, { buf + 1, 17 },
	};
	long ret;

	memset(buf, 0x55, sizeof(buf));
	ret = io_uring_register_buffers(ring, iov, 3);
	if (ret)
		return ret;
	io_uring_prep_read_fixed(sqe_of(ring), fx.zero, buf + 100, 4096, 0, 1);
	ret = sqe_res(ring);
	assert_int_equal(ret, 4096);
	assert_int_equal(buf[99], 0x55);
	assert_int_equal(buf[100], 0);
	assert_int_equal(buf[4195], 0);
	assert_int_equal(buf[4196], 0x55);
	io_uring_prep_read_fixed(sqe_of(ring), fx.zero, buf + 1, 17, 0, 2);
	assert_int_equal(sqe_res(ring), 17);
	assert_int_equal(buf[0], 0x55);
	return io_uring_unregister_buffers(ring);
}

static long reg_bufs_twice(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	long ret;

	assert_int_equal(io_uring_register_buffers(ring, &iov, 1), 0);
	ret = io_uring_register_buffers(ring, &iov, 1);
	assert_int_equal(io_uring_unregister_buffers(ring), 0);
	return ret;
}

static long reg_bufs_unregister_none(struct io_uring *ring)
{
	return io_uring_unregister_buffers(ring);
}

static long reg_bufs_unregister_twice(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };

	assert_int_equal(io_uring_register_buffers(ring, &iov, 1), 0);
	assert_int_equal(io_uring_unregister_buffers(ring), 0);
	return io_uring_unregister_buffers(ring);
}

static long reg_bufs_update_out_of_range(struct io_uring *ring)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	long ret;

	assert_int_equal(io_uring_register_buffers_sparse(ring, 4), 0);
	ret = io_uring_register_buffers_update_tag(ring, 4, &iov, NULL, 1);
	assert_int_equal(io_uring_unregister_buffers(ring), 0);
	return ret;
}

static long reg_files_closed(struct io_uring *ring)
{
	int fds[2] = { 0, closed_fd() };

	return io_uring_register_files(ring, fds, 2);
}

static long reg_files_null(struct io_uring *ring)
{
	return REL_BAD_POINTER_CALL(io_uring_register_files(ring, NULL, 1));
}

static long reg_files_zero(struct io_uring *ring)
{
	int fd = 0;

	return io_uring_register_files(ring, &fd, 0);
}

static long reg_files_the_ring(struct io_uring *ring)
{
	int fd = ring->ring_fd;

	return io_uring_register_files(ring, &fd, 1);
}

static long reg_files_twice(struct io_uring *ring)
{
	int fd = 0;
	long ret;

	assert_int_equal(io_uring_register_files(ring, &fd, 1), 0);
	ret = io_uring_register_files(ring, &fd, 1);
	assert_int_equal(io_uring_unregister_files(ring), 0);
	return ret;
}

static long reg_files_unregister_none(struct io_uring *ring)
{
	return io_uring_unregister_files(ring);
}

static long reg_files_update_none(struct io_uring *ring)
{
	int fd = 0;

	return io_uring_register_files_update(ring, 0, &fd, 1);
}

static long reg_files_update_out_of_range(struct io_uring *ring)
{
	int fd = 0;
	long ret;

	assert_int_equal(io_uring_register_files_sparse(ring, 4), 0);
	ret = io_uring_register_files_update(ring, 4, &fd, 1);
	assert_int_equal(io_uring_unregister_files(ring), 0);
	return ret;
}

static long reg_files_tag_on_empty(struct io_uring *ring)
{
	int fds[2] = { 0, -1 };
	__u64 tags[2] = { 1, 2 };

	return io_uring_register_files_tags(ring, fds, tags, 2);
}

static long reg_alloc_range_beyond(struct io_uring *ring)
{
	long ret;

	assert_int_equal(io_uring_register_files_sparse(ring, 4), 0);
	ret = io_uring_register_file_alloc_range(ring, 2, 4);
	assert_int_equal(io_uring_unregister_files(ring), 0);
	return ret;
}

static long reg_eventfd_not_eventfd(struct io_uring *ring)
{
	return io_uring_register_eventfd(ring, fx.null_rd);
}

static long reg_eventfd_closed(struct io_uring *ring)
{
	return io_uring_register_eventfd(ring, closed_fd());
}

static long reg_eventfd_twice(struct io_uring *ring)
{
	int efd = eventfd(0, EFD_CLOEXEC);
	long ret;

	assert_int_equal(io_uring_register_eventfd(ring, efd), 0);
	ret = io_uring_register_eventfd(ring, efd);
	assert_int_equal(io_uring_unregister_eventfd(ring), 0);
	close(efd);
	return ret;
}

static long reg_eventfd_unregister_none(struct io_uring *ring)
{
	return io_uring_unregister_eventfd(ring);
}

static long reg_personality_unknown(struct io_uring *ring)
{
	return io_uring_unregister_personality(ring, 4321);
}

static long reg_personality_twice(struct io_uring *ring)
{
	int id = io_uring_register_personality(ring);

	assert_true(id > 0);
	assert_int_equal(io_uring_unregister_personality(ring, id), 0);
	return io_uring_unregister_personality(ring, id);
}

static long reg_restrictions_enabled_ring(struct io_uring *ring)
{
	struct io_uring_restriction res = {
		.opcode = IORING_RESTRICTION_SQE_OP,
		.sqe_op = IORING_OP_NOP,
	};

	return io_uring_register_restrictions(ring, &res, 1);
}

static long reg_enable_enabled_ring(struct io_uring *ring)
{
	return io_uring_enable_rings(ring);
}

static long reg_probe_dirty(struct io_uring *ring)
{
	size_t len = sizeof(struct io_uring_probe) +
		     8 * sizeof(struct io_uring_probe_op);
	struct io_uring_probe *p = calloc(1, len);
	long ret;

	assert_non_null(p);
	p->ops[3].flags = 1;	/* the kernel wants it all zero */
	ret = io_uring_register_probe(ring, p, 8);
	free(p);
	return ret;
}

static long reg_probe_null(struct io_uring *ring)
{
	return io_uring_register_probe(ring, NULL, 8);
}

static long reg_max_workers_null(struct io_uring *ring)
{
	return io_uring_register_iowq_max_workers(ring, NULL);
}

static long reg_ring_fd_twice(struct io_uring *ring)
{
	long ret;

	assert_int_equal(io_uring_register_ring_fd(ring), 1);
	ret = io_uring_register_ring_fd(ring);
	assert_int_equal(io_uring_unregister_ring_fd(ring), 1);
	return ret;
}

static long reg_ring_fd_unregister_none(struct io_uring *ring)
{
	return io_uring_unregister_ring_fd(ring);
}

static long reg_close_ring_fd_unregistered(struct io_uring *ring)
{
	long ret = io_uring_close_ring_fd(ring);

	/* before 6.3 there is never a real fd the library may close */
	if (!(ring->features & IORING_FEAT_REG_REG_RING)) {
		assert_int_equal(ret, -EOPNOTSUPP);
		t_skip("kernel lacks IORING_FEAT_REG_REG_RING (6.3)");
	}
	return ret;
}

static long reg_buf_ring_npot(struct io_uring *ring)
{
	struct io_uring_buf_reg reg;
	void *mem = mmap(NULL, (size_t) page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long ret;

	assert_true(mem != MAP_FAILED);
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (__u64) (uintptr_t) mem;
	reg.ring_entries = 3;
	reg.bgid = 9;
	ret = io_uring_register_buf_ring(ring, &reg, 0);
	munmap(mem, (size_t) page);
	return ret;
}

static long reg_buf_ring_unaligned(struct io_uring *ring)
{
	struct io_uring_buf_reg reg;
	char *mem = mmap(NULL, 2 * (size_t) page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long ret;

	assert_true(mem != MAP_FAILED);
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (__u64) (uintptr_t) (mem + 8);
	reg.ring_entries = 4;
	reg.bgid = 9;
	ret = io_uring_register_buf_ring(ring, &reg, 0);
	munmap(mem, 2 * (size_t) page);
	return ret;
}

static long reg_buf_ring_null(struct io_uring *ring)
{
	return io_uring_register_buf_ring(ring, NULL, 0);
}

/* flags to merge, but no reg to merge them into: the same answer */
static long reg_buf_ring_null_flags(struct io_uring *ring)
{
	return io_uring_register_buf_ring(ring, NULL, IOU_PBUF_RING_INC);
}

static long reg_buf_ring_unregister_none(struct io_uring *ring)
{
	return io_uring_unregister_buf_ring(ring, 4242);
}

static long reg_sync_cancel_nothing(struct io_uring *ring)
{
	struct io_uring_sync_cancel_reg reg;

	memset(&reg, 0, sizeof(reg));
	reg.addr = 0xdeadbeefULL;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	return io_uring_register_sync_cancel(ring, &reg);
}

static long reg_sync_cancel_null(struct io_uring *ring)
{
	return io_uring_register_sync_cancel(ring, NULL);
}

static const struct hostile table[] = {
	/* registration */
	ROW(reg_unknown_opcode, -EINVAL),
	ROW(reg_closed_ring_fd, -EBADF),
	ROW(reg_not_a_ring, -EOPNOTSUPP),
	ROW(reg_wrong_size, -EINVAL),
	ROW(reg_bufs_null, -EFAULT),
	ROW(reg_bufs_zero, -EINVAL),
	ROW(reg_bufs_too_many, -EINVAL),
	ROW(reg_bufs_unmapped, -EFAULT),
	ROW(reg_bufs_zero_len, -EFAULT),
	ROW(reg_bufs_huge, -EFAULT),
	ROW(reg_bufs_overlap, 0),
	ROW(reg_bufs_twice, -EBUSY),
	ROW(reg_bufs_unregister_none, -ENXIO),
	ROW(reg_bufs_unregister_twice, -ENXIO),
	ROW(reg_bufs_update_out_of_range, -EINVAL),
	ROW(reg_files_closed, -EBADF),
	ROW(reg_files_null, -EFAULT),
	ROW(reg_files_zero, -EINVAL),
	ROW(reg_files_the_ring, -EBADF),
	ROW(reg_files_twice, -EBUSY),
	ROW(reg_files_unregister_none, -ENXIO),
	ROW(reg_files_update_none, -ENXIO),
	ROW(reg_files_update_out_of_range, -EINVAL),
	ROW(reg_files_tag_on_empty, -EINVAL),
	ROW(reg_alloc_range_beyond, -EINVAL),
	ROW(reg_eventfd_not_eventfd, -EINVAL),
	ROW(reg_eventfd_closed, -EBADF),
	ROW(reg_eventfd_twice, -EBUSY),
	ROW(reg_eventfd_unregister_none, -ENXIO),
	ROW(reg_personality_unknown, -EINVAL),
	ROW(reg_personality_twice, -EINVAL),
	ROW(reg_restrictions_enabled_ring, -EBADFD),
	ROW(reg_enable_enabled_ring, -EBADFD),
	ROW(reg_probe_dirty, -EINVAL),
	ROW(reg_probe_null, -EINVAL),
	ROW(reg_max_workers_null, -EINVAL),
	ROW(reg_ring_fd_twice, -EEXIST),
	ROW(reg_ring_fd_unregister_none, -EINVAL),
	ROW(reg_close_ring_fd_unregistered, -EINVAL),
	ROW(reg_buf_ring_npot, -EINVAL),
	ROW(reg_buf_ring_unaligned, -EINVAL),
	ROW(reg_buf_ring_null, -EINVAL),
	ROW(reg_buf_ring_null_flags, -EINVAL),
	ROW(reg_buf_ring_unregister_none, -ENOENT),
	ROW(reg_sync_cancel_nothing, -ENOENT),
	ROW(reg_sync_cancel_null, -EINVAL),
};

int main(void)
{
	return hostile_run("rel-hostile-register", table, T_ARRAY_SIZE(table));
}
