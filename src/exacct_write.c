/*
 * exacct_write.c: the exacct writer.
 *
 * Objects are packed big-endian into one growing buffer, in the layout the
 * illumos kernel and libexacct write: every object ends with a backskip of
 * its own length, a group's size counts its member count, small backskip
 * and members, and the file header's closing backskip is 0 so that a
 * backwards reader stops there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exacct.h"

void
ex_w_init(struct ex_wbuf *w)
{
	memset(w, 0, sizeof (*w));
}

void
ex_w_free(struct ex_wbuf *w)
{
	free(w->wb_buf);
	ex_w_init(w);
}

void
ex_w_reset(struct ex_wbuf *w)
{
	w->wb_len = 0;
	w->wb_err = 0;
	w->wb_depth = 0;
	w->wb_gcount[0] = 0;
}

/* Room for n more bytes; a pointer to them, or NULL with wb_err set. */
static uint8_t *
w_room(struct ex_wbuf *w, size_t n)
{
	uint8_t *p;
	size_t cap;

	if (w->wb_err != 0)
		return (NULL);
	if (n > SIZE_MAX / 2 - w->wb_len) {
		w->wb_err = ENOMEM;
		return (NULL);
	}
	if (w->wb_len + n > w->wb_cap) {
		cap = w->wb_cap == 0 ? 4096 : w->wb_cap;
		while (cap < w->wb_len + n)
			cap *= 2;
		if ((p = realloc(w->wb_buf, cap)) == NULL) {
			w->wb_err = ENOMEM;
			return (NULL);
		}
		w->wb_buf = p;
		w->wb_cap = cap;
	}
	p = w->wb_buf + w->wb_len;
	w->wb_len += n;
	return (p);
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

static void
w_member(struct ex_wbuf *w)
{
	w->wb_gcount[w->wb_depth]++;
}

void
ex_w_uint(struct ex_wbuf *w, uint32_t tag, uint64_t v)
{
	size_t n;
	uint8_t *p;

	switch (EX_TYPE(tag)) {
	case EX_T_UINT8:
		n = 1;
		break;
	case EX_T_UINT16:
		n = 2;
		break;
	case EX_T_UINT32:
		n = 4;
		break;
	case EX_T_UINT64:
		n = 8;
		break;
	default:
		if (w->wb_err == 0)
			w->wb_err = EINVAL;
		return;
	}
	if ((p = w_room(w, 8 + n)) == NULL)
		return;
	put32(p, tag);
	switch (n) {
	case 1:
		p[4] = (uint8_t)v;
		break;
	case 2:
		p[4] = (uint8_t)(v >> 8);
		p[5] = (uint8_t)v;
		break;
	case 4:
		put32(p + 4, (uint32_t)v);
		break;
	default:
		put64(p + 4, v);
		break;
	}
	put32(p + 4 + n, (uint32_t)(8 + n));
	w_member(w);
}

void
ex_w_double(struct ex_wbuf *w, uint32_t tag, double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof (bits));
	ex_w_double_bits(w, tag, bits);
}

void
ex_w_double_bits(struct ex_wbuf *w, uint32_t tag, uint64_t bits)
{
	uint8_t *p;

	if (EX_TYPE(tag) != EX_T_DOUBLE) {
		if (w->wb_err == 0)
			w->wb_err = EINVAL;
		return;
	}
	if ((p = w_room(w, 16)) == NULL)
		return;
	put32(p, tag);
	put64(p + 4, bits);
	put32(p + 12, 16);
	w_member(w);
}

static void
w_var(struct ex_wbuf *w, uint32_t tag, const void *d, size_t len, int nul)
{
	uint64_t total;
	uint8_t *p;

	if (EX_TYPE(tag) != EX_T_STRING && EX_TYPE(tag) != EX_T_RAW &&
	    EX_TYPE(tag) != EX_T_EXACCT) {
		if (w->wb_err == 0)
			w->wb_err = EINVAL;
		return;
	}
	if (len > SIZE_MAX / 4) {
		if (w->wb_err == 0)
			w->wb_err = ENOMEM;
		return;
	}
	total = 12 + (uint64_t)len + (nul ? 1 : 0) + 4;
	if ((p = w_room(w, (size_t)total)) == NULL)
		return;
	put32(p, tag);
	put64(p + 4, total - 12);
	if (len > 0)
		memcpy(p + 12, d, len);
	if (nul)
		p[12 + len] = '\0';
	put32(p + total - 4, total > UINT32_MAX ? 0 : (uint32_t)total);
	w_member(w);
}

void
ex_w_bytes(struct ex_wbuf *w, uint32_t tag, const void *d, size_t len)
{
	w_var(w, tag, d, len, EX_TYPE(tag) == EX_T_STRING);
}

void
ex_w_string(struct ex_wbuf *w, uint32_t tag, const char *s)
{
	w_var(w, tag, s, strlen(s), 1);
}

void
ex_w_group_begin(struct ex_wbuf *w, uint32_t tag)
{
	uint8_t *p;

	if (EX_TYPE(tag) != EX_T_GROUP || w->wb_depth >= EX_MAX_DEPTH) {
		if (w->wb_err == 0)
			w->wb_err = EINVAL;
		return;
	}
	if ((p = w_room(w, 20)) == NULL)
		return;
	put32(p, tag);
	put64(p + 4, 0);
	put32(p + 12, 0);
	put32(p + 16, 20);
	w_member(w);
	w->wb_gstart[w->wb_depth++] = w->wb_len - 20;
	w->wb_gcount[w->wb_depth] = 0;
}

void
ex_w_group_end(struct ex_wbuf *w)
{
	uint8_t *g, *p;
	uint64_t total;
	size_t start;

	if (w->wb_err != 0)
		return;
	if (w->wb_depth == 0) {
		w->wb_err = EINVAL;
		return;
	}
	start = w->wb_gstart[w->wb_depth - 1];
	if ((p = w_room(w, 4)) == NULL)
		return;
	total = w->wb_len - start;
	g = w->wb_buf + start;
	put64(g + 4, total - 16);
	put32(g + 12, w->wb_gcount[w->wb_depth]);
	put32(p, ex_be32(g) == EX_HEADER_TAG || total > UINT32_MAX ? 0 :
	    (uint32_t)total);
	w->wb_depth--;
}

void
ex_w_header(struct ex_wbuf *w, const char *creator, const char *host)
{
	ex_w_group_begin(w, EX_HEADER_TAG);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_VERSION), EX_VERSION);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_CREATOR), creator);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_FILETYPE), "exacct");
	if (host != NULL)
		ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_HOSTNAME), host);
	ex_w_group_end(w);
}
