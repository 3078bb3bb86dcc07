from __future__ import annotations

import pytest
from django.urls import reverse

from binome.members.completeness import profile_completeness

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {
        "first_name": "Dana",
        "last_name": "Persona",
        "class_year": "2015",
        "degree": "X2011",
        "position_title": "Cheffe de projet",
        "employer": "EDF",
        "sector": "energy",
        "function": "project_management",
        "years_of_experience": "9",
        "skills": "Python, négociation",
        "languages": ["fr", "en"],
        "country": "FR",
        "city": "Lyon",
        "time_zone": "Europe/Paris",
        "bio": "Je pilote des projets solaires.",
        "goals": "Changer de métier.",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-0-title": "Ingénieure",
        "positions-0-employer": "Total",
        "positions-0-start_year": "2015",
        "positions-0-end_year": "2019",
    }
    data.update(overrides)
    return data


def test_it_saves_the_profile_and_career_history(login, world):
    response = login(world.dana).post(reverse("profile_edit", args=["ax"]), profile_data())
    assert response.status_code == 302
    world.dana.refresh_from_db()
    assert world.dana.skills == ["Python", "négociation"]
    assert world.dana.positions.get().employer == "Total"
    assert profile_completeness(world.dana).percent == 100


def test_it_shows_errors_next_to_the_fields_and_saves_nothing(login, world):
    response = login(world.dana).post(
        reverse("profile_edit", args=["ax"]),
        profile_data(class_year="abc", **{"positions-0-end_year": "2001"}),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez un nombre entier" in body
    assert "La fin précède le début" in body
    world.dana.refresh_from_db()
    assert world.dana.city == "Paris"


def test_the_meter_says_what_is_missing_and_why(world):
    world.dana.bio = ""
    result = profile_completeness(world.dana)
    assert result.percent < 100
    assert any(item.field == "bio" for item in result.missing)


def test_a_member_saves_a_phone_and_a_linkedin_profile_and_a_bad_phone_is_refused(login, world):
    from django.urls import reverse

    client = login(world.dana)
    page = client.get(reverse("profile_edit", args=["ax"])).content.decode()
    assert 'name="phone"' in page and 'name="linkedin_url"' in page
    data = {
        "first_name": "Dana",
        "last_name": "Persona",
        "time_zone": "Europe/Paris",
        "phone": "+33 6 12 34 56 78",
        "linkedin_url": "linkedin.com/in/dana",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    assert client.post(reverse("profile_edit", args=["ax"]), data).status_code == 302
    world.dana.refresh_from_db()
    assert world.dana.phone == "+33 6 12 34 56 78"
    assert world.dana.linkedin_url == "https://linkedin.com/in/dana"
    refused = client.post(reverse("profile_edit", args=["ax"]), {**data, "phone": "appelez-moi"})
    assert refused.status_code == 200
    assert "appelez-moi" in refused.content.decode()


def test_years_are_bounded_by_the_year_the_form_is_shown(monkeypatch):
    import datetime

    from binome.members import forms

    class In2031(datetime.date):
        @classmethod
        def today(cls):
            return cls(2031, 3, 1)

    monkeypatch.setattr(forms.datetime, "date", In2031)
    position = forms.PositionForm(data={"title": "CTO", "start_year": "2031", "end_year": "2032"})
    assert list(position.errors) == ["end_year"]
    assert position.fields["start_year"].widget.attrs["max"] == "2031"
    profile = forms.ProfileForm(data=profile_data(class_year="2038"))
    assert "class_year" in profile.errors
    assert "class_year" not in forms.ProfileForm(data=profile_data(class_year="2037")).errors


def test_a_sector_kept_as_written_shows_on_the_member_page(login, world):
    mentor = world.charlie
    mentor.sector, mentor.sector_text = "", "Économie sociale et solidaire"
    mentor.save()
    page = login(world.dana).get(reverse("member_detail", args=["ax", mentor.pk]))
    assert "Économie sociale et solidaire" in page.content.decode()
