"""The coordinator's web app (Streamlit): the only package that imports streamlit.

``run()`` draws the app; ``streamlit run app.py`` calls it.
"""

from __future__ import annotations


def run() -> None:
    from .main import main

    main()
