#!/usr/bin/env bash
# Runs the keychain tests against the real OS keychain. On Linux: a Secret Service that is unlocked,
# then one that is locked, then no D-Bus session at all (each must end in a clear message).
set -euo pipefail
cd "$(dirname "$0")/../.."
vitest="$PWD/node_modules/.bin/vitest"
run() { "$vitest" run --config vitest.keychain.config.ts; }

if [ "$(uname -s)" != Linux ]; then
  KEYCHAIN_EXPECT=available run
  exit
fi
for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
  command -v "$tool" >/dev/null || { echo "keychain tests need $tool: apt-get install -y gnome-keyring libsecret-tools dbus dbus-x11" >&2; exit 1; }
done
export vitest
quiet_dbus() { grep -v 'dbus-daemon\[' >&2 || true; }

echo "keychain tests: unlocked Secret Service"
HOME=$(mktemp -d) dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && KEYCHAIN_EXPECT=available "$vitest" run --config vitest.keychain.config.ts' 2> >(quiet_dbus)
echo "keychain tests: locked Secret Service"
HOME=$(mktemp -d) dbus-run-session -- bash -c 'gnome-keyring-daemon --start --components=secrets >/dev/null && KEYCHAIN_EXPECT=locked "$vitest" run --config vitest.keychain.config.ts' 2> >(quiet_dbus)
echo "keychain tests: no D-Bus session"
env -u DBUS_SESSION_BUS_ADDRESS HOME="$(mktemp -d)" KEYCHAIN_EXPECT=unavailable "$vitest" run --config vitest.keychain.config.ts
