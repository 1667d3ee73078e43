#!/usr/bin/env bash
# Checks every session folder of one or more Triplicate libraries with the ASC MHL reference tool (ascmitc/mhl,
# `ascmhl-debug verify`, installed with `ascmhl`), without Triplicate: each session folder's ascmhl/ history is read,
# its chain checked, and every file in the folder hashed again and compared with its first recorded hash; a file
# missing or not in the history fails the folder too.
#
#   scripts/check-with-ascmhl.sh LIBRARY_ROOT...     (a drive's Triplicate folder, e.g. /Volumes/Backup1/Triplicate)
#
# Uses `ascmhl-debug` from the PATH (pip install ascmhl), or, with ASCMHL_SRC set to a checkout of
# https://github.com/ascmitc/mhl, runs it from that source with python3 (its dependencies installed: click, lxml,
# pathspec, xxhash, python-dateutil, requests, packaging). PYTHON picks the interpreter (default python3).
# Prints one line per session folder; exits 0 when every folder verified, 1 when any did not, 2 on a usage error.
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 LIBRARY_ROOT..." >&2
  exit 2
fi

python="${PYTHON:-python3}"
if [ -n "${ASCMHL_SRC:-}" ]; then
  # the tool reads its own version from its installed metadata: give a source checkout some
  meta="$(mktemp -d)"
  trap 'rm -rf "$meta"' EXIT
  mkdir -p "$meta/ascmhl-0.0.0+source.dist-info"
  printf 'Metadata-Version: 2.1\nName: ascmhl\nVersion: 0.0.0+source\n' > "$meta/ascmhl-0.0.0+source.dist-info/METADATA"
  ascmhl-debug() {
    PYTHONPATH="$ASCMHL_SRC:$meta${PYTHONPATH:+:$PYTHONPATH}" "$python" -c \
      'import sys; from ascmhl.cli.ascmhl_debug import mhldebugtool_cli; sys.argv[0] = "ascmhl-debug"; mhldebugtool_cli()' "$@"
  }
elif ! command -v ascmhl-debug > /dev/null; then
  echo "ascmhl-debug is not on the PATH: install it (pip install ascmhl) or set ASCMHL_SRC to its source" >&2
  exit 2
fi

checked=0
failed=0
for library in "$@"; do
  if [ ! -d "$library" ]; then
    echo "not a folder: $library" >&2
    failed=$((failed + 1))
    continue
  fi
  # a session folder is a folder with an ascmhl/ history; .triplicate (versions, quarantine, card histories) is not
  before=$checked
  while IFS= read -r -d '' history; do
    folder="$(dirname "$history")"
    checked=$((checked + 1))
    if output="$(ascmhl-debug verify "$folder" 2>&1)"; then
      echo "OK      $folder"
    else
      failed=$((failed + 1))
      echo "FAILED  $folder"
      printf '%s\n' "$output" | sed 's/^/        /'
    fi
  done < <(find "$library" -path '*/.triplicate' -prune -o -type d -name ascmhl -print0 | sort -z)
  if [ "$checked" -eq "$before" ]; then
    echo "NONE    $library: no session folder with an ascmhl history under it (a drive's Triplicate folder?)"
    failed=$((failed + 1))
  fi
done

echo "$checked session folder(s) checked, $failed failed"
[ "$checked" -gt 0 ] && [ "$failed" -eq 0 ]
