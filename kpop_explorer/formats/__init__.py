"""How a value is shown, decided once per column for every surface (screen, file, chart).

- `columns`: each column's kind (count, money, share...) and its text, Excel, browser and
  chart formats.
- `precision`: an attainment's text, with the digits its standing needs.
- `tables`: a table as a person reads it (labels, codes in words, internal columns dropped).
"""
