/* SPDX-License-Identifier: MIT */
/*
 * Hostile inputs on the submission path: io_uring_enter(2) with bad
 * fds, flags and arguments, and SQEs the kernel rejects.  The table
 * runner and its contract are in rel-hostile.h.
 */
#include "rel-hostile.h"

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
	(void) ring;
	return io_uring_enter((unsigned) fx.null_rd, 0, 1,
			      IORING_ENTER_GETEVENTS, NULL);
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
	struct io_uring_sqe *sqe = sqe_of(ring);

	io_uring_prep_read(sqe, fx.zero, NULL, 16, 0);
	sqe->flags = IOSQE_BUFFER_SELECT;
	sqe->buf_group = 77;
	return sqe_res(ring);
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
	io_uring_prep_read(sqe_of(ring), fx.zero, NULL, 16, 0);
	return sqe_res(ring);
}

static long sqe_read_unmapped_buf(struct io_uring *ring)
{
	io_uring_prep_read(sqe_of(ring), fx.zero, unmapped(), 16, 0);
	return sqe_res(ring);
}

static long sqe_read_directory(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_read(sqe_of(ring), fx.dir, buf, sizeof(buf), 0);
	return sqe_res(ring);
}

static long sqe_write_read_only_fd(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_write(sqe_of(ring), fx.null_rd, buf, sizeof(buf), 0);
	return sqe_res(ring);
}

static long sqe_readv_too_many(struct io_uring *ring)
{
	static struct iovec iov[1025];
	static char buf[16];
	unsigned i;

	for (i = 0; i < 1025; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = 1;
	}
	io_uring_prep_readv(sqe_of(ring), fx.zero, iov, 1025, 0);
	return sqe_res(ring);
}

static long sqe_readv_null_iov(struct io_uring *ring)
{
	io_uring_prep_readv(sqe_of(ring), fx.zero, NULL, 1, 0);
	return sqe_res(ring);
}

static long sqe_read_fixed_no_buffers(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_read_fixed(sqe_of(ring), fx.zero, buf, sizeof(buf), 0, 3);
	return sqe_res(ring);
}

static long sqe_timeout_null_ts(struct io_uring *ring)
{
	io_uring_prep_timeout(sqe_of(ring), NULL, 0, 0);
	return sqe_res(ring);
}

/*
 * A negative tv_nsec: its upper half all ones, its lower half 1.  For a
 * 32-bit caller the kernel reads only the lower half (the upper one is
 * where a 32-bit long's padding would be: get_timespec64() masks it away
 * for compat tasks), so there the same bytes are a valid 1 ns timeout.
 */
#define NEGATIVE_NS_RES	(sizeof(long) == 4 ? -ETIME : -EINVAL)

static long sqe_timeout_negative_ns(struct io_uring *ring)
{
	struct __kernel_timespec ts = {
		.tv_sec = 0,
		.tv_nsec = (long long) (~0xffffffffULL | 1),
	};

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
	io_uring_prep_msg_ring(sqe_of(ring), fx.null_rd, 0, 0, 0);
	return sqe_res(ring);
}

static long sqe_send_not_socket(struct io_uring *ring)
{
	static char buf[16];

	io_uring_prep_send(sqe_of(ring), fx.null_wr, buf, sizeof(buf), 0);
	return sqe_res(ring);
}

static const struct hostile table[] = {
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
	ROW(sqe_timeout_negative_ns, NEGATIVE_NS_RES),
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
};

int main(void)
{
	return hostile_run("rel-hostile-submit", table, T_ARRAY_SIZE(table));
}
