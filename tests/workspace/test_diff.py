from workspace.diff import clause_diff, word_diff


def test_a_word_diff_marks_inserted_and_deleted_words_and_keeps_the_rest():
    segments = word_diff("Dat het rijk de kosten vergoedt;", "Dat het rijk alle kosten vergoedt;")
    assert segments == [
        ("equal", "Dat het rijk "),
        ("delete", "de"),
        ("insert", "alle"),
        ("equal", " kosten vergoedt;"),
    ]


def test_a_word_diff_reassembles_both_texts_exactly():
    old, new = "Eén.\n\nTwee  drie vier.", "Eén.\n\nTwee vier, vijf."
    segments = word_diff(old, new)
    assert "".join(t for op, t in segments if op != "insert") == old
    assert "".join(t for op, t in segments if op != "delete") == new


def test_a_word_diff_of_empty_texts_is_all_insertion_or_deletion():
    assert word_diff("", "Nieuw punt.") == [("insert", "Nieuw punt.")]
    assert word_diff("Weg.", None) == [("delete", "Weg.")]


def test_an_inserted_clause_does_not_make_the_later_clauses_look_changed():
    rows = clause_diff(["Een.", "Twee.", "Drie."], ["Een.", "Nieuw.", "Twee.", "Drie!"])
    assert rows == [
        (1, 1, [("equal", "Een.")]),
        (None, 2, [("insert", "Nieuw.")]),
        (2, 3, [("equal", "Twee.")]),
        (3, 4, [("delete", "Drie."), ("insert", "Drie!")]),
    ]


def test_a_deleted_clause_keeps_its_old_number():
    assert clause_diff(["Een.", "Twee."], ["Een."]) == [
        (1, 1, [("equal", "Een.")]),
        (2, None, [("delete", "Twee.")]),
    ]


def test_a_mostly_rewritten_text_shows_as_old_then_new():
    old = "[Plaatshouder] De bron geeft de tekst niet."
    new = "Dat het uitgangspunt voor afspraken met het rijk onverkort van kracht blijft;"
    assert word_diff(old, new) == [("delete", old), ("insert", new)]
