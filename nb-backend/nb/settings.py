"""The single source of configuration: environment variables (and `.env`) read by pydantic-settings."""

from functools import cached_property
from ipaddress import ip_network, IPv4Network, IPv6Network
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MIN_SECRET_LENGTH = 32
MIN_ADMIN_PASSWORD_LENGTH = 12


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    environment: Literal["development", "production", "test"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    data_dir: Path = Field(Path("./data"), alias="NB_DATA_DIR")
    static_dir: Path | None = Field(None, alias="NB_STATIC_DIR")
    log_level: str = "INFO"

    database_url: str | None = None
    db_pool_size: int = 20
    db_max_overflow: int = 10
    redis_url: str | None = None
    redis_namespace: str = "nb"

    jwt_secret_key: str = ""
    token_encryption_key: str = ""
    code_hash_secret: str = ""
    access_token_minutes: int = 15
    refresh_token_days: int = 30

    admin_email: str = "admin@example.com"
    admin_password: str | None = None

    signup_credits: int = Field(0, ge=0)
    trusted_proxies: str = ""

    login_max_failures: int = 5
    login_ip_max_failures: int = 30
    login_lockout_seconds: int = 900
    register_per_ip_per_hour: int = 20
    redeem_max_failures: int = 10
    redeem_lockout_seconds: int = 900

    api_key_touch_seconds: int = 60

    upstream_timeout_seconds: float = 120.0

    @model_validator(mode="after")
    def _refuse_weak_production_secrets(self) -> "Settings":
        if self.environment != "production":
            return self
        problems = []
        if len(self.jwt_secret_key) < MIN_SECRET_LENGTH:
            problems.append(f"JWT_SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters")
        if len(self.token_encryption_key) < MIN_SECRET_LENGTH:
            problems.append(f"TOKEN_ENCRYPTION_KEY must be at least {MIN_SECRET_LENGTH} characters")
        if not self.admin_password or len(self.admin_password) < MIN_ADMIN_PASSWORD_LENGTH:
            problems.append(f"ADMIN_PASSWORD must be at least {MIN_ADMIN_PASSWORD_LENGTH} characters")
        if not self.database_url:
            problems.append("DATABASE_URL is required in production")
        if not self.redis_url:
            problems.append("REDIS_URL is required in production")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def redeem_code_pepper(self) -> str:
        """Key of the redeem-code hash; defaults to the JWT secret so zero-config needs nothing more."""
        return self.code_hash_secret or self.jwt_secret_key

    @cached_property
    def trusted_proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [ip_network(part.strip(), strict=False) for part in self.trusted_proxies.split(",") if part.strip()]
