"""A hostile scraped page: markup, event handlers, ``javascript:`` links, template syntax and
spreadsheet formulas in the title, summary, a chapter body, a quote and an entity description.

The page uses the line-broken card layout of ``samples/pages/en/hassabis.md`` and is written in
English, so placed under a non-English locale folder it is a single-variant episode reported as
untranslated (L401): its title and summary reach every report format.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = "[x](javascript:window.__pwned=1)"
TEMPLATE = "{{ 7*7 }}"
JINJA_BLOCK = "{% for x in range(3) %}loop{% endfor %}"
FORMULA = '=HYPERLINK("http://evil.test","click")'
PAYLOADS: tuple[str, ...] = (SCRIPT, IMG, LINK, TEMPLATE)

TITLE = f"{FORMULA} {SCRIPT} {TEMPLATE}"
SUMMARY = (
    f"@SUM(1+1) {IMG} This episode is a deliberately hostile test page about the history of "
    f"translation tools and the people who build them, written in plain English prose {LINK}."
)
BODY = (
    f"The host opens with a long story about how translators worked before software {SCRIPT} and "
    f"how every editor kept a private glossary {IMG} of names and terms. He says {TEMPLATE} and "
    f"{JINJA_BLOCK} are things a template engine must never evaluate. Read more {LINK} here."
)
QUOTE = f"We never trusted the scraper {SCRIPT} and we were right {IMG} {LINK} {TEMPLATE}"
DESCRIPTION = f"Fictional translator {SCRIPT} {IMG} {LINK} {TEMPLATE}"

PAGE = f"""{TITLE}
42:00
EN/ES
Watch with Captions
Hostile Channel · 3 days ago

{SUMMARY}

## [00:00] Opening {TEMPLATE}
{BODY}

> *"{QUOTE}"*

## [10:30] The Glossary Years
The second part covers the years when every agency kept its own glossary in a spreadsheet and
shared it by email, which is how formulas and stray markup ended up in translated pages.

> *"A glossary is only as good as the last person who edited it."*

## Entities
- **Ada Example** (Person): {DESCRIPTION}
- **Glossary Tool** (Software): A spreadsheet macro {SCRIPT} that everyone used.

#hostile#xss#test
"""

FILENAME = "hostile.md"


def write_hostile_page(folder: Path) -> Path:
    """Write the hostile page into ``folder`` (created) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILENAME
    path.write_text(PAGE, encoding="utf-8")
    return path
