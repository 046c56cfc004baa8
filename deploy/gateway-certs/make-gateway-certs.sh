#!/bin/sh
# Makes the gateway's mutual-TLS certificates once: a throwaway CA, a silo certificate (server and client
# authentication) and a dashboard client certificate, each as a password-protected .pfx with the CA's certificate
# beside it. Run by the compose service `gateway-certs` into the volumes the silo and the dashboard mount; a second
# run finds them and changes nothing. The CA's private key is discarded: to renew, remove the two volumes.
#
#   CERTIFICATE_PASSWORD  the .pfx password (required; the silo and the dashboard get the same one)
#   SILO_CERTS_DIR        where silo.pfx and ca.crt go      (default /certs/silo)
#   DASHBOARD_CERTS_DIR   where client.pfx and ca.crt go    (default /certs/dashboard)
#   CERTIFICATE_DAYS      validity in days                  (default 825)
set -eu

silo_dir=${SILO_CERTS_DIR:-/certs/silo}
dashboard_dir=${DASHBOARD_CERTS_DIR:-/certs/dashboard}
days=${CERTIFICATE_DAYS:-825}
: "${CERTIFICATE_PASSWORD:?CERTIFICATE_PASSWORD must be set (the password of the .pfx files)}"

if [ -s "$silo_dir/silo.pfx" ] && [ -s "$silo_dir/ca.crt" ] && [ -s "$dashboard_dir/client.pfx" ] && [ -s "$dashboard_dir/ca.crt" ]; then
  echo "gateway certificates: present in $silo_dir and $dashboard_dir, nothing to do"
  exit 0
fi

mkdir -p "$silo_dir" "$dashboard_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

openssl req -x509 -newkey rsa:2048 -nodes -days "$days" -subj "/CN=orleans-trading gateway CA" \
  -keyout "$work/ca.key" -out "$work/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# issue NAME EXTENDED_KEY_USAGE: NAME.pfx signed by the CA, protected by CERTIFICATE_PASSWORD (read from the environment,
# so it never shows in the process list).
issue() {
  openssl req -newkey rsa:2048 -nodes -subj "/CN=orleans-trading $1" -keyout "$work/$1.key" -out "$work/$1.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n' "$2" > "$work/$1.ext"
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days "$days" \
    -extfile "$work/$1.ext" -out "$work/$1.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$work/$1.key" -in "$work/$1.crt" -name "orleans-trading $1" \
    -out "$work/$1.pfx" -passout env:CERTIFICATE_PASSWORD
}

# The silo's certificate also authenticates it as a client: silos connect to each other on the silo port.
issue silo serverAuth,clientAuth
issue client clientAuth

# place FILE DIR MODE: a complete file or none (copied beside, then renamed).
place() {
  rm -f "$2/.$1.new"
  cp "$work/$1" "$2/.$1.new"
  chmod "$3" "$2/.$1.new"
  mv -f "$2/.$1.new" "$2/$1"
}
place silo.pfx "$silo_dir" 0400
place client.pfx "$dashboard_dir" 0400
# ca.crt last: its presence beside both .pfx files is what the next run checks.
place ca.crt "$silo_dir" 0444
place ca.crt "$dashboard_dir" 0444

fingerprint=$(openssl x509 -in "$work/ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)
echo "gateway certificates: new CA (SHA-256 $fingerprint), silo and dashboard certificates valid $days days; the CA key was discarded"
