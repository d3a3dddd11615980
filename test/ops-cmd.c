/* SPDX-License-Identifier: MIT */
/*
 * Passthrough commands (IORING_OP_URING_CMD): on a socket, the
 * 128-byte form on a mixed ring, and block commands (discard, zone
 * reset) on a loop device.
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

#define PAGE	4096

/* Passthrough commands, on a socket (whose driver is the network stack). */
static void test_uring_cmd(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int fds[2], avail = 0, i, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	t_tcp_pair(fds);
	assert_int_equal(send(fds[0], "0123456789", 10, 0), 10);
	for (i = 0; i < 500 && avail < 10; i++) {
		assert_int_equal(ioctl(fds[1], SIOCINQ, &avail), 0);
		usleep(1000);
	}

	sqe = ops_sqe(&ring);
	__io_uring_prep_uring_cmd(sqe, IORING_OP_URING_CMD,
				  SOCKET_URING_OP_SIOCINQ, fds[1]);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP)
		t_skip("kernel lacks socket uring commands");
	assert_int_equal(ret, 10);

	/* cmd_op reaches the driver: an unknown one is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_uring_cmd(sqe, 0x7777, fds[1]);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EOPNOTSUPP);

	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/* The 128-byte form on a mixed ring (Linux 6.19+). */
static void test_uring_cmd128(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	int fds[2], avail = 0, i;

	(void) state;
	t_ring_init(&ring, 8, 0);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD128);
	io_uring_queue_exit(&ring);
	t_ring_init(&ring, 8, IORING_SETUP_SQE_MIXED);
	t_tcp_pair(fds);
	assert_int_equal(send(fds[0], "abc", 3, 0), 3);
	for (i = 0; i < 500 && avail < 3; i++) {
		assert_int_equal(ioctl(fds[1], SIOCINQ, &avail), 0);
		usleep(1000);
	}
	sqe = io_uring_get_sqe128(&ring);
	assert_non_null(sqe);
	io_uring_prep_uring_cmd128(sqe, SOCKET_URING_OP_SIOCINQ, fds[1]);
	assert_int_equal(ops_run1(&ring, sqe, 1), 3);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/*
 * Discard on a loop device: the loop driver punches the range out of
 * its backing file, so both the device and the file read back zeros
 * there, and nowhere else.
 */
static void test_cmd_discard(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	unsigned char buf[4 * PAGE];
	char dev[PATH_MAX];
	int fd, backing, ret;
	size_t i;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	fd = ops_loop_attach(64 * PAGE, &backing, dev);

	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_discard(sqe, fd, 8 * PAGE, 4 * PAGE);
	ret = ops_run1(&ring, sqe, 1);
	if (ret == -EOPNOTSUPP || ret == -EINVAL) {
		ops_loop_detach(fd, backing);
		t_skip("no block uring_cmd discard here: %s", strerror(-ret));
	}
	assert_int_equal(ret, 0);

	assert_int_equal(pread(fd, buf, sizeof(buf), 8 * PAGE),
			 (ssize_t) sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(pread(backing, buf, sizeof(buf), 8 * PAGE),
			 (ssize_t) sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(pread(fd, buf, PAGE, 7 * PAGE), PAGE);
	assert_true(t_check_pattern_at(buf, PAGE, 7 * PAGE, 7));
	assert_int_equal(pread(fd, buf, PAGE, 12 * PAGE), PAGE);
	assert_true(t_check_pattern_at(buf, PAGE, 12 * PAGE, 7));

	/* the range reaches the kernel: unaligned is refused */
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_discard(sqe, fd, 100, PAGE);
	assert_int_equal(ops_run1(&ring, sqe, 2), -EINVAL);

	ops_loop_detach(fd, backing);
	io_uring_queue_exit(&ring);
}

/* True if some block device here is zoned. */
static int have_zoned_device(void)
{
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	char path[PATH_MAX], model[32];
	int found = 0;
	FILE *f;

	if (!d)
		return 0;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/queue/zoned",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(model, sizeof(model), f) && strncmp(model, "none", 4))
			found = 1;
		fclose(f);
	}
	closedir(d);
	return found;
}

/*
 * Zone reset of a whole device.  Resetting a real zoned device would
 * destroy its data, so this only runs against a non-zoned loop device
 * and reports what the kernel makes of the command.
 */
static void test_cmd_zone_reset_all(void **state)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char dev[PATH_MAX];
	int fd, backing, ret;

	ops_ring_init(&ring, state, 8);
	T_REQUIRE_OP(&ring, IORING_OP_URING_CMD);
	fd = ops_loop_attach(16 * PAGE, &backing, dev);
	sqe = ops_sqe(&ring);
	io_uring_prep_cmd_zone_reset_all(sqe, fd);
	ret = ops_run1(&ring, sqe, 1);
	ops_loop_detach(fd, backing);
	io_uring_queue_exit(&ring);
	if (ret == -EINVAL)
		t_skip("kernel lacks BLOCK_URING_CMD_ZONE_RESET_ALL");
	/* a kernel that knows it must refuse it on a non-zoned device */
	assert_true(ret < 0);
	t_skip("command known (%s on a non-zoned device); %s", strerror(-ret),
	       have_zoned_device() ? "not resetting a real zoned device" :
	       "no zoned block device here");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		OPS_RING_TESTS(test_uring_cmd),
		OPS_TEST(test_uring_cmd128),
		OPS_RING_TESTS(test_cmd_discard),
		OPS_TEST(test_cmd_zone_reset_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
