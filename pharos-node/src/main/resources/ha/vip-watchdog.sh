#!/bin/bash
# Pharos VIP watchdog. Runs beside the Pharos JVM, in a session of its own (a SIGSTOP or a terminal's
# Ctrl-Z for the JVM does not stop it), and removes the virtual IP when the JVM stops vouching for it.
# The JVM writes one line per lease renewal on this script's stdin:
#   hold MILLIS VIP/PREFIX   keep VIP/PREFIX for MILLIS ms from now, and no longer
#   release                  the JVM removed the VIP itself: forget it
# When a hold runs out with no new line (JVM frozen, stuck or too slow to renew its lease) or stdin ends
# (JVM killed, even with kill -9), the VIP is removed at once. The kernel's valid_lft on the address is the
# last backstop, should this script be frozen too (e.g. a frozen cgroup).
# Usage: vip-watchdog.sh kernel IFACE | vip-watchdog.sh hook IFACE HOOK
set -u
mode=$1
iface=$2
hook=${3:-}
held=""
timeout=""
line=""    # input read so far; a read cut short by its timeout leaves the start of a line here

say() { printf '%s %s\n' "$(date '+%Y-%m-%dT%H:%M:%S.%3N')" "$*"; }

drop() {
  local why=$1 out rc
  if [[ $mode == hook ]]; then
    out=$("$hook" del "$held" "$iface" 2>&1)
  else
    out=$(ip addr del "$held" dev "$iface" 2>&1)
  fi
  rc=$?
  say "HA_WATCHDOG_DROPPED_VIP $held from $iface ($why) exit=$rc $out"
  held=""
}

say "HA_WATCHDOG_STARTED pid=$$ mode=$mode interface=$iface"
while true; do
  part=""
  if [[ -n $held ]]; then
    read -r -t "$timeout" part
  else
    read -r part
  fi
  rc=$?
  line+=$part
  if (( rc > 128 )); then
    # The hold ran out, perhaps while a renewal was arriving: drop now, finish that line with the next read.
    drop "no lease renewal within ${timeout}s"
    continue
  fi
  if (( rc != 0 )); then
    [[ -n $held ]] && drop "the Pharos process is gone"
    say "HA_WATCHDOG_STOPPED stdin closed"
    exit 0
  fi
  read -r cmd ms addr <<< "$line"
  line=""
  case $cmd in
    hold)
      if [[ ! $ms =~ ^[0-9]+$ || -z ${addr:-} ]]; then
        say "HA_WATCHDOG_BAD_LINE 'hold $ms ${addr:-}' ignored"
        continue
      fi
      if [[ -n $held && $held != "$addr" ]]; then drop "the VIP changed to $addr"; fi
      held=$addr
      printf -v timeout '%d.%03d' $((ms / 1000)) $((ms % 1000))
      ;;
    release)
      held=""
      ;;
    *)
      say "HA_WATCHDOG_BAD_LINE '$cmd' ignored"
      ;;
  esac
done
