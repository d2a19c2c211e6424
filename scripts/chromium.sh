#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed (Debian's chromium and
# chromium-driver), for the admin console's browser test. Needs root or sudo the first time.
set -euo pipefail
if command -v chromedriver > /dev/null && { command -v chromium > /dev/null || command -v chromium-browser > /dev/null; }; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "[chromium.sh] installing chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver > /dev/null
