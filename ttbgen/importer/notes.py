"""What the importer could not read, said rather than guessed: notes placed at a key of the spec."""

from __future__ import annotations

from dataclasses import field

from ttbgen.records import record


@record(frozen=False)
class Notes:
    """Notes by key path ("" is the top of the spec); each becomes a `# import: …` comment above its key."""

    by_path: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        """Attach a note to a key path, once."""
        notes = self.by_path.setdefault(path, [])
        if message not in notes:
            notes.append(message)

    def at(self, path: str) -> list[str]:
        """Return the notes of a key path."""
        return self.by_path.get(path, [])

    def all(self) -> list[tuple[str, str]]:
        """Return every (path, message), in the order they were added."""
        return [(path, message) for path, messages in self.by_path.items() for message in messages]
