#!/usr/bin/env bash
# Builds hoodykit_<version>_amd64.deb and hoodykit_<version>_amd64.tar.gz (the same tree, for images
# without dpkg) into OUT (default dist/). The app is one Native AOT executable: target images need no
# .NET, it starts in tens of milliseconds and idles at a third of the JIT build's memory.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/dist}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$top/Directory.Build.props")
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root

dotnet publish "$top/src/Daemon/HoodyKit.Daemon.csproj" -c Release -r linux-x64 -p:PublishAot=true \
  -o "$stage/publish" --nologo -v quiet
install -d "$root/opt/hoodykit"
install -m 0755 "$stage/publish/hoodykit" "$root/opt/hoodykit/hoodykit"
# native libraries the executable loads at run time (SkiaSharp for terminal screenshots)
for lib in "$stage"/publish/*.so; do [ -e "$lib" ] && install -m 0644 "$lib" "$root/opt/hoodykit/"; done

install -d "$root/usr/bin" "$root/etc/hoodykit" "$root/lib/systemd/system"
ln -s /opt/hoodykit/hoodykit "$root/usr/bin/hoodykit"
install -m 0644 "$top/packaging/hoodykit.json" "$root/etc/hoodykit/hoodykit.json"
install -m 0644 "$top/systemd/hoodykit.service" "$root/lib/systemd/system/hoodykit.service"

tar -C "$root" --owner=0 --group=0 -czf "$out/hoodykit_${version}_amd64.tar.gz" .

install -d "$root/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "$top/packaging/debian/$script" "$root/DEBIAN/$script"; done
echo /etc/hoodykit/hoodykit.json > "$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: hoodykit
Version: $version
Architecture: amd64
Maintainer: HoodyKit developers <dev@hoodykit.invalid>
Installed-Size: $size
Depends: libc6, libgcc-s1, libstdc++6, zlib1g, util-linux
Recommends: procps, fonts-dejavu-core
Section: admin
Priority: optional
Description: container agent that turns a Linux machine into HTTP APIs
 One process, hoodykit, hosts the container's services (program supervisor,
 terminals, files, display, pipe, sqlite, cron, curl) under /api/v1/<service>
 and supervises the user's programs.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/hoodykit_${version}_amd64.deb" >/dev/null
echo "$out/hoodykit_${version}_amd64.deb"
echo "$out/hoodykit_${version}_amd64.tar.gz"
