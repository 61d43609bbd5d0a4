#!/usr/bin/env bash
# Shows that check-hardening.sh can fail (ctest hardening_check_detects_unhardened): one small
# program is compiled twice with the compiler the kiosk is built with — once with every hardening
# flag, once with each of them turned off — and the check must pass the first and fail the second
# on every one of its checks.
# Usage: check-hardening-selftest.sh CXX WORK_DIR
set -uo pipefail
cxx=${1:?usage: check-hardening-selftest.sh CXX WORK_DIR}
work=${2:?usage: check-hardening-selftest.sh CXX WORK_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/kiosk"
# Under a kiosk/ directory, so that its compile unit counts as "ours" for the flags check.
cat >"$work/kiosk/probe.cpp" <<'EOF'
#include <cstdio>
#include <cstring>
int main(int argc, char** argv)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s:%d", argv[0], argc);
    char copy[32];
    std::memcpy(copy, buffer, std::strlen(buffer) + 1);
    std::puts(copy);
    return 0;
}
EOF
hardened=(-O2 -g -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fstack-clash-protection
  -fcf-protection=full -fPIE -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack)
unhardened=(-O2 -g -U_FORTIFY_SOURCE -fno-stack-protector -fno-stack-clash-protection -fcf-protection=none
  -fno-PIE -no-pie -Wl,-z,norelro -Wl,-z,lazy)
"$cxx" "${hardened[@]}" "$work/kiosk/probe.cpp" -o "$work/probe-hardened" || exit 1
"$cxx" "${unhardened[@]}" "$work/kiosk/probe.cpp" -o "$work/probe-unhardened" || exit 1

status=0
echo "--- the probe built with every flag: must pass"
"$here/check-hardening.sh" "$work/probe-hardened" "$work" || { echo "selftest FAILED: the hardened probe did not pass"; status=1; }
echo "--- the probe built without them: must fail on every check"
out=$("$here/check-hardening.sh" "$work/probe-unhardened" "$work")
rc=$?
echo "$out"
[[ $rc == 1 ]] || { echo "selftest FAILED: the unhardened probe gave exit $rc, not 1"; status=1; }
for check in pie relro bind-now ssp fortify ibt flags; do
  grep -q "FAIL  $check " <<<"$out" || { echo "selftest FAILED: check '$check' did not fail on the unhardened probe"; status=1; }
done
for flag in -fstack-protector-strong -fstack-clash-protection -fcf-protection; do
  grep -q -- "$flag missing" <<<"$out" || { echo "selftest FAILED: the flags check did not notice $flag missing"; status=1; }
done
(( status == 0 )) && echo "hardening selftest passed: the check passes a hardened binary and catches each missing flag"
exit $status
