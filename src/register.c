/* SPDX-License-Identifier: MIT */
/*
 * io_uring_register() wrappers.  All go through __uring_register(), which
 * knows how to reach the ring when its fd has been registered or closed.
 */
#include <limits.h>
#include <sys/resource.h>
#include <unistd.h>
#include "int.h"

/*
 * Once the ring fd is registered (and the kernel has
 * IORING_FEAT_REG_REG_RING, Linux 6.3), registration can use the
 * registered index too, which also works after io_uring_close_ring_fd().
 *
 * A ring without an fd (torn down, or its fd closed without a registered
 * index to fall back on) gets -EBADF here: since Linux 6.13 the kernel
 * reads fd -1 as a "blind" registration that needs no ring and answers
 * -EINVAL for every other opcode, which would hide the real problem.
 */
int __uring_register(struct io_uring *ring, unsigned opcode, const void *arg,
		     unsigned nr_args)
{
	int fd = ring->ring_fd;

	if (ring->int_flags & RF_REG_BY_IDX) {
		opcode |= IORING_REGISTER_USE_REGISTERED_RING;
		fd = ring->enter_ring_fd;
	} else if (fd < 0) {
		return -EBADF;
	}
	return io_uring_register((unsigned) fd, opcode, arg, nr_args);
}

int io_uring_register_probe(struct io_uring *ring, struct io_uring_probe *p,
			    unsigned nr_ops)
{
	return __uring_register(ring, IORING_REGISTER_PROBE, p, nr_ops);
}

/* ---- the ring's own fd ------------------------------------------------ */

/*
 * A ring can sit in its task's table of registered rings (Linux 5.18):
 * io_uring_enter() then takes the table index with
 * IORING_ENTER_REGISTERED_RING and skips the fd lookup and its reference
 * counting.  Since Linux 6.3 (IORING_FEAT_REG_REG_RING)
 * io_uring_register() takes the index as well, which is what allows the
 * real fd to be closed.
 *
 * Adding takes the ring's fd in data and offset -1U, which asks the
 * kernel to pick the slot and write it back into offset; removing names
 * the slot in offset.  The kernel answers with the number of entries it
 * processed: 1.  Only then does the ring change how it reaches the kernel.
 */
static int ring_table(struct io_uring *ring, bool add)
{
	bool in_table = ring->int_flags & RF_ENTER_BY_IDX;
	struct io_uring_rsrc_update slot;
	int ret;

	if (add && in_table)
		return -EEXIST;
	if (!add && !in_table)
		return -EINVAL;

	memset(&slot, 0, sizeof(slot));
	if (add) {
		slot.offset = -1U;
		slot.data = (__u64) (unsigned) ring->ring_fd;
	} else {
		slot.offset = (unsigned) ring->enter_ring_fd;
	}
	ret = __uring_register(ring, add ? IORING_REGISTER_RING_FDS :
					   IORING_UNREGISTER_RING_FDS,
			       &slot, 1);
	if (ret != 1)
		return ret;

	ring->int_flags &= ~(RF_ENTER_BY_IDX | RF_REG_BY_IDX);
	ring->enter_ring_fd = ring->ring_fd;
	if (add) {
		ring->enter_ring_fd = (int) slot.offset;
		ring->int_flags |= RF_ENTER_BY_IDX;
		if (ring->features & IORING_FEAT_REG_REG_RING)
			ring->int_flags |= RF_REG_BY_IDX;
	}
	return ret;
}

int io_uring_register_ring_fd(struct io_uring *ring)
{
	return ring_table(ring, true);
}

int io_uring_unregister_ring_fd(struct io_uring *ring)
{
	return ring_table(ring, false);
}

/*
 * Leaves the registered index as the only way to the ring.  That needs
 * registration by index (IORING_FEAT_REG_REG_RING), or every later
 * io_uring_register() on the ring would be lost.  Returns 1 on success.
 */
int io_uring_close_ring_fd(struct io_uring *ring)
{
	int fd = ring->ring_fd, saved;

	if (!(ring->features & IORING_FEAT_REG_REG_RING))
		return -EOPNOTSUPP;
	if (!(ring->int_flags & RF_ENTER_BY_IDX))
		return -EINVAL;
	if (fd < 0)
		return -EBADF;

	ring->ring_fd = -1;
	saved = errno;
	close(fd);
	errno = saved;
	return 1;
}

/* ---- fixed buffers ------------------------------------------------------ */

/*
 * The kernel's limits pass through untouched: at most 16384 buffers
 * (UIO_MAXIOV, 1024, before Linux 5.13), each at most 1 GiB (-EFAULT
 * beyond), pinned memory charged to RLIMIT_MEMLOCK for tasks without
 * CAP_IPC_LOCK (-ENOMEM), -EBUSY if a table is already registered.
 */
int io_uring_register_buffers(struct io_uring *ring, const struct iovec *iovecs,
			      unsigned nr_iovecs)
{
	return __uring_register(ring, IORING_REGISTER_BUFFERS, iovecs,
				nr_iovecs);
}

/*
 * The kernel refuses a file table larger than RLIMIT_NOFILE with -EMFILE.
 * A table is not open files, but the limit applies all the same, so when
 * the hard limit allows it we raise the soft limit to the table size and
 * let the caller try once more.  Returns whether that is worth doing.
 */
static bool raise_nofile(unsigned nr)
{
	struct rlimit rl;
	int saved = errno;
	bool raised = false;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < nr &&
	    (rl.rlim_max == RLIM_INFINITY || nr <= rl.rlim_max)) {
		rl.rlim_cur = nr;
		raised = !setrlimit(RLIMIT_NOFILE, &rl);
	}
	errno = saved;
	return raised;
}

static int register_files(struct io_uring *ring, unsigned opcode,
			  const void *arg, unsigned nr_args, unsigned nr)
{
	int ret = __uring_register(ring, opcode, arg, nr_args);

	if (ret == -EMFILE && raise_nofile(nr))
		ret = __uring_register(ring, opcode, arg, nr_args);
	return ret;
}

/*
 * IORING_REGISTER_BUFFERS2 and IORING_REGISTER_FILES2 (Linux 5.13) take a
 * struct io_uring_rsrc_register whose size goes in nr_args, so the struct
 * can grow.  A slot with a non-zero tag posts a CQE with user_data = tag,
 * res 0, once the kernel has dropped its last use of the resource
 * (unregistered or replaced).
 */
static int register_rsrc(struct io_uring *ring, unsigned opcode,
			 const void *data, const __u64 *tags, unsigned nr,
			 unsigned flags)
{
	struct io_uring_rsrc_register reg = {
		.nr = nr,
		.flags = flags,
		.data = (__u64) (uintptr_t) data,
		.tags = (__u64) (uintptr_t) tags,
	};

	if (opcode == IORING_REGISTER_FILES2)
		return register_files(ring, opcode, &reg, sizeof(reg), nr);
	return __uring_register(ring, opcode, &reg, sizeof(reg));
}

int io_uring_register_buffers_tags(struct io_uring *ring,
				   const struct iovec *iovecs,
				   const __u64 *tags, unsigned nr)
{
	return register_rsrc(ring, IORING_REGISTER_BUFFERS2, iovecs, tags, nr,
			     0);
}

/* A table of nr empty slots (Linux 5.19), filled later by update_tag. */
int io_uring_register_buffers_sparse(struct io_uring *ring, unsigned nr)
{
	return register_rsrc(ring, IORING_REGISTER_BUFFERS2, NULL, NULL, nr,
			     IORING_RSRC_REGISTER_SPARSE);
}

static int update_rsrc(struct io_uring *ring, unsigned opcode, unsigned off,
		       const void *data, const __u64 *tags, unsigned nr)
{
	struct io_uring_rsrc_update2 up = {
		.offset = off,
		.data = (__u64) (uintptr_t) data,
		.tags = (__u64) (uintptr_t) tags,
		.nr = nr,
	};

	return __uring_register(ring, opcode, &up, sizeof(up));
}

/*
 * Replaces slots off..off+nr-1; an iovec with a NULL base and zero length
 * empties its slot.  Returns how many slots were updated.
 */
int io_uring_register_buffers_update_tag(struct io_uring *ring, unsigned off,
					 const struct iovec *iovecs,
					 const __u64 *tags, unsigned nr)
{
	return update_rsrc(ring, IORING_REGISTER_BUFFERS_UPDATE, off, iovecs,
			   tags, nr);
}

int io_uring_unregister_buffers(struct io_uring *ring)
{
	return __uring_register(ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
}

/*
 * IORING_REGISTER_CLONE_BUFFERS (Linux 6.12; offsets and nr, 6.13) gives
 * dst the buffers of src without pinning them again.  The source is named
 * by its fd, or by its registered index when IORING_REGISTER_SRC_REGISTERED
 * is set: the raw __ forms take flags as given.
 */
int __io_uring_clone_buffers_offset(struct io_uring *dst, struct io_uring *src,
				    unsigned int dst_off, unsigned int src_off,
				    unsigned int nr, unsigned int flags)
{
	struct io_uring_clone_buffers arg = {
		.src_fd = (__u32) src->ring_fd,
		.flags = flags,
		.src_off = src_off,
		.dst_off = dst_off,
		.nr = nr,
	};

	if (flags & IORING_REGISTER_SRC_REGISTERED)
		arg.src_fd = (__u32) src->enter_ring_fd;
	return __uring_register(dst, IORING_REGISTER_CLONE_BUFFERS, &arg, 1);
}

int __io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src,
			     unsigned int flags)
{
	return __io_uring_clone_buffers_offset(dst, src, 0, 0, 0, flags);
}

/*
 * These find the source themselves: through its registered index when it
 * has one, which also works once its real fd is closed.
 */
static unsigned clone_src_flags(const struct io_uring *src)
{
	return (src->int_flags & RF_ENTER_BY_IDX) ?
	       IORING_REGISTER_SRC_REGISTERED : 0;
}

int io_uring_clone_buffers_offset(struct io_uring *dst, struct io_uring *src,
				  unsigned int dst_off, unsigned int src_off,
				  unsigned int nr, unsigned int flags)
{
	return __io_uring_clone_buffers_offset(dst, src, dst_off, src_off, nr,
					       flags | clone_src_flags(src));
}

int io_uring_clone_buffers(struct io_uring *dst, struct io_uring *src)
{
	return __io_uring_clone_buffers(dst, src, clone_src_flags(src));
}

/* ---- fixed files -------------------------------------------------------- */

int io_uring_register_files(struct io_uring *ring, const int *files,
			    unsigned nr_files)
{
	return register_files(ring, IORING_REGISTER_FILES, files, nr_files,
			      nr_files);
}

int io_uring_register_files_tags(struct io_uring *ring, const int *files,
				 const __u64 *tags, unsigned nr)
{
	return register_rsrc(ring, IORING_REGISTER_FILES2, files, tags, nr, 0);
}

int io_uring_register_files_sparse(struct io_uring *ring, unsigned nr)
{
	return register_rsrc(ring, IORING_REGISTER_FILES2, NULL, NULL, nr,
			     IORING_RSRC_REGISTER_SPARSE);
}

/*
 * In the fd arrays of the updates, -1 empties a slot and
 * IORING_REGISTER_FILES_SKIP leaves it as it is.  Both return how many
 * slots were processed.
 */
int io_uring_register_files_update_tag(struct io_uring *ring, unsigned off,
				       const int *files, const __u64 *tags,
				       unsigned nr_files)
{
	return update_rsrc(ring, IORING_REGISTER_FILES_UPDATE2, off, files,
			   tags, nr_files);
}

int io_uring_register_files_update(struct io_uring *ring, unsigned off,
				   const int *files, unsigned nr_files)
{
	struct io_uring_files_update up = {
		.offset = off,
		.fds = (__u64) (uintptr_t) files,
	};

	return __uring_register(ring, IORING_REGISTER_FILES_UPDATE, &up,
				nr_files);
}

int io_uring_unregister_files(struct io_uring *ring)
{
	return __uring_register(ring, IORING_UNREGISTER_FILES, NULL, 0);
}

/*
 * Where IORING_FILE_INDEX_ALLOC picks free slots from (Linux 6.0):
 * [off, off + len).  Registering a table resets it to the whole table.
 */
int io_uring_register_file_alloc_range(struct io_uring *ring, unsigned off,
				       unsigned len)
{
	struct io_uring_file_index_range range = {
		.off = off,
		.len = len,
	};

	return __uring_register(ring, IORING_REGISTER_FILE_ALLOC_RANGE, &range,
				0);
}

/* ---- eventfd ------------------------------------------------------------ */

int io_uring_register_eventfd(struct io_uring *ring, int fd)
{
	return __uring_register(ring, IORING_REGISTER_EVENTFD, &fd, 1);
}

/* Signals only for completions of requests that went async (Linux 5.6). */
int io_uring_register_eventfd_async(struct io_uring *ring, int fd)
{
	return __uring_register(ring, IORING_REGISTER_EVENTFD_ASYNC, &fd, 1);
}

int io_uring_unregister_eventfd(struct io_uring *ring)
{
	return __uring_register(ring, IORING_UNREGISTER_EVENTFD, NULL, 0);
}

/* ---- credentials and policy ----------------------------------------- */

/*
 * Records the calling task's credentials; returns the id that
 * sqe->personality names them by.
 */
int io_uring_register_personality(struct io_uring *ring)
{
	return __uring_register(ring, IORING_REGISTER_PERSONALITY, NULL, 0);
}

/* The id travels in nr_args. */
int io_uring_unregister_personality(struct io_uring *ring, int id)
{
	return __uring_register(ring, IORING_UNREGISTER_PERSONALITY, NULL,
				(unsigned) id);
}

/*
 * Only on a ring created with IORING_SETUP_R_DISABLED, once (-EBUSY after);
 * they take effect at io_uring_enable_rings().
 */
int io_uring_register_restrictions(struct io_uring *ring,
				   struct io_uring_restriction *res,
				   unsigned int nr_res)
{
	return __uring_register(ring, IORING_REGISTER_RESTRICTIONS, res,
				nr_res);
}

int io_uring_enable_rings(struct io_uring *ring)
{
	return __uring_register(ring, IORING_REGISTER_ENABLE_RINGS, NULL, 0);
}

/* ---- io-wq workers ------------------------------------------------------ */

/* The mask's size in bytes goes in nr_args; the kernel reads what fits. */
int io_uring_register_iowq_aff(struct io_uring *ring, size_t cpusz,
			       const cpu_set_t *mask)
{
	if (cpusz > UINT_MAX)
		return -EINVAL;
	return __uring_register(ring, IORING_REGISTER_IOWQ_AFF, mask,
				(unsigned) cpusz);
}

int io_uring_unregister_iowq_aff(struct io_uring *ring)
{
	return __uring_register(ring, IORING_UNREGISTER_IOWQ_AFF, NULL, 0);
}

/*
 * values[0] bounded, values[1] unbounded workers; 0 leaves a limit as it
 * is.  The previous limits come back in values.
 */
int io_uring_register_iowq_max_workers(struct io_uring *ring,
				       unsigned int *values)
{
	return __uring_register(ring, IORING_REGISTER_IOWQ_MAX_WORKERS, values,
				2);
}

/* ---- provided-buffer rings --------------------------------------------- */

/*
 * Registers a ring of buffers (Linux 5.19).  The kernel wants a
 * power-of-two ring_entries of at most 32768 and page-aligned memory,
 * unless IOU_PBUF_RING_MMAP asks it to allocate.  It reads the ring's
 * flags from reg->flags only; the flags argument (IOU_PBUF_RING_INC, ...)
 * is added to those on a copy, so the caller's reg stays as it was.
 * Without flags, or without a reg, reg goes to the kernel as it is, so
 * that a NULL or bad pointer gets the kernel's answer.
 */
int io_uring_register_buf_ring(struct io_uring *ring,
			       struct io_uring_buf_reg *reg,
			       unsigned int flags)
{
	struct io_uring_buf_reg merged;

	if (!flags || !reg)
		return __uring_register(ring, IORING_REGISTER_PBUF_RING, reg,
					1);
	merged = *reg;
	merged.flags |= (__u16) flags;
	return __uring_register(ring, IORING_REGISTER_PBUF_RING, &merged, 1);
}

int io_uring_unregister_buf_ring(struct io_uring *ring, int bgid)
{
	struct io_uring_buf_reg reg = { .bgid = (__u16) bgid };

	return __uring_register(ring, IORING_UNREGISTER_PBUF_RING, &reg, 1);
}

/* ---- everything else ---------------------------------------------------- */

/*
 * Cancels synchronously (Linux 6.0): returns once the matching requests
 * are gone, or -ETIME when reg->timeout (-1/-1 for none) expires first.
 */
int io_uring_register_sync_cancel(struct io_uring *ring,
				  struct io_uring_sync_cancel_reg *reg)
{
	return __uring_register(ring, IORING_REGISTER_SYNC_CANCEL, reg, 1);
}

/*
 * Posts the IORING_OP_MSG_RING that sqe describes without a source ring
 * (Linux 6.13): a "blind" registration, so the fd is -1.
 */
int io_uring_register_sync_msg(struct io_uring_sqe *sqe)
{
	return io_uring_register(-1U, IORING_REGISTER_SEND_MSG_RING, sqe, 1);
}

/* NAPI busy polling for the ring's sockets (Linux 6.9). */
int io_uring_register_napi(struct io_uring *ring, struct io_uring_napi *napi)
{
	return __uring_register(ring, IORING_REGISTER_NAPI, napi, 1);
}

/* napi, when not NULL, receives the settings that were in force. */
int io_uring_unregister_napi(struct io_uring *ring, struct io_uring_napi *napi)
{
	return __uring_register(ring, IORING_UNREGISTER_NAPI, napi, 1);
}

/*
 * The clock of wait timeouts (Linux 6.12): CLOCK_MONOTONIC (the default)
 * or CLOCK_BOOTTIME.
 */
int io_uring_register_clock(struct io_uring *ring,
			    struct io_uring_clock_register *arg)
{
	return __uring_register(ring, IORING_REGISTER_CLOCK, arg, 0);
}

/* IORING_REGISTER_MEM_REGION (Linux 6.13), one region per ring. */
int io_uring_register_region(struct io_uring *ring,
			     struct io_uring_mem_region_reg *reg)
{
	return __uring_register(ring, IORING_REGISTER_MEM_REGION, reg, 1);
}

/*
 * Makes the caller's array of nr wait arguments the ring's wait region,
 * so that io_uring_submit_and_wait_reg() names one by index.  The kernel
 * takes user memory as whole pages, so the array must be page-aligned;
 * the size is rounded up to whole pages, which are the caller's anyway.
 * The kernel accepts a wait region only while the ring is still disabled
 * (IORING_SETUP_R_DISABLED), as nothing can be waiting then.
 */
int io_uring_register_wait_reg(struct io_uring *ring,
			       struct io_uring_reg_wait *reg, int nr)
{
	struct io_uring_region_desc rd;
	size_t size;
	struct io_uring_mem_region_reg mr;

	if (nr <= 0)
		return -EINVAL;
	size = uring_page_align((size_t) nr * sizeof(*reg));

	memset(&rd, 0, sizeof(rd));
	rd.user_addr = (__u64) (uintptr_t) reg;
	rd.size = size;
	rd.flags = IORING_MEM_REGION_TYPE_USER;
	memset(&mr, 0, sizeof(mr));
	mr.region_uptr = (__u64) (uintptr_t) &rd;
	mr.flags = IORING_MEM_REGION_REG_WAIT_ARG;
	return io_uring_register_region(ring, &mr);
}

/* A zero-copy receive interface queue (Linux 6.15); needs a capable NIC. */
int io_uring_register_ifq(struct io_uring *ring,
			  struct io_uring_zcrx_ifq_reg *reg)
{
	return __uring_register(ring, IORING_REGISTER_ZCRX_IFQ, reg, 1);
}

/* Control operations on a zcrx instance (Linux 6.19); nr_args must be 0. */
int io_uring_register_zcrx_ctrl(struct io_uring *ring, struct zcrx_ctrl *ctrl)
{
	return __uring_register(ring, IORING_REGISTER_ZCRX_CTRL, ctrl, 0);
}

/* Classic BPF filters vetting requests (kernels after 6.18). */
int io_uring_register_bpf_filter(struct io_uring *ring,
				 struct io_uring_bpf *bpf)
{
	return __uring_register(ring, IORING_REGISTER_BPF_FILTER, bpf, 1);
}

/* The same, for every ring the calling task uses: a blind registration. */
int io_uring_register_bpf_filter_task(struct io_uring_bpf *bpf)
{
	return io_uring_register(-1U, IORING_REGISTER_BPF_FILTER, bpf, 1);
}

/*
 * Walks a chain of query headers (Linux 6.18); each gets its own result.
 * Needs no ring: fd -1, and nr_args must be 0.
 */
int io_uring_register_query(struct io_uring_query_hdr *hdr)
{
	return io_uring_register(-1U, IORING_REGISTER_QUERY, hdr, 0);
}
