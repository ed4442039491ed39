/*
 * version.h: the version -V prints.  One place, so that a release changes
 * one line.
 */
#ifndef VERSION_H
#define VERSION_H

#define	EXDUMP_VERSION	"0.9"

#endif /* VERSION_H */
