/* SPDX-License-Identifier: MIT */
/*
 * poll-bench: one-shot poll against multishot poll.
 *
 *   poll-bench [-n FDS] [-r ROUNDS]
 *
 * Watches FDS eventfds (default 32) for readability.  Each round makes
 * every one of them readable (write), waits until io_uring has reported
 * them all, and drains them again (read).  It runs twice:
 *
 *   poll_add   IORING_OP_POLL_ADD fires once and is gone, so every event
 *              costs a new SQE to re-arm it;
 *   multishot  IORING_POLL_ADD_MULTI (Linux 5.13) stays armed and posts a
 *              CQE per event, with IORING_CQE_F_MORE set for as long as
 *              it remains armed.  A CQE without it means the kernel
 *              dropped the poll (say, the CQ overflowed): re-arm then.
 *
 * The writes and reads are the same in both runs, so the difference is
 * what re-arming costs.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

#define MAX_FDS	4096		/* the SQ has one entry per fd */

static int *efd;
static int nfd = 32;

static void arm(struct io_uring *ring, int i, int multishot)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	/* The SQ holds nfd entries and never holds more than nfd arms. */
	if (multishot)
		io_uring_prep_poll_multishot(sqe, efd[i], POLLIN);
	else
		io_uring_prep_poll_add(sqe, efd[i], POLLIN);
	io_uring_sqe_set_data64(sqe, (__u64) i);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs the rounds; returns the events seen, or -1 on error. */
static long run(int multishot, long rounds, long *sqes)
{
	struct io_uring ring;
	long r, events = 0;
	uint64_t v = 1;
	int i, ret;

	ret = io_uring_queue_init((unsigned) nfd, &ring, 0);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return -1;
	}
	for (i = 0; i < nfd; i++)
		arm(&ring, i, multishot);
	*sqes = nfd;

	for (r = 0; r < rounds; r++) {
		struct io_uring_cqe *cqe;
		unsigned head, n = 0;
		int seen = 0;

		/* Queued re-arms go in with this submit, before the writes. */
		io_uring_submit(&ring);
		for (i = 0; i < nfd; i++)
			if (write(efd[i], &v, sizeof(v)) != sizeof(v))
				return -1;
		while (seen < nfd) {
			ret = io_uring_wait_cqe(&ring, &cqe);
			if (ret < 0) {
				fprintf(stderr, "wait: %s\n", strerror(-ret));
				return -1;
			}
			n = 0;
			io_uring_for_each_cqe(&ring, head, cqe) {
				n++;
				if (!(cqe->res & POLLIN)) {
					fprintf(stderr, "poll: res %d\n",
						cqe->res);
					return -1;
				}
				i = (int) cqe->user_data;
				/* disarmed (one-shot: always): re-arm */
				if (!(cqe->flags & IORING_CQE_F_MORE) &&
				    r + 1 < rounds) {
					arm(&ring, i, multishot);
					(*sqes)++;
				}
			}
			io_uring_cq_advance(&ring, n);
			seen += (int) n;
		}
		events += seen;
		/* Drain: reading an eventfd resets it to not readable. */
		for (i = 0; i < nfd; i++)
			if (read(efd[i], &v, sizeof(v)) != sizeof(v))
				return -1;
	}
	io_uring_queue_exit(&ring);
	return events;
}

int main(int argc, char *argv[])
{
	long rounds = 10000, events, sqes = 0;
	int opt, i, multishot;

	usage_text = "usage: %s [-n FDS] [-r ROUNDS]\n";
	help_check(argc, argv);
	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		if (opt == 'n')
			nfd = (int) num_arg(argv[0], 'n', optarg, 1, MAX_FDS);
		else if (opt == 'r')
			rounds = num_arg(argv[0], 'r', optarg, 1, 100000000);
		else
			usage_exit(argv[0], EXIT_USAGE);
	}
	if (optind < argc)
		bad_args(argv[0], "unexpected argument");
	efd = calloc((size_t) nfd, sizeof(*efd));
	if (!efd)
		return 1;
	for (i = 0; i < nfd; i++) {
		efd[i] = eventfd(0, 0);
		if (efd[i] < 0) {
			perror("eventfd");
			return 1;
		}
	}

	for (multishot = 0; multishot < 2; multishot++) {
		double t = now();

		events = run(multishot, rounds, &sqes);
		t = now() - t;
		if (events != rounds * nfd) {
			fprintf(stderr, "%s: %ld events, expected %ld\n",
				multishot ? "multishot" : "poll_add", events,
				rounds * nfd);
			return 1;
		}
		printf("%-9s %ld events in %.1f ms: %.0f ns/event, %ld SQEs\n",
		       multishot ? "multishot" : "poll_add", events, t * 1e3,
		       t * 1e9 / (double) events, sqes);
	}
	for (i = 0; i < nfd; i++)
		close(efd[i]);
	free(efd);
	return 0;
}
