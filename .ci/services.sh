#!/usr/bin/env bash
# Makes sure the services the multi-instance tests use are there and running: PostgreSQL
# (127.0.0.1:5432, trust auth, database `test`), Redis (127.0.0.1:6379) and the nginx binary
# (tests start their own nginx on random ports). Installs Debian's packages when one is absent and
# starts a stopped one with the commands the machines use. Never fails: when a service cannot be
# had, the multi-instance suite skips and says why.
set -uo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
apt_updated=""

note() { echo "ci services: $*"; }

apt_install() {
	export DEBIAN_FRONTEND=noninteractive
	if [ -z "$apt_updated" ]; then
		$SUDO apt-get update -qq >/dev/null 2>&1 || true
		apt_updated=1
	fi

	$SUDO apt-get install -y -qq "$@" >/dev/null 2>&1
}

postgres_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

ensure_postgres() {
	if postgres_up; then note "PostgreSQL is running"; return; fi
	local fresh=""
	if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
		note "installing Debian postgresql"
		apt_install postgresql || { note "could not install postgresql"; return; }
		fresh=1
	fi
	local version
	version="$(ls /etc/postgresql | sort -V | tail -1)"
	if [ -n "$fresh" ]; then
		# as on the project's machines: trust on the socket and on loopback (a throwaway CI machine)
		local hba="/etc/postgresql/$version/main/pg_hba.conf"
		printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' | $SUDO tee "$hba" >/dev/null
	fi
	note "starting PostgreSQL $version"
	$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
	for _ in $(seq 1 30); do postgres_up && break; sleep 1; done
	if ! postgres_up; then note "PostgreSQL did not start"; return; fi
	psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'root'" | grep -q 1 ||
		psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE ROLE root SUPERUSER LOGIN' || true
	for db in test root; do
		psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
			psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" || true
	done
	note "PostgreSQL is running"
}

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
	if redis_up; then note "Redis is running"; return; fi
	if ! command -v redis-server >/dev/null 2>&1; then
		note "installing Debian redis-server"
		apt_install redis-server || { note "could not install redis-server"; return; }
	fi
	redis_up && { note "Redis is running"; return; }
	note "starting Redis"
	$SUDO mkdir -p /var/lib/redis /var/log/redis
	$SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
		--dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
	for _ in $(seq 1 30); do redis_up && break; sleep 0.2; done
	if redis_up; then note "Redis is running"; else note "Redis did not start"; fi
}

ensure_nginx() {
	if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then note "nginx is installed"; return; fi
	note "installing Debian nginx"
	if apt_install nginx; then
		# the package may start a default server on port 80: the tests start their own on random ports
		note "nginx is installed"
	else
		note "could not install nginx"
	fi
}

ensure_postgres
ensure_redis
ensure_nginx
exit 0
