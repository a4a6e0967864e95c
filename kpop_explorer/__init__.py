"""Pure logic of the K-pop Europe Explorer, one package a concern (each says what it owns):
`datasets` and `uploads` (the data in), `links` (filters and URLs), `measures` (every number),
`views` (what each page shows), `charts` and `formats` (how it is drawn and written), `exports`
(files to take away) and `i18n` (words in three languages).

Nothing in this package imports Streamlit, so all of it is tested directly with pandas inputs.
"""
