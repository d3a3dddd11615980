/* SPDX-License-Identifier: MIT */
/*
 * Request chains against the real kernel: IOSQE_IO_LINK and
 * IOSQE_IO_HARDLINK, and what a failure does to the rest of a chain.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include "ops-util.h"

static void test_links(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe cqe[3];
	unsigned char out[100], in[100];
	char c;
	int fd;

	ops_ring_init(&ring, state, 8);
	fd = t_tmpfile(0, 1, NULL);

	/* IO_LINK orders: the read sees what the write before it wrote */
	t_fill_pattern(out, sizeof(out), 19);
	memset(in, 0, sizeof(in));
	sqe = ops_sqe(&ring);
	io_uring_prep_write(sqe, fd, out, sizeof(out), 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, fd, in, sizeof(in), 0);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, sizeof(out));
	assert_int_equal(cqe[1].res, sizeof(in));
	assert_memory_equal(in, out, sizeof(in));

	/* a failure breaks a soft link: the rest is cancelled */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, 1);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 2);
	assert_int_equal(io_uring_submit(&ring), 3);
	ops_reap_by_tag(&ring, cqe, 3);
	assert_int_equal(cqe[0].res, -EBADF);
	assert_int_equal(cqe[1].res, -ECANCELED);
	assert_int_equal(cqe[2].res, -ECANCELED);

	/* ...but not a hard link */
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_IO_HARDLINK;
	io_uring_sqe_set_data64(sqe, 0);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 1);
	assert_int_equal(io_uring_submit(&ring), 2);
	ops_reap_by_tag(&ring, cqe, 2);
	assert_int_equal(cqe[0].res, -EBADF);
	assert_int_equal(cqe[1].res, 0);

	/* IO_DRAIN waits for everything submitted before it */
	{
		int p[2];

		assert_int_equal(pipe(p), 0);
		sqe = ops_sqe(&ring);
		io_uring_prep_poll_add(sqe, p[0], POLLIN);
		io_uring_sqe_set_data64(sqe, 0);
		sqe = ops_sqe(&ring);
		io_uring_prep_nop(sqe);
		sqe->flags |= IOSQE_IO_DRAIN;
		io_uring_sqe_set_data64(sqe, 1);
		assert_int_equal(io_uring_submit(&ring), 2);
		assert_true(ops_no_cqe(&ring, 50));
		assert_int_equal(write(p[1], "d", 1), 1);
		ops_wait(&ring, &cqe[0]);
		assert_int_equal(cqe[0].user_data, 0);
		ops_wait(&ring, &cqe[1]);
		assert_int_equal(cqe[1].user_data, 1);
		assert_int_equal(read(p[0], &c, 1), 1);
		close(p[0]);
		close(p[1]);
	}

	/* CQE_SKIP_SUCCESS: no CQE when it works, one when it fails */
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
	io_uring_sqe_set_data64(sqe, 0x51);
	sqe = ops_sqe(&ring);
	io_uring_prep_read(sqe, 1000, in, 1, 0);
	sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
	io_uring_sqe_set_data64(sqe, 0x52);
	sqe = ops_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0x53);
	assert_int_equal(io_uring_submit(&ring), 3);
	ops_wait(&ring, &cqe[0]);
	ops_wait(&ring, &cqe[1]);
	assert_true(ops_no_cqe(&ring, 30));
	assert_true((cqe[0].user_data == 0x52 && cqe[1].user_data == 0x53) ||
		    (cqe[0].user_data == 0x53 && cqe[1].user_data == 0x52));
	assert_int_equal(cqe[cqe[0].user_data == 0x52 ? 0 : 1].res, -EBADF);

	close(fd);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
