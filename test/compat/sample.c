/* SPDX-License-Identifier: MIT */
/*
 * A program using a broad slice of the API, written in the common subset
 * of C99 and C++11 so that test/compat-cc.sh can build this one file in
 * every cell of its matrix (gcc and clang at -std=c99, c11, gnu17 with
 * -pedantic; g++ and clang++ at -std=c++11, c++17, c++20), each with
 * -Wall -Wextra -Werror, and run it.  A warning from our headers in any
 * language mode fails the build, which is the point.
 *
 * Exit status: 0 pass, 77 when the kernel refuses io_uring, 1 failure.
 */
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <netinet/in.h>

/* The version macros: these headers are 2.x, and not older than 2.15. */
#if !defined(IO_URING_VERSION_MAJOR) || !defined(IO_URING_VERSION_MINOR)
#error "liburing/io_uring_version.h not included by liburing.h"
#endif
#if IO_URING_VERSION_MAJOR != 2 || IO_URING_CHECK_VERSION(2, 15)
#error "headers older than liburing 2.15"
#endif
#if !IO_URING_CHECK_VERSION(2, 99)
#error "IO_URING_CHECK_VERSION(2, 99) must be true: we are older than that"
#endif
#ifndef LIBURING_HAVE_DATA64
#error "LIBURING_HAVE_DATA64 missing"
#endif

#ifdef __cplusplus
#if __cplusplus >= 202002L
/* test/compat/sample-tu2.cc: the same helpers, seen from another TU */
decltype(&io_uring_prep_nop) tu2_prep_nop();
decltype(&io_uring_cqe_seen) tu2_cqe_seen();
decltype(&io_uring_get_sqe) tu2_get_sqe();
decltype(&io_uring_buf_ring_add) tu2_buf_ring_add();
#endif
/* Every declaration is noexcept, inline helpers and exported ones alike. */
static_assert(noexcept(io_uring_submit(nullptr)), "io_uring_submit");
static_assert(noexcept(io_uring_queue_init(0, nullptr, 0)), "queue_init");
static_assert(noexcept(io_uring_get_sqe(nullptr)), "io_uring_get_sqe");
static_assert(noexcept(io_uring_prep_nop(nullptr)), "io_uring_prep_nop");
static_assert(noexcept(io_uring_cqe_seen(nullptr, nullptr)), "cqe_seen");
static_assert(noexcept(io_uring_buf_ring_mask(0)), "buf_ring_mask");
#endif

static int failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			failures++;					\
		}							\
	} while (0)

/*
 * The public barrier macros as applications use them on their own words,
 * with the value's type differing from the object's (an int literal into
 * an unsigned short, as io_uring_buf_ring_advance() stores a tail).
 */
static void barriers(void)
{
	unsigned word = 1;
	unsigned short half = 0;
	unsigned long long wide = 0;

	IO_URING_WRITE_ONCE(word, 7);
	CHECK(IO_URING_READ_ONCE(word) == 7);
	io_uring_smp_store_release(&half, 65535);
	CHECK(io_uring_smp_load_acquire(&half) == 65535);
	io_uring_smp_store_release(&wide, 1ULL << 40);
	io_uring_smp_mb();
	CHECK(io_uring_smp_load_acquire(&wide) == 1ULL << 40);
}

static struct io_uring_sqe *sqe_of(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe) {
		fprintf(stderr, "SQ unexpectedly full\n");
		exit(1);
	}
	return sqe;
}

/* Waits for one CQE and copies it to *out, retiring the original. */
static void reap(struct io_uring *ring, struct io_uring_cqe *out)
{
	struct io_uring_cqe *cqe = NULL;
	int ret = io_uring_wait_cqe(ring, &cqe);

	if (ret < 0 || !cqe) {
		fprintf(stderr, "wait_cqe: %d\n", ret);
		exit(1);
	}
	*out = *cqe;
	io_uring_cqe_seen(ring, cqe);
}

/* NOPs through both CQE walkers: the macro and the iterator. */
static void nops(struct io_uring *ring)
{
	struct io_uring_cqe *cqe;
	struct io_uring_cqe_iter it;
	unsigned head, seen = 0, sum = 0;
	int i;

	for (i = 1; i <= 4; i++) {
		struct io_uring_sqe *sqe = sqe_of(ring);

		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, (__u64)i);
	}
	CHECK(io_uring_sq_ready(ring) == 4);
	CHECK(io_uring_submit_and_wait(ring, 4) == 4);
	CHECK(io_uring_cq_ready(ring) == 4);

	it = io_uring_cqe_iter_init(ring);
	while (io_uring_cqe_iter_next(&it, &cqe))
		sum += (unsigned)io_uring_cqe_get_data64(cqe);
	CHECK(sum == 1 + 2 + 3 + 4);
	/* the iterator consumed none */
	CHECK(io_uring_cq_ready(ring) == 4);

	sum = 0;
	io_uring_for_each_cqe(ring, head, cqe) {
		CHECK(cqe->res == 0);
		sum += (unsigned)cqe->user_data;
		seen++;
	}
	io_uring_cq_advance(ring, seen);
	CHECK(seen == 4 && sum == 10);
	CHECK(io_uring_cq_ready(ring) == 0);
}

/* A write into a pipe linked to a read out of it, then a timeout. */
static void pipe_io(struct io_uring *ring)
{
	static char out[] = "drop-in";
	char in[16];
	struct __kernel_timespec ts;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int fds[2];

	CHECK(pipe(fds) == 0);
	memset(in, 0, sizeof(in));

	sqe = sqe_of(ring);
	io_uring_prep_write(sqe, fds[1], out, sizeof(out), 0);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	io_uring_sqe_set_data(sqe, out);
	sqe = sqe_of(ring);
	io_uring_prep_read(sqe, fds[0], in, sizeof(in), 0);
	io_uring_sqe_set_data(sqe, in);
	CHECK(io_uring_submit(ring) == 2);

	reap(ring, &cqe);
	CHECK(io_uring_cqe_get_data(&cqe) == (void *)out);
	CHECK(cqe.res == (int)sizeof(out));
	reap(ring, &cqe);
	CHECK(io_uring_cqe_get_data(&cqe) == (void *)in);
	CHECK(cqe.res == (int)sizeof(out));
	CHECK(memcmp(in, out, sizeof(out)) == 0);

	ts.tv_sec = 0;
	ts.tv_nsec = 10 * 1000 * 1000;
	io_uring_prep_timeout(sqe_of(ring), &ts, 0, 0);
	CHECK(io_uring_submit(ring) == 1);
	reap(ring, &cqe);
	CHECK(cqe.res == -ETIME);

	close(fds[0]);
	close(fds[1]);
}

/* A provided-buffer ring feeding a read with buffer selection. */
static void buf_ring(struct io_uring *ring)
{
	enum { NBUF = 4, BUFSZ = 32, BGID = 7 };
	static char bufs[NBUF][BUFSZ];
	struct io_uring_buf_ring *br;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe;
	int fds[2], err = 0, mask = io_uring_buf_ring_mask(NBUF), i;
	unsigned bid;

	br = io_uring_setup_buf_ring(ring, NBUF, BGID, 0, &err);
	if (!br) {
		/* Linux 5.19 added buffer rings; say so rather than fail */
		printf("buffer ring unavailable (%d), skipped\n", err);
		return;
	}
	for (i = 0; i < NBUF; i++)
		io_uring_buf_ring_add(br, bufs[i], BUFSZ, (unsigned short)i,
				      mask, i);
	io_uring_buf_ring_advance(br, NBUF);
	CHECK(io_uring_buf_ring_available(ring, br, BGID) == NBUF);

	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "xyz", 3) == 3);
	sqe = sqe_of(ring);
	io_uring_prep_read(sqe, fds[0], NULL, BUFSZ, 0);
	io_uring_sqe_set_flags(sqe, IOSQE_BUFFER_SELECT);
	io_uring_sqe_set_buf_group(sqe, BGID);
	CHECK(io_uring_submit(ring) == 1);
	reap(ring, &cqe);
	CHECK(cqe.res == 3);
	CHECK(cqe.flags & IORING_CQE_F_BUFFER);
	bid = cqe.flags >> IORING_CQE_BUFFER_SHIFT;
	CHECK(bid < NBUF && memcmp(bufs[bid % NBUF], "xyz", 3) == 0);
	CHECK(io_uring_buf_ring_available(ring, br, BGID) == NBUF - 1);

	CHECK(io_uring_free_buf_ring(ring, br, NBUF, BGID) == 0);
	close(fds[0]);
	close(fds[1]);
}

/*
 * Prep helpers that the run above does not submit, filled into a scratch
 * SQE so that every one is compiled and called from user code in this
 * language mode: argument conversions are checked too.
 */
static void prep_sampler(void)
{
	struct io_uring_sqe s;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	struct iovec iov;
	struct msghdr msg;
	struct __kernel_timespec ts;
	char buf[8];
	int fds[2] = { -1, -1 };

	memset(&sin, 0, sizeof(sin));
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	ts.tv_sec = 1;
	ts.tv_nsec = 0;

	io_uring_prep_readv(&s, 0, &iov, 1, 0);
	io_uring_prep_writev(&s, 1, &iov, 1, 0);
	io_uring_prep_read_fixed(&s, 0, buf, sizeof(buf), 0, 0);
	io_uring_prep_write_fixed(&s, 1, buf, sizeof(buf), 0, 0);
	io_uring_prep_fsync(&s, 0, IORING_FSYNC_DATASYNC);
	io_uring_prep_openat(&s, AT_FDCWD, "f", O_RDONLY, 0);
	io_uring_prep_close(&s, 3);
	io_uring_prep_unlinkat(&s, AT_FDCWD, "f", 0);
	io_uring_prep_mkdirat(&s, AT_FDCWD, "d", 0755);
	io_uring_prep_fallocate(&s, 3, 0, 0, 4096);
	io_uring_prep_splice(&s, 3, -1, 4, -1, 16, 0);
	io_uring_prep_poll_add(&s, 0, POLLIN);
	io_uring_prep_poll_multishot(&s, 0, POLLIN);
	io_uring_prep_cancel64(&s, 42, 0);
	io_uring_prep_cancel(&s, buf, IORING_ASYNC_CANCEL_ALL);
	io_uring_prep_timeout_remove(&s, 42, 0);
	io_uring_prep_link_timeout(&s, &ts, 0);
	io_uring_prep_socket(&s, AF_INET, SOCK_STREAM, 0, 0);
	io_uring_prep_connect(&s, 3, (struct sockaddr *)&sin, len);
	io_uring_prep_accept(&s, 3, (struct sockaddr *)&sin, &len, 0);
	io_uring_prep_multishot_accept(&s, 3, NULL, NULL, 0);
	io_uring_prep_send(&s, 3, buf, sizeof(buf), 0);
	io_uring_prep_sendto(&s, 3, buf, sizeof(buf), 0,
			     (struct sockaddr *)&sin, len);
	io_uring_prep_send_zc(&s, 3, buf, sizeof(buf), 0, 0);
	io_uring_prep_recv(&s, 3, buf, sizeof(buf), 0);
	io_uring_prep_recv_multishot(&s, 3, NULL, 0, 0);
	io_uring_prep_sendmsg(&s, 3, &msg, 0);
	io_uring_prep_recvmsg(&s, 3, &msg, 0);
	io_uring_prep_shutdown(&s, 3, SHUT_WR);
	io_uring_prep_msg_ring(&s, 3, 0, 42, 0);
	io_uring_prep_provide_buffers(&s, buf, sizeof(buf), 1, 1, 0);
	io_uring_prep_read_multishot(&s, 3, 0, 0, 1);
	io_uring_prep_files_update(&s, fds, 2, 0);
	io_uring_prep_cmd_sock(&s, SOCKET_URING_OP_SIOCINQ, 3, 0, 0, NULL, 0);
	io_uring_sqe_set_flags(&s, IOSQE_FIXED_FILE | IOSQE_ASYNC);
	CHECK(s.opcode == IORING_OP_URING_CMD);
}

int main(void)
{
	struct io_uring ring;
	struct io_uring_probe *probe;
	int ret;

	CHECK(io_uring_major_version() == IO_URING_VERSION_MAJOR);
	CHECK(io_uring_minor_version() == IO_URING_VERSION_MINOR);
	CHECK(!io_uring_check_version(2, 15));
	CHECK(io_uring_check_version(2, 99));

#if defined(__cplusplus) && __cplusplus >= 202002L
	/*
	 * Under C++20 the helpers are inline, not static inline: one
	 * definition program-wide, so both translation units see the same
	 * address (a static copy per TU would differ).
	 */
	CHECK(tu2_prep_nop() == &io_uring_prep_nop);
	CHECK(tu2_cqe_seen() == &io_uring_cqe_seen);
	CHECK(tu2_get_sqe() == &io_uring_get_sqe);
	CHECK(tu2_buf_ring_add() == &io_uring_buf_ring_add);
#endif

	prep_sampler();
	barriers();

	ret = io_uring_queue_init(16, &ring, 0);
	if (ret == -ENOSYS || ret == -EPERM) {
		printf("SKIP: the kernel refuses io_uring (%d)\n", ret);
		return 77;
	}
	if (ret < 0) {
		fprintf(stderr, "queue_init: %d\n", ret);
		return 1;
	}

	probe = io_uring_get_probe_ring(&ring);
	CHECK(probe != NULL);
	if (probe) {
		CHECK(io_uring_opcode_supported(probe, IORING_OP_NOP));
		CHECK(!io_uring_opcode_supported(probe, IORING_OP_LAST));
		io_uring_free_probe(probe);
	}

	nops(&ring);
	pipe_io(&ring);
	buf_ring(&ring);
	io_uring_queue_exit(&ring);

	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("sample: ok\n");
	return 0;
}
