/* SPDX-License-Identifier: MIT */
/*
 * io_uring-cp: copy a file with reads and writes in flight together.
 *
 *   io_uring-cp SOURCE DEST
 *
 * SOURCE must be a regular file other than DEST (see copy-open.h).
 *
 * Keeps up to QD requests queued.  Each chunk goes through two steps: a
 * read into its buffer, then, when the read completes, a write of the
 * bytes it got.  user_data carries a pointer to the chunk, which is how a
 * completion finds its way back to the request that caused it.
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
#include "copy-open.h"

#define QD	64
#define BS	(32 * 1024)

struct chunk {
	int writing;		/* 0: read in flight, 1: write in flight */
	off_t offset;		/* where the chunk sits in both files */
	size_t len;		/* its size */
	size_t done;		/* bytes of the current step done so far */
	struct iovec iov;
	char buf[];
};

static int infd, outfd;
static const char *src, *dst;	/* named in every error */

/*
 * Queues the rest of the chunk's current step.  The iovec lives in the
 * chunk, so it stays valid until the request completes.
 */
static int queue_chunk(struct io_uring *ring, struct chunk *c)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		return -EAGAIN;
	c->iov.iov_base = c->buf + c->done;
	c->iov.iov_len = c->len - c->done;
	if (c->writing)
		io_uring_prep_writev(sqe, outfd, &c->iov, 1,
				     c->offset + (off_t) c->done);
	else
		io_uring_prep_readv(sqe, infd, &c->iov, 1,
				    c->offset + (off_t) c->done);
	io_uring_sqe_set_data(sqe, c);
	return 0;
}

/*
 * Moves a chunk on after its CQE: the rest of a short transfer, then the
 * write of what was read.  Returns 1 when the chunk is fully copied.
 * There is always a free SQE here, as the CQE just freed a request.
 */
static int complete_chunk(struct io_uring *ring, struct chunk *c, int res)
{
	if (res == -EAGAIN || res == -EINTR)
		res = 0;	/* nothing moved: retry the same step */
	else if (res < 0) {
		fprintf(stderr, "%s %s: %s\n", c->writing ? "write" : "read",
			c->writing ? dst : src, strerror(-res));
		exit(1);
	} else if (res == 0 && !c->writing) {
		c->len = c->done;	/* the file ended early */
	}
	c->done += (size_t) res;
	if (c->done < c->len) {
		queue_chunk(ring, c);
		return 0;
	}
	if (c->writing || !c->len)
		return 1;
	c->writing = 1;
	c->done = 0;
	queue_chunk(ring, c);
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
	ret = io_uring_queue_init(QD, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}

	while (next < size || inflight) {
		struct io_uring_cqe *cqe;

		/* Fill the queue with new reads while there is room. */
		while (next < size && inflight < QD) {
			struct chunk *c = calloc(1, sizeof(*c) + BS);

			if (!c)
				return 1;
			c->offset = next;
			c->len = size - next < BS ? size - next
							: BS;
			if (queue_chunk(&ring, c) < 0) {
				free(c);
				break;
			}
			next += (off_t) c->len;
			inflight++;
		}
		ret = io_uring_submit_and_wait(&ring, 1);
		if (ret < 0) {
			fprintf(stderr, "submit: %s\n", strerror(-ret));
			return 1;
		}
		/* Reap everything that is ready, then go round again. */
		while (io_uring_peek_cqe(&ring, &cqe) == 0) {
			struct chunk *c = io_uring_cqe_get_data(cqe);
			int res = cqe->res;

			io_uring_cqe_seen(&ring, cqe);
			if (complete_chunk(&ring, c, res)) {
				free(c);
				inflight--;
			}
		}
	}

	close(infd);
	if (fsync(outfd) < 0 || close(outfd) < 0) {
		perror(dst);
		return 1;
	}
	io_uring_queue_exit(&ring);
	return 0;
}
