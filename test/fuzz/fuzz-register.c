/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target 2: registration arguments.  The input drives a sequence of
 * register and unregister calls on one ring (and a second one to clone
 * buffers into): iovec arrays whose bases point into a pool, at a guard
 * page, at nothing, or are NULL, with lengths from 0 to beyond 1 GiB;
 * fd arrays mixing open files, -1, IORING_REGISTER_FILES_SKIP, closed
 * fds and the ring's own fd; tags; offsets and counts; buffer rings;
 * eventfds and personalities.  Fixed buffers and files are then used by
 * reads, whatever state they are in.  Every call must return success or
 * a plausible -errno, the library's and kernel's view of what is
 * registered must agree (-EBUSY when a table exists, -ENXIO when none),
 * and teardown leaves no fd, mapping or allocation behind.
 */
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include "fuzz-util.h"

#define POOL_SZ		(256u << 10)
#define MAX_VEC		64
#define BIG_VEC		16385
#define MAX_BR		4

static char *pool;		/* POOL_SZ bytes, then a PROT_NONE page */
static char *unmapped_page;
static int fixed_fds[8], nr_fixed_fds;

struct state {
	struct io_uring a, b;
	bool have_b;
	bool bufs, files;	/* a has a buffer / file table */
	struct {
		struct io_uring_buf_ring *br;
		unsigned entries;
		int bgid;
	} br[MAX_BR];
	int pers[8];
	unsigned nr_pers;
	int closed_fd;
	unsigned reqs;		/* requests in flight */
};

static struct iovec iovs[BIG_VEC];
static int fds[MAX_VEC];
static __u64 tags[MAX_VEC];

static void global_init(void)
{
	int p[2], s[2];

	pool = mmap(NULL, POOL_SZ + 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FZ_ASSERT(pool != MAP_FAILED, "pool");
	mprotect(pool + POOL_SZ, 4096, PROT_NONE);
	unmapped_page = mmap(NULL, 4096, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped_page, 4096);

	fixed_fds[nr_fixed_fds++] = open("/dev/null", O_RDWR | O_CLOEXEC);
	fixed_fds[nr_fixed_fds++] = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	FZ_ASSERT(pipe2(p, O_CLOEXEC) == 0, "pipe");
	fixed_fds[nr_fixed_fds++] = p[0];
	fixed_fds[nr_fixed_fds++] = p[1];
	fixed_fds[nr_fixed_fds++] = eventfd(0, EFD_CLOEXEC);
	FZ_ASSERT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s) == 0,
		  "socketpair");
	fixed_fds[nr_fixed_fds++] = s[0];
	fixed_fds[nr_fixed_fds++] = s[1];
	fixed_fds[nr_fixed_fds++] = open("/", O_RDONLY | O_DIRECTORY |
					 O_CLOEXEC);
}

static void *pick_ptr(struct fz *f)
{
	switch (fz_u8(f) % 8) {
	case 0:
		return NULL;
	case 1:
		return pool + POOL_SZ;			/* the guard page */
	case 2:
		return unmapped_page;
	case 3:
		return (void *) (uintptr_t) fz_u64(f);	/* anywhere */
	case 4:
		return pool + ((size_t) fz_u8(f) << 12);	/* page aligned */
	default:
		return pool + fz_u32(f) % POOL_SZ;
	}
}

static size_t pick_len(struct fz *f)
{
	switch (fz_u8(f) % 8) {
	case 0:
		return 0;
	case 1:
		return (1UL << 30) + fz_u8(f);		/* over the limit */
	case 2:
		/*
		 * Up to 1 MiB: a random base may land in a huge mapping
		 * (ASan's shadow), which the kernel would fault in and
		 * pin, gigabytes of it.
		 */
		return fz_u32(f) % (1u << 20);
	case 3:
		return (size_t) (fz_u8(f) + 1) << 12;
	default:
		return 1 + fz_u16(f);
	}
}

static int pick_fd(struct fz *f, struct state *s)
{
	switch (fz_u8(f) % 8) {
	case 0:
		return -1;
	case 1:
		return IORING_REGISTER_FILES_SKIP;
	case 2:
		return s->closed_fd;
	case 3:
		return s->a.ring_fd;
	case 4:
		return (int) fz_u32(f);
	default:
		return fixed_fds[fz_u8(f) % nr_fixed_fds];
	}
}

static unsigned pick_nr(struct fz *f)
{
	switch (fz_u8(f) % 16) {
	case 0:
		return 0;
	case 1:
		return fz_u32(f);
	case 2:
		return BIG_VEC;
	default:
		return fz_u8(f) % (MAX_VEC + 1);
	}
}

static void fill_iovs(struct fz *f, unsigned nr)
{
	unsigned i, n = nr < MAX_VEC ? nr : MAX_VEC;

	for (i = 0; i < n; i++) {
		iovs[i].iov_base = pick_ptr(f);
		iovs[i].iov_len = pick_len(f);
	}
	for (; i < nr && i < BIG_VEC; i++) {
		iovs[i].iov_base = pool;
		iovs[i].iov_len = 4096;
	}
}

static unsigned fill_fds(struct fz *f, struct state *s, unsigned nr)
{
	unsigned i, n = nr < MAX_VEC ? nr : MAX_VEC;

	for (i = 0; i < n; i++)
		fds[i] = pick_fd(f, s);
	return n;
}

static __u64 *pick_tags(struct fz *f)
{
	unsigned i;

	if (fz_u8(f) % 3 == 0)
		return NULL;
	for (i = 0; i < MAX_VEC; i++)
		tags[i] = fz_u8(f) % 2 ? 0 : 0x7a6700000000ULL | i;
	return tags;
}

static void check_ret(int ret, const char *what)
{
	FZ_ASSERT(ret >= 0 || fz_errno_ok(ret), "%s: %d", what, ret);
}

/* CQEs: tag notifications and the reads below; only user_data checked. */
static void reap(struct state *s, bool wait)
{
	struct __kernel_timespec ts = { .tv_sec = 2 };
	struct io_uring_cqe *cqe;
	int ret;

	while (s->reqs && wait) {
		ret = io_uring_wait_cqe_timeout(&s->a, &cqe, &ts);
		if (ret == -EINTR)
			continue;
		FZ_ASSERT(ret == 0, "a read never completed: %d", ret);
		break;
	}
	while (io_uring_peek_cqe(&s->a, &cqe) == 0) {
		__u64 ud = cqe->user_data;

		if (ud == 0x7ead) {
			FZ_ASSERT(s->reqs, "read CQE without a read");
			s->reqs--;
		} else {
			FZ_ASSERT((ud >> 32) == 0x7a67, "stray CQE %llx",
				  (unsigned long long) ud);
			FZ_ASSERT(cqe->res == 0, "tag CQE res %d", cqe->res);
		}
		io_uring_cqe_seen(&s->a, cqe);
	}
}

/* Uses whatever is registered: a fixed-buffer read, a fixed-file read. */
static void use(struct fz *f, struct state *s, bool fixed_file)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&s->a);
	int ret;

	FZ_ASSERT(sqe, "SQ full");
	if (fixed_file) {
		io_uring_prep_read(sqe, fz_u8(f) % 70, pool, 64, 0);
		sqe->flags = IOSQE_FIXED_FILE;
	} else {
		io_uring_prep_read_fixed(sqe, fixed_fds[1],
					 pool + fz_u32(f) % POOL_SZ,
					 fz_u16(f) % 8192, 0, fz_u8(f) % 70);
	}
	io_uring_sqe_set_data64(sqe, 0x7ead);
	ret = io_uring_submit(&s->a);
	FZ_ASSERT(ret == 1, "submit %d", ret);
	s->reqs++;
	/* a read of a pipe or socket may block: do not wait for those */
	if (!fixed_file)
		reap(s, true);
}

static void op_buffers(struct fz *f, struct state *s, unsigned op)
{
	unsigned nr = pick_nr(f), off = fz_bool(f) ? fz_u32(f) : fz_u8(f);
	bool had = s->bufs;
	int ret;

	fill_iovs(f, nr);
	switch (op) {
	case 0:
		ret = io_uring_register_buffers(&s->a,
						fz_u8(f) % 8 ? iovs : NULL,
						nr);
		break;
	case 1:
		ret = io_uring_register_buffers_tags(&s->a, iovs,
						     nr > MAX_VEC ? NULL :
						     pick_tags(f), nr);
		break;
	case 2:
		ret = io_uring_register_buffers_sparse(&s->a, nr);
		break;
	case 3:
		if (nr > MAX_VEC)
			nr = MAX_VEC;
		ret = io_uring_register_buffers_update_tag(&s->a, off, iovs,
							   pick_tags(f), nr);
		check_ret(ret, "buffers update");
		if (!had)
			FZ_ASSERT(ret < 0, "update without a table: %d", ret);
		/* the kernel stops at a bad slot and reports those done */
		if (ret >= 0)
			FZ_ASSERT((unsigned) ret <= nr, "updated %d of %u",
				  ret, nr);
		return;
	default:
		ret = io_uring_unregister_buffers(&s->a);
		check_ret(ret, "unregister buffers");
		FZ_ASSERT(had ? ret == 0 : ret == -ENXIO,
			  "unregister: %d with table %d", ret, had);
		s->bufs = false;
		return;
	}
	check_ret(ret, "register buffers");
	/* a second table never goes in (bad arguments may be seen first) */
	if (had)
		FZ_ASSERT(ret == -EBUSY || ret == -EFAULT || ret == -EINVAL,
			  "second buffer table: %d", ret);
	if (!nr)
		FZ_ASSERT(ret < 0, "empty buffer table accepted");
	if (ret == 0)
		s->bufs = true;
}

static void op_files(struct fz *f, struct state *s, unsigned op)
{
	unsigned nr = pick_nr(f), off = fz_bool(f) ? fz_u32(f) : fz_u8(f);
	bool had = s->files;
	unsigned n = fill_fds(f, s, nr);
	int ret;

	switch (op) {
	case 0:
		/* the array really holds only n entries */
		ret = io_uring_register_files(&s->a, fz_u8(f) % 8 ? fds : NULL,
					      n);
		break;
	case 1:
		ret = io_uring_register_files_tags(&s->a, fds, pick_tags(f),
						   n);
		break;
	case 2:
		ret = io_uring_register_files_sparse(&s->a, nr % 100000);
		nr %= 100000;
		n = nr;
		break;
	case 3:
	case 4:
		if (op == 3)
			ret = io_uring_register_files_update(&s->a, off, fds,
							     n);
		else
			ret = io_uring_register_files_update_tag(&s->a, off,
								 fds,
								 pick_tags(f),
								 n);
		check_ret(ret, "files update");
		if (!had)
			FZ_ASSERT(ret < 0, "update without a table: %d", ret);
		if (ret >= 0)
			FZ_ASSERT((unsigned) ret <= n, "updated %d of %u",
				  ret, n);
		return;
	case 5:
		nr = fz_u8(f) % 40;
		ret = io_uring_register_file_alloc_range(&s->a, off, nr);
		check_ret(ret, "alloc range");
		/* without a table only the empty range fits */
		if (!had && (off || nr))
			FZ_ASSERT(ret < 0, "range without a table: %d", ret);
		return;
	default:
		ret = io_uring_unregister_files(&s->a);
		check_ret(ret, "unregister files");
		FZ_ASSERT(had ? ret == 0 : ret == -ENXIO,
			  "unregister: %d with table %d", ret, had);
		s->files = false;
		return;
	}
	check_ret(ret, "register files");
	if (had)
		FZ_ASSERT(ret == -EBUSY || ret == -EFAULT || ret == -EINVAL,
			  "second file table: %d", ret);
	if (!n)
		FZ_ASSERT(ret < 0, "empty file table accepted");
	if (ret == 0)
		s->files = true;
}

static void op_clone(struct fz *f, struct state *s)
{
	int ret;

	if (!s->have_b) {
		ret = io_uring_queue_init(4, &s->b, 0);
		FZ_ASSERT(ret == 0, "second ring: %d", ret);
		s->have_b = true;
	}
	if (fz_bool(f))
		ret = io_uring_clone_buffers(&s->b, &s->a);
	else
		ret = io_uring_clone_buffers_offset(&s->b, &s->a,
						    fz_u8(f) % 80,
						    fz_u8(f) % 80,
						    fz_u8(f) % 80,
						    fz_u8(f) % 4 ? 0 :
						    fz_u32(f) &
						    ~IORING_REGISTER_SRC_REGISTERED);
	check_ret(ret, "clone");
	if (!s->bufs)
		FZ_ASSERT(ret < 0, "clone from an empty ring: %d", ret);
	if (fz_u8(f) % 2)
		check_ret(io_uring_unregister_buffers(&s->b), "unreg b");
}

static void op_buf_ring(struct fz *f, struct state *s)
{
	unsigned slot = fz_u8(f) % MAX_BR;
	int err = 0;

	if (s->br[slot].br) {
		err = io_uring_free_buf_ring(&s->a, s->br[slot].br,
					     s->br[slot].entries,
					     s->br[slot].bgid);
		FZ_ASSERT(err == 0, "free_buf_ring: %d", err);
		s->br[slot].br = NULL;
		return;
	}
	s->br[slot].entries = fz_bool(f) ? fz_u16(f) : 1u << (fz_u8(f) % 16);
	s->br[slot].bgid = fz_u8(f) % 8;
	s->br[slot].br = io_uring_setup_buf_ring(&s->a, s->br[slot].entries,
						 s->br[slot].bgid,
						 fz_u8(f) % 4 ? 0 :
						 IOU_PBUF_RING_MMAP, &err);
	if (!s->br[slot].br)
		check_ret(err, "setup_buf_ring");
}

static void op_misc(struct fz *f, struct state *s, unsigned op)
{
	unsigned vals[2];
	int ret, id;

	switch (op) {
	case 0:
		ret = io_uring_register_eventfd(&s->a, pick_fd(f, s));
		check_ret(ret, "eventfd");
		break;
	case 1:
		check_ret(io_uring_unregister_eventfd(&s->a), "uneventfd");
		break;
	case 2:
		id = io_uring_register_personality(&s->a);
		check_ret(id, "personality");
		if (id > 0 && s->nr_pers < 8)
			s->pers[s->nr_pers++] = id;
		else if (id > 0)
			io_uring_unregister_personality(&s->a, id);
		break;
	case 3:
		id = s->nr_pers && fz_bool(f) ? s->pers[--s->nr_pers] :
						fz_u16(f);
		check_ret(io_uring_unregister_personality(&s->a, id),
			  "unpersonality");
		break;
	default:
		vals[0] = fz_u8(f) % 8;
		vals[1] = fz_u8(f) % 8;
		check_ret(io_uring_register_iowq_max_workers(&s->a, vals),
			  "max_workers");
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct state s;
	struct fz f = { data, size };
	struct fz_snapshot snap;
	unsigned steps = 0, i;
	int ret;

	if (!pool)
		global_init();
	fz_snap(&snap);
	memset(&s, 0, sizeof(s));
	ret = io_uring_queue_init(8, &s.a, fz_bool(&f) ?
				  IORING_SETUP_SINGLE_ISSUER |
				  IORING_SETUP_DEFER_TASKRUN : 0);
	FZ_ASSERT(ret == 0, "init: %d", ret);
	s.closed_fd = fz_lowest_free_fd();

	while (f.n && steps++ < 64) {
		unsigned op = fz_u8(&f) % 24;

		if (op < 5)
			op_buffers(&f, &s, op);
		else if (op < 12)
			op_files(&f, &s, op - 5);
		else if (op < 13)
			op_clone(&f, &s);
		else if (op < 15)
			op_buf_ring(&f, &s);
		else if (op < 20)
			op_misc(&f, &s, op - 15);
		else if (op < 22)
			use(&f, &s, false);
		else if (op < 23)
			use(&f, &s, true);
		else
			reap(&s, false);
		reap(&s, false);
	}

	for (i = 0; i < MAX_BR; i++)
		if (s.br[i].br)
			FZ_ASSERT(io_uring_free_buf_ring(&s.a, s.br[i].br,
							 s.br[i].entries,
							 s.br[i].bgid) == 0,
				  "free_buf_ring");
	if (s.have_b)
		io_uring_queue_exit(&s.b);
	io_uring_queue_exit(&s.a);
	fz_check_leaks(&snap);
	return 0;
}
