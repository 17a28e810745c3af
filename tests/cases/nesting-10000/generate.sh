# Arrays nested 10,000 deep: rejected with a diagnostic, not a crash.
{ printf '{"events": '; head -c 10000 /dev/zero | tr '\0' '['; head -c 10000 /dev/zero | tr '\0' ']'; printf '}\n'; } > data/deep.json
