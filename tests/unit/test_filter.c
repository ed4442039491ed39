/*
 * test_filter.c: the report filters (-u, -C, -z, -k, -s, -e, -K) and the
 * times -s and -e take.  The files are made here, with records of known
 * users, commands, zones, kinds and times; the rows each filter keeps were
 * worked out by hand from them (see the comments at the expected values).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "filter.h"
#include "out.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

static char dir[] = "/tmp/exdump-filter-XXXXXX";

#define	NS_SEC	UINT64_C(1000000000)

/* --- TIME ---------------------------------------------------------- */

static void
set_tz(const char *tz)
{
	(void) setenv("TZ", tz, 1);
	tzset();
}

static uint64_t
tm_ok(const char *s, time_t now)
{
	const char *why = NULL;
	uint64_t ns = 0;

	if (filt_time(s, now, &ns, &why) != 0) {
		(void) printf("FAIL: \"%s\" refused: %s\n", s, why);
		test_failed++;
		return (UINT64_MAX);
	}
	return (ns);
}

static const char *
tm_bad(const char *s)
{
	const char *why = NULL;
	uint64_t ns = 0;

	if (filt_time(s, 0, &ns, &why) == 0)
		return ("(accepted)");
	return (why != NULL ? why : "(no reason)");
}

/*
 * 2026-12-01 is day 20788 of the epoch: 56 years from 1970 with the 14
 * leap days of 1972 to 2024 (20454 days), then January to November 2026,
 * 334 days.  So 2026-12-01T00:00Z is 20788 * 86400 = 1796083200 and
 * 10:20:30 later is 1796120430.  2024-02-29: 54 years with 13 leap days
 * (19723), then 31 + 28 days: 19782 * 86400 = 1709164800.
 */
#define	D20261201	UINT64_C(1796083200)
#define	T_NOW		(D20261201 + 37230)

static void
test_times(void)
{
	set_tz("UTC");
	/* Epoch seconds, with and without decimals. */
	CHECK_UINT(tm_ok("1700000000", 0), ==, UINT64_C(1700000000) * NS_SEC);
	CHECK_UINT(tm_ok("1700000000.25", 0), ==,
	    UINT64_C(1700000000) * NS_SEC + 250000000);
	CHECK_UINT(tm_ok("0.000000001", 0), ==, 1);
	CHECK_UINT(tm_ok("12.123456789", 0), ==, 12 * NS_SEC + 123456789);
	/* ISO 8601 with a zone: Z, +HH:MM, -HH:MM, all the same instant. */
	CHECK_UINT(tm_ok("2026-12-01T10:20:30Z", 0), ==, T_NOW * NS_SEC);
	CHECK_UINT(tm_ok("2026-12-01T12:20:30+02:00", 0), ==, T_NOW * NS_SEC);
	CHECK_UINT(tm_ok("2026-12-01T04:50:30-05:30", 0), ==, T_NOW * NS_SEC);
	CHECK_UINT(tm_ok("2026-12-01T10:20Z", 0), ==, (T_NOW - 30) * NS_SEC);
	CHECK_UINT(tm_ok("2024-02-29T00:00Z", 0), ==,
	    UINT64_C(1709164800) * NS_SEC);
	/* Local, without a zone: in UTC, then five hours west (EST5). */
	CHECK_UINT(tm_ok("2026-12-01T10:20:30", 0), ==, T_NOW * NS_SEC);
	set_tz("EST5");
	CHECK_UINT(tm_ok("2026-12-01T05:20:30", 0), ==, T_NOW * NS_SEC);
	/*
	 * HH:MM today, local.  At T_NOW it is 05:20:30 on 1 December in
	 * EST5: 23:00:05 is that day's, 04:00:05 UTC on the 2nd.
	 */
	CHECK_UINT(tm_ok("23:00:05", (time_t)T_NOW), ==,
	    (D20261201 + 86400 + 4 * 3600 + 5) * NS_SEC);
	set_tz("UTC");
	CHECK_UINT(tm_ok("08:15", (time_t)T_NOW), ==,
	    (D20261201 + 8 * 3600 + 15 * 60) * NS_SEC);
	CHECK_UINT(tm_ok("00:00:00", (time_t)T_NOW), ==, D20261201 * NS_SEC);

	/* What is wrong, said. */
	CHECK_STR(tm_bad(""), "it is empty");
	CHECK_STR(tm_bad("17000x"), "it is not epoch seconds, "
	    "YYYY-MM-DDTHH:MM[:SS] (local, or with Z or +HH:MM) or HH:MM[:SS]");
	CHECK_STR(tm_bad("1700000000."), "no digits after the decimal point");
	CHECK_STR(tm_bad("1.1234567890"), "more than nine decimals");
	CHECK_STR(tm_bad("99999999999"), "the epoch seconds are out of range");
	CHECK_STR(tm_bad("2026-13-01T00:00"), "the month is not 01 to 12");
	CHECK_STR(tm_bad("2026-02-29T00:00"), "the day is not in its month");
	CHECK_STR(tm_bad("2026-04-31T00:00Z"), "the day is not in its month");
	CHECK_STR(tm_bad("2026-12-01 10:20"),
	    "the date is not YYYY-MM-DD followed by T");
	CHECK_STR(tm_bad("1969-12-31T23:59Z"), "the year is before 1970");
	CHECK_STR(tm_bad("2026-12-01T24:00"), "the hour is not 00 to 23");
	CHECK_STR(tm_bad("12:60"), "the minute is not 00 to 59");
	CHECK_STR(tm_bad("12:00:61"), "the second is not 00 to 59");
	CHECK_STR(tm_bad("12:00:6"), "the seconds are not two digits");
	CHECK_STR(tm_bad("1:00"), "it is not epoch seconds, "
	    "YYYY-MM-DDTHH:MM[:SS] (local, or with Z or +HH:MM) or HH:MM[:SS]");
	CHECK_STR(tm_bad("12:00pm"),
	    "after HH:MM[:SS] comes nothing (today, local time)");
	CHECK_STR(tm_bad("2026-12-01T10:20+2"),
	    "after the time comes nothing, Z, or +HH:MM or -HH:MM");
	CHECK_STR(tm_bad("2026-12-01T10:20+24:00"),
	    "the zone offset is not -23:59 to +23:59");
	CHECK_STR(tm_bad("1970-01-01T00:00+01:00"), "it is before 1970");
}

/* --- files --------------------------------------------------------- */

struct prec {
	int		final;
	uint32_t	pid, ppid, uid;
	const char	*cmd;
	const char	*zone;		/* NULL: none */
	const char	*host;		/* NULL: none */
	uint64_t	start_ms;
	uint64_t	end_ms;		/* 0: no finish time */
	uint64_t	usr_ms;
	int		kthread;	/* -1: no item, else its value */
};

static void
put_proc(struct ex_wbuf *w, const struct prec *r)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, r->final ? EXD_GROUP_PROC :
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_PID), r->pid);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_UID), r->uid);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_SEC),
	    r->usr_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_NSEC),
	    r->usr_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_SEC),
	    r->start_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_NSEC),
	    r->start_ms % 1000 * 1000000);
	if (r->end_ms != 0) {
		ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_SEC),
		    r->end_ms / 1000);
		ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_NSEC),
		    r->end_ms % 1000 * 1000000);
	}
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_COMMAND), r->cmd);
	if (r->host != NULL)
		ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_HOSTNAME),
		    r->host);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_ANCPID), r->ppid);
	if (r->zone != NULL)
		ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_ZONENAME),
		    r->zone);
	if (r->kthread >= 0)
		ex_w_uint(w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, EXD_PROC_KTHREAD),
		    (uint64_t)r->kthread);
	ex_w_group_end(w);
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

/* Run -c (or -i) over one file with the filter f; the output in buf. */
static int
run(const char *file, int ivl, int sum, int table, const struct filt *f,
    char *buf, size_t len)
{
	struct opts op;
	char path[64];
	char *files[1];
	int fd, status;
	ssize_t k;

	memset(&op, 0, sizeof (op));
	op.op_c = !ivl;
	op.op_i = ivl;
	op.op_S = sum;
	op.op_H = 1;
	op.op_n = 1;
	op.op_table = table;
	op.op_filt = f;
	files[0] = (char *)(uintptr_t)file;
	(void) snprintf(path, sizeof (path), "%s/out", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	out_init(out_std, fd);
	status = ivl ? interval_files(1, files, NULL, &op) :
	    report_files(1, files, &op);
	(void) out_close(out_std);
	k = pread(fd, buf, len - 1, 0);
	buf[k > 0 ? k : 0] = '\0';
	(void) close(fd);
	return (status);
}

/*
 * Fields (1-based, blank-separated) of each line of s, joined by blanks,
 * lines by "|": "1 0|2 0|".
 */
static const char *
fields(const char *s, const int *want, int nwant)
{
	static char res[4096];
	size_t n = 0;
	int fld, i;

	res[0] = '\0';
	while (*s != '\0') {
		const char *e = strchr(s, '\n');
		size_t ll = e != NULL ? (size_t)(e - s) : strlen(s);

		for (i = 0; i < nwant; i++) {
			const char *p = s, *q;

			for (fld = 1; fld < want[i] && p < s + ll; fld++) {
				while (p < s + ll && *p != ' ')
					p++;
				while (p < s + ll && *p == ' ')
					p++;
			}
			for (q = p; q < s + ll && *q != ' '; q++)
				;
			if (n + (size_t)(q - p) + 2 >= sizeof (res))
				return ("(too long)");
			if (i > 0)
				res[n++] = ' ';
			memcpy(res + n, p, (size_t)(q - p));
			n += (size_t)(q - p);
		}
		res[n++] = '|';
		res[n] = '\0';
		s += ll + (e != NULL);
	}
	return (res);
}

/* The procid column of a -c process table, "1|2|" */
static const char *
pids(const char *s)
{
	static const int one[] = { 1 };

	return (fields(s, one, 1));
}

/* Lines of s whose field fld is exactly v, in order. */
static const char *
lines_with(const char *s, int fld, const char *v)
{
	static char res[8192];
	size_t n = 0, vl = strlen(v);

	res[0] = '\0';
	while (*s != '\0') {
		const char *e = strchr(s, '\n');
		size_t ll = e != NULL ? (size_t)(e - s) + 1 : strlen(s);
		const char *p = s;
		int f;

		for (f = 1; f < fld; f++) {
			while (p < s + ll && *p != ' ')
				p++;
			while (p < s + ll && *p == ' ')
				p++;
		}
		if (strncmp(p, v, vl) == 0 && (p[vl] == ' ' || p[vl] == '\n')) {
			if (n + ll >= sizeof (res))
				return ("(too long)");
			memcpy(res + n, s, ll);
			n += ll;
			res[n] = '\0';
		}
		s += ll;
	}
	return (res);
}

static struct filt F;

static const struct filt *
fl(void)
{
	F.f_any = 1;
	return (&F);
}

static void
reset(void)
{
	filt_init(&F);
}

/* --- -c ------------------------------------------------------------ */

/*
 * The -c file: nine processes, a task and a flow.
 *	pid   kind     uid   command       zone    finish   kthread
 *	1     partial  0     init          global  1000     -
 *	2     partial  0     kthreadd      global  1000     item 1 (ppid 0)
 *	3     partial  0     kworker/0:1   global  1000     -, ppid 2
 *	4     partial  0     rcu           global  1000     item 1 (ppid 5)
 *	100   final    1000  make          global  1500.5   -
 *	101   final    1001  make          web     2000     -
 *	102   partial  1000  makefile      web     2000     item 0
 *	103   final    1000  Make          (none)  2500     -
 *	104   partial  1000  sh            (none)  (none)   -
 *	task 7, final, zone web, finish 2000; flow of uid 1000, last seen 1800.
 */
static const struct prec crecs[] = {
	{ 0, 1, 0, 0, "init", "global", NULL, 10000, 1000000, 10, -1 },
	{ 0, 2, 0, 0, "kthreadd", "global", NULL, 10000, 1000000, 0, 1 },
	{ 0, 3, 2, 0, "kworker/0:1", "global", NULL, 10000, 1000000, 0, -1 },
	{ 0, 4, 5, 0, "rcu", "global", NULL, 10000, 1000000, 0, 1 },
	{ 1, 100, 1, 1000, "make", "global", NULL, 1400000, 1500500, 100, -1 },
	{ 1, 101, 1, 1001, "make", "web", NULL, 1400000, 2000000, 100, -1 },
	{ 0, 102, 1, 1000, "makefile", "web", NULL, 1400000, 2000000, 1, 0 },
	{ 1, 103, 1, 1000, "Make", NULL, NULL, 1400000, 2500000, 1, -1 },
	{ 0, 104, 1, 1000, "sh", NULL, NULL, 1400000, 0, 1, -1 },
};

static void
make_c(const char *path)
{
	struct ex_wbuf w;
	size_t i;

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "h");
	for (i = 0; i < sizeof (crecs) / sizeof (crecs[0]); i++)
		put_proc(&w, &crecs[i]);
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, 0, EXD_GROUP_TASK));
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_TASK_TASKID), 7);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, 0, EXD_TASK_FINISH_SEC), 2000);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, 0, EXD_TASK_FINISH_NSEC), 0);
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_TASK_ZONENAME), "web");
	ex_w_group_end(&w);
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, 0, EXD_GROUP_FLOW));
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_FLOW_V4SADDR), 0x0a000001);
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_FLOW_V4DADDR), 0x0a000002);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, 0, EXD_FLOW_CTIME), 1700);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, 0, EXD_FLOW_LSEEN), 1800);
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_FLOW_UID), 1000);
	ex_w_group_end(&w);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(write_file(path, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
}

/* The pids -c -t proc prints with F as set. */
static const char *
c_pids(const char *path)
{
	static char buf[8192];

	if (run(path, 0, 0, TBL_PROC, fl(), buf, sizeof (buf)) != 0)
		return ("(failed)");
	return (pids(buf));
}

static void
test_columns(const char *path)
{
	char buf[8192];
	static const int first[] = { 1 };

	make_c(path);
	reset();
	CHECK_INT(run(path, 0, 0, TBL_PROC, NULL, buf, sizeof (buf)), ==, 0);
	CHECK_STR(pids(buf), "1|2|3|4|100|101|102|103|104|");
	/* f_any set, nothing asked: every record. */
	CHECK_STR(c_pids(path), "1|2|3|4|100|101|102|103|104|");

	reset();
	F.f_have_uid = 1, F.f_uid = 1000;
	CHECK_STR(c_pids(path), "100|102|103|104|");
	F.f_uid = 0;
	CHECK_STR(c_pids(path), "1|2|3|4|");
	F.f_uid = 7;
	CHECK_STR(c_pids(path), "");

	/* -C: exactly, so neither "makefile" nor "Make". */
	reset();
	F.f_have_cmd = 1;
	memcpy(F.f_cmd, "make", 4);
	F.f_cmdlen = 4;
	CHECK_STR(c_pids(path), "100|101|");
	memcpy(F.f_cmd, "mak", 3);
	F.f_cmdlen = 3;
	CHECK_STR(c_pids(path), "");

	reset();
	F.f_have_zone = 1;
	memcpy(F.f_zone, "web", 3);
	F.f_zonelen = 3;
	CHECK_STR(c_pids(path), "101|102|");
	memcpy(F.f_zone, "global", 6);
	F.f_zonelen = 6;
	CHECK_STR(c_pids(path), "1|2|3|4|100|");

	reset();
	F.f_kind = EXK_FINAL;
	CHECK_STR(c_pids(path), "100|101|103|");
	F.f_kind = EXK_PARTIAL;
	CHECK_STR(c_pids(path), "1|2|3|4|102|104|");
	F.f_kind = EXK_INTERVAL;
	CHECK_STR(c_pids(path), "");

	/*
	 * -K: 2 by its item (and pid 2), 3 by its parent 2, 4 by its item
	 * alone; 102's item is 0.
	 */
	reset();
	F.f_K = 1;
	CHECK_STR(c_pids(path), "1|100|101|102|103|104|");

	/* The time range: by finish, ends included; 104 has none. */
	reset();
	F.f_have_s = 1, F.f_s = 1500 * NS_SEC + 500000000;
	CHECK_STR(c_pids(path), "100|101|102|103|");
	F.f_s++;
	CHECK_STR(c_pids(path), "101|102|103|");
	reset();
	F.f_have_e = 1, F.f_e = 2000 * NS_SEC;
	CHECK_STR(c_pids(path), "1|2|3|4|100|101|102|");
	F.f_have_s = 1, F.f_s = 1501 * NS_SEC;
	CHECK_STR(c_pids(path), "101|102|");
	F.f_e = 1999 * NS_SEC;
	CHECK_STR(c_pids(path), "");

	/* Together: AND. */
	reset();
	F.f_have_uid = 1, F.f_uid = 1000;
	F.f_have_cmd = 1;
	memcpy(F.f_cmd, "make", 4);
	F.f_cmdlen = 4;
	CHECK_STR(c_pids(path), "100|");
	F.f_kind = EXK_PARTIAL;
	CHECK_STR(c_pids(path), "");
	reset();
	F.f_have_uid = 1, F.f_uid = 1000;
	F.f_have_zone = 1;
	memcpy(F.f_zone, "web", 3);
	F.f_zonelen = 3;
	CHECK_STR(c_pids(path), "102|");
	reset();
	F.f_K = 1;
	F.f_have_uid = 1, F.f_uid = 0;
	CHECK_STR(c_pids(path), "1|");

	/*
	 * Every table: -u keeps the flow of uid 1000 (its first column,
	 * its creation time 1700) and no task, which has no user; -z web
	 * keeps the task (id 7) and no flow, which has no zone.
	 */
	reset();
	F.f_have_uid = 1, F.f_uid = 1000;
	CHECK_INT(run(path, 0, 0, TBL_ALL, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, first, 1), "100|102|103|104|1700|");
	reset();
	F.f_have_zone = 1;
	memcpy(F.f_zone, "web", 3);
	F.f_zonelen = 3;
	CHECK_INT(run(path, 0, 0, TBL_ALL, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, first, 1), "101|102|7|");
	/* The flow's end is its last-seen time, 1800. */
	reset();
	F.f_have_s = 1, F.f_s = 1800 * NS_SEC;
	F.f_have_e = 1, F.f_e = 1800 * NS_SEC;
	CHECK_INT(run(path, 0, 0, TBL_ALL, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, first, 1), "1700|");

	/* JSON: "kthread":1 where the item is 1, 0 where 0. */
	{
		struct opts op;
		char out[64], *files[1];
		int fd;
		ssize_t k;

		memset(&op, 0, sizeof (op));
		op.op_c = 1;
		op.op_fmt = FMT_JSON;
		op.op_table = TBL_PROC;
		files[0] = (char *)(uintptr_t)path;
		(void) snprintf(out, sizeof (out), "%s/out", dir);
		fd = open(out, O_RDWR | O_CREAT | O_TRUNC, 0600);
		CHECK(fd != -1);
		out_init(out_std, fd);
		CHECK_INT(report_files(1, files, &op), ==, 0);
		(void) out_close(out_std);
		k = pread(fd, buf, sizeof (buf) - 1, 0);
		buf[k > 0 ? k : 0] = '\0';
		(void) close(fd);
		/* The fields in the table's order, kthread as 1 or 0. */
		CHECK(strstr(buf, "\"procid\":2,\"ppid\":0,\"uid\":0,"
		    "\"zone\":\"global\",\"command\":\"kthreadd\","
		    "\"pstart_ns\":10000000000,\"started_ns\":10000000000,"
		    "\"finished_ns\":1000000000000,\"usr_ns\":0,"
		    "\"time_ns\":990000000000,\"kthread\":1}\n") != NULL);
		CHECK(strstr(buf, "\"procid\":4,\"ppid\":5,\"uid\":0,"
		    "\"zone\":\"global\",\"command\":\"rcu\",") != NULL);
		CHECK(strstr(buf, "\"procid\":102,\"ppid\":1,\"uid\":1000,"
		    "\"zone\":\"web\",\"command\":\"makefile\","
		    "\"pstart_ns\":1400000000000,"
		    "\"started_ns\":1400000000000,"
		    "\"finished_ns\":2000000000000,\"usr_ns\":1000000,"
		    "\"time_ns\":600000000000,\"kthread\":0}\n") != NULL);
		/* Only those three records carry it. */
		{
			const char *p = buf;
			int n = 0;

			while ((p = strstr(p, "\"kthread\"")) != NULL)
				n++, p++;
			CHECK_INT(n, ==, 3);
		}
	}
}

/* The kernel-thread rule on single records. */
static void
test_kthread(void)
{
	struct ex_proc p;

	memset(&p, 0, sizeof (p));
	CHECK_INT(filt_kthread(&p), ==, 0);
	p.ep_have = EX_BIT(EXD_PROC_PID);
	p.ep_pid = 2;
	CHECK_INT(filt_kthread(&p), ==, 1);
	p.ep_pid = 3;
	CHECK_INT(filt_kthread(&p), ==, 0);
	p.ep_have |= EX_BIT(EXD_PROC_ANCPID);
	p.ep_ppid = 2;
	CHECK_INT(filt_kthread(&p), ==, 1);
	p.ep_ppid = 1;
	CHECK_INT(filt_kthread(&p), ==, 0);
	/* A ppid of 2 that the record does not have is no parent. */
	p.ep_have &= ~EX_BIT(EXD_PROC_ANCPID);
	p.ep_ppid = 2;
	CHECK_INT(filt_kthread(&p), ==, 0);
	p.ep_have |= EX_BIT(EXD_PROC_KTHREAD);
	p.ep_kthread = 1;
	CHECK_INT(filt_kthread(&p), ==, 1);
	p.ep_kthread = 0;
	CHECK_INT(filt_kthread(&p), ==, 0);
	/* A value without its presence bit is nothing. */
	p.ep_have &= ~EX_BIT(EXD_PROC_KTHREAD);
	p.ep_kthread = 1;
	CHECK_INT(filt_kthread(&p), ==, 0);
}

/* --- -i and -S ----------------------------------------------------- */

static void
sweep_rec(struct ex_wbuf *w, uint64_t start_ms, uint64_t n)
{
	struct ex_sweep sw;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_PID);
	memcpy(sw.sw_hostname, "h", 1);
	sw.sw_hostname_len = 1;
	sw.sw_start = start_ms * 1000000;
	sw.sw_end = (start_ms + 10) * 1000000;
	sw.sw_nrec = n;
	sw.sw_pid = 0;
	rec_encode_sweep(w, &sw);
}

/*
 * Sweeps of host h at 1000, 1060 and 1120 s: intervals (1000, 1060] and
 * (1060, 1120].  CPU so far at each sweep:
 *	pid 10, uid 1000, "a":        1.0, 2.0, 4.0 s  (rows 1.00, 2.00)
 *	pid 11, uid 2000, "b", z1:    0.1, 0.3, 0.6 s  (rows 0.20, 0.30)
 *	pid 12, uid 0, "kw", ppid 2:  0, 0.01, 0.02 s  (rows 0.01, 0.01)
 * and pid 13, uid 1000, "a", from 1070 to an exit at 1090 with 0.5 s:
 * its exit row, 0.50, in (1060, 1120].
 */
static void
make_i(const char *path)
{
	static const uint64_t u10[] = { 1000, 2000, 4000 };
	static const uint64_t u11[] = { 100, 300, 600 };
	static const uint64_t u12[] = { 0, 10, 20 };
	struct prec r;
	struct ex_wbuf w;
	int k;

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "h");
	for (k = 0; k < 3; k++) {
		uint64_t t = 1000000 + 60000 * (uint64_t)k;

		sweep_rec(&w, t, 3);
		r = (struct prec){ 0, 10, 1, 1000, "a", "global", "h", 900000,
		    t + 5, u10[k], -1 };
		put_proc(&w, &r);
		r = (struct prec){ 0, 11, 1, 2000, "b", "z1", "h", 900000,
		    t + 6, u11[k], -1 };
		put_proc(&w, &r);
		r = (struct prec){ 0, 12, 2, 0, "kw", "global", "h", 900000,
		    t + 7, u12[k], -1 };
		put_proc(&w, &r);
		if (k == 1) {
			r = (struct prec){ 1, 13, 1, 1000, "a", "global", "h",
			    1070000, 1090000, 500, -1 };
			put_proc(&w, &r);
		}
	}
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(write_file(path, w.wb_buf, w.wb_len), ==, 0);
	ex_w_free(&w);
}

/* end, pid and usr of each -i row. */
static const char *
ivrows(const char *buf)
{
	static const int f[] = { 1, 2, 5 };

	return (fields(buf, f, 3));
}

static void
test_intervals(const char *path)
{
	static char all[8192], buf[8192];
	static const int sf[] = { 2, 5, 6, 7, 8 };

	make_i(path);
	reset();
	CHECK_INT(run(path, 1, 0, TBL_PROC, NULL, all, sizeof (all)), ==, 0);
	CHECK_STR(ivrows(all),
	    "1060.000 10 1.00|1060.000 11 0.20|1060.000 12 0.01|"
	    "1120.000 10 2.00|1120.000 11 0.30|1120.000 12 0.01|"
	    "1120.000 13 0.50|");

	/* -u 1000: the same rows, those of uid 1000 (the 4th column). */
	F.f_have_uid = 1, F.f_uid = 1000;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, lines_with(all, 4, "1000"));
	CHECK_STR(ivrows(buf),
	    "1060.000 10 1.00|1120.000 10 2.00|1120.000 13 0.50|");
	F.f_uid = 2000;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, lines_with(all, 4, "2000"));
	CHECK_STR(ivrows(buf), "1060.000 11 0.20|1120.000 11 0.30|");

	/* -C a (the 17th column), -z z1, -K (12, by its parent 2). */
	reset();
	F.f_have_cmd = 1;
	memcpy(F.f_cmd, "a", 1);
	F.f_cmdlen = 1;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, lines_with(all, 17, "a"));
	CHECK_STR(ivrows(buf),
	    "1060.000 10 1.00|1120.000 10 2.00|1120.000 13 0.50|");
	reset();
	F.f_have_zone = 1;
	memcpy(F.f_zone, "z1", 2);
	F.f_zonelen = 2;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(ivrows(buf), "1060.000 11 0.20|1120.000 11 0.30|");
	reset();
	F.f_K = 1;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(ivrows(buf),
	    "1060.000 10 1.00|1060.000 11 0.20|"
	    "1120.000 10 2.00|1120.000 11 0.30|1120.000 13 0.50|");

	/* -k: the exit row alone, or the sweeps' rows. */
	reset();
	F.f_kind = EXK_FINAL;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(ivrows(buf), "1120.000 13 0.50|");
	F.f_kind = EXK_PARTIAL;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(ivrows(buf),
	    "1060.000 10 1.00|1060.000 11 0.20|1060.000 12 0.01|"
	    "1120.000 10 2.00|1120.000 11 0.30|1120.000 12 0.01|");

	/*
	 * A range that cuts through an interval keeps the rows of the
	 * intervals that end in it, whole: from 1030, both intervals, the
	 * first one's rows as without the range; to 1090, the first only;
	 * from 1060.001, the second.
	 */
	reset();
	F.f_have_s = 1, F.f_s = 1030 * NS_SEC;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, all);
	reset();
	F.f_have_e = 1, F.f_e = 1090 * NS_SEC;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, lines_with(all, 1, "1060.000"));
	CHECK_STR(ivrows(buf),
	    "1060.000 10 1.00|1060.000 11 0.20|1060.000 12 0.01|");
	reset();
	F.f_have_s = 1, F.f_s = 1060 * NS_SEC + 1000000;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, lines_with(all, 1, "1120.000"));
	/* And with -u: uid 1000's rows of the second interval. */
	F.f_have_uid = 1, F.f_uid = 1000;
	CHECK_INT(run(path, 1, 0, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(ivrows(buf), "1120.000 10 2.00|1120.000 13 0.50|");

	/*
	 * -S: end, nproc, exits, lost, usr.  Whole: 1.00 + 0.20 + 0.01 =
	 * 1.21 in three processes, then 2.00 + 0.30 + 0.01 + 0.50 = 2.81
	 * in four, one exit.  -u 1000: 1.00 in one; 2.00 + 0.50 = 2.50 in
	 * two, one exit.  -K: 1.20 in two; 2.80 in three.  -k final: no
	 * process in the first, 13's 0.50 in the second.
	 */
	reset();
	CHECK_INT(run(path, 1, 1, TBL_PROC, NULL, buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, sf, 5),
	    "1060.000 3 0 0 1.21|1120.000 4 1 0 2.81|");
	F.f_have_uid = 1, F.f_uid = 1000;
	CHECK_INT(run(path, 1, 1, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, sf, 5),
	    "1060.000 1 0 0 1.00|1120.000 2 1 0 2.50|");
	reset();
	F.f_K = 1;
	CHECK_INT(run(path, 1, 1, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, sf, 5),
	    "1060.000 2 0 0 1.20|1120.000 3 1 0 2.80|");
	reset();
	F.f_kind = EXK_FINAL;
	CHECK_INT(run(path, 1, 1, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, sf, 5),
	    "1060.000 0 0 0 -|1120.000 1 1 0 0.50|");
	/* The range picks intervals by their end: 1030 to 1090, the first. */
	reset();
	F.f_have_s = 1, F.f_s = 1030 * NS_SEC;
	F.f_have_e = 1, F.f_e = 1090 * NS_SEC;
	CHECK_INT(run(path, 1, 1, TBL_PROC, fl(), buf, sizeof (buf)), ==, 0);
	CHECK_STR(fields(buf, sf, 5), "1060.000 3 0 0 1.21|");
}

int
main(void)
{
	char cpath[64], ipath[64];

	if (mkdtemp(dir) == NULL) {
		TEST_SKIP("cannot make a temporary directory");
		TEST_DONE();
	}
	(void) snprintf(cpath, sizeof (cpath), "%s/c", dir);
	(void) snprintf(ipath, sizeof (ipath), "%s/i", dir);
	test_times();
	test_kthread();
	test_columns(cpath);
	test_intervals(ipath);
	(void) unlink(cpath);
	(void) unlink(ipath);
	(void) snprintf(cpath, sizeof (cpath), "%s/out", dir);
	(void) unlink(cpath);
	(void) rmdir(dir);
	TEST_DONE();
}
