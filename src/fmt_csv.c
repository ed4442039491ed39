/*
 * fmt_csv.c: values in RFC 4180 CSV, for spreadsheets and databases:
 * every value at full precision (times in seconds with nine decimals,
 * the K and MB columns exact), an empty field when absent.
 */
#include <stdint.h>

#include "fmt.h"

/*
 * A string: bytes outside printable ASCII as \ooo and a backslash
 * doubled, so that a field never holds a line break and its bytes
 * survive any reader; quoted when it holds a comma or a quote.  Empty is
 * an empty field.
 */
static char *
fmt_csv_str(char *p, const char *s, size_t n)
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

char *
fmt_csv_val(char *p, const struct fval *v)
{
	switch (v->fv_t) {
	case FV_U64:
		return (fmt_u64(p, v->fv_a));
	case FV_TIME:
		return (fmt_sec9(p, v));
	case FV_DEC:
		return (fmt_exact(p, v->fv_a, v->fv_b));
	case FV_RATIO:
		return (fmt_ratio_n(p, v->fv_a, v->fv_b, v->fv_prec));
	case FV_STR:
		return (fmt_csv_str(p, v->fv_s, v->fv_n));
	default:
		return (p);
	}
}
