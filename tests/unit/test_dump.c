/*
 * test_dump.c: the classic dump on inputs the fixtures do not cover.
 *
 * Each input is packed with our writer, dumped from a memory source into a
 * temporary file, and compared with the text the original exdump prints
 * for it, worked out by hand from its rules: "%6x\t" of the data id, the
 * name indented by depth in a 30-wide field ('>' past depth 25), a tab,
 * then the value as its type and data id say.  Times are in UTC.
 */
#include <math.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

#define	T(type, id)	EX_TAG(EX_T_##type, EX_C_DEFAULT, (id))
#define	LT(type, id)	EX_TAG(EX_T_##type, EX_C_LOCAL, (id))

static struct out o;
static char got[1 << 16];

/* Dump len bytes; the output is left in got, the exit status returned. */
static int
dump_buf(const void *buf, size_t len, int v, int n)
{
	struct ex_src src;
	struct opts op;
	FILE *f;
	size_t k;
	int r;

	got[0] = '\0';
	memset(&op, 0, sizeof (op));
	op.op_v = v;
	op.op_n = n;
	if ((f = tmpfile()) == NULL) {
		perror("tmpfile");
		return (-1);
	}
	out_init(&o, fileno(f));
	ex_src_open_mem(&src, buf, len);
	r = dump_src(&src, "test", &op, &o);
	out_flush(&o);
	rewind(f);
	k = fread(got, 1, sizeof (got) - 1, f);
	got[k] = '\0';
	(void) fclose(f);
	return (r);
}

static int
dump_w(struct ex_wbuf *w, int v, int n)
{
	CHECK_INT(w->wb_err, ==, 0);
	return (dump_buf(w->wb_buf, w->wb_len, v, n));
}

static void
gb(struct ex_wbuf *w, uint32_t id)
{
	ex_w_group_begin(w, T(GROUP, id));
}

static void
ge(struct ex_wbuf *w)
{
	ex_w_group_end(w);
}

/* An embedded item holding what in packed. */
static void
emb(struct ex_wbuf *w, uint32_t id, const struct ex_wbuf *in)
{
	ex_w_bytes(w, T(EXACCT, id), in->wb_buf, in->wb_len);
}

static void
hdr(struct ex_wbuf *w)
{
	ex_w_header(w, "SunOS", NULL);
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static struct ex_wbuf w, p1, p2, p3, p4;

static const char nested[] =
	    "   100\tgroup-proc                    \t[group of 3 object(s)]\n"
	    "  1000\t pid                          \t1\n"
	    "   106\t group-proc-partial           \t[group of 2 object(s)]\n"
	    "  1007\t  start-sec                   \t10             \n"
	    "   101\t  group-task                  \t[group of 0 object(s)]\n"
	    "  1006\t command                      \t\"sh\"\n"
	    "   101\tgroup-task                    \t[group of 0 object(s)]\n";

static void
test_nested(void)
{
	ex_w_reset(&w);
	hdr(&w);
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 1);
	gb(&w, 0x106);
	ex_w_uint(&w, T(UINT64, 0x1007), 10);
	gb(&w, 0x101);
	ge(&w);
	ge(&w);
	ex_w_string(&w, T(STRING, 0x1006), "sh");
	ge(&w);
	gb(&w, 0x101);
	ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, nested);
}

/*
 * An embedded group shows its members one deeper; an embedded item shows
 * at its container's depth; only the first object of a payload shows.
 */
static const char embedded[] =
	    "   100\tgroup-proc                    \t[group of 4 object(s)]\n"
	    "  101e\t proc-tag                     \t"
	    "[embedded group of 2 object(s)]\n"
	    "  2000\t  taskid                      \t7\n"
	    "  2017\t  task-tag                    \t[embedded object]\n"
	    "  3006\t  protocol                    \t6              \n"
	    "  3004\t src-port                     \t22             \n"
	    "  1005\t hostname                     \t[embedded object]\n"
	    "  1008\t start-nsec                   \t5              \n"
	    "  1021\t zone                         \t"
	    "[embedded group of 1 object(s)]\n"
	    "  2000\t  taskid                      \t1\n";

static void
test_embedded(void)
{
	ex_w_reset(&p2);
	ex_w_uint(&p2, T(UINT8, 0x3006), 6);
	ex_w_reset(&p1);
	gb(&p1, 0x104);
	ex_w_uint(&p1, T(UINT32, 0x2000), 7);
	emb(&p1, 0x2017, &p2);
	ge(&p1);
	ex_w_reset(&p3);
	ex_w_uint(&p3, T(UINT64, 0x1008), 5);
	ex_w_uint(&p3, T(UINT32, 0x1000), 9);
	ex_w_reset(&p4);
	gb(&p4, 0x101);
	ex_w_uint(&p4, T(UINT32, 0x2000), 1);
	ge(&p4);
	ex_w_uint(&p4, T(UINT32, 0x2001), 3);

	ex_w_reset(&w);
	hdr(&w);
	gb(&w, 0x100);
	emb(&w, 0x101e, &p1);
	ex_w_uint(&w, T(UINT16, 0x3004), 22);
	emb(&w, 0x1005, &p3);
	emb(&w, 0x1021, &p4);
	ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, embedded);
}

/*
 * Payloads libexacct's ea_unpack_object refuses: an error line and an
 * empty line, and the dump goes on (the file around them is intact).
 * Sizes inside a payload are ignored; counts are not.
 */
static const char bad_embedded[] =
	    "   100\tgroup-proc                    \t[group of 8 object(s)]\n"
	    "  101e\t proc-tag                     \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  101e\t proc-tag                     \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  101e\t proc-tag                     \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  101e\t proc-tag                     \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  101e\t proc-tag                     \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  101e\t proc-tag                     \t"
	    "[embedded group of 1 object(s)]\n"
	    "  2000\t  taskid                      \t5\n"
	    "  101e\t proc-tag                     \t"
	    "[embedded group of 2 object(s)]\n"
	    "  2017\t  task-tag                    \t"
	    "error: couldn't unpack embedded object\n\n"
	    "  2000\t  taskid                      \t7\n"
	    "  1000\t pid                          \t42\n";

static void
test_bad_embedded(void)
{
	static const uint8_t badtype[] = {
		0x90, 0x00, 0x10, 0x00, 0, 0, 0, 1, 0, 0, 0, 12
	};
	uint8_t buf[64];
	size_t n;

	ex_w_reset(&w);
	hdr(&w);
	gb(&w, 0x100);
	/* nothing at all */
	ex_w_bytes(&w, T(EXACCT, 0x101e), "", 0);
	/* an item without its backskip */
	ex_w_reset(&p1);
	ex_w_uint(&p1, T(UINT32, 0x1000), 1);
	ex_w_bytes(&w, T(EXACCT, 0x101e), p1.wb_buf, p1.wb_len - 4);
	/* a whole item and two more bytes */
	n = p1.wb_len;
	memcpy(buf, p1.wb_buf, n);
	buf[n] = 0;
	buf[n + 1] = 0;
	ex_w_bytes(&w, T(EXACCT, 0x101e), buf, n + 2);
	/* a group counting two members and holding one */
	ex_w_reset(&p2);
	gb(&p2, 0x101);
	ex_w_uint(&p2, T(UINT32, 0x2000), 5);
	ge(&p2);
	memcpy(buf, p2.wb_buf, p2.wb_len);
	put32(buf + 12, 2);
	ex_w_bytes(&w, T(EXACCT, 0x101e), buf, p2.wb_len);
	/* an invalid type */
	ex_w_bytes(&w, T(EXACCT, 0x101e), badtype, sizeof (badtype));
	/* the same group with a nonsense size: fine, sizes are not read */
	memcpy(buf, p2.wb_buf, p2.wb_len);
	put32(buf + 4, 0xffffffffu);
	put32(buf + 8, 0xfffffff0u);
	ex_w_bytes(&w, T(EXACCT, 0x101e), buf, p2.wb_len);
	/* an unpackable payload inside a good one */
	ex_w_reset(&p3);
	gb(&p3, 0x104);
	ex_w_bytes(&p3, T(EXACCT, 0x2017), "\1\2\3", 3);
	ex_w_uint(&p3, T(UINT32, 0x2000), 7);
	ge(&p3);
	emb(&w, 0x101e, &p3);
	ex_w_uint(&w, T(UINT32, 0x1000), 42);
	ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, bad_embedded);
}

/*
 * 28 nested groups: past depth 25 a name is marked '>' and what an object
 * shows of its own (embedded contents) counts depth from 1 again.  Names
 * are cut so that indent and name take at most 29 columns.
 */
static const char deep[] =
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "   100\t group-proc                   \t[group of 1 object(s)]\n"
	    "   100\t  group-proc                  \t[group of 1 object(s)]\n"
	    "   100\t   group-proc                 \t[group of 1 object(s)]\n"
	    "   100\t    group-proc                \t[group of 1 object(s)]\n"
	    "   100\t     group-proc               \t[group of 1 object(s)]\n"
	    "   100\t      group-proc              \t[group of 1 object(s)]\n"
	    "   100\t       group-proc             \t[group of 1 object(s)]\n"
	    "   100\t        group-proc            \t[group of 1 object(s)]\n"
	    "   100\t         group-proc           \t[group of 1 object(s)]\n"
	    "   100\t          group-proc          \t[group of 2 object(s)]\n"
	    "   108\t           group-task-interva \t0\n"
	    "   100\t           group-proc         \t[group of 1 object(s)]\n"
	    "   100\t            group-proc        \t[group of 2 object(s)]\n"
	    "  1022\t             memory-rss-avg-k \t0\n"
	    "   100\t             group-proc       \t[group of 2 object(s)]\n"
	    "  1022\t              memory-rss-avg- \t0\n"
	    "   100\t              group-proc      \t[group of 1 object(s)]\n"
	    "   100\t               group-proc     \t[group of 1 object(s)]\n"
	    "   100\t                group-proc    \t[group of 1 object(s)]\n"
	    "   100\t                 group-proc   \t[group of 1 object(s)]\n"
	    "   100\t                  group-proc  \t[group of 1 object(s)]\n"
	    "   100\t                   group-proc \t[group of 1 object(s)]\n"
	    "   100\t                    group-pro \t[group of 1 object(s)]\n"
	    "   100\t                     group-pr \t[group of 1 object(s)]\n"
	    "   100\t                      group-p \t[group of 1 object(s)]\n"
	    "   100\t                       group- \t[group of 2 object(s)]\n"
	    "  1022\t                        memor \t0\n"
	    "   100\t                        group \t[group of 2 object(s)]\n"
	    "  1022\t                         memo \t0\n"
	    "   100\t                         grou \t[group of 2 object(s)]\n"
	    "  1022\t>memory-rss-avg-k             \t0\n"
	    "   100\t>group-proc                   \t[group of 1 object(s)]\n"
	    "   100\t>group-proc                   \t[group of 3 object(s)]\n"
	    "  1000\t>pid                          \t1\n"
	    "  2017\t>task-tag                     \t[embedded object]\n"
	    "  1007\t start-sec                    \t5              \n"
	    "  101e\t>proc-tag                     \t"
	    "[embedded group of 2 object(s)]\n"
	    "  2000\t  taskid                      \t3\n"
	    "   103\t  group-proc-tag              \t[group of 1 object(s)]\n"
	    "  1000\t   pid                        \t4\n";

static void
test_deep(void)
{
	int k;

	ex_w_reset(&p1);
	ex_w_uint(&p1, T(UINT64, 0x1007), 5);
	ex_w_reset(&p2);
	gb(&p2, 0x104);
	ex_w_uint(&p2, T(UINT32, 0x2000), 3);
	gb(&p2, 0x103);
	ex_w_uint(&p2, T(UINT32, 0x1000), 4);
	ge(&p2);
	ge(&p2);

	ex_w_reset(&w);
	hdr(&w);
	for (k = 0; k < 28; k++) {
		gb(&w, 0x100);
		if (k == 10)
			ex_w_uint(&w, T(UINT32, 0x108), 0);
		if (k == 12 || k == 13 || k == 23 || k == 24 || k == 25)
			ex_w_uint(&w, T(UINT32, 0x1022), 0);
	}
	ex_w_uint(&w, T(UINT32, 0x1000), 1);
	emb(&w, 0x2017, &p1);
	emb(&w, 0x101e, &p2);
	for (k = 0; k < 28; k++)
		ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, deep);
}

/* Local catalog ids: names and -v decorations still follow the data id. */
static const char local[] =
	    "   100\tgroup-proc                    \t[group of 5 object(s)]\n"
	    "  1020\t wait-status                  \t1              exit\n"
	    "  1007\t start-sec                    \t"
	    "0              01/01/70 00:00:00\n"
	    "  101d\t acctflags                    \t3              FORK SU\n"
	    "  1001\t uid                          \t0              \n"
	    "abcdef\t unknown                      \t9\n";

static void
test_local(void)
{
	ex_w_reset(&w);
	ex_w_group_begin(&w, LT(GROUP, 0x100));
	ex_w_uint(&w, LT(UINT32, 0x1020), 0x100);
	ex_w_uint(&w, LT(UINT64, 0x1007), 0);
	ex_w_uint(&w, LT(UINT32, 0x101d), 3);
	ex_w_uint(&w, LT(UINT32, 0x1001), 0);
	ex_w_uint(&w, LT(UINT32, 0xabcdef), 9);
	ge(&w);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, local);
}

static double
dbl_bits(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof (d));
	return (d);
}

static const char doubles[] =
	    "   abc\tunknown                       \t0.500000\n"
	    "   abc\tunknown                       \t-1.000000\n"
	    "   abc\tunknown                       \t"
	    "100000000000000005250476025520442024870446858110815915491585"
	    "411551180245798890819578637137508044786404370444383288387817"
	    "694252323536043057564479218478670698284838720092657580373783"
	    "023379478809005936895323497079994508111903896764088007465274"
	    "278014249457925878882005684283811566947219638686545940054016"
	    "0.000000\n"
	    "   abc\tunknown                       \tinf\n"
	    "   abc\tunknown                       \t-inf\n"
	    "   abc\tunknown                       \tnan\n"
	    "   abc\tunknown                       \t-nan\n"
	    "   abc\tunknown                       \t-0.000000\n"
	    "   abc\tunknown                       \t123456.789000\n";

static void
test_double(void)
{
	ex_w_reset(&w);
	hdr(&w);
	ex_w_double(&w, T(DOUBLE, 0xabc), 0.5);
	ex_w_double(&w, T(DOUBLE, 0xabc), -1.0);
	ex_w_double(&w, T(DOUBLE, 0xabc), 1e300);
	ex_w_double(&w, T(DOUBLE, 0xabc), dbl_bits(0x7ff0000000000000ull));
	ex_w_double(&w, T(DOUBLE, 0xabc), dbl_bits(0xfff0000000000000ull));
	ex_w_double(&w, T(DOUBLE, 0xabc), dbl_bits(0x7ff8000000000000ull));
	ex_w_double(&w, T(DOUBLE, 0xabc), dbl_bits(0xfff8000000000000ull));
	ex_w_double(&w, T(DOUBLE, 0xabc), dbl_bits(0x8000000000000000ull));
	ex_w_double(&w, T(DOUBLE, 0xabc), 123456.789);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, doubles);
}

/* Raw bytes: at most 6 as "0x%2X " (unsigned), "..." if more. */
static const char raw[] =
	    "  abcd\tunknown                       \t\n"
	    "  abcd\tunknown                       \t0x 5 \n"
	    "  abcd\tunknown                       \t"
	    "0x 0 0x F 0x10 0x7F 0x80 \n"
	    "  abcd\tunknown                       \t"
	    "0x 0 0x F 0x10 0x7F 0x80 0xFF \n"
	    "  abcd\tunknown                       \t"
	    "0x 0 0x F 0x10 0x7F 0x80 0xFF ...\n"
	    "  abcd\tunknown                       \t"
	    "0x 0 0x F 0x10 0x7F 0x80 0xFF ...\n"
	    "  3002\tsrc-addr-v6                   \t"
	    "0x20 0x 1 0x D 0xB8 0x 0 0x 0 ...\n"
	    "  3003\tdest-addr-v6                  \t"
	    "2001:db8::1                 \n"
	    "  3002\tsrc-addr-v6                   \t"
	    "2001:db8::1                 \n"
	    "  3003\tdest-addr-v6                  \t"
	    "2001:db8:1234:5678:9abc:def0:1234:5678\n"
	    "  3002\tsrc-addr-v6                   \t0x 1 0x 2 0x 3 \n";

static void
test_raw(void)
{
	static const uint8_t b[16] = {
		0x00, 0x0f, 0x10, 0x7f, 0x80, 0xff, 0xab, 1, 2, 3, 4, 5, 6, 7,
		8, 9
	};
	static const uint8_t five = 5, three[3] = { 1, 2, 3 };
	static const uint8_t v6[17] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff
	};
	static const uint8_t v6long[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc,
		0xde, 0xf0, 0x12, 0x34, 0x56, 0x78
	};

	ex_w_reset(&w);
	hdr(&w);
	ex_w_bytes(&w, T(RAW, 0xabcd), b, 0);
	ex_w_bytes(&w, T(RAW, 0xabcd), &five, 1);
	ex_w_bytes(&w, T(RAW, 0xabcd), b, 5);
	ex_w_bytes(&w, T(RAW, 0xabcd), b, 6);
	ex_w_bytes(&w, T(RAW, 0xabcd), b, 7);
	ex_w_bytes(&w, T(RAW, 0xabcd), b, 16);
	ex_w_bytes(&w, T(RAW, 0x3002), v6, 15);
	ex_w_bytes(&w, T(RAW, 0x3003), v6, 16);
	ex_w_bytes(&w, T(RAW, 0x3002), v6, 17);
	ex_w_bytes(&w, T(RAW, 0x3003), v6long, 16);
	ex_w_bytes(&w, T(RAW, 0x3002), three, 3);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, raw);
}

/*
 * Strings: size 4 (no bytes, no NUL) and 5 (just the NUL) are both empty;
 * one trailing NUL is dropped, anything else unprintable is \ooo.  Empty
 * groups too.
 */
static const char strings[] =
	    "  1006\tcommand                       \t\"\"\n"
	    "  1006\tcommand                       \t\"abc\"\n"
	    "  1006\tcommand                       \t\"\"\n"
	    "  1006\tcommand                       \t"
	    "\"a\\\"b\\\\c\\012\\001\\177\\377 \\011\"\n"
	    "  1006\tcommand                       \t\"ab\\000cd\"\n"
	    "  1006\tcommand                       \t\"ab\\000\"\n"
	    "   100\tgroup-proc                    \t[group of 0 object(s)]\n"
	    "   100\tgroup-proc                    \t[group of 2 object(s)]\n"
	    "   101\t group-task                   \t[group of 0 object(s)]\n"
	    "  1006\t command                      \t\"\"\n";

static void
test_strings(void)
{
	static const uint8_t size4[] = {
		0x60, 0x00, 0x10, 0x06, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 16
	};
	static const uint8_t nonul[] = {
		0x60, 0x00, 0x10, 0x06, 0, 0, 0, 0, 0, 0, 0, 7, 'a', 'b', 'c',
		0, 0, 0, 19
	};
	static uint8_t buf[4096];
	size_t n = 0;

	ex_w_reset(&w);
	hdr(&w);
	memcpy(buf, w.wb_buf, w.wb_len);
	n = w.wb_len;
	memcpy(buf + n, size4, sizeof (size4));
	n += sizeof (size4);
	memcpy(buf + n, nonul, sizeof (nonul));
	n += sizeof (nonul);
	ex_w_reset(&w);
	ex_w_string(&w, T(STRING, 0x1006), "");
	ex_w_string(&w, T(STRING, 0x1006), "a\"b\\c\n\001\177\377 \t");
	ex_w_bytes(&w, T(STRING, 0x1006), "ab\0cd", 5);
	ex_w_bytes(&w, T(STRING, 0x1006), "ab\0", 3);
	gb(&w, 0x100);
	ge(&w);
	gb(&w, 0x100);
	gb(&w, 0x101);
	ge(&w);
	ex_w_string(&w, T(STRING, 0x1006), "");
	ge(&w);
	CHECK_INT(w.wb_err, ==, 0);
	memcpy(buf + n, w.wb_buf, w.wb_len);
	n += w.wb_len;
	CHECK_INT(dump_buf(buf, n, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, strings);
}

/* Every wait-status shape, plain and with the illumos -v rules. */
static const char wait_plain[] =
	    "  1020\twait-status                   \t0\n"
	    "  1020\twait-status                   \t256\n"
	    "  1020\twait-status                   \t32512\n"
	    "  1020\twait-status                   \t15\n"
	    "  1020\twait-status                   \t139\n"
	    "  1020\twait-status                   \t128\n"
	    "  1020\twait-status                   \t265\n"
	    "  1020\twait-status                   \t-1\n"
	    "  1020\twait-status                   \t383\n";
static const char wait_v[] =
	    "  1020\twait-status                   \t0              exit\n"
	    "  1020\twait-status                   \t1              exit\n"
	    "  1020\twait-status                   \t127            exit\n"
	    "  1020\twait-status                   \t            15, signal\n"
	    "  1020\twait-status                   \t            11, signal\n"
	    "  1020\twait-status                   \t             0, signal\n"
	    "  1020\twait-status                   \t265\n"
	    "  1020\twait-status                   \t-1\n"
	    "  1020\twait-status                   \t383\n";

static void
test_wait(void)
{
	static const uint32_t ws[] = {
		0x0000, 0x0100, 0x7f00, 0x000f, 0x008b, 0x0080, 0x0109,
		0xffffffffu, 0x017f
	};
	size_t i;

	ex_w_reset(&w);
	hdr(&w);
	for (i = 0; i < sizeof (ws) / sizeof (ws[0]); i++)
		ex_w_uint(&w, T(UINT32, 0x1020), ws[i]);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, wait_plain);

	ex_w_reset(&w);
	for (i = 0; i < sizeof (ws) / sizeof (ws[0]); i++)
		ex_w_uint(&w, T(UINT32, 0x1020), ws[i]);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, wait_v);
}

/* Extreme values, and formats chosen by type first, then data id. */
static const char extreme[] =
	    "   abc\tunknown                       \t18446744073709551615\n"
	    "   abc\tunknown                       \t4294967295\n"
	    "   abc\tunknown                       \t255            \n"
	    "   abc\tunknown                       \t65535          \n"
	    "     0\tunknown                       \t7\n"
	    "ffffff\tunknown                       \t7\n"
	    "  1000\tpid                           \t1\n"
	    "  1001\tuid                           \t4294967295     \n"
	    "  3000\tsrc-addr-v4                   \t255.255.255.255\n"
	    "  3001\tdest-addr-v4                  \t10.0.0.1       \n"
	    "  3006\tprotocol                      \t6\n"
	    "  1020\twait-status                   \t0              \n"
	    "  1001\tuid                           \t1              \n"
	    "  1007\tstart-sec                     \t18446744073709551615\n"
	    "  101d\tacctflags                     \t3              \n";

static void
test_extreme(void)
{
	ex_w_reset(&w);
	hdr(&w);
	ex_w_uint(&w, T(UINT64, 0xabc), UINT64_MAX);
	ex_w_uint(&w, T(UINT32, 0xabc), UINT32_MAX);
	ex_w_uint(&w, T(UINT8, 0xabc), 255);
	ex_w_uint(&w, T(UINT16, 0xabc), 65535);
	ex_w_uint(&w, T(UINT32, 0), 7);
	ex_w_uint(&w, T(UINT32, 0xffffff), 7);
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0xf, 0x1000), 1);
	ex_w_uint(&w, T(UINT32, 0x1001), UINT32_MAX);
	ex_w_uint(&w, T(UINT32, 0x3000), 0xffffffffu);
	ex_w_uint(&w, T(UINT32, 0x3001), 0x0a000001u);
	ex_w_uint(&w, T(UINT32, 0x3006), 6);
	ex_w_uint(&w, T(UINT8, 0x1020), 0);
	ex_w_uint(&w, T(UINT64, 0x1001), 1);
	ex_w_uint(&w, T(UINT64, 0x1007), UINT64_MAX);
	ex_w_uint(&w, T(UINT32, 0x101d), 3);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, extreme);
}

/*
 * -v dates ("%D %T", UTC here), none where localtime cannot convert the
 * time; uint64 max is time_t -1, one second before the epoch.  With -n no
 * name is looked up.
 */
/*
 * The two dates past 2038 are there only where a time_t holds them (64
 * bits): a value that does not fit has no date, as localtime fails on it.
 */
static const char date_v_fmt[] =
	    "  1007\tstart-sec                     \t"
	    "1844674407370955161512/31/69 23:59:59\n"
	    "  1009\tfinish-sec                    \t9223372036854775807\n"
	    "  2003\tstart-sec                     \t"
	    "0              01/01/70 00:00:00\n"
	    "  2005\tfinish-sec                    \t"
	    "1000000000     09/09/01 01:46:40\n"
	    "  300a\tcreation-time                 \t"
	    "2147483648     %s\n"
	    "  300b\tlast-seen                     \t"
	    "253402300800   %s\n"
	    "  1008\tstart-nsec                    \t5              \n"
	    "  101d\tacctflags                     \t0              \n"
	    "  101d\tacctflags                     \t1              FORK \n"
	    "  101d\tacctflags                     \t2              SU\n"
	    "  101d\tacctflags                     \t4294967295     FORK SU\n"
	    "  1001\tuid                           \t0              \n"
	    "  2001\tprojid                        \t0              \n"
	    "  3004\tsrc-port                      \t22             \n"
	    "  3006\tprotocol                      \t6              \n"
	    "  1020\twait-status                   \t0              exit\n";

static char date_v[sizeof (date_v_fmt) + 64];

static void
test_date_v(void)
{
	ex_w_reset(&w);
	ex_w_uint(&w, T(UINT64, 0x1007), UINT64_MAX);
	ex_w_uint(&w, T(UINT64, 0x1009), INT64_MAX);
	ex_w_uint(&w, T(UINT64, 0x2003), 0);
	ex_w_uint(&w, T(UINT64, 0x2005), 1000000000);
	ex_w_uint(&w, T(UINT64, 0x300a), 2147483648u);
	ex_w_uint(&w, T(UINT64, 0x300b), 253402300800ull);
	ex_w_uint(&w, T(UINT64, 0x1008), 5);
	ex_w_uint(&w, T(UINT32, 0x101d), 0);
	ex_w_uint(&w, T(UINT32, 0x101d), 1);
	ex_w_uint(&w, T(UINT32, 0x101d), 2);
	ex_w_uint(&w, T(UINT32, 0x101d), UINT32_MAX);
	ex_w_uint(&w, T(UINT32, 0x1001), 0);
	ex_w_uint(&w, T(UINT32, 0x2001), 0);
	ex_w_uint(&w, T(UINT16, 0x3004), 22);
	ex_w_uint(&w, T(UINT8, 0x3006), 6);
	ex_w_uint(&w, T(UINT32, 0x1020), 0);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	(void) snprintf(date_v, sizeof (date_v), date_v_fmt,
	    sizeof (time_t) >= 8 ? "01/19/38 03:14:08" : "",
	    sizeof (time_t) >= 8 ? "01/01/00 00:00:00" : "");
	CHECK_STR(got, date_v);
}

/* -v shows the header as a group; without -v it is checked, not shown. */
static const char header_v[] =
	    "    ff\tgroup-header                  \t[group of 4 object(s)]\n"
	    "     1\t version                      \t1\n"
	    "     3\t creator                      \t\"SunOS\"\n"
	    "     2\t filetype                     \t\"exacct\"\n"
	    "     4\t hostname                     \t\"box\"\n"
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t2\n";
static const char header_plain[] =
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t2\n";

static void
test_header(void)
{
	ex_w_reset(&w);
	ex_w_header(&w, "SunOS", "box");
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 2);
	ge(&w);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, header_v);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_plain);

	/* version 2: "cannot open" without -v, shown with it */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 2);
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ex_w_string(&w, T(STRING, 2), "exacct");
	ge(&w);
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 2);
	ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OPEN);
	CHECK_STR(got, "");
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);

	/* no header: "cannot open" without -v */
	ex_w_reset(&w);
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 2);
	ge(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OPEN);
	CHECK_STR(got, "");
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, header_plain);
}

/*
 * Fields the original's reader reads and never checks.  The demo opens
 * the file with ea_open(..., vflag ? EO_NO_VALID_HDR : 0, O_RDONLY), so
 * EO_HEAD, the header checked by validate_header() unless -v, and then
 * walks it with ea_get_object() alone (never ea_previous_object()).
 * ea_get_object() is xget_object(), which for a group reads the size
 * field into a local it never uses and the small backskip into another,
 * for an item reads its backskip into a scratch word, and pops a group
 * whose member count is reached by reading its large backskip into a
 * scratch word (stack_next_object()).  So a file whose sizes and
 * backskips all say nonsense prints exactly as the intact one, exit 0.
 *
 * What follows builds the "nested" input above with every size and
 * backskip noted, then overwrites them.
 */
#define	MAX_MARKS	16

static size_t gsz[MAX_MARKS], gbs[MAX_MARKS], ibs[MAX_MARKS];
static size_t ngsz, ngbs, nibs;

static void
mgb(uint32_t id)
{
	gsz[ngsz++] = w.wb_len + 4;
	gb(&w, id);
}

static void
mge(void)
{
	ge(&w);
	gbs[ngbs++] = w.wb_len - 4;
}

static void
mitem(void)
{
	ibs[nibs++] = w.wb_len - 4;
}

static void
nested_marked(void)
{
	ngsz = ngbs = nibs = 0;
	ex_w_reset(&w);
	hdr(&w);
	mgb(0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 1);
	mitem();
	mgb(0x106);
	ex_w_uint(&w, T(UINT64, 0x1007), 10);
	mitem();
	mgb(0x101);
	mge();
	mge();
	ex_w_string(&w, T(STRING, 0x1006), "sh");
	mitem();
	mge();
	mgb(0x101);
	mge();
	CHECK_INT(w.wb_err, ==, 0);
}

static void
test_unchecked_fields(void)
{
	static const uint64_t sizes[] = {
		0, 1, 7, 8, 19, 20, 1000, (uint64_t)1 << 40, UINT64_MAX - 12,
		UINT64_MAX
	};
	static const uint32_t skips[] = { 0, 1, 0x7fffffff, 0xffffffffu };
	size_t i, k;

	for (i = 0; i < sizeof (sizes) / sizeof (sizes[0]); i++) {
		nested_marked();
		for (k = 0; k < ngsz; k++) {
			put64(w.wb_buf + gsz[k], sizes[(i + k) %
			    (sizeof (sizes) / sizeof (sizes[0]))]);
			/* the small backskip, after the member count */
			put32(w.wb_buf + gsz[k] + 12, skips[(i + k) % 4]);
		}
		for (k = 0; k < ngbs; k++)
			put32(w.wb_buf + gbs[k], skips[(i + k + 1) % 4]);
		for (k = 0; k < nibs; k++)
			put32(w.wb_buf + ibs[k], skips[(i + k + 2) % 4]);
		CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
		CHECK_STR(got, nested);
	}
}

/*
 * The header as validate_header() checks it: the first object is a group
 * tagged group-header; then as many objects as its member count are read
 * with ea_get_object() (so the members of a group inside it count one by
 * one), and each is matched on its whole tag: a uint32 default-catalog
 * version must be 1, a string filetype must strcmp() equal to "exacct"
 * (so whatever follows its first NUL is not looked at), a string creator
 * and hostname are kept, and any other object is ignored.  The header
 * group's own size and backskips are never read for their value.  After
 * it the demo's loop goes on from wherever those reads left the file.
 */
static const char header_nested[] =
	    "  1002\tgid                           \t8              \n"
	    "     4\thostname                      \t\"box\"\n"
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t2\n";
static const char header_nested_v[] =
	    "    ff\tgroup-header                  \t[group of 5 object(s)]\n"
	    "     1\t version                      \t1\n"
	    "     2\t filetype                     \t\"exacct\"\n"
	    "     3\t creator                      \t\"SunOS\"\n"
	    "   100\t group-proc                   \t[group of 2 object(s)]\n"
	    "  1001\t  uid                         \t7              \n"
	    "  1002\t  gid                         \t8              \n"
	    "     4\t hostname                     \t\"box\"\n"
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t2\n";

static uint8_t bigtype[600000];

static void
record2(void)
{
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 2);
	ge(&w);
}

static void
test_unchecked_header(void)
{
	static const char junk[] = "exacct\0junk";
	static const uint64_t sizes[] = { 0, 7, 8, 85, 87, 1u << 20,
	    UINT64_MAX };
	size_t i, hlen;

	/* Sizes and backskips of the header: any value. */
	for (i = 0; i < sizeof (sizes) / sizeof (sizes[0]); i++) {
		ex_w_reset(&w);
		ex_w_header(&w, "SunOS", "box");
		hlen = w.wb_len;
		put64(w.wb_buf + 4, sizes[i]);
		put32(w.wb_buf + 16, (uint32_t)sizes[i]);
		/* what a plain ea_pack_object() would have left there */
		put32(w.wb_buf + hlen - 4, (uint32_t)hlen + (uint32_t)i);
		record2();
		CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
		CHECK_STR(got, header_plain);
		CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
		CHECK_STR(got, header_v);
	}

	/*
	 * Versions of other widths and catalogs, unknown members: not the
	 * version (no whole-tag match), so ignored, values and all.
	 */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT8, 1), 2);
	ex_w_uint(&w, T(UINT64, 1), 7);
	ex_w_uint(&w, LT(UINT32, 1), 9);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_string(&w, T(STRING, 2), "exacct");
	ex_w_uint(&w, T(UINT64, 2), 5);
	ex_w_string(&w, LT(STRING, 2), "other");
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ex_w_bytes(&w, T(RAW, 4), "raw", 3);
	ex_w_string(&w, T(STRING, 0x42), "x");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_plain);

	/* The only version a uint64: no version, so "cannot open". */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT64, 1), 1);
	ex_w_string(&w, T(STRING, 2), "exacct");
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OPEN);
	CHECK_STR(got, "");
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);

	/* The filetype as strcmp() reads it: up to its first NUL. */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_bytes(&w, T(STRING, 2), junk, sizeof (junk) - 1);
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_plain);
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_string(&w, T(STRING, 2), "exacctjunk");
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OPEN);

	/*
	 * "exacct" with no NUL after it: strcmp() would read past the end
	 * of the item (what the bytes after it hold decides); we take the
	 * payload whole, so it is the file type (DEVIATIONS).
	 */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	hlen = w.wb_len;
	ex_w_bytes(&w, T(RAW, 2), "exacct", 6);
	w.wb_buf[hlen] = EX_T_STRING << 4;
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_plain);

	/* The same when the filetype is too long to be a view. */
	memcpy(bigtype, "exacct", 7);
	memset(bigtype + 7, 'x', sizeof (bigtype) - 7);
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_bytes(&w, T(STRING, 2), bigtype, sizeof (bigtype));
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_plain);
	bigtype[6] = 'x';
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_bytes(&w, T(STRING, 2), bigtype, sizeof (bigtype));
	ex_w_string(&w, T(STRING, 3), "SunOS");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OPEN);

	/*
	 * A group inside the header, of 2 members, the header counting 5:
	 * validate_header() reads version, filetype, creator, the group and
	 * the group's first member (uid), and is satisfied; the demo's loop
	 * then shows the group's second member (gid) and the header's last
	 * member (hostname) at depth 0, as top-level objects, before the
	 * first record.  With -v it is all one header group.
	 */
	ex_w_reset(&w);
	gb(&w, 0xff);
	ex_w_uint(&w, T(UINT32, 1), 1);
	ex_w_string(&w, T(STRING, 2), "exacct");
	ex_w_string(&w, T(STRING, 3), "SunOS");
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1001), 7);
	ex_w_uint(&w, T(UINT32, 0x1002), 8);
	ge(&w);
	ex_w_string(&w, T(STRING, 4), "box");
	ge(&w);
	record2();
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, header_nested);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, header_nested_v);
}

/*
 * A member count too small is damage to the original too, and there it
 * stops: the record [pid 1, uid 0] counting 1 shows its group and pid;
 * then stack_next_object() pops the record reading uid's tag as the
 * record's backskip, and the next ea_get_object() reads uid's value, 0,
 * as a tag of type 0, fails, and the demo's loop ends (exit 0, as at any
 * failure between records).  We print the same lines, say what is wrong
 * and go on where the record's size ends (exit 2, DAMAGED FILES).
 */
static const char count_small[] =
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t1\n"
	    "   100\tgroup-proc                    \t[group of 1 object(s)]\n"
	    "  1000\t pid                          \t2\n";

static void
test_count_small(void)
{
	size_t at;

	ex_w_reset(&w);
	hdr(&w);
	at = w.wb_len;
	gb(&w, 0x100);
	ex_w_uint(&w, T(UINT32, 0x1000), 1);
	ex_w_uint(&w, T(UINT32, 0x1001), 0);
	ge(&w);
	record2();
	put32(w.wb_buf + at + 12, 1);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_DAMAGE);
	CHECK_STR(got, count_small);
}

/* A file ending inside a nested group: what was whole, then exit 2. */
static const char truncated[] =
	    "   100\tgroup-proc                    \t[group of 2 object(s)]\n"
	    "   106\t group-proc-partial           \t[group of 2 object(s)]\n"
	    "  1000\t  pid                         \t1\n";

static void
test_trunc(void)
{
	ex_w_reset(&w);
	hdr(&w);
	gb(&w, 0x100);
	gb(&w, 0x106);
	ex_w_uint(&w, T(UINT32, 0x1000), 1);
	ex_w_uint(&w, T(UINT32, 0x1001), 2);
	ge(&w);
	ex_w_uint(&w, T(UINT32, 0x1004), 3);
	ge(&w);
	CHECK_INT(w.wb_err, ==, 0);
	/* cut 6 bytes into the uid item: 20 bytes follow its end */
	CHECK_INT(dump_buf(w.wb_buf, w.wb_len - 20 - 6, 0, 0), ==,
	    EXIT_DAMAGE);
	CHECK_STR(got, truncated);
}

/* Look-ups give the system's names, the same again from the cache. */
static void
test_names(void)
{
	struct passwd *pw = getpwuid(0);
	struct protoent *pe = getprotobynumber(6);
	const char *a, *b;

	a = name_user(0);
	b = name_user(0);
	if (pw == NULL) {
		CHECK(a == NULL && b == NULL);
	} else {
		CHECK_STR(a, "root");
		CHECK_STR(b, "root");
	}
	a = name_proto(6);
	b = name_proto(6);
	if (pe == NULL) {
		CHECK(a == NULL && b == NULL);
	} else {
		CHECK_STR(a, "tcp");
		CHECK_STR(b, "tcp");
	}
	CHECK_STR(catalog_name(0), "unknown");
	CHECK_STR(catalog_name(0x10a), "unknown");
	CHECK_STR(catalog_name(0x109), "group-flow");
	CHECK_STR(catalog_name(0x1023), "memory-rss-max-k");
	CHECK_STR(catalog_name(0x1024), "unknown");
	CHECK_STR(catalog_name(0x2019), "zone");
	CHECK_STR(catalog_name(0x300e), "action-name");
	CHECK_STR(catalog_name(0x300f), "unknown");
}

/*
 * The local process items and the drop record, as the encoders write
 * them: the original names no local id, so each line is an unknown id's
 * (uint64 left in 15 columns, uint32 and strings as they are, a group's
 * count), with or without -v (no decoration follows an unknown id).
 */
static const char local_items[] =
	    "   106\tgroup-proc-partial            \t[group of 7 object(s)]\n"
	    "  1000\t pid                          \t1\n"
	    "  1019\t ctxt-inv                     \t2              \n"
	    "7e1024\t unknown                      \t123456789012   \n"
	    "7e1025\t unknown                      \t0              \n"
	    "7e1026\t unknown                      \t18446744073709551615\n"
	    "7e1027\t unknown                      \t5              \n"
	    "7e1028\t unknown                      \t3\n"
	    "7e0100\tunknown                       \t[group of 5 object(s)]\n"
	    "7e0101\t unknown                      \t\"lin\"\n"
	    "7e0102\t unknown                      \t1700000000123456789\n"
	    "7e0103\t unknown                      \t1700000005000000001\n"
	    "7e0104\t unknown                      \t7              \n"
	    "7e0105\t unknown                      \t77\n";

static void
local_records(struct ex_wbuf *b)
{
	struct ex_proc p;
	struct ex_drops d;

	memset(&p, 0, sizeof (p));
	p.ep_kind = EXK_PARTIAL;
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_CONTEXT_INV) |
	    EX_BIT(EXD_PROC_WAIT_CPU) | EX_BIT(EXD_PROC_WAIT_BLKIO) |
	    EX_BIT(EXD_PROC_WAIT_SWAPIN) | EX_BIT(EXD_PROC_WAIT_RECLAIM) |
	    EX_BIT(EXD_PROC_CPU_SOURCE);
	p.ep_pid = 1;
	p.ep_nivcsw = 2;
	p.ep_wait_cpu = UINT64_C(123456789012);
	p.ep_wait_blkio = 0;
	p.ep_wait_swapin = UINT64_MAX;
	p.ep_wait_reclaim = 5;
	p.ep_cpu_source = EXCPU_EXACT;
	rec_encode_proc(b, &p);
	memset(&d, 0, sizeof (d));
	d.ed_have = EX_BIT(EXD_DROPS_HOSTNAME) | EX_BIT(EXD_DROPS_START) |
	    EX_BIT(EXD_DROPS_END) | EX_BIT(EXD_DROPS_COUNT) |
	    EX_BIT(EXD_DROPS_PID);
	memcpy(d.ed_hostname, "lin", 3);
	d.ed_hostname_len = 3;
	d.ed_start = UINT64_C(1700000000123456789);
	d.ed_end = UINT64_C(1700000005000000001);
	d.ed_count = 7;
	d.ed_pid = 77;
	rec_encode_drops(b, &d);
}

static void
test_local_items(void)
{
	ex_w_reset(&w);
	hdr(&w);
	local_records(&w);
	CHECK_INT(dump_w(&w, 0, 0), ==, EXIT_OK);
	CHECK_STR(got, local_items);
	/* -v reads no header: the records alone. */
	ex_w_reset(&w);
	local_records(&w);
	CHECK_INT(dump_w(&w, 1, 1), ==, EXIT_OK);
	CHECK_STR(got, local_items);
	CHECK_INT(dump_w(&w, 1, 0), ==, EXIT_OK);
	CHECK_STR(got, local_items);
}

int
main(void)
{
	if (setenv("TZ", "UTC", 1) == -1)
		return (1);
	tzset();
	ex_w_init(&w);
	ex_w_init(&p1);
	ex_w_init(&p2);
	ex_w_init(&p3);
	ex_w_init(&p4);

	test_nested();
	test_embedded();
	test_bad_embedded();
	test_deep();
	test_local();
	test_local_items();
	test_double();
	test_raw();
	test_strings();
	test_wait();
	test_extreme();
	test_date_v();
	test_header();
	test_unchecked_fields();
	test_unchecked_header();
	test_count_small();
	test_trunc();
	test_names();

	ex_w_free(&w);
	ex_w_free(&p1);
	ex_w_free(&p2);
	ex_w_free(&p3);
	ex_w_free(&p4);
	TEST_DONE();
}
