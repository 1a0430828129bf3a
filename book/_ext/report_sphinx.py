"""Sphinx tweaks of the report site: no live-code (thebe) scripts, which would point to a CDN and
are declared twice by jupyter-book 1.x (the report is static); the version, build date and a citation
line at the foot of every page (analysis.project.config.stamp: reproducible, the same for every build of a commit)."""

from html import escape


def _drop_thebe(app, pagename, templatename, context, doctree):
    files = context.get("script_files")
    if not files:
        return
    context["script_files"] = [
        js for js in files
        if "thebe" not in (getattr(js, "filename", None) or str(js))
        and "THEBE" not in (getattr(js, "attributes", {}) or {}).get("body", "")
    ]


def footer_html(stamp: dict) -> str:
    return (f'<p class="govreport-stamp">Version {escape(stamp["version"])} · built {escape(stamp["date"])} · '
            f'How to cite: {escape(stamp["cite"])} Data terms: DATA.md; changes: CHANGELOG.md.</p>')


def _stamp(app, config):
    try:
        from analysis.project.config import stamp
    except ImportError:  # the book built without the package: no stamp
        return
    opts = dict(config.html_theme_options or {})
    opts["extra_footer"] = (opts.get("extra_footer") or "") + footer_html(stamp())
    config.html_theme_options = opts


def setup(app):
    app.connect("config-inited", _stamp)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
