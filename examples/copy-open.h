/* SPDX-License-Identifier: MIT */
/*
 * copy-open.h: how io_uring-cp and link-cp open their two files, so that
 * a copy never destroys data.
 *
 * The source is opened first: if it cannot be read, DEST is not touched.
 * It must be a regular file, as both programs copy st_size bytes at
 * known offsets; a pipe or a device (/dev/zero) has no size to copy, and
 * copying "0 bytes" from it would be a lie.  DEST is opened without
 * O_TRUNC and compared with the source by device and inode, so
 * "cp f f" (or a hard link, or a path through a symlink) is refused
 * before a byte is lost; only then is DEST truncated.
 */
#ifndef EXAMPLES_COPY_OPEN_H
#define EXAMPLES_COPY_OPEN_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Returns 0 with both files open and *size set, or -1 after a message. */
static int copy_open(const char *prog, const char *src, const char *dst,
		     int *infd, int *outfd, off_t *size)
{
	struct stat in, out;

	*infd = open(src, O_RDONLY);
	if (*infd < 0 || fstat(*infd, &in) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, src, strerror(errno));
		return -1;
	}
	if (!S_ISREG(in.st_mode)) {
		fprintf(stderr, "%s: %s: not a regular file (a pipe or device"
			" has no size to copy)\n", prog, src);
		return -1;
	}
	*outfd = open(dst, O_WRONLY | O_CREAT, 0644);
	if (*outfd < 0 || fstat(*outfd, &out) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, dst, strerror(errno));
		return -1;
	}
	if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
		fprintf(stderr, "%s: %s and %s are the same file\n", prog,
			src, dst);
		return -1;
	}
	if (S_ISREG(out.st_mode) && ftruncate(*outfd, 0) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, dst, strerror(errno));
		return -1;
	}
	*size = in.st_size;
	return 0;
}

#endif
