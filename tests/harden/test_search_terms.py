"""The search index's terms (toolkit/harden/search_index.words): folded as search.js folds a query."""

from __future__ import annotations

from toolkit.harden.search_index import STOPWORDS, words


def test_polish_letters_lose_their_marks_and_stop_words_go():
    assert words("Zadzwoń teraz, proszę: łódź i żółć, a także STRAßE", STOPWORDS["pl"]) == [
        "zadzwon", "teraz", "prosze", "lodz", "zolc", "takze", "strasse"]


def test_marks_written_apart_ligatures_and_wide_letters_fold_as_composed_ones():
    # e + combining acute (decomposed), the fi ligature, fullwidth letters, a no-break space, a mark alone
    assert words("e\u0301te\u0301 cafe\u0301\u00a0\ufb01ne \uff26\uff35\uff2c\uff2c a \u0301b", frozenset()) == [
        "ete", "cafe", "fine", "full"]


def test_arabic_letters_written_several_ways_become_one_and_tatweel_goes():
    # أو and إلى fold to او and الي, which are stop words
    assert words("اتصل الآن أو إلى كـتـاب المدرسة", STOPWORDS["ar"]) == ["اتصل", "الان", "كتاب", "المدرسه"]


def test_english_text_keeps_its_words_in_order_with_repeats():
    assert words("Call us -- call us again_now, or text 85258.", STOPWORDS["en"]) == [
        "call", "call", "again", "now", "text", "85258"]
