/* SPDX-License-Identifier: MIT */
/*
 * Registered buffers: write_fixed from one registered buffer, read_fixed
 * back into another, byte for byte; after unregistering, fixed I/O fails.
 */
#define _GNU_SOURCE
#include <sys/uio.h>
#include "prog.h"

#define BUFSZ 8192

int main(void)
{
	struct io_uring ring;
	struct io_uring_cqe c;
	struct iovec iov[2];
	void *bufs[2];
	int fd, i, ret;

	prog_ring_init(&ring, 4);
	for (i = 0; i < 2; i++) {
		CHECK(posix_memalign(&bufs[i], 4096, BUFSZ) == 0);
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = BUFSZ;
	}
	ret = io_uring_register_buffers(&ring, iov, 2);
	if (ret == -ENOMEM)
		SKIP("cannot lock buffer memory (RLIMIT_MEMLOCK)");
	CHECK_EQ(ret, 0);

	fd = prog_tmpfile();
	prog_fill(bufs[0], BUFSZ, 4096);
	memset(bufs[1], 0, BUFSZ);

	io_uring_prep_write_fixed(prog_sqe(&ring), fd, bufs[0], BUFSZ, 4096, 0);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c);
	CHECK_EQ(c.res, BUFSZ);

	/* a read into the middle of buffer 1 */
	io_uring_prep_read_fixed(prog_sqe(&ring), fd, (char *)bufs[1] + 100,
				 1000, 4096 + 500, 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c);
	CHECK_EQ(c.res, 1000);
	CHECK(prog_check((char *)bufs[1] + 100, 1000, 4096 + 500));

	/* an address outside the named buffer is refused */
	io_uring_prep_read_fixed(prog_sqe(&ring), fd, bufs[0], 100, 0, 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c);
	CHECK_EQ(c.res, -EFAULT);

	CHECK_EQ(io_uring_unregister_buffers(&ring), 0);
	io_uring_prep_read_fixed(prog_sqe(&ring), fd, bufs[1], 100, 0, 1);
	CHECK_EQ(io_uring_submit(&ring), 1);
	prog_reap(&ring, &c);
	CHECK(c.res < 0);
	CHECK_EQ(io_uring_unregister_buffers(&ring), -ENXIO);

	close(fd);
	free(bufs[0]);
	free(bufs[1]);
	io_uring_queue_exit(&ring);
	printf("regbuf: ok\n");
	return 0;
}
