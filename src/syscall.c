/* SPDX-License-Identifier: MIT */
/*
 * The exported wrappers of io_uring's three system calls.  They return
 * -errno on failure and leave errno alone, like the rest of the library;
 * how the call is made is in syscall.h.
 */
#include <signal.h>
#include "int.h"
#include "syscall.h"

int io_uring_setup(unsigned int entries, struct io_uring_params *p)
{
	return (int) __uring_syscall6(__NR_io_uring_setup, (long) entries,
				      (long) (uintptr_t) p, 0, 0, 0, 0);
}

int io_uring_enter2(unsigned int fd, unsigned int to_submit,
		    unsigned int min_complete, unsigned int flags, void *arg,
		    size_t sz)
{
	return __uring_enter(fd, to_submit, min_complete, flags, arg, sz);
}

int io_uring_enter(unsigned int fd, unsigned int to_submit,
		   unsigned int min_complete, unsigned int flags, sigset_t *sig)
{
	return __uring_enter(fd, to_submit, min_complete, flags, sig,
			     _NSIG / 8);
}

int io_uring_register(unsigned int fd, unsigned int opcode, const void *arg,
		      unsigned int nr_args)
{
	return (int) __uring_syscall6(__NR_io_uring_register, (long) fd,
				      (long) opcode,
				      (long) (uintptr_t) arg,
				      (long) nr_args, 0, 0);
}
