"""The content model's fixed names of audiences, topics and editions (toolkit.content.model uses them).

In a module of their own so that the command line's options and the build options know them
without importing the model's field definitions (a quarter of a second on a busy machine, which
a build with nothing changed does not need).
"""

AUDIENCES = ("self", "family-friends", "parents-carers", "professionals")
TOPICS = ("recognising-risk", "coping-strategies", "where-to-get-help")
EDITIONS = ("public", "professional")
