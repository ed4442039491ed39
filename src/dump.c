/*
 * dump.c: the classic dump, "exdump [-v] file", byte for byte what the
 * illumos demo /usr/demo/libexacct/exdump prints on an intact file.
 *
 * Its rules, learned from running it: one line per object, the data id in
 * hex, the name indented by depth in a 30-wide field (past depth 25 the
 * name is marked '>' and starts at column 1), then the value.  Names and
 * -v decorations follow the data id alone, whatever the catalog bits.  An
 * embedded object is unpacked whole before anything of it is shown.
 *
 * The original opens the file at its head (ea_open with EO_HEAD, the
 * header checked unless -v) and reads it with ea_get_object() alone, so
 * group sizes and backskips are never consulted: a file whose only faults
 * are there is shown whole, exit 0, as the stream reads it.  Where the
 * original stops at damage (silently between records, with "bad file"
 * and exit 2 inside one), we report it, resume after the damaged record
 * when its size allows, and exit 2.
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "pacct.h"
#include "records.h"

/* The ends of time_t, whatever its width (a signed integer type here). */
#define	TIME_T_MAX	((time_t)(((((time_t)1 << (sizeof (time_t) *	\
			    CHAR_BIT - 2)) - 1) << 1) + 1))
#define	TIME_T_MIN	(-TIME_T_MAX - 1)

#define	MAX_INDENT	25	/* the original's display depth limit */
#define	MAX_EMBED	16	/* embedded objects inside embedded objects */
#define	STR_CHUNK	65536	/* a long string is printed in pieces */

/* Data ids the dump decorates. */
#define	ID_PROC_UID	0x1001
#define	ID_PROC_GID	0x1002
#define	ID_PROC_PROJID	0x1004
#define	ID_PROC_START	0x1007
#define	ID_PROC_FINISH	0x1009
#define	ID_PROC_FLAGS	0x101d
#define	ID_PROC_WAIT	0x1020
#define	ID_TASK_PROJID	0x2001
#define	ID_TASK_START	0x2003
#define	ID_TASK_FINISH	0x2005
#define	ID_FLOW_V4SRC	0x3000
#define	ID_FLOW_V4DST	0x3001
#define	ID_FLOW_V6SRC	0x3002
#define	ID_FLOW_V6DST	0x3003
#define	ID_FLOW_SPORT	0x3004
#define	ID_FLOW_DPORT	0x3005
#define	ID_FLOW_PROTO	0x3006
#define	ID_FLOW_CTIME	0x300a
#define	ID_FLOW_LSEEN	0x300b

struct dump {
	struct ex_src	*d_src;
	struct out	*d_out;
	int		d_v;		/* -v */
	int		d_n;		/* -n: no look-ups */
	unsigned	d_embed;	/* embedded objects being shown */
};

static void	show(struct dump *, const struct ex_obj *, int);
static int	dump_members(struct dump *, struct ex_stream *, uint32_t, int);

/*
 * "%D %T" of the local time, or nothing if localtime cannot convert it.
 * The times of a file crowd into few minutes, so the text of the last
 * minutes seen is kept, a few slots by minute, and only the seconds are
 * rewritten: one localtime and strftime per minute instead of per item.
 * A minute is only kept when its 60 seconds convert alike (one offset
 * from UTC: its first second :00, its last :59), so a leap second or an
 * offset change inside it is always converted afresh.
 */
#define	DATE_SLOTS	16

struct minute {
	int64_t		mi_base;	/* time_t of its :00, INT64_MIN: empty */
	size_t		mi_len;
	char		mi_text[32];
};

static void
show_date(struct out *o, uint64_t v)
{
	static struct minute cache[DATE_SLOTS];
	static int ready;
	struct minute *m;
	int64_t sv = (int64_t)v, base;
	time_t t = (time_t)sv, last;
	struct tm tm, tm2;
	unsigned i;

	if (!ready) {
		for (i = 0; i < DATE_SLOTS; i++)
			cache[i].mi_base = INT64_MIN;
		ready = 1;
	}
	/*
	 * A value a time_t cannot hold (a 32-bit time_t) has no date, as
	 * localtime would fail on it.  The minute's slot: floor division of
	 * t by 60, whatever its sign.  Times near the ends of time_t are
	 * converted afresh (and localtime fails on them anyway).
	 */
	if ((int64_t)t != sv)
		return;
	if (sv < (int64_t)TIME_T_MIN + 120 || sv > (int64_t)TIME_T_MAX - 120) {
		if (localtime_r(&t, &tm) != NULL) {
			char text[32];
			size_t n = strftime(text, sizeof (text), "%D %T", &tm);

			out_bytes(o, text, n);
		}
		return;
	}
	base = sv - ((sv % 60) + 60) % 60;
	m = &cache[(uint64_t)(base / 60) % DATE_SLOTS];
	if (m->mi_base == base && m->mi_base != INT64_MIN) {
		uint64_t sec = (uint64_t)((int64_t)t - base);

		m->mi_text[m->mi_len - 2] = (char)('0' + sec / 10);
		m->mi_text[m->mi_len - 1] = (char)('0' + sec % 10);
		out_bytes(o, m->mi_text, m->mi_len);
		return;
	}
	if (localtime_r(&t, &tm) == NULL)
		return;
	m->mi_base = INT64_MIN;
	m->mi_len = strftime(m->mi_text, sizeof (m->mi_text), "%D %T", &tm);
	out_bytes(o, m->mi_text, m->mi_len);
	/*
	 * Keep the minute only when the text ends in its two-digit seconds,
	 * the local minute starts where the UTC one does, and its first and
	 * last seconds convert to :00 and :59 of the same minute, so no
	 * change of offset falls inside it.
	 */
	if (m->mi_len < 2 || tm.tm_sec < 0 || tm.tm_sec > 59 ||
	    (int64_t)t - tm.tm_sec != base ||
	    m->mi_text[m->mi_len - 2] != '0' + tm.tm_sec / 10 ||
	    m->mi_text[m->mi_len - 1] != '0' + tm.tm_sec % 10)
		return;
	for (i = 0; i < 2; i++) {
		last = (time_t)(base + (i == 0 ? 0 : 59));
		if (localtime_r(&last, &tm2) == NULL ||
		    tm2.tm_sec != (i == 0 ? 0 : 59) ||
		    tm2.tm_min != tm.tm_min || tm2.tm_hour != tm.tm_hour ||
		    tm2.tm_mday != tm.tm_mday)
			return;
	}
	m->mi_base = base;
}

/* The first n bytes of a payload, whether or not it is a view. */
static const uint8_t *
payload(struct dump *d, const struct ex_obj *ob, size_t n)
{
	if (ob->eo_data != NULL)
		return (ob->eo_data);
	return (ex_src_get(d->d_src, ob->eo_doff, n));
}

static void
show_string(struct dump *d, const struct ex_obj *ob)
{
	uint64_t len = ob->eo_dlen, off = 0;
	const uint8_t *p;

	out_char(d->d_out, '"');
	if (ob->eo_data != NULL) {
		p = ob->eo_data;
		if (len > 0 && p[len - 1] == '\0')
			len--;
		out_escaped(d->d_out, p, (size_t)len, "\\\"");
	} else {
		/* Longer than a view: print it in pieces. */
		while (off < len) {
			uint64_t k = len - off < STR_CHUNK ? len - off :
			    STR_CHUNK;

			if ((p = ex_src_get(d->d_src, ob->eo_doff + off,
			    (size_t)k)) == NULL)
				break;
			if (off + k == len && p[k - 1] == '\0')
				k--;
			out_escaped(d->d_out, p, (size_t)k, "\\\"");
			off += k == 0 ? 1 : k;
			if (k == 0)
				break;
		}
	}
	out_char(d->d_out, '"');
}

static void
show_raw(struct dump *d, const struct ex_obj *ob)
{
	static const char hex[] = "0123456789ABCDEF";
	uint32_t id = EX_ID(ob->eo_tag);
	const uint8_t *p;
	char buf[INET6_ADDRSTRLEN];
	size_t i, n;

	if ((id == ID_FLOW_V6SRC || id == ID_FLOW_V6DST) &&
	    ob->eo_dlen >= 16 && (p = payload(d, ob, 16)) != NULL &&
	    inet_ntop(AF_INET6, p, buf, sizeof (buf)) != NULL) {
		size_t len = strlen(buf);

		out_bytes(d->d_out, buf, len);
		if (len < 28)
			out_spaces(d->d_out, 28 - len);
		return;
	}
	n = ob->eo_dlen < 6 ? (size_t)ob->eo_dlen : 6;
	if (n > 0 && (p = payload(d, ob, n)) != NULL) {
		for (i = 0; i < n; i++) {
			char b[5] = { '0', 'x', ' ', ' ', ' ' };

			if (p[i] >= 0x10)
				b[2] = hex[p[i] >> 4];
			b[3] = hex[p[i] & 0xf];
			out_bytes(d->d_out, b, 5);
		}
	}
	if (ob->eo_dlen > 6)
		out_str(d->d_out, "...");
}

static void
show_wait(struct dump *d, uint32_t w)
{
	int32_t ws = (int32_t)w;

	/* The illumos <sys/wait.h> rules, whatever the host's. */
	if (d->d_v && (w & 0xff) == 0) {
		out_i64_left(d->d_out, (w >> 8) & 0xff, 14);
		out_str(d->d_out, " exit");
	} else if (d->d_v && (w & 0xff00) == 0) {
		out_i64_right(d->d_out, w & 0x7f, 14);
		out_str(d->d_out, ", signal");
	} else {
		out_i64(d->d_out, ws);
	}
}

static void
show_name_of(struct dump *d, const char *name)
{
	if (name != NULL)
		out_str(d->d_out, name);
}

static void
show_u32(struct dump *d, const struct ex_obj *ob)
{
	uint32_t v = (uint32_t)ob->eo_u64;
	struct out *o = d->d_out;
	int look = d->d_v && !d->d_n;

	switch (EX_ID(ob->eo_tag)) {
	case ID_PROC_WAIT:
		show_wait(d, v);
		break;
	case ID_PROC_UID:
		out_u64_left(o, v, 15);
		if (look)
			show_name_of(d, name_user(v));
		break;
	case ID_PROC_GID:
		out_u64_left(o, v, 15);
		if (look)
			show_name_of(d, name_group(v));
		break;
	case ID_PROC_PROJID:
	case ID_TASK_PROJID:
		out_u64_left(o, v, 15);
		if (look)
			show_name_of(d, name_project(v));
		break;
	case ID_PROC_FLAGS:
		out_u64_left(o, v, 15);
		if (d->d_v) {
			if (v & 0x1)
				out_str(o, "FORK ");
			if (v & 0x2)
				out_str(o, "SU");
		}
		break;
	case ID_FLOW_V4SRC:
	case ID_FLOW_V4DST: {
		char buf[INET_ADDRSTRLEN];
		uint32_t a = htonl(v);
		size_t len;

		(void) inet_ntop(AF_INET, &a, buf, sizeof (buf));
		len = strlen(buf);
		out_bytes(o, buf, len);
		if (len < 15)
			out_spaces(o, 15 - len);
		break;
	}
	default:
		out_u64(o, v);
		break;
	}
}

static int
is_date(uint32_t id)
{
	return (id == ID_TASK_START || id == ID_TASK_FINISH ||
	    id == ID_PROC_START || id == ID_PROC_FINISH ||
	    id == ID_FLOW_LSEEN || id == ID_FLOW_CTIME);
}

/*
 * An embedded object: the original unpacks the whole payload first and
 * shows only its first object, or an error if any of it does not unpack.
 */
static int
show_embedded(struct dump *d, const struct ex_obj *ob, int indent)
{
	struct ex_stream *st;
	struct ex_stream sub;
	struct ex_obj first;

	if (d->d_embed >= MAX_EMBED ||
	    ex_unpack_check(d->d_src, ob->eo_doff, ob->eo_dlen) != 0) {
		out_str(d->d_out, "error: couldn't unpack embedded object\n");
		return (1);
	}
	st = &sub;
	ex_stream_init(st, d->d_src, ob->eo_doff, ob->eo_doff + ob->eo_dlen);
	st->st_nosize = 1;
	if (ex_next(st, &first) != EX_OK) {
		out_str(d->d_out, "error: couldn't unpack embedded object\n");
		return (1);
	}
	d->d_embed++;
	if (first.eo_type == EX_T_GROUP) {
		out_str(d->d_out, "[embedded group of ");
		out_u64(d->d_out, first.eo_nobjs);
		out_str(d->d_out, " object(s)]\n");
		(void) dump_members(d, st, first.eo_nobjs, indent);
	} else {
		out_str(d->d_out, "[embedded object]\n");
		show(d, &first, indent);
	}
	d->d_embed--;
	return (0);
}

/*
 * The start of a line: the id in hex and the name field.  It depends only
 * on the data id and the indent, so the last few are kept ready.
 */
#define	PREFIX_LEN	38	/* "%6x\t", 30 columns, "\t" */
#define	PREFIX_SLOTS	256

struct prefix {
	uint32_t	pf_id;
	int		pf_indent;	/* -1: empty */
	char		pf_text[PREFIX_LEN];
};

static void
show_prefix(struct out *o, uint32_t id, int indent)
{
	static struct prefix cache[PREFIX_SLOTS];
	static int ready;
	struct prefix *pf;
	static const char hex[] = "0123456789abcdef";
	const char *name;
	size_t lead, n;
	uint32_t v = id;
	int i = 6;

	if (!ready) {
		for (i = 0; i < PREFIX_SLOTS; i++)
			cache[i].pf_indent = -1;
		ready = 1;
		i = 6;
	}
	pf = &cache[(id * 31 + (uint32_t)indent) % PREFIX_SLOTS];
	if (pf->pf_indent == indent && pf->pf_id == id) {
		out_bytes(o, pf->pf_text, PREFIX_LEN);
		return;
	}
	pf->pf_id = id;
	pf->pf_indent = indent;
	do {
		pf->pf_text[--i] = hex[v & 0xf];
		v >>= 4;
	} while (v != 0);
	while (i > 0)
		pf->pf_text[--i] = ' ';
	pf->pf_text[6] = '\t';
	/* As the original: indent spaces, the name cut to fit 29 chars. */
	if (indent > MAX_INDENT) {
		pf->pf_text[7] = '>';
		lead = 1;
	} else {
		memset(pf->pf_text + 7, ' ', (size_t)indent);
		lead = (size_t)indent;
	}
	name = catalog_name(id);
	if ((n = strlen(name)) > 29 - lead)
		n = 29 - lead;
	memcpy(pf->pf_text + 7 + lead, name, n);
	memset(pf->pf_text + 7 + lead + n, ' ', 30 - lead - n);
	pf->pf_text[37] = '\t';
	out_bytes(o, pf->pf_text, PREFIX_LEN);
}

/* One object's line: id, name, value; a group's members are not shown. */
static void
show(struct dump *d, const struct ex_obj *ob, int indent)
{
	struct out *o = d->d_out;
	uint32_t id = EX_ID(ob->eo_tag);
	int eol = 1;

	show_prefix(o, id, indent);
	if (indent > MAX_INDENT)
		indent = 1;	/* as the original: what it shows starts at 1 */

	switch (ob->eo_type) {
	case EX_T_UINT8:
		out_u64_left(o, ob->eo_u64, 15);
		if (d->d_v && !d->d_n && id == ID_FLOW_PROTO)
			show_name_of(d, name_proto((uint8_t)ob->eo_u64));
		break;
	case EX_T_UINT16:
		out_u64_left(o, ob->eo_u64, 15);
		if (d->d_v && !d->d_n &&
		    (id == ID_FLOW_SPORT || id == ID_FLOW_DPORT))
			show_name_of(d, name_service((uint16_t)ob->eo_u64));
		break;
	case EX_T_UINT32:
		show_u32(d, ob);
		break;
	case EX_T_UINT64:
		out_u64_left(o, ob->eo_u64, 15);
		if (d->d_v && is_date(id))
			show_date(o, ob->eo_u64);
		break;
	case EX_T_DOUBLE:
		out_printf(o, "%f", ob->eo_dbl);
		break;
	case EX_T_STRING:
		show_string(d, ob);
		break;
	case EX_T_RAW:
		show_raw(d, ob);
		break;
	case EX_T_GROUP:
		out_str(o, "[group of ");
		out_u64(o, ob->eo_nobjs);
		out_str(o, " object(s)]");
		break;
	case EX_T_EXACCT:
		eol = show_embedded(d, ob, indent);
		break;
	}
	if (eol)
		out_char(o, '\n');
}

/* The members of a group just shown, by count, as the original reads them. */
static int
dump_members(struct dump *d, struct ex_stream *st, uint32_t nobjs, int indent)
{
	struct ex_obj ob;
	uint32_t i;

	for (i = 0; i < nobjs; i++) {
		if (ex_next(st, &ob) != EX_OK)
			return (-1);
		show(d, &ob, indent + 1);
		if (ob.eo_type == EX_T_GROUP &&
		    dump_members(d, st, ob.eo_nobjs, indent + 1) == -1)
			return (-1);
	}
	return (0);
}

void
warn_file(const char *path, const char *fmt, ...)
{
	va_list ap;

	out_flush(out_std);
	(void) fprintf(stderr, "%s: %s: ", progname, path);
	va_start(ap, fmt);
	(void) vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void) fputc('\n', stderr);
}

/* Every object of a stream, as the original shows them; an exit status. */
static int
dump_stream(struct dump *d, struct ex_stream *st, const char *name)
{
	struct ex_obj ob;
	int r, status = EXIT_OK;

	for (;;) {
		if ((r = ex_next(st, &ob)) == EX_END)
			break;
		if (r == EX_OK) {
			show(d, &ob, 0);
			if (ob.eo_type != EX_T_GROUP ||
			    dump_members(d, st, ob.eo_nobjs, 0) == 0)
				continue;
		}
		warn_file(name, "offset %llu: %s",
		    (unsigned long long)st->st_err.ee_off, st->st_err.ee_msg);
		status = EXIT_DAMAGE;
	}
	return (status);
}

/*
 * Is the source a Linux process-accounting file?  Its byte order, or 0.
 * A file that starts with an exacct header never is.
 */
static int
pacct_order(struct ex_src *src)
{
	const uint8_t *p;
	char why[128];
	size_t n = 8 * PACCT_RECSIZE;

	if (ex_src_have(src, n) != 1)
		n = (size_t)src->es_size;
	if (n < PACCT_RECSIZE || (p = ex_src_get(src, 0, n)) == NULL ||
	    ex_be32(p) == EX_HEADER_TAG)
		return (0);
	return (pacct_probe(p, n, why, sizeof (why)));
}

/*
 * The classic dump of a process-accounting file: each record shown as the
 * final process record exacct would hold for it, without a file header.
 */
static int
dump_pacct(struct dump *d, struct ex_src *src, const char *name, int order)
{
	static struct ex_wbuf w;
	static struct ex_stream st;
	static struct ex_proc p;
	struct ex_src mem;
	const uint8_t *r;
	char why[256];
	uint64_t off;
	int have, status = EXIT_OK;

	for (off = 0; ; off += PACCT_RECSIZE) {
		if ((have = ex_src_have(src, off + PACCT_RECSIZE)) != 1 ||
		    (r = ex_src_get(src, off, PACCT_RECSIZE)) == NULL) {
			if (have == -1 || src->es_errno != 0) {
				warn_file(name, "offset %llu: read error: %s",
				    (unsigned long long)off,
				    strerror(src->es_errno));
				status = EXIT_DAMAGE;
			} else if (ex_src_have(src, off + 1) == 1) {
				warn_file(name, "offset %llu: file ends "
				    "inside a process-accounting record",
				    (unsigned long long)off);
				status = EXIT_DAMAGE;
			}
			break;
		}
		if (pacct_decode(r, order, &p, why, sizeof (why)) == -1) {
			warn_file(name, "offset %llu: %s",
			    (unsigned long long)off, why);
			status = EXIT_DAMAGE;
			continue;
		}
		ex_w_reset(&w);
		rec_encode_proc(&w, &p);
		if (w.wb_err != 0) {
			warn_file(name, "%s", strerror(w.wb_err));
			return (EXIT_OPEN);
		}
		ex_src_open_mem(&mem, w.wb_buf, w.wb_len);
		ex_stream_init(&st, &mem, 0, w.wb_len);
		d->d_src = &mem;
		if (dump_stream(d, &st, name) != EXIT_OK)
			status = EXIT_DAMAGE;
		d->d_src = src;
	}
	return (status);
}

/*
 * The classic dump of a source already open.  name is how errors call it.
 * Returns EXIT_OK, EXIT_OPEN (no valid header without -v) or EXIT_DAMAGE.
 */
int
dump_src(struct ex_src *src, const char *name, const struct opts *op,
    struct out *out)
{
	static struct ex_stream stream;
	struct ex_stream *st = &stream;
	struct dump d;
	char why[256];
	int r;

	ex_stream_init(st, src, 0, UINT64_MAX);
	d.d_src = src;
	d.d_out = out;
	d.d_v = op->op_v;
	d.d_n = op->op_n;
	d.d_embed = 0;

	if ((r = pacct_order(src)) != 0)
		return (dump_pacct(&d, src, name, r));
	if (!op->op_v && ex_read_header(st, NULL, why, sizeof (why)) == -1) {
		out_flush(out);
		(void) fprintf(stderr, "%s: cannot open %s: %s\n", progname,
		    name, why);
		return (EXIT_OPEN);
	}
	return (dump_stream(&d, st, name));
}

int
dump_file(const char *path, const struct opts *op)
{
	struct ex_src src;
	int fd, status;

	/* "-" is standard input: a duplicate, closed as a file is. */
	if ((fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) :
	    open(path, O_RDONLY)) == -1 ||
	    ex_src_open_fd(&src, fd) == -1) {
		out_flush(out_std);
		(void) fprintf(stderr, "%s: cannot open %s: %s\n", progname,
		    path, strerror(errno));
		if (fd != -1)
			(void) close(fd);
		return (EXIT_OPEN);
	}
	status = dump_src(&src, path, op, out_std);
	ex_src_close(&src);
	(void) close(fd);
	return (status);
}
