#!/usr/bin/env python3
# Recall of the built-in packs on a corpus written by `gouji gen` (run from the repository root):
#   python3 tools/gen/score.py DIR [GOUJI]
# A planted defect counts as found when a FAIL outcome has a place on its source line,
# or on its table (and row). Also counts the FAIL outcomes that touch the planted figure.
import json,subprocess,sys,collections
D=sys.argv[1]; man=json.load(open(D+'/manifest.json'))
rec=collections.defaultdict(lambda:[0,0]); fp=collections.defaultdict(lambda:[0,0])
for doc in man['documents']:
  out=subprocess.run([sys.argv[2] if len(sys.argv)>2 else './build/gouji','check','--format','json',D+'/'+doc['file']],capture_output=True,text=True).stdout
  j=json.loads(out)['documents'][0]
  fails=[o for o in j.get('outcomes',[]) if o['status'] in ('FAIL','fail','不通过')]
  for d in doc['defects'] or [{'class':'(none)','line':-1,'table':'','row':''}]:
    c=d['class']; rec[c][1]+=1
    hit=lambda o: any(p.get('line')==d['line'] or (d['table'] and p.get('table')==d['table'] and (not d['row'] or p.get('row')==d['row'])) for p in o.get('places',[]))
    if any(hit(o) for o in fails): rec[c][0]+=1
    fp[c][1]+=len(fails); fp[c][0]+=sum(1 for o in fails if hit(o))
for c in rec: print(f"{c:18} recall {rec[c][0]}/{rec[c][1]}  FAIL outcomes on the planted figure {fp[c][0]}/{fp[c][1]}")
