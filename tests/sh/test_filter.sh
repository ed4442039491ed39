#!/bin/sh
# test_filter.sh: the report filters on the command line: what each usage
# error says, and -K, -u and the time range on a real sweep of this
# machine (as root: every process, kernel threads with their item).  The
# filters' rows on hand-made files are in tests/unit/test_filter.c.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
. tests/lib/private_tmp.sh
tmp=$(private_tmp exdump-filter) || tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=$(pwd)/fixtures/exacct/proc.exacct

# reason NAME WANT ARGS...: exit 2, nothing on stdout, WANT first on
# stderr, then the usage.
reason() {
	name=$1
	want=$2
	shift 2
	(cd "$tmp" && "$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
	rc=$?
	first=$(head -n 1 "$tmp/err")
	if [ "$rc" -ne 2 ]; then
		echo "not ok filter_$name: exit $rc, want 2"
	elif [ -s "$tmp/out" ]; then
		echo "not ok filter_$name: printed on stdout"
	elif [ "$first" != "$want" ]; then
		echo "not ok filter_$name: got \"$first\""
	elif ! sed -n 2p "$tmp/err" | grep -q '^usage: exdump '; then
		echo "not ok filter_$name: no usage after the reason"
	else
		echo "ok filter_$name"
	fi
}

reason u_name_with_n \
    'exdump: -u: with -n (no name look-ups) the user is a number, not "root"' \
    -c -u root -n "$f"
reason u_unknown \
    'exdump: -u: no user "no-such-user-x" on this system (give the number)' \
    -c -u no-such-user-x "$f"
reason u_range 'exdump: -u: user number "4294967296" is out of range' \
    -c -u 4294967296 "$f"
reason u_empty 'exdump: -u takes a user name or number, not ""' -c -u '' "$f"
reason u_twice 'exdump: -u can be given only once' -c -u 0 -u 1 "$f"
reason C_long \
    'exdump: -C: a command is 1 to 15 bytes, as recorded, not "0123456789abcdef"' \
    -c -C 0123456789abcdef "$f"
reason C_empty 'exdump: -C: a command is 1 to 15 bytes, as recorded, not ""' \
    -i -C '' "$f"
reason z_empty 'exdump: -z: a zone name is 1 to 63 bytes, not ""' \
    -c -z '' "$f"
reason k_bad \
    'exdump: unknown kind "exit" for -k (final, partial or interval)' \
    -c -k exit "$f"
reason k_twice 'exdump: -k can be given only once' -c -k final -k final "$f"
reason s_bad 'exdump: -s: "yesterday" is not a time: it is not epoch seconds, YYYY-MM-DDTHH:MM[:SS] (local, or with Z or +HH:MM) or HH:MM[:SS]' \
    -c -s yesterday "$f"
reason e_month \
    'exdump: -e: "2026-13-01T00:00" is not a time: the month is not 01 to 12' \
    -i -e 2026-13-01T00:00 "$f"
reason s_hour \
    'exdump: -s: "25:00" is not a time: the hour is not 00 to 23' \
    -c -s 25:00 "$f"
reason s_twice 'exdump: -s can be given only once' -c -s 1 -s 2 "$f"
reason s_after_e \
    'exdump: -s is after -e: no record can end in that range' \
    -c -s 2026-12-01T10:00Z -e 2026-12-01T11:00+02:00 "$f"
reason e_missing 'exdump: -e needs an argument' -c -e
reason filter_no_report \
    'exdump: -C, -e, -K, -k, -s, -u and -z filter a report: they need -c or -i' \
    -K "$f"

# The fixture's records (illumos) all finish in March 2005, after
# 2000-01-01: a range that ends before them keeps none, one around them
# all; the forms of TIME are accepted.
n_all=$("$EXDUMP" -c -H -t proc "$f" | wc -l)
n_in=$("$EXDUMP" -c -H -t proc -s 2000-01-01T00:00Z -e 2030-01-01T00:00:00+01:00 "$f" | wc -l)
n_none=$("$EXDUMP" -c -H -t proc -e 946684800 "$f" | wc -l)
n_today=$("$EXDUMP" -c -H -t proc -s 00:00 "$f" | wc -l)
if [ "$n_all" -gt 0 ] && [ "$n_in" = "$n_all" ] && [ "$n_none" = 0 ] &&
    [ "$n_today" = 0 ]; then
	echo "ok filter_time_forms"
else
	echo "not ok filter_time_forms: all $n_all, in range $n_in," \
	    "before 2000 $n_none, today $n_today"
fi

# --- a real sweep ----------------------------------------------------
if [ "$(uname -s)" != Linux ] || [ "$(id -u)" != 0 ]; then
	echo "skip filter_sweep_kthread: needs root on Linux"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "skip filter_sweep_kthread: python3 is not installed"
	exit 0
fi
p=$tmp/proc
"$EXDUMP" -w -q "$p" 2>"$tmp/err" || echo "not ok filter_sweep: $(cat "$tmp/err")"
sleep 1
"$EXDUMP" -w -q "$p" 2>"$tmp/err" || echo "not ok filter_sweep: $(cat "$tmp/err")"
"$EXDUMP" -c -F json -t proc "$p" >"$tmp/all.json"
"$EXDUMP" -c -F json -t proc -K "$p" >"$tmp/k.json"

# Every record with "kthread" is a kernel thread: PF_KTHREAD in its
# /proc stat flags, if it is still there; pid 2 (kthreadd) has it; this
# shell, a user process, does not.  -K leaves out exactly the records
# with the item, pid 2 or parent 2.
if python3 - "$tmp/all.json" "$tmp/k.json" $$ <<'EOF'
import json, sys
allr = [json.loads(l) for l in open(sys.argv[1])]
kr = [json.loads(l) for l in open(sys.argv[2])]
me = int(sys.argv[3])
bad = []
def flags(pid):
    try:
        s = open("/proc/%d/stat" % pid).read()
    except OSError:
        return None
    return int(s[s.rindex(")") + 2:].split()[6])
nk = 0
for r in allr:
    if "kthread" in r:
        nk += 1
        if r["kthread"] != 1:
            bad.append("kthread not true: %r" % r)
        fl = flags(r["procid"])
        if fl is not None and not fl & 0x00200000:
            bad.append("not a kernel thread: %d" % r["procid"])
    else:
        fl = flags(r["procid"])
        if fl is not None and fl & 0x00200000:
            bad.append("kernel thread without the item: %d" % r["procid"])
if nk == 0:
    bad.append("no kernel thread recorded")
if not any(r["procid"] == 2 and r.get("kthread") == 1 for r in allr):
    bad.append("kthreadd has no kthread item")
mine = [r for r in allr if r["procid"] == me]
if len(mine) != 2 or any("kthread" in r for r in mine):
    bad.append("this shell: %r" % mine)
want = [r for r in allr if not ("kthread" in r or r["procid"] == 2 or
        r.get("ppid") == 2)]
if kr != want:
    bad.append("-K kept %d records, want %d" % (len(kr), len(want)))
if any(r["procid"] == me for r in kr) is False:
    bad.append("-K left out this shell")
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
EOF
then
	echo "ok filter_sweep_kthread"
else
	echo "not ok filter_sweep_kthread"
fi

# -i -u 0 and -i -K: the rows of -i whose uid (4th column) is 0, and the
# rows that are not of kernel threads, as python finds them in the
# unfiltered JSON rows, which carry the item.
"$EXDUMP" -i -H -t proc "$p" >"$tmp/i.all" 2>/dev/null
"$EXDUMP" -i -H -t proc -u 0 "$p" >"$tmp/i.u0" 2>/dev/null
awk '$4 == 0' "$tmp/i.all" >"$tmp/i.u0.want"
if [ -s "$tmp/i.u0" ] && cmp -s "$tmp/i.u0" "$tmp/i.u0.want"; then
	echo "ok filter_sweep_i_u"
else
	echo "not ok filter_sweep_i_u: $(diff "$tmp/i.u0.want" "$tmp/i.u0" | head -5)"
fi
"$EXDUMP" -i -H -t proc -u "$(id -u nobody 2>/dev/null || echo 65534)" "$p" \
    >"$tmp/i.nobody" 2>/dev/null
awk -v u="$(id -u nobody 2>/dev/null || echo 65534)" '$4 == u' "$tmp/i.all" \
    >"$tmp/i.nobody.want"
if cmp -s "$tmp/i.nobody" "$tmp/i.nobody.want"; then
	echo "ok filter_sweep_i_u_other"
else
	echo "not ok filter_sweep_i_u_other"
fi
"$EXDUMP" -i -F json -t proc "$p" >"$tmp/i.json" 2>/dev/null
"$EXDUMP" -i -F json -t proc -K "$p" >"$tmp/i.k.json" 2>/dev/null
if python3 - "$tmp/i.json" "$tmp/i.k.json" <<'EOF'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
k = [json.loads(l) for l in open(sys.argv[2])]
want = [r for r in a if not ("kthread" in r or r["procid"] == 2 or
        r.get("ppid") == 2)]
ok = len(a) > len(k) > 0 and k == want and any("kthread" in r for r in a)
sys.exit(0 if ok else 1)
EOF
then
	echo "ok filter_sweep_i_K"
else
	echo "not ok filter_sweep_i_K"
fi

# A range after the sweeps keeps nothing; one around them, everything.
now=$(date +%s)
n0=$("$EXDUMP" -c -H -t proc -s $((now + 100)) "$p" | wc -l)
n1=$("$EXDUMP" -c -H -t proc -s $((now - 3600)) -e $((now + 100)).5 "$p" | wc -l)
na=$("$EXDUMP" -c -H -t proc "$p" | wc -l)
if [ "$n0" = 0 ] && [ "$na" -gt 0 ] && [ "$n1" = "$na" ]; then
	echo "ok filter_sweep_time"
else
	echo "not ok filter_sweep_time: after $n0, around $n1 of $na"
fi
