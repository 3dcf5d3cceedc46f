"""Everything users see: the command line, exports, charts and reports."""
