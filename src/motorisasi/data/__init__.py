"""Embedded default data (tidy CSV files with a sources table) and their loader."""
