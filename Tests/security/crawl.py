"""Walks the pages a signed-in person (or a visitor) can reach, following the site's own links,
and collects every form that posts. One page per kind of URL is enough: /adherents/<id> is
visited for a couple of structures, not five hundred."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from seclib import UUID_RE, Client, Form, read_page

# Links a crawler must not follow: sign-outs are forms, downloads are no pages.
SKIP = re.compile(r"(\.csv|\.xlsx|\.json)(\?|$)|^/api/|^/css/|^/js/|^/img/|^/favicon")


def kind(path: str) -> str:
    """/adherents/<uuid>/adhesions/<uuid>/modifier → /adherents/{id}/adhesions/{id}/modifier"""
    path = re.sub(UUID_RE, "{id}", path)
    path = re.sub(r"/\d+(?=/|$)", "/{n}", path)
    path = re.sub(r"/[A-Z][A-Z_]+(?=/|$)", "/{code}", path)  # delegation and type codes
    return path


def crawl(client: Client, start: str | list[str] = "/", limit: int = 60, per_kind: int = 2) -> tuple[list[str], list[tuple[str, Form]]]:
    """(pages visited, [(page, form)] of every POST form, one per kind of action). Several
    starts are walked in order: the first one's links come first."""
    base = urlsplit(client.base)
    starts = [start] if isinstance(start, str) else list(start)
    queue, seen, visited, per = starts[:1], set(), [], {}
    pending = starts[1:]
    forms: dict[str, tuple[str, Form]] = {}
    while (queue or pending) and len(visited) < limit:
        if not queue:
            queue.append(pending.pop(0))
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        k = kind(urlsplit(path).path)
        if per.get(k, 0) >= per_kind:
            continue
        per[k] = per.get(k, 0) + 1
        r = client.get(path)
        if r.status_code != 200 or "text/html" not in r.headers.get("Content-Type", ""):
            continue
        visited.append(path)
        page = read_page(r.text)
        for form in page.forms:
            if form.method != "post":
                continue
            action = urlsplit(urljoin(client.base + path, form.action or path)).path
            form.action = action
            forms.setdefault(kind(action), (path, form))
        for href in page.links:
            target = urlsplit(urljoin(client.base + path, href))
            if (target.scheme, target.netloc) != (base.scheme, base.netloc):
                continue
            local = target.path + (("?" + target.query) if target.query else "")
            if SKIP.search(local) or local in seen:
                continue
            queue.append(local)
    return visited, list(forms.values())


def submission(form: Form, replace: dict | None = None, drop_csrf: bool = False, fill=None):
    """(data, files) a browser would send for `form`; `fill(name, type, value)` may replace each
    text-like value."""
    data = []
    for name, value in form.values():
        if drop_csrf and name == "_csrf":
            continue
        data.append((name, value))
    if fill is not None:
        kinds = {f[0]: f[1] for f in form.fields}
        data = [(n, v if n == "_csrf" else fill(n, kinds.get(n, "submit"), v)) for n, v in data]
    if replace:
        data = [(n, v) for n, v in data if n not in replace] + list(replace.items())
    files = None
    if "multipart" in form.enctype:
        files = {f[0]: ("fichier.csv", b"siret;nom\r\n", "text/csv") for f in form.fields if f[1] == "file" and f[0]}
        files = files or None
    return data, files
