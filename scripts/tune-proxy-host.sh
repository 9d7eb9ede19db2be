#!/usr/bin/env bash
# Sets net.ipv4.tcp_notsent_lowat to 16 KB when it is higher (Linux's default is "no limit"), with sudo when not
# root. A reverse proxy in front of the dashboard then keeps at most that much of a feed unsent per client, so a
# slow client skips frames in the dashboard instead of falling further and further behind (docs/deploy/nginx).
# Not persistent: docs/deploy/systemd/README.md shows the /etc/sysctl.d file for a server. Used by test.sh for
# the reverse-proxy test; failing to set it (a container without the right) is a warning, not an error.
set -uo pipefail

key=net.ipv4.tcp_notsent_lowat
want=16384
have=$(sysctl -n "$key" 2>/dev/null || echo "")
[ -n "$have" ] && [ "$have" -le "$want" ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
if $sudo sysctl -q -w "$key=$want" >/dev/null 2>&1; then
  echo "Set $key=$want (was ${have:-unknown}) for the reverse-proxy test; it is back to the default after a reboot."
else
  echo "Warning: could not set $key=$want; the reverse-proxy test will say so and skip its slow-client check." >&2
fi
