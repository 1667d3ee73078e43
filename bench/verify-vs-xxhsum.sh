#!/usr/bin/env bash
# Benchmark: Triplicate `verify` (verify-all) of a library on two drives vs. the baseline
# `xxhsum -H2 -c CHECKSUMS` over the same copies.
#
# Builds a card with bench/make-card.sh (SHAPE=shoot: 300 JPEGs of ~2.8 MB, 30 RAW of ~25 MB, 300 XMP
# sidecars; SHAPE=phone: 2,000 JPEGs of ~1 MB; SHAPE=big: 200 x 10 MiB), registers two drives A and B with --same-device
# (both are folders on the one disk of the work folder; --same-device makes each count as its own copy)
# and ingests the card once, so the library (FILES files) is on both drives. Then, once, it
# writes CHECKSUMS: `xxhsum -H2` over every library file on both drives (`<hash>  <path>`, one line per
# copy; the setup is not timed). Then for each of ROUNDS rounds:
#   (a) baseline:   xxhsum -H2 -c CHECKSUMS                           (must exit 0, every line OK)
#   (b) triplicate: java -jar target/triplicate.jar --home H verify --json > verify.json
#                   (must exit 0; its JSON must say "ok" : true and count 2 x FILES copies checked)
# Both write standard output to a file in the work folder. Before each timed command: sync, and drop the
# page cache if /proc/sys/vm/drop_caches is writable. The order of (a) and (b) alternates between rounds.
# Prints the time of one `--version` run (JVM start-up cost), per-round wall-clock times, the ratio
# verify / xxhsum, and the median ratio with the target (<= 1.0).
#
# How each reads: xxhsum reads the files one after another, through the page cache. Triplicate's verify
# reads with O_DIRECT (bypassing the cache, so it proves what is on the device), one worker per disk;
# drives registered with --same-device count as separate disks, so here A and B are read in parallel
# although they share one device. Verify also updates each copy's last-verified date in the catalog and
# looks for untracked files in the libraries; that is part of its time.
#
# Usage (from anywhere):  bench/verify-vs-xxhsum.sh
# Environment:
#   SHAPE=shoot     the card's shape: shoot, phone or big (see bench/make-card.sh)
#   ROUNDS=3        number of rounds
#   BENCH_DIR=...   work folder (default: bench/work/verify/ in the project, which is git-ignored)
#   KEEP=1          keep the card, drives and work folder afterwards (default: delete what this script made)
#   JAVA_HOME=...   JDK to use (must be >= 21; else the newest >= 21 under /usr/lib/jvm is used)
#   BUILD=1         run ./mvnw -q package -DskipTests first (default: only if the jar is missing)
#
# Needs bash, coreutils (plus awk/sort/grep) and xxhsum; if xxhsum is missing and we are root,
# installs the Debian package xxhash with apt-get.

set -euo pipefail

SHAPE=${SHAPE:-shoot}
ROUNDS=${ROUNDS:-3}
KEEP=${KEEP:-0}
BUILD=${BUILD:-0}

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/bench/work/verify}
JAR=$PROJECT/target/triplicate.jar

die() { echo "verify-vs-xxhsum: $*" >&2; exit 2; }

[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"

# ---------------------------------------------------------------- Java >= 21, timing, cache
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

# ---------------------------------------------------------------- jar
if [[ $BUILD == 1 || ! -f $JAR ]]; then
    echo "building $JAR ..."
    (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests)
fi
[[ -f $JAR ]] || die "missing $JAR"
[[ -d $PROJECT/target/lib ]] || die "missing $PROJECT/target/lib (the jar's libraries)"

# ---------------------------------------------------------------- xxhsum
if ! command -v xxhsum > /dev/null; then
    [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null \
        || die "xxhsum not found; install the Debian package xxhash"
    echo "installing xxhsum (xxhash) ..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q xxhash > /dev/null; then
        apt-get update -q > /dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q xxhash > /dev/null
    fi
    command -v xxhsum > /dev/null || die "xxhsum still not found after installing xxhash"
fi
XXHSUM=$(command -v xxhsum)

# ---------------------------------------------------------------- helpers


# ---------------------------------------------------------------- work folder, cleanup
MADE_BENCH_DIR=0
if [[ ! -d $BENCH_DIR ]]; then
    mkdir -p "$BENCH_DIR"
    MADE_BENCH_DIR=1
fi
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
CARD=$BENCH_DIR/card
DRIVE_A=$BENCH_DIR/A
DRIVE_B=$BENCH_DIR/B
HOME_DIR=$BENCH_DIR/home
CHECKSUMS=$BENCH_DIR/library.xxh128
OUT=$BENCH_DIR/out

cleanup() {
    # Remove only what this script creates.
    rm -rf "$OUT" "$BENCH_DIR/version-home"
    if [[ $KEEP == 1 ]]; then
        echo "KEEP=1: left the card, drives A and B, home and checksums in $BENCH_DIR"
    else
        rm -rf "$CARD" "$DRIVE_A" "$DRIVE_B" "$HOME_DIR" "$CHECKSUMS"
        if [[ $MADE_BENCH_DIR == 1 ]]; then rmdir "$BENCH_DIR" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- card, drives, ingest (not timed)
echo "java:   $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "jar:    $JAR"
echo "xxhsum: $XXHSUM ($("$XXHSUM" --version 2>&1 | head -n1))"
echo "work:   $BENCH_DIR ($(df -h --output=source,fstype,avail "$BENCH_DIR" | tail -n1 | tr -s ' '))"
echo "cpus:   $(nproc)"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache:  sync + drop_caches before each timed command"; fi
rm -rf "$CARD" "$DRIVE_A" "$DRIVE_B" "$HOME_DIR" "$CHECKSUMS" "$OUT"
mkdir -p "$DRIVE_A" "$DRIVE_B" "$HOME_DIR" "$OUT"
t0=$(now)
"$PROJECT/bench/make-card.sh" "$SHAPE" "$CARD"
echo "made card in $(elapsed "$t0" "$(now)") s"
read -r FILES card_bytes < <(find "$CARD" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d %d\n", n, b }')
total_mib=$((card_bytes / 1024 / 1024))
copies=$((2 * FILES))
echo "card:   $SHAPE, $FILES files, $total_mib MiB; library on drives A and B" \
    "= $copies copies, $((2 * total_mib)) MiB to read per run; rounds: $ROUNDS"

t0=$(now)
"$JAVA" -jar "$JAR" --home "$HOME_DIR" drive add "$DRIVE_A" --label A --same-device > "$OUT/setup.log" 2>&1 \
    || { cat "$OUT/setup.log" >&2; die "drive add A failed"; }
"$JAVA" -jar "$JAR" --home "$HOME_DIR" drive add "$DRIVE_B" --label B --same-device >> "$OUT/setup.log" 2>&1 \
    || { cat "$OUT/setup.log" >&2; die "drive add B failed"; }
rc=0
"$JAVA" -jar "$JAR" --home "$HOME_DIR" ingest "$CARD" --progress none >> "$OUT/setup.log" 2>&1 || rc=$?
if [[ $rc -ne 0 ]]; then
    tail -n 40 "$OUT/setup.log" >&2
    die "ingest exited with $rc (expected 0)"
fi
echo "registered drives A and B and ingested the card in $(elapsed "$t0" "$(now)") s"

# every copy in the two libraries, hashed once by xxhsum itself
t0=$(now)
library_files() {  # $1 = drive root; prints the files of its library, NUL-terminated, sorted
    [[ -d $1/Triplicate ]] || die "no library folder $1/Triplicate after ingest"
    find "$1/Triplicate" -path '*/ascmhl' -prune -o -type f -print0 | sort -z
}
{ library_files "$DRIVE_A"; library_files "$DRIVE_B"; } | xargs -0 "$XXHSUM" -H2 > "$CHECKSUMS" 2> "$OUT/xxhsum-H2.err" \
    || { tail -n 20 "$OUT/xxhsum-H2.err" >&2; die "xxhsum -H2 over the library failed"; }
lines=$(wc -l < "$CHECKSUMS")
[[ $lines == "$copies" ]] || die "$CHECKSUMS lists $lines copies, expected $copies (2 drives x $FILES files)"
distinct=$(awk '{ print $1 }' "$CHECKSUMS" | sort -u | wc -l)
[[ $distinct == "$FILES" ]] || die "$CHECKSUMS holds $distinct distinct hashes, expected $FILES (A and B equal)"
echo "wrote $CHECKSUMS ($lines copies) in $(elapsed "$t0" "$(now)") s"

# ---------------------------------------------------------------- JVM start-up, for context
vhome=$BENCH_DIR/version-home
rm -rf "$vhome"
mkdir -p "$vhome"
quiesce
s=$(now)
version=$("$JAVA" -jar "$JAR" --home "$vhome" --version 2>&1) || die "--version failed: $version"
t_version=$(elapsed "$s" "$(now)")
rm -rf "$vhome"
echo "triplicate --version: $t_version s (JVM start-up, cold cache; prints: $(head -n1 <<< "$version"))"
echo

# ---------------------------------------------------------------- rounds
run_xxhsum() {  # prints seconds
    quiesce
    local s e rc=0
    s=$(now)
    "$XXHSUM" -H2 -c "$CHECKSUMS" > "$OUT/xxhsum.out" 2> "$OUT/xxhsum.err" || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        tail -n 20 "$OUT/xxhsum.out" "$OUT/xxhsum.err" >&2
        die "xxhsum -c exited with $rc (expected 0)"
    fi
    local ok
    ok=$(grep -c ': OK$' "$OUT/xxhsum.out" || true)
    [[ $ok == "$copies" ]] || die "xxhsum -c said OK $ok times, expected $copies"
    elapsed "$s" "$e"
}

run_verify() {  # prints seconds
    quiesce
    local s e rc=0
    s=$(now)
    "$JAVA" -jar "$JAR" --home "$HOME_DIR" verify --json > "$OUT/verify.json" 2> "$OUT/verify.err" || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        echo "--- verify stdout ($OUT/verify.json) and stderr ---" >&2
        tail -n 40 "$OUT/verify.json" "$OUT/verify.err" >&2
        die "verify exited with $rc (expected 0)"
    fi
    grep -q '"ok" : true' "$OUT/verify.json" || die "verify JSON does not say \"ok\" : true"
    local checked
    checked=$(grep -o '"copiesChecked" : [0-9]*' "$OUT/verify.json" | awk '{ n += $3 } END { print n + 0 }')
    [[ $checked == "$copies" ]] || die "verify checked $checked copies, expected $copies"
    elapsed "$s" "$e"
}

ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then
        order="xxhsum first"
        t_x=$(run_xxhsum)
        t_v=$(run_verify)
    else
        order="verify first"
        t_v=$(run_verify)
        t_x=$(run_xxhsum)
    fi
    ratio=$(awk -v a="$t_v" -v b="$t_x" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    mibps_x=$(awk -v m="$((2 * total_mib))" -v t="$t_x" 'BEGIN { printf "%.0f", m / t }')
    mibps_v=$(awk -v m="$((2 * total_mib))" -v t="$t_v" 'BEGIN { printf "%.0f", m / t }')
    method=$(grep -o '"method" : "[^"]*"' "$OUT/verify.json" | sort -u | awk -F'"' '{ printf "%s%s", sep, $4; sep = "," }')
    printf 'round %d (%s): xxhsum -c %7.2f s (%s MiB/s)   verify %7.2f s (%s MiB/s, %s)   ratio %s\n' \
        "$round" "$order" "$t_x" "$mibps_x" "$t_v" "$mibps_v" "${method:-?}" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
[[ -n $DROP_NOTE ]] && echo "$DROP_NOTE"
echo "median ratio verify/xxhsum over $ROUNDS rounds: $median (target <= 1.0)"
