#!/usr/bin/env bash
# The end-to-end comparison of Zmtp, libzmq and NetMQ, in one command:
#   bash benchmarks/perf/run.sh [--quick] [--jit] [runner options, see runner.py --help]
# Builds the three perf programs in Release, runs the matrix on loopback and writes benchmarks/results/
# (latest.md, latest.json, throughput.svg, latency.svg). zmtp runs as a Native AOT executable, as a
# deployed service would (runs of about a second are otherwise mostly JIT warm-up); --jit runs it on the
# JIT like NetMQPerf instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"

aot=1
args=()
for arg in "$@"; do
    case "$arg" in
        --jit) aot=0 ;;
        --aot) aot=1 ;;
        *) args+=("$arg") ;;
    esac
done

need_packages=()
[ -f /usr/include/zmq.h ] || need_packages+=(libzmq3-dev)
command -v gcc >/dev/null || need_packages+=(gcc)
command -v python3 >/dev/null || need_packages+=(python3)
# Native AOT links with clang, or with gcc when clang is absent: nothing more to install.
if [ ${#need_packages[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}"
    else
        echo "run.sh: missing ${need_packages[*]}; install with: sudo apt-get install ${need_packages[*]}" >&2
        exit 1
    fi
fi

echo "run.sh: building (Release)" >&2
bash "$root/benchmarks/LibzmqPerf/build.sh" "$out/libzmq" >/dev/null
dotnet publish "$root/benchmarks/NetMQPerf/NetMQPerf.csproj" -c Release -o "$out/netmq" --nologo -v q >/dev/null
if [ "$aot" = 1 ]; then
    dotnet publish "$root/src/Zmtp.Cli/Zmtp.Cli.csproj" -c Release -r linux-x64 -o "$out/zmtp-aot" --nologo -v q >/dev/null
    zmtp="$out/zmtp-aot/zmtp"
    zmtp_build="zmtp: Native AOT (dotnet publish -c Release -r linux-x64)"
else
    dotnet publish "$root/src/Zmtp.Cli/Zmtp.Cli.csproj" -c Release -p:PublishAot=false -o "$out/zmtp" --nologo -v q >/dev/null
    zmtp="$out/zmtp/zmtp"
    zmtp_build="zmtp: JIT, framework-dependent (dotnet publish -c Release -p:PublishAot=false)"
fi
build_info="$zmtp_build; NetMQPerf: JIT, framework-dependent (dotnet publish -c Release); zmqperf: gcc -O2 against libzmq3-dev"

python3 "$here/runner.py" --zmtp "$zmtp perf" --libzmq "$out/libzmq/zmqperf" --netmq "$out/netmq/NetMQPerf" \
    --build-info "$build_info" "${args[@]}"
