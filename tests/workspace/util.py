"""Helpers for the workspace's view tests."""

from django.test import Client

# What htmx sends with every request it makes.
HTMX = {"HTTP_HX_REQUEST": "true"}


def assert_refused(url, method="get", data=None, *, member, board=None):
    """Anonymous visitors go to the login page; logged-in users without the role get 403."""
    send = getattr(Client(), method)
    response = send(url, data or {})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert getattr(member, method)(url, data or {}).status_code == 403
    if board is not None:
        assert getattr(board, method)(url, data or {}).status_code == 403


def html(response):
    return response.content.decode()
