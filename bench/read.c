/* SPDX-License-Identifier: MIT */
/*
 * 4 KiB random reads at queue depth 32 from a file in the page cache:
 * what the library adds to a read that the kernel serves inline.
 *
 *   read -f FILE [-m plain|fixedbuf|fixedfile|both] (-n OPS | -t SECS)
 *
 *   -m  plain:     io_uring_prep_read on the file's fd
 *       fixedbuf:  io_uring_prep_read_fixed into registered buffers
 *       fixedfile: the fd registered, IOSQE_FIXED_FILE
 *       both:      registered buffers and registered file
 *
 * FILE is created (FILE_MB MiB) if it is missing or of another size.
 * Every run first reads the whole file sequentially: the machine's memory
 * reclaimer evicts cold page cache, and a read that goes to disk would
 * measure the disk.
 *
 * Each 4 KiB block starts with its own number (xor a constant), and every
 * completion is checked: res must be 4096, the buffer must hold the block
 * asked for, and the user_data of all CQEs must add up to that of all
 * SQEs.  user_data carries the block number and the buffer slot.
 */
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "liburing.h"
#include "common.h"

#define QD		32
#define BLOCK		4096
#define FILE_MB		128
#define NBLOCKS		((uint64_t) FILE_MB * 1024 * 1024 / BLOCK)
#define MAGIC		0x5eedf00dcafe1234ULL
#define SLOT_BITS	5		/* QD == 1 << SLOT_BITS */

enum { M_PLAIN, M_FIXEDBUF, M_FIXEDFILE, M_BOTH };

struct read_state {
	struct io_uring ring;
	int fd;			/* the fd, or 0: the registered one */
	int fixed_buf, fixed_file;
	char *bufs;		/* QD blocks */
	uint64_t rng;
	uint64_t sum_sqe, sum_cqe;
	int bad;
	unsigned long long issued, done;
};

static void make_file(const char *path)
{
	char *buf = malloc(1 << 20);
	uint64_t b, per = (1 << 20) / BLOCK;
	int fd;

	if (!buf)
		bench_die("malloc", -ENOMEM);
	memset(buf, 0, 1 << 20);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		bench_die("create the read file", -errno);
	for (b = 0; b < NBLOCKS; b += per) {
		uint64_t i;

		for (i = 0; i < per; i++) {
			uint64_t tag = (b + i) ^ MAGIC;

			memcpy(buf + i * BLOCK, &tag, sizeof(tag));
		}
		if (write(fd, buf, 1 << 20) != 1 << 20)
			bench_die("write the read file", -errno);
	}
	if (fsync(fd) || close(fd))
		bench_die("fsync the read file", -errno);
	free(buf);
}

/* Opens the file, creating it if need be, and pulls it into the cache. */
static int open_cached(const char *path)
{
	struct stat st;
	char *buf;
	int fd;

	if (stat(path, &st) || (uint64_t) st.st_size != NBLOCKS * BLOCK)
		make_file(path);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		bench_die("open the read file", -errno);
	buf = malloc(1 << 20);
	if (!buf)
		bench_die("malloc", -ENOMEM);
	while (read(fd, buf, 1 << 20) > 0)
		;
	free(buf);
	return fd;
}

static uint64_t next_block(struct read_state *s)
{
	/* xorshift64: the same sequence for both libraries */
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return s->rng % NBLOCKS;
}

static void queue_read(struct read_state *s, unsigned slot)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);
	uint64_t block = next_block(s), ud;
	char *buf = s->bufs + (size_t) slot * BLOCK;

	if (!sqe)
		bench_die("get_sqe", -EBUSY);
	if (s->fixed_buf)
		io_uring_prep_read_fixed(sqe, s->fd, buf, BLOCK,
					 block * BLOCK, (int) slot);
	else
		io_uring_prep_read(sqe, s->fd, buf, BLOCK, block * BLOCK);
	if (s->fixed_file)
		io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
	ud = block << SLOT_BITS | slot;
	io_uring_sqe_set_data64(sqe, ud);
	s->sum_sqe += ud;
	s->issued++;
}

/* Checks a completion; returns its buffer slot. */
static unsigned check_cqe(struct read_state *s, const struct io_uring_cqe *cqe)
{
	uint64_t ud = cqe->user_data, tag;
	unsigned slot = ud & (QD - 1);

	memcpy(&tag, s->bufs + (size_t) slot * BLOCK, sizeof(tag));
	s->bad |= (cqe->res != BLOCK) | (tag != ((ud >> SLOT_BITS) ^ MAGIC));
	s->sum_cqe += ud;
	return slot;
}

static void submit(struct read_state *s)
{
	int ret = io_uring_submit(&s->ring);

	if (ret < 0)
		bench_die("submit", ret);
}

static void run(struct read_state *s, const struct bench_opts *o)
{
	struct io_uring_cqe *cqes[QD];
	struct bench_clock clk;
	unsigned slot, i, n;
	int more = 1;

	for (slot = 0; slot < QD; slot++)
		queue_read(s, slot);
	submit(s);

	bench_clock_start(&clk, o);
	while (s->done < s->issued) {
		n = io_uring_peek_batch_cqe(&s->ring, cqes, QD);
		if (!n) {
			struct io_uring_cqe *cqe;
			int ret = io_uring_wait_cqe(&s->ring, &cqe);

			if (ret)
				bench_die("wait_cqe", ret);
			continue;
		}
		for (i = 0; i < n; i++) {
			slot = check_cqe(s, cqes[i]);
			/* in -n mode, exactly OPS reads are issued */
			if (more && (!o->ops || s->issued < o->ops))
				queue_read(s, slot);
		}
		io_uring_cq_advance(&s->ring, n);
		s->done += n;
		clk.done = s->done;
		if (more && !bench_clock_more(&clk, o))
			more = 0;
		submit(s);
	}
}

int main(int argc, char **argv)
{
	struct bench_opts o = { 0 };
	struct read_state s;
	struct iovec iov[QD];
	const char *path = NULL;
	int c, ret, mode = M_PLAIN, i, file_fd;
	double t0, t1;

	memset(&s, 0, sizeof(s));
	s.rng = 0x9e3779b97f4a7c15ULL;
	while ((c = getopt(argc, argv, "f:m:n:t:")) != -1) {
		if (bench_common_opt(c, optarg, &o))
			continue;
		switch (c) {
		case 'f':
			path = optarg;
			break;
		case 'm':
			if (!strcmp(optarg, "plain"))
				mode = M_PLAIN;
			else if (!strcmp(optarg, "fixedbuf"))
				mode = M_FIXEDBUF;
			else if (!strcmp(optarg, "fixedfile"))
				mode = M_FIXEDFILE;
			else if (!strcmp(optarg, "both"))
				mode = M_BOTH;
			else
				bench_die("unknown -m", -EINVAL);
			break;
		default:
			fprintf(stderr, "usage: see the comment in read.c\n");
			return 2;
		}
	}
	if (!path)
		bench_die("-f FILE is required", -EINVAL);
	bench_check_opts(&o);
	if (o.ops && o.ops < QD)
		o.ops = QD;
	s.fixed_buf = mode == M_FIXEDBUF || mode == M_BOTH;
	s.fixed_file = mode == M_FIXEDFILE || mode == M_BOTH;

	if (posix_memalign((void **) &s.bufs, BLOCK, (size_t) QD * BLOCK))
		bench_die("posix_memalign", -ENOMEM);
	memset(s.bufs, 0, (size_t) QD * BLOCK);
	file_fd = open_cached(path);
	s.fd = file_fd;

	ret = io_uring_queue_init(2 * QD, &s.ring, 0);
	if (ret)
		bench_die("queue_init", ret);
	if (s.fixed_buf) {
		for (i = 0; i < QD; i++) {
			iov[i].iov_base = s.bufs + (size_t) i * BLOCK;
			iov[i].iov_len = BLOCK;
		}
		ret = io_uring_register_buffers(&s.ring, iov, QD);
		if (ret)
			bench_die("register_buffers", ret);
	}
	if (s.fixed_file) {
		ret = io_uring_register_files(&s.ring, &file_fd, 1);
		if (ret)
			bench_die("register_files", ret);
		s.fd = 0;
	}

	t0 = bench_now();
	run(&s, &o);
	t1 = bench_now();

	if (s.bad)
		bench_die("a read failed or returned the wrong block", -EIO);
	if (s.sum_cqe != s.sum_sqe || s.done != s.issued)
		bench_die("user_data checksum mismatch", -EIO);
	io_uring_queue_exit(&s.ring);
	close(file_fd);
	bench_report(s.done, t1 - t0);
	return 0;
}
