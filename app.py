"""K-pop Europe Explorer: `streamlit run app.py`.

The frame (page config, language, global filters, `st.navigation`) is `components/frame.py`;
each page is a `render(ctx)` function in `pages/`, in a file named as its URL path.
"""

from components.frame import main

main()
