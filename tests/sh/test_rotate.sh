#!/bin/sh
# test_rotate.sh: contrib/logrotate.d/exdump parses, and rotating a swept
# file with it keeps every interval for -i (ROTATION in the manual).
# Needs logrotate(8), found in PATH, /usr/sbin, or as $LOGROTATE; it is
# not installed for this (its package starts a timer).
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
conf=contrib/logrotate.d/exdump

ok() { echo "ok $1"; }
notok() {
	n=$1
	shift
	echo "not ok $n: $*"
}

lr=${LOGROTATE:-}
if [ -z "$lr" ]; then
	lr=$(command -v logrotate 2>/dev/null)
	[ -n "$lr" ] || { [ -x /usr/sbin/logrotate ] && lr=/usr/sbin/logrotate; }
fi
if [ -z "$lr" ]; then
	echo "skip rotate_config: logrotate is not installed"
	echo "skip rotate_intervals: logrotate is not installed"
	exit 0
fi

# As root the sweep writes only through directories no one else can
# write, which /tmp is not: then the files are made in a root-only one
# (as in test_acctfile.sh).  logrotate, as root, wants the same.
. tests/lib/private_tmp.sh
tmp=$(private_tmp exdump-test) || tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The configuration as it is: logrotate -d reads it and says what it
# would do, and exits 0 even on an unknown word, so its errors are looked
# for; a word spelt wrong shows that they would be seen.
"$lr" -d -s "$tmp/state" "$conf" >"$tmp/out" 2>&1
rc=$?
sed 's/^\([[:space:]]*\)weekly$/\1weekly-typo/' "$conf" >"$tmp/typo"
"$lr" -d -s "$tmp/state" "$tmp/typo" >"$tmp/typo.out" 2>&1
if [ "$rc" = 0 ] && ! grep -q '^error' "$tmp/out" &&
    grep -q '^rotating pattern: /var/log/exacct/proc  *weekly (8 rotations)' \
    "$tmp/out" && grep -q '^error' "$tmp/typo.out"; then
	ok rotate_config
else
	notok rotate_config "exit $rc: $(grep -i error "$tmp/out")"
fi

if [ "$(uname -s)" != Linux ]; then
	echo "skip rotate_intervals: the sweep writes records itself on" \
	    "Linux only"
	exit 0
fi
if ! command -v gzip >/dev/null 2>&1; then
	echo "skip rotate_intervals: gzip is not installed"
	exit 0
fi

# The same configuration for a file here, rotated by force between
# sweeps.  One interval runs between two sweeps, so -i -S prints one row
# per pair of successive sweeps across all the files it is given.
f=$tmp/proc
sed "s|^/var/log/exacct/proc |$f |" "$conf" >"$tmp/conf"
rows() {
	"$EXDUMP" -i -S -H "$@" 2>/dev/null | wc -l | tr -d ' '
}
rot() {
	"$lr" -f -s "$tmp/state" "$tmp/conf" >"$tmp/lr.out" 2>&1 ||
	    notok rotate_run "$(cat "$tmp/lr.out")"
}
"$EXDUMP" -w -q "$f" && "$EXDUMP" -w -q "$f"	# sweeps 1, 2
rot						# proc.1 = 1, 2
e1=$([ -f "$f.1" ] && [ ! -e "$f" ] && echo renamed)
"$EXDUMP" -w -q "$f"				# proc = 3
"$EXDUMP" -i -S -H "$f.1" "$f" >"$tmp/a" 2>&1
"$EXDUMP" -i -S -H "$f" "$f.1" >"$tmp/b" 2>&1
n_old=$(rows "$f.1")
n_new=$(rows "$f")
n_both=$(wc -l <"$tmp/a" | tr -d ' ')
# The new file is a file of its own: a header, the dump reads it.
"$EXDUMP" "$f" >/dev/null 2>&1
drc=$?
if [ "$e1" = renamed ] && [ "$n_old" = 1 ] && [ "$n_new" = 0 ] &&
    [ "$n_both" = 2 ] && cmp -s "$tmp/a" "$tmp/b" && [ "$drc" = 0 ]; then
	ok rotate_intervals
else
	notok rotate_intervals "${e1:-not renamed (nocreate)}; intervals:" \
	    "$n_old in proc.1, $n_new in proc, $n_both in both (want 1 0" \
	    "2); the dump of the new file exits $drc"
fi
rot						# proc.2.gz = 1, 2; proc.1 = 3
"$EXDUMP" -w -q "$f"				# proc = 4
if [ -f "$f.2.gz" ] && [ -f "$f.1" ] && [ ! -e "$f.2" ]; then
	ok rotate_delaycompress
else
	notok rotate_delaycompress "$(cd "$tmp" && ls | tr '\n' ' ')"
fi
n=$(gzip -dc "$f.2.gz" | "$EXDUMP" -i -S -H - "$f.1" "$f" 2>/dev/null |
    wc -l | tr -d ' ')
if [ "$n" = 3 ]; then
	ok rotate_intervals_gz
else
	notok rotate_intervals_gz "$n intervals across the three files," \
	    "want 3"
fi
exit 0
