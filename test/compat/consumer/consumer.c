/* SPDX-License-Identifier: MIT */
/*
 * A downstream program as a distribution would build it: it finds
 * liburing only through the build system (pkg-config, CMake, Meson) and
 * knows nothing of this source tree.  It refuses to build against other
 * liburing headers, and to run against another library, so that a
 * consumer quietly picking up the system's liburing fails.
 */
#include <liburing.h>
#include <stdio.h>
#include <string.h>

#if !defined(IO_URING_VERSION_MAJOR) || IO_URING_CHECK_VERSION(2, 15)
#error "these are not liburing 2.15 headers"
#endif

int main(void)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	int ret;

	if (io_uring_major_version() != IO_URING_VERSION_MAJOR ||
	    io_uring_minor_version() != IO_URING_VERSION_MINOR) {
		fprintf(stderr, "headers %d.%d but library %d.%d\n",
			IO_URING_VERSION_MAJOR, IO_URING_VERSION_MINOR,
			io_uring_major_version(), io_uring_minor_version());
		return 1;
	}

	ret = io_uring_queue_init(4, &ring, 0);
	if (ret == -ENOSYS || ret == -EPERM) {
		printf("SKIP: the kernel refuses io_uring (%d)\n", ret);
		return 77;
	}
	if (ret < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret));
		return 1;
	}
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, 0x5eed);
	ret = io_uring_submit_and_wait(&ring, 1);
	if (ret != 1 || io_uring_peek_cqe(&ring, &cqe) ||
	    io_uring_cqe_get_data64(cqe) != 0x5eed || cqe->res != 0) {
		fprintf(stderr, "NOP round trip failed (%d)\n", ret);
		return 1;
	}
	io_uring_cqe_seen(&ring, cqe);
	io_uring_queue_exit(&ring);
	printf("consumer: ok (liburing %d.%d)\n", io_uring_major_version(),
	       io_uring_minor_version());
	return 0;
}
