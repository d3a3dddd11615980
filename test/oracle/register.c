/* SPDX-License-Identifier: MIT */
/*
 * Oracle: return values, errno and output parameters of the register_*
 * calls liburing 2.3 has, on success and on each error a program can
 * provoke: bad arguments, a ring without the resource, a repeat.
 */
#include <fcntl.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include "oracle.h"

static struct io_uring ring;

#define SHOWL(label, call)						\
	do {								\
		int ret_;						\
		o_errno_mark();						\
		ret_ = (call);						\
		printf("%s%s: %d errno=%s\n", label, #call, ret_,	\
		       o_errno());					\
	} while (0)
#define SHOW(call) SHOWL("", call)

static void buffers(void)
{
	static char mem[2][4096];
	struct iovec iov[2] = {
		{ mem[0], sizeof(mem[0]) }, { mem[1], sizeof(mem[1]) },
	};
	struct iovec bad = { NULL, 4096 };
	__u64 tags[2] = { 1, 2 };

	if (io_uring_queue_init(8, &ring, 0))
		return;
	SHOW(io_uring_unregister_buffers(&ring));
	SHOW(io_uring_register_buffers(&ring, iov, 0));
	SHOW(io_uring_register_buffers(&ring, &bad, 1));
	SHOW(io_uring_register_buffers(&ring, iov, 2));
	SHOW(io_uring_register_buffers(&ring, iov, 2));
	SHOW(io_uring_register_buffers_update_tag(&ring, 0, iov, tags, 1));
	SHOW(io_uring_unregister_buffers(&ring));
	SHOW(io_uring_register_buffers_tags(&ring, iov, tags, 2));
	SHOW(io_uring_register_buffers_update_tag(&ring, 1, iov, tags, 1));
	SHOW(io_uring_register_buffers_update_tag(&ring, 5, iov, tags, 1));
	SHOW(io_uring_unregister_buffers(&ring));
	SHOW(io_uring_register_buffers_sparse(&ring, 4));
	SHOW(io_uring_register_buffers_update_tag(&ring, 3, iov, NULL, 1));
	SHOW(io_uring_unregister_buffers(&ring));
	SHOW(io_uring_register_buffers_sparse(&ring, 1u << 30));
	io_uring_queue_exit(&ring);
}

static void files(void)
{
	int fds[3] = { 0, 1, 2 };
	int bad[1] = { 9999 };
	int sparse[2] = { -1, -1 };
	__u64 tags[3] = { 1, 2, 3 };

	if (io_uring_queue_init(8, &ring, 0))
		return;
	SHOW(io_uring_unregister_files(&ring));
	SHOW(io_uring_register_files(&ring, fds, 0));
	SHOW(io_uring_register_files(&ring, bad, 1));
	SHOW(io_uring_register_files(&ring, fds, 3));
	SHOW(io_uring_register_files(&ring, fds, 3));
	SHOW(io_uring_register_files_update(&ring, 0, sparse, 2));
	SHOW(io_uring_register_files_update(&ring, 2, fds, 2));
	SHOW(io_uring_register_files_update(&ring, 7, fds, 1));
	SHOW(io_uring_register_files_update(&ring, 0, bad, 1));
	SHOW(io_uring_register_files_update_tag(&ring, 0, fds, tags, 1));
	SHOW(io_uring_unregister_files(&ring));
	SHOW(io_uring_register_files_tags(&ring, fds, tags, 3));
	SHOW(io_uring_unregister_files(&ring));
	SHOW(io_uring_register_files_sparse(&ring, 8));
	SHOW(io_uring_register_files_update_tag(&ring, 1, fds, tags, 2));
	SHOW(io_uring_register_file_alloc_range(&ring, 2, 4));
	SHOW(io_uring_register_file_alloc_range(&ring, 6, 4));
	SHOW(io_uring_unregister_files(&ring));
	SHOW(io_uring_register_file_alloc_range(&ring, 0, 1));
	io_uring_queue_exit(&ring);
}

static void misc(void)
{
	int efd = eventfd(0, 0);
	struct io_uring_probe *p;
	unsigned vals[2] = { 0, 0 };
	cpu_set_t set;
	int id;

	if (io_uring_queue_init(8, &ring, 0))
		return;
	SHOW(io_uring_unregister_eventfd(&ring));
	SHOW(io_uring_register_eventfd(&ring, -1));
	SHOW(io_uring_register_eventfd(&ring, efd));
	SHOW(io_uring_register_eventfd(&ring, efd));
	SHOW(io_uring_cq_eventfd_enabled(&ring));
	SHOW(io_uring_cq_eventfd_toggle(&ring, false));
	SHOW(io_uring_cq_eventfd_enabled(&ring));
	SHOW(io_uring_cq_eventfd_toggle(&ring, true));
	SHOW(io_uring_unregister_eventfd(&ring));
	SHOW(io_uring_register_eventfd_async(&ring, efd));
	SHOW(io_uring_unregister_eventfd(&ring));

	o_errno_mark();
	id = io_uring_register_personality(&ring);
	printf("register_personality: %s errno=%s\n", id > 0 ? "id>0" : "bad",
	       o_errno());
	SHOW(io_uring_unregister_personality(&ring, id));
	SHOW(io_uring_unregister_personality(&ring, id));
	SHOW(io_uring_unregister_personality(&ring, -1));

	/*
	 * io_uring_enable_rings() and io_uring_register_restrictions() are
	 * declared by 2.3's header but not exported by its library (its
	 * version script lacks them): nothing to compare against.
	 */

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SHOW(io_uring_register_iowq_aff(&ring, sizeof(set), &set));
	SHOW(io_uring_register_iowq_aff(&ring, 0, &set));
	SHOW(io_uring_unregister_iowq_aff(&ring));
	SHOW(io_uring_register_iowq_max_workers(&ring, vals));
	printf("iowq_max_workers out: %s %s\n", vals[0] ? "bounded" : "0",
	       vals[1] ? "unbounded" : "0");
	vals[0] = 3;
	vals[1] = 5;
	SHOW(io_uring_register_iowq_max_workers(&ring, vals));
	vals[0] = 0;
	vals[1] = 0;
	SHOW(io_uring_register_iowq_max_workers(&ring, vals));
	printf("iowq_max_workers out: %u %u\n", vals[0], vals[1]);

	p = calloc(1, sizeof(*p) + 256 * sizeof(p->ops[0]));
	SHOW(io_uring_register_probe(&ring, p, 256));
	printf("register_probe out: last_op>0 %d ops_len>0 %d\n",
	       p->last_op > 0, p->ops_len > 0);
	SHOW(io_uring_register_probe(&ring, p, 1024));
	free(p);

	SHOWL("none registered: ", io_uring_unregister_ring_fd(&ring));
	SHOW(io_uring_register_ring_fd(&ring));
	printf("ring_fd registered: enter_ring_fd %s\n",
	       ring.enter_ring_fd == ring.ring_fd ? "=ring_fd" : "index");
	printf("ring_fd registered: int_flags %u\n", ring.int_flags);
	SHOWL("again: ", io_uring_register_ring_fd(&ring));
	SHOW(io_uring_unregister_ring_fd(&ring));
	printf("ring_fd unregistered: enter_ring_fd %s\n",
	       ring.enter_ring_fd == ring.ring_fd ? "=ring_fd" : "index");
	printf("ring_fd unregistered: int_flags %u\n", ring.int_flags);
	SHOWL("none registered: ", io_uring_unregister_ring_fd(&ring));
	io_uring_queue_exit(&ring);
	close(efd);
}

static void buf_ring(void)
{
	struct io_uring_buf_reg reg;
	void *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED || io_uring_queue_init(8, &ring, 0))
		return;
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (unsigned long) mem;
	reg.ring_entries = 8;
	reg.bgid = 3;
	SHOW(io_uring_unregister_buf_ring(&ring, 3));
	SHOW(io_uring_register_buf_ring(&ring, &reg, 0));
	SHOW(io_uring_register_buf_ring(&ring, &reg, 0));
	SHOW(io_uring_register_buf_ring(&ring, &reg, 1));
	SHOW(io_uring_unregister_buf_ring(&ring, 3));
	reg.ring_entries = 3;
	SHOW(io_uring_register_buf_ring(&ring, &reg, 0));
	io_uring_queue_exit(&ring);
}

static void sync_cancel(void)
{
	struct io_uring_sync_cancel_reg reg;

	if (io_uring_queue_init(8, &ring, 0))
		return;
	memset(&reg, 0, sizeof(reg));
	reg.addr = 42;
	reg.timeout.tv_sec = -1;
	reg.timeout.tv_nsec = -1;
	SHOW(io_uring_register_sync_cancel(&ring, &reg));
	reg.flags = IORING_ASYNC_CANCEL_ANY;
	SHOW(io_uring_register_sync_cancel(&ring, &reg));
	reg.flags = 1u << 31;
	SHOW(io_uring_register_sync_cancel(&ring, &reg));
	io_uring_queue_exit(&ring);
}

/* A ring whose fd is not an io_uring: each call reports the kernel's no. */
static void bad_ring(void)
{
	int fds[1] = { 0 };
	unsigned vals[2] = { 0, 0 };

	memset(&ring, 0, sizeof(ring));
	ring.ring_fd = ring.enter_ring_fd = 0;
	SHOW(io_uring_register_files(&ring, fds, 1));
	SHOW(io_uring_register_eventfd(&ring, 0));
	SHOW(io_uring_register_iowq_max_workers(&ring, vals));
	SHOW(io_uring_register_ring_fd(&ring));
	ring.ring_fd = ring.enter_ring_fd = -1;
	SHOWL("fd -1: ", io_uring_register_files(&ring, fds, 1));
	SHOWL("fd -1: ", io_uring_unregister_files(&ring));
}

int main(void)
{
	o_check_library();
	setvbuf(stdout, NULL, _IOLBF, 0);
	o_scenario("buffers", buffers);
	o_scenario("files", files);
	o_scenario("misc", misc);
	o_scenario("buf_ring", buf_ring);
	o_scenario("sync_cancel", sync_cancel);
	o_scenario("bad_ring", bad_ring);
	return 0;
}
