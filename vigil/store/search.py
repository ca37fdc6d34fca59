"""Full-text search over document titles and texts, on SQLite FTS5 or PostgreSQL.

A user's query is never handed to FTS5 as syntax: FTS5 raises on a stray `"`,
`(`, `*`, `AND` or `NEAR`. Instead `parse_query` reads it the way PostgreSQL's
`websearch_to_tsquery` does — words are all required, `"quoted words"` are a
phrase, `or` between words gives alternatives, `-word` excludes — and
`fts5_match` writes that back as an FTS5 expression in which every word is a
quoted string. PostgreSQL gets the user's text through `websearch_to_tsquery`,
which never raises on syntax. Both sides mark hits in snippets with `[` `]`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import BindParameter, Connection, bindparam, text

from vigil.errors import StoreError
from vigil.store.rows import SearchHit

__all__ = ["HIT_CLOSE", "HIT_OPEN", "Alternative", "Term", "fts5_match", "parse_query", "search"]

HIT_OPEN = "["
HIT_CLOSE = "]"

# Title words weigh twice as much as text words: a report *about* deportations
# should outrank one that mentions them once in passing.
TITLE_WEIGHT = 2.0
TEXT_WEIGHT = 1.0

# Snippet length in words (FTS5 counts tokens, PostgreSQL words): about a line.
SNIPPET_WORDS = 20

# PostgreSQL indexes (migration 0001) and highlights only this much of a text; a
# tsvector may not exceed 1 MB. Keep equal to the migration's literal.
POSTGRES_INDEXED_CHARS = 300_000

# Letters and digits, as FTS5's unicode61 tokenizer sees them (underscore splits).
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must appear together in this order (one word is a phrase of one)."""

    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Alternative:
    """Terms that must all match (the negated ones must not)."""

    terms: tuple[Term, ...]


def parse_query(query: str) -> tuple[Alternative, ...]:
    """The query as alternatives of terms, websearch-style; empty when it holds no words."""
    alternatives: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(query):
        quoted, bare = match.group(1), match.group(2)
        negated = False
        if bare is not None:
            if bare.lower() == "or":
                if alternatives[-1]:
                    alternatives.append([])
                continue
            if bare.startswith("-") and len(bare) > 1:
                negated, bare = True, bare[1:]
        words = tuple(_WORD.findall(quoted if quoted is not None else bare))
        if words:
            alternatives[-1].append(Term(words, negated))
    # An alternative of only exclusions cannot be searched for (there is nothing to find).
    kept = [terms for terms in alternatives if any(not term.negated for term in terms)]
    return tuple(Alternative(tuple(terms)) for terms in kept)


def _fts5_phrase(term: Term) -> str:
    # Words hold only letters and digits, so wrapping them in quotes is always valid.
    return '"' + " ".join(term.words) + '"'


def fts5_match(alternatives: Sequence[Alternative]) -> str:
    """An FTS5 MATCH expression for parsed alternatives, in which every word is quoted."""
    parts = []
    for alternative in alternatives:
        wanted = " AND ".join(_fts5_phrase(t) for t in alternative.terms if not t.negated)
        unwanted = " OR ".join(_fts5_phrase(t) for t in alternative.terms if t.negated)
        parts.append(f"(({wanted}) NOT ({unwanted}))" if unwanted else f"({wanted})")
    return " OR ".join(parts)


_SQLITE = f"""
SELECT documents_fts.document_id AS document_id,
       documents.title AS title,
       snippet(documents_fts, -1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', {SNIPPET_WORDS}) AS snippet,
       -bm25(documents_fts, 0.0, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank
FROM documents_fts JOIN documents ON documents.id = documents_fts.document_id
WHERE documents_fts MATCH :match {{filters}}
ORDER BY bm25(documents_fts, 0.0, {TITLE_WEIGHT}, {TEXT_WEIGHT}), documents.id
LIMIT :limit
"""

# Each document is indexed in its own language (migrations 0004, 0006): its words'
# stems. A query is read in English, Russian and as plain words, and a document
# matching any reading is a hit: the plain reading finds words a stemmer leaves as
# written, such as a Cyrillic name in an English report.
_POSTGRES_CONFIG = (
    "(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "ELSE 'simple'::regconfig END)"
)

_POSTGRES = f"""
WITH query AS (
    SELECT websearch_to_tsquery('english', :query) || websearch_to_tsquery('russian', :query)
           || websearch_to_tsquery('simple', :query) AS q
),
hits AS (
    SELECT documents.id, documents.title, documents.text, documents.language, query.q,
           ts_rank(documents.search_vector, query.q) AS rank
    FROM documents, query
    WHERE documents.search_vector @@ query.q {{filters}}
    ORDER BY rank DESC, documents.id
    LIMIT :limit
)
SELECT id AS document_id, title,
       ts_headline({_POSTGRES_CONFIG}, left(coalesce(title, ''), 2000) || E'\\n' || left(text, {POSTGRES_INDEXED_CHARS}), q,
                   'StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=5, '
                   'MaxFragments=2, FragmentDelimiter=" … "') AS snippet,
       rank
FROM hits
ORDER BY rank DESC, id
"""


def search(
    connection: Connection,
    query: str,
    *,
    limit: int,
    confidentiality: Collection[str] | None = None,
    language: str | None = None,
) -> list[SearchHit]:
    """Documents matching `query`, best first, each with a highlighted snippet."""
    alternatives = parse_query(query)
    if not alternatives or limit <= 0:
        return []
    filters = ""
    params: dict[str, object] = {"limit": limit}
    binds: list[BindParameter[object]] = []
    if confidentiality is not None:
        if not confidentiality:
            return []
        filters += " AND documents.confidentiality IN :levels"
        params["levels"] = [str(level) for level in confidentiality]
        binds.append(bindparam("levels", expanding=True))
    if language is not None:
        filters += " AND documents.language = :language"
        params["language"] = language
    dialect = connection.dialect.name
    if dialect == "sqlite":
        statement = text(_SQLITE.format(filters=filters))
        params["match"] = fts5_match(alternatives)
    elif dialect == "postgresql":
        statement = text(_POSTGRES.format(filters=filters))
        params["query"] = query
    else:
        raise StoreError(dialect, "full-text search needs SQLite (FTS5) or PostgreSQL")
    if binds:
        statement = statement.bindparams(*binds)
    rows = connection.execute(statement, params).all()
    return [
        SearchHit(document_id=row.document_id, title=row.title, snippet=row.snippet, rank=float(row.rank))
        for row in rows
    ]
