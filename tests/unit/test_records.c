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
cap_begin(struct rpt *rp, int fmt, int n)
{
	struct opts op;

	memset(&op, 0, sizeof (op));
	op.op_c = 1;
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
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_header(&rp, TBL_PROC, 1);
	rpt_proc_row(&rp, p, &sp);
	CHECK_STR(cap_end(),
	    "end procid ppid uid usr sys time majf minf rwKB vcxK icxK sigK "
	    "sycK arMB mrMB command start len host\n"
	    "1110227641.500 1679 1647 100 0.00 0.00 416930.16 0 0 15.11 0.02 "
	    "0.00 0.00 0.6 0.6 26.4 - 1110227000.000 641.500 crun\n");

	/* CSV: absent is an empty field, an empty command too; CRLF. */
	cap_begin(&rp, FMT_CSV, 0);
	rpt_header(&rp, TBL_PROC, 0);
	rpt_proc_row(&rp, p, NULL);
	CHECK_STR(cap_end(),
	    "procid,ppid,uid,usr,sys,time,majf,minf,rwKB,vcxK,icxK,sigK,sycK,"
	    "arMB,mrMB,command\r\n"
	    "1679,1647,100,0.00,0.00,416930.16,0,0,15.11,0.02,0.00,0.00,0.6,"
	    "0.6,26.4,\r\n");

	/* JSON: full precision, in the table's id order, no header. */
	cap_begin(&rp, FMT_JSON, 0);
	rpt_header(&rp, TBL_PROC, 0);
	rpt_proc_row(&rp, p, &sp);
	CHECK_STR(cap_end(),
	    "{\"type\":\"proc\",\"end\":1110227641,"
	    "\"end_ns\":1110227641500000000,"
	    "\"start_ns\":1110227000000000000,\"len_ns\":641500000000,"
	    "\"host\":\"crun\",\"kind\":\"final\","
	    "\"pid\":1679,\"uid\":100,\"command\":\"\","
	    "\"start_sec\":1109810711,\"start_nsec\":813223175,"
	    "\"finish_sec\":1110227641,\"finish_nsec\":968607249,"
	    "\"cpu_user_sec\":0,\"cpu_user_nsec\":2861447,"
	    "\"cpu_sys_sec\":0,\"cpu_sys_nsec\":4150875,"
	    "\"faults_major\":0,\"faults_minor\":0,\"chars_rdwr\":15105,"
	    "\"ctxt_vol\":21,\"ctxt_inv\":0,\"signals\":0,\"syscalls\":586,"
	    "\"ppid\":1647,\"memory_rss_avg_k\":584,"
	    "\"memory_rss_max_k\":27004}\n");

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
	CHECK_STR(cap_end(), "1109810704,00:45:04,7,,,6,[2001:db8::1]:443,"
	    "[fe80::2a]:51000,7,5000000000,acct\r\n");
	cap_begin(&rp, FMT_JSON, 1);
	rpt_flow_row(&rp, &f);
	CHECK_STR(cap_end(), "{\"type\":\"flow\","
	    "\"src_addr_v6\":\"2001:db8::1\",\"dest_addr_v6\":\"fe80::2a\","
	    "\"src_port\":443,\"dest_port\":51000,\"protocol\":6,"
	    "\"total_bytes\":5000000000,\"total_packets\":7,"
	    "\"creation_time\":1109810704,\"last_seen\":1109810711,"
	    "\"action_name\":\"acct\"}\n");

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
	cap_begin(&rp, FMT_TEXT, 0);
	rpt_header(&rp, TBL_TASK, 1);
	rpt_task_row(&rp, &t, &end);
	CHECK_STR(cap_end(), "end taskid projid usr sys time majf minf rwKB "
	    "vcxK icxK sigK sycK zone\n"
	    "5.000 79 3 - 2.00 900.00 - - - - - - 12.1 my\\040zone\n");
	cap_begin(&rp, FMT_JSON, 0);
	rpt_task_row(&rp, &t, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"task\",\"kind\":\"interval\","
	    "\"taskid\":79,\"projid\":3,\"start_sec\":10,\"finish_sec\":910,"
	    "\"cpu_sys_sec\":2,\"syscalls\":12050,\"zone\":\"my zone\"}\n");
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
	CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\",\"pid\":7,"
	    "\"command\":\"\\u009b\\u202e\\u2066\\udb40\\udc41\\u007f"
	    "\xc3\xa9\"}\n");
	memcpy(p.ep_command, cmd2, sizeof (cmd2) - 1);
	p.ep_command_len = sizeof (cmd2) - 1;
	cap_begin(&rp, FMT_JSON, 0);
	rpt_proc_row(&rp, &p, NULL);
	CHECK_STR(cap_end(), "{\"type\":\"proc\",\"kind\":\"final\",\"pid\":7,"
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
	test_pacct();
	test_open();
	TEST_DONE();
}
