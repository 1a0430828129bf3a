"""The noun phrase of a metric name, by the parts of speech of a segmenter (jieba): the adverbs that open
a name before its verb are dropped (尽快建成…, 认真办好…), and a name cut inside a word of its clause starts
where the word starts (融机构… -> 金融机构…: whole_words). The segmenter's words and the parts of speech
dropped are language data (analysis/data/segmenter.yaml), which says why no more is dropped: jieba's tags
do not tell a policy verb from a verb that modifies the noun (建成区域医疗中心, 脱贫县农民收入)."""

from __future__ import annotations

import logging
from functools import lru_cache

from ..language import lexicon


@lru_cache(maxsize=1)
def _data() -> dict:
    return lexicon.load_yaml(lexicon.DATA / "segmenter.yaml")


@lru_cache(maxsize=1)
def _tagger():
    """jieba's part-of-speech tokenizer, loaded once and on first use, silent (jieba logs its dictionary
    loading at DEBUG level to stderr and caches the dictionary in the temp dir: no output carries either)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tagger = jieba.posseg.POSTokenizer(tok)
    for word, tag in _data()["words"]:
        tok.add_word(str(word), tag=str(tag))
    for word in _data()["not_words"]:
        tok.del_word(str(word))
    return tagger


def _closing_growth(lex, name: str) -> int:
    """Where the growth word that ends a name starts (增长, 增速 …), len(name) when none ends it."""
    start = len(name)
    for g in lex.growth_re.finditer(name):
        start = g.start() if g.end() == len(name) else start
    return start


@lru_cache(maxsize=4096)
def tagged(s: str) -> tuple[tuple[str, str], ...]:
    """The words of s with their parts of speech (jieba, without its HMM: only dictionary words)."""
    return tuple((p.word, p.flag) for p in _tagger().lcut(s, HMM=False))


def noun_phrase(lex, name: str) -> str:
    """The noun phrase of a name: its growth word kept aside, then the adverbs that open it before a
    verb (segmenter.yaml lead_drop, lead_drop_before; not the keep_modifiers: 新增, 累计) dropped, as long as
    a noun phrase of min_phrase characters stays that is not a bare head (lexicon bare_heads, bare_words).
    Words of one character (jieba without its HMM splits a word it lacks into characters) are never dropped."""
    d, w = _data(), lex.extraction
    cut = _closing_growth(lex, name)
    core, tail = name[:cut], name[cut:]
    if len(core) < d["min_phrase"] + 1 or w.of_word in core or "、" in core:
        return name
    words = tagged(core)
    keep = tuple(d["keep_modifiers"]) + tuple(lex.addition_prefixes)
    heads, drop, before = set(d["noun_heads"]), set(d["lead_drop"]), set(d["lead_drop_before"])

    def ok(rest: list) -> bool:
        s = "".join(word for word, _ in rest)
        return (len(s) >= d["min_phrase"] and rest[-1][1] in heads and s not in w.bare_heads
                and s not in w.bare_words)

    # the opening words that are no part of a noun phrase
    i = 0
    while i < len(words) - 1 and len(words[i][0]) >= 2 and words[i][1] in drop and words[i + 1][1] in before \
            and not words[i][0].startswith(keep) and ok(list(words[i + 1:])):
        i += 1
    out = "".join(w for w, _ in words[i:])
    return out + tail


def whole_words(lex, before: str, name: str) -> str:
    """A name that starts inside a word of the words before its number starts with that word: a name cut
    to a length (融机构发放…, 门联合印发) starts where the segmenter's word starts (金融机构…, 部门…). The
    name (without its closing growth word) is found whole in `before`, its start moved back by at most
    max_extend characters (segmenter.yaml), where it ends at most max_gap characters before the number."""
    d = _data()
    core = name[:_closing_growth(lex, name)]
    if len(core) < d["min_found"] or name[0] in d["no_word_chars"]:
        return name
    p = before.rfind(core)
    if p <= 0 or len(before) - p - len(core) > d["max_gap"]:
        return name  # not there, or an earlier mention of the words (粮油五千亿级产业链…8个千亿级产业链)
    lo = max(0, p - d["window"])  # the words around the name's start: a short text segments fast
    at = lo
    for w, _ in tagged(before[lo:p + d["window"]]):
        if at < p < at + len(w):
            return before[at:p] + name if p - at <= d["max_extend"] else name
        if at >= p:
            break
        at += len(w)
    return name
