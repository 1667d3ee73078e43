#!/usr/bin/env bash
# Benchmark: `status --json` on a synthetic catalog of FILES files in SESSIONS sessions (default 1,000,000
# in 10,000), within a HEAP heap (default 512 MiB). Target: at most 1.5 s wall time including JVM start.
#
# Builds the catalog once with the test-scope tool app.triplicate.bench.SyntheticCatalog (through the
# catalog's own classes, no files copied: 3 drives on distinct devices, one offsite; every file with
# verified copies on 2 or 3 of them, so that some sessions are below the default policy; see its javadoc),
# checks one untimed `status --json` (exit 0, SESSIONS sessions, FILES files in all), then for each of
# ROUNDS rounds times
#   cold: java -Xmx512m -jar target/triplicate.jar --home H status --json > /dev/null
#         after sync and dropping the page cache (if /proc/sys/vm/drop_caches is writable), and
#   warm: the same command again right after, with the catalog file in the page cache,
# each under /usr/bin/time -v (must exit 0, no OutOfMemoryError). Prints the time of one `--version` run
# (JVM start-up cost), per-round wall-clock times and peak RSS (Maximum resident set size), the medians,
# the largest heap in use at a garbage collection (from -Xlog:gc of the untimed run), and the targets.
#
# Usage (from anywhere):  bench/status-million.sh
# Environment:
#   FILES=1000000   media files in the catalog
#   SESSIONS=10000  sessions in the catalog
#   ROUNDS=5        number of rounds
#   HEAP=512m       -Xmx of the timed runs
#   BENCH_DIR=...   work folder (default: bench/work/status/ in the project, which is git-ignored)
#   KEEP=1          keep the catalog afterwards (default: delete what this script made); a kept catalog
#                   of the same FILES and SESSIONS is used again instead of being rebuilt
#   CDS=1           run status the way the ./triplicate launcher does: with a dynamic class-data sharing
#                   archive (-XX:SharedArchiveFile=... -XX:+AutoCreateSharedArchive), made by the untimed run
#                   (default 0: plain java -jar)
#   AOT=1           run status the way ./triplicate does on JDK 25 and newer: with an ahead-of-time cache
#                   (-XX:AOTCache=...), recorded by the untimed run (-XX:AOTMode=record) and then made
#   JAVA_HOME=...   JDK to use (must be >= 21; else the newest >= 21 under /usr/lib/jvm is used)
#   BUILD=1         run ./mvnw -q package -DskipTests first (default: only if the jar or the
#                   SyntheticCatalog class is missing); that compiles the test classes too
#
# Needs bash, coreutils (plus awk/sort/grep) and GNU time (/usr/bin/time); if that is missing and we are
# root, installs the Debian package time with apt-get. Building the default catalog takes several minutes
# and about 1 GB of disk.

set -euo pipefail

FILES=${FILES:-1000000}
SESSIONS=${SESSIONS:-10000}
ROUNDS=${ROUNDS:-5}
HEAP=${HEAP:-512m}
KEEP=${KEEP:-0}
BUILD=${BUILD:-0}
CDS=${CDS:-0}
AOT=${AOT:-0}

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/bench/work/status}
JAR=$PROJECT/target/triplicate.jar
TOOL_CLASS=$PROJECT/target/test-classes/app/triplicate/bench/SyntheticCatalog.class
TARGET_S=1.5

die() { echo "status-million: $*" >&2; exit 2; }

[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "FILES must be a positive integer (got '$FILES')"
[[ $SESSIONS =~ ^[1-9][0-9]*$ ]] || die "SESSIONS must be a positive integer (got '$SESSIONS')"
((SESSIONS <= FILES)) || die "SESSIONS ($SESSIONS) must not exceed FILES ($FILES)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ $HEAP =~ ^[1-9][0-9]*[kKmMgG]?$ ]] || die "HEAP must be a -Xmx size like 512m (got '$HEAP')"

# ---------------------------------------------------------------- Java >= 21, timing, cache
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

# ---------------------------------------------------------------- jar and the catalog tool
if [[ $BUILD == 1 || ! -f $JAR || ! -f $TOOL_CLASS ]]; then
    echo "building $JAR and the test classes ..."
    (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests)
fi
[[ -f $JAR ]] || die "missing $JAR"
[[ -d $PROJECT/target/lib ]] || die "missing $PROJECT/target/lib (the jar's libraries)"
[[ -f $TOOL_CLASS ]] || die "missing $TOOL_CLASS (build with ./mvnw package -DskipTests, or run with BUILD=1)"
TOOL_CP="$PROJECT/target/test-classes:$PROJECT/target/classes:$PROJECT/target/lib/*"

# ---------------------------------------------------------------- GNU time
if [[ ! -x /usr/bin/time ]]; then
    [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null \
        || die "/usr/bin/time not found; install the Debian package time"
    echo "installing GNU time (time) ..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q time > /dev/null; then
        apt-get update -q > /dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q time > /dev/null
    fi
    [[ -x /usr/bin/time ]] || die "/usr/bin/time still not found after installing time"
fi

# ---------------------------------------------------------------- helpers
median() {  # median of the numbers in the arguments
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}


# ---------------------------------------------------------------- work folder, cleanup
MADE_BENCH_DIR=0
if [[ ! -d $BENCH_DIR ]]; then
    mkdir -p "$BENCH_DIR"
    MADE_BENCH_DIR=1
fi
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
HOME_DIR=$BENCH_DIR/home
STAMP=$HOME_DIR/synthetic-catalog.txt
OUT=$BENCH_DIR/out

cleanup() {
    # Remove only what this script creates.
    rm -rf "$OUT" "$BENCH_DIR/version-home"
    if [[ $KEEP == 1 ]]; then
        echo "KEEP=1: left the catalog in $HOME_DIR"
    else
        rm -rf "$HOME_DIR"
        if [[ $MADE_BENCH_DIR == 1 ]]; then rmdir "$BENCH_DIR" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

echo "java:     $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "jar:      $JAR"
echo "work:     $BENCH_DIR ($(df -h --output=source,fstype,avail "$BENCH_DIR" | tail -n1 | tr -s ' '))"
echo "cpus:     $(nproc)"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache:    cold runs after sync + drop_caches; warm runs right after"; fi
JVM_OPTS=()
if [[ $CDS == 1 ]]; then
    JVM_OPTS=(-XX:SharedArchiveFile="$OUT/status.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
    "$JAVA" -Xlog:aot=off -version > /dev/null 2>&1 && JVM_OPTS+=(-Xlog:aot=off)
    echo "cds:      a dynamic class-data sharing archive, as ./triplicate uses (made by the untimed run)"
fi
FIRST_OPTS=("${JVM_OPTS[@]}")
if [[ $AOT == 1 ]]; then
    "$JAVA" -XX:AOTMode=off -version > /dev/null 2>&1 || die "AOT=1 needs a JDK 25 or newer ($JAVA)"
    FIRST_OPTS=(-XX:AOTMode=record -XX:AOTConfiguration="$OUT/status.aotconf" -Xlog:aot=off -Xlog:cds=off
                -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
    JVM_OPTS=(-XX:AOTCache="$OUT/status.aot" -Xlog:aot=off -Xlog:cds=off)
    echo "aot:      an ahead-of-time cache, as ./triplicate uses on JDK 25+ (recorded by the untimed run)"
fi
echo "catalog:  $FILES files in $SESSIONS sessions; status with -Xmx$HEAP; rounds: $ROUNDS"

# ---------------------------------------------------------------- the catalog (built once)
rm -rf "$OUT"
mkdir -p "$OUT"
if [[ -f $STAMP && $(cat "$STAMP") == "$FILES $SESSIONS" ]]; then
    echo "using the catalog kept in $HOME_DIR ($FILES files, $SESSIONS sessions)"
else
    rm -rf "$HOME_DIR"
    mkdir -p "$HOME_DIR"
    echo "building the catalog with app.triplicate.bench.SyntheticCatalog ..."
    t0=$(now)
    rc=0
    "$JAVA" -cp "$TOOL_CP" app.triplicate.bench.SyntheticCatalog "$HOME_DIR" "$FILES" "$SESSIONS" \
        > "$OUT/build.log" 2>&1 || rc=$?
    grep -v -e ' DEBUG ' -e '^\s*at ' "$OUT/build.log" | grep -v '^$' | sed 's/^/  /' | tail -n 12
    [[ $rc == 0 ]] || die "SyntheticCatalog exited with $rc (log: $OUT/build.log)"
    echo "$FILES $SESSIONS" > "$STAMP"
    echo "built the catalog in $(elapsed "$t0" "$(now)") s" \
        "($(du -sh --apparent-size "$HOME_DIR/data" | cut -f1) in $HOME_DIR/data)"
fi

# ---------------------------------------------------------------- one untimed check
rc=0
"$JAVA" "${FIRST_OPTS[@]}" -Xmx"$HEAP" -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" --home "$HOME_DIR" status --json \
    > "$OUT/status.json" 2> "$OUT/status.err" || rc=$?
if [[ $rc -ne 0 ]]; then
    tail -n 40 "$OUT/status.err" >&2
    die "status --json exited with $rc (expected 0)"
fi
if [[ $AOT == 1 ]]; then
    "$JAVA" -XX:AOTMode=create -XX:AOTConfiguration="$OUT/status.aotconf" -XX:AOTCache="$OUT/status.aot" \
        -Xmx"$HEAP" -jar "$JAR" > "$OUT/aot-create.log" 2>&1 || die "making the AOT cache failed: $OUT/aot-create.log"
fi
! grep -q OutOfMemoryError "$OUT/status.err" || die "status --json ran out of memory in -Xmx$HEAP"
n_sessions=$(grep -c '"folder" :' "$OUT/status.json" || true)
[[ $n_sessions == "$SESSIONS" ]] || die "status --json lists $n_sessions sessions, expected $SESSIONS"
n_files=$(grep -o '"files" : [0-9]*' "$OUT/status.json" | awk '{ n += $3 } END { print n + 0 }')
[[ $n_files == "$FILES" ]] || die "status --json counts $n_files files, expected $FILES"
below=$(grep -c '"meetsPolicy" : false' "$OUT/status.json" || true)
peak_heap=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$OUT/gc.log" | awk -F'[M>-]' '{ if ($1 > m) m = $1 } END { print m + 0 }')
gcs=$(grep -c 'Pause' "$OUT/gc.log" || true)
if [[ $gcs == 0 ]]; then heap_note="no garbage collection needed"; else heap_note="largest heap in use at a GC ${peak_heap} MiB"; fi
echo "status --json: $n_sessions sessions, $n_files files, $below below the policy;" \
    "$(wc -c < "$OUT/status.json") bytes of JSON; $gcs GC pause(s), $heap_note"

# ---------------------------------------------------------------- JVM start-up, for context
vhome=$BENCH_DIR/version-home
rm -rf "$vhome"
mkdir -p "$vhome"
quiesce
s=$(now)
version=$("$JAVA" "${JVM_OPTS[@]}" -Xmx"$HEAP" -jar "$JAR" --home "$vhome" --version 2>&1) || die "--version failed: $version"
t_version=$(elapsed "$s" "$(now)")
rm -rf "$vhome"
echo "triplicate --version: $t_version s (JVM start-up, cold cache; prints: $(head -n1 <<< "$version"))"
echo

# ---------------------------------------------------------------- rounds
run_status() {  # $1 = name of the run; prints "seconds peak-RSS-KiB"
    local s e rc=0
    s=$(now)
    /usr/bin/time -v -o "$OUT/$1.time" "$JAVA" "${JVM_OPTS[@]}" -Xmx"$HEAP" -jar "$JAR" --home "$HOME_DIR" status --json \
        > /dev/null 2> "$OUT/$1.err" || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        tail -n 40 "$OUT/$1.err" "$OUT/$1.time" >&2
        die "status --json ($1) exited with $rc (expected 0)"
    fi
    ! grep -q OutOfMemoryError "$OUT/$1.err" || die "status --json ($1) ran out of memory in -Xmx$HEAP"
    local rss
    rss=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$OUT/$1.time")
    [[ -n $rss ]] || die "no Maximum resident set size in $OUT/$1.time"
    echo "$(elapsed "$s" "$e") $rss"
}

cold=()
warm=()
rss_all=()
for ((round = 1; round <= ROUNDS; round++)); do
    quiesce
    r_cold=$(run_status "cold-$round")
    r_warm=$(run_status "warm-$round")
    read -r t_cold rss_cold <<< "$r_cold"
    read -r t_warm rss_warm <<< "$r_warm"
    cold+=("$t_cold")
    warm+=("$t_warm")
    rss_all+=("$rss_cold" "$rss_warm")
    printf 'round %d: cold %5.2f s (peak RSS %4d MiB)   warm %5.2f s (peak RSS %4d MiB)\n' "$round" \
        "$t_cold" $((rss_cold / 1024)) "$t_warm" $((rss_warm / 1024))
done

max_rss=$(printf '%s\n' "${rss_all[@]}" | sort -n | tail -n1)
med_cold=$(median "${cold[@]}")
med_warm=$(median "${warm[@]}")
verdict() { awk -v t="$1" -v g="$TARGET_S" 'BEGIN { print (t <= g ? "meets" : "MISSES") }'; }
echo
[[ -n $DROP_NOTE ]] && echo "$DROP_NOTE"
echo "median wall time of status --json over $ROUNDS rounds: cold $med_cold s ($(verdict "$med_cold") the target <= $TARGET_S s)," \
    "warm $med_warm s ($(verdict "$med_warm") the target)"
echo "memory: every run exited 0 with -Xmx$HEAP (no OutOfMemoryError); largest peak RSS $((max_rss / 1024)) MiB" \
    "(heap, metaspace, code and the JVM itself); untimed run: $heap_note"
