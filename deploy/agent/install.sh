#!/bin/sh
# Installs blindspot-agent: the script and its wrapper in /usr/local/sbin, /etc/blindspot/agent.conf,
# and an hourly run (a systemd timer with a randomized delay, or a cron entry where there is no
# systemd). With --url and --token it enrolls right away and sends a first report.
#
#   curl -fsSL https://blindspot.example.org/agent/install.sh | sh -s -- \
#       --url https://blindspot.example.org --token bse_...
#   sh install.sh [options]            (from a checkout: deploy/agent/install.sh)
#
# Options:
#   --url URL          the Blindspot URL agents talk to (the proxy, or the ingest service)
#   --token TOKEN      an enrollment token (POST /api/v1/enrollment-tokens); enrolls now
#   --from DIR|URL     where blindspot-agent and blindspot-run are: default the directory of this
#                      script when it has them, else URL/agent (the proxy serves deploy/agent/)
#   --label KEY=VALUE  a label reported with the inventory (repeatable)
#   --scheduler systemd|cron|none   default: systemd when it runs, else cron
#   --dest DIR         install under DIR (packaging, tests); nothing is enabled or enrolled
#   --no-run           enroll, but leave the first run to the timer
set -u

URL='' TOKEN='' FROM='' DEST='' SCHEDULER='' LABELS='' RUN_NOW=1
PREFIX=/usr/local/sbin

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p;}' "$0" 2>/dev/null; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --url) URL=${2:?--url needs a value}; shift ;;
    --url=*) URL=${1#*=} ;;
    --token) TOKEN=${2:?--token needs a value}; shift ;;
    --token=*) TOKEN=${1#*=} ;;
    --from) FROM=${2:?--from needs a value}; shift ;;
    --from=*) FROM=${1#*=} ;;
    --label) LABELS="$LABELS
label.${2:?--label needs KEY=VALUE}"; shift ;;
    --label=*) LABELS="$LABELS
label.${1#*=}" ;;
    --scheduler) SCHEDULER=${2:?--scheduler needs a value}; shift ;;
    --scheduler=*) SCHEDULER=${1#*=} ;;
    --dest) DEST=${2:?--dest needs a value}; shift ;;
    --dest=*) DEST=${1#*=} ;;
    --no-run) RUN_NOW=0 ;;
    -h | --help) usage ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
URL=${URL%/}
[ -n "$TOKEN" ] && [ -z "$URL" ] && die "--token needs --url"
[ -n "$DEST" ] || [ "$(id -u)" -eq 0 ] || die "run as root (or with --dest DIR)"

# where the scripts come from
if [ -z "$FROM" ]; then
  here=$(dirname "$0" 2>/dev/null)
  if [ -f "$here/blindspot-agent" ]; then FROM=$here
  elif [ -n "$URL" ]; then FROM="$URL/agent"
  else die "say where blindspot-agent is: --from DIR|URL (or --url URL to take it from the service)"; fi
fi

fetch() { # fetch NAME TARGET
  case $FROM in
    http://* | https://*)
      if command -v curl >/dev/null 2>&1; then
        curl -fsS --connect-timeout 10 --max-time 60 -o "$2" "$FROM/$1"
      elif command -v wget >/dev/null 2>&1; then
        wget -q -T 60 -O "$2" "$FROM/$1"
      else die "neither curl nor wget is installed"; fi ;;
    *) cp "$FROM/$1" "$2" ;;
  esac || die "cannot get $1 from $FROM"
  head -n 1 "$2" | grep -q '^#!/bin/sh' || die "$FROM/$1 is not the agent script"
}

SBIN="$DEST$PREFIX"
ETC="$DEST/etc/blindspot"
STATE="$DEST/var/lib/blindspot-agent"
mkdir -p "$SBIN" "$ETC/jobs.d" "$STATE" || die "cannot create directories"
chmod 700 "$ETC" "$STATE"
for f in blindspot-agent blindspot-run; do
  fetch "$f" "$SBIN/$f.new"
  chmod 755 "$SBIN/$f.new" && mv -f "$SBIN/$f.new" "$SBIN/$f"
done
say "installed $PREFIX/blindspot-agent and $PREFIX/blindspot-run"

CONF="$ETC/agent.conf"
if [ ! -f "$CONF" ]; then
  (
    umask 077
    cat >"$CONF" <<'CONF'
# blindspot-agent configuration; `blindspot-agent enroll` adds url= and token=.
# Labels reported with the inventory:
#label.role=db
# Seconds per request, attempts per upload:
#timeout=30
#retries=3
# Listings uploaded when configured (dirvish index; restic/borg need credentials):
#listings=dirvish
#restic_env=/etc/blindspot/restic.env
#borg_env=/etc/blindspot/borg.env
CONF
  )
  say "wrote /etc/blindspot/agent.conf"
fi
if [ -n "$LABELS" ]; then
  printf '%s\n' "$LABELS" | sed '/^$/d' >>"$CONF"
fi
chmod 600 "$CONF"

if [ -z "$SCHEDULER" ]; then
  if [ -n "$DEST" ]; then SCHEDULER=cron
  elif [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then SCHEDULER=systemd
  else SCHEDULER=cron; fi
fi

case $SCHEDULER in
  systemd)
    mkdir -p "$DEST/etc/systemd/system"
    cat >"$DEST/etc/systemd/system/blindspot-agent.service" <<UNIT
[Unit]
Description=Blindspot agent: report inventory, packages and backup jobs
Documentation=https://github.com/blindspot/blindspot/tree/main/deploy/agent
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=$PREFIX/blindspot-agent run --quiet
# the agent limits every request; this bounds a run whatever happens
TimeoutStartSec=30min
Nice=10
IOSchedulingClass=idle
# exit 75: the service was unreachable; the spool goes out with the next run
SuccessExitStatus=75
UNIT
    cat >"$DEST/etc/systemd/system/blindspot-agent.timer" <<'UNIT'
[Unit]
Description=Run the Blindspot agent hourly

[Timer]
OnCalendar=hourly
RandomizedDelaySec=45min
Persistent=true

[Install]
WantedBy=timers.target
UNIT
    if [ -z "$DEST" ]; then
      systemctl daemon-reload && systemctl enable --now blindspot-agent.timer \
        || die "could not enable blindspot-agent.timer"
    fi
    say "hourly systemd timer blindspot-agent.timer (randomized delay up to 45 min)${DEST:+ written, not enabled}"
    ;;
  cron)
    minute=$(awk -v seed="$$" 'BEGIN { srand(seed); printf "%d", rand() * 60 }')
    line="$minute * * * * $PREFIX/blindspot-agent run --quiet"
    if [ -d "$DEST/etc/cron.d" ] || { [ -z "$DEST" ] && [ ! -d /etc/crontabs ]; }; then
      mkdir -p "$DEST/etc/cron.d"
      printf '# Blindspot agent, hourly at a random minute\n%s\n' \
        "$minute * * * * root $PREFIX/blindspot-agent run --quiet" >"$DEST/etc/cron.d/blindspot-agent"
      chmod 644 "$DEST/etc/cron.d/blindspot-agent"
      say "cron entry /etc/cron.d/blindspot-agent (minute $minute of every hour)"
    else
      # BusyBox crond (Alpine) reads /etc/crontabs/<user>
      mkdir -p "$DEST/etc/crontabs"
      tab="$DEST/etc/crontabs/root"
      touch "$tab"
      grep -q 'blindspot-agent run' "$tab" || printf '%s\n' "$line" >>"$tab"
      say "cron entry in /etc/crontabs/root (minute $minute of every hour)"
    fi
    ;;
  none) say "no schedule installed: run $PREFIX/blindspot-agent run yourself" ;;
  *) die "--scheduler must be systemd, cron or none" ;;
esac

if [ -n "$TOKEN" ] && [ -z "$DEST" ]; then
  "$PREFIX/blindspot-agent" enroll --url "$URL" --token "$TOKEN" || die "enrollment failed"
  if [ "$RUN_NOW" = 1 ]; then
    "$PREFIX/blindspot-agent" run || say "the first run did not finish cleanly; the timer retries"
  fi
elif [ -z "$DEST" ]; then
  say "next: $PREFIX/blindspot-agent enroll --url URL --token ENROLLMENT_TOKEN"
fi
