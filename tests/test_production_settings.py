"""The production settings: secure by default, complete, and refusing the demo password."""

import sys

import pytest

from papers import demo
from tests import production
from tests.conftest import make_user
from tests.production import manage


def production_env(tmp_path, **extra):
    return production.production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra)


def test_check_deploy_reports_nothing_with_the_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "Production settings need DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_fall_back_to_sqlite(tmp_path):
    env = production_env(tmp_path)
    del env["DATABASE_URL"]
    result = manage(env, "check")
    assert "Production settings need DATABASE_URL" in result.stderr


def test_production_settings_are_secure_unless_told_otherwise(tmp_path, monkeypatch):
    for key, value in production_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("DJANGO_EMAIL_HOST", "smtp.vng.example")
    sys.modules.pop("alv.settings_production", None)
    import alv.settings_production as settings_production

    sys.modules.pop("alv.settings_production", None)
    assert settings_production.DEBUG is False
    assert settings_production.SESSION_COOKIE_SECURE and settings_production.SESSION_COOKIE_HTTPONLY
    assert settings_production.CSRF_COOKIE_SECURE and settings_production.CSRF_COOKIE_HTTPONLY
    assert settings_production.SECURE_SSL_REDIRECT
    assert settings_production.SECURE_HSTS_SECONDS >= 365 * 24 * 3600
    assert settings_production.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert settings_production.EMAIL_HOST == "smtp.vng.example"
    assert settings_production.ALV_DEMO_ALLOWED is False
    # Two-factor sign-in is enforced; the demo's waiver needs ALV_DEMO_ALLOWED.
    assert "alv.second_factor.SecondFactorMiddleware" in settings_production.MIDDLEWARE


def test_load_demo_refuses_to_run_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "load_demo")
    assert result.returncode != 0
    assert "refuse to load them" in result.stderr


@pytest.mark.django_db
def test_with_the_demo_off_the_demo_password_does_not_log_in(client, settings):
    user = make_user("bestuur")
    user.set_password(demo.DEMO_PASSWORD)
    user.save()
    settings.ALV_DEMO_ALLOWED = False
    response = client.post(
        "/accounts/login/", {"username": "bestuur", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    with pytest.raises(demo.DemoNotAllowed):
        demo.load()


@pytest.mark.django_db
def test_in_development_the_demo_password_logs_in(client):
    user = make_user("bestuur")
    user.set_password(demo.DEMO_PASSWORD)
    user.save()
    response = client.post(
        "/accounts/login/", {"username": "bestuur", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_in_development_the_demo_board_is_not_asked_for_a_second_factor(client):
    user = make_user("bestuur", "board")
    user.set_password(demo.DEMO_PASSWORD)
    user.save()
    client.post("/accounts/login/", {"username": "bestuur", "password": demo.DEMO_PASSWORD})
    assert client.get("/workspace/").status_code == 200
