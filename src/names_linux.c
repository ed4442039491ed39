/*
 * names_linux.c: project names where the system has no project database
 * library: /etc/project, in the illumos project(5) format, if present.
 */
#include "exdump.h"

int
os_project_name(uint32_t projid, char *buf, size_t len)
{
	return (project_name_in("/etc/project", projid, buf, len));
}
