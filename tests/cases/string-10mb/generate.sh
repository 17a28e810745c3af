# A title of 10 MB: rejected with a diagnostic, not a crash.
{ printf '{"events": [{"id": "e1", "date": "2019", "lane": "x", "source": "x", "title": {"en": "'
  head -c 10485760 /dev/zero | tr '\0' 'a'
  printf '"}}]}\n'; } > data/big.json
