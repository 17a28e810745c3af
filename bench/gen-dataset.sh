#!/usr/bin/env bash
# Writes a synthetic data set of N events and N/2 figures (both languages, all date
# precisions) into DIR: bench/gen-dataset.sh N DIR
set -euo pipefail
n=${1:?usage: gen-dataset.sh N DIR}
dir=${2:?usage: gen-dataset.sh N DIR}
mkdir -p "$dir"
cat > "$dir/glossary.json" <<'JSON'
{
  "units": [{"id": "yuan", "label": {"zh": "元", "en": "yuan"}, "kind": "currency"}],
  "lanes": [{"id": "industry", "label": {"zh": "产业", "en": "Industry"}},
            {"id": "research", "label": {"zh": "科研", "en": "Research"}},
            {"id": "film", "label": {"zh": "电影", "en": "Film"}}],
  "metrics": [{"id": "m0", "label": {"zh": "指标", "en": "Metric"}, "unit": "yuan"}],
  "sources": [{"id": "src", "publisher": {"zh": "第一财经", "en": "Yicai"}, "title": {"zh": "报道", "en": "Report"}, "published": "2100"}],
  "entities": [{"id": "sensetime", "name": {"zh": "商汤科技", "en": "SenseTime"}, "kind": "organisation"}]
}
JSON
awk -v n="$n" 'BEGIN {
  split("industry research film", lanes, " ");
  printf "{\n  \"events\": [\n";
  for (i = 0; i < n; i++) {
    y = 1950 + (i % 75); m = 1 + (i % 12); d = 1 + (i % 28); k = i % 7;
    if (k == 0) date = sprintf("%04d", y);
    else if (k == 1) date = sprintf("%04d-%02d", y, m);
    else if (k == 2) date = sprintf("%04d-%02d-%02d", y, m, d);
    else if (k == 3) date = sprintf("%04d-H%d", y, 1 + i % 2);
    else if (k == 4) date = sprintf("%04d-Q%d", y, 1 + i % 4);
    else if (k == 5) date = sprintf("%04d~", y);
    else date = sprintf("%04d/%04d", y, y + 2);
    printf "    {\"id\": \"e%d\", \"date\": \"%s\", \"lane\": \"%s\", \"title\": {\"zh\": \"上海人工智能产业第%d项重大进展发布\", \"en\": \"Shanghai AI industry milestone number %d announced\"}, \"entities\": [\"sensetime\"], \"source\": \"src\", \"importance\": %d}%s\n", i, date, lanes[1 + i % 3], i, i, 1 + i % 3, (i + 1 < n ? "," : "");
  }
  printf "  ],\n  \"figures\": [\n";
  f = int(n / 2);
  for (i = 0; i < f; i++) {
    printf "    {\"id\": \"f%d\", \"metric\": \"m0\", \"value\": %d, \"unit\": \"yuan\", \"qualifier\": \"over\", \"date\": \"%04d-%02d-%02d\", \"source\": \"src\"}%s\n", i, 1000 + i, 1900 + int(i / 336), 1 + int(i / 28) % 12, 1 + i % 28, (i + 1 < f ? "," : "");
  }
  printf "  ]\n}\n";
}' > "$dir/records.json"
