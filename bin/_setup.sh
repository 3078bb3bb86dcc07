# Shared set-up for bin/demo and bin/test: everything a fresh Debian machine with python3 lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.local/bin:$PATH"

apt_install() {
  # Debian packages, installed once; root on these machines, sudo elsewhere.
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ! -f /tmp/.binome-apt-updated ]; then
    $sudo apt-get update -qq && touch /tmp/.binome-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if ! command -v uv >/dev/null 2>&1; then
  echo "• installing uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
fi
if ! command -v msgfmt >/dev/null 2>&1; then
  echo "• installing gettext"
  apt_install gettext
fi
echo "• Python environment (uv sync --locked)"
uv sync --locked --quiet
mkdir -p var
uv run --no-sync python manage.py compilemessages --ignore ".venv/*" -v0
