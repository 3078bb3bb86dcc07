"""The account language page: a page on GET, a named error on bad input, a safe redirect."""

from __future__ import annotations

from django.urls import reverse


def test_the_language_page_shows_the_choice_on_get(login, world):
    response = login(world.dana).get(reverse("account_language"))
    assert response.status_code == 200
    assert 'name="language"' in response.content.decode()


def test_an_unknown_language_is_refused_with_a_translated_error(login, world):
    response = login(world.dana).post(reverse("account_language"), {"language": "xx"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    world.dana.user.refresh_from_db()
    assert world.dana.user.language != "xx"


def test_a_next_that_is_not_a_path_goes_home(login, world):
    response = login(world.dana).post(
        reverse("account_language"), {"language": "en", "next": "foo"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_next_on_this_site_is_followed(login, world):
    response = login(world.dana).post(
        reverse("account_language"), {"language": "en", "next": "/n/ax/?page=2"}
    )
    assert response["Location"] == "/n/ax/?page=2"


def test_a_protocol_relative_next_goes_home(login, world):
    response = login(world.dana).post(
        reverse("account_language"), {"language": "en", "next": "//evil.example.com/"}
    )
    assert response["Location"] == reverse("home")
