"""Reusable Streamlit pieces: the filter sidebar, KPI row, chart panel and page context."""
