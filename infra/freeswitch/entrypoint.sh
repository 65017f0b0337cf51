#!/bin/sh
# Hotline FreeSWITCH entrypoint (POSIX sh).
#
#   entrypoint.sh [freeswitch args...]   render the configuration, then exec FreeSWITCH in the foreground
#   entrypoint.sh render                 render only (then `fs_cli -x reloadxml` picks up DIDs/agents)
#
# FreeSWITCH cannot read arbitrary environment variables from its XML, so this script copies the
# read-only template tree (conf/) to FS_CONF_DIR and writes FS_CONF_DIR/generated/ from the
# environment: global variables (ESL password, SIP domain, addresses, ports), the carriers' ACL,
# the DID -> tenant map and the agents' directory entries. Every value is validated against a strict
# pattern first, so nothing can break out of an XML attribute or a preprocessor line, and the
# script refuses to start without a real ESL password.
set -eu

HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
FS_CONF_TEMPLATE=${FS_CONF_TEMPLATE:-$HERE/conf}
FS_CONF_DIR=${FS_CONF_DIR:-/var/lib/hotline-freeswitch/conf}
FS_LOG_DIR=${FS_LOG_DIR:-/var/log/freeswitch}
FS_DB_DIR=${FS_DB_DIR:-/var/lib/freeswitch/db}
FS_RUN_DIR=${FS_RUN_DIR:-/var/run/freeswitch}
FS_BIN=${FS_BIN:-freeswitch}
FS_USER=${FS_USER:-freeswitch}

die() {
  printf 'hotline-freeswitch: %s\n' "$*" >&2
  exit 64
}
warn() { printf 'hotline-freeswitch: warning: %s\n' "$*" >&2; }

# True when the whole value is printable (no newline or control character) and matches the ERE.
matches() {
  case $1 in *[![:print:]]*) return 1 ;; esac
  printf '%s\n' "$1" | grep -Eqx -- "$2"
}

OCTET='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
IPV4="($OCTET\\.){3}$OCTET"
CIDR="$IPV4/([0-9]|[12][0-9]|3[0-2])"
# Same as TENANT_ID_PATTERN in libs/contracts (the test checks they stay equal).
TENANT_RE='^[a-z0-9-]{1,32}$'
DID_RE='^\+?[0-9]{3,15}$'
EXT_RE='^[0-9]{2,10}$'
A1_RE='^[0-9a-f]{32}$'
NAME_RE="^[A-Za-z0-9 ._'-]{0,64}$"
# Base64/URL-safe characters only: no quote, <, >, &, $, {, } or whitespace can reach the XML.
PASSWORD_RE='^[A-Za-z0-9._~+/=-]{16,128}$'
PATH_RE='^/[A-Za-z0-9._/-]*$'
DOMAIN_RE='^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$'

port() { # name value
  if ! matches "$2" '[0-9]{1,5}' || [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
    die "$1 must be a port number (1-65535), got '$2'"
  fi
}

validate_env() {
  ESL_PASSWORD=${ESL_PASSWORD:-}
  [ -n "$ESL_PASSWORD" ] || die 'ESL_PASSWORD is required (the media bridge authenticates with it); refusing to start'
  lower=$(printf '%s' "$ESL_PASSWORD" | tr '[:upper:]' '[:lower:]')
  [ "$lower" != cluecon ] || die 'ESL_PASSWORD must not be the FreeSWITCH default; refusing to start'
  matches "$ESL_PASSWORD" "$PASSWORD_RE" ||
    die 'ESL_PASSWORD must be 16-128 characters from A-Z a-z 0-9 . _ ~ + / = - (e.g. openssl rand -base64 24)'

  HOTLINE_SIP_DOMAIN=${HOTLINE_SIP_DOMAIN:-}
  [ -n "$HOTLINE_SIP_DOMAIN" ] || die 'HOTLINE_SIP_DOMAIN is required (the domain agents register on)'
  matches "$HOTLINE_SIP_DOMAIN" "$DOMAIN_RE" || die "HOTLINE_SIP_DOMAIN is not a host name: '$HOTLINE_SIP_DOMAIN'"

  # Addresses default to FreeSWITCH's own detection (preprocessor variable local_ip_v4), i.e. no NAT.
  HOTLINE_SIP_IP=${HOTLINE_SIP_IP:-}
  [ -z "$HOTLINE_SIP_IP" ] || matches "$HOTLINE_SIP_IP" "$IPV4" || die "HOTLINE_SIP_IP is not an IPv4 address: '$HOTLINE_SIP_IP'"
  HOTLINE_EXTERNAL_IP=${HOTLINE_EXTERNAL_IP:-}
  [ -z "$HOTLINE_EXTERNAL_IP" ] || matches "$HOTLINE_EXTERNAL_IP" "$IPV4" ||
    die "HOTLINE_EXTERNAL_IP is not an IPv4 address: '$HOTLINE_EXTERNAL_IP'"

  HOTLINE_SIP_PORT=${HOTLINE_SIP_PORT:-5060}
  port HOTLINE_SIP_PORT "$HOTLINE_SIP_PORT"
  HOTLINE_ESL_PORT=${HOTLINE_ESL_PORT:-8021}
  port HOTLINE_ESL_PORT "$HOTLINE_ESL_PORT"
  HOTLINE_RTP_START_PORT=${HOTLINE_RTP_START_PORT:-16384}
  port HOTLINE_RTP_START_PORT "$HOTLINE_RTP_START_PORT"
  HOTLINE_RTP_END_PORT=${HOTLINE_RTP_END_PORT:-32768}
  port HOTLINE_RTP_END_PORT "$HOTLINE_RTP_END_PORT"
  [ "$HOTLINE_RTP_START_PORT" -lt "$HOTLINE_RTP_END_PORT" ] || die 'HOTLINE_RTP_START_PORT must be below HOTLINE_RTP_END_PORT'

  HOTLINE_MAX_SESSIONS=${HOTLINE_MAX_SESSIONS:-1000}
  matches "$HOTLINE_MAX_SESSIONS" '[1-9][0-9]{0,5}' || die "HOTLINE_MAX_SESSIONS must be a positive number, got '$HOTLINE_MAX_SESSIONS'"
  HOTLINE_SESSIONS_PER_SECOND=${HOTLINE_SESSIONS_PER_SECOND:-30}
  matches "$HOTLINE_SESSIONS_PER_SECOND" '[1-9][0-9]{0,4}' ||
    die "HOTLINE_SESSIONS_PER_SECOND must be a positive number, got '$HOTLINE_SESSIONS_PER_SECOND'"

  HOTLINE_MOH_DIR=${HOTLINE_MOH_DIR:-}
  [ -z "$HOTLINE_MOH_DIR" ] || matches "$HOTLINE_MOH_DIR" "$PATH_RE" || die "HOTLINE_MOH_DIR must be an absolute path, got '$HOTLINE_MOH_DIR'"

  HOTLINE_CARRIER_CIDRS=${HOTLINE_CARRIER_CIDRS:-}
  HOTLINE_DID_MAP=${HOTLINE_DID_MAP:-}
  HOTLINE_AGENTS=${HOTLINE_AGENTS:-}

  case $FS_CONF_DIR in /?*) ;; *) die "FS_CONF_DIR must be an absolute path, got '$FS_CONF_DIR'" ;; esac
  [ "$FS_CONF_DIR" != "$FS_CONF_TEMPLATE" ] || die 'FS_CONF_DIR must differ from the template directory'
  [ -f "$FS_CONF_TEMPLATE/freeswitch.xml" ] || die "no freeswitch.xml in FS_CONF_TEMPLATE ($FS_CONF_TEMPLATE)"
}

set_line() { printf '  <X-PRE-PROCESS cmd="set" data="%s=%s"/>\n' "$1" "$2"; }

render_vars() { # out
  {
    echo '<include>'
    set_line hotline_esl_password "$ESL_PASSWORD"
    set_line hotline_esl_port "$HOTLINE_ESL_PORT"
    set_line domain "$HOTLINE_SIP_DOMAIN"
    set_line domain_name "$HOTLINE_SIP_DOMAIN"
    # shellcheck disable=SC2016 # a FreeSWITCH preprocessor reference, expanded by FreeSWITCH
    set_line hotline_sip_ip "${HOTLINE_SIP_IP:-\$\${local_ip_v4\}}"
    # shellcheck disable=SC2016
    set_line hotline_external_ip "${HOTLINE_EXTERNAL_IP:-\$\${local_ip_v4\}}"
    set_line hotline_sip_port "$HOTLINE_SIP_PORT"
    set_line hotline_rtp_start_port "$HOTLINE_RTP_START_PORT"
    set_line hotline_rtp_end_port "$HOTLINE_RTP_END_PORT"
    set_line hotline_max_sessions "$HOTLINE_MAX_SESSIONS"
    set_line hotline_sessions_per_second "$HOTLINE_SESSIONS_PER_SECOND"
    # shellcheck disable=SC2016
    set_line hotline_moh_dir "${HOTLINE_MOH_DIR:-\$\${sounds_dir\}/music/8000}"
    echo '</include>'
  } >"$1"
}

render_carriers() { # out
  {
    echo '<include>'
    for cidr in $(printf '%s' "$HOTLINE_CARRIER_CIDRS" | tr ',' ' '); do
      matches "$cidr" "$CIDR" || die "HOTLINE_CARRIER_CIDRS: '$cidr' is not an IPv4 CIDR (a.b.c.d/n)"
      printf '      <node type="allow" cidr="%s"/>\n' "$cidr"
    done
    echo '</include>'
  } >"$1"
  [ -n "$HOTLINE_CARRIER_CIDRS" ] || warn 'HOTLINE_CARRIER_CIDRS is empty: no carrier can deliver calls without authenticating'
}

# HOTLINE_DID_MAP: one "<did> <tenant>" per line, # comments and blank lines allowed.
render_did_map() { # out seen-file
  out=$1 seen=$2
  echo '<include>' >"$out"
  if [ -n "$HOTLINE_DID_MAP" ]; then
    [ -r "$HOTLINE_DID_MAP" ] || die "HOTLINE_DID_MAP ($HOTLINE_DID_MAP) is not a readable file"
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
      n=$((n + 1))
      case $line in '' | '#'*) continue ;; esac
      [ "$(printf '%s\n' "$line" | awk '{ print NF }')" = 2 ] || die "HOTLINE_DID_MAP line $n: expected '<did> <tenant>'"
      did=$(printf '%s\n' "$line" | awk '{ print $1 }')
      tenant=$(printf '%s\n' "$line" | awk '{ print $2 }')
      matches "$did" "$DID_RE" || die "HOTLINE_DID_MAP line $n: '$did' is not a number (digits, optional leading +)"
      matches "$tenant" "$TENANT_RE" || die "HOTLINE_DID_MAP line $n: '$tenant' is not a tenant id ($TENANT_RE)"
      digits=${did#+}
      ! grep -qx -- "$digits" "$seen" 2>/dev/null || die "HOTLINE_DID_MAP line $n: $did is mapped twice"
      printf '%s\n' "$digits" >>"$seen"
      {
        printf '    <extension name="hotline_did_%s" continue="true">\n' "$digits"
        printf '      <condition field="destination_number" expression="^\\+?%s$">\n' "$digits"
        printf '        <action application="set" data="hotline_tenant=%s" inline="true"/>\n' "$tenant"
        printf '        <action application="set" data="hotline_dialled_number=%s" inline="true"/>\n' "$did"
        printf '      </condition>\n'
        printf '    </extension>\n'
      } >>"$out"
    done <"$HOTLINE_DID_MAP"
  else
    warn 'HOTLINE_DID_MAP is not set: every inbound call will be rejected as an unallocated number'
  fi
  echo '</include>' >>"$out"
}

# HOTLINE_AGENTS: one "<extension> <a1-hash> [display name]" per line, where
# a1-hash = md5("<extension>:<HOTLINE_SIP_DOMAIN>:<password>").
render_agents() { # out template seen-file
  echo '<include>' >"$1"
  if [ -n "$HOTLINE_AGENTS" ]; then
    [ -r "$HOTLINE_AGENTS" ] || die "HOTLINE_AGENTS ($HOTLINE_AGENTS) is not a readable file"
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
      n=$((n + 1))
      case $line in '' | '#'*) continue ;; esac
      ext=$(printf '%s\n' "$line" | awk '{ print $1 }')
      a1=$(printf '%s\n' "$line" | awk '{ print $2 }')
      name=$(printf '%s\n' "$line" | awk '{ $1 = ""; $2 = ""; sub(/^ +/, ""); print }')
      matches "$ext" "$EXT_RE" || die "HOTLINE_AGENTS line $n: '$ext' is not an extension (2-10 digits)"
      matches "$a1" "$A1_RE" || die "HOTLINE_AGENTS line $n: the a1-hash must be 32 lower-case hex digits"
      matches "$name" "$NAME_RE" || die "HOTLINE_AGENTS line $n: the display name may use letters, digits, space and . _ ' - (64 at most)"
      [ -n "$name" ] || name=$ext
      ! grep -qx -- "$ext" "$3" 2>/dev/null || die "HOTLINE_AGENTS line $n: extension $ext is listed twice"
      printf '%s\n' "$ext" >>"$3"
      sed -e "s|@EXT@|$ext|g" -e "s|@A1_HASH@|$a1|g" -e "s|@NAME@|$name|g" "$2" >>"$1"
    done <"$HOTLINE_AGENTS"
  fi
  echo '</include>' >>"$1"
}

render() {
  validate_env
  umask 077
  parent=$(dirname -- "$FS_CONF_DIR")
  mkdir -p -- "$parent"
  tmp=$(mktemp -d "$FS_CONF_DIR.new.XXXXXX")
  trap 'rm -rf -- "$tmp"' EXIT
  cp -R -- "$FS_CONF_TEMPLATE/." "$tmp/"
  mkdir -p -- "$tmp/generated"
  render_vars "$tmp/generated/vars.xml"
  render_carriers "$tmp/generated/carrier-acl.xml"
  render_did_map "$tmp/generated/did-map.xml" "$tmp/generated/.dids"
  render_agents "$tmp/generated/agents.xml" "$FS_CONF_TEMPLATE/directory/agents/agent.xml.template" "$tmp/generated/.agents"
  rm -f -- "$tmp/generated/.dids" "$tmp/generated/.agents"
  chmod -R go-rwx -- "$tmp"
  # Swap the whole tree so a running FreeSWITCH never reads a half-written one on reloadxml.
  if [ -e "$FS_CONF_DIR" ]; then
    mv -- "$FS_CONF_DIR" "$tmp.old"
    mv -- "$tmp" "$FS_CONF_DIR"
    rm -rf -- "$tmp.old"
  else
    mv -- "$tmp" "$FS_CONF_DIR"
  fi
  trap - EXIT
}

if [ "${1:-}" = render ]; then
  render
  printf 'hotline-freeswitch: configuration rendered in %s\n' "$FS_CONF_DIR" >&2
  exit 0
fi

render
mkdir -p -- "$FS_LOG_DIR" "$FS_DB_DIR" "$FS_RUN_DIR"
set -- -nonat -nf -conf "$FS_CONF_DIR" -log "$FS_LOG_DIR" -db "$FS_DB_DIR" -run "$FS_RUN_DIR" "$@"
# -nc: no console. Without a terminal (containers, systemd) the console would read EOF from stdin;
# FS_CONSOLE=1 keeps it for interactive debugging (compose: tty and stdin_open).
[ "${FS_CONSOLE:-0}" = 1 ] || set -- -nc "$@"
# Started as root (containers): drop to the packaged freeswitch user, which must own its directories.
if [ "$(id -u)" = 0 ] && id "$FS_USER" >/dev/null 2>&1; then
  chown -R "$FS_USER:$FS_USER" "$FS_CONF_DIR" "$FS_LOG_DIR" "$FS_DB_DIR" "$FS_RUN_DIR"
  set -- -u "$FS_USER" -g "$FS_USER" "$@"
fi
exec "$FS_BIN" "$@"
