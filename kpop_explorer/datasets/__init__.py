"""The data: the datasets' schemas, loading them (files or a database), checking them.

- `schemas` and `codes`: each dataset's columns and the controlled vocabularies they use.
- `loading` and `database`: the shipped CSV folder, a team's own folder or SQL database.
- `validation`: rows checked against their schema, with a reason for each refused row.
- `intake`: an uploaded file read, normalised and validated in one step (see `uploads`).
- `dictionary`: each column as a person reads it, for the Data page and the templates.
- `geo`: populations, country codes by name and city coordinates from GeoNames.
"""
