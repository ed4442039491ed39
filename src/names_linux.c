/*
 * names_linux.c: project names where the system has no project database
 * library: /etc/project, in the illumos project(5) format, if present.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exdump.h"

int
os_project_name(uint32_t projid, char *buf, size_t len)
{
	FILE *f;
	char line[1024];
	int found = -1;

	if ((f = fopen("/etc/project", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof (line), f) != NULL) {
		char *name = line, *id, *end, *colon;
		unsigned long v;

		if ((colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		id = colon + 1;
		if (*id < '0' || *id > '9')
			continue;
		v = strtoul(id, &end, 10);
		if (*end != ':' || v != projid)
			continue;
		if (strlen(name) < len) {
			(void) strcpy(buf, name);
			found = 0;
		}
		break;
	}
	(void) fclose(f);
	return (found);
}
