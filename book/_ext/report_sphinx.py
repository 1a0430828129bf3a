"""Sphinx tweaks of the report site: no live-code (thebe) scripts, which would point to a CDN and
are declared twice by jupyter-book 1.x; the report is static."""


def _drop_thebe(app, pagename, templatename, context, doctree):
    files = context.get("script_files")
    if not files:
        return
    context["script_files"] = [
        js for js in files
        if "thebe" not in (getattr(js, "filename", None) or str(js))
        and "THEBE" not in (getattr(js, "attributes", {}) or {}).get("body", "")
    ]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
