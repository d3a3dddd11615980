/* SPDX-License-Identifier: MIT */
/*
 * The only place that issues io_uring's three system calls.  libc's
 * syscall() reports failure through errno; we turn that into a negative
 * return and put errno back as it was, since the library never sets it.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "int.h"

static int uring_syscall_ret(long ret, int saved_errno)
{
	if (ret < 0) {
		ret = -errno;
		errno = saved_errno;
	}
	return (int) ret;
}

int io_uring_setup(unsigned int entries, struct io_uring_params *p)
{
	int saved = errno;

	return uring_syscall_ret(syscall(__NR_io_uring_setup, entries, p),
				 saved);
}

int io_uring_enter2(unsigned int fd, unsigned int to_submit,
		    unsigned int min_complete, unsigned int flags, void *arg,
		    size_t sz)
{
	int saved = errno;

	return uring_syscall_ret(syscall(__NR_io_uring_enter, fd, to_submit,
					 min_complete, flags, arg, sz),
				 saved);
}

int io_uring_enter(unsigned int fd, unsigned int to_submit,
		   unsigned int min_complete, unsigned int flags, sigset_t *sig)
{
	return io_uring_enter2(fd, to_submit, min_complete, flags, sig,
			       _NSIG / 8);
}

int io_uring_register(unsigned int fd, unsigned int opcode, const void *arg,
		      unsigned int nr_args)
{
	int saved = errno;

	return uring_syscall_ret(syscall(__NR_io_uring_register, fd, opcode,
					 arg, nr_args),
				 saved);
}
