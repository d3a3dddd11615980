/* SPDX-License-Identifier: MIT */
/*
 * Table-driven checks of struct layouts and constant values for the cmocka
 * tests. Each table row records what the compiler sees next to the value
 * the compatibility target requires, and names the thing it checks, so a
 * mismatch reports e.g. "io_uring_sqe.addr3: offset 40, expected 48".
 *
 * Include after <cmocka.h> (for print_error) and the headers under test.
 *
 * Every row is also checked when it is compiled: a build for any
 * architecture (make check-cross builds six) fails with a static assertion
 * naming each row that does not hold there, so the layouts are proven on
 * targets that never run the tests.  The run-time pass then confirms on
 * the machine that runs the program what its compiler already proved.
 */
#ifndef LIBURING_TEST_LAYOUT_H
#define LIBURING_TEST_LAYOUT_H

#include <stddef.h>

/*
 * 0, as an integer constant expression usable in an initializer, and a
 * compile error naming the row when cond is false (C11 allows a static
 * assertion as a member declaration; the struct exists only for that).
 */
#define LAYOUT_STATIC(cond, what) \
	(0 * sizeof(struct { _Static_assert(cond, what); char c; }))

struct layout_const {
	const char		*name;
	unsigned long long	value;
	unsigned long long	expected;
};

/*
 * Both sides are converted to unsigned long long, so a constant that
 * should be -2 and one that is 0xfffffffe (-2 as an unsigned int) differ.
 */
#define LAYOUT_CONST(name, expected) \
	{ #name, (unsigned long long)(name) + \
	  LAYOUT_STATIC((unsigned long long)(name) == \
			(unsigned long long)(expected), #name ": value"), \
	  (unsigned long long)(expected) }

enum layout_sign {
	LAYOUT_NOT_INT,		/* array, pointer or aggregate */
	LAYOUT_UNSIGNED,
	LAYOUT_SIGNED,
};

struct layout_field {
	const char	*name;		/* "struct.member" */
	size_t		offset;
	size_t		size;		/* unchecked for flexible arrays */
	int		sign;		/* enum layout_sign, as compiled */
	size_t		exp_offset;
	size_t		exp_size;
	int		exp_sign;
	int		flex;		/* flexible array: sizeof is invalid */
};

#define LAYOUT_MEMBER(type, member)	(((struct type *)0)->member)

/* true when the member's (integer) type is unsigned */
#define LAYOUT_IS_UNSIGNED(type, member) \
	((__typeof__(LAYOUT_MEMBER(type, member)))-1 > \
	 (__typeof__(LAYOUT_MEMBER(type, member)))0)

#define LAYOUT_SIGN(type, member) \
	(LAYOUT_IS_UNSIGNED(type, member) ? LAYOUT_UNSIGNED : LAYOUT_SIGNED)

/* offsetof and sizeof of a member, checked at compile time */
#define LAYOUT_OFFSET(type, member, off) \
	(offsetof(struct type, member) + \
	 LAYOUT_STATIC(offsetof(struct type, member) == (off), \
		       #type "." #member ": offset"))
#define LAYOUT_SZ(type, member, sz) \
	(sizeof(LAYOUT_MEMBER(type, member)) + \
	 LAYOUT_STATIC(sizeof(LAYOUT_MEMBER(type, member)) == (sz), \
		       #type "." #member ": size"))

/* an integer member: offset, size and signedness */
#define LAYOUT_INT(type, member, off, sz, exp_sign) \
	{ #type "." #member, \
	  LAYOUT_OFFSET(type, member, off), LAYOUT_SZ(type, member, sz), \
	  LAYOUT_SIGN(type, member) + \
	  LAYOUT_STATIC(LAYOUT_SIGN(type, member) == (exp_sign), \
			#type "." #member ": signedness"), \
	  off, sz, exp_sign, 0 }
#define LAYOUT_U(type, member, off, sz) \
	LAYOUT_INT(type, member, off, sz, LAYOUT_UNSIGNED)
#define LAYOUT_S(type, member, off, sz) \
	LAYOUT_INT(type, member, off, sz, LAYOUT_SIGNED)

/* any other member (array, pointer, struct): offset and size */
#define LAYOUT_FIELD(type, member, off, sz) \
	{ #type "." #member, \
	  LAYOUT_OFFSET(type, member, off), LAYOUT_SZ(type, member, sz), \
	  LAYOUT_NOT_INT, off, sz, LAYOUT_NOT_INT, 0 }

/* a flexible array member: only its offset can be taken */
#define LAYOUT_FLEX(type, member, off) \
	{ #type "." #member, LAYOUT_OFFSET(type, member, off), 0, \
	  LAYOUT_NOT_INT, off, 0, LAYOUT_NOT_INT, 1 }

struct layout_size {
	const char	*name;
	size_t		size;
	size_t		expected;
};

#define LAYOUT_SIZE(type, expected) \
	{ "sizeof(struct " #type ")", \
	  sizeof(struct type) + \
	  LAYOUT_STATIC(sizeof(struct type) == (expected), \
			"sizeof(struct " #type ")"), \
	  expected }

#define LAYOUT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const layout_sign_name[] = {
	[LAYOUT_NOT_INT]	= "not an integer",
	[LAYOUT_UNSIGNED]	= "unsigned",
	[LAYOUT_SIGNED]		= "signed",
};

/* Each returns the number of mismatches, after printing every one. */
static inline int layout_check_consts(const struct layout_const *c, size_t n)
{
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].value == c[i].expected)
			continue;
		print_error("%s = %llu (%#llx), expected %llu (%#llx)\n",
			    c[i].name, c[i].value, c[i].value,
			    c[i].expected, c[i].expected);
		bad++;
	}
	return bad;
}

static inline int layout_check_fields(const struct layout_field *f, size_t n)
{
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].offset != f[i].exp_offset) {
			print_error("%s: offset %zu, expected %zu\n",
				    f[i].name, f[i].offset, f[i].exp_offset);
			bad++;
		}
		if (!f[i].flex && f[i].size != f[i].exp_size) {
			print_error("%s: size %zu, expected %zu\n",
				    f[i].name, f[i].size, f[i].exp_size);
			bad++;
		}
		if (f[i].sign != f[i].exp_sign) {
			print_error("%s: %s, expected %s\n", f[i].name,
				    layout_sign_name[f[i].sign],
				    layout_sign_name[f[i].exp_sign]);
			bad++;
		}
	}
	return bad;
}

static inline int layout_check_sizes(const struct layout_size *s, size_t n)
{
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i].size == s[i].expected)
			continue;
		print_error("%s = %zu, expected %zu\n",
			    s[i].name, s[i].size, s[i].expected);
		bad++;
	}
	return bad;
}

#endif /* LIBURING_TEST_LAYOUT_H */
