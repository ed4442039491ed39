/*
 * test_pacct.c: the Linux process-accounting decoder, on version 3 records
 * written out byte by byte in both byte orders, compressed values at every
 * exponent, extremes, and files that are not version 3 pacct at all.
 * Every expected value here was worked out by hand from linux/acct.h.
 *
 * "test_pacct -d FILE" instead prints each record of FILE on one line, for
 * the real-kernel test (tests/sh/test_pacct_kernel.sh).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacct.h"
#include "test.h"

/*
 * A record as a Linux x86 kernel writes it: flag AFORK|ASU, tty 136/1
 * (/dev/pts/1), exit status 3, uid 1000, gid 100, pid 12345, ppid 1,
 * btime 1700000000, etime 250 ticks (2.5 s, float 0x437a0000), utime
 * comp_t 0x0123 (291 ticks), stime 0x2001 (8 ticks), mem 0x1234, io
 * 0x0555, rw 0, minflt 0x4002 (128), majflt 7, swaps 0, comm "vi".
 */
static const uint8_t golden_le[PACCT_RECSIZE] = {
	/*  0 */ 0x03, 0x03, 0x01, 0x88,	/* flag, version, tty */
	/*  4 */ 0x00, 0x03, 0x00, 0x00,	/* exitcode 0x300 */
	/*  8 */ 0xe8, 0x03, 0x00, 0x00,	/* uid 1000 */
	/* 12 */ 0x64, 0x00, 0x00, 0x00,	/* gid 100 */
	/* 16 */ 0x39, 0x30, 0x00, 0x00,	/* pid 12345 */
	/* 20 */ 0x01, 0x00, 0x00, 0x00,	/* ppid 1 */
	/* 24 */ 0x00, 0xf1, 0x53, 0x65,	/* btime 1700000000 */
	/* 28 */ 0x00, 0x00, 0x7a, 0x43,	/* etime 250.0f */
	/* 32 */ 0x23, 0x01, 0x01, 0x20,	/* utime, stime */
	/* 36 */ 0x34, 0x12, 0x55, 0x05,	/* mem, io */
	/* 40 */ 0x00, 0x00, 0x02, 0x40,	/* rw, minflt */
	/* 44 */ 0x07, 0x00, 0x00, 0x00,	/* majflt, swaps */
	/* 48 */ 'v', 'i', 0, 0, 0, 0, 0, 0,	/* comm */
	/* 56 */ 0, 0, 0, 0, 0, 0, 0, 0
};

/* The same record from a big-endian machine: version byte 0x83. */
static const uint8_t golden_be[PACCT_RECSIZE] = {
	/*  0 */ 0x03, 0x83, 0x88, 0x01,
	/*  4 */ 0x00, 0x00, 0x03, 0x00,
	/*  8 */ 0x00, 0x00, 0x03, 0xe8,
	/* 12 */ 0x00, 0x00, 0x00, 0x64,
	/* 16 */ 0x00, 0x00, 0x30, 0x39,
	/* 20 */ 0x00, 0x00, 0x00, 0x01,
	/* 24 */ 0x65, 0x53, 0xf1, 0x00,
	/* 28 */ 0x43, 0x7a, 0x00, 0x00,
	/* 32 */ 0x01, 0x23, 0x20, 0x01,
	/* 36 */ 0x12, 0x34, 0x05, 0x55,
	/* 40 */ 0x00, 0x00, 0x40, 0x02,
	/* 44 */ 0x00, 0x07, 0x00, 0x00,
	/* 48 */ 'v', 'i', 0, 0, 0, 0, 0, 0,
	/* 56 */ 0, 0, 0, 0, 0, 0, 0, 0
};

/* The first 64 bytes of fixtures/exacct/proc.exacct (libexacct's). */
static const uint8_t exacct_head[64] = {
	0xf0, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x56, 0x00, 0x00, 0x00, 0x04,
	0x00, 0x00, 0x00, 0x14, 0x30, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0c,
	0x60, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x0a, 0x53, 0x75, 0x6e, 0x4f,
	0x53, 0x00, 0x00, 0x00, 0x00, 0x16, 0x60, 0x00,
	0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
};

/* What a version 3 record carries, and nothing else. */
#define	V3_HAVE	(EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_ANCPID) |	\
	EX_BIT(EXD_PROC_UID) | EX_BIT(EXD_PROC_GID) |			\
	EX_BIT(EXD_PROC_TTY_MAJOR) | EX_BIT(EXD_PROC_TTY_MINOR) |	\
	EX_BIT(EXD_PROC_COMMAND) | EX_BIT(EXD_PROC_START_SEC) |		\
	EX_BIT(EXD_PROC_START_NSEC) | EX_BIT(EXD_PROC_FINISH_SEC) |	\
	EX_BIT(EXD_PROC_FINISH_NSEC) | EX_BIT(EXD_PROC_CPU_USER_SEC) |	\
	EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_CPU_SYS_SEC) |	\
	EX_BIT(EXD_PROC_CPU_SYS_NSEC) | EX_BIT(EXD_PROC_FAULTS_MINOR) |	\
	EX_BIT(EXD_PROC_FAULTS_MAJOR) | EX_BIT(EXD_PROC_WAIT_STATUS) |	\
	EX_BIT(EXD_PROC_ACCT_FLAGS))

static void
put16(uint8_t *r, size_t off, uint16_t v, int order)
{
	if (order == PACCT_BE) {
		r[off] = (uint8_t)(v >> 8);
		r[off + 1] = (uint8_t)v;
	} else {
		r[off] = (uint8_t)v;
		r[off + 1] = (uint8_t)(v >> 8);
	}
}

static void
put32(uint8_t *r, size_t off, uint32_t v, int order)
{
	put16(r, off + (order == PACCT_BE ? 0 : 2), (uint16_t)(v >> 16),
	    order);
	put16(r, off + (order == PACCT_BE ? 2 : 0), (uint16_t)v, order);
}

/* A copy of the golden record in order, to change a field of. */
static void
base(uint8_t *r, int order)
{
	memcpy(r, order == PACCT_BE ? golden_be : golden_le, PACCT_RECSIZE);
}

static int
decode(const uint8_t *r, int order, struct ex_proc *p)
{
	char why[128];

	why[0] = '\0';
	if (pacct_decode(r, order, p, why, sizeof (why)) == -1) {
		(void) printf("decode: %s\n", why);
		return (-1);
	}
	return (0);
}

static void
check_golden(int order)
{
	struct ex_proc p;

	memset(&p, 0xa5, sizeof (p));
	CHECK_INT(decode(order == PACCT_BE ? golden_be : golden_le, order,
	    &p), ==, 0);
	CHECK_INT(p.ep_kind, ==, EXK_FINAL);
	CHECK_UINT(p.ep_have, ==, V3_HAVE);
	CHECK_UINT(p.ep_pid, ==, 12345);
	CHECK_UINT(p.ep_ppid, ==, 1);
	CHECK_UINT(p.ep_uid, ==, 1000);
	CHECK_UINT(p.ep_gid, ==, 100);
	CHECK_UINT(p.ep_tty_major, ==, 136);
	CHECK_UINT(p.ep_tty_minor, ==, 1);
	CHECK_STR(p.ep_command, "vi");
	CHECK_UINT(p.ep_command_len, ==, 2);
	CHECK_UINT(p.ep_command_cut, ==, 0);
	CHECK_UINT(p.ep_start_sec, ==, 1700000000);
	CHECK_UINT(p.ep_start_nsec, ==, 0);
	CHECK_UINT(p.ep_finish_sec, ==, 1700000002);
	CHECK_UINT(p.ep_finish_nsec, ==, 500000000);
	CHECK_UINT(p.ep_user_sec, ==, 2);
	CHECK_UINT(p.ep_user_nsec, ==, 910000000);
	CHECK_UINT(p.ep_sys_sec, ==, 0);
	CHECK_UINT(p.ep_sys_nsec, ==, 80000000);
	CHECK_UINT(p.ep_minflt, ==, 128);
	CHECK_UINT(p.ep_majflt, ==, 7);
	CHECK_UINT(p.ep_wstat, ==, 0x300);
	CHECK_UINT(p.ep_flags, ==, 0x3);
	/* What version 3 does not carry stays absent and zero. */
	CHECK(!EP_HAS(&p, EXD_PROC_MEM_RSS_AVG_K));
	CHECK(!EP_HAS(&p, EXD_PROC_MEM_RSS_MAX_K));
	CHECK(!EP_HAS(&p, EXD_PROC_CONTEXT_VOL));
	CHECK(!EP_HAS(&p, EXD_PROC_CHARS_RDWR));
	CHECK(!EP_HAS(&p, EXD_PROC_BLOCKS_IN));
	CHECK(!EP_HAS(&p, EXD_PROC_SYSCALLS));
	CHECK(!EP_HAS(&p, EXD_PROC_TASKID));
	CHECK(!EP_HAS(&p, EXD_PROC_HOSTNAME));
	CHECK(!EP_HAS(&p, EXD_PROC_ZONENAME));
	CHECK_UINT(p.ep_rss_avg_k, ==, 0);
	CHECK_UINT(p.ep_rss_max_k, ==, 0);
	CHECK_UINT(p.ep_ioch, ==, 0);
	CHECK_UINT(p.ep_swaps, ==, 0);
	CHECK_UINT(p.ep_hostname_len, ==, 0);
}

/* comp_t at every exponent, smallest and largest mantissa. */
static const struct {
	uint16_t	c;
	uint64_t	ticks;		/* worked out by hand */
	uint64_t	sec, nsec;
} comps[] = {
	{ 0x0000, 0, 0, 0 },
	{ 0x0001, 1, 0, 10000000 },
	{ 0x1fff, 8191, 81, 910000000 },
	{ 0x2001, 8, 0, 80000000 },
	{ 0x3fff, 65528, 655, 280000000 },
	{ 0x4001, 64, 0, 640000000 },
	{ 0x5fff, 524224, 5242, 240000000 },
	{ 0x6001, 512, 5, 120000000 },
	{ 0x7fff, 4193792, 41937, 920000000 },
	{ 0x8001, 4096, 40, 960000000 },
	{ 0x9fff, 33550336, 335503, 360000000 },
	{ 0xa001, 32768, 327, 680000000 },
	{ 0xbfff, 268402688, 2684026, 880000000 },
	{ 0xc001, 262144, 2621, 440000000 },
	{ 0xdfff, 2147221504, 21472215, 40000000 },
	{ 0xe001, 2097152, 20971, 520000000 },
	{ 0xe000, 0, 0, 0 },	/* a zero mantissa is 0 at any exponent */
	{ 0xffff, 17177772032ull, 171777720, 320000000 }
};

static void
check_comp(int order)
{
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;
	size_t i;

	for (i = 0; i < sizeof (comps) / sizeof (comps[0]); i++) {
		base(r, order);
		put16(r, 32, comps[i].c, order);	/* utime */
		put16(r, 34, comps[i].c, order);	/* stime */
		put16(r, 42, comps[i].c, order);	/* minflt */
		put16(r, 44, comps[i].c, order);	/* majflt */
		CHECK_INT(decode(r, order, &p), ==, 0);
		CHECK_UINT(p.ep_user_sec, ==, comps[i].sec);
		CHECK_UINT(p.ep_user_nsec, ==, comps[i].nsec);
		CHECK_UINT(p.ep_sys_sec, ==, comps[i].sec);
		CHECK_UINT(p.ep_sys_nsec, ==, comps[i].nsec);
		CHECK_UINT(p.ep_minflt, ==, comps[i].ticks);
		CHECK_UINT(p.ep_majflt, ==, comps[i].ticks);
	}
}

/* etime, an IEEE single counting ticks. */
static const struct {
	uint32_t	f;
	uint64_t	sec, nsec;	/* past btime, by hand */
} etimes[] = {
	{ 0x00000000, 0, 0 },
	{ 0x3f800000, 0, 10000000 },		/* 1 */
	{ 0x42c80000, 1, 0 },			/* 100 */
	{ 0x4640e400, 123, 450000000 },		/* 12345 */
	{ 0x4b7fffff, 167772, 150000000 },	/* 2^24 - 1 */
	{ 0x4b800000, 167772, 160000000 },	/* 2^24 */
	{ 0x4b800001, 167772, 180000000 },	/* 2^24 + 2 */
	{ 0x4f800000, 42949672, 960000000 },	/* 2^32 */
	/* 2^64 - 2^40, the largest the kernel can write */
	{ 0x5f7fffff, 184467429741979238ull, 400000000 },
	/* Fractions of a tick, never written by Linux: rounded down. */
	{ 0x3f000000, 0, 5000000 },		/* 0.5 */
	{ 0x3fc00000, 0, 15000000 },		/* 1.5 */
	{ 0x3eaaaaab, 0, 3333333 },		/* 0.33333334 */
	{ 0x00000001, 0, 0 }			/* 2^-149 */
};

static void
check_etime(int order)
{
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;
	uint64_t sec, nsec;
	size_t i;
	unsigned e;

	for (i = 0; i < sizeof (etimes) / sizeof (etimes[0]); i++) {
		base(r, order);
		put32(r, 28, etimes[i].f, order);
		CHECK_INT(decode(r, order, &p), ==, 0);
		CHECK_UINT(p.ep_start_sec, ==, 1700000000);
		CHECK_UINT(p.ep_finish_sec, ==, 1700000000 + etimes[i].sec);
		CHECK_UINT(p.ep_finish_nsec, ==, etimes[i].nsec);
	}

	/*
	 * Every exponent from 1 tick (127) to 2^63 ticks (190): the expected
	 * time doubles from 10 ms, carried by hand in seconds and nanoseconds.
	 */
	sec = 0;
	nsec = 10000000;
	for (e = 127; e <= 190; e++) {
		base(r, order);
		put32(r, 28, (uint32_t)e << 23, order);
		CHECK_INT(decode(r, order, &p), ==, 0);
		CHECK_UINT(p.ep_finish_sec - 1700000000, ==, sec);
		CHECK_UINT(p.ep_finish_nsec, ==, nsec);
		sec *= 2;
		nsec *= 2;
		if (nsec >= 1000000000) {
			nsec -= 1000000000;
			sec++;
		}
	}
}

static void
check_bad_etime(int order)
{
	static const uint32_t bad[] = {
		0x5f800000,	/* 2^64 ticks */
		0x7f7fffff,	/* the largest float */
		0x7f800000,	/* infinity */
		0x7fc00000,	/* NaN */
		0xbf800000,	/* -1 */
		0x80000000	/* -0 */
	};
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;
	char why[128];
	size_t i;

	for (i = 0; i < sizeof (bad) / sizeof (bad[0]); i++) {
		base(r, order);
		put32(r, 28, bad[i], order);
		CHECK_INT(pacct_decode(r, order, &p, why, sizeof (why)), ==,
		    -1);
		CHECK_INT(pacct_probe(r, sizeof (r), why, sizeof (why)), ==,
		    0);
	}
	base(r, order);
	put32(r, 28, 0x7f800000, order);
	(void) pacct_decode(r, order, &p, why, sizeof (why));
	CHECK_STR(why, "elapsed time is infinite or not a number");
	put32(r, 28, 0xbf800000, order);
	(void) pacct_decode(r, order, &p, why, sizeof (why));
	CHECK_STR(why, "negative elapsed time");
	put32(r, 28, 0x5f800000, order);
	(void) pacct_decode(r, order, &p, why, sizeof (why));
	CHECK_STR(why, "elapsed time past 2^64 ticks");
}

static void
check_extremes(int order)
{
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;

	/* Everything at its largest. */
	base(r, order);
	r[0] = 0x3f;
	put16(r, 2, 0xffff, order);
	put32(r, 4, 0xffffffff, order);
	put32(r, 8, 0xffffffff, order);
	put32(r, 12, 0xffffffff, order);
	put32(r, 16, 4194304, order);
	put32(r, 20, 4194304, order);
	put32(r, 24, 0xffffffff, order);
	put32(r, 28, 0x5f7fffff, order);
	put16(r, 32, 0xffff, order);
	put16(r, 34, 0xffff, order);
	put16(r, 42, 0xffff, order);
	put16(r, 44, 0xffff, order);
	memcpy(r + 48, "abcdefghijklmno", 16);	/* 15 bytes and a NUL */
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_uid, ==, 4294967295u);
	CHECK_UINT(p.ep_gid, ==, 4294967295u);
	CHECK_UINT(p.ep_pid, ==, 4194304);
	CHECK_UINT(p.ep_ppid, ==, 4194304);
	CHECK_UINT(p.ep_wstat, ==, 4294967295u);
	CHECK_UINT(p.ep_tty_major, ==, 255);
	CHECK_UINT(p.ep_tty_minor, ==, 255);
	CHECK_UINT(p.ep_start_sec, ==, 4294967295u);
	CHECK_UINT(p.ep_finish_sec, ==,
	    4294967295ull + 184467429741979238ull);
	CHECK_UINT(p.ep_finish_nsec, ==, 400000000);
	CHECK_UINT(p.ep_user_sec, ==, 171777720);
	CHECK_UINT(p.ep_user_nsec, ==, 320000000);
	CHECK_UINT(p.ep_majflt, ==, 17177772032ull);
	/* Only FORK and SU map to acctflags; CORE, XSIG are in wstat. */
	CHECK_UINT(p.ep_flags, ==, 0x3);
	CHECK_STR(p.ep_command, "abcdefghijklmno");
	CHECK_UINT(p.ep_command_len, ==, 15);
	CHECK_UINT(p.ep_command_cut, ==, 0);
	CHECK_INT(pacct_probe(r, sizeof (r), NULL, 0), ==, order);

	/* Everything zero but the version byte. */
	memset(r, 0, sizeof (r));
	r[1] = order == PACCT_BE ? 0x83 : 0x03;
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_have, ==, V3_HAVE);
	CHECK_UINT(p.ep_pid, ==, 0);
	CHECK_UINT(p.ep_uid, ==, 0);
	CHECK_UINT(p.ep_start_sec, ==, 0);
	CHECK_UINT(p.ep_finish_sec, ==, 0);
	CHECK_UINT(p.ep_finish_nsec, ==, 0);
	CHECK_UINT(p.ep_user_sec + p.ep_user_nsec + p.ep_sys_sec +
	    p.ep_sys_nsec + p.ep_minflt + p.ep_majflt, ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 0);
	CHECK_UINT(p.ep_flags, ==, 0);
	CHECK_UINT(p.ep_command_len, ==, 0);
	CHECK_STR(p.ep_command, "");
	/* No controlling terminal: as illumos, all ones. */
	CHECK_UINT(p.ep_tty_major, ==, 4294967295u);
	CHECK_UINT(p.ep_tty_minor, ==, 4294967295u);
}

static void
check_fields(int order)
{
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;

	/* Killed by SIGTERM; SIGSEGV with a core dump. */
	base(r, order);
	r[0] = 0x10;			/* AXSIG */
	put32(r, 4, 15, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 15);
	CHECK_UINT(p.ep_flags, ==, 0);
	r[0] = 0x18;			/* AXSIG | ACORE */
	put32(r, 4, 0x8b, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 0x8b);
	/*
	 * ACORE with no core written (ulimit -c 0): the kernel's code is
	 * the bare signal; the wait status says core all the same.  ACORE
	 * on an exit status (never written) changes nothing.
	 */
	put32(r, 4, 0x0b, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 0x8b);
	put32(r, 4, 0x300, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 0x300);
	r[0] = 0x10;			/* AXSIG alone: no core */
	put32(r, 4, 0x0b, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_wstat, ==, 0x0b);
	r[0] = 0x01;
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_flags, ==, 0x1);
	r[0] = 0x02;
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_flags, ==, 0x2);

	/* tty: old_encode_dev, 8 bits each; /dev/tty1 is 4/1. */
	put16(r, 2, 0x0401, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_tty_major, ==, 4);
	CHECK_UINT(p.ep_tty_minor, ==, 1);
	put16(r, 2, 0x0100, order);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_tty_major, ==, 1);
	CHECK_UINT(p.ep_tty_minor, ==, 0);

	/* 16 bytes without a NUL cannot come from Linux: cut to 15. */
	memcpy(r + 48, "0123456789abcdef", 16);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_command_len, ==, 15);
	CHECK_UINT(p.ep_command_cut, ==, 1);
	CHECK_STR(p.ep_command, "0123456789abcde");

	/* Bytes are kept as they are; escaping is the printer's job. */
	memset(r + 48, 0, 16);
	memcpy(r + 48, "a\nb\033", 4);
	CHECK_INT(decode(r, order, &p), ==, 0);
	CHECK_UINT(p.ep_command_len, ==, 4);
	CHECK_MEM(p.ep_command, "a\nb\033", 5);

	/* A record of the other byte order, or an unknown order. */
	base(r, order);
	CHECK_INT(pacct_decode(r, order == PACCT_BE ? PACCT_LE : PACCT_BE,
	    &p, NULL, 0), ==, -1);
	CHECK_INT(pacct_decode(r, 0, &p, NULL, 0), ==, -1);
	r[1] = 2;
	CHECK_INT(pacct_decode(r, order, &p, NULL, 0), ==, -1);
}

static int
probe(const uint8_t *buf, size_t len, char *why, size_t whylen)
{
	why[0] = '\0';
	return (pacct_probe(buf, len, why, whylen));
}

static void
check_probe(void)
{
	uint8_t buf[4 * PACCT_RECSIZE + 10];
	char why[160];
	FILE *f;
	size_t n;
	unsigned x;

	CHECK_INT(probe(golden_le, PACCT_RECSIZE, why, sizeof (why)), ==,
	    PACCT_LE);
	CHECK_INT(probe(golden_be, PACCT_RECSIZE, why, sizeof (why)), ==,
	    PACCT_BE);

	/* Four records and a partial one: accepted, the reader reports it. */
	for (n = 0; n < 4; n++)
		memcpy(buf + n * PACCT_RECSIZE, golden_be, PACCT_RECSIZE);
	memcpy(buf + 4 * PACCT_RECSIZE, golden_be, 10);
	CHECK_INT(probe(buf, sizeof (buf), why, sizeof (why)), ==, PACCT_BE);

	/* ...but not two byte orders in one file. */
	memcpy(buf + 2 * PACCT_RECSIZE, golden_le, PACCT_RECSIZE);
	CHECK_INT(probe(buf, sizeof (buf), why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 128: version "
	    "byte differs from the first record's");

	/* Versions 1 and 2 (struct acct: comm at 36, NUL at 52). */
	memset(buf, 0, sizeof (buf));
	for (n = 0; n < 2; n++) {
		buf[n * PACCT_RECSIZE + 1] = 1;
		memcpy(buf + n * PACCT_RECSIZE + 36, "bash", 4);
	}
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "a version 1 process-accounting file (only version 3 "
	    "is read)");
	buf[1] = buf[PACCT_RECSIZE + 1] = 0x82;
	buf[30] = 0;
	buf[31] = 100;			/* ac_ahz, big-endian */
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "a version 2 process-accounting file (only version 3 "
	    "is read)");
	buf[1] = 0x02;
	CHECK_INT(probe(buf, PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "a version 2 process-accounting file (only version 3 "
	    "is read)");

	/* Garbage: pseudo-random bytes, text, an exacct file. */
	x = 12345;
	for (n = 0; n < sizeof (buf); n++) {
		x = x * 1103515245u + 12345u;
		buf[n] = (uint8_t)(x >> 16);
	}
	CHECK_INT(probe(buf, sizeof (buf), why, sizeof (why)), ==, 0);
	CHECK(strncmp(why, "not a process-accounting file", 29) == 0);
	buf[1] = 0x03;		/* right version byte, nonsense after it */
	CHECK_INT(probe(buf, sizeof (buf), why, sizeof (why)), ==, 0);
	CHECK(strncmp(why, "not a process-accounting file: offset 0: ",
	    41) == 0);
	CHECK_INT(probe((const uint8_t *)"#!/bin/sh\necho hello, world\n",
	    28, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file");
	CHECK_INT(probe(exacct_head, sizeof (exacct_head), why,
	    sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file");
	/* The fixture itself, when run from the project root. */
	if ((f = fopen("fixtures/exacct/proc.exacct", "rb")) != NULL) {
		n = fread(buf, 1, sizeof (buf), f);
		(void) fclose(f);
		CHECK_INT(probe(buf, n, why, sizeof (why)), ==, 0);
		CHECK_STR(why, "not a process-accounting file");
	} else
		TEST_SKIP("fixtures/exacct/proc.exacct: not found");

	/* Empty, shorter than a record, implausible records. */
	CHECK_INT(probe(golden_le, 0, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: it is empty");
	CHECK_INT(probe(golden_le, 30, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: 30 bytes, less than "
	    "one 64-byte record");
	base(buf, PACCT_LE);
	put32(buf, 16, 0, PACCT_LE);
	CHECK_INT(probe(buf, PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 0: pid out of "
	    "range");
	base(buf, PACCT_LE);
	base(buf + PACCT_RECSIZE, PACCT_LE);
	put32(buf + PACCT_RECSIZE, 20, 4194305, PACCT_LE);
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 64: parent pid "
	    "out of range");
	base(buf + PACCT_RECSIZE, PACCT_LE);
	buf[PACCT_RECSIZE] = 0x40;
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 64: unknown "
	    "flag bits");
	base(buf + PACCT_RECSIZE, PACCT_LE);
	buf[PACCT_RECSIZE + 48 + 5] = 'x';	/* after the NUL of "vi" */
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 64: command "
	    "not NUL-padded");
	base(buf + PACCT_RECSIZE, PACCT_LE);
	put32(buf + PACCT_RECSIZE, 28, 0x3f000000, PACCT_LE);
	CHECK_INT(probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why)), ==, 0);
	CHECK_STR(why, "not a process-accounting file: offset 64: elapsed "
	    "time not a whole number of ticks");
	/* A why buffer of one byte, or none, is never overrun. */
	why[1] = 'z';
	CHECK_INT(pacct_probe(exacct_head, 64, why, 1), ==, 0);
	CHECK(why[0] == '\0' && why[1] == 'z');
}

/*
 * The kernel's comp_t rounding, restated from its description (keep 13
 * bits, round on the highest bit shifted out, saturate), to check that
 * decoding what it stores is exact below 8192 and within a step above.
 */
static uint16_t
encode_comp(uint64_t v)
{
	unsigned e = 0, up = 0;

	while (v > 0x1fff) {
		up = (v & 4) != 0;
		v >>= 3;
		e++;
	}
	if (up && ++v > 0x1fff) {
		v >>= 3;
		e++;
	}
	if (e > 7)
		return (0xffff);
	return ((uint16_t)(e << 13 | v));
}

static void
check_roundtrip(void)
{
	uint8_t r[PACCT_RECSIZE];
	struct ex_proc p;
	uint64_t v, got, step;
	int bad = 0;

	for (v = 0; v < 20000000; v = v < 10000 ? v + 1 : v * 1001 / 1000) {
		base(r, PACCT_LE);
		put16(r, 44, encode_comp(v), PACCT_LE);
		if (decode(r, PACCT_LE, &p) != 0) {
			bad++;
			break;
		}
		got = p.ep_majflt;
		for (step = 1; v >> 13 >= step; step *= 8)
			continue;
		if (v < 8192 ? got != v : (got > v ? got - v : v - got) >
		    step * 4) {
			(void) printf("comp %llu -> %llu\n",
			    (unsigned long long)v, (unsigned long long)got);
			bad++;
		}
	}
	CHECK_INT(bad, ==, 0);
}

/* One line per record of a file, for the shell test. */
static int
dump(const char *path)
{
	uint8_t buf[8 * PACCT_RECSIZE], r[PACCT_RECSIZE];
	struct ex_proc p;
	char why[160];
	FILE *f;
	size_t n, i;
	unsigned long nrec = 0, nbad = 0;
	int order;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return (1);
	}
	n = fread(buf, 1, sizeof (buf), f);
	if ((order = pacct_probe(buf, n, why, sizeof (why))) == 0) {
		(void) printf("probe: %s\n", why);
		(void) fclose(f);
		return (1);
	}
	(void) printf("order %s\n", order == PACCT_BE ? "be" : "le");
	rewind(f);
	while ((n = fread(r, 1, sizeof (r), f)) == sizeof (r)) {
		nrec++;
		if (pacct_decode(r, order, &p, why, sizeof (why)) == -1) {
			(void) printf("bad record %lu: %s\n", nrec, why);
			nbad++;
			continue;
		}
		(void) printf("pid=%lu ppid=%lu uid=%lu gid=%lu tty=%lu/%lu "
		    "start=%llu finish=%llu.%09llu user=%llu.%09llu "
		    "sys=%llu.%09llu minflt=%llu majflt=%llu wstat=%lu "
		    "flags=%lu comm=", (unsigned long)p.ep_pid,
		    (unsigned long)p.ep_ppid, (unsigned long)p.ep_uid,
		    (unsigned long)p.ep_gid, (unsigned long)p.ep_tty_major,
		    (unsigned long)p.ep_tty_minor,
		    (unsigned long long)p.ep_start_sec,
		    (unsigned long long)p.ep_finish_sec,
		    (unsigned long long)p.ep_finish_nsec,
		    (unsigned long long)p.ep_user_sec,
		    (unsigned long long)p.ep_user_nsec,
		    (unsigned long long)p.ep_sys_sec,
		    (unsigned long long)p.ep_sys_nsec,
		    (unsigned long long)p.ep_minflt,
		    (unsigned long long)p.ep_majflt,
		    (unsigned long)p.ep_wstat, (unsigned long)p.ep_flags);
		for (i = 0; i < p.ep_command_len; i++) {
			unsigned char c = (unsigned char)p.ep_command[i];

			if (c > ' ' && c < 0x7f && c != '\\')
				(void) putchar(c);
			else
				(void) printf("\\%03o", c);
		}
		(void) putchar('\n');
	}
	if (n != 0) {
		(void) printf("partial record: %zu bytes\n", n);
		nbad++;
	}
	(void) fclose(f);
	(void) printf("records %lu, bad %lu\n", nrec, nbad);
	return (nbad != 0);
}

int
main(int argc, char **argv)
{
	int order;

	if (argc == 3 && strcmp(argv[1], "-d") == 0)
		return (dump(argv[2]));

	for (order = PACCT_LE; order <= PACCT_BE; order++) {
		check_golden(order);
		check_comp(order);
		check_etime(order);
		check_bad_etime(order);
		check_extremes(order);
		check_fields(order);
	}
	check_probe();
	check_roundtrip();
	TEST_DONE();
}
