/* SPDX-License-Identifier: MIT */
/*
 * Linked requests: a chain runs in order; a failing link cancels the rest
 * of its chain; a hard link goes on regardless; a linked timeout cancels
 * the request before it that did not finish in time.
 */
#define _GNU_SOURCE
#include "prog.h"

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe c[3];
	struct __kernel_timespec ts;
	char wbuf[32], rbuf[32];
	int fd, p[2];

	prog_ring_init(&ring, 8);
	fd = prog_tmpfile();
	prog_fill(wbuf, sizeof(wbuf), 0);
	memset(rbuf, 0, sizeof(rbuf));

	/* write -> fsync -> read: the read must see the write */
	sqe = prog_sqe(&ring);
	io_uring_prep_write(sqe, fd, wbuf, sizeof(wbuf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_fsync(sqe, fd, 0);
	sqe->flags |= IOSQE_IO_LINK;
	sqe->user_data = 1;
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, fd, rbuf, sizeof(rbuf), 0);
	sqe->user_data = 2;
	CHECK_EQ(io_uring_submit(&ring), 3);
	prog_reap_by_data(&ring, c, 3);
	CHECK_EQ(c[0].res, sizeof(wbuf));
	CHECK_EQ(c[1].res, 0);
	CHECK_EQ(c[2].res, sizeof(rbuf));
	CHECK(prog_check(rbuf, sizeof(rbuf), 0));

	/* a failing head cancels what is linked to it */
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, -1, rbuf, sizeof(rbuf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_IO_LINK;
	sqe->user_data = 1;
	sqe = prog_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 2;
	CHECK_EQ(io_uring_submit(&ring), 3);
	prog_reap_by_data(&ring, c, 3);
	CHECK_EQ(c[0].res, -EBADF);
	CHECK_EQ(c[1].res, -ECANCELED);
	CHECK_EQ(c[2].res, -ECANCELED);

	/* a hard link does not care */
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, -1, rbuf, sizeof(rbuf), 0);
	sqe->flags |= IOSQE_IO_HARDLINK;
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, -EBADF);
	CHECK_EQ(c[1].res, 0);

	/* a read from an empty pipe, given 20 ms by a linked timeout */
	CHECK(pipe(p) == 0);
	ts.tv_sec = 0;
	ts.tv_nsec = 20 * 1000 * 1000;
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, p[0], rbuf, sizeof(rbuf), 0);
	sqe->flags |= IOSQE_IO_LINK;
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_link_timeout(sqe, &ts, 0);
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, -ECANCELED);
	CHECK_EQ(c[1].res, -ETIME);

	close(p[0]);
	close(p[1]);
	close(fd);
	io_uring_queue_exit(&ring);
	printf("link: ok\n");
	return 0;
}
