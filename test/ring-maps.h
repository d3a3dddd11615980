/* SPDX-License-Identifier: MIT */
#ifndef TEST_RING_MAPS_H
#define TEST_RING_MAPS_H

/*
 * Counts the mappings only the library could have left behind: ring
 * memory mapped from a ring fd ("anon_inode:[io_uring]"), or shared
 * anonymous memory for NO_MMAP rings ("/dev/zero").  Counting only these
 * keeps the allocator's own mappings out of a leak check.  Used by the
 * cmocka tests and the fuzz targets alike, so it needs no cmocka.
 */
#include <stdio.h>
#include <string.h>

static inline int t_ring_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "io_uring") || strstr(line, "/dev/zero"))
			n++;
	fclose(f);
	return n;
}

#endif
