"""The words of a name: the left words cut to a name, the counted noun at the right, trimmed actions and
the patterns of naming (lexicon.yaml `extraction`), shared by naming.py and inheritance.py."""

from __future__ import annotations

import re

from ..language import lexicon
from ..project import thresholds as T
from .mention import extraction_words
from .phrase import tagged

# The Chinese words and patterns of naming (measure nouns, list connectors, rank and share words …) are
# lexicon.yaml `extraction` (the keys after "naming a quantity"), read through mention.extraction_words().
QUOTES = str.maketrans("", "", "“”\"「」『』")
COUNT_DIMS = {"count", "person"}
MADE_DIMS = {"count", "area", "length"}  # what a verb that makes things can count (建设高标准农田910万亩)


_UNIT_NOTE = re.compile(r"^[（(][^）)]{0,6}[）)]、?")  # （辆）、惠及消费者: the unit note of the number before
_NOTE_AT = re.compile(r"[（(][^）)]{0,6}[）)]")
_NOTE_CLOSE = re.compile(r"[（(][^）)，,。；;]{1,6}[）)]")


def _plain_len(s: str) -> int:
    """The length of a name without what adds no word to it: a note in brackets (（PM2.5）) and the
    threshold words of 二级及以上 (a name of 18 such characters is not cut)."""
    return len(extraction_words().note_or_threshold_re.sub("", s))


def strip_name(lex, s: str, cap: bool = True) -> str:
    """A metric name from the words before a number: qualifiers, fillers, years, verbs and list
    numbering removed; cut to its head when long (cap)."""
    s = extraction_words().year_words_re.sub("", extraction_words().lead_re.sub("", _UNIT_NOTE.sub("", s.translate(QUOTES))).strip())
    s = lex.comparison_re.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = lex.strip_prefix_re.sub("", s)
        s = lex.strip_suffix_re.sub("", s)
        s = lex.prefix_q_re.sub("", s)
        s = extraction_words().lead_re.sub("", s)
    if not cap:
        return s
    if len(s) > 8:
        # "对已经谋划的重点工业项目": the head after the last 的 names the thing (not a bare 比例)
        cut = s.rfind(extraction_words().of_word, 0, len(s) - 2)
        if cut >= 3 and s[cut + 1:] not in extraction_words().bare_heads:
            s = s[cut + 1:]
    if T.NAME_MAX_CHARS < len(s) <= T.SHARE_NAME_MAX_CHARS and extraction_words().share_of_re.search(s):
        return s  # 全社会研发经费支出相当于全市生产总值的比例: a share names what and of what
    if T.NAME_MAX_CHARS < _plain_len(s) <= T.PAIR_NAME_MAX_CHARS and extraction_words().pair_re.fullmatch(s):
        return s  # 国家生态文明建设示范区和两山实践创新基地57个: one number counts the pair, named whole
    opening = lex.list_verb_re.match(s)  # 建成各级各类概念验证中心和中试熟化平台: the verb says it is an addition
    if _plain_len(s) - (len(opening.group()) if opening else 0) > T.NAME_MAX_CHARS:
        cut = s.rfind(extraction_words().examples_word, 0, len(s) - 2)
        if cut >= 0:
            s = s[cut + 1:]
        else:
            verb = lex.list_verb_re.search(s)  # 提请…制定修改废止地方性法规: start at the verb
            if verb and len(s) - verb.start() >= 4:
                s = s[verb.start():]
        if _plain_len(s) > T.NAME_MAX_CHARS:  # the last item of a list, or the tail from a word boundary, never a clipped word
            last = re.split(r"[、，,]", s)[-1]
            s = last if len(last) >= 4 else s[-T.NAME_MAX_CHARS:]
            if len(s) > T.NAME_MAX_CHARS:
                m = extraction_words().word_start_re.search(s, len(s) - T.NAME_MAX_CHARS)
                at = m.start() if m else len(s) - T.NAME_MAX_CHARS
                if s.startswith(extraction_words().threshold_words, at) and s[at - 1:at] == extraction_words().threshold_and:
                    at = max(0, at - 3)  # 二级及以上公立医疗机构: the threshold whole
                s = s[at:]
    return s


def shared_list(lex, raw: str) -> str:
    """The whole list of the words before a number when they are a list (items joined by 、, no 的 nor comma)
    followed by a word that says its one number holds for every item (lexicon list_shared_marks: 均, 都;
    甲利用率、乙利用率、丙利用率均达到60%), too long for a name but not for a list's; else ''."""
    w = extraction_words()
    s = strip_name(lex, raw, cap=False)
    clean = raw.translate(QUOTES)
    at = clean.rfind(s)
    items = s.split(w.list_comma)
    ok = (s and at >= 0 and clean.startswith(tuple(w.list_shared_marks), at + len(s)) and len(items) >= 2
          and all(len(x) >= 2 for x in items) and w.of_word not in s and not re.search(r"[，,；;：:]", s)
          and T.NAME_MAX_CHARS < _plain_len(s) <= T.LIST_NAME_MAX_CHARS)
    return s if ok else ""


def trailing_verb(lex, s: str) -> str:
    m = lex.trailing_verb_re.search(s)
    return m.group() if m else ""


def list_verb(lex, s: str) -> str:
    m = lex.list_verb_re.match(s)
    return m.group() if m else ""


def right_noun(text: str, pos: int, end: int, lex=None) -> str:
    noun = _right_span(text, pos, end)
    if lex is None or len(noun) < 3:
        return noun
    # 共建重点项目完成投资, 集群获评国家先进制造业集群: the noun ends where its predicate starts;
    # 亿元以上项目建设: nor is the closing action part of it (lexicon counted_noun_predicates, counted_noun_end_words)
    at, ends = _noun_cut(lex)
    cut = at.search(noun, 2)
    if cut and noun[:cut.start()] not in extraction_words().bare_words:  # 4家企业入选…: a bare 企业 would say nothing
        noun = noun[:cut.start()]
    tail = ends.search(noun)
    if tail and noun[:tail.start()].endswith(lex.name_shapes.manner_ends):
        return noun  # 家庭适老化改造: the act after its manner stays
    keep = lex.counted_noun_end_words.get(tail.group(), "") if tail else ""
    return noun[:tail.start()] + keep if tail and tail.start() >= 2 else noun


def _noun_cut(lex) -> tuple[re.Pattern, re.Pattern]:
    return lex.noun_cut_re, lex.noun_end_re


def _right_span(text: str, pos: int, end: int) -> str:
    age = extraction_words().age_re.match(text, pos, end)  # 40万3岁以下婴幼儿: the age is part of the noun
    if age:
        stop = extraction_words().right_stop_re.search(text, age.end(), end)
        noun = text[pos:(stop.start() if stop else end)]
        return noun[:14].translate(QUOTES)
    note = _NOTE_AT.match(text, pos, end)  # 2.5万套（间）城市危旧房: the unit's note is no part of the noun
    if note:
        pos = note.end()
    stop = extraction_words().right_stop_re.search(text, pos, end)
    if stop and stop.start() == pos and text.startswith(lexicon.load().zai_nouns, pos):
        stop = extraction_words().right_stop_re.search(text, pos + 1, end)  # 9条在建高速公路: 在建 describes the noun, no place follows
    while stop and stop.group() in "（(":  # 县（市、区）: a short note inside the noun stays
        close = _NOTE_CLOSE.match(text, stop.start(), end)
        if not close:
            break
        stop = extraction_words().right_stop_re.search(text, close.end(), end)
    noun = text[pos:(stop.start() if stop else end)]
    return noun[:T.NOUN_MAX_CHARS].translate(QUOTES)


def list_groups(text: str, ms) -> list[list]:
    """Runs of mentions joined only by a list connector (、和及与)."""
    groups, cur = [], [ms[0]]
    for a, b in zip(ms, ms[1:]):
        if b.clause == a.clause and extraction_words().list_gap_re.fullmatch(text[a.tail:b.s - b.prefix_len]):
            cur.append(b)
        else:
            groups.append(cur)
            cur = [b]
    groups.append(cur)
    return groups



def trim_actions(lex, name: str, made: str = "") -> str:
    """The name without the action verbs that open it and the words that close it with what happened
    (lexicon metric_action_verbs, metric_end_words), as long as a noun of three characters or more stays.
    When the number counts the things the verbs act on (a count, an area or a length; `made`: its clause up to the
    number), a verb that makes them stays before the noun (高标准建设高标准农田 -> 建设高标准农田; lexicon
    metric_creation_verbs) when it opens its clause or list item (not 法治政府建设10项主要指标: a noun's 建设)."""
    start, end = _action_res(lex)
    leads = []

    def trim(name: str) -> str:
        prev = None
        while prev != name:
            prev = name
            for rx in (start, end):
                cut = rx.sub("", name, count=1)
                bare = lex.growth_re.sub("", cut)
                if len(bare) >= 3 and bare not in extraction_words().bare_heads and bare not in extraction_words().bare_words:
                    if rx is start:
                        leads.append(name[:len(name) - len(cut)])
                    name = cut
        return name

    trimmed = trim(name)
    lead = "".join(leads)
    name = _without_examples(lex, trimmed)
    if name.endswith(extraction_words().of_word) and len(name) >= 4:  # 冻鳟鱼出口占全国同类产品出口总值的: a name never ends in 的
        name = name[:-len(extraction_words().of_word)]
    dashes = extraction_words().range_dash_chars
    name = name.lstrip(dashes) if len(name.lstrip(dashes)) >= 2 else name  # 1—2个主导产业: nor starts with the range's dash
    cut = _predicate(lex).search(name, 3)  # 受灾中小学全部按期开学: the name ends where a predicate starts
    if cut and len(lex.growth_re.sub("", name[:cut.start()])) >= 3:
        name = name[:cut.start()]
    growth = lex.growth_re.search(name)
    if growth and growth.start() >= 3:  # 服务贸易预计增长: closing words before the growth word
        name = trim(name[:growth.start()]) + growth.group()
    if made and lead and trimmed.startswith(name[:3]):  # the start of the name is the one trimmed (no examples cut)
        name = _creation(lex, lead, name, made) + name
    return name


def _creation(lex, lead: str, name: str, clause: str) -> str:
    """The verb that makes the counted things, when it ends the action words dropped from a name's start
    (高标准建设 -> 建设; lexicon metric_creation_verbs), unless the name opens with a verb of its own
    (建设筹措保障性租赁住房: no verb is put back)."""
    verb = next((v for v in lex.creation_verbs if lead.endswith(v)), "")
    at = clause.rfind(verb) if verb else -1
    if at < 0:
        return ""
    before, prev = clause[:at].rsplit(extraction_words().list_comma, 1)[-1], None
    while prev != before:  # 力争高标准建设: only fillers and action words before the verb in its clause
        prev, before = before, lex.strip_prefix_re.sub("", before)
    words = before.removeprefix(extraction_words().addition_mark) + verb  # 新开工建设: the verb opens the item
    while words and (act := lex.action_start_re.match(words)) and act.end():
        words = words[act.end():]  # 推进建设, 高标准建设: action words and adverbs before the verb
    if words:
        return ""
    word, tag = tagged(name)[0]
    return "" if len(word) >= 2 and tag.startswith("v") else verb


def _without_examples(lex, name: str) -> str:
    """新增甲公司、乙公司等科技型企业: the class after the examples, with the list verb that opens the name
    (lexicon example_class_heads: a class that needs its examples keeps them)."""
    deng_word = extraction_words().examples_word
    deng = [m.start() for m in re.finditer(re.escape(deng_word), name)
            if not any(name.startswith(w, m.start() - w.index(deng_word)) for w in lex.example_not_deng)]
    if not deng or "、" not in name[:deng[-1]]:
        return name
    rest, lead = name[deng[-1] + len(deng_word):], list_verb(lex, name)
    # a short class alone (综合治理, 服务机构) says less than with its examples
    if (len(lex.growth_re.sub("", rest)) < (3 if lead else 5) or rest in extraction_words().bare_heads or rest in extraction_words().bare_words
            or rest.startswith(lex.example_class_heads)):
        return name
    return lead + rest


def _predicate(lex) -> re.Pattern:
    return lex.predicate_re


def _action_res(lex) -> tuple[re.Pattern, re.Pattern]:
    return lex.action_start_re, lex.action_end_re


REPEAT = re.compile(r"([\u4e00-\u9fff]{2,6})\1")


def milestone_nouns(lex) -> re.Pattern:
    return lex.milestone_nouns_re


def milestone_name(lex) -> re.Pattern:
    return lex.milestone_re


def circumstance(lex) -> re.Pattern:
    return lex.circumstance_re


# ---- the parts of speech of a noun phrase: list items, owners (lexicon.yaml `name_lists`; read by name_lists.py)

def _lists():
    return lexicon.load().name_lists


def noun_words(s: str, tags: tuple = ()) -> bool:
    """s is words of nouns only (the segmenter's parts of speech, lexicon name_lists noun_tags), none of them a word
    of commitment (力争 is tagged a noun)."""
    tags = tags or _lists().noun_tags
    return bool(s) and all((tag in tags or (len(w) == 1 and tag not in _lists().not_noun_tags))
                           and w not in lexicon.load().commitments for w, tag in tagged(s))


def own_verb(lex, word: str) -> bool:
    """A verb that gives a list item a predicate of its own (lexicon list_verbs, metric_action_verbs,
    selection_predicates, commitment, extraction predicate_open_verbs)."""
    return (word in lex.selection_predicates or word in lex.commitments or word in lexicon.load().extraction.predicate_open_verbs
            or lex.list_verb_re.fullmatch(word) is not None or lex.action_start_re.fullmatch(word) is not None)


def noun_item(lex, s: str, lead_verb: bool = False, head_verb: bool = False) -> bool:
    """An item of a list: two characters or more, no bare head (lexicon bare_words, bare_heads), not opened by a verb,
    adverb, preposition or conjunction (a word of the segmenter of two characters or more), no verb of its own
    inside (_own_verbs); the first item may open with the list's verb (改造老旧小区、…)."""
    v = list_verb(lex, s) if lead_verb else ""
    rest = s[len(v):].rstrip(lexicon.load().extraction.examples_word)
    w = lexicon.load().extraction
    if len(rest) < 2 or rest in w.bare_words or rest in w.bare_heads or any(c.isdigit() for c in rest):
        return False
    ws = tagged(rest)
    if not _lists().han_re.match(rest) or (len(ws[0][0]) >= 2 and ws[0][1] in _lists().opening_not_tags) \
            or ws[0][1] in _lists().never_open_tags \
            or (ws[-1][1] in _lists().end_not_tags and not (head_verb and ws[-1][1] == "v")):
        return False  # N个专业化二级运营公司; …综合开发利用: no noun phrase (an owner's head may be tagged a verb: 提案)
    return not any(own_verb(lex, x) or tag in _lists().never_tags for x, tag in ws)  # 在农村地区, 迭部县被命名为…


def has_verb(s: str) -> bool:
    """A verb of two characters or more (not a verbal noun) in s before its last word (孕妇免费提供地中海贫血 is no
    counted noun; the segmenter tags a head noun such as 提案 a verb too)."""
    return any(len(x) >= 2 and tag.startswith("v") and tag != "vn" for x, tag in tagged(s)[:-1])


def noun_run(item: str) -> str:
    """The noun phrase that opens an item, up to its predicate (企事业单位附属空间对外开放共享: 企事业单位附属空间): the
    words before the first preposition or the first verb, adverb or idiom of two characters or more."""
    out = ""
    ws = tagged(item)
    for k, (x, tag) in enumerate(ws):
        rest = ws[k + 1:]
        if k and rest and (tag in _lists().never_tags or (len(x) >= 2 and tag in _lists().predicate_tags
                                                          and not (len(rest) == 1 and rest[0][1] in _lists().noun_tags))):
            break  # not a verb that closes the item alone (创历史新高), nor one inside a compound (概念验证中心)
        out += x
    return out
