"""The Jinja2 environment of the profile site: templates, filters, and the stylesheet.

Templates live in `vigil/publish/templates/`, the stylesheet in `static/vigil.css`;
both ship inside the package (pyproject's package-data), so a site can be written
anywhere without network or a checkout. Autoescaping is on for every template:
quotes come from documents, and a document's text is never trusted as HTML.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from vigil.publish.labels import INDICATOR_LABELS, country_name, number, stated, status_label

__all__ = ["STYLESHEET", "environment", "render", "stylesheet"]

STYLESHEET = "vigil.css"


@cache
def environment() -> Environment:
    """The shared environment: package templates, autoescape, strict undefined, vigil's filters."""
    env = Environment(
        loader=PackageLoader("vigil.publish", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = number
    env.filters["stated"] = stated
    env.filters["status_label"] = status_label
    env.filters["indicator_label"] = lambda indicator: INDICATOR_LABELS[indicator]
    env.filters["country_name"] = country_name
    env.filters["squash"] = lambda text: " ".join(str(text).split())
    return env


def render(template: str, **context: Any) -> str:
    """One template rendered with `context`."""
    return environment().get_template(template).render(stylesheet=STYLESHEET, **context)


def stylesheet() -> str:
    """The site's stylesheet, as shipped in the package."""
    return resources.files("vigil.publish").joinpath("static", STYLESHEET).read_text(encoding="utf-8")
