"""Errors of the storage layer: the caller's mistake (unknown ids) vs the database's failure."""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every storage error."""


class UnknownSessionError(StorageError, LookupError):
    """The session id does not exist (the caller's mistake, HTTP 404)."""


class UnknownMessageError(StorageError, LookupError):
    """The message id does not exist or belongs to another session (HTTP 404)."""


class UnknownFeedbackError(StorageError, LookupError):
    """The feedback id does not exist (the caller's mistake)."""


class StorageUnavailableError(StorageError):
    """The database cannot be reached or is locked for too long (a backend failure, HTTP 503)."""
