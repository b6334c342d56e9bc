#!/usr/bin/env python3
"""Writes a set of hostile and broken inputs (outside the project) for scripts/hostile-check.sh:
tags with 30,000 to 300,000 attributes, 100,000 namespace declarations, 50 MB of text in one element,
deep nesting, 200,000 bad records, DOCTYPE subsets with ATTLIST defaults, NDATA and #FIXED xmlns,
malformed exports that make libxml2 quote a case key, non-pseudonymous case keys, BSNs in ids,
CDATA, attributes in other namespaces, NUL bytes and a file that is not XML.
Usage: scripts/hostile-inputs.py [DIR]   (default /tmp/compliance-hostile)"""
import os, re, sys

out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/compliance-hostile'
os.makedirs(out, exist_ok=True)
os.chdir(out)
repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
M='urn:kindveilig:meldingen:1'; R='urn:kindveilig:register:1'
head=f'<meldingen xmlns="{M}" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31">'
def w(n,s):
    open(n,'w' if isinstance(s,str) else 'wb').write(s)
reg=open(os.path.join(repo, 'samples/register.xml')).read()
# many unknown attributes in one element
for n in (30000,100000,300000):
    attrs=' '.join(f'a{i}="x"' for i in range(n))
    w(f'reg-attrs-{n}.xml', reg.replace('<register ', f'<register {attrs} ',1))
    w(f'mel-attrs-{n}.xml', head.replace('<meldingen ', f'<meldingen {attrs} ',1)+'</meldingen>')
# many namespace decls
for n in (100000,):
    ns=' '.join(f'xmlns:p{i}="urn:x{i}"' for i in range(n))
    w(f'reg-ns-{n}.xml', reg.replace('<register ', f'<register {ns} ',1))
# 50MB text in sector
i=reg.index('<sector>')+len('<sector>')
w('reg-bigtext.xml', reg[:i]+'a'*50_000_000+reg[i:])
# 200,000 bad records
recs=''.join(f'<melding id="m{i}" date="2017-01-0x" category="burger" type="melding" case="af6b428dbc00731f"/>\n' for i in range(200000))
w('mel-bad-200k.xml', head+'\n'+recs+'</meldingen>')
# deep nesting
w('reg-deep.xml', reg.replace('<agreement ', '<x>'*100000+'<agreement ',1))
# DOCTYPE ATTLIST defaults
w('mel-attlist-case.xml', f'<!DOCTYPE meldingen [<!ATTLIST melding case CDATA "af6b428dbc00731f" repeat CDATA "true">]>\n'+head+'<melding id="a" date="2017-01-05" category="burger" type="melding"/></meldingen>')
w('mel-fixed-xmlns.xml', f'<!DOCTYPE meldingen [<!ATTLIST meldingen xmlns CDATA #FIXED "{M}">]>\n<meldingen source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31"></meldingen>')
w('mel-ndata.xml', f'<!DOCTYPE meldingen [<!NOTATION n SYSTEM "x"><!ENTITY e SYSTEM "y" NDATA n>]>\n'+head+'</meldingen>')
w('mel-empty-subset.xml', f'<!DOCTYPE meldingen []>\n'+head+'</meldingen>')
# echoes
w('mel-attr-novalue.xml', head+'<melding id="a" d34ce9777b5cb260 date="2017-01-05"/></meldingen>')
w('mel-undef-entity.xml', head+'<melding id="a&af6b428dbc00731f;" date="2017-01-05"/></meldingen>')
w('mel-bad-utf8.xml', (head+'<melding id="a" case="af6b\xff\xfe28dbc00731f"/></meldingen>').encode('latin-1'))
w('mel-unknown-attr-name.xml', head+'<melding id="a" date="2017-01-05" category="burger" type="melding" case="af6b428dbc00731f" af6b428dbc00731f="1"/></meldingen>')
w('mel-unknown-elem.xml', head+'<af6b428dbc00731f/></meldingen>')
w('mel-root-name.xml', '<af6b428dbc00731f/>')
# privacy
def rec(i,case,id=None): return f'<melding id="{id or "m%d"%i}" date="2017-01-05" category="burger" type="melding" case="{case}"/>\n'
w('mel-padded-bsn.xml', head+rec(1,'0000000111222333')+'</meldingen>')
w('mel-two-bsn.xml', head+rec(1,'111222333123456782')+'</meldingen>')
w('mel-hex-name.xml', head+rec(1,'6a616e2064652076726965730a')+'</meldingen>')
w('mel-hex-name2.xml', head+rec(1,'4a616e20646520567269657320')+'</meldingen>')
w('mel-bsn-id.xml', head+rec(1,'af6b428dbc00731f','111222333')+'</meldingen>')
w('mel-same-key.xml', head+''.join(rec(i,'af6b428dbc00731f') for i in range(500))+'</meldingen>')
# cdata
w('reg-cdata.xml', reg.replace('<sector>jeugdhulp</sector>','<sector><![CDATA[jeugdhulp]]></sector>',1))
w('reg-amount-split.xml', re.sub(r'<amount([^>]*)>(\d)(\d+)', r'<amount\1><![CDATA[\2]]><![CDATA[\3]]>', reg, count=1))
w('reg-xsi.xml', reg.replace('<register ', '<register xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b" ',1))
w('reg-xmlbase.xml', reg.replace('<register ', '<register xml:base="http://x/" ',1))
w('mel-nul-after.xml', (head+'</meldingen>\n\0\0garbage').encode())
w('not-xml.xml', b'\x89PNG\r\n\x1a\n\0\0\0 random binary')
