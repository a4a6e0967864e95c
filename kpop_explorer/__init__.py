"""Pure logic of the K-pop Europe Explorer: data, filters, aggregates, figures, words.

Nothing in this package imports Streamlit, so all of it is tested directly with pandas inputs.
"""
