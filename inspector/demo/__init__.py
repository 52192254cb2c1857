"""演示数据: a realistic dataset for an empty store (demos, manual testing, screenshots), built
through the same models and services as real work, in one unit of work (`seed.ensure_demo`)."""

from inspector.demo.seed import demo_id, ensure_demo, is_demo_present

__all__ = ["demo_id", "ensure_demo", "is_demo_present"]
