#!/usr/bin/env bash
# Benchmark: Triplicate's SFTP upload (SftpStore, as `push` uses it; push then reads each file back, not timed here) vs. OpenSSH's `sftp` client doing
# `put` of the same files to the same server, in the same run.
#
# Makes FILES files of random bytes, TOTAL_MIB MiB in all (default 100 files, 1 GiB), starts the test SFTP
# server (Apache MINA SSHD, app.triplicate.testing.SftpTestServer, in its own JVM on 127.0.0.1) serving a
# work folder, and makes an Ed25519 key for both clients. Then for each of ROUNDS rounds:
#   (a) openssh:    sftp -b BATCH (mkdir + one `put` per file), key auth, strict host key checking
#   (b) triplicate: app.triplicate.bench.SftpPushBench: SftpStore.upload of every file, PARALLEL files at a
#                   time over one SSH connection; hashing the files (push reads the hashes from the catalog)
#                   happens before the clock starts, JVM start-up and connecting are inside the timed part
#   (c) push:       the whole `triplicate push --parallel PARALLEL` command (java -jar target/triplicate.jar), on a
#                   home whose catalog holds the same files ingested once to a drive (not timed): reads each file
#                   from the drive, uploads it, then reads it back over SFTP and hashes it before it counts, and
#                   records it in the catalog. Each round sets the remote to a fresh folder. PUSH=0 leaves it out.
# Both upload into fresh folders; after each, every uploaded file is compared with its source (cmp) on the
# server's disk, and the folder is removed. Before each timed command: sync, and drop the page cache if
# /proc/sys/vm/drop_caches is writable. The order of (a) and (b) alternates between rounds. Prints per-round
# throughputs, the ratio triplicate/openssh (higher is better) and the median ratio with the target (>= 0.8).
#
# Usage (from anywhere):  bench/push-vs-sftp.sh
# Environment:
#   FILES=100        number of files
#   TOTAL_MIB=1024   their total size in MiB
#   ROUNDS=3         number of rounds
#   PARALLEL=2       files Triplicate uploads at a time (OpenSSH's sftp does one at a time)
#   BENCH_DIR=...    work folder (default: bench/work/sftp/ in the project, which is git-ignored)
#   KEEP=1           keep the files and keys afterwards
#   JAVA_HOME=...    JDK to use (>= 21; else the newest >= 21 under /usr/lib/jvm)
#   PUSH=1           also time the whole push command (c) (default 1; needs target/triplicate.jar, built if missing)
#   BUILD=1          compile the test classes first (default: only if they or the class path file are missing)
#
# Needs bash, coreutils, OpenSSH's sftp and ssh-keygen (Debian: openssh-client; installed with apt-get if
# missing and we are root).

set -euo pipefail

FILES=${FILES:-100}
TOTAL_MIB=${TOTAL_MIB:-1024}
ROUNDS=${ROUNDS:-3}
PARALLEL=${PARALLEL:-2}
KEEP=${KEEP:-0}
BUILD=${BUILD:-0}
PUSH=${PUSH:-1}

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/bench/work/sftp}
CP_FILE=$PROJECT/target/bench-test-classpath.txt

die() { echo "push-vs-sftp: $*" >&2; exit 2; }

[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "FILES must be a positive integer (got '$FILES')"
[[ $TOTAL_MIB =~ ^[1-9][0-9]*$ ]] || die "TOTAL_MIB must be a positive integer (got '$TOTAL_MIB')"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ $PARALLEL =~ ^[1-9][0-9]*$ ]] || die "PARALLEL must be a positive integer (got '$PARALLEL')"

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

# ---------------------------------------------------------------- OpenSSH client
if ! command -v sftp > /dev/null || ! command -v ssh-keygen > /dev/null; then
    [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null || die "sftp/ssh-keygen not found; install openssh-client"
    echo "installing openssh-client ..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-client > /dev/null; then
        apt-get update -q > /dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-client > /dev/null
    fi
fi
SFTP=$(command -v sftp)

# ---------------------------------------------------------------- test classes and their class path
if [[ $BUILD == 1 || ! -f $CP_FILE || ! -f $PROJECT/target/test-classes/app/triplicate/bench/SftpPushBench.class ]]; then
    echo "compiling the test classes ..."
    (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q test-compile dependency:build-classpath \
        -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test)
fi
CP=$PROJECT/target/test-classes:$PROJECT/target/classes:$(cat "$CP_FILE")
JAVA_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
    -Dlogback.configurationFile=logback-test.xml)

# ---------------------------------------------------------------- work folder, cleanup
MADE_BENCH_DIR=0
if [[ ! -d $BENCH_DIR ]]; then
    mkdir -p "$BENCH_DIR"
    MADE_BENCH_DIR=1
fi
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
SRC=$BENCH_DIR/files
ROOT=$BENCH_DIR/server-root
KEYS=$BENCH_DIR/keys
OUT=$BENCH_DIR/out
SERVER_PID=

cleanup() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$ROOT" "$OUT" "$BENCH_DIR/home" "$BENCH_DIR/drive"
    if [[ $KEEP == 1 ]]; then
        echo "KEEP=1: left the files and keys in $BENCH_DIR"
    else
        rm -rf "$SRC" "$KEYS"
        if [[ $MADE_BENCH_DIR == 1 ]]; then rmdir "$BENCH_DIR" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

rm -rf "$ROOT" "$OUT"
mkdir -p "$SRC" "$ROOT/backup" "$KEYS" "$OUT"

# ---------------------------------------------------------------- files (not timed)
total_bytes=$((TOTAL_MIB * 1024 * 1024))
per_file=$((total_bytes / FILES))
total_bytes=$((per_file * FILES))
have=$(find "$SRC" -maxdepth 1 -type f -size "${per_file}c" | wc -l)
if [[ $have != "$FILES" ]]; then
    rm -rf "$SRC"
    mkdir -p "$SRC"
    for ((i = 1; i <= FILES; i++)); do
        head -c "$per_file" /dev/urandom > "$(printf '%s/IMG_%04d.CR3' "$SRC" "$i")"
    done
fi
sync

# ---------------------------------------------------------------- keys and server
[[ -f $KEYS/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N "" -C push-vs-sftp -f "$KEYS/id_ed25519"
cp "$KEYS/id_ed25519.pub" "$KEYS/authorized_keys"
rm -f "$KEYS/port" "$KEYS/port.known_hosts"
"$JAVA" "${JAVA_OPTS[@]}" -cp "$CP" app.triplicate.testing.SftpTestServer "$ROOT" "$KEYS/host_key" \
    "$KEYS/authorized_keys" "$KEYS/port" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for ((i = 0; i < 100; i++)); do
    [[ -s $KEYS/port ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; die "the SFTP server did not start"; }
    sleep 0.2
done
[[ -s $KEYS/port ]] || die "the SFTP server did not write its port"
PORT=$(cat "$KEYS/port")
KNOWN=$KEYS/port.known_hosts

SSH_OPTS=(-P "$PORT" -i "$KEYS/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes
    -o UserKnownHostsFile="$KNOWN" -o GlobalKnownHostsFile=/dev/null)
openssh_cipher=$(echo bye | "$SFTP" -v -b - "${SSH_OPTS[@]}" photo@127.0.0.1 2>&1 \
    | sed -n 's/.*kex: client->server cipher: \([^ ]*\) MAC: \([^ ]*\).*/\1 (MAC \2)/p' | head -n1)

echo "java:    $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "openssh: $SFTP ($(ssh -V 2>&1))"
echo "ciphers: openssh negotiates ${openssh_cipher:-?} (its default order); SftpStore asks for AES-GCM first"
echo "server:  Apache MINA SSHD SftpTestServer on 127.0.0.1:$PORT (own JVM), serving $ROOT"
echo "work:    $BENCH_DIR ($(df -h --output=source,fstype,avail "$BENCH_DIR" | tail -n1 | tr -s ' '))"
echo "cpus:    $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache:   sync + drop_caches before each timed command"; fi
echo "files:   $FILES x $per_file bytes = $total_bytes bytes ($(awk -v b="$total_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB); rounds: $ROUNDS;" \
    "triplicate uploads $PARALLEL files at a time"
echo

check_upload() {  # $1 = folder under backup/; every file must be there, identical, and nothing else
    local dir=$ROOT/backup/$1 f n
    n=$(find "$dir" -type f | wc -l)
    [[ $n == "$FILES" ]] || die "$dir holds $n files, expected $FILES"
    for f in "$SRC"/*; do
        cmp -s "$f" "$dir/$(basename "$f")" || die "$dir/$(basename "$f") differs from its source"
    done
    rm -rf "$dir"
}

run_openssh() {  # prints seconds
    local batch=$OUT/batch s e rc=0 f
    { echo "mkdir /backup/openssh"; for f in "$SRC"/*; do echo "put $f /backup/openssh/"; done; } > "$batch"
    quiesce
    s=$(now)
    "$SFTP" -q -b "$batch" "${SSH_OPTS[@]}" photo@127.0.0.1 > "$OUT/openssh.log" 2>&1 || rc=$?
    e=$(now)
    [[ $rc == 0 ]] || { tail -n 20 "$OUT/openssh.log" >&2; die "sftp exited with $rc"; }
    check_upload openssh
    elapsed "$s" "$e"
}

run_triplicate() {  # prints seconds
    local s e rc=0
    quiesce
    s=$(now)
    "$JAVA" "${JAVA_OPTS[@]}" -cp "$CP" app.triplicate.bench.SftpPushBench "$SRC" 127.0.0.1 "$PORT" photo \
        "$KEYS/id_ed25519" "$KNOWN" /backup triplicate "$PARALLEL" > "$OUT/triplicate.out" 2> "$OUT/triplicate.err" \
        || rc=$?
    e=$(now)
    [[ $rc == 0 ]] || { tail -n 30 "$OUT/triplicate.err" >&2; die "SftpPushBench exited with $rc"; }
    read -r inner sent files < "$OUT/triplicate.out"
    [[ $sent == "$total_bytes" ]] || die "SftpPushBench sent $sent bytes, expected $total_bytes"
    check_upload triplicate
    echo "$(elapsed "$s" "$e") $inner"
}

# ---------------------------------------------------------------- (c) a home with the files ingested (not timed)
HOME_T=$BENCH_DIR/home
tri() { "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -jar "$PROJECT/target/triplicate.jar" --home "$HOME_T" "$@"; }
if [[ $PUSH == 1 ]]; then
    if [[ $BUILD == 1 || ! -f $PROJECT/target/triplicate.jar ]]; then
        echo "building target/triplicate.jar ..."
        (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests)
    fi
    rm -rf "$HOME_T" "$BENCH_DIR/drive"
    mkdir -p "$BENCH_DIR/drive"
    tri drive add "$BENCH_DIR/drive" --label Bench > /dev/null
    tri ingest "$SRC" --name Bench --progress none > "$OUT/ingest.log" 2>&1 \
        || { tail -n 20 "$OUT/ingest.log" >&2; die "ingest for the push home failed"; }
    tri remote set "sftp://photo@127.0.0.1:$PORT/backup/push-0" --key "$KEYS/id_ed25519" > /dev/null
    fp=$(tri remote test 2>&1 | grep -o 'SHA256:[A-Za-z0-9+/=]*' | head -n1 || true)
    [[ -n $fp ]] || die "no host key fingerprint from remote test"
    tri remote trust --fingerprint "$fp" > /dev/null
fi

run_push() {  # $1 = round; prints seconds
    local s e rc=0 f n dir=$ROOT/backup/push-$1
    tri remote set "sftp://photo@127.0.0.1:$PORT/backup/push-$1" --key "$KEYS/id_ed25519" > /dev/null
    mkdir -p "$dir"
    quiesce
    s=$(now)
    tri push --parallel "$PARALLEL" --progress none > "$OUT/push.out" 2> "$OUT/push.err" || rc=$?
    e=$(now)
    [[ $rc == 0 ]] || { tail -n 30 "$OUT/push.err" "$OUT/push.out" >&2; die "push exited with $rc"; }
    n=$(find "$dir" -type f | wc -l)
    [[ $n == "$FILES" ]] || die "$dir holds $n files, expected $FILES"
    for f in "$SRC"/*; do
        cmp -s "$f" "$(find "$dir" -type f -name "$(basename "$f")" | head -n1)" || die "push: $(basename "$f") differs"
    done
    rm -rf "$dir"
    elapsed "$s" "$e"
}

ratios=()
push_ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then
        order="openssh first"
        t_o=$(run_openssh)
        read -r t_t t_inner <<< "$(run_triplicate)"
    else
        order="triplicate first"
        read -r t_t t_inner <<< "$(run_triplicate)"
        t_o=$(run_openssh)
    fi
    mib=$(awk -v b="$total_bytes" 'BEGIN { print b / 1048576 }')
    mibps_o=$(awk -v m="$mib" -v t="$t_o" 'BEGIN { printf "%.0f", m / t }')
    mibps_t=$(awk -v m="$mib" -v t="$t_t" 'BEGIN { printf "%.0f", m / t }')
    mibps_i=$(awk -v m="$mib" -v t="$t_inner" 'BEGIN { printf "%.0f", m / t }')
    ratio=$(awk -v a="$mibps_t" -v b="$mibps_o" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    printf 'round %d (%s): openssh sftp %6.2f s (%s MiB/s)   triplicate %6.2f s (%s MiB/s; %s MiB/s without JVM start)   ratio %s\n' \
        "$round" "$order" "$t_o" "$mibps_o" "$t_t" "$mibps_t" "$mibps_i" "$ratio"
    if [[ $PUSH == 1 ]]; then
        t_p=$(run_push "$round")
        mibps_p=$(awk -v m="$mib" -v t="$t_p" 'BEGIN { printf "%.0f", m / t }')
        push_ratio=$(awk -v a="$mibps_p" -v b="$mibps_o" 'BEGIN { printf "%.2f", a / b }')
        push_ratios+=("$push_ratio")
        printf '         whole push command (upload + read-back check + catalog): %6.2f s (%s MiB/s)   ratio %s\n' \
            "$t_p" "$mibps_p" "$push_ratio"
    fi
done

median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
[[ -n $DROP_NOTE ]] && echo "$DROP_NOTE"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median throughput ratio triplicate/openssh over $ROUNDS rounds: $median (target >= 0.8)"
if [[ $PUSH == 1 ]]; then
    pmedian=$(printf '%s\n' "${push_ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "median ratio of the whole push command (with its read-back check)/openssh: $pmedian"
fi
