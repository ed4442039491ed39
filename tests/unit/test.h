/*
 * test.h: a one-header unit test framework.
 *
 * CHECK(cond), CHECK_INT(a, op, b), CHECK_UINT(a, op, b), CHECK_STR(a, b)
 * and CHECK_MEM(a, b, n) count a pass or print file:line with both values
 * and count a failure.  TEST_SKIP(why) says why a test did not run.  main()
 * ends with TEST_DONE(), which prints "N passed, N failed" and exits
 * non-zero if anything failed.
 */
#ifndef TEST_H
#define TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_skipped;

#define	CHECK(cond) do {						\
	if (cond)							\
		test_passed++;						\
	else {								\
		test_failed++;						\
		(void) printf("FAIL %s:%d: %s\n", __FILE__, __LINE__,	\
		    #cond);						\
	}								\
} while (0)

#define	CHECK_INT(a, op, b) do {					\
	long long a_ = (long long)(a), b_ = (long long)(b);		\
	if (a_ op b_)							\
		test_passed++;						\
	else {								\
		test_failed++;						\
		(void) printf("FAIL %s:%d: %s %s %s (%lld vs %lld)\n",	\
		    __FILE__, __LINE__, #a, #op, #b, a_, b_);		\
	}								\
} while (0)

#define	CHECK_UINT(a, op, b) do {					\
	unsigned long long a_ = (unsigned long long)(a);		\
	unsigned long long b_ = (unsigned long long)(b);		\
	if (a_ op b_)							\
		test_passed++;						\
	else {								\
		test_failed++;						\
		(void) printf("FAIL %s:%d: %s %s %s (%llu vs %llu)\n",	\
		    __FILE__, __LINE__, #a, #op, #b, a_, b_);		\
	}								\
} while (0)

#define	CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ != NULL && b_ != NULL && strcmp(a_, b_) == 0)		\
		test_passed++;						\
	else {								\
		test_failed++;						\
		(void) printf("FAIL %s:%d: %s == %s\n  got:  \"%s\"\n"	\
		    "  want: \"%s\"\n", __FILE__, __LINE__, #a, #b,	\
		    a_ ? a_ : "(null)", b_ ? b_ : "(null)");		\
	}								\
} while (0)

#define	CHECK_MEM(a, b, n) do {						\
	if (memcmp((a), (b), (n)) == 0)					\
		test_passed++;						\
	else {								\
		test_failed++;						\
		(void) printf("FAIL %s:%d: memcmp(%s, %s, %s)\n",	\
		    __FILE__, __LINE__, #a, #b, #n);			\
	}								\
} while (0)

#define	TEST_SKIP(why) do {						\
	test_skipped++;							\
	(void) printf("SKIP %s:%d: %s\n", __FILE__, __LINE__, (why));	\
} while (0)

#define	TEST_DONE() do {						\
	(void) printf("%d passed, %d failed, %d skipped\n",		\
	    test_passed, test_failed, test_skipped);			\
	return (test_failed != 0);					\
} while (0)

#endif /* TEST_H */
