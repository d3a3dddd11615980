/* SPDX-License-Identifier: MIT */
/*
 * io_uring-test: read a file with a batch of queued reads.
 *
 *   io_uring-test FILE
 *
 * Queues up to QD reads of BS bytes each, submits them with one system
 * call, then reaps the completions and prints how many operations ran
 * and how many bytes they read.  The shape of almost every io_uring
 * program is here: set up a ring, get SQEs, prep them, submit, wait for
 * CQEs, mark them seen, tear down.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

#define QD	4		/* reads in flight at once */
#define BS	(32 * 1024)	/* bytes per read */

int main(int argc, char *argv[])
{
	struct iovec iovecs[QD];
	struct io_uring ring;
	off_t offset = 0;
	struct stat st;
	unsigned long long bytes = 0;
	int fd, ret, i, queued, done = 0, failed = 0, first;

	usage_text = "usage: %s FILE\n";
	help_check(argc, argv);
	first = operands(argc, argv);
	if (argc - first != 1)
		bad_args(argv[0], "needs exactly one file");

	/* A ring of QD entries; io_uring sizes the CQ twice as big. */
	ret = io_uring_queue_init(QD, &ring, 0);
	if (ret < 0) {
		/* liburing reports errors as -errno, errno is untouched */
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}

	fd = open(argv[first], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(argv[first]);
		return 1;
	}

	/* Queue one read per buffer, each at its own offset. */
	for (queued = 0; queued < QD && offset < st.st_size; queued++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		iovecs[queued].iov_base = malloc(BS);
		iovecs[queued].iov_len = BS;
		if (!sqe || !iovecs[queued].iov_base)
			return 1;
		/*
		 * The iovec array and the buffers must stay valid until the
		 * read completes: the kernel writes into them later.
		 */
		io_uring_prep_readv(sqe, fd, &iovecs[queued], 1, offset);
		offset += BS;
	}

	/* One system call submits every queued read. */
	ret = io_uring_submit(&ring);
	if (ret < 0) {
		fprintf(stderr, "submit: %s\n", strerror(-ret));
		return 1;
	}

	/* Reap one CQE per read; res is the byte count, or -errno. */
	for (i = 0; i < queued; i++) {
		struct io_uring_cqe *cqe;

		ret = io_uring_wait_cqe(&ring, &cqe);
		if (ret < 0) {
			fprintf(stderr, "wait_cqe: %s\n", strerror(-ret));
			return 1;
		}
		if (cqe->res < 0) {
			fprintf(stderr, "read %s: %s\n", argv[first],
				strerror(-cqe->res));
			failed++;
		} else
			bytes += (unsigned long long) cqe->res;
		done++;
		/* Hand the CQ slot back to the kernel. */
		io_uring_cqe_seen(&ring, cqe);
	}

	printf("Submitted=%d, completed=%d, bytes=%llu\n", queued, done,
	       bytes);
	for (i = 0; i < queued; i++)
		free(iovecs[i].iov_base);
	close(fd);
	io_uring_queue_exit(&ring);
	return failed ? 1 : 0;
}
