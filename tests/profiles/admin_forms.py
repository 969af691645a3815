"""The POST data of a Django admin change form, built from the object as it is stored:
only what a test changes differs from what the office's browser would send."""


def _form_value(value):
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else value


def change_form(obj, *, fields: list[str], inlines: dict[str, tuple[str, list]]) -> dict:
    """`fields`: the admin's fields of `obj`; `inlines`: {prefix: (fk name, rows)}."""
    data = {name: _form_value(getattr(obj, obj._meta.get_field(name).attname)) for name in fields}
    for prefix, (fk_name, rows) in inlines.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-{fk_name}"] = obj.pk
            for field in row._meta.fields:
                if field.name not in {"id", fk_name}:
                    data[f"{prefix}-{i}-{field.name}"] = _form_value(getattr(row, field.attname))
    return data


def profile_item_form(item) -> dict:
    return change_form(
        item,
        fields=[
            "profile",
            "group",
            "code",
            "kind",
            "title",
            "definition",
            "required_level",
            "order",
        ],
        inlines={
            "indicators": ("item", list(item.indicators.all())),
            "knowledge": ("item", list(item.knowledge.all())),
        },
    )


def framework_form(framework) -> dict:
    return change_form(framework, fields=["slug", "name", "kind", "description"], inlines={})
