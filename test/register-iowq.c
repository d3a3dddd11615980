/* SPDX-License-Identifier: MIT */
/*
 * io-wq registrations: the worker limits
 * (IORING_REGISTER_IOWQ_MAX_WORKERS) and the workers' CPU affinity
 * (IORING_REGISTER_IOWQ_AFF).
 */
#include "register-util.h"

static void test_iowq_max_workers(void **state)
{
	struct io_uring ring;
	unsigned vals[2] = { 0, 0 }, orig[2];

	(void) state;
	t_ring_init(&ring, 8, 0);
	/* zeros change nothing and report the current limits */
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_true(vals[0] > 0 && vals[1] > 0);
	orig[0] = vals[0];
	orig[1] = vals[1];

	vals[0] = 3;
	vals[1] = 5;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], orig[0]);
	assert_int_equal(vals[1], orig[1]);

	/* one at a time: 0 leaves the other as set */
	vals[0] = 0;
	vals[1] = 7;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], 3);
	assert_int_equal(vals[1], 5);
	vals[0] = vals[1] = 0;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals), 0);
	assert_int_equal(vals[0], 3);
	assert_int_equal(vals[1], 7);

	vals[0] = 1U << 31;
	vals[1] = 0;
	assert_int_equal(io_uring_register_iowq_max_workers(&ring, vals),
			 -EINVAL);
	io_uring_queue_exit(&ring);
}

/*
 * The io-wq workers of thread tid are named iou-wrk-<tid>.  Copies the
 * Cpus_allowed_list of the first one found to list; returns whether one
 * was found.
 */
static bool worker_cpus(pid_t tid, char *list, size_t len)
{
	char want[32], path[300], line[256];
	struct dirent *de;
	bool found = false;
	DIR *d = opendir("/proc/self/task");

	assert_non_null(d);
	snprintf(want, sizeof(want), "iou-wrk-%d\n", (int) tid);
	while (!found && (de = readdir(d))) {
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) && !strcmp(line, want)) {
			FILE *s;

			snprintf(path, sizeof(path),
				 "/proc/self/task/%s/status", de->d_name);
			s = fopen(path, "r");
			while (s && fgets(line, sizeof(line), s)) {
				if (!strncmp(line, "Cpus_allowed_list:", 18)) {
					snprintf(list, len, "%s", line + 18);
					found = true;
				}
			}
			if (s)
				fclose(s);
		}
		fclose(f);
	}
	closedir(d);
	return found;
}

struct aff_arg {
	struct io_uring *ring;
	bool unset;		/* unregister the mask again before the work */
	char cpus[256];		/* the worker's Cpus_allowed_list */
	int ret;
};

/*
 * Runs in a fresh thread, which gets an io-wq of its own on its first
 * submission: the mask applies to the workers of the calling thread's
 * io-wq that start after it is set.
 */
static void *aff_thread(void *p)
{
	struct aff_arg *a = p;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	cpu_set_t set;
	int i;

	t_queue_nops(a->ring, 1, 1);
	io_uring_submit_and_wait(a->ring, 1);
	io_uring_cq_advance(a->ring, io_uring_cq_ready(a->ring));

	CPU_ZERO(&set);
	CPU_SET(1, &set);
	a->ret = io_uring_register_iowq_aff(a->ring, sizeof(set), &set);
	if (a->ret)
		return NULL;
	if (a->unset) {
		a->ret = io_uring_unregister_iowq_aff(a->ring);
		if (a->ret)
			return NULL;
	}
	/* a forced-async NOP starts a worker */
	sqe = io_uring_get_sqe(a->ring);
	io_uring_prep_nop(sqe);
	sqe->flags |= IOSQE_ASYNC;
	io_uring_submit_and_wait(a->ring, 1);
	if (io_uring_peek_cqe(a->ring, &cqe) == 0)
		io_uring_cqe_seen(a->ring, cqe);
	a->cpus[0] = 0;
	/* workers linger idle for seconds: it is still there */
	for (i = 0; i < 100 && !worker_cpus((pid_t) syscall(SYS_gettid),
					    a->cpus, sizeof(a->cpus)); i++)
		usleep(10000);
	return NULL;
}

static void run_aff_thread(struct aff_arg *a)
{
	pthread_t t;

	assert_int_equal(pthread_create(&t, NULL, aff_thread, a), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
}

static void test_iowq_aff(void **state)
{
	struct aff_arg a;
	struct io_uring ring;
	cpu_set_t set;

	(void) state;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		t_skip("needs 2 CPUs to see an affinity mask take effect");
	t_ring_init(&ring, 8, 0);

	memset(&a, 0, sizeof(a));
	a.ring = &ring;
	run_aff_thread(&a);
	assert_int_equal(a.ret, 0);
	assert_string_equal(a.cpus, "\t1\n");

	/* unset: new workers may run anywhere again */
	memset(&a, 0, sizeof(a));
	a.ring = &ring;
	a.unset = true;
	run_aff_thread(&a);
	assert_int_equal(a.ret, 0);
	assert_true(a.cpus[0] != 0);
	assert_string_not_equal(a.cpus, "\t1\n");

	/* an empty mask size */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	assert_int_equal(io_uring_register_iowq_aff(&ring, 0, &set), -EINVAL);
	io_uring_queue_exit(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iowq_max_workers),
		cmocka_unit_test(test_iowq_aff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
