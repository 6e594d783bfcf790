"""What a bracket's words say, for reading two brackets a blank apart (:mod:`.readings`).

The vocabulary (connectives, articles, prepositions, modals, list endings, words of
time, proposers' tags, in the six UN languages and Portuguese, Italian and German) and
the tests on a bracket's first or last words that :func:`.readings.spaced_reading` weighs:
what a bracket opens with (:func:`continues`, :func:`first_word`), what its last word
asks for (:func:`last_asks`), its ending (:func:`ending_words`), a time frame, a unit label,
a number or a gap for one.  The few tests :mod:`.joining` asks directly (two units under
labels of their own, words that go on with ``or``, a noun and its qualifier, a gap for a
number) are here too.  Nothing here decides a reading.
"""
from __future__ import annotations

import re

#: the vocabulary and word tests :mod:`.readings` decides with
__all__ = ["AFTER_BRACKETS", "A_NUMBER", "CONNECTIVE_ONLY", "DIGIT", "FIRST_LETTER",
           "FORM_WORDS", "LIST_ENDS", "LIST_ON", "LIST_RUN", "NOT_A_VERB", "NUMBERED",
           "OPENING_ENDS", "PHRASES", "PREPOSITIONS", "ROMANCE_PREPOSITIONS",
           "SAME_OPENING", "STACKING", "TAG_WORDS", "TRAILING", "VERB_AFTER", "WORD",
           "YEAR", "articles_in", "asks_complement", "continues", "ending_words",
           "first_word", "goes_on", "is_clause", "last_asks", "linked", "list_goes_on",
           "lone_article", "nominal", "number_slot", "numbered_apart", "opens_with_none",
           "participle", "qualifier_after", "same_stem", "script_of", "time_frame",
           "unit_label", "word_set"]

# First words (lower case) that continue a sentence rather than compete for a slot.
_CONNECTIVES = frozenset("""
and or nor but also including inter particularly especially notably
while whereas which who whom whose that where whereby thereby
among respectively consistent subject taking bearing recognizing noting
et ou ainsi notamment compris dont qui afin
y o así incluido incluidos incluidas incluida particularmente
e bem incluindo inclusive
и или также включая частности который которые
و أو بما
und oder sowie einschließlich insbesondere
""".split())
_CJK_CONNECTIVES = ("以及", "并且", "并", "和", "及", "或", "包括", "特别是", "同时", "尤其",
                    "而且", "且", "与")
WORD = re.compile(r"\w+")
# `as` before a participle opens a clause that qualifies what precedes (`as identified in`,
# `as set out in`, `tel que défini`), not a phrase that could take another's place
_AS_PARTICIPLE = re.compile(r"(?:as[ \t]+(?:\w+ed|set|laid|made|given|shown|drawn|known|"
                            r"understood|taken|written|contained)|tel(?:le)?s?[ \t]+que?)\b")
TRAILING = ",;:"
SAME_OPENING = 3  # words two rivals begin with that outweigh a side-by-side chain
# Words that end a list (`a, b, or c`): after `[a,] [b,]` they say the brackets are items.
LIST_ENDS = frozenset("and or nor et ou ni y o e и или либо".split())
# Last words (lower case) that ask for a complement, by kind: what follows continues the
# text.  A second bracket ending with a word of the same kind asks for the same complement.
_OPENING_KINDS = {
    "determiner": "the a an its their such la le les el los las une un",
    "preposition": "to of at by for from in into on with as least than between within under "
                   "upon through during before after without among towards against de des du à au "
                   "aux en par pour sur del al con para в на с по для к от",
    "modal": "shall should may must will would can could be "
             "debe deben deberá deberán deberían puede pueden podrá podrán "
             "doit doivent devra devront devrait devraient peut peuvent pourra pourront "
             "deve devem deverá deverão pode podem poderá poderão "
             "должен должна должно должны может могут",
    "conjunction": "and or et ou y o que и или",
}
OPENING_ENDS = {w: kind for kind, words in _OPENING_KINDS.items() for w in words.split()}
# first words after a lone modal that are no verb it asks for: auxiliaries and negations
# (`[shall] [are encouraged to]`, `[shall] [not]` compete for the verb's mood)
NOT_A_VERB = frozenset("is are was were been being has have had do does did need needs not "
                        "also only further other another est sont a ont es son ha han é "
                        "são".split())
# the verb a modal asks for, written after the brackets (`[shall] [will] [other] be ...`)
VERB_AFTER = frozenset("be have être avoir ser estar haber ter".split())
# the brackets that stand right after a bracket, read past to the text after them
AFTER_BRACKETS = re.compile(r"^(?:[ \t*_]*\[[^\[\]\r\n]*\])+")


PHRASES = ("preposition", "determiner")  # first words that say what a phrase is
# prepositions that may follow another one (`from within`, `de entre`, `d'après`)
STACKING = frozenset("within among under between beyond behind about entre parmi sous chez "
                      "après dentro detrás среди".split())
ROMANCE_PREPOSITIONS = frozenset("de des du à au aux en par pour sur del al con para por "
                                  "sobre entre em na pelo pela da do ao aos".split())


# words in -ly that are no adverbs
_NOT_ADVERBS = frozenset("""supply apply reply comply multiply imply assembly monopoly
anomaly family italy july ally rely belly bully butterfly""".split())


def asks_complement(word: str) -> str | None:
    """The kind of complement ``word`` (a bracket's last word) asks for, or None."""
    w = word.lower()
    if w in OPENING_ENDS:
        return OPENING_ENDS[w]
    if len(w) > 4 and w.endswith("ing"):  # `[providing]`, `[joining]`
        return "verb"
    # `[wholly or partly] [by sea]`: an adverb asks for what it qualifies (lower case: not
    # `Assembly`; not the nouns and verbs in -ly: `supply`, `assembly`, `family`)
    return "adverb" if len(w) > 4 and word[:1].islower() and w.endswith("ly") and \
        w not in _NOT_ADVERBS else None


# An elided article or preposition ending a bracket (`dans le cadre d'`, `de l'`)
_ELIDED = {"d": "preposition", "l": "determiner", "qu": "conjunction"}


def last_asks(tail: str, words: list[str]) -> str | None:
    """What the bracket's last word asks for, an elided one (``d'``) included."""
    if not words:
        return None
    if tail.rstrip(" \t*_")[-1:] in "'’" and words[-1].lower() in _ELIDED:
        return _ELIDED[words[-1].lower()]
    return asks_complement(words[-1])


def nominal(kind: str | None) -> str | None:
    """An article and a preposition both ask for a noun phrase (`[pas les] [aucune
    des] activités`): one kind of complement."""
    return "noun" if kind in ("determiner", "preposition") else kind


#: Bracket texts that are a lone connective: ``[and]`` links, it does not compete.
#: Single letters among them (``[y]``, ``[o]``, ``[e]``) are also list labels and
#: variables: they link only when paired with another connective (``[y] [o]``).
CONNECTIVE_ONLY = frozenset({"and", "or", "and/or", "nor", "et", "ou", "et/ou", "y", "o", "y/o",
                             "e", "e/ou", "u", "ni", "и", "или", "和", "或", "及", "以及",
                             "و", "أو", "as well as", "así como", "ainsi que", "assim como",
                             "bem como", "а также", "либо", "und", "oder", "und/oder", "sowie",
                             "bzw.", "oppure", "nonché"})




def first_word(s: str) -> str:
    """The first word, if nothing but blanks, emphasis or an opening quotation mark stands
    before it (``[, [y] ...]`` begins with punctuation, not with ``y``)."""
    m = WORD.search(s)
    return m.group(0).lower() if m and not s[:m.start()].strip(" \t*_\"“‘'«(") else ""


def continues(head: str) -> bool:
    """Does bracket text starting with ``head`` continue the sentence before it?"""
    stripped = head.lstrip(" \t*_")
    if not stripped:
        return False
    if stripped[0] in ",;:":  # (`[:]` before a list: what introduces it continues too)
        return True
    if stripped.startswith(_CJK_CONNECTIVES):
        return True
    m = WORD.search(stripped)
    word = m.group(0) if m else ""
    if word in _CONNECTIVES:  # lower case only: `But` opening a title is no connective
        # `addresses [inter alia and as appropriate, the information ...] [all elements
        # ...]`: `inter alia` before a determiner opens the object itself
        return _INTER_ALIA_OBJECT.match(stripped) is None

    if _AS_PARTICIPLE.match(stripped):  # `[as identified in the DDPA]`: a clause of its own
        return True
    # Arabic: the conjunction و is written joined to the next word (وأن، وفي)
    return len(word) > 2 and word[0] == "و" and word[1] in "أإاالفبت"


_INTER_ALIA_OBJECT = re.compile(r"inter[ \t]+alia[ \t]*,?[ \t]*(?:(?:and[ \t]+)?as[ \t]+appropriate"
                                r"[ \t]*,?[ \t]*)?(?:the|a|an|all|any|its|their|such|these|this)\b")


FORM_WORDS = 6  # words a bracket holds at most for its last word's form to decide
_STEM = 6        # letters two forms of one word begin with (`enhance`, `enhancing`)


def same_stem(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` forms of one word: the same first :data:`_STEM` letters
    (``enhance``/``enhancing``, ``comprennent``/``comprendre``)?"""
    a, b = a.lower(), b.lower()
    return len(a) >= _STEM and len(b) >= _STEM and a[:_STEM] == b[:_STEM]


_ENDING_WORDS = 3  # last words two wordings for one slot share
# words of a proposer's tag closing a bracket (`... USA suggest to add]`): not wording
TAG_WORDS = frozenset("add delete suggest suggests propose proposes proposal proposed "
                       "retain support supports".split())
_SUBMISSION = re.compile(r"[ \t]*\([0-9]{1,3}(?:[,،][ \t]*[0-9]{1,3})*\)")  # `(4)`, `(4،10)`
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])[0-9]{1,2}$")  # `B10`: a submission's number


def linked(head: str) -> bool:
    """Does bracket text starting with ``head`` open with punctuation or a coordinating
    conjunction (``[, while ...]``, ``[and to ...]``)?"""
    stripped = head.lstrip(" \t*_")
    return stripped[:1] in (",", ";", ":") or first_word(stripped) in _COORDINATING


def ending_words(tail: str) -> tuple[str, ...]:
    """The last :data:`_ENDING_WORDS` words of a bracket's text, lower case, without the
    submissions' numbers a compilation adds (``anexo B4``, ``(4،10)``); () if fewer."""
    words = WORD.findall(_SUBMISSION.sub("", tail))[-_ENDING_WORDS:]
    if len(words) < _ENDING_WORDS:
        return ()
    return tuple(_GLUED_NUMBER.sub("", w).lower() for w in words)


def is_clause(head: str) -> bool:
    """Does bracket text starting with ``head`` read as a clause of its own: a capital
    letter first and at least three words (``[Notes that ...;]``, ``[Les Parties ...,]``)?"""
    stripped = head.lstrip(" \t*_")
    return stripped[:1].isupper() and len(stripped.split()) >= 3


def word_set(s: str) -> set[str]:
    return {w.lower() for w in WORD.findall(s)}


# A unit's label near the start of a bracket's text, as a copy that lost its line breaks
# gives bracketed paragraphs (`[(iv) Noting ...][(v) Recognizing ...]`, `[标题(iv) ...]`):
# a list label followed by a blank, or a paragraph number first.
_UNIT_LABEL = re.compile(r"(?<![A-Za-z0-9(])\(([ivxlc]{1,6}|[a-z]|[0-9]{1,3})\)(?=[ \t])|"
                         # `[1. ter Contractors ...]`: the suffix after the dot is the label's
                         r"^[ \t*_]*([0-9]{1,3}(?:\.[0-9]{1,3})*\.(?:[ \t]?(?i:bis|ter|quater|"
                         r"quat|quinquies|sexies)\.{0,2})?)[ \t]|"
                         # `[1.2 Each Party ...]`: a dotted number needs no final dot
                         r"^[ \t*_]*([0-9]{1,3}(?:\.[0-9]{1,3})+)[ \t]+(?=[A-Z])|"
                         # `[1.[quat.]/[bis] Each ...]`: a number whose suffix is still
                         # in brackets is another unit than the bare number
                         r"^[ \t*_]*([0-9]{1,3}\.?[ \t]?\[(?i:bis|ter|quater|quat\.?|"
                         r"quinquies|sexies|alt\.?)\])")
# Words after which such a label is a reference, not a unit's own (`paragraph (a)`)
_REFERENCE = re.compile(r"(?:paragraphs?|paras?\.?|subparagraphs?|articles?|art\.|sections?|"
                        r"items?|points?|options?|annex|alinéas?|paragraphes?|párrafos?|"
                        r"incisos?|apartados?|пункт\w*|подпункт\w*|стать\w*|الفقرة|"
                        r"[款项段条节])[ \t]*$", re.IGNORECASE)


def unit_label(head: str) -> str | None:
    for m in _UNIT_LABEL.finditer(head):
        if not _REFERENCE.search(head, 0, m.start()):
            if m.group(2):  # `1.`, `1. ter`, `1. quat..`: `1`, `1.ter`, `1.quat`
                return ".".join(m.group(2).lower().replace(".", " ").split())
            return m.group(1) or m.group(3) or m.group(4).lower()
    return None


# A gap for a number or a year (`[year x]`, `[20XX]`, `[X]`, `[Z]`, `[date]`), and a number
# (`2020`, `40%`, a fraction: `the ¾`, `2/3`)
_NUMBER_GAP = re.compile(r"[ \t]*(?:(?:(?:year|date|number)[ \t]+)?(?:[XxNn]{1,4}|[YZ]|"
                         r"[0-9]{0,3}[Xx]{2})(?:[ \t]+(?:date|year))?|[Yy]ear|[Dd]ate|[Nn]umber)[ \t]*")
A_NUMBER = re.compile(r"[ \t]*(?:(?:the|a)[ \t]+)?(?:[0-9][0-9 .,]*%?|[0-9]*[¼½¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|"
                       r"[0-9]{1,2}/[0-9]{1,2})[ \t]*")
#: A number written in words, in the UN languages and Portuguese (`[five] [Z] years`,
#: `[cinco] [Z] años`, `[خمس] [Z] سنوات`): beside a gap for a number, its rival.
_NUMBER_WORD = re.compile(
    r"[ \t]*(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundred|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
    r"diez|doce|quince|veinte|treinta|cuarenta|cincuenta|cien|un|une|deux|trois|quatre|"
    r"cinq|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante|cinquante|cent|um|uma|"
    r"dois|duas|três|sete|oito|nove|dez|doze|quinze|vinte|trinta|cinquenta|"
    r"один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двенадцать|"
    r"пятнадцать|двадцать|тридцать|пятьдесят|сто)"
    r"|(?:واحد|اثنان|اثنين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|"
    r"تسع|تسعة|عشر|عشرة|عشرين|ثلاثين|خمسين)|[一二三四五六七八九十两]{1,3}[ \t]*")


# A time frame: a year (`by 2030`, `from 2025 to 2029`) or words that say when (`as soon as
# possible`, `without delay`); a bracket holding neither (`[in grant-equivalent terms]`)
# does not compete with one that does, it qualifies something else.
#: A year written in figures (`2030`, `1981`).
YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
_CJK_YEAR = re.compile(r"[0-9]年")
_WHEN = re.compile(r"\b(?:soon|earliest|latest|delay|immediately|annually|years?|decades?|"
                   r"century|deadline|tôt|délai|années?|ans|plazo|años?|pronto|anual\w*|"
                   r"срок\w*|год\w*|лет|скорее|"
                   # a session of a body (`at the first session of the CMA`)
                   r"sessions?|sesi[oó]n|sesiones|сесси\w*)\b", re.IGNORECASE)


def time_frame(s: str) -> str | None:
    """``"year"`` where ``s`` names a year, ``"none"`` where it holds no digit and no word
    of time (a word of time in a long phrase, `to limit warming in this century and to
    ...`, does not make it a time frame), else None (it cannot be told)."""
    if YEAR.search(s) or _CJK_YEAR.search(s):
        return "year"
    if any(c.isdigit() for c in s) or _WHEN.search(s) and len(set(s.split())) <= _TIME_WORDS:
        return None
    return "none"


# distinct words a time frame holds at most (`as soon as possible and no later than`; the
# callers pass a bracket's first and last characters, the same words twice when it is short)
_TIME_WORDS = 6


# after two brackets: two more, each closed by a comma (a list of bracketed items goes on)
LIST_RUN = re.compile(r"[ \t]*,[ \t]*\[[^\]\[\r\n]{1,40}\][ \t]*,[ \t]*\[")
# after two items: another bracket, or an item of a few words and a comma or a conjunction
LIST_ON = re.compile(r"[ \t\]]*(?:\[|[^\W\d_][\w'’-]*(?:[ \t]+[\w'’-]+){0,2}[ \t]*"
                      r"(?:,|[ \t](?:and|or|y|o|e|et|ou|и|или)\b))")
NUMBERED = re.compile(r"[ \t*_\[]*[0-9]{1,3}(?:\.[0-9]{1,3})*\.[ \t]")  # `[2. Con el fin`
FIRST_LETTER = re.compile(r"[ \t*_\[]*([^\W\d_])")


# (not `a`, a preposition in Spanish, Portuguese and Italian: `[de] [a] los proveedores`)
_ARTICLES = frozenset("the an la le les el los las une un der die das".split())


def lone_article(head: str, tail: str) -> bool:
    """Does the bracket hold only an article (``[the]``, ``[las]``)?"""
    words = WORD.findall(head)
    return len(words) == 1 and head.strip(" \t") == tail.strip(" \t") and \
        words[0].lower() in _ARTICLES


DIGIT = re.compile(r"[0-9]")


# prepositions beyond those of _OPENING_KINDS (whose words also say what a bracket's last
# word asks for), and all of them: what a phrase opening with a preposition opens with
_OTHER_PREPOSITIONS = frozenset("dans avec sans selon vers entre chez desde hasta según sin "
                                "hacia com sem até из при между".split())
PREPOSITIONS = frozenset(w for w, kind in OPENING_ENDS.items() if kind == "preposition") | \
    _OTHER_PREPOSITIONS | ROMANCE_PREPOSITIONS


def opens_with_none(first: str) -> bool:
    """Is ``first`` (a bracket's first word, lower case) a word that opens no phrase of
    its own kind: no preposition, article, modal or connective, and no adverb in -ly,
    which says when or how as a phrase with a preposition does (``[immediately] [upon
    receiving a suspension notice]`` compete)?"""
    return first.isalpha() and first not in OPENING_ENDS and first not in PREPOSITIONS \
        and first not in _CONNECTIVES and asks_complement(first) != "adverb"


def articles_in(s: str, lone: str = "") -> bool:
    """Does ``s`` hold an article or a determiner?  Beside a lone English article
    (``lone``: ``the``, ``an``), ``a`` is one too (``[a consolidated] [an] authorization``)."""
    english = lone in ("the", "an")
    return any(w.lower() in _ARTICLES or w.lower() in ("its", "their", "such", "this", "these")
               or english and w.lower() == "a" for w in WORD.findall(s))


_PARTICIPLE_ENDS = ("ado", "ido", "ada", "ida", "ados", "idos", "adas", "idas", "é", "ée",
                    "és", "ées", "ито", "ано", "ено")
_IRREGULAR = frozenset("made taken given set laid held known drawn shown written done".split())


def participle(word: str) -> bool:
    """A past participle by its ending (`established`, `establecido`, `integrado`, `établi`
    aside), as a phrase qualifying a noun begins."""
    return len(word) > 4 and (word.endswith("ed") or word.endswith(_PARTICIPLE_ENDS)) or \
        word in _IRREGULAR


def script_of(s: str) -> str:
    """The script most letters of ``s`` are written in: ``latin``, ``cyrillic``, ``arabic``,
    ``cjk``, or ``""`` (none)."""
    counts = {"latin": 0, "cyrillic": 0, "arabic": 0, "cjk": 0}
    for c in s:
        if not c.isalpha():
            continue
        if c < "\u0250":
            counts["latin"] += 1
        elif "\u0400" <= c < "\u0530":
            counts["cyrillic"] += 1
        elif "\u0600" <= c < "\u0780":
            counts["arabic"] += 1
        elif c >= "\u2e80":
            counts["cjk"] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ""


def number_slot(gap: str, other: str) -> bool:
    """``by [year x] [2020] [2021]``, ``at least [five] [Z] years``: a gap for a number
    beside a bracketed number, in figures or in words (or another such gap), blanks
    apart: rivals for one slot, the gap one of them."""
    return _NUMBER_GAP.fullmatch(gap) is not None and (
        A_NUMBER.fullmatch(other) is not None or _NUMBER_GAP.fullmatch(other) is not None
        or _NUMBER_WORD.fullmatch(other) is not None)


# what opens a noun phrase, in the languages whose lists above do not hold it
_NOUN_OPENERS = frozenset(_OPENING_KINDS["determiner"].split()) | frozenset(
    "this that these any each every all una o os um uma qualquer cada todo toda todos todas "
    "cualquier cualquiera tout toute tous toutes ce cette".split())


#: conjunctions that join what follows to what stands before (lower case: `Or` opening
#: a sentence, `E` a letter, are no such word)
_COORDINATING = frozenset("and or nor et ou y o e und oder и или либо و أو".split())


def goes_on(a_head: str, b_head: str) -> bool:
    """Does the second of two brackets side by side go on from the first (``a_head``:
    the first's text; ``b_head``: the first characters from the second's opening): it opens with
    ``and``, ``or`` (``or the Contractor``, ``and work undertaken``) and more words, and
    the first opens with no connective (two brackets that both do compete: ``[and which
    ...][and where ...]``)?"""
    words = b_head.lstrip(" \t*_").split(None, 2)
    return len(words) >= 2 and words[0] in _COORDINATING and not continues(a_head)


def qualifier_after(a_head: str, b_head: str) -> bool:
    """``[um Tribunal][estabelecido conforme esta seção]``: a noun phrase and, written
    against it, a phrase opening with a past participle that qualifies the noun (both of
    two words or more): not rivals for one slot, the second an insertion of its own."""
    fa, fb = first_word(a_head), first_word(b_head)
    return fa in _NOUN_OPENERS and participle(fb) and len(a_head.split()) >= 2 and \
        len(b_head.split()) >= 2


def numbered_apart(a_head: str, b_head: str) -> bool:
    """Do two neighbouring brackets each hold a unit of its own, under different labels
    (``[... (iv) text ...][... (v) text ...]``)?  Two paragraphs, not alternatives:
    alternatives to one unit carry its one number.  ``a_head``/``b_head``: the first few
    dozen characters of each bracket's text."""
    a = unit_label(a_head)
    if a is None:
        return False
    b = unit_label(b_head)
    return b is not None and a != b


def list_goes_on(sep: str, after: str) -> str | None:
    """The conjunction that ends a list after ``[a,] [b,]``: ``after`` (the text after the
    second bracket) past any further brackets ending with the same ``sep`` starts with
    ``or``, ``and`` ... (``of [reducing,] [phasing out,] or redirecting``)."""
    rest = after.lstrip(" \t")
    while rest.startswith("["):
        close = rest.find("]")
        if close < 0 or rest[:close].rstrip(" \t")[-1:] != sep:
            return None
        rest = rest[close + 1:].lstrip(" \t")
    m = WORD.match(rest)
    return m.group(0) if m and m.group(0) in LIST_ENDS else None


