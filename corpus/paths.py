"""Where the shipped corpus files live, relative to this package."""

from __future__ import annotations

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
TEXTS_DIR = CORPUS_DIR / "texts"
POLICY_PATH = TEXTS_DIR / "gz-tech-finance-opinions.txt"
EXTRA_DOCUMENTS_DIR = CORPUS_DIR / "documents"
REGISTRY_PATH = CORPUS_DIR / "registry.json"
DICTIONARY_DIR = CORPUS_DIR / "dictionary"
USER_DICT_PATH = DICTIONARY_DIR / "userdict.txt"
STOPWORDS_PATH = DICTIONARY_DIR / "stopwords.txt"
ALIASES_PATH = DICTIONARY_DIR / "aliases.json"
ELIGIBILITY_PATH = CORPUS_DIR / "eligibility.json"
UNDERSTANDING_DIR = CORPUS_DIR / "understanding"
GAZETTEER_PATH = UNDERSTANDING_DIR / "gazetteer.json"
LEXICON_PATH = UNDERSTANDING_DIR / "lexicon.json"
AWARDS_PATH = CORPUS_DIR / "awards.json"
PROFILE_WORDS_PATH = UNDERSTANDING_DIR / "profile_words.json"
TRADITIONAL_PATH = UNDERSTANDING_DIR / "traditional.json"
NAMED_THINGS_PATH = UNDERSTANDING_DIR / "named_things.json"
FOCUS_PATH = UNDERSTANDING_DIR / "focus.json"
PLACE_ROLES_PATH = UNDERSTANDING_DIR / "place_roles.json"
DOUBTS_PATH = UNDERSTANDING_DIR / "doubts.json"
QUESTION_INDEX_PATH = CORPUS_DIR / "question_index.json"
DOCUMENT_SELF_PATH = UNDERSTANDING_DIR / "document_self.json"
