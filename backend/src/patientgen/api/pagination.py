"""Offset pagination shared by list routes."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
# Every integer a client can send is bounded by what the database's columns can hold.
MAX_INT4 = 2**31 - 1
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_INT4, description="Items to skip.")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
