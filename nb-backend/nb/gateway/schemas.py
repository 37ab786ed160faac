"""Bodies of the model, pricing and key-pool routes."""

from pydantic import BaseModel, Field, model_validator

from nb.core.schemas import Input


class ModelOut(BaseModel):
    id: str
    name: str
    credits: int
    enabled: bool
    image_sizes: list[str]
    aspect_ratios: list[str]
    max_input_images: int


class ModelPriceIn(Input):
    credits: int | None = Field(None, ge=0, le=1_000_000)
    enabled: bool | None = None
    name: str | None = Field(None, min_length=1, max_length=128)
    image_sizes: list[str] | None = Field(None, max_length=8)
    aspect_ratios: list[str] | None = Field(None, max_length=20)
    max_input_images: int | None = Field(None, ge=0, le=14)

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data):
        """Omit a field to leave it unchanged; null is not a price."""
        if isinstance(data, dict) and any(value is None for value in data.values()):
            raise ValueError("fields may be omitted but not null")
        return data
