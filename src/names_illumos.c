/*
 * names_illumos.c: project names from the system's project database.
 * Compiled only on illumos; not run by the tests on Linux.
 */
#include <project.h>
#include <string.h>

#include "exdump.h"

int
os_project_name(uint32_t projid, char *buf, size_t len)
{
	struct project proj;
	char pbuf[PROJECT_BUFSZ];

	if (getprojbyid((projid_t)projid, &proj, pbuf, sizeof (pbuf)) == NULL)
		return (-1);
	if (strlen(proj.pj_name) >= len)
		return (-1);
	(void) strcpy(buf, proj.pj_name);
	return (0);
}
