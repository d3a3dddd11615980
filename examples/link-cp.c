/* SPDX-License-Identifier: MIT */
/*
 * link-cp: copy a file through linked read->write chains.
 *
 *   link-cp SOURCE DEST
 *
 * SOURCE must be a regular file other than DEST (see copy-open.h).
 *
 * io_uring-cp waits for each read's CQE before it queues the write.  Here
 * the two go in together: the read carries IOSQE_IO_LINK, which tells the
 * kernel not to start the next SQE (the write) until the read has
 * completed.  One trip into the kernel then moves a whole chunk.
 *
 * The write is prepared before the read has run, so it must be told the
 * length up front: the chunk's full size.  The kernel protects us from
 * writing garbage after a short read: a read or write that moves fewer
 * bytes than asked fails its link, and everything still linked behind it
 * completes with -ECANCELED.  So each chunk ends in one of two ways:
 *
 *   read == len, write == len           done
 *   anything else (short, -EAGAIN, -ECANCELED)   queue the pair again
 *
 * Both CQEs of a chain must arrive before the chunk is looked at, as the
 * chunk's buffer is in use until then.  Links exist since Linux 5.3.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"
#include "copy-open.h"

#define QD	32		/* chains in flight; two SQEs each */
#define BS	(64 * 1024)
#define TRIES	8		/* a chunk that keeps coming back short */

struct chunk {
	off_t offset;
	unsigned len;
	int pending;		/* CQEs of the current chain still to come */
	int ok;			/* both steps moved len bytes so far */
	int tries;
	char buf[BS];
};

static int infd, outfd;
static const char *src, *dst;	/* named in every error */

/*
 * user_data is 64 bits and a chunk pointer is at least 8-aligned, so its
 * low bit is free to say which half of the chain a CQE belongs to.
 */
#define IS_WRITE	1UL

static void queue_chain(struct io_uring *ring, struct chunk *c)
{
	struct io_uring_sqe *sqe;

	/* QD chains of two never overfill a ring of 2 * QD entries. */
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_read(sqe, infd, c->buf, c->len, (__u64) c->offset);
	sqe->flags |= IOSQE_IO_LINK;	/* the next SQE waits for this one */
	io_uring_sqe_set_data64(sqe, (uintptr_t) c);

	sqe = io_uring_get_sqe(ring);
	io_uring_prep_write(sqe, outfd, c->buf, c->len, (__u64) c->offset);
	io_uring_sqe_set_data64(sqe, (uintptr_t) c | IS_WRITE);

	c->pending = 2;
	c->ok = 1;
}

/* Looks at one CQE; returns 1 once its chunk is copied, -1 on error. */
static int handle_cqe(struct io_uring *ring, struct io_uring_cqe *cqe)
{
	__u64 data = io_uring_cqe_get_data64(cqe);
	struct chunk *c = (struct chunk *) (uintptr_t) (data & ~IS_WRITE);
	const char *what = data & IS_WRITE ? "write" : "read";
	const char *file = data & IS_WRITE ? dst : src;
	int res = cqe->res;

	if (res < 0 && res != -ECANCELED && res != -EAGAIN &&
	    res != -EINTR) {
		fprintf(stderr, "%s %s at %lld: %s\n", what, file,
			(long long) c->offset, strerror(-res));
		return -1;
	}
	if (res != (int) c->len)
		c->ok = 0;
	if (--c->pending)
		return 0;	/* the other half is still on its way */
	if (c->ok)
		return 1;
	if (++c->tries == TRIES) {
		fprintf(stderr, "%s at %lld: still short after %d tries "
			"(did it shrink?)\n", src, (long long) c->offset,
			TRIES);
		return -1;
	}
	queue_chain(ring, c);	/* same offsets, so simply run it again */
	return 0;
}

int main(int argc, char *argv[])
{
	struct io_uring ring;
	off_t size, next = 0;
	unsigned inflight = 0;
	int ret, first;

	usage_text = "usage: %s SOURCE DEST\n";
	help_check(argc, argv);
	first = operands(argc, argv);
	if (argc - first != 2)
		bad_args(argv[0], "needs exactly two files");
	src = argv[first];
	dst = argv[first + 1];
	if (copy_open(argv[0], src, dst, &infd, &outfd, &size) < 0)
		return 1;
	ret = io_uring_queue_init(2 * QD, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}

	while (next < size || inflight) {
		struct io_uring_cqe *cqe;
		unsigned head, seen = 0;

		while (next < size && inflight < QD) {
			struct chunk *c = calloc(1, sizeof(*c));

			if (!c)
				return 1;
			c->offset = next;
			c->len = size - next < BS ?
				 (unsigned) (size - next) : BS;
			queue_chain(&ring, c);
			next += c->len;
			inflight++;
		}

		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0) {
			fprintf(stderr, "submit: %s\n", strerror(-ret));
			return 1;
		}

		/* Walk every CQE that is ready, then release them at once. */
		io_uring_for_each_cqe(&ring, head, cqe) {
			struct chunk *c = (struct chunk *) (uintptr_t)
				(io_uring_cqe_get_data64(cqe) & ~IS_WRITE);

			seen++;
			ret = handle_cqe(&ring, cqe);
			if (ret < 0)
				return 1;
			if (ret) {
				free(c);
				inflight--;
			}
		}
		io_uring_cq_advance(&ring, seen);
	}

	close(infd);
	if (fsync(outfd) < 0 || close(outfd) < 0) {
		perror(dst);
		return 1;
	}
	io_uring_queue_exit(&ring);
	return 0;
}
