/*
 * mkseeds.c: writes the hand-made seed files of the fuzz corpus, small
 * files with the shapes the fixtures lack (every type, both catalogs,
 * deep and embedded groups, odd wait statuses, extreme values) and a few
 * kinds of damage.  Run once; the files are kept in tests/fuzz/corpus/.
 *
 *   cc -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude -o mkseeds \
 *	tests/fuzz/mkseeds.c build/libexdump.a && ./mkseeds DIR
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exacct.h"

#define	G_PROC	EX_TAG(EX_T_GROUP, 0, 0x100)
#define	G_TASK	EX_TAG(EX_T_GROUP, 0, 0x101)
#define	G_FLOW	EX_TAG(EX_T_GROUP, 0, 0x109)
#define	U32(id)	EX_TAG(EX_T_UINT32, 0, (id))
#define	U64(id)	EX_TAG(EX_T_UINT64, 0, (id))

static const char *dir;

static void
save(const char *name, struct ex_wbuf *w)
{
	char path[512];
	FILE *f;

	if (w->wb_err != 0) {
		(void) fprintf(stderr, "mkseeds: %s: writer error %d\n", name,
		    w->wb_err);
		exit(1);
	}
	(void) snprintf(path, sizeof (path), "%s/seed_%s.exacct", dir, name);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(w->wb_buf, 1, w->wb_len, f) != w->wb_len ||
	    fclose(f) != 0) {
		(void) fprintf(stderr, "mkseeds: %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
	ex_w_reset(w);
}

static void
header(struct ex_wbuf *w)
{
	ex_w_header(w, "SunOS", "seed");
}

static void
every_type(struct ex_wbuf *w, unsigned cat)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 1 };
	static const uint8_t raw[9] = { 0, 0x7f, 0x80, 0xff, 1, 2, 3, 4, 5 };
	uint64_t nan = 0x7ff8000000000001ULL, inf = 0xfff0000000000000ULL;
	double d;
	size_t n;

	ex_w_uint(w, EX_TAG(EX_T_UINT8, cat, 0x3006), 255);
	ex_w_uint(w, EX_TAG(EX_T_UINT16, cat, 0x3004), 65535);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, cat, 0x1001), 0xffffffffu);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, cat, 0x1007), UINT64_MAX);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, cat, 0x1009), 0);
	memcpy(&d, &nan, sizeof (d));
	ex_w_double(w, EX_TAG(EX_T_DOUBLE, cat, 0x9999), d);
	memcpy(&d, &inf, sizeof (d));
	ex_w_double(w, EX_TAG(EX_T_DOUBLE, cat, 0x9998), d);
	ex_w_double(w, EX_TAG(EX_T_DOUBLE, cat, 0x9997), -1e300);
	ex_w_string(w, EX_TAG(EX_T_STRING, cat, 0x1006), "");
	ex_w_bytes(w, EX_TAG(EX_T_STRING, cat, 0x1006), "a\0b\\\"\n\x80\xff",
	    9);
	ex_w_bytes(w, EX_TAG(EX_T_RAW, cat, 0x3002), v6, sizeof (v6));
	ex_w_bytes(w, EX_TAG(EX_T_RAW, cat, 0x3003), v6, 15);
	for (n = 0; n <= sizeof (raw); n++)
		ex_w_bytes(w, EX_TAG(EX_T_RAW, cat, 0x4000 + n), raw, n);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, cat, 0xffffff), 1);
}

int
main(int argc, char *argv[])
{
	static const uint32_t waits[] = { 0, 0x80, 0x0109, 0x8b, 0xff00,
	    0x7f, 0xffffffff };
	struct ex_wbuf w, e, e2;
	size_t i;

	if (argc != 2) {
		(void) fprintf(stderr, "usage: mkseeds DIR\n");
		return (2);
	}
	dir = argv[1];
	ex_w_init(&w);
	ex_w_init(&e);
	ex_w_init(&e2);

	header(&w);
	save("header_only", &w);

	header(&w);
	ex_w_group_begin(&w, G_PROC);
	every_type(&w, EX_C_DEFAULT);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x100));
	every_type(&w, EX_C_LOCAL);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, G_TASK);
	ex_w_group_end(&w);
	save("every_type", &w);

	/* Deeper than the original's display limit of 25, and the most. */
	header(&w);
	for (i = 0; i < 30; i++) {
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, 0, 0x100 + i % 3));
		ex_w_uint(&w, U32(0x1000), (uint32_t)i);
	}
	ex_w_string(&w, EX_TAG(EX_T_STRING, 0, 0x1006), "deep");
	for (i = 0; i < 30; i++)
		ex_w_group_end(&w);
	save("nested30", &w);
	for (i = 0; i < EX_MAX_DEPTH; i++)
		ex_w_group_begin(&w, G_PROC);
	ex_w_uint(&w, U32(0x1000), 1);
	for (i = 0; i < EX_MAX_DEPTH; i++)
		ex_w_group_end(&w);
	save("nested128", &w);

	/* Embedded: a group, a single item, one inside another, none. */
	ex_w_group_begin(&e, G_TASK);
	ex_w_uint(&e, U32(0x2000), 7);
	ex_w_string(&e, EX_TAG(EX_T_STRING, 0, 0x2002), "inner");
	ex_w_group_end(&e);
	ex_w_bytes(&e2, EX_TAG(EX_T_EXACCT, 0, 0x1e), e.wb_buf, e.wb_len);
	header(&w);
	ex_w_group_begin(&w, G_PROC);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e.wb_buf, e.wb_len);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e.wb_buf + 20, 12);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e2.wb_buf, e2.wb_len);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e.wb_buf, 0);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e.wb_buf,
	    e.wb_len - 1);
	ex_w_group_end(&w);
	ex_w_bytes(&w, EX_TAG(EX_T_EXACCT, 0, 0x101e), e.wb_buf, e.wb_len);
	save("embedded", &w);

	/* A process record for every wait status shape, and extreme times */
	header(&w);
	for (i = 0; i < sizeof (waits) / sizeof (waits[0]); i++) {
		ex_w_group_begin(&w, G_PROC);
		ex_w_uint(&w, U32(0x1000), (uint32_t)i);
		ex_w_uint(&w, U32(0x1020), waits[i]);
		ex_w_uint(&w, U32(0x101d), (uint32_t)i);
		ex_w_uint(&w, U64(0x1007), i == 0 ? UINT64_MAX :
		    (uint64_t)1 << (60 + i % 4));
		ex_w_uint(&w, U64(0x1009), 1700000000ULL);
		ex_w_group_end(&w);
	}
	ex_w_group_begin(&w, G_FLOW);
	ex_w_uint(&w, U32(0x3000), 0x7f000001);
	ex_w_uint(&w, U32(0x3001), 0xffffffff);
	ex_w_uint(&w, EX_TAG(EX_T_UINT16, 0, 0x3004), 22);
	ex_w_uint(&w, EX_TAG(EX_T_UINT8, 0, 0x3006), 6);
	ex_w_uint(&w, U64(0x300a), UINT64_MAX);
	ex_w_group_end(&w);
	save("wait_and_times", &w);

	/* Damage: sizes off by 8 either way, and an inner size wrong. */
	header(&w);
	ex_w_group_begin(&w, G_PROC);
	ex_w_uint(&w, U32(0x1000), 1);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, G_PROC);
	ex_w_group_begin(&w, G_TASK);
	ex_w_uint(&w, U32(0x2000), 2);
	ex_w_group_end(&w);
	ex_w_group_end(&w);
	ex_w_group_begin(&w, G_PROC);
	ex_w_uint(&w, U32(0x1000), 3);
	ex_w_group_end(&w);
	w.wb_buf[102 + 11] += 8;		/* first record: size + 8 */
	w.wb_buf[102 + 36 + 20 + 11] -= 1;	/* the second's inner group */
	save("size_mismatch", &w);

	/*
	 * The local catalog's records and items: sweep records around a
	 * partial record with the waits and the CPU's source, a drop record,
	 * and the same ids in the wrong catalog or of the wrong type.
	 */
	header(&w);
	for (i = 0; i < 3; i++) {
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x7e0000));
		ex_w_string(&w, EX_TAG(EX_T_STRING, EX_C_LOCAL, 0x7e0001),
		    "seed");
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0002),
		    1700000000000000000ULL + i * 10000000000ULL);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0003),
		    1700000000001000000ULL + i * 10000000000ULL);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0004), 1);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0005), 0);
		ex_w_group_end(&w);
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, 0, i < 2 ? 0x106 :
		    0x100));
		ex_w_uint(&w, U32(0x1000), 42);
		ex_w_uint(&w, U64(0x1007), 1699999990);
		ex_w_uint(&w, U64(0x1009), 1700000000 + i * 10);
		ex_w_uint(&w, U64(0x100a), 500000);
		ex_w_string(&w, EX_TAG(EX_T_STRING, 0, 0x1005), "seed");
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1024),
		    1000000 * (i + 1));
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1025),
		    i == 1 ? 5 : 7000);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1026), i);
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e1027), 9);
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e1028),
		    (uint32_t)i + 1);
		ex_w_uint(&w, U64(0x1024), 77);
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e1000), 99);
		ex_w_string(&w, EX_TAG(EX_T_STRING, EX_C_LOCAL, 0x7e1024),
		    "12");
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e1028),
		    UINT64_MAX);
		ex_w_group_end(&w);
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, 0x7e0100));
		ex_w_string(&w, EX_TAG(EX_T_STRING, EX_C_LOCAL, 0x7e0101),
		    "seed");
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0102),
		    1700000000500000000ULL + i * 10000000000ULL);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0103),
		    1700000005000000000ULL + i * 10000000000ULL);
		ex_w_uint(&w, EX_TAG(EX_T_UINT64, EX_C_LOCAL, 0x7e0104),
		    i == 2 ? UINT64_MAX : 3);
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_LOCAL, 0x7e0105), 4242);
		ex_w_uint(&w, U64(0x7e0104), 1000);
		ex_w_group_end(&w);
	}
	save("local_items", &w);

	ex_w_free(&w);
	ex_w_free(&e);
	ex_w_free(&e2);
	return (0);
}
