"""What to do instead of a raw HTML tag a page may not hold: one table for the check on the
Markdown (structure_checks) and the sanitiser's report on the HTML (sanitize), so a contributor
gets the same advice for the same tag whichever of the two finds it."""

from __future__ import annotations

TAG_FIXES = {
    "script": "remove it: pages may not run scripts; show code in a fenced code block",
    "style": "pages may not restyle the site: write Markdown and let the theme style it",
    "link": "pages may not load style sheets or other resources: delete it",
    "meta": "pages may not redirect or change the document's settings: delete it",
    "base": "pages may not change where links lead: delete it",
    "iframe": "link to the page instead of embedding it",
    "object": "link to the file instead of embedding it",
    "embed": "link to the file instead of embedding it",
    "form": "pages may not hold forms: link to the tool instead",
    "pre": "write code in a fenced code block (```bash … ```), which the build checks",
    "code": "write code in backticks or a fenced code block, which the build checks",
}


def tag_fix(tag: str, otherwise: str) -> str:
    """The advice for a refused `<tag>`, or `otherwise` for a tag with no advice of its own."""
    return TAG_FIXES.get(tag.lower(), otherwise)
