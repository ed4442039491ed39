/*
 * test_merge.c: -i over Linux sweeps and a process-accounting file, taken
 * in time order.  The files are made here; the rows were worked out by
 * hand (see the comments at the expected text).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

static char dir[] = "/tmp/exdump-merge-XXXXXX";

/* A process record of host: times in milliseconds. */
static void
proc_rec(struct ex_wbuf *w, int final, const char *host, uint32_t pid,
    uint64_t start_ms, uint64_t end_ms, uint64_t usr_ms, uint64_t minf)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, final ? EXD_GROUP_PROC :
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_PID), pid);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_UID), 0);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_SEC),
	    usr_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_NSEC),
	    usr_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_SEC),
	    start_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_NSEC),
	    start_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_SEC),
	    end_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_NSEC),
	    end_ms % 1000 * 1000000);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_COMMAND), "p");
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_HOSTNAME), host);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FAULTS_MINOR), minf);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_ANCPID), 1);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_ZONENAME), "global");
	ex_w_group_end(w);
}

/* A Linux sweep's partial record. */
static void
partial(struct ex_wbuf *w, uint32_t pid, uint64_t start_ms, uint64_t end_ms,
    uint64_t usr_ms, uint64_t minf)
{
	proc_rec(w, 0, "lin", pid, start_ms, end_ms, usr_ms, minf);
}

static void
le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
le32(uint8_t *p, uint32_t v)
{
	le16(p, (uint16_t)v);
	le16(p + 2, (uint16_t)(v >> 16));
}

/* A version 3 little-endian acct record; small values need no exponent. */
static void
acct_rec(uint8_t *r, uint32_t pid, uint32_t btime, uint32_t eticks,
    uint16_t uticks, uint16_t minf)
{
	float et = (float)eticks;
	uint32_t bits;

	memset(r, 0, 64);
	r[1] = 3;				/* ac_version */
	le32(r + 16, pid);
	le32(r + 20, 1);			/* ppid */
	le32(r + 24, btime);
	memcpy(&bits, &et, sizeof (bits));
	le32(r + 28, bits);			/* ac_etime */
	le16(r + 32, uticks);			/* ac_utime, comp_t */
	le16(r + 42, minf);			/* ac_minflt */
	memcpy(r + 48, "p", 1);
}

static int
write_file(const char *path, const void *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd == -1)
		return (-1);
	if (write(fd, p, n) != (ssize_t)n) {
		(void) close(fd);
		return (-1);
	}
	return (close(fd));
}

/* Run the interval report (-i -H -n, -S if sum) on files; text in buf. */
static int
run_s(char *const files[], int n, char *buf, size_t len, int sum)
{
	struct opts op;
	char path[64];
	int fd, status;
	ssize_t k;

	memset(&op, 0, sizeof (op));
	op.op_i = 1;
	op.op_H = 1;
	op.op_n = 1;
	op.op_table = TBL_PROC;
	op.op_S = sum;
	(void) snprintf(path, sizeof (path), "%s/out", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	out_init(out_std, fd);
	status = interval_files(n, files, &op);
	(void) out_close(out_std);
	k = pread(fd, buf, len - 1, 0);
	buf[k > 0 ? k : 0] = '\0';
	(void) close(fd);
	return (status);
}

static int
run(char *const files[], int n, char *buf, size_t len)
{
	return (run_s(files, n, buf, len, 0));
}

/*
 * The exit record of a process whose sweep start is 1.24 s off its
 * accounting start (whole seconds, now less the elapsed time, on the
 * kernel's side; the boot time's fraction on the sweep's), and whose
 * accounting finish (1060.05) falls before its last sweep (1060.8): the
 * exit is the later, so it closes that interval, with what is left.
 */
static void
late_exit(char *sweeps, char *pacct)
{
	struct ex_wbuf w;
	uint8_t acct[64];
	char buf[4096];
	char *files[2];

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "lin");
	partial(&w, 10, 901240, 1000000, 1000, 10);
	partial(&w, 10, 901240, 1060800, 2000, 20);
	CHECK_INT(write_file(sweeps, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	acct_rec(acct, 10, 900, 16005, 205, 23);
	CHECK_INT(write_file(pacct, acct, 64), ==, 0);
	files[0] = sweeps;
	files[1] = pacct;
	CHECK_INT(run(files, 2, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000 10 1 0 1.00 - 98.76 - 10 - - - - - - - p\n"
	    "1060 10 1 0 1.00 - 60.80 - 10 - - - - - - - p\n"
	    "1060 10 1 0 0.05 0.00 0.00 0 3 - - - - - - - p\n");
}

/*
 * -S: a process that starts during a sweep, and one that exits during
 * it, are in that sweep's interval; an exit well after it begins the
 * next; two hosts' files are summed apart.  Rows: end host nproc usr.
 */
static void
summary(char *a, char *b)
{
	struct ex_wbuf w;
	char buf[4096], *files[2];

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "alpha");
	proc_rec(&w, 0, "alpha", 1, 0, 1000000, 100, 0);
	proc_rec(&w, 0, "alpha", 2, 0, 1000040, 200, 0);
	proc_rec(&w, 0, "alpha", 1, 0, 1060000, 300, 0);
	proc_rec(&w, 1, "alpha", 3, 1059000, 1060020, 50, 0);
	proc_rec(&w, 0, "alpha", 50, 1060010, 1060030, 10, 0);
	proc_rec(&w, 0, "alpha", 2, 0, 1060080, 400, 0);
	proc_rec(&w, 1, "alpha", 4, 1080000, 1090000, 70, 0);
	CHECK_INT(write_file(a, w.wb_buf, w.wb_len), ==, 0);
	ex_w_reset(&w);
	ex_w_header(&w, "exdump", "beta");
	proc_rec(&w, 0, "beta", 7, 0, 1000000, 1000, 0);
	proc_rec(&w, 0, "beta", 7, 0, 1060000, 1500, 0);
	CHECK_INT(write_file(b, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	files[0] = a;
	files[1] = b;
	CHECK_INT(run_s(files, 2, buf, sizeof (buf), 1), ==, 0);
	/*
	 * alpha at 1000: pids 1 and 2, 0.1 + 0.2 s.  At 1060: pid 1 (0.2),
	 * pid 3's exit at 1060.02 (0.05), pid 50 born at 1060.01 (0.01),
	 * pid 2 (0.2).  Pid 4's exit at 1090 stands alone, closed at the
	 * end.  beta: 1.0 s, then 0.5 s.  Rows come out as each interval
	 * closes, the open ones at the end.
	 */
	CHECK_STR(buf,
	    "1000 alpha 2 0.30 - - 0 - - - - -\n"
	    "1060 alpha 4 0.46 - - 0 - - - - -\n"
	    "1000 beta 1 1.00 - - 0 - - - - -\n"
	    "1090 alpha 1 0.07 - - 0 - - - - -\n"
	    "1060 beta 1 0.50 - - 0 - - - - -\n");
}

int
main(void)
{
	struct ex_wbuf w;
	uint8_t acct[6 * 64];
	char sweeps[64], pacct[64], buf[8192];
	char *files[2];

	if (mkdtemp(dir) == NULL) {
		TEST_SKIP("cannot make a temporary directory");
		TEST_DONE();
	}
	(void) snprintf(sweeps, sizeof (sweeps), "%s/sweeps", dir);
	(void) snprintf(pacct, sizeof (pacct), "%s/pacct", dir);

	/* Three sweeps, at 1000, 1060 and 1120 s. */
	ex_w_init(&w);
	ex_w_header(&w, "exdump", "lin");
	partial(&w, 10, 900250, 1000000, 2000, 100);
	partial(&w, 20, 950500, 1000000, 1000, 50);
	partial(&w, 10, 900250, 1060000, 3500, 160);
	partial(&w, 40, 1050000, 1060000, 100, 10);
	partial(&w, 10, 900250, 1120000, 5000, 200);
	partial(&w, 40, 1050000, 1120000, 700, 30);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(write_file(sweeps, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);

	/* The exits, in the order the kernel wrote them. */
	acct_rec(acct + 0 * 64, 20, 950, 8000, 150, 70);   /* ends 1030 */
	acct_rec(acct + 1 * 64, 40, 1035, 500, 30, 4);     /* ends 1040 */
	acct_rec(acct + 2 * 64, 30, 1070, 3000, 20, 5);    /* ends 1100 */
	acct_rec(acct + 3 * 64, 10, 900, 25000, 600, 230); /* ends 1150 */
	acct_rec(acct + 4 * 64, 40, 1050, 15000, 90, 41);  /* ends 1200 */
	CHECK_INT(write_file(pacct, acct, 5 * 64), ==, 0);

	files[0] = sweeps;
	files[1] = pacct;
	CHECK_INT(run(files, 2, buf, sizeof (buf)), ==, 0);
	/*
	 * end pid ppid uid usr sys time majf minf rwKB vcxK icxK sigK sycK
	 * arMB mrMB command, in time order:
	 * - 1000: pid 10 since its start 900.25 (99.75 s); pid 20 since
	 *   950.5 (49.50 s).
	 * - 1030: pid 20 exits (acct start 950 is within 1 s of 950.5): the
	 *   30 s since the sweep, 1.5 - 1.0 s cpu, 70 - 50 faults.
	 * - 1040: the first pid 40 (started 1035) exits: its whole life.
	 * - 1060: pid 10, 60 s, 1.5 s, 60; the second pid 40, from 1050.
	 * - 1100: pid 30 was born and died between sweeps: one row.
	 * - 1120: pid 10 and pid 40 again.
	 * - 1150: pid 10 exits: 6.0 s total less the 5.0 s given out.
	 * - 1200: the second pid 40 exits: 0.9 - 0.7 s, 41 - 30 faults,
	 *   from 1120, not from its start (it would be, read out of order).
	 * The acct records carry no sys time, rss or uid... but uid and
	 * gid are in every acct record (0 here); the sweeps carry uid 0.
	 */
	CHECK_STR(buf,
	    "1000 10 1 0 2.00 - 99.75 - 100 - - - - - - - p\n"
	    "1000 20 1 0 1.00 - 49.50 - 50 - - - - - - - p\n"
	    "1030 20 1 0 0.50 0.00 30.00 0 20 - - - - - - - p\n"
	    "1040 40 1 0 0.30 0.00 5.00 0 4 - - - - - - - p\n"
	    "1060 10 1 0 1.50 - 60.00 - 60 - - - - - - - p\n"
	    "1060 40 1 0 0.10 - 10.00 - 10 - - - - - - - p\n"
	    "1100 30 1 0 0.20 0.00 30.00 0 5 - - - - - - - p\n"
	    "1120 10 1 0 1.50 - 60.00 - 40 - - - - - - - p\n"
	    "1120 40 1 0 0.60 - 60.00 - 20 - - - - - - - p\n"
	    "1150 10 1 0 1.00 0.00 30.00 0 30 - - - - - - - p\n"
	    "1200 40 1 0 0.20 0.00 80.00 0 11 - - - - - - - p\n");

	/* Given the other way round, the merge is the same. */
	files[0] = pacct;
	files[1] = sweeps;
	{
		char buf2[8192];

		CHECK_INT(run(files, 2, buf2, sizeof (buf2)), ==, 0);
		CHECK_STR(buf2, buf);
	}
	late_exit(sweeps, pacct);
	summary(sweeps, pacct);
	(void) unlink(sweeps);
	(void) unlink(pacct);
	{
		char path[64];

		(void) snprintf(path, sizeof (path), "%s/out", dir);
		(void) unlink(path);
	}
	(void) rmdir(dir);
	TEST_DONE();
}
