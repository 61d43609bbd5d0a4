#!/usr/bin/env bash
# Reads a built binary and fails unless it carries the hardened build's marks (CMakeLists.txt,
# "Build checks"; docs/testing.md):
#   pie        ELF type DYN with FLAGS_1 PIE            (-fPIE -pie)
#   relro      a GNU_RELRO segment                      (-Wl,-z,relro)
#   bind-now   BIND_NOW / FLAGS_1 NOW                   (-Wl,-z,now: with relro, "full RELRO")
#   nx-stack   GNU_STACK not executable                 (-Wl,-z,noexecstack, the default)
#   ssp        imports __stack_chk_fail                 (-fstack-protector-strong)
#   fortify    imports glibc's checked __*_chk calls     (-D_FORTIFY_SOURCE=3)
#   ibt        main() starts with endbr64 (x86-64)      (-fcf-protection: IBT + SHSTK)
#   flags      every compile unit of ours (debug info) was built with -fstack-protector-strong,
#              -fstack-clash-protection and -fcf-protection — the flags that leave no other trace
# Usage: check-hardening.sh BINARY [SOURCE_DIR]
#   SOURCE_DIR: only compile units under it count for "flags" (default: this repository).
# Exit 0 when every check passes, 1 listing each one that failed, 2 for bad usage.
# The GNU property note (IBT, SHSTK) is reported but not required: on Debian 12 glibc's own start
# files (Scrt1.o, crti.o) and libimgui.a carry no such note, so no binary linked there can have
# one; the endbr64 check proves our code was compiled for it.
set -uo pipefail
binary=${1:?usage: check-hardening.sh BINARY [SOURCE_DIR]}
source_dir=${2:-$(cd "$(dirname "$0")/.." && pwd)}
[[ -f $binary ]] || { echo "check-hardening: no such file: $binary"; exit 2; }
for tool in readelf objdump; do
  command -v $tool >/dev/null || { echo "check-hardening: $tool is needed (binutils)"; exit 2; }
done

failed=()
pass() { printf '  ok    %-9s %s\n' "$1" "$2"; }
fail() { printf '  FAIL  %-9s %s\n' "$1" "$2"; failed+=("$1"); }

header=$(readelf -hW "$binary")
dynamic=$(readelf -dW "$binary")
segments=$(readelf -lW "$binary")
imports=$(readelf --dyn-syms -W "$binary" | awk '$7 == "UND" { sub(/@.*/, "", $8); print $8 }' | sort -u)

echo "hardening of $binary:"
if grep -q 'Type:.*DYN' <<<"$header" && grep -q 'FLAGS_1.*PIE' <<<"$dynamic"; then
  pass pie "position-independent executable"
else
  fail pie "not a PIE (ELF type $(awk '/Type:/ {print $2}' <<<"$header"))"
fi
if grep -q GNU_RELRO <<<"$segments"; then pass relro "GNU_RELRO segment"; else fail relro "no GNU_RELRO segment"; fi
if grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' <<<"$dynamic"; then
  pass bind-now "BIND_NOW: full RELRO"
else
  fail bind-now "no BIND_NOW (lazy binding: partial RELRO only)"
fi
if grep -q 'GNU_STACK.*RW ' <<<"$segments"; then pass nx-stack "stack not executable"; else fail nx-stack "executable or missing GNU_STACK"; fi
if grep -qx '__stack_chk_fail' <<<"$imports"; then pass ssp "imports __stack_chk_fail"; else fail ssp "no __stack_chk_fail: not built with a stack protector"; fi
chk=$(grep -E '^__.*_chk$' <<<"$imports" | grep -vx '__stack_chk_fail' | tr '\n' ' ')
if [[ -n $chk ]]; then pass fortify "imports ${chk% }"; else fail fortify "no __*_chk imports: not built with _FORTIFY_SOURCE"; fi

if [[ $(awk '/Machine:/ {print $2}' <<<"$header") == Advanced ]]; then # "Advanced Micro Devices X86-64"
  first=$(objdump -d --no-show-raw-insn --disassemble=main "$binary" 2>/dev/null | awk '/<main>:/ { getline; print $2; exit }')
  if [[ $first == endbr64 ]]; then pass ibt "main() starts with endbr64"; else fail ibt "main() starts with '${first:-?}', not endbr64: not built with -fcf-protection"; fi
  note=$(readelf -nW "$binary" | grep -o 'x86 feature:.*' || true)
  echo "  info  property  ${note:-no IBT/SHSTK property note (expected on Debian 12: its Scrt1.o, crti.o and libimgui.a have none)}"
fi

# The flags that leave no mark of their own, from each compile unit's DW_AT_producer (GCC records
# the command-line options with -g). A build without debug info skips this, saying so.
producers=$(readelf --debug-dump=info "$binary" 2>/dev/null | awk -v src="$source_dir" '
  /DW_TAG_compile_unit/ { producer = ""; unit = 1; next }
  unit && /DW_AT_producer/ { sub(/.*DW_AT_producer *: *(\(indirect string, offset: 0x[0-9a-f]+\): *)?/, ""); producer = $0 }
  unit && /DW_AT_name/ { sub(/.*DW_AT_name *: *(\(indirect[^)]*\): *)?/, ""); name = $0 }
  unit && /DW_AT_comp_dir/ {
    unit = 0; sub(/.*DW_AT_comp_dir *: *(\(indirect[^)]*\): *)?/, "")
    path = (name ~ /^\//) ? name : $0 "/" name # relative with ccache base_dir
    while (sub(/\/[^\/.][^\/]*\/\.\.\//, "/", path)) {}
    if (path ~ "^" src "/kiosk/" && path ~ /\.cpp$/) print path "\t" producer }')
if [[ -z $producers ]]; then
  echo "  info  flags     no debug info for our sources: per-unit flags not checked"
else
  units=$(wc -l <<<"$producers")
  missing=""
  for flag in -fstack-protector-strong -fstack-clash-protection -fcf-protection; do
    pattern="$flag( |$)"
    [[ $flag == -fcf-protection ]] && pattern="$flag(=full)?( |$)" # not =none, =return or =branch
    bad=$(grep -Ev -- "$pattern" <<<"$producers" | cut -f1 | sed "s|^$source_dir/||" | head -3 | tr '\n' ' ')
    [[ -n $bad ]] && missing+="$flag missing in ${bad% }; "
  done
  if [[ -z $missing ]]; then
    pass flags "$units compile units of kiosk/ built with -fstack-protector-strong -fstack-clash-protection -fcf-protection"
  else
    fail flags "${missing%; }"
  fi
fi

if (( ${#failed[@]} )); then
  echo "hardening check FAILED: ${failed[*]}"
  exit 1
fi
echo "hardening check passed"
