"""Files a viewer takes away.

- `spreadsheets`: CSV and Excel bytes of a table, with every cell guarded against formulas.
- `briefing`: the briefing workbook (filters, tables and charts of a view).
- `deck`: the PowerPoint story deck.
"""
