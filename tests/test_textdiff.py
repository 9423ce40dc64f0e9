from alv.textdiff import (
    DELETE,
    EQUAL,
    INSERT,
    MOSTLY_REWRITTEN,
    clause_diff,
    diff_html,
    word_diff,
)


def ops(segments):
    return [(s.op, s.text) for s in segments]


def test_a_changed_word_is_struck_and_the_new_one_inserted_in_place():
    assert ops(word_diff("De leden spreken uit", "De leden besluiten uit")) == [
        (EQUAL, "De leden "),
        (DELETE, "spreken"),
        (INSERT, "besluiten"),
        (EQUAL, " uit"),
    ]


def test_a_replaced_phrase_reads_as_one_deletion_and_one_insertion():
    assert ops(
        word_diff("voor de begroting 2026 wordt", "voor de kaderbrief van het rijk wordt")
    ) == [
        (EQUAL, "voor de "),
        (DELETE, "begroting 2026"),
        (INSERT, "kaderbrief van het rijk"),
        (EQUAL, " wordt"),
    ]


def test_punctuation_changes_do_not_mark_the_word_before_them():
    assert ops(word_diff("taken;", "taken.")) == [(EQUAL, "taken"), (DELETE, ";"), (INSERT, ".")]


def test_equal_texts_have_no_changes_and_empty_texts_are_fine():
    assert ops(word_diff("Gelijk.", "Gelijk.")) == [(EQUAL, "Gelijk.")]
    assert ops(word_diff("", "Nieuw.")) == [(INSERT, "Nieuw.")]
    assert ops(word_diff("Weg.", "")) == [(DELETE, "Weg.")]
    assert word_diff(None, "") == []


def test_the_html_escapes_user_text_and_says_where_changes_begin_and_end():
    html = str(diff_html("a <b>oud</b> & c", "a <script>nieuw</script> & c"))
    assert "<script" not in html and "<b>" not in html
    assert "&lt;" in html and "&gt;" in html and "&amp;" in html
    assert '<del class="alv-change alv-change--del">' in html
    assert '<ins class="alv-change alv-change--ins">' in html
    # Screen readers hear where a deletion and an insertion begin and end.
    assert "[verwijderde tekst:" in html and "einde verwijderde tekst]" in html
    assert "[toegevoegde tekst:" in html and "einde toegevoegde tekst]" in html


def test_an_inserted_clause_does_not_mark_the_later_clauses_as_changed():
    rows = clause_diff(["Een.", "Twee.", "Drie."], ["Een.", "Nieuw.", "Twee.", "Drie."])
    assert [(r.op, r.old_number, r.new_number) for r in rows] == [
        ("equal", 1, 1),
        ("insert", None, 2),
        ("equal", 2, 3),
        ("equal", 3, 4),
    ]


def test_a_changed_clause_is_compared_word_by_word_and_a_removed_one_is_struck():
    rows = clause_diff(["Een.", "Twee oud.", "Drie."], ["Een.", "Twee nieuw."])
    assert [(r.op, r.old_number, r.new_number) for r in rows] == [
        ("equal", 1, 1),
        ("replace", 2, 2),
        ("delete", 3, None),
    ]
    assert "<del" in str(rows[1].html) and "oud" in str(rows[1].html)
    assert "<ins" in str(rows[1].html) and "nieuw" in str(rows[1].html)
    assert str(rows[2].html).startswith("<del")


def test_a_mostly_rewritten_text_shows_as_old_then_new_when_asked():
    old = "[Plaatshouder] De bron geeft de tekst niet."
    new = "Dat het uitgangspunt voor afspraken met het rijk onverkort van kracht blijft;"
    assert ops(word_diff(old, new, rewrite_ratio=MOSTLY_REWRITTEN)) == [
        (DELETE, old),
        (INSERT, new),
    ]
    # A small change stays a small change.
    assert ops(word_diff("Een twee drie.", "Een twee vier.", rewrite_ratio=MOSTLY_REWRITTEN)) == [
        (EQUAL, "Een twee "),
        (DELETE, "drie"),
        (INSERT, "vier"),
        (EQUAL, "."),
    ]


def test_joining_the_segments_gives_back_both_texts_exactly():
    old, new = "Eén.\n\nTwee  drie vier.", "Eén.\n\nTwee vier, vijf."
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != INSERT) == old
    assert "".join(s.text for s in segments if s.op != DELETE) == new


def test_a_clause_row_carries_its_segments_for_other_renderings():
    rows = clause_diff(["Een.", "Twee."], ["Een."])
    assert [(r.op, r.old_number, r.new_number, ops(r.segments)) for r in rows] == [
        (EQUAL, 1, 1, [(EQUAL, "Een.")]),
        (DELETE, 2, None, [(DELETE, "Twee.")]),
    ]
