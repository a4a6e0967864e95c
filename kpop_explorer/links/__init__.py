"""What a URL carries: the filters, the pages and every link parameter.

- `filters`: the filters, their state and how they cut each dataset.
- `facets`: the choices each filter offers, given the others.
- `view_params` and `link_values`: a link parameter read and written in one place.
- `links`: presenter links and the flags they carry.
- `site`: the pages, their URL paths and titles.
"""
