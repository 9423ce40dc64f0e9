from book.textdiff import INSERTED, SAME, STRUCK, Segment, word_diff


def test_it_marks_replaced_words_as_struck_and_inserted():
    segments = word_diff("gemeenten voeren taken uit;", "gemeenten en provincies voeren taken uit;")
    assert segments == [
        Segment(SAME, "gemeenten "),
        Segment(INSERTED, "en provincies "),
        Segment(SAME, "voeren taken uit;"),
    ]


def test_joining_the_unchanged_and_inserted_words_gives_the_new_text():
    old = "Dat het rijk de kosten vergoedt; en dat de VNG overlegt."
    new = "Dat het rijk alle kosten volledig vergoedt; en dat de VNG procedeert."
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.kind != STRUCK) == new
    assert "".join(s.text for s in segments if s.kind != INSERTED) == old


def test_a_new_text_from_nothing_is_all_inserted():
    assert word_diff("", "Nieuw punt.") == [Segment(INSERTED, "Nieuw punt.")]
