/*
 * test_records.c: unit tests of the record reader (records.c) and the row
 * printers of the columnar report (report.c).
 *
 * Records are built with the writer, so every expected value is the one
 * the test put in; expected rows are worked out by hand, above all the
 * worked example of the issue on the report, whose row is given there.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "pacct.h"
#include "records.h"
#include "report.h"
#include "test.h"

/* warn_file() lives in dump.c, which wants a program name. */
const char *progname = "test_records";

#define	P(id)	EX_TAG(EX_T_UINT64, 0, id)
#define	P32(id)	EX_TAG(EX_T_UINT32, 0, id)
#define	PS(id)	EX_TAG(EX_T_STRING, 0, id)
#define	G(id)	EX_TAG(EX_T_GROUP, 0, id)

static struct ex_record rec;
static struct rec_reader rd;

/* The record of the worked example in the issue on the report. */
static void
w_example(struct ex_wbuf *w)
{
	ex_w_group_begin(w, G(EXD_GROUP_PROC));
	/* Not in id order: decoding goes by tag. */
	ex_w_uint(w, P32(EXD_PROC_UID), 100);
	ex_w_uint(w, P32(EXD_PROC_PID), 1679);
	ex_w_uint(w, P(EXD_PROC_CPU_USER_SEC), 0);
	ex_w_uint(w, P(EXD_PROC_CPU_USER_NSEC), 2861447);
	ex_w_uint(w, P(EXD_PROC_CPU_SYS_SEC), 0);
	ex_w_uint(w, P(EXD_PROC_CPU_SYS_NSEC), 4150875);
	ex_w_uint(w, P(EXD_PROC_START_SEC), 1109810711);
	ex_w_uint(w, P(EXD_PROC_START_NSEC), 813223175);
	ex_w_uint(w, P(EXD_PROC_FINISH_SEC), 1110227641);
	ex_w_uint(w, P(EXD_PROC_FINISH_NSEC), 968607249);
	ex_w_string(w, PS(EXD_PROC_COMMAND), "");
	ex_w_uint(w, P(EXD_PROC_FAULTS_MAJOR), 0);
	ex_w_uint(w, P(EXD_PROC_FAULTS_MINOR), 0);
	ex_w_uint(w, P(EXD_PROC_CHARS_RDWR), 15105);
	ex_w_uint(w, P(EXD_PROC_CONTEXT_VOL), 21);
	ex_w_uint(w, P(EXD_PROC_CONTEXT_INV), 0);
	ex_w_uint(w, P(EXD_PROC_SIGNALS), 0);
	ex_w_uint(w, P(EXD_PROC_SYSCALLS), 586);
	ex_w_uint(w, P32(EXD_PROC_ANCPID), 1647);
	ex_w_uint(w, P(EXD_PROC_MEM_RSS_AVG_K), 584);
	ex_w_uint(w, P(EXD_PROC_MEM_RSS_MAX_K), 27004);
	ex_w_group_end(w);
}

/* What the row printers write, as a string (static: one at a time). */
static struct out cap_out;
static char cap_buf[1 << 16];
static FILE *cap_f;

static struct rpt *
cap_mode(struct rpt *rp, int fmt, int n, int i, int sum)
{
	struct opts op;

	memset(&op, 0, sizeof (op));
	op.op_c = !i;
	op.op_i = i;
	op.op_S = sum;
	op.op_fmt = fmt;
	op.op_n = n;
	if ((cap_f = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(1);
	}
	out_init(&cap_out, fileno(cap_f));
	rpt_init(rp, &op, &cap_out);
	return (rp);
}

/* The report of -c; and of -i. */
static struct rpt *
cap_begin(struct rpt *rp, int fmt, int n)
{
	return (cap_mode(rp, fmt, n, 0, 0));
}

static struct rpt *
cap_begin_i(struct rpt *rp, int fmt, int n)
{
	return (cap_mode(rp, fmt, n, 1, 0));
}

static const char *
cap_end(void)
{
	ssize_t n;

	out_flush(&cap_out);
	(void) lseek(fileno(cap_f), 0, SEEK_SET);
	n = read(fileno(cap_f), cap_buf, sizeof (cap_buf) - 1);
	cap_buf[n > 0 ? n : 0] = '\0';
	(void) fclose(cap_f);
	return (cap_buf);
}

/* Decode the first record of a buffer; EX_OK or what rec_next said. */
static int
first_rec(const struct ex_wbuf *w)
{
	int x;

	if (rec_open_mem(&rd, w->wb_buf, w->wb_len) == -1)
		return (-2);
	x = rec_next(&rd, &rec);
	return (x);
}

static void
test_example(void)
{
	struct ex_wbuf w;
	struct rpt rp;
	struct tl_span sp = { UINT64_C(1110227000000000000),
	    UINT64_C(1110227641500000000), "crun", 4 };
	const struct ex_proc *p = &rec.er_u.er_proc;

	ex_w_init(&w);
	ex_w_header(&w, "SunOS", "crun");
	w_example(&w);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(first_rec(&w), ==, EX_OK);
	CHECK_INT(rec.er_type, ==, EXR_PROC);
	CHECK_INT(p->ep_kind, ==, EXK_FINAL);
	CHECK_UINT(p->ep_pid, ==, 1679);
	CHECK_UINT(p->ep_ppid, ==, 1647);
	CHECK(EP_HAS(p, EXD_PROC_COMMAND) && p->ep_command_len == 0);
	CHECK(!EP_HAS(p, EXD_PROC_GID));
	CHECK_STR(rd.rr_host, "crun");
	CHECK_INT(rd.rr_have_host, ==, 1);

	cap_begin(&rp, FMT_TEXT, 0);
	rpt_header(&rp, TBL_PROC, 0);
	rpt_proc_row(&rp, p, NULL);
	CHECK_STR(cap_end(),
	    "procid ppid uid usr sys time majf minf rwKB vcxK icxK sigK sycK "
	    "arMB mrMB command\n"
	    "1679 1647 100 0.00 0.00 416930.16 0 0 15.11 0.02 0.00 0.00 0.6 "
	    "0.6 26.4 -\n");

	/*
	 * The interval report: its end leads the row (to the millisecond,
	 * cut), its start, length and host follow the 16 columns.
	 */
	cap_begin_i(&rp, FMT_TEXT, 0);
	rpt_header(&rp, TBL_PROC, 1);
	rpt_proc_row(&rp, p, &sp);
	CHECK_STR(cap_end(),
	    "end procid ppid uid usr sys time majf minf rwKB vcxK icxK sigK "
	    "sycK arMB mrMB command start len host\n"
	    "1110227641.500 1679 1647 100 0.00 0.00 416930.16 0 0 15.11 0.02 "
	    "0.00 0.00 0.6 0.6 26.4 - 1110227000.000 641.500 crun\n");

	/*
	 * CSV: absent is an empty field, an empty command too; CRLF; every
	 * value exact: 2861447 ns, 1110227641.968607249 - 1109810711.
	 * 813223175 s, 15105 / 1000, 584 / 1024 = 0.5703125.
	 */
	cap_begin(&rp, FMT_CSV, 0);
	rpt_header(&rp, TBL_PROC, 0);
	rpt_proc_row(&rp, p, NULL);
	CHECK_STR(cap_end(),
	    "procid,ppid,uid,usr,sys,time,majf,minf,rwKB,vcxK,icxK,sigK,sycK,"
	    "arMB,mrMB,command\r\n"
	    "1679,1647,100,0.002861447,0.004150875,416930.155384074,0,0,"
	    "15.105,0.021,0,0,0.586,0.5703125,26.37109375,\r\n");

	/*
	 * JSON: the fields' names, a time as integer ns under NAME_ns, in
	 * the table's order, no header; a row of -i is of kind interval.
	 */
	cap_begin_i(&rp, FMT_JSON, 0);
	rpt_header(&rp, TBL_PROC, 0);
	rpt_proc_row(&rp, p, &sp);
	CHECK_STR(cap_end(),
	    "{\"type\":\"proc\",\"end_ns\":1110227641500000000,"
	    "\"start_ns\":1110227000000000000,\"len_ns\":641500000000,"
	    "\"host\":\"crun\",\"kind\":\"final\","
	    "\"procid\":1679,\"ppid\":1647,\"uid\":100,\"command\":\"\","
	    "\"pstart_ns\":1109810711813223175,"
	    "\"started_ns\":1109810711813223175,"
	    "\"finished_ns\":1110227641968607249,"
	    "\"usr_ns\":2861447,\"sys_ns\":4150875,"
	    "\"time_ns\":416930155384074,\"majf\":0,\"minf\":0,"
	    "\"rwKB\":15.105,\"vcxK\":0.021,\"icxK\":0,\"sigK\":0,"
	    "\"sycK\":0.586,\"arMB\":0.5703125,\"mrMB\":26.37109375}\n");
	cap_begin(&rp, FMT_JSON, 0);
	rpt_proc_row(&rp, p, NULL);
	CHECK(strstr(cap_end(), "\"kind\":\"final\",\"procid\":1679,") != NULL);

	/* -H: no header line. */
	{
		struct opts op;
		struct rpt r2;

		memset(&op, 0, sizeof (op));
		op.op_H = 1;
		cap_begin(&rp, FMT_TEXT, 0);
		rpt_init(&r2, &op, &cap_out);
		rpt_header(&r2, TBL_PROC, 0);
		CHECK_STR(cap_end(), "");
	}
	ex_w_free(&w);
}

/* Numbers: rounding half up, exactly, and values a double would miss. */
static void
test_numbers(void)
{
	struct ex_proc p;
	struct rpt rp;

	memset(&p, 0, sizeof (p));
	p.ep_have = EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_CPU_SYS_NSEC) |
	    EX_BIT(EXD_PROC_START_SEC) | EX_BIT(EXD_PROC_START_NSEC) |
	    EX_BIT(EXD_PROC_FINISH_SEC) | EX_BIT(EXD_PROC_CHARS_RDWR) |
	    EX_BIT(EXD_PROC_SYSCALLS) | EX_BIT(EXD_PROC_MEM_RSS_AVG_K) |
	    EX_BIT(EXD_PROC_MEM_RSS_MAX_K) | EX_BIT(EXD_PROC_CONTEXT_VOL);
	p.ep_user_sec = 1;
	p.ep_user_nsec = 5000000;	/* 1.005: half up to 1.01 */
	p.ep_sys_nsec = 4999999;	/* sec absent: 0.004999999 */
	p.ep_start_sec = 100;
	p.ep_start_nsec = 500000000;
	p.ep_finish_sec = 99;		/* before the start: -1.50 */
	p.ep_ioch = UINT64_MAX;		/* 18446744073709551.615 */
	p.ep_syscalls = 99950;		/* 99.95 -> 100.0 */
	p.ep_rss_avg_k = 1075;		/* 1.0498 -> 1.0 */
	p.ep_rss_max_k = 1076;		/* 1.0508 -> 1.1 */
	p.ep_nvcsw = 995;		/* 0.995 -> 1.00 */
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_proc_row(&rp, &p, NULL);
	CHECK_STR(cap_end(), "- - - 1.01 0.00 -1.50 - - "
	    "18446744073709551.62 1.00 - - 100.0 1.0 1.1 -\n");

	/* nsec of 1e9 and more carry into the seconds. */
	memset(&p, 0, sizeof (p));
	p.ep_have = EX_BIT(EXD_PROC_CPU_USER_NSEC) |
	    EX_BIT(EXD_PROC_START_SEC) | EX_BIT(EXD_PROC_FINISH_SEC) |
	    EX_BIT(EXD_PROC_FINISH_NSEC);
	p.ep_user_nsec = UINT64_C(2994999999);
	p.ep_start_sec = 10;
	p.ep_finish_sec = 9;
	p.ep_finish_nsec = UINT64_C(1995000000);
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_proc_row(&rp, &p, NULL);
	CHECK_STR(cap_end(), "- - - 2.99 - 1.00 - - - - - - - - - -\n");
}

/* Command names: escaped so that a row always has 16 fields. */
static void
test_strings(void)
{
	static const struct {
		const char	*in;
		size_t		len;
		const char	*text;
		const char	*csv;
		const char	*json;
	} c[] = {
		{ "a b", 3, "a\\040b", "a b", "\"a b\"" },
		{ "t\tn\n", 4, "t\\011n\\012", "t\\011n\\012",
		    "\"t\\u0009n\\u000a\"" },
		{ "q\"b\\", 4, "q\"b\\\\", "\"q\"\"b\\\\\"", "\"q\\\"b\\\\\"" },
		{ "x,y", 3, "x,y", "\"x,y\"", "\"x,y\"" },
		{ "\x80\xff", 2, "\\200\\377", "\\200\\377",
		    "\"\\u0080\\u00ff\"" },
		{ "\xc3\xa9", 2, "\\303\\251", "\\303\\251", "\"\xc3\xa9\"" },
		{ "\xc3(", 2, "\\303(", "\\303(", "\"\\u00c3(\"" },
		{ "\xed\xa0\x80", 3, "\\355\\240\\200", "\\355\\240\\200",
		    "\"\\u00ed\\u00a0\\u0080\"" },
		{ "-", 1, "\\055", "-", "\"-\"" },
		{ "a\0b", 3, "a\\000b", "a\\000b", "\"a\\u0000b\"" },
	};
	struct ex_proc p;
	struct rpt rp;
	char want[256];
	size_t i;

	for (i = 0; i < sizeof (c) / sizeof (c[0]); i++) {
		memset(&p, 0, sizeof (p));
		p.ep_have = EX_BIT(EXD_PROC_COMMAND);
		memcpy(p.ep_command, c[i].in, c[i].len);
		p.ep_command_len = (uint16_t)c[i].len;
		cap_begin(&rp, FMT_TEXT, 0);
		rpt_proc_row(&rp, &p, NULL);
		(void) snprintf(want, sizeof (want),
		    "- - - - - - - - - - - - - - - %s\n", c[i].text);
		CHECK_STR(cap_end(), want);
		cap_begin(&rp, FMT_CSV, 0);
		rpt_proc_row(&rp, &p, NULL);
		(void) snprintf(want, sizeof (want),
		    ",,,,,,,,,,,,,,,%s\r\n", c[i].csv);
		CHECK_STR(cap_end(), want);
		cap_begin(&rp, FMT_JSON, 0);
		rpt_proc_row(&rp, &p, NULL);
		(void) snprintf(want, sizeof (want),
		    "{\"type\":\"proc\",\"kind\":\"final\",\"command\":%s}\n",
		    c[i].json);
		CHECK_STR(cap_end(), want);
	}
}

/* Decoding by tag: types, catalogs, unknown ids, nesting, long strings. */
static void
test_decode(void)
{
	struct ex_wbuf w;
	const struct ex_proc *p = &rec.er_u.er_proc;
	char big[300];
	uint8_t raw[4] = { 1, 2, 3, 4 };

	memset(big, 'h', sizeof (big) - 1);
	big[sizeof (big) - 1] = '\0';
	ex_w_init(&w);
	/* No header: accepted for records. */
	ex_w_group_begin(&w, G(EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(&w, EX_TAG(EX_T_UINT8, 0, EXD_PROC_PID), 7);
	ex_w_uint(&w, EX_TAG(EX_T_UINT16, 0, EXD_PROC_UID), 65535);
	/* Too large for a 32-bit field: skipped, absent. */
	ex_w_uint(&w, P(EXD_PROC_GID), UINT64_C(1) << 32);
	/* A uint64 where the kernel writes uint32: taken. */
	ex_w_uint(&w, P(EXD_PROC_PROJID), 42);
	/* A double, a string and raw bytes for numbers: skipped. */
	ex_w_double(&w, EX_TAG(EX_T_DOUBLE, 0, EXD_PROC_TASKID), 3.0);
	ex_w_string(&w, PS(EXD_PROC_CHARS_RDWR), "12");
	ex_w_bytes(&w, EX_TAG(EX_T_RAW, 0, EXD_PROC_SYSCALLS), raw, 4);
	/* A local-catalog pid and an unknown id: skipped. */
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, EXD_PROC_PID), 99);
	ex_w_uint(&w, P(0x1050), 5);
	ex_w_uint(&w, P(0x1024), 5);
	/* A nested group's members are not the record's. */
	ex_w_group_begin(&w, G(EXD_GROUP_PROC_TAG));
	ex_w_uint(&w, P32(EXD_PROC_UID), 1234);
	ex_w_uint(&w, P32(EXD_PROC_ANCPID), 1234);
	ex_w_group_end(&w);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, EXD_PROC_ANCPID), raw, 4);
	ex_w_string(&w, PS(EXD_PROC_COMMAND), "0123456789abcdefXYZ");
	ex_w_string(&w, PS(EXD_PROC_HOSTNAME), big);
	ex_w_string(&w, PS(EXD_PROC_ZONENAME), "global");
	ex_w_uint(&w, P(EXD_PROC_SIGNALS), 3);
	ex_w_uint(&w, P(EXD_PROC_SIGNALS), 4);	/* the last one counts */
	ex_w_group_end(&w);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_INT(first_rec(&w), ==, EX_OK);
	CHECK_INT(rd.rr_have_host, ==, 0);
	CHECK_INT(rec.er_type, ==, EXR_PROC);
	CHECK_INT(p->ep_kind, ==, EXK_PARTIAL);
	CHECK(EP_HAS(p, EXD_PROC_PID) && p->ep_pid == 7);
	CHECK(EP_HAS(p, EXD_PROC_UID) && p->ep_uid == 65535);
	CHECK(!EP_HAS(p, EXD_PROC_GID));
	CHECK(EP_HAS(p, EXD_PROC_PROJID) && p->ep_projid == 42);
	CHECK(!EP_HAS(p, EXD_PROC_TASKID));
	CHECK(!EP_HAS(p, EXD_PROC_CHARS_RDWR));
	CHECK(!EP_HAS(p, EXD_PROC_SYSCALLS));
	CHECK(!EP_HAS(p, EXD_PROC_ANCPID));
	CHECK(EP_HAS(p, EXD_PROC_SIGNALS) && p->ep_signals == 4);
	CHECK_UINT(p->ep_have & ~(EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_UID) |
	    EX_BIT(EXD_PROC_PROJID) | EX_BIT(EXD_PROC_COMMAND) |
	    EX_BIT(EXD_PROC_HOSTNAME) | EX_BIT(EXD_PROC_ZONENAME) |
	    EX_BIT(EXD_PROC_SIGNALS)), ==, 0);
	CHECK_INT(p->ep_command_len, ==, 15);
	CHECK_INT(p->ep_command_cut, ==, 1);
	CHECK_STR(p->ep_command, "0123456789abcde");
	CHECK_INT(p->ep_hostname_len, ==, 256);
	CHECK_INT(p->ep_hostname_cut, ==, 1);
	CHECK_INT(p->ep_zone_len, ==, 6);
	CHECK_INT(p->ep_zone_cut, ==, 0);
	CHECK_STR(p->ep_zone, "global");
	CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
	rec_close(&rd);

	/* The cut mark reaches JSON. */
	{
		struct rpt rp;
		struct ex_proc q;

		memset(&q, 0, sizeof (q));
		q.ep_have = EX_BIT(EXD_PROC_COMMAND);
		memcpy(q.ep_command, "abc", 3);
		q.ep_command_len = 3;
		q.ep_command_cut = 1;
		cap_begin(&rp, FMT_JSON, 0);
		rpt_proc_row(&rp, &q, NULL);
		CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\","
		    "\"command\":\"abc\",\"command_cut\":true}\n");
	}
	ex_w_free(&w);
}

/* Every record group, in order; others skipped; rec_want. */
static void
test_groups(void)
{
	static const struct {
		uint32_t	id;
		int		type, kind;
	} g[] = {
		{ EXD_GROUP_PROC, EXR_PROC, EXK_FINAL },
		{ EXD_GROUP_LWP, 0, 0 },
		{ EXD_GROUP_PROC_PARTIAL, EXR_PROC, EXK_PARTIAL },
		{ EXD_GROUP_TASK, EXR_TASK, EXK_FINAL },
		{ 0x10e, 0, 0 },		/* net link statistics */
		{ EXD_GROUP_TASK_PARTIAL, EXR_TASK, EXK_PARTIAL },
		{ EXD_GROUP_TASK_INTERVAL, EXR_TASK, EXK_INTERVAL },
		{ EXD_GROUP_FLOW, EXR_FLOW, 0 },
		{ EXD_GROUP_HEADER, 0, 0 },	/* a header later: a group */
	};
	struct ex_wbuf w;
	size_t i, n = sizeof (g) / sizeof (g[0]);
	int pass, x;

	ex_w_init(&w);
	ex_w_header(&w, "SunOS", NULL);
	for (i = 0; i < n; i++) {
		ex_w_group_begin(&w, G(g[i].id));
		ex_w_uint(&w, P32(EXD_PROC_PID), i);	/* as a proc item */
		ex_w_uint(&w, P32(EXD_TASK_TASKID), i);
		ex_w_uint(&w, P(EXD_FLOW_NPKTS), i);
		ex_w_group_end(&w);
	}
	CHECK_INT(w.wb_err, ==, 0);
	for (pass = 0; pass < 2; pass++) {
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		CHECK_INT(rd.rr_have_host, ==, 0);
		if (pass == 1)
			rec_want(&rd, 1u << EXR_TASK);
		for (i = 0; i < n; i++) {
			if (g[i].type == 0 || (pass == 1 &&
			    g[i].type != EXR_TASK))
				continue;
			x = rec_next(&rd, &rec);
			CHECK_INT(x, ==, EX_OK);
			CHECK_INT(rec.er_type, ==, g[i].type);
			if (g[i].type == EXR_PROC) {
				CHECK_INT(rec.er_u.er_proc.ep_kind, ==,
				    g[i].kind);
				CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, i);
			} else if (g[i].type == EXR_TASK) {
				CHECK_INT(rec.er_u.er_task.et_kind, ==,
				    g[i].kind);
				CHECK_UINT(rec.er_u.er_task.et_taskid, ==, i);
			} else {
				CHECK_UINT(rec.er_u.er_flow.ef_npkts, ==, i);
			}
		}
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
	}
	ex_w_free(&w);
}

/* Headers: what is refused, like the dump, and what is not. */
static void
test_headers(void)
{
	struct ex_wbuf w;

	ex_w_init(&w);
	ex_w_group_begin(&w, EX_HEADER_TAG);
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_VERSION), 2);
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_FILETYPE), "exacct");
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_CREATOR), "SunOS");
	ex_w_group_end(&w);
	CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, -1);
	CHECK_STR(rd.rr_emsg, "unsupported exacct version 2");

	ex_w_reset(&w);
	ex_w_group_begin(&w, EX_HEADER_TAG);
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_HOSTNAME), "h1");
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_VERSION), 1);
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_FILETYPE), "exacct");
	ex_w_group_end(&w);
	CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, -1);
	CHECK_STR(rd.rr_emsg, "not an exacct file: the header has no creator");

	/* Members in any order, the hostname kept. */
	ex_w_reset(&w);
	ex_w_group_begin(&w, EX_HEADER_TAG);
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_HOSTNAME), "h1");
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_CREATOR), "me");
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_FILETYPE), "exacct");
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_VERSION), 1);
	ex_w_group_end(&w);
	CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
	CHECK_INT(rd.rr_have_host, ==, 1);
	CHECK_STR(rd.rr_host, "h1");
	CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
	rec_close(&rd);

	/* Empty: no records.  Garbage: refused, saying why. */
	CHECK_INT(rec_open_mem(&rd, "", 0), ==, 0);
	CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
	rec_close(&rd);
	CHECK_INT(rec_open_mem(&rd, "hello, world\n", 13), ==, -1);
	CHECK(strncmp(rd.rr_emsg, "not an exacct or process-accounting "
	    "file: ", 42) == 0);
	ex_w_free(&w);
}

/* Damage inside a record: reported, the record dropped, the next read. */
static void
test_damage(void)
{
	struct ex_wbuf w;
	uint64_t bad;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		ex_w_init(&w);
		ex_w_header(&w, "SunOS", "h");
		ex_w_group_begin(&w, G(EXD_GROUP_PROC));
		ex_w_uint(&w, P32(EXD_PROC_PID), 1);
		ex_w_group_end(&w);
		ex_w_group_begin(&w, G(EXD_GROUP_PROC));
		ex_w_uint(&w, P32(EXD_PROC_PID), 2);
		bad = w.wb_len;
		ex_w_uint(&w, P32(EXD_PROC_UID), 2);
		ex_w_group_end(&w);
		ex_w_group_begin(&w, G(EXD_GROUP_PROC));
		ex_w_uint(&w, P32(EXD_PROC_PID), 3);
		ex_w_group_end(&w);
		w.wb_buf[bad] = 0x90;	/* type 9: no such type */
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		rd.rr_nofast = pass;
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, 1);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_ERR);
		CHECK_UINT(rd.rr_eoff, ==, bad);
		CHECK(strstr(rd.rr_emsg, "invalid object type 0x9") != NULL);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, 3);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);

		/* Cut inside the last record: nothing half-decoded. */
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len - 3), ==, 0);
		rd.rr_nofast = pass;
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_ERR);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_ERR);
		CHECK(strstr(rd.rr_emsg, "file ends") != NULL);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
		ex_w_free(&w);
	}
}

/* The fast path and the object-by-object path agree on every fixture. */
static void
test_fast_slow(void)
{
	static const char *const fx[] = { "proc", "proc_partial", "task",
	    "flow", "net", "noheader", "kernelhdr" };
	static struct rec_reader r2;
	static struct ex_record rec2;
	char path[256];
	size_t i;
	int x, y, n;

	for (i = 0; i < sizeof (fx) / sizeof (fx[0]); i++) {
		(void) snprintf(path, sizeof (path),
		    "fixtures/exacct/%s.exacct", fx[i]);
		if (rec_open(&rd, path) == -1 || rec_open(&r2, path) == -1) {
			TEST_SKIP("fixtures not found (run from the root)");
			return;
		}
		r2.rr_nofast = 1;
		n = 0;
		do {
			memset(&rec, 0xa5, sizeof (rec));
			memset(&rec2, 0xa5, sizeof (rec2));
			x = rec_next(&rd, &rec);
			y = rec_next(&r2, &rec2);
			CHECK_INT(x, ==, y);
			if (x == EX_OK && y == EX_OK) {
				CHECK_INT(rec.er_type, ==, rec2.er_type);
				CHECK_UINT(rec.er_off, ==, rec2.er_off);
				CHECK_MEM(&rec.er_u, &rec2.er_u,
				    sizeof (rec.er_u));
				n++;
			}
		} while (x == EX_OK);
		CHECK_INT(x, ==, EX_END);
		/* net holds only network accounting groups. */
		CHECK_INT(n, >, strcmp(fx[i], "net") == 0 ? -1 : 0);
		rec_close(&rd);
		rec_close(&r2);
	}
}

/* A flow row: addresses, brackets, absent uid and project. */
static void
test_flow(void)
{
	struct ex_flow f;
	struct rpt rp;
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 1 };
	static const uint8_t b6[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0x2a };

	memset(&f, 0, sizeof (f));
	f.ef_have = EX_BIT(EXD_FLOW_V6SADDR) | EX_BIT(EXD_FLOW_V6DADDR) |
	    EX_BIT(EXD_FLOW_SPORT) | EX_BIT(EXD_FLOW_DPORT) |
	    EX_BIT(EXD_FLOW_PROTOCOL) | EX_BIT(EXD_FLOW_NBYTES) |
	    EX_BIT(EXD_FLOW_NPKTS) | EX_BIT(EXD_FLOW_CTIME) |
	    EX_BIT(EXD_FLOW_LSEEN) | EX_BIT(EXD_FLOW_ANAME);
	memcpy(f.ef_saddr6, a6, 16);
	memcpy(f.ef_daddr6, b6, 16);
	f.ef_sport = 443;
	f.ef_dport = 51000;
	f.ef_proto = 6;
	f.ef_nbytes = UINT64_C(5000000000);
	f.ef_npkts = 7;
	f.ef_ctime = 1109810704;	/* 00:45:04 UTC */
	f.ef_lseen = 1109810711;
	memcpy(f.ef_aname, "acct", 4);
	f.ef_aname_len = 4;
	if (setenv("TZ", "UTC", 1) == 0)
		tzset();
	cap_begin(&rp, FMT_TEXT, 1);
	rpt_header(&rp, TBL_FLOW, 0);
	rpt_flow_row(&rp, &f);
	CHECK_STR(cap_end(), "timestamp locltime dur uid proj prot "
	    "srcip:port dstip:port npkts nbytes aname\n"
	    "1109810704 00:45:04 7 - - 6 [2001:db8::1]:443 [fe80::2a]:51000 "
	    "7 5000000000 acct\n");
	cap_begin(&rp, FMT_CSV, 1);
	rpt_flow_row(&rp, &f);
	/* CSV: the times as seconds with nine decimals. */
	CHECK_STR(cap_end(), "1109810704.000000000,00:45:04,7.000000000,,,6,"
	    "[2001:db8::1]:443,[fe80::2a]:51000,7,5000000000,acct\r\n");
	/* JSON: the record's own fields, times in ns; no dsfield here. */
	cap_begin(&rp, FMT_JSON, 1);
	rpt_flow_row(&rp, &f);
	CHECK_STR(cap_end(), "{\"type\":\"flow\","
	    "\"timestamp_ns\":1109810704000000000,"
	    "\"lseen_ns\":1109810711000000000,\"protocol\":6,"
	    "\"srcip\":\"2001:db8::1\",\"sport\":443,"
	    "\"dstip\":\"fe80::2a\",\"dport\":51000,\"npkts\":7,"
	    "\"nbytes\":5000000000,\"aname\":\"acct\"}\n");

	/* IPv4, a port missing, uid and project there. */
	memset(&f, 0, sizeof (f));
	f.ef_have = EX_BIT(EXD_FLOW_V4SADDR) | EX_BIT(EXD_FLOW_V4DADDR) |
	    EX_BIT(EXD_FLOW_SPORT) | EX_BIT(EXD_FLOW_UID) |
	    EX_BIT(EXD_FLOW_PROJID) | EX_BIT(EXD_FLOW_LSEEN);
	f.ef_saddr4 = 0xc0a8010a;
	f.ef_daddr4 = 0xffffffff;
	f.ef_sport = 0;
	f.ef_uid = 100;
	f.ef_projid = 3;
	cap_begin(&rp, FMT_TEXT, 1);
	rpt_flow_row(&rp, &f);
	CHECK_STR(cap_end(), "- - - 100 3 - 192.168.1.10:0 "
	    "255.255.255.255:- - - -\n");
}

/* A task row: the zone last; kinds in JSON. */
static void
test_task(void)
{
	struct ex_task t;
	struct rpt rp;
	uint64_t end = UINT64_C(5000000000);

	memset(&t, 0, sizeof (t));
	t.et_kind = EXK_INTERVAL;
	t.et_have = EX_BIT(EXD_TASK_TASKID) | EX_BIT(EXD_TASK_PROJID) |
	    EX_BIT(EXD_TASK_CPU_SYS_SEC) | EX_BIT(EXD_TASK_START_SEC) |
	    EX_BIT(EXD_TASK_FINISH_SEC) | EX_BIT(EXD_TASK_SYSCALLS) |
	    EX_BIT(EXD_TASK_ZONENAME);
	t.et_taskid = 79;
	t.et_projid = 3;
	t.et_sys_sec = 2;
	t.et_start_sec = 10;
	t.et_finish_sec = 910;
	t.et_syscalls = 12050;	/* 12.05 -> 12.1 */
	memcpy(t.et_zone, "my zone", 7);
	t.et_zone_len = 7;
	cap_begin_i(&rp, FMT_TEXT, 0);
	rpt_header(&rp, TBL_TASK, 1);
	rpt_task_row(&rp, &t, &end);
	CHECK_STR(cap_end(), "end taskid projid usr sys time majf minf rwKB "
	    "vcxK icxK sigK sycK zone\n"
	    "5.000 79 3 - 2.00 900.00 - - - - - - 12.1 my\\040zone\n");
	cap_begin(&rp, FMT_JSON, 0);
	rpt_task_row(&rp, &t, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"task\",\"kind\":\"interval\","
	    "\"taskid\":79,\"projid\":3,\"zone\":\"my zone\","
	    "\"started_ns\":10000000000,\"finished_ns\":910000000000,"
	    "\"sys_ns\":2000000000,\"time_ns\":900000000000,"
	    "\"sycK\":12.05}\n");
}

/* Process accounting: a version 3 record read through the same reader. */
static void
test_pacct(void)
{
	uint8_t buf[2 * PACCT_RECSIZE + 10];
	char why[192];
	int order;

	memset(buf, 0, sizeof (buf));
	/* Little-endian acct_v3: flag, version 3, pid 4242 at 16, comm. */
	buf[1] = 3;
	buf[16] = 4242 & 0xff;
	buf[17] = 4242 >> 8;
	memcpy(buf + 48, "true", 4);
	memcpy(buf + PACCT_RECSIZE, buf, PACCT_RECSIZE);
	buf[PACCT_RECSIZE + 16] = 1;
	buf[PACCT_RECSIZE + 17] = 0;
	why[0] = '\0';
	order = pacct_probe(buf, 2 * PACCT_RECSIZE, why, sizeof (why));
	if (order != PACCT_LE) {
		TEST_SKIP("pacct_probe does not take a version 3 record yet");
		return;
	}
	CHECK_INT(rec_open_mem(&rd, buf, 2 * PACCT_RECSIZE + 10), ==, 0);
	CHECK_INT(rd.rr_format, ==, RR_PACCT);
	CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
	CHECK_INT(rec.er_type, ==, EXR_PROC);
	CHECK_INT(rec.er_u.er_proc.ep_kind, ==, EXK_FINAL);
	CHECK(EP_HAS(&rec.er_u.er_proc, EXD_PROC_PID));
	CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, 4242);
	CHECK_STR(rec.er_u.er_proc.ep_command, "true");
	CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
	CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, 1);
	CHECK_UINT(rec.er_off, ==, PACCT_RECSIZE);
	/* 10 bytes left over: a cut record. */
	CHECK_INT(rec_next(&rd, &rec), ==, EX_ERR);
	CHECK_UINT(rd.rr_eoff, ==, 2 * PACCT_RECSIZE);
	CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
	rec_close(&rd);
}

/* A file by path: one that cannot be opened says why. */
static void
test_open(void)
{
	CHECK_INT(rec_open(&rd, "/nonexistent/x.exacct"), ==, -1);
	CHECK_STR(rd.rr_emsg, strerror(ENOENT));
	CHECK_INT(rec_open(&rd, "/"), ==, -1);
}

/*
 * The summary's capture: usr + sys over the host's CPU, to three
 * decimals, rounded half up, whatever the values (a file may give a host
 * CPU of 2^63, whose double once wrapped a divisor to 0).
 */
static const char *
capture_of(uint64_t used, uint64_t hcpu)
{
	static char buf[64];
	struct tl_sum sm;
	struct rpt rp;
	const char *r, *p;

	memset(&sm, 0, sizeof (sm));
	sm.ts_span.sp_start = UINT64_C(1000000000000);
	sm.ts_span.sp_end = UINT64_C(1010000000000);
	sm.ts_span.sp_host = "h";
	sm.ts_span.sp_hostlen = 1;
	sm.ts_have = 1u << IVC_USER;
	sm.ts_ctr[IVC_USER] = used;
	sm.ts_have_hcpu = 1;
	sm.ts_hcpu = hcpu;
	cap_begin(&rp, FMT_TEXT, 0);
	rp.rp_sum = 1;
	rpt_sum_row(&rp, &sm);
	r = cap_end();
	/* The last column. */
	p = strrchr(r, ' ');
	(void) snprintf(buf, sizeof (buf), "%s", p != NULL ? p + 1 : r);
	buf[strcspn(buf, "\n")] = '\0';
	return (buf);
}

static void
test_capture(void)
{
	CHECK_STR(capture_of(1, 3), "0.333");
	CHECK_STR(capture_of(2, 3), "0.667");
	CHECK_STR(capture_of(1, 2000), "0.001");	/* 0.0005 up */
	CHECK_STR(capture_of(1, 2001), "0.000");
	CHECK_STR(capture_of(3, 2), "1.500");
	CHECK_STR(capture_of(1000000000, UINT64_C(9223372036854775808)),
	    "0.000");
	CHECK_STR(capture_of(UINT64_MAX, UINT64_MAX), "1.000");
	CHECK_STR(capture_of(UINT64_MAX, 1), "18446744073709551615.000");
	CHECK_STR(capture_of(UINT64_MAX / 2, UINT64_MAX), "0.500");
	CHECK_STR(capture_of(5, 0), "-");	/* no host CPU to divide by */
}

/*
 * A command holding what must not reach a terminal as is: U+009B (CSI,
 * a C1 control), U+202E (right-to-left override), U+2066 (left-to-right
 * isolate), U+E0041 (a tag character), DEL; and an e-acute, which stays.
 * JSON gives \u escapes (a surrogate pair past U+FFFF: 0xE0041 - 0x10000
 * is 0xD0041, so 0xD800 | 0x340 and 0xDC00 | 0x41); text and CSV give
 * every byte outside printable ASCII as \ooo.
 */
static void
test_escapes(void)
{
	static const char cmd[] = "\xc2\x9b\xe2\x80\xae\xe2\x81\xa6"
	    "\xf3\xa0\x81\x81\x7f\xc3\xa9";
	/* A Hangul filler (U+3164) and a noncharacter (U+FFFE) show nothing. */
	static const char cmd2[] = "\xe3\x85\xa4\xef\xbf\xbe";
	struct ex_proc p;
	struct rpt rp;
	const char *r;

	memset(&p, 0, sizeof (p));
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_COMMAND);
	p.ep_pid = 7;
	memcpy(p.ep_command, cmd, sizeof (cmd) - 1);
	p.ep_command_len = sizeof (cmd) - 1;
	cap_begin(&rp, FMT_JSON, 0);
	rpt_proc_row(&rp, &p, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\",\"procid\":7,"
	    "\"command\":\"\\u009b\\u202e\\u2066\\udb40\\udc41\\u007f"
	    "\xc3\xa9\"}\n");
	memcpy(p.ep_command, cmd2, sizeof (cmd2) - 1);
	p.ep_command_len = sizeof (cmd2) - 1;
	cap_begin(&rp, FMT_JSON, 0);
	rpt_proc_row(&rp, &p, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\",\"procid\":7,"
	    "\"command\":\"\\u3164\\ufffe\"}\n");
	memcpy(p.ep_command, cmd, sizeof (cmd) - 1);
	p.ep_command_len = sizeof (cmd) - 1;
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_proc_row(&rp, &p, NULL);
	r = cap_end();
	CHECK(strstr(r, " \\302\\233\\342\\200\\256\\342\\201\\246\\363\\240"
	    "\\201\\201\\177\\303\\251\n") != NULL);
	cap_begin(&rp, FMT_CSV, 0);
	rpt_proc_row(&rp, &p, NULL);
	r = cap_end();
	CHECK(strstr(r, ",\\302\\233\\342\\200\\256\\342\\201\\246\\363\\240"
	    "\\201\\201\\177\\303\\251\r\n") != NULL);
}

/* The objects one level into the first group of a buffer: their tags. */
static size_t
member_tags(const struct ex_wbuf *w, uint32_t *tags, size_t max,
    uint32_t *group)
{
	static struct ex_stream st;
	struct ex_src src;
	struct ex_obj ob;
	size_t n = 0;

	ex_src_open_mem(&src, w->wb_buf, w->wb_len);
	ex_stream_init(&st, &src, 0, w->wb_len);
	if (ex_next(&st, &ob) != EX_OK || ob.eo_type != EX_T_GROUP)
		return (0);
	*group = ob.eo_tag;
	while (st.st_depth > 0 && ex_next(&st, &ob) == EX_OK) {
		if (ob.eo_depth == 1 && n < max)
			tags[n++] = ob.eo_tag;
	}
	ex_src_close(&src);
	return (n);
}

#define	WAIT_BITS	(EX_BIT(EXD_PROC_WAIT_CPU) |			\
	EX_BIT(EXD_PROC_WAIT_BLKIO) | EX_BIT(EXD_PROC_WAIT_SWAPIN) |	\
	EX_BIT(EXD_PROC_WAIT_RECLAIM) | EX_BIT(EXD_PROC_CPU_SOURCE))

/*
 * The local process items: written after the default ones, in the local
 * catalog, in id order, by the types the header gives (waits uint64,
 * the CPU's source uint32); read back to the same values, with a
 * presence bit each, by both paths of the reader.
 */
static void
test_local_items(void)
{
	/*
	 * Tags worked out by hand: type << 28 | catalog << 24 | id, with
	 * the local catalog 1: uint64 (4) of 0x7e1024 is 0x417e1024.
	 */
	static const uint32_t want[] = {
		0x30001000,	/* pid, uint32, default */
		0x40001009,	/* finish-sec */
		0x40001023,	/* memory-rss-max-k */
		0x417e1024, 0x417e1025, 0x417e1026, 0x417e1027,
		0x317e1028	/* the CPU's source, uint32, local */
	};
	struct ex_wbuf w;
	struct ex_proc in;
	const struct ex_proc *p = &rec.er_u.er_proc;
	uint32_t tags[16], group = 0;
	size_t n, i;
	int pass;

	memset(&in, 0, sizeof (in));
	in.ep_kind = EXK_PARTIAL;
	/* Set in another order than the encoder writes them. */
	in.ep_have = EX_BIT(EXD_PROC_CPU_SOURCE) | EX_BIT(EXD_PROC_WAIT_CPU) |
	    EX_BIT(EXD_PROC_MEM_RSS_MAX_K) | EX_BIT(EXD_PROC_WAIT_RECLAIM) |
	    EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_WAIT_SWAPIN) |
	    EX_BIT(EXD_PROC_FINISH_SEC) | EX_BIT(EXD_PROC_WAIT_BLKIO);
	in.ep_pid = 4321;
	in.ep_finish_sec = 1700000000;
	in.ep_rss_max_k = 2048;
	in.ep_wait_cpu = UINT64_C(123456789012);
	in.ep_wait_blkio = 1;
	in.ep_wait_swapin = UINT64_MAX;
	in.ep_wait_reclaim = 0;
	in.ep_cpu_source = EXCPU_EXACT;
	ex_w_init(&w);
	rec_encode_proc(&w, &in);
	CHECK_INT(w.wb_err, ==, 0);
	n = member_tags(&w, tags, 16, &group);
	CHECK_UINT(group, ==, 0xf0000106);	/* group proc-partial */
	CHECK_UINT(n, ==, sizeof (want) / sizeof (want[0]));
	for (i = 0; i < n && i < sizeof (want) / sizeof (want[0]); i++)
		CHECK_UINT(tags[i], ==, want[i]);
	/* Every bit of its own: 0x24 to 0x28 beside 0x00, 0x09, 0x23. */
	CHECK_UINT(in.ep_have, ==, UINT64_C(0x1f800000201));
	for (pass = 0; pass < 2; pass++) {
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		rd.rr_nofast = pass;
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_PROC);
		CHECK_INT(p->ep_kind, ==, EXK_PARTIAL);
		CHECK_UINT(p->ep_have, ==, in.ep_have);
		CHECK_UINT(p->ep_pid, ==, 4321);
		CHECK_UINT(p->ep_finish_sec, ==, 1700000000);
		CHECK_UINT(p->ep_rss_max_k, ==, 2048);
		CHECK_UINT(p->ep_wait_cpu, ==, UINT64_C(123456789012));
		CHECK_UINT(p->ep_wait_blkio, ==, 1);
		CHECK_UINT(p->ep_wait_swapin, ==, UINT64_MAX);
		CHECK_UINT(p->ep_wait_reclaim, ==, 0);
		CHECK(EP_HAS(p, EXD_PROC_WAIT_RECLAIM));
		CHECK_UINT(p->ep_cpu_source, ==, 3);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
	}

	/* None of them: none written, as before they existed. */
	in.ep_have &= ~WAIT_BITS;
	ex_w_reset(&w);
	rec_encode_proc(&w, &in);
	n = member_tags(&w, tags, 16, &group);
	CHECK_UINT(n, ==, 3);
	CHECK_UINT(tags[n - 1], ==, 0x40001023);
	ex_w_free(&w);
}

/*
 * The drop record: a local-catalog group of its present fields in id
 * order, read only when asked for (as a sweep record is); a reader that
 * does not ask goes on to the record after it.
 */
static void
test_drops_record(void)
{
	static const uint32_t want[] = {
		0x617e0101,	/* hostname, string, local */
		0x417e0102, 0x417e0103, 0x417e0104,	/* start, end, count */
		0x317e0105	/* pid, uint32 */
	};
	struct ex_wbuf w;
	struct ex_drops d;
	const struct ex_drops *e = &rec.er_u.er_drops;
	uint32_t tags[16], group = 0;
	size_t n, i;
	int pass;

	memset(&d, 0, sizeof (d));
	d.ed_have = EX_BIT(EXD_DROPS_PID) | EX_BIT(EXD_DROPS_COUNT) |
	    EX_BIT(EXD_DROPS_END) | EX_BIT(EXD_DROPS_START) |
	    EX_BIT(EXD_DROPS_HOSTNAME);
	memcpy(d.ed_hostname, "lin", 3);
	d.ed_hostname_len = 3;
	d.ed_start = UINT64_C(1700000000123456789);
	d.ed_end = UINT64_C(1700000005000000001);
	d.ed_count = UINT64_C(5000000000);
	d.ed_pid = 77;
	ex_w_init(&w);
	rec_encode_drops(&w, &d);
	CHECK_INT(w.wb_err, ==, 0);
	n = member_tags(&w, tags, 16, &group);
	CHECK_UINT(group, ==, 0xf17e0100);
	CHECK_UINT(n, ==, 5);
	for (i = 0; i < n && i < 5; i++)
		CHECK_UINT(tags[i], ==, want[i]);
	/* Then a process record. */
	ex_w_group_begin(&w, G(EXD_GROUP_PROC));
	ex_w_uint(&w, P32(EXD_PROC_PID), 9);
	ex_w_group_end(&w);
	for (pass = 0; pass < 2; pass++) {
		/* Not asked for: skipped. */
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		rd.rr_nofast = pass;
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_PROC);
		CHECK_UINT(rec.er_u.er_proc.ep_pid, ==, 9);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
		/* Asked for: every field back. */
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		rd.rr_nofast = pass;
		rec_want(&rd, 1u << EXR_DROPS | 1u << EXR_PROC);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_DROPS);
		CHECK_UINT(rec.er_off, ==, 0);
		CHECK_UINT(e->ed_have, ==, d.ed_have);
		CHECK_UINT(e->ed_have, ==, 0x3e);	/* bits 1 to 5 */
		CHECK_INT(e->ed_hostname_len, ==, 3);
		CHECK_STR(e->ed_hostname, "lin");
		CHECK_UINT(e->ed_start, ==, UINT64_C(1700000000123456789));
		CHECK_UINT(e->ed_end, ==, UINT64_C(1700000005000000001));
		CHECK_UINT(e->ed_count, ==, UINT64_C(5000000000));
		CHECK_UINT(e->ed_pid, ==, 77);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_PROC);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
	}

	/* Only some fields: only those written, only those back. */
	memset(&d, 0, sizeof (d));
	d.ed_have = EX_BIT(EXD_DROPS_END) | EX_BIT(EXD_DROPS_COUNT);
	d.ed_end = 5;
	d.ed_count = 0;
	ex_w_reset(&w);
	rec_encode_drops(&w, &d);
	n = member_tags(&w, tags, 16, &group);
	CHECK_UINT(n, ==, 2);
	CHECK_UINT(tags[0], ==, 0x417e0103);
	CHECK_UINT(tags[1], ==, 0x417e0104);
	CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
	rec_want(&rd, 1u << EXR_DROPS);
	CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
	CHECK_INT(rec.er_type, ==, EXR_DROPS);
	CHECK_UINT(e->ed_have, ==, d.ed_have);
	CHECK(ED_HAS(e, EXD_DROPS_COUNT) && e->ed_count == 0);
	CHECK_UINT(e->ed_end, ==, 5);
	rec_close(&rd);
	ex_w_free(&w);
}

/*
 * A hostile file: ids that share a field's low byte but not its id or
 * catalog, and the right ids of the wrong type or too large, set nothing.
 * An id of 0x7e0000 or more is the local catalog's, every other the
 * default one's.
 */
static void
test_local_hostile(void)
{
	struct ex_wbuf w;
	const struct ex_proc *p = &rec.er_u.er_proc;
	const struct ex_drops *e = &rec.er_u.er_drops;
	int pass;

	ex_w_init(&w);
	ex_w_group_begin(&w, G(EXD_GROUP_PROC));
	ex_w_uint(&w, P32(EXD_PROC_PID), 5);
	/* The default catalog's 0x1024: not the wait for the CPU. */
	ex_w_uint(&w, P(0x1024), 111);
	/* The local 0x7e1000: not the pid. */
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e1000), 99);
	/* The local catalog with the default ids, pid and wait's: no. */
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, EXD_PROC_PID), 98);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x1024), 112);
	/* The right id in the default catalog: no. */
	ex_w_uint(&w, P(EXD_PROC_WAIT_BLKIO), 222);
	/* Another local id of the same low byte: no. */
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7f1026), 333);
	/* The right ids, of the wrong types: a string, a double, raw. */
	ex_w_string(&w, EX_TAG(EX_T_STRING, EX_C_LOCAL, EXD_PROC_WAIT_SWAPIN),
	    "444");
	ex_w_double(&w, EX_TAG(EX_T_DOUBLE, EX_C_LOCAL,
	    EXD_PROC_WAIT_RECLAIM), 5.0);
	ex_w_bytes(&w, EX_TAG(EX_T_RAW, EX_C_LOCAL, EXD_PROC_WAIT_CPU),
	    "\0\0\0\0\0\0\0\6", 8);
	/* Too large for the source's 32 bits. */
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_PROC_CPU_SOURCE),
	    UINT64_C(1) << 32);
	/* Nested in a group of the record: not the record's. */
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x7e0100));
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_PROC_WAIT_CPU), 7);
	ex_w_group_end(&w);
	ex_w_group_end(&w);

	/* Narrower unsigned widths are taken, as for default items. */
	ex_w_group_begin(&w, G(EXD_GROUP_PROC));
	ex_w_uint(&w, EX_TAG(EX_T_UINT8, EX_C_LOCAL, EXD_PROC_CPU_SOURCE), 2);
	ex_w_uint(&w, EX_TAG(EX_T_UINT16, EX_C_LOCAL, EXD_PROC_WAIT_CPU),
	    65535);
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, EXD_PROC_WAIT_BLKIO),
	    UINT32_MAX);
	ex_w_group_end(&w);

	/* A drop record of wrong catalogs and ids; a sweep record too. */
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, EXD_GROUP_DROPS));
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_DEFAULT, EXD_DROPS_COUNT), 1);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_SWEEP_NRECORDED),
	    2);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_DROPS_PID),
	    UINT64_C(1) << 32);
	ex_w_string(&w, EX_TAG(EX_T_STRING, EX_C_LOCAL, EXD_DROPS_END), "3");
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_DROPS_START), 4);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, EXD_GROUP_SWEEP));
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_DROPS_COUNT), 5);
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_SWEEP_START), 6);
	ex_w_group_end(&w);
	/* The drop group in the default catalog is no drop record. */
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_DEFAULT,
	    EXD_GROUP_DROPS));
	ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, EXD_DROPS_COUNT), 7);
	ex_w_group_end(&w);
	CHECK_INT(w.wb_err, ==, 0);

	for (pass = 0; pass < 2; pass++) {
		CHECK_INT(rec_open_mem(&rd, w.wb_buf, w.wb_len), ==, 0);
		rd.rr_nofast = pass;
		rec_want(&rd, 1u << EXR_PROC | 1u << EXR_DROPS |
		    1u << EXR_SWEEP);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_PROC);
		CHECK_UINT(p->ep_have, ==, EX_BIT(EXD_PROC_PID));
		CHECK_UINT(p->ep_pid, ==, 5);
		CHECK(!EP_HAS(p, EXD_PROC_WAIT_CPU));
		CHECK_UINT(p->ep_wait_cpu, ==, 0);
		CHECK_UINT(p->ep_wait_blkio, ==, 0);
		CHECK_UINT(p->ep_wait_swapin, ==, 0);
		CHECK_UINT(p->ep_wait_reclaim, ==, 0);
		CHECK_UINT(p->ep_cpu_source, ==, 0);

		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_UINT(p->ep_have, ==, EX_BIT(EXD_PROC_CPU_SOURCE) |
		    EX_BIT(EXD_PROC_WAIT_CPU) | EX_BIT(EXD_PROC_WAIT_BLKIO));
		CHECK_UINT(p->ep_cpu_source, ==, 2);
		CHECK_UINT(p->ep_wait_cpu, ==, 65535);
		CHECK_UINT(p->ep_wait_blkio, ==, 4294967295u);

		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_DROPS);
		CHECK_UINT(e->ed_have, ==, EX_BIT(EXD_DROPS_START));
		CHECK_UINT(e->ed_start, ==, 4);
		CHECK_UINT(e->ed_count, ==, 0);
		CHECK_UINT(e->ed_end, ==, 0);
		CHECK_UINT(e->ed_pid, ==, 0);

		CHECK_INT(rec_next(&rd, &rec), ==, EX_OK);
		CHECK_INT(rec.er_type, ==, EXR_SWEEP);
		CHECK_UINT(rec.er_u.er_sweep.sw_have, ==,
		    EX_BIT(EXD_SWEEP_START));
		CHECK_UINT(rec.er_u.er_sweep.sw_start, ==, 6);
		CHECK_UINT(rec.er_u.er_sweep.sw_nrec, ==, 0);
		CHECK_INT(rec_next(&rd, &rec), ==, EX_END);
		rec_close(&rd);
	}
	ex_w_free(&w);
}

/*
 * The local items in the rows: JSON gains them, each only when present,
 * the CPU's source by name; the text and CSV rows keep their 16 columns,
 * the same as without them.
 */
static void
test_local_rows(void)
{
	static const struct {
		uint32_t	v;
		const char	*json;
	} src[] = {
		{ 1, "\"ticks\"" }, { 2, "\"sampled\"" }, { 3, "\"exact\"" },
		{ 0, "\"0\"" }, { 4, "\"4\"" },
		{ UINT32_MAX, "\"4294967295\"" },
	};
	struct ex_proc e, plain;
	struct rpt rp;
	char want[512], text[256], csv[256];
	size_t i;

	memset(&e, 0, sizeof (e));
	e.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_SYSCALLS) |
	    EX_BIT(EXD_PROC_COMMAND);
	e.ep_pid = 7;
	e.ep_syscalls = 1500;
	memcpy(e.ep_command, "sh", 2);
	e.ep_command_len = 2;
	plain = e;
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_proc_row(&rp, &plain, NULL);
	(void) snprintf(text, sizeof (text), "%s", cap_end());
	CHECK_STR(text, "7 - - - - - - - - - - - 1.5 - - sh\n");
	cap_begin(&rp, FMT_CSV, 0);
	rpt_proc_row(&rp, &plain, NULL);
	(void) snprintf(csv, sizeof (csv), "%s", cap_end());
	CHECK_STR(csv, "7,,,,,,,,,,,,1.5,,,sh\r\n");

	e.ep_have |= WAIT_BITS;
	e.ep_wait_cpu = UINT64_C(18446744073709551615);
	e.ep_wait_blkio = 0;
	e.ep_wait_swapin = 12;
	e.ep_wait_reclaim = UINT64_C(1000000000);
	for (i = 0; i < sizeof (src) / sizeof (src[0]); i++) {
		e.ep_cpu_source = src[i].v;
		cap_begin(&rp, FMT_JSON, 0);
		rpt_proc_row(&rp, &e, NULL);
		(void) snprintf(want, sizeof (want),
		    "{\"type\":\"proc\",\"kind\":\"final\",\"procid\":7,"
		    "\"command\":\"sh\",\"sycK\":1.5,"
		    "\"wait_cpu_ns\":18446744073709551615,"
		    "\"wait_blkio_ns\":0,\"wait_swapin_ns\":12,"
		    "\"wait_reclaim_ns\":1000000000,\"cpu_source\":%s}\n",
		    src[i].json);
		CHECK_STR(cap_end(), want);
	}
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_proc_row(&rp, &e, NULL);
	CHECK_STR(cap_end(), text);
	cap_begin(&rp, FMT_CSV, 0);
	rpt_proc_row(&rp, &e, NULL);
	CHECK_STR(cap_end(), csv);

	/* Some of them: only those. */
	e.ep_have &= ~(EX_BIT(EXD_PROC_WAIT_CPU) |
	    EX_BIT(EXD_PROC_WAIT_SWAPIN) | EX_BIT(EXD_PROC_CPU_SOURCE));
	cap_begin(&rp, FMT_JSON, 0);
	rpt_proc_row(&rp, &e, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\","
	    "\"procid\":7,\"command\":\"sh\",\"sycK\":1.5,"
	    "\"wait_blkio_ns\":0,\"wait_reclaim_ns\":1000000000}\n");
}

/*
 * The summary (-S): JSON gains the summed waits that any process had,
 * after the other counters; the text and CSV columns stay 18.
 */
static void
test_sum_waits(void)
{
	struct tl_sum sm;
	struct rpt rp;
	char text[256], csv[256];

	memset(&sm, 0, sizeof (sm));
	sm.ts_span.sp_start = UINT64_C(1000500000000);
	sm.ts_span.sp_end = UINT64_C(1060500000000);
	sm.ts_span.sp_host = "lin";
	sm.ts_span.sp_hostlen = 3;
	sm.ts_nproc = 2;
	sm.ts_exits = 1;
	sm.ts_lost = 3;
	sm.ts_have = 1u << IVC_USER | 1u << IVC_MINFLT;
	sm.ts_ctr[IVC_USER] = UINT64_C(1500000000);
	sm.ts_ctr[IVC_MINFLT] = 42;
	cap_mode(&rp, FMT_TEXT, 0, 1, 1);
	rpt_sum_row(&rp, &sm);
	(void) snprintf(text, sizeof (text), "%s", cap_end());
	CHECK_STR(text, "1000.500 1060.500 60.000 lin 2 1 3 1.50 - - 42 - - "
	    "- - - - -\n");
	cap_mode(&rp, FMT_CSV, 0, 1, 1);
	rpt_sum_row(&rp, &sm);
	(void) snprintf(csv, sizeof (csv), "%s", cap_end());
	/* CSV at full precision. */
	CHECK_STR(csv, "1000.500000000,1060.500000000,60.000000000,lin,2,1,3,"
	    "1.500000000,,,42,,,,,,,\r\n");

	sm.ts_have |= 1u << IVC_WAIT_CPU | 1u << IVC_WAIT_RECLAIM;
	sm.ts_ctr[IVC_WAIT_CPU] = UINT64_C(2500000001);
	sm.ts_ctr[IVC_WAIT_RECLAIM] = 0;
	sm.ts_ctr[IVC_WAIT_BLKIO] = 99;		/* not had: not shown */
	cap_mode(&rp, FMT_TEXT, 0, 1, 1);
	rpt_sum_row(&rp, &sm);
	CHECK_STR(cap_end(), text);
	cap_mode(&rp, FMT_CSV, 0, 1, 1);
	rpt_sum_row(&rp, &sm);
	CHECK_STR(cap_end(), csv);
	cap_mode(&rp, FMT_JSON, 0, 1, 1);
	rpt_sum_row(&rp, &sm);
	CHECK_STR(cap_end(), "{\"type\":\"summary\",\"end_ns\":1060500000000,"
	    "\"start_ns\":1000500000000,\"len_ns\":60000000000,"
	    "\"host\":\"lin\",\"usr_ns\":1500000000,\"minf\":42,"
	    "\"wait_cpu_ns\":2500000001,\"wait_reclaim_ns\":0,"
	    "\"nproc\":2,\"exits\":1,\"lost\":3}\n");
}

int
main(void)
{
	test_example();
	test_numbers();
	test_strings();
	test_decode();
	test_groups();
	test_headers();
	test_damage();
	test_fast_slow();
	test_flow();
	test_task();
	test_capture();
	test_escapes();
	test_local_items();
	test_drops_record();
	test_local_hostile();
	test_local_rows();
	test_sum_waits();
	test_pacct();
	test_open();
	TEST_DONE();
}
