"""Reading two brackets separated only by blanks: rivals for one slot, or two insertions?

``[a] [b]`` is ambiguous in real drafts.  In many texts the blank separates independent
insertions (``measures [to protect coastal fisheries,] [and to restore habitats]``); in
others a spaced pair is a pair of alternatives (``[网络犯罪] [非法使用信息和通信技术行为]``).
A document may declare its convention in the front matter (``spaced-brackets:
alternatives | separate | auto``); under ``auto`` (the default) the evidence below decides,
and :func:`spaced_reading` says when it had to guess, so the parser can warn.

The evidence, strongest first:

* both brackets carry an attribution (``[a]@RUS [b]@EU``): rival proposals; each holds a
  unit under a label of its own (``[(iv) ...] [(v) ...]``, ``[1.2 ...] [1.3 ...]``,
  :func:`numbered_apart`): two bracketed units; the first opens a numbered paragraph and
  the second goes on with its sentence in lower case: two parts;
* a gap for a number or a year beside a number (``by [year x] [2020]``), or the same
  unit label opening both (``[(b) ...;] [(b) Alt.1 ...]``): rivals;
* (decided in :mod:`.joining`, which sees the whole text) the words of a group written
  side by side elsewhere (``[contributions][commitments][other]``, then
  ``[contributions] [commitments][other]``): that group again;
* either bracket is already joined to a neighbour without a blank (``[a][b] [c]``): the
  text writes its alternatives side by side, so the blank separates;
* they are written in different scripts (a text and its translation): separate;
* the same words in another order (``[Country Providing] [Providing Country]``): rivals;
* both begin with the same word (``[by 2060] [by 2090]``) or share most of their words:
  rivals for one slot, unless only the first ends with ``,`` ``;`` ``:`` (``targets [to
  reduce the gap ...,] [to increase ...] from all sources``): what follows the first is
  the second, two insertions;
* both end with the same word and the same ``;`` or ``.`` (``[... commercial samples;]
  [that have been treated ... as samples;]``), the second not opening with ``and``,
  ``or``: rivals;
* the second begins with a connective (``and``, ``including``, ``et``, ``y``, ``и``,
  ``以及``, ``و`` ...; ``as`` before a participle, ``[as identified in ...]``) or with
  punctuation, or the first ends with ``,`` ``;`` ``:`` where
  the second does not: the second continues the sentence, an insertion;
* both end asking for the same complement (``[... of the] [... from the] text``):
  rivals; one holds only an article and the other no article (``[generar] [las]``):
  separate; one holds a year and the other no figure and no word of time (``per year [in
  grant-equivalent terms] [from 2025 to 2029]``): separate; both begin with a preposition,
  or both with a determiner: rivals; one with
  a preposition, the other with a determiner: separate (each a guess, with a warning);
* words opening with no preposition, article, modal, connective or adverb beside a
  preposition or a phrase opening with one (``[commitment] [in accordance with Article
  2bis]``, ``[Acknowledge] [on] [experience from] the lessons``): separate, words and
  what qualifies them, or the preposition opening what follows;
* the first begins with a connective and the second does not, or the first ends with
  a word that asks for a complement (``to``, ``of``, ``should``, ``providing``) that the
  second does not also ask for: separate;
* two clauses (capital first) ending with ``,``, as preambular paragraphs: separate;
* both end with the same ``,`` or ``;`` and the list goes on after them with ``or``,
  ``and`` ... (``of [reducing,] [phasing out,] or redirecting``), or both are short items
  each with its comma in a list that goes on: list items, separate;
* two clauses ending with the same ``;`` or ``.``: two versions of one provision
  (alternatives, with a warning);
* each begins with a participle of its own, four words or more (``Órgano [establecido
  ...] [integrado por ...]``): two qualifying phrases, separate;
* otherwise: alternatives, as in UN usage, with a warning naming both readings.

A bracket written inside a word (``a[n] [intergovernmental]``) is part of it and competes
with no spaced neighbour (:mod:`.joining`).

A bracket holding a lone connective (``[and]``, ``[or]``) is not an alternative of its
neighbours, even side by side: ``[a][and][b]`` is three insertions, unless an
attribution says they compete (``[and][or]@EU``, ``[和][与]@CHN``); two lone
connectives next to each other compete (``[y] [o]``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["CONVENTIONS", "CONNECTIVE_ONLY", "YEAR", "Reading", "spaced_reading", "numbered_apart",
           "goes_on",
           "qualifier_after",
           "number_slot"]

#: The values of the front-matter key ``spaced-brackets``.
CONVENTIONS = ("alternatives", "separate", "auto")

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
_WORD = re.compile(r"\w+")
# `as` before a participle opens a clause that qualifies what precedes (`as identified in`,
# `as set out in`, `tel que défini`), not a phrase that could take another's place
_AS_PARTICIPLE = re.compile(r"(?:as[ \t]+(?:\w+ed|set|laid|made|given|shown|drawn|known|"
                            r"understood|taken|written|contained)|tel(?:le)?s?[ \t]+que?)\b")
_TRAILING = ",;:"
_SAME_OPENING = 3  # words two rivals begin with that outweigh a side-by-side chain
# Words that end a list (`a, b, or c`): after `[a,] [b,]` they say the brackets are items.
_LIST_ENDS = frozenset("and or nor et ou ni y o e и или либо".split())
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
_OPENING_ENDS = {w: kind for kind, words in _OPENING_KINDS.items() for w in words.split()}
# first words after a lone modal that are no verb it asks for: auxiliaries and negations
# (`[shall] [are encouraged to]`, `[shall] [not]` compete for the verb's mood)
_NOT_A_VERB = frozenset("is are was were been being has have had do does did need needs not "
                        "also only further other another est sont a ont es son ha han é "
                        "são".split())
# the verb a modal asks for, written after the brackets (`[shall] [will] [other] be ...`)
_VERB_AFTER = frozenset("be have être avoir ser estar haber ter".split())
# the brackets that stand right after a bracket, read past to the text after them
_AFTER_BRACKETS = re.compile(r"^(?:[ \t*_]*\[[^\[\]\r\n]*\])+")


_PHRASES = ("preposition", "determiner")  # first words that say what a phrase is
# prepositions that may follow another one (`from within`, `de entre`, `d'après`)
_STACKING = frozenset("within among under between beyond behind about entre parmi sous chez "
                      "après dentro detrás среди".split())
_ROMANCE_PREPOSITIONS = frozenset("de des du à au aux en par pour sur del al con para por "
                                  "sobre entre em na pelo pela da do ao aos".split())


# words in -ly that are no adverbs
_NOT_ADVERBS = frozenset("""supply apply reply comply multiply imply assembly monopoly
anomaly family italy july ally rely belly bully butterfly""".split())


def _asks_complement(word: str) -> str | None:
    """The kind of complement ``word`` (a bracket's last word) asks for, or None."""
    w = word.lower()
    if w in _OPENING_ENDS:
        return _OPENING_ENDS[w]
    if len(w) > 4 and w.endswith("ing"):  # `[providing]`, `[joining]`
        return "verb"
    # `[wholly or partly] [by sea]`: an adverb asks for what it qualifies (lower case: not
    # `Assembly`; not the nouns and verbs in -ly: `supply`, `assembly`, `family`)
    return "adverb" if len(w) > 4 and word[:1].islower() and w.endswith("ly") and \
        w not in _NOT_ADVERBS else None


# An elided article or preposition ending a bracket (`dans le cadre d'`, `de l'`)
_ELIDED = {"d": "preposition", "l": "determiner", "qu": "conjunction"}


def _last_asks(tail: str, words: list[str]) -> str | None:
    """What the bracket's last word asks for, an elided one (``d'``) included."""
    if not words:
        return None
    if tail.rstrip(" \t*_")[-1:] in "'’" and words[-1].lower() in _ELIDED:
        return _ELIDED[words[-1].lower()]
    return _asks_complement(words[-1])


def _nominal(kind: str | None) -> str | None:
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


class Reading(NamedTuple):
    """What :func:`spaced_reading` decided."""
    join: bool
    """True: the two brackets are alternatives of one group."""
    certain: bool
    """False where the evidence was weak and the reading is a guess (warn)."""
    why: str
    """The evidence, in a few words, for the warning."""


def _first_word(s: str) -> str:
    """The first word, if nothing but blanks, emphasis or an opening quotation mark stands
    before it (``[, [y] ...]`` begins with punctuation, not with ``y``)."""
    m = _WORD.search(s)
    return m.group(0).lower() if m and not s[:m.start()].strip(" \t*_\"“‘'«(") else ""


def _continues(head: str) -> bool:
    """Does bracket text starting with ``head`` continue the sentence before it?"""
    stripped = head.lstrip(" \t*_")
    if not stripped:
        return False
    if stripped[0] in ",;:":  # (`[:]` before a list: what introduces it continues too)
        return True
    if stripped.startswith(_CJK_CONNECTIVES):
        return True
    m = _WORD.search(stripped)
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


_FORM_WORDS = 6  # words a bracket holds at most for its last word's form to decide
_STEM = 6        # letters two forms of one word begin with (`enhance`, `enhancing`)


def _same_stem(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` forms of one word: the same first :data:`_STEM` letters
    (``enhance``/``enhancing``, ``comprennent``/``comprendre``)?"""
    a, b = a.lower(), b.lower()
    return len(a) >= _STEM and len(b) >= _STEM and a[:_STEM] == b[:_STEM]


_ENDING_WORDS = 3  # last words two wordings for one slot share
# words of a proposer's tag closing a bracket (`... USA suggest to add]`): not wording
_TAG_WORDS = frozenset("add delete suggest suggests propose proposes proposal proposed "
                       "retain support supports".split())
_SUBMISSION = re.compile(r"[ \t]*\([0-9]{1,3}(?:[,،][ \t]*[0-9]{1,3})*\)")  # `(4)`, `(4،10)`
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])[0-9]{1,2}$")  # `B10`: a submission's number


def _linked(head: str) -> bool:
    """Does bracket text starting with ``head`` open with punctuation or a coordinating
    conjunction (``[, while ...]``, ``[and to ...]``)?"""
    stripped = head.lstrip(" \t*_")
    return stripped[:1] in (",", ";", ":") or _first_word(stripped) in _COORDINATING


def _ending(tail: str) -> tuple[str, ...]:
    """The last :data:`_ENDING_WORDS` words of a bracket's text, lower case, without the
    submissions' numbers a compilation adds (``anexo B4``, ``(4،10)``); () if fewer."""
    words = _WORD.findall(_SUBMISSION.sub("", tail))[-_ENDING_WORDS:]
    if len(words) < _ENDING_WORDS:
        return ()
    return tuple(_GLUED_NUMBER.sub("", w).lower() for w in words)


def _clause(head: str) -> bool:
    """Does bracket text starting with ``head`` read as a clause of its own: a capital
    letter first and at least three words (``[Notes that ...;]``, ``[Les Parties ...,]``)?"""
    stripped = head.lstrip(" \t*_")
    return stripped[:1].isupper() and len(stripped.split()) >= 3


def _words(s: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(s)}


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


def _unit_label(head: str) -> str | None:
    for m in _UNIT_LABEL.finditer(head):
        if not _REFERENCE.search(head, 0, m.start()):
            if m.group(2):  # `1.`, `1. ter`, `1. quat..`: `1`, `1.ter`, `1.quat`
                return ".".join(m.group(2).lower().replace(".", " ").split())
            return m.group(1) or m.group(3) or m.group(4).lower()
    return None


# A gap for a number or a year (`[year x]`, `[20XX]`, `[X]`, `[date]`), and a number (`2020`,
# `40%`, a fraction: `the ¾`, `2/3`)
_NUMBER_GAP = re.compile(r"[ \t]*(?:(?:(?:year|date|number)[ \t]+)?(?:[XxNn]{1,4}|[0-9]{0,3}[Xx]{2})"
                         r"(?:[ \t]+(?:date|year))?|[Yy]ear|[Dd]ate|[Nn]umber)[ \t]*")
_A_NUMBER = re.compile(r"[ \t]*(?:(?:the|a)[ \t]+)?(?:[0-9][0-9 .,]*%?|[0-9]*[¼½¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|"
                       r"[0-9]{1,2}/[0-9]{1,2})[ \t]*")


# A time frame: a year (`by 2030`, `from 2025 to 2029`) or words that say when (`as soon as
# possible`, `without delay`); a bracket holding neither (`[in grant-equivalent terms]`)
# does not compete with one that does, it qualifies something else.
#: A year written in figures (`2030`, `1981`).
YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
_CJK_YEAR = re.compile(r"[0-9]年")
_WHEN = re.compile(r"\b(?:soon|earliest|latest|delay|immediately|annually|years?|decades?|"
                   r"century|deadline|tôt|délai|années?|ans|plazo|años?|pronto|anual\w*|"
                   r"срок\w*|год\w*|лет|скорее)\b", re.IGNORECASE)


def _time_frame(s: str) -> str | None:
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
_LIST_RUN = re.compile(r"[ \t]*,[ \t]*\[[^\]\[\r\n]{1,40}\][ \t]*,[ \t]*\[")
# after two items: another bracket, or an item of a few words and a comma or a conjunction
_LIST_ON = re.compile(r"[ \t\]]*(?:\[|[^\W\d_][\w'’-]*(?:[ \t]+[\w'’-]+){0,2}[ \t]*"
                      r"(?:,|[ \t](?:and|or|y|o|e|et|ou|и|или)\b))")
_NUMBERED = re.compile(r"[ \t*_\[]*[0-9]{1,3}(?:\.[0-9]{1,3})*\.[ \t]")  # `[2. Con el fin`
_FIRST_LETTER = re.compile(r"[ \t*_\[]*([^\W\d_])")


# (not `a`, a preposition in Spanish, Portuguese and Italian: `[de] [a] los proveedores`)
_ARTICLES = frozenset("the an la le les el los las une un der die das".split())


def _lone_article(head: str, tail: str) -> bool:
    """Does the bracket hold only an article (``[the]``, ``[las]``)?"""
    words = _WORD.findall(head)
    return len(words) == 1 and head.strip(" \t") == tail.strip(" \t") and \
        words[0].lower() in _ARTICLES


_DIGIT = re.compile(r"[0-9]")


# prepositions beyond those of _OPENING_KINDS (whose words also say what a bracket's last
# word asks for), and all of them: what a phrase opening with a preposition opens with
_OTHER_PREPOSITIONS = frozenset("dans avec sans selon vers entre chez desde hasta según sin "
                                "hacia com sem até из при между".split())
_PREPOSITIONS = frozenset(w for w, kind in _OPENING_ENDS.items() if kind == "preposition") | \
    _OTHER_PREPOSITIONS | _ROMANCE_PREPOSITIONS


def _opens_with_none(first: str) -> bool:
    """Is ``first`` (a bracket's first word, lower case) a word that opens no phrase of
    its own kind: no preposition, article, modal or connective, and no adverb in -ly,
    which says when or how as a phrase with a preposition does (``[immediately] [upon
    receiving a suspension notice]`` compete)?"""
    return first.isalpha() and first not in _OPENING_ENDS and first not in _PREPOSITIONS \
        and first not in _CONNECTIVES and _asks_complement(first) != "adverb"


def _articles(s: str, lone: str = "") -> bool:
    """Does ``s`` hold an article or a determiner?  Beside a lone English article
    (``lone``: ``the``, ``an``), ``a`` is one too (``[a consolidated] [an] authorization``)."""
    english = lone in ("the", "an")
    return any(w.lower() in _ARTICLES or w.lower() in ("its", "their", "such", "this", "these")
               or english and w.lower() == "a" for w in _WORD.findall(s))


_PARTICIPLE_ENDS = ("ado", "ido", "ada", "ida", "ados", "idos", "adas", "idas", "é", "ée",
                    "és", "ées", "ито", "ано", "ено")
_IRREGULAR = frozenset("made taken given set laid held known drawn shown written done".split())


def _participle(word: str) -> bool:
    """A past participle by its ending (`established`, `establecido`, `integrado`, `établi`
    aside), as a phrase qualifying a noun begins."""
    return len(word) > 4 and (word.endswith("ed") or word.endswith(_PARTICIPLE_ENDS)) or \
        word in _IRREGULAR


def _script(s: str) -> str:
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
    """``by [year x] [2020] [2021]``: a gap for a number beside a bracketed number (or
    another such gap), blanks apart: rivals for one slot, the gap one of them."""
    return _NUMBER_GAP.fullmatch(gap) is not None and (
        _A_NUMBER.fullmatch(other) is not None or _NUMBER_GAP.fullmatch(other) is not None)


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
    return len(words) >= 2 and words[0] in _COORDINATING and not _continues(a_head)


def qualifier_after(a_head: str, b_head: str) -> bool:
    """``[um Tribunal][estabelecido conforme esta seção]``: a noun phrase and, written
    against it, a phrase opening with a past participle that qualifies the noun (both of
    two words or more): not rivals for one slot, the second an insertion of its own."""
    fa, fb = _first_word(a_head), _first_word(b_head)
    return fa in _NOUN_OPENERS and _participle(fb) and len(a_head.split()) >= 2 and \
        len(b_head.split()) >= 2


def numbered_apart(a_head: str, b_head: str) -> bool:
    """Do two neighbouring brackets each hold a unit of its own, under different labels
    (``[... (iv) text ...][... (v) text ...]``)?  Two paragraphs, not alternatives:
    alternatives to one unit carry its one number.  ``a_head``/``b_head``: the first few
    dozen characters of each bracket's text."""
    a = _unit_label(a_head)
    if a is None:
        return False
    b = _unit_label(b_head)
    return b is not None and a != b


def _list_goes_on(sep: str, after: str) -> str | None:
    """The conjunction that ends a list after ``[a,] [b,]``: ``after`` (the text after the
    second bracket) past any further brackets ending with the same ``sep`` starts with
    ``or``, ``and`` ... (``of [reducing,] [phasing out,] or redirecting``)."""
    rest = after.lstrip(" \t")
    while rest.startswith("["):
        close = rest.find("]")
        if close < 0 or rest[:close].rstrip(" \t")[-1:] != sep:
            return None
        rest = rest[close + 1:].lstrip(" \t")
    m = _WORD.match(rest)
    return m.group(0) if m and m.group(0) in _LIST_ENDS else None


# A delegation's amendment written as an instruction before the words it concerns:
# `EU; Russia: add: ...`, `Cuba: delete: ...`, `Brazil: supprimer: ...`
_VERB_KIND = {"add": "add", "insert": "add", "ajouter": "add", "insérer": "add", "añadir": "add",
              "insertar": "add", "добавить": "add", "delete": "delete", "replace": "replace",
              "supprimer": "delete", "suprimir": "delete", "eliminar": "delete",
              "исключить": "delete", "удалить": "delete"}
# `[EU; Russia: add: ...]`, and as CSW compilations write it, `[HOLY SEE, EU TO ADD: ...]`
_PROPOSAL = re.compile(r"[ \t*_]*([A-Z][^:\]\r\n]{0,60}?)(?::[ \t]*|[ \t]+(?:proposes?[ \t]+)?to"
                       r"[ \t]+)(" + "|".join(_VERB_KIND) + r")[ \t]*:", re.IGNORECASE)


def spaced_reading(a_head: str, a_tail: str, b_head: str, b_tail: str, *,
                   attributed: bool, chained: bool, after: str = "", slashed: bool = False
                   ) -> Reading:
    """Decide ``[A] [B]``: ``a_head``/``a_tail`` are the first and last few dozen
    characters of A's text, likewise for B; ``attributed``: both carry an ``@``
    attribution; ``chained``: A or B is joined to another bracket without a blank;
    ``after``: the first few dozen characters after B; ``slashed``: the draft writes a
    choice with a slash between brackets, so spaced brackets without evidence to join
    them are insertions."""
    if attributed:
        return Reading(True, True, "both are attributed proposals")
    pa, pb = _PROPOSAL.match(a_head), _PROPOSAL.match(b_head)
    if pa and pb:
        # `[EU; Russia: add: the 2005 World Summit] [Cuba: delete: the 2002 Monterrey
        # Consensus]`: each delegation's amendment stands on its own; one delegation
        # deleting words and adding others (`[Brazil: delete: reaffirms] [Brazil: add:
        # recognizes]`) offers a replacement
        same = pa.group(1).strip().lower() == pb.group(1).strip().lower()
        verbs = {_VERB_KIND.get(pa.group(2).lower()), _VERB_KIND.get(pb.group(2).lower())}
        if same and verbs == {"add", "delete"}:
            return Reading(True, True, "one delegation deletes words and adds others: a "
                                       "replacement")
        return Reading(False, True, "each is a delegation's amendment of its own")
    if numbered_apart(a_head, b_head):
        return Reading(False, True, "each holds a unit of its own number")
    if (label := _unit_label(a_head)) is not None and label == _unit_label(b_head):
        # `[(b) the quantity ...;] [(b) Alt.1 the quantity ...]`: two versions of item (b)
        return Reading(True, True, f"both hold the unit '{label}': rival versions of it")
    if number_slot(a_head, b_head) or number_slot(b_head, a_head):
        return Reading(True, True, "a number and the gap for one: rivals for one slot")
    if _A_NUMBER.fullmatch(a_head) and _A_NUMBER.fullmatch(b_head):
        return Reading(True, True, "two numbers (`[100] [the ¾]`): rival figures for one slot")
    if _NUMBERED.match(a_head) and (m := _FIRST_LETTER.match(b_head)) and m.group(1).islower():
        # `[[2. Con el fin de ..., cada Parte] [garantizar[á]] ...`: a rival of a numbered
        # paragraph's opening starts its sentence again (`[1.1. The purpose ...] [The
        # Parties hereby create ...]`); lower case goes on with it
        return Reading(False, True, "the first opens a numbered paragraph, the second "
                                    "goes on with its sentence")
    ea, eb = a_tail.rstrip(" \t*_]")[-1:], b_tail.rstrip(" \t*_]")[-1:]
    opening = _WORD.findall(a_head.lower())[:_SAME_OPENING]
    if len(opening) == _SAME_OPENING and opening == _WORD.findall(b_head.lower())[:_SAME_OPENING] \
            and not (ea and ea in _TRAILING and eb != ea):
        # `[depending on the level of ... and significance] [depending on the level of ...
        # and GHG contributions][...]`: no insertion repeats its neighbour's opening
        return Reading(True, True, f"both begin with the same {_SAME_OPENING} words")
    wa, wb = _words(a_head + " " + a_tail), _words(b_head + " " + b_tail)
    if len(wa) >= 2 and wa == wb and a_head != b_head:
        # `[Country Providing] [Providing Country]`, `...[below 2 °C or 1.5 °C] [below 1.5
        # °C or 2 °C]...`: no insertion repeats its neighbour's words, even between runs
        # of brackets side by side
        return Reading(True, True, "the same words in another order")
    if chained:
        return Reading(False, True, "the text writes its alternatives side by side")
    sa, sb = _script(a_head), _script(b_head)
    if sa and sb and sa != sb:  # `[Rappelant ...] [回顾《公约》...]`: a text and its translation
        return Reading(False, True, "they are written in different scripts")
    fa, fb = _first_word(a_head), _first_word(b_head)
    if fa and fa == fb:
        if ea and ea in _TRAILING and eb != ea and len(a_head.split()) >= 3:
            return Reading(False, True, f"both begin with '{fa}', but only the first ends "
                                        f"with '{ea}': the second follows it")
        return Reading(True, True, "both begin with the same word")
    la, lb = _WORD.findall(a_tail[-40:]), _WORD.findall(b_tail[-40:])
    if ea and ea == eb and ea in ";." and la and lb and la[-1].lower() == lb[-1].lower() and \
            len(a_head.split()) >= 3 and len(b_head.split()) >= 3 and fb not in _LIST_ENDS:
        # `or [otherwise treated that ... commercial samples;] [that have been treated in
        # a way that ... as samples;]`: two wordings of one ending
        return Reading(True, True, f"both end with '{la[-1]}{ea}': two wordings of one text")
    if len(a_head.split()) >= 3 and len(b_head.split()) >= 3 and \
            (ending := _ending(a_tail)) and ending == _ending(b_tail) and _first_word(a_head) != \
            _first_word(b_head) and not (_linked(a_head) or _linked(b_head)) and \
            not _TAG_WORDS.intersection(ending):
        # `Todas las Partes [del anexo I que tengan un compromiso ... consignado en el anexo
        # B4] [incluidas en el anexo B10]`: two wordings ending with the same words, for
        # one slot (as an insertion the second would repeat them); a submission's number
        # glued to the last word or in parentheses aside
        return Reading(True, False, f"both end with the same words ('{' '.join(ending)}'): "
                                    "two wordings for one slot")
    lone_b = _WORD.findall(b_head)
    if len(lone_b) == 1 and b_head.strip(" \t*_") == b_tail.strip(" \t*_") and la and \
            la[-1].lower() == lone_b[0].lower() and len(a_head.split()) >= 3:
        # `[Before proceeding with a recommendation ..., the] [The] Scientific ... Body`: the
        # second is the first's last word alone, for the words after both (as an
        # insertion it would repeat that word)
        return Reading(True, True, f"the second is the first's last word ('{lone_b[0]}') "
                                   "alone: a shorter version of it")
    if len(wb) >= 2 and wb < wa and len(b_head.split()) >= 2:
        # `[qui n'étaient pas menées sur son territoire à la date ...] [sur son territoire]`:
        # the second is the first cut down, both for one slot (as an insertion it would
        # repeat words already read)
        return Reading(True, False, "the second's words are all among the first's: a "
                                    "shorter version of it")
    ca, cb = _continues(a_head), _continues(b_head)
    if cb and not ca:
        return Reading(False, True, "the second continues the sentence")
    if ca and not cb:
        return Reading(False, True, "the first is an insertion joined to the text before it")
    if ca and cb:
        return Reading(False, True, "both are insertions, each joined by its own connective")
    if la and lb and len(a_head.split()) <= _FORM_WORDS and len(b_head.split()) <= _FORM_WORDS \
            and _same_stem(la[-1], lb[-1]) and la[-1].lower() != lb[-1].lower():
        # `[ in order for them to enhance] [enhancing]`, `[comprennent] [peuvent
        # comprendre]`: one verb in two forms, for one slot (the same word twice is left
        # to the tests below)
        return Reading(True, False, f"both end with a form of one word ('{la[-1]}', "
                                    f"'{lb[-1]}'): rivals for one slot")
    last, other = la, lb
    asks = _nominal(_last_asks(a_tail, last))
    asks_b = _nominal(_last_asks(b_tail, other))
    if asks is not None and asks == asks_b and asks != "conjunction" and \
            len(a_head.split()) >= 2 and len(b_head.split()) >= 2:
        return Reading(True, False, "both end asking for the same complement, which the "
                                    "text after them gives")
    if {_time_frame(a_head + " " + a_tail), _time_frame(b_head + " " + b_tail)} == {"year", "none"}:
        return Reading(False, False, "one is a time frame, the other is not: different parts "
                                     "of the sentence")
    if _lone_article(a_head, a_tail) and not _articles(b_head + " " + b_tail, fa) or \
            _lone_article(b_head, b_tail) and not _articles(a_head + " " + a_tail, fb):
        # `[generar] [las] oportunidades`: the article opens what follows; `identify [the]
        # [according to ..., an appropriate] office` are rivals, each with its article
        return Reading(False, True, "a lone article opens the phrase after it, it does not "
                                    "compete with words that hold none")
    kind, kind_b = _OPENING_ENDS.get(fa), _OPENING_ENDS.get(fb)
    if not (_DIGIT.search(a_head) and _DIGIT.search(b_head)) and (
            _opens_with_none(fa) and fb in _PREPOSITIONS or
            _opens_with_none(fb) and fa in _PREPOSITIONS):
        # `nationally determined [commitment] [in accordance with Article 2bis]`, `[visées
        # au présent article] [à la date d'entrée en vigueur ...]`: words and a phrase
        # qualifying them; `[Acknowledge] [on] [experience from] the lessons`: a lone
        # preposition opens what follows (rival figures aside: `[at least 80-95] [more
        # than 95]`)
        return Reading(False, False, "one opens with a preposition, the other with none: "
                                     "different parts of the sentence")
    # `a` is the English article, and a preposition in Spanish, Portuguese and Italian:
    # beside a Romance preposition (`[al ordenamiento ...] [a las leyes ...]`) it is one
    if fa == "a" and fb in _ROMANCE_PREPOSITIONS:
        kind = "preposition"
    if fb == "a" and fa in _ROMANCE_PREPOSITIONS:
        kind_b = "preposition"
    if kind == kind_b == "modal":  # `[shall] [may] take`: one verb's mood, one slot
        return Reading(True, False, f"both begin with a modal ('{fa}', '{fb}'): rivals for "
                                    "one slot")
    if kind == "modal" and a_head.split() == [fa] and fa != "be" and kind_b is None and \
            fb and fb not in _NOT_A_VERB and (m := _FIRST_LETTER.match(b_head)) and \
            m.group(1).islower() and _first_word(_AFTER_BRACKETS.sub("", after)) not in _VERB_AFTER:
        # `Parties [should] [show leadership] in ...`: a lone modal asks for the verb the
        # second gives (as rivals, `Parties should in ...` would lack it)
        # (`[shall] [will] [other] be communicated`: the verb comes after them)
        return Reading(False, False, f"a lone modal ('{fa}') and the verb it asks for "
                                     f"('{fb}'): different parts of the sentence")
    if {kind, kind_b} == {"modal", "preposition"}:
        # `[deberá comenzar] [con carácter voluntario]`: a verb and a phrase qualifying it
        return Reading(False, False, f"one begins with a modal, the other with a preposition "
                                     f"('{fa}', '{fb}'): different parts of the sentence")
    if kind in _PHRASES and kind_b in _PHRASES:
        if kind == kind_b:
            return Reading(True, False, f"both begin with a {kind} ('{fa}', '{fb}'): rivals "
                                        "for one slot")
        return Reading(False, False, f"one begins with a {kind} ('{fa}'), the other with a "
                                     f"{kind_b} ('{fb}'): different parts of the sentence")
    if len(a_head.split()) >= 2 and asks is not None and asks_b not in (asks, "verb") and \
            not (_asks_complement(last[-1]) == "preposition" and kind_b == "preposition"
                 and fb not in _STACKING):
        # (`[dans un délai de [x] mois à compter de] [au cours de l'une des [x] sessions]`,
        # `[within [x] months of] [at one of the sessions]`: a phrase opening with a
        # preposition does not complete one ending with a preposition, unless it may
        # follow one: `from [within]`)
        return Reading(False, True, f"the first ends with '{last[-1]}', which the second completes")
    if ea and ea in _TRAILING and eb != ea:
        return Reading(False, True, f"the first ends with '{ea}'")
    if ea == "." and eb != "." and len(a_head.split()) >= 3 and \
            b_head.lstrip(" \t*_")[:1].isupper() and \
            _AFTER_BRACKETS.sub("", after).lstrip(" \t*_")[:1].islower():
        # `[All Parties should aim ... circumstances.] [Developing countries] whose ...`: a
        # whole sentence, and the opening of the next one, which the text goes on with
        return Reading(False, True, "the first ends its sentence, the second opens the next")
    clauses = _clause(a_head) and _clause(b_head)
    if clauses and ea == eb == ",":
        return Reading(False, True, "both are clauses ending with ',', as preambular "
                                    "paragraphs do")
    if ea and ea == eb and ea in ",;" and (end := _list_goes_on(ea, after)) is not None:
        return Reading(False, True, f"both end with '{ea}' and the list goes on with '{end}': "
                                    "items of a list, each optional")
    if ea == eb == "," and len(a_head.split()) <= 3 and len(b_head.split()) <= 3 and \
            a_head == a_tail and b_head == b_tail and _LIST_ON.match(after):
        # `[[impersonalidad,] [moralidad,]] [igualdad]`, `[moralidad,] publicidad y ...`:
        # short items, each with its own comma, in a list that goes on after them
        return Reading(False, False, "both are short items ending with their own ',' in a "
                                     "list that goes on: items of a list, each optional")
    if wa and wb and len(wa & wb) * 2 >= min(len(wa), len(wb)) and len(wa | wb) > 2:
        return Reading(True, True, "they share most of their words")
    if clauses and ea == eb == "." and len({w for w in wa & wb if len(w) > 4}) <= 1:
        # `procedures. [Resolves to implement ... conservation.] [Reaffirms commitment to
        # the Rio Declaration ...] [Renews commitment to ... labour standards.]`: whole
        # sentences with hardly a word in common are sentences of the text, each optional
        return Reading(False, False, "both are whole sentences with hardly a word in "
                                     "common: sentences of the text, each optional")
    if clauses and ea == eb and ea in ";.":
        return Reading(True, False, f"both are whole clauses ending with '{ea}': two "
                                    "versions of one provision")
    if ea and ea == eb and ea in _TRAILING + ".":
        return Reading(True, True, f"both end with '{ea}'")
    if fa != fb and _participle(fa) and _participle(fb) and \
            min(len(a_head.split()), len(b_head.split())) >= 4:
        # `Órgano [establecido en el marco de ...] [integrado por los países ...]`
        return Reading(False, False, "each begins with a participle of its own: two "
                                     "phrases qualifying what comes before")
    if _LIST_RUN.match(after):
        # `as [companhias] [fundações], [sociedades], [sociedades fiduciárias], ...`: the
        # list goes on in brackets, one item each
        return Reading(False, False, "a list of bracketed items, separated by commas, "
                                     "goes on after them")
    if slashed:
        return Reading(False, False, "the text writes its choices with a slash between "
                                     "brackets, and nothing here asks for one")
    return Reading(True, False, "no evidence either way")
