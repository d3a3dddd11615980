/* SPDX-License-Identifier: MIT */
/*
 * Hostile inputs across the public API.  Each row of the table below
 * makes one bad call (bad sizes, closed or foreign fds, flags and opcodes
 * the kernel rejects, bad and overlapping buffers, double registration,
 * use after teardown, NULL pointers) and must get exactly its documented
 * result, usually a -errno.  After every row the shared ring must still
 * work: a NOP round trip with an empty CQ before and after, and nothing
 * left queued in the SQ.  Rows that need a ring of their own also prove
 * that ring usable, or inert if it was torn down.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "rel-util.h"

static struct io_uring g_ring;
static long page;

/* ---- helpers ------------------------------------------------------- */

/* Submits the one SQE queued and returns its CQE's res (5 s at most). */
static long sqe_res(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 5 };
	struct io_uring_cqe *cqe;
	long res;

	assert_int_equal(io_uring_submit(ring), 1);
	assert_int_equal(io_uring_wait_cqe_timeout(ring, &cqe, &ts), 0);
	res = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return res;
}

static struct io_uring_sqe *sqe_of(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	io_uring_sqe_set_data64(sqe, 0x4057);
	return sqe;
}

/* An fd number that is certainly closed. */
static int closed_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	close(fd);
	return fd;
}

/* A page of address space with nothing mapped there. */
static void *unmapped(void)
{
	void *p = mmap(NULL, (size_t) page, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	munmap(p, (size_t) page);
	return p;
}

/*
 * Tries to set a ring up on the side.  On success the ring must work and
 * the result is its SQ size (or what the caller asks); on failure the
 * struct must be inert.
 */
static long side_init(unsigned entries, struct io_uring_params *p)
{
	struct io_uring r;
	long ret = io_uring_queue_init_params(entries, &r, p);

	if (ret < 0) {
		assert_int_equal(r.ring_fd, -1);
		assert_null(io_uring_get_sqe(&r));
		io_uring_queue_exit(&r);
		return ret;
	}
	rel_nop_round_trip(&r);
	ret = (long) r.sq.ring_entries;
	io_uring_queue_exit(&r);
	return ret;
}

static long init_flags(unsigned entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	return side_init(entries, &p);
}

static long init_cq(unsigned entries, unsigned cq_entries, unsigned flags)
{
	struct io_uring_params p;

	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_CQSIZE | flags;
	p.cq_entries = cq_entries;
	return side_init(entries, &p);
}

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
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	long ret;

	(void) ring;
	memset(&p, 0, sizeof(p));
	p.flags = IORING_SETUP_ATTACH_WQ;
	p.wq_fd = (unsigned) fd;
	ret = side_init(8, &p);
	close(fd);
	return ret;
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

/* ---- enter: fds, flags, arguments ----------------------------------- */

/* The ring's fd closed under it, then restored. */
static long enter_closed_ring_fd(struct io_uring *ring)
{
	int fd = ring->ring_fd, saved = dup(fd);
	long ret;

	assert_true(saved >= 0);
	close(fd);
	ret = io_uring_submit_and_wait(ring, 1);
	assert_int_equal(dup2(saved, fd), fd);
	close(saved);
	return ret;
}

static long enter_not_a_ring(struct io_uring *ring)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	long ret;

	(void) ring;
	ret = io_uring_enter((unsigned) fd, 0, 1, IORING_ENTER_GETEVENTS,
			     NULL);
	close(fd);
	return ret;
}

static long enter_unknown_flag(struct io_uring *ring)
{
	return io_uring_enter((unsigned) ring->ring_fd, 0, 0, 1U << 31, NULL);
}

static long enter_ext_arg_size(struct io_uring *ring)
{
	struct io_uring_getevents_arg arg;

	memset(&arg, 0, sizeof(arg));
	return io_uring_enter2((unsigned) ring->ring_fd, 0, 1,
			       IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
			       &arg, sizeof(arg) - 1);
}

static long enter_sigset_size(struct io_uring *ring)
{
	sigset_t set;

	sigemptyset(&set);
	return io_uring_enter2((unsigned) ring->ring_fd, 0, 1,
			       IORING_ENTER_GETEVENTS, &set, 4);
}

static long enter_bad_ts(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;

	return io_uring_wait_cqe_timeout(ring, &cqe, unmapped());
}

static long enter_bad_sigmask(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;

	return REL_BAD_POINTER_CALL(io_uring_wait_cqes(ring, &cqe, 1, NULL,
						       unmapped()));
}

static long enter_reg_negative(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;

	return io_uring_submit_and_wait_reg(ring, &cqe, 1, -1);
}

static long enter_timeout_expires(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000000 };
	struct io_uring_cqe *cqe = (void *) 1;
	long ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);

	assert_null(cqe);
	return ret;
}

/* ---- SQEs the kernel rejects ---------------------------------------- */

static long sqe_opcode_last(struct io_uring *ring)
{
	io_uring_prep_rw(IORING_OP_LAST, sqe_of(ring), -1, NULL, 0, 0);
	return sqe_res(ring);
}

static long sqe_opcode_255(struct io_uring *ring)
{
	io_uring_prep_rw(255, sqe_of(ring), -1, NULL, 0, 0);
	return sqe_res(ring);
}

static long sqe_unknown_flag(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_nop(sqe);
	sqe->flags = 1U << 7;
	return sqe_res(ring);
}

static long sqe_nop_bad_flags(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_nop(sqe);
	sqe->nop_flags = 1U << 30;
	return sqe_res(ring);
}

static long sqe_fixed_file_no_table(struct io_uring *ring)
{
	static char buf[16];
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags = IOSQE_FIXED_FILE;
	return sqe_res(ring);
}

static long sqe_buffer_select_none(struct io_uring *ring)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	struct io_uring_sqe *sqe = sqe_of(ring);
	long ret;

	io_uring_prep_read(sqe, fd, NULL, 16, 0);
	sqe->flags = IOSQE_BUFFER_SELECT;
	sqe->buf_group = 77;
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_buffer_select_nop(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_nop(sqe);
	sqe->flags = IOSQE_BUFFER_SELECT;
	return sqe_res(ring);
}

static long sqe_read_closed_fd(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_read(sqe_of(ring), closed_fd(), buf, sizeof(buf), 0);
	return sqe_res(ring);
}

static long sqe_read_negative_fd(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_read(sqe_of(ring), -5, buf, sizeof(buf), 0);
	return sqe_res(ring);
}

static long sqe_read_null_buf(struct io_uring *ring)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	long ret;

	io_uring_prep_read(sqe_of(ring), fd, NULL, 16, 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_read_unmapped_buf(struct io_uring *ring)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	long ret;

	io_uring_prep_read(sqe_of(ring), fd, unmapped(), 16, 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_read_directory(struct io_uring *ring)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	static char buf[16];
	long ret;

	io_uring_prep_read(sqe_of(ring), fd, buf, sizeof(buf), 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_write_read_only_fd(struct io_uring *ring)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	static char buf[16];
	long ret;

	io_uring_prep_write(sqe_of(ring), fd, buf, sizeof(buf), 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_readv_too_many(struct io_uring *ring)
{
	static struct iovec iov[1025];
	static char buf[16];
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	unsigned i;
	long ret;

	for (i = 0; i < 1025; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = 1;
	}
	io_uring_prep_readv(sqe_of(ring), fd, iov, 1025, 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_readv_null_iov(struct io_uring *ring)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	long ret;

	io_uring_prep_readv(sqe_of(ring), fd, NULL, 1, 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_read_fixed_no_buffers(struct io_uring *ring)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	static char buf[16];
	long ret;

	io_uring_prep_read_fixed(sqe_of(ring), fd, buf, sizeof(buf), 0, 3);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_timeout_null_ts(struct io_uring *ring)
{
	io_uring_prep_timeout(sqe_of(ring), NULL, 0, 0);
	return sqe_res(ring);
}

static long sqe_timeout_negative_ns(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = -1 };

	io_uring_prep_timeout(sqe_of(ring), &ts, 0, 0);
	return sqe_res(ring);
}

static long sqe_timeout_len_2(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000 };
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_timeout(sqe, &ts, 0, 0);
	sqe->len = 2;
	return sqe_res(ring);
}

static long sqe_timeout_unknown_flag(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000 };

	io_uring_prep_timeout(sqe_of(ring), &ts, 0, 1U << 20);
	return sqe_res(ring);
}

static long sqe_timeout_two_clocks(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000 };

	io_uring_prep_timeout(sqe_of(ring), &ts, 0, IORING_TIMEOUT_BOOTTIME |
			      IORING_TIMEOUT_REALTIME);
	return sqe_res(ring);
}

static long sqe_timeout_remove_unknown(struct io_uring *ring)
{
	rel_prep_timeout_remove(sqe_of(ring), 0xdeadbeefULL);
	return sqe_res(ring);
}

static long sqe_cancel_unknown(struct io_uring *ring)
{
	io_uring_prep_cancel64(sqe_of(ring), 0xdeadbeefULL, 0);
	return sqe_res(ring);
}

static long sqe_cancel_bad_flags(struct io_uring *ring)
{
	io_uring_prep_cancel64(sqe_of(ring), 0, 1 << 30);
	return sqe_res(ring);
}

static long sqe_link_timeout_alone(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_nsec = 1000 };

	io_uring_prep_link_timeout(sqe_of(ring), &ts, 0);
	return sqe_res(ring);
}

static long sqe_unknown_personality(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_nop(sqe);
	sqe->personality = 12345;
	return sqe_res(ring);
}

/* The head of a chain fails: what does its follower get? */
static long sqe_chain_after_failure(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	long res = 1;
	int i;

	sqe = sqe_of(ring);
	rel_prep_fail(sqe);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe = sqe_of(ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0x4058);
	assert_int_equal(io_uring_submit_and_wait(ring, 2), 2);
	for (i = 0; i < 2; i++) {
		assert_int_equal(io_uring_peek_cqe(ring, &cqe), 0);
		if (cqe->user_data == 0x4057)
			assert_int_equal(cqe->res, -EBADF);
		else
			res = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	return res;
}

static long sqe_openat_null_path(struct io_uring *ring)
{
	io_uring_prep_openat(sqe_of(ring), AT_FDCWD, NULL, O_RDONLY, 0);
	return sqe_res(ring);
}

static long sqe_msg_ring_not_ring(struct io_uring *ring)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	long ret;

	io_uring_prep_msg_ring(sqe_of(ring), fd, 0, 0, 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

static long sqe_send_not_socket(struct io_uring *ring)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	static char buf[16];
	long ret;

	io_uring_prep_send(sqe_of(ring), fd, buf, sizeof(buf), 0);
	ret = sqe_res(ring);
	close(fd);
	return ret;
}

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
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	long ret;

	(void) ring;
	ret = io_uring_register((unsigned) fd, IORING_UNREGISTER_BUFFERS,
				NULL, 0);
	close(fd);
	return ret;
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
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	long ret;

	memset(buf, 0x55, sizeof(buf));
	ret = io_uring_register_buffers(ring, iov, 3);
	if (ret)
		return ret;
	io_uring_prep_read_fixed(sqe_of(ring), fd, buf + 100, 4096, 0, 1);
	ret = sqe_res(ring);
	assert_int_equal(ret, 4096);
	assert_int_equal(buf[99], 0x55);
	assert_int_equal(buf[100], 0);
	assert_int_equal(buf[4195], 0);
	assert_int_equal(buf[4196], 0x55);
	io_uring_prep_read_fixed(sqe_of(ring), fd, buf + 1, 17, 0, 2);
	assert_int_equal(sqe_res(ring), 17);
	assert_int_equal(buf[0], 0x55);
	close(fd);
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
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	long ret = io_uring_register_eventfd(ring, fd);

	close(fd);
	return ret;
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
	return io_uring_close_ring_fd(ring);
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

/* ---- the table ------------------------------------------------------- */

struct hostile {
	const char *name;
	long (*run)(struct io_uring *ring);
	long want;
};

#define ROW(fn, want) { #fn, fn, want }

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
	/* entering the kernel */
	ROW(enter_closed_ring_fd, -EBADF),
	ROW(enter_not_a_ring, -EOPNOTSUPP),
	ROW(enter_unknown_flag, -EINVAL),
	ROW(enter_ext_arg_size, -EINVAL),
	ROW(enter_sigset_size, -EINVAL),
	ROW(enter_bad_ts, -EFAULT),
	ROW(enter_bad_sigmask, -EFAULT),
	ROW(enter_reg_negative, -EINVAL),
	ROW(enter_timeout_expires, -ETIME),
	/* SQEs */
	ROW(sqe_opcode_last, -EINVAL),
	ROW(sqe_opcode_255, -EINVAL),
	ROW(sqe_unknown_flag, -EINVAL),
	ROW(sqe_nop_bad_flags, -EINVAL),
	ROW(sqe_fixed_file_no_table, -EBADF),
	ROW(sqe_buffer_select_none, -ENOBUFS),
	ROW(sqe_buffer_select_nop, -EOPNOTSUPP),
	ROW(sqe_read_closed_fd, -EBADF),
	ROW(sqe_read_negative_fd, -EBADF),
	ROW(sqe_read_null_buf, -EFAULT),
	ROW(sqe_read_unmapped_buf, -EFAULT),
	ROW(sqe_read_directory, -EISDIR),
	ROW(sqe_write_read_only_fd, -EBADF),
	ROW(sqe_readv_too_many, -EINVAL),
	ROW(sqe_readv_null_iov, -EFAULT),
	ROW(sqe_read_fixed_no_buffers, -EFAULT),
	ROW(sqe_timeout_null_ts, -EFAULT),
	ROW(sqe_timeout_negative_ns, -EINVAL),
	ROW(sqe_timeout_len_2, -EINVAL),
	ROW(sqe_timeout_unknown_flag, -EINVAL),
	ROW(sqe_timeout_two_clocks, -EINVAL),
	ROW(sqe_timeout_remove_unknown, -ENOENT),
	ROW(sqe_cancel_unknown, -ENOENT),
	ROW(sqe_cancel_bad_flags, -EINVAL),
	ROW(sqe_link_timeout_alone, -EINVAL),
	ROW(sqe_unknown_personality, -EINVAL),
	ROW(sqe_chain_after_failure, -ECANCELED),
	ROW(sqe_openat_null_path, -EFAULT),
	ROW(sqe_msg_ring_not_ring, -EBADFD),
	ROW(sqe_send_not_socket, -ENOTSOCK),
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

#define NR_ROWS T_ARRAY_SIZE(table)

static void run_row(void **state)
{
	const struct hostile *h = *state;
	int fds = rel_count_fds();
	long got;

	rel_nop_round_trip(&g_ring);
	got = h->run(&g_ring);
	if (got != h->want)
		fail_msg("%s: got %ld (%s), want %ld (%s)", h->name, got,
			 got < 0 ? strerror((int) -got) : "-", h->want,
			 h->want < 0 ? strerror((int) -h->want) : "-");
	/* nothing left behind: no queued SQE, no CQE, no fd */
	assert_int_equal(io_uring_sq_ready(&g_ring), 0);
	assert_int_equal(io_uring_cq_ready(&g_ring), 0);
	assert_int_equal(rel_count_fds(), fds);
	rel_nop_round_trip(&g_ring);
}

static int group_setup(void **state)
{
	(void) state;
	page = sysconf(_SC_PAGESIZE);
	return io_uring_queue_init(8, &g_ring, 0);
}

static int group_teardown(void **state)
{
	(void) state;
	io_uring_queue_exit(&g_ring);
	return 0;
}

int main(void)
{
	static struct CMUnitTest tests[NR_ROWS];
	size_t i;

	for (i = 0; i < NR_ROWS; i++) {
		tests[i].name = table[i].name;
		tests[i].test_func = run_row;
		tests[i].initial_state = (void *) &table[i];
	}
	return _cmocka_run_group_tests("rel-hostile", tests, NR_ROWS,
				       group_setup, group_teardown);
}
