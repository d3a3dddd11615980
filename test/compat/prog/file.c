/* SPDX-License-Identifier: MIT */
/*
 * File I/O: vectored and plain writes and reads at offsets, fsync, and
 * openat/close through the ring; every byte read is checked.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include "prog.h"

#define LEN 65536

int main(void)
{
	static unsigned char wbuf[LEN], rbuf[LEN];
	struct io_uring ring;
	struct io_uring_cqe c[4];
	struct iovec iov[2];
	char path[] = "/tmp/uring-compat-open-XXXXXX";
	int fd, fd2;

	prog_ring_init(&ring, 8);
	fd = prog_tmpfile();
	prog_fill(wbuf, LEN, 0);

	/* two halves in one writev, then a read of the middle */
	iov[0].iov_base = wbuf;
	iov[0].iov_len = LEN / 2;
	iov[1].iov_base = wbuf + LEN / 2;
	iov[1].iov_len = LEN / 2;
	io_uring_prep_writev(prog_sqe(&ring), fd, iov, 2, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, LEN);

	io_uring_prep_fsync(prog_sqe(&ring), fd, IORING_FSYNC_DATASYNC);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 0);

	memset(rbuf, 0, LEN);
	io_uring_prep_read(prog_sqe(&ring), fd, rbuf, 1000, 12345);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 1000);
	CHECK(prog_check(rbuf, 1000, 12345));

	/* a readv past the end comes back short */
	iov[0].iov_base = rbuf;
	iov[0].iov_len = 100;
	iov[1].iov_base = rbuf + 100;
	iov[1].iov_len = 400;
	io_uring_prep_readv(prog_sqe(&ring), fd, iov, 2, LEN - 300);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 300);
	CHECK(prog_check(rbuf, 300, LEN - 300));

	/* plain write over the start, seen by a plain pread */
	memset(wbuf, 0xab, 512);
	io_uring_prep_write(prog_sqe(&ring), fd, wbuf, 512, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 512);
	CHECK_EQ(pread(fd, rbuf, 512, 0), 512);
	CHECK(memcmp(rbuf, wbuf, 512) == 0);
	close(fd);

	/* openat and close as requests */
	fd2 = mkstemp(path);
	CHECK(fd2 >= 0);
	CHECK_EQ(write(fd2, "hello", 5), 5);
	close(fd2);
	io_uring_prep_openat(prog_sqe(&ring), AT_FDCWD, path, O_RDONLY, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	unlink(path);
	CHECK(c[0].res >= 0);
	fd2 = c[0].res;
	memset(rbuf, 0, 8);
	CHECK_EQ(read(fd2, rbuf, 8), 5);
	CHECK(memcmp(rbuf, "hello", 5) == 0);
	io_uring_prep_close(prog_sqe(&ring), fd2);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 0);
	CHECK(fcntl(fd2, F_GETFD) < 0 && errno == EBADF);

	io_uring_queue_exit(&ring);
	printf("file: ok\n");
	return 0;
}
