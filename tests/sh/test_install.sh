#!/bin/sh
# test_install.sh: "make install" into a staging directory puts the
# stripped binary, the manual, the logrotate example, the listener's
# service files (naming the installed binary) and the database schemas,
# loaders and queries of contrib/postgresql and contrib/clickhouse
# there, and "make uninstall" with the same PREFIX and DESTDIR leaves no
# file behind.
#
# It installs the binary under test ($EXDUMP) and never rebuilds it:
# make -o takes it as it is, whatever the dates of its sources.
LC_ALL=C
export LC_ALL
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() {
	n=$1
	shift
	echo "not ok $n: $*"
}

# The Makefile is GNU make's (gmake on illumos).
mk=${MAKE:-}
if [ -z "$mk" ]; then
	if command -v gmake >/dev/null 2>&1; then mk="gmake"; else mk="make"; fi
fi
if ! "$mk" --version 2>/dev/null | grep -q 'GNU Make'; then
	echo "skip install: no GNU make ($mk)"
	exit 0
fi

# mkinst TARGET DESTDIR [VAR=VALUE...]: make TARGET of the binary under
# test, without the flags of the make that runs the tests.
mkinst() {
	t=$1 d=$2
	shift 2
	MAKEFLAGS="" MAKELEVEL="" "$mk" -s -o "$EXDUMP" BIN="$EXDUMP" \
	    DESTDIR="$d" PREFIX=/usr "$@" "$t" >"$tmp/log" 2>&1
}

# symtab FILE: 0 if FILE has a symbol table, 1 if not, 2 if no tool can
# tell.  readelf names the section; nm says "no symbols"; file says
# "not stripped".
symtab() {
	if command -v readelf >/dev/null 2>&1; then
		readelf -S "$1" 2>/dev/null | grep -q '[.]symtab' && return 0
		return 1
	elif command -v nm >/dev/null 2>&1; then
		nm "$1" 2>&1 | grep -q 'no symbols' && return 1
		return 0
	elif command -v file >/dev/null 2>&1; then
		case $(file "$1") in
		*"not stripped"*) return 0 ;;
		*stripped*) return 1 ;;
		esac
	fi
	return 2
}

d=$tmp/stage
ver=$(sed -n 's/^#define[[:space:]]*EXDUMP_VERSION[[:space:]]*"\(.*\)"$/\1/p' \
    include/version.h)
if mkinst install "$d"; then
	bin=$d/usr/bin/exdump
	if [ -x "$bin" ] && [ "$("$bin" -V)" = "exdump $ver" ] &&
	    cmp -s man/exdump.1 "$d/usr/share/man/man1/exdump.1" &&
	    cmp -s contrib/logrotate.d/exdump \
	    "$d/usr/share/exdump/logrotate.d/exdump" &&
	    [ -x "$d/usr/share/exdump/openrc/exdump-listen" ]; then
		ok install_files
	else
		notok install_files "$(cd "$d" && find . ! -type d)"
	fi
	# The service files run the installed binary, nothing left to fill.
	u=$d/usr/share/exdump/systemd/exdump-listen.service
	o=$d/usr/share/exdump/openrc/exdump-listen
	if grep -qx 'ExecStart=/usr/bin/exdump -W' "$u" &&
	    grep -qx 'command="/usr/bin/exdump"' "$o" &&
	    ! grep -q '@[A-Z]*@' "$u" "$o"; then
		ok install_services
	else
		notok install_services "$(grep -h 'exdump"*$\|@' "$u" "$o")"
	fi
	# The database files: schemas and queries as they are, the loaders
	# executable and running the installed binary by default.
	dbok=1
	for f in postgresql/exdump.sql postgresql/queries.sql \
	    clickhouse/exdump.sql clickhouse/queries.sql; do
		cmp -s "contrib/$f" "$d/usr/share/exdump/$f" || dbok=0
	done
	for f in postgresql/exdump-load-pg clickhouse/exdump-load-ch; do
		i=$d/usr/share/exdump/$f
		[ -x "$i" ] &&
		    grep -qx 'exdump=${EXDUMP:-/usr/bin/exdump}' "$i" &&
		    [ "$(diff "contrib/$f" "$i" | grep -c '^[<>]')" = 2 ] &&
		    sh -n "$i" || dbok=0
	done
	if [ "$dbok" = 1 ]; then
		ok install_db_files
	else
		notok install_db_files "$(cd "$d" && find ./usr/share/exdump \
		    ! -type d)"
	fi
	# systemd's own check; the binary is staged, not at /usr/bin, so
	# that one complaint is expected and nothing else.
	if command -v systemd-analyze >/dev/null 2>&1; then
		systemd-analyze --man=no verify "$u" >"$tmp/verify" 2>&1
		if grep -v 'Command /usr/bin/exdump is not executable' \
		    "$tmp/verify" | grep -q .; then
			notok install_unit_verify "$(cat "$tmp/verify")"
		else
			ok install_unit_verify
		fi
	else
		echo "skip install_unit_verify: no systemd-analyze here"
	fi
	# Stripped: the installed copy has no symbol table.  The build's
	# binary has one (it is linked with -g unless CFLAGS say otherwise),
	# which shows the check can tell.
	symtab "$EXDUMP"
	src=$?
	symtab "$bin"
	inst=$?
	if [ "$inst" = 2 ]; then
		echo "skip install_stripped: neither readelf, nm nor file"
	elif [ "$inst" = 1 ]; then
		ok install_stripped
		[ "$src" = 0 ] || echo "skip install_stripped_source:" \
		    "the binary under test has no symbols to strip"
	else
		notok install_stripped "$bin has a symbol table"
	fi
	# The build's own binary is left as it was.
	if [ "$src" = 1 ] || [ "$src" = 2 ] || symtab "$EXDUMP"; then
		ok install_leaves_build
	else
		notok install_leaves_build "$EXDUMP lost its symbols"
	fi
	if mkinst uninstall "$d" && [ -z "$(find "$d" ! -type d)" ] &&
	    [ ! -d "$d/usr/share/exdump" ]; then
		ok uninstall_removes_all
	else
		notok uninstall_removes_all "left: $(cd "$d" &&
		    find . ! -type d) $(cat "$tmp/log")"
	fi
else
	notok install_files "make install failed: $(cat "$tmp/log")"
fi

# STRIP= keeps the symbols.
d=$tmp/stage2
symtab "$EXDUMP"
if [ $? != 0 ]; then
	echo "skip install_nostrip: the binary under test has no symbols" \
	    "or no tool can tell"
elif mkinst install "$d" STRIP= && symtab "$d/usr/bin/exdump"; then
	ok install_nostrip
else
	notok install_nostrip "the binary has no symbol table: $(cat "$tmp/log")"
fi
# Uninstall leaves what is not exdump's: another file in bin stays.
mkdir -p "$d/usr/bin" && : >"$d/usr/bin/other"
if mkinst uninstall "$d" && [ "$(cd "$d" && find . ! -type d)" = \
    "./usr/bin/other" ]; then
	ok uninstall_leaves_others
else
	notok uninstall_leaves_others "left: $(cd "$d" && find . ! -type d)"
fi
exit 0
