#!/usr/bin/env python3
# check-corpora.py — checks tests/fixtures/data/ against the stock dictionaries + data/dict/hilum-<lang>.dic
# with the hunspell CLI, skipping what Hilum's speller skips: numbers, units and measurements
# (mm, cm, ml, %, 3x4, 2,5, T6), abbreviations in capitals and punctuation.
#   sentences-<lang>.txt: every word must be accepted;
#   misspellings-<lang>.txt (sentence<TAB>word|word): the listed words must be rejected and
#   nothing else in the sentence.
# Prints what fails; exit status 1 if anything does.
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'data')
STOCK = {'es': '/usr/share/hunspell/es_ES',
         'en': '/usr/share/hunspell/en_US,/usr/share/hunspell/en_med_glut'}
UNITS = {'mm', 'cm', 'ml', 'mL', 'cc', 'kg', 'g', 'mg', 'kV', 'mAs', 'Fr', 'F', 'h'}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\S+")


def words(sentence):
    out = []
    for w in WORD.findall(sentence):
        if not re.match(r"[^\W\d_]", w):
            continue            # numbers, measurements (3x4, 2,5), punctuation
        if any(c.isdigit() for c in w) or w in UNITS:
            continue
        if len(w) > 1 and w.upper() == w:
            continue            # abbreviations: PA, EPOC, SVC
        if re.fullmatch(r'[A-Z][a-z]?\d+', w):
            continue
        out.append(w)
    return out


def rejected(lang, ws):
    d = STOCK[lang] + ',' + os.path.join(HERE, 'hilum-' + lang)
    r = subprocess.run(['hunspell', '-d', d, '-l'], input='\n'.join(ws) + '\n',
                       capture_output=True, text=True, check=True)
    return set(r.stdout.split())


fail = 0
for lang in ('en', 'es'):
    sents = [l.rstrip('\n') for l in open(os.path.join(TESTS, 'sentences-%s.txt' % lang), encoding='utf-8') if l.strip()]
    bad = rejected(lang, [w for s in sents for w in words(s)])
    for s in sents:
        b = [w for w in words(s) if w in bad]
        if b:
            fail += 1
            print('%s sentence: %s  -> %s' % (lang, s, ' '.join(b)))
    miss = [l.rstrip('\n').split('\t') for l in open(os.path.join(TESTS, 'misspellings-%s.txt' % lang), encoding='utf-8') if l.strip()]
    bad = rejected(lang, [w for m in miss for w in words(m[0])])
    for m in miss:
        if len(m) != 2:
            fail += 1
            print('%s misspelling line without one tab: %r' % (lang, m))
            continue
        want = set(m[1].split('|'))
        got = {w for w in words(m[0]) if w in bad}
        if want != got or not want <= set(words(m[0])):
            fail += 1
            print('%s misspelling: %s  wanted %s got %s' % (lang, m[0], sorted(want), sorted(got)))
    print('%s: %d sentences, %d misspelling lines' % (lang, len(sents), len(miss)))
sys.exit(1 if fail else 0)
