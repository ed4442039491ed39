/*
 * test_chart.c: the escaping of names in the chart (-i -S -F svg), and,
 * with "-w DIR", the files tests/sh/test_chart.sh charts, written by
 * exdump's own writer:
 *
 *	DIR/alpha.exacct	host alpha, 4 CPUs, sweeps every 300 s from
 *				2026-12-01 08:00 UTC, six intervals, twelve
 *				commands (more than CHART_TOP), an exit and
 *				a process lost (gone with no exit record)
 *	DIR/beta.exacct		host beta, 2 CPUs, sweeps every 600 s from
 *				08:01, five intervals, ten commands with
 *				hostile names (markup, quotes, control
 *				characters, invalid UTF-8, a direction
 *				control)
 *	DIR/hostile.exacct	a host whose name is markup and control
 *				characters, two intervals
 *	DIR/over.exacct		host over, 2 CPUs, five intervals of 300 s,
 *				up to 1.15 CPUs used and 1.1 times the
 *				host's CPU: axes of a step of 0.25
 *	DIR/short.exacct	host short, four intervals of 10 s: a run
 *				shorter than a minute
 *	DIR/names.exacct	a host and commands whose names hold
 *				invisible characters (zero widths, word
 *				joiner, BOM, soft hyphen, a tag, a direction
 *				isolate), and commands named "other" and
 *				"(other)" among ten
 *	DIR/long.exacct		host long, 3000 sweeps every 300 s: more
 *				intervals than the chart draws bars
 *
 * and with "-m DIR N", N files DIR/hI.exacct of hosts hI (I from 0), two
 * intervals each: more hosts than the chart draws; with "-l DIR N",
 * DIR/long.exacct of N sweeps (a year of 5-minute sweeps is 105120).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "exacct.h"
#include "exdump.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

#define	NS_SEC	UINT64_C(1000000000)
#define	T0	UINT64_C(1796112000)	/* 2026-12-01 08:00:00 UTC */

static void
put_proc(struct ex_wbuf *w, int final, uint32_t pid, const char *cmd,
    const char *host, uint64_t start_s, uint64_t end_ms, uint64_t usr_ms,
    uint64_t sys_ms)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, final ? EXD_GROUP_PROC :
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_PID), pid);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_UID), 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_SEC), start_s);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_NSEC), 0);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_SEC),
	    end_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_NSEC),
	    end_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_SEC),
	    usr_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_NSEC),
	    usr_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_SYS_SEC),
	    sys_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_SYS_NSEC),
	    sys_ms % 1000 * 1000000);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_COMMAND), cmd);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_HOSTNAME), host);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_ANCPID), 1);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_ZONENAME), "global");
	ex_w_group_end(w);
}

/* A sweep at t_s (10 ms long), the host's CPU so far hcpu_ms. */
static void
sweep_rec(struct ex_wbuf *w, const char *host, uint64_t t_s, uint64_t n,
    uint32_t ncpu, uint64_t hcpu_ms)
{
	struct ex_sweep sw;
	uint64_t ns = hcpu_ms * 1000000;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_PID) |
	    EX_BIT(EXD_SWEEP_NCPU) | EX_BIT(EXD_SWEEP_CPU_USER) |
	    EX_BIT(EXD_SWEEP_CPU_NICE) | EX_BIT(EXD_SWEEP_CPU_SYSTEM);
	/* Split 6:1:3 as user, nice, system; the rest to user. */
	sw.sw_cpu[SWC_NICE] = ns / 10;
	sw.sw_cpu[SWC_SYSTEM] = ns / 10 * 3;
	sw.sw_cpu[SWC_USER] = ns - sw.sw_cpu[SWC_NICE] - sw.sw_cpu[SWC_SYSTEM];
	sw.sw_ncpu = ncpu;
	memcpy(sw.sw_hostname, host, strlen(host));
	sw.sw_hostname_len = strlen(host);
	sw.sw_start = t_s * NS_SEC;
	sw.sw_end = t_s * NS_SEC + 10000000;
	sw.sw_nrec = n;
	sw.sw_pid = 0;
	rec_encode_sweep(w, &sw);
}

static void
save(struct ex_wbuf *w, const char *dir, const char *name)
{
	char path[4096];
	int fd;

	(void) snprintf(path, sizeof (path), "%s/%s", dir, name);
	if (w->wb_err != 0 || (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
	    0644)) == -1 || write(fd, w->wb_buf, w->wb_len) !=
	    (ssize_t)w->wb_len || close(fd) != 0) {
		perror(path);
		exit(1);
	}
	ex_w_free(w);
}

/*
 * One host: nsweep sweeps every step s from t0; command i's CPU in
 * interval k is load(i, k, mul) ms (a quarter of it system).  Process
 * npid - 1 (when lost) is last seen at sweep 3 and never exits; with
 * an exit, a "make" runs from sweep 2 to 60 s before sweep 3.
 */
static uint64_t
load(size_t i, int k, size_t n, uint64_t mul)
{
	/* Falling with the rank, a shape over time, never zero. */
	return ((uint64_t)(n - i) * (n - i) * mul * (uint64_t)(3 + (k * (i +
	    1)) % 5) + 137 * i + 11);
}

/* With hcpu_pct > 0, the host's CPU is that % of what the processes used. */
static uint64_t hcpu_pct;

static void
host_file(const char *dir, const char *file, const char *host,
    const char *const *cmds, size_t ncmd, int nsweep, uint64_t t0,
    uint64_t step, uint32_t ncpu, uint64_t mul, int extras)
{
	struct ex_wbuf w;
	uint64_t cum[32], hcpu = 0, t, used;
	size_t i, nrec;
	int k;

	memset(cum, 0, sizeof (cum));
	ex_w_init(&w);
	ex_w_header(&w, "exdump", host);
	for (k = 0; k < nsweep; k++) {
		t = t0 + step * (uint64_t)k;
		used = 0;
		if (k > 0) {
			for (i = 0; i < ncmd; i++) {
				if (extras && i == ncmd - 1 && k > 3)
					continue;
				cum[i] += load(i, k, ncmd, mul);
				used += load(i, k, ncmd, mul);
			}
			if (extras && k == 3)
				used += 40000;	/* the exit of make */
			/* The host: what the processes used, 8 to 23% and 2 s more. */
			if (hcpu_pct > 0)
				hcpu += used * 100 / hcpu_pct;
			else
				hcpu += used + used / 100 *
				    (uint64_t)(8 + 3 * (k % 7)) + 2000;
		}
		nrec = ncmd - (extras && k > 3 ? 1 : 0);
		if (extras && k == 3) {
			/* make's exit, read before this sweep's records. */
			put_proc(&w, 1, 900, "make", host, t0 + 2 * step + 5,
			    (t - 60) * 1000, 30000, 10000);
		}
		sweep_rec(&w, host, t, nrec, ncpu, hcpu);
		for (i = 0; i < nrec; i++)
			put_proc(&w, 0, (uint32_t)(100 + i), cmds[i], host,
			    t0 - 3600, t * 1000 + 5, cum[i] / 4 * 3,
			    cum[i] - cum[i] / 4 * 3);
	}
	save(&w, dir, file);
}

static void
write_files(const char *dir)
{
	static const char *const alpha[] = {
		"postgres", "java", "nginx", "python3", "node", "redis-server",
		"cc1", "ld", "sh", "sshd", "cron", "rsyslogd"
	};
	static const char *const beta[] = {
		"<script>", "a&b", "q\"'x", "\033[31mred", "\377\376bad",
		"\303\251t\303\251", "ab\001cd", "\342\200\256evil", "]]>", "ok"
	};
	static const char *const hostile[] = { "victim" };
	/*
	 * U+200B, U+2060, U+FEFF; U+200C, U+00AD, U+FEFF, U+E0041 (a tag),
	 * U+2066 (an isolate), U+2064, U+200D.
	 */
	static const char names_host[] = "in\342\200\213vis\342\201\240"
	    "ible\357\273\277";
	static const char *const names[] = {
		"other", "(other)", "zw\342\200\214j", "soft\302\255hy",
		"bom\357\273\277", "tag\363\240\201\201", "bidi\342\201\246x",
		"wj\342\201\244", "zwj\342\200\215", "c10"
	};

	host_file(dir, "alpha.exacct", "alpha", alpha, 12, 7, T0, 300, 4, 220,
	    1);
	host_file(dir, "beta.exacct", "beta", beta, 10, 6, T0 + 60, 600, 2,
	    500, 0);
	host_file(dir, "hostile.exacct", "x<y>&\"'\007\303(", hostile, 1, 3,
	    T0, 600, 1, 200, 0);
	/* 7 * 49284 + 11 ms in 300 s: 1.15 CPUs at most; capture 1.1. */
	hcpu_pct = 110;
	host_file(dir, "over.exacct", "over", hostile, 1, 6, T0, 300, 2,
	    49284, 0);
	hcpu_pct = 0;
	host_file(dir, "short.exacct", "short", hostile, 1, 5, T0 + 7, 10, 1,
	    1000, 0);
	host_file(dir, "names.exacct", names_host, names, 10, 4, T0, 300, 2,
	    300, 0);
}

/* -l: host long, n sweeps every 300 s, two commands. */
static void
write_long(const char *dir, int n)
{
	static const char *const two[] = { "batch", "web" };

	host_file(dir, "long.exacct", "long", two, 2, n, T0, 300, 2, 2000, 0);
}

static const char *
esc(const char *s, size_t n, size_t maxcp)
{
	static char buf[CHART_XML_ROOM(64)];

	(void) chart_xml(buf, s, n, maxcp);
	return (buf);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "-w") == 0) {
		write_files(argv[2]);
		return (0);
	}
	if (argc == 4 && strcmp(argv[1], "-l") == 0) {
		write_long(argv[2], atoi(argv[3]));
		return (0);
	}
	if (argc == 4 && strcmp(argv[1], "-m") == 0) {
		/* -m DIR N: N hosts h0 ..., a file each, two intervals. */
		static const char *const one[] = { "w" };
		char host[16], file[32];
		int i, n = atoi(argv[3]);

		for (i = 0; i < n; i++) {
			(void) snprintf(host, sizeof (host), "h%d", i);
			(void) snprintf(file, sizeof (file), "h%d.exacct", i);
			host_file(argv[2], file, host, one, 1, 3, T0, 300, 1,
			    100, 0);
		}
		return (0);
	}
	CHECK_STR(esc("plain", 5, 0), "plain");
	CHECK_STR(esc("<a href='x'>&\"", 14, 0),
	    "&lt;a href=&apos;x&apos;&gt;&amp;&quot;");
	/* Control characters, C1 included, and DEL. */
	CHECK_STR(esc("a\001b\033c\177", 6, 0),
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd");
	CHECK_STR(esc("\302\205", 2, 0), "\xef\xbf\xbd");
	/* Valid UTF-8 is kept; invalid bytes, overlongs, surrogates not. */
	CHECK_STR(esc("\303\251t\303\251", 5, 0), "\303\251t\303\251");
	CHECK_STR(esc("\377\376", 2, 0), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\300\257", 2, 0), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\355\240\200", 3, 0), "\xef\xbf\xbd");
	CHECK_STR(esc("\303", 1, 0), "\xef\xbf\xbd");
	CHECK_STR(esc("\360\237\230\200", 4, 0), "\360\237\230\200");
	/* U+FFFE and a direction override. */
	CHECK_STR(esc("\357\277\276", 3, 0), "\xef\xbf\xbd");
	CHECK_STR(esc("\342\200\256x", 4, 0), "\xef\xbf\xbdx");
	/*
	 * What is not seen, as JSON has it (fmt_cp_hidden): zero widths
	 * U+200B to U+200D, word joiner and invisible operators U+2060 to
	 * U+2064, BOM U+FEFF, soft hyphen U+00AD, tags, isolates U+2066 to
	 * U+2069, LRM, ALM U+061C.
	 */
	CHECK_STR(esc("a\342\200\213b", 5, 0), "a\xef\xbf\xbd" "b");
	CHECK_STR(esc("\342\200\214\342\200\215", 6, 0),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\342\201\240\342\201\244", 6, 0),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\357\273\277x", 4, 0), "\xef\xbf\xbdx");
	CHECK_STR(esc("\302\255", 2, 0), "\xef\xbf\xbd");
	CHECK_STR(esc("\363\240\201\201\363\240\201\277", 8, 0),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\342\201\246\342\201\251", 6, 0),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(esc("\342\200\216\330\234", 5, 0),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	/* What is seen stays: a no-break space, U+2010, CJK. */
	CHECK_STR(esc("\302\240\342\200\220\344\270\255", 8, 0),
	    "\302\240\342\200\220\344\270\255");
	/* A NUL inside the bytes. */
	CHECK_STR(esc("a\0b", 3, 0), "a\xef\xbf\xbd" "b");
	/* Cut at maxcp characters, not bytes. */
	CHECK_STR(esc("\303\251\303\251\303\251", 6, 2), "\303\251\303\251...");
	CHECK_STR(esc("abc", 3, 3), "abc");
	CHECK_UINT(chart_xml((char[CHART_XML_ROOM(3)]){ 0 }, "'''", 3, 0),
	    ==, 18);
	TEST_DONE();
}
