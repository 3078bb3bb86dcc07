from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from binome.accounts.models import User
from binome.notifications.models import OutboxMessage
from binome.notifications.services import deliver_due

pytestmark = pytest.mark.django_db

PASSWORD = "binome-demo-2026"


def attempt(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def test_passwords_are_hashed_with_argon2(world):
    assert world.dana.user.password.startswith("argon2")


def test_a_member_logs_in_by_email(client, world):
    response = attempt(client, "dana@example.org", PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert client.get(reverse("network_home", args=["ax"])).status_code == 200


def test_repeated_failures_lock_the_attacker_but_not_the_member_elsewhere(client, world, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "dana@example.org", "wrong-password", "203.0.113.9")
    locked = attempt(client, "dana@example.org", PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    # The real member, from her own address, still gets in.
    assert attempt(client, "dana@example.org", PASSWORD, "198.51.100.7").status_code == 302


def test_a_forgotten_password_is_reset_by_an_email_in_the_members_language(client, world):
    world.dana.user.language = "en"
    world.dana.user.save()
    client.post(reverse("account_reset_password"), {"email": "dana@example.org"})
    message = OutboxMessage.objects.get(to="dana@example.org")
    assert message.language == "en"
    assert "reset" in message.subject.lower()
    deliver_due()
    assert mail.outbox[0].to == ["dana@example.org"]


def test_someone_signs_up_and_joins_an_open_network(client, world):
    world.network.is_signup_open = True
    world.network.save()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "un-mot-de-passe-long",
            "password2": "un-mot-de-passe-long",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.org").exists()
    response = client.post(reverse("network_join", args=["ax"]))
    assert response.status_code == 302
    assert client.get(reverse("profile_edit", args=["ax"])).status_code == 200


def test_nobody_joins_a_closed_network_by_themselves(login, world):
    client = login(world.eve)
    assert client.post(reverse("network_join", args=["ax"])).status_code == 404


def test_the_language_choice_is_kept_on_the_account(login, world):
    client = login(world.dana)
    client.post(reverse("account_language"), {"language": "en", "next": "/n/ax/"})
    world.dana.user.refresh_from_db()
    assert world.dana.user.language == "en"
    assert "Hello Dana" in client.get(reverse("network_home", args=["ax"])).content.decode()


def test_the_language_switch_never_redirects_elsewhere(login, world):
    response = login(world.dana).post(
        reverse("account_language"), {"language": "fr", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse("home")


def test_pages_carry_a_content_security_policy_and_security_headers(client, world):
    response = client.get(reverse("home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sessions_expire_after_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_the_two_factor_set_up_page_renders_in_binomes_layout(login, world):
    body = login(world.bob).get(reverse("mfa_activate_totp"), follow=True).content.decode()
    assert 'class="site-header"' in body
    assert "<h1" in body


def test_an_invited_member_activates_the_account_once(client, world):
    from binome.accounts.tokens import activation_url

    user = User.objects.create_user("invited@example.org")
    path = activation_url(user).split("8000", 1)[-1].replace("http://testserver", "")
    assert client.get(path).status_code == 200
    response = client.post(
        path, {"new_password1": "un-long-secret-42", "new_password2": "un-long-secret-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un-long-secret-42")
    assert user.emailaddress_set.get().verified
    client.logout()
    assert client.get(path).status_code == 400


def test_the_django_admin_logs_in_through_the_two_factor_login(client, world):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_superuser_without_two_factor_is_sent_to_set_it_up(client, world, settings):
    settings.BINOME_STAFF_MFA_REQUIRED = True
    world.alice.user.is_staff = world.alice.user.is_superuser = True
    world.alice.user.save()
    client.force_login(world.alice.user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
