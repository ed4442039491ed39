/*
 * test_merge.c: -i and -S over sweeps and process-accounting files, taken
 * in time order, and the host each exit belongs to.  The files are made
 * here; the rows were worked out by hand (see the comments at the
 * expected text).
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

/* Run the interval report (-i -H -n -t proc, -S if sum); fmt in buf. */
static int
run_f(char *const files[], char *const hosts[], int n, char *buf, size_t len,
    int sum, int fmt)
{
	struct opts op;
	char path[64], err[64];
	int fd, efd, saved, status;
	ssize_t k;

	memset(&op, 0, sizeof (op));
	op.op_i = 1;
	op.op_H = 1;
	op.op_n = 1;
	op.op_table = TBL_PROC;
	op.op_S = sum;
	op.op_fmt = fmt;
	(void) snprintf(path, sizeof (path), "%s/out", dir);
	(void) snprintf(err, sizeof (err), "%s/err", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	/* What the run says on stderr is checked apart: keep it. */
	if ((efd = open(err, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	(void) fflush(stderr);
	saved = dup(2);
	(void) dup2(efd, 2);
	out_init(out_std, fd);
	status = interval_files(n, files, hosts, &op);
	(void) out_close(out_std);
	(void) fflush(stderr);
	(void) dup2(saved, 2);
	(void) close(saved);
	(void) close(efd);
	k = pread(fd, buf, len - 1, 0);
	buf[k > 0 ? k : 0] = '\0';
	(void) close(fd);
	return (status);
}

static int
run_s(char *const files[], char *const hosts[], int n, char *buf, size_t len,
    int sum)
{
	return (run_f(files, hosts, n, buf, len, sum, FMT_TEXT));
}

static int
run(char *const files[], int n, char *buf, size_t len)
{
	return (run_s(files, NULL, n, buf, len, 0));
}

/* What the last run said on stderr. */
static const char *
run_err(void)
{
	static char buf[2048];
	char path[64];
	ssize_t k;
	int fd;

	(void) snprintf(path, sizeof (path), "%s/err", dir);
	buf[0] = '\0';
	if ((fd = open(path, O_RDONLY)) == -1)
		return (buf);
	k = read(fd, buf, sizeof (buf) - 1);
	buf[k > 0 ? k : 0] = '\0';
	(void) close(fd);
	return (buf);
}

/*
 * The exit record of a process whose accounting finish (1060.05, whole
 * seconds of start plus the elapsed time) falls before the last sweep
 * that saw it (1060.8): it ended after that sweep, so it is in the
 * interval after it, (1060.8, 1120], with what is left, from its time.
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
	partial(&w, 11, 901240, 1000001, 100, 1);
	partial(&w, 10, 901240, 1060800, 2000, 20);
	partial(&w, 11, 901240, 1060801, 200, 2);
	partial(&w, 11, 901240, 1120000, 300, 3);
	CHECK_INT(write_file(sweeps, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	acct_rec(acct, 10, 900, 16005, 205, 23);
	CHECK_INT(write_file(pacct, acct, 64), ==, 0);
	files[0] = sweeps;
	files[1] = pacct;
	CHECK_INT(run(files, 2, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1060.800 10 1 0 1.00 - 60.80 - 10 - - - - - - - p "
	    "1000.000 60.800 lin\n"
	    "1060.800 11 1 0 0.10 - 60.80 - 1 - - - - - - - p "
	    "1000.000 60.800 lin\n"
	    "1120.000 11 1 0 0.10 - 59.20 - 1 - - - - - - - p "
	    "1060.800 59.200 lin\n"
	    "1120.000 10 1 0 0.05 0.00 0.00 0 3 - - - - - - - p "
	    "1060.800 59.200 lin\n");
}

/*
 * Two hosts, with one process-accounting file each.  Given with their
 * hosts (-P), each exit counts on its own host; without, the exits name
 * no host while two hosts have sweeps, so they are counted and said, in
 * no interval.  Both hosts have a pid 1: an exit is never matched with
 * the other host's.
 */
static void
two_hosts(void)
{
	struct ex_wbuf w;
	uint8_t acct[64];
	char a[64], b[64], pa[64], pb[64], buf[4096];
	char *files[4], *hosts[4];

	(void) snprintf(a, sizeof (a), "%s/a", dir);
	(void) snprintf(b, sizeof (b), "%s/b", dir);
	(void) snprintf(pa, sizeof (pa), "%s/pa", dir);
	(void) snprintf(pb, sizeof (pb), "%s/pb", dir);
	ex_w_init(&w);
	ex_w_header(&w, "exdump", "alpha");
	proc_rec(&w, 0, "alpha", 1, 0, 1000000, 100, 0);
	proc_rec(&w, 0, "alpha", 1, 0, 1060000, 300, 0);
	CHECK_INT(write_file(a, w.wb_buf, w.wb_len), ==, 0);
	ex_w_reset(&w);
	ex_w_header(&w, "exdump", "beta");
	proc_rec(&w, 0, "beta", 1, 0, 1000000, 1000, 0);
	proc_rec(&w, 0, "beta", 1, 0, 1060000, 1500, 0);
	CHECK_INT(write_file(b, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	acct_rec(acct, 5, 1010, 1000, 50, 1);	/* 1010-1020, 0.5 s */
	CHECK_INT(write_file(pa, acct, 64), ==, 0);
	acct_rec(acct, 6, 1020, 1000, 70, 1);	/* 1020-1030, 0.7 s */
	CHECK_INT(write_file(pb, acct, 64), ==, 0);
	files[0] = a;
	files[1] = b;
	files[2] = pa;
	files[3] = pb;
	hosts[0] = hosts[1] = NULL;
	hosts[2] = "alpha";
	hosts[3] = "beta";
	CHECK_INT(run_s(files, hosts, 4, buf, sizeof (buf), 1), ==, 0);
	/*
	 * alpha: pid 1's 0.2 s and pid 5's 0.5 s; beta: 0.5 and 0.7 s.
	 * The exits carry sys 0 and their faults, the sweeps neither.
	 */
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 alpha 2 1 0 0.70 0.00 0 1 - - - - - - -\n"
	    "1000.000 1060.000 60.000 beta 2 1 0 1.20 0.00 0 1 - - - - - - -\n");
	CHECK_STR(run_err(), "");
	CHECK_INT(run_s(files, NULL, 4, buf, sizeof (buf), 1), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 alpha 1 0 0 0.20 - - 0 - - - - - - -\n"
	    "1000.000 1060.000 60.000 beta 1 0 0 0.50 - - 0 - - - - - - -\n");
	CHECK_STR(run_err(), "exdump: 2 exit records of no host, with 2 "
	    "hosts swept: in no interval (give each process-accounting file "
	    "its host with -P HOST=FILE)\n");
	(void) unlink(a);
	(void) unlink(b);
	(void) unlink(pa);
	(void) unlink(pb);
}

/* A Linux sweep record of host "lin": times in ms, the sweep's pid. */
static void
sweep_rec(struct ex_wbuf *w, uint64_t start_ms, uint64_t end_ms, uint64_t n,
    uint32_t pid)
{
	struct ex_sweep sw;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_PID);
	memcpy(sw.sw_hostname, "lin", 3);
	sw.sw_hostname_len = 3;
	sw.sw_start = start_ms * 1000000;
	sw.sw_end = end_ms * 1000000;
	sw.sw_nrec = n;
	sw.sw_pid = pid;
	rec_encode_sweep(w, &sw);
}

/*
 * Process accounting keeps a start in whole seconds, so a process that
 * ended in the second after a sweep seems to have ended before it.  But
 * the file is in exit order, and the sweep's own exit record (its pid is
 * in the sweep record) comes after everything that ended before the
 * sweep: a record after it ended after the sweep.  Sweeps at 1000.5,
 * 1060.5 and 1120.5 (pids 500, 600, 700), pid 10 swept at each:
 * - 500 (the first sweep's process, 0.01 s) ended at "1000.02": after
 *   its sweep, so in (1000.5, 1060.5].
 * - 30 (1000.2 to 1000.7, 0.2 s) seems to end at 1000.5, no later than
 *   the first sweep; after 500's record, it is in (1000.5, 1060.5].
 * - 600 (0.01 s) and 31 (1060.1 to 1060.55, 0.3 s) likewise in (1060.5,
 *   1120.5], though 31 seems to end at 1060.45.
 * So: 1.0 + 0.01 + 0.2 = 1.21 s, then 1.0 + 0.01 + 0.3 = 1.31 s.
 * Given twice, a file is read once, and said.
 */
static void
sweep_marks(void)
{
	struct ex_wbuf w;
	uint8_t acct[4 * 64];
	char s[64], p[64], buf[4096], *files[3];

	(void) snprintf(s, sizeof (s), "%s/marks", dir);
	(void) snprintf(p, sizeof (p), "%s/marks.pacct", dir);
	ex_w_init(&w);
	ex_w_header(&w, "exdump", "lin");
	sweep_rec(&w, 1000500, 1000510, 1, 500);
	partial(&w, 10, 900000, 1000501, 1000, 0);
	sweep_rec(&w, 1060500, 1060510, 1, 600);
	partial(&w, 10, 900000, 1060501, 2000, 0);
	sweep_rec(&w, 1120500, 1120510, 1, 700);
	partial(&w, 10, 900000, 1120501, 3000, 0);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(write_file(s, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	acct_rec(acct + 0 * 64, 500, 1000, 2, 1, 0);	/* ends "1000.02" */
	acct_rec(acct + 1 * 64, 30, 1000, 50, 20, 0);	/* ends "1000.5" */
	acct_rec(acct + 2 * 64, 600, 1060, 2, 1, 0);
	acct_rec(acct + 3 * 64, 31, 1060, 45, 30, 0);	/* ends "1060.45" */
	CHECK_INT(write_file(p, acct, sizeof (acct)), ==, 0);
	files[0] = s;
	files[1] = p;
	CHECK_INT(run_s(files, NULL, 2, buf, sizeof (buf), 1), ==, 0);
	CHECK_STR(buf,
	    "1000.500 1060.500 60.000 lin 3 2 0 1.21 0.00 0 0 - - - - - - -\n"
	    "1060.500 1120.500 60.000 lin 3 2 0 1.31 0.00 0 0 - - - - - - -\n");
	CHECK_STR(run_err(), "");
	files[2] = s;
	CHECK_INT(run_s(files, NULL, 3, buf, sizeof (buf), 1), ==, 0);
	CHECK_STR(buf,
	    "1000.500 1060.500 60.000 lin 3 2 0 1.21 0.00 0 0 - - - - - - -\n"
	    "1060.500 1120.500 60.000 lin 3 2 0 1.31 0.00 0 0 - - - - - - -\n");
	CHECK(strstr(run_err(), "is the same file as") != NULL);
	(void) unlink(s);
	(void) unlink(p);
}

/*
 * A process record of host "lin" with the local items: the four waits
 * (ns; w NULL: none) and the CPU's source (0: none), by their tags in
 * the local catalog.
 */
static void
wait_rec(struct ex_wbuf *w, int final, uint32_t pid, uint64_t start_ms,
    uint64_t end_ms, uint64_t usr_ms, const uint64_t *wt, uint32_t src)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, final ? EXD_GROUP_PROC :
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_PID), pid);
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
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_HOSTNAME), "lin");
	if (wt != NULL) {
		ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1024), wt[0]);
		ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1025), wt[1]);
		ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1026), wt[2]);
		ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1027), wt[3]);
	}
	if (src != 0)
		ex_w_uint(w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e1028), src);
	ex_w_group_end(w);
}

/*
 * The waits through -i and -S, in JSON.  Sweep records of "lin" at
 * 1000.5, 1060.5, 1120.5 and 1180.5 s (all complete); pid 10 (started at
 * 1010) swept at the second and third, and its exit at 1150; pid 11
 * (started 1070) swept at the third and fourth.  Waits (cpu, blkio,
 * swapin, reclaim, ns) and source, at each record:
 *	pid 10	1060.501: 1000000 2000 0 5, sampled; usr 1.0 s
 *		1120.501: 3500000 1500 0 5, sampled; usr 1.5 s
 *		exit 1150: 4000000 2600 7 5, exact; usr 2.0 s
 *	pid 11	1120.502: 100 0 1 2, no source; usr 0.2 s
 *		1180.502: 150 40 1 2; usr 0.3 s
 * Rows, by hand:
 *	pid 10 (1000.5, 1060.5]: whole since its start: 1000000 2000 0 5
 *	pid 10 (1060.5, 1120.5]: 2500000, 0 (blkio fell), 0, 0
 *	pid 11 (1060.5, 1120.5]: whole: 100 0 1 2
 *	pid 11 (1120.5, 1180.5]: 50 40 0 0
 *	pid 10's exit, (1120.5, 1180.5]: its totals less what was given
 *	    out: 4000000 - 3500000 = 500000, 2600 - (2000 + 0) = 600,
 *	    7 - 0 = 7, 5 - 5 = 0
 * The exit row comes when its interval closes, at the end.
 */
static void
waits(void)
{
	static const uint64_t a1[4] = { 1000000, 2000, 0, 5 };
	static const uint64_t a2[4] = { 3500000, 1500, 0, 5 };
	static const uint64_t a3[4] = { 4000000, 2600, 7, 5 };
	static const uint64_t b1[4] = { 100, 0, 1, 2 };
	static const uint64_t b2[4] = { 150, 40, 1, 2 };
	struct ex_wbuf w;
	char f[64], buf[8192], *files[1];

	(void) snprintf(f, sizeof (f), "%s/waits", dir);
	ex_w_init(&w);
	ex_w_header(&w, "exdump", "lin");
	sweep_rec(&w, 1000500, 1000510, 0, 0);
	sweep_rec(&w, 1060500, 1060510, 1, 0);
	wait_rec(&w, 0, 10, 1010000, 1060501, 1000, a1, EXCPU_SAMPLED);
	sweep_rec(&w, 1120500, 1120510, 2, 0);
	wait_rec(&w, 0, 10, 1010000, 1120501, 1500, a2, EXCPU_SAMPLED);
	wait_rec(&w, 0, 11, 1070000, 1120502, 200, b1, 0);
	wait_rec(&w, 1, 10, 1010000, 1150000, 2000, a3, EXCPU_EXACT);
	sweep_rec(&w, 1180500, 1180510, 1, 0);
	wait_rec(&w, 0, 11, 1070000, 1180502, 300, b2, 0);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(write_file(f, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
	files[0] = f;
	CHECK_INT(run_f(files, NULL, 1, buf, sizeof (buf), 0, FMT_JSON), ==, 0);
	CHECK_STR(buf,
	    "{\"type\":\"proc\",\"end_ns\":1060500000000,"
	    "\"start_ns\":1000500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"kind\":\"partial\",\"procid\":10,"
	    "\"pstart_ns\":1010000000000,"
	    "\"started_ns\":1010000000000,"
	    "\"finished_ns\":1060501000000,\"usr_ns\":1000000000,"
	    "\"time_ns\":50501000000,\"wait_cpu_ns\":1000000,"
	    "\"wait_blkio_ns\":2000,\"wait_swapin_ns\":0,"
	    "\"wait_reclaim_ns\":5,\"cpu_source\":\"sampled\"}\n"
	    "{\"type\":\"proc\",\"end_ns\":1120500000000,"
	    "\"start_ns\":1060500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"kind\":\"partial\",\"procid\":10,"
	    "\"pstart_ns\":1010000000000,"
	    "\"started_ns\":1060501000000,"
	    "\"finished_ns\":1120501000000,\"usr_ns\":500000000,"
	    "\"time_ns\":60000000000,\"wait_cpu_ns\":2500000,"
	    "\"wait_blkio_ns\":0,\"wait_swapin_ns\":0,"
	    "\"wait_reclaim_ns\":0,\"cpu_source\":\"sampled\"}\n"
	    "{\"type\":\"proc\",\"end_ns\":1120500000000,"
	    "\"start_ns\":1060500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"kind\":\"partial\",\"procid\":11,"
	    "\"pstart_ns\":1070000000000,"
	    "\"started_ns\":1070000000000,"
	    "\"finished_ns\":1120502000000,\"usr_ns\":200000000,"
	    "\"time_ns\":50502000000,\"wait_cpu_ns\":100,"
	    "\"wait_blkio_ns\":0,\"wait_swapin_ns\":1,"
	    "\"wait_reclaim_ns\":2}\n"
	    "{\"type\":\"proc\",\"end_ns\":1180500000000,"
	    "\"start_ns\":1120500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"kind\":\"partial\",\"procid\":11,"
	    "\"pstart_ns\":1070000000000,"
	    "\"started_ns\":1120502000000,"
	    "\"finished_ns\":1180502000000,\"usr_ns\":100000000,"
	    "\"time_ns\":60000000000,\"wait_cpu_ns\":50,"
	    "\"wait_blkio_ns\":40,\"wait_swapin_ns\":0,"
	    "\"wait_reclaim_ns\":0}\n"
	    "{\"type\":\"proc\",\"end_ns\":1180500000000,"
	    "\"start_ns\":1120500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"kind\":\"final\",\"procid\":10,"
	    "\"pstart_ns\":1010000000000,"
	    "\"started_ns\":1120501000000,"
	    "\"finished_ns\":1150000000000,\"usr_ns\":500000000,"
	    "\"time_ns\":29499000000,\"wait_cpu_ns\":500000,"
	    "\"wait_blkio_ns\":600,\"wait_swapin_ns\":7,"
	    "\"wait_reclaim_ns\":0,\"cpu_source\":\"exact\"}\n");
	CHECK_STR(run_err(), "");
	/*
	 * -S: each interval's rows summed: (1000.5, 1060.5] pid 10 alone;
	 * (1060.5, 1120.5] usr 0.5 + 0.2 s, cpu 2500000 + 100, blkio 0,
	 * swapin 1, reclaim 2; (1120.5, 1180.5] usr 0.1 + 0.5 s, cpu 50 +
	 * 500000, blkio 40 + 600, swapin 7, reclaim 0, one exit.
	 */
	CHECK_INT(run_f(files, NULL, 1, buf, sizeof (buf), 1, FMT_JSON), ==, 0);
	CHECK_STR(buf,
	    "{\"type\":\"summary\",\"end_ns\":1060500000000,"
	    "\"start_ns\":1000500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"usr_ns\":1000000000,"
	    "\"wait_cpu_ns\":1000000,\"wait_blkio_ns\":2000,"
	    "\"wait_swapin_ns\":0,\"wait_reclaim_ns\":5,\"nproc\":1,"
	    "\"exits\":0,\"lost\":0}\n"
	    "{\"type\":\"summary\",\"end_ns\":1120500000000,"
	    "\"start_ns\":1060500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"usr_ns\":700000000,"
	    "\"wait_cpu_ns\":2500100,\"wait_blkio_ns\":0,"
	    "\"wait_swapin_ns\":1,\"wait_reclaim_ns\":2,\"nproc\":2,"
	    "\"exits\":0,\"lost\":0}\n"
	    "{\"type\":\"summary\",\"end_ns\":1180500000000,"
	    "\"start_ns\":1120500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"usr_ns\":600000000,"
	    "\"wait_cpu_ns\":500050,\"wait_blkio_ns\":640,"
	    "\"wait_swapin_ns\":7,\"wait_reclaim_ns\":0,\"nproc\":2,"
	    "\"exits\":1,\"lost\":0}\n");
	/* The text summary keeps its 18 columns. */
	CHECK_INT(run_s(files, NULL, 1, buf, sizeof (buf), 1), ==, 0);
	CHECK_STR(buf,
	    "1000.500 1060.500 60.000 lin 1 0 0 1.00 - - - - - - - - - -\n"
	    "1060.500 1120.500 60.000 lin 2 0 0 0.70 - - - - - - - - - -\n"
	    "1120.500 1180.500 60.000 lin 2 1 0 0.60 - - - - - - - - - -\n");
	(void) unlink(f);
}

/* A drop record by hand: host NULL for none; times in ms. */
static void
drop_rec(struct ex_wbuf *w, const char *host, uint64_t start_ms,
    uint64_t end_ms, uint64_t count)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x7e0100));
	if (host != NULL)
		ex_w_string(w, EX_TAG(EX_T_STRING, EX_C_LOCAL, 0x7e0101),
		    host);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0102),
	    start_ms * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0103),
	    end_ms * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0104), count);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e0105), 321);
	ex_w_group_end(w);
}

/*
 * Drop records in -S: each one's count is lost in the interval holding
 * its end.  Sweep records of "lin" at 1000.5, 1060.5 and 1120.5 s (all
 * complete); pid 10 swept at the first two (usr 1.0 then 1.5 s), missed
 * by the third: lost in (1060.5, 1120.5].  Drops:
 *	end 900 (4): before the first sweep, in no interval
 *	end 1030 (5) and 1060.5 (1, the interval's last instant):
 *	    (1000.5, 1060.5], lost 6
 *	end 1100 (2): (1060.5, 1120.5], lost 2 + pid 10 = 3
 *	end 1200 (6): after the last sweep, in no interval
 * 18 dropped in all, 10 in no interval.  The same with the drop records
 * in a file of their own (no hostname: the header's), merged by time.
 */
static void
drop_records(void)
{
	static const char err[] =
	    "exdump: 5 drop records: 18 exits went unrecorded "
	    "(notifications the kernel dropped, one a thread, and records "
	    "the listener could not write)\n"
	    "exdump: 10 dropped exit notifications before their host's "
	    "first sweep, after its last, or of no time: in no interval\n";
	struct ex_wbuf w;
	char f[64], g[64], buf[4096], *files[2];
	int pass;

	(void) snprintf(f, sizeof (f), "%s/drops", dir);
	(void) snprintf(g, sizeof (g), "%s/drops2", dir);
	for (pass = 0; pass < 2; pass++) {
		ex_w_init(&w);
		ex_w_header(&w, "exdump", "lin");
		if (pass == 0)
			drop_rec(&w, "lin", 800000, 900000, 4);
		sweep_rec(&w, 1000500, 1000510, 1, 0);
		partial(&w, 10, 900000, 1000501, 1000, 0);
		if (pass == 0) {
			drop_rec(&w, "lin", 1000600, 1030000, 5);
			drop_rec(&w, "lin", 1030000, 1060500, 1);
		}
		sweep_rec(&w, 1060500, 1060510, 1, 0);
		partial(&w, 10, 900000, 1060501, 1500, 0);
		if (pass == 0)
			drop_rec(&w, "lin", 1060600, 1100000, 2);
		sweep_rec(&w, 1120500, 1120510, 0, 0);
		if (pass == 0)
			drop_rec(&w, "lin", 1120600, 1200000, 6);
		CHECK_INT(w.wb_err, ==, 0);
		CHECK_INT(write_file(f, w.wb_buf, w.wb_len), ==, 0);
		files[0] = f;
		if (pass == 1) {
			ex_w_reset(&w);
			ex_w_header(&w, "exdump", "lin");
			drop_rec(&w, NULL, 800000, 900000, 4);
			drop_rec(&w, NULL, 1000600, 1030000, 5);
			drop_rec(&w, NULL, 1030000, 1060500, 1);
			drop_rec(&w, NULL, 1060600, 1100000, 2);
			drop_rec(&w, NULL, 1120600, 1200000, 6);
			CHECK_INT(w.wb_err, ==, 0);
			CHECK_INT(write_file(g, w.wb_buf, w.wb_len), ==, 0);
			files[1] = g;
		}
		ex_w_free(&w);
		CHECK_INT(run_s(files, NULL, pass + 1, buf, sizeof (buf), 1),
		    ==, 0);
		CHECK_STR(buf,
		    "1000.500 1060.500 60.000 lin 1 0 6 0.50 - - 0 - - - - - - "
		    "-\n"
		    "1060.500 1120.500 60.000 lin 0 0 3 - - - - - - - - - - "
		    "-\n");
		CHECK_STR(run_err(), err);
		CHECK_INT(run_f(files, NULL, pass + 1, buf, sizeof (buf), 1,
		    FMT_JSON), ==, 0);
		CHECK_STR(buf,
		    "{\"type\":\"summary\",\"end_ns\":1060500000000,"
		    "\"start_ns\":1000500000000,\"len_ns\":60000000000,"
		    "\"host\":\"lin\",\"usr_ns\":500000000,\"minf\":0,"
		    "\"nproc\":1,\"exits\":0,\"lost\":6}\n"
		    "{\"type\":\"summary\",\"end_ns\":1120500000000,"
		    "\"start_ns\":1060500000000,\"len_ns\":60000000000,"
		    "\"host\":\"lin\",\"nproc\":0,\"exits\":0,\"lost\":3}\n");
		/* -i: no rows of their own. */
		CHECK_INT(run(files, pass + 1, buf, sizeof (buf)), ==, 0);
		CHECK_STR(buf, "1060.500 10 1 0 0.50 - 60.00 - 0 - - - - - - "
		    "- p 1000.500 60.000 lin\n");
		CHECK_STR(run_err(), err);
	}
	(void) unlink(f);
	(void) unlink(g);
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

	/*
	 * Three sweeps (no sweep records: found by their records), at 1000,
	 * 1060 and 1120 s: intervals (1000, 1060] and (1060, 1120].
	 */
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
	 * arMB mrMB command start len host.  The first sweep is the
	 * baseline: no rows.  A sweep's rows come as it is read; an
	 * interval's exit rows when it closes (2 s after its sweep, by the
	 * records' time).
	 * - 1060: pid 10, 60 s, 3.5 - 2.0 s, 160 - 100 faults; pid 40,
	 *   started at 1050 after the sweep before: whole, 10 s.
	 * - exits in (1000, 1060]: pid 20 at 1030 (acct start 950 is
	 *   within 1 s of 950.5), 1.5 - 1.0 s, 70 - 50 faults, the 30 s
	 *   since its sweep; the first pid 40 (1035-1040), born and gone
	 *   between sweeps: whole.
	 * - 1120: pid 10, 1.5 s, 40; pid 40, 0.6 s, 20.
	 * - exits in (1060, 1120]: pid 30 (1070-1100), whole.
	 * - pid 10 at 1150 and the second pid 40 at 1200 end after the
	 *   last sweep: in no interval.
	 * The acct records carry sys 0 and major faults 0.
	 */
	CHECK_STR(buf,
	    "1060.000 10 1 0 1.50 - 60.00 - 60 - - - - - - - p "
	    "1000.000 60.000 lin\n"
	    "1060.000 40 1 0 0.10 - 10.00 - 10 - - - - - - - p "
	    "1000.000 60.000 lin\n"
	    "1060.000 20 1 0 0.50 0.00 30.00 0 20 - - - - - - - p "
	    "1000.000 60.000 lin\n"
	    "1060.000 40 1 0 0.30 0.00 5.00 0 4 - - - - - - - p "
	    "1000.000 60.000 lin\n"
	    "1120.000 10 1 0 1.50 - 60.00 - 40 - - - - - - - p "
	    "1060.000 60.000 lin\n"
	    "1120.000 40 1 0 0.60 - 60.00 - 20 - - - - - - - p "
	    "1060.000 60.000 lin\n"
	    "1120.000 30 1 0 0.20 0.00 30.00 0 5 - - - - - - - p "
	    "1060.000 60.000 lin\n");

	/* Given the other way round, the merge is the same. */
	files[0] = pacct;
	files[1] = sweeps;
	{
		char buf2[8192];

		CHECK_INT(run(files, 2, buf2, sizeof (buf2)), ==, 0);
		CHECK_STR(buf2, buf);
		/* -S: the same rows summed per interval. */
		CHECK_INT(run_s(files, NULL, 2, buf2, sizeof (buf2), 1), ==,
		    0);
		CHECK_STR(buf2,
		    "1000.000 1060.000 60.000 lin 4 2 0 2.40 0.00 0 94 - - - "
		    "- - - -\n"
		    "1060.000 1120.000 60.000 lin 3 1 0 2.30 0.00 0 65 - - - "
		    "- - - -\n");
	}
	late_exit(sweeps, pacct);
	two_hosts();
	sweep_marks();
	waits();
	drop_records();
	(void) unlink(sweeps);
	(void) unlink(pacct);
	{
		char path[64];

		(void) snprintf(path, sizeof (path), "%s/out", dir);
		(void) unlink(path);
		(void) snprintf(path, sizeof (path), "%s/err", dir);
		(void) unlink(path);
	}
	(void) rmdir(dir);
	TEST_DONE();
}
