/* SPDX-License-Identifier: MIT */
#ifndef TEST_OPS_UTIL_H
#define TEST_OPS_UTIL_H

/*
 * Fixtures shared by the ops-*.c tests: ring variants, bounded waits, and
 * raw registrations (files, buffers, provided-buffer rings, a loop block
 * device) made straight through io_uring_register(2), so these tests do
 * not depend on the library's registration helpers they are not about.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/loop.h>
#include "helpers.h"

/*
 * Ring kinds a test runs on.  cmocka hands the address to the test as its
 * initial state; OPS_RING_TESTS lists a test once per kind.
 */
static unsigned ops_ring_plain __attribute__((unused)) = 0;
static unsigned ops_ring_big __attribute__((unused)) =
	IORING_SETUP_SQE128 | IORING_SETUP_CQE32;

#define OPS_RING_TESTS(fn)						\
	{ #fn " (plain ring)", fn, NULL, NULL, &ops_ring_plain },	\
	{ #fn " (SQE128/CQE32 ring)", fn, NULL, NULL, &ops_ring_big }

#define OPS_TEST(fn) { #fn, fn, NULL, NULL, &ops_ring_plain }

static inline void ops_ring_init(struct io_uring *ring, void **state,
				 unsigned entries)
{
	unsigned flags = *state ? *(unsigned *) *state : 0;

	t_ring_init(ring, entries, flags);
}

static inline struct io_uring_sqe *ops_sqe(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	assert_non_null(sqe);
	return sqe;
}

/*
 * Waits for one CQE for at most ms milliseconds; a request that never
 * completes fails the test instead of hanging the suite.
 */
static inline void ops_wait_ms(struct io_uring *ring, struct io_uring_cqe *out,
			       long ms)
{
	struct __kernel_timespec ts;
	struct io_uring_cqe *cqe = NULL;
	int ret;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	if (ret == -ETIME)
		fail_msg("no completion within %ld ms", ms);
	assert_int_equal(ret, 0);
	memcpy(out, cqe, sizeof(*out));
	io_uring_cqe_seen(ring, cqe);
}

static inline void ops_wait(struct io_uring *ring, struct io_uring_cqe *out)
{
	ops_wait_ms(ring, out, 5000);
}

/* Reaps n CQEs into out[], indexed by user_data (which must be < n). */
static inline void ops_reap_by_tag(struct io_uring *ring,
				   struct io_uring_cqe *out, unsigned n)
{
	struct io_uring_cqe cqe;
	unsigned i;

	for (i = 0; i < n; i++) {
		ops_wait(ring, &cqe);
		assert_true(cqe.user_data < n);
		out[cqe.user_data] = cqe;
	}
}

/* True if no CQE turns up within ms milliseconds. */
static inline int ops_no_cqe(struct io_uring *ring, long ms)
{
	struct __kernel_timespec ts;
	struct io_uring_cqe *cqe = NULL;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return io_uring_wait_cqe_timeout(ring, &cqe, &ts) == -ETIME;
}

/* Submits what is queued (asserting all of it went) and reaps one CQE. */
static inline int ops_run(struct io_uring *ring, struct io_uring_cqe *out)
{
	int queued = (int) io_uring_sq_ready(ring);

	assert_int_equal(io_uring_submit(ring), queued);
	ops_wait(ring, out);
	return out->res;
}

/* Submits the prepared SQE with a tag and returns the completion's res. */
static inline int ops_run1(struct io_uring *ring, struct io_uring_sqe *sqe,
			   __u64 tag)
{
	struct io_uring_cqe cqe;

	io_uring_sqe_set_data64(sqe, tag);
	ops_run(ring, &cqe);
	assert_int_equal(cqe.user_data, tag);
	return cqe.res;
}

static inline int ops_has_op(struct io_uring *ring, int op)
{
	struct io_uring_probe *probe = io_uring_get_probe_ring(ring);
	int ok;

	assert_non_null(probe);
	ok = io_uring_opcode_supported(probe, op);
	io_uring_free_probe(probe);
	return ok;
}

static inline void ops_register_files(struct io_uring *ring, const int *fds,
				      unsigned nr)
{
	assert_int_equal(io_uring_register((unsigned) ring->ring_fd,
					   IORING_REGISTER_FILES, fds, nr), 0);
}

/* A table of nr empty fixed-file slots. */
static inline void ops_register_files_sparse(struct io_uring *ring,
					     unsigned nr)
{
	struct io_uring_rsrc_register reg;

	memset(&reg, 0, sizeof(reg));
	reg.nr = nr;
	reg.flags = IORING_RSRC_REGISTER_SPARSE;
	assert_int_equal(io_uring_register((unsigned) ring->ring_fd,
					   IORING_REGISTER_FILES2, &reg,
					   sizeof(reg)), 0);
}

static inline void ops_register_buffers(struct io_uring *ring,
					const struct iovec *iov, unsigned nr)
{
	int ret = io_uring_register((unsigned) ring->ring_fd,
				    IORING_REGISTER_BUFFERS, iov, nr);

	if (ret == -ENOMEM)
		t_skip("cannot pin buffers (RLIMIT_MEMLOCK)");
	assert_int_equal(ret, 0);
}

/*
 * A provided-buffer ring (Linux 5.19), set up by hand: a page-aligned
 * array of struct io_uring_buf that the kernel consumes from head and we
 * refill at tail.  The tail is published with release ordering so the
 * kernel never sees a tail ahead of the entries it covers.
 */
struct ops_pbuf {
	struct io_uring_buf_ring *br;
	size_t ring_bytes;
	unsigned entries;
	unsigned short bgid;
	unsigned short tail;
	unsigned char *mem;
	unsigned buf_size;
};

static inline void ops_pbuf_add(struct ops_pbuf *pb, unsigned short bid)
{
	struct io_uring_buf *buf = &pb->br->bufs[pb->tail & (pb->entries - 1)];

	buf->addr = (unsigned long) (pb->mem + (size_t) bid * pb->buf_size);
	buf->len = pb->buf_size;
	buf->bid = bid;
	pb->tail++;
	io_uring_smp_store_release(&pb->br->tail, pb->tail);
}

/* Skips if the kernel has no buffer rings; fills every buffer in. */
static inline void ops_pbuf_init(struct io_uring *ring, struct ops_pbuf *pb,
				 unsigned short bgid, unsigned entries,
				 unsigned buf_size)
{
	struct io_uring_buf_reg reg;
	unsigned short i;
	int ret;

	memset(pb, 0, sizeof(*pb));
	pb->entries = entries;
	pb->bgid = bgid;
	pb->buf_size = buf_size;
	pb->ring_bytes = entries * sizeof(struct io_uring_buf);
	pb->br = (struct io_uring_buf_ring *) mmap(NULL, pb->ring_bytes,
			PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(pb->br != MAP_FAILED);
	pb->mem = (unsigned char *) malloc((size_t) entries * buf_size);
	assert_non_null(pb->mem);

	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (unsigned long) pb->br;
	reg.ring_entries = entries;
	reg.bgid = bgid;
	ret = io_uring_register((unsigned) ring->ring_fd,
				IORING_REGISTER_PBUF_RING, &reg, 1);
	if (ret == -EINVAL || ret == -EOPNOTSUPP) {
		munmap(pb->br, pb->ring_bytes);
		free(pb->mem);
		t_skip("kernel lacks provided-buffer rings");
	}
	assert_int_equal(ret, 0);
	for (i = 0; i < entries; i++)
		ops_pbuf_add(pb, i);
}

/* The buffer cqe picked from the ring, holding the cqe->res bytes read. */
static inline unsigned char *ops_pbuf_buf(struct ops_pbuf *pb,
					  const struct io_uring_cqe *cqe)
{
	unsigned bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
	unsigned char *buf;

	assert_true(cqe->flags & IORING_CQE_F_BUFFER);
	assert_true(bid < pb->entries);
	assert_true(cqe->res <= (int) pb->buf_size);
	buf = pb->mem + (size_t) bid * pb->buf_size;
	t_kernel_wrote(buf, cqe->res);
	return buf;
}

static inline void ops_pbuf_free(struct io_uring *ring, struct ops_pbuf *pb)
{
	struct io_uring_buf_reg reg;

	memset(&reg, 0, sizeof(reg));
	reg.bgid = pb->bgid;
	io_uring_register((unsigned) ring->ring_fd,
			  IORING_UNREGISTER_PBUF_RING, &reg, 1);
	munmap(pb->br, pb->ring_bytes);
	free(pb->mem);
}

/*
 * A loop block device over a fresh pattern file of len bytes, for the
 * operations that need a real block device.  Skips where loop devices
 * cannot be had (no /dev/loop-control, not root, all busy).  Returns the
 * open device; *backing gets the backing file's descriptor.
 */
static inline int ops_loop_attach(size_t len, int *backing, char *dev)
{
	struct loop_config cfg;
	int ctl, nr, fd, i;

	*backing = t_tmpfile(len, 7, NULL);
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		t_skip("no loop devices here: %s", strerror(errno));
	for (i = 0; i < 8; i++) {
		nr = ioctl(ctl, LOOP_CTL_GET_FREE);
		if (nr < 0)
			break;
		snprintf(dev, PATH_MAX, "/dev/loop%d", nr);
		fd = open(dev, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			break;
		memset(&cfg, 0, sizeof(cfg));
		cfg.fd = (__u32) *backing;
		if (ioctl(fd, LOOP_CONFIGURE, &cfg) == 0) {
			close(ctl);
			return fd;
		}
		close(fd);
		if (errno != EBUSY)
			break;
	}
	close(ctl);
	close(*backing);
	t_skip("cannot set up a loop device: %s", strerror(errno));
	return -1;
}

static inline void ops_loop_detach(int fd, int backing)
{
	ioctl(fd, LOOP_CLR_FD, 0);
	close(fd);
	close(backing);
}

#endif
