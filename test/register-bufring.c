/* SPDX-License-Identifier: MIT */
/*
 * Provided-buffer rings: the kernel takes buffers in ring order, reports
 * which one in the CQE, and its head follows consumption.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include "helpers.h"

#define BGID	7
#define NBUFS	8
#define BLEN	64

/* What an output parameter holds before a call that must write it. */
#define T_POISON_ERR	0x5a5a5a5a

struct bufs {
	struct io_uring_buf_ring *br;
	char mem[NBUFS][BLEN];
};

static void publish(struct bufs *b, unsigned count);

/* A ring of NBUFS entries with buffers 0..count-1 published. */
static void setup_ring(struct io_uring *ring, struct bufs *b, unsigned count,
		       unsigned flags)
{
	int err = T_POISON_ERR;

	b->br = io_uring_setup_buf_ring(ring, NBUFS, BGID, flags, &err);
	if (!b->br && err == -EINVAL && flags)
		t_skip("kernel refuses buffer ring flags 0x%x", flags);
	if (!b->br && err == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_PBUF_RING (5.19)");
	assert_non_null(b->br);
	assert_int_equal(err, 0);	/* written on success too */
	publish(b, count);
}

/*
 * The same, registered by hand with the ring's flags in the flags
 * argument of io_uring_register_buf_ring() and none in reg.flags: they
 * must reach the kernel all the same.
 */
static void setup_ring_by_arg(struct io_uring *ring, struct bufs *b,
			      unsigned count, unsigned flags)
{
	struct io_uring_buf_reg reg;
	struct io_uring_buf_ring *probe;
	int err = 0;
	void *mem;

	/* the kernel's support, asked the documented way */
	probe = io_uring_setup_buf_ring(ring, NBUFS, BGID + 1, flags, &err);
	if (!probe && err == -EINVAL)
		t_skip("kernel refuses buffer ring flags 0x%x", flags);
	assert_non_null(probe);
	assert_int_equal(io_uring_free_buf_ring(ring, probe, NBUFS, BGID + 1),
			 0);

	mem = mmap(NULL, (size_t) getpagesize(), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED);
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (__u64) (uintptr_t) mem;
	reg.ring_entries = NBUFS;
	reg.bgid = BGID;
	assert_int_equal(io_uring_register_buf_ring(ring, &reg, flags), 0);
	assert_int_equal(reg.flags, 0);		/* the caller's reg as it was */
	b->br = mem;
	io_uring_buf_ring_init(b->br);
	publish(b, count);
}

/* Buffers 0..count-1 published. */
static void publish(struct bufs *b, unsigned count)
{
	int mask = io_uring_buf_ring_mask(NBUFS);
	unsigned i;

	memset(b->mem, 0, sizeof(b->mem));
	for (i = 0; i < count; i++)
		io_uring_buf_ring_add(b->br, b->mem[i], BLEN,
				      (unsigned short) i, mask, (int) i);
	io_uring_buf_ring_advance(b->br, (int) count);
}

/* A read (or recv) that lets the kernel pick the buffer; returns the CQE. */
static void select_io(struct io_uring *ring, int op, int fd, unsigned len,
		      struct io_uring_cqe *cqe)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (op == IORING_OP_RECV)
		io_uring_prep_recv(sqe, fd, NULL, len, 0);
	else
		io_uring_prep_read(sqe, fd, NULL, len, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = BGID;
	assert_int_equal(io_uring_submit(ring), 1);
	t_reap(ring, cqe);
}

static unsigned cqe_bid(const struct io_uring_cqe *cqe)
{
	assert_true(cqe->flags & IORING_CQE_F_BUFFER);
	return cqe->flags >> IORING_CQE_BUFFER_SHIFT;
}

static void expect_head(struct io_uring *ring, unsigned want)
{
	uint16_t head = 0xffff;
	int ret = io_uring_buf_ring_head(ring, BGID, &head);

	if (ret == -EINVAL)
		t_skip("kernel lacks IORING_REGISTER_PBUF_STATUS (6.8)");
	assert_int_equal(ret, 0);
	assert_int_equal(head, want);
}

/*
 * Reads and recvs consume buffers 0, 1, 2... in order; each CQE names its
 * buffer and the data is in it.
 */
static void consume_in_order(int op, unsigned flags)
{
	struct io_uring ring;
	struct io_uring_cqe cqe;
	struct bufs b;
	char msg[16];
	int fds[2];
	unsigned i;

	t_ring_init(&ring, 8, 0);
	if (op == IORING_OP_RECV)
		assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	else
		assert_int_equal(pipe(fds), 0);
	setup_ring(&ring, &b, 4, flags);
	expect_head(&ring, 0);
	assert_int_equal(io_uring_buf_ring_available(&ring, b.br, BGID), 4);

	for (i = 0; i < 4; i++) {
		int n = snprintf(msg, sizeof(msg), "message %u", i);

		assert_int_equal(write(fds[1], msg, (size_t) n), n);
		select_io(&ring, op, fds[0], BLEN, &cqe);
		assert_int_equal(cqe.res, n);
		assert_int_equal(cqe_bid(&cqe), i);
		assert_memory_equal(b.mem[i], msg, (size_t) n);
		expect_head(&ring, i + 1);
		assert_int_equal(io_uring_buf_ring_available(&ring, b.br,
							     BGID),
				 3 - i);
	}

	/* empty: the request fails with -ENOBUFS and takes no buffer */
	assert_int_equal(write(fds[1], "x", 1), 1);
	select_io(&ring, op, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, -ENOBUFS);
	assert_false(cqe.flags & IORING_CQE_F_BUFFER);

	/* hand buffer 2 back: it is the next one taken */
	io_uring_buf_ring_add(b.br, b.mem[2], BLEN, 2,
			      io_uring_buf_ring_mask(NBUFS), 0);
	io_uring_buf_ring_advance(b.br, 1);
	select_io(&ring, op, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, 1);
	assert_int_equal(cqe_bid(&cqe), 2);
	assert_int_equal(b.mem[2][0], 'x');

	assert_int_equal(io_uring_free_buf_ring(&ring, b.br, NBUFS, BGID), 0);
	/* gone: selecting from the group fails */
	assert_int_equal(write(fds[1], "y", 1), 1);
	select_io(&ring, op, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, -ENOBUFS);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_read_in_order(void **state)
{
	(void) state;
	consume_in_order(IORING_OP_READ, 0);
}

static void test_recv_in_order(void **state)
{
	(void) state;
	consume_in_order(IORING_OP_RECV, 0);
}

/* The same with a ring the kernel allocates and we map. */
static void test_kernel_mapped(void **state)
{
	(void) state;
	consume_in_order(IORING_OP_READ, IOU_PBUF_RING_MMAP);
}

/*
 * io_uring_buf_ring_cq_advance() retires the CQE and republishes the
 * buffer in one step.
 */
static void test_cq_advance(void **state)
{
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	struct bufs b;
	int fds[2], round;
	unsigned bid;

	(void) state;
	t_ring_init(&ring, 8, 0);
	assert_int_equal(pipe(fds), 0);
	setup_ring(&ring, &b, 1, 0);
	for (round = 0; round < 20; round++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		unsigned cq_head = *ring.cq.khead;
		unsigned short tail = b.br->tail;

		assert_int_equal(write(fds[1], "ab", 2), 2);
		io_uring_prep_read(sqe, fds[0], NULL, BLEN, 0);
		sqe->flags |= IOSQE_BUFFER_SELECT;
		sqe->buf_group = BGID;
		assert_int_equal(io_uring_submit(&ring), 1);
		assert_int_equal(io_uring_wait_cqe(&ring, &cqe), 0);
		assert_int_equal(cqe->res, 2);
		bid = cqe_bid(cqe);
		assert_int_equal(bid, 0);
		assert_memory_equal(b.mem[0], "ab", 2);
		io_uring_buf_ring_add(b.br, b.mem[bid], BLEN,
				      (unsigned short) bid,
				      io_uring_buf_ring_mask(NBUFS), 0);
		io_uring_buf_ring_cq_advance(&ring, b.br, 1);
		assert_int_equal(*ring.cq.khead, cq_head + 1);
		assert_int_equal(b.br->tail, (unsigned short) (tail + 1));
	}
	/* the split form: two CQEs retired, no buffer published */
	{
		unsigned short tail = b.br->tail;
		int i;

		for (i = 0; i < 2; i++)
			io_uring_prep_nop(io_uring_get_sqe(&ring));
		assert_int_equal(io_uring_submit_and_wait(&ring, 2), 2);
		assert_int_equal(io_uring_cq_ready(&ring), 2);
		__io_uring_buf_ring_cq_advance(&ring, b.br, 2, 0);
		assert_int_equal(io_uring_cq_ready(&ring), 0);
		assert_int_equal(b.br->tail, tail);
	}
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

/*
 * IOU_PBUF_RING_INC (Linux 6.12): a buffer is consumed a piece at a time.
 * Two reads land one after the other in the same buffer, the CQE says
 * IORING_CQE_F_BUF_MORE while some is left, and the head stays put.
 */
static void consume_incrementally(bool flags_by_arg)
{
	struct io_uring ring;
	struct io_uring_cqe cqe;
	struct bufs b;
	char data[BLEN];
	int fds[2];

	t_ring_init(&ring, 8, 0);
	assert_int_equal(pipe(fds), 0);
	if (flags_by_arg)
		setup_ring_by_arg(&ring, &b, 2, IOU_PBUF_RING_INC);
	else
		setup_ring(&ring, &b, 2, IOU_PBUF_RING_INC);
	t_fill_pattern(data, sizeof(data), 3);

	assert_int_equal(write(fds[1], data, 10), 10);
	select_io(&ring, IORING_OP_READ, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, 10);
	assert_int_equal(cqe_bid(&cqe), 0);
	assert_true(cqe.flags & IORING_CQE_F_BUF_MORE);
	assert_memory_equal(b.mem[0], data, 10);
	expect_head(&ring, 0);
	/* the kernel moved the entry past what it used */
	assert_int_equal(b.br->bufs[0].addr, (uintptr_t) (b.mem[0] + 10));
	assert_int_equal(b.br->bufs[0].len, BLEN - 10);

	assert_int_equal(write(fds[1], data + 10, 20), 20);
	select_io(&ring, IORING_OP_READ, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, 20);
	assert_int_equal(cqe_bid(&cqe), 0);
	assert_memory_equal(b.mem[0], data, 30);

	/* the rest of buffer 0 exactly: it is used up, the head moves */
	assert_int_equal(write(fds[1], data + 30, BLEN - 30), BLEN - 30);
	select_io(&ring, IORING_OP_READ, fds[0], BLEN, &cqe);
	assert_int_equal(cqe.res, BLEN - 30);
	assert_int_equal(cqe_bid(&cqe), 0);
	assert_false(cqe.flags & IORING_CQE_F_BUF_MORE);
	assert_memory_equal(b.mem[0], data, BLEN);
	expect_head(&ring, 1);

	assert_int_equal(write(fds[1], "z", 1), 1);
	select_io(&ring, IORING_OP_READ, fds[0], BLEN, &cqe);
	assert_int_equal(cqe_bid(&cqe), 1);
	assert_int_equal(b.mem[1][0], 'z');
	assert_int_equal(io_uring_free_buf_ring(&ring, b.br, NBUFS, BGID), 0);
	close(fds[0]);
	close(fds[1]);
	io_uring_queue_exit(&ring);
}

static void test_incremental(void **state)
{
	(void) state;
	consume_incrementally(false);
}

/* IOU_PBUF_RING_INC given in io_uring_register_buf_ring()'s flags. */
static void test_incremental_flags_arg(void **state)
{
	(void) state;
	consume_incrementally(true);
}

/* Sizes and groups: the kernel's answers come back unchanged. */
static void test_limits(void **state)
{
	struct io_uring ring;
	struct io_uring_buf_ring *br;
	struct io_uring_buf_reg reg;
	uint16_t head;
	int err, ret;

	(void) state;
	t_ring_init(&ring, 8, 0);
	err = 0;
	br = io_uring_setup_buf_ring(&ring, 3, 1, 0, &err);
	assert_null(br);
	assert_int_equal(err, -EINVAL);
	err = 0;
	br = io_uring_setup_buf_ring(&ring, 65536, 1, 0, &err);
	assert_null(br);
	assert_int_equal(err, -EINVAL);
	err = 0;
	br = io_uring_setup_buf_ring(&ring, 0, 1, 0, &err);
	assert_null(br);
	assert_true(err < 0);

	/* the largest ring the kernel takes */
	br = io_uring_setup_buf_ring(&ring, 32768, 1, 0, &err);
	assert_non_null(br);
	assert_int_equal(io_uring_buf_ring_available(&ring, br, 1), 0);
	/* one ring per group */
	err = 0;
	assert_null(io_uring_setup_buf_ring(&ring, 8, 1, 0, &err));
	assert_int_equal(err, -EEXIST);
	assert_int_equal(io_uring_free_buf_ring(&ring, br, 32768, 1), 0);
	/* and after freeing, nothing to free or query */
	assert_int_equal(io_uring_unregister_buf_ring(&ring, 1), -ENOENT);
	assert_int_equal(io_uring_buf_ring_available(&ring, br, 1), -ENOENT);
	/* a failed query leaves *head alone (-EINVAL: before Linux 6.8) */
	head = 0xabcd;
	ret = io_uring_buf_ring_head(&ring, 1, &head);
	assert_true(ret == -ENOENT || ret == -EINVAL);
	assert_int_equal(head, 0xabcd);

	/* the raw registration wants page-aligned memory */
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (uintptr_t) &reg;
	reg.ring_entries = 8;
	reg.bgid = 2;
	assert_int_equal(io_uring_register_buf_ring(&ring, &reg, 0), -EINVAL);
	io_uring_queue_exit(&ring);
}

/* The inline helpers' arithmetic, checked against the ring memory. */
static void test_inline_helpers(void **state)
{
	struct io_uring ring;
	struct bufs b;
	int mask = io_uring_buf_ring_mask(NBUFS);

	(void) state;
	assert_int_equal(mask, NBUFS - 1);
	assert_int_equal(io_uring_buf_ring_mask(32768), 32767);
	t_ring_init(&ring, 8, 0);
	setup_ring(&ring, &b, 0, 0);
	assert_int_equal(b.br->tail, 0);
	/* offsets count from the tail and wrap at the ring size */
	b.br->tail = NBUFS - 1;
	io_uring_buf_ring_add(b.br, b.mem[5], 33, 5, mask, 0);
	io_uring_buf_ring_add(b.br, b.mem[6], 44, 6, mask, 1);
	assert_int_equal(b.br->bufs[NBUFS - 1].bid, 5);
	assert_int_equal(b.br->bufs[NBUFS - 1].len, 33);
	assert_int_equal(b.br->bufs[NBUFS - 1].addr, (uintptr_t) b.mem[5]);
	assert_int_equal(b.br->bufs[0].bid, 6);
	assert_int_equal(b.br->bufs[0].len, 44);
	io_uring_buf_ring_advance(b.br, 2);
	assert_int_equal(b.br->tail, NBUFS + 1);
	/* the tail is 16 bits and wraps */
	b.br->tail = 0xffff;
	io_uring_buf_ring_advance(b.br, 2);
	assert_int_equal(b.br->tail, 1);
	io_uring_buf_ring_init(b.br);
	assert_int_equal(b.br->tail, 0);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_in_order),
		cmocka_unit_test(test_recv_in_order),
		cmocka_unit_test(test_kernel_mapped),
		cmocka_unit_test(test_cq_advance),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_incremental_flags_arg),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_inline_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
