#!/bin/sh
# test_golden.sh: the classic dump of every fixture, byte for byte what the
# original illumos exdump printed (fixtures/expected), default and -v.
#
# The expected stderr quotes the path as "fixtures/NAME.exacct", so the
# dump runs in a scratch directory where the fixtures are linked at that
# path.  Our messages add ": reason" after the original's text.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
root=$(pwd)
exp=$root/fixtures/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/fixtures"
for f in "$root"/fixtures/exacct/*.exacct "$root"/fixtures/broken/*.exacct; do
	ln -s "$f" "$tmp/fixtures/$(basename "$f")"
done

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }
skip() {
	n=$1
	shift
	echo "skip $n: $*"
}

# run NAME ARGS...: the dump in the scratch directory, into $tmp/out,
# $tmp/err and $rc.
run() {
	(cd "$tmp" && "$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err")
	rc=$?
}

# check_out NAME WANT: stdout is exactly the file WANT.
check_out() {
	if cmp -s "$tmp/out" "$2"; then
		ok "$1"
	else
		notok "$1" "stdout differs from $(basename "$2")"
		diff "$2" "$tmp/out" | head -n 10
	fi
}

# check_prefix NAME WANT: stdout starts with the file WANT.
check_prefix() {
	n=$(wc -c <"$2")
	if head -c "$n" "$tmp/out" | cmp -s - "$2"; then
		ok "$1"
	else
		notok "$1" "stdout does not start with $(basename "$2")"
	fi
}

check_rc() {
	if [ "$rc" -eq "$2" ]; then
		ok "$1"
	else
		notok "$1" "exit $rc, want $2"
	fi
}

# check_err NAME WANTFILE: stderr is the original's one line, optionally
# followed by ": reason" on the same line; empty if the original's was.
check_err() {
	want=$(cat "$2")
	got=$(cat "$tmp/err")
	nl=$(wc -l <"$tmp/err")
	if [ -z "$want" ]; then
		if [ ! -s "$tmp/err" ]; then
			ok "$1"
		else
			notok "$1" "unexpected stderr: $got"
		fi
		return
	fi
	case $got in
	"$want" | "$want: "?*)
		if [ "$nl" -eq 1 ]; then
			ok "$1"
		else
			notok "$1" "stderr has $nl lines: $got"
		fi
		;;
	*)
		notok "$1" "stderr \"$got\" does not start with \"$want\""
		;;
	esac
}

# check_msg NAME TEXT: stderr is exactly the one line TEXT.
check_msg() {
	got=$(cat "$tmp/err")
	nl=$(wc -l <"$tmp/err")
	[ -z "$2" ] && nl=$((nl + 1))
	if [ "$got" = "$2" ] && [ "$nl" -eq 1 ]; then
		ok "$1"
	else
		notok "$1" "stderr \"$got\", want \"$2\""
	fi
}

# The Debian names the plain NAME.v.out files carry; empty if all found.
missing_names() {
	miss=
	for pair in passwd:0:root passwd:100:messagebus group:1:daemon \
	    group:10:uucp services:22/tcp:ssh services:53/tcp:domain \
	    services:80/tcp:http services:443/tcp:https \
	    services:2049/tcp:nfs protocols:0:ip protocols:1:icmp \
	    protocols:6:tcp protocols:17:udp protocols:58:ipv6-icmp; do
		db=${pair%%:*}
		rest=${pair#*:}
		key=${rest%:*}
		name=${rest##*:}
		got=$(getent "$db" "$key" 2>/dev/null | sed 's/[: ].*//')
		[ "$got" = "$name" ] || miss="$miss $db $key=$name"
	done
	# A project database would add names the goldens do not have.
	[ -e /etc/project ] && miss="$miss (/etc/project exists)"
	echo "$miss"
}
if command -v getent >/dev/null 2>&1; then
	names_missing=$(missing_names)
else
	names_missing=" (no getent to check them)"
fi

for f in "$root"/fixtures/exacct/*.exacct; do
	n=$(basename "$f" .exacct)
	run "fixtures/$n.exacct"
	check_out "golden_${n}_out" "$exp/$n.out"
	check_rc "golden_${n}_rc" "$(cat "$exp/$n.rc")"
	check_err "golden_${n}_err" "$exp/$n.err"

	run -v -n "fixtures/$n.exacct"
	check_out "golden_${n}_v_nolookup_out" "$exp/nolookup/$n.v.out"
	check_rc "golden_${n}_v_nolookup_rc" "$(cat "$exp/$n.v.rc")"
	check_err "golden_${n}_v_nolookup_err" "$exp/$n.v.err"

	if [ -n "$names_missing" ]; then
		skip "golden_${n}_v_names" "this machine lacks the names" \
		    "the goldens carry:$names_missing"
		continue
	fi
	run -v "fixtures/$n.exacct"
	check_out "golden_${n}_v_out" "$exp/$n.v.out"
	check_rc "golden_${n}_v_rc" "$(cat "$exp/$n.v.rc")"
	check_err "golden_${n}_v_err" "$exp/$n.v.err"
done

# Every fixture with every size and backskip overwritten: the original's
# reader never uses them (xget_object reads a group's size and small
# backskip into locals it drops, and an item's or a group's closing
# backskip into a scratch word; the demo never reads backwards), so it
# prints the golden output, with the golden exit status.  So must we,
# byte for byte, in both modes.  python3 rewrites the fields, walking
# each file by member count as the original does.
scramble() {
	python3 - "$1" "$2" <<'EOF'
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
junk = [0, 1, 7, 0xffffffffffffffff, 0x7fffffff, 20, 1 << 40]
n = 0


def bad(width):
    global n
    n += 1
    return junk[n % len(junk)] & ((1 << (8 * width)) - 1)


def put(off, width, v):
    data[off:off + width] = v.to_bytes(width, "big")


def walk(off, count):
    """Walk count objects from off (all to the end if -1)."""
    while count != 0 and off < len(data):
        kind = data[off] >> 4
        if kind == 0xF:
            nobjs = struct.unpack(">I", data[off + 12:off + 16])[0]
            put(off + 4, 8, bad(8))
            put(off + 16, 4, bad(4))
            off = walk(off + 20, nobjs)
            put(off, 4, bad(4))
            off += 4
        elif kind in (6, 7, 8):
            size = struct.unpack(">Q", data[off + 4:off + 12])[0]
            off += 12 + size
            put(off - 4, 4, bad(4))
        else:
            off += 8 + {1: 1, 2: 2, 3: 4, 4: 8, 5: 8}[kind]
            put(off - 4, 4, bad(4))
        count -= 1
    return off


if walk(0, -1) != len(data):
    sys.exit(1)
open(sys.argv[2], "wb").write(data)
EOF
}
if command -v python3 >/dev/null 2>&1; then
	for f in "$root"/fixtures/exacct/*.exacct; do
		n=$(basename "$f" .exacct)
		s=$tmp/fixtures/scrambled_$n.exacct
		if ! scramble "$f" "$s"; then
			notok "golden_scrambled_$n" \
			    "python3 could not rewrite it"
			continue
		fi
		if cmp -s "$f" "$s"; then
			notok "golden_scrambled_${n}_changed" \
			    "nothing rewritten"
		else
			ok "golden_scrambled_${n}_changed"
		fi
		run "fixtures/scrambled_$n.exacct"
		check_out "golden_scrambled_${n}_out" "$exp/$n.out"
		check_rc "golden_scrambled_${n}_rc" "$(cat "$exp/$n.rc")"
		sed "s/$n\.exacct/scrambled_$n.exacct/" "$exp/$n.err" \
		    >"$tmp/want.err"
		check_err "golden_scrambled_${n}_err" "$tmp/want.err"
		run -v -n "fixtures/scrambled_$n.exacct"
		check_out "golden_scrambled_${n}_v_out" \
		    "$exp/nolookup/$n.v.out"
		check_rc "golden_scrambled_${n}_v_rc" "$(cat "$exp/$n.v.rc")"
		check_err "golden_scrambled_${n}_v_err" "$exp/$n.v.err"
	done
else
	skip golden_scrambled "python3 is not installed"
fi

# The broken fixtures: the original's stdout is where ours must start; our
# messages and exit statuses are our own.
bx=$exp/broken

run fixtures/empty.exacct
check_out golden_broken_empty_out "$bx/empty.out"
check_rc golden_broken_empty_rc 1
check_msg golden_broken_empty_msg \
    "exdump: cannot open fixtures/empty.exacct: not an exacct file: it is empty"
run -v fixtures/empty.exacct
check_out golden_broken_empty_v_out "$bx/empty.v.out"
check_rc golden_broken_empty_v_rc 0
check_msg golden_broken_empty_v_msg ""

run fixtures/badversion.exacct
check_out golden_broken_badversion_out "$bx/badversion.out"
check_rc golden_broken_badversion_rc 1
check_msg golden_broken_badversion_msg "exdump: cannot open\
 fixtures/badversion.exacct: unsupported exacct version 2"
if [ -n "$names_missing" ]; then
	skip golden_broken_badversion_v "this machine lacks the names the" \
	    "goldens carry:$names_missing"
else
	run -v fixtures/badversion.exacct
	check_out golden_broken_badversion_v_out "$bx/badversion.v.out"
	check_rc golden_broken_badversion_v_rc 0
	check_msg golden_broken_badversion_v_msg ""
fi

# proc.exacct cut 3 bytes short: the last item goes with its record's
# backskip, as in the original; nothing follows, so all must match.
msg="exdump: fixtures/trunc_last3.exacct: offset 11327: file ends inside\
 a group before its closing backskip"
run fixtures/trunc_last3.exacct
check_prefix golden_broken_trunc_last3_prefix "$bx/trunc_last3.out"
check_out golden_broken_trunc_last3_out "$bx/trunc_last3.out"
check_rc golden_broken_trunc_last3_rc 2
check_msg golden_broken_trunc_last3_msg "$msg"
run -v -n fixtures/trunc_last3.exacct
sed '$d' "$exp/nolookup/proc.v.out" >"$tmp/want"
check_out golden_broken_trunc_last3_v_out "$tmp/want"
check_rc golden_broken_trunc_last3_v_rc 2
check_msg golden_broken_trunc_last3_v_msg "$msg"
if [ -z "$names_missing" ]; then
	run -v fixtures/trunc_last3.exacct
	check_out golden_broken_trunc_last3_v_names "$bx/trunc_last3.v.out"
fi

# proc.exacct with the first record's member count 35 raised to 36: the
# original stops after that record; we say so and go on with the other 20.
msg="exdump: fixtures/nobjs_plus1.exacct: offset 102: group declares 36\
 members, but 35 fill its size"
run fixtures/nobjs_plus1.exacct
check_prefix golden_broken_nobjs_plus1_prefix "$bx/nobjs_plus1.out"
sed '1s/group of 35 object/group of 36 object/' "$exp/proc.out" >"$tmp/want"
check_out golden_broken_nobjs_plus1_rest "$tmp/want"
nrec=$(tail -n +37 "$tmp/out" | grep -c "$(printf '^   100\tgroup-proc ')")
if [ "$nrec" -eq 20 ]; then
	ok golden_broken_nobjs_plus1_records
else
	notok golden_broken_nobjs_plus1_records \
	    "$nrec records after the damage, want 20"
fi
check_rc golden_broken_nobjs_plus1_rc 2
check_msg golden_broken_nobjs_plus1_msg "$msg"
run -v -n fixtures/nobjs_plus1.exacct
sed '6s/group of 35 object/group of 36 object/' "$exp/nolookup/proc.v.out" \
    >"$tmp/want"
check_out golden_broken_nobjs_plus1_v_out "$tmp/want"
check_rc golden_broken_nobjs_plus1_v_rc 2
check_msg golden_broken_nobjs_plus1_v_msg "$msg"
if [ -z "$names_missing" ]; then
	run -v fixtures/nobjs_plus1.exacct
	check_prefix golden_broken_nobjs_plus1_v_prefix "$bx/nobjs_plus1.v.out"
fi
exit 0
