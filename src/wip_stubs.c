/* Temporary: replaced as the report, interval and sweep parts land. */
#include <stdio.h>
#include "exdump.h"

int
report_files(int n, char *const f[], const struct opts *op)
{
	(void) n; (void) f; (void) op;
	(void) fprintf(stderr, "exdump: -c is not built yet\n");
	return (EXIT_DAMAGE);
}

int
interval_files(int n, char *const f[], const struct opts *op)
{
	(void) n; (void) f; (void) op;
	(void) fprintf(stderr, "exdump: -i is not built yet\n");
	return (EXIT_DAMAGE);
}

int
sweep_run(const char *path, const struct opts *op, char *rp, size_t len)
{
	(void) path; (void) op; (void) len;
	rp[0] = '\0';
	(void) fprintf(stderr, "exdump: -w is not built yet\n");
	return (EXIT_DAMAGE);
}
