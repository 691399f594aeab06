"""The dashboard's pages (st.navigation): map, add, review, article; common.py holds what they share."""
