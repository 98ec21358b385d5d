#!/usr/bin/env python3
# make-dicts.py — builds hilum-en.dic and hilum-es.dic from the word sources hilum-*.words.
#
# A source line is a word, optionally with explicit hunspell flags ("word/GS"); a line
# "## noun", "## adj" or "## plain" switches how words without flags get them:
#   es noun: S (plural) unless it ends in -s/-x; es adj: -o → GS (gender + plural), else S;
#   en noun: SM (M for Latin and Greek stems, see auto_flags); en adj and plain: none.  Flags are those of the STOCK affix files
#   (/usr/share/hunspell/es_ES.aff, en_US.aff): the .dic is added onto the stock handle with
#   Hunspell_add_dic, which uses the stock .aff.
# A line "@ pre1 pre2 … | root1 root2 …" adds every prefix+root (compounds radiologists write:
# peri+hiliar, retro+cardíaco …) with the current section's flags.
# Entries whose every form the stock dictionaries already accept are kept as they are; for
# holds only what they do not know or know only partly (then only the forms they miss).
#
# Usage: data/dict/make-dicts.py   (needs the hunspell CLI and hunspell-en-us/-es/-en-med)
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STOCK = {
    'es': ['/usr/share/hunspell/es_ES'],
    'en': ['/usr/share/hunspell/en_US', '/usr/share/hunspell/en_med_glut'],
}


def parse_aff(path):
    rules = {}
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    i = 0
    while i < len(lines):
        p = lines[i].split()
        if len(p) == 4 and p[0] == 'SFX' and p[2] in 'YN' and p[3].isdigit():
            flag, n = p[1], int(p[3])
            for line in lines[i + 1:i + 1 + n]:
                q = line.split()
                strip = '' if q[2] == '0' else q[2]
                add = '' if q[3] == '0' else q[3].split('/')[0]
                cond = q[4] if len(q) > 4 else '.'
                rules.setdefault(flag, []).append((strip, add, re.compile('(' + cond + ')$')))
            i += n
        i += 1
    return rules


def forms(word, flags, rules):
    out = [word]
    for fl in flags:
        for strip, add, cond in rules.get(fl, []):
            if cond.search(word) and word.endswith(strip):
                out.append(word[:len(word) - len(strip)] + add)
    return out


def auto_flags(lang, kind, w):
    if w[0].isupper() or w in ('jirovecii', 'dorsi', 'inversus', 'pulmonale', 'excavatum',
                               'carinatum', 'necesitatis', 'bovis', 'triatum', 'versus'):
        return ''               # eponyms, genera and Latin words do not inflect
    if lang == 'es':
        if kind == 'noun':
            return '' if w[-1] in 'sx' else 'S'
        if kind == 'adj':
            return 'GS' if w.endswith('o') else ('' if w[-1] in 'sx' else 'S')
        return ''
    if kind == 'noun':
        # Latin and Greek nouns (atelectasis, bronchus, acinus, thorax, cava, pleura) and
        # adjectives used as nouns (brachiocephalic) take no English -s plural.
        if w.endswith(('s', 'x', 'um', 'ic', 'al', 'ar')) or (w.endswith('a') and not w.endswith('oma')):
            return 'M'
        return 'SM'
    return ''


def rejected(lang, words):
    dics = ','.join(STOCK[lang])
    r = subprocess.run(['hunspell', '-d', dics, '-l'], input='\n'.join(words) + '\n',
                       capture_output=True, text=True, check=True)
    return set(r.stdout.split())


def build(lang):
    rules = parse_aff(STOCK[lang][0] + '.aff')
    entries = {}
    kind = 'plain'
    with open(os.path.join(HERE, 'hilum-%s.words' % lang), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line.startswith('## '):
                kind = line[3:].strip()
                continue
            if not line or line.startswith('#'):
                continue
            toks = line.split()
            if line.startswith('@'):
                pre, _, roots = line[1:].partition('|')
                toks = [p + r for p in pre.split() for r in roots.split()]
            for tok in toks:
                w, _, fl = tok.partition('/')
                if not fl:
                    fl = auto_flags(lang, kind, w)
                old = entries.get(w, '')
                entries[w] = ''.join(sorted(set(old + fl), key=(old + fl).index))
    allforms = {w: forms(w, fl, rules) for w, fl in entries.items()}
    bad = rejected(lang, sorted({x for fs in allforms.values() for x in fs}))
    # hunspell looks a stem up in the stock dictionary first: a stem the stock knows keeps the
    # stock's flags, so the forms it misses must be listed on their own.
    out = {}
    for w, fl in entries.items():
        # Not the possessives of a stem the stock knows: reports hardly use them, and one entry
        # per possessive would only pad the list.
        missing = [x for x in allforms[w] if x in bad and (x == w or not x.endswith("'s"))]
        if not missing:
            # Known to the stock dictionaries too: kept all the same, so the list stands on
            # its own as Hilum's curated chest radiology vocabulary (a system without
            # en_med_glut, or a stock update dropping a word, changes nothing).
            out.setdefault(w, fl)
            continue
        if w in bad:
            out[w] = fl
        else:
            for x in missing:
                out.setdefault(x, '')
    kept = sorted(out, key=lambda s: (s.casefold(), s))
    path = os.path.join(HERE, 'hilum-%s.dic' % lang)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('%d\n' % len(kept))
        for w in kept:
            f.write(w + ('/' + out[w] if out[w] else '') + '\n')
    print('%s: %d entries from %d source words' % (os.path.basename(path), len(kept), len(entries)))


for lang in (sys.argv[1:] or ['en', 'es']):
    build(lang)
