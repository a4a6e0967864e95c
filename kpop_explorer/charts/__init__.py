"""How the explorer draws: Plotly figures, their look, and the panels that hold them.

- `figures` and `history_figures`: the Plotly figures of the pages and of the history page.
- `theme`, `contrast` and `axes`: colours, the text colour on each fill, and tick formats.
- `panels`: a chart's title, table, alt text and figure, shared by page, presenter and deck.
- `points`: map and calendar marks (id, hover text, colour, size).
- `picks`: which marks a viewer clicked or lassoed, read back from Streamlit's selection state.
"""
