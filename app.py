"""The Sekasin shift scheduler's web app: ``streamlit run app.py`` (or ``make run``)."""

from scheduler.ui import run

run()
