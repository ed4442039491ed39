/*
 * report.c: the columnar report, "exdump -c": one row per record, in a
 * table per record type (processes, tasks, flows), as text that awk can
 * split, RFC 4180 CSV or JSON Lines.
 *
 * Rows are built straight into the output buffer with our own number
 * formatting: no printf and no locale on the per-row path, which is what
 * lets the report keep up with the reader.  Report units are computed
 * exactly from the integers in the record (decimal, rounded half up), so
 * 15105 chars is 15.11 KB on every machine, where a double would give
 * 15.10.  Process rows go straight out; task and flow rows wait in
 * temporary files until the process table is done, so memory stays
 * constant whatever the size of the input.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "records.h"
#include "report.h"

/* Room a row may take in the output buffer (a JSON process row < 6 KB). */
#define	ROW_MAX		8192

#define	NSEC		UINT64_C(1000000000)

static const char proc_cols[] =
    "procid ppid uid usr sys time majf minf rwKB vcxK icxK sigK sycK "
    "arMB mrMB command";
static const char task_cols[] =
    "taskid projid usr sys time majf minf rwKB vcxK icxK sigK sycK zone";
static const char flow_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port npkts "
    "nbytes aname";
/* -i: connections, and the per-interval summary (-S) */
static const char conn_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port opkts "
    "obytes ipkts ibytes aname";
static const char sum_cols[] =
    "start end len host nproc exits lost usr sys majf minf rwKB vcxK icxK "
    "sigK sycK hostcpu capture";
/* -i: after the process columns, the interval's start and length, host */
static const char iv_tail[] = " start len host";

void
rpt_init(struct rpt *rp, const struct opts *op, struct out *o)
{
	int i;

	for (i = 0; i < 4; i++)
		rp->rp_out[i] = o;
	rp->rp_fmt = op->op_fmt;
	rp->rp_n = op->op_n;
	rp->rp_H = op->op_H;
	rp->rp_i = op->op_i;
	rp->rp_sum = op->op_S;
	rp->rp_keys = NULL;
	rp->rp_tcache = -1;
	rp->rp_tbuf[0] = '\0';
}

/* A row is written in place: room for it, then its end. */
static char *
row_begin(struct out *o)
{
	if (OUT_BUFSZ - o->o_len < ROW_MAX)
		out_flush(o);
	return (o->o_buf + o->o_len);
}

static void
row_end(struct out *o, char *p)
{
	o->o_len = (size_t)(p - o->o_buf);
}

void
rpt_header(struct rpt *rp, int table, int lead)
{
	struct out *o = rp->rp_out[table];
	static char kcols[sizeof (sum_cols) + 64];
	const char *cols = table == TBL_PROC ? (rp->rp_sum ? sum_cols :
	    proc_cols) : table == TBL_TASK ? task_cols : rp->rp_i ? conn_cols :
	    flow_cols;
	char *p, *q;
	size_t n = strlen(cols);

	if (rp->rp_H || rp->rp_fmt == FMT_JSON)
		return;
	if (table == TBL_PROC && rp->rp_sum && rp->rp_keys != NULL) {
		/* The keys after host; a key's share of the host's CPU. */
		(void) snprintf(kcols, sizeof (kcols), "start end len host%s "
		    "nproc exits lost usr sys majf minf rwKB vcxK icxK sigK "
		    "sycK hostcpu share", rp->rp_keys);
		cols = kcols;
		n = strlen(cols);
	}
	p = q = row_begin(o);
	if (lead && !(table == TBL_PROC && rp->rp_sum)) {
		memcpy(p, "end ", 4);
		p += 4;
	}
	memcpy(p, cols, n);
	p += n;
	if (lead && table == TBL_PROC && !rp->rp_sum) {
		memcpy(p, iv_tail, sizeof (iv_tail) - 1);
		p += sizeof (iv_tail) - 1;
	}
	if (rp->rp_fmt == FMT_CSV) {
		/* No name needs quoting: only the separator differs. */
		for (; q < p; q++) {
			if (*q == ' ')
				*q = ',';
		}
		*p++ = '\r';
	}
	*p++ = '\n';
	row_end(o, p);
}

/* Numbers */

static char *
put_u64(char *p, uint64_t v)
{
	char buf[20], *q = out_digits(buf + sizeof (buf), v);
	size_t n;

	n = (size_t)(buf + sizeof (buf) - q);
	memcpy(p, q, n);
	return (p + n);
}

/* prec decimals of frac / den, frac < den, den * 200 fits in 64 bits. */
static char *
put_frac(char *p, uint64_t q, uint64_t frac, uint64_t den, unsigned prec)
{
	uint64_t scale = prec == 1 ? 10 : 100, f;

	/* Half up: floor(frac * scale / den + 1/2), exactly. */
	f = (2 * frac * scale + den) / (2 * den);
	if (f >= scale) {
		f -= scale;
		if (q < UINT64_MAX)
			q++;
	}
	p = put_u64(p, q);
	*p++ = '.';
	if (prec == 2)
		*p++ = (char)('0' + f / 10);
	*p++ = (char)('0' + f % 10);
	return (p);
}

/* v / den with prec (1 or 2) decimals. */
static char *
put_ratio(char *p, uint64_t v, uint64_t den, unsigned prec)
{
	return (put_frac(p, v / den, v % den, den, prec));
}

/* Seconds and nanoseconds, made whole if nsec is 1e9 or more. */
static void
norm_ts(uint64_t *sec, uint64_t *nsec)
{
	uint64_t carry = *nsec / NSEC;

	*nsec %= NSEC;
	*sec = *sec > UINT64_MAX - carry ? UINT64_MAX : *sec + carry;
}

static char *
put_secs(char *p, uint64_t sec, uint64_t nsec)
{
	norm_ts(&sec, &nsec);
	return (put_frac(p, sec, nsec, NSEC, 2));
}

/* finish minus start, in seconds with two decimals; it may be negative. */
static char *
put_dur(char *p, uint64_t ss, uint64_t sn, uint64_t fs, uint64_t fn)
{
	uint64_t ds, dn;

	norm_ts(&ss, &sn);
	norm_ts(&fs, &fn);
	if (fs < ss || (fs == ss && fn < sn)) {
		*p++ = '-';
		ds = ss, ss = fs, fs = ds;
		dn = sn, sn = fn, fn = dn;
	}
	ds = fs - ss;
	if (fn >= sn) {
		dn = fn - sn;
	} else {
		ds--;
		dn = fn + NSEC - sn;
	}
	return (put_frac(p, ds, dn, NSEC, 2));
}

/*
 * A time in ns as seconds with three decimals, cut (not rounded), so a
 * time never moves into the next second: epoch times and lengths.
 */
static char *
put_ms(char *p, uint64_t ns)
{
	uint64_t ms = ns % NSEC / 1000000;

	p = put_u64(p, ns / NSEC);
	*p++ = '.';
	*p++ = (char)('0' + ms / 100);
	*p++ = (char)('0' + ms / 10 % 10);
	*p++ = (char)('0' + ms % 10);
	return (p);
}

/* Text */

/*
 * A string for a text row: printable ASCII but space and backslash as
 * is, every other byte as \ooo, a backslash doubled (the rules of
 * out_escaped with " \\"); empty is "-", and a lone "-" is written \055
 * so that "-" always means absent.
 */
static char *
put_text(char *p, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i;

	if (n == 0) {
		*p++ = '-';
		return (p);
	}
	if (n == 1 && s[0] == '-') {
		memcpy(p, "\\055", 4);
		return (p + 4);
	}
	for (i = 0; i < n; i++) {
		uint8_t c = u[i];

		if (c > 0x20 && c < 0x7f && c != '\\') {
			*p++ = (char)c;
		} else if (c == '\\') {
			*p++ = '\\';
			*p++ = '\\';
		} else {
			*p++ = '\\';
			*p++ = (char)('0' + (c >> 6));
			*p++ = (char)('0' + ((c >> 3) & 7));
			*p++ = (char)('0' + (c & 7));
		}
	}
	return (p);
}

/*
 * A string for a CSV field: bytes outside printable ASCII as \ooo and a
 * backslash doubled, so that a field never holds a line break and its
 * bytes survive any reader; quoted (RFC 4180) when it holds a comma or a
 * quote.  Empty is an empty field.
 */
static char *
put_csv_text(char *p, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i;
	int quote = 0;

	for (i = 0; i < n; i++) {
		if (u[i] == ',' || u[i] == '"')
			quote = 1;
	}
	if (quote)
		*p++ = '"';
	for (i = 0; i < n; i++) {
		uint8_t c = u[i];

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
			*p++ = (char)c;
		} else if (c == '\\' || c == '"') {
			*p++ = (char)c;
			*p++ = (char)c;
		} else {
			*p++ = '\\';
			*p++ = (char)('0' + (c >> 6));
			*p++ = (char)('0' + ((c >> 3) & 7));
			*p++ = (char)('0' + (c & 7));
		}
	}
	if (quote)
		*p++ = '"';
	return (p);
}

/* Length of a well-formed UTF-8 sequence of 2 to 4 bytes at u, or 0. */
static size_t
utf8_len(const uint8_t *u, size_t n)
{
	uint8_t c = u[0], lo = 0x80, hi = 0xbf;
	size_t k, i;

	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return (0);
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < k || u[1] < lo || u[1] > hi)
		return (0);
	for (i = 2; i < k; i++) {
		if (u[i] < 0x80 || u[i] > 0xbf)
			return (0);
	}
	return (k);
}

/* The code point of a well-formed UTF-8 sequence of k bytes. */
static uint32_t
utf8_cp(const uint8_t *u, size_t k)
{
	uint32_t cp = u[0] & (k == 2 ? 0x1f : k == 3 ? 0x0f : 0x07);
	size_t i;

	for (i = 1; i < k; i++)
		cp = cp << 6 | (u[i] & 0x3f);
	return (cp);
}

/*
 * Whether a code point must not reach a terminal as is: the C1 controls
 * (U+0080-U+009F, CSI among them); the format characters (Unicode's
 * category Cf: the bidirectional embeddings, overrides, isolates and
 * marks, zero-width characters, soft hyphen, the BOM, the Arabic number
 * signs, interlinear annotation, the musical and Egyptian formatting
 * controls, tags); the other characters Unicode calls default ignorable,
 * which show nothing (the Hangul fillers, variation selectors, the
 * combining grapheme joiner); the line and paragraph separators; and the
 * noncharacters.
 */
static int
cp_hidden(uint32_t cp)
{
	static const uint32_t r[][2] = {
		{ 0x80, 0x9f }, { 0xad, 0xad }, { 0x34f, 0x34f },
		{ 0x600, 0x605 }, { 0x61c, 0x61c }, { 0x6dd, 0x6dd },
		{ 0x70f, 0x70f }, { 0x890, 0x891 }, { 0x8e2, 0x8e2 },
		{ 0x115f, 0x1160 }, { 0x17b4, 0x17b5 }, { 0x180b, 0x180f },
		{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x206f },
		{ 0x3164, 0x3164 }, { 0xfdd0, 0xfdef }, { 0xfe00, 0xfe0f },
		{ 0xfeff, 0xfeff }, { 0xffa0, 0xffa0 }, { 0xfff0, 0xfffb },
		{ 0x110bd, 0x110bd }, { 0x110cd, 0x110cd },
		{ 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 },
		{ 0x1d173, 0x1d17a }, { 0xe0000, 0xe0fff },
	};
	size_t i;

	if ((cp & 0xfffe) == 0xfffe)
		return (1);	/* U+FFFE, U+FFFF of every plane */
	for (i = 0; i < sizeof (r) / sizeof (r[0]); i++) {
		if (cp >= r[i][0] && cp <= r[i][1])
			return (1);
	}
	return (0);
}

/* \uXXXX of a code point below 0x10000. */
static char *
put_u16esc(char *p, uint32_t v)
{
	static const char hex[] = "0123456789abcdef";

	*p++ = '\\';
	*p++ = 'u';
	*p++ = hex[(v >> 12) & 0xf];
	*p++ = hex[(v >> 8) & 0xf];
	*p++ = hex[(v >> 4) & 0xf];
	*p++ = hex[v & 0xf];
	return (p);
}

/*
 * A JSON string: valid UTF-8 is kept but for the characters cp_hidden()
 * names, which are \u escapes (a surrogate pair past U+FFFF), as is a
 * control byte or DEL, and a byte of 0x80 or more that is not part of
 * valid UTF-8 (read as the code point of the same number): the output is
 * always valid JSON, and shows a terminal nothing but what it says.
 */
static char *
put_json_str(char *p, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, k;
	uint32_t cp;

	*p++ = '"';
	while (i < n) {
		uint8_t c = u[i];

		if (c >= 0x20 && c < 0x7f) {
			if (c == '"' || c == '\\')
				*p++ = '\\';
			*p++ = (char)c;
			i++;
		} else if (c >= 0x80 && (k = utf8_len(u + i, n - i)) != 0) {
			cp = utf8_cp(u + i, k);
			if (!cp_hidden(cp)) {
				memcpy(p, u + i, k);
				p += k;
			} else if (cp < 0x10000) {
				p = put_u16esc(p, cp);
			} else {
				cp -= 0x10000;
				p = put_u16esc(p, 0xd800 | cp >> 10);
				p = put_u16esc(p, 0xdc00 | (cp & 0x3ff));
			}
			i += k;
		} else {
			p = put_u16esc(p, c);
			i++;
		}
	}
	*p++ = '"';
	return (p);
}

/* Columns of text and CSV rows */

/* An absent value: "-" in text, an empty CSV field. */
static char *
put_absent(const struct rpt *rp, char *p)
{
	if (rp->rp_fmt != FMT_CSV)
		*p++ = '-';
	return (p);
}

static char *
col_u64(const struct rpt *rp, char *p, int have, uint64_t v)
{
	return (have ? put_u64(p, v) : put_absent(rp, p));
}

static char *
col_ratio(const struct rpt *rp, char *p, int have, uint64_t v, uint64_t den,
    unsigned prec)
{
	return (have ? put_ratio(p, v, den, prec) : put_absent(rp, p));
}

static char *
col_str(const struct rpt *rp, char *p, int have, const char *s, size_t n)
{
	if (rp->rp_fmt == FMT_CSV)
		return (have ? put_csv_text(p, s, n) : p);
	return (put_text(p, s, have ? n : 0));
}

/* The end of a text or CSV row: the last separator becomes the newline. */
static char *
row_eol(const struct rpt *rp, char *p)
{
	p--;
	if (rp->rp_fmt == FMT_CSV)
		*p++ = '\r';
	*p++ = '\n';
	return (p);
}

/* The usage columns processes and tasks share, each with its separator. */
struct usage {
	uint64_t	u_have;
	uint64_t	u_user_sec, u_user_nsec, u_sys_sec, u_sys_nsec;
	uint64_t	u_start_sec, u_start_nsec, u_finish_sec, u_finish_nsec;
	uint64_t	u_majflt, u_minflt, u_ioch, u_nvcsw, u_nivcsw;
	uint64_t	u_signals, u_syscalls;
};

/* Presence bits of a usage, by what they mean (not by data id). */
#define	UH_USER		0x001
#define	UH_SYS		0x002
#define	UH_TIME		0x004
#define	UH_MAJF		0x008
#define	UH_MINF		0x010
#define	UH_IOCH		0x020
#define	UH_VCX		0x040
#define	UH_ICX		0x080
#define	UH_SIG		0x100
#define	UH_SYC		0x200

static char *
put_usage(const struct rpt *rp, char *p, const struct usage *u)
{
	char sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';

	p = (u->u_have & UH_USER) ? put_secs(p, u->u_user_sec,
	    u->u_user_nsec) : put_absent(rp, p);
	*p++ = sep;
	p = (u->u_have & UH_SYS) ? put_secs(p, u->u_sys_sec, u->u_sys_nsec) :
	    put_absent(rp, p);
	*p++ = sep;
	p = (u->u_have & UH_TIME) ? put_dur(p, u->u_start_sec,
	    u->u_start_nsec, u->u_finish_sec, u->u_finish_nsec) :
	    put_absent(rp, p);
	*p++ = sep;
	p = col_u64(rp, p, (u->u_have & UH_MAJF) != 0, u->u_majflt);
	*p++ = sep;
	p = col_u64(rp, p, (u->u_have & UH_MINF) != 0, u->u_minflt);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_IOCH) != 0, u->u_ioch, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_VCX) != 0, u->u_nvcsw, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_ICX) != 0, u->u_nivcsw, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_SIG) != 0, u->u_signals, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_SYC) != 0, u->u_syscalls, 1000,
	    1);
	*p++ = sep;
	return (p);
}

/* JSON rows */

static char *
put_lit(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return (p + n);
}

static char *
put_key(char *p, const char *key)
{
	*p++ = ',';
	*p++ = '"';
	p = put_lit(p, key);
	*p++ = '"';
	*p++ = ':';
	return (p);
}

static char *
put_v4(char *p, uint32_t a)
{
	p = put_u64(p, a >> 24);
	*p++ = '.';
	p = put_u64(p, (a >> 16) & 0xff);
	*p++ = '.';
	p = put_u64(p, (a >> 8) & 0xff);
	*p++ = '.';
	return (put_u64(p, a & 0xff));
}

static char *
put_v6(char *p, const uint8_t *a)
{
	char buf[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, a, buf, sizeof (buf)) == NULL)
		return (put_lit(p, "::"));
	return (put_lit(p, buf));
}

static const char *const kind_names[] = { "final", "partial", "interval" };

/*
 * What a record's CPU times are (EXCPU_*) as a JSON string: its name, or
 * a value no writer gives as its number, in the string all the same.
 */
static char *
put_cpu_source(char *p, uint32_t v)
{
	static const char *const names[] = { "ticks", "sampled", "exact" };

	*p++ = '"';
	if (v >= EXCPU_TICKS && v <= EXCPU_EXACT)
		p = put_lit(p, names[v - EXCPU_TICKS]);
	else
		p = put_u64(p, v);
	*p++ = '"';
	return (p);
}

/*
 * A whole record as one JSON object: "type", "end" if given, "kind", then
 * every field present, by the catalog's names, at full precision.
 */
static void
json_row(struct out *o, int type, const void *rec, int kind,
    const uint64_t *end, const struct tl_span *sp)
{
	const struct rec_field *tab;
	const char *base = rec;
	uint64_t have;
	size_t i, n;
	char *p = row_begin(o);

	memcpy(&have, base, sizeof (have));
	tab = rec_fields(type, &n);
	p = put_lit(p, type == EXR_PROC ? "{\"type\":\"proc\"" :
	    type == EXR_TASK ? "{\"type\":\"task\"" : "{\"type\":\"flow\"");
	if (end != NULL) {
		p = put_key(p, "end");
		p = put_u64(p, *end / NSEC);
		p = put_key(p, "end_ns");
		p = put_u64(p, *end);
	}
	if (sp != NULL) {
		p = put_key(p, "start_ns");
		p = put_u64(p, sp->sp_start);
		p = put_key(p, "len_ns");
		p = put_u64(p, sp->sp_end - sp->sp_start);
		p = put_key(p, "host");
		p = put_json_str(p, sp->sp_host, sp->sp_hostlen);
	}
	if (type != EXR_FLOW && kind >= 0 && kind <= EXK_INTERVAL) {
		p = put_key(p, "kind");
		*p++ = '"';
		p = put_lit(p, kind_names[kind]);
		*p++ = '"';
	}
	for (i = 0; i < n; i++) {
		const struct rec_field *f = &tab[i];
		const char *v = base + f->rf_off;

		if (f->rf_kind == 0 || (have & EX_BIT(f->rf_id)) == 0)
			continue;
		p = put_key(p, f->rf_name);
		switch (f->rf_kind) {
		case RF_U8:
			p = put_u64(p, *(const uint8_t *)v);
			break;
		case RF_U16:
			p = put_u64(p, *(const uint16_t *)(const void *)v);
			break;
		case RF_U32:
			if (type == EXR_PROC &&
			    f->rf_id == EXD_PROC_CPU_SOURCE) {
				p = put_cpu_source(p,
				    *(const uint32_t *)(const void *)v);
			} else if (type == EXR_PROC &&
			    f->rf_id == EXD_PROC_KTHREAD) {
				p = put_lit(p, *(const uint32_t *)(const void *)
				    v != 0 ? "true" : "false");
			} else if (type == EXR_FLOW &&
			    (f->rf_id == EXD_FLOW_V4SADDR ||
			    f->rf_id == EXD_FLOW_V4DADDR)) {
				*p++ = '"';
				p = put_v4(p,
				    *(const uint32_t *)(const void *)v);
				*p++ = '"';
			} else {
				p = put_u64(p,
				    *(const uint32_t *)(const void *)v);
			}
			break;
		case RF_U64:
			p = put_u64(p, *(const uint64_t *)(const void *)v);
			break;
		case RF_V6:
			*p++ = '"';
			p = put_v6(p, (const uint8_t *)v);
			*p++ = '"';
			break;
		case RF_STR:
			p = put_json_str(p, v,
			    *(const uint16_t *)(const void *)(base +
			    f->rf_loff));
			if (*(const uint8_t *)(base + f->rf_coff)) {
				p = put_key(p, f->rf_name);
				p -= 2;		/* back over '":' */
				p = put_lit(p, "_cut\":true");
			}
			break;
		}
	}
	*p++ = '}';
	*p++ = '\n';
	row_end(o, p);
}

/* Rows */

void
rpt_proc_row(struct rpt *rp, const struct ex_proc *e, const struct tl_span *sp)
{
	struct out *o = rp->rp_out[TBL_PROC];
	struct usage u;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_PROC, e, e->ep_kind, sp != NULL ?
		    &sp->sp_end : NULL, sp);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	if (sp != NULL) {
		p = put_ms(p, sp->sp_end);
		*p++ = sep;
	}
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_PID), e->ep_pid);
	*p++ = sep;
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_ANCPID), e->ep_ppid);
	*p++ = sep;
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_UID), e->ep_uid);
	*p++ = sep;

	u.u_have = 0;
	if (e->ep_have & (EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC)))
		u.u_have |= UH_USER;
	if (e->ep_have & (EX_BIT(EXD_PROC_CPU_SYS_SEC) |
	    EX_BIT(EXD_PROC_CPU_SYS_NSEC)))
		u.u_have |= UH_SYS;
	if (EP_HAS(e, EXD_PROC_START_SEC) && EP_HAS(e, EXD_PROC_FINISH_SEC))
		u.u_have |= UH_TIME;
	if (EP_HAS(e, EXD_PROC_FAULTS_MAJOR))
		u.u_have |= UH_MAJF;
	if (EP_HAS(e, EXD_PROC_FAULTS_MINOR))
		u.u_have |= UH_MINF;
	if (EP_HAS(e, EXD_PROC_CHARS_RDWR))
		u.u_have |= UH_IOCH;
	if (EP_HAS(e, EXD_PROC_CONTEXT_VOL))
		u.u_have |= UH_VCX;
	if (EP_HAS(e, EXD_PROC_CONTEXT_INV))
		u.u_have |= UH_ICX;
	if (EP_HAS(e, EXD_PROC_SIGNALS))
		u.u_have |= UH_SIG;
	if (EP_HAS(e, EXD_PROC_SYSCALLS))
		u.u_have |= UH_SYC;
	/* Absent parts are 0: the record was zeroed before decoding. */
	/* An absent part of a time counts as 0. */
	u.u_user_sec = EP_HAS(e, EXD_PROC_CPU_USER_SEC) ? e->ep_user_sec : 0;
	u.u_user_nsec = EP_HAS(e, EXD_PROC_CPU_USER_NSEC) ?
	    e->ep_user_nsec : 0;
	u.u_sys_sec = EP_HAS(e, EXD_PROC_CPU_SYS_SEC) ? e->ep_sys_sec : 0;
	u.u_sys_nsec = EP_HAS(e, EXD_PROC_CPU_SYS_NSEC) ? e->ep_sys_nsec : 0;
	u.u_start_sec = e->ep_start_sec;
	u.u_start_nsec = EP_HAS(e, EXD_PROC_START_NSEC) ?
	    e->ep_start_nsec : 0;
	u.u_finish_sec = e->ep_finish_sec;
	u.u_finish_nsec = EP_HAS(e, EXD_PROC_FINISH_NSEC) ?
	    e->ep_finish_nsec : 0;
	u.u_majflt = e->ep_majflt;
	u.u_minflt = e->ep_minflt;
	u.u_ioch = e->ep_ioch;
	u.u_nvcsw = e->ep_nvcsw;
	u.u_nivcsw = e->ep_nivcsw;
	u.u_signals = e->ep_signals;
	u.u_syscalls = e->ep_syscalls;
	p = put_usage(rp, p, &u);

	p = col_ratio(rp, p, EP_HAS(e, EXD_PROC_MEM_RSS_AVG_K),
	    e->ep_rss_avg_k, 1024, 1);
	*p++ = sep;
	p = col_ratio(rp, p, EP_HAS(e, EXD_PROC_MEM_RSS_MAX_K),
	    e->ep_rss_max_k, 1024, 1);
	*p++ = sep;
	p = col_str(rp, p, EP_HAS(e, EXD_PROC_COMMAND), e->ep_command,
	    e->ep_command_len);
	*p++ = sep;
	if (sp != NULL) {
		p = put_ms(p, sp->sp_start);
		*p++ = sep;
		p = put_ms(p, sp->sp_end - sp->sp_start);
		*p++ = sep;
		p = col_str(rp, p, 1, sp->sp_host, sp->sp_hostlen);
		*p++ = sep;
	}
	row_end(o, row_eol(rp, p));
}

void
rpt_task_row(struct rpt *rp, const struct ex_task *e, const uint64_t *end)
{
	struct out *o = rp->rp_out[TBL_TASK];
	struct usage u;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_TASK, e, e->et_kind, end, NULL);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	if (end != NULL) {
		p = put_ms(p, *end);
		*p++ = sep;
	}
	p = col_u64(rp, p, ET_HAS(e, EXD_TASK_TASKID), e->et_taskid);
	*p++ = sep;
	p = col_u64(rp, p, ET_HAS(e, EXD_TASK_PROJID), e->et_projid);
	*p++ = sep;

	u.u_have = 0;
	if (e->et_have & (EX_BIT(EXD_TASK_CPU_USER_SEC) |
	    EX_BIT(EXD_TASK_CPU_USER_NSEC)))
		u.u_have |= UH_USER;
	if (e->et_have & (EX_BIT(EXD_TASK_CPU_SYS_SEC) |
	    EX_BIT(EXD_TASK_CPU_SYS_NSEC)))
		u.u_have |= UH_SYS;
	if (ET_HAS(e, EXD_TASK_START_SEC) && ET_HAS(e, EXD_TASK_FINISH_SEC))
		u.u_have |= UH_TIME;
	if (ET_HAS(e, EXD_TASK_FAULTS_MAJOR))
		u.u_have |= UH_MAJF;
	if (ET_HAS(e, EXD_TASK_FAULTS_MINOR))
		u.u_have |= UH_MINF;
	if (ET_HAS(e, EXD_TASK_CHARS_RDWR))
		u.u_have |= UH_IOCH;
	if (ET_HAS(e, EXD_TASK_CONTEXT_VOL))
		u.u_have |= UH_VCX;
	if (ET_HAS(e, EXD_TASK_CONTEXT_INV))
		u.u_have |= UH_ICX;
	if (ET_HAS(e, EXD_TASK_SIGNALS))
		u.u_have |= UH_SIG;
	if (ET_HAS(e, EXD_TASK_SYSCALLS))
		u.u_have |= UH_SYC;
	u.u_user_sec = ET_HAS(e, EXD_TASK_CPU_USER_SEC) ? e->et_user_sec : 0;
	u.u_user_nsec = ET_HAS(e, EXD_TASK_CPU_USER_NSEC) ?
	    e->et_user_nsec : 0;
	u.u_sys_sec = ET_HAS(e, EXD_TASK_CPU_SYS_SEC) ? e->et_sys_sec : 0;
	u.u_sys_nsec = ET_HAS(e, EXD_TASK_CPU_SYS_NSEC) ? e->et_sys_nsec : 0;
	u.u_start_sec = e->et_start_sec;
	u.u_start_nsec = ET_HAS(e, EXD_TASK_START_NSEC) ?
	    e->et_start_nsec : 0;
	u.u_finish_sec = e->et_finish_sec;
	u.u_finish_nsec = ET_HAS(e, EXD_TASK_FINISH_NSEC) ?
	    e->et_finish_nsec : 0;
	u.u_majflt = e->et_majflt;
	u.u_minflt = e->et_minflt;
	u.u_ioch = e->et_ioch;
	u.u_nvcsw = e->et_nvcsw;
	u.u_nivcsw = e->et_nivcsw;
	u.u_signals = e->et_signals;
	u.u_syscalls = e->et_syscalls;
	p = put_usage(rp, p, &u);

	p = col_str(rp, p, ET_HAS(e, EXD_TASK_ZONENAME), e->et_zone,
	    e->et_zone_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* Local HH:MM:SS of an epoch time, or "" if it has none; cached. */
static const char *
local_hms(struct rpt *rp, uint64_t v)
{
	struct tm tm;
	time_t t = (time_t)v;
	char *b = rp->rp_tbuf;

	if (v > INT64_MAX)
		return ("");
	if (rp->rp_tcache == (int64_t)v)
		return (b);
	rp->rp_tcache = (int64_t)v;
	b[0] = '\0';
	if (t < 0 || (uint64_t)t != v || localtime_r(&t, &tm) == NULL)
		return (b);
	b[0] = (char)('0' + tm.tm_hour / 10);
	b[1] = (char)('0' + tm.tm_hour % 10);
	b[2] = ':';
	b[3] = (char)('0' + tm.tm_min / 10);
	b[4] = (char)('0' + tm.tm_min % 10);
	b[5] = ':';
	/* A leap second is 60. */
	b[6] = (char)('0' + tm.tm_sec / 10 % 10);
	b[7] = (char)('0' + tm.tm_sec % 10);
	b[8] = '\0';
	return (b);
}

/* "addr:port", IPv6 in brackets; "-" (or empty) with no address. */
static char *
put_endpoint(const struct rpt *rp, char *p, const struct ex_flow *e, int src)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	uint32_t portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;

	if (EF_HAS(e, v4id)) {
		p = put_v4(p, src ? e->ef_saddr4 : e->ef_daddr4);
	} else if (EF_HAS(e, v6id)) {
		*p++ = '[';
		p = put_v6(p, src ? e->ef_saddr6 : e->ef_daddr6);
		*p++ = ']';
	} else {
		return (put_absent(rp, p));
	}
	*p++ = ':';
	if (EF_HAS(e, portid))
		p = put_u64(p, src ? e->ef_sport : e->ef_dport);
	else
		*p++ = '-';
	return (p);
}

/* The protocol's name where the system knows one (and not -n). */
static char *
put_proto(const struct rpt *rp, char *p, const struct ex_flow *e)
{
	const char *s;

	if (!EF_HAS(e, EXD_FLOW_PROTOCOL))
		return (put_absent(rp, p));
	if (rp->rp_n || (s = name_proto(e->ef_proto)) == NULL)
		return (put_u64(p, e->ef_proto));
	return (col_str(rp, p, 1, s, strnlen(s, 64)));
}

void
rpt_flow_row(struct rpt *rp, const struct ex_flow *e)
{
	struct out *o = rp->rp_out[TBL_FLOW];
	const char *s;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_FLOW, e, -1, NULL, NULL);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_CTIME), e->ef_ctime);
	*p++ = sep;
	s = EF_HAS(e, EXD_FLOW_CTIME) ? local_hms(rp, e->ef_ctime) : "";
	p = *s != '\0' ? put_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!EF_HAS(e, EXD_FLOW_CTIME) || !EF_HAS(e, EXD_FLOW_LSEEN)) {
		p = put_absent(rp, p);
	} else if (e->ef_lseen >= e->ef_ctime) {
		p = put_u64(p, e->ef_lseen - e->ef_ctime);
	} else {
		*p++ = '-';
		p = put_u64(p, e->ef_ctime - e->ef_lseen);
	}
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_UID), e->ef_uid);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_PROJID), e->ef_projid);
	*p++ = sep;
	p = put_proto(rp, p, e);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 1);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 0);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_NPKTS), e->ef_npkts);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_NBYTES), e->ef_nbytes);
	*p++ = sep;
	p = col_str(rp, p, EF_HAS(e, EXD_FLOW_ANAME), e->ef_aname,
	    e->ef_aname_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* -i rows */

/* Packets or bytes of one direction: "-" if no record went that way. */
static char *
col_dir(const struct rpt *rp, char *p, uint32_t nrec, uint64_t v)
{
	return (nrec != 0 ? put_u64(p, v) : put_absent(rp, p));
}

static char *
json_u64(char *p, const char *key, uint64_t v)
{
	p = put_key(p, key);
	return (put_u64(p, v));
}

/* One endpoint as JSON: "KEY":"addr","KEYport":port */
static char *
json_endpoint(char *p, const struct ex_flow *e, int src)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	uint32_t portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;

	if (EF_HAS(e, v4id) || EF_HAS(e, v6id)) {
		p = put_key(p, src ? "src" : "dst");
		*p++ = '"';
		if (EF_HAS(e, v4id))
			p = put_v4(p, src ? e->ef_saddr4 : e->ef_daddr4);
		else
			p = put_v6(p, src ? e->ef_saddr6 : e->ef_daddr6);
		*p++ = '"';
	}
	if (EF_HAS(e, portid))
		p = json_u64(p, src ? "src_port" : "dest_port",
		    src ? e->ef_sport : e->ef_dport);
	return (p);
}

void
rpt_conn_row(struct rpt *rp, const struct fl_conn *c)
{
	struct out *o = rp->rp_out[TBL_FLOW];
	const struct ex_flow *e = &c->fc_flow;
	const char *s;
	char *p = row_begin(o), sep;

	if (rp->rp_fmt == FMT_JSON) {
		p = put_lit(p, "{\"type\":\"connection\"");
		if (c->fc_have_first)
			p = json_u64(p, "creation_time", c->fc_first);
		if (c->fc_have_last)
			p = json_u64(p, "last_seen", c->fc_last);
		if (c->fc_have_uid)
			p = json_u64(p, "uid", c->fc_uid);
		if (c->fc_have_proj)
			p = json_u64(p, "projid", c->fc_proj);
		if (EF_HAS(e, EXD_FLOW_PROTOCOL))
			p = json_u64(p, "protocol", e->ef_proto);
		p = json_u64(p, "diffserv_field", e->ef_dsfield);
		p = json_endpoint(p, e, 1);
		p = json_endpoint(p, e, 0);
		p = json_u64(p, "out_packets", c->fc_pkts[0]);
		p = json_u64(p, "out_bytes", c->fc_bytes[0]);
		p = json_u64(p, "out_records", c->fc_nrec[0]);
		p = json_u64(p, "in_packets", c->fc_pkts[1]);
		p = json_u64(p, "in_bytes", c->fc_bytes[1]);
		p = json_u64(p, "in_records", c->fc_nrec[1]);
		if (EF_HAS(e, EXD_FLOW_ANAME)) {
			p = put_key(p, "action_name");
			p = put_json_str(p, e->ef_aname, e->ef_aname_len);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = col_u64(rp, p, c->fc_have_first, c->fc_first);
	*p++ = sep;
	s = c->fc_have_first ? local_hms(rp, c->fc_first) : "";
	p = *s != '\0' ? put_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!c->fc_have_first || !c->fc_have_last) {
		p = put_absent(rp, p);
	} else if (c->fc_last >= c->fc_first) {
		p = put_u64(p, c->fc_last - c->fc_first);
	} else {
		*p++ = '-';
		p = put_u64(p, c->fc_first - c->fc_last);
	}
	*p++ = sep;
	p = col_u64(rp, p, c->fc_have_uid, c->fc_uid);
	*p++ = sep;
	p = col_u64(rp, p, c->fc_have_proj, c->fc_proj);
	*p++ = sep;
	p = put_proto(rp, p, e);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 1);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 0);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[0], c->fc_pkts[0]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[0], c->fc_bytes[0]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[1], c->fc_pkts[1]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[1], c->fc_bytes[1]);
	*p++ = sep;
	p = col_str(rp, p, EF_HAS(e, EXD_FLOW_ANAME), e->ef_aname,
	    e->ef_aname_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/*
 * num / den with three decimals, rounded half up; den > 0.  The whole
 * part and the remainder are taken apart, so nothing overflows: the
 * remainder is less than den, and is scaled down with den until 2000
 * times it fits.
 */
static char *
put_ratio3(char *p, uint64_t num, uint64_t den)
{
	uint64_t w = num / den, r = num % den, q, f;

	while (den > UINT64_MAX / 2000) {
		r /= 2;
		den /= 2;
	}
	q = (2000 * r + den) / (2 * den);	/* 0 ... 1000 */
	if (q >= 1000) {
		q -= 1000;
		w = w < UINT64_MAX ? w + 1 : w;
	}
	f = q;
	p = put_u64(p, w);
	*p++ = '.';
	*p++ = (char)('0' + f / 100);
	*p++ = (char)('0' + f / 10 % 10);
	*p++ = (char)('0' + f % 10);
	return (p);
}

/* The JSON names of the -S rows' counters, by IVC_*. */
static const char *const sum_keys[IV_NCTR] = {
	"cpu_user_ns", "cpu_sys_ns", "faults_major", "faults_minor",
	"chars_rdwr", "ctxt_vol", "ctxt_inv", "signals", "syscalls",
	"wait_cpu_ns", "wait_blkio_ns", "wait_swapin_ns", "wait_reclaim_ns"
};

/*
 * The CPU a -S row's counters used (user + system, those present) into
 * *used; 1 if there is a host CPU figure to set it against.
 */
static int
sum_used(unsigned have, const uint64_t *ctr, int have_hcpu, uint64_t hcpu,
    uint64_t *used)
{
	*used = 0;
	if (have & (1u << IVC_USER))
		*used = iv_plus(*used, ctr[IVC_USER]);
	if (have & (1u << IVC_SYS))
		*used = iv_plus(*used, ctr[IVC_SYS]);
	return (have_hcpu && hcpu > 0 &&
	    (have & (1u << IVC_USER | 1u << IVC_SYS)) != 0);
}

/* A -S row's counters as JSON members, those present. */
static char *
json_sum_ctrs(char *p, unsigned have, const uint64_t *ctr)
{
	unsigned c;

	for (c = 0; c < IV_NCTR; c++)
		if (have & (1u << c))
			p = json_u64(p, sum_keys[c], ctr[c]);
	return (p);
}

/* A -S row's counter columns, each followed by sep. */
static char *
put_sum_ctrs(struct rpt *rp, char *p, unsigned have, const uint64_t *ctr,
    char sep)
{
	unsigned c;

	/* The columns stop at sycK: the waits are in JSON only. */
	for (c = 0; c <= IVC_SYSCALLS; c++) {
		int on = (have & (1u << c)) != 0;
		uint64_t v = ctr[c];

		switch (c) {
		case IVC_USER:
		case IVC_SYS:
			p = on ? put_secs(p, v / NSEC, v % NSEC) :
			    put_absent(rp, p);
			break;
		case IVC_MAJFLT:
		case IVC_MINFLT:
			p = col_u64(rp, p, on, v);
			break;
		default:
			p = col_ratio(rp, p, on, v, 1000,
			    c == IVC_SYSCALLS ? 1 : 2);
			break;
		}
		*p++ = sep;
	}
	return (p);
}

void
rpt_sum_row(struct rpt *rp, const struct tl_sum *sm)
{
	const struct tl_span *sp = &sm->ts_span;
	struct out *o = rp->rp_out[TBL_PROC];
	char *p = row_begin(o), sep;
	uint64_t used;
	int cap;

	cap = sum_used(sm->ts_have, sm->ts_ctr, sm->ts_have_hcpu, sm->ts_hcpu,
	    &used);
	if (rp->rp_fmt == FMT_JSON) {
		p = put_lit(p, "{\"type\":\"summary\"");
		p = put_key(p, "host");
		p = put_json_str(p, sp->sp_host, sp->sp_hostlen);
		p = json_u64(p, "start_ns", sp->sp_start);
		p = json_u64(p, "end_ns", sp->sp_end);
		p = json_u64(p, "len_ns", sp->sp_end - sp->sp_start);
		p = json_u64(p, "nproc", sm->ts_nproc);
		p = json_u64(p, "exits", sm->ts_exits);
		p = json_u64(p, "lost", sm->ts_lost);
		p = json_sum_ctrs(p, sm->ts_have, sm->ts_ctr);
		if (sm->ts_have_hcpu) {
			p = json_u64(p, "host_cpu_ns", sm->ts_hcpu);
			if (sm->ts_ncpu > 0)
				p = json_u64(p, "ncpu", sm->ts_ncpu);
		}
		if (cap) {
			p = put_key(p, "capture");
			p = put_ratio3(p, used, sm->ts_hcpu);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = put_ms(p, sp->sp_start);
	*p++ = sep;
	p = put_ms(p, sp->sp_end);
	*p++ = sep;
	p = put_ms(p, sp->sp_end - sp->sp_start);
	*p++ = sep;
	p = col_str(rp, p, 1, sp->sp_host, sp->sp_hostlen);
	*p++ = sep;
	p = put_u64(p, sm->ts_nproc);
	*p++ = sep;
	p = put_u64(p, sm->ts_exits);
	*p++ = sep;
	p = put_u64(p, sm->ts_lost);
	*p++ = sep;
	p = put_sum_ctrs(rp, p, sm->ts_have, sm->ts_ctr, sep);
	p = sm->ts_have_hcpu ? put_secs(p, sm->ts_hcpu / NSEC,
	    sm->ts_hcpu % NSEC) : put_absent(rp, p);
	*p++ = sep;
	p = cap ? put_ratio3(p, used, sm->ts_hcpu) : put_absent(rp, p);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* The longest key value (longer names are given as numbers). */
#define	SPLIT_KEY_MAX	64

void
rpt_split_row(struct rpt *rp, const struct rpt_split *rs)
{
	struct out *o = rp->rp_out[TBL_PROC];
	char *p = row_begin(o), sep;
	uint64_t used;
	size_t i, n;
	int share;

	share = sum_used(rs->rs_have, rs->rs_ctr, rs->rs_have_hcpu,
	    rs->rs_hcpu, &used);
	if (rp->rp_fmt == FMT_JSON) {
		p = put_lit(p, "{\"type\":\"summary\"");
		if (rs->rs_host != NULL) {
			p = put_key(p, "host");
			p = put_json_str(p, rs->rs_host, rs->rs_hostlen);
		}
		p = json_u64(p, "start_ns", rs->rs_start);
		p = json_u64(p, "end_ns", rs->rs_end);
		p = json_u64(p, "len_ns", rs->rs_end - rs->rs_start);
		for (i = 0; i < rs->rs_nkey; i++) {
			if (rs->rs_kval[i] == NULL)
				continue;
			n = rs->rs_klen[i] < SPLIT_KEY_MAX ? rs->rs_klen[i] :
			    SPLIT_KEY_MAX;
			p = put_key(p, rs->rs_kname[i]);
			p = put_json_str(p, rs->rs_kval[i], n);
		}
		p = json_u64(p, "nproc", rs->rs_nproc);
		p = json_u64(p, "exits", rs->rs_exits);
		if (rs->rs_have_lost)
			p = json_u64(p, "lost", rs->rs_lost);
		p = json_sum_ctrs(p, rs->rs_have, rs->rs_ctr);
		if (rs->rs_have_hcpu)
			p = json_u64(p, "host_cpu_ns", rs->rs_hcpu);
		if (share) {
			p = put_key(p, "share");
			p = put_ratio3(p, used, rs->rs_hcpu);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = put_ms(p, rs->rs_start);
	*p++ = sep;
	p = put_ms(p, rs->rs_end);
	*p++ = sep;
	p = put_ms(p, rs->rs_end - rs->rs_start);
	*p++ = sep;
	p = col_str(rp, p, rs->rs_host != NULL, rs->rs_host, rs->rs_hostlen);
	*p++ = sep;
	for (i = 0; i < rs->rs_nkey; i++) {
		n = rs->rs_klen[i] < SPLIT_KEY_MAX ? rs->rs_klen[i] :
		    SPLIT_KEY_MAX;
		p = col_str(rp, p, rs->rs_kval[i] != NULL, rs->rs_kval[i], n);
		*p++ = sep;
	}
	p = put_u64(p, rs->rs_nproc);
	*p++ = sep;
	p = put_u64(p, rs->rs_exits);
	*p++ = sep;
	p = col_u64(rp, p, rs->rs_have_lost, rs->rs_lost);
	*p++ = sep;
	p = put_sum_ctrs(rp, p, rs->rs_have, rs->rs_ctr, sep);
	p = rs->rs_have_hcpu ? put_secs(p, rs->rs_hcpu / NSEC,
	    rs->rs_hcpu % NSEC) : put_absent(rp, p);
	*p++ = sep;
	p = share ? put_ratio3(p, used, rs->rs_hcpu) : put_absent(rp, p);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}
