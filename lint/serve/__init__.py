"""`contentlint serve`: a local web page where editors lint drafts as they write.

Needs the optional extra `contentlint[serve]` (Starlette and uvicorn); nothing else in the
package imports this one, so the command line stays fast without it.
"""
