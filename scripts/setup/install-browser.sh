#!/usr/bin/env bash
# Installs what the portal's browser tests need from Debian's packages: Chromium (playwright-core drives
# /usr/bin/chromium; Playwright's own browser download does not work offline) and CJK fonts, so Chinese
# labels render in screenshots. Idempotent: installs only what is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-browser: chromium and CJK fonts present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-browser: apt-get install ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
