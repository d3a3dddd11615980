/* SPDX-License-Identifier: MIT */
/*
 * Registered files: requests address a pipe by table index with
 * IOSQE_FIXED_FILE; an update swaps a slot; unregistering empties it.
 */
#define _GNU_SOURCE
#include "prog.h"

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe c[2];
	int p1[2], p2[2], files[2], ret;
	char buf[16];

	prog_ring_init(&ring, 4);
	CHECK(pipe(p1) == 0 && pipe(p2) == 0);

	/* slot 0: read end, slot 1: write end */
	files[0] = p1[0];
	files[1] = p1[1];
	CHECK_EQ(io_uring_register_files(&ring, files, 2), 0);

	sqe = prog_sqe(&ring);
	io_uring_prep_write(sqe, 1, "fixed", 5, 0);
	sqe->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
	sqe->user_data = 0;
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	sqe->user_data = 1;
	CHECK_EQ(io_uring_submit(&ring), 2);
	prog_reap_by_data(&ring, c, 2);
	CHECK_EQ(c[0].res, 5);
	CHECK_EQ(c[1].res, 5);
	CHECK(memcmp(buf, "fixed", 5) == 0);

	/* point slot 0 at the second pipe's read end */
	ret = io_uring_register_files_update(&ring, 0, &p2[0], 1);
	CHECK_EQ(ret, 1);
	CHECK_EQ(write(p2[1], "other", 5), 5);
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, 5);
	CHECK(memcmp(buf, "other", 5) == 0);

	CHECK_EQ(io_uring_unregister_files(&ring), 0);
	sqe = prog_sqe(&ring);
	io_uring_prep_read(sqe, 0, buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c[0]);
	CHECK_EQ(c[0].res, -EBADF);

	io_uring_queue_exit(&ring);
	printf("regfile: ok\n");
	return 0;
}
