"""A page's view, worked out once: what its headline, cards, scorecards and panels show.

- `page_views`: each page's view from a selection; `view_cache` stores views for every session.
- `headlines` and `reality`: the sentences at the top of a page and of the reality checks.
- `story` and `story_views`: the presenter's guided story and the view of each step.
"""
