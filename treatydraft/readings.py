"""Reading two brackets separated only by blanks: rivals for one slot, or two insertions?

``[a] [b]`` is ambiguous in real drafts.  In many texts the blank separates independent
insertions (``measures [to protect coastal fisheries,] [and to restore habitats]``); in
others a spaced pair is a pair of alternatives (``[网络犯罪] [非法使用信息和通信技术行为]``).
A document may declare its convention in the front matter (``spaced-brackets:
alternatives | separate | auto``); under ``auto`` (the default) the evidence below decides,
and :func:`spaced_reading` says when it had to guess, so the parser can warn.

The evidence, strongest first:

* both brackets carry an attribution (``[a]@RUS [b]@EU``), or open with the codes of
  different delegations (``[US: originating] [EU: imported]``): rival proposals; each holds a
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
* the second opens with the word right before the first (``that [subsist in] [that are
  associated with]``), not a conjunction: rivals, another wording from there;
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

from .wordclues import (
    A_NUMBER,
    AFTER_BRACKETS,
    CONNECTIVE_ONLY,
    DIGIT,
    FIRST_LETTER,
    FORM_WORDS,
    LIST_ENDS,
    LIST_ON,
    LIST_RUN,
    NOT_A_VERB,
    NUMBERED,
    OPENING_ENDS,
    PHRASES,
    PREPOSITIONS,
    ROMANCE_PREPOSITIONS,
    SAME_OPENING,
    STACKING,
    TAG_WORDS,
    TRAILING,
    VERB_AFTER,
    WORD,
    YEAR,
    articles_in,
    asks_complement,
    continues,
    ending_words,
    first_word,
    goes_on,
    is_clause,
    last_asks,
    linked,
    list_goes_on,
    lone_article,
    nominal,
    number_slot,
    numbered_apart,
    opens_with_none,
    participle,
    qualifier_after,
    same_stem,
    script_of,
    time_frame,
    unit_label,
    word_set,
)

__all__ = ["CONVENTIONS", "CONNECTIVE_ONLY", "YEAR", "Reading", "spaced_reading", "numbered_apart",
           "goes_on",
           "qualifier_after",
           "number_slot"]

#: The values of the front-matter key ``spaced-brackets``.
CONVENTIONS = ("alternatives", "separate", "auto")

class Reading(NamedTuple):
    """What :func:`spaced_reading` decided."""
    join: bool
    """True: the two brackets are alternatives of one group."""
    certain: bool
    """False where the evidence was weak and the reading is a guess (warn)."""
    why: str
    """The evidence, in a few words, for the warning."""

# A delegation's amendment written as an instruction before the words it concerns:
# `EU; Russia: add: ...`, `Cuba: delete: ...`, `Brazil: supprimer: ...`
_VERB_KIND = {"add": "add", "insert": "add", "ajouter": "add", "insérer": "add", "añadir": "add",
              "insertar": "add", "добавить": "add", "delete": "delete", "replace": "replace",
              "supprimer": "delete", "suprimir": "delete", "eliminar": "delete",
              "исключить": "delete", "удалить": "delete"}
# `[EU; Russia: add: ...]`, and as CSW compilations write it, `[HOLY SEE, EU TO ADD: ...]`
_PROPOSAL = re.compile(r"[ \t*_]*([A-Z][^:\]\r\n]{0,60}?)(?::[ \t]*|[ \t]+(?:proposes?[ \t]+)?to"
                       r"[ \t]+)(" + "|".join(_VERB_KIND) + r")[ \t]*:", re.IGNORECASE)


# A proposer's name opening a bracket, as leaked trade texts write it: codes in capitals
# (`US:`, `EU:`, `SG/BN/VN/PE: `, `US, JP:`, `AU9:` with a footnote's number) and what
# they do (`US/PE propose; AU/NZ oppose:`)
_CODES = r"[A-Z]{2,5}[0-9]{0,3}(?:[ \t]*[/,][ \t]*[A-Z]{2,5}[0-9]{0,3})*"
_SPEAKER = re.compile(r"[ \t*_]*(" + _CODES + r"(?:[ \t]+(?:propose|oppose|support)s?(?:[ \t]*;"
                      r"[ \t]*" + _CODES + r"[ \t]+(?:propose|oppose|support)s?)?)?)[ \t]*:(?:[ \t\r\n]|$)")
_CODE = re.compile(r"[A-Z]{2,5}")


def _speakers(m: re.Match[str]) -> frozenset[str]:
    """The delegations a proposer's name (:data:`_SPEAKER`) gives, each with what it does
    (a name and its footnote's number are one delegation)."""
    return frozenset(_CODE.findall(m.group(1))) | frozenset(
        w for w in ("propose", "oppose", "support") if w in m.group(1))


def _both_open(a_head: str, b_head: str) -> bool:
    """Do both brackets open with a capitalised word (not one in capitals), the second
    holding two words or more (``[Promote education and campaign for] [Educate and
    encourage] parents``): each opens the sentence, so the second does not complete
    the first's ending."""
    ma, mb = FIRST_LETTER.match(a_head), FIRST_LETTER.match(b_head)
    return bool(ma and mb and ma.group(1).isupper() and mb.group(1).isupper()) and \
        len(words := WORD.findall(b_head)) >= 2 and not words[0].isupper()


def _repeated(before: str, b_head: str) -> str | None:
    """The word standing right before the first bracket (``before``: the text before it)
    when the second bracket opens with it, two words or more, a conjunction aside."""
    prior = WORD.findall(before[-40:])
    words = WORD.findall(b_head)
    if not prior or len(words) < 2 or before[-1:] not in (" ", "\t") or \
            words[0].lower() != prior[-1].lower() or words[0].lower() in CONNECTIVE_ONLY:
        return None
    return str(words[0])


def spaced_reading(a_head: str, a_tail: str, b_head: str, b_tail: str, *,
                   attributed: bool, chained: bool, after: str = "", slashed: bool = False,
                   before: str = "") -> Reading:
    """Decide ``[A] [B]``: ``a_head``/``a_tail`` are the first and last few dozen
    characters of A's text, likewise for B; ``attributed``: both carry an ``@``
    attribution; ``chained``: A or B is joined to another bracket without a blank;
    ``after``: the first few dozen characters after B (``before``: before A); ``slashed``: the draft writes a
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
    ta, tb = _SPEAKER.match(a_head), _SPEAKER.match(b_head)
    if ta and tb:
        if _speakers(ta) != _speakers(tb):
            # `[US: originating] [EU: imported] goods`, `[US: An agreement] [EU: A
            # decision]`: each delegation's wording for one slot
            return Reading(True, True, "each opens with another delegation's name: rival "
                                       "proposals")
        # `[EU: x] [EU: y]`: the names tell nothing; the words after them decide
        a_head, b_head = a_head[ta.end():], b_head[tb.end():]
        a_tail = a_tail[-len(a_head):] if 0 < len(a_head) < len(a_tail) else a_tail
        b_tail = b_tail[-len(b_head):] if 0 < len(b_head) < len(b_tail) else b_tail
    if numbered_apart(a_head, b_head):
        return Reading(False, True, "each holds a unit of its own number")
    if (label := unit_label(a_head)) is not None and label == unit_label(b_head):
        # `[(b) the quantity ...;] [(b) Alt.1 the quantity ...]`: two versions of item (b)
        return Reading(True, True, f"both hold the unit '{label}': rival versions of it")
    if number_slot(a_head, b_head) or number_slot(b_head, a_head):
        return Reading(True, True, "a number and the gap for one: rivals for one slot")
    if A_NUMBER.fullmatch(a_head) and A_NUMBER.fullmatch(b_head):
        return Reading(True, True, "two numbers (`[100] [the ¾]`): rival figures for one slot")
    if NUMBERED.match(a_head) and (m := FIRST_LETTER.match(b_head)) and m.group(1).islower():
        # `[[2. Con el fin de ..., cada Parte] [garantizar[á]] ...`: a rival of a numbered
        # paragraph's opening starts its sentence again (`[1.1. The purpose ...] [The
        # Parties hereby create ...]`); lower case goes on with it
        return Reading(False, True, "the first opens a numbered paragraph, the second "
                                    "goes on with its sentence")
    ea, eb = a_tail.rstrip(" \t*_]")[-1:], b_tail.rstrip(" \t*_]")[-1:]
    opening = WORD.findall(a_head.lower())[:SAME_OPENING]
    if len(opening) == SAME_OPENING and opening == WORD.findall(b_head.lower())[:SAME_OPENING] \
            and not (ea and ea in TRAILING and eb != ea):
        # `[depending on the level of ... and significance] [depending on the level of ...
        # and GHG contributions][...]`: no insertion repeats its neighbour's opening
        return Reading(True, True, f"both begin with the same {SAME_OPENING} words")
    wa, wb = word_set(a_head + " " + a_tail), word_set(b_head + " " + b_tail)
    if len(wa) >= 2 and wa == wb and a_head != b_head:
        # `[Country Providing] [Providing Country]`, `...[below 2 °C or 1.5 °C] [below 1.5
        # °C or 2 °C]...`: no insertion repeats its neighbour's words, even between runs
        # of brackets side by side
        return Reading(True, True, "the same words in another order")
    if chained:
        return Reading(False, True, "the text writes its alternatives side by side")
    sa, sb = script_of(a_head), script_of(b_head)
    if sa and sb and sa != sb:  # `[Rappelant ...] [回顾《公约》...]`: a text and its translation
        return Reading(False, True, "they are written in different scripts")
    fa, fb = first_word(a_head), first_word(b_head)
    if fa and fa == fb:
        if ea and ea in TRAILING and eb != ea and len(a_head.split()) >= 3:
            return Reading(False, True, f"both begin with '{fa}', but only the first ends "
                                        f"with '{ea}': the second follows it")
        return Reading(True, True, "both begin with the same word")
    la, lb = WORD.findall(a_tail[-40:]), WORD.findall(b_tail[-40:])
    if ea and ea == eb and ea in ";." and la and lb and la[-1].lower() == lb[-1].lower() and \
            len(a_head.split()) >= 3 and len(b_head.split()) >= 3 and fb not in LIST_ENDS:
        # `or [otherwise treated that ... commercial samples;] [that have been treated in
        # a way that ... as samples;]`: two wordings of one ending
        return Reading(True, True, f"both end with '{la[-1]}{ea}': two wordings of one text")
    if len(a_head.split()) >= 3 and len(b_head.split()) >= 3 and \
            (ending := ending_words(a_tail)) and ending == ending_words(b_tail) and first_word(a_head) != \
            first_word(b_head) and not (linked(a_head) or linked(b_head)) and \
            not TAG_WORDS.intersection(ending):
        # `Todas las Partes [del anexo I que tengan un compromiso ... consignado en el anexo
        # B4] [incluidas en el anexo B10]`: two wordings ending with the same words, for
        # one slot (as an insertion the second would repeat them); a submission's number
        # glued to the last word or in parentheses aside
        return Reading(True, False, f"both end with the same words ('{' '.join(ending)}'): "
                                    "two wordings for one slot")
    lone_b = WORD.findall(b_head)
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
    if (word := _repeated(before, b_head)) is not None:
        # `genetic resources that [subsist in] [that are associated with] ...`: the second
        # wording starts again from the word before the first (as an insertion it would
        # repeat it); not `and`, `or`, which chain: `and [share] [and exchange]`
        return Reading(True, False, f"the second opens with the word before the first "
                                    f"('{word}'): another wording from there")
    ca, cb = continues(a_head), continues(b_head)
    if cb and not ca:
        return Reading(False, True, "the second continues the sentence")
    if ca and not cb:
        return Reading(False, True, "the first is an insertion joined to the text before it")
    if ca and cb:
        return Reading(False, True, "both are insertions, each joined by its own connective")
    if la and lb and len(a_head.split()) <= FORM_WORDS and len(b_head.split()) <= FORM_WORDS \
            and same_stem(la[-1], lb[-1]) and la[-1].lower() != lb[-1].lower():
        # `[ in order for them to enhance] [enhancing]`, `[comprennent] [peuvent
        # comprendre]`: one verb in two forms, for one slot (the same word twice is left
        # to the tests below)
        return Reading(True, False, f"both end with a form of one word ('{la[-1]}', "
                                    f"'{lb[-1]}'): rivals for one slot")
    last, other = la, lb
    asks = nominal(last_asks(a_tail, last))
    asks_b = nominal(last_asks(b_tail, other))
    if asks is not None and asks == asks_b and asks != "conjunction" and \
            len(a_head.split()) >= 2 and len(b_head.split()) >= 2:
        return Reading(True, False, "both end asking for the same complement, which the "
                                    "text after them gives")
    if {time_frame(a_head + " " + a_tail), time_frame(b_head + " " + b_tail)} == {"year", "none"}:
        return Reading(False, False, "one is a time frame, the other is not: different parts "
                                     "of the sentence")
    if lone_article(a_head, a_tail) and not articles_in(b_head + " " + b_tail, fa) or \
            lone_article(b_head, b_tail) and not articles_in(a_head + " " + a_tail, fb):
        # `[generar] [las] oportunidades`: the article opens what follows; `identify [the]
        # [according to ..., an appropriate] office` are rivals, each with its article
        return Reading(False, True, "a lone article opens the phrase after it, it does not "
                                    "compete with words that hold none")
    kind, kind_b = OPENING_ENDS.get(fa), OPENING_ENDS.get(fb)
    if not (DIGIT.search(a_head) and DIGIT.search(b_head)) and (
            opens_with_none(fa) and fb in PREPOSITIONS or
            opens_with_none(fb) and fa in PREPOSITIONS):
        # `nationally determined [commitment] [in accordance with Article 2bis]`, `[visées
        # au présent article] [à la date d'entrée en vigueur ...]`: words and a phrase
        # qualifying them; `[Acknowledge] [on] [experience from] the lessons`: a lone
        # preposition opens what follows (rival figures aside: `[at least 80-95] [more
        # than 95]`)
        return Reading(False, False, "one opens with a preposition, the other with none: "
                                     "different parts of the sentence")
    # `a` is the English article, and a preposition in Spanish, Portuguese and Italian:
    # beside a Romance preposition (`[al ordenamiento ...] [a las leyes ...]`) it is one
    if fa == "a" and fb in ROMANCE_PREPOSITIONS:
        kind = "preposition"
    if fb == "a" and fa in ROMANCE_PREPOSITIONS:
        kind_b = "preposition"
    if kind == kind_b == "modal":  # `[shall] [may] take`: one verb's mood, one slot
        return Reading(True, False, f"both begin with a modal ('{fa}', '{fb}'): rivals for "
                                    "one slot")
    if kind == "modal" and a_head.split() == [fa] and fa != "be" and kind_b is None and \
            fb and fb not in NOT_A_VERB and (m := FIRST_LETTER.match(b_head)) and \
            m.group(1).islower() and first_word(AFTER_BRACKETS.sub("", after)) not in VERB_AFTER:
        # `Parties [should] [show leadership] in ...`: a lone modal asks for the verb the
        # second gives (as rivals, `Parties should in ...` would lack it)
        # (`[shall] [will] [other] be communicated`: the verb comes after them)
        return Reading(False, False, f"a lone modal ('{fa}') and the verb it asks for "
                                     f"('{fb}'): different parts of the sentence")
    if {kind, kind_b} == {"modal", "preposition"}:
        # `[deberá comenzar] [con carácter voluntario]`: a verb and a phrase qualifying it
        return Reading(False, False, f"one begins with a modal, the other with a preposition "
                                     f"('{fa}', '{fb}'): different parts of the sentence")
    if kind in PHRASES and kind_b in PHRASES:
        if kind == kind_b:
            return Reading(True, False, f"both begin with a {kind} ('{fa}', '{fb}'): rivals "
                                        "for one slot")
        return Reading(False, False, f"one begins with a {kind} ('{fa}'), the other with a "
                                     f"{kind_b} ('{fb}'): different parts of the sentence")
    if len(a_head.split()) >= 2 and asks is not None and asks_b not in (asks, "verb") and \
            not (asks_complement(last[-1]) == "preposition" and kind_b == "preposition"
                 and fb not in STACKING) and not _both_open(a_head, b_head):
        # (`[dans un délai de [x] mois à compter de] [au cours de l'une des [x] sessions]`,
        # `[within [x] months of] [at one of the sessions]`: a phrase opening with a
        # preposition does not complete one ending with a preposition, unless it may
        # follow one: `from [within]`)
        return Reading(False, True, f"the first ends with '{last[-1]}', which the second completes")
    if ea and ea in TRAILING and eb != ea:
        return Reading(False, True, f"the first ends with '{ea}'")
    if ea == "." and eb != "." and len(a_head.split()) >= 3 and \
            b_head.lstrip(" \t*_")[:1].isupper() and \
            AFTER_BRACKETS.sub("", after).lstrip(" \t*_")[:1].islower():
        # `[All Parties should aim ... circumstances.] [Developing countries] whose ...`: a
        # whole sentence, and the opening of the next one, which the text goes on with
        return Reading(False, True, "the first ends its sentence, the second opens the next")
    clauses = is_clause(a_head) and is_clause(b_head)
    if clauses and ea == eb == ",":
        return Reading(False, True, "both are clauses ending with ',', as preambular "
                                    "paragraphs do")
    if ea and ea == eb and ea in ",;" and (end := list_goes_on(ea, after)) is not None:
        return Reading(False, True, f"both end with '{ea}' and the list goes on with '{end}': "
                                    "items of a list, each optional")
    if ea == eb == "," and len(a_head.split()) <= 3 and len(b_head.split()) <= 3 and \
            a_head == a_tail and b_head == b_tail and LIST_ON.match(after):
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
    if ea and ea == eb and ea in TRAILING + ".":
        return Reading(True, True, f"both end with '{ea}'")
    if fa != fb and participle(fa) and participle(fb) and \
            min(len(a_head.split()), len(b_head.split())) >= 4:
        # `Órgano [establecido en el marco de ...] [integrado por los países ...]`
        return Reading(False, False, "each begins with a participle of its own: two "
                                     "phrases qualifying what comes before")
    if LIST_RUN.match(after):
        # `as [companhias] [fundações], [sociedades], [sociedades fiduciárias], ...`: the
        # list goes on in brackets, one item each
        return Reading(False, False, "a list of bracketed items, separated by commas, "
                                     "goes on after them")
    if slashed:
        return Reading(False, False, "the text writes its choices with a slash between "
                                     "brackets, and nothing here asks for one")
    return Reading(True, False, "no evidence either way")
