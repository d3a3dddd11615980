/* SPDX-License-Identifier: MIT */
/*
 * reg-wait: waiting with arguments that live in a registered wait region.
 *
 *   reg-wait
 *
 * A wait with a timeout normally passes io_uring_enter() a pointer to a
 * struct io_uring_getevents_arg, which points on to the timespec, and the
 * kernel copies both in on every call.  Since Linux 6.13 an application
 * can instead register an array of struct io_uring_reg_wait once, as a
 * memory region, and then name an entry by its offset in the array
 * (IORING_ENTER_EXT_ARG_REG); io_uring_submit_and_wait_reg() takes the
 * index.  The kernel reads the entry at wait time, so changing a timeout
 * is a plain store into memory: no syscall, no copy.
 *
 * The region must be registered while the ring is still disabled
 * (IORING_SETUP_R_DISABLED), then the ring is enabled.  The memory is the
 * application's own: whole pages, page-aligned (here, from mmap()).
 *
 * The program runs four waits and prints how long each took.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <liburing.h>
#include "args.h"

static struct io_uring ring;
static struct io_uring_reg_wait *slots;	/* the registered array */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Fills slot i: a timeout of ms, and optionally a minimum wait. */
static void set_slot(int i, long ms, unsigned min_wait_usec)
{
	memset(&slots[i], 0, sizeof(slots[i]));
	slots[i].ts.tv_sec = ms / 1000;
	slots[i].ts.tv_nsec = (ms % 1000) * 1000000;
	slots[i].flags = IORING_REG_WAIT_TS;	/* ts is valid */
	slots[i].min_wait_usec = min_wait_usec;
}

/*
 * Submits what is queued, waits for nr CQEs with slot i's arguments and
 * reaps what came.  Prints the outcome; returns the CQEs reaped or -errno.
 */
static int wait_with(const char *what, unsigned nr, int i)
{
	struct io_uring_cqe *cqe;
	long long t = now_ms();
	int ret, got = 0;

	ret = io_uring_submit_and_wait_reg(&ring, &cqe, nr, i);
	t = now_ms() - t;
	while (io_uring_peek_cqe(&ring, &cqe) == 0) {
		got++;
		io_uring_cqe_seen(&ring, cqe);
	}
	printf("%-44s %4lld ms, %s, %d CQEs\n", what, t,
	       ret < 0 ? strerror(-ret) : "ok", got);
	return ret == -ETIME ? 0 : ret < 0 ? ret : got;
}

int main(int argc, char *argv[])
{
	struct __kernel_timespec ts = { .tv_nsec = 30 * 1000000 };
	struct io_uring_region_desc rd;
	struct io_uring_mem_region_reg mr;
	long page = sysconf(_SC_PAGESIZE);
	int ret;

	usage_text = "usage: %s\n";
	help_check(argc, argv);
	if (argc > 1)
		bad_args(argv[0], "takes no arguments");
	ret = io_uring_queue_init(8, &ring, IORING_SETUP_R_DISABLED);
	if (ret < 0) {
		fprintf(stderr, "queue_init: %s\n", strerror(-ret));
		return 1;
	}
	slots = mmap(NULL, (size_t) page, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED)
		return 1;

	/* Describe our page to the kernel: a user-memory region ... */
	memset(&rd, 0, sizeof(rd));
	rd.user_addr = (__u64) (unsigned long) slots;
	rd.size = (__u64) page;
	rd.flags = IORING_MEM_REGION_TYPE_USER;
	/* ... that holds wait arguments. */
	memset(&mr, 0, sizeof(mr));
	mr.region_uptr = (__u64) (unsigned long) &rd;
	mr.flags = IORING_MEM_REGION_REG_WAIT_ARG;
	ret = io_uring_register_region(&ring, &mr);
	if (ret < 0) {
		fprintf(stderr, "register_region: %s%s\n", strerror(-ret),
			ret == -EINVAL ? " (wait regions need Linux 6.13)" :
			"");
		return 1;
	}
	ret = io_uring_enable_rings(&ring);
	if (ret < 0) {
		fprintf(stderr, "enable_rings: %s\n", strerror(-ret));
		return 1;
	}
	printf("registered %ld wait slots of %zu bytes\n",
	       page / (long) sizeof(*slots), sizeof(*slots));

	/* 1: nothing is queued, so the wait ends with -ETIME. */
	set_slot(0, 200, 0);
	if (wait_with("empty ring, slot 0 (200 ms timeout)", 1, 0) != 0)
		return 1;

	/* 2: the same slot after a plain store: now 50 ms. */
	slots[0].ts.tv_nsec = 50 * 1000000;
	slots[0].ts.tv_sec = 0;
	if (wait_with("empty ring, slot 0 changed to 50 ms", 1, 0) != 0)
		return 1;

	/* 3: a 30 ms timer op completes well before slot 1's 2 s. */
	set_slot(1, 2000, 0);
	io_uring_prep_timeout(io_uring_get_sqe(&ring), &ts, 0, 0);
	if (wait_with("30 ms timer op, slot 1 (2 s timeout)", 1, 1) != 1)
		return 1;

	/*
	 * 4: a NOP, waiting for 4 CQEs with a 2 s timeout but a 20 ms
	 * minimum wait (IORING_FEAT_MIN_TIMEOUT, Linux 6.12): after 20 ms
	 * the kernel returns with what has arrived, one CQE, rather than
	 * holding out for four.
	 */
	if (ring.features & IORING_FEAT_MIN_TIMEOUT) {
		set_slot(2, 2000, 20 * 1000);
		io_uring_prep_nop(io_uring_get_sqe(&ring));
		if (wait_with("NOP, want 4, slot 2 (2 s, min wait 20 ms)",
			      4, 2) != 1)
			return 1;
	}
	io_uring_queue_exit(&ring);
	munmap(slots, (size_t) page);
	return 0;
}
