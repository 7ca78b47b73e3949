"""Problems found in annotation files, reported as ``FILE:LINE:COLUMN: severity: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop a file from opening, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


UNKNOWN_POSITION = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, pointing at the place in a file that caused it."""

    path: str
    position: Position
    severity: Severity
    message: str

    def format(self) -> str:
        """Render in the ``FILE:LINE:COLUMN: severity: message`` form editors understand."""
        return (
            f"{self.path}:{self.position.line}:{self.position.column}: "
            f"{self.severity.value}: {self.message}"
        )

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        """Files, then positions, then errors before warnings at the same place."""
        severity_rank = 0 if self.severity is Severity.ERROR else 1
        return (
            self.path,
            self.position.line,
            self.position.column,
            severity_rank,
            self.message,
        )


@dataclass(slots=True)
class DiagnosticSink:
    """Collects every problem of a run so that all are reported at once, in order."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)
    error_count: int = 0
    """How many errors have been recorded so far."""

    def error(self, position: Position, message: str, *, path: str | None = None) -> None:
        """Record an error at ``position`` (of ``path``, by default the annotation file)."""
        self.items.append(Diagnostic(path or self.path, position, Severity.ERROR, message))
        self.error_count += 1

    def warning(self, position: Position, message: str, *, path: str | None = None) -> None:
        """Record a warning at ``position`` (of ``path``, by default the annotation file)."""
        self.items.append(Diagnostic(path or self.path, position, Severity.WARNING, message))

    @property
    def has_errors(self) -> bool:
        """Whether any recorded problem is an error."""
        return self.error_count > 0

    def sorted(self) -> tuple[Diagnostic, ...]:
        """All problems sorted by position, duplicates dropped."""
        return tuple(sorted(set(self.items), key=lambda item: item.sort_key))
