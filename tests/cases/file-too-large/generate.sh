# A 70 MB file: over the input limit.
{ printf '{"events": [], "pad": "'; head -c 73400320 /dev/zero | tr '\0' ' '; printf '"}\n'; } > data/huge.json
