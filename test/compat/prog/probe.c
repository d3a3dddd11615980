/* SPDX-License-Identifier: MIT */
/*
 * Probes: both probe getters report what the kernel supports, and the
 * memory they return may be given back with plain free() as well as with
 * io_uring_free_probe() (programs of every liburing release do either).
 */
#define _GNU_SOURCE
#include "prog.h"

static void check_probe(struct io_uring_probe *p)
{
	CHECK(p != NULL);
	CHECK(p->last_op >= IORING_OP_READ);
	CHECK(p->ops_len == p->last_op + 1);
	CHECK(io_uring_opcode_supported(p, IORING_OP_NOP));
	CHECK(io_uring_opcode_supported(p, IORING_OP_READV));
	CHECK(io_uring_opcode_supported(p, IORING_OP_TIMEOUT));
	CHECK(!io_uring_opcode_supported(p, p->last_op + 1));
	CHECK_EQ(p->ops[IORING_OP_NOP].op, IORING_OP_NOP);
}

int main(void)
{
	struct io_uring ring;
	struct io_uring_probe *p, *q;
	unsigned i;

	prog_ring_init(&ring, 4);

	p = io_uring_get_probe();
	check_probe(p);
	q = io_uring_get_probe_ring(&ring);
	check_probe(q);
	/* the same kernel answers the same */
	CHECK_EQ(p->last_op, q->last_op);
	for (i = 0; i <= p->last_op; i++)
		CHECK_EQ(p->ops[i].flags, q->ops[i].flags);

	free(p);
	free(q);

	/* and again, released the library's way; also repeatedly */
	for (i = 0; i < 100; i++) {
		p = io_uring_get_probe_ring(&ring);
		check_probe(p);
		if (i & 1)
			io_uring_free_probe(p);
		else
			free(p);
	}

	io_uring_queue_exit(&ring);
	printf("probe: ok\n");
	return 0;
}
