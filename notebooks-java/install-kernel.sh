#!/bin/sh
# Installs the heavytail Java kernel for Jupyter, from package registries only:
#   - Debian's Jupyter packages (apt-get, when run as root and they are missing),
#   - heavytail and its dependencies (Maven), built here,
# then writes the kernel spec `heavytail-java` whose classpath is this checkout's jars.
# Nothing is fetched by the kernel at run time; there are no download magics.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if ! command -v jupyter >/dev/null 2>&1 || ! /usr/bin/python3 -c "import nbconvert, nbclient" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-kernel: installing Debian's Jupyter packages" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-notebook python3-nbconvert python3-nbclient jupyter-client >/dev/null
  else
    echo "install-kernel: Jupyter is missing: apt-get install jupyter-notebook python3-nbconvert (as root)" >&2
    exit 1
  fi
fi
jar="$here/target/heavytail-notebooks-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ ! -d "$here/target/kernel-lib" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl notebooks-java -am)
fi
spec=$(mktemp -d)/heavytail-java
mkdir -p "$spec"
cat > "$spec/kernel.json" <<JSON
{
  "argv": ["java", "-Xmx6g", "-Dai.djl.offline=true", "-Dheavytail.home=$root",
           "-cp", "$jar:$here/target/kernel-lib/*",
           "org.heavytail.notebooks.kernel.HeavytailKernel", "{connection_file}"],
  "display_name": "Java (heavytail)",
  "language": "java",
  "interrupt_mode": "message"
}
JSON
jupyter kernelspec install --user --replace --name heavytail-java "$spec" >/dev/null
echo "installed kernel 'heavytail-java' ($(jupyter kernelspec list | grep heavytail-java))"
echo "start it with: cd $here && jupyter notebook   (or: jupyter nbconvert --to notebook --execute 01-quickstart.ipynb)"
