/*
 * fmt_text.c: values in the text report, for reading and for awk: one
 * word each, "-" when absent, times and ratios as the columns always
 * showed them.
 */
#include <stdint.h>
#include <string.h>

#include "fmt.h"

/*
 * A string: printable ASCII but space and backslash as is, every other
 * byte as \ooo, a backslash doubled (the rules of out_escaped with
 * " \\"); empty is "-", and a lone "-" is written \055 so that "-"
 * always means absent.
 */
static char *
fmt_text_str(char *p, const char *s, size_t n)
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

char *
fmt_text_val(char *p, const struct fval *v)
{
	switch (v->fv_t) {
	case FV_U64:
		return (fmt_u64(p, v->fv_a));
	case FV_TIME:
		if (v->fv_prec == FT_WHOLE) {
			if (v->fv_neg && (v->fv_a != 0 || v->fv_b != 0))
				*p++ = '-';
			return (fmt_u64(p, v->fv_a));
		}
		if (v->fv_prec == FT_3CUT) {
			if (v->fv_neg)
				*p++ = '-';
			/* Seconds past what fits in ns are left whole. */
			if (v->fv_a < UINT64_MAX / NS_PER_SEC)
				return (fmt_ms(p, v->fv_a * NS_PER_SEC +
				    v->fv_b));
			p = fmt_u64(p, v->fv_a);
			return (fmt_lit(p, ".000"));
		}
		if (v->fv_neg)
			*p++ = '-';
		/* Made whole when it was set. */
		return (fmt_frac(p, v->fv_a, v->fv_b, NS_PER_SEC, 2));
	case FV_DEC:
		return (fmt_ratio(p, v->fv_a, v->fv_b, v->fv_prec));
	case FV_RATIO:
		return (fmt_ratio_n(p, v->fv_a, v->fv_b, v->fv_prec));
	case FV_STR:
		return (fmt_text_str(p, v->fv_s, v->fv_n));
	default:
		*p++ = '-';
		return (p);
	}
}
