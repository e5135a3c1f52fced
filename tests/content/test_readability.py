"""Flesch-Kincaid grade of Markdown prose."""

from toolkit.readability import measure, measure_markdown, plain_text, syllables


def test_syllable_estimate_on_common_words():
    counts = {"the": 1, "people": 2, "confidential": 4, "children": 2, "helpline": 2, "strategies": 3,
              "organisation": 5, "safeguarding": 4}
    assert {word: syllables(word) for word in counts} == counts


def test_grade_follows_the_flesch_kincaid_formula():
    reading = measure("The cat sat on the mat. It was a good day for everyone.")
    assert (reading.words, reading.sentences, reading.syllables) == (13, 2, 15)
    assert reading.grade == round(0.39 * 13 / 2 + 11.8 * 15 / 13 - 15.59, 1)


def test_markdown_blocks_end_sentences_but_wrapped_lines_do_not():
    text = "## What is it?\n\nThis is a long\nparagraph that wraps. It has two sentences\n\n- item one\n- item two\n  continues\n"
    assert plain_text(text) == ("What is it?\nThis is a long paragraph that wraps. It has two sentences.\n"
                                "item one.\nitem two continues.")


def test_shortcodes_links_and_comments_are_not_prose():
    reading = measure_markdown("Call {{ phone: samaritans }} now. Read [the plan](module:safety-plan).<!-- note -->")
    assert reading.words == 5
