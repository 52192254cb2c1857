"""What a page answers instead of its content: sign in first, or a refusal in plain Chinese."""

from __future__ import annotations


class NeedSignIn(Exception):
    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class PageError(Exception):
    """Refused or bad input: an HTTP status and a Chinese message that says what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message
