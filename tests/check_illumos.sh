#!/bin/sh
# check_illumos.sh: syntax-check every file the illumos build compiles,
# and the tests, against an illumos source tree's headers, with the
# project's warning flags: make check-illumos ILLUMOS_SRC=DIR, where DIR
# is the tree's usr/src.  Not part of make check (the headers are not
# ours to ship).
#
#   sh tests/check_illumos.sh DIR OBJDIR
#
# Each file is checked three ways: clang for x86_64-pc-solaris2.11 and
# for i386-pc-solaris2.11 (when clang is there), and gcc with the Linux
# macros taken away and illumos's put in (when gcc is there).  A source
# tree lacks the headers its build generates; sys/priv_names.h, which
# <sys/priv.h> includes, is given as an empty file.  Closes with
# "N passed, N failed".
dir=$1
objdir=${2:-build}
if [ -z "$dir" ] || [ ! -f "$dir/uts/common/sys/exacct.h" ]; then
	echo "check-illumos: ILLUMOS_SRC must name an illumos tree's usr/src" \
	    "(with uts/common/sys/exacct.h)" >&2
	exit 2
fi
gen=$objdir/illumos-gen
mkdir -p "$gen/sys" || exit 1
[ -f "$dir/uts/common/sys/priv_names.h" ] || : >"$gen/sys/priv_names.h"

flags="-fsyntax-only -nostdinc -std=c99 -Wall -Wextra -Werror -pedantic
    -D_POSIX_C_SOURCE=200809L -D__EXTENSIONS__ -Iinclude -Itests/unit
    -isystem $gen -isystem $dir/head -isystem $dir/uts/common
    -isystem $dir/uts/intel"
files=$(ls src/*.c tests/unit/test_*.c tests/helpers/helper_*.c \
    tests/fuzz/*.c | grep -v '_linux\.c$')
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

one() {		# what file command...
	what=$1 f=$2
	shift 2
	# shellcheck disable=SC2086
	if "$@" $flags "$f" >"$log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok $what $f"
		head -n 5 "$log"
	fi
}

for f in $files; do
	if command -v clang >/dev/null 2>&1; then
		one clang-x86_64 "$f" clang --target=x86_64-pc-solaris2.11
		one clang-i386 "$f" clang --target=i386-pc-solaris2.11
	fi
	if command -v gcc >/dev/null 2>&1; then
		one gcc "$f" gcc -U__linux__ -U__linux -Ulinux -U__gnu_linux__ \
		    -D__sun -D__sun__ -D__SVR4 -D__svr4__
	fi
done
echo "check-illumos: $(echo "$files" | wc -l | tr -d ' ') files against $dir"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
