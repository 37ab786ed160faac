"""Production refuses to start on weak or missing secrets and names the setting."""

import pytest
from pydantic import ValidationError

from nb.core.settings import Settings
from nb.main import create_app

STRONG = {
    "jwt_secret_key": "j" * 32,
    "token_encryption_key": "t" * 32,
    "admin_password": "a" * 12,
    "database_url": "postgresql://nb:a-long-database-password@db/nb",
    "redis_url": "redis://cache",
}


def test_strong_production_settings_are_accepted():
    Settings(environment="production", **STRONG)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("jwt_secret_key", "short", "JWT_SECRET_KEY"),
        ("token_encryption_key", "", "TOKEN_ENCRYPTION_KEY"),
        ("admin_password", "eleven-char", "ADMIN_PASSWORD"),
        ("database_url", None, "DATABASE_URL"),
        ("database_url", "postgresql://nb:short@db/nb", "DATABASE_URL password"),
        ("redis_url", None, "REDIS_URL"),
    ],
)
def test_production_names_the_weak_or_missing_setting(name, value, message):
    with pytest.raises(ValidationError, match=message):
        Settings(environment="production", **{**STRONG, name: value})


def test_no_environment_starts_the_app_with_an_empty_jwt_secret():
    with pytest.raises(ValueError, match="JWT_SECRET_KEY"):
        create_app(Settings(environment="development", **{**STRONG, "jwt_secret_key": ""}))
