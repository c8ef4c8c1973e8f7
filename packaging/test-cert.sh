#!/usr/bin/env bash
# Creates a self-signed TLS certificate for 127.0.0.1 (DIR/cert.pem, DIR/key.pem 0600) unless one exists.
set -euo pipefail

dir=${1:?usage: test-cert.sh DIR [OWNER:GROUP]}
owner=${2:-}
cert="$dir/cert.pem"
key="$dir/key.pem"

if [ -s "$cert" ] && [ -s "$key" ]; then
  exit 0
fi

mkdir -p "$dir"
chmod 0750 "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 \
  -subj "/CN=127.0.0.1/O=Lineside test certificate" \
  -addext "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
  -addext "extendedKeyUsage=serverAuth" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null)
chmod 0600 "$tmp/key.pem"
chmod 0644 "$tmp/cert.pem"
if [ -n "$owner" ]; then
  chown "$owner" "$tmp/key.pem" "$tmp/cert.pem" "$dir"
fi
mv "$tmp/key.pem" "$key"
mv "$tmp/cert.pem" "$cert"
echo "test-cert: wrote a self-signed certificate for 127.0.0.1 to $cert (key $key)"
