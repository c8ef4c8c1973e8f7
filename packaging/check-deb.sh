#!/usr/bin/env bash
# Builds the DEB packages from a finished build tree with cpack and checks their contents and control data.
set -euo pipefail

# check-deb.sh BUILD_DIR [PROGRAM...]: PROGRAM is a path under /usr the package must hold (bin/lineside).
build=$(cd "${1:?usage: check-deb.sh BUILD_DIR [PROGRAM...]}" && pwd)
shift
programs=("$@")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "check-deb: FAIL: $*"; fail=1; }

cd "$build"
cpack -G DEB --config CPackConfig.cmake -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }

deb=$(ls "$out"/lineside_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { cat "$out/cpack.log"; echo "check-deb: FAIL: no lineside_*.deb made"; exit 1; }
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||' >"$out/files"
dpkg-deb -f "$deb" >"$out/control"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' >"$out/ctrl"

has_file() { grep -qxE "$1" "$out/files" || bad "$(basename "$deb") has no file matching $1"; }
has_file 'usr/bin/lineside'
for program in "${programs[@]}"; do
  has_file "usr/$program"
done
has_file 'etc/lineside/lineside.yaml'
has_file 'etc/lineside/directory.yaml'
has_file '(usr/)?lib/systemd/system/lineside.service'
modules=0
for so in "$build"/modules/*.so; do
  [ -e "$so" ] || continue
  modules=$((modules + 1))
  has_file "usr/lib/(.+/)?lineside/modules/$(basename "$so")"
done
[ "$modules" -gt 0 ] || bad "the build tree has no modules in $build/modules"

grep -q '^Package: lineside$' "$out/control" || bad "Package is not lineside"
depends=$(sed -n 's/^Depends: //p' "$out/control")
[ -n "$depends" ] || bad "the control file has no Depends"
for lib in libsofia-sip-ua0 libssl3 adduser; do
  case ", $depends" in *", $lib"*) ;; *) bad "Depends lacks $lib: $depends" ;; esac
done
for script in postinst prerm postrm conffiles; do
  grep -qx "$script" "$out/ctrl" || bad "the control archive has no $script"
done
if grep -qx conffiles "$out/ctrl"; then
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$out/conffiles"
  grep -qx /etc/lineside/lineside.yaml "$out/conffiles" || bad "lineside.yaml is not a conffile"
fi

echo "check-deb: $(basename "$deb"): $(wc -l <"$out/files") entries; Depends: $depends"
dev=$(ls "$out"/lineside-dev_*.deb 2>/dev/null | head -n 1)
if [ -n "$dev" ]; then
  dpkg-deb -c "$dev" >"$out/dev-files"
  grep -q 'usr/include/lineside/abi.h' "$out/dev-files" || bad "$(basename "$dev") lacks usr/include/lineside/abi.h"
  echo "check-deb: $(basename "$dev"): $(wc -l <"$out/dev-files") entries"
fi
exit "$fail"
