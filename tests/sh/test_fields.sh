#!/bin/sh
# test_fields.sh: the table of fields and -o.  Every field of each row kind
# is asked for with -o in text, CSV and JSON: the headers are the names
# `exdump -o help` lists, CSV is read back by Python's csv and by sqlite3,
# JSON by Python's json, and each value agrees across the three formats
# (CSV exact; JSON the same, times in ns under NAME_ns; text rounded half
# up, or cut for the times of three decimals).  The man page lists the
# same fields.  -o's usage errors say what is wrong.  The files: the
# fixtures (written by the original libexacct) and, as root on Linux, two
# sweeps of this machine (waits, kernel threads, the host's CPU).
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
. tests/lib/private_tmp.sh
tmp=$(private_tmp exdump-fields) || tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fix=$(pwd)/fixtures/exacct

# reason NAME WANT ARGS...: exit 2, nothing on stdout, WANT first on
# stderr, then the usage.
reason() {
	name=$1
	want=$2
	shift 2
	"$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	first=$(head -n 1 "$tmp/err")
	if [ "$rc" -ne 2 ]; then
		echo "not ok fields_$name: exit $rc, want 2"
	elif [ -s "$tmp/out" ]; then
		echo "not ok fields_$name: printed on stdout"
	elif [ "$first" != "$want" ]; then
		echo "not ok fields_$name: got \"$first\""
	elif ! sed -n 2p "$tmp/err" | grep -q '^usage: exdump '; then
		echo "not ok fields_$name: no usage after the reason"
	else
		echo "ok fields_$name"
	fi
}

reason o_unknown "exdump: -o: no field is named 'pid' (exdump -o help lists them)" \
    -c -o procid,pid "$fix/proc.exacct"
reason o_empty "exdump: -o: an empty field name" -c -o procid,,usr \
    "$fix/proc.exacct"
reason o_kind "exdump: -o: arMB is not a field of the summary rows (-S)" \
    -i -S -o start,arMB "$fix/proc.exacct"
reason o_kind_proc "exdump: -o: capture is not a field of the process rows" \
    -c -o capture "$fix/proc.exacct"
reason o_no_report "exdump: -o chooses the columns of -c and -i: it needs one of them" \
    -o procid "$fix/proc.exacct"
reason o_task "exdump: -o: procid is not a field of the task rows" \
    -c -t task -o procid "$fix/task.exacct"
reason o_conn "exdump: -o: npkts is not a field of the connection rows (-i -t flow)" \
    -i -t flow -o npkts "$fix/flow.exacct"
reason o_twice "exdump: -o can be given only once" -c -o procid -o usr \
    "$fix/proc.exacct"
reason o_c_end "exdump: -o: end is of the intervals: a field of -i rows, not of -c" \
    -c -o procid,end "$fix/proc.exacct"
reason o_S_user "exdump: -o: user is a field of -S rows only with -g user" \
    -i -S -o start,user "$fix/proc.exacct"
reason o_S_share "exdump: -o: share is a key's share: a field of -S -g rows" \
    -i -S -o share "$fix/proc.exacct"
reason o_Sg_capture "exdump: -o: capture is the host's: with -g, share is the key's" \
    -i -S -g user -o user,capture "$fix/proc.exacct"
reason o_json_twice "exdump: -o: usr is given twice: a JSON object has each key once" \
    -c -F json -o usr,procid,usr "$fix/proc.exacct"
many=$(i=0; while [ $i -lt 65 ]; do printf 'usr,'; i=$((i + 1)); done)
reason o_many "exdump: -o: more than 64 fields" -c -o "${many}usr" \
    "$fix/proc.exacct"

if ! "$EXDUMP" -o help >"$tmp/help" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
	echo "not ok fields_help: $(cat "$tmp/err")"
	exit 0
fi
# Every field in the man page's FIELDS section, and nothing else there.
sed -n '/^\.Sh FIELDS/,/^\.Sh /p' man/exdump.1 |
    sed -n 's/^\.It Cm \([A-Za-z_:]*\).*/\1/p' >"$tmp/man.fields"
awk 'NR > 1 { print $1 }' "$tmp/help" >"$tmp/help.fields"
if [ -s "$tmp/man.fields" ] && cmp -s "$tmp/man.fields" "$tmp/help.fields"
then
	echo "ok fields_man_lists_every_field"
else
	echo "not ok fields_man_lists_every_field: $(diff "$tmp/help.fields" \
	    "$tmp/man.fields" | tr '\n' '|')"
fi

if ! command -v python3 >/dev/null 2>&1; then
	echo "skip fields_formats: python3 is not installed"
	exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "skip fields_sqlite3: sqlite3 is not installed"
	nosql=1
else
	nosql=0
fi

# The inputs: fixtures, and a live sweep as root on Linux.
set -- "$fix/proc.exacct" "$fix/proc_partial.exacct"
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ]; then
	"$EXDUMP" -w -q "$tmp/live" 2>"$tmp/err" &&
	    sleep 1 && "$EXDUMP" -w -q "$tmp/live" 2>>"$tmp/err" ||
	    echo "not ok fields_sweep: $(cat "$tmp/err")"
	set -- "$@" "$tmp/live"
else
	echo "skip fields_live: sweeping this machine needs root on Linux"
fi

# check NAME KIND FILE OPTION...: every field of KIND (proc, sum) with -o
# in the three formats.
check() {
	name=$1
	kind=$2
	file=$3
	shift 3
	# Every field of the kind, but those the mode has no value for
	# (refused by -o: tested above).
	case " $* " in
	*" -S -g "*) drop=" group project zone capture " ;;
	*" -S "*) drop=" user group project zone command share " ;;
	*" -c "*) drop=" end start len " ;;
	*) drop=" " ;;
	esac
	all=$(awk -v k="$kind" -v drop="$drop" 'NR > 1 &&
	    $2 ~ ("(^|,)" k "(,|$)") && index(drop, " " $1 " ") == 0 {
	    printf "%s%s", s, $1; s = "," }' "$tmp/help")
	rc=0
	"$EXDUMP" "$@" -o "$all" "$file" >"$tmp/t" 2>"$tmp/t.err" || rc=$?
	"$EXDUMP" "$@" -o "$all" -F csv "$file" >"$tmp/c" 2>/dev/null || rc=$?
	"$EXDUMP" "$@" -o "$all" -F json "$file" >"$tmp/j" 2>/dev/null || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok fields_$name: exit $rc: $(head -n 2 "$tmp/t.err")"
		return
	fi
	if res=$(python3 - "$all" "$tmp/t" "$tmp/c" "$tmp/j" <<'EOF'
import csv, json, sys
from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN
names = sys.argv[1].split(',')
# The times written with three decimals in text, cut rather than rounded.
CUT = {'end', 'start', 'len', 'pstart', 'started', 'finished', 'wait_cpu',
       'wait_blkio', 'wait_swapin', 'wait_reclaim'}
TIMES = CUT | {'usr', 'sys', 'time', 'hostcpu', 'timestamp', 'lseen',
               'dur'}
text = [l.split(' ') for l in open(sys.argv[2]).read().splitlines()]
raw = open(sys.argv[3], newline='').read()
assert raw.endswith('\r\n'), 'CSV rows end in CRLF'
rows = list(csv.reader(raw.splitlines(True)))
objs = [json.loads(l, parse_float=Decimal) for l in open(sys.argv[4])]
assert text[0] == names, ('text header', text[0])
assert rows[0] == names, ('CSV header', rows[0])
assert len(text) == len(rows) == len(objs) + 1, \
    (len(text), len(rows), len(objs))
def unesc(s):
    out, i = '', 0
    while i < len(s):
        if s[i] == '\\' and s[i + 1] == '\\':
            out += '\\'; i += 2
        elif s[i] == '\\':
            out += chr(int(s[i + 1:i + 4], 8)); i += 4
        else:
            out += s[i]; i += 1
    return out
n = 0
for t, c, o in zip(text[1:], rows[1:], objs):
    assert len(t) == len(c) == len(names), (t, c)
    for k in o:
        base = k[:-3] if k.endswith('_ns') and k[:-3] in TIMES else k
        assert k == 'type' or base in names, ('JSON key not asked', k)
    for name, tv, cv in zip(names, t, c):
        key = name + '_ns' if name in TIMES else name
        if cv == '':
            assert tv == '-' and o.get(key, '') == '', (name, tv, o.get(key))
            continue
        n += 1
        jv = o[key]
        if name in TIMES:
            assert Decimal(jv) / 10**9 == Decimal(cv), (name, jv, cv)
        elif isinstance(jv, str):
            assert unesc(cv) == jv, (name, cv, jv)
        else:
            assert Decimal(jv) == Decimal(cv), (name, jv, cv)
        if tv == cv or (isinstance(jv, str) and unesc(tv) == jv):
            continue
        if isinstance(jv, str) and not isinstance(o.get(key), str):
            raise AssertionError((name, tv, cv))
        # A number written at less precision in text (whole seconds:
        # a flow's times, which are whole).
        if '.' not in tv:
            assert Decimal(cv) == Decimal(tv), (name, tv, cv)
            continue
        q = Decimal(1).scaleb(-len(tv.split('.')[1]))
        mode = ROUND_DOWN if name in CUT else ROUND_HALF_UP
        assert Decimal(cv).quantize(q, rounding=mode) == Decimal(tv), \
            (name, tv, cv)
assert n > 0 or len(objs) == 0
print("%d rows, %d values" % (len(objs), n))
EOF
	)
	then
		echo "ok fields_$name: $res"
	else
		echo "not ok fields_$name: the formats disagree"
	fi
	if [ "$nosql" = 0 ]; then
		# sqlite3 imports the CSV with its header; the sum of usr (of
		# nbytes for flows) in SQL is the sum of the rows' values.
		col=usr
		[ "$kind" = flow ] && col=nbytes
		[ "$kind" = conn ] && col=obytes
		want=$(python3 -c '
import csv, sys
from decimal import Decimal
r = list(csv.DictReader(open(sys.argv[1], newline="")))
c = sys.argv[2]
print(len(r), "%.9f" % sum(Decimal(x[c]) for x in r if x[c] != ""))
' "$tmp/c" "$col")
		got=$(sqlite3 -batch -csv :memory: ".import $tmp/c t" \
		    "SELECT count(*) || ' ' || printf('%.9f', total(CAST(\"$col\" AS NUMERIC))) FROM t;" 2>&1)
		if [ "$(echo "$got" | tr -d '"')" = "$want" ]; then
			echo "ok fields_${name}_sqlite3"
		else
			echo "not ok fields_${name}_sqlite3: sqlite3 says $got, the rows $want"
		fi
	fi
}

# Tasks and flows, each table by -t.
check c_task task "$fix/task.exacct" -c -t task
check i_task task "$fix/task.exacct" -i -t task
check c_flow flow "$fix/flow.exacct" -c -t flow
check i_flow conn "$fix/flow.exacct" -i -t flow
for f in "$@"; do
	b=$(basename "$f" .exacct)
	check "c_$b" proc "$f" -c
	check "i_$b" proc "$f" -i
	check "S_$b" sum "$f" -i -S
	check "Sg_$b" sum "$f" -i -S -g user,command
done

# Names with -n are numbers: user is uid.
"$EXDUMP" -c -n -H -o uid,user "$fix/proc.exacct" |
    awk '$1 != $2 { bad++ } END { exit bad > 0 || NR == 0 }' &&
    echo "ok fields_n_numbers" ||
    echo "not ok fields_n_numbers: user is not the uid with -n"
# The default columns are the fields of the same names.
for m in "-c" "-i"; do
	"$EXDUMP" $m -t proc "$fix/proc_partial.exacct" >"$tmp/d" 2>/dev/null
	cols=$(head -n 1 "$tmp/d" | tr ' ' ',')
	"$EXDUMP" $m -o "$cols" "$fix/proc_partial.exacct" >"$tmp/o" 2>/dev/null
	if [ -s "$tmp/d" ] && cmp -s "$tmp/d" "$tmp/o"; then
		echo "ok fields_default_is_o$m"
	else
		echo "not ok fields_default_is_o$m: -o with the default columns differs"
	fi
done
