import pytest


@pytest.fixture(autouse=True)
def _books_apart(book_storage):
    # Every test of the book keeps its books apart (tests/conftest.py, book_storage).
    return book_storage
