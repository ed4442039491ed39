/*
 * fmt_json.c: values as JSON members, at full precision: a time as
 * integer nanoseconds under its field's name with "_ns" added, the K and
 * MB columns exact, strings valid UTF-8 that show a terminal nothing but
 * what they say.  Absent members are left out.
 */
#include <stdint.h>
#include <string.h>

#include "fmt.h"

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
int
fmt_cp_hidden(uint32_t cp)
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
char *
fmt_json_str(char *p, const char *s, size_t n)
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
			if (!fmt_cp_hidden(cp)) {
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

char *
fmt_json_member(char *p, const char *name, const struct fval *v)
{
	if (v->fv_t == FV_NONE)
		return (p);
	*p++ = ',';
	*p++ = '"';
	p = fmt_lit(p, name);
	if (v->fv_t == FV_TIME)
		p = fmt_lit(p, "_ns");
	*p++ = '"';
	*p++ = ':';
	switch (v->fv_t) {
	case FV_U64:
		return (fmt_u64(p, v->fv_a));
	case FV_TIME:
		return (fmt_ns(p, v));
	case FV_DEC:
		return (fmt_exact(p, v->fv_a, v->fv_b));
	case FV_RATIO:
		return (fmt_ratio_n(p, v->fv_a, v->fv_b, v->fv_prec));
	default:
		p = fmt_json_str(p, v->fv_s, v->fv_n);
		if (v->fv_cut) {
			*p++ = ',';
			*p++ = '"';
			p = fmt_lit(p, name);
			p = fmt_lit(p, "_cut\":true");
		}
		return (p);
	}
}
