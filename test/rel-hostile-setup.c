/* SPDX-License-Identifier: MIT */
/*
 * Hostile inputs to ring setup and teardown: entries, flags and params
 * the kernel rejects, caller memory for io_uring_queue_init_mem() (sizes,
 * alignment, bad memory), and calls on a ring after io_uring_queue_exit().
 * The table runner and its contract are in rel-hostile.h.
 */
#include "rel-hostile.h"

/* ---- setup: entries, flags, params ---------------------------------- */

static long setup_zero_entries(struct io_uring *ring)
{
	(void) ring;
	return init_flags(0, 0);
}

static long setup_npot_entries(struct io_uring *ring)
{
	(void) ring;
	return init_flags(3, 0);	/* rounded up to 4 */
}

static long setup_npot_large(struct io_uring *ring)
{
	(void) ring;
	return init_flags(1000, 0);	/* rounded up to 1024 */
}

static long setup_too_many(struct io_uring *ring)
{
	(void) ring;
	return init_flags(32769, 0);
}

static long setup_uint_max(struct io_uring *ring)
{
	(void) ring;
	return init_flags(UINT_MAX, 0);
}

static long setup_clamped(struct io_uring *ring)
{
	(void) ring;
	return init_flags(UINT_MAX, IORING_SETUP_CLAMP);
}

static long setup_cq_zero(struct io_uring *ring)
{
	(void) ring;
	return init_cq(8, 0, 0);
}

static long setup_cq_smaller(struct io_uring *ring)
{
	(void) ring;
	return init_cq(16, 8, 0);
}

static long setup_cq_huge(struct io_uring *ring)
{
	(void) ring;
	return init_cq(8, 65537, 0);
}

static long setup_cq_npot(struct io_uring *ring)
{
	struct io_uring_params p;
	struct io_uring r;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE;
	p.cq_entries = 9;
	assert_int_equal(io_uring_queue_init_params(4, &r, &p), 0);
	rel_nop_round_trip(&r);
	io_uring_queue_exit(&r);
	return p.cq_entries;		/* rounded up to 16 */
}

static long setup_unknown_flag(struct io_uring *ring)
{
	(void) ring;
	return init_flags(8, 1U << 31);
}

static long setup_resv_nonzero(struct io_uring_params *p)
{
	return side_init(8, p);
}

static long setup_resv(struct io_uring *ring)
{
	struct io_uring_params p;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.resv[1] = 1;
	return setup_resv_nonzero(&p);
}

static long setup_sq_aff_alone(struct io_uring *ring)
{
	(void) ring;
	return init_flags(8, IORING_SETUP_SQ_AFF);
}

static long setup_sq_aff_bad_cpu(struct io_uring *ring)
{
	struct io_uring_params p;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF;
	p.sq_thread_cpu = 4096;
	return side_init(8, &p);
}

static long setup_defer_alone(struct io_uring *ring)
{
	(void) ring;
	return init_flags(8, IORING_SETUP_DEFER_TASKRUN);
}

static long setup_defer_sqpoll(struct io_uring *ring)
{
	(void) ring;
	return init_flags(8, IORING_SETUP_SQPOLL | IORING_SETUP_SINGLE_ISSUER |
			  IORING_SETUP_DEFER_TASKRUN);
}

static long setup_regfd_only_mmap(struct io_uring *ring)
{
	(void) ring;
	return init_flags(8, IORING_SETUP_REGISTERED_FD_ONLY);
}

static long setup_attach_wq_not_ring(struct io_uring *ring)
{
	struct io_uring_params p;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_ATTACH_WQ;
	p.wq_fd = (unsigned) fx.null_rd;
	return side_init(8, &p);
}

static long setup_attach_wq_closed(struct io_uring *ring)
{
	struct io_uring_params p;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_ATTACH_WQ;
	p.wq_fd = (unsigned) closed_fd();
	return side_init(8, &p);
}

static long setup_raw_null_params(struct io_uring *ring)
{
	(void) ring;
	return io_uring_setup(8, NULL);
}

static long setup_raw_bad_params(struct io_uring *ring)
{
	(void) ring;
	return REL_BAD_POINTER_CALL(io_uring_setup(8, unmapped()));
}

static long setup_null_ring(struct io_uring *ring)
{
	(void) ring;
	return io_uring_queue_init(8, NULL, 0);
}

static long setup_null_params(struct io_uring *ring)
{
	struct io_uring r;

	(void) ring;
	return io_uring_queue_init_params(8, &r, NULL);
}

static long setup_memory_size_null(struct io_uring *ring)
{
	(void) ring;
	return io_uring_memory_size_params(8, NULL);
}

static long setup_memory_size_zero(struct io_uring *ring)
{
	(void) ring;
	return io_uring_memory_size(0, 0);
}

/* ---- io_uring_queue_init_mem: sizes, alignment, bad memory --------- */

static long mem_init(void *buf, size_t size, unsigned entries)
{
	struct io_uring_params p;
	struct io_uring r;
	long ret;

	memset(&p, 0, sizeof(p));
	ret = io_uring_queue_init_mem(entries, &r, &p, buf, size);
	if (ret < 0) {
		assert_int_equal(r.ring_fd, -1);
		io_uring_queue_exit(&r);
		return ret;
	}
	rel_nop_round_trip(&r);
	io_uring_queue_exit(&r);
	return ret;
}

/* The rows that reach the kernel need IORING_SETUP_NO_MMAP (6.5). */
static void need_no_mmap(void)
{
	struct io_uring r;
	int ret = io_uring_queue_init(8, &r, IORING_SETUP_NO_MMAP);

	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_SETUP_NO_MMAP (6.5)");
	assert_int_equal(ret, 0);
	io_uring_queue_exit(&r);
}

static long mem_null(struct io_uring *ring)
{
	(void) ring;
	return mem_init(NULL, 1 << 16, 8);
}

static long mem_too_small(struct io_uring *ring)
{
	char buf[64];

	(void) ring;
	return mem_init(buf, sizeof(buf), 8);
}

static long mem_one_byte_short(struct io_uring *ring)
{
	ssize_t need = io_uring_memory_size(8, 0);
	void *buf = NULL;
	long ret;

	(void) ring;
	assert_true(need > 0);
	assert_int_equal(posix_memalign(&buf, (size_t) page, (size_t) need),
			 0);
	ret = mem_init(buf, (size_t) need - 1, 8);
	free(buf);
	return ret;
}

/*
 * The exact size from io_uring_memory_size(), in malloc()ed memory that
 * memcheck considers uninitialised until the library says otherwise.
 */
static long mem_exact_malloc(struct io_uring *ring)
{
	ssize_t need = io_uring_memory_size(8, 0);
	void *buf = NULL;
	long ret;

	(void) ring;
	need_no_mmap();
	assert_true(need > 0);
	assert_int_equal(posix_memalign(&buf, (size_t) page, (size_t) need),
			 0);
	ret = mem_init(buf, (size_t) need, 8);
	free(buf);
	return ret == need ? 0 : ret;
}

static long mem_unaligned(struct io_uring *ring)
{
	size_t sz = 1 << 16;
	char *buf = NULL;
	long ret;

	(void) ring;
	assert_int_equal(posix_memalign((void **) &buf, (size_t) page,
					sz + 64), 0);
	ret = mem_init(buf + 64, sz, 8);
	free(buf);
	return ret;
}

static long mem_unmapped(struct io_uring *ring)
{
	(void) ring;
	need_no_mmap();
	return mem_init(unmapped(), 1 << 16, 8);
}

static long mem_read_only(struct io_uring *ring)
{
	size_t sz = 1 << 16;
	void *buf = mmap(NULL, sz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	long ret;

	(void) ring;
	assert_true(buf != MAP_FAILED);
	need_no_mmap();
	ret = mem_init(buf, sz, 8);
	munmap(buf, sz);
	return ret;
}

static long mem_zero_entries(struct io_uring *ring)
{
	static char buf[1 << 16] __attribute__((aligned(4096)));

	(void) ring;
	return mem_init(buf, sizeof(buf), 0);
}

/* ---- calls after io_uring_queue_exit() ------------------------------ */

/*
 * Makes a ring, uses it, tears it down, then runs fn on the remains.
 * The torn-down ring reads as empty and has fd -1.
 */
static long after_exit(long (*fn)(struct io_uring *))
{
	struct io_uring r;
	long ret;

	assert_int_equal(io_uring_queue_init(4, &r, 0), 0);
	rel_nop_round_trip(&r);
	io_uring_queue_exit(&r);
	ret = fn(&r);
	io_uring_queue_exit(&r);	/* twice is harmless */
	return ret;
}

static long dead_get_sqe(struct io_uring *r)
{
	return io_uring_get_sqe(r) ? 1 : 0;
}

static long dead_submit(struct io_uring *r)
{
	return io_uring_submit(r);
}

static long dead_wait(struct io_uring *r)
{
	struct io_uring_cqe *cqe;

	return io_uring_wait_cqe(r, &cqe);
}

static long dead_peek(struct io_uring *r)
{
	struct io_uring_cqe *cqe;

	return io_uring_peek_cqe(r, &cqe);
}

static long dead_register(struct io_uring *r)
{
	static char buf[64];
	struct iovec iov = { buf, sizeof(buf) };

	return io_uring_register_buffers(r, &iov, 1);
}

static long dead_dontfork(struct io_uring *r)
{
	return io_uring_ring_dontfork(r);
}

static long dead_probe(struct io_uring *r)
{
	struct io_uring_probe *p = io_uring_get_probe_ring(r);

	io_uring_free_probe(p);
	return p ? 1 : 0;
}

static long dead_register_ring_fd(struct io_uring *r)
{
	return io_uring_register_ring_fd(r);
}

#define AFTER_EXIT(name)						\
static long exit_##name(struct io_uring *ring)				\
{									\
	(void) ring;							\
	return after_exit(dead_##name);					\
}

AFTER_EXIT(get_sqe)
AFTER_EXIT(submit)
AFTER_EXIT(wait)
AFTER_EXIT(peek)
AFTER_EXIT(register)
AFTER_EXIT(dontfork)
AFTER_EXIT(probe)
AFTER_EXIT(register_ring_fd)

static long exit_null(struct io_uring *ring)
{
	(void) ring;
	io_uring_queue_exit(NULL);
	return io_uring_ring_dontfork(NULL);
}

static long probe_null_ring(struct io_uring *ring)
{
	(void) ring;
	return io_uring_get_probe_ring(NULL) ? 1 : 0;
}

static const struct hostile table[] = {
	/* setup */
	ROW(setup_zero_entries, -EINVAL),
	ROW(setup_npot_entries, 4),
	ROW(setup_npot_large, 1024),
	ROW(setup_too_many, -EINVAL),
	ROW(setup_uint_max, -EINVAL),
	ROW(setup_clamped, 32768),
	ROW(setup_cq_zero, -EINVAL),
	ROW(setup_cq_smaller, -EINVAL),
	ROW(setup_cq_huge, -EINVAL),
	ROW(setup_cq_npot, 16),
	ROW(setup_unknown_flag, -EINVAL),
	ROW(setup_resv, -EINVAL),
	ROW(setup_sq_aff_alone, -EINVAL),
	ROW(setup_sq_aff_bad_cpu, -EINVAL),
	ROW(setup_defer_alone, -EINVAL),
	ROW(setup_defer_sqpoll, -EINVAL),
	ROW(setup_regfd_only_mmap, -EINVAL),
	ROW(setup_attach_wq_not_ring, -EINVAL),
	ROW(setup_attach_wq_closed, -ENXIO),
	ROW(setup_raw_null_params, -EFAULT),
	ROW(setup_raw_bad_params, -EFAULT),
	ROW(setup_null_ring, -EINVAL),
	ROW(setup_null_params, -EINVAL),
	ROW(setup_memory_size_null, -EINVAL),
	ROW(setup_memory_size_zero, -EINVAL),
	/* caller memory */
	ROW(mem_null, -EINVAL),
	ROW(mem_too_small, -ENOMEM),
	ROW(mem_one_byte_short, -ENOMEM),
	ROW(mem_exact_malloc, 0),
	ROW(mem_unaligned, -EINVAL),
	ROW(mem_unmapped, -EFAULT),
	ROW(mem_read_only, -EFAULT),
	ROW(mem_zero_entries, -EINVAL),
	/* after teardown, and NULL */
	ROW(exit_get_sqe, 0),
	ROW(exit_submit, 0),
	ROW(exit_wait, -EBADF),
	ROW(exit_peek, -EAGAIN),
	/* the library answers for the missing fd, not the kernel (-EINVAL) */
	ROW(exit_register, -EBADF),
	ROW(exit_dontfork, -EINVAL),
	ROW(exit_probe, 0),
	ROW(exit_register_ring_fd, -EBADF),
	ROW(exit_null, -EINVAL),
	ROW(probe_null_ring, 0),
};

int main(void)
{
	return hostile_run("rel-hostile-setup", table, T_ARRAY_SIZE(table));
}
