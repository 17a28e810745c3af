#!/usr/bin/env bash
# Writes a synthetic data set of N events and N/2 figures into DIR:
#   bench/gen-dataset.sh N DIR [SEED]
#
# glossary.json  units of every kind, 6 lanes, 12 sources (published dates), 30 entities,
#                17 metrics, 4 eras
# anchors.json   the figures and events report-templates/brief.json names, so the default
#                brief (`timeline report` without --template) runs over the data set
# records.json   N events and N/2 figures, deterministic for a given SEED (default 1):
#   - titles of realistic, varying length in both languages (zh about 8-45 characters,
#     en about 25-120), a text on every third event, a note on every eleventh
#   - every date form: year, month, day, half, quarter (Q and EDTF 33-36), decade (1980s,
#     198X), approximate ~, uncertain ?, both %, closed intervals, open ends A/.. and ../B,
#     and relative dates resolved against the source's publication date
#   - lanes, sources, entities, tags, importance and (for the future) plan/target status
#   - figures over 8 metrics with different units: plain numbers, ranges, fractions, every
#     qualifier; unique per metric, subject, date and status up to N = 1,000,000
# The data set passes `timeline validate --strict` (no errors, no warnings).
set -euo pipefail
n=${1:?usage: gen-dataset.sh N DIR [SEED]}
dir=${2:?usage: gen-dataset.sh N DIR [SEED]}
seed=${3:-1}
mkdir -p "$dir"

cat > "$dir/glossary.json" <<'JSON'
{
  "units": [
    {"id": "yuan", "label": {"zh": "元", "en": "yuan"}, "symbol": {"zh": "元", "en": "CNY"}, "kind": "currency"},
    {"id": "person", "label": {"zh": "人", "en": "people"}, "measure_word": "人", "kind": "count"},
    {"id": "enterprise", "label": {"zh": "企业", "en": "enterprises"}, "measure_word": "家", "kind": "count"},
    {"id": "item", "label": {"zh": "个", "en": "items"}, "measure_word": "个", "kind": "count"},
    {"id": "share", "label": {"zh": "占比", "en": "share"}, "kind": "ratio"},
    {"id": "month", "label": {"zh": "个月", "en": "months"}, "kind": "duration"},
    {"id": "year", "label": {"zh": "年", "en": "years"}, "kind": "duration"},
    {"id": "ops-per-second", "label": {"zh": "次/秒", "en": "operations per second"}, "symbol": {"zh": "次/秒", "en": "ops/s"}, "kind": "rate"}
  ],
  "lanes": [
    {"id": "industry", "label": {"zh": "产业", "en": "Industry"}, "description": {"zh": "企业落户、合作与产业政策", "en": "Companies, partnerships and industrial policy"}},
    {"id": "research", "label": {"zh": "科研", "en": "Research"}},
    {"id": "funds", "label": {"zh": "基金", "en": "Funds"}},
    {"id": "policy", "label": {"zh": "政策", "en": "Policy"}},
    {"id": "literature", "label": {"zh": "文学", "en": "Literature"}},
    {"id": "film", "label": {"zh": "影视", "en": "Film and TV"}}
  ],
  "sources": [
    {"id": "src-yicai", "publisher": {"zh": "第一财经", "en": "Yicai"}, "title": {"zh": "上海人工智能产业观察", "en": "Notes on Shanghai's AI industry"}, "published": "2025-12-20", "language": "zh"},
    {"id": "src-xinhua", "publisher": {"zh": "新华社", "en": "Xinhua News Agency"}, "title": {"zh": "长三角科技创新综述", "en": "Science and innovation in the Yangtze River Delta: a review"}, "published": "2025-11", "language": "zh"},
    {"id": "src-jfdaily", "publisher": {"zh": "解放日报", "en": "Jiefang Daily"}, "title": {"zh": "浦东新区产业发展年度报告", "en": "Pudong New Area industrial development, annual report"}, "published": "2025", "language": "zh"},
    {"id": "src-pla-daily", "publisher": {"zh": "解放军报", "en": "PLA Daily"}, "title": {"zh": "一部小说吹响了集结号", "en": "A novel blew the assembly call"}, "published": "2025-10-08", "language": "zh"},
    {"id": "src-m1905", "publisher": {"zh": "1905电影网", "en": "M1905 (1905 Film Network)"}, "title": {"zh": "速滑电影幕后", "en": "Behind the scenes of a speed-skating film"}, "published": "2025-09", "language": "zh"},
    {"id": "src-caixin", "publisher": {"zh": "财新", "en": "Caixin"}, "title": {"zh": "人工智能投融资回顾", "en": "AI investment and financing in review"}, "published": "2025-12-01", "language": "zh"},
    {"id": "src-thepaper", "publisher": {"zh": "澎湃新闻", "en": "The Paper"}, "title": {"zh": "临港新片区十年", "en": "Ten years of the Lingang Special Area"}, "published": "2025-08-15", "language": "zh"},
    {"id": "src-scmp", "publisher": {"zh": "南华早报", "en": "South China Morning Post"}, "title": {"zh": "上海押注人工智能", "en": "Shanghai bets on artificial intelligence"}, "published": "2025-07-30", "language": "en"},
    {"id": "src-gov", "publisher": {"zh": "上海市人民政府", "en": "Shanghai Municipal People's Government"}, "title": {"zh": "政府工作报告", "en": "Government work report"}, "published": "2025-12-31", "language": "zh"},
    {"id": "src-cas", "publisher": {"zh": "中国科学院", "en": "Chinese Academy of Sciences"}, "title": {"zh": "科研进展通报", "en": "Research progress bulletin"}, "published": "2025-06-30", "language": "zh"},
    {"id": "src-ft", "publisher": {"zh": "金融时报", "en": "Financial Times"}, "title": {"zh": "中国人工智能基金走向成熟", "en": "China's AI funds come of age"}, "published": "2025-05-12", "language": "en"},
    {"id": "src-cctv", "publisher": {"zh": "中央电视台", "en": "CCTV"}, "title": {"zh": "新闻联播", "en": "Evening news"}, "published": "2025-12", "language": "zh"}
  ],
  "entities": [
    {"id": "shanghai", "name": {"zh": "上海", "en": "Shanghai"}, "kind": "place"},
    {"id": "pudong", "name": {"zh": "浦东新区", "en": "Pudong New Area"}, "kind": "place"},
    {"id": "lingang", "name": {"zh": "临港新片区", "en": "Lingang Special Area"}, "kind": "place"},
    {"id": "songjiang-district", "name": {"zh": "松江区", "en": "Songjiang District"}, "kind": "place"},
    {"id": "xuhui-district", "name": {"zh": "徐汇区", "en": "Xuhui District"}, "kind": "place"},
    {"id": "yangpu-district", "name": {"zh": "杨浦区", "en": "Yangpu District"}, "kind": "place"},
    {"id": "changning-district", "name": {"zh": "长宁区", "en": "Changning District"}, "kind": "place"},
    {"id": "sensetime", "name": {"zh": "商汤科技", "en": "SenseTime"}, "kind": "organisation"},
    {"id": "alibaba", "name": {"zh": "阿里巴巴", "en": "Alibaba"}, "kind": "organisation"},
    {"id": "baidu", "name": {"zh": "百度", "en": "Baidu"}, "kind": "organisation"},
    {"id": "tencent", "name": {"zh": "腾讯", "en": "Tencent"}, "kind": "organisation"},
    {"id": "huawei", "name": {"zh": "华为", "en": "Huawei"}, "kind": "organisation"},
    {"id": "microsoft", "name": {"zh": "微软", "en": "Microsoft"}, "kind": "organisation"},
    {"id": "amazon", "name": {"zh": "亚马逊", "en": "Amazon"}, "kind": "organisation"},
    {"id": "iflytek", "name": {"zh": "科大讯飞", "en": "iFlytek"}, "kind": "organisation"},
    {"id": "yitu", "name": {"zh": "依图科技", "en": "Yitu Technology"}, "kind": "organisation"},
    {"id": "inesa", "name": {"zh": "上海仪电", "en": "INESA"}, "kind": "organisation"},
    {"id": "lingang-group", "name": {"zh": "临港集团", "en": "Lingang Group"}, "kind": "organisation"},
    {"id": "ion-cas", "name": {"zh": "中国科学院神经科学研究所", "en": "Institute of Neuroscience, CAS"}, "kind": "organisation"},
    {"id": "fudan", "name": {"zh": "复旦大学", "en": "Fudan University"}, "kind": "organisation"},
    {"id": "sjtu", "name": {"zh": "上海交通大学", "en": "Shanghai Jiao Tong University"}, "kind": "organisation"},
    {"id": "tongji", "name": {"zh": "同济大学", "en": "Tongji University"}, "kind": "organisation"},
    {"id": "waic", "name": {"zh": "世界人工智能大会", "en": "World Artificial Intelligence Conference"}, "kind": "event"},
    {"id": "g60-corridor", "name": {"zh": "G60科创走廊", "en": "G60 Sci-Tech Innovation Corridor"}, "kind": "programme"},
    {"id": "g60-ai-fund", "name": {"zh": "G60科创走廊人工智能产业基金", "en": "G60 Corridor AI Industry Fund"}, "kind": "programme"},
    {"id": "sh-ai-fund", "name": {"zh": "上海人工智能产业投资基金", "en": "Shanghai AI Industry Investment Fund"}, "kind": "programme"},
    {"id": "fujian-literature", "name": {"zh": "福建文学", "en": "Fujian Literature"}, "kind": "work"},
    {"id": "fiction-monthly", "name": {"zh": "小说月报", "en": "Fiction Monthly"}, "kind": "work"},
    {"id": "feng-xiaogang", "name": {"zh": "冯小刚", "en": "Feng Xiaogang"}, "kind": "person"},
    {"id": "yang-jinyuan", "name": {"zh": "杨金远", "en": "Yang Jinyuan"}, "kind": "person"}
  ],
  "metrics": [
    {"id": "sh-ai-financing", "label": {"zh": "上海人工智能相关产业融资额", "en": "Financing of Shanghai's AI-related industries"}, "unit": "yuan", "subject": "shanghai"},
    {"id": "sh-ai-talent-share", "label": {"zh": "上海集聚的全国人工智能人才占比", "en": "Shanghai's share of China's AI talent"}, "unit": "share", "subject": "shanghai"},
    {"id": "sh-ai-core-enterprises", "label": {"zh": "上海人工智能核心企业数量", "en": "AI core enterprises in Shanghai"}, "unit": "enterprise", "subject": "shanghai"},
    {"id": "sh-ai-industry-scale", "label": {"zh": "上海人工智能相关产业规模", "en": "Scale of Shanghai's AI-related industries"}, "unit": "yuan", "subject": "shanghai"},
    {"id": "g60-ai-fund-target-scale", "label": {"zh": "G60科创走廊人工智能产业基金目标募资规模", "en": "Target fundraising scale of the G60 Corridor AI Industry Fund"}, "unit": "yuan", "subject": "g60-ai-fund"},
    {"id": "sh-ai-fund-first-phase", "label": {"zh": "上海人工智能产业投资基金首期募资规模", "en": "First-phase fundraising of the Shanghai AI Industry Investment Fund"}, "unit": "yuan", "subject": "sh-ai-fund"},
    {"id": "sensetime-sh-investment-plan", "label": {"zh": "商汤科技五年内计划在沪投资额", "en": "SenseTime's planned investment in Shanghai within five years"}, "unit": "yuan", "subject": "sensetime"},
    {"id": "sensetime-headcount", "label": {"zh": "商汤科技员工人数", "en": "SenseTime headcount"}, "unit": "person", "subject": "sensetime"},
    {"id": "sensetime-rd-staff", "label": {"zh": "商汤科技研发人员人数", "en": "SenseTime R&D staff"}, "unit": "person", "subject": "sensetime"},
    {"id": "financing", "label": {"zh": "人工智能企业融资额", "en": "Financing of AI companies"}, "unit": "yuan"},
    {"id": "staff", "label": {"zh": "从业人员数量", "en": "Number of staff"}, "unit": "person"},
    {"id": "enterprises", "label": {"zh": "落户企业数量", "en": "Companies settled"}, "unit": "enterprise"},
    {"id": "projects", "label": {"zh": "签约项目数量", "en": "Projects signed"}, "unit": "item"},
    {"id": "talent-share", "label": {"zh": "人工智能人才占比", "en": "Share of AI talent"}, "unit": "share"},
    {"id": "computing", "label": {"zh": "计算平台算力", "en": "Capacity of computing platforms"}, "unit": "ops-per-second"},
    {"id": "training", "label": {"zh": "培训周期", "en": "Length of training"}, "unit": "month"},
    {"id": "service", "label": {"zh": "服务年限", "en": "Years of service"}, "unit": "year"}
  ],
  "eras": [
    {"id": "era-founding", "label": {"zh": "新中国成立初期", "en": "The early years of the People's Republic"}, "date": "1949/1956"},
    {"id": "era-reform", "label": {"zh": "改革开放", "en": "Reform and opening-up"}, "date": "1978-12/.."},
    {"id": "era-1990s", "label": {"zh": "浦东开发开放", "en": "The opening of Pudong"}, "date": "1990s"},
    {"id": "era-ai", "label": {"zh": "人工智能发展规划期", "en": "Period of the AI development plan"}, "date": "2017-07/2030", "lane": "policy", "source": "src-gov"}
  ]
}
JSON

cat > "$dir/anchors.json" <<'JSON'
{
  "figures": [
    {"id": "sh-ai-financing-2018", "metric": "sh-ai-financing", "value": 60000000000, "unit": "yuan", "qualifier": "over", "date": "2018", "subject": "shanghai", "source": "src-yicai"},
    {"id": "sh-ai-industry-scale-2019", "metric": "sh-ai-industry-scale", "value": 70000000000, "unit": "yuan", "qualifier": "over", "date": "2019", "subject": "shanghai", "source": "src-yicai"},
    {"id": "sh-ai-core-enterprises-2019", "metric": "sh-ai-core-enterprises", "value": 1000, "unit": "enterprise", "qualifier": "over", "wording": "more_than", "date": "2019", "subject": "shanghai", "source": "src-yicai"},
    {"id": "sh-ai-talent-share-2019", "metric": "sh-ai-talent-share", "value": {"numerator": 1, "denominator": 3}, "unit": "share", "date": "2019", "subject": "shanghai", "source": "src-yicai"},
    {"id": "sensetime-headcount-start", "metric": "sensetime-headcount", "value": 14, "unit": "person", "date": "../2019-H1", "subject": "sensetime", "source": "src-yicai"},
    {"id": "sensetime-headcount-2019h1", "metric": "sensetime-headcount", "value": 500, "unit": "person", "qualifier": "over", "date": "2019-H1", "subject": "sensetime", "source": "src-yicai"},
    {"id": "sensetime-rd-staff-2019h1", "metric": "sensetime-rd-staff", "value": 350, "unit": "person", "qualifier": "nearly", "date": "2019-H1", "subject": "sensetime", "source": "src-yicai"},
    {"id": "g60-ai-fund-target-2018", "metric": "g60-ai-fund-target-scale", "value": 10000000000, "unit": "yuan", "date": "2018-09", "status": "target", "subject": "g60-ai-fund", "source": "src-yicai"},
    {"id": "sh-ai-fund-first-phase-2019", "metric": "sh-ai-fund-first-phase", "value": 10000000000, "unit": "yuan", "date": "2019", "status": "plan", "subject": "sh-ai-fund", "source": "src-yicai"},
    {"id": "sensetime-sh-investment-plan-5y", "metric": "sensetime-sh-investment-plan", "value": 6000000000, "unit": "yuan", "qualifier": "at_least", "date": {"relative_to": "source", "offset": "P5Y", "precision": "year"}, "status": "plan", "subject": "sensetime", "source": "src-yicai"}
  ],
  "events": [
    {"id": "lawsuit-published-2002-04", "date": "2002-04", "lane": "literature", "title": {"zh": "小说《官司》首发于《福建文学》", "en": "The novel Lawsuit first appears in Fujian Literature"}, "entities": ["yang-jinyuan", "fujian-literature"], "source": "src-pla-daily", "importance": 1},
    {"id": "lawsuit-reprinted-2002-06", "date": "2002-06", "lane": "literature", "title": {"zh": "《小说月报》转载《官司》", "en": "Fiction Monthly reprints Lawsuit"}, "entities": ["fiction-monthly"], "source": "src-pla-daily"},
    {"id": "assembly-released-2007-12", "date": "2007-12", "lane": "film", "title": {"zh": "冯小刚执导的电影《集结号》上映", "en": "Feng Xiaogang's film Assembly opens"}, "entities": ["feng-xiaogang"], "source": "src-pla-daily", "importance": 1}
  ]
}
JSON

awk -v n="$n" -v seed="$seed" '
function rnd() { state = (state * 16807) % 2147483647; return state / 2147483647; }
function pick(arr, cnt) { return arr[1 + int(rnd() * cnt)]; }
function two(x) { return sprintf("%02d", x); }
function day_in(y, m) { return 1 + int(rnd() * (m == 2 ? 28 : 30)); }
# A year skewed towards the recent past (before every source was published): most
# events after 2000, a tail back to 1900.
function year() { r = rnd(); return 2024 - int(124 * r * r * r); }
function comma(i, cnt) { return i + 1 < cnt ? "," : ""; }
BEGIN {
  state = 1 + (seed * 7919) % 2147483646;
  nl = split("industry industry industry research research funds policy literature film", lanes, " ");
  ns = split("src-yicai src-xinhua src-jfdaily src-pla-daily src-m1905 src-caixin src-thepaper src-scmp src-gov src-cas src-ft src-cctv", srcs, " ");
  ne = split("shanghai pudong lingang songjiang-district xuhui-district yangpu-district changning-district sensetime alibaba baidu tencent huawei microsoft amazon iflytek yitu inesa lingang-group ion-cas fudan sjtu tongji waic g60-corridor g60-ai-fund sh-ai-fund fujian-literature fiction-monthly feng-xiaogang yang-jinyuan", ents, " ");
  np = split("上海|浦东新区|临港新片区|松江区|徐汇区|杨浦区|长宁区|长三角|G60科创走廊", zp, "|");
  split("Shanghai|Pudong New Area|the Lingang Special Area|Songjiang District|Xuhui District|Yangpu District|Changning District|the Yangtze River Delta|the G60 Corridor", ep, "|");
  no = split("商汤科技|阿里巴巴|百度|腾讯|华为|微软|亚马逊AWS|科大讯飞|依图科技|上海仪电|临港集团|中国科学院神经科学研究所|复旦大学|上海交通大学|同济大学|上海人工智能实验室", zo, "|");
  split("SenseTime|Alibaba|Baidu|Tencent|Huawei|Microsoft|Amazon AWS|iFlytek|Yitu Technology|INESA|Lingang Group|the Institute of Neuroscience, CAS|Fudan University|Shanghai Jiao Tong University|Tongji University|the Shanghai AI Laboratory", eo, "|");
  na = split("签约落户|发布|成立|启动建设|揭牌|投入运营|宣布扩建|完成融资|获批设立|开放|联合共建|举办", za, "|");
  split("signs to settle in|launches|founds|starts building|unveils|opens for operation in|announces an expansion of|closes a financing round for|is approved to set up|opens|jointly builds|hosts", ea, "|");
  nx = split("人工智能创新中心|研究院|开源深度学习框架|新一代人工智能计算平台|产业投资基金|脑智科创基地|智能网联汽车测试场|人才公寓|功能性总部|算力中心|数据交易所|应用场景示范项目", zx, "|");
  split("an AI innovation centre|a research institute|an open-source deep-learning framework|a new-generation AI computing platform|an industry investment fund|a brain-intelligence innovation base|a test ground for connected vehicles|talent apartments|a functional headquarters|a computing centre|a data exchange|a pilot application project", ex, "|");
  nq = split("，首期规模达百亿元|，汇聚全球顶尖人才|，服务长三角一体化发展|，为期五年|，面向全球开放|，带动上下游企业集聚", zq, "|");
  split(", with a first phase of ten billion yuan|, bringing together top talent from around the world|, serving the integrated development of the Yangtze River Delta|, for five years|, open to partners worldwide|, drawing suppliers and customers to cluster nearby", eq, "|");
  nt = split("waic signing financing policy talent computing film literature", tags, " ");

  printf "{\n  \"events\": [\n";
  for (i = 0; i < n; i++) {
    k = i % 16; y = year(); m = 1 + int(rnd() * 12); d = day_in(y, m); status = "";
    y2 = y + 1 + int(rnd() * 8); if (y2 > 2024) y2 = 2024; if (y2 <= y) y2 = y;
    m2 = (y2 > y) ? 1 + int(rnd() * 12) : m;
    if (k == 0) date = "\"" y "\"";
    else if (k == 1) date = "\"" y "-" two(m) "\"";
    else if (k == 2) date = "\"" y "-" two(m) "-" two(d) "\"";
    else if (k == 3) date = "\"" y "-H" (1 + int(rnd() * 2)) "\"";
    else if (k == 4) date = "\"" y "-Q" (1 + int(rnd() * 4)) "\"";
    else if (k == 5) date = "\"" y "-" (33 + int(rnd() * 4)) "\"";
    else if (k == 6) date = "\"" (y - y % 10) "s\"";
    else if (k == 7) date = "\"" int(y / 10) "X\"";
    else if (k == 8) date = "\"" y "-" two(m) "~\"";
    else if (k == 9) date = "\"" y "?\"";
    else if (k == 10) date = "\"" y "-Q" (1 + int(rnd() * 4)) "%\"";
    else if (k == 11) date = "\"" y "-" two(m) "/" y2 "-" two(m2) "\"";
    else if (k == 12) date = "\"" y "/..\"";
    else if (k == 13) date = "\"../" y "-" two(m) "-" two(d) "\"";
    else if (k == 14) date = "{\"relative_to\": \"source\", \"offset\": \"-P" (1 + int(rnd() * 20)) "Y\", \"precision\": \"year\"}";
    else { y3 = 2026 + int(rnd() * 10); date = "\"" y3 "\""; status = "plan"; }
    p = 1 + int(rnd() * np); o = 1 + int(rnd() * no); a = 1 + int(rnd() * na); x = 1 + int(rnd() * nx);
    zt = zo[o] za[a] zx[x]; et = eo[o] " " ea[a] " " ex[x];
    r = rnd();
    if (r < 0.6) { zt = zp[p] zt; et = et " in " ep[p]; }
    if (r > 0.55) { q = 1 + int(rnd() * nq); zt = zt zq[q]; et = et eq[q]; }
    et = toupper(substr(et, 1, 1)) substr(et, 2);
    printf "    {\"id\": \"e%d\", \"date\": %s, \"lane\": \"%s\", \"title\": {\"zh\": \"%s\", \"en\": \"%s\"}", i, date, pick(lanes, nl), zt, et;
    if (i % 3 == 0)
      printf ", \"text\": {\"zh\": \"%s表示，该项目将%s，并%s。\", \"en\": \"%s said the project would %s and %s.\"}", zo[o], (rnd() < 0.5 ? "汇聚全球顶尖人才" : "带动上下游企业集聚"), (rnd() < 0.5 ? "参与并发展开源生态" : "服务长三角一体化发展"), eo[o], "bring together top talent", "help the regional economy grow";
    if (i % 11 == 0)
      printf ", \"note\": {\"zh\": \"日期据公开记录推定。\", \"en\": \"The date is inferred from the public record.\"}";
    printf ", \"entities\": [\"%s\", \"%s\"], \"source\": \"%s\", \"tags\": [\"%s\"], \"importance\": %d", ents[1 + i % ne], ents[1 + (i + 1 + int(rnd() * (ne - 1))) % ne], pick(srcs, ns), pick(tags, nt), 1 + int(rnd() * 3);
    if (status != "") printf ", \"status\": \"%s\"", status;
    printf "}%s\n", comma(i, n);
  }

  # Figures: metric i % 8, subject (i / 8) % 30; the t-th figure of a (metric, subject)
  # pair gets the t-th date of a list of distinct dates of several precisions.
  printf "  ],\n  \"figures\": [\n";
  split("financing staff enterprises projects talent-share computing training service", metric, " ");
  split("yuan person enterprise item share ops-per-second month year", unit, " ");
  nqual = split("exact exact exact about over at_least nearly under up_to", qual, " ");
  f = int(n / 2);
  for (i = 0; i < f; i++) {
    mi = 1 + i % 8; subj = ents[1 + int(i / 8) % ne]; t = int(i / (8 * ne));
    kind = t % 6; y = 2024 - int(t / 6);
    if (y >= 1800) {
      if (kind == 0) date = y; else if (kind == 1) date = y "-H" (1 + int(rnd() * 2));
      else if (kind == 2) date = y "-Q" (1 + int(rnd() * 4)); else if (kind == 3) date = y "-" two(1 + int(rnd() * 12));
      else if (kind == 4) date = y "-" two(1 + int(rnd() * 12)) "-" two(1 + int(rnd() * 28)); else date = y "~";
    } else {
      dd = t - 6 * 225; date = (1799 - int(dd / 336)) "-" two(1 + int(dd / 28) % 12) "-" two(1 + dd % 28);
    }
    u = unit[mi];
    if (u == "share") value = sprintf("{\"numerator\": %d, \"denominator\": %d}", 1 + int(rnd() * 3), 4 + int(rnd() * 6));
    else if (u == "month") { lo = 1 + int(rnd() * 6); value = sprintf("{\"min\": %d, \"max\": %d}", lo, lo + 1 + int(rnd() * 3)); }
    else if (u == "yuan") value = sprintf("%d", (1 + int(rnd() * 900)) * 10000000);
    else if (u == "ops-per-second") value = sprintf("%d", (1 + int(rnd() * 90)) * 100000000);
    else value = sprintf("%d", 1 + int(rnd() * 5000));
    printf "    {\"id\": \"f%d\", \"metric\": \"%s\", \"value\": %s, \"unit\": \"%s\"", i, metric[mi], value, u;
    if (u != "share" && u != "month") printf ", \"qualifier\": \"%s\"", pick(qual, nqual);
    printf ", \"date\": \"%s\", \"subject\": \"%s\", \"source\": \"%s\"}%s\n", date, subj, pick(srcs, ns), comma(i, f);
  }
  printf "  ]\n}\n";
}' > "$dir/records.json"
