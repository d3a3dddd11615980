/* SPDX-License-Identifier: MIT */
/*
 * BPF filters on a ring's requests (IORING_REGISTER_BPF_FILTER).
 */
#include "register-util.h"

static void deny_nop(struct io_uring_bpf *bpf, struct sock_filter *prog)
{
	prog[0] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, 0);
	memset(bpf, 0, sizeof(*bpf));
	bpf->cmd_type = IO_URING_BPF_CMD_FILTER;
	bpf->filter.opcode = IORING_OP_NOP;
	bpf->filter.filter_len = 1;
	bpf->filter.filter_ptr = (uintptr_t) prog;
}

static int nop_res(struct io_uring *ring)
{
	struct io_uring_cqe cqe;

	t_queue_nops(ring, 1, 5);
	io_uring_submit(ring);
	t_reap(ring, &cqe);
	return cqe.res;
}

static void test_bpf_filter(void **state)
{
	struct sock_filter prog[1];
	struct io_uring_bpf bpf;
	struct io_uring ring;
	int ret, status;
	pid_t pid;

	(void) state;
	t_ring_init(&ring, 8, 0);
	deny_nop(&bpf, prog);
	ret = io_uring_register_bpf_filter(&ring, &bpf);
	if (ret == -EINVAL && kernel_register_ops() <=
			      IORING_REGISTER_BPF_FILTER)
		t_skip("kernel lacks IORING_REGISTER_BPF_FILTER (after 6.18)");
	if (ret == -EOPNOTSUPP)
		t_skip("kernel built without BPF support for io_uring");
	assert_int_equal(ret, 0);
	assert_int_equal(nop_res(&ring), -EACCES);
	io_uring_queue_exit(&ring);

	/* for a task: rings it creates afterwards are filtered too */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct io_uring r;

		deny_nop(&bpf, prog);
		if (io_uring_register_bpf_filter_task(&bpf))
			_exit(1);
		if (io_uring_queue_init(4, &r, 0))
			_exit(2);
		t_queue_nops(&r, 1, 1);
		io_uring_submit(&r);
		{
			struct io_uring_cqe *cqe;

			if (io_uring_wait_cqe(&r, &cqe) || cqe->res != -EACCES)
				_exit(3);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bpf_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
