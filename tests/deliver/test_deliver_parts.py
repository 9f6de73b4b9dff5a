"""Small parts: the server option, address checks."""

from __future__ import annotations

import pytest

from scheduler.deliver import address_problem, parse_server


@pytest.mark.parametrize(
    ("text", "starttls", "expected"),
    [
        ("smtp.example.fi", False, ("smtp.example.fi", 25)),
        ("smtp.example.fi", True, ("smtp.example.fi", 587)),
        ("smtp.example.fi:2525", True, ("smtp.example.fi", 2525)),
        ("[::1]:1025", False, ("::1", 1025)),
        ("[::1]", True, ("::1", 587)),
    ],
)
def test_a_server_is_host_and_port(text, starttls, expected):
    assert parse_server(text, starttls=starttls) == expected


@pytest.mark.parametrize(
    "text", ["", "smtp:", ":25", "smtp:0", "smtp:x", "a:b:c", "user@smtp", "[::1]x", "smtp/25"]
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        parse_server(text)


@pytest.mark.parametrize(
    "address",
    [
        "anna@example.fi",
        "anna.virtanen+vuorot@mieli.example.fi",
        "o'brien@example.ie",
        "a@exämple.fi",
    ],
)
def test_plain_addresses_pass(address):
    assert address_problem(address) is None


@pytest.mark.parametrize(
    "address",
    [
        "",
        "anna",
        "anna@",
        "@example.fi",
        "anna@example",
        "anna@@example.fi",
        "a b@example.fi",
        "anna@example.fi, bea@example.fi",
        "Anna <anna@example.fi>",
        "anna@example.fi\nBcc: x@evil.example",
        "anna.@example.fi",
        "anna@-example.fi",
        "anna@192.168.0.1",
    ],
)
def test_anything_else_is_not_an_address(address):
    assert address_problem(address) is not None
