"""Inspector — 老旧小区改造质量安全监督 (quality and safety supervision of old community renovation)."""

__version__ = "0.1.0"
APP_NAME = "Inspector"
APP_TITLE_ZH = "老旧小区改造质量安全监督"
