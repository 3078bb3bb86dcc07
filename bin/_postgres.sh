# Start the machine's PostgreSQL (Debian cluster 15/main) and make a test role; sets BINOME_PG_URL.
BINOME_PG_URL="${BINOME_PG_URL:-postgres://binome:binome@127.0.0.1:5432/binome}"

postgres_ready() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then apt_install postgresql; else return 1; fi
  fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$version" ] || return 1
  pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 20); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 || return 1
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='binome'\" | grep -q 1 || \
      psql -q -c \"CREATE ROLE binome LOGIN CREATEDB PASSWORD 'binome'\"" >/dev/null
    su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='binome'\" | grep -q 1 || \
      createdb -O binome binome" >/dev/null
  fi
  return 0
}
