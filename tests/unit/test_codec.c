/*
 * test_codec.c: unit tests of the exacct codec (exacct_read.c and
 * exacct_write.c).
 *
 * Expected bytes and offsets are worked out by hand from the format
 * (docs/exacct-format.md): a fixed item is tag, value, backskip; a variable
 * item is tag, 8-byte size (payload plus backskip), payload, backskip; a
 * group is tag, size, member count, small backskip, members, backskip.
 * The file header is checked against the first 102 bytes of a fixture
 * written by libexacct.  Sources are read from memory, from a regular
 * file and from a pipe, with objects placed across the read window's edge.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exacct.h"
#include "test.h"

#define	T_U8	EX_TAG(EX_T_UINT8, 0, 0x1006)
#define	T_U16	EX_TAG(EX_T_UINT16, 0, 0x3004)
#define	T_U32	EX_TAG(EX_T_UINT32, 0, 0x1000)
#define	T_U64	EX_TAG(EX_T_UINT64, 0, 0x1007)
#define	T_DBL	EX_TAG(EX_T_DOUBLE, 0, 0x4242)
#define	T_STR	EX_TAG(EX_T_STRING, 0, 0x1006)
#define	T_RAW	EX_TAG(EX_T_RAW, 0, 0x3002)
#define	T_EMB	EX_TAG(EX_T_EXACCT, 0, 0x0abc)
#define	T_GRP	EX_TAG(EX_T_GROUP, 0, 0x100)
#define	T_GRP2	EX_TAG(EX_T_GROUP, 0, 0x101)

/* ------------------------------------------------------------------ */
/* Hand-made byte strings. */

static uint8_t hb[1 << 16];
static size_t hn;

static void
h32(uint32_t v)
{
	hb[hn++] = (uint8_t)(v >> 24);
	hb[hn++] = (uint8_t)(v >> 16);
	hb[hn++] = (uint8_t)(v >> 8);
	hb[hn++] = (uint8_t)v;
}

static void
h64(uint64_t v)
{
	h32((uint32_t)(v >> 32));
	h32((uint32_t)v);
}

/* A uint8 item: 9 bytes. */
static void
h_u8(uint8_t v)
{
	h32(T_U8);
	hb[hn++] = v;
	h32(9);
}

/* A uint32 item: 12 bytes. */
static void
h_u32(uint32_t v)
{
	h32(T_U32);
	h32(v);
	h32(12);
}

/* A group header with the size given: 20 bytes. */
static void
h_ghdr(uint32_t tag, uint64_t size, uint32_t nobjs)
{
	h32(tag);
	h64(size);
	h32(nobjs);
	h32(20);
}

/* A raw item of n bytes of b: 16 + n bytes. */
static void
h_raw(size_t n, uint8_t b)
{
	h32(T_RAW);
	h64(n + 4);
	memset(hb + hn, b, n);
	hn += n;
	h32((uint32_t)(16 + n));
}

/* A whole record: a group of k uint32 items, 24 + 12k bytes. */
static void
h_record(uint32_t k)
{
	uint32_t i;

	h_ghdr(T_GRP, 8 + 12 * (uint64_t)k, k);
	for (i = 0; i < k; i++)
		h_u32(i);
	h32(24 + 12 * k);
}

/* ------------------------------------------------------------------ */
/* Sources over a buffer: memory, a temporary file, a pipe. */

#define	SRC_MEM		0
#define	SRC_FILE	1
#define	SRC_PIPE	2

static const char *src_names[] = { "memory", "file", "pipe" };
static char tmp_path[64];
static pid_t pipe_pid = -1;

static int
tmp_file(const uint8_t *buf, size_t len)
{
	const char *dir = getenv("TMPDIR");
	size_t done = 0;
	ssize_t n;
	int fd;

	(void) snprintf(tmp_path, sizeof (tmp_path), "%s/test_codec.XXXXXX",
	    dir != NULL && strlen(dir) < 40 ? dir : "/tmp");
	if ((fd = mkstemp(tmp_path)) == -1)
		return (-1);
	(void) unlink(tmp_path);
	while (done < len) {
		if ((n = write(fd, buf + done, len - done)) <= 0) {
			(void) close(fd);
			return (-1);
		}
		done += (size_t)n;
	}
	return (fd);
}

/* A pipe fed by a child that writes buf and exits. */
static int
pipe_feed(const uint8_t *buf, size_t len)
{
	int fds[2];
	size_t done = 0;
	ssize_t n;

	if (pipe(fds) == -1)
		return (-1);
	if ((pipe_pid = fork()) == -1) {
		(void) close(fds[0]);
		(void) close(fds[1]);
		return (-1);
	}
	if (pipe_pid == 0) {
		(void) close(fds[0]);
		while (done < len) {
			if ((n = write(fds[1], buf + done, len - done)) <= 0)
				_exit(1);
			done += (size_t)n;
		}
		_exit(0);
	}
	(void) close(fds[1]);
	return (fds[0]);
}

/* Open buf as a source of the given kind; -1 on failure (reported). */
static int
src_open(struct ex_src *s, int kind, const uint8_t *buf, size_t len)
{
	int fd;

	if (kind == SRC_MEM) {
		ex_src_open_mem(s, buf, len);
		return (0);
	}
	fd = kind == SRC_FILE ? tmp_file(buf, len) : pipe_feed(buf, len);
	if (fd == -1 || ex_src_open_fd(s, fd) == -1) {
		(void) printf("cannot make a %s source: %s\n", src_names[kind],
		    strerror(errno));
		test_failed++;
		if (fd != -1)
			(void) close(fd);
		return (-1);
	}
	CHECK_INT(s->es_seekable, ==, kind == SRC_FILE);
	return (0);
}

static void
src_done(struct ex_src *s)
{
	int status;

	if (s->es_fd != -1)
		(void) close(s->es_fd);
	ex_src_close(s);
	if (pipe_pid > 0) {
		(void) waitpid(pipe_pid, &status, 0);
		pipe_pid = -1;
	}
}

/* ------------------------------------------------------------------ */
/* Expected objects, as a flat pre-order list, and their comparison. */

struct tnode {
	uint32_t	tn_tag;
	unsigned	tn_depth;
	uint64_t	tn_u64;		/* uint value, or double bits */
	const uint8_t	*tn_data;	/* payload; a string's with its NUL */
	size_t		tn_dlen;
	uint32_t	tn_nobjs;
	uint64_t	tn_gsize;
	uint64_t	tn_off;		/* where it must be */
};

/* Bytes an object takes, from the format's rules, for the node list. */
static uint64_t
node_size(const struct tnode *t, size_t n, size_t i, size_t *next)
{
	uint64_t sz;
	uint32_t k;
	size_t j;

	switch (EX_TYPE(t[i].tn_tag)) {
	case EX_T_UINT8:
		*next = i + 1;
		return (9);
	case EX_T_UINT16:
		*next = i + 1;
		return (10);
	case EX_T_UINT32:
		*next = i + 1;
		return (12);
	case EX_T_UINT64:
	case EX_T_DOUBLE:
		*next = i + 1;
		return (16);
	case EX_T_GROUP:
		sz = 20;
		j = i + 1;
		for (k = 0; k < t[i].tn_nobjs && j < n; k++)
			sz += node_size(t, n, j, &j);
		*next = j;
		return (sz + 4);
	default:
		*next = i + 1;
		return (16 + t[i].tn_dlen);
	}
}

/* Lay out node i (and its members) at *off: offsets and group sizes. */
static size_t
layout_at(struct tnode *t, size_t n, size_t i, uint64_t *off)
{
	size_t j, next;
	uint32_t k;

	t[i].tn_off = *off;
	if (EX_TYPE(t[i].tn_tag) != EX_T_GROUP) {
		*off += node_size(t, n, i, &next);
		return (i + 1);
	}
	*off += 20;
	j = i + 1;
	for (k = 0; k < t[i].tn_nobjs && j < n; k++)
		j = layout_at(t, n, j, off);
	*off += 4;
	t[i].tn_gsize = *off - t[i].tn_off - 16;
	return (j);
}

static void
node_layout(struct tnode *t, size_t n, uint64_t off)
{
	size_t i = 0;

	while (i < n)
		i = layout_at(t, n, i, &off);
}

/* The payload of an object, through views or ex_src_get in pieces. */
static int
payload_is(struct ex_src *s, const struct ex_obj *o, const uint8_t *want,
    size_t len)
{
	uint64_t off = 0;
	const uint8_t *p;
	size_t k;

	if (o->eo_dlen != len)
		return (0);
	if (o->eo_data != NULL)
		return (len == 0 || memcmp(o->eo_data, want, len) == 0);
	while (off < len) {
		k = len - off < 100000 ? (size_t)(len - off) : 100000;
		if ((p = ex_src_get(s, o->eo_doff + off, k)) == NULL ||
		    memcmp(p, want + off, k) != 0)
			return (0);
		off += k;
	}
	return (1);
}

/*
 * Read the stream and compare it to the list; "" if all is the same, else
 * what differs first.  The stream must then end cleanly.
 */
/* A NaN's bits: an x87 copy of the double may quiet a signalling one. */
static int
is_nan_bits(uint64_t b)
{
	return ((b & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
	    (b & 0x000fffffffffffffull) != 0);
}

static const char *
compare_stream(struct ex_stream *st, const struct tnode *t, size_t n,
    char *why, size_t wlen)
{
	struct ex_obj o;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		if ((r = ex_next(st, &o)) != EX_OK) {
			(void) snprintf(why, wlen, "object %zu: result %d: "
			    "%llu: %s", i, r,
			    (unsigned long long)st->st_err.ee_off,
			    st->st_err.ee_msg);
			return (why);
		}
		if (o.eo_tag != t[i].tn_tag || o.eo_type !=
		    EX_TYPE(t[i].tn_tag) || o.eo_depth != t[i].tn_depth ||
		    o.eo_off != t[i].tn_off) {
			(void) snprintf(why, wlen, "object %zu: tag %08x "
			    "depth %u off %llu, want %08x %u %llu", i,
			    (unsigned)o.eo_tag, o.eo_depth,
			    (unsigned long long)o.eo_off,
			    (unsigned)t[i].tn_tag, t[i].tn_depth,
			    (unsigned long long)t[i].tn_off);
			return (why);
		}
		switch (o.eo_type) {
		case EX_T_DOUBLE: {
			uint64_t bits = o.eo_u64, seen;

			/* The double itself holds the same bits. */
			memcpy(&seen, &o.eo_dbl, sizeof (seen));
			if (bits != t[i].tn_u64 || (seen != bits &&
			    !is_nan_bits(bits))) {
				(void) snprintf(why, wlen, "object %zu: "
				    "double bits differ", i);
				return (why);
			}
			break;
		}
		case EX_T_STRING:
		case EX_T_RAW:
		case EX_T_EXACCT:
			if (o.eo_doff != o.eo_off + 12 ||
			    (o.eo_data == NULL) !=
			    (t[i].tn_dlen > EX_VIEW_MAX) ||
			    !payload_is(st->st_src, &o, t[i].tn_data,
			    t[i].tn_dlen)) {
				(void) snprintf(why, wlen, "object %zu: "
				    "payload of %llu bytes differs (want %zu)",
				    i, (unsigned long long)o.eo_dlen,
				    t[i].tn_dlen);
				return (why);
			}
			break;
		case EX_T_GROUP:
			if (o.eo_nobjs != t[i].tn_nobjs ||
			    o.eo_gsize != t[i].tn_gsize) {
				(void) snprintf(why, wlen, "object %zu: group "
				    "of %u, size %llu; want %u, %llu", i,
				    o.eo_nobjs, (unsigned long long)o.eo_gsize,
				    t[i].tn_nobjs,
				    (unsigned long long)t[i].tn_gsize);
				return (why);
			}
			break;
		default:
			if (o.eo_u64 != t[i].tn_u64) {
				(void) snprintf(why, wlen, "object %zu: value "
				    "%llu, want %llu", i,
				    (unsigned long long)o.eo_u64,
				    (unsigned long long)t[i].tn_u64);
				return (why);
			}
			break;
		}
	}
	if ((r = ex_next(st, &o)) != EX_END) {
		(void) snprintf(why, wlen, "no clean end: result %d: %s", r,
		    r == EX_ERR ? st->st_err.ee_msg : "an object");
		return (why);
	}
	if (ex_next(st, &o) != EX_END) {
		(void) snprintf(why, wlen, "the end does not stay the end");
		return (why);
	}
	return ("");
}

/* Compare buf, read from a source of the given kind, to the list. */
static void
check_read(int kind, const uint8_t *buf, size_t len, const struct tnode *t,
    size_t n, const char *what)
{
	struct ex_src s;
	struct ex_stream st;
	char why[256];
	const char *r;

	if (src_open(&s, kind, buf, len) == -1)
		return;
	ex_stream_init(&st, &s, 0, UINT64_MAX);
	r = compare_stream(&st, t, n, why, sizeof (why));
	if (*r != '\0')
		(void) printf("%s from %s: %s\n", what, src_names[kind], r);
	CHECK(*r == '\0');
	src_done(&s);
}

/* The backskip of every object is its length (the header's is 0). */
static int
backskips_ok(const uint8_t *buf, size_t len, const struct tnode *t, size_t n)
{
	size_t i, j;
	uint64_t sz;

	for (i = 0; i < n; i++) {
		sz = node_size(t, n, i, &j);
		if (t[i].tn_off + sz > len)
			return (0);
		if (ex_be32(buf + t[i].tn_off + sz - 4) !=
		    (t[i].tn_tag == EX_HEADER_TAG ? 0 : (uint32_t)sz))
			return (0);
		if (EX_TYPE(t[i].tn_tag) == EX_T_GROUP &&
		    ex_be32(buf + t[i].tn_off + 16) != 20)
			return (0);
	}
	return (1);
}

/* ------------------------------------------------------------------ */
/* Round trips of every type. */

static struct tnode tn[8192];
static size_t tnn;

static void
expect_node(uint32_t tag, unsigned depth, uint64_t v, const void *d,
    size_t dlen, uint32_t nobjs)
{
	struct tnode *t = &tn[tnn++];

	memset(t, 0, sizeof (*t));
	t->tn_tag = tag;
	t->tn_depth = depth;
	t->tn_u64 = v;
	t->tn_data = d;
	t->tn_dlen = dlen;
	t->tn_nobjs = nobjs;
}

/* One object written alone reads back alone, from all three sources. */
static void
check_single(struct ex_wbuf *w, const char *what)
{
	int kind;

	CHECK_INT(w->wb_err, ==, 0);
	node_layout(tn, tnn, 0);
	CHECK(backskips_ok(w->wb_buf, w->wb_len, tn, tnn));
	for (kind = SRC_MEM; kind <= SRC_PIPE; kind++)
		check_read(kind, w->wb_buf, w->wb_len, tn, tnn, what);
}

static void
test_fixed_types(void)
{
	static const uint64_t u8s[] = { 0, 1, 0x7f, 0x80, 0xff };
	static const uint64_t u16s[] = { 0, 1, 0xff, 0x100, 0xffff };
	static const uint64_t u32s[] = { 0, 1, 0xffff, 0x10000, 0x7fffffff,
	    0x80000000, 0xffffffff };
	static const uint64_t u64s[] = { 0, 1, 0xffffffff, 0x100000000ULL,
	    0x7fffffffffffffffULL, 0x8000000000000000ULL, UINT64_MAX };
	struct { const uint64_t *v; size_t n; uint32_t tag; size_t len; }
	    sets[] = {
		{ u8s, 5, T_U8, 1 },
		{ u16s, 5, T_U16, 2 },
		{ u32s, 7, T_U32, 4 },
		{ u64s, 7, T_U64, 8 },
	};
	struct ex_wbuf w;
	size_t i, j, k;
	uint8_t want[16];

	ex_w_init(&w);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < sets[i].n; j++) {
			uint64_t v = sets[i].v[j];

			ex_w_reset(&w);
			ex_w_uint(&w, sets[i].tag, v);
			/* tag, big-endian value, backskip 8 + len */
			memset(want, 0, sizeof (want));
			want[0] = (uint8_t)(sets[i].tag >> 24);
			want[1] = (uint8_t)(sets[i].tag >> 16);
			want[2] = (uint8_t)(sets[i].tag >> 8);
			want[3] = (uint8_t)sets[i].tag;
			for (k = 0; k < sets[i].len; k++)
				want[4 + k] = (uint8_t)(v >> (8 *
				    (sets[i].len - 1 - k)));
			want[4 + sets[i].len + 3] = (uint8_t)(8 + sets[i].len);
			CHECK_UINT(w.wb_len, ==, 8 + sets[i].len);
			CHECK_MEM(w.wb_buf, want, 8 + sets[i].len);
			tnn = 0;
			expect_node(sets[i].tag, 0, v, NULL, 0, 0);
			check_single(&w, "uint");
		}
	}
	/* A value too wide for the type keeps its low bytes. */
	ex_w_reset(&w);
	ex_w_uint(&w, T_U8, 0x1234);
	ex_w_uint(&w, T_U16, 0x123456);
	ex_w_uint(&w, T_U32, 0x123456789ULL);
	tnn = 0;
	expect_node(T_U8, 0, 0x34, NULL, 0, 0);
	expect_node(T_U16, 0, 0x3456, NULL, 0, 0);
	expect_node(T_U32, 0, 0x23456789, NULL, 0, 0);
	check_single(&w, "truncated values");
	ex_w_free(&w);
}

static void
test_doubles(void)
{
	static const uint64_t bits[] = {
		0x0000000000000000ULL,	/* 0 */
		0x8000000000000000ULL,	/* -0 */
		0x3ff0000000000000ULL,	/* 1 */
		0xbff8000000000000ULL,	/* -1.5 */
		0x7ff0000000000000ULL,	/* inf */
		0xfff0000000000000ULL,	/* -inf */
		0x7ff8000000000000ULL,	/* quiet NaN */
		0x7ff4000000000001ULL,	/* NaN with a payload */
		0xfff8000000000123ULL,	/* negative NaN */
		0x0000000000000001ULL,	/* smallest subnormal */
		0x7fefffffffffffffULL,	/* largest */
	};
	struct ex_wbuf w;
	uint8_t want[16];
	size_t i, k;
	double d;

	ex_w_init(&w);
	for (i = 0; i < sizeof (bits) / sizeof (bits[0]); i++) {
		memcpy(&d, &bits[i], sizeof (d));
		ex_w_reset(&w);
		/* By its bits: a signalling NaN passes no x87 register. */
		ex_w_double_bits(&w, T_DBL, bits[i]);
		want[0] = 0x50;
		want[1] = 0x00;
		want[2] = 0x42;
		want[3] = 0x42;
		for (k = 0; k < 8; k++)
			want[4 + k] = (uint8_t)(bits[i] >> (56 - 8 * k));
		want[12] = want[13] = want[14] = 0;
		want[15] = 16;
		CHECK_UINT(w.wb_len, ==, 16);
		CHECK_MEM(w.wb_buf, want, 16);
		tnn = 0;
		expect_node(T_DBL, 0, bits[i], NULL, 0, 0);
		check_single(&w, "double");
	}
	/* The value read back is the double, not only its bits. */
	ex_w_reset(&w);
	ex_w_double(&w, T_DBL, -2.5);
	{
		struct ex_src s;
		struct ex_stream st;
		struct ex_obj o;

		ex_src_open_mem(&s, w.wb_buf, w.wb_len);
		ex_stream_init(&st, &s, 0, UINT64_MAX);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK(o.eo_dbl == -2.5);
		CHECK_UINT(o.eo_type, ==, EX_T_DOUBLE);
	}
	ex_w_free(&w);
}

static void
test_strings(void)
{
	static const uint8_t empty[] = { 0 };
	static const uint8_t nul[] = { 'a', 0, 'b', 0 };
	static const uint8_t high[] = { 0x80, 0xff, 0xc3, 0xa9, '\n', 0 };
	static const uint8_t want_empty[] = {
		0x60, 0x00, 0x10, 0x06,			/* tag */
		0, 0, 0, 0, 0, 0, 0, 5,		/* NUL + backskip */
		0,					/* the NUL */
		0, 0, 0, 17,				/* backskip */
	};
	struct ex_wbuf w;

	ex_w_init(&w);
	ex_w_string(&w, T_STR, "");
	CHECK_UINT(w.wb_len, ==, sizeof (want_empty));
	CHECK_MEM(w.wb_buf, want_empty, sizeof (want_empty));
	tnn = 0;
	expect_node(T_STR, 0, 0, empty, 1, 0);
	check_single(&w, "empty string");

	/* Embedded NUL: given by length, the NUL is added after. */
	ex_w_reset(&w);
	ex_w_bytes(&w, T_STR, "a\0b", 3);
	CHECK_UINT(w.wb_len, ==, 12 + 4 + 4);
	CHECK_UINT(ex_be64(w.wb_buf + 4), ==, 8);
	tnn = 0;
	expect_node(T_STR, 0, 0, nul, 4, 0);
	check_single(&w, "string with NUL");

	ex_w_reset(&w);
	ex_w_string(&w, T_STR, "\x80\xff\xc3\xa9\n");
	tnn = 0;
	expect_node(T_STR, 0, 0, high, 6, 0);
	check_single(&w, "string with high bytes");

	/* ex_w_bytes with an empty string tag writes just the NUL. */
	ex_w_reset(&w);
	ex_w_bytes(&w, T_STR, NULL, 0);
	CHECK_UINT(w.wb_len, ==, sizeof (want_empty));
	CHECK_MEM(w.wb_buf, want_empty, sizeof (want_empty));
	ex_w_free(&w);
}

static uint8_t big[3 << 20];		/* patterned payloads */

static void
fill_pattern(uint8_t *p, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

static void
test_raw(void)
{
	static const size_t bigs[] = { 4095, 4096, 65536, EX_VIEW_MAX - 1,
	    EX_VIEW_MAX, EX_VIEW_MAX + 1, EX_WINDOW - 16, EX_WINDOW - 15,
	    EX_WINDOW + 100 };
	struct ex_wbuf w;
	size_t n, i;
	int kind;

	fill_pattern(big, sizeof (big), 7);
	ex_w_init(&w);
	for (n = 0; n <= 40; n++) {
		ex_w_reset(&w);
		ex_w_bytes(&w, T_RAW, big, n);
		CHECK_UINT(w.wb_len, ==, 16 + n);
		CHECK_UINT(ex_be32(w.wb_buf), ==, T_RAW);
		CHECK_UINT(ex_be64(w.wb_buf + 4), ==, n + 4);
		CHECK_MEM(w.wb_buf + 12, big, n);
		CHECK_UINT(ex_be32(w.wb_buf + 12 + n), ==, 16 + n);
		tnn = 0;
		expect_node(T_RAW, 0, 0, big, n, 0);
		check_single(&w, "raw");
	}
	for (i = 0; i < sizeof (bigs) / sizeof (bigs[0]); i++) {
		n = bigs[i];
		ex_w_reset(&w);
		ex_w_bytes(&w, T_RAW, big, n);
		ex_w_uint(&w, T_U8, 0x5a);
		CHECK_UINT(w.wb_len, ==, 16 + n + 9);
		tnn = 0;
		expect_node(T_RAW, 0, 0, big, n, 0);
		expect_node(T_U8, 0, 0x5a, NULL, 0, 0);
		node_layout(tn, tnn, 0);
		for (kind = SRC_MEM; kind <= SRC_PIPE; kind++) {
			/* A pipe reads at most a window ahead: see below. */
			if (kind == SRC_PIPE && n > EX_WINDOW - 16)
				continue;
			check_read(kind, w.wb_buf, w.wb_len, tn, tnn,
			    "big raw");
		}
	}
	ex_w_free(&w);
}

/* A payload larger than a view: NULL view, read in chunks, any source. */
static void
test_big_string(void)
{
	struct ex_wbuf w;
	struct ex_src s;
	struct ex_stream st;
	struct ex_obj o;
	size_t n = EX_VIEW_MAX + 1000, off, k, i;
	const uint8_t *p;
	int kind, same;

	for (i = 0; i < n; i++)
		big[i] = (uint8_t)('a' + i % 26);
	ex_w_init(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_bytes(&w, T_STR, big, n);
	ex_w_uint(&w, T_U32, 77);
	ex_w_group_end(&w);
	ex_w_uint(&w, T_U16, 5);
	CHECK_INT(w.wb_err, ==, 0);
	for (kind = SRC_MEM; kind <= SRC_PIPE; kind++) {
		if (src_open(&s, kind, w.wb_buf, w.wb_len) == -1)
			continue;
		ex_stream_init(&st, &s, 0, UINT64_MAX);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_UINT(o.eo_type, ==, EX_T_GROUP);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_UINT(o.eo_type, ==, EX_T_STRING);
		CHECK(o.eo_data == NULL);
		CHECK_UINT(o.eo_dlen, ==, n + 1);
		CHECK_UINT(o.eo_doff, ==, 32);
		CHECK_UINT(o.eo_depth, ==, 1);
		/* Read it in chunks of odd sizes, forward, as the dump does. */
		same = 1;
		for (off = 0; off < n + 1; off += k) {
			k = n + 1 - off < 65521 ? n + 1 - off : 65521;
			if ((p = ex_src_get(&s, o.eo_doff + off, k)) == NULL) {
				same = 0;
				break;
			}
			if (off + k == n + 1)
				same &= p[k - 1] == '\0' &&
				    memcmp(p, big + off, k - 1) == 0;
			else
				same &= memcmp(p, big + off, k) == 0;
		}
		CHECK(same);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_UINT(o.eo_u64, ==, 77);
		CHECK_UINT(o.eo_off, ==, 12 + 20 + n + 1 + 4);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_UINT(o.eo_u64, ==, 5);
		CHECK_UINT(o.eo_depth, ==, 0);
		CHECK_INT(ex_next(&st, &o), ==, EX_END);
		src_done(&s);
	}

	/* Without reading the payload, the walk skips over it. */
	for (kind = SRC_MEM; kind <= SRC_PIPE; kind++) {
		if (src_open(&s, kind, w.wb_buf, w.wb_len) == -1)
			continue;
		ex_stream_init(&st, &s, 0, UINT64_MAX);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_UINT(o.eo_u64, ==, 77);
		CHECK_INT(ex_next(&st, &o), ==, EX_OK);
		CHECK_INT(ex_next(&st, &o), ==, EX_END);
		src_done(&s);
	}

	/*
	 * An embedded object larger than a view, from every source: checked
	 * with ex_unpack_check, then walked again from its start, as the
	 * dump does, and the walk outside goes on after it.
	 */
	ex_w_reset(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_bytes(&w, T_RAW, big, EX_VIEW_MAX + 5000);
	ex_w_uint(&w, T_U8, 8);
	ex_w_group_end(&w);
	{
		uint8_t *inner = malloc(w.wb_len);
		size_t ilen = w.wb_len;
		struct ex_stream sub;

		CHECK(inner != NULL);
		if (inner == NULL)
			return;
		memcpy(inner, w.wb_buf, ilen);
		ex_w_reset(&w);
		ex_w_uint(&w, T_U16, 1);
		ex_w_bytes(&w, T_EMB, inner, ilen);
		ex_w_uint(&w, T_U16, 2);
		for (kind = SRC_MEM; kind <= SRC_PIPE; kind++) {
			if (src_open(&s, kind, w.wb_buf, w.wb_len) == -1)
				continue;
			ex_stream_init(&st, &s, 0, UINT64_MAX);
			CHECK_INT(ex_next(&st, &o), ==, EX_OK);
			CHECK_INT(ex_next(&st, &o), ==, EX_OK);
			CHECK_UINT(o.eo_type, ==, EX_T_EXACCT);
			CHECK(o.eo_data == NULL);
			CHECK_UINT(o.eo_dlen, ==, ilen);
			CHECK_INT(ex_unpack_check(&s, o.eo_doff, o.eo_dlen), ==,
			    0);
			ex_stream_init(&sub, &s, o.eo_doff, o.eo_doff +
			    o.eo_dlen);
			sub.st_nosize = 1;
			CHECK_INT(ex_next(&sub, &o), ==, EX_OK);
			CHECK_UINT(o.eo_nobjs, ==, 2);
			CHECK_INT(ex_next(&sub, &o), ==, EX_OK);
			CHECK(payload_is(&s, &o, big, EX_VIEW_MAX + 5000));
			CHECK_INT(ex_next(&sub, &o), ==, EX_OK);
			CHECK_UINT(o.eo_u64, ==, 8);
			CHECK_INT(ex_next(&sub, &o), ==, EX_END);
			CHECK_INT(ex_next(&st, &o), ==, EX_OK);
			CHECK_UINT(o.eo_u64, ==, 2);
			CHECK_INT(ex_next(&st, &o), ==, EX_END);
			src_done(&s);
		}
		free(inner);
	}

	/* Larger than the window: a file reads it; a pipe says why not. */
	ex_w_reset(&w);
	ex_w_bytes(&w, T_STR, big, EX_WINDOW + 10);
	ex_w_uint(&w, T_U8, 1);
	for (kind = SRC_FILE; kind <= SRC_PIPE; kind++) {
		if (src_open(&s, kind, w.wb_buf, w.wb_len) == -1)
			continue;
		ex_stream_init(&st, &s, 0, UINT64_MAX);
		if (kind == SRC_FILE) {
			CHECK_INT(ex_next(&st, &o), ==, EX_OK);
			CHECK(o.eo_data == NULL);
			CHECK_UINT(o.eo_dlen, ==, EX_WINDOW + 11);
			CHECK(ex_src_get(&s, o.eo_doff, EX_WINDOW + 1) == NULL);
			p = ex_src_get(&s, o.eo_doff + EX_WINDOW - 100, 100);
			CHECK(p != NULL && memcmp(p, big + EX_WINDOW - 100,
			    100) == 0);
			CHECK_INT(ex_next(&st, &o), ==, EX_OK);
			CHECK_UINT(o.eo_type, ==, EX_T_UINT8);
			CHECK_INT(ex_next(&st, &o), ==, EX_END);
		} else {
			CHECK_INT(ex_next(&st, &o), ==, EX_ERR);
			CHECK_UINT(st.st_err.ee_off, ==, 0);
			CHECK(strstr(st.st_err.ee_msg, "too large to read "
			    "from a pipe") != NULL);
			CHECK_INT(ex_next(&st, &o), ==, EX_END);
		}
		src_done(&s);
	}
	ex_w_free(&w);
}

static void
test_groups(void)
{
	static const uint8_t want_empty[] = {
		0xf0, 0x00, 0x01, 0x00,			/* tag */
		0, 0, 0, 0, 0, 0, 0, 8,			/* size */
		0, 0, 0, 0,				/* nobjs */
		0, 0, 0, 20,				/* small backskip */
		0, 0, 0, 24,				/* backskip */
	};
	static const uint8_t inner[] = { 'x', 0 };
	struct ex_wbuf w, e;
	struct ex_src s;
	struct ex_stream st;
	struct ex_obj o;
	unsigned i;

	ex_w_init(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_group_end(&w);
	CHECK_UINT(w.wb_len, ==, sizeof (want_empty));
	CHECK_MEM(w.wb_buf, want_empty, sizeof (want_empty));
	tnn = 0;
	expect_node(T_GRP, 0, 0, NULL, 0, 0);
	check_single(&w, "empty group");

	/* Empty groups inside groups, and a group as the last member. */
	ex_w_reset(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_group_begin(&w, T_GRP2);
	ex_w_group_end(&w);
	ex_w_uint(&w, T_U16, 3);
	ex_w_group_begin(&w, T_GRP2);
	ex_w_group_begin(&w, T_GRP2);
	ex_w_string(&w, T_STR, "x");
	ex_w_group_end(&w);
	ex_w_group_end(&w);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_group_end(&w);
	tnn = 0;
	expect_node(T_GRP, 0, 0, NULL, 0, 3);
	expect_node(T_GRP2, 1, 0, NULL, 0, 0);
	expect_node(T_U16, 1, 3, NULL, 0, 0);
	expect_node(T_GRP2, 1, 0, NULL, 0, 1);
	expect_node(T_GRP2, 2, 0, NULL, 0, 1);
	expect_node(T_STR, 3, 0, inner, 2, 0);
	expect_node(T_GRP, 0, 0, NULL, 0, 0);
	check_single(&w, "nested groups");
	/* By hand: 20+24+10+(20+(20+18+4)+4)+4 = 124, size 108. */
	CHECK_UINT(ex_be64(w.wb_buf + 4), ==, 108);
	CHECK_UINT(ex_be32(w.wb_buf + 120), ==, 124);
	CHECK_UINT(w.wb_len, ==, 124 + 24);

	/* The deepest nesting both sides allow. */
	ex_w_reset(&w);
	tnn = 0;
	for (i = 0; i < EX_MAX_DEPTH; i++) {
		ex_w_group_begin(&w, T_GRP);
		expect_node(T_GRP, i, 0, NULL, 0, 1);
	}
	ex_w_uint(&w, T_U8, 9);
	expect_node(T_U8, EX_MAX_DEPTH, 9, NULL, 0, 0);
	for (i = 0; i < EX_MAX_DEPTH; i++)
		ex_w_group_end(&w);
	check_single(&w, "deepest nesting");

	/* Embedded objects: a group, and a single item. */
	ex_w_init(&e);
	ex_w_group_begin(&e, T_GRP2);
	ex_w_uint(&e, T_U32, 1);
	ex_w_string(&e, T_STR, "x");
	ex_w_group_end(&e);
	ex_w_reset(&w);
	ex_w_group_begin(&w, T_GRP);
	ex_w_bytes(&w, T_EMB, e.wb_buf, e.wb_len);
	ex_w_group_end(&w);
	ex_w_bytes(&w, T_EMB, e.wb_buf + 20, 12);
	tnn = 0;
	expect_node(T_GRP, 0, 0, NULL, 0, 1);
	expect_node(T_EMB, 1, 0, e.wb_buf, e.wb_len, 0);
	expect_node(T_EMB, 0, 0, e.wb_buf + 20, 12, 0);
	check_single(&w, "embedded");
	ex_src_open_mem(&s, w.wb_buf, w.wb_len);
	ex_stream_init(&st, &s, 0, UINT64_MAX);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK_UINT(o.eo_type, ==, EX_T_EXACCT);
	CHECK_INT(ex_unpack_check(&s, o.eo_doff, o.eo_dlen), ==, 0);
	{
		struct ex_stream sub;
		struct ex_obj so;

		ex_stream_init(&sub, &s, o.eo_doff, o.eo_doff + o.eo_dlen);
		sub.st_nosize = 1;
		CHECK_INT(ex_next(&sub, &so), ==, EX_OK);
		CHECK_UINT(so.eo_tag, ==, T_GRP2);
		CHECK_UINT(so.eo_off, ==, o.eo_doff);
		CHECK_INT(ex_next(&sub, &so), ==, EX_OK);
		CHECK_UINT(so.eo_u64, ==, 1);
		CHECK_INT(ex_next(&sub, &so), ==, EX_OK);
		CHECK_UINT(so.eo_dlen, ==, 2);
		CHECK_INT(ex_next(&sub, &so), ==, EX_END);
	}
	ex_w_free(&e);
	ex_w_free(&w);
}

static void
test_local_catalog(void)
{
	struct ex_wbuf w;
	uint32_t tu = EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x1000);
	uint32_t ts = EX_TAG(EX_T_STRING, EX_C_LOCAL, 0xffffff);
	uint32_t tg = EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x000001);
	static const uint8_t hi[] = { 'h', 'i', 0 };

	CHECK_UINT(tu, ==, 0x31001000);
	CHECK_UINT(ts, ==, 0x61ffffff);
	CHECK_UINT(tg, ==, 0xf1000001);
	CHECK_UINT(EX_TAG(EX_T_RAW, EX_C_LOCAL, 0x1234567), ==, 0x81234567);
	ex_w_init(&w);
	ex_w_group_begin(&w, tg);
	ex_w_uint(&w, tu, 42);
	ex_w_string(&w, ts, "hi");
	ex_w_group_end(&w);
	CHECK_UINT(ex_be32(w.wb_buf), ==, 0xf1000001);
	CHECK_UINT(ex_be32(w.wb_buf + 20), ==, 0x31001000);
	tnn = 0;
	expect_node(tg, 0, 0, NULL, 0, 2);
	expect_node(tu, 1, 42, NULL, 0, 0);
	expect_node(ts, 1, 0, hi, 3, 0);
	check_single(&w, "local catalog");
	ex_w_free(&w);
}

/* The writer refuses what it cannot write, once, and then stays quiet. */
static void
test_writer_errors(void)
{
	struct ex_wbuf w;
	unsigned i;

	ex_w_init(&w);
	ex_w_uint(&w, T_STR, 1);
	CHECK_INT(w.wb_err, ==, EINVAL);
	CHECK_UINT(w.wb_len, ==, 0);
	ex_w_uint(&w, T_U8, 1);
	CHECK_UINT(w.wb_len, ==, 0);
	ex_w_reset(&w);
	CHECK_INT(w.wb_err, ==, 0);
	ex_w_double(&w, T_U64, 1.0);
	CHECK_INT(w.wb_err, ==, EINVAL);
	ex_w_reset(&w);
	ex_w_bytes(&w, T_U32, "x", 1);
	CHECK_INT(w.wb_err, ==, EINVAL);
	ex_w_reset(&w);
	ex_w_group_begin(&w, T_U32);
	CHECK_INT(w.wb_err, ==, EINVAL);
	ex_w_reset(&w);
	ex_w_group_end(&w);
	CHECK_INT(w.wb_err, ==, EINVAL);
	ex_w_reset(&w);
	for (i = 0; i <= EX_MAX_DEPTH; i++)
		ex_w_group_begin(&w, T_GRP);
	CHECK_INT(w.wb_err, ==, EINVAL);
	CHECK_UINT(w.wb_len, ==, 20 * EX_MAX_DEPTH);
	/* After a reset the buffer is reusable from scratch. */
	ex_w_reset(&w);
	ex_w_uint(&w, T_U8, 7);
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_UINT(w.wb_len, ==, 9);
	CHECK_UINT(w.wb_depth, ==, 0);
	ex_w_free(&w);
	CHECK(w.wb_buf == NULL);
}

/* ------------------------------------------------------------------ */
/* The header, against a file written by libexacct. */

static void
test_header(void)
{
	struct ex_wbuf w;
	struct ex_src s;
	struct ex_stream st;
	struct ex_obj o;
	uint8_t file[102];
	FILE *f;
	size_t n;

	if ((f = fopen("fixtures/exacct/proc.exacct", "rb")) == NULL) {
		TEST_SKIP("fixtures/exacct/proc.exacct not found");
		return;
	}
	n = fread(file, 1, sizeof (file), f);
	(void) fclose(f);
	CHECK_UINT(n, ==, 102);
	/* What xxd shows: the header group, size 86, 4 members, 0 at the end */
	CHECK_UINT(ex_be32(file), ==, 0xf00000ff);
	CHECK_UINT(ex_be64(file + 4), ==, 86);
	CHECK_UINT(ex_be32(file + 12), ==, 4);
	CHECK_UINT(ex_be32(file + 98), ==, 0);

	ex_w_init(&w);
	ex_w_header(&w, "SunOS", "crun");
	CHECK_INT(w.wb_err, ==, 0);
	CHECK_UINT(w.wb_len, ==, 102);
	CHECK(w.wb_len == 102 && memcmp(w.wb_buf, file, 102) == 0);

	/* The reader sees the same header in both. */
	ex_src_open_mem(&s, file, sizeof (file));
	ex_stream_init(&st, &s, 0, UINT64_MAX);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK_UINT(o.eo_tag, ==, EX_HEADER_TAG);
	CHECK_UINT(o.eo_gsize, ==, 86);
	CHECK_UINT(o.eo_nobjs, ==, 4);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK_UINT(o.eo_tag, ==, EX_TAG(EX_T_UINT32, 0, EXD_VERSION));
	CHECK_UINT(o.eo_u64, ==, 1);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK_UINT(o.eo_tag, ==, EX_TAG(EX_T_STRING, 0, EXD_CREATOR));
	CHECK(o.eo_dlen == 6 && memcmp(o.eo_data, "SunOS", 6) == 0);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK(o.eo_dlen == 7 && memcmp(o.eo_data, "exacct", 7) == 0);
	CHECK_INT(ex_next(&st, &o), ==, EX_OK);
	CHECK(o.eo_dlen == 5 && memcmp(o.eo_data, "crun", 5) == 0);
	CHECK_UINT(st.st_pos, ==, 102);
	CHECK_INT(ex_next(&st, &o), ==, EX_END);

	/* Without a hostname: 3 members, 21 bytes less (12 + "crun" + 4). */
	ex_w_reset(&w);
	ex_w_header(&w, "SunOS", NULL);
	CHECK_UINT(w.wb_len, ==, 81);
	CHECK_UINT(ex_be64(w.wb_buf + 4), ==, 65);
	CHECK_UINT(ex_be32(w.wb_buf + 12), ==, 3);
	CHECK_MEM(w.wb_buf + 16, file + 16, 61);
	CHECK_UINT(ex_be32(w.wb_buf + 77), ==, 0);
	ex_w_free(&w);
}

/* Every fixture reads cleanly and the same from every kind of source. */
static void
test_fixtures(void)
{
	static const char *names[] = { "proc", "proc_partial", "task",
	    "flow", "net", "noheader", "kernelhdr" };
	static uint8_t buf[1 << 18];
	struct ex_src s, m;
	struct ex_stream st, sm;
	struct ex_obj o, om;
	char path[64];
	size_t i, n;
	FILE *f;
	int kind, r, rm, same, count;

	for (i = 0; i < sizeof (names) / sizeof (names[0]); i++) {
		(void) snprintf(path, sizeof (path),
		    "fixtures/exacct/%s.exacct", names[i]);
		if ((f = fopen(path, "rb")) == NULL) {
			TEST_SKIP("a fixture is missing");
			continue;
		}
		n = fread(buf, 1, sizeof (buf), f);
		(void) fclose(f);
		CHECK(n > 0 && n < sizeof (buf));
		for (kind = SRC_FILE; kind <= SRC_PIPE; kind++) {
			if (src_open(&s, kind, buf, n) == -1)
				continue;
			ex_src_open_mem(&m, buf, n);
			ex_stream_init(&st, &s, 0, UINT64_MAX);
			ex_stream_init(&sm, &m, 0, UINT64_MAX);
			same = 1;
			count = 0;
			do {
				r = ex_next(&st, &o);
				rm = ex_next(&sm, &om);
				same &= r == rm && (r != EX_OK ||
				    (o.eo_off == om.eo_off &&
				    o.eo_tag == om.eo_tag &&
				    o.eo_u64 == om.eo_u64 &&
				    o.eo_dlen == om.eo_dlen &&
				    (o.eo_dlen == 0 || memcmp(o.eo_data,
				    om.eo_data, o.eo_dlen) == 0)));
				count++;
			} while (r == EX_OK && same);
			CHECK(same);
			CHECK_INT(r, ==, EX_END);
			CHECK(count > 20);
			CHECK_INT(ex_unpack_check(&m, 0, n), ==, 0);
			src_done(&s);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Objects across the edge of a file source's window. */

/*
 * For every object kind and every place it can straddle the window's end,
 * a file holds a raw item padding it to EX_WINDOW - k, the object, and a
 * uint8.  The first read fills the window from 0, so the object is cut.
 */
static void
test_window_edges(void)
{
	struct ex_wbuf w, obj;
	struct ex_src s;
	struct ex_stream st;
	struct ex_obj o;
	static const uint8_t str[] = "straddle";
	static const uint8_t raw[] = { 1, 2, 3, 4, 5, 6, 7 };
	size_t pad, k, kind, tot;
	int sk, bad;
	unsigned ntests = 0, nbad = 0;

	ex_w_init(&w);
	ex_w_init(&obj);
	for (kind = 0; kind < 8; kind++) {
		ex_w_reset(&obj);
		switch (kind) {
		case 0:
			ex_w_uint(&obj, T_U16, 0xbeef);
			break;
		case 1:
			ex_w_uint(&obj, T_U32, 0xdeadbeef);
			break;
		case 2:
			ex_w_uint(&obj, T_U64, 0x0102030405060708ULL);
			break;
		case 3:
			ex_w_double(&obj, T_DBL, 1.5);
			break;
		case 4:
			ex_w_string(&obj, T_STR, (const char *)str);
			break;
		case 5:
			ex_w_bytes(&obj, T_RAW, raw, sizeof (raw));
			break;
		case 6:
			ex_w_bytes(&obj, T_EMB, raw, sizeof (raw));
			break;
		default:
			ex_w_group_begin(&obj, T_GRP);
			ex_w_uint(&obj, T_U8, 3);
			ex_w_uint(&obj, T_U16, 4);
			ex_w_group_end(&obj);
			break;
		}
		tot = obj.wb_len;
		for (k = 1; k <= tot + 4; k++) {
			pad = EX_WINDOW - k - 16;
			ex_w_reset(&w);
			ex_w_bytes(&w, T_RAW, big, pad);
			ex_w_bytes(&w, T_RAW, obj.wb_buf, tot);
			/* Keep the object's bytes, not the raw item. */
			memmove(w.wb_buf + EX_WINDOW - k,
			    w.wb_buf + EX_WINDOW - k + 12, tot);
			w.wb_len = EX_WINDOW - k + tot;
			ex_w_uint(&w, T_U8, 0x99);
			for (sk = SRC_MEM; sk <= SRC_PIPE; sk++) {
				if (src_open(&s, sk, w.wb_buf, w.wb_len) == -1)
					continue;
				ex_stream_init(&st, &s, 0, UINT64_MAX);
				bad = ex_next(&st, &o) != EX_OK ||
				    o.eo_dlen != pad;
				bad |= ex_next(&st, &o) != EX_OK ||
				    o.eo_off != EX_WINDOW - k ||
				    o.eo_tag != ex_be32(obj.wb_buf);
				switch (o.eo_type) {
				case EX_T_UINT16:
					bad |= o.eo_u64 != 0xbeef;
					break;
				case EX_T_UINT32:
					bad |= o.eo_u64 != 0xdeadbeef;
					break;
				case EX_T_UINT64:
					bad |= o.eo_u64 !=
					    0x0102030405060708ULL;
					break;
				case EX_T_DOUBLE:
					bad |= o.eo_dbl != 1.5;
					break;
				case EX_T_STRING:
					bad |= o.eo_data == NULL ||
					    o.eo_dlen != sizeof (str) ||
					    memcmp(o.eo_data, str,
					    sizeof (str)) != 0;
					break;
				case EX_T_RAW:
				case EX_T_EXACCT:
					bad |= o.eo_data == NULL ||
					    o.eo_dlen != sizeof (raw) ||
					    memcmp(o.eo_data, raw,
					    sizeof (raw)) != 0;
					break;
				default:
					bad |= o.eo_nobjs != 2;
					bad |= ex_next(&st, &o) != EX_OK ||
					    o.eo_u64 != 3 || o.eo_depth != 1;
					bad |= ex_next(&st, &o) != EX_OK ||
					    o.eo_u64 != 4 || o.eo_depth != 1;
					break;
				}
				bad |= ex_next(&st, &o) != EX_OK ||
				    o.eo_u64 != 0x99 || o.eo_depth != 0 ||
				    o.eo_off != EX_WINDOW - k + tot;
				bad |= ex_next(&st, &o) != EX_END;
				if (bad)
					(void) printf("window edge: kind %zu "
					    "k %zu %s: %s\n", kind, k,
					    src_names[sk], st.st_err.ee_msg);
				ntests++;
				nbad += bad;
				src_done(&s);
			}
		}
	}
	CHECK_UINT(nbad, ==, 0);
	CHECK(ntests > 300);
	ex_w_free(&obj);
	ex_w_free(&w);
}

/* ------------------------------------------------------------------ */
/* Random trees: written, read back the same from every source. */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (n == 0 ? 0 : (uint32_t)((rng >> 11) % n));
}

static uint8_t pool[1 << 21];
static size_t pooln;

static uint32_t
rnd_tag(unsigned type)
{
	return (EX_TAG(type, rnd(4) == 0 ? EX_C_LOCAL : EX_C_DEFAULT,
	    rnd(3) == 0 ? rnd(1u << 24) : 0x1000 + rnd(0x40)));
}

static void gen_tree(struct ex_wbuf *, unsigned, unsigned, int);

/* One random object (a subtree for a group) written and expected. */
static void
gen_obj(struct ex_wbuf *w, unsigned depth, unsigned maxdepth, int embed)
{
	static const unsigned types[] = { EX_T_UINT8, EX_T_UINT16,
	    EX_T_UINT32, EX_T_UINT64, EX_T_DOUBLE, EX_T_STRING, EX_T_RAW,
	    EX_T_EXACCT, EX_T_GROUP, EX_T_GROUP };
	unsigned type = types[rnd(10)];
	uint32_t tag, n, i;
	uint64_t v;
	uint8_t *d;

	if (tnn >= sizeof (tn) / sizeof (tn[0]) - 64 ||
	    pooln > sizeof (pool) - 70000)
		type = EX_T_UINT8;
	if (type == EX_T_GROUP && depth >= maxdepth)
		type = EX_T_UINT32;
	if (type == EX_T_EXACCT && embed >= 2)
		type = EX_T_RAW;
	tag = rnd_tag(type);
	switch (type) {
	case EX_T_UINT8:
	case EX_T_UINT16:
	case EX_T_UINT32:
	case EX_T_UINT64:
		v = (uint64_t)rnd(0xffffffffu) << 32 | rnd(0xffffffffu);
		if (rnd(4) == 0)
			v = rnd(2) ? 0 : UINT64_MAX;
		ex_w_uint(w, tag, v);
		if (type != EX_T_UINT64)
			v &= (1ULL << (8 << (type - 1))) - 1;
		expect_node(tag, depth, v, NULL, 0, 0);
		break;
	case EX_T_DOUBLE: {
		double dv;

		v = (uint64_t)rnd(0xffffffffu) << 32 | rnd(0xffffffffu);
		memcpy(&dv, &v, sizeof (dv));
		ex_w_double(w, tag, dv);
		expect_node(tag, depth, v, NULL, 0, 0);
		break;
	}
	case EX_T_STRING:
	case EX_T_RAW:
		n = rnd(8) == 0 ? rnd(3000) : rnd(41);
		d = pool + pooln;
		for (i = 0; i < n; i++)
			d[i] = (uint8_t)rnd(256);
		ex_w_bytes(w, tag, d, n);
		if (type == EX_T_STRING)
			d[n++] = '\0';
		pooln += n;
		expect_node(tag, depth, 0, d, n, 0);
		break;
	case EX_T_EXACCT: {
		/* A sub-tree of its own; its objects are not in the list. */
		struct ex_wbuf e;
		size_t save = tnn;

		ex_w_init(&e);
		gen_tree(&e, 0, 3, embed + 1);
		tnn = save;
		d = pool + pooln;
		memcpy(d, e.wb_buf, e.wb_len);
		pooln += e.wb_len;
		ex_w_bytes(w, tag, d, e.wb_len);
		expect_node(tag, depth, 0, d, e.wb_len, 0);
		ex_w_free(&e);
		break;
	}
	default:
		n = rnd(4) == 0 ? 0 : rnd(7);
		expect_node(tag, depth, 0, NULL, 0, n);
		ex_w_group_begin(w, tag);
		for (i = 0; i < n; i++)
			gen_obj(w, depth + 1, maxdepth, embed);
		ex_w_group_end(w);
		break;
	}
}

static void
gen_tree(struct ex_wbuf *w, unsigned depth, unsigned maxdepth, int embed)
{
	uint32_t n = 1 + rnd(5), i;

	for (i = 0; i < n; i++)
		gen_obj(w, depth, maxdepth, embed);
}

static void
test_random_trees(void)
{
	struct ex_wbuf w;
	struct ex_src s;
	struct ex_stream st;
	unsigned t, bad = 0, emb = 0, embbad = 0;
	char why[256];
	const char *r;
	size_t i;

	ex_w_init(&w);
	for (t = 0; t < 400; t++) {
		ex_w_reset(&w);
		tnn = 0;
		pooln = 0;
		gen_tree(&w, 0, 1 + rnd(8), 0);
		if (w.wb_err != 0) {
			bad++;
			continue;
		}
		node_layout(tn, tnn, 0);
		if (!backskips_ok(w.wb_buf, w.wb_len, tn, tnn)) {
			(void) printf("tree %u: wrong backskip\n", t);
			bad++;
		}
		ex_src_open_mem(&s, w.wb_buf, w.wb_len);
		ex_stream_init(&st, &s, 0, UINT64_MAX);
		r = compare_stream(&st, tn, tnn, why, sizeof (why));
		if (*r != '\0') {
			(void) printf("tree %u: %s\n", t, r);
			bad++;
		}
		if (ex_unpack_check(&s, 0, w.wb_len) != 0) {
			(void) printf("tree %u: ex_unpack_check fails\n", t);
			bad++;
		}
		/* Every embedded payload unpacks too. */
		for (i = 0; i < tnn; i++) {
			if (EX_TYPE(tn[i].tn_tag) != EX_T_EXACCT)
				continue;
			emb++;
			if (ex_unpack_check(&s, tn[i].tn_off + 12,
			    tn[i].tn_dlen) != 0)
				embbad++;
		}
		/* Some trees from a file and a pipe too. */
		if (t % 50 == 0) {
			check_read(SRC_FILE, w.wb_buf, w.wb_len, tn, tnn,
			    "random tree");
			check_read(SRC_PIPE, w.wb_buf, w.wb_len, tn, tnn,
			    "random tree");
		}
	}
	CHECK_UINT(bad, ==, 0);
	CHECK(emb > 50);
	CHECK_UINT(embbad, ==, 0);

	/* Many trees in one stream of several windows, from every source. */
	ex_w_reset(&w);
	tnn = 0;
	pooln = 0;
	while (w.wb_len < 3 * EX_WINDOW + 12345) {
		size_t n = 150000 + rnd(100000);

		if (tnn < sizeof (tn) / sizeof (tn[0]) - 500 &&
		    pooln < sizeof (pool) - 200000)
			gen_tree(&w, 0, 6, 0);
		ex_w_bytes(&w, T_RAW, big, n);
		expect_node(T_RAW, 0, 0, big, n, 0);
	}
	gen_tree(&w, 0, 6, 0);
	CHECK_INT(w.wb_err, ==, 0);
	node_layout(tn, tnn, 0);
	CHECK(backskips_ok(w.wb_buf, w.wb_len, tn, tnn));
	for (t = SRC_MEM; t <= SRC_PIPE; t++)
		check_read((int)t, w.wb_buf, w.wb_len, tn, tnn, "long stream");
	ex_w_free(&w);
}

/* ------------------------------------------------------------------ */
/* Every error path of ex_next, and where the walk goes on. */

#define	EXPECT_OK(st, o)	CHECK_INT(ex_next((st), (o)), ==, EX_OK)
#define	EXPECT_END(st, o) \
	CHECK_INT(ex_next((st), (o)), ==, EX_END)
#define	EXPECT_ERR(st, o, off, phrase) do {				\
	int r_ = ex_next((st), (o));					\
	CHECK_INT(r_, ==, EX_ERR);					\
	CHECK_UINT((st)->st_err.ee_off, ==, (off));			\
	if (strstr((st)->st_err.ee_msg, (phrase)) == NULL)		\
		(void) printf("  message: \"%s\"\n  wanted: \"%s\"\n",	\
		    (st)->st_err.ee_msg, (phrase));			\
	CHECK(strstr((st)->st_err.ee_msg, (phrase)) != NULL);		\
} while (0)

static struct ex_src hsrc;

/* A stream over the hand-made bytes. */
static void
hopen(struct ex_stream *st)
{
	ex_src_open_mem(&hsrc, hb, hn);
	ex_stream_init(st, &hsrc, 0, UINT64_MAX);
}

/* The stream is dead: this and every later call is the end. */
#define	EXPECT_DEAD(st, o) do {						\
	CHECK_INT((st)->st_resync, ==, 0);				\
	EXPECT_END(st, o);						\
	EXPECT_END(st, o);						\
} while (0)

/* The 2-item record h_record(2) at off, read whole. */
#define	EXPECT_RECORD2(st, o, off) do {					\
	EXPECT_OK(st, o);						\
	CHECK_UINT((o)->eo_off, ==, (off));				\
	CHECK_UINT((o)->eo_nobjs, ==, 2);				\
	EXPECT_OK(st, o);						\
	CHECK_UINT((o)->eo_u64, ==, 0);					\
	EXPECT_OK(st, o);						\
	CHECK_UINT((o)->eo_u64, ==, 1);					\
	CHECK_UINT((o)->eo_off, ==, (off) + 32);			\
} while (0)

static void
test_err_truncated(void)
{
	struct ex_stream st;
	struct ex_obj o;
	size_t n;

	/* A tag of 1 to 3 bytes, alone or after a record. */
	for (n = 1; n <= 3; n++) {
		hn = 0;
		memset(hb, 0xf0, n);
		hn = n;
		hopen(&st);
		EXPECT_ERR(&st, &o, 0, "file ends inside an object's tag");
		EXPECT_DEAD(&st, &o);

		hn = 0;
		h_record(2);
		memset(hb + hn, 0x30, n);
		hn += n;
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_ERR(&st, &o, 48, "file ends inside an object's tag");
		EXPECT_DEAD(&st, &o);
	}

	/* A fixed item cut anywhere after its tag. */
	for (n = 4; n < 16; n++) {
		hn = 0;
		h_record(2);
		h32(T_U64);
		h64(0x1122334455667788ULL);
		h32(16);
		hn = 48 + n;
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_ERR(&st, &o, 48, "file ends inside an item");
		EXPECT_DEAD(&st, &o);
	}
	for (n = 4; n < 9; n++) {
		hn = 0;
		h_u8(1);
		hn = n;
		hopen(&st);
		EXPECT_ERR(&st, &o, 0, "file ends inside an item");
		EXPECT_DEAD(&st, &o);
	}

	/* A variable item cut in its size field. */
	for (n = 0; n < 8; n++) {
		hn = 0;
		h_u8(7);
		h32(T_STR);
		h64(6);
		hn = 9 + 4 + n;
		hopen(&st);
		EXPECT_OK(&st, &o);
		EXPECT_ERR(&st, &o, 9, "file ends inside an item's size");
		EXPECT_DEAD(&st, &o);
	}

	/* A group cut in its header. */
	for (n = 4; n < 20; n++) {
		hn = 0;
		h_record(2);
		h_record(2);
		hn = 48 + n;
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_ERR(&st, &o, 48, "file ends inside a group's header");
		EXPECT_DEAD(&st, &o);
	}

	/* A file ending before all members: the group is at fault. */
	hn = 0;
	h_record(3);
	hn -= 16;
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 0, "file ends inside a group before all its "
	    "members");
	EXPECT_END(&st, &o);
	EXPECT_END(&st, &o);

	/* The same, inside a group inside the record. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 20 + 3 * 12 + 4, 1);
	h_ghdr(T_GRP2, 8 + 3 * 12, 3);
	h_u32(1);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 20, "file ends inside a group before all its "
	    "members");
	EXPECT_END(&st, &o);

	/* The closing backskip missing, wholly or in part: the item it */
	/* completes is lost, as libexacct loses it. */
	for (n = 1; n <= 4; n++) {
		hn = 0;
		h_record(2);
		hn -= n;
		hopen(&st);
		EXPECT_OK(&st, &o);
		EXPECT_OK(&st, &o);
		EXPECT_ERR(&st, &o, 0, "file ends inside a group before its "
		    "closing backskip");
		EXPECT_END(&st, &o);
	}
	/*
	 * Two levels close at once, the outer backskip missing.  The inner
	 * group is a whole record (a task group, its backskip right) that
	 * ends at the end of the file: just what records appended after a
	 * torn one look like, taken by the walk as its members.  So it is
	 * read again, as a record.
	 */
	hn = 0;
	h_ghdr(T_GRP, 8 + 20 + 9 + 4, 1);
	h_ghdr(T_GRP2, 8 + 9, 1);
	h_u8(3);
	h32(33);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 0, "file ends inside a group before its closing "
	    "backskip");
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_off, ==, 20);
	CHECK_UINT(o.eo_tag, ==, T_GRP2);
	CHECK_UINT(o.eo_depth, ==, 0);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_u64, ==, 3);
	EXPECT_END(&st, &o);
}

static void
test_err_sizes(void)
{
	struct ex_stream st;
	struct ex_obj o;
	char want[64];
	uint64_t sz;
	uint32_t ty;

	/* Variable sizes below the backskip's 4 bytes. */
	for (sz = 0; sz < 4; sz++) {
		for (ty = EX_T_STRING; ty <= EX_T_RAW; ty++) {
			hn = 0;
			h32(EX_TAG(ty, 0, 1));
			h64(sz);
			h32(0);
			h32(0);
			hopen(&st);
			(void) snprintf(want, sizeof (want), "item size %llu "
			    "is less than its 4-byte backskip",
			    (unsigned long long)sz);
			EXPECT_ERR(&st, &o, 0, want);
			EXPECT_DEAD(&st, &o);
		}
	}
	/* Size 4: an empty payload is fine. */
	hn = 0;
	h32(T_RAW);
	h64(4);
	h32(16);
	hopen(&st);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_dlen, ==, 0);
	CHECK_UINT(o.eo_doff, ==, 12);
	EXPECT_END(&st, &o);

	/* Sizes past the end, up to the largest (no overflow). */
	{
		static const uint64_t past[] = { 11, 100, 1ULL << 32,
		    UINT64_MAX - 12 - 9, UINT64_MAX - 11 - 9, UINT64_MAX - 4,
		    UINT64_MAX };
		size_t i;

		for (i = 0; i < sizeof (past) / sizeof (past[0]); i++) {
			hn = 0;
			h_u8(0);
			h32(T_STR);
			h64(past[i]);
			h32(0x41424300);
			h32(20);
			hopen(&st);
			EXPECT_OK(&st, &o);
			EXPECT_ERR(&st, &o, 9, "file ends inside an item");
			EXPECT_DEAD(&st, &o);
		}
	}
	/* Exactly right is fine, one byte short is not. */
	hn = 0;
	h32(T_STR);
	h64(8);
	h32(0x41424300);
	h32(20);
	hopen(&st);
	EXPECT_OK(&st, &o);
	CHECK(o.eo_dlen == 4 && memcmp(o.eo_data, "ABC", 4) == 0);
	EXPECT_END(&st, &o);
	hn--;
	hopen(&st);
	EXPECT_ERR(&st, &o, 0, "file ends inside an item");

	/*
	 * Group sizes below the 8-byte header, or any other: libexacct's
	 * xget_object reads the size field and never uses it, so no size
	 * is damage and the walk goes on by count.
	 */
	for (sz = 0; sz < 10; sz++) {
		hn = 0;
		h_record(2);
		h_ghdr(T_GRP, sz == 9 ? UINT64_MAX : sz, 0);
		h32(24);
		h_record(2);
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_OK(&st, &o);
		CHECK_UINT(o.eo_off, ==, 48);
		CHECK_UINT(o.eo_gsize, ==, sz == 9 ? UINT64_MAX : sz);
		EXPECT_RECORD2(&st, &o, 72);
		EXPECT_END(&st, &o);
	}

	/* In an embedded range the end is the range's, not the file's. */
	hn = 0;
	h_record(2);
	ex_src_open_mem(&hsrc, hb, hn);
	ex_stream_init(&st, &hsrc, 20, 40);
	st.st_nosize = 1;
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_off, ==, 20);
	EXPECT_ERR(&st, &o, 32, "an item runs past the end of its embedded "
	    "object");
	EXPECT_DEAD(&st, &o);
}

static void
test_err_types(void)
{
	struct ex_stream st;
	struct ex_obj o;
	char want[64];
	uint32_t ty, tag;

	for (ty = 0; ty <= 14; ty++) {
		if (ty >= EX_T_UINT8 && ty <= EX_T_RAW)
			continue;
		tag = ty << 28 | 0x1000;
		(void) snprintf(want, sizeof (want), "invalid object type 0x%x "
		    "in tag 0x%08x", (unsigned)ty, (unsigned)tag);
		/* At the top: nothing to resume from. */
		hn = 0;
		h_record(2);
		h32(tag);
		h32(0);
		h32(0);
		h32(0);
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_ERR(&st, &o, 48, want);
		EXPECT_DEAD(&st, &o);

		/* Inside a record whose size is right: go on after it. */
		hn = 0;
		h_record(2);
		h_ghdr(T_GRP, 8 + 12 + 12 + 12, 3);
		h_u32(5);
		h32(tag);
		h32(6);
		h32(12);
		h_u32(7);
		h32(60);
		h_record(2);
		hopen(&st);
		EXPECT_RECORD2(&st, &o, 0);
		EXPECT_OK(&st, &o);
		CHECK_UINT(o.eo_off, ==, 48);
		EXPECT_OK(&st, &o);
		CHECK_UINT(o.eo_u64, ==, 5);
		EXPECT_ERR(&st, &o, 80, want);
		CHECK_INT(st.st_resync, ==, 1);
		CHECK_UINT(st.st_pos, ==, 108);
		EXPECT_RECORD2(&st, &o, 108);
		CHECK_UINT(o.eo_depth, ==, 1);
		EXPECT_END(&st, &o);
	}

	/* A member count past the size: the bytes after are no object. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 12, 2);
	h_u32(1);
	h32(36);
	h_record(2);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 0, "group declares 2 members, but 1 fill its "
	    "size");
	CHECK_UINT(st.st_pos, ==, 36);
	EXPECT_RECORD2(&st, &o, 36);
	EXPECT_END(&st, &o);
}

static void
test_err_depth(void)
{
	struct ex_stream st;
	struct ex_obj o;
	uint64_t total;
	unsigned i;

	/* 129 groups, each with the next inside; then a good record. */
	/* Group i holds 128 - i groups and the uint8. */
	hn = 0;
	for (i = 0; i <= EX_MAX_DEPTH; i++)
		h_ghdr(T_GRP, 8 + 9 + 24 * (uint64_t)(EX_MAX_DEPTH - i), 1);
	h_u8(1);
	for (i = 0; i <= EX_MAX_DEPTH; i++)
		h32((uint32_t)(33 + 24 * i));
	total = hn;
	CHECK_UINT(total, ==, 33 + 24 * EX_MAX_DEPTH);
	h_record(2);
	hopen(&st);
	for (i = 0; i < EX_MAX_DEPTH; i++) {
		EXPECT_OK(&st, &o);
		CHECK_UINT(o.eo_depth, ==, i);
	}
	EXPECT_ERR(&st, &o, 20 * EX_MAX_DEPTH, "groups nested deeper than "
	    "128");
	CHECK_UINT(st.st_pos, ==, total);
	EXPECT_RECORD2(&st, &o, total);
	EXPECT_END(&st, &o);

	/* The same in an embedded range (sizes ignored): no resync. */
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, total), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 20, total - 24), ==, 0);
}

/*
 * A group whose members end, by count, elsewhere than its size says.
 * libexacct never reads the size: it walks by count, so such a group is
 * no damage as long as the walk goes on.  Only when the very next object
 * fails to read is the mismatch told, and the walk then goes on where
 * the record's size ends.
 */
static void
test_err_mismatch(void)
{
	struct ex_stream st;
	struct ex_obj o;

	/* Members end before the size says; a record follows at once. */
	hn = 0;
	h_ghdr(T_GRP, 32 + 8, 2);
	h_u32(0);
	h_u32(1);
	h32(48);
	h_record(2);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_RECORD2(&st, &o, 48);
	EXPECT_END(&st, &o);

	/* The same with junk where the count led: resume where the size */
	/* ends, and tell the mismatch, not the junk. */
	hn = 0;
	h_ghdr(T_GRP, 32 + 8, 2);
	h_u32(0);
	h_u32(1);
	h32(0);
	h32(0x0000ffff);
	h32(56);
	h_record(2);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_ERR(&st, &o, 0, "group of 2 members ends at offset 48, but "
	    "its size says 56");
	CHECK_INT(st.st_resync, ==, 1);
	CHECK_UINT(st.st_pos, ==, 56);
	EXPECT_RECORD2(&st, &o, 56);
	EXPECT_END(&st, &o);

	/* The file ending short of a tag there: the mismatch is told. */
	hn = 0;
	h_ghdr(T_GRP, 32 + 4 + 2, 2);
	h_u32(0);
	h_u32(1);
	h32(0);
	hb[hn++] = 0;
	hb[hn++] = 0;
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_ERR(&st, &o, 0, "group of 2 members ends at offset 48, but "
	    "its size says 54");
	EXPECT_END(&st, &o);

	/* Members run past the size; the count was right. */
	hn = 0;
	h_ghdr(T_GRP, 32 - 8, 2);
	h_u32(0);
	h_u32(1);
	h32(48);
	h_record(2);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_RECORD2(&st, &o, 48);
	EXPECT_END(&st, &o);

	/* Where the count led there is an item: a stray item, read as */
	/* libexacct reads it. */
	hn = 0;
	h_ghdr(T_GRP, 32 - 8, 2);
	h_u32(0);
	h_u32(1);
	h32(48);
	h_u32(9);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_off, ==, 48);
	CHECK_UINT(o.eo_u64, ==, 9);
	CHECK_UINT(o.eo_depth, ==, 0);
	EXPECT_END(&st, &o);

	/* A wrong inner size, more members to come: no damage. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 33 + 12, 2);
	h_ghdr(T_GRP2, 8 + 9 + 4, 1);
	h_u8(1);
	h32(33);
	h_u32(5);
	h32(69);
	h_record(2);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_depth, ==, 2);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_u64, ==, 5);
	CHECK_UINT(o.eo_depth, ==, 1);
	EXPECT_RECORD2(&st, &o, 69);
	EXPECT_END(&st, &o);

	/* A wrong inner size as the record's last member: no damage. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 12 + 33, 2);
	h_u32(5);
	h_ghdr(T_GRP2, 8 + 9 + 4, 1);
	h_u8(1);
	h32(33);
	h32(69);
	h_record(2);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_depth, ==, 2);
	CHECK_UINT(st.st_pos, ==, 69);
	EXPECT_RECORD2(&st, &o, 69);
	EXPECT_END(&st, &o);

	/* An inner count too small: the outer walk runs into the inner */
	/* group's last member; told as the inner mismatch, and the walk */
	/* goes on after the record. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 48 + 9, 2);
	h_ghdr(T_GRP2, 8 + 24, 1);
	h_u32(1);
	h_u32(0xffff);
	h32(48);
	h_u8(3);
	h32(81);
	h_record(2);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_u64, ==, 1);
	EXPECT_ERR(&st, &o, 20, "group of 1 members ends at offset 56, but "
	    "its size says 68");
	CHECK_UINT(st.st_pos, ==, 81);
	EXPECT_RECORD2(&st, &o, 81);
	EXPECT_END(&st, &o);

	/* A wrong inner size, then the record's backskip missing: the */
	/* missing backskip is told once, and the mismatch not after it. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 24, 1);
	h_ghdr(T_GRP2, 16, 0);
	h32(24);
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 0, "file ends inside a group before its closing "
	    "backskip");
	EXPECT_END(&st, &o);
	EXPECT_END(&st, &o);

	/* Damage with the record's own size pointing before it: stop. */
	hn = 0;
	h_record(2);
	h_ghdr(T_GRP, 8, 3);
	h_u32(1);
	h32(0x0f000000);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_ERR(&st, &o, 48, "group declares 3 members, but 1 fill its "
	    "size");
	EXPECT_DEAD(&st, &o);

	/* Junk where the count led and no size to go by: stop. */
	hn = 0;
	h_ghdr(T_GRP, 32 - 8, 2);
	h_u32(0);
	h_u32(1);
	h32(48);
	h32(0x0000ffff);
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_ERR(&st, &o, 0, "group of 2 members ends at offset 48, but "
	    "its size says 40");
	EXPECT_DEAD(&st, &o);

	/* Backskips, small and large, are never read for their value. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 24, 2);
	h_u32(0);
	h_u32(1);
	h32(0xdeadbeef);
	h_record(2);
	hb[16] = 0xff;
	hb[31] = 0x77;
	hb[43] = 0x00;
	hopen(&st);
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_RECORD2(&st, &o, 48);
	EXPECT_END(&st, &o);

	/* With sizes ignored (embedded data) none of this is damage. */
	hn = 0;
	h_ghdr(T_GRP, 32 + 8, 2);
	h_u32(0);
	h_u32(1);
	h32(48);
	ex_src_open_mem(&hsrc, hb, hn);
	ex_stream_init(&st, &hsrc, 0, hn);
	st.st_nosize = 1;
	EXPECT_RECORD2(&st, &o, 0);
	EXPECT_END(&st, &o);
}

/* ex_skip_group leaves the stream after the group's backskip. */
static void
test_skip_group(void)
{
	struct ex_stream st;
	struct ex_obj o, g;

	hn = 0;
	h_ghdr(T_GRP, 8 + 12 + 36 + 12, 3);
	h_u32(0);
	h_ghdr(T_GRP2, 8 + 12, 1);
	h_u32(1);
	h32(36);
	h_u32(2);
	h32(84);
	h_record(2);
	hopen(&st);
	EXPECT_OK(&st, &g);
	CHECK_INT(ex_skip_group(&st, &g), ==, EX_OK);
	CHECK_UINT(st.st_pos, ==, 84);
	CHECK_UINT(st.st_depth, ==, 0);
	EXPECT_RECORD2(&st, &o, 84);
	EXPECT_END(&st, &o);

	/* From inside: skip the inner group only. */
	hopen(&st);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &o);
	EXPECT_OK(&st, &g);
	CHECK_UINT(g.eo_tag, ==, T_GRP2);
	CHECK_INT(ex_skip_group(&st, &g), ==, EX_OK);
	EXPECT_OK(&st, &o);
	CHECK_UINT(o.eo_u64, ==, 2);
	CHECK_UINT(o.eo_depth, ==, 1);

	/* Damage inside a skipped group is told. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 24, 2);
	h_u32(0);
	h32(0);
	h32(0);
	h32(0);
	h32(44);
	hopen(&st);
	EXPECT_OK(&st, &g);
	CHECK_INT(ex_skip_group(&st, &g), ==, EX_ERR);
	CHECK(strstr(st.st_err.ee_msg, "invalid object type 0x0") != NULL);
}

/* ------------------------------------------------------------------ */
/* ex_unpack_check: what libexacct's unpacking accepts. */

static void
test_unpack_check(void)
{
	size_t n, rec;

	hn = 0;
	h_u8(1);
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 9), ==, 0);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 0), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 9, 0), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 8), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 1, 8), ==, -1);

	hn = 0;
	h_record(2);
	rec = hn;
	h_u8(1);
	h_record(0);
	h_raw(3, 0xaa);
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, rec), ==, 0);
	CHECK_INT(ex_unpack_check(&hsrc, 0, hn), ==, 0);
	CHECK_INT(ex_unpack_check(&hsrc, rec, hn - rec), ==, 0);
	/* Cut anywhere short of the end. */
	for (n = 1; n < rec; n++)
		CHECK_INT(ex_unpack_check(&hsrc, 0, n), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 0, hn - 1), ==, -1);
	/* A range starting mid-object. */
	CHECK_INT(ex_unpack_check(&hsrc, 4, rec - 4), ==, -1);

	/* Trailing garbage of every length up to 8 bytes. */
	for (n = 1; n <= 8; n++) {
		hn = 0;
		h_record(2);
		memset(hb + hn, 0, n);
		hn += n;
		ex_src_open_mem(&hsrc, hb, hn);
		CHECK_INT(ex_unpack_check(&hsrc, 0, hn), ==, -1);
		CHECK_INT(ex_unpack_check(&hsrc, 0, hn - n), ==, 0);
	}

	/* Group sizes are not consulted: any value goes, even < 8. */
	{
		static const uint64_t sizes[] = { 0, 1, 7, 8, 31, 33,
		    UINT64_MAX };
		size_t i;

		for (i = 0; i < sizeof (sizes) / sizeof (sizes[0]); i++) {
			hn = 0;
			h_ghdr(T_GRP, sizes[i], 2);
			h_u32(0);
			h_ghdr(T_GRP2, sizes[i], 0);
			h32(24);
			h32(56);
			ex_src_open_mem(&hsrc, hb, hn);
			CHECK_INT(ex_unpack_check(&hsrc, 0, hn), ==, 0);
		}
	}

	/* A member count running past the range, though bytes follow. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 24, 3);
	h_u32(0);
	h_u32(1);
	h32(48);
	h_u32(2);
	h32(60);
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 48), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 44), ==, -1);
	/* A count too small leaves what follows as trailing objects. */
	hn = 0;
	h_ghdr(T_GRP, 8 + 24, 1);
	h_u32(0);
	h_u32(1);
	h32(48);
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 48), ==, -1);

	/* A variable item whose size runs past the range. */
	hn = 0;
	h_raw(8, 1);
	h_raw(8, 2);
	hb[11] = 20;
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 24), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 36), ==, -1);
	CHECK_INT(ex_unpack_check(&hsrc, 24, 24), ==, 0);

	/* Invalid types and short sizes are still rejected. */
	hn = 0;
	h_u8(1);
	hb[0] = 0x90;
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 9), ==, -1);
	hn = 0;
	h_raw(0, 0);
	hb[11] = 3;
	ex_src_open_mem(&hsrc, hb, hn);
	CHECK_INT(ex_unpack_check(&hsrc, 0, 16), ==, -1);
}

/* Memory source bounds. */
static void
test_mem_source(void)
{
	static const uint8_t b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct ex_src s;

	ex_src_open_mem(&s, b, sizeof (b));
	CHECK(ex_src_get(&s, 0, 8) == b);
	CHECK(ex_src_get(&s, 7, 1) == b + 7);
	CHECK(ex_src_get(&s, 8, 0) == b + 8);
	CHECK(ex_src_get(&s, 7, 2) == NULL);
	CHECK(ex_src_get(&s, 9, 0) == NULL);
	CHECK(ex_src_get(&s, UINT64_MAX, 1) == NULL);
	CHECK(ex_src_get(&s, 1, SIZE_MAX) == NULL);
	CHECK_INT(ex_src_have(&s, 8), ==, 1);
	CHECK_INT(ex_src_have(&s, 9), ==, 0);
	ex_src_close(&s);
}

/* ------------------------------------------------------------------ */

int
main(void)
{
	(void) signal(SIGPIPE, SIG_IGN);
	test_fixed_types();
	test_doubles();
	test_strings();
	test_raw();
	test_big_string();
	test_groups();
	test_local_catalog();
	test_writer_errors();
	test_header();
	test_fixtures();
	test_window_edges();
	test_random_trees();
	test_err_truncated();
	test_err_sizes();
	test_err_types();
	test_err_depth();
	test_err_mismatch();
	test_skip_group();
	test_unpack_check();
	test_mem_source();
	TEST_DONE();
}
