"""Which brackets are no negotiated text, by their words and where they stand.

The token pass (:mod:`.tokenpass`, step 4) asks these questions of each bracket alone:
is it a drafting note or instruction (``[Note: ...]``, ``[Moved to paragraph 5]``), a
status mark (``[agreed ad referendum]``), a unit left empty (``5. [Deleted]``), a caption
naming the item below it, an editor's remark on a quotation (``[sic]``), a citation of a
provision's source, a bilingual file's line tag?  Gaps are asked of :mod:`.gaps`, a
web page's or a catalogue's marks of :mod:`.pagemarks`, braces and ``<<notes>>`` of
:mod:`.braces`.  The vocabulary is documented in docs/format.md ("Notes" and "Editorial
brackets").
"""
from __future__ import annotations

import re
from collections.abc import Callable

from . import regexcache as rx
from .lalr import Token

__all__ = ["EDITORIAL", "LABEL", "LIST_LABEL", "NOTE_HOLDING", "adapted_subject", "is_line_tag",
           "is_note", "is_running_mark", "relabelled", "speaks_of_brackets"]

# A bracketed drafting note or instruction, by its first words.
_NOTE = rx.compile(
    # a proposer or note-taker first: `[SG/MY: Negotiators Note: ...]`, `[DT: These notes ...]`
    r"[ \t*_]*(?:[A-Z]{2,3}(?:/[A-Z]{2,3})*:[ \t]*)?"
    # anyone's note, named, with its colon: `[CPTech note: ...]`, `[IISD Note: ...]`
    r"(?:[A-Z][\w&'’-]{1,20}[ \t]+(?:note|Note|NOTE)[ \t]*:|"
    r"(?:Chair'?s?|Drafting|Editorial|Explanatory|Facilitator'?s?|Secretariat|"
    r"Negotiators?'?s?)?[ \t]*(?:note|Note|NOTE)\b|Comment:|Refer to |Reference to |Further provisions? |"
    r"To be (?:moved|considered|placed|discussed)|Moved (?:to|from) |Linkages? |"
    r"Elements? for |Text (?:to be|moved)|Para(?:graph|\.)? [0-9A-Za-z.]+ (?:moved|deleted)|"
    r"Placement |Consider |See (?:also )?(?:para|art|section)|Note du |Nota:|Примечание|"
    r"(?:NOTA|Nota|N\.[ ]?B\.)[ \t]*[:\-–—]|NB:?[ \t]+(?=[A-Z])|ملاحظة|注[:：]|"
    # (a web copy's emphasis closing after the word: `[*Placeholder* for "climate finance"]`)
    r"[Pp]laceholder[*_]{0,2}[ \t]+(?:for|of|on|regarding|concerning|referring|relating|related|"
    r"pertaining)[ \t]|Move |Define |"
    r"Provisions? (?:on|for|regarding) |Insert |"
    # an instrument to add once it exists: `[Add Mexico UNGA resolution if and when this is
    # passed]`
    r"Add[ \t]+(?:the[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){1,6}(?:resolutions?|decisions?|declarations?|"
    r"reports?|conventions?|agreements?)\b|"
    # what a paragraph to come is for, as a chair labels it: `[Definitional paragraph]`,
    # `[Operative paragraph of waiver plus terms and conditions of waiver]`
    r"(?:Definitional|Operative|Preambular|Introductory|Concluding)[ \t]+paragraphs?\b"
    r"[^\].;\r\n]{0,100}$|"
    # an amendment written as an instruction, the words to add in quotation marks: `[Add
    # "and to undertake ..."]`, `[Add new paragraph: "Recalling ..."]`, `[Ajouter « ... »]`
    r"(?:Add|Delete|Replace|Substitute|Ajouter|Insérer|Supprimer|Remplacer|Añádase|Agréguese|"
    r"Insértese|Suprímase|Sustitúyase|Добавить|Исключить|Заменить)[ \t]+(?:new[ \t]+\w+[^\]\r\n:]"
    r"{0,30}:[ \t]*)?[“\"«„]|"
    # `[Replace 1 bis with OP 24 CA, US, EU]`, `[Delete para 5]`: an instruction about a unit
    r"(?:Replace|Substitute)[ \t][^\]\r\n]{1,40}?[ \t](?:with|by)[ \t]|"
    r"Add[ \t]+(?:an?[ \t]+)?(?:new[ \t]+)?(?:footnote|paragraph|article|sub-?paragraph|"
    r"sentence|reference|chapeau|definition)s?\b|"
    r"(?:Delete|Merge|Move)[ \t]+(?:(?:sub-?)?para(?:graph)?s?\.?|OP|PP|art(?:icle)?s?\.?)"
    r"[ \t]*[0-9]|"
    # an editor's remark on a reproduction: `[Reproduced from United Nations Document ...]`,
    # `[Annex III has been omitted.]`
    r"(?:Reproduced|Reprinted|Taken|Excerpted|Extracted) from |"
    r"[^\]\r\n]{1,60}\b(?:has|have) been (?:omitted|abridged|excerpted)\b|"
    r"Cross-reference|Explanatory |"
    # an organiser's label for a group of paragraphs: `[Cluster D: Registry ...]`
    r"Cluster[ \t]+[A-Z0-9]{1,3}[ \t]*[:.\]]|"
    # the name of a part of the provision, not words of it: `5. [Chapeau]`
    r"(?:[Cc]hapeau|CHAPEAU|[Ee]ncabezamiento|[Вв]водная часть)[ \t*_]*$|"
    # work left to do: `[Further discussion is needed on: ...]`, `[Further definitions may be
    # required]`, `[Additional preambular paragraphs as may be decided]`
    r"(?:Further|Additional)(?: [\w-]+){1,3} (?:is|are|as)?[ ]?(?:may|might|will|would|to)?"
    r"[ ]?(?:be )?(?:needed|required|necessary|warranted|decided|added|developed|inserted)\b|"
    # a remark about the negotiating text itself: `[This text includes all proposals ...]`
    # a transcriber's remark: `[missed]`, `[inaudible]`
    r"(?:missed|inaudible|unintelligible|illegible|crosstalk)[ \t.]*$|"
    # the notation named in its own brackets, as a writer explains it (`unresolved
    # [bracketed] sections`, `[entre corchetes]`): no wording anyone proposes
    r"[Bb]racketed[ \t.]*$|(?:[Ee]ntre|[Ee]n)[ \t]+(?:corchetes|crochets)[ \t.]*$|"
    # a remark on the document's languages: `[English only]`, `[Inglés únicamente]`
    r"(?i:English|French|Spanish|Russian|Arabic|Chinese)[ \t]+(?i:only)[ \t.]*$|"
    r"(?i:Inglés|Francés|Español|Ruso|Árabe|Chino)[ \t]+(?i:únicamente|solamente)[ \t.]*$|"
    r"(?i:Anglais|Français|Espagnol|Russe|Arabe|Chinois)[ \t]+(?i:seulement|uniquement)[ \t.]*$|"
    r"(?i:Только[ \t]+на[ \t]+(?:английском|французском|испанском|русском|арабском|"
    r"китайском)[ \t]+языке)[ \t.]*$|(?:ب?الإ?[نإ]?كليزية|ب?الفرنسية|ب?الإسبانية|ب?الروسية|ب?الصينية)"
    r"[ \t]+فقط[ \t.]*$|仅有?(?:英文|法文|西班牙文|俄文|阿拉伯文|中文)[。.]?$|"
    r"(?:This|These|The present) (?:text|draft|document|compilation|version|proposals?|notes?) "
    r"(?:includes?|contains?|reflects?|does|do|is|are|has|have|was|were|will|may|remains?)\b|"
    # a label closing an alternative, an option or a part of the document: `[End of
    # Alternative]`, `[End of Article 7]`, `[替代项完]`
    r"(?:End|END) of (?:the )?(?:[Aa]lternative|ALTERNATIVE|[Oo]ption|OPTION|[Aa]rticle|"
    r"ARTICLE|[Aa]nnex|ANNEX|[Cc]hapter|CHAPTER|[Ss]ection|SECTION|[Aa]ppendix|[Dd]ocument|"
    r"DOCUMENT|[Tt]ext|TEXT)s?\b|"
    r"Fin de (?:la |l'|l’)?(?:variante|alternative|option|opción|article|annexe|chapitre|"
    r"document|texte)\b|Fin del (?:artículo|anexo|capítulo|documento|texto)\b|"
    r"Fim d[ao] (?:alternativa|opção|variante|artigo|anexo|documento|texto)\b|"
    r"Конец (?:варианта|альтернативы|статьи|приложения|главы|документа|текста)|"
    r"نهاية (?:البديل|الخيار|المادة|المرفق|الفصل|الوثيقة|النص)|"
    r"(?:替代项|备选案文|备选方案)(?:[(（][^)）\]]{1,6}[)）])?完|"
    # an instruction to the drafters about a unit: `[Report on the above paragraph ...]`
    r"(?:Report|Reflect|Merge|Delete|Add|Align|Combine|Reformulate|Place|Include|"
    r"Consolidate|Revisit|Check)[ \t][^\]\r\n]{0,40}?\b(?:above|below|this|that|these|"
    r"previous|following)[ \t]+(?:paragraphs?|articles?|sections?|provisions?|text)\b)")
# A proposer's amendment written as an instruction to the editor, not as the words to
# insert: `[EU: “crucial”]` (delete the quoted word), `[US: “of”. Insert “that”]`, `[NOR:
# Insert “sustainable”]`, `[Republic of Korea: add after UDHR “...”]`, `[Russian Federation:
# include a reference to ...]`.  A proposer's own words (`[US: no Party shall]`, `[US
# propose: include]`) are proposed text, not this.
_INSTRUCTION_VERB = (r"(?i:insert|add|delete|include|replace|retain|substitute|move|ajouter|"
                     r"insérer|supprimer|remplacer|añadir|insertar|suprimir|reemplazar|"
                     r"sustituir|добавить|исключить|заменить)\b")
# A unit a proposer names: `PP2`, `OP 5 bis`, `para. 3`, `article 7`, `this paragraph`.
_UNIT = (r"(?i:(?:PP|OP|para(?:graph)?\.?|art(?:icle)?\.?)[ \t]*[0-9]+[a-z]?"
         r"(?:[ \t]*(?:bis|ter|quater))?|this[ \t]+(?:paragraph|article|text|sentence))")
_PROPOSER_SAYS = rx.compile(
    r"[ \t*_]*[A-Z][^\]\[\r\n:“”\"«»]{0,60}:[ \t\r\n]*(?:"
    # the words concerned, quoted, then nothing but the end or what to do with them
    r"[“\"«„][^\]“”\"«»]{0,400}[”\"»][ \t]*\.?[ \t\r\n]*(?:$|" + _INSTRUCTION_VERB + r")|"
    # what to do, then the words quoted or the place named
    + _INSTRUCTION_VERB + r"[^\]]{0,60}?(?:[“\"«„]|\b(?:after|before|(?:a )?references? to)\b)|"
    # what to do with a unit, and nothing else: `[US: delete]`, `[Egypt/Russian Federation:
    # PP2 as it stands]`, `[EU: retain OP 5]`
    r"(?:" + _UNIT + r"[ \t]+)?(?i:delete|retain|reserve|keep|as it stands|as is|"
    r"supprimer|maintenir|suprimir|mantener|исключить|сохранить)"
    r"(?:[ \t]+" + _UNIT + r")?[ \t.]*$)")
# The notes that may hold brackets of their own: they say so in their first words.
NOTE_HOLDING = rx.compile(
    r"[ \t*_]*(?:(?:Chair'?s?|Drafting|Editorial|Explanatory|Facilitator'?s?|Secretariat)"
    r"[ \t]+[Nn]ote\b|(?:Note|NOTE)[ \t]*[:\-–—]|"
    # (a web copy's emphasis closing after the word: `[*Placeholder* for "climate finance"]`)
    r"[Pp]laceholder[*_]{0,2}[ \t]+(?:for|of|on|regarding|concerning|referring|relating|related|"
    r"pertaining)[ \t]|Further provisions? |"
    r"Refer to |Note du |Nota:|Примечание|(?:NOTA|Nota|N\.[ ]?B\.)[ \t]*[:\-–—]|ملاحظة|注[:：])")


# A list item's label (`1.4)`, `(a)`, `3.`), and what may stand before a bracket that
# starts a list item: blanks, residue, such a label.
LABEL = r"(?:\(?[0-9]{1,3}(?:\.[0-9]+)*|\(?[a-zA-Z]|\(?[ivx]{1,4})[.)](?:[ \t]|$)"
LIST_LABEL = rx.compile(r"[ \t*_#]*(?:" + LABEL + r"[ \t]*)?")
# what may stand before a bracket that stands for its whole unit: nothing, a list label,
# a unit's number or heading (`5.`, `(a)`, `Article 7`, `Статья 7 bis.`, `第七条`, `(PP3)`)
_HEADING_BEFORE = rx.compile(
    r"[ \t*_#]*(?:" + LABEL + r"|\w+\.?[ \t]+[0-9٠-٩]+(?:[ \t]?[a-z]+)?\.?|"
    r"第[一二三四五六七八九十百0-9]+条|[0-9]+(?:\.[0-9]+)+\.?|\((?:PP|OP)?[0-9]+\))?[ \t*_]*")


# A paragraph's status in the negotiation: `[agreed ad referendum]`, `[agreed]`
_STATUS = rx.compile(r"[ \t]*(?:(?:(?:informally|provisionally|tentatively)[ \t]+)?"
                     r"(?:agreed|adopted|acordad[oa]|adoptad[oa]|convenid[oa]|convenu|adopté|согласовано|"
                     r"принято)"
                     r"(?:[ \t]+(?:ad[ \t]+ref(?:er[eé]ndum|\.)?|in principle))?"
                     # `[Suggested for Closure]`, as co-facilitators mark a settled paragraph
                     r"|(?:suggested|proposed|recommended|ready)[ \t]+for[ \t]+closure)\.?[ \t]*",
                     re.IGNORECASE)
_LINE_REST = rx.compile(r"[ \t]*(?:\r|\n|$)")
# an article's heading opening a line (`Artículo 9 Defensores ...`, `Article 4 bis.`)
_UNIT_HEADING = rx.compile(r"[ \t*_#]*(?:Article|Artículo|Artigo|Articolo|Статья|المادة|"
                           r"Art\.)[ \t]*[0-9٠-٩]+")
# A unit left empty, said in the bracket that stands for it: `5. [Deleted]`, `Article 7
# [Reserved]`, `[Intentionally left blank]`.
_VACANT = rx.compile(r"[ \t*_]*(?:(?:text |paragraph |article )?(?:deleted|reserved|not used|"
                     r"omitted)|omise?s?|omitid[oa]s?|"
                     r"intentionally (?:left )?blank|supprimée?s?|réservée?s?|"
                     r"(?:eliminad|suprimid|reservad)[oa]s?|удален[оаы]?|исключен[оаы]?|"
                     r"зарезервирован[оаы]?|已?删除|محذوف[ةه]?)\.?[ \t*_]*", re.IGNORECASE)
# An editor's remark on a quoted or cited passage, never negotiated text: `[sic]`,
# `[emphasis added]`, `[footnote omitted]`.
EDITORIAL = rx.compile(r"[ \t]*(?:sic!?|emphasis (?:added|supplied|in (?:the )?original)|"
                        r"(?:internal )?(?:footnotes?|citations?|references?) omitted|"
                        r"(?:c'est|c’est) nous qui soulignons|souligné par nous|"
                        r"(?:énfasis|subrayado) añadido)[ \t]*", re.IGNORECASE)


# The words for brackets in the six UN languages and Portuguese: a sentence that speaks
# of them and then quotes (`The newly bracketed texts are in paragraph 3, "Affected
# [developing] country Parties..."`) quotes the draft's brackets, not an editor's.
_BRACKET_WORD = rx.compile(r"bracket|crochet|corchete|colchete|скобк|括号|أقواس|معقوف",
                           re.IGNORECASE)
_SENTENCE_END = rx.compile(r".*(?:[.!?;][ \t]|[。！？；]|\n)", re.DOTALL)


def speaks_of_brackets(text: str, pos: int) -> bool:
    """Does the sentence that ``pos`` (a bracket in a quotation) stands in name brackets
    before it?  At most 300 characters back."""
    start = max(0, pos - 300)
    m = _SENTENCE_END.match(text, start, pos)
    return _BRACKET_WORD.search(text, m.end() if m else start, pos) is not None


# The subject an editor put in when quoting a sentence, with the verb they adapted to it
# (`[We] continue[] to be concerned`, `[They] remain[]`): a pronoun in brackets opening
# the sentence, and in it a word whose ending is the empty `[]`.
_PRONOUN = rx.compile(r"[ \t]*(?:We|They|It|He|She|Nous|Ils|Elles|Il|Elle|Nosotros|Ellos|Мы|Они)"
                      r"[ \t]*")
_ADAPTED_VERB = rx.compile(r"[^.;\[\]\r\n]{0,60}?[^\W\d_]\[\]")


def adapted_subject(text: str, close_tok: Token, inner: str) -> bool:
    return _PRONOUN.fullmatch(inner) is not None and \
        _ADAPTED_VERB.match(text, close_tok.end_pos) is not None


# A page's running head or foot saying the text goes on (`[Article 6, continued]`,
# `[continued on page 37]`, `[Article 6 (suite)]`): about the page, not the text.
_RUNNING = rx.compile(r"[ \t*_]*(?:[^\]\r\n]{1,60}?(?:,[ \t]*|[ \t]*\())?(?:continued|"
                      r"cont(?:'|’|in)?d\.?|continuation|suite|continuación|continuação|"
                      r"продолжение)\)?(?:[ \t]+(?:on|from|overleaf|à la|en la|na)"
                      r"\b[^\]\r\n]{0,30})?[ \t*_.]*", re.IGNORECASE)


# A bracket that stands for text given elsewhere, as drafters write it for the typist:
# `[As in No. 1]`, `[Same as paragraph 3]`, `[Text of the Japanese Note]`.
_ELSEWHERE = rx.compile(r"[ \t*_]*(?:as in|as per|same as|idem|repeat|text of|text as in|"
                        r"comme (?:au|à la|à l'|dans)|como (?:en|el|la)|igual que|"
                        r"как в|текст ноты)\b[^\]\r\n]{0,60}", re.IGNORECASE)


def is_running_mark(text: str, open_tok: Token, close_tok: Token) -> bool:
    """``[Article 6, continued]``, ``[Article 6 (continued)]`` (a heading inside),
    ``[continued on page 37]``, and a bracket standing for text given elsewhere (``[As in
    No. 1]``): alone on its line, after a unit's number at most (a phrase of a sentence,
    ``the [continued] support``, ``report [as in paragraph 3]``, is negotiated text)."""
    s, e = open_tok.end_pos, close_tok.start_pos
    return e - s <= 100 and bool(_RUNNING.fullmatch(text, s, e) or
                                 _ELSEWHERE.fullmatch(text, s, e)) \
        and _whole_line(text, open_tok, close_tok)


# Which state of the text a copy gives, under its title, alone on its line: `[1983
# version]`, `[Draft of 12 May 2003]`, `[Rev.2]`, `[As at 30 June 2015]`.
_VERSION = rx.compile(r"[ \t]*(?:(?:19|20)[0-9]{2}[ \t]+(?:version|draft|text|revision)|"
                      r"(?:version|draft|text|revision)[ \t]+(?:of|as of|dated)[ \t][^\]\r\n]{1,30}|"
                      r"rev(?:\.|ision)?[ \t]*[0-9]{1,2}|as (?:at|of)[ \t][^\]\r\n]{1,30})[ \t.]*",
                      re.IGNORECASE)


def _is_version(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    return _VERSION.fullmatch(inner) is not None and _whole_line(text, open_tok, close_tok)


def _is_vacant(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``[Deleted]``, ``[Reserved]`` ... standing for the whole of its unit: alone on
    its line, or after the unit's number or heading (``5. [Deleted]``); or the whole of
    a numbered item in a list a copy ran into one line (``4. Telephone number. 5.
    [omitted] 6. Email address.``)."""
    return _VACANT.fullmatch(inner) is not None and (
        _whole_line(text, open_tok, close_tok) or _whole_item(text, open_tok, close_tok))


# a numbered item run into its line: its number after the end of the item before it, the
# next item's number after it
_ITEM_BEFORE = rx.compile(r"(?:^|[.;:][ \t]+)[0-9]{1,3}\.[ \t]+$")
_ITEM_AFTER = rx.compile(r"[ \t]+[0-9]{1,3}\.[ \t]+\w")


def _whole_item(text: str, open_tok: Token, close_tok: Token) -> bool:
    s = open_tok.start_pos
    return _ITEM_BEFORE.search(text, max(0, s - 12), s) is not None and \
        _ITEM_AFTER.match(text, close_tok.end_pos) is not None


def _whole_line(text: str, open_tok: Token, close_tok: Token) -> bool:
    """The bracket is all its line holds, a unit's number or heading before it aside."""
    if _LINE_REST.match(text, close_tok.end_pos) is None:
        return False
    start = text.rfind("\n", 0, open_tok.start_pos) + 1
    return _HEADING_BEFORE.fullmatch(text, start, open_tok.start_pos) is not None


def _is_status(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``[agreed ad referendum]``; a bare ``[agreed]`` only ending a line after the
    clause it marks (``...society as a whole, [agreed]``), else it is a word."""
    if not _STATUS.fullmatch(inner):
        return False
    if "ref" in inner.lower() or "closure" in inner.lower():
        return True
    if _LINE_REST.match(text, close_tok.end_pos) is None:
        return False
    before = text[max(0, open_tok.start_pos - 3):open_tok.start_pos].rstrip(" \t")
    if before[-1:] in (",", ";", ".", ":"):
        return True
    # `Artículo 9 Defensores de los derechos humanos ... [Convenido]`: ending the heading
    # line of the unit it marks
    start = text.rfind("\n", 0, open_tok.start_pos) + 1
    return _UNIT_HEADING.match(text, start, open_tok.start_pos) is not None


# Where a provision comes from, cited in a bracket after it: `... by its domestic law.
# [United Nations Convention against Illicit Traffic ... of 1988, article 2, paragraphs 2
# and 3]`, `[Based on article 4 of the Kyoto Protocol]`, `[Source: UNCAC, art. 5]`.
_REF_NUMBER = r"[0-9]+(?:\.[0-9]+)*[a-z]?(?:[ \t]?\([0-9a-z]{1,4}\))*"
_REF_WORD = r"(?:[Aa]rticles?|[Aa]rts?\.|[Pp]aragraphs?|[Pp]aras?\.|[Ss]ubparagraphs?|[Rr]ules?)"
_REFERENCE = (_REF_WORD + r"[ \t]*" + _REF_NUMBER + r"(?:(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*[-–][ \t]*)"
              r"(?:" + _REF_WORD + r"[ \t]*)?" + _REF_NUMBER + r")*")
_INSTRUMENT = (r"(?:Convention|Protocol|Agreement|Treaty|Statute|Covenant|Charter|Declaration|"
               r"Accord|UNCAC|UNTOC|UNFCCC|UNCLOS|TRIPS|GATT|GATS)\b")
# the words of an instrument's title: capitalised words, the small words between them, a
# year, and the tags a web copy leaves (`Convention against Illicit Traffic ... of 1988`)
_TITLE_WORDS = (r"(?:[ \t]*(?:</?\w{1,8}>|[A-Z][\w'’-]*(?![\w'’-])|[0-9]{4}(?![0-9])|"
                r"\((?:[A-Z]\w*|[0-9]{4})\)|"
                r"(?:of|in|and|on|against|for|the|to|between|concerning|relating)(?=[ \t<A-Z])))*")
# the text a paragraph's wording comes from, named by its kind (`[based on previous
# declarations]`, `[based on UNSG background note]`, `[Source: 2017 declaration]`)
_SOURCE_KIND = rx.compile(
    r"[ \t]*(?:[Bb]ased on|[Ss]ources?:|[Aa]dapted from|[Tt]aken from|[Dd]rawn from)[ \t]+"
    r"(?:(?:the|an?|previous|earlier|existing|past|prior|agreed|[A-Z][\w.-]*|[0-9]{4})[ \t]+){0,3}"
    r"(?:declarations?|resolutions?|decisions?|outcomes?(?: documents?)?|documents?|"
    r"(?:background |concept |issue |chair'?s? )?(?:notes?|papers?)|reports?|language|texts?)"
    r"[ \t]*")
_SOURCE = rx.compile(
    r"[ \t]*(?:(?:Based on|Sources?:|Adapted from|Taken from|Derived from|Drawn from|Cf\.)"
    r"[ \t]+(?:the[ \t]+)?)?"
    r"(?:(?:[A-Z][\w'’-]*(?![\w'’-])" + _TITLE_WORDS + r"[ \t]+)?" + _INSTRUMENT + _TITLE_WORDS +
    r",?[ \t]+" + _REFERENCE +
    r"|" + _REFERENCE + r",?[ \t]+of[ \t]+(?:the[ \t]+)?" + _TITLE_WORDS +
    r"[ \t]*" + _INSTRUMENT + _TITLE_WORDS + r")[ \t.]*")
_SENTENCE_ENDS = rx.compile(r"[.;][”’\"'»]?[ \t]*$")
_ENDS_AFTER = rx.compile(r"[ \t]*[.;][ \t]*(?:\r|\n|$)")  # the bracket ends its paragraph


def _is_source(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """A citation of the provision's source (``[... Convention ... of 1988, article 2,
    paragraphs 2 and 3]``): an instrument and its article, after the end of a sentence or
    alone on its line, not inside a sentence (``in accordance with [article 4 of the
    Convention]`` is negotiated text)."""
    if len(inner) > 300:
        return False
    start = text.rfind("\n", 0, open_tok.start_pos) + 1
    before = text[max(start, open_tok.start_pos - 4):open_tok.start_pos]
    after = _SENTENCE_ENDS.search(before) is not None or _whole_line(text, open_tok, close_tok)
    if _SOURCE_KIND.fullmatch(inner) is not None:  # also ending the paragraph's sentence
        return after or _ENDS_AFTER.match(text, close_tok.end_pos) is not None
    return after and _SOURCE.fullmatch(inner) is not None


# Who proposed the words that follow, tagged in a bracket before them (`Development means
# [G77] economic growth ... / [US amendment to G77 amendment :] economic ...`): a
# negotiating group's code, or a delegation's amendment or proposal ending with a colon.
_GROUP = (r"(?:G-?77(?:[ \t]*(?:/|and|&)[ \t]*China)?|EU|USA?|AOSIS|LDCs?|AGN|LMDCs?|EIG|ALBA|"
          r"AILAC|BASIC|JUSS?CANN?Z|CANZ|GRULAC|WEOG|Umbrella Group|African Group|Arab Group)")
_TAG = rx.compile(
    r"[ \t]*(?:" + _GROUP + r"(?:[ \t]*(?:,|/|and|&)[ \t]*" + _GROUP + r")*"
    # a drafting group's members, a group's code among them (`[Singapore/African
    # Group/EU/India/US]`)
    r"|(?=[^\]\r\n]*(?<![\w-])" + _GROUP + r"(?![\w-]))[A-Z][\w.-]*(?:[ \t][A-Z][\w.-]*)?"
    r"(?:[ \t]*/[ \t]*[A-Z][\w.-]*(?:[ \t][A-Z][\w.-]*)?){2,}"
    r"|[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,3}[ \t]+(?:amendments?|proposals?|suggestions?|"
    r"reservations?)(?:[ \t]+(?:to|on)[ \t]+[^\]\r\n:]{1,40})?[ \t]*:)[ \t]*")
_TAG_FOLLOWED = rx.compile(r"[ \t]*(?:\r?\n[ \t]*)?[^\W\d_]")
# a word the bracket would complete as a word of the sentence (`the [EU] institutions`)
_TAG_NOT_AFTER = rx.compile(r"(?:^|\W)(?:the|a|an|of|to|for|by|with|and|or|in|on|at|from|its|"
                            r"their|la|le|les|el|los|las|de|des|du)[ \t]*$", re.IGNORECASE)


def _is_tag(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``[G77] economic growth``, ``[US amendment to G77 amendment :] economic ...``: a
    proposer's tag before the words it proposes (text follows, not the end of a sentence;
    no article or preposition before it, as in ``the [EU] institutions``)."""
    s = open_tok.start_pos
    return _TAG.fullmatch(inner) is not None and \
        _TAG_FOLLOWED.match(text, close_tok.end_pos) is not None and \
        _TAG_NOT_AFTER.search(text, max(0, s - 12), s) is None


# An abbreviation of the name just before the bracket, alone or with a word or two (`the
# European Union [EU Party]`, `Climate Change [UNFCCC]`): a gloss or a mark for replacing
# the name in a later revision, not words to insert (reading both is redundant).
_GLOSS = rx.compile(r"[ \t]*([A-Z]{2,7})s?(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]*")
_NAME_WORD = re.compile(r"[\w'’-]+")
_NAME_SMALL = frozenset("of on for and the de des du la le et del y".split())


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)+")


def _is_gloss(text: str, open_tok: Token, inner: str) -> bool:
    """The bracket's abbreviation is the initials of the words just before it (``the
    European Union [EU Party]``, ``heads of delegation [HODs]``; a small word such as
    ``of`` may give its letter or not), two words at least."""
    m = _GLOSS.fullmatch(inner)
    if m is None:
        return False
    s = open_tok.start_pos
    before = text[max(text.rfind("\n", 0, s) + 1, s - 120):s]
    if before[-1:] not in (" ", "\t"):
        return False
    words = _NAME_WORD.findall(before)[-2 * len(m.group(1)):]
    if _initials(words, m.group(1)):
        return True
    # ending its line: the initials of a name given earlier on it (`Cory Doctorow,
    # Electronic Frontier Foundation [CD]`, a note-taker's initials)
    if _LINE_REST.match(text, s + len(inner) + 2) is None:
        return False
    names = [n.split() for n in _CAPITALISED_RUN.findall(before)]
    return any(len(n) >= 2 and "".join(w[0] for w in n) == m.group(1) for n in names)


def _initials(words: list[str], letters: str) -> bool:
    """Do the last words of ``words`` give ``letters`` (each word its first letter, a small
    word its letter or none)?"""
    ends = {len(letters)}  # how many letters are still to match, after the words seen
    for n, word in enumerate(reversed(words)):
        small = word.lower() in _NAME_SMALL
        nxt = {k - 1 for k in ends if k and word[0].upper() == letters[k - 1]}
        if small and n:
            nxt |= ends
        if 0 in nxt and n >= 1:
            return True
        if not nxt:
            return False
        ends = nxt
    return False


# When and where a conference or an instrument named just before was held or adopted, a
# copy printing the text's parentheses as brackets: `the Declaration ... at Work [1998]
# and`, `the World Summit for Social Development [Copenhague, 1995];`, `[Nueva York, 2000]`
_DATE_PLACE = rx.compile(r"(?:[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|da|do|del|di|du|la|le|"
                         r"sur|am|upon))*,[ \t]*)?(?:1[89]|20)[0-9]{2}")
_NAME_BEFORE = rx.compile(r"(?<![\w'’-])(?!(?:By|In|From|Until|Before|After|Since|Through|To|For|"
                          r"Of|On|At|Par|En|Dans|Avant|Después|Antes|Hasta|Desde)[ \t])"
                          r"[A-Z][\w'’-]*[ \t]+$")
_DATE_AFTER = rx.compile(r"[ \t]*(?:[,;.)]|$|\r|\n|(?:and|et|y|e|and the)\b)")


def _is_dated_name(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    s = open_tok.start_pos
    if _DATE_PLACE.fullmatch(inner) is None or \
            _DATE_AFTER.match(text, close_tok.end_pos) is None:
        return False
    # the name's last words, capitalised (`... Social Development [`); not a preposition
    # asking for a year (`by [2030]`, `in [2025]`)
    return _NAME_BEFORE.search(text, max(0, s - 80), s) is not None


# A mailing list's tag opening a message's subject, as list archives print it (`[A2k]
# New Draft concerning ...`, `Subject: [Ip-health] WHO text`): the list's name, one word
# with a digit or a hyphen in it, at the start of the text or of a `Subject:` line, the
# subject after it; leaked drafts are often copied from such archives.
_LIST_NAME = rx.compile(r"[A-Za-z][A-Za-z]*(?:[0-9]+|-)[A-Za-z0-9_.-]*")
_SUBJECT = rx.compile(r"(?:\ufeff)?[ \t]*(?:(?i:subject|objet|asunto)[ \t]*:[ \t]*"
                      r"(?:(?i:re|fwd?|tr)[ \t]*:[ \t]*)*)?")
_SUBJECT_FOLLOWS = rx.compile(r"[ \t]+[\w\"“]")


def _is_list_tag(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    s = open_tok.start_pos
    if len(inner) > 24 or _LIST_NAME.fullmatch(inner) is None or \
            _SUBJECT_FOLLOWS.match(text, close_tok.end_pos) is None:
        return False
    line = text.rfind("\n", 0, s) + 1
    m = _SUBJECT.match(text, line)
    return m is not None and m.end() == s and (_opens_body(text, line) or ":" in m.group(0))


def _opens_body(text: str, line: int) -> bool:
    """The line at offset ``line`` is the first of the draft's text: the file's first,
    or the first after its front matter (the lines from a `---` line to the next)."""
    if line == 0:
        return True
    i = text.find("\n") + 1
    if i == 0 or text[:i].strip("\ufeff \t\r\n") != "---":
        return False
    while i < line:
        j = text.find("\n", i)
        if j < 0:
            return False
        if text[i:j].rstrip("\r \t") == "---":
            return j + 1 == line
        i = j + 1
    return False


# A General Assembly resolution's line on how it came to the plenary, in brackets under
# its title in every language: `[on the report of the Third Committee (A/66/457)]`,
# `[without reference to a Main Committee (A/66/L.2)]`, `[sur la base du rapport de la
# Troisième Commission (A/66/457)]`: the record's, not negotiated text.  Its wording and
# the document symbol in parentheses.
_REFERRAL_WORDS = ("on the report of", "without reference to", "sur la base du rapport",
                   "sans renvoi", "sobre la base del informe", "sin remisión", "по докладу",
                   "без передачи", "根据", "未经发交", "بناء على تقرير", "دون الإحالة")
_REFERRAL = rx.compile(r"[ \t]*(?:" + "|".join(_REFERRAL_WORDS) + r")[^\]\r\n]*\([ \t]*"
                       r"[A-Z]{1,6}[ \t]?/[^)\r\n]*\)[ \t.]*(?:通过)?[ \t]*", re.IGNORECASE)
# A mark of symbols only, a translation tool's or a typesetter's (`[~]`, `[#]`): no words
# to negotiate, no gap (`[...]`, `[___]`), no footnote mark (`[*]`)
_SYMBOLS = rx.compile(r"[ \t]*[~#^+=|<>]{1,3}[ \t]*")


_LINE_TAG = rx.compile(r"[A-Z]{2,4}(?:-[A-Z]{2})?")
_LINE_TAG_TIMES = 3  # lines a tag opens, at least, to be one


def is_line_tag(text: str, open_tok: Token, close_tok: Token, inner: str,
                times: Callable[[str], int]) -> bool:
    """``[FRA] Nations Unies`` / ``[ESP] Naciones Unidas``: a code in capitals opening
    its line, the same bracket written at least three times in the draft (``times``: how
    many times the draft writes a bracket): the tag of a bilingual file's lines, or of a
    speaker's, not words to insert."""
    s = open_tok.start_pos
    return _LINE_TAG.fullmatch(inner) is not None and \
        not text[text.rfind("\n", 0, s) + 1:s].strip(" \t") and \
        times(text[s:close_tok.end_pos]) >= _LINE_TAG_TIMES


# A remark on where the negotiation of a point stands: `[Issues of membership ... remain
# under discussion with a view to resolution as soon as possible.]`
_UNDER_DISCUSSION = rx.compile(r"\b(?:remains?|is|are)[ \t]+(?:still[ \t]+)?under[ \t]+"
                               r"(?:discussion|consideration|negotiation)\b")


def is_note(text: str, open_tok: Token, close_tok: Token, inner: str, alone: bool) -> bool:
    if _NOTE.match(inner) or _PROPOSER_SAYS.match(inner) or _REFERRAL.fullmatch(inner) or \
            _UNDER_DISCUSSION.search(inner) is not None or \
            _SYMBOLS.fullmatch(inner) or \
            _is_status(text, open_tok, close_tok, inner) or \
            alone and _is_tag(text, open_tok, close_tok, inner) or \
            alone and _is_gloss(text, open_tok, inner) or \
            alone and _is_list_tag(text, open_tok, close_tok, inner) or \
            alone and _is_dated_name(text, open_tok, close_tok, inner) or \
            alone and (_is_vacant(text, open_tok, close_tok, inner)
                       or is_running_mark(text, open_tok, close_tok)
                       or _is_version(text, open_tok, close_tok, inner)
                       or _is_source(text, open_tok, close_tok, inner)):
        return True
    # `*[elements for further discussion]*`: a whole bracket set in italics, alone
    s, e = open_tok.start_pos, close_tok.end_pos
    italic = s > 0 and text[s - 1] in "*_" and text[e:e + 1] == text[s - 1]
    return alone and (italic and len(inner.split()) >= 2 or _caption(text, s, e, inner)
                      or _paragraph_title(text, s, e, inner))


# A paragraph's title as WIPO drafts and treaties print it, in brackets after the
# paragraph's number: `(2) [Acts Not Requiring the Proprietor's Authorization] (a) ...`.
_TITLE = rx.compile(r"[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|[a-z][\w'’-]{0,3}|\([^)\r\n]{1,20}\))"
                    # words joined by a slash: `[Industrial Applicability/Utility]`
                    r"(?:/[A-Z][\w'’-]*)?)+"
                    # a script without case: a short phrase, no sentence punctuation in it
                    r"|[\u3400-\u9fff《》〈〉、“”]{2,30}")
# what a phrase of a Chinese sentence runs on with: a modal, a verb, a particle
_CJK_RUNS_ON = rx.compile(r"[ \t]*(?:应|可|须|必须|不得|得|将|已|为|是|的|和|或|及|与|在|对|向|由|"
                          r"均|亦|也|还|并|有)")
_NUMBER_LABEL = rx.compile(r"[ \t]*\([0-9]{1,2}\)[ \t]*")
_AFTER_TITLE = rx.compile(r"[ \t]*(?:\r?\n|$|\([a-z0-9]{1,3}\)|[A-Z\u3400-\u9fff]|"
                          r"\.[ \t]?\.[ \t]?\.)")  # `. . .`: the paragraph's text left out


def _paragraph_title(text: str, s: int, e: int, inner: str) -> bool:
    """``(2) [Acts Not Requiring the Proprietor's Authorization]``: words in title case
    (every word of four letters or more capitalised), right after a paragraph number
    ``(N)`` on its line or alone on the line after it (a number set in the margin), and
    followed by the paragraph's first sentence, a label or the end of the line (a phrase
    of the sentence, ``(1) [Developed Country Parties] shall``, runs on in lower case; in a
    script without case, ``(1)[缔约方法律和若干国际条约]本文本的规定 ...``, on with a verb
    or a particle, ``(1)[发达国家缔约方]应 ...``)."""
    if not _TITLE.fullmatch(inner) or _AFTER_TITLE.match(text, e) is None or \
            _CJK_RUNS_ON.match(text, e) is not None:
        return False
    start = text.rfind("\n", 0, s) + 1
    if _NUMBER_LABEL.fullmatch(text, start, s):
        return True
    if text[start:s].strip(" \t") or start == 0:
        return False
    end = start - 1 - (text[start - 2:start - 1] == "\r")  # the line before, its end
    prev = text.rfind("\n", 0, end) + 1
    return _NUMBER_LABEL.fullmatch(text, prev, end) is not None


_CAPTION_WORD = rx.compile(r"\w+")


def _caption(text: str, s: int, e: int, inner: str) -> bool:
    """``[Recognize value]`` on a line of its own, the next item starting with its words
    (``(i) recognize the intrinsic value ...``, ``1. Recognize value of ...``): a caption
    naming the item, not wording to negotiate."""
    words = _CAPTION_WORD.findall(inner.lower())
    if not 2 <= len(words) <= 8:
        return False
    start = text.rfind("\n", 0, s) + 1
    end = text.find("\n", e)
    if end < 0 or text[start:s].strip(" \t*_#") or text[e:end].strip(" \t*_\r"):
        return False
    while True:  # the next line that holds anything
        nxt = text.find("\n", end + 1)
        line = text[end + 1:nxt if nxt >= 0 else len(text)]
        if line.strip(" \t\r*_") or nxt < 0:
            break
        end = nxt
    label = LIST_LABEL.match(line)
    head = line[label.end() if label else 0:][:len(inner) + 80].lower()
    # the caption's words, in order, among the item's first words (`Recognize value`:
    # `recognize the intrinsic value of ...`), its first word first
    first = iter(_CAPTION_WORD.findall(head)[:len(words) + 4])
    return next(first, None) == words[0] and all(w in first for w in words[1:])


# A unit's letter or number, then in brackets the one it will have (`A[B]`, `4[5]`), alone
# on its line: numbering that depends on the text kept before it, not negotiated text.
_RELABEL = rx.compile(r"[ \t]*(?:[A-Z]|[0-9]{1,3})[ \t]*")
_LINE_END = rx.compile(r"[ \t\u00a0]*(?:\r|\n|$)")


def relabelled(text: str, open_tok: Token, close_tok: Token, inner: str) -> bool:
    """``A[B]``, ``4[5]`` alone on a line: the bracket holds the unit's next label."""
    s = open_tok.start_pos
    if s == 0 or _RELABEL.fullmatch(inner) is None or _LINE_END.match(text, close_tok.end_pos) is None:
        return False
    start = text.rfind("\n", 0, s) + 1
    return _RELABEL.fullmatch(text, start, s) is not None and (text[s - 1].isupper()
                                                               or text[s - 1].isdigit())
