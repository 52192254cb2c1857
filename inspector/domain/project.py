"""改造项目, 参建单位, 关键人员."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspector.domain.base import Base, JSONText, Synced


class Project(Synced, Base):
    __tablename__ = "projects"

    code: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    community_name: Mapped[str] = mapped_column(String(200), default="")  # 小区名称
    district: Mapped[str] = mapped_column(String(20), default="", index=True)  # 县区
    street: Mapped[str] = mapped_column(String(100), default="")  # 街道
    community: Mapped[str] = mapped_column(String(100), default="")  # 社区
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    year_built: Mapped[int | None] = mapped_column(Integer, nullable=True)
    buildings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    floor_area: Mapped[float | None] = mapped_column(Float, nullable=True)  # m²
    renovation_items: Mapped[list[str]] = mapped_column(JSONText, default=list)  # ids in renovation-items.toml
    plan_year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(10), default="储备", index=True)
    permit_no: Mapped[str] = mapped_column(String(60), default="")  # 施工许可证号
    supervision_no: Mapped[str] = mapped_column(String(60), default="")  # 监督注册号
    permit_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    finish_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract_price: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    # 资金 (元): central+provincial subsidy, resident contribution, utility companies, special bonds, other
    fund_subsidy: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    fund_resident: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    fund_utility: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    fund_bonds: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    fund_other: Mapped[float | None] = mapped_column(Numeric(14, 2, asdecimal=False), nullable=True)
    elevators: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 加装电梯台数
    building_height_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    inspector_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # assigned by the office
    notes: Mapped[str] = mapped_column(Text, default="")

    parties: Mapped[list[Party]] = relationship(back_populates="project", order_by="Party.role")


class Party(Synced, Base):
    __tablename__ = "parties"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # PartyRole
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), default="")  # 统一社会信用代码
    qualification: Mapped[str] = mapped_column(String(200), default="")  # 资质类别及等级
    qualification_no: Mapped[str] = mapped_column(String(60), default="")
    qualification_expiry: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    safety_licence_no: Mapped[str] = mapped_column(String(60), default="")
    contact_person: Mapped[str] = mapped_column(String(60), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    complaint_phone: Mapped[str] = mapped_column(String(30), default="")

    project: Mapped[Project] = relationship(back_populates="parties")
    persons: Mapped[list[Person]] = relationship(back_populates="party", order_by="Person.role")


class Person(Synced, Base):
    __tablename__ = "persons"

    party_id: Mapped[str] = mapped_column(ForeignKey("parties.id"), index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))  # PersonRole
    registration_no: Mapped[str] = mapped_column(String(60), default="", index=True)  # 注册证书号
    safety_cert_no: Mapped[str] = mapped_column(String(60), default="")  # 安全生产考核合格证
    phone: Mapped[str] = mapped_column(String(30), default="")
    labour_contract_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    social_insurance_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    on_site_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    active_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    active_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    party: Mapped[Party] = relationship(back_populates="persons")
