"""Field types shared by the API's response models."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator

from patientgen.storage.tables import as_utc

UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]
