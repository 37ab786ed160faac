"""The single source of configuration: environment variables (and `.env`) read by pydantic-settings."""

from functools import cached_property
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

MIN_SECRET_LENGTH = 32
MIN_ADMIN_PASSWORD_LENGTH = 12
MIN_DB_PASSWORD_LENGTH = 16


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
    login_account_max_failures: int = 100
    login_ip_max_failures: int = 30
    login_lockout_seconds: int = 900
    register_per_ip_per_hour: int = 20
    redeem_max_failures: int = 10
    redeem_lockout_seconds: int = 900

    api_key_touch_seconds: int = 60

    token_encryption_key_previous: str = ""
    upstream_base_url: str = "https://generativelanguage.googleapis.com"
    upstream_timeout_seconds: float = Field(120.0, gt=0)
    upstream_attempts: int = Field(3, ge=1, le=10)
    generation_deadline_seconds: float = Field(170.0, gt=0)
    pool_wait_seconds: float = Field(5.0, ge=0)
    cooldown_default_seconds: float = 60.0
    cooldown_server_error_seconds: float = 5.0
    cooldown_max_seconds: float = 300.0
    pending_grace_seconds: float = 60.0
    sweep_interval_seconds: float = 30.0
    probe_interval_seconds: float = 300.0
    probe_model: str = "gemini-2.5-flash-image"
    idempotency_ttl_seconds: int = 3600
    demo_upstream: bool | None = None
    expose_docs: bool | None = None
    demo_image_scale: float = 0.5

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
        elif len(make_url(self.database_url).password or "") < MIN_DB_PASSWORD_LENGTH:
            problems.append(f"the DATABASE_URL password must be at least {MIN_DB_PASSWORD_LENGTH} characters")
        if not self.redis_url:
            problems.append("REDIS_URL is required in production")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def docs_exposed(self) -> bool:
        """/docs and /openapi.json: on outside production, off in production unless EXPOSE_DOCS=true."""
        return self.expose_docs if self.expose_docs is not None else self.environment != "production"

    @property
    def sweep_after_seconds(self) -> float:
        """A pending generation older than this has ended (its deadline passed) and was never settled:
        the sweeper may settle it. Derived from the deadline, so a running generation is never swept."""
        return self.generation_deadline_seconds + self.pending_grace_seconds

    @property
    def demo_upstream_allowed(self) -> bool:
        """The offline simulator stands in for Gemini while the pool is empty, except in production."""
        return self.demo_upstream if self.demo_upstream is not None else self.environment != "production"

    @property
    def redeem_code_pepper(self) -> str:
        """Key of the redeem-code hash; defaults to the JWT secret so zero-config needs nothing more."""
        return self.code_hash_secret or self.jwt_secret_key

    @cached_property
    def trusted_proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [ip_network(part.strip(), strict=False) for part in self.trusted_proxies.split(",") if part.strip()]

    image_storage: Literal["local", "s3"] = "local"
    image_storage_dir: Path | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_bucket: str = "nanobanana-images"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    max_conversations_per_owner: int = Field(1000, ge=1)
    storage_quota_bytes_per_owner: int = Field(2 << 30, ge=0)
    visitors_per_ip_per_hour: int = Field(20, ge=1)
    guest_retention_days: int = Field(30, ge=1)
    image_url_ttl_seconds: int = Field(3600, ge=60)
    cleanup_interval_seconds: float = Field(3600.0, gt=0)

    @property
    def image_storage_path(self) -> Path:
        return self.image_storage_dir or self.data_dir / "images"

    nb_timezone: str = Field("Asia/Shanghai", alias="NB_TIMEZONE")
    stats_rollup_interval_seconds: float = Field(60.0, gt=0)
    stats_rollup_lag_seconds: float = Field(120.0, ge=0)
    metrics_token: str = ""
    log_format: Literal["json", "text"] = "json"

    @field_validator("nb_timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"NB_TIMEZONE {name!r} is not a known IANA time zone") from None
        return name

    @property
    def zone(self) -> ZoneInfo:
        """The operators' time zone: "today" and day buckets of the statistics follow it."""
        return ZoneInfo(self.nb_timezone)
