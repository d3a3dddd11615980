/* SPDX-License-Identifier: MIT */
/*
 * Included on its own, this header first pulls in liburing.h, which
 * defines what the helpers build on and then includes every topic header
 * in order (this one among them); included from liburing.h, the line
 * below does nothing.
 */
#include "../liburing.h"

#ifndef LIBURING_PREP_FS_H
#define LIBURING_PREP_FS_H

/*
 * Prep helpers for files and the file system: sync and space management,
 * splice and tee, statx, open and close (also into fixed-file slots),
 * fixed-file table updates, xattrs, directory entries and pipes.  Each
 * starts from io_uring_prep_rw() and then sets what its opcode adds.
 *
 * Paths, iovecs and other argument structures are read by the kernel when
 * the request is prepared, which for a request that goes async can be
 * after io_uring_submit() returns: keep them alive until the completion.
 */

#include "prep.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * <fcntl.h> only defines AT_FDCWD for POSIX 2008 and later; the kernel's
 * value is fixed, so strict older modes get it here.
 */
#ifndef AT_FDCWD
#define AT_FDCWD	-100
#endif

/*
 * strict ISO C with glibc hides loff_t (a __USE_MISC type); __loff_t is
 * the very type it names, so the prototype below is the same either way.
 */
#if defined(__GLIBC__) && !defined(__USE_MISC)
#define LIBURING_LOFF_T	__loff_t
#else
#define LIBURING_LOFF_T	loff_t
#endif

/* Named in a prototype below; the system headers may not declare it. */
struct statx;

/* fsync(2), or fdatasync(2) with IORING_FSYNC_DATASYNC. */
LIBURING_INLINE void io_uring_prep_fsync(struct io_uring_sqe *sqe, int fd,
					 unsigned fsync_flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FSYNC, sqe, fd, NULL, 0, 0);
	sqe->fsync_flags = fsync_flags;
}

LIBURING_INLINE void io_uring_prep_sync_file_range(struct io_uring_sqe *sqe,
						   int fd, unsigned len,
						   __u64 offset, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SYNC_FILE_RANGE, sqe, fd, NULL, len,
			 offset);
	sqe->sync_range_flags = (__u32) flags;
}

/* fallocate(2): the mode goes in len and the length in addr. */
LIBURING_INLINE void io_uring_prep_fallocate(struct io_uring_sqe *sqe, int fd,
					     int mode, __u64 offset,
					     __u64 len) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FALLOCATE, sqe, fd, NULL, (unsigned) mode,
			 offset);
	sqe->addr = len;
}

/*
 * posix_fadvise(2).  Current kernels read the length from addr and, when
 * that is 0, from the 32-bit len, which is all older kernels read: the
 * plain helper uses len so it works everywhere, the 64 form uses addr.
 */
LIBURING_INLINE void io_uring_prep_fadvise(struct io_uring_sqe *sqe, int fd,
					   __u64 offset, __u32 len,
					   int advice) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FADVISE, sqe, fd, NULL, len, offset);
	sqe->fadvise_advice = (__u32) advice;
}

LIBURING_INLINE void io_uring_prep_fadvise64(struct io_uring_sqe *sqe, int fd,
					     __u64 offset, off_t len,
					     int advice) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FADVISE, sqe, fd, NULL, 0, offset);
	sqe->addr = (__u64) len;
	sqe->fadvise_advice = (__u32) advice;
}

/*
 * madvise(2) on this process's memory.  Likewise the length is read from
 * off first and from the 32-bit len when off is 0.
 */
LIBURING_INLINE void io_uring_prep_madvise(struct io_uring_sqe *sqe,
					   void *addr, __u32 length,
					   int advice) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MADVISE, sqe, -1, addr, length, 0);
	sqe->fadvise_advice = (__u32) advice;
}

LIBURING_INLINE void io_uring_prep_madvise64(struct io_uring_sqe *sqe,
					     void *addr, off_t length,
					     int advice) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MADVISE, sqe, -1, addr, 0,
			 (__u64) length);
	sqe->fadvise_advice = (__u32) advice;
}

/* ftruncate(2) (Linux 6.9): the new size goes in off. */
LIBURING_INLINE void io_uring_prep_ftruncate(struct io_uring_sqe *sqe, int fd,
					     LIBURING_LOFF_T len)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FTRUNCATE, sqe, fd, NULL, 0, (__u64) len);
}

/*
 * splice(2) (Linux 5.7).  The output side takes the usual fd/off slots;
 * the input descriptor goes in splice_fd_in and its offset in
 * splice_off_in.  An offset of -1 means "use and advance the file
 * position" (and is the only valid one for a pipe).  SPLICE_F_FD_IN_FIXED
 * in splice_flags makes fd_in a direct descriptor.
 */
LIBURING_INLINE void io_uring_prep_splice(struct io_uring_sqe *sqe,
					  int fd_in, int64_t off_in,
					  int fd_out, int64_t off_out,
					  unsigned int nbytes,
					  unsigned int splice_flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SPLICE, sqe, fd_out, NULL, nbytes,
			 (__u64) off_out);
	sqe->splice_off_in = (__u64) off_in;
	sqe->splice_fd_in = fd_in;
	sqe->splice_flags = splice_flags;
}

/* tee(2) (Linux 5.8): pipe to pipe without consuming; no offsets. */
LIBURING_INLINE void io_uring_prep_tee(struct io_uring_sqe *sqe, int fd_in,
				       int fd_out, unsigned int nbytes,
				       unsigned int splice_flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_TEE, sqe, fd_out, NULL, nbytes, 0);
	sqe->splice_fd_in = fd_in;
	sqe->splice_flags = splice_flags;
}

/* statx(2): the mask goes in len and the result buffer in addr2. */
LIBURING_INLINE void io_uring_prep_statx(struct io_uring_sqe *sqe, int dfd,
					 const char *path, int flags,
					 unsigned mask,
					 struct statx *statxbuf)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_STATX, sqe, dfd, path, mask,
			 uring_ptr_to_u64(statxbuf));
	sqe->statx_flags = (__u32) flags;
}

/*
 * openat(2): the mode goes in len and the open flags in open_flags.  The
 * _direct forms install the new file in the ring's fixed-file table at
 * file_index (or a free slot for IORING_FILE_INDEX_ALLOC) instead of
 * the process's descriptor table (Linux 5.15).
 */
LIBURING_INLINE void io_uring_prep_openat(struct io_uring_sqe *sqe, int dfd,
					  const char *path, int flags,
					  mode_t mode) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_OPENAT, sqe, dfd, path, mode, 0);
	sqe->open_flags = (__u32) flags;
}

LIBURING_INLINE void io_uring_prep_openat_direct(struct io_uring_sqe *sqe,
						 int dfd, const char *path,
						 int flags, mode_t mode,
						 unsigned file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_openat(sqe, dfd, path, flags, mode);
	__uring_prep_target_slot(sqe, file_index);
}

LIBURING_INLINE void io_uring_prep_open(struct io_uring_sqe *sqe,
					const char *path, int flags,
					mode_t mode) LIBURING_NOEXCEPT
{
	io_uring_prep_openat(sqe, AT_FDCWD, path, flags, mode);
}

LIBURING_INLINE void io_uring_prep_open_direct(struct io_uring_sqe *sqe,
					       const char *path, int flags,
					       mode_t mode,
					       unsigned file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_openat_direct(sqe, AT_FDCWD, path, flags, mode,
				    file_index);
}

/* openat2(2): the struct open_how goes in addr2 and its size in len. */
LIBURING_INLINE void io_uring_prep_openat2(struct io_uring_sqe *sqe, int dfd,
					   const char *path,
					   const struct open_how *how)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_OPENAT2, sqe, dfd, path,
			 (unsigned) sizeof(*how), uring_ptr_to_u64(how));
}

LIBURING_INLINE void io_uring_prep_openat2_direct(struct io_uring_sqe *sqe,
						  int dfd, const char *path,
						  const struct open_how *how,
						  unsigned file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_openat2(sqe, dfd, path, how);
	__uring_prep_target_slot(sqe, file_index);
}

LIBURING_INLINE void io_uring_prep_close(struct io_uring_sqe *sqe, int fd)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_CLOSE, sqe, fd, NULL, 0, 0);
}

/* Empties fixed-file slot file_index; fd must then be 0. */
LIBURING_INLINE void io_uring_prep_close_direct(struct io_uring_sqe *sqe,
						unsigned file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_CLOSE, sqe, 0, NULL, 0, 0);
	sqe->file_index = file_index + 1;
}

/*
 * Installs direct descriptor fd into the process's descriptor table
 * (Linux 6.8); the CQE's res is the new descriptor.  The kernel insists
 * the request be marked IOSQE_FIXED_FILE.  The new descriptor is
 * close-on-exec unless flags has IORING_FIXED_FD_NO_CLOEXEC.
 */
LIBURING_INLINE void io_uring_prep_fixed_fd_install(struct io_uring_sqe *sqe,
						    int fd, unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FIXED_FD_INSTALL, sqe, fd, NULL, 0, 0);
	sqe->flags = IOSQE_FIXED_FILE;
	sqe->install_fd_flags = flags;
}

/*
 * Updates nr_fds fixed-file slots from offset on (like
 * io_uring_register_files_update, but as a request).  offset
 * IORING_FILE_INDEX_ALLOC picks free slots and writes them back to fds.
 * off holds offset sign-extended, byte for byte as liburing writes it;
 * the kernel reads its low 32 bits.
 */
LIBURING_INLINE void io_uring_prep_files_update(struct io_uring_sqe *sqe,
						int *fds, unsigned nr_fds,
						int offset) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FILES_UPDATE, sqe, -1, fds, nr_fds,
			 (__u64) (__s64) offset);
}

/*
 * Extended attributes (Linux 5.19): name in addr, value buffer in addr2,
 * its size in len, XATTR_* flags in xattr_flags, and for the path forms
 * the path in addr3.  getxattr's res is the attribute's size.
 */
LIBURING_INLINE void io_uring_prep_getxattr(struct io_uring_sqe *sqe,
					    const char *name, char *value,
					    const char *path, unsigned int len)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_GETXATTR, sqe, 0, name, len,
			 uring_ptr_to_u64(value));
	sqe->addr3 = uring_ptr_to_u64(path);
}

LIBURING_INLINE void io_uring_prep_setxattr(struct io_uring_sqe *sqe,
					    const char *name,
					    const char *value,
					    const char *path, int flags,
					    unsigned int len)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SETXATTR, sqe, 0, name, len,
			 uring_ptr_to_u64(value));
	sqe->addr3 = uring_ptr_to_u64(path);
	sqe->xattr_flags = (__u32) flags;
}

LIBURING_INLINE void io_uring_prep_fgetxattr(struct io_uring_sqe *sqe, int fd,
					     const char *name, char *value,
					     unsigned int len)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FGETXATTR, sqe, fd, name, len,
			 uring_ptr_to_u64(value));
}

LIBURING_INLINE void io_uring_prep_fsetxattr(struct io_uring_sqe *sqe, int fd,
					     const char *name,
					     const char *value, int flags,
					     unsigned int len)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_FSETXATTR, sqe, fd, name, len,
			 uring_ptr_to_u64(value));
	sqe->xattr_flags = (__u32) flags;
}

/*
 * renameat2(2) (Linux 5.11): old side in fd/addr, new directory fd in
 * len, new path in addr2, RENAME_* flags in rename_flags.
 */
LIBURING_INLINE void io_uring_prep_renameat(struct io_uring_sqe *sqe,
					    int olddfd, const char *oldpath,
					    int newdfd, const char *newpath,
					    unsigned int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_RENAMEAT, sqe, olddfd, oldpath,
			 (unsigned) newdfd, uring_ptr_to_u64(newpath));
	sqe->rename_flags = flags;
}

LIBURING_INLINE void io_uring_prep_rename(struct io_uring_sqe *sqe,
					  const char *oldpath,
					  const char *newpath)
	LIBURING_NOEXCEPT
{
	io_uring_prep_renameat(sqe, AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/* unlinkat(2) (Linux 5.11); AT_REMOVEDIR is the only flag. */
LIBURING_INLINE void io_uring_prep_unlinkat(struct io_uring_sqe *sqe, int dfd,
					    const char *path, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_UNLINKAT, sqe, dfd, path, 0, 0);
	sqe->unlink_flags = (__u32) flags;
}

LIBURING_INLINE void io_uring_prep_unlink(struct io_uring_sqe *sqe,
					  const char *path, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_unlinkat(sqe, AT_FDCWD, path, flags);
}

/* mkdirat(2) (Linux 5.15): the mode goes in len. */
LIBURING_INLINE void io_uring_prep_mkdirat(struct io_uring_sqe *sqe, int dfd,
					   const char *path, mode_t mode)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_MKDIRAT, sqe, dfd, path, mode, 0);
}

LIBURING_INLINE void io_uring_prep_mkdir(struct io_uring_sqe *sqe,
					 const char *path, mode_t mode)
	LIBURING_NOEXCEPT
{
	io_uring_prep_mkdirat(sqe, AT_FDCWD, path, mode);
}

/* symlinkat(2) (Linux 5.15): target in addr, link path in addr2. */
LIBURING_INLINE void io_uring_prep_symlinkat(struct io_uring_sqe *sqe,
					     const char *target, int newdirfd,
					     const char *linkpath)
	LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_SYMLINKAT, sqe, newdirfd, target, 0,
			 uring_ptr_to_u64(linkpath));
}

LIBURING_INLINE void io_uring_prep_symlink(struct io_uring_sqe *sqe,
					   const char *target,
					   const char *linkpath)
	LIBURING_NOEXCEPT
{
	io_uring_prep_symlinkat(sqe, target, AT_FDCWD, linkpath);
}

/* linkat(2) (Linux 5.15): laid out like renameat, AT_* flags. */
LIBURING_INLINE void io_uring_prep_linkat(struct io_uring_sqe *sqe,
					  int olddfd, const char *oldpath,
					  int newdfd, const char *newpath,
					  int flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_LINKAT, sqe, olddfd, oldpath,
			 (unsigned) newdfd, uring_ptr_to_u64(newpath));
	sqe->hardlink_flags = (__u32) flags;
}

LIBURING_INLINE void io_uring_prep_link(struct io_uring_sqe *sqe,
					const char *oldpath,
					const char *newpath, int flags)
	LIBURING_NOEXCEPT
{
	io_uring_prep_linkat(sqe, AT_FDCWD, oldpath, AT_FDCWD, newpath, flags);
}

/*
 * pipe2(2) (Linux 6.16): the two new descriptors are written to fds.
 * The kernel insists fd is 0.  In the direct form they are fixed-file
 * slots, file_index and file_index + 1 (or two allocated slots), and
 * O_CLOEXEC is refused since such slots are never inherited anyway.
 */
LIBURING_INLINE void io_uring_prep_pipe(struct io_uring_sqe *sqe, int *fds,
					int pipe_flags) LIBURING_NOEXCEPT
{
	io_uring_prep_rw(IORING_OP_PIPE, sqe, 0, fds, 0, 0);
	sqe->pipe_flags = (__u32) pipe_flags;
}

LIBURING_INLINE void io_uring_prep_pipe_direct(struct io_uring_sqe *sqe,
					       int *fds, int pipe_flags,
					       unsigned int file_index)
	LIBURING_NOEXCEPT
{
	io_uring_prep_pipe(sqe, fds, pipe_flags);
	__uring_prep_target_slot(sqe, file_index);
}

#ifdef __cplusplus
}
#endif

#endif /* LIBURING_PREP_FS_H */
