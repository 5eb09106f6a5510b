#!/usr/bin/env bash
# Checks what Maven Central and JPMS users need of every jar module, after building the jars with the release
# profile (sources and Javadoc jars attached):
#   - the jar's manifest has the Automatic-Module-Name that the module's pom sets (automatic.module.name), the name
#     is a valid Java module name, and every class of the jar lies in that package or below it (one root package
#     per module, so two modules never split a package);
#   - the -sources and -javadoc jars exist and are not empty, and the Javadoc has an index;
#   - the BOM pins every module that is published (all but those whose pom sets maven.deploy.skip: the examples
#     and the benchmarks), and the BOM and the parent carry the
#     name, description, url, license, developers and scm that Central requires, and the modules inherit the
#     parent's url and scm as they are.
# Usage: scripts/check-packaging.sh            build (offline) and check
#        scripts/check-packaging.sh --no-build check the jars already in */target
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-build" ]; then
  mvn -o -B -q -Prelease package -DskipTests
fi

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The first <tag>value</tag> of a file, outside the <parent> block.
pom_value() {
  sed '/<parent>/,/<\/parent>/d' "$1" | grep -m1 -o "<$2>[^<]*</$2>" | sed -E "s|</?$2>||g" || true
}

version=$(pom_value pom.xml version)
modules=$(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' pom.xml)
checked=0

for module in $modules; do
  [ "$module" = bom ] && continue
  artifact=$(pom_value "$module/pom.xml" artifactId)
  expected=$(pom_value "$module/pom.xml" automatic.module.name)
  jar="$module/target/$artifact-$version.jar"
  if [ -z "$expected" ]; then
    fail "$module: its pom sets no automatic.module.name"
    continue
  fi
  if ! [[ "$expected" =~ ^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$ ]]; then
    fail "$module: '$expected' is not a valid module name"
  fi
  if [ ! -f "$jar" ]; then
    fail "$module: no $jar (build first)"
    continue
  fi
  actual=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [ "$actual" = "$expected" ] || fail "$jar: Automatic-Module-Name is '$actual', expected '$expected'"
  root="${expected//.//}/"
  outside=$(unzip -Z1 "$jar" | grep '\.class$' | grep -v "^$root" | grep -v '^META-INF/versions/' || true)
  [ -z "$outside" ] || fail "$jar: classes outside $root: $(echo "$outside" | head -3 | tr '\n' ' ')"
  for kind in sources javadoc; do
    attached="$module/target/$artifact-$version-$kind.jar"
    if [ ! -s "$attached" ]; then
      fail "$module: no $attached (the release profile attaches it)"
    elif [ "$(unzip -Z1 "$attached" | grep -c -v '/$')" -lt 2 ]; then
      fail "$attached holds no files"
    fi
  done
  javadoc="$module/target/$artifact-$version-javadoc.jar"
  if [ -f "$javadoc" ] && ! grep -qx 'index.html' <<<"$(unzip -Z1 "$javadoc")"; then
    fail "$module: its Javadoc jar has no index.html"
  fi
  published=true
  [ "$(pom_value "$module/pom.xml" maven.deploy.skip)" = true ] && published=false
  if $published && ! grep -q "<artifactId>$artifact</artifactId>" bom/pom.xml; then
    fail "bom/pom.xml does not pin $artifact"
  fi
  echo "ok: $artifact ($expected)"
  checked=$((checked + 1))
done

for pom in pom.xml bom/pom.xml; do
  for element in name description url licenses developers scm; do
    grep -qE "<$element( |>)" "$pom" || fail "$pom has no <$element> (Maven Central requires it)"
  done
done

# Maven appends a child's artifactId to the url and scm it inherits, which turns the parent's
# scm:git:https://github.com/symphra/symphra-scheduler-java.git into ...java.git/symphra-exporter-json: a clone URL
# that does not exist, in every published module's POM. The parent must switch that off.
for attribute in child.project.url.inherit.append.path child.scm.connection.inherit.append.path \
    child.scm.developerConnection.inherit.append.path child.scm.url.inherit.append.path; do
  grep -q "$attribute=\"false\"" pom.xml \
    || fail "pom.xml: set $attribute=\"false\", or every module's POM gets the artifactId appended to its url/scm"
done

echo "$checked passed, $failures failed"
[ "$failures" -eq 0 ]
