/* SPDX-License-Identifier: MIT */
/*
 * io_uring-probe: what does this machine's io_uring support?
 *
 *   io_uring-probe [--json]
 *   io_uring-probe --help | --version
 *
 * Prints the kernel release, whether io_uring is allowed
 * (kernel.io_uring_disabled, Linux 6.6), RLIMIT_MEMLOCK, each
 * IORING_FEAT_* bit the kernel reports at setup, every opcode (from
 * IORING_REGISTER_PROBE, Linux 5.6), the register operations (from
 * IORING_REGISTER_QUERY, Linux 6.18), the setup flags the kernel accepts
 * (found by creating a ring with each), and the largest rings it creates.
 *
 * Exits 0 on success, 1 with a message when io_uring is unavailable, 2 on
 * a usage error.  With --json the same facts go to stdout as one JSON
 * object, also when io_uring is unavailable ("available": false).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <liburing.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define USAGE	"usage: %s [--json]\n       %s --help | --version\n"

/* Indexed by IORING_OP_* value. */
static const char *const op_names[] = {
	"NOP", "READV", "WRITEV", "FSYNC", "READ_FIXED", "WRITE_FIXED",
	"POLL_ADD", "POLL_REMOVE", "SYNC_FILE_RANGE", "SENDMSG", "RECVMSG",
	"TIMEOUT", "TIMEOUT_REMOVE", "ACCEPT", "ASYNC_CANCEL", "LINK_TIMEOUT",
	"CONNECT", "FALLOCATE", "OPENAT", "CLOSE", "FILES_UPDATE", "STATX",
	"READ", "WRITE", "FADVISE", "MADVISE", "SEND", "RECV", "OPENAT2",
	"EPOLL_CTL", "SPLICE", "PROVIDE_BUFFERS", "REMOVE_BUFFERS", "TEE",
	"SHUTDOWN", "RENAMEAT", "UNLINKAT", "MKDIRAT", "SYMLINKAT", "LINKAT",
	"MSG_RING", "FSETXATTR", "SETXATTR", "FGETXATTR", "GETXATTR", "SOCKET",
	"URING_CMD", "SEND_ZC", "SENDMSG_ZC", "READ_MULTISHOT", "WAITID",
	"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_WAITV", "FIXED_FD_INSTALL",
	"FTRUNCATE", "BIND", "LISTEN", "RECV_ZC", "EPOLL_WAIT", "READV_FIXED",
	"WRITEV_FIXED", "PIPE", "NOP128", "URING_CMD128",
};

/* Indexed by IORING_REGISTER_* value. */
static const char *const reg_names[] = {
	"REGISTER_BUFFERS", "UNREGISTER_BUFFERS", "REGISTER_FILES",
	"UNREGISTER_FILES", "REGISTER_EVENTFD", "UNREGISTER_EVENTFD",
	"REGISTER_FILES_UPDATE", "REGISTER_EVENTFD_ASYNC", "REGISTER_PROBE",
	"REGISTER_PERSONALITY", "UNREGISTER_PERSONALITY",
	"REGISTER_RESTRICTIONS", "REGISTER_ENABLE_RINGS", "REGISTER_FILES2",
	"REGISTER_FILES_UPDATE2", "REGISTER_BUFFERS2",
	"REGISTER_BUFFERS_UPDATE", "REGISTER_IOWQ_AFF", "UNREGISTER_IOWQ_AFF",
	"REGISTER_IOWQ_MAX_WORKERS", "REGISTER_RING_FDS",
	"UNREGISTER_RING_FDS", "REGISTER_PBUF_RING", "UNREGISTER_PBUF_RING",
	"REGISTER_SYNC_CANCEL", "REGISTER_FILE_ALLOC_RANGE",
	"REGISTER_PBUF_STATUS", "REGISTER_NAPI", "UNREGISTER_NAPI",
	"REGISTER_CLOCK", "REGISTER_CLONE_BUFFERS", "REGISTER_SEND_MSG_RING",
	"REGISTER_ZCRX_IFQ", "REGISTER_RESIZE_RINGS", "REGISTER_MEM_REGION",
	"REGISTER_QUERY", "REGISTER_ZCRX_CTRL", "REGISTER_BPF_FILTER",
};

/* Indexed by bit number. */
static const char *const feat_names[] = {
	"SINGLE_MMAP", "NODROP", "SUBMIT_STABLE", "RW_CUR_POS",
	"CUR_PERSONALITY", "FAST_POLL", "POLL_32BITS", "SQPOLL_NONFIXED",
	"EXT_ARG", "NATIVE_WORKERS", "RSRC_TAGS", "CQE_SKIP", "LINKED_FILE",
	"REG_REG_RING", "RECVSEND_BUNDLE", "MIN_TIMEOUT", "RW_ATTR",
	"NO_IOWAIT",
};

/* Each setup flag, with the companions the kernel insists on. */
static const struct {
	const char *name;
	unsigned flags;
} setup_flags[] = {
	{ "IOPOLL", IORING_SETUP_IOPOLL },
	{ "SQPOLL", IORING_SETUP_SQPOLL },
	{ "SQ_AFF", IORING_SETUP_SQPOLL | IORING_SETUP_SQ_AFF },
	{ "CQSIZE", IORING_SETUP_CQSIZE },
	{ "CLAMP", IORING_SETUP_CLAMP },
	{ "ATTACH_WQ", IORING_SETUP_ATTACH_WQ },	/* see try_setup() */
	{ "R_DISABLED", IORING_SETUP_R_DISABLED },
	{ "SUBMIT_ALL", IORING_SETUP_SUBMIT_ALL },
	{ "COOP_TASKRUN", IORING_SETUP_COOP_TASKRUN },
	{ "TASKRUN_FLAG", IORING_SETUP_COOP_TASKRUN |
			  IORING_SETUP_TASKRUN_FLAG },
	{ "SQE128", IORING_SETUP_SQE128 },
	{ "CQE32", IORING_SETUP_CQE32 },
	{ "SINGLE_ISSUER", IORING_SETUP_SINGLE_ISSUER },
	{ "DEFER_TASKRUN", IORING_SETUP_SINGLE_ISSUER |
			   IORING_SETUP_DEFER_TASKRUN },
	{ "NO_MMAP", IORING_SETUP_NO_MMAP },
	{ "REGISTERED_FD_ONLY", IORING_SETUP_NO_MMAP |
				IORING_SETUP_REGISTERED_FD_ONLY },
	{ "NO_SQARRAY", IORING_SETUP_NO_SQARRAY },
	{ "HYBRID_IOPOLL", IORING_SETUP_IOPOLL | IORING_SETUP_HYBRID_IOPOLL },
	{ "CQE_MIXED", IORING_SETUP_CQE_MIXED },
	{ "SQE_MIXED", IORING_SETUP_SQE_MIXED },
	{ "SQ_REWIND", IORING_SETUP_NO_SQARRAY | IORING_SETUP_SQ_REWIND },
};

static int json;
static int n_items;

/*
 * Output goes through these, so that text and JSON come from one walk.
 * Names are plain identifiers; only the kernel release and error text
 * need escaping (str()).
 */
static void str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char) *s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void key(const char *k)
{
	printf(",\n  \"%s\": ", k);
}

static void begin_list(const char *k, const char *title)
{
	n_items = 0;
	if (json) {
		key(k);
		putchar('{');
	} else {
		printf("\n%s:\n", title);
	}
}

/* yes: 1 or 0; err: why not, when known (-errno), else 0. */
static void item(const char *name, int yes, int err)
{
	if (json)
		printf("%s\n    \"%s\": %s", n_items ? "," : "", name,
		       yes ? "true" : "false");
	else if (!yes && err)
		printf("  %-28s no (%s)\n", name, strerror(-err));
	else
		printf("  %-28s %s\n", name, yes ? "yes" : "no");
	n_items++;
}

static void end_list(void)
{
	if (json)
		printf("\n  }");
}

/* An item for a number the names table does not know (a newer kernel). */
static void item_nr(const char *prefix, unsigned nr, int yes)
{
	char name[32];

	snprintf(name, sizeof(name), "%s%u", prefix, nr);
	item(name, yes, 0);
}

/* 0 if the kernel (and library) set up a ring with flags, else -errno. */
static int try_setup(unsigned flags)
{
	struct io_uring_params p;
	struct io_uring ring, other;
	int ret;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.cq_entries = 8;
	if (flags & IORING_SETUP_ATTACH_WQ) {
		/* share the async workers of another ring */
		ret = io_uring_queue_init(4, &other, 0);
		if (ret < 0)
			return ret;
		p.wq_fd = (unsigned) other.ring_fd;
	}
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret == 0)
		io_uring_queue_exit(&ring);
	if (flags & IORING_SETUP_ATTACH_WQ)
		io_uring_queue_exit(&other);
	return ret;
}

/*
 * The largest SQ (cq == 0) or CQ ring io_uring_setup() creates: sizes are
 * rounded up to powers of two, so only those need trying.  The kernel's
 * limits are 32768 SQ and 65536 CQ entries; start above them in case a
 * future kernel raises them.
 */
static unsigned largest_ring(int cq)
{
	unsigned n;

	for (n = 1U << 20; n; n >>= 1) {
		struct io_uring_params p;
		int fd;

		memset(&p, 0, sizeof(p));
		if (cq) {
			p.flags = IORING_SETUP_CQSIZE;
			p.cq_entries = n;
		}
		fd = io_uring_setup(cq ? 1 : n, &p);
		if (fd >= 0) {
			close(fd);
			return cq ? p.cq_entries : p.sq_entries;
		}
	}
	return 0;
}

/* The sysctl's value, or -1 where the kernel has none (before 6.6). */
static long read_sysctl(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* A sentence on why io_uring_queue_init() failed with err. */
static const char *why(int err, long disabled)
{
	if (err == -ENOSYS)
		return "the kernel has no io_uring (CONFIG_IO_URING), or a "
		       "seccomp filter blocks it";
	/*
	 * EPERM while the sysctl allows everyone (or does not exist): the
	 * kernel itself would have let us, so a seccomp filter (a container
	 * runtime's default profile, say) or an LSM refused the call.
	 */
	if (err == -EPERM && disabled <= 0)
		return "refused, though kernel.io_uring_disabled allows it: "
		       "likely a seccomp filter (a container's default "
		       "profile) blocks io_uring_setup";
	if (err == -EPERM && disabled == 2)
		return "kernel.io_uring_disabled = 2: disabled for everyone";
	if (err == -EPERM && disabled == 1)
		return "kernel.io_uring_disabled = 1: only for root and the "
		       "group in kernel.io_uring_group";
	if (err == -ENOMEM)
		return "out of memory, or RLIMIT_MEMLOCK too low (ulimit -l)";
	return strerror(-err);
}

int main(int argc, char *argv[])
{
	struct io_uring_query_opcode q;
	struct io_uring_query_hdr hdr;
	struct io_uring_probe *probe;
	struct io_uring_params p;
	struct io_uring ring;
	struct utsname un;
	struct rlimit rl;
	int refused[ARRAY_SIZE(setup_flags)];
	long disabled;
	unsigned i;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json")) {
		json = 1;
	} else if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf(USAGE, argv[0], argv[0]);
		return 0;
	} else if (argc == 2 && !strcmp(argv[1], "--version")) {
		/* built into the tool: liburing.a, not a shared library */
		printf("io_uring-probe, liburing %d.%d (linked statically)\n",
		       io_uring_major_version(), io_uring_minor_version());
		return 0;
	} else if (argc > 1) {
		fprintf(stderr, USAGE, argv[0], argv[0]);
		return 2;
	}

	if (uname(&un) < 0)
		strcpy(un.release, "unknown");
	if (getrlimit(RLIMIT_MEMLOCK, &rl) < 0)
		rl.rlim_cur = 0;
	disabled = read_sysctl("/proc/sys/kernel/io_uring_disabled");

	memset(&p, 0, sizeof(p));
	ret = io_uring_queue_init_params(4, &ring, &p);

	if (json) {
		printf("{\n  \"liburing\": \"%d.%d\"", io_uring_major_version(),
		       io_uring_minor_version());
		key("kernel");
		str(un.release);
		key("io_uring_disabled");	/* null: no such sysctl */
		if (disabled < 0)
			printf("null");
		else
			printf("%ld", disabled);
		key("memlock_limit");		/* bytes; null: unlimited */
		if (rl.rlim_cur == RLIM_INFINITY)
			printf("null");
		else
			printf("%llu", (unsigned long long) rl.rlim_cur);
		key("available");
		printf(ret < 0 ? "false" : "true");
	} else {
		printf("liburing           %d.%d\nkernel             %s\n",
		       io_uring_major_version(), io_uring_minor_version(),
		       un.release);
		if (disabled < 0)
			printf("io_uring_disabled  (no such sysctl, "
			       "kernel before 6.6)\n");
		else
			printf("io_uring_disabled  %ld\n", disabled);
		if (rl.rlim_cur == RLIM_INFINITY)
			printf("RLIMIT_MEMLOCK     unlimited\n");
		else
			printf("RLIMIT_MEMLOCK     %llu bytes\n",
			       (unsigned long long) rl.rlim_cur);
	}
	if (ret < 0) {
		if (json) {
			key("error");
			str(why(ret, disabled));
			printf("\n}\n");
		}
		fprintf(stderr, "io_uring-probe: io_uring is unavailable: "
			"%s\n", why(ret, disabled));
		return 1;
	}

	begin_list("features", "Features (IORING_FEAT_*)");
	for (i = 0; i < 32; i++) {
		int yes = !!(p.features & (1U << i));

		if (i < ARRAY_SIZE(feat_names))
			item(feat_names[i], yes, 0);
		else if (yes)	/* a bit newer than this program */
			item_nr("BIT_", i, 1);
	}
	end_list();

	probe = io_uring_get_probe_ring(&ring);
	if (probe) {
		unsigned last = probe->last_op;

		begin_list("opcodes", "Opcodes (IORING_OP_*)");
		for (i = 0; i < ARRAY_SIZE(op_names) || i <= last; i++) {
			int yes = io_uring_opcode_supported(probe, (int) i);

			if (i < ARRAY_SIZE(op_names))
				item(op_names[i], yes, 0);
			else
				item_nr("OP_", i, yes);
		}
		end_list();
		io_uring_free_probe(probe);
	} else if (json) {
		key("opcodes");
		printf("null");
	} else {
		printf("\nOpcodes: unknown (IORING_REGISTER_PROBE needs "
		       "Linux 5.6)\n");
	}
	io_uring_queue_exit(&ring);

	/*
	 * IORING_REGISTER_QUERY needs no ring (fd -1).  The kernel says how
	 * many register opcodes it has; they are numbered from 0, no gaps.
	 */
	memset(&q, 0, sizeof(q));
	memset(&hdr, 0, sizeof(hdr));
	hdr.query_op = IO_URING_QUERY_OPCODES;
	hdr.query_data = (__u64) (unsigned long) &q;
	hdr.size = sizeof(q);
	if (io_uring_register_query(&hdr) >= 0 && hdr.result >= 0) {
		begin_list("register_ops", "Register operations");
		for (i = 0; i < ARRAY_SIZE(reg_names) ||
			    i < q.nr_register_opcodes; i++) {
			if (i < ARRAY_SIZE(reg_names))
				item(reg_names[i], i < q.nr_register_opcodes,
				     0);
			else
				item_nr("REGISTER_", i, 1);
		}
		end_list();
	} else if (json) {
		key("register_ops");
		printf("null");
	} else {
		printf("\nRegister operations: unknown "
		       "(IORING_REGISTER_QUERY needs Linux 6.18)\n");
	}

	begin_list("setup_flags", "Setup flags (IORING_SETUP_*)");
	for (i = 0; i < ARRAY_SIZE(setup_flags); i++) {
		refused[i] = try_setup(setup_flags[i].flags);
		item(setup_flags[i].name, refused[i] == 0, refused[i]);
	}
	end_list();
	if (json) {
		/* the text's "no (reason)": setup_flags stays name -> bool */
		key("setup_flags_refused");
		putchar('{');
		for (n_items = 0, i = 0; i < ARRAY_SIZE(setup_flags); i++) {
			if (!refused[i])
				continue;
			printf("%s\n    \"%s\": ", n_items++ ? "," : "",
			       setup_flags[i].name);
			str(strerror(-refused[i]));
		}
		printf("\n  }");
	}

	if (json) {
		key("max_sq_entries");
		printf("%u", largest_ring(0));
		key("max_cq_entries");
		printf("%u\n}\n", largest_ring(1));
	} else {
		printf("\nLargest rings      %u SQ entries, %u CQ entries\n",
		       largest_ring(0), largest_ring(1));
	}
	return 0;
}
