/* SPDX-License-Identifier: MIT */
/*
 * Provided-buffer rings: memory for them, registration, and reading the
 * kernel's consumption head.  The inline half (filling and publishing
 * buffers) is in liburing/buf_ring.h.
 */
#include <sys/mman.h>
#include <unistd.h>
#include "mem.h"

/*
 * The kernel takes at most 32768 entries (ring_entries below 65536, a
 * power of two), so no valid ring needs more memory than this; larger
 * requests still reach the kernel, which refuses them with its own errno.
 */
#define BUF_RING_MAX_BYTES	(65536 * sizeof(struct io_uring_buf))

static size_t buf_ring_bytes(unsigned int nentries)
{
	size_t len = (size_t) nentries * sizeof(struct io_uring_buf);

	if (len > BUF_RING_MAX_BYTES)
		len = BUF_RING_MAX_BYTES;
	return uring_page_align(len);
}

static __u64 pbuf_mmap_offset(int bgid)
{
	return IORING_OFF_PBUF_RING |
	       ((__u64) (__u16) bgid << IORING_OFF_PBUF_SHIFT);
}

/*
 * Maps, registers and initialises a ring of nentries buffers for group
 * bgid.  Normally the memory is ours: shared anonymous pages (page
 * aligned, as the kernel requires, and never copy-on-write after a fork,
 * which would split them from the kernel's pinned copy).  With
 * IOU_PBUF_RING_MMAP (Linux 6.4) the kernel allocates the ring and we map
 * it from the ring fd, which must still be open.  *err is 0 on success,
 * -errno with NULL returned on failure.
 */
struct io_uring_buf_ring *io_uring_setup_buf_ring(struct io_uring *ring,
						  unsigned int nentries,
						  int bgid, unsigned int flags,
						  int *err)
{
	size_t len = buf_ring_bytes(nentries);
	struct io_uring_buf_reg reg;
	void *br = NULL;
	int ret;

	memset(&reg, 0, sizeof(reg));
	reg.ring_entries = nentries;
	reg.bgid = (__u16) bgid;
	reg.flags = (__u16) flags;

	if (!(flags & IOU_PBUF_RING_MMAP)) {
		/* our memory first, then the kernel is told where it is */
		ret = __uring_mmap(len, -1, 0, &br);
		if (!ret) {
			reg.ring_addr = (__u64) (uintptr_t) br;
			ret = io_uring_register_buf_ring(ring, &reg, 0);
			if (ret)
				munmap(br, len);
		}
	} else if (ring->ring_fd < 0) {
		ret = -EBADF;
	} else {
		/* the kernel's memory first, then we map it */
		ret = io_uring_register_buf_ring(ring, &reg, 0);
		if (!ret) {
			ret = __uring_mmap(len, ring->ring_fd,
					   pbuf_mmap_offset(bgid), &br);
			if (ret)
				io_uring_unregister_buf_ring(ring, bgid);
		}
	}

	*err = ret;
	if (ret)
		return NULL;
	io_uring_buf_ring_init(br);
	return br;
}

/*
 * Unregisters, then unmaps.  If unregistering fails the memory is left
 * mapped: the kernel may still be using it.
 */
int io_uring_free_buf_ring(struct io_uring *ring, struct io_uring_buf_ring *br,
			   unsigned int nentries, int bgid)
{
	int saved = errno;
	int ret = io_uring_unregister_buf_ring(ring, bgid);

	if (ret)
		return ret;
	munmap(br, buf_ring_bytes(nentries));
	errno = saved;
	return 0;
}

/*
 * The kernel's head of group buf_group (IORING_REGISTER_PBUF_STATUS,
 * Linux 6.8): buffers before it have been consumed.
 */
int io_uring_buf_ring_head(struct io_uring *ring, int buf_group,
			   uint16_t *head)
{
	struct io_uring_buf_status status;
	int ret;

	memset(&status, 0, sizeof(status));
	status.buf_group = (__u32) buf_group;
	ret = __uring_register(ring, IORING_REGISTER_PBUF_STATUS, &status, 1);
	if (ret)
		return ret;
	*head = (uint16_t) status.head;
	return 0;
}
