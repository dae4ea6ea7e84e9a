# Helpers for the debug end-to-end tests: bounded commands, process
# cleanup, assertions on tool output.  Source it; set -euo pipefail first.
E2E_PIDS=()
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/f3kit-e2e.XXXXXX")

e2e_cleanup() {
  for p in "${E2E_PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${E2E_PIDS[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
  rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect FILE PATTERN...: every extended regex must match a line of FILE.
expect() {
  local f=$1; shift
  for pat in "$@"; do
    grep -Eq -- "$pat" "$f" || { echo "---- $f" >&2; tail -40 "$f" >&2; fail "no line matches '$pat'"; }
  done
}

# reject FILE PATTERN: no line may match.
reject() {
  if grep -Eq -- "$2" "$1"; then
    echo "---- $1" >&2; tail -40 "$1" >&2; fail "unexpected '$2'"
  fi
}

# Wait until FILE contains a line matching PATTERN (bounded).
wait_for_line() {
  local f=$1 pat=$2
  for _ in $(seq 1 200); do
    grep -Eq -- "$pat" "$f" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$f" >&2 || true
  fail "timed out waiting for '$pat' in $f"
}

# Start the fake-target server; sets STL_PORT and GDB_PORT.
start_fake_server() {
  "$1" 0 0 > "$E2E_TMP/ports" 2> "$E2E_TMP/server.err" &
  E2E_PIDS+=($!)
  wait_for_line "$E2E_TMP/ports" '^gdb [0-9]+'
  STL_PORT=$(awk '/^stlink/{print $2}' "$E2E_TMP/ports")
  GDB_PORT=$(awk '/^gdb/{print $2}' "$E2E_TMP/ports")
}

# OpenOCD in HLA mode (the seed's interface cfg) or dapdirect mode on STL_PORT;
# extra arguments go after the target cfg.  Never listens for GDB/telnet.
openocd_hla() {
  timeout 60 openocd -c "gdb_port disabled; telnet_port disabled; tcl_port disabled" \
    -f interface/stlink.cfg -c "hla_stlink_backend tcp $STL_PORT" "$@"
}
openocd_dap() {
  timeout 60 openocd -c "gdb_port disabled; telnet_port disabled; tcl_port disabled" \
    -f interface/stlink-dap.cfg -c "st-link backend tcp $STL_PORT" "$@"
}

# OpenOCD in the background (mode hla|dap), output to LOG; sets BG_PID to
# the `timeout` process (killing it stops OpenOCD too).
openocd_bg() {
  local mode=$1 log=$2; shift 2
  local iface
  if [ "$mode" = hla ]; then iface=(-f interface/stlink.cfg -c "hla_stlink_backend tcp $STL_PORT")
  else iface=(-f interface/stlink-dap.cfg -c "st-link backend tcp $STL_PORT"); fi
  timeout 60 openocd -c "gdb_port disabled; telnet_port disabled; tcl_port disabled" \
    "${iface[@]}" "$@" > "$log" 2>&1 &
  BG_PID=$!
  E2E_PIDS+=($BG_PID)
}

# A loopback TCP port nothing listens on (bash only: /dev/tcp probes).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  fail "no free TCP port found"
}

# listening PORT: is something accepting connections on 127.0.0.1:PORT?
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
