#!/bin/sh
# test_damaged.sh: damaged and foreign files, each with its exact message,
# exit status and stdout.  The cases are in tests/damaged/list (made from
# the fixtures at test time), then the files the original reads whole
# though fields in them are wrong (below, in $accepted); files that are
# not files come after them.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
root=$(pwd)
exp=$root/fixtures/expected
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT

# make FILE HOW...: build one damaged file.
make_file() {
	out=$1
	how=$2
	shift 2
	case $how in
	cut)
		head -c "$2" "$root/fixtures/exacct/$1.exacct" >"$out" ;;
	patch)
		cp "$root/fixtures/exacct/$1.exacct" "$out" &&
		    printf "$3" | dd of="$out" bs=1 seek="$2" conv=notrunc \
		    2>/dev/null ;;
	text)
		echo "$*" >"$out" ;;
	empty)
		: >"$out" ;;
	*)
		return 1 ;;
	esac
}

# want FILE SPEC...: the expected stdout.
want_file() {
	out=$1
	kind=$2
	shift 2
	case $kind in
	none)
		: >"$out" ;;
	all)
		cp "$exp/$1" "$out" ;;
	head)
		head -n "$2" "$exp/$1" >"$out" ;;
	lines)
		src=$exp/$1
		shift
		: >"$out"
		for r in "$@"; do
			sed -n "${r%-*},${r#*-}p" "$src" >>"$out"
		done ;;
	sed)
		src=$exp/$1
		shift
		sed "$*" "$src" >"$out" ;;
	*)
		return 1 ;;
	esac
}

# check NAME FILE ARGS STATUS MESSAGE: run the dump of FILE and compare.
check() {
	name=$1
	file=$2
	args=$3
	status=$4
	msg=$5
	# shellcheck disable=SC2086
	"$EXDUMP" $args "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(cat "$tmp/err")
	nl=$(wc -l <"$tmp/err")
	if [ "$msg" = "-" ]; then
		msg=
		nl=$((nl + 1))
	fi
	if [ "$rc" -ne "$status" ]; then
		echo "not ok damaged_$name: exit $rc, want $status ($got)"
	elif ! cmp -s "$tmp/out" "$tmp/want"; then
		echo "not ok damaged_$name: stdout differs"
		diff "$tmp/want" "$tmp/out" | head -n 6
	elif [ "$got" != "$msg" ] || [ "$nl" -ne 1 ]; then
		echo "not ok damaged_$name: stderr \"$got\", want \"$msg\""
	else
		echo "ok damaged_$name"
	fi
}

tab=$(printf '\t')

# Files the original walks to their end, though a field in them is wrong:
# its reader (libexacct's xget_object, as the demo calls it through
# ea_get_object after ea_open with EO_HEAD) reads a group's size field
# into a local it never uses, reads every backskip into a scratch word it
# never compares, and its header check (validate_header, skipped with -v)
# matches whole member tags and ignores any other member.  So it prints
# every record, as from the intact file, and exits 0; so must we, with
# nothing on stderr.  Same format as tests/damaged/list (tab-separated).
# Offsets in proc.exacct: the header's size field is at 4, its small
# backskip at 16, its hostname item at 77 and its large backskip at 98;
# record 11 (5719) has its size field at 5723, its small backskip at
# 5735, the pid item's backskip at 5747, the command string's backskip at
# 5944 and its own large backskip at 6276; record 21 ends with its large
# backskip at 11894.
accepted="\
size_small	-	patch proc 5723 \\000\\000\\000\\000\\000\\000\\001\\364	all proc.out	0	-
size_big	-	patch proc 5723 \\000\\000\\000\\000\\000\\000\\020\\000	all proc.out	0	-
size_huge	-	patch proc 5723 \\000\\000\\377\\377\\377\\377\\377\\377	all proc.out	0	-
size_below_header	-	patch proc 5723 \\000\\000\\000\\000\\000\\000\\000\\007	all proc.out	0	-
size_zero	-	patch proc 5723 \\000\\000\\000\\000\\000\\000\\000\\000	all proc.out	0	-
size_max_v	-v -n	patch proc 5723 \\377\\377\\377\\377\\377\\377\\377\\377	all nolookup/proc.v.out	0	-
size_last	-	patch proc 11331 \\000\\000\\000\\000\\000\\000\\000\\001	all proc.out	0	-
header_size_small	-	patch proc 4 \\000\\000\\000\\000\\000\\000\\000\\001	all proc.out	0	-
header_size_big	-	patch proc 4 \\000\\000\\000\\000\\000\\001\\000\\000	all proc.out	0	-
header_size_zero_v	-v -n	patch proc 4 \\000\\000\\000\\000\\000\\000\\000\\000	all nolookup/proc.v.out	0	-
header_size_max	-	patch proc 4 \\377\\377\\377\\377\\377\\377\\377\\377	all proc.out	0	-
header_small_backskip	-	patch proc 16 \\377\\377\\377\\377	all proc.out	0	-
header_backskip	-	patch proc 98 \\000\\000\\000\\146	all proc.out	0	-
header_backskip_v	-v -n	patch proc 98 \\377\\377\\377\\377	all nolookup/proc.v.out	0	-
header_unknown_member	-	patch proc 77 \\140\\000\\000\\005	all proc.out	0	-
header_unknown_member_v	-v -n	patch proc 77 \\140\\000\\000\\005	sed nolookup/proc.v.out 5s/4\\(.\\) hostname/5\\1 unknown /	0	-
record_small_backskip	-	patch proc 5735 \\377\\377\\377\\377	all proc.out	0	-
record_backskip	-	patch proc 6276 \\000\\000\\000\\000	all proc.out	0	-
item_backskip	-	patch proc 5747 \\377\\377\\377\\377	all proc.out	0	-
string_backskip	-	patch proc 5944 \\000\\000\\000\\001	all proc.out	0	-
last_backskip	-	patch proc 11894 \\377\\377\\377\\377	all proc.out	0	-
size_and_backskips	-	patch proc 5723 \\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\043\\377\\377\\377\\377	all proc.out	0	-
"
# It refuses what its header check refuses: a version of another catalog
# or width is not the version (the check compares the whole tag), so
# without -v "cannot open"; with -v (no check) the name follows the data
# id alone, so the dump is the intact one.
accepted="${accepted}\
header_version_local	-	patch proc 20 \\061	none	1	exdump: cannot open FILE: not an exacct file: the header has no version
header_version_local_v	-v -n	patch proc 20 \\061	all nolookup/proc.v.out	0	-
"
# A header member count that is wrong is damage to the original too: one
# too many and validate_header() reads the header's backskip as a tag and
# fails ("cannot open", exit 1, as here); one too few and it is satisfied
# by version, creator and file type, but the demo's loop then reads the
# host name's size field as a tag and stops, with nothing printed (exit
# 0); we tell the count and go on after the header (exit 2).
accepted="${accepted}\
header_count_plus1	-	patch proc 12 \\000\\000\\000\\005	none	1	exdump: cannot open FILE: not an exacct file: damaged header: group declares 5 members, but 4 fill its size
header_count_minus1	-	patch proc 12 \\000\\000\\000\\003	all proc.out	2	exdump: FILE: offset 0: group of 3 members ends at offset 81, but its size says 102
header_count_minus1_v	-v -n	patch proc 12 \\000\\000\\000\\003	sed nolookup/proc.v.out 1s/of 4 object/of 3 object/;5d	2	exdump: FILE: offset 0: group of 3 members ends at offset 81, but its size says 102
"

# run_cases: every case line on standard input.
run_cases() {
	while IFS=$tab read -r name args how stdout status msg; do
		[ -n "$name" ] || continue
		[ "$args" = "-" ] && args=
		file=$tmp/$name.exacct
		# shellcheck disable=SC2086
		if ! make_file "$file" $how; then
			echo "not ok damaged_$name: bad recipe \"$how\""
			continue
		fi
		# shellcheck disable=SC2086
		if ! want_file "$tmp/want" $stdout; then
			echo "not ok damaged_$name: bad stdout spec \"$stdout\""
			continue
		fi
		msg=$(echo "$msg" | sed "s|FILE|$file|")
		check "$name" "$file" "$args" "$status" "$msg"
	done
}

grep -v '^#' "$root/tests/damaged/list" | run_cases
printf '%s' "$accepted" | run_cases

# The reports read records with the same reader: a file the original
# reads whole gives the report of the intact file, exit 0, no message.
"$EXDUMP" -c "$root/fixtures/exacct/proc.exacct" >"$tmp/want" 2>&1
for name in size_small size_zero size_max_v header_size_big \
    header_size_zero_v size_and_backskips; do
	check "report_$name" "$tmp/$name.exacct" "-c" 0 -
done

# Paths that are not exacct files at all.
: >"$tmp/want"
mkdir "$tmp/dir"
check directory "$tmp/dir" "" 1 \
    "exdump: cannot open $tmp/dir: Is a directory"
check directory_v "$tmp/dir" "-v" 1 \
    "exdump: cannot open $tmp/dir: Is a directory"
check missing "$tmp/nosuchfile" "" 1 \
    "exdump: cannot open $tmp/nosuchfile: No such file or directory"
check missing_v "$tmp/nosuchfile" "-v" 1 \
    "exdump: cannot open $tmp/nosuchfile: No such file or directory"
if [ -r /etc/passwd ] && [ "$(head -c 5 /etc/passwd)" = "root:" ]; then
	check etc_passwd /etc/passwd "" 1 "exdump: cannot open /etc/passwd:\
 not an exacct file: no header (tag 0x726f6f74)"
else
	echo "skip damaged_etc_passwd: /etc/passwd does not start with root:"
fi
cp "$root/fixtures/exacct/proc.exacct" "$tmp/secret.exacct"
chmod 000 "$tmp/secret.exacct"
if [ "$(id -u)" -eq 0 ]; then
	echo "skip damaged_unreadable: running as root, who can read any file"
elif cat "$tmp/secret.exacct" >/dev/null 2>&1; then
	echo "skip damaged_unreadable: mode 000 does not stop reads here"
else
	check unreadable "$tmp/secret.exacct" "" 1 \
	    "exdump: cannot open $tmp/secret.exacct: Permission denied"
fi
exit 0
