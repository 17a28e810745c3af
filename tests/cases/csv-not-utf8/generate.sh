# A figures CSV saved by a spreadsheet in GBK: 商汤 is C9CC CCC0, 人 C8CB.
cp ../date-schema-pattern/data/base.json data/
{
  printf 'id,metric,value,unit,date,source,note_zh\n'
  printf 'f1,headcount,14,person,2014,cbn,\xc9\xcc\xcc\xc0\n'
  printf 'f2,headcount,500,person,2019,cbn,\xc9\xcc\xcc\xc0\xc8\xcb\n'
  printf 'f3,headcount,600,person,2019,cbn,ok\n'
} >data/gbk.figures.csv
printf '\xff\xfei\x00d\x00\n\x00' >data/utf16.figures.csv
