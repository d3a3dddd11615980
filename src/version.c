/* SPDX-License-Identifier: MIT */
/* The version of the library actually loaded, as opposed to the headers. */
#include "int.h"

int io_uring_major_version(void)
{
	return IO_URING_VERSION_MAJOR;
}

int io_uring_minor_version(void)
{
	return IO_URING_VERSION_MINOR;
}

/* Same sense as IO_URING_CHECK_VERSION: true when we are older. */
bool io_uring_check_version(int major, int minor)
{
	return major > io_uring_major_version() ||
	       (major == io_uring_major_version() &&
		minor > io_uring_minor_version());
}
