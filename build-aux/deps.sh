#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever Confianza needs to build, run
# and test and is not there yet; generates the es_ES.UTF-8 locale.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev libxlsxwriter-dev
  # tests: a display, D-Bus and the accessibility bus, the Spanish locale
  xvfb xauth dbus dbus-x11 at-spi2-core locales
  desktop-file-utils appstream sqlite3 flatpak-builder
  # driving the real application as a person would
  python3 python3-pyatspi xdotool xclip
  # reading the reports back, and opening them in another program
  python3-openpyxl libreoffice-calc-nogui
  # fuzzing the CSV parser, and the memory checkers
  clang libclang-rt-14-dev valgrind
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  echo "Generating the es_ES.UTF-8 locale"
  $sudo sed -i 's/^# *\(es_ES.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^es_ES.UTF-8 UTF-8' /etc/locale.gen || echo 'es_ES.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
fi
