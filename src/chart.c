/*
 * chart.c: -i -S -F svg, the summary drawn (see chart.h).
 *
 * While the input is read, each interval's summary and its split by
 * command are written as fixed records to a temporary file, and the run's
 * CPU per host and command is summed in one key table (split.c).  At the
 * end each host's CHART_TOP commands are chosen, and the file is read
 * twice per host: once for the bars, once for the host CPU and capture
 * lines drawn over them (and once before, for the axes, when the host's
 * intervals are merged into bars of several: BAR_MAX).  Nothing here is
 * on a per-record path, and nothing grows with the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "exdump.h"
#include "fmt.h"
#include "interval.h"
#include "records.h"

/* The layout, in px: one panel per host, stacked. */
#define	SVG_W		1200
#define	PL		70	/* the plots' left */
#define	PW		820	/* and width */
#define	LEG_X		910	/* the legend's left */
#define	PANEL_H		480
#define	MAIN_TOP	48	/* the CPU plot, from the panel's top */
#define	MAIN_H		256
#define	CAP_TOP		362	/* the capture plot */
#define	CAP_H		70
#define	NAME_SHOW	40	/* characters of a name in a label */
/*
 * The most bars of a host, one per px column of the plot: a host of more
 * intervals has them merged, so many to a bar that this many do.
 */
#define	BAR_MAX		PW

#define	R_SUM		1
#define	R_CMD		2

#define	F_HCPU		1	/* R_SUM: host CPU at both ends */
#define	F_USED		2	/* R_SUM: user or system CPU present */
#define	F_CMD		1	/* R_CMD: the records named a command */
#define	F_OTHER		2	/* R_CMD: a key of the split's (other) */

/* One spooled record: a summary, or a command's CPU in it. */
struct ch_rec {
	uint64_t	r_start;
	uint64_t	r_end;
	uint64_t	r_ns;		/* user + system CPU, ns */
	uint64_t	r_hcpu;		/* R_SUM: the host's CPU, ns */
	uint32_t	r_ncpu;
	uint16_t	r_host;
	uint8_t		r_type;
	uint8_t		r_flag;
	uint8_t		r_cmdlen;
	char		r_cmd[EX_COMMAND_MAX];
};

struct ch_cmd {
	uint64_t	c_ns;
	uint8_t		c_have;
	uint8_t		c_len;
	char		c_cmd[EX_COMMAND_MAX];
};

struct ch_host {
	char		h_name[EX_HOST_MAX];
	size_t		h_len;
	uint64_t	h_t0;		/* the first interval's start */
	uint64_t	h_t1;		/* the last one's end */
	uint64_t	h_nivl;
	uint64_t	h_used;		/* CPU of the run, ns */
	double		h_ymax;		/* the most CPUs, used or the host's */
	double		h_capmax;
	uint32_t	h_ncpu;
	int		h_hashcpu;	/* an interval has the host's CPU */
	uint64_t	h_k;		/* intervals to a bar */
	size_t		h_ntop;
	struct ch_cmd	h_top[CHART_TOP];
	uint64_t	h_other;	/* CPU of the rest, ns */
};

struct chart {
	FILE		*ch_f;
	int		ch_err;		/* errno of the first spool error */
	struct ch_host	ch_host[CHART_HOSTS];
	size_t		ch_nhost;
	int		ch_cur;		/* host of the last summary, or -1 */
	struct ch_rec	ch_sum;		/* that summary */
	struct sptab	ch_tot;		/* CPU per host and command */
	uint64_t	ch_skipped;	/* intervals of hosts past CHART_HOSTS */
};

/* The colours of the commands by rank, then other's. */
static const char *const colour[CHART_TOP + 1] = {
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
	"#b07aa1", "#ff9da7", "#bab0ac"
};

static char xbuf[CHART_XML_ROOM(EX_HOST_MAX)];

/* The Unicode characters XML holds and a reader is shown as they are. */
static int
xml_ok(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return (0);		/* control characters */
	if (c >= 0xd800 && c < 0xe000)
		return (0);		/* surrogates */
	if (c == 0xfffe || c == 0xffff || c > 0x10ffff)
		return (0);
	/*
	 * What is not seen or moves the text (direction controls, line
	 * separators, zero widths, tags...): the rule of JSON's output.
	 */
	return (!fmt_cp_hidden(c));
}

/* The length of a valid UTF-8 sequence at s (n left), its value; 0 if none. */
static size_t
utf8_one(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return (1);
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return (0);
	}
	if (len > n)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff)
		return (0);
	*cp = c;
	return (len);
}

size_t
chart_xml(char *dst, const char *src, size_t n, size_t maxcp)
{
	const unsigned char *s = (const unsigned char *)src;
	char *p = dst;
	size_t i = 0, len, ncp = 0;
	uint32_t c;

	while (i < n) {
		if (maxcp > 0 && ncp == maxcp) {
			memcpy(p, "...", 3);
			p += 3;
			break;
		}
		ncp++;
		if ((len = utf8_one(s + i, n - i, &c)) == 0 || !xml_ok(c)) {
			memcpy(p, "\xef\xbf\xbd", 3);	/* U+FFFD */
			p += 3;
			i += len == 0 ? 1 : len;
			continue;
		}
		switch (c) {
		case '&':
			memcpy(p, "&amp;", 5), p += 5;
			break;
		case '<':
			memcpy(p, "&lt;", 4), p += 4;
			break;
		case '>':
			memcpy(p, "&gt;", 4), p += 4;
			break;
		case '"':
			memcpy(p, "&quot;", 6), p += 6;
			break;
		case '\'':
			memcpy(p, "&apos;", 6), p += 6;
			break;
		default:
			memcpy(p, s + i, len), p += len;
			break;
		}
		i += len;
	}
	*p = '\0';
	return ((size_t)(p - dst));
}

/* A name from a file, escaped, at most maxcp characters (0: all). */
static void
put_xml(struct out *o, const char *s, size_t n, size_t maxcp)
{
	if (n > EX_HOST_MAX)
		n = EX_HOST_MAX;
	out_bytes(o, xbuf, chart_xml(xbuf, s, n, maxcp));
}

/* A coordinate or a value, two decimals (the C locale: no setlocale). */
static void
put_f(struct out *o, double v)
{
	out_printf(o, "%.2f", v);
}

struct chart *
chart_open(void)
{
	struct chart *ch;

	if ((ch = calloc(1, sizeof (*ch))) == NULL || sp_init(&ch->ch_tot) ==
	    -1) {
		(void) fprintf(stderr, "%s: the chart: %s\n", progname,
		    strerror(ENOMEM));
		free(ch);
		return (NULL);
	}
	if ((ch->ch_f = tmpfile()) == NULL) {
		(void) fprintf(stderr, "%s: cannot make a temporary file for "
		    "the chart: %s\n", progname, strerror(errno));
		sp_free(&ch->ch_tot);
		free(ch);
		return (NULL);
	}
	ch->ch_cur = -1;
	return (ch);
}

static void
spool(struct chart *ch, const struct ch_rec *r)
{
	if (ch->ch_err == 0 && fwrite(r, sizeof (*r), 1, ch->ch_f) != 1)
		ch->ch_err = errno != 0 ? errno : EIO;
}

/* The CPU the counters have (user + system), as -S computes it. */
static uint64_t
used_ns(unsigned have, const uint64_t *ctr)
{
	uint64_t u = 0;

	if (have & (1u << IVC_USER))
		u = iv_plus(u, ctr[IVC_USER]);
	if (have & (1u << IVC_SYS))
		u = iv_plus(u, ctr[IVC_SYS]);
	return (u);
}

void
chart_sum(struct chart *ch, const struct tl_sum *sm)
{
	const struct tl_span *sp = &sm->ts_span;
	struct ch_rec *r = &ch->ch_sum;
	struct ch_host *h;
	uint64_t len;
	size_t i;
	double v;

	ch->ch_cur = -1;
	for (i = 0; i < ch->ch_nhost; i++) {
		h = &ch->ch_host[i];
		if (h->h_len == sp->sp_hostlen && memcmp(h->h_name,
		    sp->sp_host, sp->sp_hostlen) == 0)
			break;
	}
	if (i == ch->ch_nhost) {
		if (i == CHART_HOSTS || sp->sp_hostlen >= EX_HOST_MAX) {
			ch->ch_skipped++;
			return;
		}
		h = &ch->ch_host[ch->ch_nhost++];
		memcpy(h->h_name, sp->sp_host, sp->sp_hostlen);
		h->h_len = sp->sp_hostlen;
		h->h_t0 = sp->sp_start;
		h->h_t1 = sp->sp_end;
	}
	h = &ch->ch_host[i];
	ch->ch_cur = (int)i;
	memset(r, 0, sizeof (*r));
	r->r_type = R_SUM;
	r->r_host = (uint16_t)i;
	r->r_start = sp->sp_start;
	r->r_end = sp->sp_end;
	r->r_ns = used_ns(sm->ts_have, sm->ts_ctr);
	if (sm->ts_have & (1u << IVC_USER | 1u << IVC_SYS))
		r->r_flag |= F_USED;
	if (sm->ts_have_hcpu) {
		r->r_flag |= F_HCPU;
		h->h_hashcpu = 1;
		r->r_hcpu = sm->ts_hcpu;
		r->r_ncpu = sm->ts_ncpu;
		if (sm->ts_ncpu > h->h_ncpu)
			h->h_ncpu = sm->ts_ncpu;
	}
	spool(ch, r);
	if (sp->sp_start < h->h_t0)
		h->h_t0 = sp->sp_start;
	if (sp->sp_end > h->h_t1)
		h->h_t1 = sp->sp_end;
	h->h_nivl++;
	h->h_used = iv_plus(h->h_used, r->r_ns);
	len = sp->sp_end > sp->sp_start ? sp->sp_end - sp->sp_start : 1;
	v = (double)r->r_ns / (double)len;
	if (v > h->h_ymax)
		h->h_ymax = v;
	if (r->r_flag & F_HCPU) {
		v = (double)r->r_hcpu / (double)len;
		if (v > h->h_ymax)
			h->h_ymax = v;
		if ((r->r_flag & F_USED) && r->r_hcpu > 0) {
			v = (double)r->r_ns / (double)r->r_hcpu;
			if (v > h->h_capmax)
				h->h_capmax = v;
		}
	}
}

void
chart_split(struct chart *ch, const struct sp_ent *e)
{
	static struct ch_rec r;
	static struct sp_key key;
	static struct sp_ent val;
	const struct sp_key *k = &e->e_key;
	const struct ch_host *h;

	if (ch->ch_cur < 0 || k->k_kind == SPK_LOST)
		return;
	h = &ch->ch_host[ch->ch_cur];
	memset(&r, 0, sizeof (r));
	r.r_type = R_CMD;
	r.r_host = (uint16_t)ch->ch_cur;
	r.r_start = ch->ch_sum.r_start;
	r.r_end = ch->ch_sum.r_end;
	if ((r.r_ns = used_ns(e->e_have, e->e_ctr)) == 0)
		return;
	if (k->k_kind == SPK_OTHER) {
		r.r_flag = F_OTHER;
	} else if (k->k_have & (1u << SK_COMMAND)) {
		r.r_flag = F_CMD;
		r.r_cmdlen = (uint8_t)(k->k_cmdlen < EX_COMMAND_MAX ?
		    k->k_cmdlen : EX_COMMAND_MAX);
		memcpy(r.r_cmd, k->k_cmd, r.r_cmdlen);
	}
	spool(ch, &r);
	if (r.r_flag & F_OTHER)
		return;
	/* The run's CPU of the host's command, to rank it. */
	memset(&key, 0, sizeof (key));
	memcpy(key.k_host, h->h_name, h->h_len);
	key.k_hostlen = (uint16_t)h->h_len;
	key.k_have = (uint8_t)(r.r_flag & F_CMD ? 1u << SK_COMMAND : 0);
	key.k_cmdlen = r.r_cmdlen;
	memcpy(key.k_cmd, r.r_cmd, r.r_cmdlen);
	memset(&val, 0, sizeof (val));
	val.e_have = 1u << IVC_USER;
	val.e_ctr[IVC_USER] = r.r_ns;
	val.e_nproc = e->e_nproc;
	sp_add(&ch->ch_tot, &key, &val);
}

/* Each host's CHART_TOP commands by CPU (the first met of equals first). */
static void
rank(struct chart *ch)
{
	const struct sp_ent *e;
	struct ch_host *h;
	struct ch_cmd c;
	size_t i, j, n;

	for (i = 0; i < ch->ch_tot.sp_n; i++) {
		e = &ch->ch_tot.sp_ent[i];
		if (e->e_key.k_kind != SPK_ROW)
			continue;
		for (j = 0; j < ch->ch_nhost; j++) {
			h = &ch->ch_host[j];
			if (h->h_len == e->e_key.k_hostlen && memcmp(h->h_name,
			    e->e_key.k_host, h->h_len) == 0)
				break;
		}
		if (j == ch->ch_nhost)
			continue;
		memset(&c, 0, sizeof (c));
		c.c_ns = e->e_ctr[IVC_USER];
		c.c_have = e->e_key.k_have != 0;
		c.c_len = (uint8_t)e->e_key.k_cmdlen;
		memcpy(c.c_cmd, e->e_key.k_cmd, c.c_len);
		/* After those of as much CPU or more, met first. */
		for (n = 0; n < h->h_ntop && h->h_top[n].c_ns >= c.c_ns; n++)
			;
		if (n == CHART_TOP)
			continue;
		if (h->h_ntop < CHART_TOP)
			h->h_ntop++;
		memmove(&h->h_top[n + 1], &h->h_top[n], (h->h_ntop - 1 - n) *
		    sizeof (h->h_top[0]));
		h->h_top[n] = c;
	}
	for (j = 0; j < ch->ch_nhost; j++) {
		h = &ch->ch_host[j];
		h->h_other = h->h_used;
		for (i = 0; i < h->h_ntop; i++)
			h->h_other = h->h_other >= h->h_top[i].c_ns ?
			    h->h_other - h->h_top[i].c_ns : 0;
	}
}

/* The place of a command record among its host's top: CHART_TOP: other. */
static size_t
slot(const struct ch_host *h, const struct ch_rec *r)
{
	size_t i;

	if (r->r_flag & F_OTHER)
		return (CHART_TOP);
	for (i = 0; i < h->h_ntop; i++) {
		const struct ch_cmd *c = &h->h_top[i];

		if (c->c_have == ((r->r_flag & F_CMD) != 0) &&
		    c->c_len == r->r_cmdlen &&
		    memcmp(c->c_cmd, r->r_cmd, c->c_len) == 0)
			return (i);
	}
	return (CHART_TOP);
}

/* A step of 1, 2, 2.5 or 5 times a power of ten, with v / step <= 5. */
static double
nice_step(double v)
{
	static const double m[] = { 1, 2, 2.5, 5 };
	double d = 0.001;
	int i;

	while (d < 1e300) {
		for (i = 0; i < 4; i++) {
			if (v <= 5 * m[i] * d)
				return (m[i] * d);
		}
		d *= 10;
	}
	return (d);
}

/* The top of an axis for v: a whole number of steps. */
static double
axis_top(double v, double *step)
{
	double s = nice_step(v > 0 ? v : 1);
	unsigned long k = (unsigned long)(v / s);

	if ((double)k * s < v || k == 0)
		k++;
	*step = s;
	return ((double)k * s);
}

/* A time in local time by strftime's fmt, escaped. */
static void
put_time(struct out *o, uint64_t ns, const char *fmt)
{
	char buf[64];
	time_t t = (time_t)(ns / UINT64_C(1000000000));
	struct tm tm;
	size_t n = 0;

	if (localtime_r(&t, &tm) != NULL)
		n = strftime(buf, sizeof (buf), fmt, &tm);
	if (n == 0)
		memcpy(buf, "?", 2), n = 1;
	put_xml(o, buf, n, 0);
}

static int
local_day(uint64_t ns, struct tm *tm)
{
	time_t t = (time_t)(ns / UINT64_C(1000000000));

	return (localtime_r(&t, tm) != NULL);
}

/* The panel's x: ns since the epoch to px. */
struct xmap {
	uint64_t	x_t0;
	double		x_span;
};

static double
xof(const struct xmap *m, uint64_t t)
{
	return (PL + (double)(t - m->x_t0) / m->x_span * PW);
}

/* A tick of the time axis at x, labelled with t by strftime's fmt. */
static void
time_tick(struct out *o, double x, double y, double top, uint64_t t,
    const char *fmt)
{
	out_str(o, "<line stroke=\"#e0e0e0\" x1=\"");
	put_f(o, x);
	out_str(o, "\" x2=\"");
	put_f(o, x);
	out_str(o, "\" y1=\"");
	put_f(o, top);
	out_str(o, "\" y2=\"");
	put_f(o, y + 4);
	out_str(o, "\"/>\n<text class=\"tick\" text-anchor=\"middle\" x=\"");
	put_f(o, x);
	out_str(o, "\" y=\"");
	put_f(o, y + 16);
	out_str(o, "\">");
	put_time(o, t, fmt);
	out_str(o, "</text>\n");
}

/*
 * Ticks on the first of the months, every step months from January of
 * year 0, from the month of tm0 to that of tm1: YYYY-MM, or YYYY for
 * years.  How many.
 */
static size_t
month_ticks(struct out *o, const struct xmap *m, uint64_t t1, double y,
    double top, const struct tm *tm0, const struct tm *tm1)
{
	static const long msteps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 600,
	    1200 };
	long a = (long)tm0->tm_year * 12 + tm0->tm_mon, b = (long)
	    tm1->tm_year * 12 + tm1->tm_mon, step = 1, k;
	size_t i, nt = 0;
	struct tm tm;
	time_t t;

	for (i = 0; i < sizeof (msteps) / sizeof (msteps[0]); i++) {
		step = msteps[i];
		if ((b - a) / step <= 8)
			break;
	}
	/* Months from 1900 (tm_year 0): from year 0 is 1900 * 12 more. */
	for (k = a + 1; k <= b; k++) {
		if ((k + 1900L * 12) % step != 0)
			continue;
		memset(&tm, 0, sizeof (tm));
		tm.tm_year = (int)(k / 12);
		tm.tm_mon = (int)(k % 12);
		tm.tm_mday = 1;
		tm.tm_isdst = -1;
		if ((t = mktime(&tm)) == (time_t)-1 || t < 0 ||
		    (uint64_t)t * UINT64_C(1000000000) < m->x_t0 ||
		    (uint64_t)t * UINT64_C(1000000000) > t1)
			continue;
		time_tick(o, xof(m, (uint64_t)t * UINT64_C(1000000000)), y,
		    top, (uint64_t)t * UINT64_C(1000000000), step >= 12 ?
		    "%Y" : "%Y-%m");
		nt++;
	}
	return (nt);
}

/*
 * The time axis under a plot whose bottom is y, ticks in local time: at
 * most 8 of a step of seconds (HH:MM:SS), minutes or hours (HH:MM, the
 * date under the first of each day when the range has more than one),
 * days or weeks (MM-DD), months (YYYY-MM) or years (YYYY); a range too
 * short for any tick has its ends labelled.
 */
static void
time_axis(struct out *o, const struct xmap *m, uint64_t t1, double y,
    double top)
{
	static const unsigned steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300,
	    600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
	    604800, 1209600 };
	uint64_t s0 = (m->x_t0 + UINT64_C(999999999)) / UINT64_C(1000000000);
	uint64_t s1 = t1 / UINT64_C(1000000000), t, sod;
	unsigned step = steps[0];
	struct tm tm, tm1;
	size_t i, nt = 0;
	int lastday = -1, days;
	const char *fmt;

	for (i = 0; i < sizeof (steps) / sizeof (steps[0]); i++) {
		step = steps[i];
		if ((s1 - s0) / step <= 8)
			break;
	}
	fmt = step < 60 ? "%H:%M:%S" : step < 86400 ? "%H:%M" : "%m-%d";
	if (s1 < s0 || !local_day(t1, &tm1) ||
	    !local_day(s0 * UINT64_C(1000000000), &tm)) {
		/* Under a second: its ends. */
		time_tick(o, PL, y, top, m->x_t0, "%H:%M:%S");
		time_tick(o, PL + PW, y, top, t1, "%H:%M:%S");
		return;
	}
	if (i == sizeof (steps) / sizeof (steps[0])) {
		/* Over 16 weeks: months or years. */
		if (month_ticks(o, m, t1, y, top, &tm, &tm1) == 0) {
			time_tick(o, PL, y, top, m->x_t0, "%Y-%m-%d");
			time_tick(o, PL + PW, y, top, t1, "%Y-%m-%d");
		}
		return;
	}
	/* A range over days: each tick of a new day has its date under it. */
	days = tm1.tm_yday != tm.tm_yday || tm1.tm_year != tm.tm_year;
	sod = (uint64_t)tm.tm_hour * 3600 + (uint64_t)tm.tm_min * 60 +
	    (uint64_t)tm.tm_sec;
	t = s0 + (step - sod % step) % step;
	for (; t <= s1; t += step) {
		double x = xof(m, t * UINT64_C(1000000000));

		time_tick(o, x, y, top, t * UINT64_C(1000000000), fmt);
		nt++;
		if (days && step < 86400 && local_day(t * UINT64_C(1000000000),
		    &tm) && tm.tm_yday != lastday) {
			out_str(o, "<text text-anchor=\"middle\" fill=\"#555\" "
			    "x=\"");
			put_f(o, x);
			out_str(o, "\" y=\"");
			put_f(o, y + 29);
			out_str(o, "\">");
			put_time(o, t * UINT64_C(1000000000), "%m-%d");
			out_str(o, "</text>\n");
		}
		if (local_day(t * UINT64_C(1000000000), &tm))
			lastday = tm.tm_yday;
	}
	if (nt == 0) {
		time_tick(o, PL, y, top, m->x_t0, "%H:%M:%S");
		time_tick(o, PL + PW, y, top, t1, "%H:%M:%S");
	}
}

/* The decimals that print every multiple of step exactly (at most 6). */
static int
step_decimals(double step)
{
	double p = 1;
	int d;

	for (d = 0; d < 6; d++, p *= 10) {
		double v = step * p;

		if (v - (double)(unsigned long long)(v + 0.5) < 1e-9 * v &&
		    (double)(unsigned long long)(v + 0.5) - v < 1e-9 * v)
			break;
	}
	return (d);
}

/*
 * A value axis on the left of a plot from y (0) up h px to top (value),
 * a label each step with as many decimals as the step has.
 */
static void
value_axis(struct out *o, double y, double h, double top, double step)
{
	double v;
	unsigned long k, n = (unsigned long)(top / step + 0.5);
	int dec = step_decimals(step);

	for (k = 0; k <= n; k++) {
		v = (double)k * step;
		out_str(o, "<line stroke=\"#e0e0e0\" x1=\"" );
		out_u64(o, PL - 4);
		out_str(o, "\" x2=\"");
		out_u64(o, PL + PW);
		out_str(o, "\" y1=\"");
		put_f(o, y - v / top * h);
		out_str(o, "\" y2=\"");
		put_f(o, y - v / top * h);
		out_str(o, "\"/>\n<text text-anchor=\"end\" x=\"");
		out_u64(o, PL - 7);
		out_str(o, "\" y=\"");
		put_f(o, y - v / top * h + 4);
		out_str(o, "\">");
		out_printf(o, "%.*f", dec, v);
		out_str(o, "</text>\n");
	}
}

/*
 * A command's name as the legend and the tooltips show it; the bucket of
 * the rest and the processes of no command are in parentheses (and told
 * apart by their attributes, data-other and data-nocmd, not their name).
 */
static void
put_cmd_name(struct out *o, const struct ch_host *h, size_t i, size_t maxcp)
{
	if (i >= h->h_ntop)
		out_str(o, "(other)");
	else if (!h->h_top[i].c_have)
		out_str(o, "(no command)");
	else
		put_xml(o, h->h_top[i].c_cmd, h->h_top[i].c_len, maxcp);
}

/* The attribute of command i: data-cmd="name", data-other or data-nocmd. */
static void
put_cmd_attr(struct out *o, const struct ch_host *h, size_t i)
{
	if (i >= h->h_ntop) {
		out_str(o, " data-other=\"1\"");
	} else if (!h->h_top[i].c_have) {
		out_str(o, " data-nocmd=\"1\"");
	} else {
		out_str(o, " data-cmd=\"");
		put_xml(o, h->h_top[i].c_cmd, h->h_top[i].c_len, 0);
		out_str(o, "\"");
	}
}

/*
 * A bar: the intervals of a host merged into one (one, unless the host
 * has more than BAR_MAX), their sums and their split by command.
 */
struct ch_grp {
	uint64_t	g_start;
	uint64_t	g_end;
	uint64_t	g_n;		/* intervals */
	uint64_t	g_ns;		/* their CPU used, ns */
	uint64_t	g_hcpu;		/* their host CPU, ns */
	int		g_hall;		/* every one has the host's CPU */
	int		g_used;		/* one has user or system CPU */
	uint64_t	g_seg[CHART_TOP + 1];
};

/* The spool read in bars of a host. */
struct ch_rd {
	struct ch_rec	rd_r;
	int		rd_have;	/* rd_r is read, not yet taken */
	int		rd_open;	/* an interval of the host is open */
	uint64_t	rd_ns;		/* its CPU used */
	uint64_t	rd_seg[CHART_TOP + 1];
};

/* The tooltips' times: with the date if the host's range has more days. */
static const char *tip_fmt = "%H:%M:%S";

/* data-host="..." data-start=".." data-end=".." of a bar. */
static void
put_ivl_attrs(struct out *o, const struct ch_host *h, const struct ch_grp *g)
{
	out_str(o, " data-host=\"");
	put_xml(o, h->h_name, h->h_len, 0);
	out_str(o, "\" data-start=\"");
	out_u64(o, g->g_start);
	out_str(o, "\" data-end=\"");
	out_u64(o, g->g_end);
	out_str(o, "\"");
}

/* ", HH:MM:SS to HH:MM:SS" of a bar, and how many intervals it holds. */
static void
put_span(struct out *o, const struct ch_grp *g)
{
	out_str(o, ", ");
	put_time(o, g->g_start, tip_fmt);
	out_str(o, " to ");
	put_time(o, g->g_end, tip_fmt);
	if (g->g_n > 1) {
		out_str(o, " (");
		out_u64(o, g->g_n);
		out_str(o, " intervals)");
	}
}

/* The bar of one group of intervals, stacked by rank, other on top. */
static void
put_bar(struct out *o, const struct ch_host *h, const struct ch_grp *g,
    const struct xmap *m, double y0, double ppc)
{
	uint64_t len = g->g_end > g->g_start ? g->g_end - g->g_start : 1,
	    acc = 0;
	double x0 = xof(m, g->g_start), x1 = xof(m, g->g_end), in, ya, yb;
	size_t i;

	/* A gap between bars, none between those of a px or two. */
	in = (x1 - x0) > 4 ? 1 : (x1 - x0) < 2 ? 0 : (x1 - x0) / 8;
	out_str(o, "<g class=\"ivl\"");
	put_ivl_attrs(o, h, g);
	out_str(o, " data-nivl=\"");
	out_u64(o, g->g_n);
	out_str(o, "\" data-used-ns=\"");
	out_u64(o, g->g_ns);
	out_str(o, "\"");
	if (g->g_hall) {
		out_str(o, " data-hcpu-ns=\"");
		out_u64(o, g->g_hcpu);
		out_str(o, "\"");
	}
	out_str(o, ">\n");
	for (i = 0; i <= CHART_TOP; i++) {
		if (g->g_seg[i] == 0)
			continue;
		ya = y0 - (double)acc / (double)len * ppc;
		acc = iv_plus(acc, g->g_seg[i]);
		yb = y0 - (double)acc / (double)len * ppc;
		out_str(o, "<rect class=\"seg\"");
		put_ivl_attrs(o, h, g);
		put_cmd_attr(o, h, i);
		out_str(o, " data-cpu-ns=\"");
		out_u64(o, g->g_seg[i]);
		out_str(o, "\" fill=\"");
		out_str(o, colour[i < h->h_ntop ? i : CHART_TOP]);
		out_str(o, "\" x=\"");
		put_f(o, x0 + in);
		out_str(o, "\" width=\"");
		/* Bars of a px or two: over the next one, no seam. */
		put_f(o, x1 - x0 - 2 * in + (in == 0 ? 0.4 : 0));
		out_str(o, "\" y=\"");
		put_f(o, yb);
		out_str(o, "\" height=\"");
		put_f(o, ya - yb);
		out_str(o, "\"><title>");
		put_cmd_name(o, h, i, NAME_SHOW);
		out_str(o, ": ");
		out_printf(o, "%.3f", (double)g->g_seg[i] / (double)len);
		out_str(o, " CPUs (");
		out_printf(o, "%.3f", (double)g->g_seg[i] / 1e9);
		out_str(o, " s)");
		put_span(o, g);
		out_str(o, "</title></rect>\n");
	}
	out_str(o, "</g>\n");
}

/* Read the spool from its start: 1, or 0 with ch_err set. */
static int
rewind_spool(struct chart *ch, struct ch_rd *rd)
{
	memset(rd, 0, sizeof (*rd));
	if (ch->ch_err != 0)
		return (0);
	if (fflush(ch->ch_f) == EOF || fseek(ch->ch_f, 0L, SEEK_SET) != 0) {
		ch->ch_err = errno != 0 ? errno : EIO;
		return (0);
	}
	return (1);
}

static int
next_rec(struct chart *ch, struct ch_rec *r)
{
	if (fread(r, sizeof (*r), 1, ch->ch_f) == 1)
		return (1);
	if (ferror(ch->ch_f) && ch->ch_err == 0)
		ch->ch_err = errno != 0 ? errno : EIO;
	return (0);
}

/*
 * The open interval's split into g: what the split could not hold is
 * other's too, so that the bars add up to -S.
 */
static void
fold_ivl(struct ch_rd *rd, struct ch_grp *g)
{
	uint64_t split = 0;
	size_t i;

	if (!rd->rd_open)
		return;
	for (i = 0; i <= CHART_TOP; i++)
		split = iv_plus(split, rd->rd_seg[i]);
	if (rd->rd_ns > split)
		rd->rd_seg[CHART_TOP] += rd->rd_ns - split;
	for (i = 0; i <= CHART_TOP; i++)
		g->g_seg[i] = iv_plus(g->g_seg[i], rd->rd_seg[i]);
	rd->rd_open = 0;
}

/* The next bar of host hi, k intervals (fewer at the end): 0 if none. */
static int
next_group(struct chart *ch, struct ch_rd *rd, size_t hi, uint64_t k,
    struct ch_grp *g)
{
	const struct ch_host *h = &ch->ch_host[hi];
	struct ch_rec *r = &rd->rd_r;

	memset(g, 0, sizeof (*g));
	for (;;) {
		if (!rd->rd_have && !next_rec(ch, r)) {
			fold_ivl(rd, g);
			break;
		}
		rd->rd_have = 0;
		if (r->r_type != R_SUM) {
			if (rd->rd_open && r->r_host == hi) {
				size_t i = slot(h, r);

				rd->rd_seg[i] = iv_plus(rd->rd_seg[i], r->r_ns);
			}
			continue;
		}
		fold_ivl(rd, g);
		if (r->r_host != hi)
			continue;
		if (g->g_n == k) {
			rd->rd_have = 1;	/* the next bar's */
			break;
		}
		if (g->g_n == 0) {
			g->g_start = r->r_start;
			g->g_end = r->r_end;
			g->g_hall = 1;
		}
		if (r->r_start < g->g_start)
			g->g_start = r->r_start;
		if (r->r_end > g->g_end)
			g->g_end = r->r_end;
		g->g_n++;
		g->g_ns = iv_plus(g->g_ns, r->r_ns);
		if (r->r_flag & F_HCPU)
			g->g_hcpu = iv_plus(g->g_hcpu, r->r_hcpu);
		else
			g->g_hall = 0;
		if (r->r_flag & F_USED)
			g->g_used = 1;
		rd->rd_open = 1;
		rd->rd_ns = r->r_ns;
		memset(rd->rd_seg, 0, sizeof (rd->rd_seg));
	}
	return (g->g_n > 0);
}

/* The capture of a bar: 1 and *cap, or 0 if it has none. */
static int
grp_capture(const struct ch_grp *g, double *cap)
{
	if (!g->g_hall || !g->g_used || g->g_hcpu == 0)
		return (0);
	*cap = (double)g->g_ns / (double)g->g_hcpu;
	return (1);
}

/* The tops of the axes of a host whose bars merge intervals. */
static void
merged_tops(struct chart *ch, size_t hi)
{
	static struct ch_rd rd;
	static struct ch_grp g;
	struct ch_host *h = &ch->ch_host[hi];
	uint64_t len;
	double v;

	if (!rewind_spool(ch, &rd))
		return;
	h->h_ymax = h->h_capmax = 0;
	while (next_group(ch, &rd, hi, h->h_k, &g)) {
		len = g.g_end > g.g_start ? g.g_end - g.g_start : 1;
		v = (double)g.g_ns / (double)len;
		if (v > h->h_ymax)
			h->h_ymax = v;
		if (g.g_hall) {
			v = (double)g.g_hcpu / (double)len;
			if (v > h->h_ymax)
				h->h_ymax = v;
		}
		if (grp_capture(&g, &v) && v > h->h_capmax)
			h->h_capmax = v;
	}
}

/* The bars of host hi. */
static void
bars(struct chart *ch, struct out *o, size_t hi, const struct xmap *m,
    double y0, double ppc)
{
	static struct ch_rd rd;
	static struct ch_grp g;
	const struct ch_host *h = &ch->ch_host[hi];

	if (!rewind_spool(ch, &rd))
		return;
	while (next_group(ch, &rd, hi, h->h_k, &g))
		put_bar(o, h, &g, m, y0, ppc);
}

static void
put_line(struct out *o, const char *cls, const char *stroke, double w,
    double x1, double y1, double x2, double y2)
{
	out_str(o, "<line");
	if (cls != NULL) {
		out_str(o, " class=\"");
		out_str(o, cls);
		out_str(o, "\"");
	}
	out_str(o, " stroke=\"");
	out_str(o, stroke);
	out_str(o, "\" stroke-width=\"");
	put_f(o, w);
	out_str(o, "\" x1=\"");
	put_f(o, x1);
	out_str(o, "\" y1=\"");
	put_f(o, y1);
	out_str(o, "\" x2=\"");
	put_f(o, x2);
	out_str(o, "\" y2=\"");
	put_f(o, y2);
	out_str(o, "\"");
}

/* The host CPU line over the bars, and the capture in its plot. */
static void
lines(struct chart *ch, struct out *o, size_t hi, const struct xmap *m,
    double y0, double ppc, double cy0, double cppu, double ctop)
{
	static struct ch_rd rd;
	static struct ch_grp g;
	const struct ch_host *h = &ch->ch_host[hi];
	uint64_t len, pend = 0, cend = 0;
	double x0, x1, y, py = 0, cy, pcy = 0, cap;

	if (!rewind_spool(ch, &rd))
		return;
	while (next_group(ch, &rd, hi, h->h_k, &g)) {
		if (!g.g_hall) {
			pend = cend = 0;
			continue;
		}
		len = g.g_end > g.g_start ? g.g_end - g.g_start : 1;
		x0 = xof(m, g.g_start);
		x1 = xof(m, g.g_end);
		y = y0 - (double)g.g_hcpu / (double)len * ppc;
		if (pend != 0 && pend == g.g_start) {
			put_line(o, NULL, "#222", 1.5, x0, py, x0, y);
			out_str(o, "/>\n");
		}
		put_line(o, "hostcpu", "#222", 2, x0, y, x1, y);
		put_ivl_attrs(o, h, &g);
		out_str(o, " data-hcpu-ns=\"");
		out_u64(o, g.g_hcpu);
		out_str(o, "\"><title>host CPU: ");
		out_printf(o, "%.3f", (double)g.g_hcpu / (double)len);
		out_str(o, " CPUs");
		put_span(o, &g);
		out_str(o, "</title></line>\n");
		pend = g.g_end;
		py = y;
		if (!grp_capture(&g, &cap)) {
			cend = 0;
			continue;
		}
		cy = cy0 - (cap < ctop ? cap : ctop) * cppu;
		if (cend != 0 && cend == g.g_start) {
			put_line(o, NULL, "#c0392b", 1, x0, pcy, x0, cy);
			out_str(o, "/>\n");
		}
		put_line(o, "capture", "#c0392b", 2, x0, cy, x1, cy);
		put_ivl_attrs(o, h, &g);
		out_str(o, " data-capture=\"");
		out_printf(o, "%.4f", cap);
		out_str(o, "\"><title>capture: ");
		out_printf(o, "%.3f", cap);
		put_span(o, &g);
		out_str(o, "</title></line>\n");
		cend = g.g_end;
		pcy = cy;
	}
}

static void
legend(struct out *o, const struct ch_host *h, double top)
{
	size_t i;
	double y = top;

	for (i = 0; i <= CHART_TOP; i++) {
		uint64_t ns;

		if (i >= h->h_ntop && i < CHART_TOP)
			continue;
		ns = i < h->h_ntop ? h->h_top[i].c_ns : h->h_other;
		if (i == CHART_TOP && ns == 0)
			break;		/* no other */
		out_str(o, "<rect x=\"");
		out_u64(o, LEG_X);
		out_str(o, "\" y=\"");
		put_f(o, y);
		out_str(o, "\" width=\"12\" height=\"12\" fill=\"");
		out_str(o, colour[i < h->h_ntop ? i : CHART_TOP]);
		out_str(o, "\"/>\n<text class=\"legend\"");
		put_cmd_attr(o, h, i);
		if (i >= h->h_ntop || !h->h_top[i].c_have)
			out_str(o, " font-style=\"italic\"");
		out_str(o, " x=\"");
		out_u64(o, LEG_X + 18);
		out_str(o, "\" y=\"");
		put_f(o, y + 10);
		out_str(o, "\">");
		put_cmd_name(o, h, i, 20);
		out_str(o, " <tspan fill=\"#555\" font-style=\"normal\">");
		out_printf(o, "%.1f", (double)ns / 1e9);
		out_str(o, " s</tspan></text>\n");
		y += 20;
	}
	if (!h->h_hashcpu)
		return;		/* no host CPU line */
	y += 6;
	put_line(o, NULL, "#222", 2, LEG_X, y + 6, LEG_X + 12, y + 6);
	out_str(o, "/>\n<text class=\"legend\" x=\"");
	out_u64(o, LEG_X + 18);
	out_str(o, "\" y=\"");
	put_f(o, y + 10);
	out_str(o, "\">host CPU</text>\n");
}

/* One host's panel at y. */
static void
panel(struct chart *ch, struct out *o, size_t hi, double top)
{
	const struct ch_host *h = &ch->ch_host[hi];
	struct xmap m;
	double step, ymax, y0, ppc, cstep, ctop, cy0;
	struct tm a, b;
	int days;

	days = local_day(h->h_t0, &a) && local_day(h->h_t1, &b) &&
	    (a.tm_yday != b.tm_yday || a.tm_year != b.tm_year);
	tip_fmt = days ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S";
	m.x_t0 = h->h_t0;
	m.x_span = h->h_t1 > h->h_t0 ? (double)(h->h_t1 - h->h_t0) : 1;
	ymax = axis_top(h->h_ymax, &step);
	y0 = top + MAIN_TOP + MAIN_H;
	ppc = MAIN_H / ymax;
	ctop = axis_top(h->h_capmax > 1.0 ? h->h_capmax : 1.0, &cstep);
	if (ctop > 4)
		ctop = axis_top(4, &cstep);
	if (ctop < 1.2)
		ctop = 1.2, cstep = 0.4;
	/* The plot is small: four steps at most (0.5, not 0.25). */
	while (ctop / cstep > 4.5) {
		double v = h->h_capmax > 1.0 ? h->h_capmax : 1.0;
		unsigned long k;

		cstep *= 2;
		k = (unsigned long)(v / cstep);
		if ((double)k * cstep < v)
			k++;
		ctop = (double)k * cstep;
	}
	cy0 = top + CAP_TOP + CAP_H;

	out_str(o, "<g class=\"panel\" data-host=\"");
	put_xml(o, h->h_name, h->h_len, 0);
	out_str(o, "\">\n<text font-size=\"15\" font-weight=\"bold\" x=\"");
	out_u64(o, PL);
	out_str(o, "\" y=\"");
	put_f(o, top + 22);
	out_str(o, "\">");
	put_xml(o, h->h_name, h->h_len, 64);
	out_str(o, " \xe2\x80\x94 ");
	put_time(o, h->h_t0, "%Y-%m-%d");
	if (days) {
		out_str(o, " to ");
		put_time(o, h->h_t1, "%Y-%m-%d");
	}
	out_str(o, "</text>\n<text fill=\"#555\" x=\"");
	out_u64(o, PL);
	out_str(o, "\" y=\"");
	put_f(o, top + 38);
	out_str(o, "\">CPU used per interval by command, and the host's CPU; ");
	out_u64(o, h->h_nivl);
	out_str(o, h->h_nivl == 1 ? " interval" : " intervals");
	if (h->h_k > 1) {
		out_str(o, " (");
		out_u64(o, h->h_k);
		out_str(o, " to a bar)");
	}
	if (h->h_ncpu > 0) {
		out_str(o, ", ");
		out_u64(o, h->h_ncpu);
		out_str(o, h->h_ncpu == 1 ? " CPU" : " CPUs");
	}
	out_str(o, "; local time (");
	put_time(o, h->h_t0, "%Z");
	out_str(o, ")</text>\n");

	/* The CPU plot. */
	out_str(o, "<g class=\"cpu\" data-y0=\"");
	put_f(o, y0);
	out_str(o, "\" data-px-per-cpu=\"");
	out_printf(o, "%.6f", ppc);
	out_str(o, "\">\n");
	value_axis(o, y0, MAIN_H, ymax, step);
	time_axis(o, &m, h->h_t1, y0, top + MAIN_TOP);
	out_str(o, "<text text-anchor=\"middle\" transform=\"rotate(-90 ");
	out_u64(o, 22);
	out_str(o, " ");
	put_f(o, top + MAIN_TOP + MAIN_H / 2);
	out_str(o, ")\" x=\"22\" y=\"");
	put_f(o, top + MAIN_TOP + MAIN_H / 2);
	out_str(o, "\">CPUs</text>\n");
	bars(ch, o, hi, &m, y0, ppc);
	lines(ch, o, hi, &m, y0, ppc, cy0, CAP_H / ctop, ctop);
	put_line(o, NULL, "#000", 1, PL, y0, PL + PW, y0);
	out_str(o, "/>\n");
	put_line(o, NULL, "#000", 1, PL, y0, PL, top + MAIN_TOP);
	out_str(o, "/>\n");
	legend(o, h, top + MAIN_TOP);
	out_str(o, "</g>\n");

	/* The capture plot. */
	out_str(o, "<g class=\"capture-plot\">\n");
	time_axis(o, &m, h->h_t1, cy0, top + CAP_TOP);
	if (h->h_hashcpu) {
		value_axis(o, cy0, CAP_H, ctop, cstep);
		put_line(o, NULL, "#888", 1, PL, cy0 - CAP_H / ctop, PL + PW,
		    cy0 - CAP_H / ctop);
		out_str(o, " stroke-dasharray=\"4 3\"/>\n");
	} else {
		out_str(o, "<text class=\"note\" text-anchor=\"middle\" "
		    "fill=\"#555\" x=\"");
		out_u64(o, PL + PW / 2);
		out_str(o, "\" y=\"");
		put_f(o, cy0 - CAP_H / 2 + 4);
		out_str(o, "\">no host CPU: no sweep records</text>\n");
	}
	put_line(o, NULL, "#000", 1, PL, cy0, PL + PW, cy0);
	out_str(o, "/>\n");
	put_line(o, NULL, "#000", 1, PL, cy0, PL, top + CAP_TOP);
	out_str(o, "/>\n<text x=\"");
	out_u64(o, PL);
	out_str(o, "\" y=\"");
	put_f(o, top + CAP_TOP - 6);
	out_str(o, "\" fill=\"#555\">capture: CPU used / host CPU "
	    "(1.0: every bit of the host's CPU is in the bars)</text>\n");
	out_str(o, "</g>\n</g>\n");
}

void
chart_close(struct chart *ch, struct out *o, int *status)
{
	size_t i, n = 0;
	double y;

	rank(ch);
	for (i = 0; i < ch->ch_nhost; i++) {
		struct ch_host *h = &ch->ch_host[i];

		if (h->h_nivl == 0)
			continue;
		n++;
		h->h_k = (h->h_nivl + BAR_MAX - 1) / BAR_MAX;
		if (h->h_k > 1)
			merged_tops(ch, i);
	}
	y = n > 0 ? (double)n * PANEL_H : 60;
	out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"");
	out_u64(o, SVG_W);
	out_str(o, "\" height=\"");
	put_f(o, y);
	out_str(o, "\" viewBox=\"0 0 ");
	out_u64(o, SVG_W);
	out_str(o, " ");
	put_f(o, y);
	out_str(o, "\" font-family=\"sans-serif\" font-size=\"12\">\n"
	    "<title>exdump -i -S: CPU per interval by command</title>\n"
	    "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" "
	    "fill=\"#fff\"/>\n");
	if (n == 0)
		out_str(o, "<text x=\"20\" y=\"36\">No interval ended: "
		    "intervals run between sweeps.</text>\n");
	y = 0;
	for (i = 0; i < ch->ch_nhost; i++) {
		if (ch->ch_host[i].h_nivl == 0)
			continue;
		panel(ch, o, i, y);
		y += PANEL_H;
	}
	out_str(o, "</svg>\n");
	out_flush(o);
	if (ch->ch_err != 0) {
		(void) fprintf(stderr, "%s: the chart's temporary file: %s: "
		    "the chart is incomplete\n", progname,
		    strerror(ch->ch_err));
		if (*status < EXIT_OPEN)
			*status = EXIT_OPEN;
	}
	if (ch->ch_skipped > 0)
		(void) fprintf(stderr, "%s: %llu intervals of hosts past the "
		    "%d the chart draws: left out of it\n", progname,
		    (unsigned long long)ch->ch_skipped, CHART_HOSTS);
	if (ch->ch_tot.sp_other + ch->ch_tot.sp_left > 0)
		(void) fprintf(stderr, "%s: %llu processes of commands past "
		    "the %d the chart ranks: drawn in (other)\n", progname,
		    (unsigned long long)(ch->ch_tot.sp_other +
		    ch->ch_tot.sp_left), SPLIT_MAX - SPLIT_RESERVE);
	(void) fclose(ch->ch_f);
	sp_free(&ch->ch_tot);
	free(ch);
}
