#!/usr/bin/env bash
# Smoke test of the Linux installers (the README's second test command, run by .ci/run after ./mvnw verify):
# builds the app-image and the .deb with ./mvnw -Pinstaller package, then
#   - runs the image's launcher with --version and with status --json on an empty home, checking the output;
#   - where xvfb-run and xwininfo are installed, starts the window on a virtual display and waits for it
#     (JavaFX's native libraries must load from the linked runtime, not be unpacked into ~/.openjfx);
#   - checks the .deb: its Depends names GTK 3, it holds the launcher and the menu entry; where rpmbuild is
#     installed, that the .rpm requires GTK 3.
# Needs a JDK 21+ in JAVA_HOME (its jlink and jpackage), and fakeroot and dpkg-deb for the .deb.
# SMOKE_NO_BUILD=1 checks what an earlier ./mvnw -Pinstaller package left in target/installer.
# (No "producer | grep -q" below: with pipefail, grep quitting early fails the producer with SIGPIPE.)
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
passed=0
work=$(mktemp -d)
launcher_pid=
cleanup() {
  [ -n "$launcher_pid" ] && kill "$launcher_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*" >&2; echo "smoke: $passed passed, 1 failed"; exit 1; }

: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer (the build uses its jlink and jpackage)}"
for tool in fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install fakeroot dpkg-dev)"
done

# dpkg-deb's default xz takes minutes for the runtime's 140 MB; gzip makes the same package in seconds
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
if [ "${SMOKE_NO_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -Pinstaller package -DskipTests
fi
version=$(./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout)
numeric=${version%%-*}

image=target/installer/image/Triplicate
launcher=$image/bin/Triplicate
[ -x "$launcher" ] || fail "no launcher at $launcher"
ok "app-image at $image ($(du -sh "$image" | cut -f1))"

out=$("$launcher" --version)
[ "$out" = "Triplicate $version" ] || fail "--version printed '$out', expected 'Triplicate $version'"
ok "launcher --version: $out"

mkdir -p "$work/home"
TRIPLICATE_HOME="$work/home" "$launcher" status --json > "$work/status.json" \
  || fail "status --json exited with $? (output: $(cat "$work/status.json"))"
"$JAVA_HOME/bin/java" -cp "target/installer/input/lib/*" installer/smoke/CheckStatusJson.java < "$work/status.json" \
  || fail "status --json output is not as expected"
ok "launcher status --json on an empty home"

if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null && ldconfig -p | grep 'libgtk-3\.so\.0' >/dev/null; then
  mkdir -p "$work/user" "$work/gui-home"
  # the window (not JavaFX's 10x10 helper window) is titled Triplicate; wait up to 60 s for it on a slow machine
  HOME="$work/user" TRIPLICATE_HOME="$work/gui-home" xvfb-run -a -s "-screen 0 1280x900x24" sh -c '
    "$1" & pid=$!
    for i in $(seq 1 120); do
      if xwininfo -root -tree | grep "\"Triplicate\"" | grep -qv " 10x10+"; then kill $pid; exit 0; fi
      kill -0 $pid 2>/dev/null || exit 2
      sleep 0.5
    done
    kill $pid; exit 1' sh "$PWD/$launcher" || fail "the window did not appear (log: $(cat "$work"/gui-home/logs/*.log 2>/dev/null))"
  [ ! -e "$work/user/.openjfx" ] || fail "JavaFX unpacked its native libraries into ~/.openjfx instead of loading the runtime's"
  ok "the window opens on a virtual display, with JavaFX's native libraries from the runtime"
else
  echo "skipped: the window check (needs xvfb-run, xwininfo and GTK 3: apt-get install xvfb x11-utils libgtk-3-0)"
fi

# Class-data sharing: the runtime's archive of the JDK's classes (jlink) and Triplicate's own beside the jar (the
# build's training run). Installed elsewhere (a copy of the image, mtimes kept, as dpkg keeps them), the image's
# java with the launcher's own class path and options loads Triplicate's classes from the archive, not the jars.
for f in lib/runtime/lib/server/classes.jsa lib/app/triplicate.jsa; do
  [ -s "$image/$f" ] || fail "the image lacks its class-data sharing archive $f"
done
cp -a "$image" "$work/moved"
appdir="$work/moved/lib/app"
cfg="$appdir/Triplicate.cfg"
class_path=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s#\\\$APPDIR#$appdir#" | paste -sd:)
mapfile -t java_options < <(sed -n 's/^java-options=//p' "$cfg" | sed "s#\\\$APPDIR#$appdir#")
mkdir -p "$work/cds-home"
"$work/moved/lib/runtime/bin/java" "${java_options[@]}" -Xlog:class+load=info:file="$work/classes.txt" \
  -cp "$class_path" "$(sed -n 's/^app\.mainclass=//p' "$cfg")" --home "$work/cds-home" status --json > /dev/null \
  || fail "the moved image's java could not run status"
shared=$(grep -c '^.*app\.triplicate\..* source: shared' "$work/classes.txt" || true)
[ "$shared" -ge 100 ] || fail "only $shared of Triplicate's classes came from the class-data sharing archive"
ok "class-data sharing: $shared of Triplicate's classes mapped from lib/app/triplicate.jsa in a moved copy of the image"

deb=$(ls target/installer/packages/triplicate_"$numeric"*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || fail "no .deb for version $numeric in target/installer/packages"
info=$(dpkg-deb -I "$deb")
depends=$(printf '%s\n' "$info" | sed -n 's/^ Depends: //p')
grep -q 'libgtk-3-0' <<< "$depends" || fail ".deb Depends lacks GTK 3: $depends"
grep -q "^ Package: triplicate$" <<< "$info" || fail ".deb package name is not triplicate"
files=$(dpkg-deb -c "$deb")
for f in ./opt/triplicate/bin/Triplicate ./opt/triplicate/lib/triplicate-Triplicate.desktop ./opt/triplicate/lib/Triplicate.png \
    ./opt/triplicate/lib/app/triplicate.jsa; do
  grep -q " $f\$" <<< "$files" || fail ".deb lacks $f"
done
control=$(mktemp -d)
dpkg-deb -e "$deb" "$control"
grep -q 'ln -s /opt/triplicate/bin/Triplicate /usr/bin/triplicate' "$control/postinst" \
  || fail ".deb's postinst does not put triplicate on the PATH"
grep -q 'rm -f /usr/bin/triplicate' "$control/prerm" || fail ".deb's prerm does not remove the triplicate link"
rm -rf "$control"
ok "$(basename "$deb"): $(du -h "$deb" | cut -f1), Depends: $depends; installs triplicate on the PATH"

if command -v rpmbuild >/dev/null; then
  rpm=$(ls target/installer/packages/triplicate-"$numeric"*.rpm 2>/dev/null | head -n1)
  [ -n "$rpm" ] || fail "rpmbuild is installed but no .rpm was built"
  requires=$(rpm -qpR "$rpm" 2>/dev/null)
  grep -q 'libgtk-3\.so\.0' <<< "$requires" || fail ".rpm does not require GTK 3: $requires"
  ok "$(basename "$rpm"): $(du -h "$rpm" | cut -f1), requires $(grep -v '^rpmlib\|^/bin/sh' <<< "$requires" | tr '\n' ' ')"
else
  echo "skipped: the .rpm (rpmbuild is not installed; the installer-rpm profile builds it where it is)"
fi

echo "smoke test took $(( $(date +%s) - started )) s"
echo "smoke: $passed passed, 0 failed"
